package org.sgae.tensor.ops;

import java.util.Arrays;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.Storage;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.spi.Backend;
import org.sgae.tensor.spi.Backends;

/** Views (no copy) and device transfer. Each is recorded so gradients flow through it. */
@OpPart(role = Role.REFERENCE, ops = {Op.RESHAPE, Op.PERMUTE, Op.NARROW, Op.EXPAND},
        notNeeded = "a view recomputes shape and strides only; ViewsTest checks the element positions directly")
@OpPart(role = Role.REFERENCE, ops = Op.TO_DEVICE,
        notNeeded = "a transfer copies bytes unchanged; every parity test round-trips its inputs and results "
            + "through it")
@OpPart(role = Role.CPU, ops = {Op.RESHAPE, Op.PERMUTE, Op.NARROW, Op.EXPAND, Op.TO_DEVICE})
@OpPart(role = Role.DEVICE_LAUNCHER, ops = {Op.RESHAPE, Op.PERMUTE, Op.NARROW, Op.EXPAND},
        notNeeded = "metadata only: a view moves no data on any backend")
@OpPart(role = Role.DEVICE_LAUNCHER, ops = Op.TO_DEVICE,
        notNeeded = "host-device transfers are driver copies (Backend.copyIn/copyOut), not kernels")
@OpPart(role = Role.PARITY_TEST, ops = {Op.RESHAPE, Op.PERMUTE, Op.NARROW, Op.EXPAND, Op.TO_DEVICE},
        notNeeded = "no device kernel to compare; device views are checked through the ops that read them")
@OpPart(role = Role.BENCHMARK, ops = {Op.RESHAPE, Op.PERMUTE, Op.NARROW, Op.EXPAND},
        notNeeded = "no work beyond metadata; making a view contiguous is COPY, timed by "
            + "ElementwiseBench.copyTransposed")
public final class Views {
    private Views() {
    }

    /** Attributes of RESHAPE/EXPAND/TO_DEVICE: the input's shape or device, so backward can undo it. */
    public record InputShape(Shape shape) {
    }

    public record PermuteAttrs(int[] order) {
    }

    public record NarrowAttrs(int dim, int start, int length, Shape inputShape) {
    }

    public record DeviceAttrs(Device from) {
    }

    /** A new view of t's storage; not recorded (for op internals). */
    public static Tensor raw(Tensor t, Shape shape, int[] strides, int offset) {
        return new Tensor(t.storage(), shape, strides, offset);
    }

    public static Tensor reshape(Tensor t, int... dims) {
        Shape target = inferShape(t, dims);
        Tensor src = t.isContiguous() ? t : Elementwise.copy(t);
        Tensor out = raw(src, target, target.contiguousStrides(), src.offset());
        return Dispatch.record(Op.RESHAPE, new InputShape(t.shape()), out, src);
    }

