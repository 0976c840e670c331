package org.sgae.eval;

import java.util.List;
import java.util.Locale;

/** The four scene-graph protocols of eval-spec §2 and the dump mode each one reads (§8). */
public enum SgMode {
    /** Predicted boxes and labels; both boxes must overlap their GT (= SGDet). */
    SGGEN("SGGen", "sgdet"),
    /** Predicted boxes and labels; the union box of the pair must overlap the GT pair's union box. */
    PHRDET("PhrDet", "sgdet"),
    /** GT boxes, predicted labels and scores. */
    SGCLS("SGCls", "sgcls"),
    /** GT boxes and labels, object scores 1. */
    PREDCLS("PredCls", "predcls");

    private final String title;
    private final String dumpMode;

    SgMode(String title, String dumpMode) {
        this.title = title;
        this.dumpMode = dumpMode;
    }

    /** The name printed in tables: SGGen, PhrDet, SGCls, PredCls. */
    public String title() {
        return title;
    }

    /** The dump's header mode that holds this protocol's predictions: sgdet, sgcls or predcls. */
    public String dumpMode() {
        return dumpMode;
    }

    /** Whether the evaluator puts the GT boxes in place of the predicted ones (§2 substitution rules). */
    boolean gtBoxes() {
        return this == SGCLS || this == PREDCLS;
    }

    /** The protocols scored from a dump of {@code dumpMode}: sgdet gives SGGen and PhrDet (§2). */
    public static List<SgMode> forDump(String dumpMode) {
        return switch (dumpMode) {
            case "sgdet" -> List.of(SGGEN, PHRDET);
            case "sgcls" -> List.of(SGCLS);
            case "predcls" -> List.of(PREDCLS);
            default -> throw new IllegalArgumentException("unknown dump mode '" + dumpMode
                    + "' (expected sgdet, sgcls or predcls)");
        };
    }

    /** sggen, phrdet, sgcls or predcls (case-insensitive), also sgdet for SGGen. */
    public static SgMode parse(String s) {
        String k = s.toLowerCase(Locale.ROOT);
        return switch (k) {
            case "sggen", "sgdet" -> SGGEN;
            case "phrdet" -> PHRDET;
            case "sgcls" -> SGCLS;
            case "predcls" -> PREDCLS;
            default -> throw new IllegalArgumentException("unknown mode '" + s
                    + "' (expected sggen, phrdet, sgcls or predcls)");
        };
    }
}
