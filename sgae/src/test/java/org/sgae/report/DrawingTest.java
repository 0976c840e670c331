package org.sgae.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrawingTest {
    @Test
    void numbersFollowTheEvalSpec() {
        assertEquals("12.35", Numbers.percent(0.123456));
        assertEquals("0.1235", Numbers.plain(0.123456));
        assertEquals("100.00", Numbers.percent(1.0));
        assertEquals("0.00", Numbers.percent(0.0));
        assertEquals("—", Numbers.percent(Double.NaN));
        // the percentage's digits are the 4-decimal fraction's: both round the same way
        for (double v = 0; v <= 1; v += 0.000_037) {
            String frac = Numbers.plain(v);
            assertEquals(frac.replace(".", "").replaceFirst("^0+(?=\\d{3})", ""),
                    Numbers.percent(v).replace(".", ""), "value " + v);
        }
    }

    @Test
    void floatImagesClampAndScaleWithNearestNeighbour() {
        float[] v = new float[3 * 2 * 2];
        v[0] = 1.5f; // R of (0,0) above 1
        v[4 + 1] = 0.5f; // G of (1,0)
        v[8 + 3] = Float.NaN; // B of (1,1)
        FloatImage img = new FloatImage(2, 2, v);
        assertEquals(0xff0000, img.rgb(0, 0));
        assertEquals(0x008000, img.rgb(1, 0));
        assertEquals(0x000000, img.rgb(1, 1));
        BufferedImage big = Raster.nearest(img, 3);
        assertEquals(6, big.getWidth());
        assertEquals(0xff0000, big.getRGB(2, 2) & 0xffffff);
        assertEquals(0x008000, big.getRGB(3, 0) & 0xffffff);
        assertThrows(IllegalArgumentException.class, () -> new FloatImage(64, 64, new float[3 * 64 * 63]));
    }

    @Test
    void boxesAreDrawnInTheirClassColour() {
        FloatImage black = new FloatImage(128, 128, new float[3 * 128 * 128]);
        BoxSet boxes = new BoxSet(new float[] {10, 60, 99, 119}, new String[] {"horse"}, null);
        BufferedImage img = BoxDrawing.draw(black, boxes);
        assertEquals(384, img.getWidth(), "128 px drawn 3x");
        int colour = Palette.of("horse").getRGB() & 0xffffff;
        // left edge of the box at x = 30 (10 * 3), halfway down; the inside stays black
        assertEquals(colour, img.getRGB(30, 270) & 0xffffff);
        assertEquals(0, img.getRGB(150, 270) & 0xffffff);
    }

    @Test
    void graphsDrawEveryNodeAndKeepTheTopEdges() {
        GraphView g = GraphView.of(List.of("man", "horse", "street"), List.of(
                new GraphView.Edge(0, 1, "riding", 0.9), new GraphView.Edge(1, 2, "on", 0.2),
                new GraphView.Edge(1, 0, "near", 0.5), new GraphView.Edge(2, 2, "has", 0.1)));
        BufferedImage img = GraphDrawing.draw(g);
        assertTrue(img.getWidth() > 200 && img.getHeight() > 200);
        int manColour = Palette.of("man").getRGB() & 0xffffff;
        boolean found = false;
        for (int y = 0; y < img.getHeight() && !found; y++) {
            for (int x = 0; x < img.getWidth() && !found; x++) {
                found = (img.getRGB(x, y) & 0xffffff) == manColour;
            }
        }
        assertTrue(found, "the man node is drawn in its colour");

        GraphView top = g.topEdges(2);
        assertEquals(List.of(0, 1), top.nodes().stream().map(GraphView.Node::id).toList());
        assertEquals(List.of("riding", "near"), top.edges().stream().map(GraphView.Edge::predicate).toList());
        GraphView one = g.topEdges(1);
        assertEquals(2, one.nodes().size());
        assertThrows(IllegalArgumentException.class,
                () -> GraphView.of(List.of("a"), List.of(new GraphView.Edge(0, 1, "on"))));
        assertEquals(0xffffff, GraphDrawing.draw(GraphView.of(List.of(), List.of())).getRGB(0, 0) & 0xffffff,
                "an empty graph still gives an image");
    }

    @Test
    void pngsAreWrittenWhole(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path f = tmp.resolve("sub").resolve("g.png");
        Drawings.writePng(Drawings.graph(GraphView.of(List.of("man"), List.of())), f);
        BufferedImage back = javax.imageio.ImageIO.read(f.toFile());
        assertTrue(back.getWidth() > 50);
        try (var s = java.nio.file.Files.list(f.getParent())) {
            assertEquals(List.of("g.png"), s.map(p -> p.getFileName().toString()).toList(), "no temp file left");
        }
    }
}
