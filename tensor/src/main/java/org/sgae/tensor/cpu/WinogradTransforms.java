package org.sgae.tensor.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The transforms of Winograd F(4×4, 3×3) (Lavin and Gray 2016, interpolation points 0, ±1, ±2, ∞), vectorised
 * across L tiles (or L weight columns) at a time. With 6×6 input tiles d, 3×3 kernels g and 4×4 output tiles,
 *
 * <pre>
 *   y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A          (forward, one tile)
 *   ∂L/∂U = Σ_tiles (A ∂y Aᵀ) ⊙ (Bᵀ d B),  ∂L/∂g = Gᵀ (∂L/∂U) G   (weight gradient: the adjoint of the forward)
 * </pre>
 *
 * Frequency index ξ = i·6 + j with i the vertical and j the horizontal frequency, the same in every transform.
 *
 * <p>Tiles are vectorised along a tile row: the input rows are first split into their four column phases
 * ({@code ph[(r·4 + m)·pw + q] = row_r[4q + m + x0]}), so that the six columns of L neighbouring tiles are six
 * unit-stride vector loads (phase k mod 4, shifted by k / 4). Every 1-D transform reads six (or four) vectors and
 * writes its outputs straight to a small L1 buffer, so no vector value lives across passes.
 */
final class WinogradTransforms {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Input tile 6, output tile 4, 36 frequencies. */
    static final int ALPHA = 6;
    static final int TILE = 4;
    static final int FREQ = ALPHA * ALPHA;

    private WinogradTransforms() {
    }

    /** Per-thread scratch: phases, two 36-vector pass buffers and a 9-row weight gather. */
    static final class Scratch {
        float[] ph = new float[0];
        float[] out = new float[0];
        final float[] a = new float[FREQ * L];
        final float[] b = new float[FREQ * L];

        float[] ph(int size) {
            if (ph.length < size) {
                ph = new float[size];
            }
            return ph;
        }

        float[] out(int size) {
            if (out.length < size) {
                out = new float[size];
            }
            return out;
        }
    }

    static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Phase row length for {@code q} tiles: room for q + 1 entries (the 6-wide window reaches q + 1), vector-padded. */
    static int phaseWidth(int tiles) {
        return (tiles + 1 + L - 1) / L * L;
    }

    /**
     * Splits {@code rows} source rows y0.. of a plane (h×w at {@code plane}) into 4 column phases:
     * {@code ph[(r·4 + m)·pw + q] = src[y0 + r][4q + m + x0]} for q < nq, zero outside the plane and for q ≥ nq.
     */
    static void phases(float[] src, int plane, int h, int w, int y0, int x0, int rows, int nq, float[] ph, int pw) {
        // Called per run of ≤ 16 tiles and channel: plain loops, no Arrays.fill (its call costs more than the
        // few elements it clears here).
        for (int r = 0; r < rows; r++) {
            int base = r * 4 * pw;
            int yy = y0 + r;
            if (yy < 0 || yy >= h) {
                for (int i = base; i < base + 4 * pw; i++) {
                    ph[i] = 0f;
                }
                continue;
            }
            int row = plane + yy * w;
            for (int m = 0; m < 4; m++) {
                int o = base + m * pw;
                // q range whose column 4q + m + x0 lies in [0, w)
                int c0 = m + x0;
                int qLo = Math.min(pw, c0 >= 0 ? 0 : (-c0 + 3) / 4);
                int qHi = Math.max(qLo, Math.min(nq, c0 >= w ? 0 : (w - 1 - c0) / 4 + 1));
                for (int q = 0; q < qLo; q++) {
                    ph[o + q] = 0f;
                }
                for (int q = qLo, col = row + 4 * qLo + c0; q < qHi; q++, col += 4) {
                    ph[o + q] = src[col];
                }
                for (int q = qHi; q < pw; q++) {
                    ph[o + q] = 0f;
                }
            }
        }
    }

    // ---------------------------------------------------------------- 1-D transforms (6 or 3 or 4 vectors in)

