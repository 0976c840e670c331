package org.sgae.train;

import java.util.List;
import org.sgae.nn.Parameter;

/**
 * The seam between backward and the optimiser step. {@link Trainer} calls it once per applied step, after every
 * gradient is complete and before clipping and the update, so a data-parallel wrapper can all-reduce (average) the
 * gradients in place here: clipping then sees the global norm and every replica applies the same update.
 */
@FunctionalInterface
public interface GradientSync {
    /** One process: the local gradients are already the gradients of the whole batch. */
    GradientSync LOCAL = params -> {
    };

    /**
     * Makes each parameter's gradient the one of the global batch, in place (same tensor, same shape). Parameters
     * are in the optimiser's fixed order, identical on every replica; those without a gradient are not passed.
     */
    void afterBackward(List<Parameter> params);
}
