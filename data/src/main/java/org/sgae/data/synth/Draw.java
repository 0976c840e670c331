package org.sgae.data.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.TexturePaint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/** Drawing primitives shared by the painters: shapes, strokes and textured fills (AA kept by TexturePaint). */
final class Draw {
    private Draw() {
    }

    static Shape rect(double x, double y, double w, double h) {
        return new Rectangle2D.Double(x, y, w, h);
    }

    static Shape round(double x, double y, double w, double h, double arc) {
        return new RoundRectangle2D.Double(x, y, w, h, arc, arc);
    }

    static Shape oval(double x, double y, double w, double h) {
        return new Ellipse2D.Double(x, y, w, h);
    }

    /** Polygon from x0, y0, x1, y1, ... */
    static Shape poly(double... xy) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        p.closePath();
        return p;
    }

    static void fill(Graphics2D g, Shape s, Color c) {
        g.setPaint(c);
        g.fill(s);
    }

    /** Fills with the instance's texture: base colour plus a pattern in the second colour. */
    static void fill(Graphics2D g, Shape s, Thing.Style st) {
        g.setPaint(paint(st, s));
        g.fill(s);
    }

    static void line(Graphics2D g, double x1, double y1, double x2, double y2, double width, Color c) {
        g.setPaint(c);
        g.setStroke(new BasicStroke((float) Math.max(0.6, width), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    static void outline(Graphics2D g, Shape s, double width, Color c) {
        g.setPaint(c);
        g.setStroke(new BasicStroke((float) Math.max(0.6, width), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(s);
    }

    static Color darker(Color c, double f) {
        return new Color(clamp(c.getRed() * f), clamp(c.getGreen() * f), clamp(c.getBlue() * f));
    }

    static Color mix(Color a, Color b, double t) {
        return new Color(clamp(a.getRed() + (b.getRed() - a.getRed()) * t),
                clamp(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                clamp(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static Paint paint(Thing.Style st, Shape s) {
        Rectangle2D b = s.getBounds2D();
        int p = Math.max(2, (int) Math.round(st.texScale()));
        switch (st.texture()) {
            case SOLID:
                return st.base();
            case GRADIENT:
                return new GradientPaint((float) b.getX(), (float) b.getY(), st.base(),
                        (float) b.getMaxX(), (float) b.getMaxY(), st.second());
            default:
                BufferedImage tile = tile(st, p);
                return new TexturePaint(tile, new Rectangle2D.Double(b.getX(), b.getY(), tile.getWidth(),
                        tile.getHeight()));
        }
    }

    /** One period of the pattern; texAngle picks the stripe direction (0 vertical, 1 horizontal, 2 diagonal). */
    private static BufferedImage tile(Thing.Style st, int p) {
        int n = st.texture() == Thing.Texture.STRIPES ? p * 2 : p * 2;
        BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        int a = st.base().getRGB();
        int b = st.second().getRGB();
        int dir = (int) st.texAngle() % 3;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                boolean on = switch (st.texture()) {
                    case STRIPES -> dir == 0 ? x < p : dir == 1 ? y < p : ((x + y) % n) < p;
                    case CHECKS -> (x < p) ^ (y < p);
                    case SPOTS -> {
                        double dx = x - p + 0.5;
                        double dy = y - p + 0.5;
                        yield dx * dx + dy * dy < 0.45 * p * p;
                    }
                    default -> false;
                };
                img.setRGB(x, y, on ? b : a);
            }
        }
        return img;
    }
}
