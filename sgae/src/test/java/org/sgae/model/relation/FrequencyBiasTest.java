package org.sgae.model.relation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sgae.data.vg.FrequencyStats;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.train.config.RelationConfig;

/** The frequency bias table (§5): a parameter only when rel.freqBias, initialised to the statistics' log prior. */
class FrequencyBiasTest {
    @Test
    void tableStartsAtTheLogPriorAndRefusesAnotherVocabulary() {
        int c = 3;
        int p = 4;
        long[] fg = new long[c * c * p];
        long[] bg = new long[c * c];
        fg[(1 * c + 2) * p + 3] = 5;
        fg[(1 * c + 2) * p + 1] = 1;
        bg[1 * c + 2] = 2;
        FrequencyStats stats = new FrequencyStats(c, p, fg, bg);
        RelationConfig cfg = RelationGradCheckTest.tinyConfig().withRel(new RelationConfig.Rel(p, true, true));
        RelationHead head = new RelationHead(cfg, c, 6, 2, 16, DType.F32, Device.cpu(), new SplittableRandom(1));
        head.initFrequencyBias(stats);
        assertArrayEquals(stats.logPrior(), head.namedParameters().get("freqBias").data().toFloatArray(), 0f);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> head.initFrequencyBias(new FrequencyStats(c + 1, p, new long[(c + 1) * (c + 1) * p],
                        new long[(c + 1) * (c + 1)])));
        assertTrue(e.getMessage().startsWith("frequency statistics: 4 classes"), e.getMessage());

        RelationHead off = new RelationHead(cfg.withRel(new RelationConfig.Rel(p, false, true)), c, 6, 2, 16,
                DType.F32, Device.cpu(), new SplittableRandom(1));
        assertEquals(null, off.namedParameters().get("freqBias"));
        off.initFrequencyBias(stats); // no table: nothing to set
    }
}
