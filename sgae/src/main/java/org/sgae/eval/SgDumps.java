package org.sgae.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.sgae.data.vg.VgDataset;
import org.sgae.data.vg.VgGraph;

/** Glue between the data set and the dump: the GT of an image and a header for a split. */
public final class SgDumps {
    private SgDumps() {
    }

    /** The evaluator's GT of one image: the §4 boxes (decoded, scaled, clipped float32) and the raw relations. */
    public static SgGt gt(VgGraph g) {
        return new SgGt(g.boxes(), g.labels(), g.relations());
    }

    /**
     * A header for predictions of {@code mode} (sgdet, sgcls, predcls) on every image of {@code ds}, with
     * topPairs = 100; {@code producer} names the checkpoint (or baseline) and {@code configSha256} its config.
     */
    public static SgDumpHeader header(VgDataset ds, String mode, String producer, String configSha256) {
        Path root = ds.config().root();
        String name = Files.exists(root.resolve("synth-meta.json")) ? "synthetic:" + root.getFileName()
                : "vg150";
        return new SgDumpHeader(mode, ds.dicts().numObjectClasses(), ds.dicts().numPredicateClasses(),
                SgDumpHeader.TOP_PAIRS, name, ds.config().split().name().toLowerCase(java.util.Locale.ROOT),
                ds.size(), sha256(root.resolve(ds.config().dictsName())), producer, configSha256);
    }

    /** SHA-256 of a file, hex. */
    public static String sha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** SHA-256 of bytes, hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
