package org.sgae.model.detector;

/** An image's un-padded size in input pixels. */
public record ImageSize(int width, int height) {
    public ImageSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("ImageSize: width and height must be > 0, got " + width + "x" + height);
        }
    }
}
