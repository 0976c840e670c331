package org.sgae.data.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;

class BatchTensorTest {
    private static Sample sample(long id, int h, int w, int[] labels, int[] rels) {
        float[] px = new float[3 * h * w];
        for (int i = 0; i < px.length; i++) {
            px[i] = id * 1000 + i;
        }
        float[] boxes = new float[4 * labels.length];
        for (int i = 0; i < boxes.length; i++) {
            boxes[i] = id + i;
        }
        return new Sample(id, px, h, w, 1f, labels, boxes, rels);
    }

    @Test
    void collateAndTensors() {
        Sample a = sample(1, 5, 7, new int[] {3, 4}, new int[] {0, 1, 2});
        Sample b = sample(2, 9, 4, new int[] {5, 6, 7}, new int[] {2, 0, 1, 1, 2, 3});
        Batch batch = Batch.collate(new Sample[] {a, b}, 4);
        assertEquals(12, batch.height());
        assertEquals(8, batch.width());
        // image b, channel 1, row 3, column 2
        assertEquals(b.pixels()[(1 * 9 + 3) * 4 + 2], batch.images()[((1 * 3 + 1) * 12 + 3) * 8 + 2]);
        assertEquals(0f, batch.images()[((0 * 3 + 0) * 12 + 0) * 8 + 7], "right padding of image a");

        Tensor img = batch.imagesTensor();
        assertArrayEquals(new int[] {2, 3, 12, 8}, img.shape().toArray());
        assertEquals(DType.F32, img.dtype());
        assertArrayEquals(batch.images(), img.toFloatArray());
        assertArrayEquals(new int[] {5, 4}, batch.boxesTensor().shape().toArray());
        assertArrayEquals(new long[] {3, 4, 5, 6, 7}, batch.labelsTensor().toLongArray());
        assertArrayEquals(new long[] {0, 0, 1, 1, 1}, batch.objectImageTensor().toLongArray());
        assertArrayEquals(new long[] {0, 1, 2, 4, 2, 1, 3, 4, 3}, batch.relationsTensor().toLongArray(),
                "subject/object become batch-global rows");
    }
}
