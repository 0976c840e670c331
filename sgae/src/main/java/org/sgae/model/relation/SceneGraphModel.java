package org.sgae.model.relation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.sgae.autograd.GradMode;
import org.sgae.data.pipeline.Batch;
import org.sgae.model.detector.BatchInputs;
import org.sgae.model.detector.FasterRcnn;
import org.sgae.model.detector.StageTimer;
import org.sgae.model.detector.roi.Detections;
import org.sgae.nn.Module;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Reduce;
import org.sgae.train.RandomStreams;
import org.sgae.train.TrainableModel;
import org.sgae.train.config.RelationConfig;
import org.sgae.train.config.TrainConfig;

/**
 * The scene-graph side (model-spec §2–7): {@link FasterRcnn} ({@code detector.*}) and the {@link RelationHead}
 * ({@code relation.*}). Training (§7, §11.3): the detector's losses on its sampled ROIs, the relation stage on the
 * post-processed detections of those ROIs, L_SG = L_det + L_repn + L_obj + L_rel with the named losses
 * {rpn_obj, rpn_box, cls, box, repn, obj, rel}. All draws come from the iteration's streams (§11.4): anchors, ROIs
 * and duplicate-relation choices from SG sampling, dropout masks from dropout.
 */
public final class SceneGraphModel extends Module {
    /** Loss names of {@link #losses}, in order. */
    public static final List<String> LOSS_NAMES = List.of("rpn_obj", "rpn_box", "cls", "box", "repn", "obj", "rel");

    private final RelationConfig config;
    private final FasterRcnn detector;
    private final RelationHead relation;
    private final Trainable trainable;
    /** The dropout stream of the step being computed; the box head reads it at each forward. */
    private SplittableRandom dropout;

    /** One image's GT for training: boxes [G·4], labels [G], relations [R·3] (s, o, p; local indices). */
    public record Target(float[] boxes, int[] labels, int[] relations) {
    }

    public SceneGraphModel(TrainConfig cfg, DType dtype, Device device, SplittableRandom init) {
        this.config = cfg.sg().validate();
        this.dropout = RandomStreams.of(cfg.seed()).dropout();
        Supplier<SplittableRandom> drop = () -> dropout;
        this.detector = registerModule("detector", new FasterRcnn(cfg.model(), dtype, device, init, drop));
        this.relation = registerModule("relation", new RelationHead(config, cfg.model().roiHeads().numClasses(),
                cfg.model().roiHeads().representationSize(), detector.backbone().outChannels(), detector.stride(),
                dtype, device, init));
        this.trainable = new Trainable(this, TrainableModel.of(this, this::losses));
    }

    /** The trainer's view of a scene-graph model, which {@code TrainRun} can ask for the model (frequency bias). */
    public record Trainable(SceneGraphModel model, TrainableModel delegate) implements TrainableModel.Delegating {
    }

    /**
     * The factory of phase 2 with λ_img = 0 (no generator yet: a plain Graph R-CNN, §11.3): a scene-graph model
     * whose detector starts from the phase-0 checkpoint {@code phase2.init} (required).
     */
    public static TrainableModel forPhase2(TrainConfig cfg) {
        String init = cfg.phase2().init();
        if (init == null || init.isBlank()) {
            throw new IllegalArgumentException("phase 2 starts from a phase-0 checkpoint: pass --set phase2.init=PATH"
                    + " (a checkpoint folder such as runs/<run>/checkpoints/iter-00018000, or its run folder)");
        }
        SceneGraphModel m = create(cfg);
        PhaseInit.loadDetector(java.nio.file.Path.of(init), cfg, m.detector());
        return m.trainable();
    }

    /** F32 on the CPU, weights from {@code cfg.seed()} (the detector draws first, as in phase 0). */
    public static SceneGraphModel create(TrainConfig cfg) {
        return new SceneGraphModel(cfg, DType.F32, Device.cpu(), new SplittableRandom(cfg.seed()));
    }

