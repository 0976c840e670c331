package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

/**
 * The relation stage of model-spec §4–7 (RePN, relation features, aGCN, classifiers, losses, outputs). Keys under
 * {@code sg.}: {@code sg.repn.topK}, {@code sg.gcn.shareSteps}, {@code sg.rel.freqBias}, {@code sg.obj.source}, ...
 *
 * @param repn     the relation proposal network (§4)
 * @param features node features: hidden size D and the union-box pooling (§5)
 * @param gcn      the attentional GCN (§5)
 * @param rel      the predicate head and its loss (§5, §7)
 * @param obj      where output labels and scores come from (§6)
 * @param fgIou    IoU for detection labels and for the pair matcher's quality (0.5, §7)
 */
public record RelationConfig(Repn repn, Features features, Gcn gcn, Rel rel, Obj obj, double fgIou) {

    /**
     * RePN (§4): four MLPs Linear → ReLU → Linear, hidden and output size 64; K = min(topK, N(N−1)) pairs kept.
     *
     * @param scoreInTriplet multiply r_k into triplet scores (off: GRCNN has it commented out)
     */
    public record Repn(int topK, int hidden, int out, boolean scoreInTriplet) {
        public Repn validate() {
            require(topK >= 1, "RelationConfig.Repn", "topK", "must be >= 1", topK);
            require(hidden >= 1, "RelationConfig.Repn", "hidden", "must be >= 1", hidden);
            require(out >= 1, "RelationConfig.Repn", "out", "must be >= 1", out);
            return this;
        }
    }

    /**
     * Node features (§5): z⁰ of objects = ReLU(Linear(fc7)), of relations = the union box's ROI Align
     * (unionPool × unionPool, sampling ratio) through Linear → ReLU → Linear → ReLU.
     *
     * @param dim D, the hidden size of every relation-side node (512)
     */
    public record Features(int dim, int unionPool, int samplingRatio) {
        public Features validate() {
            require(dim >= 1, "RelationConfig.Features", "dim", "must be >= 1", dim);
            require(unionPool >= 1, "RelationConfig.Features", "unionPool", "must be >= 1", unionPool);
            require(samplingRatio >= 1, "RelationConfig.Features", "samplingRatio", "must be >= 1", samplingRatio);
            return this;
        }
    }

    /**
     * The aGCN (§5).
     *
     * @param attentionDim  the hidden size of W_a (256)
     * @param featureSteps  feature-level steps (2)
     * @param scoreSteps    score-level steps (2), reusing the last feature-level α
     * @param shareSteps    one set of step weights for all steps (GRCNN) instead of one per step
     */
    public record Gcn(int attentionDim, int featureSteps, int scoreSteps, boolean shareSteps) {
        public Gcn validate() {
            require(attentionDim >= 1, "RelationConfig.Gcn", "attentionDim", "must be >= 1", attentionDim);
            require(featureSteps >= 1, "RelationConfig.Gcn", "featureSteps",
                    "must be >= 1 (the score-level steps reuse the last feature-level α)", featureSteps);
            require(scoreSteps >= 0, "RelationConfig.Gcn", "scoreSteps", "must be >= 0", scoreSteps);
            return this;
        }
    }

    /**
     * The predicate head (§5, §7).
     *
     * @param numPredicates C_pred including background 0 (51 for VG150)
     * @param freqBias      add the trainable frequency table F[label_s, label_o] to q (off)
     * @param bgReweight    weight background pairs by n_fg / n_bg in L_rel (on, GRCNN)
     */
    public record Rel(int numPredicates, boolean freqBias, boolean bgReweight) {
        public Rel validate() {
            require(numPredicates >= 2, "RelationConfig.Rel", "numPredicates", "must be >= 2 (background + 1)",
                    numPredicates);
            return this;
        }
    }

    /** §6: REFINED = softmax of the aGCN's ℓ (eq. 4); DETECTOR = the post-processing label and score (GRCNN). */
    public enum ObjSource {
        REFINED, DETECTOR
    }

    /** Output labels and scores (§6). */
    public record Obj(ObjSource source) {
        public Obj validate() {
            require(source != null, "RelationConfig.Obj", "source", "must be REFINED or DETECTOR", null);
            return this;
        }
    }

    public RelationConfig validate() {
        require(repn != null, "RelationConfig", "repn", "must be set", null);
        require(features != null, "RelationConfig", "features", "must be set", null);
        require(gcn != null, "RelationConfig", "gcn", "must be set", null);
        require(rel != null, "RelationConfig", "rel", "must be set", null);
        require(obj != null, "RelationConfig", "obj", "must be set", null);
        repn.validate();
        features.validate();
        gcn.validate();
        rel.validate();
        obj.validate();
        require(fgIou > 0 && fgIou <= 1, "RelationConfig", "fgIou", "must be in (0, 1]", fgIou);
        return this;
    }

    public RelationConfig withRepn(Repn v) {
        return new RelationConfig(v, features, gcn, rel, obj, fgIou);
    }

    public RelationConfig withFeatures(Features v) {
        return new RelationConfig(repn, v, gcn, rel, obj, fgIou);
    }

    public RelationConfig withGcn(Gcn v) {
        return new RelationConfig(repn, features, v, rel, obj, fgIou);
    }

    public RelationConfig withRel(Rel v) {
        return new RelationConfig(repn, features, gcn, v, obj, fgIou);
    }

    public RelationConfig withObj(Obj v) {
        return new RelationConfig(repn, features, gcn, rel, v, fgIou);
    }
}
