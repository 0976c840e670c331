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
import org.sgae.tensor.attrs.Conv2dAttrs;
import org.sgae.tensor.spi.Backend;
import org.sgae.tensor.spi.Backends;

/**
 * 3×3 pad-1 conv2d without bias, forward and forward+backward (grad input and grad weight), as the torch anchors
 * conv_small_n8_32to64x64 ("small": N=8, 32→64, 64²) and conv_vgg_256x56 ("large": N=1, 256→256, 56²).
 * FLOP: fwd 2·N·O·H·W·C·9, fwd+bwd 3×; fwdBias adds the bias (bias_add on devices). A backend without a conv2d
 * kernel fails its params in setup.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'NnBench.conv2d.*' -p backend=cpu,opencl}.
 */
@State(Scope.Benchmark)
public class Conv2dCase {
    @Param({"cpu", "opencl", "cuda"})
    public String backend;

    @Param({"small", "large"})
    public String size;

    private static final Conv2dAttrs A = Conv2dAttrs.of(1, 1, 1);
    private Backend be;
    private Tensor x;
    private Tensor w;
    private Tensor bias;
    private Tensor out;
    private Tensor gy;
    private Tensor gx;
    private Tensor gw;

    @Setup(Level.Trial)
    public void setup() {
        Device d = BenchDevices.resolve(backend);
        be = Backends.of(d);
        boolean small = size.equals("small");
        int n = small ? 8 : 1;
        int c = small ? 32 : 256;
        int o = small ? 64 : 256;
        int hw = small ? 64 : 56;
        x = BenchDevices.random(d, 1, n, c, hw, hw);
        w = BenchDevices.random(d, 2, o, c, 3, 3);
        bias = BenchDevices.random(d, 4, o);
        gy = BenchDevices.random(d, 3, n, o, hw, hw);
        out = Tensor.empty(Shape.of(n, o, hw, hw), DType.F32, d);
        gx = Tensor.empty(x.shape(), DType.F32, d);
        gw = Tensor.empty(w.shape(), DType.F32, d);
        be.nn().conv2d(x, w, null, A, out); // fails here (not in the measurement) when the backend has no conv2d
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (Tensor t : new Tensor[] {x, w, bias, out, gy, gx, gw}) {
            if (t != null) {
                t.close();
            }
        }
    }

    public Tensor fwd() {
        be.nn().conv2d(x, w, null, A, out);
        be.synchronize();
        return out;
    }

    public Tensor fwdBias() {
        be.nn().conv2d(x, w, bias, A, out);
        be.synchronize();
        return out;
    }

    public Tensor fwdbwd() {
        be.nn().conv2d(x, w, null, A, out);
        be.nn().conv2dGradInput(gy, w, A, gx);
        be.nn().conv2dGradWeight(gy, x, A, gw, null);
        be.synchronize();
        return gw;
    }
}
