package org.sgae.tensor.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.sgae.tensor.DeviceKind;

/**
 * Declares that the annotated class plays one role for some ops of the catalog ({@link Op}): their reference, CPU
 * implementation, device launcher, derivative, gradient test, parity test or benchmark. The classes live in every
 * module; the op-map test in {@code tests} collects these declarations from the classpath, fails for each op × part
 * that no class declares, and renders {@code tensor/OPS.md} from them. A class may carry several (one per role or
 * per kernel file).
 *
 * <p>A part that an op does not need is declared as well, with {@link #notNeeded} saying why (a view changes only
 * metadata, so it needs no device kernel), so that every gap is a written decision rather than an omission.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(OpPart.List.class)
public @interface OpPart {
    Role role();

    Op[] ops();

    /** DEVICE_LAUNCHER and PARITY_TEST: the device backends served (launchers serve both; a parity test one). */
    DeviceKind[] backends() default {DeviceKind.CUDA, DeviceKind.OPENCL};

    /** DEVICE_LAUNCHER: the portable kernel files, in kernels/src/main/kernels, that it launches for these ops. */
    String[] kernels() default {};

    /** Non-empty: the class records that these ops need no part of this role, and this says why. */
    String notNeeded() default "";

    /** The parts of one op's unit of work (docs/architecture §3). */
    enum Role {
        /** Plain loops in double, the oracle of every other implementation (cpu.ref). */
        REFERENCE,
        /** The CPU backend's implementation (op-level {@code <Op>Cpu} or family-level {@code Cpu<F>}). */
        CPU,
        /** The launcher that runs the op's portable kernel on a device backend. */
        DEVICE_LAUNCHER,
        /** The backward rule registered in autograd's Derivatives (differentiable ops only). */
        DERIVATIVE,
        /** The F64 finite-difference check of the derivative (differentiable ops only). */
        GRADIENT_TEST,
        /** A device backend's results against the CPU reference. */
        PARITY_TEST,
        /** The JMH benchmark. */
        BENCHMARK
    }

    /** The container of repeated {@link OpPart}s. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        OpPart[] value();
    }
}
