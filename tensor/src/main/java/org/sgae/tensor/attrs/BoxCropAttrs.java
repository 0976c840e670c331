package org.sgae.tensor.attrs;

/**
 * Box crops (model-spec §9 "Crops"): each box is sampled bilinearly on an S×S grid with align_corners = true and
 * zero padding. Sample (v, u) of box (x0,y0,x1,y1) on an H×W image lies at pixel
 * X = (x0 + (x1−x0)·u/(S−1))·(W−1), Y = (y0 + (y1−y0)·v/(S−1))·(H−1); for S = 1, u/(S−1) is taken as 0 (the
 * single sample sits at the box's top-left corner (x0, y0)).
 *
 * @param size S, the side of each crop
 */
public record BoxCropAttrs(int size) {
    public BoxCropAttrs {
        if (size < 1) {
            throw new IllegalArgumentException("box_crop: crop size must be >= 1, got " + size);
        }
    }

    /**
     * Sample coordinate in pixels along one axis: ((S−1−k)·lo + k·hi)·(n−1)/(S−1), the same line as
     * (lo + (hi−lo)·k/(S−1))·(n−1) written so that the box [0,1] with S = n gives exactly k (no rounding): the
     * identity crop is exact. S = 1 gives lo·(n−1).
     */
    public static double coord(double lo, double hi, int k, int s, int n) {
        return s == 1 ? lo * (n - 1) : ((s - 1 - k) * lo + k * hi) * (n - 1) / (s - 1);
    }

    /** d coord / d lo (the same for every box: coord is linear in lo and hi). */
    public static double dLo(int k, int s, int n) {
        return s == 1 ? n - 1 : (double) (s - 1 - k) * (n - 1) / (s - 1);
    }

    /** d coord / d hi; 0 for S = 1. */
    public static double dHi(int k, int s, int n) {
        return s == 1 ? 0 : (double) k * (n - 1) / (s - 1);
    }
}
