package org.sgae.model.joint;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import org.sgae.autograd.GradMode;
import org.sgae.data.pipeline.Batch;
import org.sgae.data.pipeline.BatchLoader;
import org.sgae.data.vg.VgDataset;
import org.sgae.eval.ImageMetrics;
import org.sgae.model.detector.BatchInputs;
import org.sgae.model.generator.Generator;
import org.sgae.model.generator.GtGraphs;
import org.sgae.model.generator.Reconstruction;
import org.sgae.model.generator.SceneGraph;
import org.sgae.model.relation.SceneGraphModel;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.TrainRun;

/**
 * The reconstructions of model-spec §12 by a joint model, with the image metrics of eval-spec §7:
 * <ul>
 *   <li>{@link Mode#PRED}: the scene-graph model's predicted graph and boxes (eval mode, SGGen) through the coupling
 *       of §10 (soft labels, decoded boxes, relatedness weights; no gradient) — the auto-encoder;</li>
 *   <li>{@link Mode#GT}: the GT graph and GT boxes; {@link Mode#GRAPH_ONLY}: the GT graph, box-net boxes.</li>
 * </ul>
 * Image i's noise is seeded hash(seed, image id) in every mode, so a reconstruction does not depend on its batch.
 * Compared: the generator output de-normalised and clamped to [0,1] against the antialiased 64×64 input in [0,1].
 */
public final class Reconstructions {
    /** §12's modes, in the grid's column order after the input. */
    public enum Mode { GT, PRED, GRAPH_ONLY }

    /** Rows of one PNG grid. */
    private static final int ROWS_PER_GRID = 16;
    private static final int GAP = 2;

    private Reconstructions() {
    }

    /** Per mode the dataset mean (eval-spec §7) over {@code images} images. */
    public record Result(int images, Map<Mode, ImageMetrics.Values> means) {
    }

    /**
     * Reconstructs the first {@code maxImages} images of {@code ds} (all when ≤ 0) in split order.
     *
     * @param gridDir where the PNG grids go (input | GT | PRED | GRAPH_ONLY per row), or null for metrics only
     */
    public static Result run(JointModel model, VgDataset ds, int maxImages, long seed, Path gridDir) {
        Generator gen = model.gan().generator();
        int s = gen.config().imageSize();
        int limit = maxImages <= 0 ? ds.size() : Math.min(maxImages, ds.size());
        Map<Mode, ImageMetrics.Mean> means = new EnumMap<>(Mode.class);
        for (Mode m : Mode.values()) {
            means.put(m, new ImageMetrics.Mean());
        }
        List<float[][]> rows = new ArrayList<>();
        int done = 0;
        int grid = 0;
        model.eval();
        try (GradMode off = GradMode.disabled();
             BatchLoader loader = new BatchLoader(ds, TrainRun.loader(model.config(),
                     model.config().phase2().batchSize()).withShuffle(false), 0)) {
            while (loader.hasNext() && done < limit) {
                Batch b = loader.next();
                try (MemoryScope scope = MemoryScope.open()) {
                    float[] input = floats(GtGraphs.denormalise(GtGraphs.targets(b, s, DType.F32, Device.cpu())));
                    Map<Mode, float[]> out = new EnumMap<>(Mode.class);
                    out.put(Mode.GT, pixels(Reconstruction.reconstruct(gen, b, Reconstruction.Mode.GT, seed)
                            .images()));
                    out.put(Mode.GRAPH_ONLY, pixels(Reconstruction.reconstruct(gen, b,
                            Reconstruction.Mode.GRAPH_ONLY, seed).images()));
                    out.put(Mode.PRED, pred(model, b, seed));
                    int per = 3 * s * s;
                    for (int i = 0; i < b.n() && done < limit; i++, done++) {
                        float[] in = slice(input, i, per);
                        float[][] row = new float[Mode.values().length + 1][];
                        row[0] = in;
                        for (Mode m : Mode.values()) {
                            float[] img = slice(out.get(m), i, per);
                            means.get(m).add(ImageMetrics.of(img, in, 3, s, s));
                            row[1 + m.ordinal()] = img;
                        }
                        if (gridDir != null) {
                            rows.add(row);
                            if (rows.size() == ROWS_PER_GRID) {
                                writeGrid(rows, s, gridDir.resolve(String.format(Locale.ROOT, "grid-%03d.png",
                                        grid++)));
                                rows.clear();
                            }
                        }
                    }
                }
            }
        }
        if (gridDir != null && !rows.isEmpty()) {
            writeGrid(rows, s, gridDir.resolve(String.format(Locale.ROOT, "grid-%03d.png", grid)));
        }
        Map<Mode, ImageMetrics.Values> result = new EnumMap<>(Mode.class);
        means.forEach((m, v) -> result.put(m, v.mean()));
        return new Result(done, result);
    }

