package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

import java.util.List;

/**
 * Anchors of model-spec §3.1: base anchors from the stride's square, one per (ratio, size), ratio-major.
 *
 * @param stride         feature-map stride in input pixels (16 for conv5_3); also the base square's side
 * @param sizes          anchor sides in pixels at ratio 1; each ratio's base box is scaled by size/stride
 * @param aspectRatios   h/w ratios
 * @param straddleThresh how far (pixels) a training anchor may cross the un-padded image border; negative means
 *                       every anchor is used (maskrcnn-benchmark's convention)
 */
public record AnchorConfig(int stride, List<Integer> sizes, List<Double> aspectRatios, int straddleThresh) {
    public AnchorConfig {
        // Copies keep the record immutable; a null list or element is left for validate() to name.
        sizes = hasNull(sizes) ? sizes : List.copyOf(sizes);
        aspectRatios = hasNull(aspectRatios) ? aspectRatios : List.copyOf(aspectRatios);
    }

    /** List.of(...).contains(null) throws, so look element by element. */
    private static boolean hasNull(List<?> list) {
        if (list == null) {
            return true;
        }
        for (Object o : list) {
            if (o == null) {
                return true;
            }
        }
        return false;
    }

    /** A = |sizes|·|ratios| anchors per feature location. */
    public int anchorsPerLocation() {
        return sizes.size() * aspectRatios.size();
    }

    public AnchorConfig validate() {
        require(stride > 0, "AnchorConfig", "stride", "must be > 0", stride);
        require(!hasNull(sizes) && !sizes.isEmpty(), "AnchorConfig", "sizes",
                "must be a non-empty list without nulls", sizes);
        for (int s : sizes) {
            require(s > 0, "AnchorConfig", "sizes", "every size must be > 0", sizes);
        }
        require(!hasNull(aspectRatios) && !aspectRatios.isEmpty(), "AnchorConfig",
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
