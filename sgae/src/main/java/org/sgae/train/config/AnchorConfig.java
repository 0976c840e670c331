package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

import java.util.List;

/**
 * Anchors of model-spec §3.1: base anchors from the stride's square, one per (ratio, size), ratio-major.
 *
 * @param stride         feature-map stride in input pixels (16 for conv5_3); also the base square's side
 * @param sizes          anchor sides in pixels at ratio 1 (multiples of nothing in particular; scaled by size/stride)
 * @param aspectRatios   h/w ratios
 * @param straddleThresh how far (pixels) a training anchor may cross the un-padded image border; negative means
 *                       every anchor is used (maskrcnn-benchmark's convention)
 */
public record AnchorConfig(int stride, List<Integer> sizes, List<Double> aspectRatios, int straddleThresh) {
    public AnchorConfig {
        // Copies keep the record immutable; nulls are left for validate() to name.
        sizes = sizes == null || sizes.contains(null) ? sizes : List.copyOf(sizes);
        aspectRatios = aspectRatios == null || aspectRatios.contains(null) ? aspectRatios : List.copyOf(aspectRatios);
    }

    /** A = |sizes|·|ratios| anchors per feature location. */
    public int anchorsPerLocation() {
        return sizes.size() * aspectRatios.size();
    }

    public AnchorConfig validate() {
        require(stride > 0, "AnchorConfig", "stride", "must be > 0", stride);
        require(sizes != null && !sizes.isEmpty() && !sizes.contains(null), "AnchorConfig", "sizes",
                "must be a non-empty list without nulls", sizes);
        for (int s : sizes) {
            require(s > 0, "AnchorConfig", "sizes", "every size must be > 0", sizes);
        }
        require(aspectRatios != null && !aspectRatios.isEmpty() && !aspectRatios.contains(null), "AnchorConfig",
                "aspectRatios", "must be a non-empty list without nulls", aspectRatios);
        for (double r : aspectRatios) {
            require(r > 0 && Double.isFinite(r), "AnchorConfig", "aspectRatios", "every ratio must be finite and > 0",
                    aspectRatios);
        }
        return this;
    }

    public AnchorConfig withSizes(List<Integer> s) {
        return new AnchorConfig(stride, s, aspectRatios, straddleThresh);
    }
}
