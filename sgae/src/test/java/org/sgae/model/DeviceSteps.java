package org.sgae.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.sgae.nn.Parameter;
import org.sgae.tensor.Device;
import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.spi.Backends;

/** The device-step comparison the model tests share: one training step on OpenCL against the same step on the CPU. */
public final class DeviceSteps {
    private DeviceSteps() {
    }

    /** Appends each loss's value, then each parameter's gradient (asserting it stayed on {@code device}), to out. */
    public static void addLossesAndGradients(List<double[]> out, Collection<Tensor> losses, List<Parameter> params,
                                             Device device) {
        for (Tensor l : losses) {
            out.add(l.toDoubleArray());
        }
        for (Parameter p : params) {
            assertEquals(device, p.grad().device(), "gradients stay on the device");
            out.add(p.grad().toDoubleArray());
        }
    }

    /**
     * Runs {@code step} on the CPU and on OpenCL (skipped without it) and asserts that every host array agrees
     * within MODEL_GRAD relative to its largest value; {@code name(k)} names array k in a failure.
     */
    public static void assertOpenClMatchesCpu(Function<Device, List<double[]>> step, IntFunction<String> name) {
        assumeTrue(Backends.probe(DeviceKind.OPENCL).available(), () -> "OpenCL: "
                + Backends.probe(DeviceKind.OPENCL).reason());
        List<double[]> cpu = step.apply(Device.cpu());
        List<double[]> cl = step.apply(Device.opencl(0));
        assertEquals(cpu.size(), cl.size());
        for (int k = 0; k < cpu.size(); k++) {
            TensorAsserts.assertCloseToScale(cl.get(k), cpu.get(k), Tolerances.MODEL_GRAD, name.apply(k));
        }
    }
}
