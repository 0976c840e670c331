package org.sgae.tensor.cpu.ref;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.CpuStorage;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * Plain-loop reference of nearest upsampling by integer factors, forward and backward. x [N,C,H,W] →
 * out [N,C,H·sh,W·sw] with out[y][x] = in[y/sh][x/sw]; backward sums each sh×sw block. Contiguous CPU tensors.
 */
@OpPart(role = Role.REFERENCE, ops = Op.UPSAMPLE_NEAREST2D)
public final class UpsampleRef {
    private UpsampleRef() {
    }

    public static void upsampleNearest2d(Tensor x, Tensor out) {
        CpuStorage xs = x.cpu();
        CpuStorage os = out.cpu();
        int h = x.dim(2);
        int w = x.dim(3);
        int oh = out.dim(2);
        int ow = out.dim(3);
        int sh = oh / h;
        int sw = ow / w;
        int planes = x.dim(0) * x.dim(1);
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < oh; y++) {
                for (int xx = 0; xx < ow; xx++) {
                    double v = xs.getDouble(x.offset() + (p * h + y / sh) * w + xx / sw);
                    os.setDouble(out.offset() + (p * oh + y) * ow + xx, v);
                }
            }
        }
    }

    public static void upsampleNearest2dBackward(Tensor gradOut, Tensor gradIn) {
        CpuStorage gs = gradOut.cpu();
        CpuStorage is = gradIn.cpu();
        int h = gradIn.dim(2);
        int w = gradIn.dim(3);
        int oh = gradOut.dim(2);
        int ow = gradOut.dim(3);
        int sh = oh / h;
        int sw = ow / w;
        int planes = gradIn.dim(0) * gradIn.dim(1);
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    double s = 0;
                    for (int i = 0; i < sh; i++) {
                        for (int j = 0; j < sw; j++) {
                            s += gs.getDouble(gradOut.offset() + (p * oh + y * sh + i) * ow + xx * sw + j);
                        }
                    }
                    is.setDouble(gradIn.offset() + (p * h + y) * w + xx, s);
                }
            }
        }
    }
}
