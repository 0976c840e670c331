package org.sgae.autograd;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Elementwise;

/**
 * Finite-difference gradient checker in float64 (tolerance F64_GRADCHECK of architecture.md §9). The function's
 * output is projected on a fixed random tensor w, L = Σ w·f(x), so every output element gets a distinct upstream
 * gradient (a plain sum would hide errors that cancel). Each input element is perturbed by ±ε and the central
 * difference (L(x+ε) − L(x−ε)) / 2ε is compared with autograd's dL/dx.
 *
 * <p>Pass: |a − n| / (|a| + |n|) ≤ 1e-5, or |a − n| ≤ 1e-8. Rationale: with ε = 1e-6 in float64 the central
 * difference has truncation error O(ε²·f''') ≈ 1e-12 and rounding error ≈ 1e-16/ε ≈ 1e-10 relative, so 1e-5 leaves
 * ample room while any wrong rule (a missing factor, a wrong sign, a wrong index) errs by O(1).
 */
public final class GradCheck {
    public static final double EPS = 1e-6;
    public static final double REL_TOL = 1e-5;
    public static final double ABS_TOL = 1e-8;

    private GradCheck() {
    }

    /** Outcome; {@link #ok()} false means the message says where the first failure was. */
    public record Result(boolean ok, String message, double maxRelError) {
    }

    /**
     * @param f      the function under test (may return any shape)
     * @param inputs F64 CPU tensors; those with requiresGrad are checked (the others are held constant)
     */
    public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        for (Tensor t : inputs) {
            if (t.dtype() != DType.F64 || !t.device().isCpu() || !t.isContiguous()) {
                throw new IllegalArgumentException("GradCheck needs contiguous F64 CPU inputs, got " + t);
            }
        }
        Tensor w;
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor y = f.apply(inputs);
            w = MemoryScope.escape(randomLike(y, 12345));
            for (Tensor t : inputs) {
                t.setGrad(null);
            }
            Tensor loss = Elementwise.mul(y, w).sum();
            Engine.backward(loss);
        }
        double worst = 0;
        for (int k = 0; k < inputs.length; k++) {
            Tensor x = inputs[k];
            if (!x.requiresGrad()) {
                continue;
            }
            double[] analytic = x.grad() == null ? new double[x.numel()] : x.grad().toDoubleArray();
            double[] data = x.cpu().f64();
            for (int i = 0; i < x.numel(); i++) {
                int at = x.offset() + i;
                double orig = data[at];
                data[at] = orig + EPS;
                double plus = evaluate(f, inputs, w);
                data[at] = orig - EPS;
                double minus = evaluate(f, inputs, w);
                data[at] = orig;
                double numeric = (plus - minus) / (2 * EPS);
                double a = analytic[i];
                double abs = Math.abs(a - numeric);
                double rel = abs / (Math.abs(a) + Math.abs(numeric) + 1e-300);
                if (abs > ABS_TOL) {
                    worst = Math.max(worst, rel);
                }
                if (abs > ABS_TOL && rel > REL_TOL) {
                    return new Result(false, "input " + k + " " + x.shape() + " element " + i + ": analytic " + a
                            + " vs numeric " + numeric + " (rel err " + rel + ")", rel);
                }
            }
        }
        return new Result(true, "ok", worst);
    }

    /** Throws AssertionError naming the function when the check fails. */
    public static void assertGradients(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Result r = check(f, inputs);
        if (!r.ok()) {
            throw new AssertionError("Gradient check of " + name + " failed: " + r.message());
        }
    }

    private static double evaluate(Function<Tensor[], Tensor> f, Tensor[] inputs, Tensor w) {
        try (GradMode off = GradMode.disabled(); MemoryScope scope = MemoryScope.open()) {
            return Elementwise.mul(f.apply(inputs), w).sum().item();
        }
    }

    /** Uniform(-1, 1) F64 values with t's shape, from a fixed seed. */
    public static Tensor randomLike(Tensor t, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] d = new double[t.numel()];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextDouble(-1, 1);
        }
        return Tensor.of(d, t.shape().toArray()).to(t.device());
    }
}
