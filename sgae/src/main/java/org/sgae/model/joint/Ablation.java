package org.sgae.model.joint;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sgae.data.AtomicFiles;
import org.sgae.data.synth.NoiseConfig;
import org.sgae.data.synth.SynthConfig;
import org.sgae.data.vg.FrequencyStats;
import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgSplit;
import org.sgae.eval.FreqPredictor;
import org.sgae.eval.SgMode;
import org.sgae.eval.SgResult;
import org.sgae.train.BatchSource;
import org.sgae.train.JointTrainer;
import org.sgae.train.Progress;
import org.sgae.train.SyntheticWorlds;
import org.sgae.train.TrainRun;
import org.sgae.train.Trainer;
import org.sgae.train.config.TrainConfig;

/**
 * The λ_img ablation of issue 13 (model-spec §10): per seed, phase 2 with λ_img = 0 and with λ_img = 1 from the same
 * phase-0 and phase-1 checkpoints ({@code phase2.init}, {@code phase2.initGenerator}); each run is scored on the test
 * split (SGGen and PhrDet R@20/50/100, SGGen mR@50, PredCls R@20 and mR@50; FREQ beside them) and reconstructs it
 * (L1, PSNR, SSIM in GT, PRED and GRAPH_ONLY). Each value is reported as mean ± the 95 % confidence half-width of
 * the t-distribution over the seeds. The verdict compares SGGen R@50 per seed (paired λ=1 − λ=0 differences).
 */
public final class Ablation {
    /** The noisy world of the issue: missing-relation 0.5, wrong-predicate 0.2 (train split only). */
    public static NoiseConfig noisy() {
        NoiseConfig d = NoiseConfig.defaults();
        return new NoiseConfig(0.5, 0.2, d.duplicateRel(), d.missingObject(), d.labelNoise(), d.boxJitter(), false);
    }

    /** The arm name of the per-seed differences λ_img = 1 − λ_img = 0 in the tables and the JSON. */
    static final String PAIRED = "paired_difference";

