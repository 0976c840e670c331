package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

/** Faster R-CNN (model-spec §2–3): input transform, backbone, RPN, ROI heads and post-processing. */
public record DetectorConfig(InputConfig input, BackboneConfig backbone, RpnConfig rpn, RoiHeadsConfig roiHeads,
                             PostProcessConfig postProcess) {
    public DetectorConfig validate() {
        require(input != null, "DetectorConfig", "input", "must be set", null);
        require(backbone != null, "DetectorConfig", "backbone", "must be set", null);
        require(rpn != null, "DetectorConfig", "rpn", "must be set", null);
        require(roiHeads != null, "DetectorConfig", "roiHeads", "must be set", null);
        require(postProcess != null, "DetectorConfig", "postProcess", "must be set", null);
        input.validate();
        backbone.validate();
        rpn.validate();
        roiHeads.validate();
        postProcess.validate();
        require(rpn.anchors().stride() == backbone.stride(), "DetectorConfig", "rpn.anchors.stride",
                "must equal the backbone's stride " + backbone.stride(), rpn.anchors().stride());
        require(input.sizeDivisibility() % backbone.stride() == 0, "DetectorConfig", "input.sizeDivisibility",
                "must be a multiple of the backbone's stride " + backbone.stride(), input.sizeDivisibility());
        return this;
    }

    public DetectorConfig withBackbone(BackboneConfig b) {
        return new DetectorConfig(input, b, rpn, roiHeads, postProcess);
    }

    public DetectorConfig withRpn(RpnConfig r) {
        return new DetectorConfig(input, backbone, r, roiHeads, postProcess);
    }

    public DetectorConfig withRoiHeads(RoiHeadsConfig r) {
        return new DetectorConfig(input, backbone, rpn, r, postProcess);
    }

    public DetectorConfig withPostProcess(PostProcessConfig p) {
        return new DetectorConfig(input, backbone, rpn, roiHeads, p);
    }
}
