package org.sgae.kernels.cuda;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sgae.kernels.KernelSource;

/**
 * PTX of one kernel family: the classpath resource {@code kernels/cuda/<family>.ptx} built by Maven when nvcc was
 * present; otherwise, if nvcc is on PATH, compiled at first use into {@code ~/.cache/sgae/ptx} (keyed by a hash of
 * the source and header, so an edited .k recompiles). Same flags as the build: -x cu -ptx -arch=compute_80.
 */
final class PtxSource {
    static final List<String> NVCC_FLAGS = List.of("-x", "cu", "-ptx", "-arch=compute_80");

    private PtxSource() {
    }

    /** NUL-terminated PTX bytes for cuModuleLoadData. */
    static byte[] load(String family) {
        String resource = "kernels/cuda/" + family + ".ptx";
        try (InputStream in = PtxSource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                return terminated(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path nvcc = findNvcc();
        if (nvcc == null) {
            throw new IllegalStateException("CUDA kernels unavailable: no " + resource + " on the classpath and no nvcc"
                    + " on PATH to compile kernels/" + family + ".k");
        }
        try {
            return terminated(Files.readAllBytes(compile(nvcc, family)));
        } catch (IOException e) {
            throw new UncheckedIOException("nvcc compile of " + family + ".k failed", e);
        }
    }

    /** The nvcc fallback alone (tests): PTX text of {@code family} compiled into the cache folder. */
    static String compileWithNvcc(String family) throws IOException {
        Path nvcc = findNvcc();
        if (nvcc == null) {
            throw new IllegalStateException("no nvcc on PATH");
        }
        return Files.readString(compile(nvcc, family));
    }

    static Path findNvcc() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Paths.get(dir, "nvcc");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        Path fallback = Paths.get("/usr/local/bin/nvcc");
        return Files.isExecutable(fallback) ? fallback : null;
    }

    private static Path compile(Path nvcc, String family) throws IOException {
        String src = KernelSource.raw(family + ".k");
        String header = KernelSource.raw("portable.h");
        Path dir = Paths.get(System.getProperty("user.home"), ".cache", "sgae", "ptx");
        Files.createDirectories(dir);
        Path out = dir.resolve(family + "-" + hash(src + header) + ".ptx");
        if (Files.exists(out)) {
            return out;
        }
        Path work = Files.createTempDirectory("sgae-ptx");
        Files.writeString(work.resolve(family + ".k"), src);
        Files.writeString(work.resolve("portable.h"), header);
        Path tmp = work.resolve(family + ".ptx");
        List<String> cmd = new java.util.ArrayList<>(List.of(nvcc.toString()));
        cmd.addAll(NVCC_FLAGS);
        cmd.addAll(List.of("-I", work.toString(), "-o", tmp.toString(), work.resolve(family + ".k").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("nvcc failed for " + family + ".k:\n" + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling " + family + ".k", e);
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return out;
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] terminated(byte[] b) {
        byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
        out[b.length] = 0;
        return out;
    }
}
