package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.hasNull;
import static org.sgae.train.config.ConfigChecks.require;

import java.util.List;

/**
 * The generator and discriminators of model-spec §8–9 and their phase-1 optimisers (§11.2).
 *
 * @param embedDim      D_g: object/predicate vector size and GraphTripleConv output (§8)
 * @param hidden        H: GraphTripleConv hidden size (net1's s′/o′ width, net2's hidden)
 * @param gconvLayers   GraphTripleConv layers
 * @param noiseChannels N(0,1) channels appended to the layout (§8)
 * @param imageSize     generated image side (64) = 2^(crnDims.size() + 1): the CRN starts at 2×2 and doubles per module
 * @param mapSize       side of the constant map each object vector is broadcast to before warping (8)
 * @param crnDims       CRN module widths, coarse to fine; module k works at imageSize / 2^(n−1−k)
 * @param discChannels  the three C4s2 widths shared by D_img and D_obj (§9)
 * @param objHidden     D_obj's Linear after global pooling (1024)
 * @param cropSize      D_obj crop side (32)
 * @param maxObjects    M: real objects per image given to the generator (§8)
 * @param objClasses    C_obj incl. background 0 (E_obj gets one more row, __image__)
 * @param predClasses   C_pred incl. background 0 (E_pred gets one more row, __in_image__)
 * @param losses        the image-loss weights of §9
 * @param adam          Adam of G, D_img and D_obj (§11.2)
 */
