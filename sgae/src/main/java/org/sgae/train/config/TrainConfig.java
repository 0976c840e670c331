package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

/**
 * Everything a training run reads, resolved from a {@link Preset} (the single source of defaults), then an optional
 * JSON file and {@code --set} overrides ({@link ConfigJson}). Saved as JSON next to every checkpoint.
 *
 * @param preset     the preset the defaults came from; a checkpoint of another preset is refused
 * @param seed       root of every random stream (model-spec §11.4)
 * @param phase0     detector pretraining (§11.1)
 * @param phase1     generator on ground truth (§11.2)
 * @param phase2     joint training (§11.3)
 * @param detSolver  SGD of phase 0 (§11.1)
 * @param sgSolver   SGD of the scene-graph side in phase 2 (§11.3)
 * @param run        logging and checkpoints
 * @param world      the synthetic world used without {@code --data}
 * @param model      the detector (model-spec §2–3), from {@link Preset#detector()}
 * @param sg         the relation stage (model-spec §4–7), from {@link Preset#relation()}
 * @param generator  the generator, discriminators and their Adam (model-spec §8–9, §11.2), from
 *                   {@link Preset#generator()}
 */
public record TrainConfig(Preset preset, long seed, PhaseConfig phase0, PhaseConfig phase1, PhaseConfig phase2,
                          SolverConfig detSolver, SolverConfig sgSolver, RunConfig run, WorldConfig world,
                          DetectorConfig model, RelationConfig sg, GeneratorConfig generator,
                          JointConfig joint) {
    /** Configs written before phase 2's coupling existed have no "joint": the spec's defaults. */
    public TrainConfig {
        if (joint == null) {
            joint = JointConfig.DEFAULT;
        }
    }

    /** The 12 parts before the coupling existed, with {@link JointConfig#DEFAULT}. */
    public TrainConfig(Preset preset, long seed, PhaseConfig phase0, PhaseConfig phase1, PhaseConfig phase2,
                       SolverConfig detSolver, SolverConfig sgSolver, RunConfig run, WorldConfig world,
                       DetectorConfig model, RelationConfig sg, GeneratorConfig generator) {
        this(preset, seed, phase0, phase1, phase2, detSolver, sgSolver, run, world, model, sg, generator,
                JointConfig.DEFAULT);
    }

    /** The preset's full config; the {@code cpu} preset is the named config of model-spec §14. */
    public static TrainConfig preset(Preset p) {
        return p.train();
    }

    public TrainConfig validate() {
        require(preset != null, "TrainConfig", "preset", "must be set", null);
        require(phase0 != null, "TrainConfig", "phase0", "must be set", null);
        require(phase1 != null, "TrainConfig", "phase1", "must be set", null);
        require(phase2 != null, "TrainConfig", "phase2", "must be set", null);
        require(detSolver != null, "TrainConfig", "detSolver", "must be set", null);
        require(sgSolver != null, "TrainConfig", "sgSolver", "must be set", null);
        require(run != null, "TrainConfig", "run", "must be set", null);
        require(world != null, "TrainConfig", "world", "must be set", null);
        require(model != null, "TrainConfig", "model", "must be set", null);
        require(sg != null, "TrainConfig", "sg", "must be set", null);
        require(generator != null, "TrainConfig", "generator", "must be set", null);
        within("phase0", phase0::validate);
        within("phase1", phase1::validate);
        within("phase2", phase2::validate);
        within("detSolver", detSolver::validate);
        within("sgSolver", sgSolver::validate);
        within("run", run::validate);
        within("world", world::validate);
        within("model", model::validate);
        within("sg", sg::validate);
        within("generator", generator::validate);
        within("joint", joint::validate);
        return this;
    }

    /** Prefixes a component's error with its key here, since one record type can sit under two keys (solvers). */
    private static void within(String key, Runnable validate) {
        try {
            validate.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /** The length and batch of phase 0, 1 or 2. */
    public PhaseConfig phase(int phase) {
        return switch (phase) {
            case 0 -> phase0;
            case 1 -> phase1;
            case 2 -> phase2;
            default -> throw new IllegalArgumentException("phase must be 0, 1 or 2, got " + phase);
        };
    }

    public TrainConfig withSeed(long v) {
        return new TrainConfig(preset, v, phase0, phase1, phase2, detSolver, sgSolver, run, world, model, sg,
                generator, joint);
    }

    public TrainConfig withPhase0(PhaseConfig v) {
        return new TrainConfig(preset, seed, v, phase1, phase2, detSolver, sgSolver, run, world, model, sg,
                generator, joint);
    }

    public TrainConfig withDetSolver(SolverConfig v) {
        return new TrainConfig(preset, seed, phase0, phase1, phase2, v, sgSolver, run, world, model, sg, generator,
                joint);
    }

    public TrainConfig withRun(RunConfig v) {
        return new TrainConfig(preset, seed, phase0, phase1, phase2, detSolver, sgSolver, v, world, model, sg,
                generator, joint);
    }

    public TrainConfig withWorld(WorldConfig v) {
        return new TrainConfig(preset, seed, phase0, phase1, phase2, detSolver, sgSolver, run, v, model, sg,
                generator, joint);
    }

    public TrainConfig withPhase2(PhaseConfig v) {
        return new TrainConfig(preset, seed, phase0, phase1, v, detSolver, sgSolver, run, world, model, sg,
                generator, joint);
    }

    public TrainConfig withModel(DetectorConfig v) {
        return new TrainConfig(preset, seed, phase0, phase1, phase2, detSolver, sgSolver, run, world, v, sg,
                generator, joint);
    }

    public TrainConfig withSg(RelationConfig v) {
        return new TrainConfig(preset, seed, phase0, phase1, phase2, detSolver, sgSolver, run, world, model, v,
                generator, joint);
    }

    public TrainConfig withGenerator(GeneratorConfig v) {
        return new TrainConfig(preset, seed, phase0, phase1, phase2, detSolver, sgSolver, run, world, model, sg, v,
                joint);
    }

    public TrainConfig withPhase1(PhaseConfig v) {
        return new TrainConfig(preset, seed, phase0, v, phase2, detSolver, sgSolver, run, world, model, sg,
                generator, joint);
    }

    public TrainConfig withJoint(JointConfig v) {
        return new TrainConfig(preset, seed, phase0, phase1, phase2, detSolver, sgSolver, run, world, model, sg,
                generator, v);
    }
}
