package org.sgae.data.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.data.DataFormatException;
import org.sgae.data.TestWorlds;
import org.sgae.data.image.ImageFiles;
import org.sgae.data.image.RgbImage;
import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgGraph;
import org.sgae.data.vg.VgSplit;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;

class BatchLoaderTest {
    private static VgDataset train(Path root) {
        return VgDataset.open(VgConfig.of(root, VgSplit.TRAIN).withNumValIm(2));
    }

    private static List<Batch> epoch(VgDataset ds, LoaderConfig c, int e) {
        List<Batch> out = new ArrayList<>();
        try (BatchLoader l = new BatchLoader(ds, c, e)) {
            while (l.hasNext()) {
                out.add(l.next());
            }
        }
        return out;
    }

    @Test
    void batchesArePaddedAndCollated() {
        VgDataset ds = train(TestWorlds.tiny());
        LoaderConfig c = LoaderConfig.synthetic(4, 1).withSizes(100, 160, 32);
        List<Batch> batches = epoch(ds, c, 0);
        assertEquals((ds.size() + 3) / 4, batches.size());
        int images = 0;
        for (Batch b : batches) {
            assertEquals(0, b.height() % 32);
            assertEquals(0, b.width() % 32);
            assertEquals(b.n() * 3 * b.height() * b.width(), b.images().length);
            assertEquals(b.n() + 1, b.objectOffsets().length);
            assertEquals(b.numObjects(), b.objectOffsets()[b.n()]);
            assertEquals(b.numRelations(), b.relOffsets()[b.n()]);
            for (int i = 0; i < b.n(); i++) {
                int h = b.imageHeights()[i];
                int w = b.imageWidths()[i];
                assertTrue(Math.min(h, w) <= 100 + 1 && Math.max(h, w) <= 160 + 1, h + "x" + w);
                assertEquals(0f, b.images()[((i * 3 + 2) * b.height() + b.height() - 1) * b.width() + b.width() - 1],
                        "padding is zero when the image is smaller");
                for (int r = b.relOffsets()[i]; r < b.relOffsets()[i + 1]; r++) {
                    int nObj = b.objectOffsets()[i + 1] - b.objectOffsets()[i];
                    assertTrue(b.relations()[3 * r] < nObj && b.relations()[3 * r + 1] < nObj);
                }
            }
            images += b.n();
        }
        assertEquals(ds.size(), images);
    }

    @Test
    void pixelsAreNormalisedAndBoxesScaled() {
        VgDataset ds = train(TestWorlds.tiny());
        LoaderConfig c = LoaderConfig.synthetic(1, 1).withShuffle(false).withSizes(64, 1000, 8);
        Batch b = epoch(ds, c, 0).get(0);
        VgGraph g = ds.raw(0);
        RgbImage img = ImageFiles.read(g.imageFile());
        float s = Preprocess.scale(img.width(), img.height(), 64, 1000);
        assertEquals(64, Math.min(b.imageHeights()[0], b.imageWidths()[0]));
        TensorAsserts.assertClose(b.boxes()[2], g.boxes()[2] * b.imageWidths()[0] / img.width(), Tolerances.F32_ELEMENTWISE, "b.boxes()[2]");
        TensorAsserts.assertClose(b.scales()[0], s, Tolerances.F32_ELEMENTWISE, "b.scales()[0]");
        // no-resize path: pixel (0, 0) red channel = (v / 255 - mean) / std
        Batch full = epoch(ds, c.withSizes(img.width(), 10_000, 8).withWorkers(1, 1), 0).get(0);
        if (full.imageWidths()[0] == img.width()) {
            float expect = ((img.rgb()[0] & 255) / 255f - LoaderConfig.IMAGENET_MEAN[0]) / LoaderConfig.IMAGENET_STD[0];
            TensorAsserts.assertClose(full.images()[0], expect, Tolerances.F32_ELEMENTWISE, "full.images()[0]");
        }
    }

