package org.sgae.tensor.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The GEMM, the direct (implicit-GEMM) convolution and the Winograd convolution (forward, backward-input,
 * backward-weight) under every register tile. The tile is fixed per process (GemmKernel's constants), so each tile
 * gets a child JVM with {@code -Dsgae.gemm.tile=NAME} running {@link #main}: the checks of {@link SgemmTest},
 * {@code Conv2dCpuTest} and {@code Conv2dWinogradTest} (their private {@code check} methods, same tolerances) on
 * shapes that cross the tile edges, K slices, the NC column block, both parallel splits, both im2col packers and
 * the Winograd blocks. A compact set, because tiles wider than the hardware run emulated (correct, slow); the full
 * test classes run with the machine's own tile.
 */
class TileSuiteTest {
    @Test
    void everyTilePassesTheGemmAndConvolutionChecks() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> failed = new ArrayList<>();
        for (GemmTile t : GemmTiles.all()) {
            List<String> cmd = List.of(java, "--add-modules", "jdk.incubator.vector", "-Xss8m",
                    "-D" + GemmTiles.PROPERTY + "=" + t.name, "-Dsgae.threads=2",
                    "-cp", System.getProperty("java.class.path"), TileSuiteTest.class.getName());
            File log = File.createTempFile("tile-" + t.name, ".log");
            log.deleteOnExit();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                failed.add(t.name + ": timed out");
                continue;
            }
            if (p.exitValue() != 0) {
                failed.add(t.name + ": exit " + p.exitValue() + "\n" + tail(log));
            }
        }
        assertEquals(List.of(), failed, "tiles failing the GEMM/conv checks");
    }

    private static String tail(File log) throws IOException {
        String s = java.nio.file.Files.readString(log.toPath(), StandardCharsets.UTF_8);
        return s.substring(Math.max(0, s.length() - 3000));
    }

    /** m, n, k: tile edges, two K slices, > NC columns, rows- and columns-split parallel paths. */
    private static final int[][] GEMMS = {
        {1, 1, 1}, {7, 33, 13}, {13, 50, 257}, {37, 61, 300}, {5, 4099, 3}, {131, 129, 150}, {200, 70, 90}};
    /** n, cin, h, w, cout, kh, kw, strideH, strideW, padH, padW, dilH, dilW. */
    private static final int[][] CONVS = {
        {1, 16, 20, 19, 33, 3, 3, 1, 1, 1, 1, 1, 1}, {1, 40, 12, 12, 20, 3, 3, 1, 1, 1, 1, 1, 1},
        {2, 3, 11, 10, 4, 3, 3, 2, 2, 1, 1, 1, 1}, {4, 8, 18, 18, 16, 3, 3, 1, 1, 1, 1, 1, 1},
        {8, 24, 4, 4, 40, 3, 3, 1, 1, 1, 1, 1, 1}}; // last: 8 images batched into one GEMM
    /** Winograd: n, cin, h, w, cout (3×3, pad 1). */
    private static final int[][] WINOGRADS = {{2, 9, 13, 11, 10}, {1, 16, 37, 70, 12}, {2, 20, 40, 40, 24}};

    /** Child JVM: runs the checks; exit 1 with the failures listed. */
    public static void main(String[] args) throws Exception {
        String want = System.getProperty(GemmTiles.PROPERTY);
        if (!GemmKernel.TILE.name.equals(want)) {
            System.out.println("tile " + GemmKernel.TILE.name + " in use, not " + want);
            System.exit(2);
        }
        Method gemm = method("org.sgae.tensor.cpu.gemm.SgemmTest", "check", long.class, int.class, int.class,
                int.class, boolean.class, boolean.class, float.class, float.class, int.class, int.class);
        Class<?> shape = Class.forName("org.sgae.tensor.attrs.Conv2dShape");
        Method conv = method("org.sgae.tensor.cpu.Conv2dCpuTest", "check", long.class, shape, boolean.class);
        Method wino = method("org.sgae.tensor.cpu.winograd.Conv2dWinogradTest", "check", long.class, shape);
        java.lang.reflect.Field narrow = Class.forName("org.sgae.tensor.cpu.Im2col$Padded").getDeclaredField("narrow");
        narrow.setAccessible(true);
        java.lang.reflect.Constructor<?> newShape = shape.getConstructor(int.class, int.class, int.class, int.class,
                int.class, int.class, int.class, int.class, int.class, int.class, int.class, int.class, int.class);
        List<String> failures = new ArrayList<>();
        int run = 0;
        float[][] alphaBeta = {{1f, 0f}, {0.5f, 1f}, {1.5f, -0.5f}};
        for (int[] g : GEMMS) {
            for (int tr = 0; tr < 4; tr++) {
                float[] ab = alphaBeta[(tr + g[0]) % alphaBeta.length];
                run++;
                call(failures, gemm, "sgemm " + java.util.Arrays.toString(g) + " trans " + tr,
                        5L, g[0], g[1], g[2], (tr & 1) != 0, (tr & 2) != 0, ab[0], ab[1], tr % 2, tr);
            }
        }
        int saved = narrow.getInt(null);
        for (int form : new int[] {0, Integer.MAX_VALUE}) {
            narrow.setInt(null, form);
            for (int[] c : CONVS) {
                Object s = newShape.newInstance(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10],
                        c[11], c[12]);
                run++;
                call(failures, conv, "conv " + s + " narrow " + form, 7L, s, true);
            }
        }
        narrow.setInt(null, saved);
        for (int[] c : WINOGRADS) {
            Object s = newShape.newInstance(c[0], c[1], c[2], c[3], c[4], 3, 3, 1, 1, 1, 1, 1, 1);
            run++;
            call(failures, wino, "winograd " + s, 9L, s);
        }
        failures.forEach(f -> System.out.println("FAIL " + want + " " + f));
        System.out.println(want + ": " + run + " checks, " + failures.size() + " failed");
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static Method method(String cls, String name, Class<?>... types) throws ReflectiveOperationException {
        Method m = Class.forName(cls).getDeclaredMethod(name, types);
        m.setAccessible(true);
        return m;
    }

    private static void call(List<String> failures, Method m, String what, Object... args) {
        try {
            m.invoke(null, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            failures.add(what + ": " + e.getCause());
        } catch (IllegalAccessException e) {
            failures.add(what + ": " + e);
        }
    }
}
