package org.sgae.autograd;

import java.util.Arrays;
import org.sgae.tensor.Tensor;

/**
 * The backward rule of one op: given the gradients of the node's outputs (null where no gradient flowed), returns
 * the gradient of each input, in input order, shaped like that input (null for inputs that take none: indices,
 * masks, boxes of a non-differentiable argument). Runs with grad mode off.
 *
 * <p>A node keeps only the tensors its rule reads ({@link #savesInput}, {@link #savesOutput}); of the others it
 * keeps shape, dtype and where the gradient goes, so e.g. a feature map is not held alive for its shape. A plain
 * lambda reads every input and no output; {@link #saving} declares anything else.
 */
@FunctionalInterface
public interface Derivative {
    int[] NONE = {};

    Tensor[] apply(Node node, Tensor[] gradOutputs);

    /** Whether backward reads input i's values through {@link Node#input}. */
    default boolean savesInput(int i) {
        return true;
    }

    /** Whether backward reads output i's values through {@link Node#output}. */
    default boolean savesOutput(int i) {
        return false;
    }

    /** rule, declared to read no tensor at all (attributes, shapes and dtypes only). */
    static Derivative savingNothing(Derivative rule) {
        return saving(NONE, NONE, rule);
    }

    /** rule, declared to read exactly the listed inputs and outputs (indices; {@link #NONE} for none). */
    static Derivative saving(int[] inputs, int[] outputs, Derivative rule) {
        return new Derivative() {
            @Override
            public Tensor[] apply(Node node, Tensor[] gradOutputs) {
                return rule.apply(node, gradOutputs);
            }

            @Override
            public boolean savesInput(int i) {
                return Arrays.stream(inputs).anyMatch(k -> k == i);
            }

            @Override
            public boolean savesOutput(int i) {
                return Arrays.stream(outputs).anyMatch(k -> k == i);
            }
        };
    }
}
