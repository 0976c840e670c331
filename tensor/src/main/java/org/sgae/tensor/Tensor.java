package org.sgae.tensor;

import java.util.Arrays;
import org.sgae.tensor.internal.GradFn;
import org.sgae.tensor.internal.TensorInternals;
import org.sgae.tensor.memory.CpuStorage;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.memory.Storage;
import org.sgae.tensor.ops.Dispatch;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Linalg;
import org.sgae.tensor.ops.Reduce;
import org.sgae.tensor.ops.Views;
import org.sgae.tensor.spi.Backends;

/**
 * An n-dimensional strided view of a {@link Storage}. Views (reshape, permute, narrow, expand) share storage; ops
 * allocate new contiguous outputs from the device's caching allocator. A tensor made inside a {@link MemoryScope}
 * is closed with it unless kept. The instance methods here are conveniences over the op facades in
 * {@code org.sgae.tensor.ops}; everything an op needs goes through those.
 */
public final class Tensor implements AutoCloseable {
    private final Storage storage;
    private final Shape shape;
    private final int[] strides;
    private final int offset;
    private MemoryScope scope;
    private boolean closed;
    // autograd state; tensor only stores it (autograd's recorder and engine interpret it)
    private boolean requiresGrad;
    private Tensor grad;
    private GradFn gradFn;

    static {
        TensorInternals.install(new Internals());
    }

    /** Wraps storage as a view; registers with the current MemoryScope. */
    public Tensor(Storage storage, Shape shape, int[] strides, int offset) {
        if (strides.length != shape.rank()) {
            throw new IllegalArgumentException("Strides " + Arrays.toString(strides) + " do not match shape " + shape);
        }
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        storage.retain();
        MemoryScope.register(this);
    }

    // ---------------------------------------------------------------- factories

    /** Uninitialised contiguous tensor (contents undefined: pooled memory is reused dirty). */
    public static Tensor empty(Shape shape, DType dtype, Device device) {
        Storage s = Backends.of(device).allocate(dtype, shape.numel());
        return new Tensor(s, shape, shape.contiguousStrides(), 0);
    }

    public static Tensor empty(DType dtype, int... shape) {
        return empty(Shape.of(shape), dtype, Device.cpu());
    }

    public static Tensor full(Shape shape, DType dtype, Device device, double value) {
        Tensor t = empty(shape, dtype, device);
        Backends.of(device).elementwise().fill(t, value);
        return t;
    }

    public static Tensor zeros(Shape shape, DType dtype, Device device) {
        return full(shape, dtype, device, 0);
    }

    public static Tensor zeros(int... shape) {
        return full(Shape.of(shape), DType.F32, Device.cpu(), 0);
    }

    public static Tensor ones(int... shape) {
        return full(Shape.of(shape), DType.F32, Device.cpu(), 1);
    }

    public static Tensor scalar(double value) {
        return full(Shape.scalar(), DType.F32, Device.cpu(), value);
    }

    public static Tensor scalar(double value, DType dtype, Device device) {
        return full(Shape.scalar(), dtype, device, value);
    }

    /** A CPU F32 tensor holding a copy of {@code data} in row-major order. */
    public static Tensor of(float[] data, int... shape) {
        return copyOf(DType.F32, data, data.length, shape);
    }

    public static Tensor of(double[] data, int... shape) {
        return copyOf(DType.F64, data, data.length, shape);
    }

    public static Tensor ofInts(int[] data, int... shape) {
        return copyOf(DType.I32, data, data.length, shape);
    }

    public static Tensor ofLongs(long[] data, int... shape) {
        return copyOf(DType.I64, data, data.length, shape);
    }

