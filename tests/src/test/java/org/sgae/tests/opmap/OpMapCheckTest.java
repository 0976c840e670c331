package org.sgae.tests.opmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;

/** The checker on made-up declarations: it must report each missing part, and only those. */
class OpMapCheckTest {
    private static final Set<DeviceKind> BOTH = EnumSet.of(DeviceKind.CUDA, DeviceKind.OPENCL);

    private static Declaration part(Role role, Op op) {
        return new Declaration("x." + role, role, List.of(op), BOTH, List.of(), "");
    }

    private static Declaration launcher(Op op, String kernel) {
        return new Declaration("x.Launcher", Role.DEVICE_LAUNCHER, List.of(op), BOTH, List.of(kernel), "");
    }

    private static Declaration notNeeded(Role role, Op op) {
        return new Declaration("x.Decision", role, List.of(op), BOTH, List.of(), "because");
    }

    private static Declaration parity(Op op, DeviceKind backend) {
        return new Declaration("x.Parity" + backend, Role.PARITY_TEST, List.of(op), EnumSet.of(backend), List.of(),
                "");
    }

    /** Every part of ROI_ALIGN: a differentiable op with a kernel on both device backends. */
    private static List<Declaration> complete(Op op) {
        List<Declaration> d = new ArrayList<>();
        for (Role r : new Role[] {Role.REFERENCE, Role.CPU, Role.DERIVATIVE, Role.GRADIENT_TEST, Role.BENCHMARK}) {
            d.add(part(r, op));
        }
        d.add(launcher(op, "roi_align.k"));
        d.add(parity(op, DeviceKind.OPENCL));
        d.add(parity(op, DeviceKind.CUDA));
        return d;
    }

    private static List<String> gapsOf(Op op, List<Declaration> decls) {
        return OpMapCheck.gaps(decls, "roi_align.k"::equals, o -> true).stream()
                .filter(g -> g.startsWith(op + ":")).toList();
    }

    @Test
    void aCompleteOpHasNoGaps() {
        assertEquals(List.of(), gapsOf(Op.ROI_ALIGN, complete(Op.ROI_ALIGN)));
    }

    @Test
    void anUndeclaredOpMissesEveryPart() {
        assertEquals(List.of("ROI_ALIGN: no REFERENCE", "ROI_ALIGN: no CPU",
                "ROI_ALIGN: no DEVICE_LAUNCHER for CUDA (a launcher, or notNeeded with the reason)",
                "ROI_ALIGN: no PARITY_TEST for CUDA",
                "ROI_ALIGN: no DEVICE_LAUNCHER for OPENCL (a launcher, or notNeeded with the reason)",
                "ROI_ALIGN: no PARITY_TEST for OPENCL", "ROI_ALIGN: no DERIVATIVE", "ROI_ALIGN: no GRADIENT_TEST",
                "ROI_ALIGN: no BENCHMARK"), gapsOf(Op.ROI_ALIGN, List.of()));
    }

    @Test
    void eachMissingPartIsReported() {
        for (int i = 0; i < complete(Op.ROI_ALIGN).size(); i++) {
            List<Declaration> d = complete(Op.ROI_ALIGN);
            Declaration removed = d.remove(i);
            List<String> gaps = gapsOf(Op.ROI_ALIGN, d);
            assertTrue(!gaps.isEmpty() && gaps.stream().allMatch(g -> g.contains(removed.role().name())),
                    "without " + removed + ": " + gaps);
        }
    }

    @Test
    void aNonDifferentiableOpNeedsNoDerivative() {
        List<Declaration> d = complete(Op.ARGMAX);
        d.removeIf(x -> x.role() == Role.DERIVATIVE || x.role() == Role.GRADIENT_TEST);
        assertEquals(List.of(), gapsOf(Op.ARGMAX, d));
    }

    @Test
    void aDeclaredDerivativeMustBeRegistered() {
        List<String> gaps = OpMapCheck.gaps(complete(Op.ROI_ALIGN), "roi_align.k"::equals, o -> false);
        assertTrue(gaps.contains("ROI_ALIGN: DERIVATIVE declared but not registered in Derivatives"), gaps.toString());
    }

    @Test
    void aLauncherMustNameAnExistingKernel() {
        List<Declaration> d = complete(Op.ROI_ALIGN);
        d.removeIf(x -> x.role() == Role.DEVICE_LAUNCHER);
        d.add(launcher(Op.ROI_ALIGN, "roi_align_v2.k"));
        assertEquals(List.of("ROI_ALIGN: Launcher names kernel roi_align_v2.k, which does not exist",
                "ROI_ALIGN: Launcher names kernel roi_align_v2.k, which does not exist"), gapsOf(Op.ROI_ALIGN, d));
    }

    @Test
    void notNeededIsAcceptedWithAReasonButNotForTheCpuOrAKernelsParity() {
        List<Declaration> views = complete(Op.RESHAPE);
        views.removeIf(x -> x.role() == Role.DEVICE_LAUNCHER || x.role() == Role.PARITY_TEST
                || x.role() == Role.REFERENCE || x.role() == Role.BENCHMARK);
        for (Role r : new Role[] {Role.DEVICE_LAUNCHER, Role.PARITY_TEST, Role.REFERENCE, Role.BENCHMARK}) {
            views.add(notNeeded(r, Op.RESHAPE));
        }
        assertEquals(List.of(), gapsOf(Op.RESHAPE, views));

        List<Declaration> kernelWithoutParity = complete(Op.ROI_ALIGN);
        kernelWithoutParity.removeIf(x -> x.role() == Role.PARITY_TEST);
        kernelWithoutParity.add(notNeeded(Role.PARITY_TEST, Op.ROI_ALIGN));
        assertEquals(List.of("ROI_ALIGN: has a CUDA kernel, so its PARITY_TEST cannot be declared not needed",
                "ROI_ALIGN: has a OPENCL kernel, so its PARITY_TEST cannot be declared not needed"),
                gapsOf(Op.ROI_ALIGN, kernelWithoutParity));

        List<Declaration> cpu = complete(Op.ROI_ALIGN);
        cpu.add(notNeeded(Role.CPU, Op.ROI_ALIGN));
        assertTrue(OpMapCheck.gaps(cpu, "roi_align.k"::equals, o -> true)
                .contains("Decision: CPU cannot be declared not needed ([ROI_ALIGN])"));
    }
}
