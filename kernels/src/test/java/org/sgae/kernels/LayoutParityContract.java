package org.sgae.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.attrs.BoxCropAttrs;
import org.sgae.tensor.attrs.LayoutGrid;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.ops.Index;
import org.sgae.tensor.ops.Layout;

/**
 * Device layout warping against the CPU reference (the F64 path of {@link Layout} runs LayoutWarpRef): vectors and
 * full maps, forward and backward with box gradients, both grids, three seeds, odd sizes, no objects, and a bad
 * objToImg reported at the next synchronisation. Box crops likewise (the F64 path runs BoxCropRef), plus the
 * backward's determinism (no atomics: two runs agree bit for bit).
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

    /** Box crops: S = 1, odd and even S, I32 and I64 indices, boxes partly outside; gradients to images and boxes. */
    @Test
    void boxCropForwardAndBackward() {
        for (long seed = 1; seed <= 3; seed++) {
            for (int sz : new int[] {1, 5, 8}) {
                int b = 2, c = 3, h = 11, w = 13, o = 4 + 2 * (int) seed;
                BoxCropAttrs a = new BoxCropAttrs(sz);
                Tensor img = randn(seed, b, c, h, w);
                Tensor bx = unitBoxes(seed + 20, o);
                Tensor idx = randInts(seed, seed == 2 ? DType.I32 : DType.I64, 0, b, o);
                Tensor go = randn(seed + 5, o, c, sz, sz);
                String what = " seed " + seed + " S=" + sz;
                Tensor ref = Layout.boxCrop(f64(img), f64(bx), idx, sz);
                close(host(Layout.boxCrop(on(img), on(bx), on(idx), sz)), ref, Tolerances.F32_DETECTION,
                        "box_crop fwd" + what);
                Tensor[] gr = Layout.boxCropBackward(f64(go), f64(img), f64(bx), idx, a, true, true);
                Tensor[] gd = Layout.boxCropBackward(on(go), on(img), on(bx), on(idx), a, true, true);
                close(host(gd[0]), gr[0], Tolerances.F32_DETECTION, "box_crop grad images" + what);
                close(host(gd[1]), gr[1], Tolerances.F32_ACCUM_BWD, "box_crop grad boxes" + what);
                Tensor[] again = Layout.boxCropBackward(on(go), on(img), on(bx), on(idx), a, true, true);
                assertArrayEquals(host(gd[0]).toFloatArray(), host(again[0]).toFloatArray(), "deterministic images");
                assertArrayEquals(host(gd[1]).toFloatArray(), host(again[1]).toFloatArray(), "deterministic boxes");
                Tensor[] onlyBoxes = Layout.boxCropBackward(on(go), on(img), on(bx), on(idx), a, false, true);
                assertEquals(null, onlyBoxes[0]);
                assertArrayEquals(host(gd[1]).toFloatArray(), host(onlyBoxes[1]).toFloatArray(), "boxes alone");
            }
        }
    }

    /** The whole-image box with S = H = W is the image on the device too (integer sample coordinates). */
    @Test
    void boxCropWholeImage() {
        Tensor img = randn(4, 2, 3, 9, 9);
        Tensor bx = Tensor.of(new float[] {0, 0, 1, 1, 0, 0, 1, 1}, 2, 4);
        Tensor out = host(Layout.boxCrop(on(img), on(bx), on(Tensor.ofInts(new int[] {0, 1}, 2)), 9));
        assertArrayEquals(img.toFloatArray(), out.toFloatArray());
    }

    /** No boxes: an empty crop, zero image gradient, empty box gradient. */
    @Test
    void boxCropEmpty() {
        Tensor img = randn(5, 2, 3, 6, 7);
        Tensor bx = Tensor.zeros(0, 4);
        Tensor idx = randInts(1, DType.I64, 0, 2, 0);
        assertEquals(org.sgae.tensor.Shape.of(0, 3, 4, 4), Layout.boxCrop(on(img), on(bx), on(idx), 4).shape());
        Tensor[] g = Layout.boxCropBackward(on(Tensor.zeros(0, 3, 4, 4)), on(img), on(bx), on(idx),
                new BoxCropAttrs(4), true, true);
        assertArrayEquals(new float[2 * 3 * 6 * 7], host(g[0]).toFloatArray());
        assertEquals(bx.shape(), g[1].shape());
    }

    /** A bad imageIndex is reported at the next read, naming the op; the other boxes are still cropped. */
    @Test
    void boxCropIndexOutOfRangeIsReportedAtTheNextSynchronisation() {
        Tensor img = randn(6, 2, 2, 5, 6);
        Tensor bx = unitBoxes(3, 3);
        Tensor out = Layout.boxCrop(on(img), on(bx), on(Tensor.ofLongs(new long[] {0, 2, 1}, 3)), 3);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, out::toFloatArray);
        assertEquals("box_crop: imageIndex value 2 out of range [0, 2) on " + device()
                + " (detected at the next synchronisation)", e.getMessage());
        float[] got = out.toFloatArray();
        for (int i = 2 * 9; i < 4 * 9; i++) {
            assertEquals(0f, got[i], "the bad box crops nothing");
        }
        Tensor[] g = Layout.boxCropBackward(on(randn(7, 3, 2, 3, 3)), on(img), on(bx),
                on(Tensor.ofInts(new int[] {0, -1, 1}, 3)), new BoxCropAttrs(3), true, true);
        e = assertThrows(IndexOutOfBoundsException.class, g[1]::toFloatArray);
        assertEquals("box_crop backward: imageIndex value -1 out of range [0, 2) on " + device()
                + " (detected at the next synchronisation)", e.getMessage());
        float[] gb = g[1].toFloatArray();
        assertArrayEquals(new float[4], java.util.Arrays.copyOfRange(gb, 4, 8), "no gradient for the bad box");
    }
}
