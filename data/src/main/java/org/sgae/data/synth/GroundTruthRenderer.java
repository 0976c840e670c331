package org.sgae.data.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sgae.data.AtomicFiles;
import org.sgae.data.image.ImageFiles;
import org.sgae.data.image.PngCodec;
import org.sgae.data.image.RgbImage;
import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgDicts;
import org.sgae.data.vg.VgGraph;
import org.sgae.data.vg.VgSplit;

/**
 * Draws ground truth as read back through {@link VgDataset} (boxes, labels, and the triplets listed under
 * the picture), enlarged so a person can check that the annotated relations are visible.
 * <pre>
 * java -cp ... org.sgae.data.synth.GroundTruthRenderer --data DIR --out DIR [--count 4] [--split test]
 *      [--clean] [--scale 4]
 * </pre>
 */
public final class GroundTruthRenderer {
    private static final Color[] COLORS = {Color.RED, Color.YELLOW, Color.CYAN, Color.MAGENTA, Color.GREEN,
        Color.ORANGE, Color.PINK, Color.WHITE, new Color(120, 160, 255), new Color(180, 255, 120)};

    private GroundTruthRenderer() {
    }

    public static BufferedImage render(RgbImage img, VgGraph g, VgDicts dicts, int scale) {
        int w = img.width() * scale;
        int lines = Math.min(g.numRelations(), 14);
        int h = img.height() * scale + 16 + 15 * lines;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = out.createGraphics();
        gr.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        BufferedImage src = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
        int[] px = ((DataBufferInt) src.getRaster().getDataBuffer()).getData();
        byte[] rgb = img.rgb();
        for (int i = 0; i < px.length; i++) {
            px[i] = ((rgb[3 * i] & 255) << 16) | ((rgb[3 * i + 1] & 255) << 8) | (rgb[3 * i + 2] & 255);
        }
        gr.drawImage(src, 0, 0, w, img.height() * scale, null);
        gr.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        gr.setStroke(new BasicStroke(2f));
        float[] b = g.boxes();
        for (int k = 0; k < g.numObjects(); k++) {
            gr.setColor(COLORS[k % COLORS.length]);
            int x1 = Math.round(b[4 * k] * scale);
            int y1 = Math.round(b[4 * k + 1] * scale);
            gr.drawRect(x1, y1, Math.round((b[4 * k + 2] - b[4 * k]) * scale), Math.round((b[4 * k + 3] - b[4 * k + 1]) * scale));
            String label = k + ":" + dicts.objectName(g.labels()[k]);
            gr.fillRect(x1, y1, gr.getFontMetrics().stringWidth(label) + 4, 13);
            gr.setColor(Color.BLACK);
            gr.drawString(label, x1 + 2, y1 + 11);
        }
        gr.setColor(Color.WHITE);
        gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int y = img.height() * scale + 14;
        gr.drawString("image " + g.info().imageId() + ": " + g.numObjects() + " objects, " + g.numRelations()
                + " relations", 4, y);
        int[] r = g.relations();
        for (int k = 0; k < lines; k++) {
            y += 15;
            gr.drawString(r[3 * k] + ":" + dicts.objectName(g.labels()[r[3 * k]]) + "  " + dicts.predicateName(r[3 * k + 2])
                    + "  " + r[3 * k + 1] + ":" + dicts.objectName(g.labels()[r[3 * k + 1]]), 4, y);
        }
        gr.dispose();
        return out;
    }

    /** Renders the first {@code count} images of a split to out/gt-<image_id>.png; returns the files. */
    public static List<Path> renderAll(VgDataset ds, Path out, int count, int scale) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < Math.min(count, ds.size()); i++) {
            VgGraph g = ds.raw(i);
            BufferedImage bi = render(ImageFiles.read(g.imageFile()), g, ds.dicts(), scale);
            int[] argb = bi.getRGB(0, 0, bi.getWidth(), bi.getHeight(), null, 0, bi.getWidth());
            Path f = out.resolve("gt-" + g.info().imageId() + ".png");
            AtomicFiles.write(f, PngCodec.encode(RgbImage.fromPacked(bi.getWidth(), bi.getHeight(), argb)));
            files.add(f);
        }
        return files;
    }

    public static void main(String[] args) {
        Path data = null;
        Path out = null;
        int count = 4;
        int scale = 4;
        VgSplit split = VgSplit.TEST;
        boolean clean = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--scale" -> scale = Integer.parseInt(args[++i]);
                case "--split" -> split = VgSplit.valueOf(args[++i].toUpperCase(java.util.Locale.ROOT));
                case "--clean" -> clean = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (data == null || out == null) {
            throw new IllegalArgumentException("usage: GroundTruthRenderer --data DIR --out DIR [--count N]"
                    + " [--split test|train|val] [--clean] [--scale S]");
        }
        VgConfig cfg = VgConfig.of(data, split).withNumValIm(0).withFilters(false, false, false);
        if (clean) {
            cfg = cfg.withH5("VG-SGG-clean.h5");
        }
        for (Path f : renderAll(VgDataset.open(cfg), out, count, scale)) {
            System.out.println("wrote " + f);
        }
    }
}
