package org.sgae.data.image;

/**
 * An 8-bit RGB image, row-major interleaved: {@code rgb[(y * width + x) * 3 + c]}, c = 0 R, 1 G, 2 B.
 */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        if (width <= 0 || height <= 0 || rgb.length != 3L * width * height) { // long: int overflows past 2^31
            throw new IllegalArgumentException(
                    "RgbImage " + width + "x" + height + " needs " + (3L * width * height) + " bytes, got " + rgb.length);
        }
    }

    /** Packs 0xRRGGBB ints (e.g. a BufferedImage TYPE_INT_RGB raster) into an RgbImage. */
    public static RgbImage fromPacked(int width, int height, int[] argb) {
        byte[] out = new byte[width * height * 3];
        for (int i = 0, n = width * height; i < n; i++) {
            int p = argb[i];
            out[3 * i] = (byte) (p >> 16);
            out[3 * i + 1] = (byte) (p >> 8);
            out[3 * i + 2] = (byte) p;
        }
        return new RgbImage(width, height, out);
    }
}
