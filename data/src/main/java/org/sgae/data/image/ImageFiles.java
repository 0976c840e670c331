package org.sgae.data.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.sgae.data.DataFormatException;

/**
 * Reads an image file into an {@link RgbImage}: PNGs through {@link PngCodec} (fast, no java.desktop),
 * everything else (real VG JPEGs) through {@link ImageIoDecoder}. Every failure becomes one
 * {@link DataFormatException} naming the file.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** Reads an image of at most the configured pixel count (system property sgae.image.maxPixels, 2^26). */
    public static RgbImage read(Path file) {
        return read(file, PixelLimit.configured());
    }

    /**
     * Reads an image whose header claims at most maxPixels pixels (1 .. Integer.MAX_VALUE / 5); a larger
     * one is refused before its pixels are allocated.
     */
    public static RgbImage read(Path file, long maxPixels) {
        PixelLimit.validated(maxPixels);
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
                return PngCodec.decode(bytes, maxPixels);
            } catch (PngCodec.UnsupportedPngException e) {
                return ImageIoDecoder.decode(file, bytes, maxPixels);
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(file, "unreadable image: " + e.getMessage(), e);
            }
        }
        return ImageIoDecoder.decode(file, bytes, maxPixels);
    }
}
