package org.sgae.model.generator;

import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.ops.Index;

/**
 * D_obj's crops (model-spec §9): for each box (x0,y0,x1,y1) in [0,1] an S×S bilinear sample of its image on the grid
 * x = x0 + (x1 − x0)·u/(S−1), u = 0..S−1, with align_corners = true (pixel coordinate x·(W−1)) and zero padding.
 *
 * <p>Built from existing ops (the engine's box_crop op had not landed): bilinear sampling is separable, and the weight
 * of source column i for sample position p is the tent max(0, 1 − |p − i|), which is exactly the bilinear weight, with
 * zero padding for free (columns outside [0, W) are simply absent). So crop = Wy · image · Wxᵀ with Wy [O,S,H] and Wx
 * [O,S,W] tensor expressions of the box: differentiable w.r.t. the image and the box (exact away from integer
 * positions, where the tent has a kink), no host-side indices at all. Cost O·C·S·H·W·2 MACs (≈ 60 MFLOP for 80
 * objects at 64 px), small next to the discriminator.
 */
public final class BoxCrop {
    private BoxCrop() {
    }

    /** images [B,C,H,W], boxes [O,4], imageIndex [O] I64 → crops [O,C,S,S]. */
    public static Tensor crop(Tensor images, Tensor boxes, Tensor imageIndex, int size) {
        if (images.rank() != 4 || boxes.rank() != 2 || boxes.dim(1) != 4 || imageIndex.numel() != boxes.dim(0)
                || size < 2) {
            throw new IllegalArgumentException("BoxCrop: images " + images.shape() + ", boxes " + boxes.shape()
                    + ", imageIndex " + imageIndex.shape() + ", size " + size
                    + ": expected [B,C,H,W], [O,4], [O], size >= 2");
        }
        int h = images.dim(2);
        int w = images.dim(3);
        Tensor wy = weights(boxes.narrow(1, 1, 1), boxes.narrow(1, 3, 1), h, size);    // [O,S,H]
        Tensor wx = weights(boxes.narrow(1, 0, 1), boxes.narrow(1, 2, 1), w, size);    // [O,S,W]
        Tensor img = Index.indexSelect(images, 0, imageIndex);                        // [O,C,H,W]
        Tensor rows = wy.unsqueeze(1).matmul(img);                                    // [O,C,S,W]
        return rows.matmul(wx.transpose(1, 2).unsqueeze(1));                          // [O,C,S,S]
    }

    /** lo, hi [O,1] normalised → tent weights [O,S,n] of the n source pixels for the S sample positions. */
    private static Tensor weights(Tensor lo, Tensor hi, int n, int size) {
        DType dt = lo.dtype();
        double[] u = new double[size];
        for (int k = 0; k < size; k++) {
            u[k] = (double) k / (size - 1);
        }
        double[] pix = new double[n];
        for (int i = 0; i < n; i++) {
            pix[i] = i;
        }
        Tensor uT = Tensor.of(u, 1, size).to(dt).to(lo.device());                      // [1,S]
        Tensor iT = Tensor.of(pix, 1, 1, n).to(dt).to(lo.device());                    // [1,1,n]
        Tensor pos = lo.add(hi.sub(lo).mul(uT)).mul(n - 1.0);                          // [O,S] pixel coordinate
        Tensor dist = Elementwise.abs(pos.unsqueeze(2).sub(iT));                       // [O,S,n]
        return Elementwise.relu(dist.neg().add(1.0));                                  // max(0, 1 − |p − i|)
    }
}
