package org.sgae.tests.opmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sgae.autograd.Derivatives;

/**
 * The op map: every op of the catalog has each part of its unit of work (see {@link OpMapCheck}), and the
 * checked-in tensor/OPS.md is the table those declarations generate. With {@code -Dsgae.ops.write=true} the test
 * rewrites OPS.md instead of failing on it.
 */
class OpMapTest {
    private static final List<Declaration> DECLS = OpPartScan.scan();
    private static final SourceTree TREE = SourceTree.find();

    @Test
    void everyOpHasEveryPart() {
        List<String> gaps = OpMapCheck.gaps(DECLS, TREE::kernelExists, Derivatives::has);
        assertTrue(gaps.isEmpty(), gaps.size() + " op parts missing (declare them with @OpPart):\n  "
                + String.join("\n  ", gaps));
    }

    @Test
    void opsMdIsCurrent() throws IOException {
        Path file = TREE.root().resolve("tensor/OPS.md");
        String expected = OpsTable.render(DECLS, TREE::sourceOf);
        if (Boolean.getBoolean("sgae.ops.write")) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        assertEquals(expected, actual, "tensor/OPS.md is stale; regenerate it with\n  " + OpsTable.REGENERATE);
    }
}
