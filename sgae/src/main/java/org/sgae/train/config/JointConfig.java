package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

/**
 * The coupling of phase 2 (model-spec §10, §11.3).
 *
 * @param lambdaImg   λ_img: the gradient scale on the four interface tensors (soft labels p, π; layout boxes;
 *                    relatedness r). 0 detaches them (the ablation: a plain Graph R-CNN on the scene-graph side)
 * @param temperature τ of the soft labels p = softmax(ℓ[1..]/τ), π = softmax(q[1..]/τ)
 */
public record JointConfig(double lambdaImg, double temperature) {
    /** The spec's defaults: λ_img = 1, τ = 1. */
    public static final JointConfig DEFAULT = new JointConfig(1.0, 1.0);

    public JointConfig validate() {
        require(lambdaImg >= 0 && Double.isFinite(lambdaImg), "JointConfig", "lambdaImg", "must be finite and >= 0",
                lambdaImg);
        require(temperature > 0 && Double.isFinite(temperature), "JointConfig", "temperature",
                "must be finite and > 0", temperature);
        return this;
    }

    public JointConfig withLambdaImg(double v) {
        return new JointConfig(v, temperature);
    }
}
