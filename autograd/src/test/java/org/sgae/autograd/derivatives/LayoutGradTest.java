package org.sgae.autograd.derivatives;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.autograd.Engine;
import org.sgae.autograd.GradCheck;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.LayoutGrid;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.ops.Layout;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * F64 finite-difference checks through autograd of layout warping (to vectors, maps and box coordinates, both
 * grids). Box corners are drawn away from the bilinear kinks (integer source coordinates) by the randomness of the
 * data; ε = 1e-6 never crosses one.
 */
@OpPart(role = Role.GRADIENT_TEST, ops = Op.LAYOUT_WARP)
class LayoutGradTest {
    private static Tensor boxes(long seed, int o) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] b = new double[o * 4];
        for (int i = 0; i < o; i++) {
            double bw = 0.15 + 0.5 * r.nextDouble();
            double bh = 0.15 + 0.5 * r.nextDouble();
            b[4 * i] = r.nextDouble() * 1.1 - 0.1;
            b[4 * i + 1] = r.nextDouble() * 1.1 - 0.1;
            b[4 * i + 2] = b[4 * i] + bw;
            b[4 * i + 3] = b[4 * i + 1] + bh;
        }
        return Tensor.of(b, o, 4);
    }

    @Test
    void layoutToVectorsMapsAndBoxes() {
        Tensor img = Tensor.ofLongs(new long[] {0, 1, 0}, 3);
        for (LayoutGrid grid : LayoutGrid.values()) {
            LayoutWarpAttrs a = new LayoutWarpAttrs(2, 7, 9, 4, grid);
            for (long seed = 1; seed <= 3; seed++) {
                GradCheck.assertGradients("layout vectors " + grid, in -> Layout.layoutWarp(in[0], in[1], img, a),
                        Rand.f64(seed, 3, 2).requiresGrad(true), boxes(seed + 10, 3).requiresGrad(true));
            }
            GradCheck.assertGradients("layout maps " + grid, in -> Layout.layoutWarp(in[0], in[1], img, a),
                    Rand.f64(5, 3, 2, 4, 4).requiresGrad(true), boxes(15, 3).requiresGrad(true));
        }
    }

    @Test
    void layoutSkipsBoxGradientForConstantBoxes() {
        Tensor v = Rand.f64(3, 2, 3).requiresGrad(true);
        Tensor b = boxes(4, 2);
        Tensor y = Layout.layoutWarp(v, b, Tensor.ofLongs(new long[] {0, 0}, 2), LayoutWarpAttrs.of(1, 5, 5));
        Engine.backward(y.sum());
        assertNotNull(v.grad());
        assertNull(b.grad());
    }
}
