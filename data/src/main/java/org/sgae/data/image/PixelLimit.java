package org.sgae.data.image;

/**
 * The largest image the decoders accept, checked against the header's width and height before any pixel
 * buffer is allocated. A corrupt or hostile header can claim 100000 x 100000 pixels in a few bytes; without
 * the check that is an OutOfMemoryError or an int overflow into a wrong-sized buffer.
 */
final class PixelLimit {
    /** System property that overrides {@link #DEFAULT_MAX_PIXELS}. */
    static final String PROPERTY = "sgae.image.maxPixels";
    /**
     * 2^26 pixels (8192 x 8192): far above Visual Genome's web-sized photos, so this only stops broken
     * files; decoding needs about 11 bytes per pixel at its peak (decoded raster, packed ints, RgbImage),
     * so one image at the limit still fits in about 0.75 GB.
     */
    static final long DEFAULT_MAX_PIXELS = 1L << 26;
    /** PngCodec's raw buffer holds up to 4 bytes + 1 filter byte per pixel and must fit one Java array. */
    static final long HARD_MAX_PIXELS = Integer.MAX_VALUE / 5;

    private PixelLimit() {
    }

    /** The limit from {@value #PROPERTY}, or the default. */
    static long configured() {
        String v = System.getProperty(PROPERTY);
        if (v == null) {
            return DEFAULT_MAX_PIXELS;
        }
        try {
            return validated(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + PROPERTY + " = '" + v + "' is not an integer");
        }
    }

    static long validated(long maxPixels) {
        if (maxPixels < 1 || maxPixels > HARD_MAX_PIXELS) {
            throw new IllegalArgumentException("pixel limit " + maxPixels + " is outside 1.." + HARD_MAX_PIXELS);
        }
        return maxPixels;
    }

    /** Throws IllegalArgumentException naming the dimensions unless 1 ≤ width, height and width·height ≤ max. */
    static void check(long width, long height, long maxPixels) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("header claims " + width + " x " + height + " pixels");
        }
        long pixels = width * height; // both < 2^31, so the product fits a long
        if (pixels > maxPixels) {
            throw new IllegalArgumentException("header claims " + width + " x " + height + " = " + pixels
                    + " pixels, more than the limit of " + maxPixels + " (system property " + PROPERTY + ")");
        }
    }
}
