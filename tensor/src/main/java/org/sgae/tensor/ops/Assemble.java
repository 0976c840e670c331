package org.sgae.tensor.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sgae.tensor.DType;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.OpPart.Role;
import org.sgae.tensor.spi.Backends;

/**
 * Putting tensors together and taking them apart: cat, stack, split, chunk, pad. cat and pad preallocate the output
 * and copy each input into a narrowed view of it with the backend's strided copy, so they need no kernel of their
 * own and work on every backend. split and chunk return narrow views (no copy).
 */
@OpPart(role = Role.REFERENCE, ops = {Op.CAT, Op.PAD},
        notNeeded = "cat and pad are copies into views of the output plus a fill, no arithmetic; AssembleTest "
            + "checks the values against hand layouts")
@OpPart(role = Role.CPU, ops = {Op.CAT, Op.PAD})
public final class Assemble {
    private Assemble() {
    }

    /** CAT: the dim and each input's size along it, in order. */
    public record CatAttrs(int dim, int[] sizes) {
    }

    /**
     * PAD: per dim (in dim order, not PyTorch's last-first order) how much was added before and after; negative
     * amounts crop. The input's region that survives starts at {@link #srcStart} and lands at {@link #dstStart}.
     */
    public record PadAttrs(int[] before, int[] after, Shape inputShape) {
        public int srcStart(int d) {
            return Math.max(0, -before[d]);
        }

        public int dstStart(int d) {
            return Math.max(0, before[d]);
        }

        /** Length along d of the input region that appears in the output (0 when cropped away entirely). */
        public int keptLength(int d) {
            return Math.max(0, inputShape.dim(d) - srcStart(d) - Math.max(0, -after[d]));
        }

