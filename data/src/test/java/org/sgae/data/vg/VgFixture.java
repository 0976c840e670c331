package org.sgae.data.vg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sgae.data.AtomicFiles;
import org.sgae.data.image.PngCodec;
import org.sgae.data.image.RgbImage;

/**
 * A hand-made VG150 folder: 3 object classes (a, b, c), 2 predicates (p, q), 6 images of 100×80 px with
 * ids 1..7 skipping corrupted... ids are 1590..1595 so that 1592 (a corrupted VG id) is skipped.
 * Split: rows 0..3 train, 4..5 test. Row 1 has boxes but no relations; row 2 has a duplicate (s, o) pair
 * and one non-overlapping relation.
 */
final class VgFixture {
    static final long[] IDS = {1590, 1591, 1593, 1594, 1595, 1596};

    private VgFixture() {
    }

    /** Boxes of every object as [cx, cy, w, h] in the 1024 frame. */
    static VgH5 h5() {
        int[] labels = {1, 2, /* row1 */ 3, /* row2 */ 1, 2, 3, /* row3 */ 2, 1, /* row4 */ 1, 3, /* row5 */ 2};
        int[] boxes = {
            100, 100, 80, 60, 150, 120, 60, 60,
            500, 400, 100, 100,
            200, 200, 100, 100, 240, 240, 100, 100, 900, 700, 50, 50,
            300, 300, 200, 200, 310, 310, 50, 50,
            100, 100, 50, 50, 120, 120, 50, 50,
            512, 400, 200, 100};
        int[] firstBox = {0, 2, 3, 6, 8, 10};
        int[] lastBox = {1, 2, 5, 7, 9, 10};
        // row0: 0->1 p; row2: 3->4 p, 3->4 q (duplicate pair), 3->5 q (no overlap); row3: 6->7 q; row4: 8->9 p, 8->9 p
        int[] rels = {0, 1, 3, 4, 3, 4, 3, 5, 6, 7, 8, 9, 8, 9};
        int[] preds = {1, 1, 2, 2, 2, 1, 1};
        int[] firstRel = {0, -1, 1, 4, 5, -1};
        int[] lastRel = {0, -1, 3, 4, 6, -1};
        int[] split = {0, 0, 0, 0, 2, 2};
        return new VgH5(labels, boxes, boxes.clone(), firstBox, lastBox, rels, preds, firstRel, lastRel, split);
    }

    static Path write(Path root) {
        h5().write(root.resolve("VG-SGG.h5"));
        new VgDicts(List.of("a", "b", "c"), List.of("p", "q"), Map.of("a", 3L), Map.of("p", 4L))
                .write(root.resolve("VG-SGG-dicts.json"));
        List<ImageInfo> infos = new ArrayList<>();
        infos.add(new ImageInfo(100, 80, "x/1590.png", 1590, null, null));
        infos.add(new ImageInfo(100, 80, "x/1591.png", 1591, null, null));
        infos.add(new ImageInfo(100, 80, "x/1592.png", 1592, null, null)); // corrupted id: skipped
        for (int i = 2; i < IDS.length; i++) {
            infos.add(new ImageInfo(100, 80, "x/" + IDS[i] + ".png", IDS[i], 7L, null));
        }
        infos.add(new ImageInfo(100, 80, "x/1597.png", 1597, null, null)); // no file: skipped
        ImageInfos.write(root.resolve("image_data.json"), infos);
        for (long id : IDS) {
            AtomicFiles.write(root.resolve("VG_100K/" + id + ".png"),
                    PngCodec.encode(new RgbImage(100, 80, new byte[100 * 80 * 3])));
        }
        return root;
    }

    static VgConfig config(Path root, VgSplit split) {
        return VgConfig.of(root, split).withNumValIm(1);
    }
}
