package org.sgae.data.synth;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Draws a {@link Scene}: background (gradient + low-frequency noise), things in painter's order with
 * anti-aliasing, then global brightness/contrast jitter and pixel noise (σ ≈ 2/255). Each thing is drawn
 * into a transparent layer first, so its true box is the tight box of its own pixels (alpha ≥ 32/255)
 * even where later things cover it. The same pixels are written, in draw order, into the scene's owner
 * buffer, so what remains visible of each thing is measured from what was actually painted.
 */
final class SceneRenderer {
    private static final int ALPHA_MIN = 32;

    private SceneRenderer() {
    }

    /**
     * Renders and sets every thing's {@code box}, {@code pixels} and {@code visible}, and the scene's
     * {@code owner} buffer. Returns packed 0xRRGGBB pixels, row-major.
     */
    static int[] render(Scene s, SplittableRandom r) {
        int w = s.width;
        int h = s.height;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        Background.paint(px, w, h, s.indoor, s.horizon, r);
        BufferedImage layer = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] lp = ((DataBufferInt) layer.getRaster().getDataBuffer()).getData();
        Graphics2D g = img.createGraphics();
        int[] owner = new int[w * h];
        Arrays.fill(owner, -1);
        for (int i = 0; i < s.things.size(); i++) {
            drawThing(s.things.get(i), i, owner, g, layer, lp, w, h);
        }
        g.dispose();
        for (int i = 0; i < s.things.size(); i++) {
            Thing t = s.things.get(i);
            t.visible = 0;
            for (int p = t.pixels.nextSetBit(0); p >= 0; p = t.pixels.nextSetBit(p + 1)) {
                t.visible += owner[p] == i ? 1 : 0;
            }
        }
        s.owner = owner;
        Background.finish(px, r);
        return px;
    }

    private static void drawThing(Thing t, int index, int[] owner, Graphics2D g, BufferedImage layer, int[] lp,
                                  int w, int h) {
        double m = 0.15 * Math.max(t.w(), t.h()) + 3; // room for rotation, strokes and anti-aliasing
        int lx = (int) Math.max(0, Math.floor(t.x1 - m));
        int ly = (int) Math.max(0, Math.floor(t.y1 - m));
        int lx2 = (int) Math.min(w, Math.ceil(t.x2 + m));
        int ly2 = (int) Math.min(h, Math.ceil(t.y2 + m));
        t.pixels = new BitSet();
        if (lx2 <= lx || ly2 <= ly) {
            t.box = null;
            return;
        }
        for (int y = ly; y < ly2; y++) {
            Arrays.fill(lp, y * w + lx, y * w + lx2, 0);
        }
        Graphics2D lg = layer.createGraphics();
        lg.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        lg.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        lg.setComposite(AlphaComposite.SrcOver);
        lg.clipRect(lx, ly, lx2 - lx, ly2 - ly);
        AffineTransform at = new AffineTransform();
        at.translate(t.x1, t.y1);
        if (t.rot != 0) {
            at.rotate(t.rot, t.w() / 2, t.h() / 2);
        }
        if (t.mirror) {
            at.translate(t.w(), 0);
            at.scale(-1, 1);
        }
        lg.transform(at);
        Painters.paint(lg, t, t.w(), t.h());
        lg.dispose();
        int bx1 = Integer.MAX_VALUE;
        int by1 = Integer.MAX_VALUE;
        int bx2 = -1;
        int by2 = -1;
        for (int y = ly; y < ly2; y++) {
            int row = y * w;
            for (int x = lx; x < lx2; x++) {
                if ((lp[row + x] >>> 24) >= ALPHA_MIN) {
                    t.pixels.set(row + x);
                    owner[row + x] = index;
                    bx1 = Math.min(bx1, x);
                    bx2 = Math.max(bx2, x);
                    by1 = Math.min(by1, y);
                    by2 = Math.max(by2, y);
                }
            }
        }
        t.box = bx2 < 0 ? null : new int[] {bx1, by1, bx2 + 1, by2 + 1};
        g.drawImage(layer, lx, ly, lx2, ly2, lx, ly, lx2, ly2, null);
    }
}
