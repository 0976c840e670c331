package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

import java.util.List;

/**
 * The detector's input transform (model-spec §1, §2): RGB in [0, 1] normalised per channel with ImageNet mean and
 * std, then zero-padded at the bottom and right to a multiple of {@code sizeDivisibility}, a batch to its largest
 * image (maskrcnn-benchmark's to_image_list: the padding is 0 in normalised space).
 */
public record InputConfig(List<Double> mean, List<Double> std, int sizeDivisibility) {
    public InputConfig {
        mean = ConfigChecks.hasNull(mean) ? mean : List.copyOf(mean);
        std = ConfigChecks.hasNull(std) ? std : List.copyOf(std);
    }

    public InputConfig validate() {
        require(mean != null && mean.size() == 3 && !ConfigChecks.hasNull(mean), "InputConfig", "mean",
                "must hold 3 values (R, G, B)", mean);
        require(std != null && std.size() == 3 && !ConfigChecks.hasNull(std), "InputConfig", "std",
                "must hold 3 values (R, G, B)", std);
        for (double s : std) {
            require(s > 0 && Double.isFinite(s), "InputConfig", "std", "every entry must be finite and > 0", std);
        }
        require(sizeDivisibility > 0, "InputConfig", "sizeDivisibility", "must be > 0", sizeDivisibility);
        return this;
    }
}
