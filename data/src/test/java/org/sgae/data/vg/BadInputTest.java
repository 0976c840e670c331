package org.sgae.data.vg;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.data.DataFormatException;

/** Every corrupt input gives one DataFormatException naming the file and the problem. */
class BadInputTest {
    @TempDir
    Path root;

    private DataFormatException fails(String fileName, String... words) {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> VgDataset.open(VgFixture.config(root, VgSplit.TRAIN)));
        assertTrue(e.getMessage().contains(fileName), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' missing in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void missingFolderAndFiles() throws Exception {
        root = root.resolve("nothing");
        fails("nothing", "folder is missing");
        Files.createDirectories(root);
        fails("VG-SGG-dicts.json", "missing");
        VgFixture.write(root);
        Files.delete(root.resolve("VG-SGG.h5"));
        fails("VG-SGG.h5", "missing");
        VgFixture.write(root);
        Files.delete(root.resolve("image_data.json"));
        fails("image_data.json", "missing");
    }

    @Test
    void truncatedH5() throws Exception {
        VgFixture.write(root);
        Path h5 = root.resolve("VG-SGG.h5");
        byte[] b = Files.readAllBytes(h5);
        Files.write(h5, java.util.Arrays.copyOf(b, b.length / 3));
        fails("VG-SGG.h5", "HDF5");
        Files.write(h5, new byte[0]);
        fails("VG-SGG.h5");
    }

    @Test
    void h5TruncatedInsideADatasetIsRefused() throws Exception {
        VgFixture.write(root);
        Path h5 = root.resolve("VG-SGG.h5");
        long cut = 0;
        try (HdfFile f = new HdfFile(h5)) {
            // jhdf writes each dataset's header and then its data, so cutting inside the data that lies last
            // keeps every header intact; jhdf then reads the missing bytes as zeros.
            for (Node n : f) {
                cut = Math.max(cut, ((ContiguousDataset) n).getDataAddress() + 4);
            }
        }
        byte[] b = Files.readAllBytes(h5);
        Files.write(h5, java.util.Arrays.copyOf(b, (int) cut));
        fails("VG-SGG.h5", "truncated", b.length + " bytes", cut + " bytes");
    }

    @Test
    void overlappingBoxRangesAreRefused() {
        VgFixture.write(root);
        VgH5 h = VgFixture.h5();
        int[] first = h.firstBox().clone();
        first[3] = 5; // image row 3 would also get object row 5, the last of image row 2's 3..5
        new VgH5(h.labels(), h.boxes1024(), h.boxes512(), first, h.lastBox(), h.relationships(), h.predicates(),
                h.firstRel(), h.lastRel(), h.split()).write(root.resolve("VG-SGG.h5"));
        fails("VG-SGG.h5", "img_to_first_box", "image row 3", "5..7", "image row 2", "3..5");
    }

    @Test
    void nonAscendingRelationRangesAreRefused() {
        VgFixture.write(root);
        VgH5 h = VgFixture.h5();
        // Image row 3's relation (6 -> 7) stored before image row 2's three: each relation still lies in its
        // own image's boxes, but the rows are out of order, so the file was not written by vg_to_roidb.
        int[] rels = {0, 1, 6, 7, 3, 4, 3, 4, 3, 5, 8, 9, 8, 9};
        int[] preds = {1, 2, 1, 2, 2, 1, 1};
        int[] first = {0, -1, 2, 1, 5, -1};
        int[] last = {0, -1, 4, 1, 6, -1};
        new VgH5(h.labels(), h.boxes1024(), h.boxes512(), h.firstBox(), h.lastBox(), rels, preds, first, last,
                h.split()).write(root.resolve("VG-SGG.h5"));
        fails("VG-SGG.h5", "img_to_first_rel", "image row 3", "1..1", "image row 2", "2..4");
    }

    @Test
    void inconsistentIndexRanges() {
        VgFixture.write(root);
        VgH5 h = VgFixture.h5();
        int[] last = h.lastBox().clone();
        last[2] = 99; // beyond N_obj
        new VgH5(h.labels(), h.boxes1024(), h.boxes512(), h.firstBox(), last, h.relationships(), h.predicates(),
                h.firstRel(), h.lastRel(), h.split()).write(root.resolve("VG-SGG.h5"));
        fails("VG-SGG.h5", "img_to_last_box", "image row 2");
        int[] rels = h.relationships().clone();
        rels[0] = 5; // image 0's relation refers to an object of image 2
        new VgH5(h.labels(), h.boxes1024(), h.boxes512(), h.firstBox(), h.lastBox(), rels, h.predicates(),
                h.firstRel(), h.lastRel(), h.split()).write(root.resolve("VG-SGG.h5"));
        fails("VG-SGG.h5", "relationships row 0", "object row 5");
        int[] boxes = h.boxes1024().clone();
        boxes[2] = 0; // w = 0
        new VgH5(h.labels(), boxes, h.boxes512(), h.firstBox(), h.lastBox(), h.relationships(), h.predicates(),
                h.firstRel(), h.lastRel(), h.split()).write(root.resolve("VG-SGG.h5"));
        fails("VG-SGG.h5", "boxes_1024 row 0");
    }

