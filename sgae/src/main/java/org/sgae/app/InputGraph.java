package org.sgae.app;

import java.util.ArrayList;
import java.util.List;
import org.sgae.data.vg.VgDicts;
import org.sgae.report.GraphView;

/**
 * A hand-written scene graph resolved against a data set's vocabulary (what {@code sgae generate} draws an image
 * from).
 *
 * @param name      where it came from, for messages and file names: "graph.json" or "graph.json[2]"
 * @param objects   the object names as written
 * @param labels    [n] their classes 1..C (VgDicts indices; 0, background, never occurs)
 * @param relations [m * 3] (subject, object, predicate 1..P): the layout of {@code VgGraph.relations}
 */
public record InputGraph(String name, List<String> objects, int[] labels, int[] relations) {
    public InputGraph {
        objects = List.copyOf(objects);
    }

    public int numObjects() {
        return labels.length;
    }

    public int numRelations() {
        return relations.length / 3;
    }

    /** The graph for a figure (node ids = object indices). */
    public GraphView view(VgDicts dicts) {
        List<GraphView.Edge> edges = new ArrayList<>();
        for (int k = 0; k < numRelations(); k++) {
            edges.add(new GraphView.Edge(relations[3 * k], relations[3 * k + 1],
                    dicts.predicateName(relations[3 * k + 2])));
        }
        return GraphView.of(objects, edges);
    }
}
