package org.sgae.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.attrs.LayoutGrid;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.ops.Index;
import org.sgae.tensor.ops.Layout;

/**
 * Device layout warping against the CPU reference (the F64 path of {@link Layout} runs LayoutWarpRef): vectors and
 * full maps, forward and backward with box gradients, both grids, three seeds, odd sizes, no objects, and a bad
 * objToImg reported at the next synchronisation.
 */
public abstract class LayoutParityContract extends ParityBase {

    static Tensor unitBoxes(long seed, int o) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] b = new float[o * 4];
        for (int i = 0; i < o; i++) {
            double x0 = r.nextDouble() * 1.2 - 0.15;
            double y0 = r.nextDouble() * 1.2 - 0.15;
            b[4 * i] = (float) x0;
            b[4 * i + 1] = (float) y0;
            b[4 * i + 2] = (float) (x0 + 0.05 + 0.6 * r.nextDouble());
            b[4 * i + 3] = (float) (y0 + 0.05 + 0.6 * r.nextDouble());
        }
        return Tensor.of(b, o, 4);
    }

    @Test
    void layoutForwardAndBackward() {
        for (long seed = 1; seed <= 3; seed++) {
            for (LayoutGrid grid : LayoutGrid.values()) {
                int o = 3 + 2 * (int) seed, d = 3, b = 2;
                LayoutWarpAttrs a = new LayoutWarpAttrs(b, 11, 13, 8, grid);
                Tensor v = randn(seed, o, d);
                Tensor bx = unitBoxes(seed, o);
                Tensor img = randInts(seed, DType.I64, 0, b, o);
                Tensor go = randn(seed + 3, b, d, 11, 13);
                Tensor ref = Layout.layoutWarp(f64(v), f64(bx), img, a);
                close(host(Layout.layoutWarp(on(v), on(bx), on(img), a)), ref, Tolerances.F32_DETECTION,
                        "layout fwd " + grid);
                Tensor[] gr = Layout.layoutWarpBackward(f64(go), f64(v), f64(bx), img, a, true);
                Tensor[] gd = Layout.layoutWarpBackward(on(go), on(v), on(bx), on(img), a, true);
                close(host(gd[0]), gr[0], Tolerances.F32_DETECTION, "layout grad vecs " + grid);
                close(host(gd[1]), gr[1], Tolerances.F32_ACCUM_BWD, "layout grad boxes " + grid);
            }
        }
    }

    /** Full per-object maps [O,D,M,M] (layout_map_fwd/bwd): odd and even M, both grids, gradients of maps and boxes. */
    @Test
    void layoutMapsForwardAndBackward() {
        for (long seed = 1; seed <= 3; seed++) {
            for (LayoutGrid grid : LayoutGrid.values()) {
                int o = 3 + 2 * (int) seed, d = 2 + (int) seed, b = 2, m = 3 + (int) seed, h = 11, w = 13;
                LayoutWarpAttrs a = new LayoutWarpAttrs(b, h, w, m, grid);
                Tensor v = randn(seed, o, d, m, m);
                Tensor bx = unitBoxes(seed + 7, o);
                Tensor img = randInts(seed, DType.I64, 0, b, o);
                Tensor go = randn(seed + 3, b, d, h, w);
                Tensor ref = Layout.layoutWarp(f64(v), f64(bx), img, a);
                close(host(Layout.layoutWarp(on(v), on(bx), on(img), a)), ref, Tolerances.F32_DETECTION,
                        "layout maps fwd " + grid + " seed " + seed);
                Tensor[] gr = Layout.layoutWarpBackward(f64(go), f64(v), f64(bx), img, a, true);
                Tensor[] gd = Layout.layoutWarpBackward(on(go), on(v), on(bx), on(img), a, true);
                close(host(gd[0]), gr[0], Tolerances.F32_DETECTION, "layout grad maps " + grid + " seed " + seed);
                close(host(gd[1]), gr[1], Tolerances.F32_ACCUM_BWD, "layout maps grad boxes " + grid);
                Tensor[] noBox = Layout.layoutWarpBackward(on(go), on(v), on(bx), on(img), a, false);
                close(host(noBox[0]), gr[0], Tolerances.F32_DETECTION, "layout grad maps without boxes " + grid);
            }
        }
    }

    /** No objects: the canvas is zero and the gradients are empty. */
    @Test
    void layoutMapsEmpty() {
        LayoutWarpAttrs a = new LayoutWarpAttrs(2, 5, 7, 3, LayoutGrid.values()[0]);
        Tensor v = Tensor.zeros(0, 4, 3, 3);
        Tensor bx = Tensor.zeros(0, 4);
        Tensor img = randInts(1, DType.I64, 0, 2, 0);
        Tensor out = host(Layout.layoutWarp(on(v), on(bx), on(img), a));
        assertEquals(org.sgae.tensor.Shape.of(2, 4, 5, 7), out.shape());
        assertArrayEquals(new float[2 * 4 * 5 * 7], out.toFloatArray());
        Tensor[] g = Layout.layoutWarpBackward(on(randn(2, 2, 4, 5, 7)), on(v), on(bx), on(img), a, true);
        assertEquals(v.shape(), g[0].shape());
        assertEquals(bx.shape(), g[1].shape());
    }

    /** A bad objToImg no longer throws at the launch (no host read) but at the next read, naming the op. */
    @Test
    void layoutObjToImgOutOfRangeIsReportedAtTheNextSynchronisation() {
        LayoutWarpAttrs a = new LayoutWarpAttrs(2, 5, 6, 4, LayoutGrid.values()[0]);
        Tensor v = on(randn(1, 3, 2));
        Tensor bx = on(unitBoxes(1, 3));
        Tensor out = Layout.layoutWarp(v, bx, on(Tensor.ofLongs(new long[] {0, 2, 1}, 3)), a);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, out::toFloatArray);
        assertEquals("layout_warp: objToImg value 2 out of range [0, 2) on " + device()
                + " (detected at the next synchronisation)", e.getMessage());
        // the objects in range are still warped: same as the CPU without object 1
        Tensor keepIdx = Tensor.ofLongs(new long[] {0, 2}, 2);
        Tensor ref = Layout.layoutWarp(f64(Index.indexSelect(randn(1, 3, 2), 0, keepIdx)),
                f64(Index.indexSelect(unitBoxes(1, 3), 0, keepIdx)), Tensor.ofLongs(new long[] {0, 1}, 2), a);
        close(host(out), ref, Tolerances.F32_DETECTION, "layout without the bad object");

        Tensor[] g = Layout.layoutWarpBackward(on(randn(2, 2, 2, 5, 6)), v, bx,
                on(Tensor.ofInts(new int[] {0, 1, -1}, 3)), a, true);
        e = assertThrows(IndexOutOfBoundsException.class, g[0]::toFloatArray);
        assertEquals("layout_warp backward: objToImg value -1 out of range [0, 2) on " + device()
                + " (detected at the next synchronisation)", e.getMessage());
        float[] gv = g[0].toFloatArray();
        assertEquals(0f, gv[4], "no gradient for the bad object");
        assertEquals(0f, gv[5], "no gradient for the bad object");
    }
}
