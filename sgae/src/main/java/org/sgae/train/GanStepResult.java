package org.sgae.train;

import java.util.List;
import java.util.Map;

/**
 * One iteration's outcome in a phase whose step ends with the discriminator steps (phase 1, joint phase 2).
 *
 * @param applied    whether the generator's step (and, in phase 2, the scene-graph step) was applied
 * @param loss       the summed loss that the skip rule reads (L_G in phase 1, L_SG + L_G in phase 2)
 * @param losses     every named loss (the G terms, SG's in phase 2, "d_obj", "d_img"), read when asked or skipped
 * @param skipReason why nothing was applied, or null
 * @param events     skipped D steps and divergence reports of this iteration (for the run log)
 */
public record GanStepResult(boolean applied, double loss, Map<String, Double> losses, String skipReason,
                            List<String> events) {
}
