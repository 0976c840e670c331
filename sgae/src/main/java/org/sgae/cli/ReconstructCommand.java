package org.sgae.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgSplit;
import org.sgae.eval.ImageMetrics;
import org.sgae.model.joint.JointModel;
import org.sgae.model.joint.Reconstructions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sgae reconstruct}: the reconstructions of model-spec §12 and eval-spec §7's image metrics. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = {"Reconstructs test-split images with a phase-2 (joint) checkpoint in the modes GT (GT graph and",
            "boxes), PRED (the predicted scene graph and boxes: the auto-encoder) and GRAPH_ONLY (GT graph, box-net",
            "boxes), noise seeded per image. Writes PNG grids (input | GT | PRED | GRAPH_ONLY per row) and",
            "metrics.json (L1, PSNR, SSIM per mode, mean over the images) into a new folder --out."})
final class ReconstructCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
            description = "phase-2 joint checkpoint folder, or its run folder (newest checkpoint)")
    Path checkpoint;

    @Option(names = "--images", paramLabel = "N", description = "the first N test images (default: all)")
    int images;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder, must not exist (default: "
            + "reconstruct-<checkpoint folder name>)")
    Path out;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        JointModel model = JointModel.fromCheckpoint(checkpoint);
        VgDataset test = VgDataset.open(VgConfig.of(dataOptions.folder(model.config().world()), VgSplit.TEST));
        Path to = out != null ? out : Path.of("reconstruct-" + checkpoint.toAbsolutePath().normalize().getFileName());
        Reconstructions.Result r = Reconstructions.writeFolder(model, test, images, model.config().seed(), to,
                checkpoint);
        System.out.printf(Locale.ROOT, "%d test images, noise seed %d%n", r.images(), model.config().seed());
        System.out.printf(Locale.ROOT, "%-11s %8s %8s %8s%n", "mode", "L1", "PSNR", "SSIM");
        for (var e : r.means().entrySet()) {
            ImageMetrics.Values v = e.getValue();
            System.out.printf(Locale.ROOT, "%-11s %8.4f %8.3f %8.4f%n", e.getKey(), v.l1(), v.psnr(), v.ssim());
        }
        System.out.println("wrote " + to.resolve("metrics.json") + " and grid-*.png");
        return 0;
    }
}
