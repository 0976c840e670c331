package org.sgae.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.Tensor;

/**
 * Enforces the one-way module dependencies of architecture.md §1, both in the poms and in the imports of main
 * sources: tensor depends on nothing; kernels only on tensor; nothing but kernels touches jcuda or org.jocl; the
 * model and data never import the device backends (they are found at run time through ServiceLoader). Inside
 * tensor it enforces the package layering of issue 10 §3.4: the SPI sees neither the op facades nor the CPU
 * backend, the CPU references share no code with the fast paths they check, the attribute records form a leaf
 * package, and Tensor's scope and autograd internals are reached only through tensor.internal.
 */
class ArchitectureTest {
    /** module folder → the sgae modules its main code may use (by their package names). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "tensor", Set.of("tensor"),
            "autograd", Set.of("autograd", "tensor"),
            "kernels", Set.of("kernels", "tensor"),
            "nn", Set.of("nn", "autograd", "tensor"),
            "data", Set.of("data", "tensor"),
            "sgae", Set.of("sgae", "model", "train", "eval", "cli", "examples", "report", "app", "nn", "autograd", "tensor",
                    "data"));

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

    /** A package whose main code (imports, fully qualified names) must not use what {@code forbidden} matches. */
    private record PackageRule(String pkg, boolean subpackages, Predicate<String> forbidden, String why) {
        boolean covers(String filePackage) {
            return filePackage.equals(pkg) || subpackages && filePackage.startsWith(pkg + ".");
        }
    }

    /** A class of tensor's root package (Tensor, Shape, DType, ...), or a static member of one. */
    private static final Pattern TENSOR_ROOT_TYPE = Pattern.compile("org\\.sgae\\.tensor\\.[A-Z]\\w*(\\.\\w+)*");

    private static final List<PackageRule> TENSOR_PACKAGE_RULES = List.of(
            new PackageRule("org.sgae.tensor.spi", true,
                    ref -> under(ref, "org.sgae.tensor.ops") || under(ref, "org.sgae.tensor.cpu"),
                    "the SPI takes its attribute types from tensor.attrs and finds every backend (the CPU one too)"
                            + " through ServiceLoader"),
            new PackageRule("org.sgae.tensor.cpu.ref", true,
                    ref -> under(ref, "org.sgae.tensor.cpu") && !under(ref, "org.sgae.tensor.cpu.ref"),
                    "a reference must not share code with the fast path it checks"),
            new PackageRule("org.sgae.tensor.attrs", true,
                    ref -> ref.startsWith("org.sgae.") && !TENSOR_ROOT_TYPE.matcher(ref).matches(),
                    "attrs is a leaf: records and enums that use at most tensor's root types"));

    /** The only packages whose main code may use Tensor's internals: these, and all of autograd. */
    private static final Set<String> INTERNAL_USERS = Set.of(
            "org.sgae.tensor", "org.sgae.tensor.memory", "org.sgae.tensor.internal");

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern SGAE_NAME = Pattern.compile("\\borg\\.sgae(?:\\.\\w+)+");
    private static final Pattern COMMENT_OR_STRING = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"", Pattern.DOTALL);

    private static boolean under(String name, String pkg) {
        return name.startsWith(pkg + ".");
    }

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

    @Test
    void tensorPackagesKeepTheirLayering() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path f : mainSources("tensor")) {
            String code = Files.readString(f);
            String pkg = packageOf(code);
            for (PackageRule rule : TENSOR_PACKAGE_RULES) {
                if (rule.covers(pkg)) {
                    for (String ref : sgaeNames(code)) {
                        if (rule.forbidden().test(ref)) {
                            violations.add(root().relativize(f) + " uses " + ref + " (" + rule.why() + ")");
                        }
                    }
                }
            }
        }
        assertTrue(violations.isEmpty(), "Package rule violations:\n" + String.join("\n", violations));
    }

    @Test
    void tensorInternalsStayInternal() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String module : ALLOWED.keySet()) {
            for (Path f : mainSources(module)) {
                String code = Files.readString(f);
                String pkg = packageOf(code);
                boolean allowed = INTERNAL_USERS.contains(pkg) || module.equals("autograd");
                for (String ref : sgaeNames(code)) {
                    if (under(ref, "org.sgae.tensor.internal") && !allowed) {
                        violations.add(root().relativize(f) + " uses " + ref);
                    }
                }
            }
        }
        assertTrue(violations.isEmpty(), "Only memory scopes and autograd may use tensor.internal:\n"
                + String.join("\n", violations));
        // and Tensor itself no longer offers them
        Set<String> leaked = new TreeSet<>();
        for (Method m : Tensor.class.getMethods()) {
            if (Set.of("setScope", "closeFromScope", "gradFn", "setGradFn").contains(m.getName())
                    || m.getReturnType() == Object.class && Modifier.isPublic(m.getModifiers())
                    && m.getDeclaringClass() == Tensor.class) {
                leaked.add(m.getName());
            }
        }
        assertEquals(Set.of(), leaked, "Tensor's public API exposes internals");
    }

    private static List<Path> mainSources(String module) throws IOException {
        Path src = root().resolve(module).resolve("src/main/java");
        if (!Files.isDirectory(src)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(src)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    private static String packageOf(String code) {
        Matcher m = PACKAGE.matcher(code);
        return m.find() ? m.group(1) : "";
    }

    /** Every org.sgae name the code uses, by import or fully qualified; comments and strings do not count. */
    private static Set<String> sgaeNames(String code) {
        String stripped = PACKAGE.matcher(COMMENT_OR_STRING.matcher(code).replaceAll(" ")).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = SGAE_NAME.matcher(stripped);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
