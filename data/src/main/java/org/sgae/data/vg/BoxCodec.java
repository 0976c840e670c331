package org.sgae.data.vg;

/**
 * Box encoding and decoding exactly as vg_to_roidb.py and the standard loaders do it (vg150-format.md §3).
 * Stored boxes are int [cx, cy, w, h] in a frame whose long side is L (1024 or 512).
 */
public final class BoxCodec {
    private BoxCodec() {
    }

    /**
     * encode_box: VG region (1-indexed x, y; w, h in pixels of an origW × origH image) → stored [cx, cy, w, h]
     * in the L frame.
     */
    public static int[] encode(int xVg, int yVg, int wVg, int hVg, int origW, int origH, int frame) {
        double s = (double) frame / Math.max(origH, origW);
        int x = (int) Math.floor(s * (xVg - 1));
        int y = (int) Math.floor(s * (yVg - 1));
        int w = (int) Math.ceil(s * wVg);
        int h = (int) Math.ceil(s * hVg);
        x = Math.max(0, Math.min(frame - 2, x));
        y = Math.max(0, Math.min(frame - 2, y));
        if (x + w >= frame) {
            w = frame - x;
        }
        if (y + h >= frame) {
            h = frame - y;
        }
        return new int[] {x + w / 2, y + h / 2, w, h};
    }

    /**
     * Loader decode: x1 = trunc(cx − w/2) (the float is assigned back into an int array, which truncates
     * toward zero), x2 = x1 + w. Returns [x1, y1, x2, y2] in the same frame.
     */
    public static int[] decode(int cx, int cy, int w, int h) {
        int x1 = (int) (cx - w / 2.0);
        int y1 = (int) (cy - h / 2.0);
        return new int[] {x1, y1, x1 + w, y1 + h};
    }

    /**
     * SGB's rescale of a decoded 1024-frame box to original pixels: × max(w, h)/1024 in float64, then
     * float32, then x clipped to [0, w−1] and y to [0, h−1].
     */
    public static float[] toOriginal(int[] xyxy, int frame, int imgW, int imgH) {
        double scale = (double) Math.max(imgW, imgH) / frame;
        float[] out = new float[4];
        for (int k = 0; k < 4; k++) {
            float v = (float) (xyxy[k] * scale);
            float max = (k % 2 == 0) ? imgW - 1 : imgH - 1;
            out[k] = Math.max(0f, Math.min(max, v));
        }
        return out;
    }

    /**
     * Synthetic truth → VG region (vg150-format.md §8.1): x_vg = ⌊x1⌋ + 1, w_vg = ⌈x2⌉ − ⌊x1⌋ for a true
     * box with exclusive x2, y2. Returns [x_vg, y_vg, w_vg, h_vg].
     */
    public static int[] regionOf(double x1, double y1, double x2, double y2) {
        int fx = (int) Math.floor(x1);
        int fy = (int) Math.floor(y1);
        return new int[] {fx + 1, fy + 1, (int) Math.ceil(x2) - fx, (int) Math.ceil(y2) - fy};
    }
}
