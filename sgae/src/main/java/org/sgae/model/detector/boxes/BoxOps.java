package org.sgae.model.detector.boxes;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BoxCoderAttrs;
import org.sgae.tensor.attrs.BoxConvention;
import org.sgae.tensor.ops.Detection;
import org.sgae.train.config.BoxWeights;

/**
 * The engine's box ops with the detector's fixed choices: the "+1" width convention everywhere (model-spec §1) and
 * the decode clamp ln(1000/16) (§3.3). The only place in the model that names the engine's box attribute types.
 */
public final class BoxOps {
    private BoxOps() {
    }

    private static BoxCoderAttrs coder(BoxWeights w) {
        w.validate();
        return new BoxCoderAttrs(w.wx(), w.wy(), w.ww(), w.wh(), BoxCoderAttrs.DEFAULT_CLIP, BoxConvention.PLUS_ONE);
    }

    /** ref [N,4], gt [N,4] → regression targets [N,4] that move each ref box onto its GT. */
    public static Tensor encode(Tensor ref, Tensor gt, BoxWeights w) {
        return Detection.boxEncode(ref, gt, coder(w));
    }

    /** deltas [N,4J], ref [N,4] → boxes [N,4J]; the width and height deltas are clamped at ln(1000/16). */
    public static Tensor decode(Tensor deltas, Tensor ref, BoxWeights w) {
        return Detection.boxDecode(deltas, ref, coder(w));
    }

    /** Greedy NMS: boxes [N,4], scores [N] → kept indices [K] (I64) by score descending, ties by lower index. */
    public static Tensor nms(Tensor boxes, Tensor scores, double iouThreshold) {
        return Detection.nms(boxes, scores, iouThreshold, BoxConvention.PLUS_ONE);
    }
}
