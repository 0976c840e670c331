package org.sgae.autograd.derivatives;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.autograd.Engine;
import org.sgae.autograd.GradCheck;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BoxCropAttrs;
import org.sgae.tensor.attrs.LayoutGrid;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.ops.Layout;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.ops.OpPart;

/**
 * F64 finite-difference checks through autograd of layout warping (to vectors, maps and box coordinates, both
 * grids). Box corners are drawn away from the bilinear kinks (integer source coordinates) by the randomness of the
 * data; ε = 1e-6 never crosses one. Box crops: to the images and the boxes, for boxes inside, straddling and
 * beyond the image border; the sample coordinates are asserted to stay ≥ 1e-3 px from every integer, where bilinear
 * sampling has its kinks (there the one-sided difference quotients disagree and no derivative exists).
 */
@OpPart(role = Role.GRADIENT_TEST, ops = {Op.LAYOUT_WARP, Op.BOX_CROP})
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

    /** Crop boxes (x0,y0,x1,y1): inside, straddling the left/top border, flipped (x1 < x0), and past the right. */
    private static final double[] CROP_BOXES = {
        0.113, 0.207, 0.671, 0.859,
        -0.187, -0.093, 0.433, 0.561,
        0.781, 0.123, 0.297, 0.644,
        0.617, 0.538, 1.171, 1.129,
    };

    /** Every sample coordinate of every box, in pixels, is ≥ 1e-3 from an integer (FD stays on one bilinear piece). */
    private static void assertOffKinks(double[] b, int s, int h, int w) {
        for (int o = 0; o < b.length / 4; o++) {
            for (int k = 0; k < s; k++) {
                double x = BoxCropAttrs.coord(b[4 * o], b[4 * o + 2], k, s, w);
                double y = BoxCropAttrs.coord(b[4 * o + 1], b[4 * o + 3], k, s, h);
                assertTrue(Math.abs(x - Math.rint(x)) > 1e-3 && Math.abs(y - Math.rint(y)) > 1e-3,
                        "box " + o + " sample " + k + " at (" + x + ", " + y + ") is near a kink");
            }
        }
    }

    @Test
    void boxCropToImagesAndBoxes() {
        int h = 6, w = 7;
        Tensor idx = Tensor.ofInts(new int[] {1, 0, 1, 0}, 4);
        for (int s : new int[] {4, 5}) {
            assertOffKinks(CROP_BOXES, s, h, w);
            GradCheck.assertGradients("box_crop S=" + s, in -> Layout.boxCrop(in[0], in[1], idx, s),
                    Rand.f64(21 + s, 2, 3, h, w).requiresGrad(true),
                    Tensor.of(CROP_BOXES, 4, 4).requiresGrad(true));
        }
        // S = 1: the single sample at (x0, y0); its gradient reaches x0 and y0 only (d/dx1 = d/dy1 = 0)
        assertOffKinks(CROP_BOXES, 1, h, w);
        GradCheck.assertGradients("box_crop S=1", in -> Layout.boxCrop(in[0], in[1], idx, 1),
                Rand.f64(29, 2, 3, h, w).requiresGrad(true), Tensor.of(CROP_BOXES, 4, 4).requiresGrad(true));
    }

    @Test
    void boxCropComputesOnlyTheWantedGradient() {
        Tensor img = Rand.f64(31, 1, 2, 5, 5);
        Tensor b = Tensor.of(CROP_BOXES, 4, 4).narrow(0, 0, 2).contiguous().requiresGrad(true);
        Tensor y = Layout.boxCrop(img, b, Tensor.ofInts(new int[] {0, 0}, 2), 3);
        Engine.backward(y.sum());
        assertNotNull(b.grad());
        assertNull(img.grad());
        Tensor img2 = Rand.f64(32, 1, 2, 5, 5).requiresGrad(true);
        Tensor b2 = Tensor.of(CROP_BOXES, 4, 4).narrow(0, 0, 2).contiguous();
        Engine.backward(Layout.boxCrop(img2, b2, Tensor.ofInts(new int[] {0, 0}, 2), 3).sum());
        assertNotNull(img2.grad());
        assertNull(b2.grad());
    }
}
