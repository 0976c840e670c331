package org.sgae.kernels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** When nvcc built PTX (kernels/cuda/*.ptx on the classpath), none of it may use double precision. */
class PtxNoF64Test {
    @Test
    void noDoublePrecisionInstructions() throws IOException {
        int found = 0;
        for (String f : KernelSourceTest.FAMILIES) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("kernels/cuda/" + f + ".ptx")) {
                if (in == null) {
                    continue;
                }
                found++;
                String ptx = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertFalse(ptx.contains(".f64"), f + ".ptx contains .f64 (an unsuffixed literal or a double op)");
            }
        }
        assumeTrue(found > 0, "no PTX built (nvcc absent): nothing to check");
    }
}
