package org.sgae.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.attrs.BinaryOp;
import org.sgae.tensor.internal.TensorInternals;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.ops.Elementwise;
import org.sgae.tensor.spi.Backends;

/**
 * Reverse-mode differentiation over the recorded graph. Nodes are ordered by an iterative depth-first search (no
 * recursion, so deep graphs cannot overflow the stack) and run in reverse topological order. Gradients of
 * intermediate tensors accumulate per producing node and output index (the graph's edges, so no node needs to hold
 * the intermediate tensors themselves); gradients of leaves that require grad accumulate into
 * {@link Tensor#grad()}, in place, in a tensor that belongs to no MemoryScope (it outlives the step).
 */
public final class Engine {
    /** Receives each node's backward time (benchmarks); null, the default, times nothing. */
    private static volatile OpTimer timer;

    private Engine() {
    }

    /** A sink for per-node backward times: which op, how many nanoseconds its derivative took. */
    @FunctionalInterface
    public interface OpTimer {
        void record(Node node, long nanos);
    }

    /** Times every node's derivative into {@code t} from now on; null stops timing. For benchmarks only. */
    public static void setTimer(OpTimer t) {
        timer = t;
    }

    /** backward from a one-element tensor with gradient 1. */
    public static void backward(Tensor root) {
        backward(root, null, false);
    }

    /**
     * @param root        the tensor to differentiate
     * @param gradRoot    d(loss)/d(root); null means ones (only for a one-element root)
     * @param retainGraph keep saved tensors so a second backward through the same graph works
     */
    public static void backward(Tensor root, Tensor gradRoot, boolean retainGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalArgumentException("backward: tensor " + root.shape()
                    + " does not require grad (no input of the ops that made it requires grad)");
        }
        if (gradRoot == null) {
            if (root.numel() != 1) {
                throw new IllegalArgumentException("backward: an implicit gradient needs a one-element tensor, got "
                        + root.shape() + "; pass gradRoot");
            }
            gradRoot = Tensor.full(root.shape(), root.dtype(), root.device(), 1);
        } else if (!gradRoot.shape().equals(root.shape())) {
            throw new IllegalArgumentException("backward: gradRoot shape " + gradRoot.shape() + " differs from root "
                    + root.shape());
        }
        try (GradMode off = GradMode.disabled()) {
            run(root, gradRoot, retainGraph);
        }
    }

    private static void run(Tensor root, Tensor gradRoot, boolean retainGraph) {
        if (root.isLeaf()) {
            accumulateLeaf(root, gradRoot);
            return;
        }
        // gradients waiting for each node, by output index; a node's slot is complete once every consumer ran
        Map<Node, Tensor[]> pending = new IdentityHashMap<>();
        Node start = (Node) TensorInternals.gradFn(root);
        Tensor[] rootSlot = new Tensor[start.outputCount()];
        rootSlot[start.outputIndexOf(root)] = gradRoot;
        pending.put(start, rootSlot);
        for (Node node : reverseTopological(start)) {
            Tensor[] gOut = pending.remove(node);
            if (gOut == null) {
                continue;
            }
            OpTimer t = timer;
            long t0 = t == null ? 0 : System.nanoTime();
            Tensor[] gIn = node.derivative().apply(node, gOut);
            if (t != null) {
                t.record(node, System.nanoTime() - t0);
            }
            for (int i = 0; i < node.inputCount(); i++) {
                Node.Edge e = node.edge(i);
                if (e == null || gIn[i] == null) {
                    continue;
                }
                checkShape(node, i, node.inputShape(i), gIn[i].shape());
                if (e.leaf() != null) {
                    accumulateLeaf(e.leaf(), gIn[i]);
                } else {
                    Tensor[] slot = pending.computeIfAbsent(e.producer(), p -> new Tensor[p.outputCount()]);
                    Tensor prev = slot[e.index()];
                    slot[e.index()] = prev == null ? gIn[i] : Elementwise.add(prev, gIn[i]);
                }
            }
            if (!retainGraph) {
                node.release();
            }
        }
    }

    private static void checkShape(Node node, int input, Shape expected, Shape got) {
        if (!expected.equals(got)) {
            throw new IllegalStateException("Derivative of '" + node.name() + "' returned gradient "
                    + got + " for input " + input + " of shape " + expected);
        }
    }

    /** Leaf gradients live outside every MemoryScope and are accumulated in place. */
    private static void accumulateLeaf(Tensor leaf, Tensor g) {
        Tensor old = leaf.grad();
        if (g.dtype() != leaf.dtype()) {
            g = Elementwise.cast(g, leaf.dtype());
        }
        if (old == null || old.isClosed()) {
            leaf.setGrad(MemoryScope.escape(Elementwise.copy(g)));
        } else {
            Backends.of(old.device()).elementwise().binary(BinaryOp.ADD, old, g.contiguous(), old);
        }
    }

    /** Nodes reachable from start, each after every node that consumes its outputs. Iterative DFS. */
    static List<Node> reverseTopological(Node start) {
        List<Node> post = new ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {start, 0});
        seen.add(start);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Node n = (Node) frame[0];
            int i = (Integer) frame[1];
            n.checkLive(); // a node freed by an earlier backward throws the "graph was freed" message
            if (i < n.inputCount()) {
                frame[1] = i + 1;
                Node.Edge e = n.edge(i);
                if (e != null && e.producer() != null) {
                    Node child = e.producer();
                    if (seen.add(child)) {
                        stack.push(new Object[] {child, 0});
                    }
                }
            } else {
                stack.pop();
                post.add(n);
            }
        }
        Collections.reverse(post);
        return post;
    }
}