    public FasterRcnn detector() {
        return detector;
    }

    public RelationHead relation() {
        return relation;
    }

    /** This model as the trainer's model. */
    public Trainable trainable() {
        return trainable;
    }

    /** A loader batch (raw pixels) → the named losses of L_SG. */
    public Map<String, Tensor> losses(Batch batch, RandomStreams streams) {
        return trainPass(batch, streams).losses();
    }

    /**
     * One training forward and what phase 2's coupling reads from it (model-spec §10): the named losses of L_SG, the
     * detector's relation inputs (detections with their logits/deltas rows, ROI boxes, image sizes) and the relation
     * stage's output (refined logits ℓ, relation logits q, RePN relatedness r, kept pairs).
     */
    public record TrainPass(Map<String, Tensor> losses, FasterRcnn.RelationInputs inputs, RelationHead.Output output) {
    }

    /** {@link #losses(Batch, RandomStreams)} with the forward's internals (the joint model's view). */
    public TrainPass trainPass(Batch batch, RandomStreams streams) {
        dropout = streams.dropout();
        List<Target> targets = new ArrayList<>(batch.n());
        List<FasterRcnn.Target> det = BatchInputs.targets(batch);
        for (int i = 0; i < batch.n(); i++) {
            targets.add(new Target(det.get(i).boxes(), det.get(i).labels(), Arrays.copyOfRange(batch.relations(),
                    3 * batch.relOffsets()[i], 3 * batch.relOffsets()[i + 1])));
        }
        return trainPass(BatchInputs.images(batch), targets, streams.sgSampling());
    }

    /** images [3,H_i,W_i] in [0, 1], their GT, the SG-sampling stream → the named losses (scalars). */
    public Map<String, Tensor> losses(List<Tensor> images, List<Target> targets, SplittableRandom sampling) {
        return trainPass(images, targets, sampling).losses();
    }

    private TrainPass trainPass(List<Tensor> images, List<Target> targets, SplittableRandom sampling) {
        List<FasterRcnn.Target> det = new ArrayList<>(targets.size());
        for (Target t : targets) {
            det.add(new FasterRcnn.Target(t.boxes(), t.labels()));
        }
        FasterRcnn.RelationInputs in = detector.forwardTrainForRelations(images, det, sampling);
        RelationHead.Output out = relation.forward(in, null);
        SgTargets sg = targets(in.detections(), targets, sampling);
        Map<String, Tensor> losses = new LinkedHashMap<>(in.losses());
        losses.putAll(SgLosses.compute(out, sg, config.rel().bgReweight()));
        return new TrainPass(losses, in, out);
    }

    /** §7 targets of the detections; the duplicate-relation draws come from {@code sampling}, image by image. */
    SgTargets targets(List<Detections> dets, List<Target> targets, SplittableRandom sampling) {
        long t = StageTimer.start();
        List<int[]> detLabels = new ArrayList<>(dets.size());
        List<int[]> pairLabels = new ArrayList<>(dets.size());
        for (int i = 0; i < dets.size(); i++) {
            Target g = targets.get(i);
            int[] relMap = RelationTargets.relationMap(g.labels().length, g.relations(), sampling);
            detLabels.add(RelationTargets.detectionLabels(dets.get(i).boxes(), g.boxes(), g.labels(),
                    config.fgIou()));
            pairLabels.add(RelationTargets.pairLabels(dets.get(i).boxes(), g.boxes(), relMap, config.fgIou()));
        }
        StageTimer.stop(StageTimer.Stage.SG_TARGETS, t);
        return new SgTargets(detLabels, pairLabels);
    }

    /**
     * The eval-mode SGGen forward of {@link #infer} without its host post-processing (losses null): what the PRED
     * reconstruction's coupling reads (§12). Gradients as the caller's {@link GradMode}; call {@link #eval()} first.
     */
    public TrainPass evalPass(List<Tensor> images) {
        FasterRcnn.RelationInputs in = detector.detectForRelations(images);
        return new TrainPass(null, in, relation.forward(in, null));
    }

