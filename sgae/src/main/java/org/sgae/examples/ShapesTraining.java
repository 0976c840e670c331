package org.sgae.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sgae.autograd.Engine;
import org.sgae.autograd.GradMode;
import org.sgae.nn.BatchNorm2d;
import org.sgae.nn.Conv2d;
import org.sgae.nn.Flatten;
import org.sgae.nn.Init;
import org.sgae.nn.Linear;
import org.sgae.nn.MaxPool2d;
import org.sgae.nn.ReLU;
import org.sgae.nn.Sequential;
import org.sgae.nn.loss.CrossEntropy;
import org.sgae.nn.optim.Adam;
import org.sgae.nn.optim.LrSchedule;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Reduce;

/**
 * The first end-to-end training run: a small CNN learns {@link ShapesData}. Three conv-BN-ReLU-maxpool stages
 * (32→16→8→4 pixels) and a linear classifier; Adam with a step-decay schedule; one MemoryScope per step so
 * activations, saved tensors and the loss graph are freed each iteration while parameters, gradients and optimiser
 * state (all outside scopes) persist.
 */
public final class ShapesTraining {
    /** Run settings; {@link #defaults()} reaches ≥ 95 % test accuracy. */
    public record Config(int trainSize, int testSize, int epochs, int batchSize, double lr, long seed) {
        public Config {
            if (trainSize < batchSize || testSize < 1 || epochs < 1 || batchSize < 2 || !(lr > 0)) {
                // (fields are not assigned yet inside a compact constructor: name the parameters)
                throw new IllegalArgumentException("ShapesTraining: bad config: need trainSize >= batchSize >= 2, "
                        + "testSize >= 1, epochs >= 1, lr > 0; got trainSize=" + trainSize + " testSize=" + testSize
                        + " epochs=" + epochs + " batchSize=" + batchSize + " lr=" + lr);
            }
        }

        public static Config defaults() {
            return new Config(2400, 800, 4, 32, 3e-3, 42);
        }
    }

    /** Per-epoch mean training loss and test accuracy, and the wall time of the whole run. */
    public record Result(List<Double> trainLoss, List<Double> testAccuracy, double seconds) {
        public double finalAccuracy() {
            return testAccuracy.get(testAccuracy.size() - 1);
        }
    }

    private ShapesTraining() {
    }

    /** conv(3→16) → conv(16→32) → conv(32→32), each with BN, ReLU and 2×2 max pooling; then linear(512 → 4). */
    public static Sequential model(SplittableRandom rng) {
        Sequential m = new Sequential();
        int[] widths = {ShapesData.CHANNELS, 16, 32, 32};
        for (int i = 0; i < 3; i++) {
            Conv2d conv = Conv2d.builder(widths[i], widths[i + 1], 3).padding(1).bias(false).build(rng); // BN supplies the bias
            Init.kaimingNormal(conv.weight().data(), Init.FanMode.FAN_OUT, Init.Nonlinearity.RELU, 0, rng);
            m.add(conv).add(new BatchNorm2d(widths[i + 1])).add(new ReLU()).add(new MaxPool2d(2, 2, 0));
        }
        // [N, 32, 4, 4] → [N, 512] → [N, 4]
        m.add(new Flatten()).add(new Linear(32 * 4 * 4, ShapesData.CLASSES.length, rng));
        return m;
    }

    public static Result run(Config cfg, PrintStream log) {
        long start = System.nanoTime();
        ShapesData train = ShapesData.generate(cfg.trainSize(), cfg.seed());
        ShapesData test = ShapesData.generate(cfg.testSize(), cfg.seed() + 1_000_003);
        SplittableRandom rng = new SplittableRandom(cfg.seed());
        Sequential model = model(rng.split());
        Adam opt = Adam.of(model.parameters(), cfg.lr(), 0);
        LrSchedule schedule = LrSchedule.multiStep(new int[] {Math.max(1, cfg.epochs() - 1)}, 0.2); // lower rate for the last epoch
        List<Double> losses = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        int[] order = identity(train.size());
        int steps = train.size() / cfg.batchSize();
        for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
            schedule.apply(opt, epoch);
            shuffle(order, rng);
            model.train();
            double lossSum = 0;
            for (int s = 0; s < steps; s++) {
                try (MemoryScope step = MemoryScope.open()) {
                    Tensor x = train.images(order, s * cfg.batchSize(), cfg.batchSize());  // [B, 3, 32, 32]
                    Tensor y = train.labels(order, s * cfg.batchSize(), cfg.batchSize());  // [B]
                    Tensor loss = CrossEntropy.loss(model.forward(x), y);                  // scalar
                    double value = loss.item();
                    if (!Double.isFinite(value)) {
                        // stop before a NaN/Inf gradient poisons every parameter
                        throw new IllegalStateException("Training diverged: loss is " + value + " at epoch "
                                + (epoch + 1) + " step " + (s + 1) + "; lower --lr (now " + cfg.lr() + ")");
                    }
                    opt.zeroGrad();
                    Engine.backward(loss);
                    opt.step();
                    lossSum += value;
                }
            }
            losses.add(lossSum / steps);
            accuracies.add(accuracy(model, test, cfg.batchSize()));
            log.printf("epoch %d  lr %.2e  train loss %.4f  test accuracy %.2f%%  (%.1f s)%n", epoch + 1,
                    opt.groups().get(0).lr(), losses.get(epoch), 100 * accuracies.get(epoch),
                    (System.nanoTime() - start) / 1e9);
        }
        return new Result(losses, accuracies, (System.nanoTime() - start) / 1e9);
    }

    /** Fraction of test images whose argmax logit is the label, in eval mode without recording. */
    public static double accuracy(Sequential model, ShapesData data, int batch) {
        model.eval();
        int[] order = identity(data.size());
        int correct = 0;
        try (GradMode off = GradMode.disabled()) {
            for (int from = 0; from < data.size(); from += batch) {
                int count = Math.min(batch, data.size() - from);
                try (MemoryScope scope = MemoryScope.open()) {
                    long[] pred = Reduce.argmax(model.forward(data.images(order, from, count)), 1, false).toLongArray();
                    for (int j = 0; j < count; j++) {
                        correct += pred[j] == data.label(from + j) ? 1 : 0;
                    }
                }
            }
        }
        model.train();
        return (double) correct / data.size();
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static void shuffle(int[] a, SplittableRandom r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
