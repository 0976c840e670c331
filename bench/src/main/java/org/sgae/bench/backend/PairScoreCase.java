package org.sgae.bench.backend;

import java.util.Random;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.PairScoreAttrs;
import org.sgae.tensor.ops.Detection;

/**
 * Top-K pair scoring on the anchor's "head" workloads (section pairs): N = 256, P, Q [N,d] ~ N(0,1)/d^¼ for d = 256
 * and 64, σ(P Qᵀ) with the diagonal excluded, K = 256. fwd; fwd+bwd of the kept scores (gradient 1) to P and Q.
 *
 * Same workloads on every backend; device inputs are copied once in setup.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'DetectionBench.pairScores.*' -p backend=cpu,opencl}.
 */
@State(Scope.Benchmark)
public class PairScoreCase {
    /** cpu (the quoted tables), opencl or cuda device 0; an unavailable device fails its trial (BenchDevices). */
    @Param({"cpu", "opencl", "cuda"})
    public String backend;

    @Param({"256", "64"})
    public int dim;

    private static final int N = 256;
    private final PairScoreAttrs attrs = new PairScoreAttrs(256);
    private Tensor p;
    private Tensor q;
    private Tensor ones;

    @Setup
    public void setup() {
        Device dev = BenchDevices.resolve(backend);
        Random r = new Random(4000 + dim);
        double s = Math.pow(dim, -0.25);
        float[] a = new float[N * dim];
        float[] b = new float[N * dim];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (r.nextGaussian() * s);
            b[i] = (float) (r.nextGaussian() * s);
        }
        p = BenchDevices.to(Tensor.of(a, N, dim), dev);
        q = BenchDevices.to(Tensor.of(b, N, dim), dev);
        float[] one = new float[256];
        java.util.Arrays.fill(one, 1f);
        ones = BenchDevices.to(Tensor.of(one, 256), dev);
    }

    @TearDown
    public void tearDown() {
        p.close();
        q.close();
        ones.close();
    }

    public float fwd() {
        Tensor[] out = Detection.pairScores(p, q, attrs);
        float v = BenchDevices.consume(out[0]);
        out[0].close();
        out[1].close();
        return v;
    }

    public float fwdBwd() {
        Tensor[] out = Detection.pairScores(p, q, attrs);
        Tensor[] g = Detection.pairScoresBackward(ones, out[0], out[1], p, q, null, null);
        float v = BenchDevices.consume(g[0]) + BenchDevices.consume(g[1]);
        out[0].close();
        out[1].close();
        g[0].close();
        g[1].close();
        return v;
    }
}
