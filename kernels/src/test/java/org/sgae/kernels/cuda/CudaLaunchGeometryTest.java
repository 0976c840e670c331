package org.sgae.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgae.kernels.KernelLaunchException;
import org.sgae.kernels.device.Block;
import org.sgae.kernels.device.DeviceBackend;
import org.sgae.kernels.device.Grid;
import org.sgae.kernels.device.KernelArgs;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BinaryOp;
import org.sgae.tensor.attrs.ReduceOp;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.memory.Storage;

/**
 * The CUDA launch path without a GPU: a recording fake driver behind {@link CudaContext} checks module loading,
 * grid math and argument order of the shared launchers, and error wrapping.
 */
class CudaLaunchGeometryTest {
    record Launch(String kernel, Grid grid, List<KernelArgs.Arg> args) {
    }

    static final class RecordingDriver implements CudaDriver {
        final List<Launch> launches = new ArrayList<>();
        final List<String> modules = new ArrayList<>();
        long next = 0x1000;
        boolean failLaunch;
        /** device -> host copies and synchronisations: what a launch must not do */
        int reads;
        int syncs;

        @Override
        public void open(int index) {
        }

        @Override
        public String deviceName() {
            return "fake";
        }

        @Override
        public Object memAlloc(long bytes) {
            long p = next;
            next += bytes;
            return p;
        }

        @Override
        public void memFree(Object ptr) {
        }

        @Override
        public void copyHtoD(Object dst, long dstByteOffset, Object hostArray, long hostByteOffset, long bytes) {
        }

        @Override
        public void copyDtoH(Object hostArray, long hostByteOffset, Object src, long srcByteOffset, long bytes) {
            reads++;
        }

        @Override
        public void copyDtoD(Object dst, long dstByteOffset, Object src, long srcByteOffset, long bytes) {
        }

        @Override
        public Object loadModule(byte[] ptx) {
            String name = new String(ptx, 0, ptx.length - 1);
            modules.add(name);
            return name;
        }

        @Override
        public Object function(Object module, String name) {
            return module + "/" + name;
        }

        @Override
        public void launch(Object function, Grid grid, KernelArgs args) {
            if (failLaunch) {
                throw new IllegalStateException("CUDA_ERROR_LAUNCH_FAILED");
            }
            launches.add(new Launch((String) function, grid, List.copyOf(args.list())));
        }

        @Override
        public void synchronize() {
            syncs++;
        }
    }

    private static byte[] fakePtx(String family) {
        byte[] b = (family + "\0").getBytes();
        return b;
    }

    private final RecordingDriver driver = new RecordingDriver();
    private final DeviceBackend backend = new DeviceBackend(new CudaContext(0, driver, CudaLaunchGeometryTest::fakePtx));

    private Tensor tensor(DType t, int... shape) {
        Storage s = backend.allocate(t, Shape.of(shape).numel());
        return new Tensor(s, Shape.of(shape), Shape.of(shape).contiguousStrides(), 0);
    }

