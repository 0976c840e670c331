package org.sgae.tests.opmap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The checkout the tests run in: finds a class's source file and the kernel files, as paths from the root. */
final class SourceTree {
    private static final List<String> MODULES = List.of("tensor", "autograd", "kernels", "nn", "data", "sgae",
            "bench", "tests");
    private static final List<String> SOURCE_DIRS = List.of("src/main/java", "src/test/java");
    static final String KERNELS = "kernels/src/main/kernels";

    private final Path root;

    SourceTree(Path root) {
        this.root = root;
    }

    /** The checkout root: the nearest directory at or above the working directory that holds the catalog. */
    static SourceTree find() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("tensor/src/main/java/org/sgae/tensor/ops/Op.java"))) {
                return new SourceTree(p);
            }
        }
        throw new IllegalStateException("no sgae checkout above " + Path.of("").toAbsolutePath());
    }

    Path root() {
        return root;
    }

    boolean kernelExists(String file) {
        return Files.isRegularFile(root.resolve(KERNELS).resolve(file));
    }

    /** "module/src/…/Outer.java" for a (possibly nested) class name; the class must have a source file. */
    String sourceOf(String className) {
        int nested = className.indexOf('$');
        String outer = nested < 0 ? className : className.substring(0, nested);
        String rel = outer.replace('.', '/') + ".java";
        for (String module : MODULES) {
            for (String dir : SOURCE_DIRS) {
                String path = module + "/" + dir + "/" + rel;
                if (Files.isRegularFile(root.resolve(path))) {
                    return path;
                }
            }
        }
        throw new IllegalStateException("no source file for " + className + " under " + root);
    }
}
