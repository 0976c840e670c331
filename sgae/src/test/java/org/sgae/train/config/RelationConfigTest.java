package org.sgae.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The relation stage's config: the paper's vg values, the cpu preset, --set keys, and named bad fields. */
class RelationConfigTest {
    @Test
    void vgHasThePaperValues() {
        RelationConfig r = Preset.VG.relation();
        assertEquals(256, r.repn().topK());
        assertEquals(64, r.repn().hidden());
        assertEquals(512, r.features().dim());
        assertEquals(5, r.features().unionPool());
        assertEquals(256, r.gcn().attentionDim());
        assertEquals(2, r.gcn().featureSteps());
        assertEquals(2, r.gcn().scoreSteps());
        assertEquals(51, r.rel().numPredicates());
        assertFalse(r.rel().freqBias());
        assertTrue(r.rel().bgReweight());
        assertEquals(RelationConfig.ObjSource.REFINED, r.obj().source());
        assertEquals(64, Preset.VG.detector().postProcess().detectionsPerImg());
    }

    @Test
    void cpuIsWithinTheGuidance() {
        RelationConfig r = Preset.CPU.relation();
        assertEquals(64, r.repn().topK());
        assertEquals(64, r.features().dim());
        assertEquals(32, r.gcn().attentionDim());
        assertTrue(r.features().unionPool() >= 3 && r.features().unionPool() <= 5);
        int n = Preset.CPU.detector().postProcess().detectionsPerImg();
        assertTrue(n >= 16 && n <= 24, "N = " + n);
        assertEquals(TrainConfig.preset(Preset.CPU).sg(), r);
    }

    @Test
    void keysAreSettable() {
        TrainConfig c = ConfigJson.resolve(Preset.CPU, null, List.of("sg.rel.freqBias=true", "sg.obj.source=DETECTOR",
                "sg.gcn.shareSteps=true", "sg.repn.scoreInTriplet=true", "sg.repn.topK=32",
                "phase2.init=runs/x/checkpoints/iter-00000010"));
        assertTrue(c.sg().rel().freqBias());
        assertEquals(RelationConfig.ObjSource.DETECTOR, c.sg().obj().source());
        assertTrue(c.sg().gcn().shareSteps());
        assertTrue(c.sg().repn().scoreInTriplet());
        assertEquals(32, c.sg().repn().topK());
        assertEquals("runs/x/checkpoints/iter-00000010", c.phase2().init());
        assertEquals(c, ConfigJson.set(c, "seed=" + c.seed())); // the JSON round trip keeps every field
    }

    static Stream<Arguments> badFields() {
        RelationConfig r = Preset.CPU.relation();
        return Stream.of(
                BadField.of("RelationConfig.Repn.topK", () -> r.withRepn(new RelationConfig.Repn(0, 64, 64, false))
                        .validate()),
                BadField.of("RelationConfig.Features.dim", () -> r.withFeatures(new RelationConfig.Features(0, 5, 2))
                        .validate()),
                BadField.of("RelationConfig.Features.unionPool", () -> r.withFeatures(
                        new RelationConfig.Features(64, 0, 2)).validate()),
                BadField.of("RelationConfig.Gcn.featureSteps", () -> r.withGcn(new RelationConfig.Gcn(32, 0, 2, false))
                        .validate()),
                BadField.of("RelationConfig.Rel.numPredicates", () -> r.withRel(new RelationConfig.Rel(1, false,
                        true)).validate()),
                BadField.of("RelationConfig.Obj.source", () -> r.withObj(new RelationConfig.Obj(null)).validate()),
                BadField.of("sg: RelationConfig.Gcn.attentionDim", () -> TrainConfig.preset(Preset.CPU)
                        .withSg(r.withGcn(new RelationConfig.Gcn(0, 2, 2, false))).validate()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFields")
    void badFieldIsNamed(String field, java.util.function.Supplier<Object> make) {
        if (field.startsWith("sg: ")) {
            BadField.assertNamed("sg", make);
        } else {
            BadField.assertNamed(field, make);
        }
    }
}