    /**
     * Scene graphs of images (model-spec §6, §12) in eval mode without gradients; call {@link #eval()} first.
     *
     * @param images   each [3,H_i,W_i] RGB in [0, 1]
     * @param gtBoxes  per image its GT boxes [G_i·4] in input pixels (SGCLS, PREDCLS; ignored, may be null, in SGGEN)
     * @param gtLabels per image its GT labels [G_i] (PREDCLS; ignored, may be null, otherwise)
     * @return per image its prediction, boxes in input pixels
     */
    public List<SceneGraphPrediction> infer(List<Tensor> images, List<float[]> gtBoxes, List<int[]> gtLabels,
                                            SgMode mode) {
        if (mode.gtBoxes() && (gtBoxes == null || gtBoxes.size() != images.size())) {
            throw new IllegalArgumentException(mode + ": needs the GT boxes of each of the " + images.size()
                    + " images");
        }
        if (mode == SgMode.PREDCLS && (gtLabels == null || gtLabels.size() != images.size())) {
            throw new IllegalArgumentException("PREDCLS: needs the GT labels of each of the " + images.size()
                    + " images");
        }
        try (GradMode off = GradMode.disabled()) {
            FasterRcnn.RelationInputs in = mode.gtBoxes() ? detector.detectGtForRelations(images, gtBoxes)
                    : detector.detectForRelations(images);
            if (mode == SgMode.PREDCLS) {
                for (int i = 0; i < images.size(); i++) {
                    if (gtLabels.get(i).length != in.detections().get(i).size()) {
                        throw new IllegalArgumentException("PREDCLS: image " + i + " has " + gtLabels.get(i).length
                                + " GT labels for " + in.detections().get(i).size() + " GT boxes");
                    }
                }
            }
            RelationHead.Output out = relation.forward(in, mode == SgMode.PREDCLS ? gtLabels : null);
            return predictions(in, out, mode, gtLabels);
        }
    }

    /**
     * {@link #infer} in several modes at once: SGCLS and PREDCLS share one detector pass over the GT boxes (their
     * detector inputs are the same), so an evaluation of every protocol runs the backbone twice per image, not three
     * times. Same arguments as {@link #infer}; returns each asked mode's predictions.
     */
    public Map<SgMode, List<SceneGraphPrediction>> inferModes(List<Tensor> images, List<float[]> gtBoxes,
                                                               List<int[]> gtLabels, java.util.Set<SgMode> modes) {
        Map<SgMode, List<SceneGraphPrediction>> out = new LinkedHashMap<>();
        if (modes.contains(SgMode.SGGEN)) {
            out.put(SgMode.SGGEN, infer(images, gtBoxes, gtLabels, SgMode.SGGEN));
        }
        boolean cls = modes.contains(SgMode.SGCLS);
        boolean pred = modes.contains(SgMode.PREDCLS);
        if (cls && pred) {
            if (gtBoxes == null || gtBoxes.size() != images.size() || gtLabels == null
                    || gtLabels.size() != images.size()) {
                throw new IllegalArgumentException("SGCLS/PREDCLS: need the GT boxes and labels of each of the "
                        + images.size() + " images");
            }
            try (GradMode off = GradMode.disabled()) {
                FasterRcnn.RelationInputs in = detector.detectGtForRelations(images, gtBoxes);
                for (int i = 0; i < images.size(); i++) {
                    if (gtLabels.get(i).length != in.detections().get(i).size()) {
                        throw new IllegalArgumentException("PREDCLS: image " + i + " has " + gtLabels.get(i).length
                                + " GT labels for " + in.detections().get(i).size() + " GT boxes");
                    }
                }
                out.put(SgMode.SGCLS, predictions(in, relation.forward(in, null), SgMode.SGCLS, gtLabels));
                out.put(SgMode.PREDCLS, predictions(in, relation.forward(in, gtLabels), SgMode.PREDCLS, gtLabels));
            }
        } else if (cls || pred) {
            SgMode m = cls ? SgMode.SGCLS : SgMode.PREDCLS;
            out.put(m, infer(images, gtBoxes, gtLabels, m));
        }
        return out;
    }

