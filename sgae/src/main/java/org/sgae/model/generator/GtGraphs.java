package org.sgae.model.generator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.sgae.data.image.AntialiasResize;
import org.sgae.data.pipeline.Batch;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.train.config.GeneratorConfig;

/**
 * Phase 1's inputs (model-spec §8, §11.2) from a batch of raw-pixel images ([0,1], padded) with GT annotations:
 * <ul>
 *   <li>per image ≤ M real objects: those in relations first; when more than M qualify, a random subset drawn from
 *       {@code rng} (the discriminator-side stream of §11.4); kept in their annotation order;</li>
 *   <li>the relations among them, one predicate per (s, o) (the first), no self-loops, all w = 1; plus the
 *       __image__ node and its __in_image__ triples ({@link SceneGraph#assemble});</li>
 *   <li>boxes normalised to [0, 1] by the image's width and height;</li>
 *   <li>the target: the image resized to S×S by {@link AntialiasResize}, in [0, 1], then ImageNet-normalised.</li>
 * </ul>
 */
public final class GtGraphs {
    /** ImageNet mean and std (model-spec §1). */
    static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    static final float[] STD = {0.229f, 0.224f, 0.225f};

    private GtGraphs() {
    }

    /** A phase-1 batch: the graph and the normalised targets [B,3,S,S]; imageIds for the per-image noise seeds. */
    public record Phase1Batch(SceneGraph graph, Tensor target, long[] imageIds) {
    }

