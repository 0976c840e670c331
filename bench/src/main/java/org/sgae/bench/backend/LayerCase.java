package org.sgae.bench.backend;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.Pool2dAttrs;
import org.sgae.tensor.spi.Backend;
import org.sgae.tensor.spi.Backends;

/**
 * The memory-bound layer kernels of the CRN and detector: batch norm (stats + apply; backward), 2×2 max pool
 * (forward; backward through the argmax), 2×2 average pool (forward; backward), adaptive average pool to 7×7
 * (forward; backward), nearest ×2 upsampling (forward; backward) on x [8, C, H, W] (small: C=64, 32²; large: C=128,
 * 64², the CRN's last stages). A backend without one of these kernels fails its params in setup. Backward inputs are
 * the forward outputs (their values are irrelevant to the traffic); every gradient is written into one [8, C, H, W]
 * buffer.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar NnBench -p backend=cpu,opencl}.
 */
@State(Scope.Benchmark)
public class LayerCase {
    @Param({"cpu", "opencl", "cuda"})
    public String backend;

    @Param({"small", "large"})
    public String size;

    private static final Pool2dAttrs POOL = Pool2dAttrs.of(2, 2, 0);
    private Backend be;
    private Tensor x;
    private Tensor mean;
    private Tensor var;
    private Tensor y;
    private Tensor pooled;
    private Tensor argmax;
    private Tensor up;
    private Tensor adaptive;
    private Tensor gradWeight;
    private Tensor gradBias;

    @Setup(Level.Trial)
    public void setup() {
        Device d = BenchDevices.resolve(backend);
        be = Backends.of(d);
        boolean small = size.equals("small");
        int c = small ? 64 : 128;
        int hw = small ? 32 : 64;
        x = BenchDevices.random(d, 1, 8, c, hw, hw);
        mean = Tensor.empty(Shape.of(c), DType.F32, d);
        var = Tensor.empty(Shape.of(c), DType.F32, d);
        y = Tensor.empty(x.shape(), DType.F32, d);
        pooled = Tensor.empty(Shape.of(8, c, hw / 2, hw / 2), DType.F32, d);
        argmax = Tensor.empty(pooled.shape(), DType.I32, d);
        up = Tensor.empty(Shape.of(8, c, hw * 2, hw * 2), DType.F32, d);
        adaptive = Tensor.empty(Shape.of(8, c, 7, 7), DType.F32, d);
        gradWeight = Tensor.empty(Shape.of(c), DType.F32, d);
        gradBias = Tensor.empty(Shape.of(c), DType.F32, d);
        be.nn().batchNormStats(x, mean, var); // fails here (not measured) where the backend has no kernel
        be.nn().maxPool2d(x, POOL, pooled, argmax); // a valid argmax for maxPool2x2Bwd
        be.synchronize();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (Tensor t : new Tensor[] {x, mean, var, y, pooled, argmax, up, adaptive, gradWeight, gradBias}) {
            if (t != null) {
                t.close();
            }
        }
    }

    public Tensor batchNormTrain() {
        be.nn().batchNormStats(x, mean, var);
        be.nn().batchNormApply(x, mean, var, null, null, y); // var as invStd: same traffic, values irrelevant
        be.synchronize();
        return y;
    }

    public Tensor maxPool2x2() {
        be.nn().maxPool2d(x, POOL, pooled, argmax);
        be.synchronize();
        return pooled;
    }

    /** Batch-norm backward in training mode (bn_bwd_reduce + bn_bwd_input): x stands in for the gradient. */
    public Tensor batchNormBwd() {
        be.nn().batchNormBackward(x, x, mean, var, null, true, y, gradWeight, gradBias);
        be.synchronize();
        return y;
    }

    public Tensor maxPool2x2Bwd() {
        be.nn().maxPool2dBackward(pooled, argmax, y);
        be.synchronize();
        return y;
    }

    public Tensor avgPool2x2() {
        be.nn().avgPool2d(x, POOL, pooled);
        be.synchronize();
        return pooled;
    }

    public Tensor avgPool2x2Bwd() {
        be.nn().avgPool2dBackward(pooled, POOL, y);
        be.synchronize();
        return y;
    }

    public Tensor adaptiveAvgPool7() {
        be.nn().adaptiveAvgPool2d(x, adaptive);
        be.synchronize();
        return adaptive;
    }

    public Tensor adaptiveAvgPool7Bwd() {
        be.nn().adaptiveAvgPool2dBackward(adaptive, y);
        be.synchronize();
        return y;
    }

    public Tensor upsample2xBwd() {
        be.nn().upsampleNearest2dBackward(up, y);
        be.synchronize();
        return y;
    }

    public Tensor upsample2x() {
        be.nn().upsampleNearest2d(x, up);
        be.synchronize();
        return up;
    }
}