    /**
     * SGGen's output boxes (§6): each detection's class-specific box of its output label, decoded from its deltas
     * and ROI box and clipped to the image as post-processing does; equal to the detection's box where the label did
     * not change. d.deltas [N,4C] (detached), roi [N·4] → [N·4].
     */
    private float[] boxesOf(Detections d, float[] roi, int[] labels, org.sgae.model.detector.ImageSize size) {
        int n = d.size();
        if (n == 0) {
            return new float[0];
        }
        Tensor deltas = d.deltas().detach();
        Tensor ref = Tensor.of(roi, n, 4).to(deltas.dtype()).to(deltas.device());
        float[] all = org.sgae.model.detector.boxes.BoxOps.decode(deltas, ref,
                detector.config().roiHeads().boxWeights()).to(DType.F32).toFloatArray();       // [N·4C] read
        int c4 = all.length / n;
        float xm = size.width() - 1;
        float ym = size.height() - 1;
        float[] out = new float[4 * n];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < 4; k++) {
                float v = all[j * c4 + 4 * labels[j] + k];
                out[4 * j + k] = Math.max(Math.min(v, k % 2 == 0 ? xm : ym), 0);
            }
        }
        return out;
    }

    private List<SceneGraphPrediction> predictions(FasterRcnn.RelationInputs in, RelationHead.Output out,
                                                   SgMode mode, List<int[]> gtLabels) {
        List<Detections> dets = in.detections();
        int c = out.objLogits().dim(1);
        int p = config.rel().numPredicates();
        float[] objProb = Reduce.softmax(out.objLogits(), 1).to(DType.F32).toFloatArray();       // [ΣN·C] read
        float[] relProb = out.relLogits() == null ? new float[0]
                : Reduce.softmax(out.relLogits(), 1).to(DType.F32).toFloatArray();                // [ΣK·P] read
        RelationGraph g = out.graph();
        List<SceneGraphPrediction> preds = new ArrayList<>(dets.size());
        for (int i = 0; i < dets.size(); i++) {
            Detections d = dets.get(i);
            int n = d.size();
            int o0 = g.objectOffsets()[i];
            int r0 = g.relationOffsets()[i];
            int k = g.relationOffsets()[i + 1] - r0;
            int[] labels;
            float[] scores = new float[n];
            if (mode == SgMode.PREDCLS) {
                labels = gtLabels.get(i).clone();
                Arrays.fill(scores, 1f);
            } else if (config.obj().source() == RelationConfig.ObjSource.DETECTOR) {
                labels = d.labels().clone();
                scores = d.scores().clone();
            } else {
                labels = Labels.argmaxForeground(Arrays.copyOfRange(objProb, o0 * c, (o0 + n) * c), c);
                for (int j = 0; j < n; j++) {
                    scores[j] = objProb[(o0 + j) * c + labels[j]];
                }
            }
            float[] rel = Arrays.copyOfRange(relProb, r0 * p, (r0 + k) * p);
            if (config.repn().scoreInTriplet() && k > 0) {
                float[] r = out.repn().get(i).relatedness().to(DType.F32).toFloatArray();          // [K] read
                for (int j = 0; j < k; j++) {
                    for (int col = 0; col < p; col++) {
                        rel[j * p + col] *= r[j];
                    }
                }
            }
            float[] boxes = mode == SgMode.SGGEN && config.obj().source() == RelationConfig.ObjSource.REFINED
                    ? boxesOf(d, in.roiBoxes().get(i), labels, in.sizes().get(i)) : d.boxes().clone();
            preds.add(new SceneGraphPrediction(boxes, labels, scores, out.pairs().get(i).clone(), rel,
                    p));
        }
        return preds;
    }
}
