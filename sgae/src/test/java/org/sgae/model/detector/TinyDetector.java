package org.sgae.model.detector;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sgae.tensor.Tensor;
import org.sgae.train.config.DetectorConfig;
import org.sgae.train.config.Preset;
import org.sgae.train.config.SamplerConfig;

/**
 * Tiny detector configs derived from the cpu preset, and a synthetic data set of filled rectangles: class 1 red,
 * class 2 blue, on a grey background (the colour decides the class, the edges the box).
 */
final class TinyDetector {
    static final int CLASSES = 3;

    private TinyDetector() {
    }

    /**
     * 8-16-32-32 backbone (one conv each, stride 16), anchors 16 and 32 px × 3 ratios, 64 anchors and 32 ROIs per
     * image, a 3×3 pool and a 64-wide head without dropout (a handful of images would only be slowed by it).
     */
    static DetectorConfig config() {
        DetectorConfig cpu = Preset.CPU.detector();
        return cpu.withBackbone(cpu.backbone().withBlocks(List.of(8, 16, 32, 32), List.of(1, 1, 1, 1)))
                .withRpn(cpu.rpn().withAnchors(cpu.rpn().anchors().withSizes(List.of(16, 32)))
                        .withSampler(new SamplerConfig(64, 0.5))
                        .withProposals(cpu.rpn().proposals().withTopN(200, 50, 100, 30)))
                .withRoiHeads(cpu.roiHeads().withSampler(new SamplerConfig(32, 0.25)).withHead(3, 64, 0, CLASSES))
                .withPostProcess(cpu.postProcess().withDetectionsPerImg(10));
    }

    /** The gradient-check size: 2-2-2-2 channels, 1 anchor size and 1 ratio, 2×2 pool, 8-wide head. */
    static DetectorConfig gradCheckConfig() {
        DetectorConfig c = config();
        return c.withBackbone(c.backbone().withBlocks(List.of(2, 2, 2, 3), List.of(1, 1, 1, 1)))
                .withRpn(c.rpn().withAnchors(new org.sgae.train.config.AnchorConfig(16, List.of(16), List.of(1.0), 0))
                        .withSampler(new SamplerConfig(8, 0.5)))
                .withRoiHeads(c.roiHeads().withSampler(new SamplerConfig(6, 0.5)).withHead(2, 5, 0, CLASSES));
    }

    /** A synthetic image with its GT. */
    record Sample(Tensor image, FasterRcnn.Target target) {
    }

    /** n images of size×size with 1–2 non-overlapping rectangles of 14–30 px each. */
    static List<Sample> data(int n, int size, long seed) {
        int maxSide = Math.min(30, size / 2);
        SplittableRandom r = new SplittableRandom(seed);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] px = new float[3 * size * size];
            java.util.Arrays.fill(px, 0.5f);
            int count = 1 + r.nextInt(2);
            float[] boxes = new float[4 * count];
            int[] labels = new int[count];
            for (int k = 0; k < count; k++) {
                int w = 14 + r.nextInt(maxSide - 13);
                int h = 14 + r.nextInt(maxSide - 13);
                // first object in the left half, second in the right half: never overlapping
                int half = size / 2;
                int x1 = k * half + r.nextInt(Math.max(1, half - w));
                int y1 = r.nextInt(size - h);
                labels[k] = 1 + r.nextInt(2);
                boxes[4 * k] = x1;
                boxes[4 * k + 1] = y1;
                boxes[4 * k + 2] = x1 + w - 1;
                boxes[4 * k + 3] = y1 + h - 1;
                for (int y = y1; y < y1 + h; y++) {
                    for (int x = x1; x < x1 + w; x++) {
                        px[(y * size) + x] = labels[k] == 1 ? 0.9f : 0.1f;
                        px[size * size + y * size + x] = 0.1f;
                        px[2 * size * size + y * size + x] = labels[k] == 1 ? 0.1f : 0.9f;
                    }
                }
            }
            out.add(new Sample(Tensor.of(px, 3, size, size), new FasterRcnn.Target(boxes, labels)));
        }
        return out;
    }
}
