package org.sgae.tensor;

/** Element types. CPU storage: F32 float[], F64 double[], I32 int[], I64 long[], U8 and BOOL byte[]. */
public enum DType {
    F32(4, true), F64(8, true), I32(4, false), I64(8, false), U8(1, false), BOOL(1, false);

    private final int byteSize;
    private final boolean floating;

    DType(int byteSize, boolean floating) {
        this.byteSize = byteSize;
        this.floating = floating;
    }

    public int byteSize() {
        return byteSize;
    }

    public boolean isFloating() {
        return floating;
    }

    /** The type two operands promote to: floating beats integer, wider beats narrower. */
    public static DType promote(DType a, DType b) {
        if (a == b) {
            return a;
        }
        if (a.floating || b.floating) {
            return (a == F64 || b == F64) ? F64 : F32;
        }
        if (a == I64 || b == I64) {
            return I64;
        }
        if (a == I32 || b == I32) {
            return I32;
        }
        return U8;
    }
}
