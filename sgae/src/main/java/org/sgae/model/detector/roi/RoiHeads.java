package org.sgae.model.detector.roi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.sgae.model.detector.ImageSize;
import org.sgae.model.detector.boxes.BoxOps;
import org.sgae.nn.Module;
import org.sgae.nn.loss.CrossEntropy;
import org.sgae.nn.loss.Reduction;
import org.sgae.nn.loss.RegressionLoss;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.model.detector.StageTimer;
import org.sgae.tensor.attrs.RoiAlignAttrs;
import org.sgae.tensor.ops.Assemble;
import org.sgae.tensor.ops.Detection;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Index;
import org.sgae.tensor.ops.Reduce;
import org.sgae.train.config.PostProcessConfig;
import org.sgae.train.config.RoiHeadsConfig;

/**
 * The ROI heads of model-spec §3.4–3.5, batched over the images' ROIs: ROI Align (P×P, scale 1/stride, sampling
 * ratio 2, aligned = false) → {@link BoxHead} → {@link BoxPredictor}; training targets and losses; post-processing;
 * GT-box mode.
 *
 * <p>Device reads (all on detached data): in training, the proposal boxes of each image once, for the matcher and
 * the sampler's index choices ({@link RoiTargets}); at detection time, the class probabilities and decoded boxes,
 * for the data-dependent post-processing.
 */
public final class RoiHeads extends Module {
    private final RoiHeadsConfig config;
    private final BoxHead boxHead;
    private final BoxPredictor predictor;
    private final RoiAlignAttrs align;
    private final RoiTargets targets;
    private final PostProcessor post;

    /** The box head's outputs for a set of ROIs: logits [K,C], fc7 [K,rep], deltas [K,4C]. */
    public record HeadOutput(Tensor logits, Tensor fc7, Tensor deltas) {
    }

    /**
     * The two losses of §3.4 (scalars), with what produced them: the head's outputs for the sampled ROIs and each
     * image's sampled ROI boxes [S_i,4] (for {@link #postProcess}, the training-time detections of §3.5/§11.3).
     */
    public record Losses(Tensor cls, Tensor box, HeadOutput head, List<Tensor> sampledBoxes) {
    }

    public RoiHeads(RoiHeadsConfig config, PostProcessConfig postProcess, int channels, int stride, DType dtype,
                    Device device, SplittableRandom rng, SplittableRandom dropoutRng) {
        this(config, postProcess, channels, stride, dtype, device, rng, () -> dropoutRng);
    }

    /** As above, with the dropout stream looked up at each forward (the trainer's per-iteration stream). */
    public RoiHeads(RoiHeadsConfig config, PostProcessConfig postProcess, int channels, int stride, DType dtype,
                    Device device, SplittableRandom rng, Supplier<SplittableRandom> dropoutRng) {
        this.config = config.validate();
        int p = config.poolSize();
        this.align = RoiAlignAttrs.of(p, 1.0 / stride, config.samplingRatio(), false);
        this.boxHead = registerModule("boxHead", new BoxHead(channels * p * p, config.representationSize(),
                config.dropout(), dtype, device, rng, dropoutRng));
        this.predictor = registerModule("predictor", new BoxPredictor(config.representationSize(),
                config.numClasses(), dtype, device, rng));
        this.targets = new RoiTargets(config);
        this.post = new PostProcessor(postProcess);
    }

    public BoxHead boxHead() {
        return boxHead;
    }

    /** features [B,C,h,w], rois [K,5] (image index, x1, y1, x2, y2; detached) → logits, fc7, deltas. */
    public HeadOutput run(Tensor features, Tensor rois) {
        long t = StageTimer.start();
        Tensor pooled = Detection.roiAlign(features, rois, align); // [K,C,P,P]
        t = StageTimer.stop(StageTimer.Stage.ROI_ALIGN, t);
        Tensor fc7 = boxHead.forward(pooled);                       // [K,rep]
        BoxPredictor.Output o = predictor.forward(fc7);             // [K,C'], [K,4C']
        StageTimer.stop(StageTimer.Stage.BOX_HEAD_LOSS, t);
        return new HeadOutput(o.logits(), fc7, o.deltas());
    }