    /** Bᵀ·d for six vectors read at src[o + k·so]: writes six vectors at dst[d + j·sd]. */
    private static void bt(float[] src, int o0, int o1, int o2, int o3, int o4, int o5, float[] dst, int d, int sd) {
        FloatVector d0 = FloatVector.fromArray(S, src, o0);
        FloatVector d1 = FloatVector.fromArray(S, src, o1);
        FloatVector d2 = FloatVector.fromArray(S, src, o2);
        FloatVector d3 = FloatVector.fromArray(S, src, o3);
        FloatVector d4 = FloatVector.fromArray(S, src, o4);
        FloatVector d5 = FloatVector.fromArray(S, src, o5);
        // o0 = 4d0 − 5d2 + d4; o1,2 = (d4 − 4d2) ± (d3 − 4d1); o3,4 = (d4 − d2) ± 2(d3 − d1); o5 = 4d1 − 5d3 + d5
        d0.mul(4f).add(d4).sub(d2.mul(5f)).intoArray(dst, d);
        FloatVector t1 = d4.sub(d2.mul(4f));
        FloatVector t2 = d3.sub(d1.mul(4f));
        t1.add(t2).intoArray(dst, d + sd);
        t1.sub(t2).intoArray(dst, d + 2 * sd);
        FloatVector t3 = d4.sub(d2);
        FloatVector t4 = d3.sub(d1).mul(2f);
        t3.add(t4).intoArray(dst, d + 3 * sd);
        t3.sub(t4).intoArray(dst, d + 4 * sd);
        d1.mul(4f).add(d5).sub(d3.mul(5f)).intoArray(dst, d + 5 * sd);
    }

    /** Aᵀ·m for six vectors at src[o + k·so]: writes four vectors at dst[d + j·sd]. */
    private static void at(float[] src, int o, int so, float[] dst, int d, int sd) {
        FloatVector m0 = FloatVector.fromArray(S, src, o);
        FloatVector m1 = FloatVector.fromArray(S, src, o + so);
        FloatVector m2 = FloatVector.fromArray(S, src, o + 2 * so);
        FloatVector m3 = FloatVector.fromArray(S, src, o + 3 * so);
        FloatVector m4 = FloatVector.fromArray(S, src, o + 4 * so);
        FloatVector m5 = FloatVector.fromArray(S, src, o + 5 * so);
        FloatVector a = m1.add(m2);
        FloatVector b = m1.sub(m2);
        FloatVector c = m3.add(m4);
        FloatVector e = m3.sub(m4);
        m0.add(a).add(c).intoArray(dst, d);
        b.add(e.mul(2f)).intoArray(dst, d + sd);
        a.add(c.mul(4f)).intoArray(dst, d + 2 * sd);
        b.add(e.mul(8f)).add(m5).intoArray(dst, d + 3 * sd);
    }

    /** A·g (the adjoint of Aᵀ) for four vectors at src[o + k·so]: writes six vectors at dst[d + j·sd]. */
    private static void a(float[] src, int o, int so, float[] dst, int d, int sd) {
        FloatVector g0 = FloatVector.fromArray(S, src, o);
        FloatVector g1 = FloatVector.fromArray(S, src, o + so);
        FloatVector g2 = FloatVector.fromArray(S, src, o + 2 * so);
        FloatVector g3 = FloatVector.fromArray(S, src, o + 3 * so);
        FloatVector even = g0.add(g2);
        FloatVector odd = g1.add(g3);
        FloatVector even4 = g0.add(g2.mul(4f));
        FloatVector odd2 = g1.mul(2f).add(g3.mul(8f));
        g0.intoArray(dst, d);
        even.add(odd).intoArray(dst, d + sd);
        even.sub(odd).intoArray(dst, d + 2 * sd);
        even4.add(odd2).intoArray(dst, d + 3 * sd);
        even4.sub(odd2).intoArray(dst, d + 4 * sd);
        g3.intoArray(dst, d + 5 * sd);
    }

