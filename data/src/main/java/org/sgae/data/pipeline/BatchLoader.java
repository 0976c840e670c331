package org.sgae.data.pipeline;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.sgae.data.image.ImageFiles;
import org.sgae.data.synth.SynthConfig;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgGraph;

/**
 * Delivers the batches of one epoch in a deterministic order, prepared ahead by daemon worker threads.
 * A dispatcher submits batch jobs in order and queues their futures in a bounded queue (at most
 * {@code prefetch} batches ahead); the consumer takes them in order. A failure in a worker surfaces in
 * {@link #next()} as a {@link LoaderException} whose cause is the original error. Close it (try-with-resources)
 * to stop the threads early.
 * <pre>
 * try (BatchLoader l = new BatchLoader(ds, cfg, epoch)) { while (l.hasNext()) { Batch b = l.next(); ... } }
 * </pre>
 * Content depends only on (dataset, config, epoch): the order, the duplicate-relation draw of image i and
 * its flip are seeded by (seed, epoch, i), so the thread count changes nothing.
 */
public final class BatchLoader implements Iterator<Batch>, AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private final VgDataset ds;
    private final LoaderConfig cfg;
    private final int epoch;
    private final int[] order;
    private final int numBatches;
    private final ExecutorService workers;
    private final Thread dispatcher;
    private final BlockingQueue<Future<Batch>> queue;
    private final int leftOf;
    private final int rightOf;
    private int delivered;
    private volatile boolean closed;

    public BatchLoader(VgDataset ds, LoaderConfig cfg, int epoch) {
        this.ds = ds;
        this.cfg = cfg;
        this.epoch = epoch;
        this.order = EpochOrder.of(ds.size(), cfg.shuffle(), cfg.seed(), epoch);
        int full = ds.size() / cfg.batchSize();
        this.numBatches = cfg.dropLast() || ds.size() % cfg.batchSize() == 0 ? full : full + 1;
        this.leftOf = ds.dicts().predicates().indexOf("left of") + 1;
        this.rightOf = ds.dicts().predicates().indexOf("right of") + 1;
        this.queue = new ArrayBlockingQueue<>(cfg.prefetch());
        this.workers = Executors.newFixedThreadPool(cfg.workers(), r -> daemon(r, "batch-worker"));
        this.dispatcher = daemon(this::dispatch, "batch-dispatcher");
        dispatcher.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name + "-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    public int numBatches() {
        return numBatches;
    }

    private void dispatch() {
        try {
            for (int b = 0; b < numBatches && !closed; b++) {
                int batch = b;
                queue.put(workers.submit(() -> build(batch))); // blocks while prefetch batches wait
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed
        } catch (RuntimeException e) { // executor shut down by close()
            if (!closed) {
                throw e;
            }
        }
    }

    /** Prepares batch b (images order[b * batchSize ...]). */
    Batch build(int b) {
        int from = b * cfg.batchSize();
        int to = Math.min(ds.size(), from + cfg.batchSize());
        Sample[] samples = new Sample[to - from];
        for (int k = from; k < to; k++) {
            int idx = order[k];
            SplittableRandom r = new SplittableRandom(SynthConfig.mix(SynthConfig.mix(cfg.seed(), epoch), idx));
            VgGraph g = ds.graph(idx, r);
            boolean flip = cfg.hflip() && r.nextBoolean();
            samples[k - from] = Preprocess.prepare(g, ImageFiles.read(g.imageFile()), cfg, flip, leftOf, rightOf);
        }
        return Batch.collate(samples, cfg.stride());
    }

    @Override
    public boolean hasNext() {
        return !closed && delivered < numBatches;
    }

    /** The next batch, waiting for the workers if needed. */
    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException(closed ? "loader is closed" : "epoch " + epoch + " is finished");
        }
        try {
            Future<Batch> f = queue.take();
            Batch b = f.get();
            delivered++;
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoaderException("interrupted while waiting for batch " + delivered, e);
        } catch (ExecutionException e) {
            close();
            Throwable cause = e.getCause();
            throw new LoaderException("preparing batch " + delivered + " of epoch " + epoch + " failed: " + cause,
                    cause);
        }
    }

    @Override
    public void close() {
        closed = true;
        dispatcher.interrupt();
        workers.shutdownNow();
        queue.clear();
    }
}
