package org.sgae.train;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;
import org.sgae.data.pipeline.Batch;
import org.sgae.data.pipeline.BatchLoader;
import org.sgae.data.pipeline.LoaderConfig;
import org.sgae.data.vg.VgDataset;

/**
 * The training batches as a function of the global iteration, so a resumed run sees exactly the batches that an
 * uninterrupted one would: epoch e's order depends only on (seed, e) ({@code EpochOrder}), and a resume at iteration
 * i skips to i's place in its epoch.
 */
@FunctionalInterface
public interface BatchSource {
    /**
     * An endless iterator whose first batch is that of {@code iteration}; epochs follow one another. If it is
     * {@link AutoCloseable}, the trainer closes it when it stops (loader threads).
     */
    Iterator<Batch> from(long iteration);

    /** Epochs of {@code batchesPerEpoch} batches each, epoch e's batches from {@code epoch.apply(e)}. */
    static BatchSource epochs(int batchesPerEpoch, IntFunction<Iterator<Batch>> epoch) {
        if (batchesPerEpoch < 1) {
            throw new IllegalArgumentException("BatchSource.epochs: batchesPerEpoch must be >= 1, got "
                    + batchesPerEpoch);
        }
        return iteration -> new EpochIterator() {
            private int e = Math.toIntExact(iteration / batchesPerEpoch);
            private Iterator<Batch> current = skip(epoch.apply(e), (int) (iteration % batchesPerEpoch));

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Batch next() {
                if (!current.hasNext()) {
                    closeIfNeeded(current);
                    current = epoch.apply(++e);
                    if (!current.hasNext()) {
                        throw new NoSuchElementException("epoch " + e + " has no batch");
                    }
                }
                return current.next();
            }

            @Override
            public void close() {
                closeIfNeeded(current);
            }
        };
    }

    /** The iterator of {@link #epochs}: closing it closes the current epoch's loader. */
    interface EpochIterator extends Iterator<Batch>, AutoCloseable {
        @Override
        void close();
    }

    /** A VG-layout dataset (the synthetic world or VG150) through {@link BatchLoader}, one loader per epoch. */
    static BatchSource of(VgDataset ds, LoaderConfig cfg) {
        int full = ds.size() / cfg.batchSize();
        int perEpoch = cfg.dropLast() || ds.size() % cfg.batchSize() == 0 ? full : full + 1;
        return epochs(perEpoch, e -> new BatchLoader(ds, cfg, e));
    }

    private static Iterator<Batch> skip(Iterator<Batch> it, int n) {
        for (int i = 0; i < n; i++) {
            it.next();
        }
        return it;
    }

    /** Closes {@code it} if it holds resources (a {@link BatchLoader}'s threads). */
    static void closeIfNeeded(Iterator<Batch> it) {
        if (it instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the batch loader of an epoch", e);
            }
        }
    }
}
