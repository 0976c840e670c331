package org.sgae.tensor.cpu;

import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * Fast segment softmax (F32): threads over whole segments (each segment's rows are written by one thread, sums in
 * row order: deterministic), rows streamed once per pass with the H columns side by side (forward: max; exp
 * written and summed; scale. backward: Σ g·y; write). Per-column accumulators in double, as cheap as float here
 * and exact enough that the F32 result is within rounding of the reference.
 *
 * <p>Shapes: x, y, gradOut, gradX [rows, cols] row-major at their offsets; offsets [S+1] (validated by the caller).
 */
@OpPart(role = Role.CPU, ops = Op.SEGMENT_SOFTMAX)
public final class SegmentSoftmaxCpu {
    private SegmentSoftmaxCpu() {
    }

    private static int minSegments(int[] offsets, int cols) {
        int segs = Math.max(1, offsets.length - 1);
        long perSegment = Math.max(1, (long) offsets[offsets.length - 1] * cols * 8 / segs);
        return CpuParallel.minItems(perSegment);
    }

    /** out [rows, cols] (=). */
    public static void forward(float[] x, int xOff, int[] offsets, int cols, float[] out, int outOff) {
        int segs = offsets.length - 1;
        CpuParallel.forRange(segs, minSegments(offsets, cols), (from, to) -> {
            double[] m = new double[cols];
            double[] sum = new double[cols];
            for (int s = from; s < to; s++) {
                int lo = offsets[s];
                int hi = offsets[s + 1];
                if (lo == hi) {
                    continue;
                }
                java.util.Arrays.fill(m, Double.NEGATIVE_INFINITY);
                java.util.Arrays.fill(sum, 0);
                for (int r = lo; r < hi; r++) {
                    int row = xOff + r * cols;
                    for (int c = 0; c < cols; c++) {
                        m[c] = Math.max(m[c], x[row + c]);
                    }
                }
                // exp once per element: stored in out, then scaled (one float rounding more, no second exp)
                for (int r = lo; r < hi; r++) {
                    int row = xOff + r * cols;
                    int orow = outOff + r * cols;
                    for (int c = 0; c < cols; c++) {
                        double e = Math.exp(x[row + c] - m[c]);
                        out[orow + c] = (float) e;
                        sum[c] += e;
                    }
                }
                for (int c = 0; c < cols; c++) {
                    sum[c] = 1 / sum[c];
                }
                for (int r = lo; r < hi; r++) {
                    int orow = outOff + r * cols;
                    for (int c = 0; c < cols; c++) {
                        out[orow + c] = (float) (out[orow + c] * sum[c]);
                    }
                }
            }
        });
    }

    /** gradX [rows, cols] (=) from gradOut and the forward's output y. */
    public static void backward(float[] gradOut, int gOff, float[] y, int yOff, int[] offsets, int cols,
                                float[] gradX, int dxOff) {
        int segs = offsets.length - 1;
        CpuParallel.forRange(segs, minSegments(offsets, cols), (from, to) -> {
            double[] dot = new double[cols];
            for (int s = from; s < to; s++) {
                int lo = offsets[s];
                int hi = offsets[s + 1];
                java.util.Arrays.fill(dot, 0);
                for (int r = lo; r < hi; r++) {
                    for (int c = 0; c < cols; c++) {
                        dot[c] += (double) gradOut[gOff + r * cols + c] * y[yOff + r * cols + c];
                    }
                }
                for (int r = lo; r < hi; r++) {
                    for (int c = 0; c < cols; c++) {
                        gradX[dxOff + r * cols + c] = (float) (y[yOff + r * cols + c]
                                * (gradOut[gOff + r * cols + c] - dot[c]));
                    }
                }
            }
        });
    }
}
