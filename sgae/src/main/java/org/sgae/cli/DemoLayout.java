package org.sgae.cli;

import java.nio.file.Path;

/**
 * The folders of a demo run (what {@code sgae demo} writes and {@code sgae report RUN_DIR} reads):
 * <pre>
 *   RUN/demo-plan.json        the plan (iterations per phase, world) the demo ran with
 *   RUN/phase0/  phase1/      training runs (config.json, log.jsonl, checkpoints/iter-N)
 *   RUN/phase2/               phase 2 with λ_img = 1 (the joint model; absent until the joint trainer exists)
 *   RUN/phase2-l0/            phase 2 with λ_img = 0 (the scene-graph side alone)
 *   RUN/eval/  eval-l0/       sgae eval --mode all of phase2 / phase2-l0 (results-*.json, freq/, detector-ap-*.json)
 *   RUN/image-metrics.json    L1 / PSNR / SSIM of the reconstructions on test images
 *   RUN/report/index.html     the report
 * </pre>
 */
record DemoLayout(Path root) {
    static final String PLAN = "demo-plan.json";
    static final String IMAGE_METRICS = "image-metrics.json";

    Path plan() {
        return root.resolve(PLAN);
    }

    Path phase0() {
        return root.resolve("phase0");
    }

    Path phase1() {
        return root.resolve("phase1");
    }

    /** λ_img = 1: the joint model's run. */
    Path phase2() {
        return root.resolve("phase2");
    }

    /** λ_img = 0: the scene-graph side alone. */
    Path phase2L0() {
        return root.resolve("phase2-l0");
    }

    Path eval() {
        return root.resolve("eval");
    }

    Path evalL0() {
        return root.resolve("eval-l0");
    }

    Path imageMetrics() {
        return root.resolve(IMAGE_METRICS);
    }

    Path report() {
        return root.resolve("report");
    }
}
