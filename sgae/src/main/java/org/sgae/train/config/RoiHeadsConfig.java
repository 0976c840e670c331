package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

/**
 * The ROI heads of model-spec §3.4: ROI matching and sampling, ROI Align, the two-layer box head and the predictor.
 *
 * @param matcher            foreground IoU ≥ high, background &lt; low
 * @param sampler            ROIs per image and the positive fraction
 * @param boxWeights         box-coder weights of the class-specific deltas, (10, 10, 5, 5)
 * @param poolSize           ROI Align output side (7)
 * @param samplingRatio      ROI Align samples per bin side (2)
 * @param representationSize fc6 and fc7 width (4096)
 * @param dropout            dropout after fc6 and after fc7 (0.5)
 * @param smoothL1Beta       β of the box loss (1)
 * @param numClasses         classes including background 0 (151 for VG150)
 */
public record RoiHeadsConfig(MatcherConfig matcher, SamplerConfig sampler, BoxWeights boxWeights, int poolSize,
                             int samplingRatio, int representationSize, double dropout, double smoothL1Beta,
                             int numClasses) {
    public RoiHeadsConfig validate() {
        require(matcher != null, "RoiHeadsConfig", "matcher", "must be set", null);
        require(sampler != null, "RoiHeadsConfig", "sampler", "must be set", null);
        require(boxWeights != null, "RoiHeadsConfig", "boxWeights", "must be set", null);
        matcher.validate();
        sampler.validate();
        boxWeights.validate();
        require(poolSize > 0, "RoiHeadsConfig", "poolSize", "must be > 0", poolSize);
        require(samplingRatio > 0, "RoiHeadsConfig", "samplingRatio", "must be > 0", samplingRatio);
        require(representationSize > 0, "RoiHeadsConfig", "representationSize", "must be > 0", representationSize);
        require(dropout >= 0 && dropout < 1, "RoiHeadsConfig", "dropout", "must be in [0, 1)", dropout);
        require(smoothL1Beta > 0 && Double.isFinite(smoothL1Beta), "RoiHeadsConfig", "smoothL1Beta",
                "must be finite and > 0", smoothL1Beta);
        require(numClasses >= 2, "RoiHeadsConfig", "numClasses", "must be >= 2 (background + 1)", numClasses);
        return this;
    }

    public RoiHeadsConfig withSampler(SamplerConfig s) {
        return new RoiHeadsConfig(matcher, s, boxWeights, poolSize, samplingRatio, representationSize, dropout,
                smoothL1Beta, numClasses);
    }

    /** Pool size, head width, dropout and classes replaced (tests derive tiny heads this way). */
    public RoiHeadsConfig withHead(int pool, int representation, double drop, int classes) {
        return new RoiHeadsConfig(matcher, sampler, boxWeights, pool, samplingRatio, representation, drop,
                smoothL1Beta, classes);
    }
}
