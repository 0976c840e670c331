package org.sgae.bench.backend;

import java.util.Random;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.RoiAlignAttrs;
import org.sgae.tensor.ops.Detection;

/**
 * ROI Align on the anchor workloads (shared/anchors, section roi_align): feature (1,512,38,50), 256 boxes
 * log-uniform 16..456 px in the 608x800 image, 7x7, scale 1/16, sampling 2 aligned / adaptive / sampling 2
 * unaligned; small (1,64,16,16), 32 boxes, 5x5. fwd, and fwd+bwd (gradient to the features). Outputs are closed
 * each call so the CPU pool reuses them (no page faults in the loop).
 *
 * Same workloads on every backend; device inputs are copied once in setup.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'DetectionBench.roiAlign.*' -p backend=cpu,opencl}; CPU
 * threads via {@code -Dsgae.threads}.
 */
@State(Scope.Benchmark)
public class RoiAlignCase {
    /** cpu (the quoted tables), opencl or cuda device 0; an unavailable device fails its trial (BenchDevices). */
    @Param({"cpu", "opencl", "cuda"})
    public String backend;

    @Param({"main_sr2", "main_adaptive", "main_sr2_unaligned", "small_sr2", "small_adaptive"})
    public String workload;

    private Tensor x;
    private Tensor rois;
    private Tensor gradOut;
    private RoiAlignAttrs attrs;

    @Setup
    public void setup() {
        Device dev = BenchDevices.resolve(backend);
        boolean small = workload.startsWith("small");
        int c = small ? 64 : 512;
        int h = small ? 16 : 38;
        int w = small ? 16 : 50;
        int k = small ? 32 : 256;
        int out = small ? 5 : 7;
        int sr = workload.endsWith("adaptive") ? 0 : 2;
        boolean aligned = !workload.endsWith("unaligned");
        attrs = RoiAlignAttrs.of(out, 1.0 / 16, sr, aligned);
        Random r = new Random(2000 + c + k);
        float[] xs = new float[c * h * w];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) r.nextGaussian();
        }
        x = BenchDevices.to(Tensor.of(xs, 1, c, h, w), dev);
        rois = BenchDevices.to(Tensor.of(rois(r, k, h * 16, w * 16), k, 5), dev);
        float[] g = new float[k * c * out * out];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) r.nextGaussian();
        }
        gradOut = BenchDevices.to(Tensor.of(g, k, c, out, out), dev);
    }

    /** The anchor's make_rois: log-uniform sizes 16 .. 0.75·min(H, W) pixels, inside the image, batch 0. */
    static float[] rois(Random r, int k, int imgH, int imgW) {
        double lo = Math.log(16);
        double hi = Math.log(0.75 * Math.min(imgH, imgW));
        float[] b = new float[k * 5];
        for (int i = 0; i < k; i++) {
            double bw = Math.exp(lo + (hi - lo) * r.nextDouble());
            double bh = Math.exp(lo + (hi - lo) * r.nextDouble());
            double x1 = r.nextDouble() * (imgW - bw);
            double y1 = r.nextDouble() * (imgH - bh);
            b[i * 5 + 1] = (float) x1;
            b[i * 5 + 2] = (float) y1;
            b[i * 5 + 3] = (float) (x1 + bw);
            b[i * 5 + 4] = (float) (y1 + bh);
        }
        return b;
    }

    @TearDown
    public void tearDown() {
        x.close();
        rois.close();
        gradOut.close();
    }

    public float fwd() {
        try (Tensor y = Detection.roiAlign(x, rois, attrs)) {
            return BenchDevices.consume(y);
        }
    }

    public float fwdBwd() {
        try (Tensor y = Detection.roiAlign(x, rois, attrs);
             Tensor g = Detection.roiAlignBackward(gradOut, rois, x.shape(), attrs)) {
            return BenchDevices.consume(y) + BenchDevices.consume(g);
        }
    }
}
