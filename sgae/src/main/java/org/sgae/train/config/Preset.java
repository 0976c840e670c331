package org.sgae.train.config;

import java.nio.file.Path;
import java.util.List;
import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.VgSplit;

/**
 * The single source of defaults. {@code VG} is the paper's model (model-spec §3); {@code CPU} is the scaled-down
 * {@code cpu} preset of model-spec §14, whose numbers are ours within the guidance ranges. Tests derive smaller
 * configs from these with the records' withers, never by writing defaults of their own.
 */
public enum Preset {
    VG,
    CPU;

    /** Model-spec §3.1; cpu: 4 sizes 16..96 for 96–128 px synthetic images (§14). */
    public AnchorConfig anchors() {
        return switch (this) {
            case VG -> new AnchorConfig(16, List.of(32, 64, 128, 256, 512), List.of(0.5, 1.0, 2.0), 0);
            case CPU -> new AnchorConfig(16, List.of(16, 32, 64, 96), List.of(0.5, 1.0, 2.0), 0);
        };
    }

    /** RPN anchor matching, §3.2: ≥ 0.7 foreground, < 0.3 background, each GT's best anchors foreground. */
    public MatcherConfig rpnMatcher() {
        return new MatcherConfig(0.7, 0.3, true);
    }

    /**
     * RPN anchor sampling, §3.2: 256 per image, ≤ 50% positive. cpu: 128, since a 128×128 image has 8·8·12 = 768
     * anchors of which 312 lie inside it (136 of 432 at 96×96); 256 would take nearly every negative.
     */
    public SamplerConfig rpnSampler() {
        return switch (this) {
            case VG -> new SamplerConfig(256, 0.5);
            case CPU -> new SamplerConfig(128, 0.5);
        };
    }

    /** §3.3: the RPN's box coder has unit weights. */
    public BoxWeights rpnBoxWeights() {
        return new BoxWeights(1, 1, 1, 1);
    }

    /** §3.2: pre/post-NMS counts 12000/2000 train and 6000/1000 test; cpu ≈ 600/150 and 300/100 (§14). */
    public ProposalConfig proposals() {
        return switch (this) {
            case VG -> new ProposalConfig(12000, 2000, 6000, 1000, 0.7, 0);
            case CPU -> new ProposalConfig(600, 150, 300, 100, 0.7, 0);
        };
    }

    /** §3.2: the RPN, with smooth-L1 β = 1/9 on the box deltas. */
    public RpnConfig rpn() {
        return new RpnConfig(anchors(), rpnMatcher(), rpnSampler(), rpnBoxWeights(), 1.0 / 9, proposals());
    }

    /** ROI matching, §3.4: foreground IoU ≥ 0.5, background < 0.5, no low-quality matches. */
    public MatcherConfig roiMatcher() {
        return new MatcherConfig(0.5, 0.5, false);
    }

    /** ROI sampling, §3.4: 256 per image, ≤ 25% positive; cpu 64 (§14). */
    public SamplerConfig roiSampler() {
        return switch (this) {
            case VG -> new SamplerConfig(256, 0.25);
            case CPU -> new SamplerConfig(64, 0.25);
        };
    }

    /** §3.3: the ROI head's box coder weights. */
    public BoxWeights roiBoxWeights() {
        return new BoxWeights(10, 10, 5, 5);
    }

    /**
     * ROI heads, §3.4: ROI Align 7×7 (sampling ratio 2), fc6/fc7 4096 with dropout 0.5, 151 VG150 classes.
     * cpu: 5×5 pooling and a 2×256 head (§14). Why 5×5: the cpu feature map is 8×8 cells at 128 px and objects
     * of 16–96 px span 1–6 cells, so a 7×7 grid would mostly interpolate the same cells twice while costing 2× the
     * fc6 FLOPs (128·49·256 vs 128·25·256 per ROI); 5×5 keeps an odd centre bin like 7×7. Classes: background +
     * the synthetic world's vocabulary.
     */
    public RoiHeadsConfig roiHeads() {
        return switch (this) {
            case VG -> new RoiHeadsConfig(roiMatcher(), roiSampler(), roiBoxWeights(), 7, 2, 4096, 0.5, 1.0, 151);
            case CPU -> new RoiHeadsConfig(roiMatcher(), roiSampler(), roiBoxWeights(), 5, 2, 256, 0.5, 1.0,
                    org.sgae.data.synth.Vocab.CLASSES.size() + 1);
        };
    }

