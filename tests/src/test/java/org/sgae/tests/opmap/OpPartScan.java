package org.sgae.tests.opmap;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ScanResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.sgae.tensor.ops.OpPart;

/**
 * Every {@link OpPart} on the test classpath (main and test classes of every module, the benchmarks included),
 * sorted by class name so that the table is reproducible. ClassGraph reads the annotations from the class files;
 * the classes are then loaded without initialising them, to read the annotation values.
 */
final class OpPartScan {
    private OpPartScan() {
    }

    static List<Declaration> scan() {
        TreeMap<String, Class<?>> classes = new TreeMap<>();
        try (ScanResult r = new ClassGraph().enableClassInfo().enableAnnotationInfo().ignoreClassVisibility()
                .acceptPackages("org.sgae").scan()) {
            // a single @OpPart is stored as itself, several as their container
            for (Class<?> c : r.getClassesWithAnnotation(OpPart.class).loadClasses()) {
                classes.put(c.getName(), c);
            }
            for (Class<?> c : r.getClassesWithAnnotation(OpPart.List.class).loadClasses()) {
                classes.put(c.getName(), c);
            }
        }
        List<Declaration> decls = new ArrayList<>();
        for (Class<?> c : classes.values()) {
            for (OpPart p : c.getAnnotationsByType(OpPart.class)) {
                decls.add(Declaration.of(c, p));
            }
        }
        decls.sort(Comparator.comparing(Declaration::className));
        return decls;
    }
}
