package org.sgae.model.detector;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.sgae.model.detector.backbone.Vgg16Weights;
import org.sgae.model.detector.backbone.VggBackbone;
import org.sgae.model.detector.boxes.Boxes;
import org.sgae.model.detector.roi.Detections;
import org.sgae.model.detector.roi.RoiHeads;
import org.sgae.model.detector.rpn.ProposalSelector;
import org.sgae.model.detector.rpn.Rpn;
import org.sgae.model.detector.rpn.RpnLoss;
import org.sgae.nn.Module;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.train.config.DetectorConfig;

/**
 * Faster R-CNN of model-spec §2–3: input transform → VGG-style backbone → RPN → ROI heads → post-processing.
 * Submodules are named {@code backbone}, {@code rpn}, {@code roiHeads}, so parameter names read
 * {@code backbone.conv1_1.weight}, {@code roiHeads.boxHead.fc6.weight}.
 *
 * <p>Randomness (§11.4): {@code init} draws the initial weights, {@code dropout} is the dropout stream owned by the
 * box head, and each training call takes the SG-sampling stream (anchors and ROIs).
 */
public final class FasterRcnn extends Module {
    /** Loss names of {@link #forwardTrain}, in order. */
    public static final List<String> LOSS_NAMES = List.of("rpn_obj", "rpn_box", "cls", "box");

    private final DetectorConfig config;
    private final DType dtype;
    private final Device device;
    private final InputTransform transform;
    private final VggBackbone backbone;
    private final Rpn rpn;
    private final RoiHeads roiHeads;

    /** One training image's GT: boxes [G·4] ("+1" boxes, input pixels) and classes [G] in [1, C). */
    public record Target(float[] boxes, int[] labels) {
        public Target {
            int g = Boxes.checkBoxes("target.boxes", boxes);
            if (labels == null || labels.length != g) {
                throw new IllegalArgumentException("target.labels: must be [G = " + g + "], got "
                        + (labels == null ? "null" : "[" + labels.length + "]"));
            }
        }
    }

    public FasterRcnn(DetectorConfig config, DType dtype, Device device, SplittableRandom init,
                      SplittableRandom dropout) {
        this(config, dtype, device, init, () -> dropout);
    }

    /**
     * As above, with the dropout stream looked up at each forward: the trainer hands in each iteration's stream
     * (§11.4), so a resumed run draws the masks an uninterrupted one would.
     */
    public FasterRcnn(DetectorConfig config, DType dtype, Device device, SplittableRandom init,
                      Supplier<SplittableRandom> dropout) {
        this.config = config.validate();
        this.dtype = dtype;
        this.device = device;
        this.transform = new InputTransform(config.input());
        this.backbone = registerModule("backbone", new VggBackbone(config.backbone(), dtype, device, init));
        this.rpn = registerModule("rpn", new Rpn(config.rpn(), backbone.outChannels(), dtype, device, init));
        this.roiHeads = registerModule("roiHeads", new RoiHeads(config.roiHeads(), config.postProcess(),
                backbone.outChannels(), backbone.stride(), dtype, device, init, dropout));
        if (config.backbone().weights() != null) { // §2: otherwise random init
            Vgg16Weights.load(Path.of(config.backbone().weights()), backbone, roiHeads.boxHead());
        }
    }

    public DetectorConfig config() {
        return config;
    }

    public VggBackbone backbone() {
        return backbone;
    }

    public RoiHeads roiHeads() {
        return roiHeads;
    }

    /**
     * images: each [3,H_i,W_i] RGB in [0, 1]; targets per image; sampling: the SG-sampling stream → the losses
     * {rpn_obj, rpn_box, cls, box} (scalars; L_det is their sum, {@link #total}).
     */
    public Map<String, Tensor> forwardTrain(List<Tensor> images, List<Target> targets, SplittableRandom sampling) {
        return forwardTrain(images, targets, sampling, null);
    }

