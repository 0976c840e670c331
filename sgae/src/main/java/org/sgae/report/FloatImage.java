package org.sgae.report;

import org.sgae.data.image.RgbImage;

/**
 * An RGB image as the model produces it: float32 planes {@code chw[c * H * W + y * W + x]}, shape [3, H, W],
 * values in [0, 1] (values outside are clamped when drawn, NaN is drawn black). The caller copies a tensor's host
 * data into {@code chw}; the report never sees a tensor.
 */
public record FloatImage(int height, int width, float[] chw) {
    public FloatImage {
        if (height <= 0 || width <= 0 || chw == null || chw.length != 3L * height * width) {
            throw new IllegalArgumentException("FloatImage [3," + height + "," + width + "] needs "
                    + (3L * height * width) + " floats, got " + (chw == null ? "null" : chw.length));
        }
    }

    /** An 8-bit image (a decoded PNG/JPEG) as [3, H, W] floats in [0, 1]. */
    public static FloatImage of(RgbImage img) {
        int plane = img.width() * img.height();
        float[] chw = new float[3 * plane];
        byte[] rgb = img.rgb();
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                chw[c * plane + i] = (rgb[3 * i + c] & 0xff) / 255f;
            }
        }
        return new FloatImage(img.height(), img.width(), chw);
    }

    /** The pixel at (x, y) packed as 0xRRGGBB. */
    public int rgb(int x, int y) {
        int plane = height * width;
        int i = y * width + x;
        return (channel(chw[i]) << 16) | (channel(chw[plane + i]) << 8) | channel(chw[2 * plane + i]);
    }

    private static int channel(float v) {
        if (!(v > 0)) { // also NaN
            return 0;
        }
        return v >= 1 ? 255 : Math.round(v * 255f);
    }
}
