package org.sgae.bench.backend;

import java.util.Random;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.ops.Layout;

/**
 * Layout warping (sg2im boxes_to_layout) on the anchor workloads (section layout): B = 1 and 16 images, 12
 * objects each, D = 128, 64x64 canvas, 8x8 virtual maps, pixel-centre grid; boxes 0.1..0.6 wide inside [0,1].
 * fwd; fwd+bwd to the vectors (the anchor's fwdbwd); fwd+bwd to vectors and boxes (the anchor's fwdbwd_theta).
 * fwdMaps / fwdBwdMaps: the same with per-object maps [O, D, 8, 8] instead of vectors (layout_map_fwd / _bwd on
 * devices), gradients to the maps and boxes.
 *
 * Same workloads on every backend; device inputs are copied once in setup.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'LayoutBench.(fwd|fwdBwd).*' -p backend=cpu,opencl}.
 */
@State(Scope.Benchmark)
public class LayoutWarpCase {
    /** cpu (the quoted tables), opencl or cuda device 0; an unavailable device fails its trial (BenchDevices). */
    @Param({"cpu", "opencl", "cuda"})
    public String backend;

    @Param({"1", "16"})
    public int images;

    private static final int PER_IMAGE = 12;
    private static final int D = 128;
    private static final int SIZE = 64;
    private Tensor vecs;
    private Tensor maps;
    private Tensor boxes;
    private Tensor objToImg;
    private Tensor gradOut;
    private LayoutWarpAttrs attrs;

    @Setup
    public void setup() {
        Device dev = BenchDevices.resolve(backend);
        Random r = new Random(3000 + images);
        int o = images * PER_IMAGE;
        float[] v = new float[o * D];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        float[] b = new float[o * 4];
        long[] img = new long[o];
        for (int i = 0; i < o; i++) {
            double bw = 0.1 + 0.5 * r.nextDouble();
            double bh = 0.1 + 0.5 * r.nextDouble();
            double x0 = r.nextDouble() * (1 - bw);
            double y0 = r.nextDouble() * (1 - bh);
            b[i * 4] = (float) x0;
            b[i * 4 + 1] = (float) y0;
            b[i * 4 + 2] = (float) (x0 + bw);
            b[i * 4 + 3] = (float) (y0 + bh);
            img[i] = i / PER_IMAGE;
        }
        float[] g = new float[images * D * SIZE * SIZE];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) r.nextGaussian();
        }
        vecs = BenchDevices.to(Tensor.of(v, o, D), dev);
        maps = BenchDevices.random(dev, 3100 + images, o, D, 8, 8);
        boxes = BenchDevices.to(Tensor.of(b, o, 4), dev);
        objToImg = BenchDevices.to(Tensor.ofLongs(img, o), dev);
        gradOut = BenchDevices.to(Tensor.of(g, images, D, SIZE, SIZE), dev);
        attrs = LayoutWarpAttrs.of(images, SIZE, SIZE);
    }

    @TearDown
    public void tearDown() {
        vecs.close();
        maps.close();
        boxes.close();
        objToImg.close();
        gradOut.close();
    }

    public float fwd() {
        try (Tensor y = Layout.layoutWarp(vecs, boxes, objToImg, attrs)) {
            return BenchDevices.consume(y);
        }
    }

    public float fwdBwd() {
        return run(false);
    }

    public float fwdBwdBoxes() {
        return run(true);
    }

    public float fwdMaps() {
        try (Tensor y = Layout.layoutWarp(maps, boxes, objToImg, attrs)) {
            return BenchDevices.consume(y);
        }
    }

    public float fwdBwdMaps() {
        return run(maps, true);
    }

    private float run(boolean boxGrad) {
        return run(vecs, boxGrad);
    }

    private float run(Tensor src, boolean boxGrad) {
        try (Tensor y = Layout.layoutWarp(src, boxes, objToImg, attrs)) {
            Tensor[] g = Layout.layoutWarpBackward(gradOut, src, boxes, objToImg, attrs, boxGrad);
            float s = BenchDevices.consume(y) + BenchDevices.consume(g[0]);
            g[0].close();
            if (g[1] != null) {
                s += BenchDevices.consume(g[1]);
                g[1].close();
            }
            return s;
        }
    }
}
