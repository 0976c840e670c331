package org.sgae.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.nn.SafeTensors;
import org.sgae.nn.StateDict;
import org.sgae.tensor.Tensor;
import org.sgae.train.Checkpoint;

/**
 * Issue 14, "runs that survive": a real Ctrl-C. {@code sgae train} runs in a child JVM (phase 0, the cpu preset's
 * detector on a 16-image world of 64 px, a checkpoint after every iteration); once a checkpoint exists the test sends
 * it SIGINT ({@code kill -INT}, what a terminal's Ctrl-C delivers; {@link Process#destroy} would send SIGTERM). The
 * child prints one line saying where it stood and which checkpoint is complete, and exits 130. {@code train --resume}
 * in a new child JVM then runs to the end, and its final checkpoint equals an uninterrupted run's bit for bit, in every
 * tensor of the model's and the optimiser's state dicts.
 *
 * <p>Robust on a loaded machine without timing assumptions: the signal is sent as soon as the first of 40 checkpoints
 * exists, and the test checks (rather than assumes) that the run had not finished. Children run with one compute
 * thread so they do not compete with each other's or the build's cores.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class CtrlCResumeTest {
    private static final int ITERS = 40;
    private static final long CHILD_TIMEOUT_S = 600;
    private static final Pattern NOTICE = Pattern.compile(
            "interrupted at iteration (\\d+); last complete checkpoint: (\\S+); continue with --resume");

    @TempDir
    static Path tmp;

    private static List<String> train(Path out, boolean resume) {
        List<String> cmd = new ArrayList<>();
        if (envResetsSignals()) {
            // A child started by a non-interactive shell in the background inherits SIGINT ignored, and a JVM
            // then leaves it ignored (as under nohup); reset it so the test sees what a terminal's Ctrl-C does.
            cmd.addAll(List.of("env", "--default-signal=INT"));
        }
        cmd.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "--add-modules",
                "jdk.incubator.vector", "-Xss8m", "-Dsgae.threads=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "--phase", "0", "--preset", "cpu", "--out", out.toString(),
                "--world-cache", tmp.resolve("worlds").toString(),
                "--set", "world.images=16", "--set", "world.size=64", "--set", "phase0.batchSize=2",
                "--set", "phase0.iters=" + ITERS, "--set", "run.checkpointEvery=1", "--set", "run.logEvery=10",
                "--set", "run.keepCheckpoints=2"));
        if (resume) {
            cmd.add("--resume");
        }
        return cmd;
    }

    /** Whether coreutils' env can reset a signal's disposition (GNU coreutils 8.31 and later). */
    private static boolean envResetsSignals() {
        try {
            Process p = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record Child(Process process, Path stdout, Path stderr) {
        static Child start(List<String> cmd, Path logs) throws IOException {
            Files.createDirectories(logs);
            Path out = logs.resolve("stdout.txt");
            Path err = logs.resolve("stderr.txt");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new Child(p, out, err);
        }

        int await() throws IOException, InterruptedException {
            if (!process.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("the child did not end in " + CHILD_TIMEOUT_S + " s; stderr:\n" + Files.readString(stderr));
            }
            return process.exitValue();
        }

        String out() throws IOException {
            return Files.readString(stdout);
        }

        String err() throws IOException {
            return Files.readString(stderr);
        }
    }

    @Test
    void ctrlCLeavesTheLastCheckpointAndResumeContinuesExactly() throws Exception {
        Path whole = tmp.resolve("whole");
        Child w = Child.start(train(whole, false), tmp.resolve("logs-whole"));
        assertEquals(0, w.await(), "uninterrupted run; stderr:\n" + w.err());

        Path cut = tmp.resolve("cut");
        Child c = Child.start(train(cut, false), tmp.resolve("logs-cut"));
        while (Checkpoint.list(cut).isEmpty()) {
            if (!c.process().isAlive()) {
                fail("the run ended before its first checkpoint: exit " + c.process().exitValue() + "\n" + c.err());
            }
            Thread.sleep(20); // polling for the first checkpoint; no assertion depends on how long this takes
        }
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(c.process().pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -INT");
        int code = c.await();
        String err = c.err();
        assertEquals(130, code, "a JVM ended by SIGINT exits 128 + 2; stderr:\n" + err);

        // One line on stderr: the iteration reached and the last complete checkpoint, which is still there.
        Matcher m = NOTICE.matcher(err);
        assertTrue(m.find(), "the interrupt notice in stderr:\n" + err);
        assertEquals(1, err.lines().filter(l -> l.startsWith("interrupted at iteration")).count(), err);
        int at = Integer.parseInt(m.group(1));
        Path named = Path.of(m.group(2));
        assertTrue(at >= 1 && at < ITERS, "interrupted inside the run, at " + at);
        assertTrue(Files.isRegularFile(named.resolve(Checkpoint.STATE)), "the named checkpoint is complete: " + named);
        assertEquals(cut.resolve("checkpoints").toAbsolutePath(), named.getParent());
        int newest = iteration(Checkpoint.latest(cut).orElseThrow());
        assertTrue(newest < ITERS, "the run was cut before its end; newest checkpoint " + newest);
        assertTrue(iteration(named) <= at, named + " is not past iteration " + at);

        Child r = Child.start(train(cut, true), tmp.resolve("logs-resume"));
        assertEquals(0, r.await(), "resumed run; stderr:\n" + r.err());
        assertTrue(r.out().contains("resuming at iteration " + newest), r.out());
        assertTrue(!r.err().contains("interrupted at iteration"), "a run that ends normally says nothing: " + r.err());

        Path a = whole.resolve("checkpoints").resolve(String.format("iter-%08d", ITERS));
        Path b = cut.resolve("checkpoints").resolve(String.format("iter-%08d", ITERS));
        for (String file : List.of(Checkpoint.MODEL, Checkpoint.OPTIM)) {
            assertBitEqual(a.resolve(file), b.resolve(file));
        }
        assertEquals(Files.readString(a.resolve(Checkpoint.STATE)), Files.readString(b.resolve(Checkpoint.STATE)));
    }

    private static int iteration(Path checkpoint) {
        return Integer.parseInt(checkpoint.getFileName().toString().substring("iter-".length()));
    }

    /** The same tensor names, dtypes and shapes, every value equal in its raw bits, and the same file bytes. */
    private static void assertBitEqual(Path expected, Path actual) throws IOException {
        StateDict e = SafeTensors.read(expected).tensors();
        StateDict f = SafeTensors.read(actual).tensors();
        assertEquals(e.keySet(), f.keySet(), actual.toString());
        assertTrue(e.size() > 0, expected + " holds tensors");
        for (String k : e.keySet()) {
            Tensor x = e.get(k);
            Tensor y = f.get(k);
            assertEquals(x.dtype(), y.dtype(), k);
            assertEquals(x.shape(), y.shape(), k);
            assertArrayEquals(bits(x.toFloatArray()), bits(y.toFloatArray()), actual + ": tensor " + k);
        }
        assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(actual), actual + ": file bytes");
    }

    private static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToRawIntBits(v[i]);
        }
        return out;
    }
}
