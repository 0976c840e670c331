package org.sgae.model.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.sgae.nn.Module;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Tensor;

/** A stack of {@link GraphTripleConv} layers (×5 in sg2im), each feeding the next its objects and predicates. */
public final class GraphTripleConvNet extends Module {
    private final List<GraphTripleConv> layers = new ArrayList<>();

    public GraphTripleConvNet(int layers, int dim, int hidden, DType dtype, Device device, SplittableRandom rng) {
        for (int i = 0; i < layers; i++) {
            this.layers.add(registerModule(Integer.toString(i), new GraphTripleConv(dim, hidden, dtype, device, rng)));
        }
    }

    /** objs [O,D], preds [T,D], subj/obj [T], weights [T] → objects [O,D] (predicates are internal). */
    public Tensor forward(Tensor objs, Tensor preds, Tensor subj, Tensor obj, Tensor weights) {
        Tensor o = objs;
        Tensor p = preds;
        for (GraphTripleConv l : layers) {
            GraphTripleConv.Out out = l.forward(o, p, subj, obj, weights);
            o = out.objects();
            p = out.predicates();
        }
        return o;
    }
}
