package org.sgae.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** The first-use nvcc fallback (no PTX resource): same flags as the build, cached, free of .f64. */
class PtxSourceTest {
    @Test
    void nvccFallbackCompilesAFamily() throws Exception {
        assumeTrue(PtxSource.findNvcc() != null, "nvcc not on PATH");
        String ptx = PtxSource.compileWithNvcc("gemm");
        assertTrue(ptx.contains(".entry gemm("), "unmangled entry (extern \"C\")");
        assertFalse(ptx.contains(".f64"));
    }
}
