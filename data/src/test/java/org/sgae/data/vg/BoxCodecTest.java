package org.sgae.data.vg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The worked example of vg150-format.md §3. */
class BoxCodecTest {
    @Test
    void workedExample1024() {
        int[] stored = BoxCodec.encode(101, 51, 40, 30, 800, 600, 1024);
        assertArrayEquals(new int[] {154, 83, 52, 39}, stored);
        int[] dec = BoxCodec.decode(stored[0], stored[1], stored[2], stored[3]);
        assertArrayEquals(new int[] {128, 63, 180, 102}, dec, "y1 = trunc(83 - 19.5) = 63");
        assertArrayEquals(new float[] {100.0f, 49.21875f, 140.625f, 79.6875f}, BoxCodec.toOriginal(dec, 1024, 800, 600));
    }

    @Test
    void workedExample512() {
        int[] stored = BoxCodec.encode(101, 51, 40, 30, 800, 600, 512);
        assertArrayEquals(new int[] {77, 42, 26, 20}, stored);
        int[] dec = BoxCodec.decode(stored[0], stored[1], stored[2], stored[3]);
        assertArrayEquals(new int[] {64, 32, 90, 52}, dec);
        assertArrayEquals(new float[] {100.0f, 50.0f, 140.625f, 81.25f}, BoxCodec.toOriginal(dec, 512, 800, 600));
    }

    @Test
    void decodeTruncatesTowardZero() {
        assertArrayEquals(new int[] {0, 3, 1, 6}, BoxCodec.decode(0, 5, 1, 3));
    }

    @Test
    void encodeClampsToFrame() {
        // a region reaching past the right edge: w = L - x
        int[] s = BoxCodec.encode(790, 1, 20, 10, 800, 600, 1024);
        int x = (int) Math.floor(1.28 * 789);
        assertArrayEquals(new int[] {x + (1024 - x) / 2, 6, 1024 - x, 13}, s);
    }

    @Test
    void toOriginalClipsToImage() {
        assertArrayEquals(new float[] {0f, 0f, 127f, 95f}, BoxCodec.toOriginal(new int[] {-3, 0, 1024, 1024}, 1024, 128, 96));
    }

    @Test
    void regionOfContinuousBox() {
        assertArrayEquals(new int[] {11, 6, 11, 5}, BoxCodec.regionOf(10.4, 5.0, 20.2, 10.0));
    }
}
