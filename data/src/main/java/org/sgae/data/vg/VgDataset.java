package org.sgae.data.vg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.sgae.data.DataFormatException;

/**
 * A VG150-format data set (real VG or the synthetic world) loaded for one split, following the standard
 * loaders' load_graphs (vg150-format.md §6). The graphs are decoded once; only the duplicate-relation
 * filter is re-drawn at every access.
 */
public final class VgDataset {
    private final VgConfig config;
    private final VgDicts dicts;
    private final List<VgGraph> graphs;
    private final SplittableRandom defaultRng = new SplittableRandom();

    private VgDataset(VgConfig config, VgDicts dicts, List<VgGraph> graphs) {
        this.config = config;
        this.dicts = dicts;
        this.graphs = graphs;
    }

    public static VgDataset open(VgConfig config) {
        Path root = config.root();
        if (!Files.isDirectory(root)) {
            throw new DataFormatException(root, "data set folder is missing");
        }
        VgDicts dicts = VgDicts.read(root.resolve(config.dictsName()));
        VgH5 h5 = VgH5.read(root.resolve(config.h5Name()));
        Path infoFile = root.resolve("image_data.json");
        List<ImageInfo> all = ImageInfos.read(infoFile);
        List<ImageInfo> rows = new ArrayList<>(h5.numImages());
        List<Path> files = new ArrayList<>(h5.numImages());
        List<String> missing = new ArrayList<>();
        Path dir = root.resolve(config.imageDir());
        for (ImageInfo info : all) {
            if (ImageInfos.CORRUPTED_IDS.contains(info.imageId())) {
                continue;
            }
            Path file = imageFile(dir, info, config.requireImageFiles());
            if (file == null) { // SGB skips entries whose file is missing
                missing.add("image_id " + info.imageId() + " (" + expectedImageFile(dir, info) + ", would be h5 row "
                        + rows.size() + ")");
                continue;
            }
            rows.add(info);
            files.add(file);
        }
        if (rows.size() != h5.numImages()) {
            throw new DataFormatException(infoFile, rows.size() + " usable image entries (after skipping corrupted"
                    + " and missing files) but " + config.h5Name() + " has " + h5.numImages() + " image rows"
                    + missingFiles(missing));
        }
        int maxLabel = dicts.objects().size();
        int maxPred = dicts.predicates().size();
        for (int v : h5.labels()) {
            if (v > maxLabel) {
                throw new DataFormatException(root.resolve(config.h5Name()), "label " + v + " exceeds the "
                        + maxLabel + " object classes of " + config.dictsName());
            }
        }
        for (int v : h5.predicates()) {
            if (v > maxPred) {
                throw new DataFormatException(root.resolve(config.h5Name()), "predicate " + v + " exceeds the "
                        + maxPred + " predicates of " + config.dictsName());
            }
        }
        return new VgDataset(config, dicts, load(config, h5, rows, files));
    }

    /** The image file ({@link #expectedImageFile}, else the other of .jpg/.png); null if required but absent. */
    private static Path imageFile(Path dir, ImageInfo info, boolean require) {
        Path p = expectedImageFile(dir, info);
        if (!require || Files.isRegularFile(p)) {
            return p;
        }
        Path alt = dir.resolve(info.imageId() + (p.toString().endsWith(".jpg") ? ".png" : ".jpg"));
        return Files.isRegularFile(alt) ? alt : null;
    }

    /** {@code <id>.<ext>} with ext from the url (default jpg). */
    private static Path expectedImageFile(Path dir, ImageInfo info) {
        String url = info.url();
        int dot = url.lastIndexOf('.');
        String ext = dot >= 0 && dot > url.lastIndexOf('/') ? url.substring(dot + 1) : "jpg";
        return dir.resolve(info.imageId() + "." + ext);
    }

    /** The skipped entries, for a count mismatch: with a missing file the rows no longer line up. */
    private static String missingFiles(List<String> missing) {
        if (missing.isEmpty()) {
            return "";
        }
        int shown = Math.min(missing.size(), 10);
        return "; image files missing (skipped, as SGB does): " + String.join(", ", missing.subList(0, shown))
                + (missing.size() > shown ? " and " + (missing.size() - shown) + " more" : "");
    }

