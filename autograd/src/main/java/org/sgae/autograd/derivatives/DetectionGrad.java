package org.sgae.autograd.derivatives;

import static org.sgae.autograd.Derivative.NONE;
import static org.sgae.autograd.Derivative.saving;

import java.util.Map;
import org.sgae.autograd.Derivative;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.RoiAlignAttrs;
import org.sgae.tensor.ops.Detection;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * Backward rules of the detection ops; each calls the op's own backward in {@link Detection}, which the tensor
 * tests check against the references.
 * <ul>
 *   <li>ROI_ALIGN (x, rois): gradient to x only; rois are detached proposals.</li>
 *   <li>PAIR_SCORES (phiS, phiO[, pS, pO]) → (scores, pairs): the gradient of the kept scores flows through σ into the
 *       factors; the pair indices take none and the selection itself is not differentiated.</li>
 * </ul>
 */
@OpPart(role = Role.DERIVATIVE, ops = {Op.ROI_ALIGN, Op.PAIR_SCORES})
public final class DetectionGrad {
    private DetectionGrad() {
    }

    public static void register(Map<Op, Derivative> t) {
        // the features' gradient needs their shape only: saving them would keep the whole feature map alive
        t.put(Op.ROI_ALIGN, saving(new int[] {1}, NONE, (n, g) -> new Tensor[] {
            Detection.roiAlignBackward(g[0], n.input(1), n.inputShape(0), n.attrs(RoiAlignAttrs.class)), null}));
        t.put(Op.PAIR_SCORES, saving(new int[] {0, 1, 2, 3}, new int[] {0, 1}, (n, g) -> {
            Tensor[] out = new Tensor[n.inputCount()];
            if (g[0] == null) {
                return out; // only the indices output was used downstream
            }
            boolean second = n.inputCount() == 4;
            Tensor[] r = Detection.pairScoresBackward(g[0], n.output(0), n.output(1), n.input(0), n.input(1),
                    second ? n.input(2) : null, second ? n.input(3) : null);
            System.arraycopy(r, 0, out, 0, out.length);
            return out;
        }));
    }
}
