package org.sgae.nn;

import java.util.ArrayList;
import java.util.List;
import org.sgae.tensor.Tensor;

/** Layers applied in order; children are named "0", "1", ... as in PyTorch, so state-dict keys read "3.weight". */
public final class Sequential extends Layer {
    private final List<Layer> layers = new ArrayList<>();

    public Sequential(Layer... layers) {
        for (Layer l : layers) {
            add(l);
        }
    }

    public Sequential add(Layer layer) {
        registerModule(Integer.toString(layers.size()), layer);
        layers.add(layer);
        return this;
    }

    public Layer get(int i) {
        return layers.get(i);
    }

    public int size() {
        return layers.size();
    }

    /** x → each layer in turn; shapes are whatever the layers make of them. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Layer l : layers) {
            h = l.forward(h);
        }
        return h;
    }
}
