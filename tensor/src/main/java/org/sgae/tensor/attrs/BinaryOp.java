package org.sgae.tensor.attrs;

/** Elementwise binary kernels with broadcasting. Comparisons write BOOL outputs. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM, EQ, NE, LT, LE, GT, GE;

    public boolean isComparison() {
        return ordinal() >= EQ.ordinal();
    }
}
