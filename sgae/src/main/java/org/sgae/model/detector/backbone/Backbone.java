package org.sgae.model.detector.backbone;

import org.sgae.tensor.Tensor;

/** The detector's feature extractor: images → one feature map at a fixed stride (model-spec §2). */
public interface Backbone {
    /** images [B,3,H,W] (normalised, padded) → features [B, outChannels, ⌊H/stride⌋, ⌊W/stride⌋]. */
    Tensor forward(Tensor images);

    /** Channels of the feature map (512 for VGG-16 conv5_3). */
    int outChannels();

    /** Input pixels per feature cell (16). */
    int stride();
}
