package org.sgae.train.config;

import static org.sgae.train.config.ConfigChecks.require;

/**
 * Length and batch of one training phase (model-spec §11.1–11.3).
 *
 * @param iters     optimiser steps of the phase
 * @param batchSize images per step
 * @param init      the checkpoint the phase's model starts from, or null (phase 2: a phase-0 checkpoint folder or
 *                  run folder, §11.3)
 */
public record PhaseConfig(int iters, int batchSize, String init, String initGenerator) {
    /** Without a generator checkpoint. */
    public PhaseConfig(int iters, int batchSize, String init) {
        this(iters, batchSize, init, null);
    }

    /** Without an initial checkpoint. */
    public PhaseConfig(int iters, int batchSize) {
        this(iters, batchSize, null);
    }

    public PhaseConfig validate() {
        require(iters >= 1, "PhaseConfig", "iters", "must be >= 1", iters);
        require(batchSize >= 1, "PhaseConfig", "batchSize", "must be >= 1", batchSize);
        return this;
    }

    public PhaseConfig withIters(int v) {
        return new PhaseConfig(v, batchSize, init, initGenerator);
    }

    public PhaseConfig withInit(String v) {
        return new PhaseConfig(iters, batchSize, v, initGenerator);
    }

    public PhaseConfig withInitGenerator(String v) {
        return new PhaseConfig(iters, batchSize, init, v);
    }
}
