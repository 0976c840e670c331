package org.sgae.tests.opmap;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * The rules of the op map: which parts every op of the catalog must have. Returns one line per op × missing part,
 * so a failure lists all gaps at once.
 *
 * <ul>
 *   <li>a reference, or a written reason why none is needed;
 *   <li>a CPU implementation (never "not needed": every op runs on the CPU);
 *   <li>per device backend (CUDA, OpenCL): a launcher naming kernel files that exist, or a written reason; and a
 *       parity test, which may be "not needed" only where the launcher is too (a kernel is always compared);
 *   <li>for differentiable ops: a derivative that is registered in autograd, and a gradient test;
 *   <li>a JMH benchmark, or a written reason.
 * </ul>
 */
final class OpMapCheck {
    static final List<DeviceKind> DEVICES = List.of(DeviceKind.CUDA, DeviceKind.OPENCL);

    private OpMapCheck() {
    }

    /**
     * @param kernelExists  whether a kernel file named by a launcher exists (kernels/src/main/kernels/NAME)
     * @param hasDerivative whether autograd registers a derivative for the op
     */
    static List<String> gaps(List<Declaration> decls, Predicate<String> kernelExists, Predicate<Op> hasDerivative) {
        List<String> gaps = new ArrayList<>();
        for (Declaration d : decls) {
            boolean mandatory = d.role() == Role.CPU || d.role() == Role.DERIVATIVE || d.role() == Role.GRADIENT_TEST;
            if (mandatory && d.isNotNeeded()) {
                gaps.add(d.simpleName() + ": " + d.role() + " cannot be declared not needed (" + d.ops() + ")");
            }
        }
        for (Op op : Op.values()) {
            require(gaps, decls, op, Role.REFERENCE);
            require(gaps, decls, op, Role.CPU);
            for (DeviceKind backend : DEVICES) {
                device(gaps, decls, op, backend, kernelExists);
            }
            if (op.differentiable()) {
                if (require(gaps, decls, op, Role.DERIVATIVE) && !hasDerivative.test(op)) {
                    gaps.add(op + ": DERIVATIVE declared but not registered in Derivatives");
                }
                require(gaps, decls, op, Role.GRADIENT_TEST);
            }
            require(gaps, decls, op, Role.BENCHMARK);
        }
        return gaps;
    }

    /** Adds a gap when no class declares the role for op; true when one does. */
    private static boolean require(List<String> gaps, List<Declaration> decls, Op op, Role role) {
        if (decls.stream().noneMatch(d -> d.covers(op, role))) {
            gaps.add(op + ": no " + role);
            return false;
        }
        return true;
    }

    private static void device(List<String> gaps, List<Declaration> decls, Op op, DeviceKind backend,
                               Predicate<String> kernelExists) {
        List<Declaration> launchers = decls.stream().filter(d -> d.covers(op, Role.DEVICE_LAUNCHER, backend)).toList();
        if (launchers.isEmpty()) {
            gaps.add(op + ": no DEVICE_LAUNCHER for " + backend + " (a launcher, or notNeeded with the reason)");
        }
        boolean kernel = false;
        for (Declaration l : launchers) {
            if (l.isNotNeeded()) {
                continue;
            }
            kernel = true;
            if (l.kernels().isEmpty()) {
                gaps.add(op + ": " + l.simpleName() + " names no kernel file");
            }
            for (String k : l.kernels()) {
                if (!kernelExists.test(k)) {
                    gaps.add(op + ": " + l.simpleName() + " names kernel " + k + ", which does not exist");
                }
            }
        }
        List<Declaration> parity = decls.stream().filter(d -> d.covers(op, Role.PARITY_TEST, backend)).toList();
        if (parity.isEmpty()) {
            gaps.add(op + ": no PARITY_TEST for " + backend);
        } else if (kernel && parity.stream().allMatch(Declaration::isNotNeeded)) {
            gaps.add(op + ": has a " + backend + " kernel, so its PARITY_TEST cannot be declared not needed");
        }
    }
}
