package org.sgae.kernels.launch;

import org.sgae.tensor.DType;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.spi.Unsupported;

/** dtype → kernel-name tags and checks shared by the launchers. Device kernels have no F64 (no .f64 in PTX). */
final class Types {
    /** Index into per-type kernel tables: f32, i32, i64, u8 (U8 and BOOL). */
    static final String[] TAGS = {"f32", "i32", "i64", "u8"};
    /** Index into per-size tables: b8, b32, b64. */
    static final String[] SIZE_TAGS = {"b8", "b32", "b64"};

    private Types() {
    }

    static int typeIndex(String op, Tensor t) {
        switch (t.dtype()) {
            case F32:
                return 0;
            case I32:
                return 1;
            case I64:
                return 2;
            case U8:
            case BOOL:
                return 3;
            default:
                throw Unsupported.op(op + " (" + t.dtype() + ")", t.device());
        }
    }

    static int sizeIndex(DType t) {
        return t.byteSize() == 1 ? 0 : t.byteSize() == 4 ? 1 : 2;
    }

    /** Only F32 data for the float-only families (reduce, gemm, nn, index values). */
    static void requireF32(String op, Tensor... ts) {
        for (Tensor t : ts) {
            if (t != null && t.dtype() != DType.F32) {
                throw Unsupported.op(op + " (" + t.dtype() + ")", t.device());
            }
        }
    }
}
