package org.sgae.data.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sgae.data.pipeline.Batch;
import org.sgae.data.pipeline.BatchLoader;
import org.sgae.data.pipeline.LoaderConfig;
import org.sgae.data.synth.SynthConfig;
import org.sgae.data.synth.SynthWorld;
import org.sgae.data.synth.WorldStats;
import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgSplit;

/**
 * Benchmark command (not a unit test): generates a synthetic world, then measures how many images per
 * second the batching pipeline delivers to a consumer that touches every pixel.
 * <pre>
 * java -cp ... org.sgae.data.bench.DataThroughput [--images 5000] [--size 128] [--seed 1] [--out DIR]
 *      [--batch 16] [--workers 2] [--epochs 3] [--threads T]
 * </pre>
 */
public final class DataThroughput {
    private DataThroughput() {
    }

    public static void main(String[] args) throws IOException {
        int images = 5000;
        int size = 128;
        long seed = 1;
        Path out = null;
        int batch = 16;
        int workers = 2;
        int epochs = 3;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--images" -> images = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (out == null) {
            out = Files.createTempDirectory("sgae-throughput");
        }
        System.out.printf(Locale.ROOT, "java %s, %d cores, %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"));
        long t0 = System.nanoTime();
        WorldStats st = SynthWorld.generate(SynthConfig.of(images, size, seed).withThreads(threads), out);
        double gen = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "generate: %d images of %d px in %.1f s (%.0f images/s, %d threads);"
                + " %.2f objects, %.2f relations per image%n", images, size, gen, images / gen, threads,
                st.meanObjects(), st.meanRelations());
        long t1 = System.nanoTime();
        VgDataset ds = VgDataset.open(VgConfig.of(out, VgSplit.TRAIN).withNumValIm(0)
                .withFilters(false, false, true));
        System.out.printf(Locale.ROOT, "open: %d train images in %.2f s%n", ds.size(), (System.nanoTime() - t1) / 1e9);
        LoaderConfig c = LoaderConfig.synthetic(batch, seed).withWorkers(workers, 4)
                .withSizes(size, size, 16);
        for (int e = 0; e < epochs; e++) {
            long s = System.nanoTime();
            double sink = 0;
            int n = 0;
            try (BatchLoader l = new BatchLoader(ds, c, e)) {
                while (l.hasNext()) {
                    Batch b = l.next();
                    for (float v : b.images()) {
                        sink += v; // the consumer reads every pixel
                    }
                    n += b.n();
                }
            }
            double sec = (System.nanoTime() - s) / 1e9;
            System.out.printf(Locale.ROOT, "epoch %d: %d images in %.2f s = %.0f images/s (batch %d, %d workers;"
                    + " checksum %.1f)%n", e, n, sec, n / sec, batch, workers, sink);
        }
    }
}
