package org.sgae.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/** The input image with its predicted boxes and "id:label score" tags. */
final class BoxDrawing {
    /** Display size of the longer side: a 128×128 synthetic image is drawn 3× so that tags stay readable. */
    static final int LONG_SIDE = 384;

    private BoxDrawing() {
    }

    static BufferedImage draw(FloatImage input, BoxSet boxes) {
        Raster.Scaled scaled = Raster.fit(input, LONG_SIDE);
        BufferedImage img = scaled.image();
        if (boxes == null) {
            return img;
        }
        double s = scaled.scale();
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < boxes.size(); i++) {
            float[] b = boxes.boxes();
            // inclusive pixel extents: the box covers x1 .. x2 + 1 on the display grid
            double x1 = b[4 * i] * s;
            double y1 = b[4 * i + 1] * s;
            double x2 = (b[4 * i + 2] + 1) * s;
            double y2 = (b[4 * i + 3] + 1) * s;
            if (!(Double.isFinite(x1) && Double.isFinite(y1) && Double.isFinite(x2) && Double.isFinite(y2))) {
                continue;
            }
            Color c = Palette.of(boxes.labels()[i]);
            g.setColor(c);
            g.setStroke(new BasicStroke(2f));
            g.drawRect((int) Math.round(x1), (int) Math.round(y1), (int) Math.round(x2 - x1) - 1,
                    (int) Math.round(y2 - y1) - 1);
            double score = boxes.score(i);
            String tag = i + ":" + boxes.labels()[i]
                    + (Double.isNaN(score) ? "" : String.format(Locale.ROOT, " %.2f", score));
            int tw = fm.stringWidth(tag) + 6;
            int th = fm.getHeight();
            // tag above the box when there is room, else inside its top edge; kept inside the image
            int tx = (int) Math.max(0, Math.min(Math.round(x1), img.getWidth() - tw));
            int ty = (int) Math.round(y1) - th >= 0 ? (int) Math.round(y1) - th : (int) Math.round(y1);
            ty = Math.max(0, Math.min(ty, img.getHeight() - th));
            g.fillRect(tx, ty, tw, th);
            g.setColor(Color.WHITE);
            g.drawString(tag, tx + 3, ty + fm.getAscent());
        }
        g.dispose();
        return img;
    }
}
