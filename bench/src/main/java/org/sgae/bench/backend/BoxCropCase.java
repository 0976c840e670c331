package org.sgae.bench.backend;

import java.util.Random;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BoxCropAttrs;
import org.sgae.tensor.ops.Layout;

/**
 * Box crops on the generator's D_obj workload (model-spec §9): B = 8 images of 3×64×64, O = 80 boxes (10 per
 * image), 0.1..0.6 wide, some sticking out of [0,1]; S = 32. fwd; fwd+bwd to the images and the boxes (the
 * generator's case: crops of x̂ at predicted boxes).
 *
 * Same workload on every backend; device inputs are copied once in setup.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'LayoutBench.boxCrop.*' -p backend=cpu,opencl}.
 */
@State(Scope.Benchmark)
public class BoxCropCase {
    /** cpu (the quoted tables), opencl or cuda device 0; an unavailable device fails its trial (BenchDevices). */
    @Param({"cpu", "opencl", "cuda"})
    public String backend;

    private static final int B = 8;
    private static final int C = 3;
    private static final int SIZE = 64;
    private static final int O = 80;
    private static final int S = 32;
    private Tensor images;
    private Tensor boxes;
    private Tensor imageIndex;
    private Tensor gradOut;
    private final BoxCropAttrs attrs = new BoxCropAttrs(S);

    @Setup
    public void setup() {
        Device dev = BenchDevices.resolve(backend);
        Random r = new Random(4000);
        float[] b = new float[O * 4];
        long[] img = new long[O];
        for (int i = 0; i < O; i++) {
            double bw = 0.1 + 0.5 * r.nextDouble();
            double bh = 0.1 + 0.5 * r.nextDouble();
            double x0 = r.nextDouble() * (1.1 - bw) - 0.05;
            double y0 = r.nextDouble() * (1.1 - bh) - 0.05;
            b[i * 4] = (float) x0;
            b[i * 4 + 1] = (float) y0;
            b[i * 4 + 2] = (float) (x0 + bw);
            b[i * 4 + 3] = (float) (y0 + bh);
            img[i] = i % B;
        }
        images = BenchDevices.random(dev, 4100, B, C, SIZE, SIZE);
        boxes = BenchDevices.to(Tensor.of(b, O, 4), dev);
        imageIndex = BenchDevices.to(Tensor.ofLongs(img, O), dev);
        gradOut = BenchDevices.random(dev, 4200, O, C, S, S);
    }

    @TearDown
    public void tearDown() {
        images.close();
        boxes.close();
        imageIndex.close();
        gradOut.close();
    }

    public float fwd() {
        try (Tensor y = Layout.boxCrop(images, boxes, imageIndex, S)) {
            return BenchDevices.consume(y);
        }
    }

    public float fwdBwd() {
        try (Tensor y = Layout.boxCrop(images, boxes, imageIndex, S)) {
            Tensor[] g = Layout.boxCropBackward(gradOut, images, boxes, imageIndex, attrs, true, true);
            try (Tensor gi = g[0]; Tensor gb = g[1]) {
                return BenchDevices.consume(y) + BenchDevices.consume(gi) + BenchDevices.consume(gb);
            }
        }
    }
}
