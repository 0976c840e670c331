package org.sgae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sgae.data.pipeline.Batch;
import org.sgae.train.config.Preset;
import org.sgae.train.config.TrainConfig;

/** The data-free step benchmark of the vg preset, run here on the cpu preset's detector and a small drawn image. */
class DetectorStepBenchTest {
    @Test
    void drawnBatchHoldsValidBoxesAndForegroundClasses() {
        Batch b = SyntheticImageBatch.of(2, 64, 96, 5, 151, 3);
        assertEquals(10, b.numObjects());
        assertEquals(2 * 3 * 64 * 96, b.images().length);
        for (int k = 0; k < b.numObjects(); k++) {
            float x1 = b.boxes()[4 * k];
            float y1 = b.boxes()[4 * k + 1];
            float x2 = b.boxes()[4 * k + 2];
            float y2 = b.boxes()[4 * k + 3];
            assertTrue(x1 >= 0 && y1 >= 0 && x2 <= 95 && y2 <= 63, "box " + k + " inside the image");
            assertTrue(x2 - x1 + 1 >= 32 && y2 - y1 + 1 >= 32, "box " + k + " at least 32 px a side");
            assertTrue(b.labels()[k] >= 1 && b.labels()[k] < 151, "label " + b.labels()[k] + " is a foreground class");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticImageBatch.of(1, 40, 96, 5, 151, 3));
        assertTrue(e.getMessage().contains("sides >= 64"), e.getMessage());
    }

    @Test
    void timesTrainingStepsAndReportsPeakMemory() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DetectorStepBench.Result r = DetectorStepBench.run(TrainConfig.preset(Preset.CPU), 64, 96, 1, 1,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(r.secondsPerStep() > 0);
        assertTrue(out.contains("1 image 64x96") && out.contains("s/step") && out.contains("peak RSS"), out);
        assertTrue(r.peakRssBytes() != 0);
        assertThrows(IllegalArgumentException.class, () -> DetectorStepBench.run(TrainConfig.preset(Preset.CPU),
                64, 96, 0, 0, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
    }
}
