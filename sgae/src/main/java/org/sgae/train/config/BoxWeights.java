package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

/** Box-coder weights (model-spec §3.3): RPN (1,1,1,1), ROI head (10,10,5,5). */
public record BoxWeights(double wx, double wy, double ww, double wh) {
    public BoxWeights validate() {
        require(wx > 0 && Double.isFinite(wx), "BoxWeights", "wx", "must be finite and > 0", wx);
        require(wy > 0 && Double.isFinite(wy), "BoxWeights", "wy", "must be finite and > 0", wy);
        require(ww > 0 && Double.isFinite(ww), "BoxWeights", "ww", "must be finite and > 0", ww);
        require(wh > 0 && Double.isFinite(wh), "BoxWeights", "wh", "must be finite and > 0", wh);
        return this;
    }
}
