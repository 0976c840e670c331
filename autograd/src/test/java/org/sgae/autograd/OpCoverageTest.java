package org.sgae.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.ops.Op;

/**
 * Walks the op catalog: every differentiable op must have a registered derivative and a gradient test (a class in
 * org.sgae.autograd.derivatives annotated {@link CoversOps} naming it).
 */
class OpCoverageTest {
    @Test
    void everyDifferentiableOpHasADerivativeAndAGradientTest() throws Exception {
        Set<Op> covered = coveredOps();
        StringBuilder missing = new StringBuilder();
        for (Op op : Op.values()) {
            if (!op.differentiable()) {
                continue;
            }
            if (!Derivatives.has(op)) {
                missing.append("\n  ").append(op).append(": no derivative registered in Derivatives");
            }
            if (!covered.contains(op)) {
                missing.append("\n  ").append(op).append(": no @CoversOps gradient test");
            }
        }
        assertTrue(missing.length() == 0, "Op coverage gaps:" + missing);
    }

    private static Set<Op> coveredOps() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(OpCoverageTest.class.getResource("derivatives").toURI());
        Set<Op> ops = EnumSet.noneOf(Op.class);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> c = Class.forName("org.sgae.autograd.derivatives." + name.replace(".class", ""));
                CoversOps a = c.getAnnotation(CoversOps.class);
                if (a != null) {
                    ops.addAll(java.util.Arrays.asList(a.value()));
                }
            }
        }
        return ops;
    }
}
