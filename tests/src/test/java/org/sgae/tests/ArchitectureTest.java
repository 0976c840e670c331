package org.sgae.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Enforces the one-way module dependencies of architecture.md §1, both in the poms and in the imports of main
 * sources: tensor depends on nothing; kernels only on tensor; nothing but kernels touches jcuda or org.jocl; the
 * model and data never import the device backends (they are found at run time through ServiceLoader).
 */
class ArchitectureTest {
    /** module folder → the sgae modules its main code may use (by their package names). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "tensor", Set.of("tensor"),
            "autograd", Set.of("autograd", "tensor"),
            "kernels", Set.of("kernels", "tensor"),
            "nn", Set.of("nn", "autograd", "tensor"),
            "data", Set.of("data", "tensor"),
            "sgae", Set.of("sgae", "model", "train", "eval", "cli", "examples", "nn", "autograd", "tensor", "data"));

    /** module folder → the artifacts its pom may depend on at compile scope. */
    private static final Map<String, Set<String>> POM_ALLOWED = Map.of(
            "tensor", Set.of(),
            "autograd", Set.of("sgae-tensor"),
            "kernels", Set.of("sgae-tensor"),
            "nn", Set.of("sgae-autograd", "sgae-tensor"),
            "data", Set.of("sgae-tensor"),
            "sgae", Set.of("sgae-nn", "sgae-data", "sgae-kernels"));

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern SGAE_DEP = Pattern.compile(
            "<dependency>\\s*<groupId>org\\.sgae</groupId>\\s*<artifactId>(sgae-[\\w-]+)</artifactId>(.*?)</dependency>",
            Pattern.DOTALL);

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        return Files.exists(p.resolve("tensor")) ? p : p.getParent();
    }

    @Test
    void mainSourcesImportOnlyAllowedModules() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
            Path src = root().resolve(e.getKey()).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    Matcher m = IMPORT.matcher(Files.readString(f));
                    while (m.find()) {
                        String imp = m.group(1);
                        boolean device = imp.startsWith("jcuda.") || imp.startsWith("org.jocl.");
                        if (device && !e.getKey().equals("kernels")) {
                            violations.add(f + " imports device library " + imp);
                        }
                        if (imp.startsWith("org.sgae.")) {
                            String module = imp.split("\\.")[2];
                            if (!e.getValue().contains(module)) {
                                violations.add(root().relativize(f) + " imports " + imp);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(violations.isEmpty(), "Module rule violations:\n" + String.join("\n", violations));
    }

    @Test
    void pomDependenciesPointOneWay() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : POM_ALLOWED.entrySet()) {
            String pom = Files.readString(root().resolve(e.getKey()).resolve("pom.xml"));
            Matcher m = SGAE_DEP.matcher(pom);
            while (m.find()) {
                boolean testOnly = m.group(2).contains("<scope>test</scope>");
                if (!testOnly && !e.getValue().contains(m.group(1))) {
                    violations.add(e.getKey() + "/pom.xml depends on " + m.group(1));
                }
            }
        }
        assertTrue(violations.isEmpty(), "Module dependency violations:\n" + String.join("\n", violations));
    }
}
