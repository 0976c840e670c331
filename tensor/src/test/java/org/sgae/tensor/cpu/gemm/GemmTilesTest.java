package org.sgae.tensor.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every register tile's kernel, in this JVM, against a double-accumulator product of the same packed panels, in
 * each store mode, whatever the machine: species wider than the hardware run emulated by the Vector API (slow,
 * so depths stay small). The whole GEMM and convolution paths under each tile run in {@link TileSuiteTest}.
 * Tolerance as {@link SgemmTest}: f32Reduction(kc) on Σ|terms|.
 */
class GemmTilesTest {
    private static final int[] DEPTHS = {1, 3, 17, 40};

    @Test
    void everyKernelMatchesTheProductOfItsPanels() {
        for (GemmTile t : GemmTiles.all()) {
            for (int kc : DEPTHS) {
                for (int mode : new int[] {GemmTile.STORE, GemmTile.SCALE, GemmTile.ADD}) {
                    check(t, kc, mode, new Random(31L * kc + mode + t.name.hashCode()));
                }
            }
        }
    }

    @Test
    void tileGeometryIsConsistent() {
        Set<String> names = new HashSet<>();
        for (GemmTile t : GemmTiles.all()) {
            assertTrue(names.add(t.name), "duplicate tile " + t.name);
            assertEquals(t.bits, t.species().vectorBitSize(), t.name);
            assertEquals(t.nv * t.species().length(), t.nr, t.name);
            assertTrue(t.as >= t.mr && Integer.bitCount(t.as) == 1 && t.nr % t.as == 0, t.name + " AS " + t.as);
            assertSame(t, GemmTiles.byName(t.name));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GemmTiles.byName("5x5v999"));
        assertTrue(e.getMessage().contains("4x2v512") && e.getMessage().contains(GemmTiles.PROPERTY), e.getMessage());
    }

    @Test
    void candidatesFitTheRegistersAndIncludeTheFallback() {
        List<GemmTile> c = GemmTiles.candidates();
        for (GemmTile t : c) {
            assertTrue(t.registers() <= GemmTiles.vectorRegisters(), t.name);
            assertTrue(t.bits <= GemmTiles.preferredBits(), t.name);
        }
        if (!c.isEmpty()) {
            assertTrue(c.contains(GemmTiles.fallback()), "fallback " + GemmTiles.fallback() + " not in " + c);
        }
    }

    /** The process's choice is a real tile, the one GemmKernel's constants describe. */
    @Test
    void choiceDrivesTheKernelConstants() {
        GemmTiles.Choice ch = GemmTiles.choice();
        assertSame(ch.tile(), GemmKernel.TILE);
        assertEquals(ch.tile().mr, GemmKernel.MR);
        assertEquals(ch.tile().nr, GemmKernel.NR);
        assertEquals(ch.tile().as, GemmKernel.AS);
        assertTrue(ch.describe().contains(ch.tile().name), ch.describe());
        assertFalse(ch.key().isBlank());
    }

    /** The default tile is kept unless another measures MARGIN faster. */
    @Test
    void pickKeepsTheDefaultWithinTheMargin() {
        GemmTile def = GemmTiles.fallback();
        GemmTile other = GemmTiles.all().stream().filter(t -> t != def).findFirst().orElseThrow();
        List<GemmTile> both = List.of(other, def);
        assertSame(def, GemmTiles.pick(both, Map.of(other.name, 101.0, def.name, 100.0)));
        assertSame(other, GemmTiles.pick(both, Map.of(other.name, 110.0, def.name, 100.0)));
        assertSame(def, GemmTiles.pick(both, Map.of(other.name, 90.0, def.name, 100.0)));
    }

    /** A short calibration of two tiles returns a positive rate for each, keyed by name. */
    @Test
    void calibrationMeasuresEachCandidate() {
        List<GemmTile> two = List.of(GemmTiles.fallback(), GemmTiles.all().get(0));
        Map<String, Double> g = TileCalibration.measure(two, 50_000_000L);
        assertEquals(Set.of(two.get(0).name, two.get(1).name), g.keySet());
        g.values().forEach(v -> assertTrue(v > 0 && Double.isFinite(v), g.toString()));
    }

    /** Packed panels as GemmDriver lays them out, C with a wider leading dimension and NaN beyond the tile. */
    private static void check(GemmTile t, int kc, int mode, Random r) {
        int ldc = t.nr + 5;
        float[] ap = new float[3 + t.as * kc];
        float[] bp = new float[2 + t.nr * kc];
        for (int i = 0; i < ap.length; i++) {
            ap[i] = r.nextFloat() * 2 - 1;
        }
        for (int i = 0; i < bp.length; i++) {
            bp[i] = r.nextFloat() * 2 - 1;
        }
        int ao = 3;
        int bo = 2;
        int co = 1;
        float[] c = new float[co + t.mr * ldc];
        for (int i = 0; i < c.length; i++) {
            c[i] = r.nextFloat() * 2 - 1;
        }
        float[] before = c.clone();
        float beta = 0.75f;
        t.kernel(kc, ap, ao, bp, bo, c, co, ldc, mode, beta);
        for (int i = 0; i < c.length; i++) {
            int rel = i - co;
            int row = rel / ldc;
            int col = rel % ldc;
            if (rel < 0 || col >= t.nr) {
                assertEquals(before[i], c[i], t.name + ": wrote outside the tile at " + i);
                continue;
            }
            double acc = 0;
            double mag = 0;
            for (int p = 0; p < kc; p++) {
                double term = (double) ap[ao + p * t.as + row] * bp[bo + p * t.nr + col];
                acc += term;
                mag += Math.abs(term);
            }
            double old = mode == GemmTile.STORE ? 0 : mode == GemmTile.ADD ? before[i] : beta * before[i];
            double want = acc + old;
            mag += Math.abs(old);
            var tol = org.sgae.tensor.Tolerances.f32Reduction(kc + 1);
            double err = Math.abs(c[i] - want);
            assertTrue(err <= tol.atol() + tol.rtol() * mag, t.name + " kc=" + kc + " mode=" + mode + " (" + row
                    + "," + col + "): got " + c[i] + " want " + want);
        }
    }
}
