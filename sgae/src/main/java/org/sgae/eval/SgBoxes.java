package org.sgae.eval;

/** Predicted boxes from the model's input frame to original pixels (eval-spec §4, SGB {@code BoxList.resize}). */
public final class SgBoxes {
    private SgBoxes() {
    }

    /**
     * boxes [N·4] (x1, y1, x2, y2) in the resized input frame (inW × inH, before padding) → a new [N·4] array in the
     * original width × height: x · (float32) (width / inW), y · (float32) (height / inH), each ratio computed in double
     * and rounded to float32, each product in float32; no clipping.
     */
    public static float[] toOriginal(float[] boxes, int inW, int inH, int width, int height) {
        if (boxes.length % 4 != 0 || inW <= 0 || inH <= 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("boxes: need [N*4] values and positive sizes, got length "
                    + boxes.length + ", input " + inW + "x" + inH + ", original " + width + "x" + height);
        }
        float rx = (float) ((double) width / inW);
        float ry = (float) ((double) height / inH);
        float[] out = new float[boxes.length];
        for (int i = 0; i < boxes.length; i += 2) {
            out[i] = boxes[i] * rx;
            out[i + 1] = boxes[i + 1] * ry;
        }
        return out;
    }
}