    /**
     * Training: sample ROIs from each image's proposals (GT appended), run the head on all images' ROIs at once, and
     * the losses: CE mean over the sampled ROIs; smooth-L1 (β = 1) on the GT class's 4 delta columns of the
     * foreground ROIs, summed and divided by the number of sampled ROIs of the batch.
     *
     * @param proposals per image [R_i,4] (detached), read to the host once for matching
     */
    public Losses forwardTrain(Tensor features, List<Tensor> proposals, List<float[]> gtBoxes, List<int[]> gtLabels,
                               SplittableRandom rng) {
        long t = StageTimer.start();
        int b = proposals.size();
        List<RoiTargets.Sample> samples = new ArrayList<>(b);
        int total = 0;
        int totalFg = 0;
        for (int i = 0; i < b; i++) {
            float[] host = proposals.get(i).detach().to(DType.F32).toFloatArray(); // documented read: matching
            RoiTargets.Sample s = targets.compute(host, gtBoxes.get(i), gtLabels.get(i), rng);
            samples.add(s);
            total += s.size();
            totalFg += s.foreground().length;
        }
        int c = config.numClasses();
        float[] rois = new float[5 * total];           // [ΣS·5]
        long[] labels = new long[total];               // [ΣS]
        long[] fgColumns = new long[totalFg];          // rows of deltas viewed as [ΣS·C, 4]
        List<Tensor> regression = new ArrayList<>(b);
        List<Tensor> sampledBoxes = new ArrayList<>(b);
        for (int i = 0, row = 0, f = 0; i < b; i++) {
            RoiTargets.Sample s = samples.get(i);
            sampledBoxes.add(Tensor.of(s.boxes(), s.size(), 4).to(features.dtype()).to(features.device()));
            for (int k = 0; k < s.size(); k++) {
                rois[5 * (row + k)] = i;
                System.arraycopy(s.boxes(), 4 * k, rois, 5 * (row + k) + 1, 4);
                labels[row + k] = s.labels()[k];
            }
            for (int fg : s.foreground()) {
                fgColumns[f++] = (long) (row + fg) * c + s.labels()[fg];
            }
            regression.add(s.regression());
            row += s.size();
        }
        Device device = features.device();
        DType dtype = features.dtype();
        Tensor roiTensor = Tensor.of(rois, total, 5).to(dtype).to(device);
        StageTimer.stop(StageTimer.Stage.ROI_TARGETS, t);
        HeadOutput out = run(features, roiTensor);
        t = StageTimer.start();
        Tensor cls = CrossEntropy.loss(out.logits(), Tensor.ofLongs(labels, total).to(device));
        Tensor box;
        if (totalFg == 0) {
            box = out.deltas().sum().mul(0); // no foreground: a zero that keeps the graph, dtype and device
        } else {
            Tensor picked = Index.indexSelect(out.deltas().reshape(total * c, 4), 0,
                    Tensor.ofLongs(fgColumns, totalFg).to(device));                  // [ΣP,4]
            Tensor target = Assemble.cat(regression, 0).to(dtype).to(device);         // [ΣP,4]
            box = RegressionLoss.smoothL1(picked, target, config.smoothL1Beta(), Reduction.SUM).mul(1.0 / total);
        }
        StageTimer.stop(StageTimer.Stage.BOX_HEAD_LOSS, t);
        return new Losses(cls, box, out, sampledBoxes);
    }

    /**
     * Detection: every image's proposals through the head at once, softmax, class-specific decode (weights 10, 10,
     * 5, 5) clipped to each image, then post-processing per image.
     *
     * @param proposals per image [R_i,4] (detached)
     */
    public List<Detections> detect(Tensor features, List<Tensor> proposals, List<ImageSize> sizes) {
        HeadOutput out = run(features, rois(proposals));
        long t = StageTimer.start();
        List<Detections> dets = postProcess(out, proposals, sizes);
        StageTimer.stop(StageTimer.Stage.POST_PROCESS, t);
        return dets;
    }

