package org.sgae.data.synth;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a synthetic world to a folder.
 * <pre>
 * java -cp ... org.sgae.data.synth.SynthMain --out DIR --images N --seed S [--size 128] [--threads T]
 *      [--size-jitter 0.2] [--noise.missing-rel 0.3] [--noise.wrong-predicate 0.1] [--noise.duplicate-rel 0.05]
 *      [--noise.missing-object 0.05] [--noise.label-noise 0.02] [--noise.box-jitter 0.03] [--noise.on-test]
 *      [--no-noise]
 * </pre>
 */
public final class SynthMain {
    private SynthMain() {
    }

    public static void main(String[] args) {
        Path out = null;
        int images = 1000;
        long seed = 1;
        int size = 128;
        double jitter = 0;
        int threads = Runtime.getRuntime().availableProcessors();
        NoiseConfig d = NoiseConfig.defaults();
        double[] n = {d.missingRel(), d.wrongPredicate(), d.duplicateRel(), d.missingObject(), d.labelNoise(),
            d.boxJitter()};
        boolean onTest = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--out" -> out = Path.of(args[++i]);
                case "--images" -> images = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--size-jitter" -> jitter = Double.parseDouble(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--noise.missing-rel" -> n[0] = Double.parseDouble(args[++i]);
                case "--noise.wrong-predicate" -> n[1] = Double.parseDouble(args[++i]);
                case "--noise.duplicate-rel" -> n[2] = Double.parseDouble(args[++i]);
                case "--noise.missing-object" -> n[3] = Double.parseDouble(args[++i]);
                case "--noise.label-noise" -> n[4] = Double.parseDouble(args[++i]);
                case "--noise.box-jitter" -> n[5] = Double.parseDouble(args[++i]);
                case "--noise.on-test" -> onTest = true;
                case "--no-noise" -> java.util.Arrays.fill(n, 0);
                default -> usage("unknown option " + a);
            }
        }
        if (out == null) {
            usage("--out DIR is required");
        }
        SynthConfig c = new SynthConfig(images, size, size, jitter, seed, 4.0, threads,
                new NoiseConfig(n[0], n[1], n[2], n[3], n[4], n[5], onTest));
        long t0 = System.nanoTime();
        WorldStats s = SynthWorld.generate(c, out);
        double sec = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "wrote %d images to %s in %.1f s (%.0f images/s); %.2f objects and %.2f"
                + " relations per image%n", images, out, sec, images / sec, s.meanObjects(), s.meanRelations());
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: SynthMain --out DIR --images N --seed S [--size 128] [--threads T] [--size-jitter J]"
                + " [--noise.<knob> V ...] [--no-noise]");
        System.exit(2);
    }
}
