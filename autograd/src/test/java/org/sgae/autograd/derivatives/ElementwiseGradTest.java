package org.sgae.autograd.derivatives;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.sgae.autograd.GradCheck;
import org.sgae.tensor.DType;
import org.sgae.tensor.Rand;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BinaryOp;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/** F64 finite-difference checks of every elementwise derivative, with broadcasting. Inputs avoid kinks. */
@OpPart(role = Role.GRADIENT_TEST, ops = {Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.POW, Op.MAXIMUM, Op.MINIMUM, Op.NEG,
        Op.EXP, Op.LOG, Op.SQRT, Op.ABS, Op.RELU, Op.LEAKY_RELU, Op.SIGMOID, Op.TANH, Op.CLAMP, Op.ADD_SCALAR,
        Op.MUL_SCALAR, Op.POW_SCALAR, Op.CAST, Op.COPY, Op.WHERE, Op.TO_DEVICE})
class ElementwiseGradTest {
    /** Values in ±[0.1, 2], away from 0 (kinks of relu/abs) and from each other (max ties, with high probability). */
    private static Tensor awayFromZero(long seed, int... shape) {
        Tensor u = Rand.uniform(seed, DType.F64, 0.1, 2, shape);
        Tensor s = Elementwise.sign(Rand.f64(seed + 100, shape));
        return Elementwise.mul(u, s).contiguous().requiresGrad(true);
    }

    private static void unary(String name, Function<Tensor, Tensor> f) {
        for (long seed = 1; seed <= 3; seed++) {
            Tensor x = awayFromZero(seed, 3, 4);
            GradCheck.assertGradients(name, in -> f.apply(in[0]), x);
        }
    }

    private static void binary(String name, java.util.function.BiFunction<Tensor, Tensor, Tensor> f, boolean positive) {
        for (long seed = 1; seed <= 3; seed++) {
            Tensor a = positive ? Rand.uniform(seed, DType.F64, 0.5, 2, 3, 4).requiresGrad(true) : awayFromZero(seed, 3, 4);
            Tensor b = positive ? Rand.uniform(seed + 9, DType.F64, 0.5, 2, 4).requiresGrad(true) : awayFromZero(seed + 9, 4);
            GradCheck.assertGradients(name, in -> f.apply(in[0], in[1]), a, b);
        }
    }

    @Test
    void binaryOpsWithBroadcasting() {
        binary("add", Elementwise::add, false);
        binary("sub", Elementwise::sub, false);
        binary("mul", Elementwise::mul, false);
        binary("div", Elementwise::div, true);
        binary("pow", Elementwise::pow, true);
        binary("maximum", Elementwise::maximum, false);
        binary("minimum", Elementwise::minimum, false);
    }

    @Test
    void unaryOps() {
        unary("neg", Elementwise::neg);
        unary("exp", Elementwise::exp);
        unary("log", x -> Elementwise.log(Elementwise.abs(x)));
        unary("sqrt", x -> Elementwise.sqrt(Elementwise.abs(x)));
        unary("abs", Elementwise::abs);
        unary("relu", Elementwise::relu);
        unary("leaky_relu", x -> Elementwise.leakyRelu(x, 0.2));
        unary("sigmoid", Elementwise::sigmoid);
        unary("tanh", Elementwise::tanh);
        unary("clamp", x -> Elementwise.clamp(x, -1.05, 1.05));
        unary("add_scalar", x -> Elementwise.addScalar(x, 3));
        unary("mul_scalar", x -> Elementwise.mulScalar(x, -2.5));
        unary("pow_scalar", x -> Elementwise.powScalar(Elementwise.abs(x), 2.5));
        unary("copy", x -> Elementwise.copy(x.transpose(0, 1)));
        unary("to_device (cpu->cpu is identity)", x -> x.to(org.sgae.tensor.Device.cpu()).mul(x));
        unary("cast f64->f32->f64", x -> Elementwise.cast(Elementwise.cast(x, DType.F32), DType.F64).mul(0));
    }

    @Test
    void whereRoutesGradientsByCondition() {
        for (long seed = 1; seed <= 3; seed++) {
            Tensor a = awayFromZero(seed, 3, 4);
            Tensor b = awayFromZero(seed + 1, 1, 4);
            Tensor c = Elementwise.compareScalar(BinaryOp.GT, Rand.f64(seed + 2, 3, 4), 0);
            GradCheck.assertGradients("where", in -> Elementwise.where(c, in[0], in[1]), a, b);
        }
    }

    /** issue 10: at kinks and in saturation the CPU follows torch's conventions exactly (see TorchKinkGradients). */
    @Test
    void kinkAndSaturationGradientsFollowTorch() {
        TorchKinkGradients.assertOn(org.sgae.tensor.Device.cpu());
    }
}
