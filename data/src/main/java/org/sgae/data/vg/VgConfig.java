package org.sgae.data.vg;

import java.nio.file.Path;

/**
 * Where a VG150-format data set lives and how to load it (vg150-format.md §6).
 *
 * @param root               folder holding the h5, dicts JSON, image_data.json and the image folder
 * @param split              which split to load
 * @param h5Name             "VG-SGG.h5" (or "VG-SGG-with-attri.h5", or the synthetic "VG-SGG-clean.h5")
 * @param dictsName          "VG-SGG-dicts.json"
 * @param imageDir           "VG_100K"
 * @param numValIm           the first numValIm train images are val (5000 for VG)
 * @param filterEmptyRels    keep only images with ≥ 1 relation
 * @param filterNonOverlap   train only: drop relations between non-overlapping boxes, then empty images
 * @param filterDuplicateRels train only: one random predicate per (s, o), re-drawn at every access
 * @param requireImageFiles  skip image_data.json entries whose file is missing (as SGB does); false skips the
 *                           existence check (faster for 100k images when the folder is known to be complete)
 */
public record VgConfig(Path root, VgSplit split, String h5Name, String dictsName, String imageDir, int numValIm,
                       boolean filterEmptyRels, boolean filterNonOverlap, boolean filterDuplicateRels,
                       boolean requireImageFiles) {
    public VgConfig {
        if (numValIm < 0) {
            throw new IllegalArgumentException("numValIm must be >= 0, got " + numValIm);
        }
    }

    /** The standard settings: VG-SGG.h5, val = 5000, empty-relation and duplicate filters on. */
    public static VgConfig of(Path root, VgSplit split) {
        return new VgConfig(root, split, "VG-SGG.h5", "VG-SGG-dicts.json", "VG_100K", 5000, true, false, true, true);
    }

    public VgConfig withNumValIm(int n) {
        return new VgConfig(root, split, h5Name, dictsName, imageDir, n, filterEmptyRels, filterNonOverlap,
                filterDuplicateRels, requireImageFiles);
    }

    public VgConfig withSplit(VgSplit s) {
        return new VgConfig(root, s, h5Name, dictsName, imageDir, numValIm, filterEmptyRels, filterNonOverlap,
                filterDuplicateRels, requireImageFiles);
    }

    public VgConfig withH5(String name) {
        return new VgConfig(root, split, name, dictsName, imageDir, numValIm, filterEmptyRels, filterNonOverlap,
                filterDuplicateRels, requireImageFiles);
    }

    public VgConfig withFilters(boolean emptyRels, boolean nonOverlap, boolean duplicateRels) {
        return new VgConfig(root, split, h5Name, dictsName, imageDir, numValIm, emptyRels, nonOverlap, duplicateRels,
                requireImageFiles);
    }
}
