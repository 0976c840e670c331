package org.sgae.model.relation;

import org.sgae.model.detector.ImageSize;

/**
 * RePN's 6-d box code (model-spec §4) from detached boxes, with W, H the un-padded input size:
 * [x1/W, y1/H, x2/W, y2/H, (x2−x1)(y2−y1)/(W·H), (y2−y1)/(x2−x1+1)].
 */
public final class BoxCode {
    public static final int SIZE = 6;

    private BoxCode() {
    }

    /** boxes [N·4] input pixels → codes [N·6]. */
    public static float[] of(float[] boxes, ImageSize size) {
        int n = boxes.length / 4;
        float w = size.width();
        float h = size.height();
        float[] out = new float[SIZE * n];
        for (int i = 0; i < n; i++) {
            float x1 = boxes[4 * i];
            float y1 = boxes[4 * i + 1];
            float x2 = boxes[4 * i + 2];
            float y2 = boxes[4 * i + 3];
            out[SIZE * i] = x1 / w;
            out[SIZE * i + 1] = y1 / h;
            out[SIZE * i + 2] = x2 / w;
            out[SIZE * i + 3] = y2 / h;
            out[SIZE * i + 4] = (x2 - x1) * (y2 - y1) / (w * h);
            out[SIZE * i + 5] = (y2 - y1) / (x2 - x1 + 1);
        }
        return out;
    }
}
