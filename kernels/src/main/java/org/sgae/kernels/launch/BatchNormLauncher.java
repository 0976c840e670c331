package org.sgae.kernels.launch;

import org.sgae.kernels.device.DeviceRuntime;
import org.sgae.kernels.device.Grid;
import org.sgae.kernels.device.Scratch;
import org.sgae.kernels.device.KernelArgs;
import org.sgae.kernels.device.KernelFunction;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * batchnorm.k launchers. x is [N, C, H, W] or [N, C] (HW = 1). Channel reductions run one group of
 * {@value #CHANNEL_BLOCK} threads per channel; the elementwise parts one thread per element.
 */
@OpPart(role = Role.DEVICE_LAUNCHER, kernels = "batchnorm.k", ops = Op.BATCH_NORM)
final class BatchNormLauncher {
    static final String FAMILY = "batchnorm";
    static final int CHANNEL_BLOCK = 256; // = CB in batchnorm.k
    static final int BLOCK = 256;

    private final DeviceRuntime rt;
    private final ElementwiseLauncher elementwise;
    private final KernelFunction stats;
    private final KernelFunction apply;
    private final KernelFunction bwdReduce;
    private final KernelFunction bwdInput;

    BatchNormLauncher(DeviceRuntime rt, ElementwiseLauncher elementwise) {
        this.rt = rt;
        this.elementwise = elementwise;
        stats = rt.function(FAMILY, "bn_stats");
        apply = rt.function(FAMILY, "bn_apply");
        bwdReduce = rt.function(FAMILY, "bn_bwd_reduce");
        bwdInput = rt.function(FAMILY, "bn_bwd_input");
    }

    private static int hw(Tensor x) {
        return x.rank() > 2 ? x.numel() / Math.max(1, x.dim(0) * x.dim(1)) : 1;
    }

    /** An optional per-channel vector: the tensor and flag 1, or a stand-in (never read) and flag 0. */
    private static KernelArgs optional(KernelArgs a, Tensor t, Tensor standIn) {
        return a.i32(t != null ? 1 : 0).tensor(t != null ? t : standIn);
    }

    void stats(Tensor x, Tensor mean, Tensor var) {
        Types.requireF32("batch_norm", x, mean, var);
        int c = x.dim(1);
        if (c == 0) {
            return;
        }
        stats.launch(new Grid(c, 1, 1, CHANNEL_BLOCK, 1, 1),
                new KernelArgs().i32(x.dim(0)).i32(c).i32(hw(x)).tensor(x).tensor(mean).tensor(var));
    }

    void apply(Tensor x, Tensor mean, Tensor invStd, Tensor weight, Tensor bias, Tensor out) {
        Types.requireF32("batch_norm", x, mean, invStd, weight, bias, out);
        int total = x.numel();
        if (total == 0) {
            return;
        }
        KernelArgs a = new KernelArgs().i32(total).i32(x.dim(1)).i32(hw(x)).tensor(x).tensor(mean).tensor(invStd);
        optional(a, weight, mean);
        optional(a, bias, mean);
        apply.launch(Grid.linear(total, BLOCK), a.tensor(out));
    }

    void backward(Tensor gradOut, Tensor x, Tensor mean, Tensor invStd, Tensor weight, boolean training,
                  Tensor gradIn, Tensor gradWeight, Tensor gradBias) {
        Types.requireF32("batch_norm backward", gradOut, x, mean, invStd, weight, gradIn, gradWeight, gradBias);
        int n = x.dim(0);
        int c = x.dim(1);
        int hw = hw(x);
        if (c == 0) {
            return;
        }
        try (Tensor sums = Scratch.empty(rt, DType.F32, 2 * c)) {
            bwdReduce.launch(new Grid(c, 1, 1, CHANNEL_BLOCK, 1, 1), new KernelArgs().i32(n).i32(c).i32(hw)
                    .tensor(gradOut).tensor(x).tensor(mean).tensor(invStd).tensor(sums));
            if (gradIn != null && gradIn.numel() > 0) {
                KernelArgs a = new KernelArgs().i32(gradIn.numel()).i32(c).i32(hw).i32(n * hw).i32(training ? 1 : 0)
                        .tensor(gradOut).tensor(x).tensor(mean).tensor(invStd);
                optional(a, weight, mean);
                bwdInput.launch(Grid.linear(gradIn.numel(), BLOCK), a.tensor(sums).tensor(gradIn));
            }
            if (gradBias != null) {
                elementwise.copy(sums.narrow(0, 0, c), gradBias);
            }
            if (gradWeight != null) {
                elementwise.copy(sums.narrow(0, c, c), gradWeight);
            }
        }
    }
}
