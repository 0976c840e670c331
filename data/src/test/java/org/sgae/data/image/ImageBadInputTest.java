package org.sgae.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.data.DataFormatException;
import org.sgae.tensor.Tolerances;

/**
 * Images that ImageIO decodes to wrong pixels without complaint (grey levels, truncation) or that blow up
 * the heap (headers claiming huge sizes): each is decoded correctly or refused with one DataFormatException
 * naming the file. Every image is written by the test itself.
 */
class ImageBadInputTest {
    /** Grey levels of the test pattern, one per band of 8 rows (a JPEG block), from black to white. */
    private static final int[] LEVELS = {0, 30, 88, 160, 255};

    @TempDir
    Path dir;

    @Test
    void greyJpegKeepsItsSamples() throws Exception {
        RgbImage img = ImageFiles.read(write("grey.jpg", jpeg(greyBands())));
        // Flat 8x8 blocks at quality 1.0 come back within a level or two; linear-to-sRGB would give 88 -> 159.
        assertBands(img, Tolerances.JPEG_BEST_QUALITY_LEVELS);
    }

    @Test
    void sixteenBitGreyPngKeepsItsSamples() throws Exception {
        BufferedImage grey = new BufferedImage(16, 8 * LEVELS.length, BufferedImage.TYPE_USHORT_GRAY);
        fillBands(grey.getRaster(), 257); // 88 * 257 is the 16-bit sample of 8-bit 88
        assertBands(ImageFiles.read(write("grey16.png", png(grey))), LOSSLESS);
    }

