package org.sgae.model.detector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.autograd.Engine;
import org.sgae.model.detector.roi.Detections;
import org.sgae.nn.Parameter;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.ops.Reduce;
import org.sgae.train.RandomStreams;
import org.sgae.train.config.Preset;

/** The assembled detector: input transform, GT-box mode, the cpu preset's step (with its time), config checks. */
class FasterRcnnTest {
    /** Two images of different sizes: normalised, zero-padded bottom/right to the batch's max rounded up to 32. */
    @Test
    void inputTransformNormalisesThenPads() {
        InputTransform t = new InputTransform(Preset.CPU.input());
        InputTransform.Batch b = t.apply(List.of(Tensor.ones(3, 40, 33), Tensor.ones(3, 20, 70)), DType.F32,
                Device.cpu());
        assertEquals(Shape.of(2, 3, 64, 96), b.images().shape());
        assertEquals(List.of(new ImageSize(33, 40), new ImageSize(70, 20)), b.sizes());
        float[] x = b.images().toFloatArray();
        // image 0, channel 0, pixel (0,0): (1 − 0.485)/0.229; pixel (0,33) is padding: 0
        TensorAsserts.assertClose(x[0], (1 - 0.485) / 0.229, Tolerances.F32_ELEMENTWISE, "normalised");
        assertEquals(0f, x[33]);
        assertEquals(0f, x[40 * 96]);
    }

