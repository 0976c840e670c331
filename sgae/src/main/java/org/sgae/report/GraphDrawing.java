package org.sgae.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a scene graph: nodes on a circle in id order (deterministic: the same graph gives the same picture),
 * directed edges subject → object with arrowheads and predicate labels. Several edges between one pair of nodes
 * bend apart so that each stays visible; an edge from a node to itself is a small loop above it.
 */
final class GraphDrawing {
    private static final int MARGIN = 22;
    private static final double PARALLEL_GAP = 34; // px between the apexes of parallel edges
    private static final double LABEL_ROOM = 60; // px between neighbouring boxes on the circle, at least
    private static final Font NODE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font EDGE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private GraphDrawing() {
    }

    /** Where a node sits: centre and box size. */
    private record Box(double cx, double cy, double w, double h) {
        boolean contains(Point2D p) {
            return Math.abs(p.getX() - cx) <= w / 2 + 2 && Math.abs(p.getY() - cy) <= h / 2 + 2;
        }
    }

    static BufferedImage draw(GraphView graph) {
        Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics nodeFm = probe.getFontMetrics(NODE_FONT);
        FontMetrics edgeFm = probe.getFontMetrics(EDGE_FONT);
        probe.dispose();
        int n = graph.nodes().size();
        if (n == 0) {
            return message("(no objects)", nodeFm);
        }
        double[] w = new double[n];
        double h = nodeFm.getHeight() + 10;
        double maxW = 0;
        double sumW = 0;
        for (int i = 0; i < n; i++) {
            w[i] = nodeFm.stringWidth(tag(graph.nodes().get(i))) + 18;
            maxW = Math.max(maxW, w[i]);
            sumW += w[i] + LABEL_ROOM;
        }
        // radius: room for every node along the circle, and neighbours' chord wider than the widest node
        // (+ LABEL_ROOM: an edge between neighbours needs room for its predicate label between the boxes)
        double r = n == 1 ? 0 : Math.max(100, Math.max(sumW / (2 * Math.PI),
                (maxW + LABEL_ROOM) / (2 * Math.sin(Math.PI / n))));
        int width = (int) Math.ceil(2 * r + maxW + 2 * MARGIN);
        int height = (int) Math.ceil(2 * r + h + 2 * MARGIN + 30); // + room for loops and labels above the top node
        double cx = width / 2.0;
        double cy = height / 2.0 + 10;
        Box[] boxes = new Box[n];
        for (int i = 0; i < n; i++) {
            double a = -Math.PI / 2 + 2 * Math.PI * i / n;
            boxes[i] = new Box(cx + r * Math.cos(a), cy + r * Math.sin(a), w[i], h);
        }

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);

