package org.sgae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.nn.Conv2d;
import org.sgae.tensor.ops.Reduce;
import org.sgae.train.config.PhaseConfig;
import org.sgae.train.config.Preset;
import org.sgae.train.config.RunConfig;
import org.sgae.train.config.TrainConfig;
import org.sgae.train.config.WorldConfig;

/**
 * Issue 14: a full disk while writing a checkpoint. The run folder lies on a size-limited in-memory file system
 * (Jimfs, which fails a write that needs more blocks than are left with an IOException, as a full disk does with
 * ENOSPC); the training loop, its log and {@link Checkpoint} run on it unchanged. The disk is filled right before the
 * second checkpoint, so that checkpoint's first file is written whole and the second one runs out of space half way.
 * Then: one message naming the checkpoint and saying the disk is full; the first checkpoint untouched and the only one
 * {@code --resume} sees; no temporary folder left; after space is freed the run resumes from it and ends bit for bit
 * where an uninterrupted run on the ordinary disk ends.
 */
class CheckpointDiskFullTest {
    private static final WorldConfig WORLD = new WorldConfig(12, 32, 3);
    private static final int BLOCK = 512;
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    @TempDir
    static Path tmp;
    private static Path world;
    private static TrainConfig cfg;

    @BeforeAll
    static void tinyWorld() {
        world = SyntheticWorlds.ensure(WORLD, tmp.resolve("worlds"), QUIET);
        // 4 iterations of 2 images, a checkpoint every 2 (after iterations 2 and 4), a log line at each
        cfg = TrainConfig.preset(Preset.CPU).withWorld(WORLD).withPhase0(new PhaseConfig(4, 2))
                .withRun(new RunConfig(2, 2, 3));
    }

    /** A one-conv "model" (32 filters: ~3.6 KB of weights, several blocks) with a mean-squared-response loss. */
    private record Run(TrainableModel model, Solver solver, Trainer trainer) {
        static Run fresh(long initSeed, Path runDir) {
            Conv2d conv = Conv2d.builder(3, 32, 3).padding(1).build(new SplittableRandom(initSeed));
            TrainableModel m = TrainableModel.of(conv, (b, s) -> {
                var y = conv.forward(b.imagesTensor());
                return Map.of("l2", Reduce.meanAll(y.mul(y)));
            });
            Solver solver = Solver.sgd(cfg.detSolver(), m.namedParameters(), cfg.phase0().iters());
            return new Run(m, solver, new Trainer(m, solver, GradientSync.LOCAL, cfg, 0, runDir));
        }

        Map<String, float[]> state() {
            return StateBits.snapshot(model, solver);
        }
    }

    private static BatchSource data() {
        return BatchSource.of(TrainRun.trainSet(cfg, 0, world), TrainRun.loader(cfg, cfg.phase0().batchSize()));
    }

    /** Plain progress lines, and at {@code fillAt} (right before that iteration's checkpoint) the disk filled. */
    private record FillingProgress(int fillAt, Runnable fill) implements Progress {
        @Override
        public void step(int iteration) {
            if (iteration == fillAt) {
                fill.run();
            }
        }

        @Override
        public void log(int iteration, String summary) {
        }

        @Override
        public void close() {
        }
    }

