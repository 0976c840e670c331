package org.sgae.tensor.cpu.winograd;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The transforms of Winograd F(m×m, 3×3) for m = 4 (Lavin and Gray 2016, interpolation points 0, ±1, ±2, ∞; input
 * tiles α = 6, 36 frequencies) and m = 2 (points 0, ±1, ∞; α = 4, 16 frequencies), vectorised across L tiles (or
 * L weight columns) at a time. With α×α input tiles d, 3×3 kernels g and m×m output tiles,
 *
 * <pre>
 *   y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A          (forward, one tile)
 *   ∂L/∂U = Σ_tiles (A ∂y Aᵀ) ⊙ (Bᵀ d B),  ∂L/∂g = Gᵀ (∂L/∂U) G   (weight gradient: the adjoint of the forward)
 * </pre>
 *
 * Frequency index ξ = i·α + j with i the vertical and j the horizontal frequency, the same in every transform.
 *
 * <p>Tiles are vectorised along a tile row: the input rows are first split into their m column phases
 * ({@code ph[(r·m + p)·pw + q] = row_r[m·q + p + x0]}), so that the α columns of L neighbouring tiles are α
 * unit-stride vector loads (phase k mod m, shifted by k / m). Every 1-D transform reads its vectors and writes its
 * outputs straight to a small L1 buffer, so no vector value lives across passes.
 */
final class WinogradTransforms {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** F(4×4, 3×3): 6×6 input tiles, 36 frequencies. */
    static final WinogradTransforms F43 = new WinogradTransforms(4);
    /** F(2×2, 3×3): 4×4 input tiles, 16 frequencies (for layers with few 4×4 tiles). */
    static final WinogradTransforms F23 = new WinogradTransforms(2);
    /** The largest frequency count (scratch sizes). */
    static final int MAX_FREQ = 36;

    /** Output tile side, input tile side (tile + 2), frequencies (alpha²). */
    final int tile;
    final int alpha;
    final int freq;

    private WinogradTransforms(int tile) {
        this.tile = tile;
        this.alpha = tile + 2;
        this.freq = alpha * alpha;
    }

    @Override
    public String toString() {
        return "F(" + tile + "x" + tile + ",3x3)";
    }

    /** Per-thread scratch: phases, two 36-vector pass buffers and a 9-row weight gather. */
    static final class Scratch {
        float[] ph = new float[0];
        float[] out = new float[0];
        final float[] a = new float[MAX_FREQ * L];
        final float[] b = new float[MAX_FREQ * L];

