package org.sgae.kernels.launch;

import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.kernels.device.DeviceStorage;
import org.sgae.kernels.device.Grid;
import org.sgae.kernels.device.KernelArgs;
import org.sgae.kernels.device.KernelFunction;
import org.sgae.kernels.device.Scratch;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BoxConvention;
import org.sgae.tensor.ops.Views;

/**
 * Greedy NMS entirely on the device (nms.k header): score keys + bitonic sort, gather in visit order, IoU bitmask,
 * then the greedy scan in one work-group. {@link #keep} never synchronises; {@link #nms} reads one scalar, the kept
 * count, to size its result (as torch does).
 */
public final class NmsLauncher {
    /** Largest N whose `removed` bit-vector fits nms_scan_local's static local array (512 u64 words, 4 KiB). */
    public static final int LOCAL_SCAN_MAX_BOXES = 512 * 64;
    static final int BLOCK = 256;

    private final DeviceRuntime rt;
    private final int localScanMaxBoxes;
    private final ElementwiseLauncher elementwise;
    private final KernelFunction keys;
    private final KernelFunction bitonic;
    private final KernelFunction gatherI32;
    private final KernelFunction gatherI64;
    private final KernelFunction mask;
    private final KernelFunction scanLocal;
    private final KernelFunction scanGlobal;

    public NmsLauncher(DeviceRuntime rt) {
        this(rt, LOCAL_SCAN_MAX_BOXES);
    }

    /** localScanMaxBoxes: above it the scan keeps `removed` in global memory (tests lower it to cover that path). */
    public NmsLauncher(DeviceRuntime rt, int localScanMaxBoxes) {
        this.rt = rt;
        this.localScanMaxBoxes = Math.min(localScanMaxBoxes, LOCAL_SCAN_MAX_BOXES);
        elementwise = new ElementwiseLauncher(rt);
        keys = rt.function("nms", "nms_keys");
        bitonic = rt.function("pair_score", "pair_bitonic_step"); // the same descending i64 key sort
        gatherI32 = rt.function("nms", "nms_gather_i32");
        gatherI64 = rt.function("nms", "nms_gather_i64");
        mask = rt.function("nms", "nms_mask");
        scanLocal = rt.function("nms", "nms_scan_local");
        scanGlobal = rt.function("nms", "nms_scan_global");
    }

    private static Grid grid(int items) {
        return Grid.linear(Math.max(1, Math.min(items, BLOCK * 4096)), BLOCK);
    }

    /** keep [N] BOOL (=), original order. No host read. */
    public void keep(Tensor boxes, Tensor scores, Tensor classes, double thr, BoxConvention c, Tensor keep) {
        int n = boxes.dim(0);
        if (n == 0) {
            return;
        }
        try (Tensor kept = Scratch.empty(rt, DType.I64, n); Tensor count = Scratch.empty(rt, DType.I64, 1)) {
            run(boxes, scores, classes, thr, c, keep, kept, count);
        }
    }

    /** Kept indices [kept] I64 in visit order (score descending, ties lower index); reads the count. */
    public Tensor nms(Tensor boxes, Tensor scores, Tensor classes, double thr, BoxConvention c) {
        int n = boxes.dim(0);
        if (n == 0) {
            return Scratch.empty(rt, DType.I64, 0);
        }
        try (Tensor keep = Scratch.empty(rt, DType.BOOL, n); Tensor kept = Scratch.empty(rt, DType.I64, n);
             Tensor count = Scratch.empty(rt, DType.I64, 1)) {
            run(boxes, scores, classes, thr, c, keep, kept, count);
            // the one synchronisation: the result's size depends on the data (also reports deferred errors)
            long[] counted = new long[1];
            rt.read(((DeviceStorage) count.storage()).block(), 0, counted, 0, Long.BYTES);
            rt.errors().check();
            int nk = (int) counted[0];
            Tensor out = Scratch.empty(rt, DType.I64, nk); // an ordinary device tensor (scope-registered)
            elementwise.copy(Views.narrow(kept, 0, 0, nk), out);
            return out;
        }
    }

    /** keep [N] (original order), kept [N] (visit order, -1 padded), count [1]; N ≥ 1. */
    private void run(Tensor boxes, Tensor scores, Tensor classes, double thr, BoxConvention c, Tensor keep,
                     Tensor kept, Tensor count) {
        Types.requireF32("nms", boxes, scores);
        int n = boxes.dim(0);
        int padded = Integer.highestOneBit(Math.max(2, n - 1)) << 1;
        int words = (n + 63) / 64;
        try (Tensor k = Scratch.empty(rt, DType.I64, padded); Tensor sorted = Scratch.empty(rt, DType.F32, n, 4);
             Tensor cls = Scratch.empty(rt, DType.I64, n); Tensor m = Scratch.empty(rt, DType.I64, n * words)) {
            keys.launch(grid(padded), new KernelArgs().tensor(scores).tensor(k).i32(n).i32(padded));
            for (int size = 2; size <= padded; size <<= 1) {
                for (int stride = size >> 1; stride > 0; stride >>= 1) {
                    bitonic.launch(grid(padded / 2), new KernelArgs().tensor(k).i32(padded).i32(size).i32(stride));
                }
            }
            boolean i32 = classes != null && classes.dtype() == DType.I32;
            (i32 ? gatherI32 : gatherI64).launch(grid(n), new KernelArgs().tensor(k).tensor(boxes)
                    .tensor(classes == null ? cls : classes).i32(classes == null ? 0 : 1).tensor(sorted).tensor(cls)
                    .i32(n));
            mask.launch(grid(n * words), new KernelArgs().tensor(sorted).tensor(cls).i32(classes == null ? 0 : 1)
                    .tensor(m).i32(n).f32((float) thr).i32(c.offset()));
            KernelArgs scan = new KernelArgs().tensor(m).tensor(k).i32(n).tensor(keep).tensor(kept).tensor(count);
            Grid one = new Grid(1, 1, 1, BLOCK, 1, 1);
            if (n <= localScanMaxBoxes) {
                scanLocal.launch(one, scan);
            } else {
                try (Tensor removed = Scratch.empty(rt, DType.I64, words)) {
                    scanGlobal.launch(one, scan.tensor(removed));
                }
            }
        }
    }
}
