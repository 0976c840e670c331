package org.sgae.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.data.TestWorlds;
import org.sgae.data.image.ImageFiles;
import org.sgae.data.image.RgbImage;
import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgGraph;
import org.sgae.data.vg.VgSplit;

class GroundTruthRendererTest {
    @Test
    void drawsBoxesOverTheEnlargedImage(@TempDir Path out) {
        VgDataset ds = VgDataset.open(VgConfig.of(TestWorlds.tiny(), VgSplit.TEST).withFilters(false, false, false));
        List<Path> files = GroundTruthRenderer.renderAll(ds, out, 2, 3);
        assertEquals(2, files.size());
        VgGraph g = ds.raw(0);
        RgbImage pic = ImageFiles.read(files.get(0));
        RgbImage src = ImageFiles.read(g.imageFile());
        assertEquals(src.width() * 3, pic.width());
        assertTrue(pic.height() > src.height() * 3, "room for the triplet list");
        // boxes and tags change many pixels of the enlarged picture (nearest-neighbour reference)
        long changed = 0;
        for (int y = 0; y < src.height() * 3; y++) {
            for (int x = 0; x < pic.width(); x++) {
                int a = 3 * (y * pic.width() + x);
                int b = 3 * ((y / 3) * src.width() + x / 3);
                int d = 0;
                for (int c = 0; c < 3; c++) {
                    d = Math.max(d, Math.abs((pic.rgb()[a + c] & 255) - (src.rgb()[b + c] & 255)));
                }
                changed += d > 60 ? 1 : 0;
            }
        }
        float[] bx = g.boxes();
        double perimeter = 2 * 3 * ((bx[2] - bx[0]) + (bx[3] - bx[1]));
        assertTrue(changed > perimeter, "changed " + changed + ", first box perimeter " + perimeter);
        assertNotEquals(0, g.numObjects());
    }
}
