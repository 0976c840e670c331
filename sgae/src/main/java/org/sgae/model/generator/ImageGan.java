package org.sgae.model.generator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.sgae.nn.Module;
import org.sgae.nn.loss.CrossEntropy;
import org.sgae.nn.loss.GanLoss;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.train.config.GeneratorConfig;

/**
 * The generator and its two discriminators (model-spec §8–9) as one module tree ("generator.", "dImg.", "dObj."), with
 * the image losses of §9 at the config's weights. The three parts keep separate optimisers (§11.2); this class only
 * computes losses.
 */
public final class ImageGan extends Module {
    /** Loss names of {@link #generatorLosses}; each value is already weighted, so L_G is their sum. */
    public static final String L1 = "l1";
    public static final String GAN_IMG = "gan_img";
    public static final String GAN_OBJ = "gan_obj";
    public static final String AC = "ac";
    public static final String BBOX = "bbox";

    private final GeneratorConfig cfg;
    private final Generator generator;
    private final ImageDiscriminator dImg;
    private final ObjectDiscriminator dObj;

    /** Initialised from {@code rng} in a fixed order: generator, D_img, D_obj. */
    public ImageGan(GeneratorConfig cfg, DType dtype, Device device, SplittableRandom rng) {
        this.cfg = cfg.validate();
        this.generator = registerModule("generator", new Generator(cfg, dtype, device, rng));
        this.dImg = registerModule("dImg", new ImageDiscriminator(cfg.discChannels(), dtype, device, rng));
        this.dObj = registerModule("dObj", new ObjectDiscriminator(cfg.discChannels(), cfg.objHidden(),
                cfg.objClasses(), cfg.cropSize(), dtype, device, rng));
    }

    public Generator generator() {
        return generator;
    }

    public ImageDiscriminator dImg() {
        return dImg;
    }

    public ObjectDiscriminator dObj() {
        return dObj;
    }

    public GeneratorConfig config() {
        return cfg;
    }

    /** The generator's output and its weighted losses (L_G = the sum of {@code losses}). */
    public record GeneratorStep(Generator.Output output, Map<String, Tensor> losses) {
        public Tensor total() {
            Tensor t = null;
            for (Tensor l : losses.values()) {
                t = t == null ? l : t.add(l);
            }
            return t;
        }
    }

    /**
     * L_G of §9 for graph g, target images [B,3,S,S] (normalised) and noise [B,N,S,S]:
     * w_L1·mean|x̂ − x| + w_gan·BCE(D_img(x̂), 1) + w_gan·BCE(D_obj.real(crops(x̂)), 1) + w_ac·CE(D_obj.cls(crops(x̂)), y)
     * + w_bbox·MSE(b̂, b_layout) (mean over objects × 4, __image__ included).
     */
    public GeneratorStep generatorLosses(SceneGraph g, Tensor target, Tensor noise) {
        GeneratorConfig.ImageLossWeights w = cfg.losses();
        Generator.Output out = generator.forward(g, noise, Generator.Boxes.GRAPH);
        Tensor fake = out.image();                                                       // [B,3,S,S]
        Map<String, Tensor> losses = new LinkedHashMap<>();
        long t = GenTimer.start();
        losses.put(L1, Elementwise.abs(fake.sub(target)).mean().mul(w.l1()));
        t = GenTimer.stop(GenTimer.Stage.LOSSES, t);
        losses.put(GAN_IMG, GanLoss.real(dImg.forward(fake)).mul(w.gan()));
        t = GenTimer.stop(GenTimer.Stage.D_IMG, t);
        if (g.realCount() > 0) {
            ObjectDiscriminator.Out d = dObj.forward(fake, g.realBoxes(), g.realToImg());
            losses.put(GAN_OBJ, GanLoss.real(d.real()).mul(w.gan()));
            losses.put(AC, CrossEntropy.loss(d.cls(), classTargets(g.labels())).mul(w.ac()));
        }
        t = GenTimer.stop(GenTimer.Stage.D_OBJ, t);
        Tensor diff = out.boxNet().sub(out.layoutBoxes());
        losses.put(BBOX, diff.mul(diff).mean().mul(w.bbox()));
        GenTimer.stop(GenTimer.Stage.LOSSES, t);
        return new GeneratorStep(out, losses);
    }

    /** L_G as one scalar (the sum of {@link #generatorLosses}), for gradient checks. */
    Tensor generatorStep(SceneGraph g, Tensor target, Tensor noise) {
        return generatorLosses(g, target, noise).total();
    }

    /** D_img's loss of §9: BCE(D_img(x), 1) + BCE(D_img(x̂ detached), 0). */
    public Tensor imageDiscriminatorLoss(Tensor real, Tensor fakeDetached) {
        long t = GenTimer.start();
        Tensor l = GanLoss.real(dImg.forward(real)).add(GanLoss.fake(dImg.forward(fakeDetached)));
        GenTimer.stop(GenTimer.Stage.D_IMG, t);
        return l;
    }

    /**
     * D_obj's loss of §9: BCE(real crops, 1) + BCE(fake crops, 0) + CE(cls(real crops), y) + CE(cls(fake crops), y),
     * the crops at the real objects' layout boxes (detached: the discriminator step trains D only).
     */
    public Tensor objectDiscriminatorLoss(SceneGraph g, Tensor real, Tensor fakeDetached) {
        if (g.realCount() == 0) {
            return null;
        }
        Tensor boxes = g.realBoxes().detach();
        Tensor y = classTargets(g.labels());
        long t = GenTimer.start();
        ObjectDiscriminator.Out r = dObj.forward(real, boxes, g.realToImg());
        ObjectDiscriminator.Out f = dObj.forward(fakeDetached, boxes, g.realToImg());
        Tensor l = GanLoss.real(r.real()).add(GanLoss.fake(f.real())).add(CrossEntropy.loss(r.cls(), y))
                .add(CrossEntropy.loss(f.cls(), y));
        GenTimer.stop(GenTimer.Stage.D_OBJ, t);
        return l;
    }

    /** Class c ↦ output c − 1 (no background column). */
    private static Tensor classTargets(Tensor labels) {
        return labels.add(-1.0);
    }
}
