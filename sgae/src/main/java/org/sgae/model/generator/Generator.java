package org.sgae.model.generator;

import java.util.SplittableRandom;

import org.sgae.nn.Module;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.train.config.GeneratorConfig;

/**
 * The generator of model-spec §8: scene graph → GraphTripleConv stack → object vectors → box net (b̂) and the box
 * layout (at the graph's boxes, or at b̂ for graph-only generation) + noise → CRN → image [B,3,S,S].
 */
public final class Generator extends Module {
    private final GeneratorConfig cfg;
    private final Vocabulary vocab;
    private final GraphTripleConvNet gconv;
    private final BoxNet boxNet;
    private final Crn crn;

    /** Which boxes the layout uses: the graph's (phase 1 GT, phase 2 predicted) or the box net's (GRAPH_ONLY). */
    public enum Boxes { GRAPH, BOX_NET }

    /**
     * The result of one forward pass.
     *
     * @param image      [B,3,S,S] in normalised pixel space
     * @param boxNet     [O,4] the box net's boxes b̂
     * @param layoutBoxes [O,4] the boxes the layout used
     * @param objects    [O,D] the object vectors after the GraphTripleConv stack
     */
    public record Output(Tensor image, Tensor boxNet, Tensor layoutBoxes, Tensor objects) {
    }

    public Generator(GeneratorConfig cfg, DType dtype, Device device, SplittableRandom rng) {
        this.cfg = cfg.validate();
        this.vocab = registerModule("vocab", new Vocabulary(cfg, dtype, device, rng));
        this.gconv = registerModule("gconv", new GraphTripleConvNet(cfg.gconvLayers(), cfg.embedDim(), cfg.hidden(),
                dtype, device, rng));
        this.boxNet = registerModule("boxNet", new BoxNet(cfg.embedDim(), cfg.hidden(), dtype, device, rng));
        this.crn = registerModule("crn", new Crn(cfg.layoutChannels(), cfg.crnDims(), dtype, device, rng));
    }

    public Vocabulary vocab() {
        return vocab;
    }

    public GeneratorConfig config() {
        return cfg;
    }

    /** Noise [B, noiseChannels, S, S] from the generator-noise stream, in {@code like}'s dtype and device. */
    public Tensor drawNoise(int images, SplittableRandom generatorNoise, Tensor like) {
        return BoxLayout.noise(images, cfg.noiseChannels(), cfg.imageSize(), generatorNoise, like);
    }

    /** graph + noise [B,N,S,S] → image [B,3,S,S] (and the box net's boxes). */
    public Output forward(SceneGraph g, Tensor noise, Boxes which) {
        long t = GenTimer.start();
        Tensor objs = gconv.forward(g.objects(), g.predicates(), g.subjects(), g.objectsOfTriples(),
                g.weights());                                                                  // [O,D]
        Tensor predicted = boxNet.forward(objs);                                               // [O,4]
        Tensor boxes = which == Boxes.GRAPH ? g.boxes() : predicted;                           // [O,4]
        t = GenTimer.stop(GenTimer.Stage.GRAPH_CONV, t);
        Tensor layout = BoxLayout.withNoise(BoxLayout.layout(objs, boxes, g.objToImg(), g.images(),
                cfg.imageSize(), cfg.mapSize()), noise);                                       // [B,D+N,S,S]
        t = GenTimer.stop(GenTimer.Stage.LAYOUT, t);
        Tensor image = crn.forward(layout);                                                    // [B,3,S,S]
        GenTimer.stop(GenTimer.Stage.CRN, t);
        return new Output(image, predicted, boxes, objs);
    }
}
