package org.sgae.model.generator;

import java.util.List;
import java.util.SplittableRandom;

import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.LayoutGrid;
import org.sgae.tensor.attrs.LayoutWarpAttrs;
import org.sgae.tensor.ops.Assemble;
import org.sgae.tensor.ops.Layout;

/**
 * sg2im's boxes_to_layout with mask_size 0 (model-spec §8), through the engine's layout_warp with the {@link
 * LayoutGrid#SG2IM} grid: X = x/(S−1), X′ = (X − x0)/(x1 − x0), source column X′·(M − 1), bilinear with zero padding
 * (grid_sample, align_corners = true), each object's vector a constant M×M map, summed per image. Differentiable
 * w.r.t. the vectors and the boxes. Then the noise channels of §8 are appended.
 */
public final class BoxLayout {
    private BoxLayout() {
    }

    /** vecs [O,D], boxes [O,4] (x0,y0,x1,y1 in [0,1]), objToImg [O] → layout [B,D,S,S]. */
    public static Tensor layout(Tensor vecs, Tensor boxes, Tensor objToImg, int images, int size, int mapSize) {
        return Layout.layoutWarp(vecs, boxes, objToImg,
                new LayoutWarpAttrs(images, size, size, mapSize, LayoutGrid.SG2IM));
    }

    /**
     * N(0,1) noise [B,C,S,S] drawn in row-major order from {@code rng} (the generator-noise stream of §11.4), in
     * {@code like}'s dtype and device.
     */
    public static Tensor noise(int images, int channels, int size, SplittableRandom rng, Tensor like) {
        int n = images * channels * size * size;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return Tensor.of(v, images, channels, size, size).to(like.dtype()).to(like.device());
    }

    /** layout [B,D,S,S] ++ noise [B,N,S,S] → [B,D+N,S,S]; no noise channels → the layout itself. */
    public static Tensor withNoise(Tensor layout, Tensor noise) {
        if (noise == null || noise.dim(1) == 0) {
            return layout;
        }
        if (!noise.shape().equals(Shape.of(layout.dim(0), noise.dim(1), layout.dim(2), layout.dim(3)))) {
            throw new IllegalArgumentException("BoxLayout.withNoise: noise " + noise.shape() + " does not fit layout "
                    + layout.shape());
        }
        return Assemble.cat(List.of(layout, noise), 1);
    }
}
