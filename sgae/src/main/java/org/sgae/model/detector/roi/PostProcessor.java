package org.sgae.model.detector.roi;

import java.util.Arrays;
import org.sgae.model.detector.boxes.BoxOps;
import org.sgae.tensor.Tensor;
import org.sgae.train.config.PostProcessConfig;

/**
 * Detection post-processing of model-spec §3.5 (GRCNN's neural-motifs-like filter_results_nm, retry fixed, Q19), on
 * host arrays of one image:
 * <ol>
 *   <li>for each class c ≥ 1 with max_r P[r,c] &gt; τ: greedy NMS at 0.3 over all R boxes B_c, scored by P[:,c];
 *       survivors set mask[r,c];</li>
 *   <li>score_r = max_{c≥1} mask[r,c]·P[r,c], label_r its arg-max (lowest c on ties);</li>
 *   <li>keep score_r &gt; τ, sort descending (stable: ties keep the lower ROI first), keep the top N;</li>
 *   <li>fewer than minDetections (2) survivors: τ ← τ/2 and steps 1–3 again on the <b>original</b> ROIs, at most
 *       maxRetries (4) times.</li>
 * </ol>
 * The per-class NMS runs through the engine's CPU NMS (ties by the lower index). The loop is over classes and over
 * host index arrays only; the output sizes are data-dependent, which is why this runs on the host.
 */
public final class PostProcessor {
    private final PostProcessConfig config;

    public PostProcessor(PostProcessConfig config) {
        this.config = config.validate();
    }

    /** The kept ROIs, best first: ROI index, label, score and the label's box [N·4]. */
    public record Result(int[] rois, int[] labels, float[] scores, float[] boxes) {
        public int size() {
            return rois.length;
        }
    }

    /**
     * probs [R·C] row-major softmax probabilities, boxes [R·4C] class-specific decoded and clipped boxes (column
     * c·4 + k) → the detections.
     */
    public Result select(float[] probs, float[] boxes, int numRois, int numClasses) {
        if (numRois < 0 || numClasses < 2 || probs == null || boxes == null
                || probs.length != (long) numRois * numClasses || boxes.length != 4L * numRois * numClasses) {
            throw new IllegalArgumentException("post-processing: probs must be [R = " + numRois + ", C = "
                    + numClasses + "] and boxes [R, 4C], got lengths " + (probs == null ? "null" : probs.length)
                    + " and " + (boxes == null ? "null" : boxes.length));
        }
        double tau = config.scoreThreshold();
        Result r = once(probs, boxes, numRois, numClasses, tau);
        for (int retry = 0; retry < config.maxRetries() && r.size() < config.minDetections(); retry++) {
            tau /= 2;
            r = once(probs, boxes, numRois, numClasses, tau); // from the original ROIs, not from r (Q19)
        }
        return r;
    }

    /** Steps 1–3 at threshold tau. */
    private Result once(float[] probs, float[] boxes, int numRois, int numClasses, double tau) {
        float[] best = new float[numRois];
        int[] label = new int[numRois];
        for (int c = 1; c < numClasses; c++) { // classes in ascending order: a strict ">" keeps the lowest on ties
            float[] pc = new float[numRois];
            float[] bc = new float[4 * numRois];
            float max = Float.NEGATIVE_INFINITY;
            for (int r = 0; r < numRois; r++) {
                pc[r] = probs[r * numClasses + c];
                System.arraycopy(boxes, (r * numClasses + c) * 4, bc, 4 * r, 4);
                max = Math.max(max, pc[r]);
            }
            if (!(max > tau)) {
                continue;
            }
            long[] kept = BoxOps.nms(Tensor.of(bc, numRois, 4), Tensor.of(pc, numRois), config.nmsThreshold())
                    .toLongArray();
            for (long k : kept) {
                int r = (int) k;
                if (pc[r] > best[r]) {
                    best[r] = pc[r];
                    label[r] = c;
                }
            }
        }
        Integer[] order = new Integer[numRois];
        int n = 0;
        for (int r = 0; r < numRois; r++) {
            if (best[r] > tau) {
                order[n++] = r;
            }
        }
        order = Arrays.copyOf(order, n);
        Arrays.sort(order, (a, b) -> Float.compare(best[b], best[a])); // stable: equal scores keep ROI order
        int keep = Math.min(n, config.detectionsPerImg());
        int[] rois = new int[keep];
        int[] labels = new int[keep];
        float[] scores = new float[keep];
        float[] out = new float[4 * keep];
        for (int i = 0; i < keep; i++) {
            int r = order[i];
            rois[i] = r;
            labels[i] = label[r];
            scores[i] = best[r];
            System.arraycopy(boxes, (r * numClasses + label[r]) * 4, out, 4 * i, 4);
        }
        return new Result(rois, labels, scores, out);
    }
}