    /** Fills {@code disk} with one file so that exactly {@code leave} bytes (whole blocks) stay free. */
    private static void fillLeaving(Path disk, long leave) {
        try {
            long free = Files.getFileStore(disk).getUnallocatedSpace();
            assertTrue(free > leave, "the disk has " + free + " bytes free, the test wants to leave " + leave);
            Files.write(disk.resolve("filler"), new byte[Math.toIntExact(free - leave)]);
            assertEquals(leave, Files.getFileStore(disk).getUnallocatedSpace());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long blocks(Path file) throws IOException {
        return (Files.size(file) + BLOCK - 1) / BLOCK;
    }

    @Test
    void aFullDiskKeepsThePreviousCheckpointAndTheRunResumesExactly() throws IOException {
        Run whole = Run.fresh(cfg.seed(), tmp.resolve("whole"));
        whole.trainer().run(data(), 0, Progress.console("whole", 0, 4, QUIET));
        Map<String, float[]> uninterrupted = whole.state();
        Path wholeFirst = Checkpoint.list(tmp.resolve("whole")).get(0);
        long modelBlocks = blocks(wholeFirst.resolve(Checkpoint.MODEL));
        long optimBlocks = blocks(wholeFirst.resolve(Checkpoint.OPTIM));
        assertTrue(optimBlocks >= 4, "optim.safetensors spans several blocks, so its write can stop half way");

        try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setAttributeViews("basic", "owner", "posix", "unix") // createTempDirectory asks for posix permissions
                .setBlockSize(BLOCK).setMaxSize(1L << 20).build())) {
            Path disk = fs.getPath("/disk");
            Files.createDirectories(disk);
            Path runDir = disk.resolve("run");
            // model.safetensors of the second checkpoint fits, optim.safetensors gets two of its blocks
            long leave = (modelBlocks + 2) * BLOCK;
            Run cut = Run.fresh(cfg.seed(), runDir);
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> cut.trainer().run(data(), 0, new FillingProgress(4, () -> fillLeaving(disk, leave))));

            Path first = Checkpoint.folderOf(runDir).resolve("iter-00000002");
            Path second = Checkpoint.folderOf(runDir).resolve("iter-00000004");
            String message = e.getMessage();
            assertFalse(message.contains("\n"), "one line: " + message);
            assertTrue(message.startsWith("cannot write checkpoint " + second + ": no space left on device"), message);
            assertTrue(message.contains("the previous checkpoint " + first + " is intact"), message);
            assertTrue(message.contains("--resume"), message);
            assertTrue(Checkpoint.isOutOfSpace(e.getCause()), "the cause is the file system's: " + e.getCause());

            // Nothing half-written is left: the checkpoints folder holds the first checkpoint alone, no temporary.
            try (Stream<Path> s = Files.list(Checkpoint.folderOf(runDir))) {
                assertEquals(List.of(first), s.toList());
            }
            assertEquals(List.of(first), Checkpoint.list(runDir));
            assertEquals(first, Checkpoint.latest(runDir).orElseThrow());
            assertEquals(leave, Files.getFileStore(disk).getUnallocatedSpace(), "the temporary folder's blocks are freed");

            // Free space; a fresh process (another init seed: whatever the checkpoint fails to restore shows) resumes.
            Files.delete(disk.resolve("filler"));
            Run resumed = Run.fresh(cfg.seed() + 1, runDir);
            assertEquals(2, resumed.trainer().resumeFromLatest());
            resumed.trainer().run(data(), 2, Progress.console("resumed", 2, 4, QUIET));
            StateBits.assertBitEqual(uninterrupted, resumed.state());
            assertEquals(List.of(first, second), Checkpoint.list(runDir));
        }
    }

    @Test
    void aStaleTemporaryFolderIsIgnoredByResumeAndRemovedByTheNextSave() throws IOException {
        Path runDir = tmp.resolve("stale");
        Run run = Run.fresh(cfg.seed(), runDir);
        Path first = Checkpoint.save(runDir, cfg, 0, 2, run.model(), run.solver());
        // what a kill in the middle of writing the next checkpoint, or of pruning an old one, leaves
        Path half = Files.createDirectories(Checkpoint.folderOf(runDir).resolve(".iter-00000004.tmp123"));
        Files.write(half.resolve(Checkpoint.MODEL), new byte[] {1, 2, 3});
        Path deleting = Files.createDirectories(Checkpoint.folderOf(runDir).resolve(".iter-00000001.deleting"));
        assertEquals(first, Checkpoint.latest(runDir).orElseThrow());
        assertEquals(List.of(deleting, half), Checkpoint.leftovers(runDir));

        Checkpoint.save(runDir, cfg, 0, 4, run.model(), run.solver());
        Checkpoint.prune(runDir, 1);
        assertEquals(List.of(), Checkpoint.leftovers(runDir));
        assertEquals(List.of(Checkpoint.folderOf(runDir).resolve("iter-00000004")), Checkpoint.list(runDir));
    }

    /** The real ENOSPC of the OS (Linux's /dev/full) is recognised as a full disk, not only the in-memory one's. */
    @Test
    void theOperatingSystemsNoSpaceErrorCountsAsAFullDisk() {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full on this system");
        IOException e = assertThrows(IOException.class, () -> {
            try (FileChannel ch = FileChannel.open(full, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.allocate(BLOCK));
            }
        });
        assertTrue(Checkpoint.isOutOfSpace(new UncheckedIOException("cannot write", e)), e.getMessage());
        assertFalse(Checkpoint.isOutOfSpace(new IOException("Permission denied")));
    }
}
