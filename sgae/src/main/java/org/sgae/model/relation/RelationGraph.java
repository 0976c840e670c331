package org.sgae.model.relation;

import java.util.List;

/**
 * The aGCN's graph over a batch (model-spec §5), as host index arrays built once per forward from each image's kept
 * pairs: objects are numbered globally (image i's detections start at objectOffsets[i]), relations likewise
 * (relationOffsets[i]). The five edge types:
 * <ul>
 *   <li>oo: object i ← object j, j ≠ i, (i, j) or (j, i) kept (each neighbour once, ascending j);</li>
 *   <li>os: object i ← relation k whose subject is i; ob: object i ← relation k whose object is i (ascending k);</li>
 *   <li>rs / ro: relation k ← its subject / object ({@link #subjects}, {@link #objects}; exactly one each).</li>
 * </ul>
 *
 * @param objectOffsets   [B+1]
 * @param relationOffsets [B+1]
 * @param subjects        [ΣK] global subject of each relation
 * @param objects         [ΣK] global object of each relation
 */
public record RelationGraph(int[] objectOffsets, int[] relationOffsets, long[] subjects, long[] objects,
                            EdgeSet oo, EdgeSet os, EdgeSet ob) {
    public int numObjects() {
        return objectOffsets[objectOffsets.length - 1];
    }

    public int numRelations() {
        return relationOffsets[relationOffsets.length - 1];
    }

    /** counts: detections per image; pairs: each image's kept pairs [K_i·2] (local indices) → the graph. */
    public static RelationGraph build(int[] counts, List<int[]> pairs) {
        int b = counts.length;
        int[] objOff = new int[b + 1];
        int[] relOff = new int[b + 1];
        for (int i = 0; i < b; i++) {
            objOff[i + 1] = objOff[i] + counts[i];
            relOff[i + 1] = relOff[i] + pairs.get(i).length / 2;
        }
        int nObj = objOff[b];
        int nRel = relOff[b];
        long[] subj = new long[nRel];
        long[] obj = new long[nRel];
        int[] ooCount = new int[nObj];
        int[] osCount = new int[nObj];
        int[] obCount = new int[nObj];
        long ooTotal = 0;
        boolean[][] adjacency = new boolean[b][];
        for (int i = 0; i < b; i++) {
            int n = counts[i];
            boolean[] adj = new boolean[n * n];
            int[] p = pairs.get(i);
            for (int k = 0; k < p.length / 2; k++) {
                int s = p[2 * k];
                int o = p[2 * k + 1];
                if (s < 0 || o < 0 || s >= n || o >= n || s == o) {
                    throw new IllegalArgumentException("relation graph: image " + i + " pair " + k + " = (" + s + ", "
                            + o + ") is not an ordered pair of distinct detections among " + n);
                }
                subj[relOff[i] + k] = objOff[i] + s;
                obj[relOff[i] + k] = objOff[i] + o;
                osCount[objOff[i] + s]++;
                obCount[objOff[i] + o]++;
                if (!adj[s * n + o]) {
                    adj[s * n + o] = true;
                    adj[o * n + s] = true;
                    ooCount[objOff[i] + s]++;
                    ooCount[objOff[i] + o]++;
                    ooTotal += 2;
                }
            }
            adjacency[i] = adj;
        }
        long[] ooSend = new long[(int) ooTotal];
        for (int i = 0, e = 0; i < b; i++) {
            int n = counts[i];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < n; j++) {
                    if (adjacency[i][r * n + j]) {
                        ooSend[e++] = objOff[i] + j;
                    }
                }
            }
        }
        return new RelationGraph(objOff, relOff, subj, obj, EdgeSet.fromCounts(ooCount, ooSend),
                EdgeSet.fromCounts(osCount, byReceiver(subj, nObj, osCount)),
                EdgeSet.fromCounts(obCount, byReceiver(obj, nObj, obCount)));
    }

    /** The relations k grouped by receiver[k] (stable: ascending k within a receiver) → senders [ΣK]. */
    private static long[] byReceiver(long[] receiver, int nObj, int[] counts) {
        int[] next = new int[nObj];
        for (int r = 1; r < nObj; r++) {
            next[r] = next[r - 1] + counts[r - 1];
        }
        long[] out = new long[receiver.length];
        for (int k = 0; k < receiver.length; k++) {
            out[next[(int) receiver[k]]++] = k;
        }
        return out;
    }
}