    /** G·g for three vectors at src[o + k·so]: writes six vectors at dst[d + j·sd]. */
    private static void g(float[] src, int o, int so, float[] dst, int d, int sd) {
        FloatVector g0 = FloatVector.fromArray(S, src, o);
        FloatVector g1 = FloatVector.fromArray(S, src, o + so);
        FloatVector g2 = FloatVector.fromArray(S, src, o + 2 * so);
        FloatVector sum02 = g0.add(g2);
        FloatVector p = g0.mul(1f / 24f).add(g2.mul(1f / 6f));
        FloatVector q = g1.mul(1f / 12f);
        g0.mul(0.25f).intoArray(dst, d);
        sum02.add(g1).mul(-1f / 6f).intoArray(dst, d + sd);
        sum02.sub(g1).mul(-1f / 6f).intoArray(dst, d + 2 * sd);
        p.add(q).intoArray(dst, d + 3 * sd);
        p.sub(q).intoArray(dst, d + 4 * sd);
        g2.intoArray(dst, d + 5 * sd);
    }

    /** Gᵀ·u (the adjoint of G) for six vectors at src[o + k·so]: writes three vectors at dst[d + j·sd]. */
    private static void gt(float[] src, int o, int so, float[] dst, int d, int sd) {
        FloatVector u0 = FloatVector.fromArray(S, src, o);
        FloatVector u1 = FloatVector.fromArray(S, src, o + so);
        FloatVector u2 = FloatVector.fromArray(S, src, o + 2 * so);
        FloatVector u3 = FloatVector.fromArray(S, src, o + 3 * so);
        FloatVector u4 = FloatVector.fromArray(S, src, o + 4 * so);
        FloatVector u5 = FloatVector.fromArray(S, src, o + 5 * so);
        FloatVector s12 = u1.add(u2);
        FloatVector d12 = u2.sub(u1);
        FloatVector s34 = u3.add(u4);
        FloatVector d34 = u3.sub(u4);
        u0.mul(0.25f).sub(s12.mul(1f / 6f)).add(s34.mul(1f / 24f)).intoArray(dst, d);
        d12.mul(1f / 6f).add(d34.mul(1f / 12f)).intoArray(dst, d + sd);
        s34.sub(s12).mul(1f / 6f).add(u5).intoArray(dst, d + 2 * sd);
    }

    // ---------------------------------------------------------------- whole tile rows

    /**
     * Input transform of one tile row of one plane: V[ξ][vOff + t] = (Bᵀ d_t B)[ξ] for the {@code tw} tiles of the
     * row, tile t reading rows y0..y0+5 and columns 4t + x0 .. 4t + x0 + 5 (zero outside the h×w plane).
     * {@code vStride} is the distance between frequencies in v.
     */
    static void input(float[] x, int plane, int h, int w, int y0, int x0, int tw, float[] v, int vOff, int vStride) {
        input(x, plane, h, w, y0, x0, tw, v, vOff, vStride, 1);
    }

    /** As above with tile t of the row at v[vOff + t·laneStride] (a packed GEMM panel when laneStride > 1). */
    static void input(float[] x, int plane, int h, int w, int y0, int x0, int tw, float[] v, int vOff, int vStride,
                      int laneStride) {
        Scratch s = SCRATCH.get();
        int pw = phaseWidth(tw);
        float[] ph = s.ph(ALPHA * 4 * pw);
        phases(x, plane, h, w, y0, x0, ALPHA, tw + 1, ph, pw);
        float[] a = s.a;
        float[] b = s.b;
        for (int t = 0; t < tw; t += L) {
            for (int r = 0; r < ALPHA; r++) {
                int o = r * 4 * pw + t;
                bt(ph, o, o + pw, o + 2 * pw, o + 3 * pw, o + 1, o + pw + 1, a, r * ALPHA * L, L);
            }
            for (int j = 0; j < ALPHA; j++) {
                int o = j * L;
                int so = ALPHA * L;
                bt(a, o, o + so, o + 2 * so, o + 3 * so, o + 4 * so, o + 5 * so, b, j * L, so);
            }
            store(b, Math.min(L, tw - t), v, vOff + t * laneStride, vStride, laneStride);
        }
    }

