package org.sgae.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** A kernel that does not compile fails with the OpenCL build log (file and line of the .k) in the message. */
@EnabledIf(value = "org.sgae.kernels.opencl.OpenCl#available", disabledReason = "no OpenCL device")
class ClBuildLogTest {
    @Test
    void buildFailureCarriesTheLog() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OpenClBackendProvider.backend(0).runtime().function("broken_for_test", "broken"));
        assertTrue(e.getMessage().contains("broken_for_test.k") && e.getMessage().contains("undefined_name"),
                e.getMessage());
    }
}
