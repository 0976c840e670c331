package org.sgae.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sgae.data.image.ImageFiles;
import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgDicts;
import org.sgae.data.vg.VgGraph;
import org.sgae.data.vg.VgSplit;

/**
 * Writes the test report into a folder, to look at it in a browser (the manual headless-Chromium check of issue 14).
 * Not a test. {@code java -cp <test classpath> org.sgae.report.ReportPreview OUT [WORLD]}: with a world folder
 * (e.g. ~/.cache/sgae/worlds/<hash>), the images are that world's first test images with their GT boxes drawn as
 * "detections" (random scores), the GT graph as both graphs and the image shrunk to 64×64 as every reconstruction —
 * stand-ins for the model's outputs, so that the drawings can be judged on real scenes.
 */
public final class ReportPreview {
    private ReportPreview() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/report-preview");
        Path run = Files.createTempDirectory("sgae-preview-run");
        ReportInput base = ReportWriterTest.fullInput(run);
        List<ImageCase> cases = args.length > 1 ? worldCases(Path.of(args[1]), 8) : ReportFixtures.cases(4, 7);
        ReportInput in = new ReportInput(base.title(), base.phases(), base.tables(), base.bars(), cases,
                base.configJson(), base.environment());
        System.out.println(ReportWriter.write(in, out, true));
    }

    private static List<ImageCase> worldCases(Path world, int n) {
        VgDataset ds = VgDataset.open(VgConfig.of(world, VgSplit.TEST));
        VgDicts dicts = ds.dicts();
        SplittableRandom r = new SplittableRandom(3);
        List<ImageCase> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, ds.size()); i++) {
            VgGraph g = ds.raw(i);
            FloatImage img = FloatImage.of(ImageFiles.read(g.imageFile()));
            String[] labels = new String[g.numObjects()];
            float[] scores = new float[labels.length];
            List<String> names = new ArrayList<>();
            for (int k = 0; k < labels.length; k++) {
                labels[k] = dicts.objectName(g.labels()[k]);
                names.add(labels[k]);
                scores[k] = (float) (0.5 + 0.5 * r.nextDouble());
            }
            List<GraphView.Edge> gt = new ArrayList<>();
            List<GraphView.Edge> pred = new ArrayList<>();
            for (int k = 0; k < g.numRelations(); k++) {
                int[] rel = g.relations();
                String p = dicts.predicateName(rel[3 * k + 2]);
                gt.add(new GraphView.Edge(rel[3 * k], rel[3 * k + 1], p));
                pred.add(new GraphView.Edge(rel[3 * k], rel[3 * k + 1], p, r.nextDouble()));
            }
            FloatImage small = shrink(img, 64);
            out.add(new ImageCase("test image " + g.info().imageId(), img, new BoxSet(g.boxes(), labels, scores),
                    GraphView.of(names, pred), GraphView.of(names, gt), small, small, small));
        }
        return out;
    }

    /** Nearest-neighbour resample to side × side (a stand-in for a 64×64 reconstruction). */
    private static FloatImage shrink(FloatImage img, int side) {
        float[] v = new float[3 * side * side];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int sy = y * img.height() / side;
                    int sx = x * img.width() / side;
                    v[c * side * side + y * side + x] = img.chw()[c * img.height() * img.width() + sy * img.width() + sx];
                }
            }
        }
        return new FloatImage(side, side, v);
    }
}
