package org.sgae.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.data.DataFormatException;
import org.sgae.data.synth.Vocab;
import org.sgae.data.vg.VgDicts;
import org.sgae.report.GraphView;

class GraphJsonTest {
    /** The generator's M (model-spec §8). */
    private static final int M = 10;
    private static final Path EXAMPLES = Path.of("examples", "graphs");

    @TempDir
    Path tmp;
    private VgDicts dicts;

    /** The synthetic world's vocabulary, through its dicts file (as generate reads it from the data set). */
    @BeforeEach
    void worldDicts() {
        Path f = tmp.resolve("VG-SGG-dicts.json");
        new VgDicts(Vocab.CLASSES, Vocab.PREDICATES, Map.of(), Map.of()).write(f);
        dicts = VgDicts.read(f);
    }

    @Test
    void theShippedExamplesLoad() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(List.of("house.json", "rider.json", "table.json"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path f : files) {
            List<InputGraph> graphs = GraphJson.read(f, dicts, M);
            assertEquals(1, graphs.size(), f.toString());
            InputGraph g = graphs.get(0);
            assertTrue(g.numObjects() >= 5 && g.numObjects() <= M, f + ": " + g.numObjects());
            assertTrue(g.numRelations() >= 5, f + ": " + g.numRelations());
            for (int k = 0; k < g.numRelations(); k++) {
                assertTrue(g.relations()[3 * k + 2] >= 1 && g.relations()[3 * k + 2] < dicts.numPredicateClasses());
            }
        }
        InputGraph rider = GraphJson.read(EXAMPLES.resolve("rider.json"), dicts, M).get(0);
        assertEquals("man", rider.objects().get(0));
        assertEquals(dicts.objectIndex("man"), rider.labels()[0]);
        assertArrayEquals(new int[] {0, 1, dicts.predicateIndex("riding")}, java.util.Arrays.copyOf(rider.relations(), 3));
        GraphView v = rider.view(dicts);
        assertEquals("riding", v.edges().get(0).predicate());
        assertEquals(rider.numObjects(), v.nodes().size());
    }

    @Test
    void listsOfGraphsCyclesAndSelfRelationsAreFine() throws IOException {
        Path f = write("[{\"objects\": [\"dog\", \"tree\"], \"relationships\": [[0, \"near\", 1], [1, \"near\", 0]]},"
                + " {\"objects\": [\"rock\"], \"relationships\": [[0, \"near\", 0]]}, {\"objects\": [\"kite\"]}]");
        List<InputGraph> gs = GraphJson.read(f, dicts, M);
        assertEquals(3, gs.size());
        assertEquals("g.json[1]", gs.get(1).name());
        assertEquals(2, gs.get(0).numRelations());
        assertEquals(0, gs.get(2).numRelations());
    }

    @Test
    void errorsAreOneLineNamingFileAndField() throws IOException {
        expect("{\"objects\": [\"man\", \"sheep\"], \"relationships\": []}",
                "objects[1]: unknown object class 'sheep' (known: bag, bench, ");
        expect("[{\"objects\": [\"man\"]}, {\"objects\": [\"man\", \"horse\"], \"relationships\": "
                + "[[0, \"riding\", 1], [1, \"standing on\", 0]]}]",
                "[1].relationships[1][1]: unknown predicate 'standing on' (known: above, behind, ");
        expect("{\"objects\": [\"man\", \"horse\"], \"relationships\": [[0, \"riding\", 2]]}",
                "relationships[0][2]: object index 2 is out of range 0..1");
        expect("{\"objects\": [\"man\", \"horse\"], \"relationships\": [[-1, \"riding\", 1]]}",
                "relationships[0][0]: subject index -1 is out of range 0..1");
        expect("{\"objects\": [\"man\", \"horse\"], \"relationships\": [[\"0\", \"riding\", 1]]}",
                "relationships[0][0]: the subject must be an object index 0..1, got \"0\"");
        expect("{\"objects\": [\"man\", \"horse\"], \"relationships\": [[0, \"riding\"]]}",
                "relationships[0]: expected [subject, \"predicate\", object], got [0,\"riding\"]");
        expect("{\"objects\": [\"man\", \"horse\"], \"relationship\": [[0, \"riding\", 1]]}",
                "relationship: unknown key (expected 'objects' and 'relationships')");
        expect("{\"objects\": [" + "\"man\", ".repeat(M) + "\"dog\"]}", "objects: 11 objects, at most 10 are allowed");
        expect("{\"objects\": []}", "objects: the list is empty");
        expect("{\"relationships\": []}", "objects: missing or not a list of class names");
        expect("{\"objects\": [\"man\", 3]}", "objects[1]: expected a class name, got 3");
        expect("{\"objects\": [\"man\",, ]}", "malformed JSON at line 1, column ");
        expect("[]", "the list of graphs is empty");
        expect("\"man\"", "expected a graph object");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> GraphJson.read(tmp.resolve("none.json"), dicts, M));
        assertEquals(tmp.resolve("none.json") + ": graph file is missing", e.getMessage());
    }

    private void expect(String json, String problem) throws IOException {
        Path f = write(json);
        DataFormatException e = assertThrows(DataFormatException.class, () -> GraphJson.read(f, dicts, M), json);
        assertTrue(e.getMessage().startsWith(f + ": " + problem), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private Path write(String json) throws IOException {
        return Files.writeString(tmp.resolve("g.json"), json);
    }
}
