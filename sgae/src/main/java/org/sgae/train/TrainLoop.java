package org.sgae.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.IntFunction;

import org.sgae.data.pipeline.Batch;
import org.sgae.train.config.RunConfig;

/**
 * The iteration loop the trainers share: batches from {@code start} to {@code end}, losses read on log iterations
 * (every {@code logEvery} and the last), checkpoints every {@code checkpointEvery} and at the end. While it runs, a
 * Ctrl-C prints where the run stood and its last complete checkpoint ({@link InterruptNotice}).
 */
final class TrainLoop {
    private static final double NANOS_PER_SECOND = 1e9;

    /** One iteration: step on batch b (iteration {@code it}, 1-based {@code done}) and log what it needs. */
    interface Iteration {
        void run(Batch b, int it, int done, boolean logNow, Throughput throughput);
    }

    /** Images per second since the last log line. */
    static final class Throughput {
        private long tLog = System.nanoTime();
        private long images;

        /** The images/s since the previous lap, and starts the next one. */
        double lap() {
            long now = System.nanoTime();
            double ips = images / ((now - tLog) / NANOS_PER_SECOND);
            tLog = now;
            images = 0;
            return ips;
        }
    }

    private TrainLoop() {
    }

    /** Runs iterations start..end-1, saving with {@code save(done)} (the checkpoint folder); returns the seconds. */
    static double run(Path runDir, BatchSource data, int start, int end, RunConfig rc, Progress progress,
                      Iteration iteration, IntFunction<Path> save) {
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run folder " + runDir, e);
        }
        long t0 = System.nanoTime();
        Throughput throughput = new Throughput();
        Iterator<Batch> batches = data.from(start);
        try (InterruptNotice notice = InterruptNotice.install(start, Checkpoint.latest(runDir).orElse(null))) {
            for (int it = start; it < end; it++) {
                Batch b = batches.next();
                int done = it + 1;
                boolean logNow = done % rc.logEvery() == 0 || done == end;
                throughput.images += b.n();
                iteration.run(b, it, done, logNow, throughput);
                notice.finished(done);
                progress.step(done);
                if (done % rc.checkpointEvery() == 0 || done == end) {
                    notice.saved(save.apply(done));
                    Checkpoint.prune(runDir, rc.keepCheckpoints());
                }
            }
        } finally {
            BatchSource.closeIfNeeded(batches);
        }
        progress.close();
        return (System.nanoTime() - t0) / NANOS_PER_SECOND;
    }
}
