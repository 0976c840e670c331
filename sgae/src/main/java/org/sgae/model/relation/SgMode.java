package org.sgae.model.relation;

/**
 * Inference modes of eval-spec §2: SGGEN (and PhrDet, scored on the same predictions) on detected boxes; SGCLS and
 * PREDCLS on the GT boxes (model-spec §3.5's GT-box mode), PREDCLS also with the GT labels.
 */
public enum SgMode {
    SGGEN, SGCLS, PREDCLS;

    public boolean gtBoxes() {
        return this != SGGEN;
    }
}
