package org.sgae.kernels.device;

import java.util.ArrayList;
import java.util.List;
import org.sgae.tensor.Tensor;

/**
 * Typed, ordered kernel arguments (no {@code Object...}): each backend turns the entries into clSetKernelArg or
 * cuLaunchKernel parameters. A tensor argument is two kernel parameters, the buffer and the element offset of the
 * view (see portable.h).
 */
public final class KernelArgs {
    public enum Kind { BUFFER, I32, I64, F32, BYTES }

    /** One argument; {@code value} is a Block, Integer, Long, Float or byte[] according to kind. */
    public record Arg(Kind kind, Object value) {
    }

    private final List<Arg> args = new ArrayList<>(12);
    private final StringBuilder shapes = new StringBuilder();

    /** Buffer plus int element offset of the view. */
    public KernelArgs tensor(Tensor t) {
        DeviceStorage s = (DeviceStorage) t.storage();
        args.add(new Arg(Kind.BUFFER, s.block()));
        args.add(new Arg(Kind.I32, t.offset()));
        note(t.shape() + " " + t.dtype());
        return this;
    }

    /** Buffer plus (view offset + extra) elements: a sub-range of a tensor, e.g. image n of a batch. */
    public KernelArgs tensorAt(Tensor t, int extraOffset) {
        DeviceStorage s = (DeviceStorage) t.storage();
        args.add(new Arg(Kind.BUFFER, s.block()));
        args.add(new Arg(Kind.I32, t.offset() + extraOffset));
        note(t.shape() + " " + t.dtype() + "+" + extraOffset);
        return this;
    }

    /** A raw block (scratch space) with offset 0. */
    public KernelArgs block(Block b) {
        args.add(new Arg(Kind.BUFFER, b));
        args.add(new Arg(Kind.I32, 0));
        note("scratch[" + b.bytes() + " B]");
        return this;
    }

    public KernelArgs i32(int v) {
        args.add(new Arg(Kind.I32, v));
        note(Integer.toString(v));
        return this;
    }

    public KernelArgs i64(long v) {
        args.add(new Arg(Kind.I64, v));
        note(v + "L");
        return this;
    }

    public KernelArgs f32(float v) {
        args.add(new Arg(Kind.F32, v));
        note(v + "f");
        return this;
    }

    /** A struct passed by value (little-endian bytes, 4-byte aligned members only). */
    public KernelArgs struct(byte[] bytes, String what) {
        args.add(new Arg(Kind.BYTES, bytes));
        note(what);
        return this;
    }

    private void note(String s) {
        if (shapes.length() > 0) {
            shapes.append(", ");
        }
        shapes.append(s);
    }

    public List<Arg> list() {
        return args;
    }

    /** For error messages: the tensors' shapes and the scalar values, in order. */
    public String describe() {
        return "(" + shapes + ")";
    }
}