    private static List<VgGraph> load(VgConfig c, VgH5 h5, List<ImageInfo> rows, List<Path> files) {
        int wanted = c.split() == VgSplit.TEST ? VgH5.SPLIT_TEST : VgH5.SPLIT_TRAIN;
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < h5.numImages(); i++) {
            if (h5.split()[i] == wanted && h5.firstBox()[i] >= 0 && (!c.filterEmptyRels() || h5.firstRel()[i] >= 0)) {
                keep.add(i);
            }
        }
        if (c.split() == VgSplit.VAL) {
            keep = keep.subList(0, Math.min(c.numValIm(), keep.size()));
        } else if (c.split() == VgSplit.TRAIN) {
            keep = keep.subList(Math.min(c.numValIm(), keep.size()), keep.size());
        }
        boolean nonOverlap = c.filterNonOverlap() && c.split() == VgSplit.TRAIN;
        List<VgGraph> out = new ArrayList<>(keep.size());
        for (int row : keep) {
            VgGraph g = decode(h5, row, rows.get(row), files.get(row), out.size());
            if (nonOverlap) {
                g = dropNonOverlapping(g);
                if (g.numRelations() == 0) {
                    continue;
                }
                g = new VgGraph(out.size(), g.h5Row(), g.info(), g.imageFile(), g.labels(), g.boxes1024(),
                        g.boxes(), g.relations());
            }
            out.add(g);
        }
        return List.copyOf(out);
    }

    static VgGraph decode(VgH5 h5, int row, ImageInfo info, Path file, int index) {
        int fb = h5.firstBox()[row];
        int n = fb < 0 ? 0 : h5.lastBox()[row] - fb + 1;
        int[] labels = Arrays.copyOfRange(h5.labels(), Math.max(fb, 0), Math.max(fb, 0) + n);
        int[] b1024 = new int[4 * n];
        float[] boxes = new float[4 * n];
        for (int k = 0; k < n; k++) {
            int r = 4 * (fb + k);
            int[] b = h5.boxes1024();
            int[] d = BoxCodec.decode(b[r], b[r + 1], b[r + 2], b[r + 3]);
            System.arraycopy(d, 0, b1024, 4 * k, 4);
            System.arraycopy(BoxCodec.toOriginal(d, 1024, info.width(), info.height()), 0, boxes, 4 * k, 4);
        }
        int fr = h5.firstRel()[row];
        int m = fr < 0 ? 0 : h5.lastRel()[row] - fr + 1;
        int[] rels = new int[3 * m];
        for (int k = 0; k < m; k++) {
            rels[3 * k] = h5.relationships()[2 * (fr + k)] - fb;
            rels[3 * k + 1] = h5.relationships()[2 * (fr + k) + 1] - fb;
            rels[3 * k + 2] = h5.predicates()[fr + k];
        }
        return new VgGraph(index, row, info, file, labels, b1024, boxes, rels);
    }

    /** filter_non_overlap: keep relations whose 1024-frame boxes intersect with the +1 convention. */
    private static VgGraph dropNonOverlapping(VgGraph g) {
        int[] r = g.relations();
        int[] b = g.boxes1024();
        int[] kept = new int[r.length];
        int n = 0;
        for (int k = 0; k < r.length; k += 3) {
            int s = 4 * r[k];
            int o = 4 * r[k + 1];
            int iw = Math.min(b[s + 2], b[o + 2]) - Math.max(b[s], b[o]) + 1;
            int ih = Math.min(b[s + 3], b[o + 3]) - Math.max(b[s + 1], b[o + 1]) + 1;
            if (iw > 0 && ih > 0) {
                System.arraycopy(r, k, kept, n, 3);
                n += 3;
            }
        }
        return new VgGraph(g.index(), g.h5Row(), g.info(), g.imageFile(), g.labels(), g.boxes1024(), g.boxes(),
                Arrays.copyOf(kept, n));
    }

    public VgConfig config() {
        return config;
    }

    public VgDicts dicts() {
        return dicts;
    }

    public int size() {
        return graphs.size();
    }

    /** The graph with all annotated relations (no duplicate filter), as stored. */
    public VgGraph raw(int i) {
        return graphs.get(i);
    }

    /** The graph as training sees it, with a fresh duplicate-relation draw (train split only). */
    public VgGraph graph(int i) {
        synchronized (defaultRng) {
            return graph(i, defaultRng.split());
        }
    }

    /**
     * The graph with the duplicate filter drawn from {@code rng} when it applies (train split and
     * filterDuplicateRels): for each (s, o) with several predicates one is kept, uniformly at random.
     */
    public VgGraph graph(int i, RandomGenerator rng) {
        VgGraph g = graphs.get(i);
        if (!config.filterDuplicateRels() || config.split() != VgSplit.TRAIN) {
            return g;
        }
        int[] r = g.relations();
        Map<Long, List<Integer>> byPair = new LinkedHashMap<>();
        for (int k = 0; k < r.length / 3; k++) {
            byPair.computeIfAbsent(((long) r[3 * k] << 32) | r[3 * k + 1], x -> new ArrayList<>()).add(k);
        }
        if (byPair.size() == r.length / 3) {
            return g;
        }
        int[] out = new int[3 * byPair.size()];
        int n = 0;
        for (List<Integer> ks : byPair.values()) {
            int k = ks.size() == 1 ? ks.get(0) : ks.get(rng.nextInt(ks.size()));
            System.arraycopy(r, 3 * k, out, n, 3);
            n += 3;
        }
        return new VgGraph(g.index(), g.h5Row(), g.info(), g.imageFile(), g.labels(), g.boxes1024(), g.boxes(), out);
    }
}
