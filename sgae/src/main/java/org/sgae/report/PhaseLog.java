package org.sgae.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The logged progress of one training phase, in iteration order (what {@link RunLogReader} reads from a run's
 * log.jsonl): one point per logged step, and how many steps were skipped (non-finite loss or gradient).
 */
public record PhaseLog(String name, List<Point> points, int skippedSteps) {
    /**
     * One progress line: total loss, each named loss (in the model's order), learning rate and throughput
     * (images per second since the previous line). A loss that was not finite is NaN.
     */
    public record Point(int iteration, double loss, Map<String, Double> losses, double lr, double imagesPerSecond) {
        public Point {
            losses = Collections.unmodifiableMap(new LinkedHashMap<>(losses));
        }
    }

    public PhaseLog {
        points = List.copyOf(points);
    }
}
