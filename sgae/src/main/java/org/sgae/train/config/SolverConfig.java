package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

import java.util.List;

/**
 * The SGD solver of the scene-graph side (model-spec §11.1, §11.3): momentum SGD with a bias group, a linear warm-up
 * and a multi-step decay at fractions of the run (or, for short runs, a cosine or linear decay to 0 over the whole
 * run), and optional gradient-norm clipping.
 *
 * @param lr              base learning rate of the weights
 * @param momentum        SGD momentum
 * @param weightDecay     L2 weight decay of the weights
 * @param biasLrFactor    biases train at lr × this (GRCNN: 2)
 * @param biasWeightDecay weight decay of the biases (GRCNN: 0)
 * @param warmupIters     iterations of the linear warm-up (0: none)
 * @param warmupFactor    the warm-up starts at lr × this (GRCNN: 1/3)
 * @param decayAt         fractions of the phase's iterations at which lr is multiplied by {@code decayGamma}
 * @param decayGamma      the decay factor (0.1)
 * @param clipNorm        maximum L2 norm of all gradients together; 0 turns clipping off
 * @param schedule        the decay after the warm-up: STEP (×decayGamma at each decayAt, the spec's), COSINE or
 *                        LINEAR (from lr down to 0 at the phase's last iteration; decayAt and decayGamma unused);
 *                        absent in a config.json written before it existed, which reads as STEP
 */
public record SolverConfig(double lr, double momentum, double weightDecay, double biasLrFactor,
                           double biasWeightDecay, int warmupIters, double warmupFactor, List<Double> decayAt,
                           double decayGamma, double clipNorm, Schedule schedule) {
    /** How lr decays over a phase after the warm-up. */
    public enum Schedule {
        /** ×decayGamma at each fraction of decayAt (model-spec §11.1). */
        STEP,
        /** Half a cosine from lr to 0 over the phase (SGDR without restarts; detectron2's WarmupCosineLR). */
        COSINE,
        /** A straight line from lr to 0 over the phase. */
        LINEAR
    }

    public SolverConfig {
        decayAt = decayAt == null ? null : List.copyOf(decayAt);
        schedule = schedule == null ? Schedule.STEP : schedule;
    }

    /** The spec's multi-step schedule. */
    public SolverConfig(double lr, double momentum, double weightDecay, double biasLrFactor, double biasWeightDecay,
                        int warmupIters, double warmupFactor, List<Double> decayAt, double decayGamma,
                        double clipNorm) {
        this(lr, momentum, weightDecay, biasLrFactor, biasWeightDecay, warmupIters, warmupFactor, decayAt, decayGamma,
                clipNorm, Schedule.STEP);
    }

    public SolverConfig validate() {
        require(lr > 0 && Double.isFinite(lr), "SolverConfig", "lr", "must be finite and > 0", lr);
        require(momentum >= 0 && momentum < 1, "SolverConfig", "momentum", "must be in [0, 1)", momentum);
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "SolverConfig", "weightDecay",
                "must be finite and >= 0", weightDecay);
        require(biasLrFactor > 0 && Double.isFinite(biasLrFactor), "SolverConfig", "biasLrFactor",
                "must be finite and > 0", biasLrFactor);
        require(biasWeightDecay >= 0 && Double.isFinite(biasWeightDecay), "SolverConfig", "biasWeightDecay",
                "must be finite and >= 0", biasWeightDecay);
        require(warmupIters >= 0, "SolverConfig", "warmupIters", "must be >= 0", warmupIters);
        require(warmupFactor > 0 && warmupFactor <= 1, "SolverConfig", "warmupFactor", "must be in (0, 1]",
                warmupFactor);
        require(decayAt != null, "SolverConfig", "decayAt", "must be set (may be empty)", null);
        for (int i = 0; i < decayAt.size(); i++) {
            double f = decayAt.get(i);
            require(f > 0 && f < 1 && (i == 0 || f > decayAt.get(i - 1)), "SolverConfig", "decayAt",
                    "must be increasing fractions in (0, 1)", decayAt);
        }
        require(decayGamma > 0 && decayGamma <= 1, "SolverConfig", "decayGamma", "must be in (0, 1]", decayGamma);
        require(clipNorm >= 0 && Double.isFinite(clipNorm), "SolverConfig", "clipNorm",
                "must be finite and >= 0 (0 = off)", clipNorm);
        return this;
    }

    public SolverConfig withLr(double v) {
        return new SolverConfig(v, momentum, weightDecay, biasLrFactor, biasWeightDecay, warmupIters, warmupFactor,
                decayAt, decayGamma, clipNorm, schedule);
    }

    public SolverConfig withWarmupIters(int v) {
        return new SolverConfig(lr, momentum, weightDecay, biasLrFactor, biasWeightDecay, v, warmupFactor, decayAt,
                decayGamma, clipNorm, schedule);
    }

    public SolverConfig withWeightDecay(double v) {
        return new SolverConfig(lr, momentum, v, biasLrFactor, biasWeightDecay, warmupIters, warmupFactor, decayAt,
                decayGamma, clipNorm, schedule);
    }

    public SolverConfig withClipNorm(double v) {
        return new SolverConfig(lr, momentum, weightDecay, biasLrFactor, biasWeightDecay, warmupIters, warmupFactor,
                decayAt, decayGamma, v, schedule);
    }

    public SolverConfig withSchedule(Schedule v) {
        return new SolverConfig(lr, momentum, weightDecay, biasLrFactor, biasWeightDecay, warmupIters, warmupFactor,
                decayAt, decayGamma, clipNorm, v);
    }
}