    public static Tensor ofBools(boolean[] data, int... shape) {
        byte[] b = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            b[i] = (byte) (data[i] ? 1 : 0);
        }
        return copyOf(DType.BOOL, b, b.length, shape);
    }

    /** [0, 1, ..., n-1] as dtype on device. */
    public static Tensor arange(int n, DType dtype, Device device) {
        Tensor t = empty(Shape.of(n), dtype, Device.cpu());
        CpuStorage s = t.cpu();
        for (int i = 0; i < n; i++) {
            s.setDouble(i, i);
        }
        return device.isCpu() ? t : t.to(device);
    }

    private static Tensor copyOf(DType dtype, Object data, int length, int[] dims) {
        Shape s = Shape.of(dims);
        if (s.numel() != length) {
            throw new IllegalArgumentException("Data of length " + length + " does not fit shape " + s);
        }
        CpuStorage st = CpuStorage.allocate(dtype, length);
        System.arraycopy(data, 0, st.array(), 0, length);
        return new Tensor(st, s, s.contiguousStrides(), 0);
    }

    // ---------------------------------------------------------------- metadata

    public Shape shape() {
        return shape;
    }

    public int dim(int d) {
        return shape.dim(d);
    }

    public int rank() {
        return shape.rank();
    }

    public int numel() {
        return shape.numel();
    }

    public DType dtype() {
        return storage.dtype();
    }

    public Device device() {
        return storage.device();
    }

    public Storage storage() {
        if (closed) {
            throw new IllegalStateException("Tensor " + shape + " was closed (by its MemoryScope or by hand)");
        }
        return storage;
    }

    /** CPU storage of this tensor; a clear error for device tensors. */
    public CpuStorage cpu() {
        if (!device().isCpu()) {
            throw new IllegalArgumentException("Tensor " + shape + " is on " + device() + ", expected cpu");
        }
        return (CpuStorage) storage();
    }

    public int[] strides() {
        return strides.clone();
    }

    public int stride(int d) {
        return strides[shape.axis(d)];
    }

    public int offset() {
        return offset;
    }

    /** Row-major contiguous from offset (size-1 dims may have any stride). */
    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.rank() - 1; i >= 0; i--) {
            int d = shape.dim(i);
            if (d != 1 && strides[i] != expected) {
                return false;
            }
            expected *= d;
        }
        return true;
    }

    // ---------------------------------------------------------------- autograd state

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf as requiring grad; returns this. */
    public Tensor requiresGrad(boolean value) {
        if (value && !dtype().isFloating()) {
            throw new IllegalArgumentException("Only floating tensors can require grad, got " + dtype());
        }
        this.requiresGrad = value;
        return this;
    }

    public Tensor grad() {
        return grad;
    }

    public void setGrad(Tensor g) {
        this.grad = g;
    }

    public boolean isLeaf() {
        return gradFn == null;
    }

    /** Differentiates this one-element tensor: gradients accumulate into the leaves' {@link #grad()}. */
    public void backward() {
        Dispatch.backward(this, null, false);
    }

    /** Backward with an explicit upstream gradient; retainGraph keeps the graph for another backward. */
    public void backward(Tensor gradRoot, boolean retainGraph) {
        Dispatch.backward(this, gradRoot, retainGraph);
    }

    /** A view sharing storage that is cut off from the graph. */
    public Tensor detach() {
        return new Tensor(storage(), shape, strides, offset);
    }

    // ---------------------------------------------------------------- views and copies (recorded by autograd)

    public Tensor reshape(int... dims) {
        return Views.reshape(this, dims);
    }

    public Tensor permute(int... order) {
        return Views.permute(this, order);
    }

    public Tensor transpose(int a, int b) {
        return Views.transpose(this, a, b);
    }

    public Tensor narrow(int dim, int start, int length) {
        return Views.narrow(this, dim, start, length);
    }

    public Tensor expand(int... dims) {
        return Views.expand(this, Shape.of(dims));
    }

    public Tensor squeeze(int dim) {
        return Views.squeeze(this, dim);
    }

    public Tensor unsqueeze(int dim) {
        return Views.unsqueeze(this, dim);
    }

    public Tensor flatten() {
        return Views.reshape(this, numel());
    }

    /** This tensor if already contiguous, else a contiguous copy. */
    public Tensor contiguous() {
        return isContiguous() ? this : Elementwise.copy(this);
    }

    /** A copy on {@code target}; this tensor itself when already there. The only way data crosses devices. */
    public Tensor to(Device target) {
        return Views.to(this, target);
    }

    /** Converted to another dtype (this tensor if it already has it). */
    public Tensor to(DType target) {
        return target == dtype() ? this : Elementwise.cast(this, target);
    }

    // ---------------------------------------------------------------- common ops (see the facades for the rest)

    public Tensor add(Tensor o) {
        return Elementwise.add(this, o);
    }

    public Tensor sub(Tensor o) {
        return Elementwise.sub(this, o);
    }

    public Tensor mul(Tensor o) {
        return Elementwise.mul(this, o);
    }

    public Tensor div(Tensor o) {
        return Elementwise.div(this, o);
    }

    public Tensor add(double s) {
        return Elementwise.addScalar(this, s);
    }

    public Tensor mul(double s) {
        return Elementwise.mulScalar(this, s);
    }

    public Tensor neg() {
        return Elementwise.neg(this);
    }

    public Tensor matmul(Tensor o) {
        return Linalg.matmul(this, o);
    }

    public Tensor sum() {
        return Reduce.sumAll(this);
    }

    public Tensor mean() {
        return Reduce.meanAll(this);
    }

    public Tensor sum(int dim, boolean keepDim) {
        return Reduce.sum(this, new int[] {dim}, keepDim);
    }

    public Tensor mean(int dim, boolean keepDim) {
        return Reduce.mean(this, new int[] {dim}, keepDim);
    }

    // ---------------------------------------------------------------- host access (each synchronises with the device)

    /** Copies the elements in row-major order to a new float[] (converting). Synchronises. */
    public float[] toFloatArray() {
        if (dtype() == DType.F32) {
            return HostCopy.toFloats(this);
        }
        double[] d = HostCopy.toDoubles(this);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** Row-major copy as double[]. Synchronises. */
    public double[] toDoubleArray() {
        return HostCopy.toDoubles(this);
    }

    /** Row-major copy as long[] (floating values truncate). Synchronises. */
    public long[] toLongArray() {
        return HostCopy.toLongs(this);
    }

    /** The single element of a one-element tensor. Synchronises. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalArgumentException("item() needs exactly one element, tensor has shape " + shape);
        }
        return HostCopy.toDoubles(this)[0];
    }

    // ---------------------------------------------------------------- lifetime

    /** Releases this view's reference to its storage; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            storage.release();
            if (scope != null) {
                MemoryScope.escape(this);
            }
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** The memory scope that will close this tensor, or null. */
    public MemoryScope scope() {
        return scope;
    }

    @Override
    public String toString() {
        return "Tensor" + shape + " " + dtype() + " " + device() + (requiresGrad ? " requiresGrad" : "");
    }

    /** Scope and autograd state, reachable only through {@link TensorInternals}. */
    private static final class Internals implements TensorInternals.Access {
        @Override
        public void setScope(Tensor t, MemoryScope scope) {
            t.scope = scope;
        }

        @Override
        public void closeFromScope(Tensor t) {
            if (!t.closed) {
                t.closed = true;
                t.storage.release();
            }
        }

        @Override
        public GradFn gradFn(Tensor t) {
            return t.gradFn;
        }

        @Override
        public void setGradFn(Tensor t, GradFn fn) {
            t.gradFn = fn;
        }
    }
}
