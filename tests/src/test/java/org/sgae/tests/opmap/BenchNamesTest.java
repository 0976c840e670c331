package org.sgae.tests.opmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The benchmark half of the naming rule (tensor/OPS.md): JMH classes have unique simple names across the bench
 * module, and bench.backend holds exactly one {@code <Family>Bench} per op family.
 */
class BenchNamesTest {
    private static final Set<String> FAMILY_BENCHES = Set.of("ElementwiseBench", "ReduceBench", "LinalgBench",
            "NnBench", "IndexBench", "DetectionBench", "LayoutBench");

    private static List<ClassInfo> benchmarkClasses() {
        try (ScanResult r = new ClassGraph().enableClassInfo().enableMethodInfo().enableAnnotationInfo()
                .acceptPackages("org.sgae.bench").rejectPackages("org.sgae.bench.*.jmh_generated").scan()) {
            return r.getClassesWithMethodAnnotation(Benchmark.class).stream()
                    .filter(c -> !c.getPackageName().endsWith("jmh_generated")).toList();
        }
    }

    @Test
    void simpleNamesAreUnique() {
        Map<String, List<String>> byName = new TreeMap<>(benchmarkClasses().stream().collect(
                Collectors.groupingBy(ClassInfo::getSimpleName, Collectors.mapping(ClassInfo::getName,
                        Collectors.toList()))));
        byName.values().removeIf(names -> names.size() == 1);
        assertEquals(Map.of(), byName, "benchmark classes sharing a simple name");
    }

    @Test
    void backendHasOneBenchPerFamily() {
        Set<String> backend = benchmarkClasses().stream()
                .filter(c -> c.getPackageName().equals("org.sgae.bench.backend")).map(ClassInfo::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(FAMILY_BENCHES), backend);
    }
}
