package org.sgae.data.vg;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sgae.data.AtomicFiles;
import org.sgae.data.DataFormatException;

/**
 * The datasets of VG-SGG.h5 (vg150-format.md §2) as flat int arrays. Reading accepts any integer width;
 * writing uses the dtypes vg_to_roidb.py writes (int64 for labels and predicates, int32 otherwise).
 *
 * @param labels       [N_obj] class 1..C (column 0 of the (N_obj, 1) dataset)
 * @param boxes1024    [N_obj * 4] stored [cx, cy, w, h] in the 1024 frame
 * @param boxes512     [N_obj * 4] same in the 512 frame; may be null when reading (unused by loaders)
 * @param firstBox     [N_img] first object row (inclusive) or −1
 * @param lastBox      [N_img] last object row (inclusive) or −1
 * @param relationships [N_rel * 2] global object rows [subject, object]
 * @param predicates   [N_rel] predicate 1..P
 * @param firstRel     [N_img] first relation row (inclusive) or −1
 * @param lastRel      [N_img] last relation row (inclusive) or −1
 * @param split        [N_img] 0 = train, 2 = test
 */
public record VgH5(int[] labels, int[] boxes1024, int[] boxes512, int[] firstBox, int[] lastBox,
                   int[] relationships, int[] predicates, int[] firstRel, int[] lastRel, int[] split) {
    public static final int SPLIT_TRAIN = 0;
    public static final int SPLIT_TEST = 2;

    public int numImages() {
        return split.length;
    }

    public int numObjects() {
        return labels.length;
    }

    public int numRelations() {
        return predicates.length;
    }

    /** Reads and validates the file; any problem is a {@link DataFormatException} naming file and dataset. */
    public static VgH5 read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, "HDF5 file is missing");
        }
        H5FileLength.requireComplete(file);
        VgH5 h5;
        try (HdfFile f = new HdfFile(file)) {
            int[] labels = column(file, f, "labels", 1);
            int[] boxes = column(file, f, "boxes_1024", 4);
            int[] boxes512 = f.getChildren().containsKey("boxes_512") ? column(file, f, "boxes_512", 4) : null;
            h5 = new VgH5(labels, boxes, boxes512, column(file, f, "img_to_first_box", 0),
                    column(file, f, "img_to_last_box", 0), column(file, f, "relationships", 2),
                    column(file, f, "predicates", 1), column(file, f, "img_to_first_rel", 0),
                    column(file, f, "img_to_last_rel", 0), column(file, f, "split", 0));
        } catch (DataFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DataFormatException(file, "not a readable HDF5 file (truncated or corrupt?): " + e, e);
        }
        VgH5Checks.validate(file, h5);
        return h5;
    }

    /**
     * Reads a dataset of shape (N) when cols = 0, or (N, cols) as a flat row-major array. For cols = 1 an
     * (N) dataset is also accepted. Integer widths 8..64 bits are accepted (values must fit an int).
     */
    private static int[] column(Path file, HdfFile f, String name, int cols) {
        Node node = f.getChildren().get(name);
        if (!(node instanceof Dataset d)) {
            throw new DataFormatException(file, "dataset '" + name + "' is missing");
        }
        int[] dims = d.getDimensions();
        boolean ok = cols == 0 ? dims.length == 1
                : (dims.length == 2 && dims[1] == cols) || (cols == 1 && dims.length == 1);
        if (!ok) {
            throw new DataFormatException(file, "dataset '" + name + "' has shape "
                    + java.util.Arrays.toString(dims) + ", expected " + (cols == 0 ? "(N)" : "(N, " + cols + ")"));
        }
        if (d.isEmpty() || d.getSize() == 0) {
            return new int[0];
        }
        Object flat = d.getDataFlat();
        if (flat instanceof int[] a) {
            return a;
        }
        if (flat instanceof long[] a) {
            int[] out = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                if (a[i] != (int) a[i]) {
                    throw new DataFormatException(file, "dataset '" + name + "' value " + a[i] + " at " + i
                            + " does not fit in int32");
                }
                out[i] = (int) a[i];
            }
            return out;
        }
        if (flat instanceof short[] a) {
            int[] out = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        if (flat instanceof byte[] a) {
            int[] out = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        throw new DataFormatException(file, "dataset '" + name + "' has non-integer type " + d.getJavaType());
    }

    /**
     * Writes the file (atomically) with vg_to_roidb.py's dtypes. jhdf 0.13 cannot write zero-length
     * datasets, so a file needs at least one object and one relation.
     */
    public void write(Path file) {
        if (numObjects() == 0 || numRelations() == 0 || numImages() == 0) {
            throw new IllegalStateException("cannot write " + file + ": jhdf writes no empty datasets, and this"
                    + " data set has " + numImages() + " images, " + numObjects() + " objects, "
                    + numRelations() + " relations");
        }
        AtomicFiles.write(file, tmp -> {
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                f.putDataset("labels", asColumnLong(labels));
                f.putDataset("boxes_1024", rows(boxes1024, 4));
                f.putDataset("boxes_512", rows(boxes512, 4));
                f.putDataset("img_to_first_box", firstBox);
                f.putDataset("img_to_last_box", lastBox);
                f.putDataset("relationships", rows(relationships, 2));
                f.putDataset("predicates", asColumnLong(predicates));
                f.putDataset("img_to_first_rel", firstRel);
                f.putDataset("img_to_last_rel", lastRel);
                f.putDataset("split", split);
            }
        });
    }

    private static long[][] asColumnLong(int[] v) {
        long[][] out = new long[v.length][1];
        for (int i = 0; i < v.length; i++) {
            out[i][0] = v[i];
        }
        return out;
    }

    private static int[][] rows(int[] flat, int cols) {
        int[][] out = new int[flat.length / cols][cols];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }
}
