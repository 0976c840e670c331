package org.sgae.eval;

/** The toy vocabulary of eval-spec §9: objects 1 person, 2 horse, 3 hat; predicates 1 on, 2 wearing, 3 near, 4 riding. */
final class SgEvalFixtures {
    static final int PERSON = 1;
    static final int HORSE = 2;
    static final int HAT = 3;
    static final int ON = 1;
    static final int WEARING = 2;
    static final int NEAR = 3;
    static final int RIDING = 4;
    /** Background + 3 object classes. */
    static final int OBJ = 4;
    /** Background + 4 predicates: rows [bg, on, wearing, near, riding]. */
    static final int REL = 5;

    private SgEvalFixtures() {
    }

    static float[] f(double... v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    static int[] i(int... v) {
        return v;
    }

    /** An evaluator with K = ks over the toy vocabulary. */
    static SgEvaluator evaluator(SgMode mode, boolean sgbSkipEmpty, int... ks) {
        return new SgEvaluator(mode, OBJ, REL, sgbSkipEmpty, ks);
    }
}
