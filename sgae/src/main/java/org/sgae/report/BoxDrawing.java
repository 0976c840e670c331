package org.sgae.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The input image with its predicted boxes and "id:label score" tags. */
final class BoxDrawing {
    /** Display size of the longer side: a 128×128 synthetic image is drawn 3× so that tags stay readable. */
    static final int LONG_SIDE = 384;

    private BoxDrawing() {
    }

    /**
     * Where the tag of box r goes: the first of above its top-left corner, inside its top-left corner, inside its
     * bottom-left corner, below it, that stays in the image and overlaps no tag placed before; else the first.
     */
    private static Rectangle placeTag(Rectangle r, int w, int h, BufferedImage img, List<Rectangle> placed) {
        int[][] at = {{r.x, r.y - h}, {r.x, r.y}, {r.x, r.y + r.height - h}, {r.x, r.y + r.height}};
        Rectangle first = null;
        for (int[] p : at) {
            int x = Math.max(0, Math.min(p[0], img.getWidth() - w));
            if (p[1] < 0 || p[1] + h > img.getHeight()) {
                continue;
            }
            Rectangle t = new Rectangle(x, p[1], w, h);
            if (first == null) {
                first = t;
            }
            if (placed.stream().noneMatch(t::intersects)) {
                return t;
            }
        }
        return first != null ? first : new Rectangle(Math.max(0, Math.min(r.x, img.getWidth() - w)),
                Math.max(0, Math.min(r.y, img.getHeight() - h)), w, h);
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
        float[] b = boxes.boxes();
        List<Rectangle> placed = new ArrayList<>();
        List<Runnable> tags = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            // inclusive pixel extents: the box covers x1 .. x2 + 1 on the display grid
            double x1 = b[4 * i] * s;
            double y1 = b[4 * i + 1] * s;
            double x2 = (b[4 * i + 2] + 1) * s;
            double y2 = (b[4 * i + 3] + 1) * s;
            if (!(Double.isFinite(x1) && Double.isFinite(y1) && Double.isFinite(x2) && Double.isFinite(y2))) {
                continue;
            }
            Color c = Palette.of(boxes.labels()[i]);
            Rectangle r = new Rectangle((int) Math.round(x1), (int) Math.round(y1), (int) Math.round(x2 - x1) - 1,
                    (int) Math.round(y2 - y1) - 1);
            // a dark halo under the coloured line keeps the box visible on any background
            g.setColor(new Color(0, 0, 0, 150));
            g.setStroke(new BasicStroke(4f));
            g.draw(r);
            g.setColor(c);
            g.setStroke(new BasicStroke(2f));
            g.draw(r);
            double score = boxes.score(i);
            String text = i + ":" + boxes.labels()[i]
                    + (Double.isNaN(score) ? "" : String.format(Locale.ROOT, " %.2f", score));
            Rectangle tag = placeTag(r, fm.stringWidth(text) + 6, fm.getHeight(), img, placed);
            placed.add(tag);
            tags.add(() -> {
                g.setColor(c);
                g.fill(tag);
                g.setColor(Color.WHITE);
                g.drawString(text, tag.x + 3, tag.y + fm.getAscent());
            });
        }
        tags.forEach(Runnable::run); // tags after all boxes, so that no box line crosses a tag
        g.dispose();
        return img;
    }
}
