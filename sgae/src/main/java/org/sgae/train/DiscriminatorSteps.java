package org.sgae.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sgae.autograd.Engine;
import org.sgae.model.generator.GenTimer;
import org.sgae.model.generator.ImageGan;
import org.sgae.model.generator.SceneGraph;
import org.sgae.nn.Module;
import org.sgae.nn.optim.GradClip;
import org.sgae.nn.optim.Optimizer;
import org.sgae.tensor.Tensor;

/**
 * The discriminator steps of phases 1 and 2 (model-spec §11.2–11.3): D_obj then D_img, each on the detached fakes with
 * its own Adam. A step whose loss or gradient norm is not finite is skipped alone and reported; the gradient norms and
 * losses are watched: a norm above {@link #EXPLODING_NORM} or a loss below {@link #STUCK_LOSS} for {@link #STUCK_STEPS}
 * steps in a row is reported as a "diverging" event with the step.
 */
public final class DiscriminatorSteps {
    /** A discriminator gradient norm this large means its loss surface blew up (normal norms are O(1)–O(10)). */
    static final double EXPLODING_NORM = 1e4;
    /** A D loss this small (both BCE terms ≈ 0) means D separates perfectly and G's adversarial signal vanishes. */
    static final double STUCK_LOSS = 1e-3;
    static final int STUCK_STEPS = 50;

    private final ImageGan gan;
    private final Optimizer dObjAdam;
    private final Optimizer dImgAdam;
    private final Map<String, Integer> lowStreak = new LinkedHashMap<>();

    public DiscriminatorSteps(ImageGan gan, Optimizer dObjAdam, Optimizer dImgAdam) {
        this.gan = gan;
        this.dObjAdam = dObjAdam;
        this.dImgAdam = dImgAdam;
    }

    /**
     * D_obj's step, then D_img's, for graph g, targets [B,3,S,S] and the fakes (detached here); the losses go to
     * {@code read} ("d_obj", "d_img"), skips and divergence reports to {@code events}.
     */
    public void run(SceneGraph g, Tensor target, Tensor fake, Map<String, Double> read, List<String> events) {
        Tensor detached = fake.detach();
        Tensor dObjLoss = gan.objectDiscriminatorLoss(g, target, detached);
        if (dObjLoss != null) {
            step(Phase1Trainer.D_OBJ, gan.dObj(), dObjAdam, dObjLoss, read, events);
        }
        step(Phase1Trainer.D_IMG, gan.dImg(), dImgAdam, gan.imageDiscriminatorLoss(target, detached), read, events);
    }

    private void step(String name, Module d, Optimizer adam, Tensor loss, Map<String, Double> read,
                      List<String> events) {
        double v = loss.item();
        read.put(name.equals(Phase1Trainer.D_IMG) ? "d_img" : "d_obj", v);
        if (!Double.isFinite(v)) {
            events.add("skipped " + name + " step: loss " + v);
            return;
        }
        long t = GenTimer.start();
        d.zeroGrad();
        Engine.backward(loss);
        t = GenTimer.stop(GenTimer.Stage.BACKWARD, t);
        // The norm is read for the divergence watch only; infinite max means nothing is rescaled.
        double norm = GradClip.clipGradNorm(d.parameters(), Double.POSITIVE_INFINITY);
        if (!Double.isFinite(norm)) {
            events.add("skipped " + name + " step: gradient norm " + norm);
            d.zeroGrad();
            return;
        }
        adam.step();
        GenTimer.stop(GenTimer.Stage.ADAM, t);
        if (norm > EXPLODING_NORM) {
            events.add("diverging " + name + ": gradient norm " + norm + " > " + EXPLODING_NORM);
        }
        int streak = v < STUCK_LOSS ? lowStreak.merge(name, 1, Integer::sum) : 0;
        lowStreak.put(name, streak);
        if (streak == STUCK_STEPS) {
            events.add("diverging " + name + ": loss below " + STUCK_LOSS + " for " + STUCK_STEPS
                    + " steps (D separates perfectly; G's adversarial gradient vanishes)");
        }
    }

    /** Logs a GAN step's skip, its discriminator events, and on a log iteration its losses (D's apart). */
    static void log(RunLog log, int phase, int done, boolean applied, String skipReason, List<String> events) {
        if (!applied) {
            log.skipped(phase, done, skipReason);
        }
        for (String e : events) {
            log.event(phase, done, e.startsWith("diverging") ? "diverging" : "skipped", e);
        }
    }

    /** One progress line of a GAN step: the generator-side losses, with "d_obj" and "d_img" apart. */
    static void progress(RunLog log, int phase, int done, Map<String, Double> losses, double lr, double ips,
                         long skipped) {
        Map<String, Double> g = new LinkedHashMap<>(losses);
        Map<String, Double> d = new LinkedHashMap<>();
        for (String k : List.of("d_obj", "d_img")) {
            if (g.containsKey(k)) {
                d.put(k, g.remove(k));
            }
        }
        log.progress(phase, done, g, lr, ips, skipped, d);
    }
}
