package org.sgae.model.relation;

import java.util.List;

/**
 * One batch's relation-stage targets (model-spec §7), host arrays per image: detection labels [N_i] and pair
 * labels of every ordered pair [N_i·N_i] (row-major; the RePN targets are {@code > 0} of these).
 */
public record SgTargets(List<int[]> detectionLabels, List<int[]> pairLabels) {
}