    /**
     * PRED reconstructions of one batch (the model in eval mode, no gradient, as {@link #run} does): the predicted
     * graph and boxes through the coupling → [B·3·S·S] pixels in [0,1], image i's noise seeded hash(seed, id).
     */
    public static float[] pred(JointModel model, Batch b, long seed) {
        Generator gen = model.gan().generator();
        SceneGraphModel.TrainPass pass = model.sg().evalPass(BatchInputs.images(b));
        SceneGraph g = Coupling.build(gen.vocab(), gen.config().maxObjects(),
                CouplingInputs.of(pass.inputs(), pass.output(), model.config().sg().obj().source()),
                model.config().model().roiHeads().boxWeights(), model.config().joint().temperature(),
                Coupling.Lambdas.all(0));
        return pixels(Reconstruction.generate(gen, g, b.imageIds(), seed, Generator.Boxes.GRAPH));
    }

    /** The metrics JSON: images, and per mode l1, psnr, ssim. */
    public static String json(Result r, Path checkpoint) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"checkpoint\": \"").append(checkpoint.toString().replace("\\", "\\\\").replace("\"", "\\\""))
                .append("\",\n");
        sb.append("  \"images\": ").append(r.images()).append(",\n  \"modes\": {\n");
        int k = 0;
        for (Map.Entry<Mode, ImageMetrics.Values> e : r.means().entrySet()) {
            ImageMetrics.Values v = e.getValue();
            sb.append(String.format(Locale.ROOT, "    \"%s\": {\"l1\": %s, \"psnr\": %s, \"ssim\": %s}%s%n",
                    e.getKey(), num(v.l1()), num(v.psnr()), num(v.ssim()), ++k < r.means().size() ? "," : ""));
        }
        return sb.append("  }\n}\n").toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }

    /**
     * Writes the grids and metrics.json into a new folder {@code out}, atomically: everything goes into a temporary
     * sibling first, which is then renamed. An existing non-empty {@code out} is refused.
     */
    public static Result writeFolder(JointModel model, VgDataset ds, int maxImages, long seed, Path out,
                                     Path checkpoint) {
        if (Files.exists(out) && !isEmptyDir(out)) {
            throw new IllegalArgumentException(out + ": output folder exists and is not empty; choose another --out");
        }
        Path parent = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp");
            Result r = run(model, ds, maxImages, seed, tmp);
            Files.writeString(tmp.resolve("metrics.json"), json(r, checkpoint), StandardCharsets.UTF_8);
            if (Files.exists(out)) {
                Files.delete(out); // empty, checked above
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static void deleteTree(Path root) {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a leftover hidden temporary folder is harmless
        }
    }

    private static boolean isEmptyDir(Path p) {
        try (var s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static float[] pixels(Tensor images) {
        return Reconstruction.pixels(images).toFloatArray();
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static float[] slice(float[] all, int i, int per) {
        float[] out = new float[per];
        System.arraycopy(all, i * per, out, 0, per);
        return out;
    }

    /** rows of [input, GT, PRED, GRAPH_ONLY] images [3·S·S] in [0,1] → one PNG. */
    private static void writeGrid(List<float[][]> rows, int s, Path file) {
        int cols = rows.get(0).length;
        int w = cols * s + (cols + 1) * GAP;
        int h = rows.size() * s + (rows.size() + 1) * GAP;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, 0xffffff);
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < cols; c++) {
                float[] px = rows.get(r)[c];
                int x0 = GAP + c * (s + GAP);
                int y0 = GAP + r * (s + GAP);
                for (int y = 0; y < s; y++) {
                    for (int x = 0; x < s; x++) {
                        int red = channel(px[y * s + x]);
                        int green = channel(px[s * s + y * s + x]);
                        int blue = channel(px[2 * s * s + y * s + x]);
                        img.setRGB(x0 + x, y0 + y, (red << 16) | (green << 8) | blue);
                    }
                }
            }
        }
        try {
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer for " + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static int channel(float v) {
        return Math.round(Math.min(1f, Math.max(0f, v)) * 255);
    }
}
