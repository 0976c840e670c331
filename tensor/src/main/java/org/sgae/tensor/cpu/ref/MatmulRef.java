package org.sgae.tensor.cpu.ref;

import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * Oracle for {@link org.sgae.tensor.cpu.gemm.Sgemm}: plain triple loops with a double accumulator.
 * Row-major; op(A) is m×k (stored k×m when transA), op(B) is k×n (stored n×k when transB).
 */
@OpPart(role = Role.REFERENCE, ops = Op.MATMUL)
public final class MatmulRef {
    private MatmulRef() {
    }

    /** {@code C = alpha·op(A)·op(B) + beta·C}; beta = 0 ignores C's old contents. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    acc += av * bv;
                }
                int ci = cOff + i * ldc + j;
                double old = beta == 0f ? 0 : (double) beta * c[ci];
                c[ci] = (float) (alpha * acc + old);
            }
        }
    }

    /** Forward of the plain product {@code C[m×n] = A[m×k]·B[k×n]}. */
    public static float[] matmul(float[] a, float[] b, int m, int k, int n) {
        float[] c = new float[m * n];
        gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        return c;
    }

    /** Backward of {@link #matmul}: dA = dC·Bᵀ (m×k). */
    public static float[] matmulGradA(float[] dc, float[] b, int m, int k, int n) {
        float[] da = new float[m * k];
        gemm(false, true, m, k, n, 1f, dc, 0, n, b, 0, n, 0f, da, 0, k);
        return da;
    }

    /** Backward of {@link #matmul}: dB = Aᵀ·dC (k×n). */
    public static float[] matmulGradB(float[] a, float[] dc, int m, int k, int n) {
        float[] db = new float[k * n];
        gemm(true, false, k, n, m, 1f, a, 0, k, dc, 0, n, 0f, db, 0, n);
        return db;
    }
}
