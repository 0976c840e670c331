package org.sgae.tensor.cpu.ref;

import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * Segment softmax reference: plain loops in double, one (segment, column) at a time. x and out are [rows, cols]
 * row-major; segment s is rows offsets[s] .. offsets[s+1]−1 (offsets [S+1], a CSR of the rows).
 * <pre>
 *   y[r,c]  = exp(x[r,c] − m_s,c) / Σ_{r' in s} exp(x[r',c] − m_s,c),   m_s,c = max_{r in s} x[r,c]
 *   dx[r,c] = y[r,c] · (g[r,c] − Σ_{r' in s} g[r',c]·y[r',c])
 * </pre>
 */
@OpPart(role = Role.REFERENCE, ops = Op.SEGMENT_SOFTMAX)
public final class SegmentSoftmaxRef {
    private SegmentSoftmaxRef() {
    }

    /** Throws unless 0 = offsets[0] ≤ … ≤ offsets[S] = rows, naming the first offending entry. */
    public static void checkOffsets(int[] offsets, int rows) {
        for (int k = 0; k < offsets.length; k++) {
            boolean ok = k == 0 ? offsets[0] == 0 : offsets[k] >= offsets[k - 1];
            if (k == offsets.length - 1) {
                ok &= offsets[k] == rows;
            }
            if (!ok) {
                throw new IllegalArgumentException("segment_softmax: offsets must be a CSR of the " + rows
                        + " rows (0 = offsets[0] <= ... <= offsets[S] = " + rows + "), got offsets[" + k + "] = "
                        + offsets[k]);
            }
        }
    }

    /** out [rows, cols] (=). */
    public static void forward(double[] x, int[] offsets, int rows, int cols, double[] out) {
        checkOffsets(offsets, rows);
        for (int s = 0; s + 1 < offsets.length; s++) {
            for (int c = 0; c < cols; c++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int r = offsets[s]; r < offsets[s + 1]; r++) {
                    m = Math.max(m, x[r * cols + c]);
                }
                double sum = 0;
                for (int r = offsets[s]; r < offsets[s + 1]; r++) {
                    sum += Math.exp(x[r * cols + c] - m);
                }
                for (int r = offsets[s]; r < offsets[s + 1]; r++) {
                    out[r * cols + c] = Math.exp(x[r * cols + c] - m) / sum;
                }
            }
        }
    }

    /** gradX [rows, cols] (=) from gradOut and the forward's output y. */
    public static void backward(double[] gradOut, double[] y, int[] offsets, int rows, int cols, double[] gradX) {
        checkOffsets(offsets, rows);
        for (int s = 0; s + 1 < offsets.length; s++) {
            for (int c = 0; c < cols; c++) {
                double dot = 0;
                for (int r = offsets[s]; r < offsets[s + 1]; r++) {
                    dot += gradOut[r * cols + c] * y[r * cols + c];
                }
                for (int r = offsets[s]; r < offsets[s + 1]; r++) {
                    gradX[r * cols + c] = y[r * cols + c] * (gradOut[r * cols + c] - dot);
                }
            }
        }
    }
}
