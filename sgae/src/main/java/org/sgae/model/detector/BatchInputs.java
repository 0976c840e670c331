package org.sgae.model.detector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sgae.data.pipeline.Batch;
import org.sgae.tensor.Tensor;

/**
 * The detector's inputs from a loader {@link Batch} built with {@code LoaderConfig.withRawPixels()}: each image
 * un-padded back to its own size (the detector pads again to its size divisibility, §1–2), and each image's GT.
 */
public final class BatchInputs {
    private BatchInputs() {
    }

    /** batch images [n,3,H,W] (raw pixels in [0, 1], zero-padded) → per image [3,h_i,w_i] CPU F32. */
    public static List<Tensor> images(Batch b) {
        List<Tensor> out = new ArrayList<>(b.n());
        int plane = b.height() * b.width();
        for (int i = 0; i < b.n(); i++) {
            int h = b.imageHeights()[i];
            int w = b.imageWidths()[i];
            float[] px = new float[3 * h * w];
            for (int c = 0; c < 3; c++) {
                int src = (i * 3 + c) * plane;
                for (int y = 0; y < h; y++) {
                    System.arraycopy(b.images(), src + y * b.width(), px, (c * h + y) * w, w);
                }
            }
            out.add(Tensor.of(px, 3, h, w));
        }
        return out;
    }

    /** Per image its GT: boxes [G_i·4] ("+1" boxes in the batch's resized pixels) and classes [G_i]. */
    public static List<FasterRcnn.Target> targets(Batch b) {
        List<FasterRcnn.Target> out = new ArrayList<>(b.n());
        for (int i = 0; i < b.n(); i++) {
            int from = b.objectOffsets()[i];
            int to = b.objectOffsets()[i + 1];
            out.add(new FasterRcnn.Target(Arrays.copyOfRange(b.boxes(), 4 * from, 4 * to),
                    Arrays.copyOfRange(b.labels(), from, to)));
        }
        return out;
    }
}