    @Test
    void sixteenBitGreyAlphaPngKeepsItsSamples() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
        WritableRaster r = cm.createCompatibleWritableRaster(16, 8 * LEVELS.length);
        fillBands(r, 257);
        for (int y = 0; y < r.getHeight(); y++) {
            for (int x = 0; x < r.getWidth(); x++) {
                r.setSample(x, y, 1, 0x8000); // half transparent: alpha is dropped, the grey level kept
            }
        }
        byte[] bytes = png(new BufferedImage(cm, r, false, null));
        assertEquals(4, bytes[25], "colour type grey+alpha");
        assertEquals(16, bytes[24], "bit depth");
        assertBands(ImageFiles.read(write("greyalpha16.png", bytes)), LOSSLESS);
    }

    @Test
    void palettePngGivesThePaletteColours() throws Exception {
        byte[] reds = {(byte) 250, 10, 88};
        byte[] greens = {20, (byte) 200, 88};
        byte[] blues = {30, 40, 88};
        BufferedImage bi = new BufferedImage(6, 4, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(2, 3, reds, greens, blues));
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                bi.getRaster().setSample(x, y, 0, (x + y) % 3);
            }
        }
        byte[] bytes = png(bi);
        assertEquals(3, bytes[25], "colour type palette");
        RgbImage img = ImageFiles.read(write("palette.png", bytes));
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                int k = (x + y) % 3;
                int o = (y * 6 + x) * 3;
                assertArrayEquals(new byte[] {reds[k], greens[k], blues[k]}, Arrays.copyOfRange(img.rgb(), o, o + 3));
            }
        }
    }

    @Test
    void twoBitGreyPngKeepsItsLevels() throws Exception {
        byte[] ramp = {0, 85, (byte) 170, (byte) 255};
        BufferedImage bi = new BufferedImage(8, 4, BufferedImage.TYPE_BYTE_BINARY,
                new IndexColorModel(2, 4, ramp, ramp, ramp));
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 8; x++) {
                bi.getRaster().setSample(x, y, 0, (x + y) % 4);
            }
        }
        byte[] bytes = png(bi);
        assertEquals(0, bytes[25], "colour type grey");
        assertEquals(2, bytes[24], "bit depth");
        RgbImage img = ImageFiles.read(write("grey2.png", bytes));
        for (int i = 0; i < 32; i++) {
            assertEquals(ramp[(i % 8 + i / 8) % 4], img.rgb()[3 * i], "pixel " + i);
        }
    }

    @Test
    void cmykJpegIsRefused() throws Exception {
        // ImageIO decodes a 4-band JPEG as CMYK and converts it to RGB with a naive formula (no colour profile).
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 16, 4, null);
        Path f = write("cmyk.jpg", jpeg(cmyk));
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFiles.read(f));
        assertMessage(e, "cmyk.jpg", "CMYK");
    }

    @Test
    void truncatedJpegIsRefused() throws Exception {
        BufferedImage rgb = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                rgb.setRGB(x, y, (x * 4 << 16) | (y * 5 << 8) | ((x ^ y) & 255));
            }
        }
        byte[] full = jpeg(rgb);
        Path f = write("cut.jpg", Arrays.copyOf(full, full.length / 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFiles.read(f));
        assertMessage(e, "cut.jpg", "truncated");
    }

    @Test
    void jpegWithAnInvalidColourProfileIsDecoded() throws Exception {
        byte[] plain = jpeg(greyBands());
        // An APP2 ICC_PROFILE segment of junk right after SOI: the reader warns and ignores the profile,
        // which leaves the samples intact, so that warning must not refuse the image.
        byte[] junk = new byte[200];
        Arrays.fill(junk, (byte) 7);
        byte[] id = "ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(plain.length + 4 + id.length + 2 + junk.length);
        b.put(plain, 0, 2).put((byte) 0xFF).put((byte) 0xE2).putShort((short) (2 + id.length + 2 + junk.length));
        b.put(id).put((byte) 1).put((byte) 1).put(junk).put(plain, 2, plain.length - 2);
        assertBands(ImageFiles.read(write("badicc.jpg", b.array())), Tolerances.JPEG_BEST_QUALITY_LEVELS);
    }

    @Test
    void jpegWithExtraneousBytesBeforeAMarkerIsDecoded() throws Exception {
        byte[] plain = jpeg(greyBands());
        // Two junk bytes before the start-of-scan marker (FF DA): libjpeg warns "Corrupt JPEG data: 2 extraneous
        // bytes before marker 0xda" and skips them; the samples are intact, and PIL decodes such files too.
        int sos = 2;
        while (!(plain[sos] == (byte) 0xFF && plain[sos + 1] == (byte) 0xDA)) {
            sos++;
        }
        byte[] b = new byte[plain.length + 2];
        System.arraycopy(plain, 0, b, 0, sos);
        b[sos] = 0x11;
        b[sos + 1] = 0x22;
        System.arraycopy(plain, sos, b, sos + 2, plain.length - sos);
        assertBands(ImageFiles.read(write("extra.jpg", b)), Tolerances.JPEG_BEST_QUALITY_LEVELS);
    }

    @Test
    void truncatedPngThatImageIoDecodesIsRefused() throws Exception {
        BufferedImage grey = new BufferedImage(64, 64, BufferedImage.TYPE_USHORT_GRAY); // 16-bit: ImageIO's path
        WritableRaster r = grey.getRaster();
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                r.setSample(x, y, 0, (x * 1031 + y * 7919) & 0xffff);
            }
        }
        byte[] full = png(grey);
        Path f = write("cut16.png", Arrays.copyOf(full, full.length / 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFiles.read(f));
        assertMessage(e, "cut16.png", "unreadable");
    }

    @Test
    void pngHeadersClaimingHugeSizesAreRefusedBeforeAllocating() throws Exception {
        byte[] small = PngCodec.encode(new RgbImage(4, 4, new byte[48]));
        // 20000^2: 1.2 GB raw buffer (OutOfMemoryError); 40000^2: the int size overflows to 505 MB;
        // 100000^2: it overflows to a negative size.
        for (int side : new int[] {20000, 40000, 100000}) {
            Path f = write("huge" + side + ".png", withIhdrSize(small, side, side));
            DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFiles.read(f));
            assertMessage(e, "huge" + side + ".png", side + " x " + side, "sgae.image.maxPixels");
        }
    }

    @Test
    void jpegHeaderClaimingAHugeSizeIsRefusedBeforeDecoding() throws Exception {
        byte[] jpg = jpeg(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB));
        int sof = indexOfMarker(jpg, 0xC0);
        ByteBuffer.wrap(jpg, sof + 5, 4).putShort((short) 20000).putShort((short) 20000); // height, width
        Path f = write("huge.jpg", jpg);
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFiles.read(f));
        assertMessage(e, "huge.jpg", "20000 x 20000", "sgae.image.maxPixels");
    }

    @Test
    void thePixelLimitCanBeLowered() throws Exception {
        Path f = write("small.png", PngCodec.encode(new RgbImage(100, 80, new byte[100 * 80 * 3])));
        assertEquals(100, ImageFiles.read(f, 8000).width());
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageFiles.read(f, 7999));
        assertMessage(e, "small.png", "100 x 80", "7999");
        Path j = write("small.jpg", jpeg(new BufferedImage(100, 80, BufferedImage.TYPE_INT_RGB)));
        assertMessage(assertThrows(DataFormatException.class, () -> ImageFiles.read(j, 7999)), "small.jpg", "100 x 80");
    }

    private static void assertMessage(Exception e, String... words) {
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' missing in: " + e.getMessage());
        }
    }

    /** An 8-bit grey image of the LEVELS bands. */
    private static BufferedImage greyBands() {
        BufferedImage grey = new BufferedImage(16, 8 * LEVELS.length, BufferedImage.TYPE_BYTE_GRAY);
        fillBands(grey.getRaster(), 1);
        return grey;
    }

    /** Sets band 0 of the rows of block b to LEVELS[b] * scale. */
    private static void fillBands(WritableRaster r, int scale) {
        for (int y = 0; y < r.getHeight(); y++) {
            for (int x = 0; x < r.getWidth(); x++) {
                r.setSample(x, y, 0, LEVELS[y / 8] * scale);
            }
        }
    }

    /** PNG round trips are exact. */
    private static final int LOSSLESS = 0;

    private static void assertBands(RgbImage img, int tolerance) {
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    int v = img.rgb()[(y * img.width() + x) * 3 + c] & 0xff;
                    int want = LEVELS[y / 8];
                    assertTrue(Math.abs(v - want) <= tolerance, "pixel (" + x + ", " + y + ") channel " + c
                            + " = " + v + ", written " + want);
                }
            }
        }
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] png(RenderedImage img) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, "png", out), "ImageIO writes this PNG");
        return out.toByteArray();
    }

    /** Baseline JPEG at quality 1.0 of an image or, for CMYK, a bare 4-band raster. */
    private static byte[] jpeg(Object imageOrRaster) throws Exception {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(1f);
        IIOImage img = imageOrRaster instanceof Raster r ? new IIOImage(r, null, null)
                : new IIOImage((RenderedImage) imageOrRaster, null, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            w.write(null, img, p);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    /** A copy of a PngCodec PNG (IHDR first, at byte 8) whose header claims w x h, with a valid CRC. */
    private static byte[] withIhdrSize(byte[] png, int w, int h) {
        byte[] out = png.clone();
        ByteBuffer b = ByteBuffer.wrap(out);
        b.putInt(16, w).putInt(20, h);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 4 + 13);
        b.putInt(12 + 4 + 13, (int) crc.getValue());
        return out;
    }

    private static int indexOfMarker(byte[] jpg, int marker) {
        for (int i = 0; i + 1 < jpg.length; i++) {
            if ((jpg[i] & 0xff) == 0xff && (jpg[i + 1] & 0xff) == marker) {
                return i;
            }
        }
        throw new AssertionError("no marker " + Integer.toHexString(marker));
    }
}
