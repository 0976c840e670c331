package org.sgae.model.relation;

import java.util.List;
import java.util.SplittableRandom;
import org.sgae.model.detector.StageTimer;
import org.sgae.nn.Linear;
import org.sgae.nn.Module;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Assemble;
import org.sgae.tensor.ops.Index;
import org.sgae.train.config.RelationConfig;

/**
 * The attentional GCN of model-spec §5 on the RePN-pruned graph, batched over the images (global node indices):
 * feature-level steps ({@link FeatureStep}), the classifiers ℓ = Linear(D→C)(z_obj), q = Linear(3D→P)([z_s; z_o;
 * z_k]), then score-level steps ({@link ScoreStep}) with the last feature step's α. Step weights are per step, or one
 * set when {@code gcn.shareSteps}. Submodules {@code feature0..}, {@code objCls}, {@code relCls}, {@code score0..}.
 */
public final class AttentionalGcn extends Module {
    private final FeatureStep[] featureSteps;
    private final ScoreStep[] scoreSteps;
    private final Linear objCls;
    private final Linear relCls;

    /** ℓ [ΣN,C] and q [ΣK,P] (null when the batch has no pair). */
    public record Output(Tensor objLogits, Tensor relLogits) {
    }

    public AttentionalGcn(RelationConfig.Gcn config, int dim, int numClasses, int numPredicates, DType dtype,
                          Device device, SplittableRandom rng) {
        config.validate();
        int nf = config.shareSteps() ? 1 : config.featureSteps();
        int ns = config.shareSteps() ? Math.min(1, config.scoreSteps()) : config.scoreSteps();
        this.featureSteps = new FeatureStep[config.featureSteps()];
        this.scoreSteps = new ScoreStep[config.scoreSteps()];
        for (int l = 0; l < nf; l++) {
            featureSteps[l] = registerModule("feature" + l, new FeatureStep(dim, config.attentionDim(), dtype, device,
                    rng));
        }
        for (int l = nf; l < featureSteps.length; l++) {
            featureSteps[l] = featureSteps[0];
        }
        this.objCls = registerModule("objCls", Linears.normal(dim, numClasses, true, dtype, device, rng));
        this.relCls = registerModule("relCls", Linears.normal(3 * dim, numPredicates, true, dtype, device, rng));
        for (int l = 0; l < ns; l++) {
            scoreSteps[l] = registerModule("score" + l, new ScoreStep(numClasses, numPredicates, dtype, device, rng));
        }
        for (int l = ns; l < scoreSteps.length; l++) {
            scoreSteps[l] = scoreSteps[0];
        }
    }

    /** z_obj⁰ [ΣN,D], z_rel⁰ [ΣK,D] (null when ΣK = 0), the graph → ℓ [ΣN,C], q [ΣK,P]. */
    public Output forward(Tensor objects, Tensor relations, RelationGraph graph) {
        long t = StageTimer.start();
        GraphTensors g = new GraphTensors(graph, objects.device());
        Tensor zo = objects;
        Tensor zr = relations;
        Tensor[] alpha = new Tensor[3];
        for (FeatureStep step : featureSteps) {
            FeatureStep.Output o = step.forward(zo, zr, g);
            zo = o.objects();
            zr = o.relations();
            alpha = o.alpha();
        }
        t = StageTimer.stop(StageTimer.Stage.AGCN, t);
        Tensor l = objCls.forward(zo);                                               // [ΣN,C]
        Tensor q = zr == null ? null : relCls.forward(Assemble.cat(List.of(Index.indexSelect(zo, 0, g.subjects),
                Index.indexSelect(zo, 0, g.objects), zr), 1));                       // [ΣK,3D] → [ΣK,P]
        for (ScoreStep step : scoreSteps) {
            ScoreStep.Output o = step.forward(l, q, alpha, g);
            l = o.objects();
            q = o.relations();
        }
        StageTimer.stop(StageTimer.Stage.SG_CLASSIFIERS, t);
        return new Output(l, q);
    }
}
