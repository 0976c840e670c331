package convparts;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;
import org.sgae.tensor.attrs.Conv2dShape;
import org.sgae.tensor.cpu.Conv2dCpu;
import org.sgae.tensor.cpu.winograd.Winograd;

/**
 * Dev harness (not shipped): thread CPU time of conv2d 3×3 pad 1 forward, backward-input and backward-weight apart,
 * per shape, so that a machine loaded by other processes still gives comparable numbers (run with
 * -Dsgae.threads=1: all the work is then on the calling thread).
 *
 * <pre>
 * args: parts REPS N,CIN,COUT,HW [N,CIN,COUT,HW ...]    min / median thread-CPU ms per part
 *       loop PART SECONDS N,CIN,COUT,HW                  one part (fwd|bwdIn|bwdW|all) in a loop, for JFR
 * </pre>
 */
public final class ConvParts {
    static final ThreadMXBean TMX = ManagementFactory.getThreadMXBean();

    final Conv2dShape s;
    final float[] x, w, dy, y, dx, dw;

    ConvParts(String spec) {
        String[] q = spec.split(",");
        int n = Integer.parseInt(q[0]), cin = Integer.parseInt(q[1]), cout = Integer.parseInt(q[2]);
        int hw = Integer.parseInt(q[3]);
        s = Conv2dShape.of(n, cin, hw, hw, cout, 3, 1, 1, 1);
        Random r = new Random(1);
        x = f(r, (int) s.inputSize());
        w = f(r, (int) s.weightSize());
        dy = f(r, (int) s.outputSize());
        y = new float[(int) s.outputSize()];
        dx = new float[(int) s.inputSize()];
        dw = new float[(int) s.weightSize()];
    }

    void run(int part) {
        switch (part) {
            case 0 -> Conv2dCpu.forward(s, x, w, null, y);
            case 1 -> Conv2dCpu.backwardInput(s, dy, w, dx);
            default -> Conv2dCpu.backwardWeight(s, x, dy, dw, null);
        }
    }

    /** Thread CPU ns of one call. */
    long time(int part) {
        long t0 = TMX.getCurrentThreadCpuTime();
        run(part);
        return TMX.getCurrentThreadCpuTime() - t0;
    }

    static final String[] NAMES = {"fwd", "bwdIn", "bwdW"};

    public static void main(String[] a) {
        System.out.println("sgae.threads=" + System.getProperty("sgae.threads") + " java " + System.getProperty("java.version"));
        if (a[0].equals("parts")) {
            int reps = Integer.parseInt(a[1]);
            for (int i = 2; i < a.length; i++) {
                ConvParts c = new ConvParts(a[i]);
                double gflop = 2.0 * c.s.n() * c.s.cout() * c.s.outH() * c.s.outW() * c.s.cin() * 9 / 1e9;
                long[][] t = new long[3][reps];
                for (int r = 0; r < Math.max(5, reps / 2); r++) {
                    for (int p = 0; p < 3; p++) {
                        c.run(p);
                    }
                }
                for (int r = 0; r < reps; r++) {
                    for (int p = 0; p < 3; p++) {
                        t[p][r] = c.time(p);
                    }
                }
                StringBuilder sb = new StringBuilder(String.format("%-14s %-8s", a[i],
                        Winograd.applies(c.s) ? "winograd" : "direct"));
                double totMed = 0;
                for (int p = 0; p < 3; p++) {
                    long[] v = t[p].clone();
                    Arrays.sort(v);
                    double min = v[0] / 1e6, med = v[reps / 2] / 1e6;
                    totMed += med;
                    sb.append(String.format("  %s min %.2f med %.2f ms (%.0f GF/s)", NAMES[p], min, med,
                            gflop / (min / 1e3)));
                }
                sb.append(String.format("  sum-med %.2f ms", totMed));
                System.out.println(sb);
            }
        } else {
            String part = a[1];
            double secs = Double.parseDouble(a[2]);
            ConvParts c = new ConvParts(a[3]);
            int p0 = part.equals("all") ? 0 : Arrays.asList(NAMES).indexOf(part);
            int p1 = part.equals("all") ? 3 : p0 + 1;
            long t0 = System.nanoTime();
            long calls = 0;
            while (System.nanoTime() - t0 < secs * 1e9) {
                for (int p = p0; p < p1; p++) {
                    c.run(p);
                }
                calls++;
            }
            System.out.println("loop " + part + " " + a[3] + " calls " + calls);
        }
    }

    static float[] f(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