    @Test
    void missingDatasetAndWrongShape() throws Exception {
        VgFixture.write(root);
        VgH5 h = VgFixture.h5();
        Path f = root.resolve("VG-SGG.h5");
        Files.delete(f);
        try (WritableHdfFile w = HdfFile.write(f)) {
            w.putDataset("labels", h.labels());
            w.putDataset("boxes_1024", h.boxes1024()); // flat: wrong shape
        }
        fails("VG-SGG.h5", "boxes_1024", "shape");
        Files.delete(f);
        try (WritableHdfFile w = HdfFile.write(f)) {
            w.putDataset("labels", h.labels());
        }
        fails("VG-SGG.h5", "'boxes_1024' is missing");
    }

    @Test
    void badJson() throws Exception {
        VgFixture.write(root);
        Files.writeString(root.resolve("VG-SGG-dicts.json"), "{\"idx_to_label\": {\"1\": \"a\",");
        fails("VG-SGG-dicts.json", "bad JSON");
        VgFixture.write(root);
        Files.writeString(root.resolve("VG-SGG-dicts.json"), "{\"idx_to_label\": {\"1\": \"a\", \"5\": \"b\"}}");
        fails("VG-SGG-dicts.json", "idx_to_label");
        VgFixture.write(root);
        Files.writeString(root.resolve("image_data.json"), "[{\"width\": 3}]");
        fails("image_data.json", "entry 0");
        VgFixture.write(root);
        Files.writeString(root.resolve("image_data.json"), "[");
        fails("image_data.json", "bad JSON");
    }

    @Test
    void metadataDoesNotMatchTheH5() throws Exception {
        VgFixture.write(root);
        Path gone = root.resolve("VG_100K/1596.png");
        Files.delete(gone); // one image fewer than h5 rows
        fails("image_data.json", "5 usable image entries", "6 image rows", "image_id 1596", gone.toString(),
                "h5 row 5", "image_id 1597"); // 1597 has no file in the fixture either; both are named
    }

    @Test
    void labelsBeyondTheVocabulary() {
        VgFixture.write(root);
        VgH5 h = VgFixture.h5();
        int[] labels = h.labels().clone();
        labels[0] = 9;
        new VgH5(labels, h.boxes1024(), h.boxes512(), h.firstBox(), h.lastBox(), h.relationships(), h.predicates(),
                h.firstRel(), h.lastRel(), h.split()).write(root.resolve("VG-SGG.h5"));
        fails("VG-SGG.h5", "label 9");
    }

    @Test
    void int64AndColumnVariantsAreAccepted() throws Exception {
        VgFixture.write(root);
        VgH5 h = VgFixture.h5();
        Path f = root.resolve("VG-SGG.h5");
        Files.delete(f);
        try (WritableHdfFile w = HdfFile.write(f)) { // every dataset int64, labels/predicates 1-D
            w.putDataset("labels", toLong(h.labels()));
            w.putDataset("boxes_1024", rows(h.boxes1024(), 4));
            w.putDataset("img_to_first_box", toLong(h.firstBox()));
            w.putDataset("img_to_last_box", toLong(h.lastBox()));
            w.putDataset("relationships", rows(h.relationships(), 2));
            w.putDataset("predicates", toLong(h.predicates()));
            w.putDataset("img_to_first_rel", toLong(h.firstRel()));
            w.putDataset("img_to_last_rel", toLong(h.lastRel()));
            w.putDataset("split", toLong(h.split()));
        }
        VgH5 back = VgH5.read(f);
        org.junit.jupiter.api.Assertions.assertArrayEquals(h.boxes1024(), back.boxes1024());
        org.junit.jupiter.api.Assertions.assertNull(back.boxes512());
        org.junit.jupiter.api.Assertions.assertEquals(2, VgDataset.open(VgFixture.config(root, VgSplit.TRAIN)).size());
    }

    private static long[] toLong(int[] a) {
        return java.util.Arrays.stream(a).asLongStream().toArray();
    }

    private static long[][] rows(int[] a, int cols) {
        long[][] out = new long[a.length / cols][cols];
        for (int i = 0; i < a.length; i++) {
            out[i / cols][i % cols] = a[i];
        }
        return out;
    }
}
