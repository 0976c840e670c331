package org.sgae.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sgae.app.GraphJson;
import org.sgae.app.InputGraph;
import org.sgae.data.vg.VgDicts;
import org.sgae.model.generator.Generator;
import org.sgae.model.generator.Phase1Model;
import org.sgae.model.generator.Reconstruction;
import org.sgae.model.generator.SceneGraph;
import org.sgae.report.Drawings;
import org.sgae.report.FloatImage;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.train.Checkpoint;
import org.sgae.train.DetectorEvalRun;
import org.sgae.train.config.ConfigJson;
import org.sgae.train.config.Preset;
import org.sgae.train.config.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sgae generate graph.json --checkpoint F}: hand-written scene graphs (sg2im's JSON shape, {@link GraphJson})
 * → one image each in GRAPH_ONLY mode (model-spec §12, paper Fig. 3: the box net lays the objects out), with a
 * fixed noise seed: {@code <name>.png} (the generator's S×S, 64×64 in both presets), {@code <name>-x4.png}
 * (nearest-neighbour ×4 for viewing) and {@code <name>-graph.png}.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Images from hand-written scene graphs (sg2im JSON: objects, relationships) with a phase-1",
            "checkpoint, GRAPH_ONLY mode (box-net layout): <out>/<name>.png (64x64), <name>-x4.png, <name>-graph.png."})
final class Generate implements Callable<Integer> {
    /** Display scale of the upscaled copy. */
    static final int VIEW_SCALE = 4;

    @Parameters(arity = "1..*", paramLabel = "GRAPH.json", description = "graph files (one graph or a list each)")
    List<Path> graphs;

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
            description = "a phase-1 (or joint phase-2) checkpoint folder (iter-N) or run folder (its newest)")
    Path checkpoint;

    @Option(names = "--preset", description = "refuse a checkpoint of another preset")
    Preset preset;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("runs", "generate");

    @Option(names = "--seed", description = "noise seed (default ${DEFAULT-VALUE}); graph i draws from (seed, i)")
    long seed = 0;

    @Option(names = "--force", description = "replace output files that exist")
    boolean force;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        Loaded g = load(checkpoint, preset);
        VgDicts dicts = Dicts.of(g.cfg(), dataOptions);
        int maxObjects = g.generator().config().maxObjects();
        List<List<InputGraph>> all = new java.util.ArrayList<>();
        for (Path f : graphs) {
            all.add(GraphJson.read(f, dicts, maxObjects)); // all files checked before anything is written
        }
        long id = 0;
        for (List<InputGraph> list : all) {
            for (InputGraph ig : list) {
                String name = ig.name().replaceAll("\\.json", "").replaceAll("[^A-Za-z0-9_.-]", "_");
                Path png = out.resolve(name + ".png");
                Path big = out.resolve(name + "-x" + VIEW_SCALE + ".png");
                Path graphPng = out.resolve(name + "-graph.png");
                OutputFiles.requireFree(force, List.of(png, big, graphPng));
                FloatImage img = generate(g.generator(), ig, seed, id++);
                Drawings.writePng(Drawings.image(img, 1), png);
                Drawings.writePng(Drawings.image(img, VIEW_SCALE), big);
                Drawings.writePng(Drawings.graph(ig.view(dicts)), graphPng);
                System.out.printf(Locale.ROOT, "%s: %d objects, %d relations → %s (%dx%d), %s, %s%n", ig.name(),
                        ig.numObjects(), ig.numRelations(), png, img.width(), img.height(), big, graphPng);
            }
        }
        return 0;
    }

    /** A phase-1 checkpoint's generator (eval mode) and config. */
    record Loaded(Path dir, TrainConfig cfg, Generator generator) {
    }

    static Loaded load(Path checkpoint, Preset expected) {
        Path dir = DetectorEvalRun.resolveCheckpoint(checkpoint);
        Path cfgFile = dir.resolve(Checkpoint.CONFIG);
        TrainConfig cfg = ConfigJson.read(cfgFile);
        if (expected != null && expected != cfg.preset()) {
            throw new IllegalArgumentException(cfgFile + ": checkpoint of preset " + cfg.preset() + ", expected "
                    + expected);
        }
        Phase1Model m = Phase1Model.forPhase1(cfg);
        try {
            PartWeights.load(dir, cfg, 1, m, PartWeights.GAN); // phase 1, or a joint phase-2 checkpoint's "gan."
        } catch (IllegalArgumentException | IllegalStateException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new IllegalArgumentException(msg.contains(dir.toString()) ? msg : dir + ": " + msg, e);
        }
        m.gan().eval();
        return new Loaded(dir, cfg, m.gan().generator());
    }

    /** One graph → its S×S image in [0, 1], GRAPH_ONLY (box-net boxes), noise from (seed, id). */
    static FloatImage generate(Generator gen, InputGraph ig, long seed, long id) {
        try (MemoryScope scope = MemoryScope.open()) {
            SceneGraph g = graph(gen, ig);
            Tensor img = Reconstruction.pixels(Reconstruction.generate(gen, g, new long[] {id}, seed,
                    Generator.Boxes.BOX_NET));                                              // [1,3,S,S]
            return new FloatImage(img.dim(2), img.dim(3), img.toFloatArray());
        }
    }

    /**
     * The generator's graph of one hand-written graph (as GtGraphs builds phase 1's): its objects and relations;
     * the boxes are unused in GRAPH_ONLY (the box net places the objects) and given as the whole image.
     */
    static SceneGraph graph(Generator gen, InputGraph ig) {
        Tensor like = gen.vocab().objectTable();
        int r = ig.numObjects();
        long[] labels = new long[r];
        for (int i = 0; i < r; i++) {
            labels[i] = ig.labels()[i];
        }
        int t = ig.numRelations();
        long[] s = new long[t];
        long[] o = new long[t];
        long[] p = new long[t];
        for (int k = 0; k < t; k++) {
            s[k] = ig.relations()[3 * k];
            o[k] = ig.relations()[3 * k + 1];
            p[k] = ig.relations()[3 * k + 2];
        }
        float[] boxes = new float[4 * r];
        for (int i = 0; i < r; i++) {
            boxes[4 * i + 2] = 1;
            boxes[4 * i + 3] = 1;
        }
        Tensor labelT = Tensor.ofLongs(labels, r).to(like.device());
        Tensor vecs = gen.vocab().objects(labelT);                                           // [R, D]
        Tensor preds = gen.vocab().predicates(Tensor.ofLongs(p, t).to(like.device()));       // [T, D]
        return SceneGraph.assemble(gen.vocab(), 1, vecs, new long[r], Tensor.of(boxes, r, 4).to(like.dtype())
                .to(like.device()), labelT, preds, s, o, null);
    }
}