        /** True when nothing was cropped, so the whole input appears in the output. */
        public boolean keepsAll() {
            for (int d = 0; d < before.length; d++) {
                if (before[d] < 0 || after[d] < 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Concatenation along dim. All parts have one rank and the same sizes outside dim; dtypes are promoted to a
     * common one (the cast is recorded).
     */
    public static Tensor cat(List<Tensor> parts, int dim) {
        Checks.check(!parts.isEmpty(), "cat: no tensors to concatenate");
        Tensor first = parts.get(0);
        Checks.check(first.rank() >= 1, "cat: a zero-dim tensor " + first.shape() + " cannot be concatenated");
        int d = first.shape().axis(dim);
        DType type = first.dtype();
        int total = 0;
        int[] sizes = new int[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            Tensor p = parts.get(i);
            Checks.sameDevice("cat", first, p);
            Checks.check(p.rank() == first.rank() && sameOutside(p.shape(), first.shape(), d), "cat: tensor " + i + " has shape " + p.shape()
                    + ", which differs from tensor 0's " + first.shape() + " outside dim " + d);
            type = DType.promote(type, p.dtype());
            sizes[i] = p.dim(d);
            total += sizes[i];
        }
        Tensor[] inputs = new Tensor[parts.size()];
        for (int i = 0; i < inputs.length; i++) {
            Tensor p = parts.get(i);
            inputs[i] = p.dtype() == type ? p : Elementwise.cast(p, type);
        }
        Tensor out = Tensor.empty(first.shape().with(d, total), type, first.device());
        int at = 0;
        for (Tensor p : inputs) {
            copy(p, slice(out, d, at, p.dim(d)));
            at += p.dim(d);
        }
        return Dispatch.record(Op.CAT, new CatAttrs(d, sizes), out, inputs);
    }

    private static boolean sameOutside(Shape a, Shape b, int d) {
        for (int e = 0; e < a.rank(); e++) {
            if (e != d && a.dim(e) != b.dim(e)) {
                return false;
            }
        }
        return true;
    }

    /** Joins equal-shaped tensors along a new dim (in [-(rank+1), rank]); composed of unsqueeze and cat. */
    public static Tensor stack(List<Tensor> parts, int dim) {
        Checks.check(!parts.isEmpty(), "stack: no tensors to stack");
        Shape s = parts.get(0).shape();
        int d = dim < 0 ? dim + s.rank() + 1 : dim;
        Checks.check(d >= 0 && d <= s.rank(), "stack: dim " + dim + " out of range for shape " + s);
        List<Tensor> lifted = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            Tensor p = parts.get(i);
            Checks.check(p.shape().equals(s), "stack: tensor " + i + " has shape " + p.shape() + ", tensor 0 has " + s);
            lifted.add(Views.unsqueeze(p, d));
        }
        return cat(lifted, d);
    }

    /** Consecutive narrow views of x along dim with the given sizes, which must add up to x.dim(dim). */
    public static List<Tensor> split(Tensor x, int[] sizes, int dim) {
        int d = x.shape().axis(dim);
        int total = 0;
        for (int s : sizes) {
            Checks.check(s >= 0, "split: negative size in " + Arrays.toString(sizes));
            total += s;
        }
        Checks.check(total == x.dim(d), "split: sizes " + Arrays.toString(sizes) + " add up to " + total
                + ", but dim " + d + " of " + x.shape() + " is " + x.dim(d));
        List<Tensor> out = new ArrayList<>(sizes.length);
        int at = 0;
        for (int s : sizes) {
            out.add(Views.narrow(x, d, at, s));
            at += s;
        }
        return out;
    }

    /**
     * At most {@code chunks} narrow views along dim, each ceil(n / chunks) long except a shorter last one (so there
     * may be fewer than asked, as in PyTorch); an empty dim gives {@code chunks} empty views.
     */
    public static List<Tensor> chunk(Tensor x, int chunks, int dim) {
        Checks.check(chunks > 0, "chunk: chunks must be positive, got " + chunks);
        int d = x.shape().axis(dim);
        int n = x.dim(d);
        int size = (n + chunks - 1) / chunks;
        int count = size == 0 ? chunks : (n + size - 1) / size;
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = Math.min(size, n - i * size);
        }
        return split(x, sizes, d);
    }

    /**
     * Constant padding. {@code padding} holds (before, after) pairs starting with the last dim, as in PyTorch's
     * F.pad: {1, 2} pads the last dim by 1 in front and 2 behind; {1, 2, 0, 3} also pads the dim before it by 3
     * behind. Negative amounts crop. Works for every dtype (value is converted).
     */
    public static Tensor pad(Tensor x, int[] padding, double value) {
        int r = x.rank();
        Checks.check(padding.length % 2 == 0 && padding.length / 2 <= r, "pad: padding " + Arrays.toString(padding)
                + " must be (before, after) pairs for at most " + r + " dims of " + x.shape());
        int[] before = new int[r];
        int[] after = new int[r];
        for (int i = 0; i < padding.length / 2; i++) {
            before[r - 1 - i] = padding[2 * i];
            after[r - 1 - i] = padding[2 * i + 1];
        }
        int[] dims = new int[r];
        for (int e = 0; e < r; e++) {
            dims[e] = x.dim(e) + before[e] + after[e];
            Checks.check(dims[e] >= 0, "pad: padding " + Arrays.toString(padding) + " makes dim " + e + " of "
                    + x.shape() + " negative");
        }
        PadAttrs a = new PadAttrs(before, after, x.shape());
        Tensor out = Tensor.full(Shape.of(dims), x.dtype(), x.device(), value);
        Tensor src = x;
        Tensor dst = out;
        for (int e = 0; e < r; e++) {
            src = slice(src, e, a.srcStart(e), a.keptLength(e));
            dst = slice(dst, e, a.dstStart(e), a.keptLength(e));
        }
        copy(src, dst);
        return Dispatch.record(Op.PAD, a, out, x);
    }

    /** An unrecorded narrow view (for writing into a preallocated output). */
    private static Tensor slice(Tensor t, int d, int start, int length) {
        return Views.raw(t, t.shape().with(d, length), t.strides(), t.offset() + start * t.stride(d));
    }

    private static void copy(Tensor src, Tensor dst) {
        Backends.of(dst.device()).elementwise().copy(src, dst);
    }
}
