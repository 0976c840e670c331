package org.sgae.tests.opmap;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.ops.Op;
import org.sgae.tensor.ops.OpPart;
import org.sgae.tensor.ops.OpPart.Role;

/**
 * One {@link OpPart} on one class, as plain data: the checker and the table work on these, so their tests can feed
 * made-up declarations instead of the classpath.
 */
record Declaration(String className, Role role, List<Op> ops, Set<DeviceKind> backends, List<String> kernels,
                   String notNeeded) {

    static Declaration of(Class<?> owner, OpPart p) {
        Set<DeviceKind> backends = p.backends().length == 0 ? EnumSet.noneOf(DeviceKind.class)
                : EnumSet.copyOf(List.of(p.backends()));
        return new Declaration(owner.getName(), p.role(), List.of(p.ops()), backends, List.of(p.kernels()),
                p.notNeeded());
    }

    /** True when this records a decision that the part is not needed, rather than naming the part. */
    boolean isNotNeeded() {
        return !notNeeded.isEmpty();
    }

    boolean covers(Op op, Role r) {
        return role == r && ops.contains(op);
    }

    boolean covers(Op op, Role r, DeviceKind backend) {
        return covers(op, r) && backends.contains(backend);
    }

    String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }
}
