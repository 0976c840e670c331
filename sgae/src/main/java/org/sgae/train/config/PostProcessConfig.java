package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

/**
 * Detection post-processing of model-spec §3.5 (GRCNN's filter_results_nm with the retry fixed).
 *
 * @param scoreThreshold   τ: classes and ROIs must score above it (0.05)
 * @param nmsThreshold     per-class greedy NMS IoU (0.3)
 * @param detectionsPerImg N, the detections kept per image (64)
 * @param maxRetries       how often τ is halved when fewer than {@code minDetections} survive (4)
 * @param minDetections    fewer survivors than this trigger a retry (2: the relation stage needs a pair)
 */
public record PostProcessConfig(double scoreThreshold, double nmsThreshold, int detectionsPerImg, int maxRetries,
                                int minDetections) {
    public PostProcessConfig validate() {
        require(scoreThreshold >= 0 && scoreThreshold < 1, "PostProcessConfig", "scoreThreshold",
                "must be in [0, 1)", scoreThreshold);
        require(nmsThreshold > 0 && nmsThreshold <= 1, "PostProcessConfig", "nmsThreshold", "must be in (0, 1]",
                nmsThreshold);
        require(detectionsPerImg > 0, "PostProcessConfig", "detectionsPerImg", "must be > 0", detectionsPerImg);
        require(maxRetries >= 0, "PostProcessConfig", "maxRetries", "must be >= 0", maxRetries);
        require(minDetections >= 0 && minDetections <= detectionsPerImg, "PostProcessConfig", "minDetections",
                "must be in [0, detectionsPerImg = " + detectionsPerImg + "]", minDetections);
        return this;
    }

    public PostProcessConfig withDetectionsPerImg(int n) {
        return new PostProcessConfig(scoreThreshold, nmsThreshold, n, maxRetries, minDetections);
    }
}