    private static Shape inferShape(Tensor t, int[] dims) {
        int infer = -1;
        long known = 1;
        int[] d = dims.clone();
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                Checks.check(infer < 0, "reshape: more than one -1 in " + Arrays.toString(dims));
                infer = i;
            } else {
                known *= d[i];
            }
        }
        if (infer >= 0) {
            Checks.check(known > 0 && t.numel() % known == 0,
                    "reshape: cannot infer -1 in " + Arrays.toString(dims) + " for shape " + t.shape());
            d[infer] = (int) (t.numel() / known);
        }
        Shape s = Shape.of(d);
        Checks.check(s.numel() == t.numel(),
                "reshape: shape " + t.shape() + " (" + t.numel() + " elements) cannot become " + Arrays.toString(dims));
        return s;
    }

    public static Tensor permute(Tensor t, int... order) {
        int r = t.rank();
        Checks.check(order.length == r, "permute: order " + Arrays.toString(order) + " for shape " + t.shape());
        boolean[] seen = new boolean[r];
        int[] dims = new int[r];
        int[] strides = new int[r];
        for (int i = 0; i < r; i++) {
            int a = t.shape().axis(order[i]);
            Checks.check(!seen[a], "permute: repeated axis in " + Arrays.toString(order));
            seen[a] = true;
            dims[i] = t.dim(a);
            strides[i] = t.stride(a);
        }
        Tensor out = raw(t, Shape.of(dims), strides, t.offset());
        return Dispatch.record(Op.PERMUTE, new PermuteAttrs(normalised(t, order)), out, t);
    }

    private static int[] normalised(Tensor t, int[] order) {
        int[] o = new int[order.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = t.shape().axis(order[i]);
        }
        return o;
    }

    public static Tensor transpose(Tensor t, int a, int b) {
        int[] order = new int[t.rank()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int x = t.shape().axis(a);
        int y = t.shape().axis(b);
        order[x] = y;
        order[y] = x;
        return permute(t, order);
    }

    public static Tensor narrow(Tensor t, int dim, int start, int length) {
        int d = t.shape().axis(dim);
        Checks.check(start >= 0 && length >= 0 && start + length <= t.dim(d),
                "narrow: range [" + start + ", " + (start + length) + ") out of bounds for dim " + d + " of shape " + t.shape());
        Tensor out = raw(t, t.shape().with(d, length), t.strides(), t.offset() + start * t.stride(d));
        return Dispatch.record(Op.NARROW, new NarrowAttrs(d, start, length, t.shape()), out, t);
    }

    /** Broadcasts size-1 dims (and new leading dims) to {@code target} with stride 0. */
    public static Tensor expand(Tensor t, Shape target) {
        if (t.shape().equals(target)) {
            return t;
        }
        Tensor out = raw(t, target, expandStrides(t, target), t.offset());
        return Dispatch.record(Op.EXPAND, new InputShape(t.shape()), out, t);
    }

    /** Strides of t broadcast to target; throws naming both shapes when impossible. */
    public static int[] expandStrides(Tensor t, Shape target) {
        int r = target.rank();
        int lead = r - t.rank();
        if (lead < 0) {
            throw new IllegalArgumentException("expand: shape " + t.shape() + " cannot expand to " + target);
        }
        int[] s = new int[r];
        for (int i = 0; i < r; i++) {
            if (i < lead) {
                continue;
            }
            int d = t.dim(i - lead);
            if (d == target.dim(i)) {
                s[i] = d == 1 ? 0 : t.stride(i - lead);
            } else if (d == 1) {
                s[i] = 0;
            } else {
                throw new IllegalArgumentException("expand: shape " + t.shape() + " cannot expand to " + target);
            }
        }
        return s;
    }

    public static Tensor squeeze(Tensor t, int dim) {
        int d = t.shape().axis(dim);
        Checks.check(t.dim(d) == 1, "squeeze: dim " + dim + " of shape " + t.shape() + " is not 1");
        int[] dims = new int[t.rank() - 1];
        for (int i = 0, j = 0; i < t.rank(); i++) {
            if (i != d) {
                dims[j++] = t.dim(i);
            }
        }
        return reshape(t, dims);
    }

    public static Tensor unsqueeze(Tensor t, int dim) {
        int d = dim < 0 ? dim + t.rank() + 1 : dim;
        Checks.check(d >= 0 && d <= t.rank(), "unsqueeze: dim " + dim + " out of range for shape " + t.shape());
        int[] dims = new int[t.rank() + 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            dims[i] = i == d ? 1 : t.dim(j++);
        }
        return reshape(t, dims);
    }

    /** Copy to another device (contiguous); t itself when already there. */
    public static Tensor to(Tensor t, Device target) {
        if (t.device().equals(target)) {
            return t;
        }
        Tensor src = t.contiguous();
        Backend dst = Backends.of(target);
        Storage s = dst.allocate(src.dtype(), src.numel());
        Tensor out = new Tensor(s, src.shape(), src.shape().contiguousStrides(), 0);
        if (src.device().isCpu()) {
            dst.copyIn(src.cpu().array(), src.offset(), s, 0, src.numel());
        } else if (target.isCpu()) {
            Backends.of(src.device()).copyOut(src.storage(), src.offset(), out.cpu().array(), 0, src.numel());
        } else {
            Tensor host = to(src, Device.cpu());
            dst.copyIn(host.cpu().array(), 0, s, 0, src.numel());
        }
        return Dispatch.record(Op.TO_DEVICE, new DeviceAttrs(t.device()), out, t);
    }
}
