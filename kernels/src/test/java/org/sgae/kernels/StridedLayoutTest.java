package org.sgae.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.sgae.kernels.launch.StridedLayout;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.spi.Unsupported;

class StridedLayoutTest {
    private static int[] ints(byte[] b) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int[] r = new int[b.length / 4];
        for (int i = 0; i < r.length; i++) {
            r[i] = bb.getInt();
        }
        return r;
    }

    @Test
    void coalescesContiguousDimsAndDropsOnes() {
        Shape s = Shape.of(2, 1, 3, 4);
        int[] l = ints(StridedLayout.of(s, Device.opencl(0), new int[] {12, 12, 4, 1}, new int[] {0, 0, 1, 0}));
        assertEquals(StridedLayout.BYTES / 4, l.length);
        assertEquals(3, l[0]); // the size-1 dim is dropped; operand 1 (stride 0, 1, 0) blocks every merge
        assertEquals(24, l[1]);
        int[] b = ints(StridedLayout.of(Shape.of(2, 3, 4), Device.opencl(0), new int[] {12, 4, 1}));
        assertEquals(1, b[0]);
        assertEquals(24, b[2]);
        assertEquals(1, b[2 + 8]);
    }

    @Test
    void rankNineThatCannotMergeIsUnsupported() {
        int[] dims = {2, 2, 2, 2, 2, 2, 2, 2, 2};
        int[] st = {1, 2, 4, 8, 16, 32, 64, 128, 256}; // fully reversed: nothing merges
        assertThrows(Unsupported.class, () -> StridedLayout.of(Shape.of(dims), Device.opencl(0), st));
        int[] contiguous = {256, 128, 64, 32, 16, 8, 4, 2, 1};
        int[] l = ints(StridedLayout.of(Shape.of(dims), Device.opencl(0), contiguous));
        assertArrayEquals(new int[] {1, 512, 512}, new int[] {l[0], l[1], l[2]});
    }

    @Test
    void scalarHasRankZero() {
        int[] l = ints(StridedLayout.of(Shape.scalar(), Device.opencl(0), new int[0], new int[0]));
        assertEquals(0, l[0]);
        assertEquals(1, l[1]);
    }
}
