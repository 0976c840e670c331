package org.sgae.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A scene graph to draw: nodes (objects) and directed, labelled edges (subject → object). An edge refers to its
 * nodes by their position in {@link #nodes}; a node's {@link Node#id} is what the drawing prints (for a predicted
 * graph: the index of its box, so that node and box carry the same tag "id:label").
 */
public record GraphView(List<Node> nodes, List<Edge> edges) {
    /** One object: the printed id and its class name. */
    public record Node(int id, String label) {
    }

    /** subject → object with a predicate; score NaN when the graph has none (a GT graph). */
    public record Edge(int subject, int object, String predicate, double score) {
        public Edge(int subject, int object, String predicate) {
            this(subject, object, predicate, Double.NaN);
        }
    }

    public GraphView {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        for (int i = 0; i < edges.size(); i++) {
            Edge e = edges.get(i);
            if (e.subject < 0 || e.subject >= nodes.size() || e.object < 0 || e.object >= nodes.size()) {
                throw new IllegalArgumentException("graph edge " + i + " (" + e.subject + " → " + e.object
                        + ") refers to a node outside 0.." + (nodes.size() - 1));
            }
        }
    }

    /** Nodes with ids 0..n-1 in the order of {@code labels}. */
    public static GraphView of(List<String> labels, List<Edge> edges) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            nodes.add(new Node(i, labels.get(i)));
        }
        return new GraphView(nodes, edges);
    }

    /**
     * The k highest-scoring edges (ties: the earlier edge first) and only the nodes they touch, ids kept: a
     * predicted graph over 64 detections is unreadable, its top relations are not.
     */
    public GraphView topEdges(int k) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            order.add(i);
        }
        // stable sort: ties keep the original order; NaN scores last
        order.sort(Comparator.comparingDouble(i -> {
            double s = edges.get(i).score;
            return Double.isNaN(s) ? Double.POSITIVE_INFINITY : -s;
        }));
        List<Integer> keptEdges = order.subList(0, Math.min(k, order.size())).stream().sorted().toList();
        int[] newIndex = new int[nodes.size()];
        java.util.Arrays.fill(newIndex, -1);
        for (int ei : keptEdges) {
            newIndex[edges.get(ei).subject] = 0;
            newIndex[edges.get(ei).object] = 0;
        }
        List<Node> keptNodes = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (newIndex[i] == 0) {
                newIndex[i] = keptNodes.size();
                keptNodes.add(nodes.get(i));
            }
        }
        List<Edge> out = new ArrayList<>();
        for (int ei : keptEdges) {
            Edge e = edges.get(ei);
            out.add(new Edge(newIndex[e.subject], newIndex[e.object], e.predicate, e.score));
        }
        return new GraphView(keptNodes, out);
    }
}
