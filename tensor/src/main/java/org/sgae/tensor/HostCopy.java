package org.sgae.tensor;

import org.sgae.tensor.memory.CpuStorage;
import org.sgae.tensor.ops.Elementwise;

/** Row-major host copies of tensors on any device (device tensors are first made contiguous there). */
final class HostCopy {
    private HostCopy() {
    }

    private static CpuStorage hostContiguous(Tensor t, Tensor[] holder) {
        Tensor c = t.device().isCpu() ? t : t.contiguous().to(Device.cpu());
        holder[0] = c;
        return c.cpu();
    }

    static float[] toFloats(Tensor t) {
        Tensor[] h = new Tensor[1];
        CpuStorage s = hostContiguous(t, h);
        Tensor c = h[0];
        float[] out = new float[t.numel()];
        if (c.isContiguous()) {
            System.arraycopy(s.f32(), c.offset(), out, 0, out.length);
        } else {
            Tensor d = Elementwise.copy(c);
            System.arraycopy(d.cpu().f32(), 0, out, 0, out.length);
            d.close();
        }
        return out;
    }

    static double[] toDoubles(Tensor t) {
        Tensor[] h = new Tensor[1];
        hostContiguous(t, h);
        Tensor c = h[0].isContiguous() ? h[0] : Elementwise.copy(h[0]);
        CpuStorage s = c.cpu();
        double[] out = new double[t.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.getDouble(c.offset() + i);
        }
        return out;
    }

    static long[] toLongs(Tensor t) {
        Tensor[] h = new Tensor[1];
        hostContiguous(t, h);
        Tensor c = h[0].isContiguous() ? h[0] : Elementwise.copy(h[0]);
        CpuStorage s = c.cpu();
        long[] out = new long[t.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.getLong(c.offset() + i);
        }
        return out;
    }
}
