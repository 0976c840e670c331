package org.sgae.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.data.TestWorlds;
import org.sgae.data.vg.BoxCodec;
import org.sgae.data.vg.ImageInfos;
import org.sgae.data.vg.VgConfig;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgDicts;
import org.sgae.data.vg.VgGraph;
import org.sgae.data.vg.VgSplit;

/** The written files: spec layout, round trip through the VG reader, byte-identical determinism. */
class SynthFilesTest {
    @Test
    void h5MatchesTheSpec() {
        Path root = TestWorlds.tiny();
        for (String name : new String[] {"VG-SGG.h5", "VG-SGG-clean.h5"}) {
            try (HdfFile f = new HdfFile(root.resolve(name))) {
                Dataset labels = f.getDatasetByPath("labels");
                int nObj = labels.getDimensions()[0];
                int nImg = TestWorlds.TINY.numImages();
                expect(labels, long.class, nObj, 1);
                expect(f.getDatasetByPath("boxes_1024"), int.class, nObj, 4);
                expect(f.getDatasetByPath("boxes_512"), int.class, nObj, 4);
                Dataset rels = f.getDatasetByPath("relationships");
                int nRel = rels.getDimensions()[0];
                expect(rels, int.class, nRel, 2);
                expect(f.getDatasetByPath("predicates"), long.class, nRel, 1);
                for (String d : new String[] {"img_to_first_box", "img_to_last_box", "img_to_first_rel",
                    "img_to_last_rel", "split"}) {
                    expect(f.getDatasetByPath(d), int.class, nImg);
                }
                int[] split = (int[]) f.getDatasetByPath("split").getData();
                for (int i = 0; i < nImg; i++) {
                    assertEquals(i < 28 ? 0 : 2, split[i], "split by order: first floor(0.7 N) are train");
                }
            }
        }
    }

    private static void expect(Dataset d, Class<?> type, int... dims) {
        assertEquals(type, d.getJavaType(), d.getName());
        assertArrayEquals(dims, d.getDimensions(), d.getName());
    }

    @Test
    void dictsAndImageData() {
        Path root = TestWorlds.tiny();
        VgDicts d = VgDicts.read(root.resolve("VG-SGG-dicts.json"));
        assertEquals(Vocab.CLASSES, d.objects());
        assertTrue(d.objects().size() >= 20 && d.predicates().size() >= 12);
        assertEquals(d.objects().stream().sorted().toList(), d.objects(), "alphabetical from 1");
        var infos = ImageInfos.read(root.resolve("image_data.json"));
        assertEquals(1, infos.get(0).imageId());
        assertTrue(infos.stream().noneMatch(i -> ImageInfos.CORRUPTED_IDS.contains(i.imageId())));
        assertEquals("VG_100K/" + infos.get(5).imageId() + ".png", infos.get(5).url());
        long total = d.predicateCount().values().stream().mapToLong(Long::longValue).sum();
        VgDataset all = VgDataset.open(VgConfig.of(root, VgSplit.TRAIN).withNumValIm(0).withFilters(false, false, false));
        VgDataset test = VgDataset.open(VgConfig.of(root, VgSplit.TEST).withFilters(false, false, false));
        long rels = 0;
        for (VgDataset ds : new VgDataset[] {all, test}) {
            for (int i = 0; i < ds.size(); i++) {
                rels += ds.raw(i).numRelations();
            }
        }
        assertEquals(rels, total, "predicate_count counts annotated instances over all splits");
    }

