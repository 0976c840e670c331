package org.sgae.bench.backend;

import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BoxCoderAttrs;
import org.sgae.tensor.attrs.BoxConvention;
import org.sgae.tensor.ops.Detection;

/**
 * The detection box ops (nms.k on devices) through the {@link Detection} facade. N boxes (small: 300, an RPN
 * post-NMS size; large: 6000, the RPN pre-NMS top-N) placed uniformly in a 600×800 (H×W) image, width and height
 * independently log-uniform 16..400 px (so many overlap), scores uniform [0, 1), torchvision width convention.
 *
 * <ul>
 *   <li>{@code nms}: RPN-style greedy NMS, IoU 0.7 → kept indices (I64);
 *   <li>{@code nmsKeep}: the same NMS as a BOOL [N] keep mask;
 *   <li>{@code batchedNms}: per-class NMS as in the box head, classes uniform over 150 object classes, IoU 0.5;
 *   <li>{@code boxIou}: the full N×N IoU matrix of the boxes with themselves (F32);
 *   <li>{@code boxEncode}: regression targets of the boxes onto a second random box set (weights 1,1,1,1, RPN);
 *   <li>{@code boxDecode}: deltas [N,4] uniform [-1, 1) applied to the boxes (the RPN proposal decode).
 * </ul>
 * On a device {@code nms} and {@code batchedNms} read one scalar, the kept count, to size their result (a host
 * synchronisation inside the op, by design); {@code nmsKeep} never synchronises itself, and the measured time ends
 * at {@link BenchDevices#consume}, which synchronises the queue without copying. Outputs are closed each call.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'DetectionBench.(nms|batchedNms|box).*' -p backend=cpu,opencl}.
 */
@State(Scope.Benchmark)
public class BoxOpsCase {
    /** cpu, opencl or cuda device 0; an unavailable device fails its trial (BenchDevices). */
    @Param({"cpu", "opencl", "cuda"})
    public String backend;

    @Param({"small", "large"})
    public String size;

    static final int IMG_H = 600;
    static final int IMG_W = 800;
    static final int CLASSES = 150;
    static final double RPN_IOU = 0.7;
    static final double HEAD_IOU = 0.5;
    private static final BoxConvention CONV = BoxConvention.TORCHVISION;
    private static final BoxCoderAttrs CODER = BoxCoderAttrs.of(1, 1, 1, 1);
    private Tensor boxes;
    private Tensor scores;
    private Tensor classes;
    private Tensor gt;
    private Tensor deltas;

    @Setup(Level.Trial)
    public void setup() {
        Device d = BenchDevices.resolve(backend);
        int n = size.equals("small") ? 300 : 6000;
        SplittableRandom r = new SplittableRandom(6000 + n);
        boxes = BenchDevices.to(Tensor.of(boxes(r, n), n, 4), d);
        gt = BenchDevices.to(Tensor.of(boxes(r, n), n, 4), d);
        float[] s = new float[n];
        long[] c = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) r.nextDouble();
            c[i] = r.nextInt(CLASSES);
        }
        scores = BenchDevices.to(Tensor.of(s, n), d);
        classes = BenchDevices.to(Tensor.ofLongs(c, n), d);
        deltas = BenchDevices.random(d, 7, n, 4);
    }

    /** n boxes (x1, y1, x2, y2): sides log-uniform 16..400 px, placed uniformly inside the image. */
    static float[] boxes(SplittableRandom r, int n) {
        double lo = Math.log(16);
        double hi = Math.log(400);
        float[] b = new float[n * 4];
        for (int i = 0; i < n; i++) {
            double w = Math.exp(lo + (hi - lo) * r.nextDouble());
            double h = Math.exp(lo + (hi - lo) * r.nextDouble());
            double x1 = r.nextDouble() * (IMG_W - w);
            double y1 = r.nextDouble() * (IMG_H - h);
            b[i * 4] = (float) x1;
            b[i * 4 + 1] = (float) y1;
            b[i * 4 + 2] = (float) (x1 + w);
            b[i * 4 + 3] = (float) (y1 + h);
        }
        return b;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (Tensor t : new Tensor[] {boxes, scores, classes, gt, deltas}) {
            if (t != null) {
                t.close();
            }
        }
    }

    /** Reads the kept count on a device (one synchronisation inside the op). */
    public float nms() {
        try (Tensor keep = Detection.nms(boxes, scores, RPN_IOU, CONV)) {
            return BenchDevices.consume(keep);
        }
    }

    /** Never synchronises inside the op; consume synchronises the queue. */
    public float nmsKeep() {
        try (Tensor keep = Detection.nmsKeep(boxes, scores, null, RPN_IOU, CONV)) {
            return BenchDevices.consume(keep);
        }
    }

    public float batchedNms() {
        try (Tensor keep = Detection.batchedNms(boxes, scores, classes, HEAD_IOU, CONV)) {
            return BenchDevices.consume(keep);
        }
    }

    public float boxIou() {
        try (Tensor iou = Detection.boxIou(boxes, boxes, CONV)) {
            return BenchDevices.consume(iou);
        }
    }

    public float boxEncode() {
        try (Tensor t = Detection.boxEncode(boxes, gt, CODER)) {
            return BenchDevices.consume(t);
        }
    }

    public float boxDecode() {
        try (Tensor t = Detection.boxDecode(deltas, boxes, CODER)) {
            return BenchDevices.consume(t);
        }
    }
}
