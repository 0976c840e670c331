package org.sgae.model.detector.rpn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sgae.model.detector.ImageSize;
import org.sgae.model.detector.StageTimer;
import org.sgae.nn.Module;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.train.config.RpnConfig;

/**
 * The region proposal network of model-spec §3.2: the batched {@link RpnHead}, then per image the anchor targets
 * and losses (training) and the proposals. Anchors and targets are computed on the host from the config, the
 * feature size and the GT boxes alone, so they read nothing back from the device. The device reads of this module
 * are inside {@link ProposalSelector}: the NMS kept count (data-dependent by nature) and, in training, its check of
 * the uploaded GT boxes ([G,4], a few floats per image).
 */
public final class Rpn extends Module {
    private final RpnConfig config;
    private final RpnHead head;
    private final AnchorGenerator anchors;
    private final RpnTargets targets;
    private final ProposalSelector selector;

    /** Per-image proposals, and the two losses (null outside training). */
    public record Output(List<ProposalSelector.Proposals> proposals, RpnLoss.Losses losses) {
    }

    public RpnConfig config() {
        return config;
    }

    public Rpn(RpnConfig config, int channels, DType dtype, Device device, SplittableRandom rng) {
        this.config = config.validate();
        this.anchors = new AnchorGenerator(config.anchors());
        this.head = registerModule("head", new RpnHead(channels, anchors.anchorsPerLocation(), dtype, device, rng));
        this.targets = new RpnTargets(config);
        this.selector = new ProposalSelector(config.proposals(), config.boxWeights());
    }

    /**
     * features [B,C,h,w], the un-padded sizes, and in training the GT boxes per image (flat [G·4], input pixels)
     * with the SG-sampling stream → proposals per image ([R_i,4], detached) and, in training, the losses.
     *
     * @param gtBoxes null at test time; then no targets, no losses, and the test-time proposal counts
     */
    public Output forward(Tensor features, List<ImageSize> sizes, List<float[]> gtBoxes, SplittableRandom rng) {
        boolean training = gtBoxes != null;
        int b = features.dim(0);
        int h = features.dim(2);
        int w = features.dim(3);
        int a = anchors.anchorsPerLocation();
        long t = StageTimer.start();
        RpnHead.Output out = head.forward(features);         // [B,A,h,w], [B,4A,h,w]
        Tensor obj = RpnLayout.objectness(out.objectness());  // [B,h·w·A]
        Tensor del = RpnLayout.deltas(out.deltas(), a);       // [B,h·w·A,4]
        float[] grid = anchors.grid(h, w);                    // [h·w·A·4], host
        Tensor anchorTensor = Tensor.of(grid, grid.length / 4, 4).to(features.dtype()).to(features.device());
        t = StageTimer.stop(StageTimer.Stage.RPN_HEAD, t);

        List<ProposalSelector.Proposals> proposals = new ArrayList<>(b);
        List<Tensor> objPerImage = new ArrayList<>(b);
        List<Tensor> delPerImage = new ArrayList<>(b);
        List<RpnTargets.Targets> targetList = new ArrayList<>(b);
        for (int i = 0; i < b; i++) { // per image: the selections below are data-dependent
            Tensor oi = obj.narrow(0, i, 1).reshape(-1);     // [h·w·A]
            Tensor di = del.narrow(0, i, 1).reshape(-1, 4);  // [h·w·A,4]
            ImageSize s = sizes.get(i);
            Tensor gt = null;
            if (training) {
                float[] g = gtBoxes.get(i);
                gt = Tensor.of(g, g.length / 4, 4).to(features.dtype()).to(features.device()); // [G,4]
                targetList.add(targets.compute(grid, anchors.visible(grid, s.width(), s.height()), g, rng));
                objPerImage.add(oi);
                delPerImage.add(di);
                t = StageTimer.stop(StageTimer.Stage.RPN_TARGETS_LOSS, t);
            }
            proposals.add(selector.select(oi, di, anchorTensor, s.width(), s.height(), gt, training));
            t = StageTimer.stop(StageTimer.Stage.PROPOSALS_NMS, t);
        }
        RpnLoss.Losses losses = training
                ? like(RpnLoss.compute(objPerImage, delPerImage, targetList, config.smoothL1Beta()), features) : null;
        StageTimer.stop(StageTimer.Stage.RPN_TARGETS_LOSS, t);
        return new Output(proposals, losses);
    }

    /**
     * RpnLoss returns a CPU F32 zero for a term with nothing to sum (no sampled anchor, or no positive one in the
     * batch); move such a zero to the features' dtype and device so that the losses add up.
     */
    private static RpnLoss.Losses like(RpnLoss.Losses l, Tensor features) {
        return new RpnLoss.Losses(like(l.objectness(), features), like(l.box(), features));
    }

    private static Tensor like(Tensor t, Tensor features) {
        return t.device().equals(features.device()) && t.dtype() == features.dtype() ? t
                : t.to(features.dtype()).to(features.device());
    }
}