    /**
     * As {@link #forwardTrain(List, List, SplittableRandom)}, but with given per-image proposals [R_i,4] in place of
     * the RPN's (the RPN's losses are still computed). For gradient checks: the RPN's proposals move with the
     * weights while no gradient flows through them (§3.2), so a finite-difference check must hold them fixed.
     */
    public Map<String, Tensor> forwardTrain(List<Tensor> images, List<Target> targets, SplittableRandom sampling,
                                            List<Tensor> fixedProposals) {
        return train(images, targets, sampling, fixedProposals, false).losses();
    }

    /** The named losses and, when asked for, the training-time detections (§3.5 on the sampled ROIs, §11.3). */
    public record TrainOutput(Map<String, Tensor> losses, List<Detections> detections) {
    }

    /**
     * The losses and the detections that the relation stage trains on: post-processing over each image's sampled
     * ROIs (§3.5: R' is the sampled ROIs in training), with differentiable logits/fc7/deltas rows.
     */
    public TrainOutput forwardTrainWithDetections(List<Tensor> images, List<Target> targets,
                                                  SplittableRandom sampling) {
        RelationInputs r = train(images, targets, sampling, null, true);
        return new TrainOutput(r.losses(), r.detections());
    }

    /**
     * What the relation stage reads (model-spec §4–5): the detections, the backbone features [B,C,h,w] they came
     * from (for the union-box ROI Align) and each image's un-padded input size (for RePN's box code); in training
     * also the detector's named losses (null at test time). {@code roiBoxes}: per image the ROI (proposal) box of
     * each detection [N_i·4], from which its deltas decode a box for any class (SGGen's output box, §6); null where
     * the boxes are not regressed (GT-box modes).
     */
    public record RelationInputs(Map<String, Tensor> losses, List<Detections> detections, Tensor features,
                                 List<ImageSize> sizes, List<float[]> roiBoxes) {
        public RelationInputs(Map<String, Tensor> losses, List<Detections> detections, Tensor features,
                              List<ImageSize> sizes) {
            this(losses, detections, features, sizes, null);
        }
    }

    /** {@link #forwardTrainWithDetections} with the backbone features and image sizes. */
    public RelationInputs forwardTrainForRelations(List<Tensor> images, List<Target> targets,
                                                   SplittableRandom sampling) {
        return train(images, targets, sampling, null, true);
    }

    /** The backbone's stride: feature cell size in input pixels. */
    public int stride() {
        return backbone.stride();
    }

    private RelationInputs train(List<Tensor> images, List<Target> targets, SplittableRandom sampling,
                              List<Tensor> fixedProposals, boolean withDetections) {
        if (targets.size() != images.size()) {
            throw new IllegalArgumentException("forwardTrain: " + images.size() + " images but " + targets.size()
                    + " targets");
        }
        long t = StageTimer.start();
        InputTransform.Batch batch = transform.apply(images, dtype, device);
        t = StageTimer.stop(StageTimer.Stage.INPUT, t);
        Tensor features = backbone.forward(batch.images());  // [B,C,H/16,W/16]
        StageTimer.stop(StageTimer.Stage.BACKBONE, t);
        List<float[]> gtBoxes = new ArrayList<>();
        List<int[]> gtLabels = new ArrayList<>();
        for (Target target : targets) {
            gtBoxes.add(target.boxes());
            gtLabels.add(target.labels());
        }
        Rpn.Output r = rpn.forward(features, batch.sizes(), gtBoxes, sampling);
        List<Tensor> proposals = fixedProposals;
        if (proposals == null) {
            proposals = new ArrayList<>();
            for (ProposalSelector.Proposals p : r.proposals()) {
                proposals.add(p.boxes());                       // [R_i + G_i, 4], detached
            }
        }
        RoiHeads.Losses roi = roiHeads.forwardTrain(features, proposals, gtBoxes, gtLabels, sampling);
        RpnLoss.Losses rl = r.losses();
        Map<String, Tensor> losses = new LinkedHashMap<>();
        losses.put("rpn_obj", rl.objectness());
        losses.put("rpn_box", rl.box());
        losses.put("cls", roi.cls());
        losses.put("box", roi.box());
        List<Detections> dets = withDetections
                ? roiHeads.postProcess(roi.head(), roi.sampledBoxes(), batch.sizes()) : null;
        return new RelationInputs(losses, dets, features, batch.sizes(),
                dets == null ? null : roiBoxesOf(dets, roi.sampledBoxes()));
    }

