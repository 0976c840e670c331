package org.sgae.model.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgSplit;
import org.sgae.model.detector.DetectorModel;
import org.sgae.model.generator.Phase1Model;
import org.sgae.model.relation.TinySg;
import org.sgae.nn.optim.Optimizer;
import org.sgae.train.Checkpoint;
import org.sgae.train.JointTrainer;
import org.sgae.train.Solver;
import org.sgae.model.generator.TinyGen;
import org.sgae.train.config.GeneratorConfig;
import org.sgae.train.config.TrainConfig;

/**
 * {@code sgae reconstruct}'s library on a tiny phase-2 checkpoint (grid layout, metrics JSON, fixed per-image noise,
 * no silent overwrite), the t-interval of the ablation table, and a two-seed ablation of the tiny config end to end
 * (phase-0 and phase-1 checkpoints → four phase-2 runs → markdown and JSON).
 */
class ReconstructAndAblationTest {
    @TempDir
    static Path tmp;
    private static TrainConfig cfg;
    private static Path world;

    @BeforeAll
    static void tiny() {
        GeneratorConfig g = TinyGen.config();
        cfg = TinySg.config(12, 1, 2, List.of()).withGenerator(g).validate();
        world = TinySg.world(cfg, tmp.resolve("worlds"));
    }

    @Test
    void reconstructWritesGridsAndMetricsOnceWithFixedNoise() throws IOException {
        JointModel m = JointModel.create(cfg);
        Map<String, Optimizer> opt = new JointTrainer(m, cfg, null).optimizers();
        Path ckpt = Checkpoint.save(tmp.resolve("p2"), cfg, 2, 1, m.trainable(), opt);
        JointModel loaded = JointModel.fromCheckpoint(tmp.resolve("p2"));
        VgDataset test = VgDataset.open(VgConfig.of(world, VgSplit.TEST));
        int n = Math.min(3, test.size());
        Reconstructions.Result r = Reconstructions.writeFolder(loaded, test, n, cfg.seed(), tmp.resolve("rec"), ckpt);
        assertEquals(n, r.images());
        BufferedImage grid = ImageIO.read(tmp.resolve("rec/grid-000.png").toFile());
        int s = cfg.generator().imageSize();
        assertEquals(4 * s + 5 * 2, grid.getWidth(), "input | GT | PRED | GRAPH_ONLY");
        assertEquals(n * s + (n + 1) * 2, grid.getHeight());
        String json = Files.readString(tmp.resolve("rec/metrics.json"));
        for (String mode : List.of("\"GT\"", "\"PRED\"", "\"GRAPH_ONLY\"", "\"ssim\"")) {
            assertTrue(json.contains(mode), json);
        }
        r.means().values().forEach(v -> assertTrue(v.l1() > 0 && v.l1() < 1 && Double.isFinite(v.psnr()), "" + v));
        // the same images again: the same numbers (noise seeded per image, eval mode)
        assertEquals(r.means(), Reconstructions.run(loaded, test, n, cfg.seed(), null).means());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                Reconstructions.writeFolder(loaded, test, n, cfg.seed(), tmp.resolve("rec"), ckpt));
        assertTrue(e.getMessage().contains("exists"), e.getMessage());
        // a checkpoint of another phase: one line
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () ->
                JointModel.fromCheckpoint(phase0()));
        assertTrue(p.getMessage().contains("phase 0") && !p.getMessage().contains("\n"), p.getMessage());
    }

    @Test
    void tIntervalAndVerdict() {
        Ablation.Stat s = Ablation.Stat.of(List.of(1.0, 2.0, 3.0));
        assertEquals(2.0, s.mean(), 1e-12);
        assertEquals(4.303 / Math.sqrt(3), s.half(), 1e-9); // t_{0.975, 2} · sd 1 / √3
        assertTrue(Ablation.verdict(Ablation.Stat.of(List.of(0.02, 0.03, 0.025)), "noisy", 3)
                .startsWith("Reconstruction helped"));
        assertTrue(Ablation.verdict(Ablation.Stat.of(List.of(0.02, -0.03, 0.0)), "default", 3)
                .startsWith("Reconstruction did not measurably help"));
    }

    private static Path phase0() {
        DetectorModel det = DetectorModel.create(cfg);
        Path dir = tmp.resolve("p0");
        return Files.isDirectory(dir) ? Checkpoint.latest(dir).orElseThrow() : Checkpoint.save(dir, cfg, 0, 1,
                det.trainable(), Solver.sgd(cfg.detSolver(), det.trainable().namedParameters(), 1));
    }

    @Test
    void twoSeedAblationOfTheTinyConfigWritesItsTables() throws IOException {
        Path p0 = phase0();
        Phase1Model gan = Phase1Model.forPhase1(cfg);
        Path p1 = Checkpoint.save(tmp.resolve("p1"), cfg, 1, 1, gan, Map.of());
        TrainConfig base = cfg.withPhase2(cfg.phase2().withInit(p0.toString()).withInitGenerator(p1.toString()));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Map<String, Map<String, Ablation.Stat>> st = Ablation.run(base, 2, "default", tmp.resolve("worlds"),
                tmp.resolve("abl"), 4, new PrintStream(console, true));
        assertEquals(2, st.get("lambda1").get("SGGen R@50").n());
        assertTrue(Double.isFinite(st.get("lambda0").get("L1 PRED").mean()));
        String md = Files.readString(tmp.resolve("abl/ablation-default.md"));
        assertTrue(md.contains("| SGGen R@50 |") && md.contains("Reconstruction"), md);
        assertTrue(Files.readString(tmp.resolve("abl/ablation-default.json")).contains("\"verdict\""));
        // The paired column: per-seed differences, whose mean is the difference of the two arms' means.
        assertTrue(md.contains("paired Δ"), md);
        Ablation.Stat pd = st.get(Ablation.PAIRED).get("SGGen R@50");
        assertEquals(2, pd.n());
        assertEquals(st.get("lambda1").get("SGGen R@50").mean() - st.get("lambda0").get("SGGen R@50").mean(),
                pd.mean(), org.sgae.tensor.Tolerances.F64_EXACTISH.atol());
        assertThrows(IllegalArgumentException.class, () -> Ablation.run(base, 1, "default", tmp.resolve("worlds"),
                tmp.resolve("abl"), 4, new PrintStream(console, true)), "no silent overwrite");

        // --resume: finished arms are read back, not trained again; an arm whose result is gone is retrained and
        // (same seed, same data, fixed threads) gives the same numbers.
        Path arm = tmp.resolve("abl/runs/default/seed-1/lambda-1");
        Files.delete(arm.resolve(ArmResult.FILE));
        deleteTree(arm);
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        Map<String, Map<String, Ablation.Stat>> st2 = Ablation.run(base, 2, "default", tmp.resolve("worlds"),
                tmp.resolve("abl"), 4, true, new PrintStream(again, true));
        String log = again.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(3, log.split("done earlier", -1).length - 1, log);
        assertEquals(st.get("lambda1").get("SGGen R@50"), st2.get("lambda1").get("SGGen R@50"));
        assertEquals(st.get("lambda1").get("L1 PRED").mean(), st2.get("lambda1").get("L1 PRED").mean(), 0.0);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