    @Test
    void orderIsDeterministicPerSeedAndEpochAndIndependentOfWorkers() {
        VgDataset ds = train(TestWorlds.tiny());
        LoaderConfig c = LoaderConfig.synthetic(5, 9);
        List<Batch> a = epoch(ds, c.withWorkers(1, 1), 3);
        List<Batch> b = epoch(ds, c.withWorkers(2, 3), 3);
        assertEquals(a.size(), b.size());
        for (int k = 0; k < a.size(); k++) {
            assertArrayEquals(a.get(k).imageIds(), b.get(k).imageIds());
            assertArrayEquals(a.get(k).relations(), b.get(k).relations());
            assertArrayEquals(a.get(k).images(), b.get(k).images());
        }
        assertFalse(Arrays.equals(ids(a), ids(epoch(ds, c, 4))), "another epoch, another order");
        assertFalse(Arrays.equals(ids(a), ids(epoch(ds, LoaderConfig.synthetic(5, 10), 3))), "another seed");
        long[] sorted = ids(a).clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, ids(epoch(ds, c.withShuffle(false), 0)), "a permutation of all images");
    }

    private static long[] ids(List<Batch> bs) {
        return bs.stream().flatMapToLong(b -> Arrays.stream(b.imageIds())).toArray();
    }

    @Test
    void horizontalFlipMirrorsPixelsBoxesAndLeftRight() {
        VgDataset ds = VgDataset.open(VgConfig.of(TestWorlds.tiny(), VgSplit.TEST).withFilters(false, false, false));
        VgGraph g = ds.raw(0);
        RgbImage img = ImageFiles.read(g.imageFile());
        LoaderConfig c = LoaderConfig.synthetic(1, 1).withSizes(img.width(), 10_000, 1);
        int left = ds.dicts().predicateIndex("left of");
        int right = ds.dicts().predicateIndex("right of");
        Sample plain = Preprocess.prepare(g, img, c, false, left, right);
        Sample flip = Preprocess.prepare(g, img, c, true, left, right);
        int w = plain.width();
        assertEquals(plain.pixels()[w - 1], flip.pixels()[0]);
        TensorAsserts.assertClose(flip.boxes()[0], w - plain.boxes()[2], Tolerances.F32_ELEMENTWISE, "flip.boxes()[0]");
        for (int k = 2; k < plain.relations().length; k += 3) {
            int p = plain.relations()[k];
            int q = flip.relations()[k];
            assertEquals(p == left ? right : p == right ? left : p, q);
        }
        assertFalse(LoaderConfig.synthetic(1, 1).hflip(), "flip is off by default");
    }

    @Test
    void producerErrorsSurfaceWithTheCause(@TempDir Path dir) throws Exception {
        Path root = TestWorlds.copy(TestWorlds.tiny(), dir.resolve("w"));
        VgDataset ds = train(root);
        VgGraph victim = ds.raw(5);
        Files.write(victim.imageFile(), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        LoaderConfig c = LoaderConfig.synthetic(4, 1).withShuffle(false);
        try (BatchLoader l = new BatchLoader(ds, c, 0)) {
            l.next(); // batch 0: images 0..3 are fine
            LoaderException e = assertThrows(LoaderException.class, l::next);
            DataFormatException cause = assertInstanceOf(DataFormatException.class, e.getCause());
            assertTrue(cause.getMessage().contains(victim.imageFile().getFileName().toString()), cause.getMessage());
            assertFalse(l.hasNext(), "a failed loader is closed");
        }
    }

    @Test
    void closeStopsTheThreadsEarly() throws Exception {
        VgDataset ds = train(TestWorlds.tiny());
        BatchLoader l = new BatchLoader(ds, LoaderConfig.synthetic(1, 1).withWorkers(2, 2), 0);
        l.next();
        l.close();
        assertFalse(l.hasNext());
        for (int k = 0; k < 250 && live("batch-") > 0; k++) { // up to 5 s on a loaded machine
            Thread.sleep(20);
        }
        assertEquals(0, live("batch-"), "worker and dispatcher threads end after close");
        assertNotEquals(0, ds.size());
    }

    private static long live(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive()).count();
    }
}