    /** The chosen real objects of one image (local indices, ascending). */
    static int[] chooseObjects(int nObj, int[] rel, int relFrom, int relTo, int max, SplittableRandom rng) {
        boolean[] related = new boolean[nObj];
        for (int k = relFrom; k < relTo; k++) {
            related[rel[3 * k]] = true;
            related[rel[3 * k + 1]] = true;
        }
        List<Integer> first = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < nObj; i++) {
            (related[i] ? first : rest).add(i);
        }
        List<Integer> chosen = new ArrayList<>(pick(first, max, rng));
        chosen.addAll(pick(rest, max - chosen.size(), rng));
        return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** n of the list, uniformly at random (partial Fisher–Yates) when it holds more; all of it otherwise. */
    private static List<Integer> pick(List<Integer> from, int n, SplittableRandom rng) {
        if (n <= 0) {
            return List.of();
        }
        if (from.size() <= n) {
            return from;
        }
        List<Integer> a = new ArrayList<>(from);
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(a.size() - i);
            Integer t = a.get(i);
            a.set(i, a.get(j));
            a.set(j, t);
        }
        return a.subList(0, n);
    }

    /** The phase-1 inputs of {@code b} for the generator of {@code cfg}, in dtype/device. */
    public static Phase1Batch build(Batch b, Generator gen, SplittableRandom rng, DType dtype, Device device) {
        GeneratorConfig cfg = gen.config();
        List<Long> img = new ArrayList<>();
        List<Long> labels = new ArrayList<>();
        List<float[]> boxes = new ArrayList<>();
        List<long[]> rels = new ArrayList<>();
        int[] objOff = b.objectOffsets();
        int[] relOff = b.relOffsets();
        int[] rel = b.relations();
        for (int i = 0; i < b.n(); i++) {
            int nObj = objOff[i + 1] - objOff[i];
            int[] chosen = chooseObjects(nObj, rel, relOff[i], relOff[i + 1], cfg.maxObjects(), rng);
            int[] newIndex = new int[nObj];
            java.util.Arrays.fill(newIndex, -1);
            float w = b.imageWidths()[i];
            float h = b.imageHeights()[i];
            for (int c : chosen) {
                newIndex[c] = img.size();
                int g = objOff[i] + c;
                int label = b.labels()[g];
                if (label < 1 || label >= cfg.objClasses()) {
                    throw new IllegalArgumentException("GtGraphs: image " + b.imageIds()[i] + " has object class "
                            + label + " outside 1.." + (cfg.objClasses() - 1) + " (generator.objClasses)");
                }
                img.add((long) i);
                labels.add((long) label);
                float[] bx = b.boxes();
                boxes.add(new float[] {clamp01(bx[4 * g] / w), clamp01(bx[4 * g + 1] / h), clamp01(bx[4 * g + 2] / w),
                        clamp01(bx[4 * g + 3] / h)});
            }
            Set<Long> pairs = new HashSet<>();
            for (int k = relOff[i]; k < relOff[i + 1]; k++) {
                int s = newIndex[rel[3 * k]];
                int o = newIndex[rel[3 * k + 1]];
                int p = rel[3 * k + 2];
                if (s < 0 || o < 0 || s == o || !pairs.add(((long) s << 32) | o)) {
                    continue;
                }
                if (p < 1 || p >= cfg.predClasses()) {
                    throw new IllegalArgumentException("GtGraphs: image " + b.imageIds()[i] + " has predicate " + p
                            + " outside 1.." + (cfg.predClasses() - 1) + " (generator.predClasses)");
                }
                rels.add(new long[] {s, o, p});
            }
        }
        int r = img.size();
        long[] realToImg = img.stream().mapToLong(Long::longValue).toArray();
        long[] lab = labels.stream().mapToLong(Long::longValue).toArray();
        float[] bx = new float[4 * r];
        for (int k = 0; k < r; k++) {
            System.arraycopy(boxes.get(k), 0, bx, 4 * k, 4);
        }
        long[] subj = new long[rels.size()];
        long[] obj = new long[rels.size()];
        long[] pred = new long[rels.size()];
        for (int k = 0; k < rels.size(); k++) {
            subj[k] = rels.get(k)[0];
            obj[k] = rels.get(k)[1];
            pred[k] = rels.get(k)[2];
        }
        Tensor labelT = Tensor.ofLongs(lab, r).to(device);
        Tensor vecs = gen.vocab().objects(labelT);                                    // [R, D]
        Tensor preds = gen.vocab().predicates(Tensor.ofLongs(pred, pred.length).to(device));  // [T_r, D]
        SceneGraph g = SceneGraph.assemble(gen.vocab(), b.n(), vecs, realToImg,
                Tensor.of(bx, r, 4).to(dtype).to(device), labelT, preds, subj, obj, null);
        return new Phase1Batch(g, targets(b, cfg.imageSize(), dtype, device), b.imageIds().clone());
    }

    private static float clamp01(float v) {
        return Math.min(1f, Math.max(0f, v));
    }

    /** The batch's images (raw pixels in [0,1]) → antialiased S×S, ImageNet-normalised: [B,3,S,S]. */
    public static Tensor targets(Batch b, int size, DType dtype, Device device) {
        float[] out = new float[b.n() * 3 * size * size];
        int plane = 3 * b.height() * b.width();
        for (int i = 0; i < b.n(); i++) {
            float[] one = new float[plane];
            System.arraycopy(b.images(), i * plane, one, 0, plane);
            float[] small = AntialiasResize.resize(one, 3, b.imageHeights()[i], b.imageWidths()[i], b.width(),
                    b.height(), size, size);
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < size * size; k++) {
                    out[(i * 3 + c) * size * size + k] = (small[c * size * size + k] - MEAN[c]) / STD[c];
                }
            }
        }
        return Tensor.of(out, b.n(), 3, size, size).to(dtype).to(device);
    }

    /** Normalised images [B,3,S,S] → [0,1] pixels, clamped (eval-spec §7's comparison space), as a host array. */
    public static double[] denormalise(Tensor images) {
        double[] v = images.toDoubleArray();
        int hw = images.dim(2) * images.dim(3);
        for (int k = 0; k < v.length; k++) {
            int c = (k / hw) % 3;
            v[k] = Math.min(1, Math.max(0, v[k] * STD[c] + MEAN[c]));
        }
        return v;
    }
}
