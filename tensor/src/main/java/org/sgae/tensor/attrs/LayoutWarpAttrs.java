package org.sgae.tensor.attrs;

/**
 * Layout warping (sg2im boxes_to_layout): objects warped into their boxes and summed per image.
 *
 * @param images  B, the number of canvases (objToImg values lie in [0, B))
 * @param height  canvas H
 * @param width   canvas W
 * @param mapSize M: the side of the virtual constant map a D-vector is broadcast to (8 in sg2im); for map
 *                inputs [O,D,M,M] it must equal their M
 * @param grid    sampling convention, see {@link LayoutGrid}
 */
public record LayoutWarpAttrs(int images, int height, int width, int mapSize, LayoutGrid grid) {
    public LayoutWarpAttrs {
        if (images < 0 || height < 1 || width < 1 || mapSize < 1 || grid == null) {
            throw new IllegalArgumentException("layout_warp: bad attributes images=" + images + " canvas=(" + height
                    + "," + width + ") mapSize=" + mapSize + " grid=" + grid);
        }
    }

    /** The anchor's convention: 8×8 maps, pixel-centre grid. */
    public static LayoutWarpAttrs of(int images, int height, int width) {
        return new LayoutWarpAttrs(images, height, width, 8, LayoutGrid.PIXEL_CENTERS);
    }
}
