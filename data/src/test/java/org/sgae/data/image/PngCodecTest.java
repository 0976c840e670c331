package org.sgae.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.data.DataFormatException;

class PngCodecTest {
    private static RgbImage random(int w, int h, long seed) {
        byte[] b = new byte[w * h * 3];
        new SplittableRandom(seed).nextBytes(b);
        return new RgbImage(w, h, b);
    }

    @Test
    void roundTripAndImageIoAgrees() throws Exception {
        RgbImage img = random(37, 23, 1);
        byte[] png = PngCodec.encode(img);
        assertArrayEquals(img.rgb(), PngCodec.decode(png).rgb());
        BufferedImage bi = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(37, bi.getWidth());
        int[] argb = bi.getRGB(0, 0, 37, 23, null, 0, 37);
        assertArrayEquals(img.rgb(), RgbImage.fromPacked(37, 23, argb).rgb());
        assertArrayEquals(png, PngCodec.encode(img), "encoding is deterministic");
    }

    @Test
    void decodesImageIoPngsWithAllFilters() throws Exception {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_BYTE_GRAY}) {
            BufferedImage bi = new BufferedImage(31, 17, type);
            SplittableRandom r = new SplittableRandom(type);
            for (int y = 0; y < 17; y++) {
                for (int x = 0; x < 31; x++) {
                    bi.setRGB(x, y, 0xFF000000 | (x * 8 << 16) | (y * 15 << 8) | r.nextInt(256));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(bi, "png", out);
            RgbImage dec = PngCodec.decode(out.toByteArray());
            int[] expect = bi.getRGB(0, 0, 31, 17, null, 0, 31);
            if (type == BufferedImage.TYPE_BYTE_GRAY) { // getRGB converts linear grey; the file holds raw samples
                for (int i = 0; i < expect.length; i++) {
                    int v = bi.getRaster().getSample(i % 31, i / 31, 0);
                    expect[i] = (v << 16) | (v << 8) | v;
                }
            }
            assertArrayEquals(RgbImage.fromPacked(31, 17, expect).rgb(), dec.rgb(), "type " + type);
        }
    }

    @Test
    void truncatedPngIsReportedWithTheFileName(@TempDir Path dir) throws Exception {
        byte[] png = PngCodec.encode(random(40, 40, 2));
        Path f = dir.resolve("7.png");
        Files.write(f, Arrays.copyOf(png, png.length / 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFiles.read(f));
        assertTrue(e.getMessage().contains("7.png") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void garbageAndMissingImagesAreReported(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("8.jpg");
        Files.write(f, new byte[] {1, 2, 3, 4, 5});
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFiles.read(f));
        assertTrue(e.getMessage().contains("8.jpg") && e.getMessage().contains("unreadable"), e.getMessage());
        DataFormatException m = assertThrows(DataFormatException.class, () -> ImageFiles.read(dir.resolve("9.png")));
        assertTrue(m.getMessage().contains("9.png") && m.getMessage().contains("missing"), m.getMessage());
    }

    @Test
    void corruptCrcIsReported() {
        byte[] png = PngCodec.encode(random(8, 8, 3));
        png[40] ^= 0x55; // inside IDAT data
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PngCodec.decode(png));
        assertTrue(e.getMessage().contains("CRC"), e.getMessage());
    }
}
