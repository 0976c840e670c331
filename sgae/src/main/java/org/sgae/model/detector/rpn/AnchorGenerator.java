package org.sgae.model.detector.rpn;

import org.sgae.model.detector.boxes.Boxes;
import org.sgae.tensor.Tensor;
import org.sgae.train.config.AnchorConfig;

/**
 * Anchors of model-spec §3.1, the legacy Detectron recipe ({@code generate_anchors.py}):
 * <ol>
 *   <li>start from the stride's square [0, 0, s−1, s−1] (centre c = (s−1)/2);</li>
 *   <li>for each ratio r: ws = round(√(s²/r)), hs = round(ws·r), rounding half to even as numpy does (so 16·16/0.5
 *       gives √512 = 22.6 → 23 and 23·0.5 = 11.5 → 12);</li>
 *   <li>scale ws, hs by size/s;</li>
 *   <li>anchor = [c − ½(w−1), c − ½(h−1), c + ½(w−1), c + ½(h−1)], ratio-major, size-minor.</li>
 * </ol>
 * The grid shifts them by (s·x, s·y); the flat order is (y, x, a), which the RPN head's outputs are permuted to.
 */
public final class AnchorGenerator {
    private final AnchorConfig config;
    private final float[] base;

    public AnchorGenerator(AnchorConfig config) {
        this.config = config.validate();
        this.base = makeBase(config);
    }

    /** A, the anchors per feature location. */
    public int anchorsPerLocation() {
        return config.anchorsPerLocation();
    }

    /** Base anchors [A·4] centred on the first location, index a = ratioIndex·|sizes| + sizeIndex. */
    public float[] baseAnchors() {
        return base.clone();
    }

    private static float[] makeBase(AnchorConfig c) {
        int s = c.stride();
        double ctr = 0.5 * (s - 1); // centre of [0, 0, s−1, s−1]
        double area = (double) s * s;
        int nr = c.aspectRatios().size();
        int ns = c.sizes().size();
        float[] out = new float[4 * nr * ns];
        for (int ri = 0; ri < nr; ri++) {
            double r = c.aspectRatios().get(ri);
            double ws = Math.rint(Math.sqrt(area / r)); // rint = round half to even, as np.round
            double hs = Math.rint(ws * r);
            for (int si = 0; si < ns; si++) {
                double scale = c.sizes().get(si) / (double) s;
                double w = ws * scale;
                double h = hs * scale;
                int a = ri * ns + si;
                out[4 * a] = (float) (ctr - 0.5 * (w - 1));
                out[4 * a + 1] = (float) (ctr - 0.5 * (h - 1));
                out[4 * a + 2] = (float) (ctr + 0.5 * (w - 1));
                out[4 * a + 3] = (float) (ctr + 0.5 * (h - 1));
            }
        }
        return out;
    }

    /**
     * Anchors of an h×w feature map → [h·w·A·4], flat order (y, x, a): anchor (y, x, a) is base[a] shifted by
     * (stride·x, stride·y).
     */
    public float[] grid(int featH, int featW) {
        if (featH < 0 || featW < 0) {
            throw new IllegalArgumentException("grid: feature map size must be >= 0, got featH = " + featH
                    + ", featW = " + featW);
        }
        int na = anchorsPerLocation();
        long n = (long) featH * featW * na * 4;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("grid: " + featH + "x" + featW + " locations with " + na
                    + " anchors each exceed an array");
        }
        float[] out = new float[(int) n];
        int stride = config.stride();
        int p = 0;
        for (int y = 0; y < featH; y++) {
            float sy = (float) stride * y;
            for (int x = 0; x < featW; x++) {
                float sx = (float) stride * x;
                for (int a = 0; a < na; a++) {
                    out[p++] = base[4 * a] + sx;
                    out[p++] = base[4 * a + 1] + sy;
                    out[p++] = base[4 * a + 2] + sx;
                    out[p++] = base[4 * a + 3] + sy;
                }
            }
        }
        return out;
    }

    /** {@link #grid} as a CPU tensor [h·w·A, 4] F32. */
    public Tensor gridTensor(int featH, int featW) {
        float[] g = grid(featH, featW);
        return Tensor.of(g, g.length / 4, 4);
    }

    /**
     * Visibility for training (model-spec §3.1): anchors [N·4] → [N], true when the anchor crosses the un-padded
     * imageW×imageH image by at most straddleThresh pixels: x1 ≥ −t, y1 ≥ −t, x2 &lt; W + t, y2 &lt; H + t (t = 0:
     * fully inside). A negative threshold makes every anchor visible (maskrcnn-benchmark).
     */
    public boolean[] visible(float[] anchors, int imageW, int imageH) {
        int n = Boxes.count("anchors", anchors);
        if (imageW <= 0 || imageH <= 0) {
            throw new IllegalArgumentException("visible: image size must be > 0, got imageW = " + imageW
                    + ", imageH = " + imageH);
        }
        boolean[] out = new boolean[n];
        int t = config.straddleThresh();
        for (int i = 0; i < n; i++) {
            out[i] = t < 0 || (anchors[4 * i] >= -t && anchors[4 * i + 1] >= -t
                    && anchors[4 * i + 2] < imageW + t && anchors[4 * i + 3] < imageH + t);
        }
        return out;
    }
}
