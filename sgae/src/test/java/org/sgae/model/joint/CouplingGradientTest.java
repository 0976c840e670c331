package org.sgae.model.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.autograd.Engine;
import org.sgae.autograd.GradMode;
import org.sgae.data.pipeline.Batch;
import org.sgae.model.generator.GtGraphs;
import org.sgae.model.generator.SceneGraph;
import org.sgae.model.relation.SceneGraphModel;
import org.sgae.model.relation.TinySg;
import org.sgae.nn.Parameter;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.BatchSource;
import org.sgae.train.RandomStreams;
import org.sgae.train.TrainRun;
import org.sgae.model.generator.TinyGen;
import org.sgae.train.config.GeneratorConfig;
import org.sgae.train.config.TrainConfig;

/**
 * The three coupling paths of model-spec §10 at λ_img = 1 on a tiny F64 joint model:
 * <ul>
 *   <li>each path alone (the other two detached) carries a non-zero, finite gradient from L_G into the scene-graph
 *       parameters it must reach (soft labels → the aGCN's classifiers; boxes → the box regressor; weights → RePN),
 *       and none into a parameter only another path reaches;</li>
 *   <li>L_G's gradient with respect to each interface tensor (ℓ, q, r, deltas) matches central finite differences in
 *       F64 (with the discrete choices — labels, top-M, pairs — held fixed, as §10 says no gradient flows there); the
 *       rest of the chain to the parameters is ordinary autograd, checked by the scene-graph side's own tests.</li>
 * </ul>
 */
class CouplingGradientTest {
    /** F64 central differences of a smooth function with ε = 1e-6: truncation ~ε², rounding ~1e-16/ε ≈ 1e-10. */
    private static final double REL_TOL = 1e-5;
    private static final double ABS_TOL = 1e-9;
    private static final double EPS = 1e-6;
    @TempDir
    static Path tmp;
    private static TrainConfig cfg;
    private static Batch batch;

    @BeforeAll
    static void tiny() {
        GeneratorConfig g = TinyGen.config();
        cfg = TinySg.config(4, 1, 2, List.of()).withGenerator(g).validate();
        Path world = TinySg.world(cfg, tmp.resolve("worlds"));
        Iterator<Batch> it = BatchSource.of(TrainRun.trainSet(cfg, 2, world), TrainRun.loader(cfg, 2)).from(0);
        batch = it.next();
        BatchSource.closeIfNeeded(it);
    }

    private static JointModel model() {
        JointModel m = new JointModel(cfg, DType.F64, Device.cpu(), new SplittableRandom(5), new SplittableRandom(6));
        m.train();
        return m;
    }

