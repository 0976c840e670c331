package org.sgae.model.detector.roi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.sgae.train.config.PostProcessConfig;
import org.sgae.train.config.Preset;

/** Post-processing (§3.5) on hand cases: per-class NMS, lowest class and ROI order on ties, top N, the retry. */
class PostProcessorTest {
    static final PostProcessConfig VG = Preset.VG.postProcess(); // τ 0.05, NMS 0.3, 64, 4 retries, ≥ 2

    /** The same box for every class of a ROI unless given: boxes [R·4C]. */
    private static float[] boxes(float[][] perRoiClass) {
        float[] out = new float[perRoiClass.length * perRoiClass[0].length];
        for (int r = 0; r < perRoiClass.length; r++) {
            System.arraycopy(perRoiClass[r], 0, out, r * perRoiClass[0].length, perRoiClass[0].length);
        }
        return out;
    }

    /**
     * 3 ROIs, 3 classes. Class 1 boxes: r0 and r1 identical ([0,0,9,9]), r2 far away; class 2 boxes all disjoint.
     * <ul>
     *   <li>class 1 NMS by P[:,1] = (.45, .7, 0): r1 kept, r0 suppressed by r1 (IoU 1), r2 kept (score 0);</li>
     *   <li>class 2 NMS by P[:,2] = (.45, .1, .5): all kept;</li>
     *   <li>score/label: r0 .45/2 (class 1 was suppressed), r1 .7/1, r2 .5/2;</li>
     *   <li>sorted: r1, r2, r0; each with its label's box.</li>
     * </ul>
     */
    @Test
    void perClassNmsThenBestSurvivingClass() {
        float[] probs = {.10f, .45f, .45f, .20f, .70f, .10f, .50f, 0f, .50f};
        float[] b = boxes(new float[][] {
                {0, 0, 1, 1, 0, 0, 9, 9, 20, 20, 29, 29},
                {0, 0, 1, 1, 0, 0, 9, 9, 100, 100, 109, 109},
                {0, 0, 1, 1, 50, 50, 59, 59, 60, 60, 69, 69}});
        PostProcessor.Result r = new PostProcessor(VG).select(probs, b, 3, 3);
        assertArrayEquals(new int[] {1, 2, 0}, r.rois());
        assertArrayEquals(new int[] {1, 2, 2}, r.labels());
        assertArrayEquals(new float[] {.70f, .50f, .45f}, r.scores());
        assertArrayEquals(new float[] {0, 0, 9, 9, 60, 60, 69, 69, 20, 20, 29, 29}, r.boxes());

        PostProcessor.Result top2 = new PostProcessor(VG.withDetectionsPerImg(2)).select(probs, b, 3, 3);
        assertArrayEquals(new int[] {1, 2}, top2.rois(), "detectionsPerImg keeps the best");
    }

    /** Two disjoint ROIs each tied between classes 1 and 2 at .45: label 1 (lowest), order r0, r1 (stable). */
    @Test
    void tiesTakeTheLowestClassAndKeepRoiOrder() {
        float[] probs = {.10f, .45f, .45f, .10f, .45f, .45f};
        float[] b = boxes(new float[][] {
                {0, 0, 1, 1, 0, 0, 9, 9, 0, 0, 9, 9},
                {0, 0, 1, 1, 30, 30, 39, 39, 30, 30, 39, 39}});
        PostProcessor.Result r = new PostProcessor(VG).select(probs, b, 2, 3);
        assertArrayEquals(new int[] {0, 1}, r.rois());
        assertArrayEquals(new int[] {1, 1}, r.labels());
    }

    /**
     * Retry on the original ROIs: P[:,1] = (.06, .03). At τ = .05 only r0 survives (1 &lt; 2), so τ = .025 and steps
     * 1–3 run again on both ROIs: r0 and r1. GRCNN's bug (Q19) re-filtered the one survivor and returned r0 alone.
     */
    @Test
    void retryHalvesTauOnTheOriginalRois() {
        float[] probs = {.94f, .06f, .97f, .03f};
        float[] b = boxes(new float[][] {{0, 0, 1, 1, 0, 0, 9, 9}, {0, 0, 1, 1, 30, 30, 39, 39}});
        PostProcessor.Result r = new PostProcessor(VG).select(probs, b, 2, 2);
        assertArrayEquals(new int[] {0, 1}, r.rois());
        assertArrayEquals(new float[] {.06f, .03f}, r.scores());
    }

    /**
     * At most 4 retries: τ goes .05 → .025 → .0125 → .00625 → .003125. A lone ROI at .004 is found on the 4th
     * retry (still fewer than 2, but no 5th retry follows); at .003 it never is.
     */
    @Test
    void atMostFourRetries() {
        float[] b = {0, 0, 1, 1, 0, 0, 9, 9};
        assertArrayEquals(new int[] {0}, new PostProcessor(VG).select(new float[] {.996f, .004f}, b, 1, 2).rois());
        assertArrayEquals(new int[] {}, new PostProcessor(VG).select(new float[] {.997f, .003f}, b, 1, 2).rois());
    }
}
