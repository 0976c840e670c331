package org.sgae.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** FloatImage → BufferedImage, scaled for display. */
final class Raster {
    private Raster() {
    }

    /** Each pixel becomes a factor × factor block (nearest neighbour: a 64×64 reconstruction stays sharp). */
    static BufferedImage nearest(FloatImage img, int factor) {
        int f = Math.max(1, factor);
        BufferedImage out = new BufferedImage(img.width() * f, img.height() * f, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[img.width() * f];
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                int p = img.rgb(x, y);
                for (int k = 0; k < f; k++) {
                    row[x * f + k] = p;
                }
            }
            for (int k = 0; k < f; k++) {
                out.setRGB(0, y * f + k, row.length, 1, row, 0, row.length);
            }
        }
        return out;
    }

    /**
     * The image with its longer side at {@code longSide} pixels: integer nearest-neighbour upscaling for small
     * images (the synthetic world's 128×128), bilinear downscaling for large ones. Returns the scale used.
     */
    static Scaled fit(FloatImage img, int longSide) {
        int longer = Math.max(img.width(), img.height());
        if (longer <= longSide) {
            int f = Math.max(1, longSide / longer);
            return new Scaled(nearest(img, f), f);
        }
        double s = (double) longSide / longer;
        BufferedImage full = nearest(img, 1);
        int w = Math.max(1, (int) Math.round(img.width() * s));
        int h = Math.max(1, (int) Math.round(img.height() * s));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(full, 0, 0, w, h, null);
        g.dispose();
        return new Scaled(out, s);
    }

    record Scaled(BufferedImage image, double scale) {
    }
}
