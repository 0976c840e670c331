package org.sgae.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sgae.kernels.device.DeviceBackend;
import org.sgae.tensor.DType;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BoxConvention;
import org.sgae.tensor.attrs.LayoutGrid;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.memory.MemoryScope;

/**
 * The launches of a training step never read device memory back nor synchronise: indexed ops (deferred error
 * flag), layout warping (CSR on the device) and nmsKeep, counted on the recording fake driver. The flag is read
 * once at the next host copy, and not again while no flagged launch happened; the public nms reads one scalar.
 */
class NoHostRoundTripTest {
    private final CudaLaunchGeometryTest.RecordingDriver driver = new CudaLaunchGeometryTest.RecordingDriver();
    private final DeviceBackend backend = new DeviceBackend(new CudaContext(0, driver,
            f -> (f + "\0").getBytes()));

    private Tensor tensor(DType t, int... shape) {
        return new Tensor(backend.allocate(t, Shape.of(shape).numel()), Shape.of(shape),
                Shape.of(shape).contiguousStrides(), 0);
    }

    private void assertNoRoundTrip(int reads, int syncs, String what) {
        assertEquals(reads, driver.reads, what + ": device -> host copies");
        assertEquals(syncs, driver.syncs, what + ": synchronisations");
    }

    @Test
    void trainingStepLaunchesDoNotSynchronise() {
        try (MemoryScope scope = MemoryScope.open()) {
            int reads = driver.reads;
            int syncs = driver.syncs;
            Tensor x = tensor(DType.F32, 2, 5, 3);
            Tensor idx = tensor(DType.I64, 4);
            backend.index().indexSelect(x, idx, 2, 5, 3, tensor(DType.F32, 2, 4, 3));
            backend.index().indexAdd(tensor(DType.F32, 2, 4, 3), idx, 2, 5, 3, x);
            Tensor idx2 = tensor(DType.I64, 2, 5, 3);
            backend.index().gather(x, 1, idx2, tensor(DType.F32, 2, 5, 3));
            backend.index().scatterAdd(x, 1, idx2, tensor(DType.F32, 2, 5, 3));
            assertNoRoundTrip(reads, syncs, "indexed launches");

            LayoutWarpAttrs a = new LayoutWarpAttrs(2, 5, 6, 4, LayoutGrid.values()[0]);
            Tensor v = tensor(DType.F32, 3, 2);
            Tensor bx = tensor(DType.F32, 3, 4);
            Tensor img = tensor(DType.I64, 3);
            backend.layout().layoutWarp(v, bx, img, a, tensor(DType.F32, 2, 2, 5, 6));
            backend.layout().layoutWarpBackward(tensor(DType.F32, 2, 2, 5, 6), v, bx, img, a,
                    tensor(DType.F32, 3, 2), tensor(DType.F32, 3, 4));
            assertNoRoundTrip(reads, syncs, "layout warping");

            Tensor boxes = tensor(DType.F32, 300, 4);
            Tensor scores = tensor(DType.F32, 300);
            backend.detection().nmsKeep(boxes, scores, tensor(DType.I32, 300), 0.7, BoxConvention.TORCHVISION,
                    tensor(DType.BOOL, 300));
            assertNoRoundTrip(reads, syncs, "nmsKeep");

            // the next host read also reads the deferred flag once; a second read with no flagged launch does not
            backend.copyOut(x.storage(), 0, new float[30], 0, 30); // what toFloatArray does
            assertEquals(reads + 2, driver.reads, "data + flag");
            backend.copyOut(x.storage(), 0, new float[30], 0, 30);
            assertEquals(reads + 3, driver.reads, "data only");
            // the public nms reads one scalar (its kept count; 0 on the fake), nothing else
            backend.detection().nms(boxes, scores, null, 0.5, BoxConvention.TORCHVISION);
            assertEquals(reads + 4, driver.reads, "nms: the kept count only");
        }
    }
}