    /**
     * GT-box mode (SGCls/PredCls): detections are the GT boxes in dataset order, labels the most likely foreground
     * class; the RPN takes no part (its head gets no gradient from the rows).
     */
    @Test
    void gtBoxModeSkipsRpnAndRegression() {
        FasterRcnn model = new FasterRcnn(TinyDetector.config(), DType.F32, Device.cpu(), new SplittableRandom(1),
                new SplittableRandom(2));
        model.eval();
        List<TinyDetector.Sample> data = TinyDetector.data(2, 64, 5);
        List<Tensor> images = new ArrayList<>();
        List<float[]> boxes = new ArrayList<>();
        for (TinyDetector.Sample s : data) {
            images.add(s.image());
            boxes.add(s.target().boxes());
        }
        List<Detections> dets = model.detectGt(images, boxes);
        Tensor sum = null;
        for (int i = 0; i < 2; i++) {
            Detections d = dets.get(i);
            int g = boxes.get(i).length / 4;
            assertArrayEquals(boxes.get(i), d.boxes(), "GT boxes, not regressed");
            int[] order = new int[g];
            for (int k = 0; k < g; k++) {
                order[k] = k;
            }
            assertArrayEquals(order, d.roiIndex(), "dataset order");
            assertEquals(Shape.of(g, TinyDetector.CLASSES), d.logits().shape());
            assertEquals(Shape.of(g, 64), d.fc7().shape());
            assertEquals(Shape.of(g, 4 * TinyDetector.CLASSES), d.deltas().shape());
            float[] p = Reduce.softmax(d.logits(), 1).toFloatArray();
            for (int k = 0; k < g; k++) {
                int best = p[3 * k + 2] > p[3 * k + 1] ? 2 : 1;
                assertEquals(best, d.labels()[k]);
                assertEquals(p[3 * k + best], d.scores()[k]);
            }
            sum = sum == null ? d.logits().sum() : sum.add(d.logits().sum());
        }
        Engine.backward(sum.add(dets.get(0).fc7().sum()));
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            if (e.getKey().startsWith("rpn.")) {
                assertNull(e.getValue().grad(), e.getKey() + ": the RPN is skipped");
            } else if (!e.getKey().startsWith("roiHeads.predictor.bbox_pred")) {
                assertNotNull(e.getValue().grad(), e.getKey() + ": the rows are differentiable");
            }
        }
    }

    /**
     * The cpu preset at its working size, batch 4 of 128×128 images: one training step runs, all four losses are
     * finite, and the step time is printed (forward + backward, after one warm-up step; single measurement, 2
     * cores shared).
     */
    @Test
    void cpuPresetTrainingStep() {
        RandomStreams streams = RandomStreams.of(3);
        FasterRcnn model = new FasterRcnn(Preset.CPU.detector(), DType.F32, Device.cpu(), new SplittableRandom(1),
                streams.dropout());
        List<TinyDetector.Sample> data = TinyDetector.data(4, 128, 8);
        List<Tensor> images = new ArrayList<>();
        List<FasterRcnn.Target> targets = new ArrayList<>();
        for (TinyDetector.Sample s : data) {
            images.add(s.image());
            targets.add(s.target());
        }
        long[] times = new long[3];
        for (int step = 0; step < times.length; step++) {
            long t0 = System.nanoTime();
            Map<String, Tensor> losses = model.forwardTrain(images, targets, streams.sgSampling());
            assertEquals(FasterRcnn.LOSS_NAMES, List.copyOf(losses.keySet()));
            Tensor total = FasterRcnn.total(losses);
            assertTrue(Double.isFinite(total.item()), "loss " + losses);
            model.zeroGrad();
            Engine.backward(total);
            times[step] = System.nanoTime() - t0;
        }
        System.out.printf("cpu preset, batch 4 at 128x128: training step (forward + backward): first %.0f ms"
                + " (warm-up), then %.0f ms and %.0f ms%n", times[0] / 1e6, times[1] / 1e6, times[2] / 1e6);
    }

    /**
     * Training-time detections (§3.5 with R' = the sampled ROIs): per image at most detectionsPerImg, ROI indices
     * inside that image's 32 sampled ROIs, boxes inside the image, and rows that carry gradient to the backbone.
     */
    @Test
    void trainingDetectionsComeFromTheSampledRois() {
        FasterRcnn model = new FasterRcnn(TinyDetector.config(), DType.F32, Device.cpu(), new SplittableRandom(1),
                new SplittableRandom(2));
        List<Tensor> images = new ArrayList<>();
        List<FasterRcnn.Target> targets = new ArrayList<>();
        for (TinyDetector.Sample s : TinyDetector.data(2, 64, 5)) {
            images.add(s.image());
            targets.add(s.target());
        }
        FasterRcnn.TrainOutput out = model.forwardTrainWithDetections(images, targets, new SplittableRandom(3));
        assertEquals(FasterRcnn.LOSS_NAMES, List.copyOf(out.losses().keySet()));
        Tensor sum = null;
        for (Detections d : out.detections()) {
            assertTrue(d.size() >= 2 && d.size() <= 10, "detections " + d.size());
            for (int k = 0; k < d.size(); k++) {
                assertTrue(d.roiIndex()[k] >= 0 && d.roiIndex()[k] < 32, "a sampled ROI: " + d.roiIndex()[k]);
                assertTrue(d.labels()[k] >= 1 && d.labels()[k] < TinyDetector.CLASSES);
                assertTrue(d.boxes()[4 * k] >= 0 && d.boxes()[4 * k + 2] <= 63, "clipped to the image");
                assertTrue(k == 0 || d.scores()[k] <= d.scores()[k - 1], "best first");
            }
            sum = sum == null ? d.logits().sum() : sum.add(d.logits().sum());
        }
        Engine.backward(sum);
        assertNotNull(model.backbone().conv(0, 0).weight().grad(), "the rows are differentiable");
    }

    /**
     * 64 px anchors on a 32 px image: none is visible, so no anchor is sampled and both RPN losses are 0; they
     * still come in the model's dtype (F64 here), so L_det adds up.
     */
    @Test
    void noVisibleAnchorGivesZeroRpnLossesInTheModelsDtype() {
        var c = TinyDetector.gradCheckConfig();
        c = c.withRpn(c.rpn().withAnchors(c.rpn().anchors().withSizes(List.of(64))));
        FasterRcnn model = new FasterRcnn(c, DType.F64, Device.cpu(), new SplittableRandom(1),
                new SplittableRandom(2));
        TinyDetector.Sample s = TinyDetector.data(1, 32, 9).get(0);
        Map<String, Tensor> losses = model.forwardTrain(List.of(s.image()), List.of(s.target()),
                new SplittableRandom(3));
        assertEquals(0.0, losses.get("rpn_obj").item());
        assertEquals(0.0, losses.get("rpn_box").item());
        assertEquals(DType.F64, FasterRcnn.total(losses).dtype());
    }

    @Test
    void configErrorsNameTheField() {
        var bad = Preset.CPU.detector().withPostProcess(Preset.CPU.postProcess().withDetectionsPerImg(0));
        String msg = assertThrows(IllegalArgumentException.class, bad::validate).getMessage();
        assertTrue(msg.startsWith("PostProcessConfig.detectionsPerImg"), msg);
        var stride = Preset.CPU.detector().withBackbone(Preset.CPU.backbone().withBlocks(List.of(8, 8, 8),
                List.of(1, 1, 1)));
        msg = assertThrows(IllegalArgumentException.class, stride::validate).getMessage();
        assertTrue(msg.contains("pooledBlocks"), msg);
        Preset.VG.detector().validate();
        Preset.CPU.detector().validate();
    }
}
