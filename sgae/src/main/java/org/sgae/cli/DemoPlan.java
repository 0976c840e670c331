package org.sgae.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's named settings: the config overrides (on the cpu preset) of every phase, and how many test images the
 * image metrics use. One place, printed at the start of every demo and saved as demo-plan.json.
 *
 * <p>{@link #FULL} is sized for ≤ 10 minutes on 2 quiet cores from a measured demo (AMD EPYC fam 25 model 17, 2
 * vCPUs, with 250 phase-2 iterations: 5 min 55 s wall, 2.04 GiB peak RSS; phase 0 2 000 iterations of batch 4 ≈ 170 s,
 * phase 1 200 iterations of batch 8 48 s, the joint phase 2 (λ_img = 1) 0.25 s per iteration, the scene-graph phase
 * 2 (λ_img = 0) 0.10 s, each evaluation ≈ 25 s): 250 phase-2 iterations left the scene-graph model below FREQ, so
 * phase 2 runs 600 (≈ +2 min). {@link #QUICK} (CI) runs the same pipeline on
 * a 40-image world of 64 px with a few iterations per phase.
 *
 * @param name          "demo" or "quick"
 * @param sets          --set overrides shared by every phase (one resolved config per run)
 * @param metricImages  test images whose reconstructions are scored (image metrics)
 */
record DemoPlan(String name, List<String> sets, int metricImages) {
    static final DemoPlan FULL = new DemoPlan("demo", List.of(
            // phase 0: the short setting (configs/cpu-phase0-3min.json)
            "phase0.iters=2000", "detSolver.lr=0.04", "model.roiHeads.dropout=0",
            // phase 1: the generator on GT graphs
            "phase1.iters=200",
            // phase 2: each of the λ_img = 1 and λ_img = 0 runs. Objects keep the phase-0 detector's labels and
            // scores: the refined object classifier (REFINED, §6) starts from scratch and is barely trained in a few
            // hundred iterations (measured, 60 iterations from the full phase-0 run: SGGen R@50 0.52 and detector
            // AP50 0.004 with REFINED, 17.7 and 0.674 with DETECTOR on the same checkpoint).
            "phase2.iters=600", "sg.obj.source=DETECTOR",
            "run.logEvery=10", "run.checkpointEvery=300", "run.keepCheckpoints=2"), 256);

    static final DemoPlan QUICK = new DemoPlan("quick", List.of(
            "world.images=40", "world.size=64",
            "phase0.iters=4", "phase0.batchSize=2", "detSolver.lr=0.04", "model.roiHeads.dropout=0",
            "phase1.iters=2", "phase1.batchSize=2",
            "phase2.iters=2", "phase2.batchSize=2", "sg.obj.source=DETECTOR",
            "run.logEvery=1", "run.checkpointEvery=2", "run.keepCheckpoints=2"), 16);

    /** This plan with more overrides after its own (demo --set); the name says so. */
    DemoPlan with(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(sets);
        all.addAll(more);
        return new DemoPlan(name + " + --set", List.copyOf(all), metricImages);
    }

    /** As JSON-ready map (demo-plan.json). */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("preset", "cpu");
        m.put("sets", sets);
        m.put("metricImages", metricImages);
        return m;
    }
}