        /** Phase rows of {@code size} floats plus one vector: the window's k / tile shift reads one past. */
        float[] ph(int size) {
            if (ph.length < size + L) {
                ph = new float[size + L];
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
    void phases(float[] src, int plane, int h, int w, int y0, int x0, int rows, int nq, float[] ph, int pw) {
        // Called per run of ≤ 16 tiles and channel: plain loops, no Arrays.fill (its call costs more than the
        // few elements it clears here).
        for (int r = 0; r < rows; r++) {
            int base = r * tile * pw;
            int yy = y0 + r;
            if (yy < 0 || yy >= h) {
                for (int i = base; i < base + tile * pw; i++) {
                    ph[i] = 0f;
                }
                continue;
            }
            int row = plane + yy * w;
            for (int m = 0; m < tile; m++) {
                int o = base + m * pw;
                // q range whose column tile·q + m + x0 lies in [0, w)
                int c0 = m + x0;
                int qLo = Math.min(pw, c0 >= 0 ? 0 : (-c0 + tile - 1) / tile);
                int qHi = Math.max(qLo, Math.min(nq, c0 >= w ? 0 : (w - 1 - c0) / tile + 1));
                for (int q = 0; q < qLo; q++) {
                    ph[o + q] = 0f;
                }
                for (int q = qLo, col = row + tile * qLo + c0; q < qHi; q++, col += tile) {
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

    // ---------------------------------------------------------------- F(2×2, 3×3) 1-D transforms

    /** Bᵀ·d, F(2,3): o0 = d0 − d2, o1 = d1 + d2, o2 = d2 − d1, o3 = d1 − d3. */
    private static void bt4(float[] src, int o0, int o1, int o2, int o3, float[] dst, int d, int sd) {
        FloatVector d0 = FloatVector.fromArray(S, src, o0);
        FloatVector d1 = FloatVector.fromArray(S, src, o1);
        FloatVector d2 = FloatVector.fromArray(S, src, o2);
        FloatVector d3 = FloatVector.fromArray(S, src, o3);
        d0.sub(d2).intoArray(dst, d);
        d1.add(d2).intoArray(dst, d + sd);
        d2.sub(d1).intoArray(dst, d + 2 * sd);
        d1.sub(d3).intoArray(dst, d + 3 * sd);
    }

    /** Aᵀ·m, F(2,3): y0 = m0 + m1 + m2, y1 = m1 − m2 − m3. */
    private static void at4(float[] src, int o, int so, float[] dst, int d, int sd) {
        FloatVector m0 = FloatVector.fromArray(S, src, o);
        FloatVector m1 = FloatVector.fromArray(S, src, o + so);
        FloatVector m2 = FloatVector.fromArray(S, src, o + 2 * so);
        FloatVector m3 = FloatVector.fromArray(S, src, o + 3 * so);
        m0.add(m1).add(m2).intoArray(dst, d);
        m1.sub(m2).sub(m3).intoArray(dst, d + sd);
    }

    /** A·g (adjoint of Aᵀ), F(2,3): g0, g0 + g1, g0 − g1, −g1. */
    private static void a4(float[] src, int o, int so, float[] dst, int d, int sd) {
        FloatVector g0 = FloatVector.fromArray(S, src, o);
        FloatVector g1 = FloatVector.fromArray(S, src, o + so);
        g0.intoArray(dst, d);
        g0.add(g1).intoArray(dst, d + sd);
        g0.sub(g1).intoArray(dst, d + 2 * sd);
        g1.neg().intoArray(dst, d + 3 * sd);
    }

    /** G·g, F(2,3): g0, (g0 + g1 + g2)/2, (g0 − g1 + g2)/2, g2. */
    private static void g4(float[] src, int o, int so, float[] dst, int d, int sd) {
        FloatVector g0 = FloatVector.fromArray(S, src, o);
        FloatVector g1 = FloatVector.fromArray(S, src, o + so);
        FloatVector g2 = FloatVector.fromArray(S, src, o + 2 * so);
        FloatVector sum02 = g0.add(g2);
        g0.intoArray(dst, d);
        sum02.add(g1).mul(0.5f).intoArray(dst, d + sd);
        sum02.sub(g1).mul(0.5f).intoArray(dst, d + 2 * sd);
        g2.intoArray(dst, d + 3 * sd);
    }

    /** Gᵀ·u (adjoint of G), F(2,3): u0 + (u1 + u2)/2, (u1 − u2)/2, (u1 + u2)/2 + u3. */
    private static void gt4(float[] src, int o, int so, float[] dst, int d, int sd) {
        FloatVector u0 = FloatVector.fromArray(S, src, o);
        FloatVector u1 = FloatVector.fromArray(S, src, o + so);
        FloatVector u2 = FloatVector.fromArray(S, src, o + 2 * so);
        FloatVector u3 = FloatVector.fromArray(S, src, o + 3 * so);
        FloatVector half = u1.add(u2).mul(0.5f);
        u0.add(half).intoArray(dst, d);
        u1.sub(u2).mul(0.5f).intoArray(dst, d + sd);
        half.add(u3).intoArray(dst, d + 2 * sd);
    }

    // ---------------------------------------------------------------- one pass of a 2-D transform

    /**
     * Input (Bᵀ) transform of alpha values: the k-th read at src[o + (k mod t)·pk + (k / t)·qk] (phase layout:
     * t = tile, pk = phase stride, qk = 1; a plain stride s: t = alpha, pk = s).
     */
    private void btPass(float[] src, int o, int t, int pk, int qk, float[] dst, int d, int sd) {
        if (alpha == 6) {
            bt(src, off(o, 0, t, pk, qk), off(o, 1, t, pk, qk), off(o, 2, t, pk, qk), off(o, 3, t, pk, qk),
                    off(o, 4, t, pk, qk), off(o, 5, t, pk, qk), dst, d, sd);
        } else {
            bt4(src, off(o, 0, t, pk, qk), off(o, 1, t, pk, qk), off(o, 2, t, pk, qk), off(o, 3, t, pk, qk), dst, d,
                    sd);
        }
    }

    private static int off(int o, int k, int t, int pk, int qk) {
        return o + k % t * pk + k / t * qk;
    }

    /** The strided 1-D transforms other than Bᵀ: Aᵀ (output), A (gradient), G (weight), Gᵀ (weight gradient). */
    private static final int AT = 0;
    private static final int A = 1;
    private static final int G = 2;
    private static final int GT = 3;

    /** One strided 1-D transform of this variant (inputs at src[o + k·so], outputs at dst[d + j·sd]). */
    private void pass(int op, float[] src, int o, int so, float[] dst, int d, int sd) {
        boolean f43 = alpha == 6;
        switch (op) {
            case AT -> {
                if (f43) {
                    at(src, o, so, dst, d, sd);
                } else {
                    at4(src, o, so, dst, d, sd);
                }
            }
            case A -> {
                if (f43) {
                    a(src, o, so, dst, d, sd);
                } else {
                    a4(src, o, so, dst, d, sd);
                }
            }
            case G -> {
                if (f43) {
                    g(src, o, so, dst, d, sd);
                } else {
                    g4(src, o, so, dst, d, sd);
                }
            }
            default -> {
                if (f43) {
                    gt(src, o, so, dst, d, sd);
                } else {
                    gt4(src, o, so, dst, d, sd);
                }
            }
        }
    }

    // ---------------------------------------------------------------- whole tile rows

    /**
     * Input transform of one tile row of one plane: V[ξ][vOff + t] = (Bᵀ d_t B)[ξ] for the {@code tw} tiles of the
     * row, tile t reading rows y0..y0+alpha−1 and columns tile·t + x0 .. (zero outside the h×w plane).
     * {@code vStride} is the distance between frequencies in v.
     */
    void input(float[] x, int plane, int h, int w, int y0, int x0, int tw, float[] v, int vOff, int vStride) {
        input(x, plane, h, w, y0, x0, tw, v, vOff, vStride, 1);
    }

    /** As above with tile t of the row at v[vOff + t·laneStride] (a packed GEMM panel when laneStride > 1). */
    void input(float[] x, int plane, int h, int w, int y0, int x0, int tw, float[] v, int vOff, int vStride,
               int laneStride) {
        Scratch s = SCRATCH.get();
        int pw = phaseWidth(tw);
        float[] ph = s.ph(alpha * tile * pw);
        phases(x, plane, h, w, y0, x0, alpha, tw + 1, ph, pw);
        float[] a = s.a;
        float[] b = s.b;
        for (int t = 0; t < tw; t += L) {
            for (int r = 0; r < alpha; r++) {
                btPass(ph, r * tile * pw + t, tile, pw, 1, a, r * alpha * L, L);  // a[(r·α + j)·L]
            }
            for (int j = 0; j < alpha; j++) {
                btPass(a, j * L, alpha, alpha * L, 0, b, j * L, alpha * L);       // b[(i·α + j)·L]
            }
            store(b, Math.min(L, tw - t), v, vOff + t * laneStride, vStride, laneStride);
        }
    }

    /**
     * Gradient transform of tw tiles of one tile row for the weight gradient: M[ξ][mOff + t·laneStride] =
     * (A g_t Aᵀ)[ξ], g_t the tile×tile block of dy at rows y0.., columns x0 + tile·t.. (zero past oh×ow).
     */
    void grad(float[] dy, int plane, int oh, int ow, int y0, int x0, int tw, float[] m, int mOff, int mStride,
              int laneStride) {
        Scratch s = SCRATCH.get();
        int pw = phaseWidth(tw);
        float[] ph = s.ph(tile * tile * pw);
        phases(dy, plane, oh, ow, y0, x0, tile, tw, ph, pw);
        float[] a = s.a;
        float[] b = s.b;
        for (int t = 0; t < tw; t += L) {
            for (int r = 0; r < tile; r++) {
                pass(A, ph, r * tile * pw + t, pw, a, r * alpha * L, L);
            }
            for (int j = 0; j < alpha; j++) {
                pass(A, a, j * L, alpha * L, b, j * L, alpha * L);
            }
            store(b, Math.min(L, tw - t), m, mOff + t * laneStride, mStride, laneStride);
        }
    }

    /**
     * Output transform of tw tiles of one tile row: out rows y0..y0+tile−1 (those < oh), columns x0..x0+tile·tw
     * (those < ow) of the oh×ow plane at {@code plane} get (Aᵀ M_t A) + bias, M_t at m[ξ·mStride + mOff + t].
     */
    void output(float[] m, int mOff, int mStride, int tw, float bias, float[] out, int plane, int oh, int ow, int y0,
                int x0) {
        Scratch s = SCRATCH.get();
        int pw = phaseWidth(tw);
        float[] ph = s.ph(tile * tile * pw);
        float[] a = s.a;
        float[] b = s.b;
        for (int t = 0; t < tw; t += L) {
            int valid = Math.min(L, tw - t);
            load(m, mOff + t, mStride, valid, b);
            for (int j = 0; j < alpha; j++) {
                pass(AT, b, j * L, alpha * L, a, j * L, alpha * L);   // a[(o·α + j)·L] = Σ_i Aᵀ[o][i] m[i][j]
            }
            for (int o = 0; o < tile; o++) {
                pass(AT, a, o * alpha * L, L, b, o * tile * L, L);     // b[(o·tile + q)·L] = Σ_j Aᵀ[q][j] s[o][j]
            }
            for (int k = 0; k < tile * tile; k++) {
                System.arraycopy(b, k * L, ph, k * pw + t, valid);
            }
        }
        for (int o = 0; o < tile; o++) {
            int yy = y0 + o;
            if (yy >= oh) {
                break;
            }
            int row = plane + yy * ow + x0;
            int base = o * tile * pw;
            int cols = Math.min(ow - x0, tile * tw);
            for (int col = 0; col < cols; col++) {
                out[row + col] = ph[base + col % tile * pw + col / tile] + bias;
            }
        }
    }

    /**
     * Weight transform U[ξ][row][col] = (G g Gᵀ)[ξ] for one row of the GEMM's A operand ({@code cols} kernels,
     * each 3×3). Forward: row = output channel k, col = input channel c, g = w[k, c]. Flipped (backward-input):
     * row = c, col = k, g = w[k, c] rotated by 180°. w is [cout, cin, 3, 3]; this row's U[ξ][col] goes to
     * u[off + ξ·stride + col].
     */
    void weight(float[] w, int cin, int row, int cols, boolean flipped, float[] u, int off, int stride) {
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
                pass(G, tmp, sCol * cw + c, 3 * cw, a, sCol * L, 3 * L);  // a[(i·3 + s)·L] = Σ_r G[i][r] g[r][s]
            }
            for (int i = 0; i < alpha; i++) {
                pass(G, a, i * 3 * L, L, b, i * alpha * L, L);            // b[(i·α + j)·L] = Σ_s G[j][s] a[i][s]
            }
            store(b, Math.min(L, cols - c), u, off + c, stride);
        }
    }

    /**
     * dw[k, c] = Gᵀ dU[ξ][c] G for one output channel k and all cin input channels, dU[ξ][c] at
     * du[off + ξ·stride + c].
     */
    void weightGrad(float[] du, int off, int stride, int cin, int k, float[] dw) {
        Scratch s = SCRATCH.get();
        int cw = gatherWidth(cin);
        float[] tmp = s.out(9 * cw);
        float[] a = s.a;
        float[] b = s.b;
        for (int c = 0; c < cin; c += L) {
            int valid = Math.min(L, cin - c);
            load(du, off + c, stride, valid, b);
            for (int j = 0; j < alpha; j++) {
                pass(GT, b, j * L, alpha * L, a, j * L, alpha * L);       // a[(r·α + j)·L] = Σ_i G[i][r] dU[i][j]
            }
            for (int r = 0; r < 3; r++) {
                pass(GT, a, r * alpha * L, L, tmp, r * 3 * cw + c, cw);  // tmp[(r·3 + s)·cw + c]
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
    private void store(float[] buf, int valid, float[] dst, int off, int stride, int laneStride) {
        if (laneStride == 1) {
            store(buf, valid, dst, off, stride);
            return;
        }
        for (int f = 0; f < freq; f++) {
            int d = off + f * stride;
            int src = f * L;
            for (int l = 0; l < valid; l++) {
                dst[d + l * laneStride] = buf[src + l];
            }
        }
    }

    /** dst[ξ·stride + off .. + valid] = buf[ξ·L ..] for the 36 frequencies. */
    private void store(float[] buf, int valid, float[] dst, int off, int stride) {
        if (valid == L) {
            for (int f = 0; f < freq; f++) {
                FloatVector.fromArray(S, buf, f * L).intoArray(dst, off + f * stride);
            }
        } else {
            for (int f = 0; f < freq; f++) {
                System.arraycopy(buf, f * L, dst, off + f * stride, valid);
            }
        }
    }

    /** buf[ξ·L ..] = src[ξ·stride + off .. + valid], lanes past valid zero. */
    private void load(float[] src, int off, int stride, int valid, float[] buf) {
        if (valid == L) {
            for (int f = 0; f < freq; f++) {
                FloatVector.fromArray(S, src, off + f * stride).intoArray(buf, f * L);
            }
        } else {
            for (int f = 0; f < freq; f++) {
                System.arraycopy(src, off + f * stride, buf, f * L, valid);
                Arrays.fill(buf, f * L + valid, (f + 1) * L, 0f);
            }
        }
    }
}
