package org.sgae.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sgae.nn.Parameter;
import org.sgae.nn.optim.GradClip;
import org.sgae.nn.optim.LrSchedule;
import org.sgae.nn.optim.Optimizer;
import org.sgae.nn.optim.ParamGroup;
import org.sgae.nn.optim.Sgd;
import org.sgae.train.config.SolverConfig;

/**
 * An optimiser with its lr schedule and optional gradient-norm clipping, as the trainer drives it. {@link #sgd} is the
 * scene-graph side's SGD of model-spec §11.1/§11.3, built from {@code nn.optim}: a weight group and a bias group
 * (lr × biasLrFactor, their own weight decay), a linear warm-up times a multi-step decay at fractions of the run.
 * {@link #of} wraps any other {@code nn.optim} optimiser (the generator's Adam of §11.2).
 */
public final class Solver {
    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private final double clipNorm;
    private final double baseLr;
    private final List<Parameter> params;
    private double factor = 1;

    private Solver(Optimizer optimizer, LrSchedule schedule, double clipNorm) {
        if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("Solver: clipNorm must be finite and >= 0 (0 = off), got " + clipNorm);
        }
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.clipNorm = clipNorm;
        this.baseLr = optimizer.groups().get(0).baseLr();
        List<Parameter> all = new ArrayList<>();
        optimizer.groups().forEach(g -> all.addAll(g.params()));
        this.params = List.copyOf(all);
    }

    /** Any optimiser; lr() reports its first group's rate. clipNorm 0 turns clipping off. */
    public static Solver of(Optimizer optimizer, LrSchedule schedule, double clipNorm) {
        return new Solver(optimizer, schedule, clipNorm);
    }

    /** SGD over {@code named} for a phase of {@code totalIters} iterations. */
    public static Solver sgd(SolverConfig c, Map<String, Parameter> named, int totalIters) {
        c.validate();
        List<Parameter> weights = new ArrayList<>();
        List<Parameter> biases = new ArrayList<>();
        named.forEach((name, p) -> (isBias(name) ? biases : weights).add(p));
        List<ParamGroup> groups = new ArrayList<>();
        if (!weights.isEmpty()) {
            groups.add(new ParamGroup(weights, c.lr(), c.weightDecay()));
        }
        if (!biases.isEmpty()) {
            groups.add(new ParamGroup(biases, c.lr() * c.biasLrFactor(), c.biasWeightDecay()));
        }
        Sgd sgd = new Sgd(groups, c.momentum(), 0, Sgd.Momentum.STANDARD);
        return new Solver(sgd, schedule(c, totalIters), c.clipNorm());
    }

    /**
     * The lr multiplier: warm-up from warmupFactor over warmupIters, times decayGamma at each decayAt fraction
     * (STEP), or times a cosine / linear decay from 1 to 0 over the whole phase (COSINE, LINEAR; detectron2's
     * WarmupCosineLR multiplies the same way).
     */
    static LrSchedule schedule(SolverConfig c, int totalIters) {
        LrSchedule s = c.warmupIters() > 0 ? LrSchedule.linearWarmup(c.warmupIters(), c.warmupFactor())
                : LrSchedule.constant();
        switch (c.schedule()) {
            case COSINE -> {
                return s.times(LrSchedule.cosine(totalIters));
            }
            case LINEAR -> {
                return s.times(LrSchedule.linearDecay(totalIters));
            }
            case STEP -> {
                // below
            }
        }
        for (double f : c.decayAt()) {
            // One factor per milestone, so two fractions that round to the same iteration of a short run both apply.
            int at = Math.max(1, (int) Math.round(f * totalIters));
            s = s.times(LrSchedule.multiStep(new int[] {at}, c.decayGamma()));
        }
        return s;
    }

    /** Whether a parameter is a bias (GRCNN's rule, by name). */
    static boolean isBias(String name) {
        return name.equals("bias") || name.endsWith(".bias");
    }

    /** Sets every group's lr for iteration {@code it} (0-based). */
    public void setIteration(int it) {
        schedule.apply(optimizer, it);
        factor = schedule.factor(it);
    }

    /** The first group's lr of the current iteration (for SGD the weights'; biases train at biasLrFactor × this). */
    public double lr() {
        return baseLr * factor;
    }

    /** Every parameter, in the optimiser's order (that of its state dict). */
    public List<Parameter> parameters() {
        return params;
    }

    /** The parameters that have a gradient now, in the optimiser's order. */
    public List<Parameter> withGradient() {
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : params) {
            if (p.grad() != null) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Clips (when clipNorm &gt; 0) and applies one update. When clipping finds a non-finite gradient norm, nothing is
     * applied and false is returned; the norm read is the step's one synchronisation besides the loss check.
     */
    public boolean clipAndStep() {
        if (clipNorm > 0) {
            double norm = GradClip.clipGradNorm(params, clipNorm);
            if (!Double.isFinite(norm)) {
                return false;
            }
        }
        optimizer.step();
        return true;
    }

    public void zeroGrad() {
        optimizer.zeroGrad();
    }

    /** The optimiser underneath (its state dict is the checkpoint's optim.safetensors). */
    public Optimizer optimizer() {
        return optimizer;
    }
}
