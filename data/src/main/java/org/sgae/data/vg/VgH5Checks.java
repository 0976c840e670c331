package org.sgae.data.vg;

import java.nio.file.Path;
import org.sgae.data.DataFormatException;

/** Consistency checks of a {@link VgH5}: lengths, index ranges, and the loaders' box sanity checks. */
final class VgH5Checks {
    private VgH5Checks() {
    }

    static void validate(Path file, VgH5 h) {
        int nImg = h.split().length;
        int nObj = h.labels().length;
        int nRel = h.predicates().length;
        same(file, "img_to_first_box", h.firstBox().length, "split", nImg);
        same(file, "img_to_last_box", h.lastBox().length, "split", nImg);
        same(file, "img_to_first_rel", h.firstRel().length, "split", nImg);
        same(file, "img_to_last_rel", h.lastRel().length, "split", nImg);
        same(file, "boxes_1024 rows", h.boxes1024().length / 4, "labels", nObj);
        same(file, "relationships rows", h.relationships().length / 2, "predicates", nRel);
        for (int i = 0; i < nObj; i++) {
            int[] b = h.boxes1024();
            if (b[4 * i] < 0 || b[4 * i + 1] < 0 || b[4 * i + 2] <= 0 || b[4 * i + 3] <= 0) {
                throw new DataFormatException(file, "boxes_1024 row " + i + " = [" + b[4 * i] + ", " + b[4 * i + 1]
                        + ", " + b[4 * i + 2] + ", " + b[4 * i + 3] + "] fails cx, cy >= 0 and w, h > 0");
            }
            if (h.labels()[i] < 1) {
                throw new DataFormatException(file, "labels row " + i + " = " + h.labels()[i] + " (must be >= 1)");
            }
        }
        for (int i = 0; i < nRel; i++) {
            if (h.predicates()[i] < 1) {
                throw new DataFormatException(file, "predicates row " + i + " = " + h.predicates()[i]
                        + " (must be >= 1)");
            }
        }
        for (int img = 0; img < nImg; img++) {
            range(file, "box", img, h.firstBox()[img], h.lastBox()[img], nObj);
            range(file, "rel", img, h.firstRel()[img], h.lastRel()[img], nRel);
            int s = h.split()[img];
            if (s != VgH5.SPLIT_TRAIN && s != 1 && s != VgH5.SPLIT_TEST) {
                throw new DataFormatException(file, "split row " + img + " = " + s + " (expected 0, 1 or 2)");
            }
        }
        ascending(file, "box", h.firstBox(), h.lastBox());
        ascending(file, "rel", h.firstRel(), h.lastRel());
        for (int img = 0; img < nImg; img++) {
            int fb = h.firstBox()[img];
            int lb = h.lastBox()[img];
            int fr = h.firstRel()[img];
            int lr = h.lastRel()[img];
            if (fr >= 0 && fb < 0) {
                throw new DataFormatException(file, "image row " + img + " has relations but no boxes");
            }
            for (int r = Math.max(fr, 0); r <= lr && fr >= 0; r++) {
                for (int k = 0; k < 2; k++) {
                    int o = h.relationships()[2 * r + k];
                    if (o < fb || o > lb) {
                        throw new DataFormatException(file, "relationships row " + r + " refers to object row " + o
                                + ", outside image row " + img + "'s boxes " + fb + ".." + lb);
                    }
                }
            }
        }
    }

    private static void same(Path file, String a, int na, String b, int nb) {
        if (na != nb) {
            throw new DataFormatException(file, "'" + a + "' has " + na + " entries but '" + b + "' has " + nb);
        }
    }

    /**
     * Each image's rows must come after the previous image's, without overlap, as vg_to_roidb.py writes
     * them. The loaders only slice first..last, so an overlap would silently give one image another's rows.
     */
    private static void ascending(Path file, String what, int[] first, int[] last) {
        int prev = -1;
        for (int img = 0; img < first.length; img++) {
            if (first[img] < 0) {
                continue; // no rows
            }
            if (prev >= 0 && first[img] <= last[prev]) {
                throw new DataFormatException(file, "img_to_first_" + what + "/img_to_last_" + what + " of image row "
                        + img + " = " + first[img] + ".." + last[img] + " does not come after image row " + prev
                        + "'s " + first[prev] + ".." + last[prev] + " (rows must ascend without overlap)");
            }
            prev = img;
        }
    }

    private static void range(Path file, String what, int img, int first, int last, int n) {
        boolean none = first == -1 && last == -1;
        boolean ok = first >= 0 && first <= last && last < n;
        if (!none && !ok) {
            throw new DataFormatException(file, "img_to_first_" + what + "/img_to_last_" + what + " of image row "
                    + img + " = " + first + ".." + last + " is not a valid range in 0.." + (n - 1) + " (or -1..-1)");
        }
    }
}
