package org.sgae.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sgae.nn.Parameter;
import org.sgae.nn.optim.GradClip;
import org.sgae.nn.optim.LrSchedule;
import org.sgae.nn.optim.ParamGroup;
import org.sgae.nn.optim.Sgd;
import org.sgae.train.config.SolverConfig;

/**
 * The scene-graph side's SGD of model-spec §11.1/§11.3, built from {@code nn.optim}: a weight group and a bias group
 * (lr × biasLrFactor, their own weight decay), a linear warm-up times a multi-step decay at fractions of the run,
 * and optional gradient-norm clipping.
 */
public final class Solver {
    private final SolverConfig config;
    private final Sgd sgd;
    private final LrSchedule schedule;
    private final List<Parameter> params;
    private double factor = 1;

    private Solver(SolverConfig config, Sgd sgd, LrSchedule schedule) {
        this.config = config;
        this.sgd = sgd;
        this.schedule = schedule;
        List<Parameter> all = new ArrayList<>();
        sgd.groups().forEach(g -> all.addAll(g.params()));
        this.params = List.copyOf(all);
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
        return new Solver(c, sgd, schedule(c, totalIters));
    }

    /** The lr multiplier: warm-up from warmupFactor over warmupIters, times decayGamma at each decayAt fraction. */
    static LrSchedule schedule(SolverConfig c, int totalIters) {
        LrSchedule s = c.warmupIters() > 0 ? LrSchedule.linearWarmup(c.warmupIters(), c.warmupFactor())
                : LrSchedule.constant();
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
        schedule.apply(sgd, it);
        factor = schedule.factor(it);
    }

    /** The weights' lr of the current iteration (biases train at biasLrFactor times this). */
    public double lr() {
        return config.lr() * factor;
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
        if (config.clipNorm() > 0) {
            double norm = GradClip.clipGradNorm(params, config.clipNorm());
            if (!Double.isFinite(norm)) {
                return false;
            }
        }
        sgd.step();
        return true;
    }

    public void zeroGrad() {
        sgd.zeroGrad();
    }

    /** The SGD underneath (momentum buffers for checkpoints). */
    public Sgd optimizer() {
        return sgd;
    }
}
