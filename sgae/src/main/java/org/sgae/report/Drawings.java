package org.sgae.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/**
 * The report's drawings for other commands' figures (infer: the input with boxes and the predicted graph;
 * generate: the graph and the 64×64 image), and an atomic PNG writer.
 */
public final class Drawings {
    private Drawings() {
    }

    /** The image (longer side drawn at 384 px) with boxes tagged "i:label score". */
    public static BufferedImage boxes(FloatImage image, BoxSet boxes) {
        return BoxDrawing.draw(image, boxes);
    }

    /** The scene graph: nodes on a circle, directed labelled edges. */
    public static BufferedImage graph(GraphView graph) {
        return GraphDrawing.draw(graph);
    }

    /** The image with every pixel drawn as a factor × factor block (factor 1: as it is). */
    public static BufferedImage image(FloatImage image, int factor) {
        return Raster.nearest(image, factor);
    }

    /** Writes a PNG through a temporary file in the same folder, so that a reader never sees half of it. */
    public static void writePng(BufferedImage image, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ReportException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a hidden leftover temp file is harmless
                }
            }
        }
    }
}
