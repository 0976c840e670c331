package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

/**
 * IoU matching (model-spec §3.2 for the RPN, §3.4 for the ROI heads): IoU ≥ high is foreground, IoU < low is
 * background, in between is ignored. With {@code allowLowQualityMatches}, each GT's best-overlapping boxes are
 * foreground too.
 */
public record MatcherConfig(double highThreshold, double lowThreshold, boolean allowLowQualityMatches) {
    public MatcherConfig validate() {
        require(highThreshold >= 0 && highThreshold <= 1, "MatcherConfig", "highThreshold", "must be in [0, 1]",
                highThreshold);
        require(lowThreshold >= 0 && lowThreshold <= highThreshold, "MatcherConfig", "lowThreshold",
                "must be in [0, highThreshold = " + highThreshold + "]", lowThreshold);
        return this;
    }
}
