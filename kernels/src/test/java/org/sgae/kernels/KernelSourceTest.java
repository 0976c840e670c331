package org.sgae.kernels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelSourceTest {
    static final String[] FAMILIES = {"elementwise", "reduce", "gemm", "conv2d", "pool", "upsample", "batchnorm", "index"};

    @Test
    void splicesHeaderForOpenCl() {
        for (String f : FAMILIES) {
            String src = KernelSource.openCl(f);
            assertFalse(src.contains(KernelSource.INCLUDE_LINE), f);
            assertTrue(src.contains("#define SGAE_PORTABLE_H"), f);
            assertTrue(src.contains("#line 1 \"" + f + ".k\""), f);
        }
    }

    /** Pitfalls 2 and 3 of architecture.md §11, checked on the text: no f-suffixed libm names, no bare doubles. */
    @Test
    void sourcesAvoidDoubleAndCudaOnlyMath() {
        java.util.regex.Pattern bareDouble = java.util.regex.Pattern.compile("(?<![\\w.])\\d+\\.\\d*(?![\\d]*[fF\\w])");
        java.util.regex.Pattern cudaMath = java.util.regex.Pattern.compile("\\b(expf|logf|fmaxf|fminf|floorf|ceilf|sqrtf|powf|tanhf)\\(");
        for (String f : FAMILIES) {
            String src = KernelSource.raw(f + ".k").replaceAll("(?s)/\\*.*?\\*/", "");
            assertFalse(bareDouble.matcher(src).find(), f + ".k has an unsuffixed floating literal");
            assertFalse(cudaMath.matcher(src).find(), f + ".k uses a CUDA-only math name");
            assertFalse(src.contains("double"), f + ".k mentions double");
        }
    }
}
