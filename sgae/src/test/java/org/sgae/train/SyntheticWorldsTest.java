package org.sgae.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.train.config.WorldConfig;

class SyntheticWorldsTest {
    /** A world small enough to generate in a test: 4 images at the generator's smallest side. */
    private static final WorldConfig TINY = new WorldConfig(4, 32, 5);

    @Test
    void generatedOnceIntoItsKeyFolderThenReused(@TempDir Path root) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true);
        Path first = SyntheticWorlds.ensure(TINY, root, out);
        assertEquals(root.resolve(SyntheticWorlds.key(SyntheticWorlds.synthConfig(TINY))), first);
        assertTrue(Files.isRegularFile(first.resolve("VG-SGG.h5")) && Files.isRegularFile(first.resolve(
                "VG-SGG-dicts.json")) && Files.isRegularFile(first.resolve("image_data.json")));
        FileTime written = Files.getLastModifiedTime(first.resolve("VG-SGG.h5"));

        Path second = SyntheticWorlds.ensure(TINY, root, out);
        assertEquals(first, second);
        assertEquals(written, Files.getLastModifiedTime(second.resolve("VG-SGG.h5")), "reused, not regenerated");
        assertTrue(log.toString().contains("reusing " + first), log.toString());
        try (Stream<Path> s = Files.list(root)) {
            assertEquals(List.of(first), s.toList(), "no temporary folder is left behind");
        }
    }

    @Test
    void everyGeneratorSettingChangesTheKeyButThreadsDoNot() {
        String k = SyntheticWorlds.key(SyntheticWorlds.synthConfig(TINY));
        assertNotEquals(k, SyntheticWorlds.key(SyntheticWorlds.synthConfig(new WorldConfig(5, 32, 5))));
        assertNotEquals(k, SyntheticWorlds.key(SyntheticWorlds.synthConfig(new WorldConfig(4, 48, 5))));
        assertNotEquals(k, SyntheticWorlds.key(SyntheticWorlds.synthConfig(new WorldConfig(4, 32, 6))));
        assertEquals(k, SyntheticWorlds.key(SyntheticWorlds.synthConfig(TINY).withThreads(7)));
    }
}
