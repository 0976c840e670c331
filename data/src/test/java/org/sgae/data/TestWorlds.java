package org.sgae.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.sgae.data.synth.SynthConfig;
import org.sgae.data.synth.SynthWorld;

/** A tiny synthetic world generated once per test JVM and shared by the test classes (read-only). */
public final class TestWorlds {
    /** 40 images of about 128 px with ±20 % size jitter (exercises box scaling), default noise. */
    public static final SynthConfig TINY = SynthConfig.of(40, 128, 3).withSizeJitter(0.2).withThreads(2);
    private static Path tiny;

    private TestWorlds() {
    }

    public static synchronized Path tiny() {
        if (tiny == null) {
            tiny = tempDir("sgae-tiny-world");
            SynthWorld.generate(TINY, tiny);
        }
        return tiny;
    }

    public static Path tempDir(String prefix) {
        try {
            Path d = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(d)));
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path d) {
        try (Stream<Path> s = Files.walk(d)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Copies a world so a test may corrupt it. */
    public static Path copy(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