    /**
     * Gradient transform of tw tiles of one tile row for the weight gradient: M[ξ][mOff + t·laneStride] =
     * (A g_t Aᵀ)[ξ], g_t the 4×4 tile of dy at rows y0..y0+3, columns x0 + 4t.. (zero past the oh×ow plane).
     */
    static void grad(float[] dy, int plane, int oh, int ow, int y0, int x0, int tw, float[] m, int mOff, int mStride,
                     int laneStride) {
        Scratch s = SCRATCH.get();
        int pw = phaseWidth(tw);
        float[] ph = s.ph(TILE * 4 * pw);
        phases(dy, plane, oh, ow, y0, x0, TILE, tw, ph, pw);
        float[] a = s.a;
        float[] b = s.b;
        for (int t = 0; t < tw; t += L) {
            for (int r = 0; r < TILE; r++) {
                a(ph, r * 4 * pw + t, pw, a, r * ALPHA * L, L);
            }
            for (int j = 0; j < ALPHA; j++) {
                a(a, j * L, ALPHA * L, b, j * L, ALPHA * L);
            }
            store(b, Math.min(L, tw - t), m, mOff + t * laneStride, mStride, laneStride);
        }
    }

    /**
     * Output transform of tw tiles of one tile row: out rows y0..y0+3 (those < oh), columns x0..x0+4·tw (those
     * < ow) of the oh×ow plane at {@code plane} get (Aᵀ M_t A) + bias, M_t read at m[ξ·mStride + mOff + t].
     */
    static void output(float[] m, int mOff, int mStride, int tw, float bias, float[] out, int plane, int oh,
                       int ow, int y0, int x0) {
        Scratch s = SCRATCH.get();
        int pw = phaseWidth(tw);
        float[] ph = s.ph(TILE * 4 * pw);
        float[] a = s.a;
        float[] b = s.b;
        for (int t = 0; t < tw; t += L) {
            int valid = Math.min(L, tw - t);
            load(m, mOff + t, mStride, valid, b);
            for (int j = 0; j < ALPHA; j++) {
                at(b, j * L, ALPHA * L, a, j * L, ALPHA * L);      // a[(o·6 + j)·L] = Σ_i Aᵀ[o][i] m[i][j]
            }
            for (int o = 0; o < TILE; o++) {
                at(a, o * ALPHA * L, L, b, o * TILE * L, L);       // b[(o·4 + q)·L] = Σ_j Aᵀ[q][j] s[o][j]
            }
            for (int k = 0; k < TILE * TILE; k++) {
                System.arraycopy(b, k * L, ph, k * pw + t, valid);
            }
        }
        for (int o = 0; o < TILE; o++) {
            int yy = y0 + o;
            if (yy >= oh) {
                break;
            }
            int row = plane + yy * ow + x0;
            int base = o * 4 * pw;
            int cols = Math.min(ow - x0, TILE * tw);
            for (int col = 0; col < cols; col++) {
                out[row + col] = ph[base + (col & 3) * pw + (col >> 2)] + bias;
            }
        }
    }

    /**
     * Weight transform U[ξ][row][col] = (G g Gᵀ)[ξ] for one row of the GEMM's A operand ({@code cols} kernels,
     * each 3×3). Forward: row = output channel k, col = input channel c, g = w[k, c]. Flipped (backward-input):
     * row = c, col = k, g = w[k, c] rotated by 180°. w is [cout, cin, 3, 3]; this row's U[ξ][col] goes to
     * u[off + ξ·stride + col].
     */
    static void weight(float[] w, int cin, int row, int cols, boolean flipped, float[] u, int off, int stride) {
        Scratch s = SCRATCH.get();
        int cw = gatherWidth(cols);
        float[] tmp = s.out(9 * cw);
        for (int col = 0; col < cols; col++) {
            int src = flipped ? (col * cin + row) * 9 : (row * cin + col) * 9;
            for (int tap = 0; tap < 9; tap++) {
                tmp[(flipped ? 8 - tap : tap) * cw + col] = w[src + tap];
            }
        }
        for (int tap = 0; tap < 9; tap++) {
            Arrays.fill(tmp, tap * cw + cols, (tap + 1) * cw, 0f);
        }
        float[] a = s.a;
        float[] b = s.b;
        for (int c = 0; c < cols; c += L) {
            for (int sCol = 0; sCol < 3; sCol++) {
                g(tmp, sCol * cw + c, 3 * cw, a, sCol * L, 3 * L);  // a[(i·3 + s)·L] = Σ_r G[i][r] g[r][s]
            }
            for (int i = 0; i < ALPHA; i++) {
                g(a, i * 3 * L, L, b, i * ALPHA * L, L);            // b[(i·6 + j)·L] = Σ_s G[j][s] a[i][s]
            }
            store(b, Math.min(L, cols - c), u, off + c, stride);
        }
    }

