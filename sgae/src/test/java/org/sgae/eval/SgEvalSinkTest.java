package org.sgae.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.data.synth.SynthConfig;
import org.sgae.data.synth.SynthWorld;
import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgSplit;

/**
 * The model-facing sink on a tiny synthetic world: an "sgdet" prediction made of the GT objects (exact boxes, scores
 * 1) with FREQ relation scores must score exactly like FREQ PredCls, the detector AP on it is 1, and PhrDet ≥ SGGen.
 */
class SgEvalSinkTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    @TempDir
    static Path tmp;
    private static Path world;

    @BeforeAll
    static void tinyWorld() {
        world = tmp.resolve("world");
        SynthWorld.generate(SynthConfig.of(60, 64, 5).withThreads(1), world);
    }

    @Test
    void gtObjectsAsDetectionsScoreLikePredCls() throws IOException {
        VgDataset test = VgDataset.open(VgConfig.of(world, VgSplit.TEST).withNumValIm(0));
        FreqPredictor freq = FreqPredictor.fromTrainSplit(world, 0);
        List<SgResult> det;
        List<SgResult> pred;
        try (SgEvalSink sgdet = SgEvalSink.open(test, "sgdet", "gt-as-detections", "x", tmp.resolve("det"), false);
             SgEvalSink predcls = SgEvalSink.open(test, "predcls", "freq", "x", tmp.resolve("pred"), false)) {
            for (int i = 0; i < test.size(); i++) {
                SgPrediction p = freq.predCls(SgDumps.gt(test.raw(i)));
                sgdet.add(i, p);
                predcls.add(i, p);
            }
            det = sgdet.finish(QUIET);
            pred = predcls.finish(QUIET);
        }
        assertEquals(List.of(SgMode.SGGEN, SgMode.PHRDET), det.stream().map(SgResult::mode).toList());
        SgResult sggen = det.get(0);
        SgResult predCls = pred.get(0);
        assertTrue(predCls.recall()[1] > 0, "FREQ must hit something on the tiny world");
        assertArrayEquals(predCls.recall(), sggen.recall());
        assertArrayEquals(predCls.ngRecall(), sggen.ngRecall());
        assertArrayEquals(predCls.meanRecall(), sggen.meanRecall());
        for (int k = 0; k < 3; k++) {
            assertTrue(det.get(1).recall()[k] >= sggen.recall()[k], "PhrDet's union test accepts every SGGen hit");
        }
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("det").resolve("results-sgdet.json").toFile());
        assertEquals(1.0, json.get("source").get("detectorAp50").doubleValue(), 1e-12);
        assertEquals("SGGen", json.get("results").get(0).get("mode").asText());
        assertEquals(sggen.recall()[2], json.get("results").get(0).get("R@100").doubleValue());
    }

    @Test
    void boxesToOriginalPixelsRoundEachRatioToFloat32() {
        // 600×450 input of an 800×600 image: ratios 4/3 (float32 1.3333334) in x and y.
        float[] out = SgBoxes.toOriginal(new float[] {0, 7, 299, 449.5f}, 600, 450, 800, 600);
        float r = (float) (800.0 / 600);
        assertArrayEquals(new float[] {0, 7 * r, 299 * r, 449.5f * (float) (600.0 / 450)}, out);
        // float32 product with the float32 ratio, not the double product rounded once:
        assertEquals(398.66668701171875f, out[2]);
        assertEquals(9.333333969116211f, out[1]);
        assertTrue(out[2] != (float) (299 * 800.0 / 600));
    }
}
