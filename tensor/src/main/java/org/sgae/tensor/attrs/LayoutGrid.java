package org.sgae.tensor.attrs;

/**
 * Where canvas pixel x samples the object's M×M map, with X′ = (a(x) − x0)/(x1 − x0) the position inside the box.
 * <ul>
 *   <li>{@link #PIXEL_CENTERS}: a(x) = (x + ½)/W and source column X′·M − ½. This is {@code affine_grid} +
 *       {@code grid_sample} with align_corners = false, the convention of the torch anchor
 *       ({@code shared/anchors/cpu_torch_anchor.py}, {@code layout_literal}).</li>
 *   <li>{@link #SG2IM}: a(x) = x/(W − 1) (linspace 0..1) and source column X′·(M − 1): sg2im's
 *       {@code _boxes_to_grid} with align_corners = true, as model-spec §8 writes it.</li>
 * </ul>
 * Both sample bilinearly with zero padding, so the box edges are soft and differentiable.
 */
public enum LayoutGrid {
    PIXEL_CENTERS,
    SG2IM;

    /** Normalised canvas coordinate a(x) of pixel x on an axis of n pixels. */
    public double canvas(int x, int n) {
        return this == PIXEL_CENTERS ? (x + 0.5) / n : (n > 1 ? (double) x / (n - 1) : 0.0);
    }

    /** Scale s of the source coordinate ix = X′·s + c for a map of m cells. */
    public double sourceScale(int m) {
        return this == PIXEL_CENTERS ? m : m - 1;
    }

    /** Offset c of the source coordinate ix = X′·s + c. */
    public double sourceOffset() {
        return this == PIXEL_CENTERS ? -0.5 : 0.0;
    }
}
