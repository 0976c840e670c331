package org.sgae.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.sgae.data.synth.SynthConfig;
import org.sgae.data.synth.SynthWorld;
import org.sgae.data.synth.WorldStats;
import org.sgae.train.config.WorldConfig;

/**
 * The cache of generated synthetic worlds used when no {@code --data} is given: {@code <root>/<key>}, where the key
 * hashes the generator's version and its full config. A world is generated into a hidden temporary folder and
 * renamed into place only when complete, so a folder under its key is always whole and is reused as it is.
 */
public final class SyntheticWorlds {
    /** Hex digits of the SHA-256 that name a world; 64 bits make accidental collisions negligible. */
    private static final int KEY_HEX_DIGITS = 16;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private SyntheticWorlds() {
    }

    /** ~/.cache/sgae/worlds. */
    public static Path defaultRoot() {
        return Path.of(System.getProperty("user.home"), ".cache", "sgae", "worlds");
    }

    /** The generator config of a world: square images, the data module's default noise. */
    public static SynthConfig synthConfig(WorldConfig w) {
        return SynthConfig.of(w.images(), w.size(), w.seed());
    }

    /** The cache key: the thread count is left out, since it does not change what is generated. */
    public static String key(SynthConfig c) {
        try {
            byte[] text = (SynthWorld.VERSION + "\n" + JSON.writeValueAsString(c.withThreads(1)))
                    .getBytes(StandardCharsets.UTF_8);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text);
            return HexFormat.of().formatHex(digest).substring(0, KEY_HEX_DIGITS);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the world config " + c, e);
        }
    }

    /** The world's folder under {@code root}, generated first if it is not there yet. */
    public static Path ensure(WorldConfig w, Path root, PrintStream out) {
        return ensure(synthConfig(w.validate()), w, root, out);
    }

    /** {@link #ensure(WorldConfig, Path, PrintStream)} for a generator config of {@code w} with other knobs (noise). */
    public static Path ensure(SynthConfig c, WorldConfig w, Path root, PrintStream out) {
        Path dir = root.resolve(key(c));
        if (Files.isDirectory(dir)) {
            out.println("synthetic world: reusing " + dir);
            return dir;
        }
        Path tmp = null;
        try {
            Files.createDirectories(root);
            tmp = Files.createTempDirectory(root, "." + dir.getFileName() + ".tmp");
            out.printf(Locale.ROOT, "synthetic world: generating %d images of %d px into %s%n", w.images(), w.size(),
                    dir);
            WorldStats s = SynthWorld.generate(c, tmp);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                tmp = null;
                out.printf(Locale.ROOT, "synthetic world: %.2f objects and %.2f relations per image%n",
                        s.meanObjects(), s.meanRelations());
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                // Another process finished the same world first; theirs is identical, keep it.
                out.println("synthetic world: another process generated " + dir + " first; using it");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate the synthetic world in " + root, e);
        } finally {
            if (tmp != null) {
                Folders.deleteTree(tmp);
            }
        }
    }
}