    private static Tensor gradOf(Map<String, Parameter> params, String prefix) {
        double sum = 0;
        boolean any = false;
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getValue().grad() != null) {
                any = true;
                double[] g = e.getValue().grad().toDoubleArray();
                for (double v : g) {
                    assertTrue(Double.isFinite(v), e.getKey() + " has a non-finite gradient");
                    sum += Math.abs(v);
                }
            }
        }
        return any ? Tensor.scalar(sum) : null;
    }

    private static double grad(JointModel m, Coupling.Lambdas l, String prefix) {
        try (MemoryScope scope = MemoryScope.open()) {
            RandomStreams s = RandomStreams.forIteration(cfg.seed(), 0);
            SceneGraphModel.TrainPass pass = m.sg().trainPass(batch, s);
            SceneGraph g = Coupling.build(m.gan().generator().vocab(), cfg.generator().maxObjects(),
                    CouplingInputs.of(pass.inputs(), pass.output(), cfg.sg().obj().source()),
                    cfg.model().roiHeads().boxWeights(), 1.0, l);
            Tensor target = GtGraphs.targets(batch, cfg.generator().imageSize(), DType.F64, Device.cpu());
            Tensor noise = m.gan().generator().drawNoise(batch.n(), s.generatorNoise(), target);
            m.zeroGrad();
            Engine.backward(m.gan().generatorLosses(g, target, noise).total()); // L_G only
            Tensor t = gradOf(m.sg().namedParameters(), prefix);
            return t == null ? 0 : t.item();
        }
    }

    @Test
    void eachPathAloneCarriesGradientIntoItsSceneGraphParameters() {
        JointModel m = model();
        String gcn = "relation.gcn.";
        String bbox = "detector.roiHeads.predictor.bbox_pred.";
        String repn = "relation.repn.";
        Coupling.Lambdas labels = new Coupling.Lambdas(1, 0, 0);
        Coupling.Lambdas boxes = new Coupling.Lambdas(0, 1, 0);
        Coupling.Lambdas weights = new Coupling.Lambdas(0, 0, 1);
        assertTrue(grad(m, labels, gcn) > 0, "soft labels reach the aGCN");
        assertEquals(0, grad(m, labels, bbox), "soft labels do not reach the box regressor");
        assertTrue(grad(m, boxes, bbox) > 0, "boxes reach the box regressor");
        assertEquals(0, grad(m, boxes, repn), "boxes do not reach RePN");
        assertTrue(grad(m, weights, repn) > 0, "relatedness weights reach RePN");
        assertEquals(0, grad(m, weights, bbox), "relatedness weights do not reach the box regressor");
        assertEquals(0, grad(m, new Coupling.Lambdas(0, 0, 0), "detector."), "λ = 0 everywhere: nothing reaches SG");
    }

    @Test
    void interfaceGradientsMatchFiniteDifferences() {
        JointModel m = model();
        try (MemoryScope scope = MemoryScope.open()) {
            RandomStreams s = RandomStreams.forIteration(cfg.seed(), 0);
            CouplingInputs x;
            try (GradMode off = GradMode.disabled()) {
                SceneGraphModel.TrainPass pass = m.sg().trainPass(batch, s);
                x = CouplingInputs.of(pass.inputs(), pass.output(), cfg.sg().obj().source());
            }
            Tensor target = GtGraphs.targets(batch, cfg.generator().imageSize(), DType.F64, Device.cpu());
            Tensor noise = m.gan().generator().drawNoise(batch.n(), s.generatorNoise(), target);
            Tensor[] leaves = {leaf(x.objLogits()), leaf(x.relLogits()), leaf(x.relatedness()), leaf(x.deltas())};
            String[] names = {"ℓ (soft object labels)", "q (soft predicates)", "r (triple weights)",
                    "deltas (layout boxes)"};
            Function<Tensor[], Tensor> lossOf = v -> {
                CouplingInputs y = new CouplingInputs(v[0], v[1], v[2], v[3], x.objOffsets(), x.relOffsets(),
                        x.pairs(), x.roiBoxes(), x.sizes(), x.labels(), x.scores());
                SceneGraph g = Coupling.build(m.gan().generator().vocab(), cfg.generator().maxObjects(), y,
                        cfg.model().roiHeads().boxWeights(), 1.0, Coupling.Lambdas.all(1));
                return m.gan().generatorLosses(g, target, noise).total();
            };
            Engine.backward(lossOf.apply(leaves));
            for (int k = 0; k < leaves.length; k++) {
                double[] a = leaves[k].grad().toDoubleArray();
                double[] data = leaves[k].cpu().f64();
                int checked = 0;
                for (int n = 0; n < 3; n++) {
                    int i = argmaxAbs(a, n);
                    if (Math.abs(a[i]) < ABS_TOL) {
                        continue;
                    }
                    int at = leaves[k].offset() + i;
                    double orig = data[at];
                    data[at] = orig + EPS;
                    double plus = value(lossOf, leaves);
                    data[at] = orig - EPS;
                    double minus = value(lossOf, leaves);
                    data[at] = orig;
                    double numeric = (plus - minus) / (2 * EPS);
                    double rel = Math.abs(a[i] - numeric) / (Math.abs(a[i]) + Math.abs(numeric));
                    assertTrue(rel < REL_TOL || Math.abs(a[i] - numeric) < ABS_TOL, names[k] + " element " + i
                            + ": analytic " + a[i] + " vs numeric " + numeric);
                    checked++;
                }
                assertTrue(checked > 0, names[k] + ": L_G has no gradient with respect to it");
            }
        }
    }

    private static double value(Function<Tensor[], Tensor> f, Tensor[] v) {
        try (GradMode off = GradMode.disabled(); MemoryScope scope = MemoryScope.open()) {
            return f.apply(v).item();
        }
    }

    /** The index of the n-th largest |a| (n = 0, 1, 2; by repeated scans, ties by lower index). */
    private static int argmaxAbs(double[] a, int n) {
        boolean[] used = new boolean[a.length];
        int best = 0;
        for (int round = 0; round <= n; round++) {
            best = -1;
            for (int i = 0; i < a.length; i++) {
                if (!used[i] && (best < 0 || Math.abs(a[i]) > Math.abs(a[best]))) {
                    best = i;
                }
            }
            used[best] = true;
        }
        return best;
    }

    private static Tensor leaf(Tensor t) {
        Tensor c = Tensor.of(t.detach().toDoubleArray(), t.shape().toArray()).contiguous();
        c.requiresGrad(true);
        return c;
    }
}
