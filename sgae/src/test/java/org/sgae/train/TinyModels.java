package org.sgae.train;

import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import org.sgae.data.pipeline.Batch;
import org.sgae.data.pipeline.EpochOrder;
import org.sgae.examples.ShapesData;
import org.sgae.examples.ShapesTraining;
import org.sgae.nn.Sequential;
import org.sgae.nn.loss.CrossEntropy;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;

/**
 * A small conv net (the shapes example's: conv-BN-ReLU-pool ×3, linear) as a {@link TrainableModel} over
 * {@link ShapesData} batches, one object per image whose label is the shape class. Its loss draws from the
 * iteration's sampling stream (a random half of the batch, as a detector's sampler would), so exact resume depends
 * on the random streams resuming too.
 */
final class TinyModels {
    static final int SIDE = ShapesData.SIZE;

    private TinyModels() {
    }

    static Sequential net(long seed) {
        return ShapesTraining.model(new SplittableRandom(seed));
    }

    static TrainableModel model(Sequential net) {
        return TrainableModel.of(net, (batch, streams) -> Map.of("cls", halfBatchLoss(net, batch, streams)));
    }

    private static Tensor halfBatchLoss(Sequential net, Batch b, RandomStreams streams) {
        int keep = b.n() / 2;
        int[] pick = new int[b.n()];
        for (int i = 0; i < pick.length; i++) {
            pick[i] = i;
        }
        SplittableRandom r = streams.sgSampling();
        int plane = 3 * SIDE * SIDE;
        float[] x = new float[keep * plane];
        long[] y = new long[keep];
        for (int i = 0; i < keep; i++) {
            int j = i + r.nextInt(pick.length - i); // partial Fisher–Yates: a uniform subset of size keep
            int t = pick[i];
            pick[i] = pick[j];
            pick[j] = t;
            System.arraycopy(b.images(), pick[i] * plane, x, i * plane, plane);
            y[i] = b.labels()[pick[i]];
        }
        return CrossEntropy.loss(net.forward(Tensor.of(x, keep, 3, SIDE, SIDE)), Tensor.ofLongs(y, keep));
    }

    /** Shuffled epochs of {@code data} in batches of {@code batch}, epoch order from (seed, epoch). */
    static BatchSource source(ShapesData data, int batch, long seed) {
        int perEpoch = data.size() / batch;
        return BatchSource.epochs(perEpoch, e -> new Iterator<>() {
            private final int[] order = EpochOrder.of(data.size(), true, seed, e);
            private int next;

            @Override
            public boolean hasNext() {
                return next < perEpoch;
            }

            @Override
            public Batch next() {
                return batch(data, order, batch * next++, batch);
            }
        });
    }

    /** Images order[from .. from + n) as a collated batch, one whole-image object each. */
    static Batch batch(ShapesData data, int[] order, int from, int n) {
        float[] images;
        try (MemoryScope scope = MemoryScope.open()) { // the pooled array goes back at once
            images = data.images(order, from, n).toFloatArray();
        }
        int[] sides = new int[n];
        float[] scales = new float[n];
        long[] ids = new long[n];
        int[] objectOffsets = new int[n + 1];
        int[] labels = new int[n];
        float[] boxes = new float[4 * n];
        for (int i = 0; i < n; i++) {
            sides[i] = SIDE;
            scales[i] = 1;
            ids[i] = order[from + i];
            objectOffsets[i + 1] = i + 1;
            labels[i] = (int) data.label(order[from + i]);
            boxes[4 * i + 2] = SIDE;
            boxes[4 * i + 3] = SIDE;
        }
        return new Batch(images, n, SIDE, SIDE, sides, sides.clone(), scales, ids, objectOffsets, labels, boxes,
                new int[n + 1], new int[0]);
    }
}
