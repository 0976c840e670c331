package org.sgae.data.synth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.sgae.data.AtomicFiles;
import org.sgae.data.image.PngCodec;
import org.sgae.data.image.RgbImage;
import org.sgae.data.vg.ImageInfo;
import org.sgae.data.vg.ImageInfos;

/**
 * Generates a synthetic world and writes it in the VG150 layout (vg150-format.md §8): VG_100K/<id>.png,
 * VG-SGG.h5 (noisy annotations), VG-SGG-clean.h5 (all objects, all true relations), VG-SGG-dicts.json,
 * image_data.json and synth-meta.json. Image i depends only on (seed, i) and the config, never on threads.
 */
public final class SynthWorld {
    public static final String VERSION = "sgae-synth 1";
    private static final long ANNOTATION_STREAM = 0x0A77_07A7E5L;

    private SynthWorld() {
    }

    /** One generated image's metadata and annotations (pixels are written immediately and dropped). */
    record Generated(long imageId, int width, int height, Annotation clean, Annotation noisy) {
    }

    /** Writes the world under {@code out} and returns the realised statistics (also in synth-meta.json). */
    public static WorldStats generate(SynthConfig c, Path out) {
        long[] ids = imageIds(c.numImages());
        int numTrain = (int) Math.floor(0.7 * c.numImages());
        Path imageDir = out.resolve("VG_100K");
        TrueGraph[] truths = new TrueGraph[c.numImages()];
        int[][] sizes = new int[c.numImages()][];
        parallel(c, i -> {
            Scene s = render(c, i, ids[i], imageDir);
            sizes[i] = new int[] {s.width, s.height};
            truths[i] = TrueGraph.of(s);
        });
        double[] keep = Calibration.keep(c, truths); // needs every truth: annotation is a second pass
        Generated[] results = new Generated[c.numImages()];
        for (int i = 0; i < results.length; i++) {
            int w = sizes[i][0];
            int h = sizes[i][1];
            results[i] = new Generated(ids[i], w, h, Annotator.clean(truths[i]),
                    annotate(c, i, truths[i], i < numTrain, keep, w, h));
        }
        List<ImageInfo> infos = new ArrayList<>();
        for (Generated g : results) {
            infos.add(new ImageInfo(g.width(), g.height(), "VG_100K/" + g.imageId() + ".png", g.imageId(), null, null));
        }
        int[] split = new int[results.length];
        for (int i = numTrain; i < split.length; i++) {
            split[i] = 2;
        }
        SynthFiles.h5(results, split, false).write(out.resolve("VG-SGG.h5"));
        SynthFiles.h5(results, split, true).write(out.resolve("VG-SGG-clean.h5"));
        WorldStats stats = WorldStats.of(results, numTrain, keep);
        SynthFiles.dicts(stats).write(out.resolve("VG-SGG-dicts.json"));
        ImageInfos.write(out.resolve("image_data.json"), infos);
        SynthFiles.meta(c, stats, out.resolve("synth-meta.json"));
        return stats;
    }

    /** Runs body(i) for every image on c.threads() daemon threads; output order never depends on them. */
    private static void parallel(SynthConfig c, java.util.function.IntConsumer body) {
        ExecutorService pool = Executors.newFixedThreadPool(c.threads(), r -> {
            Thread t = new Thread(r, "synth-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < c.threads(); w++) {
                fs.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < c.numImages(); i = next.getAndIncrement()) {
                        body.accept(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("generating failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Composes and renders image i (size jitter included), writing its PNG when imageDir is not null. */
    static Scene render(SynthConfig c, int i, long id, Path imageDir) {
        SplittableRandom r = new SplittableRandom(SynthConfig.mix(c.seed(), i));
        int w = c.width();
        int h = c.height();
        if (c.sizeJitter() > 0) {
            w = (int) Math.round(w * (1 + c.sizeJitter() * (2 * r.nextDouble() - 1)));
            h = (int) Math.round(h * (1 + c.sizeJitter() * (2 * r.nextDouble() - 1)));
        }
        Scene s = Composer.compose(r, w, h);
        int[] px = SceneRenderer.render(s, r);
        if (imageDir != null) {
            AtomicFiles.write(imageDir.resolve(id + ".png"), PngCodec.encode(RgbImage.fromPacked(w, h, px)));
        }
        return s;
    }

    /** Image i regenerated in memory with the given keep probabilities (tests). */
    static Generated generateOne(SynthConfig c, int i, long id, boolean train, double[] keep) {
        Scene s = render(c, i, id, null);
        TrueGraph t = TrueGraph.of(s);
        return new Generated(id, s.width, s.height, Annotator.clean(t), annotate(c, i, t, train, keep, s.width,
                s.height));
    }

    /** The noisy annotation of image i from its truth; its random stream depends only on (seed, i). */
    static Annotation annotate(SynthConfig c, int i, TrueGraph t, boolean train, double[] keep, int w, int h) {
        NoiseConfig noise = train ? c.noise() : c.noise().forTest();
        SplittableRandom ar = new SplittableRandom(SynthConfig.mix(c.seed() ^ ANNOTATION_STREAM, i));
        return Annotator.noisy(t, keep, noise, w, h, ar);
    }

    /** The rendered truth of image i (no files), for tests and statistics. */
    static TrueGraph truth(SynthConfig c, int i) {
        return TrueGraph.of(render(c, i, 0, null));
    }

    /** Ids from 1, skipping the VG ids whose files are corrupt, so the loader's skip rule never fires. */
    static long[] imageIds(int n) {
        long[] ids = new long[n];
        long id = 1;
        for (int i = 0; i < n; i++) {
            while (ImageInfos.CORRUPTED_IDS.contains(id)) {
                id++;
            }
            ids[i] = id++;
        }
        return ids;
    }
}