    /** Truth (regenerated in memory) → files → VgDataset: identical labels and graphs, boxes within 1 px. */
    @Test
    void roundTripThroughTheReader() {
        Path root = TestWorlds.tiny();
        SynthConfig c = TestWorlds.TINY;
        double[] keep = keepFromMeta(root);
        long[] ids = SynthWorld.imageIds(c.numImages());
        for (String h5 : new String[] {"VG-SGG.h5", "VG-SGG-clean.h5"}) {
            VgConfig base = VgConfig.of(root, VgSplit.TRAIN).withNumValIm(0).withFilters(false, false, false).withH5(h5);
            VgDataset train = VgDataset.open(base);
            VgDataset test = VgDataset.open(base.withSplit(VgSplit.TEST));
            int checked = 0;
            for (VgDataset ds : new VgDataset[] {train, test}) {
                for (int k = 0; k < ds.size(); k++) {
                    VgGraph g = ds.raw(k);
                    int i = g.h5Row();
                    SynthWorld.Generated gen = SynthWorld.generateOne(c, i, ids[i], i < 28, keep);
                    Annotation a = h5.contains("clean") ? gen.clean() : gen.noisy();
                    assertEquals(gen.width(), g.info().width());
                    assertArrayEquals(a.labels(), g.labels());
                    assertEquals(a.relations().length, g.numRelations());
                    for (int r = 0; r < a.relations().length; r++) {
                        assertArrayEquals(a.relations()[r], java.util.Arrays.copyOfRange(g.relations(), 3 * r, 3 * r + 3));
                    }
                    for (int o = 0; o < a.labels().length; o++) {
                        for (int j = 0; j < 4; j++) {
                            double clip = j % 2 == 0 ? gen.width() - 1 : gen.height() - 1;
                            double truth = Math.min(clip, a.boxes()[o][j]);
                            // integer truth: within 1 px (spec); jittered boxes are continuous, and the floor of
                            // VG's 1-indexed region loses up to 1 more px, plus the 1024-frame rounding
                            double tol = h5.contains("clean") ? 1.0 : 2.0 + Math.max(gen.width(), gen.height()) / 1024.0;
                            assertEquals(truth, g.boxes()[4 * o + j], tol, "image " + i + " object " + o + " coord " + j);
                        }
                    }
                    checked++;
                }
            }
            assertTrue(checked >= 30, "most images have a graph: " + checked);
        }
    }

    /** The keep probabilities the world was annotated with (synth-meta.json stores them at full precision). */
    static double[] keepFromMeta(Path root) {
        try {
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(root.resolve("synth-meta.json").toFile())
                    .path("realised").path("keepProbability");
            double[] keep = new double[Vocab.PREDICATES.size() + 1];
            for (String p : Vocab.PREDICATES) {
                keep[Vocab.pred(p)] = node.get(p).asDouble();
            }
            return keep;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void sameSeedGivesByteIdenticalFilesWhateverTheThreads(@TempDir Path dir) throws Exception {
        SynthConfig c = SynthConfig.of(12, 96, 11).withSizeJitter(0.1);
        SynthWorld.generate(c.withThreads(1), dir.resolve("a"));
        SynthWorld.generate(c.withThreads(2), dir.resolve("b"));
        Map<String, String> a = digests(dir.resolve("a"));
        assertEquals(a, digests(dir.resolve("b")));
        assertEquals(12 + 5, a.size(), "12 images + 2 h5 + dicts + image_data + meta");
        SynthWorld.generate(new SynthConfig(12, 96, 96, 0.1, 12, 4.0, 2, c.noise()), dir.resolve("c"));
        Map<String, String> other = digests(dir.resolve("c"));
        assertNotEquals(a.get("VG-SGG.h5"), other.get("VG-SGG.h5"));
        assertNotEquals(a.get("VG_100K/1.png"), other.get("VG_100K/1.png"));
    }

    private static Map<String, String> digests(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                byte[] h = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                out.put(root.relativize(p).toString(), HexFormat.of().formatHex(h));
            }
        }
        return out;
    }

    @Test
    void storedBoxesAreTheEncodedTruth() {
        SynthConfig c = TestWorlds.TINY;
        SynthWorld.Generated g = SynthWorld.generateOne(c, 3, 4, true, Calibration.keep(c));
        SynthWorld.Generated[] one = {g};
        var h5 = SynthFiles.h5(one, new int[] {0}, true);
        double[] b = g.clean().boxes()[0];
        int[] reg = BoxCodec.regionOf(b[0], b[1], b[2], b[3]);
        assertArrayEquals(BoxCodec.encode(reg[0], reg[1], reg[2], reg[3], g.width(), g.height(), 1024),
                java.util.Arrays.copyOf(h5.boxes1024(), 4));
    }
}
