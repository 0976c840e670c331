package org.sgae.model.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.sgae.autograd.GradMode;
import org.sgae.data.pipeline.Batch;
import org.sgae.data.synth.SynthConfig;
import org.sgae.tensor.DType;

import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Assemble;

/**
 * Reconstruction of model-spec §12 for the modes that need only GT graphs: {@link Mode#GT} (GT graph and GT boxes,
 * the sg2im oracle) and {@link Mode#GRAPH_ONLY} (GT graph, box-net boxes). The generator runs in eval mode (running BN
 * statistics) without gradients; image i's noise comes from its own stream seeded hash(seed, imageId), so a
 * reconstruction does not depend on the batch it is in. PRED mode (predicted graph and boxes) goes through the same
 * {@link #generate} with the coupling's {@link SceneGraph}.
 *
 * <p>Image metrics (L1, PSNR, SSIM of eval-spec §7) belong to {@code org.sgae.eval}; they take {@link
 * #pixels}'s [0,1] images and {@link GtGraphs#targets}'s resized inputs (through {@link GtGraphs#denormalise}).
 * {@link #meanAbsoluteError} is the L1 of §7, kept here for the generator's own tests.
 */
public final class Reconstruction {
    /** §12's modes that need no scene-graph model. */
    public enum Mode { GT, GRAPH_ONLY }

    private Reconstruction() {
    }

    /** The batch's reconstructions [B,3,S,S] in normalised pixel space, and its 64×64 targets. */
    public record Result(Tensor images, Tensor targets) {
    }

    /** Reconstructs the images of {@code b} from their GT graphs (objects chosen with a stream of {@code seed}). */
    public static Result reconstruct(Generator gen, Batch b, Mode mode, long seed) {
        boolean wasTraining = gen.isTraining();
        gen.eval();
        try (GradMode off = GradMode.disabled()) {
            Tensor like = gen.vocab().objectTable();
            GtGraphs.Phase1Batch in = GtGraphs.build(b, gen, new SplittableRandom(seed), like.dtype(), like.device());
            Tensor img = generate(gen, in.graph(), b.imageIds(), seed,
                    mode == Mode.GT ? Generator.Boxes.GRAPH : Generator.Boxes.BOX_NET);
            return new Result(img, in.target());
        } finally {
            if (wasTraining) {
                gen.train();
            }
        }
    }

    /** graph → images [B,3,S,S], image i's noise seeded hash(seed, imageIds[i]). */
    public static Tensor generate(Generator gen, SceneGraph g, long[] imageIds, long seed, Generator.Boxes boxes) {
        Tensor like = gen.vocab().objectTable();
        return gen.forward(g, noise(gen, imageIds, seed, like), boxes).image();
    }

    /** Per-image noise [B,N,S,S]: image i's from SplittableRandom(hash(seed, imageIds[i])). */
    public static Tensor noise(Generator gen, long[] imageIds, long seed, Tensor like) {
        List<Tensor> parts = new ArrayList<>();
        for (long id : imageIds) {
            parts.add(gen.drawNoise(1, new SplittableRandom(SynthConfig.mix(seed, id)), like));
        }
        return Assemble.cat(parts, 0);
    }

    /** Normalised images → [0,1] pixels clamped (eval-spec §7), same shape, F32 on the CPU. */
    public static Tensor pixels(Tensor images) {
        return Tensor.of(GtGraphs.denormalise(images), images.dim(0), images.dim(1), images.dim(2), images.dim(3))
                .to(DType.F32);
    }

    /** eval-spec §7's L1 per image: mean |a − b| over the 3·S·S values of each [0,1] image. */
    public static double[] meanAbsoluteError(Tensor a, Tensor b) {
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        int n = a.dim(0);
        int per = x.length / n;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = i * per; k < (i + 1) * per; k++) {
                s += Math.abs(x[k] - y[k]);
            }
            out[i] = s / per;
        }
        return out;
    }

}
