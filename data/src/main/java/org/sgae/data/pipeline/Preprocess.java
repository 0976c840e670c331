package org.sgae.data.pipeline;

import java.lang.System.Logger.Level;
import org.sgae.data.image.RgbImage;
import org.sgae.data.vg.VgGraph;

/** Resize (bilinear, half-pixel centres), normalise to CHW floats, optional horizontal flip. */
public final class Preprocess {
    private static final System.Logger LOG = System.getLogger(Preprocess.class.getName());

    private Preprocess() {
    }

    /** Resize factor: the shorter side goes to minSize unless the longer side would exceed maxSize. */
    public static float scale(int width, int height, int minSize, int maxSize) {
        return Math.min((float) minSize / Math.min(width, height), (float) maxSize / Math.max(width, height));
    }

    /**
     * Prepares one image and its graph. Pixel work uses the decoded size; the boxes were scaled to original
     * pixels with the image_data.json size (SGB), so a disagreement is only logged.
     *
     * @param leftOf  predicate index of "left of" (swapped with rightOf on flip), or −1
     */
    public static Sample prepare(VgGraph g, RgbImage img, LoaderConfig c, boolean flip, int leftOf, int rightOf) {
        if (img.width() != g.info().width() || img.height() != g.info().height()) {
            LOG.log(Level.WARNING, "image {0}: file is {1}x{2} but image_data.json says {3}x{4}", g.imageFile(),
                    img.width(), img.height(), g.info().width(), g.info().height());
        }
        float s = scale(img.width(), img.height(), c.minSize(), c.maxSize());
        int w = Math.max(1, Math.round(img.width() * s));
        int h = Math.max(1, Math.round(img.height() * s));
        float[] px = resizeNormalise(img, w, h, c.mean(), c.std(), flip);
        float sx = (float) w / img.width();
        float sy = (float) h / img.height();
        float[] b = g.boxes();
        float[] boxes = new float[b.length];
        for (int k = 0; k < b.length; k += 4) {
            float x1 = b[k] * sx;
            float x2 = b[k + 2] * sx;
            boxes[k] = flip ? w - x2 : x1;
            boxes[k + 1] = b[k + 1] * sy;
            boxes[k + 2] = flip ? w - x1 : x2;
            boxes[k + 3] = b[k + 3] * sy;
        }
        int[] rels = g.relations().clone();
        if (flip) {
            for (int k = 2; k < rels.length; k += 3) {
                if (rels[k] == leftOf) {
                    rels[k] = rightOf;
                } else if (rels[k] == rightOf) {
                    rels[k] = leftOf;
                }
            }
        }
        return new Sample(g.info().imageId(), px, h, w, s, g.labels().clone(), boxes, rels);
    }

    /** [3 * h * w] floats: bilinear sample at ((x + 0.5) / s − 0.5), then (v / 255 − mean) / std. */
    public static float[] resizeNormalise(RgbImage img, int w, int h, float[] mean, float[] std, boolean flip) {
        int sw = img.width();
        int sh = img.height();
        byte[] src = img.rgb();
        float[] out = new float[3 * h * w];
        float[] mul = new float[3];
        float[] add = new float[3];
        for (int c = 0; c < 3; c++) {
            mul[c] = 1f / (255f * std[c]);
            add[c] = -mean[c] / std[c];
        }
        int plane = h * w;
        if (sw == w && sh == h) { // no resize: a straight conversion
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int si = 3 * (y * sw + (flip ? sw - 1 - x : x));
                    int di = y * w + x;
                    out[di] = (src[si] & 255) * mul[0] + add[0];
                    out[plane + di] = (src[si + 1] & 255) * mul[1] + add[1];
                    out[2 * plane + di] = (src[si + 2] & 255) * mul[2] + add[2];
                }
            }
            return out;
        }
        float fx = (float) sw / w;
        float fy = (float) sh / h;
        for (int y = 0; y < h; y++) {
            float syf = Math.max(0, (y + 0.5f) * fy - 0.5f);
            int y0 = Math.min((int) syf, sh - 1);
            int y1 = Math.min(y0 + 1, sh - 1);
            float wy = syf - y0;
            for (int x = 0; x < w; x++) {
                int xs = flip ? w - 1 - x : x;
                float sxf = Math.max(0, (xs + 0.5f) * fx - 0.5f);
                int x0 = Math.min((int) sxf, sw - 1);
                int x1 = Math.min(x0 + 1, sw - 1);
                float wx = sxf - x0;
                int a = 3 * (y0 * sw + x0);
                int b = 3 * (y0 * sw + x1);
                int cc = 3 * (y1 * sw + x0);
                int d = 3 * (y1 * sw + x1);
                int di = y * w + x;
                for (int ch = 0; ch < 3; ch++) {
                    float top = (src[a + ch] & 255) * (1 - wx) + (src[b + ch] & 255) * wx;
                    float bot = (src[cc + ch] & 255) * (1 - wx) + (src[d + ch] & 255) * wx;
                    out[ch * plane + di] = (top * (1 - wy) + bot * wy) * mul[ch] + add[ch];
                }
            }
        }
        return out;
    }
}