        // parallel edges: k-th of m edges on the same unordered pair bends by (k - (m-1)/2) * gap
        Map<Long, Integer> count = new HashMap<>();
        for (GraphView.Edge e : graph.edges()) {
            count.merge(pairKey(e), 1, Integer::sum);
        }
        Map<Long, Integer> seen = new HashMap<>();
        List<Runnable> labels = new ArrayList<>();
        for (GraphView.Edge e : graph.edges()) {
            long key = pairKey(e);
            int k = seen.merge(key, 1, Integer::sum) - 1;
            int m = count.get(key);
            Color c = Palette.of(e.predicate()).darker();
            String text = e.predicate() + (Double.isNaN(e.score()) ? "" : String.format(Locale.ROOT, " %.2f", e.score()));
            Point2D labelAt = e.subject() == e.object()
                    ? drawLoop(g, boxes[e.subject()], k, c)
                    : drawEdge(g, boxes[e.subject()], boxes[e.object()], e.subject() < e.object(),
                            (k - (m - 1) / 2.0) * PARALLEL_GAP, c);
            labels.add(() -> drawLabel(g, text, labelAt, c, edgeFm));
        }
        for (int i = 0; i < n; i++) {
            drawNode(g, boxes[i], graph.nodes().get(i), nodeFm);
        }
        labels.forEach(Runnable::run); // labels last, so no edge or node hides them
        g.dispose();
        return img;
    }

    private static String tag(GraphView.Node node) {
        return node.id() + ":" + node.label();
    }

    private static long pairKey(GraphView.Edge e) {
        int a = Math.min(e.subject(), e.object());
        int b = Math.max(e.subject(), e.object());
        return ((long) a << 32) | b;
    }

    /** A quadratic curve between the node boxes, bent sideways by {@code offset}; returns the label position. */
    private static Point2D drawEdge(Graphics2D g, Box from, Box to, boolean canonical, double offset, Color c) {
        double mx = (from.cx + to.cx) / 2;
        double my = (from.cy + to.cy) / 2;
        // the perpendicular of the canonical direction (lower id → higher id), so that a→b and b→a bend apart
        double dx = canonical ? to.cx - from.cx : from.cx - to.cx;
        double dy = canonical ? to.cy - from.cy : from.cy - to.cy;
        double len = Math.max(1e-9, Math.hypot(dx, dy));
        double px = -dy / len;
        double py = dx / len;
        Point2D p0 = new Point2D.Double(from.cx, from.cy);
        Point2D ctl = new Point2D.Double(mx + 2 * offset * px, my + 2 * offset * py);
        Point2D p1 = new Point2D.Double(to.cx, to.cy);
        double t0 = exit(p0, ctl, p1, from, 0, 0.5);
        double t1 = exit(p0, ctl, p1, to, 1, 0.5);
        Path2D.Double path = new Path2D.Double();
        int steps = 32;
        for (int s = 0; s <= steps; s++) {
            Point2D q = at(p0, ctl, p1, t0 + (t1 - t0) * s / steps);
            if (s == 0) {
                path.moveTo(q.getX(), q.getY());
            } else {
                path.lineTo(q.getX(), q.getY());
            }
        }
        g.setColor(c);
        g.setStroke(new BasicStroke(1.6f));
        g.draw(path);
        // tangent at the end: B'(t) = 2(1-t)(C-P0) + 2t(P1-C)
        double tx = 2 * (1 - t1) * (ctl.getX() - p0.getX()) + 2 * t1 * (p1.getX() - ctl.getX());
        double ty = 2 * (1 - t1) * (ctl.getY() - p0.getY()) + 2 * t1 * (p1.getY() - ctl.getY());
        arrowHead(g, at(p0, ctl, p1, t1), tx, ty);
        return at(p0, ctl, p1, 0.5);
    }

    /** The k-th loop of a node to itself, above the node; returns the label position. */
    private static Point2D drawLoop(Graphics2D g, Box b, int k, Color c) {
        double size = 22 + 10 * k;
        double x = b.cx + b.w / 4 - size / 2;
        double y = b.cy - b.h / 2 - size + 4;
        g.setColor(c);
        g.setStroke(new BasicStroke(1.6f));
        g.draw(new Ellipse2D.Double(x, y, size, size));
        arrowHead(g, new Point2D.Double(b.cx + b.w / 4 + size / 2 - 2, b.cy - b.h / 2), 0, 1);
        return new Point2D.Double(b.cx + b.w / 4, y - 6);
    }

    /** The parameter where the curve crosses the border of {@code box}, searched between the inside end and 0.5. */
    private static double exit(Point2D p0, Point2D c, Point2D p1, Box box, double inside, double outside) {
        double in = inside;
        double out = outside;
        if (box.contains(at(p0, c, p1, out))) {
            return out; // boxes overlap: nothing to clip
        }
        for (int i = 0; i < 30; i++) {
            double mid = (in + out) / 2;
            if (box.contains(at(p0, c, p1, mid))) {
                in = mid;
            } else {
                out = mid;
            }
        }
        return out;
    }

    private static Point2D at(Point2D p0, Point2D c, Point2D p1, double t) {
        double u = 1 - t;
        return new Point2D.Double(u * u * p0.getX() + 2 * u * t * c.getX() + t * t * p1.getX(),
                u * u * p0.getY() + 2 * u * t * c.getY() + t * t * p1.getY());
    }

    /** A filled triangle with its tip at {@code tip}, pointing along (dx, dy). */
    private static void arrowHead(Graphics2D g, Point2D tip, double dx, double dy) {
        double len = Math.max(1e-9, Math.hypot(dx, dy));
        double ux = dx / len;
        double uy = dy / len;
        double l = 11;
        double hw = 4.5;
        Path2D.Double tri = new Path2D.Double();
        tri.moveTo(tip.getX(), tip.getY());
        tri.lineTo(tip.getX() - l * ux - hw * uy, tip.getY() - l * uy + hw * ux);
        tri.lineTo(tip.getX() - l * ux + hw * uy, tip.getY() - l * uy - hw * ux);
        tri.closePath();
        g.fill(tri);
    }

    private static void drawNode(Graphics2D g, Box b, GraphView.Node node, FontMetrics fm) {
        RoundRectangle2D.Double shape = new RoundRectangle2D.Double(b.cx - b.w / 2, b.cy - b.h / 2, b.w, b.h, 12, 12);
        g.setColor(Palette.of(node.label()));
        g.fill(shape);
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.draw(shape);
        g.setColor(Color.WHITE);
        g.setFont(NODE_FONT);
        String text = tag(node);
        g.drawString(text, (float) (b.cx - fm.stringWidth(text) / 2.0),
                (float) (b.cy - fm.getHeight() / 2.0 + fm.getAscent()));
    }

    private static void drawLabel(Graphics2D g, String text, Point2D at, Color c, FontMetrics fm) {
        double tw = fm.stringWidth(text) + 8;
        double th = fm.getHeight() + 2;
        RoundRectangle2D.Double bg = new RoundRectangle2D.Double(at.getX() - tw / 2, at.getY() - th / 2, tw, th, 8, 8);
        g.setColor(new Color(255, 255, 255, 225));
        g.fill(bg);
        g.setColor(c);
        g.setStroke(new BasicStroke(0.8f));
        g.draw(bg);
        g.setFont(EDGE_FONT);
        g.drawString(text, (float) (at.getX() - tw / 2 + 4), (float) (at.getY() - th / 2 + 1 + fm.getAscent()));
    }

    private static BufferedImage message(String text, FontMetrics fm) {
        BufferedImage img = new BufferedImage(fm.stringWidth(text) + 40, fm.getHeight() + 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.GRAY);
        g.setFont(NODE_FONT);
        g.drawString(text, 20, 15 + fm.getAscent());
        g.dispose();
        return img;
    }
}