    /**
     * Backbone, §2: VGG-16 configuration D to conv5_3, freezing conv1_x/conv2_x when ImageNet weights are given.
     * cpu (§14): 4 pooled stages 16-32-64-128 with 1, 1, 2, 2 convolutions (≈ 0.28 GFLOP forward at 128×128; the
     * two-conv stages are the cheap low-resolution ones, where depth buys receptive field for 96 px objects). No
     * normalisation by default: six Kaiming-initialised conv layers train from scratch with plain SGD, and batch norm
     * at batch 4 adds noisy statistics and a train/eval gap for the detector's eval-mode outputs; {@code
     * model.backbone.norm=BATCH} turns it on (the README's variants list has what it measured).
     */
    public BackboneConfig backbone() {
        return switch (this) {
            case VG -> new BackboneConfig(List.of(64, 128, 256, 512, 512), List.of(2, 2, 3, 3, 3), 4, 2, null,
                    BackboneConfig.Norm.NONE);
            case CPU -> new BackboneConfig(List.of(16, 32, 64, 128), List.of(1, 1, 2, 2), 4, 0, null,
                    BackboneConfig.Norm.NONE);
        };
    }

    /** §1–2: ImageNet normalisation, padding to a multiple of 32. */
    public InputConfig input() {
        return new InputConfig(List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225), 32);
    }

    /** §3.5: τ = 0.05, NMS 0.3, 64 detections, 4 retries, at least 2 survivors; cpu 20 detections (§14: 16–24). */
    public PostProcessConfig postProcess() {
        return switch (this) {
            case VG -> new PostProcessConfig(0.05, 0.3, 64, 4, 2);
            case CPU -> new PostProcessConfig(0.05, 0.3, 20, 4, 2);
        };
    }

    /** The whole detector of §2–3. */
    public DetectorConfig detector() {
        return new DetectorConfig(input(), backbone(), rpn(), roiHeads(), postProcess());
    }

    /**
     * The relation stage, §4–7: vg is the paper's (K 256, D 512, attention 256, union pool 5×5, RePN hidden 64, 51
     * predicates). cpu (§14 guidance: K 64, D 64, attention 32, pool 3×3–5×5): K 64 of the N(N−1) = 380 pairs of
     * 20 detections, which covers the ≤ ~40 annotated pairs of a ~7-object synthetic image with room for misses; D 64
     * and attention 32; union pool 5×5, like the box head's: a union box is never smaller than its objects, so it
     * spans 2–8 of the 8×8 feature cells at 128 px, and its first Linear (128·25 → 64) costs 0.2 MFLOP per pair.
     * The RePN MLPs stay 64 wide in both (they are tiny next to the rest). Predicates: background + the synthetic
     * world's vocabulary.
     */
    public RelationConfig relation() {
        return switch (this) {
            case VG -> new RelationConfig(new RelationConfig.Repn(256, 64, 64, false),
                    new RelationConfig.Features(512, 5, 2), new RelationConfig.Gcn(256, 2, 2, false),
                    new RelationConfig.Rel(51, false, true),
                    new RelationConfig.Obj(RelationConfig.ObjSource.REFINED), 0.5);
            case CPU -> new RelationConfig(new RelationConfig.Repn(64, 64, 64, false),
                    new RelationConfig.Features(64, 5, 2), new RelationConfig.Gcn(32, 2, 2, false),
                    new RelationConfig.Rel(org.sgae.data.synth.Vocab.PREDICATES.size() + 1, false, true),
                    new RelationConfig.Obj(RelationConfig.ObjSource.REFINED), 0.5);
        };
    }

    // ------------------------------------------------------------------ training (issue 11, h/train)

    /** §11.1–11.3 batch sizes and lengths: vg 100k/1M/100k at 6/32/8; cpu at 4–8 (§14), phase 0 longer (below). */
    public PhaseConfig phase(int phase) {
        int[] vgIters = {100_000, 1_000_000, 100_000};
        int[] vgBatch = {6, 32, 8};
        // cpu phase 0: 18 000 iterations ≈ 24 min at ~50 images/s on 2 cores (the ≤ 30 min full run of issue 11;
        // AP50 0.31 after 2 400, so a few hundred would detect next to nothing). Phase 1: 1 500 iterations ≈ 6–8 min
        // (the GT-graph L1 falls from 0.57 at 300 to 0.41). Phase 2: 2 000 iterations ≈ 9–13 min; 300 left the
        // relation stage below FREQ, 2 000 put it above (SGGen R@50 47.7 vs 44.6, PredCls R@20 74.2 vs 69.1 at
        // seed 42). The three together ≈ 45 min, inside the 90 min of issue 13.
        int[] cpuIters = {18_000, 1_500, 2_000};
        int[] cpuBatch = {4, 8, 4};
        return switch (this) {
            case VG -> new PhaseConfig(vgIters[phase], vgBatch[phase]);
            case CPU -> new PhaseConfig(cpuIters[phase], cpuBatch[phase]);
        };
    }

    /**
     * §11.1 and §11.3: SGD momentum 0.9, lr 0.01, biases 2× lr and no decay, warm-up from lr/3, ×0.1 at 70% and
     * 90%, no clipping; weight decay 5e-4 in phase 0 and 1e-4 in phase 2. cpu: a 50-iteration warm-up, since its
     * phases are a few hundred iterations long.
     */
    public SolverConfig solver(int phase) {
        double weightDecay = phase == 0 ? 5e-4 : 1e-4;
        int warmup = this == VG ? 500 : 50;
        // cpu phase 0: lr 0.02, the torchvision peer's; at 2 400 iterations AP50 0.31 against 0.14 (1 500 at 0.01).
        double lr = this == CPU && phase == 0 ? 0.02 : 0.01;
        return new SolverConfig(lr, 0.9, weightDecay, 2.0, 0.0, warmup, 1.0 / 3, List.of(0.7, 0.9), 0.1, 0.0);
    }

    /** Log every 20 iterations (vg) or 10 (cpu); checkpoints every 5000 (vg) or 100 (cpu), the newest 3 kept. */
    public RunConfig run() {
        return switch (this) {
            case VG -> new RunConfig(20, 5000, 3);
            case CPU -> new RunConfig(10, 100, 3);
        };
    }

    /** The synthetic world used without --data: 5 000 images of 128 px (§14: synthetic 96–128 px, no resize). */
    public WorldConfig world() {
        return new WorldConfig(5000, 128, 1);
    }

    /**
     * Train images held out as the validation split (vg150-format.md §6): VG keeps its standard first 5000; the
     * synthetic world of the cpu preset has no held-out part of train (5000 would swallow all of its ~3 600 train
     * images, leaving the train split empty).
     */
    public int validationImages() {
        return this == VG ? 5000 : 0;
    }

    /** The reader settings of {@code split} of the VG-layout data in {@code dir}, with this preset's validation rule. */
    public VgConfig split(Path dir, VgSplit split) {
        return VgConfig.of(dir, split).withNumValIm(validationImages());
    }

    /** The full training config of this preset. */
    public TrainConfig train() {
        return new TrainConfig(this, 42, phase(0), phase(1), phase(2), solver(0), solver(2), run(), world(), detector(),
                relation(), generator());
    }

    // ------------------------------------------------------------------ generator (issue 13, h/gen)

    /**
     * Model-spec §8–9 and §11.2. vg: the paper's sg2im sizes on VG150 (151/51 classes incl. background). cpu (§14):
     * D_g 32, hidden 128, 2 GraphTripleConv layers, 8 noise channels, CRN 128,64,32,32,16 to 64², D convs 32,64,128,
     * crops 32 (three valid C4s2 convs need ≥ 22 px, and 32 keeps sg2im's 32→15→6→2), D_obj hidden 256. Why these:
     * the 64² and 32² CRN modules dominate the generator's cost, since their input is the (D_g + noise) = 40-channel
     * layout plus the features: the CRN is ≈ 0.11 GMAC forward per image, D_img ≈ 0.013 GMAC per pass, D_obj ≈ 2 MMAC
     * per 32² crop (≈ 10 crops per image, three passes per step), so a phase-1 step is ≈ 1.3 GFLOP forward + backward
     * per image. Measured (bench-generator, 2 threads, on a machine shared with load ≈ 17): 3–4 images/s wall, 6.2
     * CPU-seconds per 80 images, i.e. ≈ 26 images/s with the two cores to itself; backward is two thirds of a step
     * and D_obj costs as much as the CRN. The object vocabulary is the synthetic world's.
     */
    public GeneratorConfig generator() {
        GeneratorConfig.ImageLossWeights w = new GeneratorConfig.ImageLossWeights(1.0, 0.01, 0.1, 10.0);
        // cpu: lr 1e-3 (ours), since its phase 1 is a few hundred iterations rather than sg2im's 1M at 1e-4; a tiny
        // config at 2e-3 trains stably (Phase1TrainingTest).
        GeneratorConfig.AdamConfig adam = new GeneratorConfig.AdamConfig(this == VG ? 1e-4 : 1e-3, 0.9, 0.999, 1e-8);
        return switch (this) {
            case VG -> new GeneratorConfig(128, 512, 5, 32, 64, 8, List.of(1024, 512, 256, 128, 64),
                    List.of(64, 128, 256), 1024, 32, 10, 151, 51, w, adam);
            case CPU -> new GeneratorConfig(32, 128, 2, 8, 64, 8, List.of(128, 64, 32, 32, 16),
                    List.of(32, 64, 128), 256, 32, 10, org.sgae.data.synth.Vocab.CLASSES.size() + 1,
                    org.sgae.data.synth.Vocab.PREDICATES.size() + 1, w, adam);
        };
    }
}