public record GeneratorConfig(int embedDim, int hidden, int gconvLayers, int noiseChannels, int imageSize, int mapSize,
                              List<Integer> crnDims, List<Integer> discChannels, int objHidden, int cropSize,
                              int maxObjects, int objClasses, int predClasses, ImageLossWeights losses,
                              AdamConfig adam) {
    public GeneratorConfig {
        crnDims = crnDims == null ? null : List.copyOf(crnDims);
        discChannels = discChannels == null ? null : List.copyOf(discChannels);
    }

    /** §9's weights: w_L1, w_gan (image and object each), w_ac, w_bbox. */
    public record ImageLossWeights(double l1, double gan, double ac, double bbox) {
        public ImageLossWeights validate() {
            require(l1 >= 0 && Double.isFinite(l1), "ImageLossWeights", "l1", "must be finite and >= 0", l1);
            require(gan >= 0 && Double.isFinite(gan), "ImageLossWeights", "gan", "must be finite and >= 0", gan);
            require(ac >= 0 && Double.isFinite(ac), "ImageLossWeights", "ac", "must be finite and >= 0", ac);
            require(bbox >= 0 && Double.isFinite(bbox), "ImageLossWeights", "bbox", "must be finite and >= 0", bbox);
            return this;
        }
    }

    /** Adam of §11.2: lr 1e-4, β = (0.9, 0.999); eps is PyTorch's 1e-8. */
    public record AdamConfig(double lr, double beta1, double beta2, double eps) {
        public AdamConfig validate() {
            require(lr > 0 && Double.isFinite(lr), "AdamConfig", "lr", "must be finite and > 0", lr);
            require(beta1 >= 0 && beta1 < 1, "AdamConfig", "beta1", "must be in [0, 1)", beta1);
            require(beta2 >= 0 && beta2 < 1, "AdamConfig", "beta2", "must be in [0, 1)", beta2);
            require(eps > 0, "AdamConfig", "eps", "must be > 0", eps);
            return this;
        }
    }

    public GeneratorConfig validate() {
        String r = "GeneratorConfig";
        require(embedDim >= 1, r, "embedDim", "must be >= 1", embedDim);
        require(hidden >= 1, r, "hidden", "must be >= 1", hidden);
        require(gconvLayers >= 1, r, "gconvLayers", "must be >= 1", gconvLayers);
        require(noiseChannels >= 0, r, "noiseChannels", "must be >= 0", noiseChannels);
        require(mapSize >= 1, r, "mapSize", "must be >= 1", mapSize);
        require(!hasNull(crnDims) && !crnDims.isEmpty(), r, "crnDims", "must be a non-empty list", crnDims);
        require(crnDims.stream().allMatch(d -> d >= 1), r, "crnDims", "must all be >= 1", crnDims);
        // The CRN starts at 2×2 and doubles once per module, so the image side is 2^(modules + 1).
        require(imageSize == 1 << (crnDims.size() + 1), r, "imageSize",
                "must be 2^(crnDims.size() + 1) = " + (1 << (crnDims.size() + 1)), imageSize);
        require(!hasNull(discChannels) && discChannels.size() == 3, r, "discChannels", "must list 3 widths",
                discChannels);
        require(discChannels.stream().allMatch(d -> d >= 1), r, "discChannels", "must all be >= 1", discChannels);
        require(imageSize >= 32, r, "imageSize", "must be >= 32 (three valid C4s2 convs in D_img)", imageSize);
        require(objHidden >= 1, r, "objHidden", "must be >= 1", objHidden);
        // Three valid C4s2 convs: 32→15→6→2; 22 is the smallest side that leaves one cell.
        require(cropSize >= 22, r, "cropSize", "must be >= 22 (three valid C4s2 convs)", cropSize);
        require(maxObjects >= 1, r, "maxObjects", "must be >= 1", maxObjects);
        require(objClasses >= 2, r, "objClasses", "must be >= 2 (background + one class)", objClasses);
        require(predClasses >= 2, r, "predClasses", "must be >= 2 (background + one predicate)", predClasses);
        require(losses != null, r, "losses", "must be set", null);
        require(adam != null, r, "adam", "must be set", null);
        losses.validate();
        adam.validate();
        return this;
    }

    /** Rows of E_obj: the classes, background row 0 included, plus __image__ (the last row). */
    public int objEmbeddings() {
        return objClasses + 1;
    }

    /** Rows of E_pred: the predicates, background row 0 included, plus __in_image__ (the last row). */
    public int predEmbeddings() {
        return predClasses + 1;
    }

    /** The __image__ object's class id. */
    public int imageClass() {
        return objClasses;
    }

    /** The __in_image__ predicate id. */
    public int inImagePredicate() {
        return predClasses;
    }

    /** Layout channels after the noise is appended (D_g + noise). */
    public int layoutChannels() {
        return embedDim + noiseChannels;
    }

    public GeneratorConfig withArch(int embedDim, int hidden, int gconvLayers, int noiseChannels, List<Integer> crnDims,
                                    List<Integer> discChannels, int objHidden) {
        return new GeneratorConfig(embedDim, hidden, gconvLayers, noiseChannels, 1 << (crnDims.size() + 1), mapSize,
                crnDims, discChannels, objHidden, cropSize, maxObjects, objClasses, predClasses, losses, adam);
    }

    public GeneratorConfig withClasses(int obj, int pred) {
        return new GeneratorConfig(embedDim, hidden, gconvLayers, noiseChannels, imageSize, mapSize, crnDims,
                discChannels, objHidden, cropSize, maxObjects, obj, pred, losses, adam);
    }

    public GeneratorConfig withLosses(ImageLossWeights v) {
        return new GeneratorConfig(embedDim, hidden, gconvLayers, noiseChannels, imageSize, mapSize, crnDims,
                discChannels, objHidden, cropSize, maxObjects, objClasses, predClasses, v, adam);
    }

    public GeneratorConfig withAdam(AdamConfig v) {
        return new GeneratorConfig(embedDim, hidden, gconvLayers, noiseChannels, imageSize, mapSize, crnDims,
                discChannels, objHidden, cropSize, maxObjects, objClasses, predClasses, losses, v);
    }

    public GeneratorConfig withMaxObjects(int v) {
        return new GeneratorConfig(embedDim, hidden, gconvLayers, noiseChannels, imageSize, mapSize, crnDims,
                discChannels, objHidden, cropSize, v, objClasses, predClasses, losses, adam);
    }
}
