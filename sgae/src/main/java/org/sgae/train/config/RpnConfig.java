package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

/**
 * The region proposal network (model-spec §3.1–3.3): anchors, anchor matching and sampling, the box coder's
 * weights, the smooth-L1 β of the box loss, and proposal selection.
 */
public record RpnConfig(AnchorConfig anchors, MatcherConfig matcher, SamplerConfig sampler, BoxWeights boxWeights,
                        double smoothL1Beta, ProposalConfig proposals) {
    public RpnConfig validate() {
        require(anchors != null, "RpnConfig", "anchors", "must be set", null);
        require(matcher != null, "RpnConfig", "matcher", "must be set", null);
        require(sampler != null, "RpnConfig", "sampler", "must be set", null);
        require(boxWeights != null, "RpnConfig", "boxWeights", "must be set", null);
        require(proposals != null, "RpnConfig", "proposals", "must be set", null);
        anchors.validate();
        matcher.validate();
        sampler.validate();
        boxWeights.validate();
        proposals.validate();
        require(smoothL1Beta > 0 && Double.isFinite(smoothL1Beta), "RpnConfig", "smoothL1Beta",
                "must be finite and > 0", smoothL1Beta);
        return this;
    }

    public RpnConfig withSampler(SamplerConfig s) {
        return new RpnConfig(anchors, matcher, s, boxWeights, smoothL1Beta, proposals);
    }

    public RpnConfig withAnchors(AnchorConfig a) {
        return new RpnConfig(a, matcher, sampler, boxWeights, smoothL1Beta, proposals);
    }

    public RpnConfig withProposals(ProposalConfig p) {
        return new RpnConfig(anchors, matcher, sampler, boxWeights, smoothL1Beta, p);
    }
}