    /**
     * dw[k, c] = Gᵀ dU[ξ][c] G for one output channel k and all cin input channels, dU[ξ][c] at
     * du[off + ξ·stride + c].
     */
    static void weightGrad(float[] du, int off, int stride, int cin, int k, float[] dw) {
        Scratch s = SCRATCH.get();
        int cw = gatherWidth(cin);
        float[] tmp = s.out(9 * cw);
        float[] a = s.a;
        float[] b = s.b;
        for (int c = 0; c < cin; c += L) {
            int valid = Math.min(L, cin - c);
            load(du, off + c, stride, valid, b);
            for (int j = 0; j < ALPHA; j++) {
                gt(b, j * L, ALPHA * L, a, j * L, ALPHA * L);       // a[(r·6 + j)·L] = Σ_i G[i][r] dU[i][j]
            }
            for (int r = 0; r < 3; r++) {
                gt(a, r * ALPHA * L, L, tmp, r * 3 * cw + c, cw);  // tmp[(r·3 + s)·cw + c]
            }
        }
        for (int c = 0; c < cin; c++) {
            int d = (k * cin + c) * 9;
            for (int tap = 0; tap < 9; tap++) {
                dw[d + tap] = tmp[tap * cw + c];
            }
        }
    }

    /**
     * Row length of the 9-row tap buffers: vector-padded, plus one cache line so that the nine rows, written
     * element by element, do not fall into the same L1 sets (a 2 KiB row stride maps them onto two sets).
     */
    private static int gatherWidth(int cols) {
        return (cols + L - 1) / L * L + 16;
    }

    /** dst[ξ·stride + off + l·laneStride] = buf[ξ·L + l] for the 36 frequencies and lanes l < valid. */
    private static void store(float[] buf, int valid, float[] dst, int off, int stride, int laneStride) {
        if (laneStride == 1) {
            store(buf, valid, dst, off, stride);
            return;
        }
        for (int f = 0; f < FREQ; f++) {
            int d = off + f * stride;
            int src = f * L;
            for (int l = 0; l < valid; l++) {
                dst[d + l * laneStride] = buf[src + l];
            }
        }
    }

    /** dst[ξ·stride + off .. + valid] = buf[ξ·L ..] for the 36 frequencies. */
    private static void store(float[] buf, int valid, float[] dst, int off, int stride) {
        if (valid == L) {
            for (int f = 0; f < FREQ; f++) {
                FloatVector.fromArray(S, buf, f * L).intoArray(dst, off + f * stride);
            }
        } else {
            for (int f = 0; f < FREQ; f++) {
                System.arraycopy(buf, f * L, dst, off + f * stride, valid);
            }
        }
    }

    /** buf[ξ·L ..] = src[ξ·stride + off .. + valid], lanes past valid zero. */
    private static void load(float[] src, int off, int stride, int valid, float[] buf) {
        if (valid == L) {
            for (int f = 0; f < FREQ; f++) {
                FloatVector.fromArray(S, src, off + f * stride).intoArray(buf, f * L);
            }
        } else {
            for (int f = 0; f < FREQ; f++) {
                System.arraycopy(src, off + f * stride, buf, f * L, valid);
                Arrays.fill(buf, f * L + valid, (f + 1) * L, 0f);
            }
        }
    }
}