    /** Per image the ROI box of each detection [N_i·4] (read: the sampled ROIs are detached host facts). */
    private static List<float[]> roiBoxesOf(List<Detections> dets, List<Tensor> rois) {
        List<float[]> out = new ArrayList<>(dets.size());
        for (int i = 0; i < dets.size(); i++) {
            int[] idx = dets.get(i).roiIndex();
            float[] all = idx.length == 0 ? new float[0] : rois.get(i).detach().to(DType.F32).toFloatArray();
            float[] b = new float[4 * idx.length];
            for (int k = 0; k < idx.length; k++) {
                System.arraycopy(all, 4 * idx[k], b, 4 * k, 4);
            }
            out.add(b);
        }
        return out;
    }

    /** L_det = Σ of the named losses. */
    public static Tensor total(Map<String, Tensor> losses) {
        Tensor sum = null;
        for (Tensor t : losses.values()) {
            sum = sum == null ? t : sum.add(t);
        }
        return sum;
    }

    /**
     * images: each [3,H_i,W_i] RGB in [0, 1] → per image its detections (§3.5), boxes in input-image pixels. Uses
     * the test-time proposal counts; call {@link #eval()} first for eval-mode dropout.
     */
    public List<Detections> detect(List<Tensor> images) {
        return detectForRelations(images).detections();
    }

    /** {@link #detect} with the backbone features and image sizes (losses null). */
    public RelationInputs detectForRelations(List<Tensor> images) {
        long t = StageTimer.start();
        InputTransform.Batch batch = transform.apply(images, dtype, device);
        t = StageTimer.stop(StageTimer.Stage.INPUT, t);
        Tensor features = backbone.forward(batch.images());  // [B,C,h,w]
        StageTimer.stop(StageTimer.Stage.BACKBONE, t);
        Rpn.Output r = rpn.forward(features, batch.sizes(), null, null);
        List<Tensor> proposals = new ArrayList<>();
        for (ProposalSelector.Proposals p : r.proposals()) {
            proposals.add(p.boxes());                           // [R_i,4]
        }
        List<Detections> dets = roiHeads.detect(features, proposals, batch.sizes());
        List<float[]> roiBoxes = new ArrayList<>(dets.size());
        for (int i = 0; i < dets.size(); i++) {
            float[] all = proposals.get(i).detach().to(DType.F32).toFloatArray(); // read: the kept detections' ROIs
            int[] idx = dets.get(i).roiIndex();
            float[] b = new float[4 * idx.length];
            for (int k = 0; k < idx.length; k++) {
                System.arraycopy(all, 4 * idx[k], b, 4 * k, 4);
            }
            roiBoxes.add(b);
        }
        return new RelationInputs(null, dets, features, batch.sizes(), roiBoxes);
    }

    /** GT-box modes (SGCls, PredCls): no RPN, no regression; detections are the GT boxes [G_i·4] in order. */
    public List<Detections> detectGt(List<Tensor> images, List<float[]> gtBoxes) {
        return detectGtForRelations(images, gtBoxes).detections();
    }

    /** {@link #detectGt} with the backbone features and image sizes (losses null). */
    public RelationInputs detectGtForRelations(List<Tensor> images, List<float[]> gtBoxes) {
        if (gtBoxes.size() != images.size()) {
            throw new IllegalArgumentException("detectGt: " + images.size() + " images but " + gtBoxes.size()
                    + " GT box lists");
        }
        for (int i = 0; i < gtBoxes.size(); i++) {
            Boxes.checkBoxes("gtBoxes[" + i + "]", gtBoxes.get(i));
        }
        long t = StageTimer.start();
        InputTransform.Batch batch = transform.apply(images, dtype, device);
        t = StageTimer.stop(StageTimer.Stage.INPUT, t);
        Tensor features = backbone.forward(batch.images());  // [B,C,h,w]
        StageTimer.stop(StageTimer.Stage.BACKBONE, t);
        return new RelationInputs(null, roiHeads.detectGt(features, gtBoxes), features, batch.sizes());
    }
}