    @Test
    void elementwiseGridCoversOddSizesAndKeepsArgumentOrder() {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor a = tensor(DType.F32, 1000, 3);
            Tensor b = tensor(DType.F32, 1000, 3);
            Tensor out = tensor(DType.BOOL, 1000, 3);
            backend.elementwise().binary(BinaryOp.LT, a, b, out);
            Launch l = driver.launches.get(driver.launches.size() - 1);
            assertEquals("elementwise/binary_f32_u8", l.kernel());
            assertEquals(new Grid(12, 1, 1, 256, 1, 1), l.grid()); // ceil(3000 / 256)
            // struct, op, boolOut, (a, off), (b, off), (out, off)
            assertEquals(KernelArgs.Kind.BYTES, l.args().get(0).kind());
            assertEquals(BinaryOp.LT.ordinal(), l.args().get(1).value());
            assertEquals(1, l.args().get(2).value());
            assertEquals(9, l.args().size());
            assertEquals(((org.sgae.kernels.device.DeviceStorage) out.storage()).block(), l.args().get(7).value());
        }
    }

    @Test
    void gemmTilesAndReduceLayouts() {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor a = tensor(DType.F32, 3, 130, 20);
            Tensor b = tensor(DType.F32, 20, 65);
            Tensor c = tensor(DType.F32, 3, 130, 65);
            backend.linalg().matmul(a, 130 * 20, false, b, 0, false, 3, 130, 65, 20, c);
            Launch g = driver.launches.get(driver.launches.size() - 1);
            assertEquals("gemm/gemm", g.kernel());
            assertEquals(new Grid(2, 3, 3, 16, 16, 1), g.grid()); // N/64, M/64, batch
            // transA, transB, M, N, K, base, splits, kChunk, (A, off), sA, (B, off), sB, (C, off), sC, beta
            assertEquals(1, g.args().get(6).value());
            assertEquals(130 * 20, g.args().get(10).value());
            assertEquals(0, g.args().get(13).value()); // B's batch stride: broadcast
            assertEquals(130 * 65, g.args().get(16).value());

            // one small product with a long K: split-K into 5 partials, then a column reduction
            Tensor sa = tensor(DType.F32, 20, 3000);
            Tensor sb = tensor(DType.F32, 3000, 9);
            Tensor sc = tensor(DType.F32, 20, 9);
            backend.linalg().matmul(sa, 0, false, sb, 0, false, 1, 20, 9, 3000, sc);
            Launch split = driver.launches.get(driver.launches.size() - 2);
            assertEquals(new Grid(1, 1, 5, 16, 16, 1), split.grid());
            assertEquals(5, split.args().get(6).value());
            assertEquals(608, split.args().get(7).value());
            assertEquals("reduce/reduce_cols", driver.launches.get(driver.launches.size() - 1).kernel());

            Tensor x = tensor(DType.F32, 4, 77, 1);
            Tensor o = tensor(DType.F32, 4, 1);
            backend.reduce().reduce(ReduceOp.SUM, x, 4, 77, 1, o);
            Launch r = driver.launches.get(driver.launches.size() - 1);
            assertEquals("reduce/reduce_rows", r.kernel());
            assertEquals(new Grid(4, 1, 1, 256, 1, 1), r.grid());
            // a long single row: 5 chunk groups write partials, one group sums them
            backend.reduce().reduce(ReduceOp.MEAN, tensor(DType.F32, 20000), 1, 20000, 1, tensor(DType.F32, 1));
            assertEquals(new Grid(5, 1, 1, 256, 1, 1), driver.launches.get(driver.launches.size() - 2).grid());
            assertEquals(new Grid(1, 1, 1, 256, 1, 1), driver.launches.get(driver.launches.size() - 1).grid());
            backend.reduce().reduce(ReduceOp.MAX, tensor(DType.F32, 2, 5, 300), 2, 5, 300, tensor(DType.F32, 2, 300));
            Launch rc = driver.launches.get(driver.launches.size() - 1);
            assertEquals("reduce/reduce_cols", rc.kernel());
            assertEquals(new Grid(3, 1, 1, 256, 1, 1), rc.grid()); // ceil(600 / 256)
        }
        assertTrue(driver.modules.contains("gemm") && driver.modules.contains("reduce"));
        assertEquals(driver.modules.size(), driver.modules.stream().distinct().count(), "each module loaded once");
    }

    @Test
    void emptyInputsLaunchNothing() {
        try (MemoryScope scope = MemoryScope.open()) {
            int before = driver.launches.size();
            backend.elementwise().binary(BinaryOp.ADD, tensor(DType.F32, 0, 4), tensor(DType.F32, 0, 4),
                    tensor(DType.F32, 0, 4));
            backend.reduce().softmax(tensor(DType.F32, 0, 3, 1), 0, 3, 1, false, tensor(DType.F32, 0, 3, 1));
            assertEquals(before, driver.launches.size());
        }
    }

    @Test
    void launchErrorsNameKernelGridAndArguments() {
        driver.failLaunch = true;
        try (MemoryScope scope = MemoryScope.open()) {
            KernelLaunchException e = assertThrows(KernelLaunchException.class, () -> backend.elementwise()
                    .fill(tensor(DType.F32, 300), 1.0));
            assertEquals("fill_b32", e.kernel());
            assertTrue(e.getMessage().contains("[2, 1, 1]") && e.getMessage().contains("[256, 1, 1]")
                    && e.getMessage().contains("[300] F32"), e.getMessage());
        }
    }

    @Test
    void probeWithoutLibcudaIsOneLine() {
        String reason = CudaBackendProvider.probeOnce().reason();
        assertFalse(reason.contains("\n"), reason);
        if (!Cuda.available()) {
            assertTrue(reason.startsWith("CUDA unavailable"), reason);
        }
        assertEquals(Device.cuda(0), backend.device());
    }

    @Test
    void blocksGoBackToTheCache() {
        int persistent = backend.runtime().allocator().outstandingBlocks(); // the runtime's deferred error flag
        assertEquals(1, persistent);
        Block first;
        try (MemoryScope scope = MemoryScope.open()) {
            first = ((org.sgae.kernels.device.DeviceStorage) tensor(DType.F32, 100).storage()).block();
        }
        try (MemoryScope scope = MemoryScope.open()) {
            assertEquals(first, ((org.sgae.kernels.device.DeviceStorage) tensor(DType.I32, 100).storage()).block());
        }
        assertEquals(persistent, backend.runtime().allocator().outstandingBlocks());
    }
}
