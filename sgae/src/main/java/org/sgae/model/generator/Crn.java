package org.sgae.model.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.sgae.nn.LeakyReLU;
import org.sgae.nn.Module;
import org.sgae.nn.Sequential;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.Pool2dAttrs;
import org.sgae.tensor.ops.Assemble;
import org.sgae.tensor.ops.Nn;

/**
 * The cascaded refinement network of model-spec §8 (sg2im crn.py). From zeros [B,1,2,2], each module: nearest ×2
 * upsample; the layout avg-pooled to the current size (kernel S/res); concat [layout, feats]; (Conv3×3 → BN →
 * LReLU 0.2) ×2. Head: Conv3×3 → LReLU → Conv1×1 → 3 channels, in normalised pixel space (no tanh).
 */
public final class Crn extends Module {
    private final List<Sequential> modules = new ArrayList<>();
    private final Sequential head;
    private final int layoutChannels;
    private final int size;

    public Crn(int layoutChannels, List<Integer> dims, DType dtype, Device device, SplittableRandom rng) {
        this.layoutChannels = layoutChannels;
        this.size = 1 << (dims.size() + 1);
        int prev = 1;
        for (int k = 0; k < dims.size(); k++) {
            int d = dims.get(k);
            Sequential m = new Sequential(
                    ConvBlocks.conv(layoutChannels + prev, d, 3, 1, 1, true, dtype, device, rng),
                    ConvBlocks.bn(d, dtype, device), new LeakyReLU(ConvBlocks.SLOPE),
                    ConvBlocks.conv(d, d, 3, 1, 1, true, dtype, device, rng),
                    ConvBlocks.bn(d, dtype, device), new LeakyReLU(ConvBlocks.SLOPE));
            modules.add(registerModule("module" + k, m));
            prev = d;
        }
        this.head = registerModule("head", new Sequential(
                ConvBlocks.conv(prev, prev, 3, 1, 1, true, dtype, device, rng), new LeakyReLU(ConvBlocks.SLOPE),
                ConvBlocks.conv(prev, 3, 1, 1, 0, true, dtype, device, rng)));
    }

    /** layout [B,L,S,S] → image [B,3,S,S]. */
    public Tensor forward(Tensor layout) {
        if (layout.rank() != 4 || layout.dim(1) != layoutChannels || layout.dim(2) != size || layout.dim(3) != size) {
            throw new IllegalArgumentException("Crn: layout " + layout.shape() + ", expected [B," + layoutChannels
                    + "," + size + "," + size + "]");
        }
        int b = layout.dim(0);
        Tensor feats = Tensor.zeros(Shape.of(b, 1, 2, 2), layout.dtype(), layout.device());    // [B,1,2,2]
        int res = 2;
        for (Sequential m : modules) {
            res *= 2;
            feats = Nn.upsampleNearest2d(feats, 2, 2);                                         // [B,C,res,res]
            int k = size / res;
            Tensor lay = k == 1 ? layout : Nn.avgPool2d(layout, Pool2dAttrs.of(k, k, 0));       // [B,L,res,res]
            feats = m.forward(Assemble.cat(List.of(lay, feats), 1));                           // [B,d,res,res]
        }
        return head.forward(feats);                                                            // [B,3,S,S]
    }
}
