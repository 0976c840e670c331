package org.sgae.kernels.launch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.sgae.tensor.Shape;
import org.sgae.tensor.spi.Unsupported;
import org.sgae.tensor.Device;

/**
 * Host side of portable.h's {@code Strided} struct: an iteration shape and up to three operands' strides, with size-1
 * dims dropped and adjacent dims merged where every operand is contiguous across them (so most launches index a
 * rank-1 or rank-2 space, and rank > 8 views usually still fit). Layout: int rank, int n, int shape[8],
 * int st[3][8] = 136 bytes, little-endian.
 */
public final class StridedLayout {
    public static final int MAX_RANK = 8;
    public static final int BYTES = (2 + MAX_RANK * 4) * 4;

    private StridedLayout() {
    }

    /** Struct bytes for iterating {@code shape} with the given per-operand strides (each of shape's rank). */
    public static byte[] of(Shape shape, Device device, int[]... strides) {
        int rank = shape.rank();
        int[] dims = new int[rank];
        int[][] st = new int[strides.length][rank];
        int r = 0;
        for (int d = 0; d < rank; d++) {
            if (shape.dim(d) == 1) {
                continue; // size-1 dims contribute nothing to any offset
            }
            boolean merge = r > 0;
            for (int k = 0; k < strides.length && merge; k++) {
                merge = st[k][r - 1] == strides[k][d] * shape.dim(d);
            }
            if (merge) {
                dims[r - 1] *= shape.dim(d);
                for (int k = 0; k < strides.length; k++) {
                    st[k][r - 1] = strides[k][d];
                }
            } else {
                dims[r] = shape.dim(d);
                for (int k = 0; k < strides.length; k++) {
                    st[k][r] = strides[k][d];
                }
                r++;
            }
        }
        if (r > MAX_RANK) {
            throw Unsupported.op("strided view of rank " + r + " after coalescing (kernels take <= " + MAX_RANK + ")",
                    device);
        }
        ByteBuffer b = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(r).putInt(shape.numel());
        for (int d = 0; d < MAX_RANK; d++) {
            b.putInt(d < r ? dims[d] : 1);
        }
        for (int k = 0; k < 3; k++) {
            for (int d = 0; d < MAX_RANK; d++) {
                b.putInt(k < strides.length && d < r ? st[k][d] : 0);
            }
        }
        return b.array();
    }
}
