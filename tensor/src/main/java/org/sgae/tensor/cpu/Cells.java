package org.sgae.tensor.cpu;

import org.sgae.tensor.DType;

/**
 * Copy and accumulate of single elements between CPU arrays of one dtype: the generic (non-F32) path of the index
 * kernels. Exact for every dtype (I64 values never pass through double). U8 adds wrap around; BOOL adds are OR.
 */
enum Cells {
    F32 {
        @Override
        void copy(Object src, int i, Object dst, int j) {
            ((float[]) dst)[j] = ((float[]) src)[i];
        }

        @Override
        void add(Object src, int i, Object dst, int j) {
            ((float[]) dst)[j] += ((float[]) src)[i];
        }
    },
    F64 {
        @Override
        void copy(Object src, int i, Object dst, int j) {
            ((double[]) dst)[j] = ((double[]) src)[i];
        }

        @Override
        void add(Object src, int i, Object dst, int j) {
            ((double[]) dst)[j] += ((double[]) src)[i];
        }
    },
    I32 {
        @Override
        void copy(Object src, int i, Object dst, int j) {
            ((int[]) dst)[j] = ((int[]) src)[i];
        }

        @Override
        void add(Object src, int i, Object dst, int j) {
            ((int[]) dst)[j] += ((int[]) src)[i];
        }
    },
    I64 {
        @Override
        void copy(Object src, int i, Object dst, int j) {
            ((long[]) dst)[j] = ((long[]) src)[i];
        }

        @Override
        void add(Object src, int i, Object dst, int j) {
            ((long[]) dst)[j] += ((long[]) src)[i];
        }
    },
    U8 {
        @Override
        void copy(Object src, int i, Object dst, int j) {
            ((byte[]) dst)[j] = ((byte[]) src)[i];
        }

        @Override
        void add(Object src, int i, Object dst, int j) {
            ((byte[]) dst)[j] += ((byte[]) src)[i];
        }
    },
    BOOL {
        @Override
        void copy(Object src, int i, Object dst, int j) {
            ((byte[]) dst)[j] = ((byte[]) src)[i];
        }

        @Override
        void add(Object src, int i, Object dst, int j) {
            ((byte[]) dst)[j] |= ((byte[]) src)[i];
        }
    };

    static Cells of(DType t) {
        return valueOf(t.name());
    }

    /** dst[j] = src[i]. */
    abstract void copy(Object src, int i, Object dst, int j);

    /** dst[j] += src[i]. */
    abstract void add(Object src, int i, Object dst, int j);
}
