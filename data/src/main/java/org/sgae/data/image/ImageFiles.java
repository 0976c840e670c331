package org.sgae.data.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.sgae.data.DataFormatException;

/**
 * Reads an image file into an {@link RgbImage}: PNGs through {@link PngCodec} (fast, no java.desktop),
 * everything else (real VG JPEGs) through ImageIO. Every failure becomes one {@link DataFormatException}
 * naming the file.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    public static RgbImage read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "image file is missing", e);
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot read image: " + e.getMessage(), e);
        }
        if (PngCodec.isPng(bytes)) {
            try {
                return PngCodec.decode(bytes);
            } catch (PngCodec.UnsupportedPngException e) {
                return readImageIo(file, bytes);
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(file, "unreadable image: " + e.getMessage(), e);
            }
        }
        return readImageIo(file, bytes);
    }

    private static RgbImage readImageIo(Path file, byte[] bytes) {
        BufferedImage bi;
        try {
            bi = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new DataFormatException(file, "unreadable image: " + e.getMessage(), e);
        }
        if (bi == null) {
            throw new DataFormatException(file, "unreadable image: no decoder recognises its "
                    + bytes.length + " bytes");
        }
        int w = bi.getWidth();
        int h = bi.getHeight();
        int[] argb = bi.getRGB(0, 0, w, h, null, 0, w);
        return RgbImage.fromPacked(w, h, argb);
    }
}
