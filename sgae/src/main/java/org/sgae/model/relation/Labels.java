package org.sgae.model.relation;

/** Host label helpers (§6): label = 1 + argmax over the foreground columns, the lowest on ties. */
final class Labels {
    private Labels() {
    }

    /** rows [M·C] → [M] labels in [1, C). */
    static int[] argmaxForeground(float[] rows, int c) {
        int m = rows.length / c;
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            int best = 1;
            for (int k = 2; k < c; k++) {
                if (rows[i * c + k] > rows[i * c + best]) {
                    best = k;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
