package org.sgae.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.sgae.kernels.device.CachingAllocator;
import org.sgae.kernels.device.DeviceBackend;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.spi.Backend;
import org.sgae.tensor.spi.Backends;

/**
 * Base of every parity contract: the device under test, one MemoryScope per test (everything a test allocates is
 * closed after it), seeded random inputs, and a leak check after the class (the device allocator must have as many
 * blocks out as before the class ran).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ParityBase {
    public static final long[] SEEDS = {1, 2, 3};
    private MemoryScope scope;
    private int outstandingBefore;

    protected abstract Device device();

    protected Backend dev() {
        return Backends.of(device());
    }

    protected Backend cpu() {
        return Backends.of(Device.cpu());
    }

    protected CachingAllocator allocator() {
        return ((DeviceBackend) dev()).runtime().allocator();
    }

    @BeforeAll
    void recordOutstanding() {
        outstandingBefore = allocator().outstandingBlocks();
    }

    @AfterAll
    void checkLeaks() {
        assertEquals(outstandingBefore, allocator().outstandingBlocks(), "device blocks leaked by "
                + getClass().getSimpleName() + ": " + allocator());
    }

    @BeforeEach
    void openScope() {
        scope = MemoryScope.open();
    }

    @AfterEach
    void closeScope() {
        scope.close();
    }

    /** CPU F32 tensor, uniform in [lo, hi). */
    public static Tensor uniform(long seed, float lo, float hi, int... shape) {
        SplittableRandom r = new SplittableRandom(seed * 7919 + shape.length);
        int n = Shape.of(shape).numel();
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = lo + (hi - lo) * (float) r.nextDouble();
        }
        return Tensor.of(d, shape);
    }

    public static Tensor randn(long seed, int... shape) {
        SplittableRandom r = new SplittableRandom(seed * 104729 + shape.length);
        int n = Shape.of(shape).numel();
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble(1e-12, 1);
            double v = r.nextDouble();
            d[i] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
        }
        return Tensor.of(d, shape);
    }

    public static Tensor randInts(long seed, DType dtype, int lo, int hi, int... shape) {
        SplittableRandom r = new SplittableRandom(seed * 31 + shape.length);
        int n = Shape.of(shape).numel();
        Tensor t = Tensor.empty(Shape.of(shape), dtype, Device.cpu());
        for (int i = 0; i < n; i++) {
            t.cpu().setDouble(i, r.nextInt(lo, hi));
        }
        return t;
    }

    protected static Tensor f64(Tensor t) {
        return t.to(DType.F64);
    }

    /** Shape equal, values within tol of the (F64) reference. */
    protected static void close(Tensor actual, Tensor ref, Tolerances.Tol tol, String what) {
        assertEquals(ref.shape(), actual.shape(), what + ": shape");
        TensorAsserts.assertClose(actual.toDoubleArray(), ref.toDoubleArray(), tol, what);
    }

    protected Tensor host(Tensor t) {
        return t.to(Device.cpu());
    }

    protected Tensor on(Tensor t) {
        return t.to(device());
    }

    /** An uninitialised output on the device under test. */
    protected Tensor devEmpty(DType dtype, int... shape) {
        return Tensor.empty(Shape.of(shape), dtype, device());
    }

    protected static Tensor cpuEmpty(DType dtype, int... shape) {
        return Tensor.empty(Shape.of(shape), dtype, Device.cpu());
    }
}
