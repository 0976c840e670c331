package org.sgae.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sgae.eval.DetectionAp;
import org.sgae.model.detector.roi.Detections;

/** Detections in the input frame → original pixels (eval-spec §4) with §3's x2 ≥ x1 clamp. */
class DetectorEvalRunTest {
    @Test
    void boxesScaleByTheFloat32RatiosAndClampEmptyBoxes() {
        // Input 64×48 from an original 100×75: ratios 100/64 = 1.5625 and 75/48 = 1.5625 (exact in float32).
        // The second box was clipped at the right edge to x1 = 63 with x2 = 62.5 ("+1" width below 1).
        float[] in = {10, 4, 20, 12, 63, 0, 62.5f, 47};
        Detections d = new Detections(new int[] {0, 1}, new int[] {3, 5}, new float[] {0.9f, 0.4f}, in, null, null,
                null);
        DetectionAp.ImageDets out = DetectorEvalRun.toOriginal(d, 100, 75, 64, 48);
        float r = 1.5625f;
        assertArrayEquals(new float[] {10 * r, 4 * r, 20 * r, 12 * r, 63 * r, 0, 63 * r, 47 * r}, out.boxes());
        assertArrayEquals(new int[] {3, 5}, out.labels());
        assertEquals(0.4f, (float) out.scores()[1]);
    }

    @Test
    void aRatioIsRoundedToFloat32BeforeTheProduct() {
        // 100/3 in double rounds to a float32 ratio; the product is float32 (SGB BoxList.resize).
        Detections d = new Detections(new int[] {0}, new int[] {1}, new float[] {1}, new float[] {1, 1, 2, 2}, null,
                null, null);
        DetectionAp.ImageDets out = DetectorEvalRun.toOriginal(d, 100, 100, 3, 3);
        float r = (float) (100.0 / 3);
        assertArrayEquals(new float[] {r, r, 2 * r, 2 * r}, out.boxes());
    }
}
