package org.sgae.data.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.sgae.data.AtomicFiles;
import org.sgae.data.vg.BoxCodec;
import org.sgae.data.vg.VgDicts;
import org.sgae.data.vg.VgH5;

/** Converts generated annotations to the VG150 files (h5 datasets, dicts, synth-meta.json). */
final class SynthFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SynthFiles() {
    }

    /** Builds the h5 datasets; boxes go truth → VG region → encode_box for L = 1024 and 512 (§8.1). */
    static VgH5 h5(SynthWorld.Generated[] gs, int[] split, boolean clean) {
        int nObj = 0;
        int nRel = 0;
        for (SynthWorld.Generated g : gs) {
            Annotation a = clean ? g.clean() : g.noisy();
            nObj += a.labels().length;
            nRel += a.relations().length;
        }
        int[] labels = new int[nObj];
        int[] b1024 = new int[4 * nObj];
        int[] b512 = new int[4 * nObj];
        int[] rels = new int[2 * nRel];
        int[] preds = new int[nRel];
        int n = gs.length;
        int[] fb = new int[n];
        int[] lb = new int[n];
        int[] fr = new int[n];
        int[] lr = new int[n];
        int o = 0;
        int q = 0;
        for (int i = 0; i < n; i++) {
            SynthWorld.Generated g = gs[i];
            Annotation a = clean ? g.clean() : g.noisy();
            int k = a.labels().length;
            fb[i] = k == 0 ? -1 : o;
            lb[i] = k == 0 ? -1 : o + k - 1;
            for (int j = 0; j < k; j++) {
                labels[o + j] = a.labels()[j];
                double[] b = a.boxes()[j];
                int[] reg = BoxCodec.regionOf(b[0], b[1], b[2], b[3]);
                System.arraycopy(BoxCodec.encode(reg[0], reg[1], reg[2], reg[3], g.width(), g.height(), 1024), 0,
                        b1024, 4 * (o + j), 4);
                System.arraycopy(BoxCodec.encode(reg[0], reg[1], reg[2], reg[3], g.width(), g.height(), 512), 0,
                        b512, 4 * (o + j), 4);
            }
            int m = a.relations().length;
            fr[i] = m == 0 ? -1 : q;
            lr[i] = m == 0 ? -1 : q + m - 1;
            for (int j = 0; j < m; j++) {
                int[] r = a.relations()[j];
                rels[2 * (q + j)] = o + r[0];
                rels[2 * (q + j) + 1] = o + r[1];
                preds[q + j] = r[2];
            }
            o += k;
            q += m;
        }
        return new VgH5(labels, b1024, b512, fb, lb, rels, preds, fr, lr, split.clone());
    }

    static VgDicts dicts(WorldStats s) {
        return new VgDicts(Vocab.CLASSES, Vocab.PREDICATES, s.objectCount(), s.predicateCount());
    }

    static void meta(SynthConfig c, WorldStats s, Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("generator", SynthWorld.VERSION);
        root.put("seed", c.seed());
        ObjectNode cfg = root.putObject("config");
        cfg.put("numImages", c.numImages());
        cfg.put("width", c.width());
        cfg.put("height", c.height());
        cfg.put("sizeJitter", c.sizeJitter());
        cfg.put("meanRels", c.meanRels());
        ObjectNode noise = cfg.putObject("noise");
        noise.put("missingRel", c.noise().missingRel());
        noise.put("wrongPredicate", c.noise().wrongPredicate());
        noise.put("duplicateRel", c.noise().duplicateRel());
        noise.put("missingObject", c.noise().missingObject());
        noise.put("labelNoise", c.noise().labelNoise());
        noise.put("boxJitter", c.noise().boxJitter());
        noise.put("noiseOnTest", c.noise().noiseOnTest());
        Vocab.CLASSES.forEach(root.putArray("classes")::add);
        Vocab.PREDICATES.forEach(root.putArray("predicates")::add);
        ObjectNode st = root.putObject("realised");
        st.put("images", s.images());
        st.put("trainImages", s.trainImages());
        st.put("meanObjects", round(s.meanObjects()));
        st.put("meanRelations", round(s.meanRelations()));
        st.put("cleanMeanObjects", round((double) s.cleanObjects() / s.images()));
        st.put("cleanMeanRelations", round((double) s.cleanRelations() / s.images()));
        ObjectNode shares = st.putObject("predicateSharePercent");
        ObjectNode target = st.putObject("targetSharePercent");
        ObjectNode keep = st.putObject("keepProbability");
        for (String p : Vocab.PREDICATES) {
            shares.put(p, round(100 * s.share(p)));
            target.put(p, Confusions.TARGET.get(p));
            keep.put(p, s.keep()[Vocab.pred(p)]); // full precision: tests re-annotate with it
        }
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 4 decimals: enough for statistics, and stable text. */
    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