    /**
     * Post-processing (§3.5) of head outputs for the ROIs boxes (per image [R_i,4], in the head's row order):
     * softmax, class-specific decode (weights 10, 10, 5, 5) clipped to each image, then {@link PostProcessor} per
     * image. At test time the ROIs are the proposals; in training the sampled ROIs ({@link Losses#head()},
     * {@link Losses#sampledBoxes()}). Reads the probabilities and decoded boxes to the host (detached).
     */
    public List<Detections> postProcess(HeadOutput out, List<Tensor> boxesPerImage, List<ImageSize> sizes) {
        Tensor all = Assemble.cat(boxesPerImage, 0).detach();            // [ΣR,4]
        int total = all.dim(0);
        int c = config.numClasses();
        Tensor probs = Reduce.softmax(out.logits().detach(), 1);          // [ΣR,C]
        Tensor boxes = BoxOps.decode(out.deltas().detach(), all, config.boxWeights()); // [ΣR,4C]
        List<Tensor> bounds = new ArrayList<>(sizes.size());             // per image (W−1, H−1, W−1, H−1)
        for (int i = 0; i < boxesPerImage.size(); i++) {
            float xm = sizes.get(i).width() - 1;
            float ym = sizes.get(i).height() - 1;
            bounds.add(Tensor.of(new float[] {xm, ym, xm, ym}, 1, 1, 4).expand(boxesPerImage.get(i).dim(0), 1, 4));
        }
        Tensor bound = Assemble.cat(bounds, 0).to(boxes.dtype()).to(boxes.device()); // [ΣR,1,4]
        boxes = Elementwise.clamp(Elementwise.minimum(boxes.reshape(total, c, 4), bound), 0,
                Double.POSITIVE_INFINITY);                                // [ΣR,C,4]
        float[] p = probs.to(DType.F32).toFloatArray();                   // documented read: post-processing
        float[] bx = boxes.to(DType.F32).toFloatArray();
        List<Detections> dets = new ArrayList<>(boxesPerImage.size());
        for (int i = 0, row = 0; i < boxesPerImage.size(); i++) {
            int r = boxesPerImage.get(i).dim(0);
            float[] pi = Arrays.copyOfRange(p, row * c, (row + r) * c);
            float[] bi = Arrays.copyOfRange(bx, 4 * row * c, 4 * (row + r) * c);
            PostProcessor.Result res = post.select(pi, bi, r, c);
            dets.add(rows(out, res.rois(), row, res.labels(), res.scores(), res.boxes()));
            row += r;
        }
        return dets;
    }

    /**
     * GT-box modes (SGCls, PredCls): the GT boxes are the ROIs, in dataset order; no RPN, no regression, no
     * post-processing. Label and score are the most likely foreground class (lowest on ties) and its probability.
     */
    public List<Detections> detectGt(Tensor features, List<float[]> gtBoxes) {
        List<Tensor> boxes = new ArrayList<>(gtBoxes.size());
        for (float[] g : gtBoxes) {
            boxes.add(Tensor.of(g, g.length / 4, 4).to(features.dtype()).to(features.device()));
        }
        HeadOutput out = run(features, rois(boxes));
        int c = config.numClasses();
        float[] p = Reduce.softmax(out.logits().detach(), 1).to(DType.F32).toFloatArray(); // read: labels, scores
        List<Detections> dets = new ArrayList<>(gtBoxes.size());
        for (int i = 0, row = 0; i < gtBoxes.size(); i++) {
            int g = gtBoxes.get(i).length / 4;
            int[] idx = new int[g];
            int[] labels = new int[g];
            float[] scores = new float[g];
            for (int k = 0; k < g; k++) {
                idx[k] = k;
                labels[k] = 1;
                for (int cl = 1; cl < c; cl++) {
                    if (p[(row + k) * c + cl] > p[(row + k) * c + labels[k]]) {
                        labels[k] = cl;
                    }
                }
                scores[k] = p[(row + k) * c + labels[k]];
            }
            dets.add(rows(out, idx, row, labels, scores, gtBoxes.get(i).clone()));
            row += g;
        }
        return dets;
    }

    /** Per-image boxes [R_i,4] → rois [ΣR,5] (image index, box), built on the boxes' device. */
    private static Tensor rois(List<Tensor> boxes) {
        List<Tensor> parts = new ArrayList<>(boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
            Tensor bi = boxes.get(i).detach();
            Tensor index = Tensor.full(Shape.of(bi.dim(0), 1), bi.dtype(), bi.device(), i); // [R_i,1]
            parts.add(Assemble.cat(List.of(index, bi), 1));                                 // [R_i,5]
        }
        return Assemble.cat(parts, 0);                                                      // [ΣR,5]
    }

    /** The selected ROIs' differentiable rows (offset: the image's first row in the batch). */
    private static Detections rows(HeadOutput out, int[] rois, int offset, int[] labels, float[] scores,
                                   float[] boxes) {
        long[] idx = new long[rois.length];
        for (int k = 0; k < rois.length; k++) {
            idx[k] = offset + rois[k];
        }
        Tensor index = Tensor.ofLongs(idx, idx.length).to(out.logits().device());
        return new Detections(rois, labels, scores, boxes, Index.indexSelect(out.logits(), 0, index),
                Index.indexSelect(out.fc7(), 0, index), Index.indexSelect(out.deltas(), 0, index));
    }
}