    /** Two-sided 95 % t quantiles t_{0.975, df} for df = 1..30 (standard table values). */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042};
    /** The normal quantile beyond the table. */
    private static final double Z975 = 1.960;

    private Ablation() {
    }

    /** Mean and 95 % half-width (NaN with one value). */
    public record Stat(double mean, double half, int n) {
        public static Stat of(List<Double> v) {
            int n = v.size();
            double m = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            if (n < 2) {
                return new Stat(m, Double.NaN, n);
            }
            double ss = 0;
            for (double x : v) {
                ss += (x - m) * (x - m);
            }
            double sd = Math.sqrt(ss / (n - 1));
            double t = n - 1 <= T975.length ? T975[n - 2] : Z975;
            return new Stat(m, t * sd / Math.sqrt(n), n);
        }

        String text4() {
            return Double.isNaN(half) ? String.format(Locale.ROOT, "%.4f", mean)
                    : String.format(Locale.ROOT, "%.4f ± %.4f", mean, half);
        }

        /** "+m ± h" with {@code digits} decimals, in bold when the interval excludes zero. */
        String signed(double scale, int digits) {
            String f = "%+." + digits + "f";
            String t = Double.isNaN(half) ? String.format(Locale.ROOT, f, scale * mean)
                    : String.format(Locale.ROOT, f + " ± %." + digits + "f", scale * mean, scale * half);
            return !Double.isNaN(half) && Math.abs(mean) > half ? "**" + t + "**" : t;
        }

        String text(double scale) {
            return Double.isNaN(half) ? String.format(Locale.ROOT, "%.2f", scale * mean)
                    : String.format(Locale.ROOT, "%.2f ± %.2f", scale * mean, scale * half);
        }
    }

    /** The metric names of the table, in order (recalls in %, image metrics as they are). */
    public static final List<String> METRICS = List.of("SGGen R@20", "SGGen R@50", "SGGen R@100", "SGGen mR@50",
            "PhrDet R@20", "PhrDet R@50", "PhrDet R@100", "PredCls R@20", "PredCls mR@50",
            "L1 GT", "L1 PRED", "L1 GRAPH_ONLY", "PSNR GT", "PSNR PRED", "SSIM GT", "SSIM PRED");

    /**
     * Runs the ablation and writes {@code ablation-<world>.md} and {@code .json} into {@code out}.
     *
     * @param base        the resolved config (phase2.init and phase2.initGenerator set; phase2.iters as wanted)
     * @param seeds       seeds per λ
     * @param world       "default" or "noisy"
     * @param worldCache  synthetic world cache
     * @param evalImages  test images evaluated per run (≤ 0: all)
     */
    public static Map<String, Map<String, Stat>> run(TrainConfig base, int seeds, String world, Path worldCache,
                                                     Path out, int evalImages, PrintStream console) {
        return run(base, seeds, world, worldCache, out, evalImages, false, console);
    }

    /**
     * As above; with {@code resume}, arms that finished (their {@value ArmResult#FILE}) are read back instead of
     * trained again, an arm cut off mid-training continues from its latest checkpoint, and the tables are rewritten.
     * Each arm's numbers are written as soon as it ends, so a stopped ablation loses at most the arm it was in.
     */
    public static Map<String, Map<String, Stat>> run(TrainConfig base, int seeds, String world, Path worldCache,
                                                     Path out, int evalImages, boolean resume, PrintStream console) {
        if (base.phase2().init() == null || base.phase2().initGenerator() == null) {
            throw new IllegalArgumentException("ablation: pass --set phase2.init=PHASE0 and --set "
                    + "phase2.initGenerator=PHASE1 (the checkpoints both arms start from)");
        }
        Path md = out.resolve("ablation-" + world + ".md");
        Path js = out.resolve("ablation-" + world + ".json");
        if (!resume && (Files.exists(md) || Files.exists(js))) {
            throw new IllegalArgumentException(md + ": exists; choose another --out (or --resume to redo the tables)");
        }
        SynthConfig sc = SyntheticWorlds.synthConfig(base.world());
        if ("noisy".equals(world)) {
            sc = sc.withNoise(noisy());
        } else if (!"default".equals(world)) {
            throw new IllegalArgumentException("--world must be default or noisy, got " + world);
        }
        Path data = SyntheticWorlds.ensure(sc, base.world(), worldCache, console);
        VgDataset train = TrainRun.trainSet(base, 2, data);
        VgDataset test = VgDataset.open(VgConfig.of(data, VgSplit.TEST));
        FreqPredictor freq = new FreqPredictor(FrequencyStats.compute(train));
        Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
        for (String arm : List.of("lambda0", "lambda1", "FREQ")) {
            Map<String, List<Double>> m = new LinkedHashMap<>();
            METRICS.forEach(k -> m.put(k, new ArrayList<>()));
            values.put(arm, m);
        }
        List<Double> diff = new ArrayList<>();
        List<List<Double>> seconds = List.of(new ArrayList<>(), new ArrayList<>());
        for (int s = 0; s < seeds; s++) {
            double[] r50 = new double[2];
            for (int lam = 0; lam <= 1; lam++) {
                TrainConfig cfg = base.withSeed(base.seed() + s).withJoint(base.joint().withLambdaImg(lam));
                Path runDir = out.resolve("runs").resolve(world).resolve("seed-" + s).resolve("lambda-" + lam);
                ArmResult done = resume ? ArmResult.read(runDir).orElse(null) : null;
                ArmResult r = done != null ? done
                        : trainArm(cfg, world, runDir, resume, train, test, freq, evalImages, console);
                if (done == null) {
                    r.write(runDir);
                } else {
                    console.printf(Locale.ROOT, "ablation %s: seed %d, lambdaImg %d: done earlier (%s)%n", world,
                            cfg.seed(), lam, runDir.resolve(ArmResult.FILE));
                }
                values.get("lambda" + lam).forEach((k, v) -> addIfPresent(v, r.model().get(k)));
                if (lam == 0) {
                    values.get("FREQ").forEach((k, v) -> addIfPresent(v, r.freq().get(k)));
                }
                r50[lam] = r.model().get("SGGen R@50");
                seconds.get(lam).add(r.seconds());
            }
            diff.add(r50[1] - r50[0]);
        }
        Map<String, Map<String, Stat>> stats = new LinkedHashMap<>();
        values.forEach((arm, m) -> {
            Map<String, Stat> st = new LinkedHashMap<>();
            m.forEach((k, v) -> st.put(k, v.isEmpty() ? null : Stat.of(v)));
            stats.put(arm, st);
        });
        // Per metric, the paired difference λ_img = 1 − λ_img = 0 over the seeds (same seed, same data order).
        Map<String, Stat> paired = new LinkedHashMap<>();
        values.get("lambda0").forEach((k, v0) -> {
            List<Double> v1 = values.get("lambda1").get(k);
            List<Double> dk = new ArrayList<>();
            for (int i = 0; i < Math.min(v0.size(), v1.size()); i++) {
                dk.add(v1.get(i) - v0.get(i));
            }
            paired.put(k, dk.isEmpty() ? null : Stat.of(dk));
        });
        stats.put(PAIRED, paired);
        Stat d = Stat.of(diff);
        String verdict = verdict(d, world, seeds) + "\n\n" + timing(seconds, base);
        AtomicFiles.write(md, markdown(stats, world, base, seeds, verdict, d).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(js, json(stats, world, base, seeds, verdict, d).getBytes(StandardCharsets.UTF_8));
        console.print(markdown(stats, world, base, seeds, verdict, d));
        console.println("wrote " + md + " and " + js);
        return stats;
    }

    /** Trains one arm (or continues it from its latest checkpoint) and scores it on the test split. */
    private static ArmResult trainArm(TrainConfig cfg, String world, Path runDir, boolean resume, VgDataset train,
                                      VgDataset test, FreqPredictor freq, int evalImages, PrintStream console) {
        boolean cont = resume && Files.isRegularFile(runDir.resolve(TrainRun.CONFIG));
        TrainRun.prepareFolder(runDir, cont);
        TrainRun.saveConfig(runDir, cfg);
        JointModel model = JointModel.forPhase2(cfg);
        if (cfg.sg().rel().freqBias()) {
            model.sg().relation().initFrequencyBias(FrequencyStats.compute(train)); // a resume overwrites it
        }
        JointTrainer trainer = new JointTrainer(model, cfg, runDir);
        int start = cont ? trainer.resumeFromLatest() : 0;
        console.printf(Locale.ROOT, "ablation %s: seed %d, lambdaImg %s: phase 2 for %d iterations%s%n", world,
                cfg.seed(), cfg.joint().lambdaImg(), cfg.phase2().iters(),
                start > 0 ? " (continuing at " + start + ")" : "");
        Trainer.Summary sum = trainer.run(BatchSource.of(train, TrainRun.loader(cfg, cfg.phase2().batchSize())), start,
                Progress.console("seed " + cfg.seed() + " lambda " + cfg.joint().lambdaImg(), start,
                        cfg.phase2().iters(), console));
        console.printf(Locale.ROOT, "phase 2 (lambdaImg %s): %d iterations, %d skipped, %.1f s%n",
                cfg.joint().lambdaImg(), sum.iteration(), sum.skipped(), sum.seconds());
        SceneGraphScores.Result sr = SceneGraphScores.run(model.sg(), cfg, test, freq, evalImages);
        Reconstructions.Result rr = Reconstructions.run(model, test, evalImages, cfg.seed(), null);
        // A continued arm's seconds cover only the part trained in this process: the table says so by its count.
        return new ArmResult(start == 0 ? sum.seconds() : Double.NaN, metrics(sr.model(), rr), metrics(sr.freq(),
                null));
    }

    private static void addIfPresent(List<Double> to, Double v) {
        if (v != null) {
            to.add(v);
        }
    }

    /** The table's metrics of one evaluation (recalls as fractions; image metrics when {@code rr} is given). */
    static Map<String, Double> metrics(Map<SgMode, SgResult> r, Reconstructions.Result rr) {
        Map<String, Double> m = new LinkedHashMap<>();
        SgResult g = r.get(SgMode.SGGEN);
        SgResult ph = r.get(SgMode.PHRDET);
        SgResult pc = r.get(SgMode.PREDCLS);
        m.put("SGGen R@20", g.recall()[0]);
        m.put("SGGen R@50", g.recall()[1]);
        m.put("SGGen R@100", g.recall()[2]);
        m.put("SGGen mR@50", g.meanRecall()[1]);
        m.put("PhrDet R@20", ph.recall()[0]);
        m.put("PhrDet R@50", ph.recall()[1]);
        m.put("PhrDet R@100", ph.recall()[2]);
        m.put("PredCls R@20", pc.recall()[0]);
        m.put("PredCls mR@50", pc.meanRecall()[1]);
        if (rr != null) {
            var v = rr.means();
            m.put("L1 GT", v.get(Reconstructions.Mode.GT).l1());
            m.put("L1 PRED", v.get(Reconstructions.Mode.PRED).l1());
            m.put("L1 GRAPH_ONLY", v.get(Reconstructions.Mode.GRAPH_ONLY).l1());
            m.put("PSNR GT", v.get(Reconstructions.Mode.GT).psnr());
            m.put("PSNR PRED", v.get(Reconstructions.Mode.PRED).psnr());
            m.put("SSIM GT", v.get(Reconstructions.Mode.GT).ssim());
            m.put("SSIM PRED", v.get(Reconstructions.Mode.PRED).ssim());
        }
        return m;
    }

    /** Phase-2 wall time per arm (arms continued after a stop are left out: their time was split). */
    static String timing(List<List<Double>> seconds, TrainConfig base) {
        StringBuilder sb = new StringBuilder("Phase 2 wall time per arm (training only, this machine):");
        for (int lam = 0; lam <= 1; lam++) {
            List<Double> t = seconds.get(lam).stream().filter(Double::isFinite).toList();
            double mean = t.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ips = base.phase2().iters() * (double) base.phase2().batchSize() / mean;
            sb.append(String.format(Locale.ROOT, " λ_img = %d: %.0f s (%.1f images/s, %d arms)%s", lam, mean, ips,
                    t.size(), lam == 0 ? ";" : "."));
        }
        return sb.toString();
    }

    /** One plain sentence from the paired SGGen R@50 differences. */
    static String verdict(Stat d, String world, int seeds) {
        String diff = String.format(Locale.ROOT, "%+.2f", 100 * d.mean())
                + (Double.isNaN(d.half()) ? "" : String.format(Locale.ROOT, " ± %.2f", 100 * d.half()));
        if (Double.isNaN(d.half())) {
            return "With one seed there is no confidence interval; SGGen R@50 changed by " + diff + " points with"
                    + " reconstruction on the " + world + " world.";
        }
        if (d.mean() - d.half() > 0) {
            return "Reconstruction helped on the " + world + " world: SGGen R@50 rose by " + diff + " points (λ_img = 1"
                    + " minus λ_img = 0, paired over " + seeds + " seeds, 95 % CI above zero).";
        }
        if (d.mean() + d.half() < 0) {
            return "Reconstruction hurt on the " + world + " world: SGGen R@50 changed by " + diff + " points (95 % CI"
                    + " below zero, " + seeds + " seeds).";
        }
        return "Reconstruction did not measurably help on the " + world + " world: SGGen R@50 changed by " + diff
                + " points, and the 95 % CI over " + seeds + " seeds includes zero.";
    }

    private static String markdown(Map<String, Map<String, Stat>> st, String world, TrainConfig base, int seeds,
                                   String verdict, Stat d) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "## λ_img ablation, %s world (%d seeds, phase 2 %d iterations, batch %d,"
                + " preset %s)%n%n", world, seeds, base.phase2().iters(), base.phase2().batchSize(),
                base.preset().name().toLowerCase(Locale.ROOT)));
        sb.append("Recalls in %, mean ± 95 % CI half-width (t-distribution over seeds). FREQ: PredCls from the GT,"
                + " SGGen/PhrDet on the λ_img = 0 runs' objects.\n\n");
        sb.append("| metric | λ_img = 0 | λ_img = 1 | FREQ | paired Δ (λ_img = 1 − 0) |\n|---|---|---|---|---|\n");
        for (String k : METRICS) {
            boolean recall = !k.startsWith("L1") && !k.startsWith("PSNR") && !k.startsWith("SSIM");
            double scale = recall ? 100 : 1;
            sb.append("| ").append(k);
            for (String arm : List.of("lambda0", "lambda1", "FREQ")) {
                Stat s = st.get(arm).get(k);
                sb.append(" | ").append(s == null ? "—" : recall ? s.text(scale) : s.text4());
            }
            Stat p = st.get(PAIRED).get(k);
            sb.append(" | ").append(p == null ? "—" : p.signed(recall ? 100 : 1, recall ? 2 : 4)).append(" |\n");
        }
        sb.append("\nPaired Δ in bold: its 95 % CI excludes zero.\n");
        sb.append("\n").append(verdict).append("\n");
        return sb.toString();
    }

    private static String json(Map<String, Map<String, Stat>> st, String world, TrainConfig base, int seeds,
                               String verdict, Stat d) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"world\": \"").append(world).append("\",\n");
        sb.append("  \"seeds\": ").append(seeds).append(",\n");
        sb.append("  \"phase2_iters\": ").append(base.phase2().iters()).append(",\n");
        sb.append("  \"phase2_init\": \"").append(esc(base.phase2().init())).append("\",\n");
        sb.append("  \"phase2_init_generator\": \"").append(esc(base.phase2().initGenerator())).append("\",\n");
        sb.append("  \"sggen_r50_difference\": ").append(pair(d)).append(",\n");
        sb.append("  \"verdict\": \"").append(esc(verdict)).append("\",\n  \"arms\": {\n");
        int a = 0;
        for (var arm : st.entrySet()) {
            sb.append("    \"").append(arm.getKey()).append("\": {");
            int k = 0;
            for (var e : arm.getValue().entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                sb.append(k++ == 0 ? "\n" : ",\n").append("      \"").append(e.getKey()).append("\": ")
                        .append(pair(e.getValue()));
            }
            sb.append("\n    }").append(++a < st.size() ? ",\n" : "\n");
        }
        return sb.append("  }\n}\n").toString();
    }

    private static String pair(Stat s) {
        return String.format(Locale.ROOT, "{\"mean\": %s, \"ci95\": %s, \"n\": %d}", num(s.mean()), num(s.half()),
                s.n());
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
