package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

/** Balanced sampling: at most {@code batchSizePerImage} boxes per image, at most that times the fraction positive. */
public record SamplerConfig(int batchSizePerImage, double positiveFraction) {
    public SamplerConfig validate() {
        require(batchSizePerImage > 0, "SamplerConfig", "batchSizePerImage", "must be > 0", batchSizePerImage);
        require(positiveFraction >= 0 && positiveFraction <= 1, "SamplerConfig", "positiveFraction",
                "must be in [0, 1]", positiveFraction);
        return this;
    }
}
