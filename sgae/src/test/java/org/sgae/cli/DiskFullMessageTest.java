package org.sgae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.nn.Conv2d;
import org.sgae.tensor.ops.Reduce;
import org.sgae.train.Checkpoint;
import org.sgae.train.Solver;
import org.sgae.train.TrainableModel;
import org.sgae.train.config.Preset;
import org.sgae.train.config.TrainConfig;
import picocli.CommandLine;

/**
 * What {@code sgae train} prints when the disk fills while it writes a checkpoint: the error of a real checkpoint write
 * on a full (size-limited, in-memory) file system, through the CLI's error handler, is exit code 1 and one line
 * naming the checkpoint, the full disk and the intact previous checkpoint; no stack trace.
 */
class DiskFullMessageTest {
    @Test
    void aFullDiskIsOneLineNamingTheCheckpoint() throws Exception {
        TrainConfig cfg = TrainConfig.preset(Preset.CPU);
        Conv2d conv = Conv2d.builder(3, 32, 3).padding(1).build(new SplittableRandom(1));
        TrainableModel model = TrainableModel.of(conv, (b, s) -> Map.of("l2", Reduce.meanAll(conv.weight().data())));
        Solver solver = Solver.sgd(cfg.detSolver(), model.namedParameters(), 10);
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setAttributeViews("basic", "owner", "posix", "unix").setBlockSize(512).setMaxSize(64 << 10).build())) {
            Path run = fs.getPath("/run");
            Path first = Checkpoint.save(run, cfg, 0, 5, model, solver);
            long free = Files.getFileStore(run).getUnallocatedSpace();
            Files.write(fs.getPath("/filler"), new byte[Math.toIntExact(free - 2 * 512)]);
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> Checkpoint.save(run, cfg, 0, 10, model, solver));

            CommandLine main = Main.commandLine();
            CommandLine train = main.getSubcommands().get("train");
            StringWriter err = new StringWriter();
            train.setErr(new PrintWriter(err, true));
            int code = main.getExecutionExceptionHandler().handleExecutionException(e, train, null);
            assertEquals(1, code);
            assertEquals(1, err.toString().lines().count(), "one line, no stack trace: " + err);
            assertEquals("sgae train: cannot write checkpoint /run/checkpoints/iter-00000010: no space left on device"
                    + " (the disk is full); the previous checkpoint " + first + " is intact; free space and continue"
                    + " with --resume", err.toString().strip());
            assertEquals(java.util.List.of(first), Checkpoint.list(run));
        }
    }

    @Test
    void aFullDiskOutsideACheckpointStillSaysSo() throws Exception {
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder().setBlockSize(512)
                .setMaxSize(4 << 10).build())) {
            Path log = fs.getPath("/log.jsonl");
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
                try {
                    Files.write(log, new byte[16 << 10]);
                } catch (java.io.IOException io) {
                    throw new UncheckedIOException("cannot append to " + log, io);
                }
            });
            CommandLine main = Main.commandLine();
            CommandLine train = main.getSubcommands().get("train");
            StringWriter err = new StringWriter();
            train.setErr(new PrintWriter(err, true));
            assertEquals(1, main.getExecutionExceptionHandler().handleExecutionException(e, train, null));
            assertEquals("sgae train: cannot append to /log.jsonl: no space left on device (the disk is full)",
                    err.toString().strip());
        }
    }
}
