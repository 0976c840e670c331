package org.sgae.model.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sgae.autograd.Engine;
import org.sgae.data.pipeline.Batch;
import org.sgae.model.relation.TinySg;
import org.sgae.nn.Parameter;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.DeviceKind;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.TensorAsserts;
import org.sgae.tensor.Tolerances;
import org.sgae.tensor.memory.MemoryScope;
import org.sgae.tensor.spi.Backends;
import org.sgae.train.BatchSource;
import org.sgae.train.RandomStreams;
import org.sgae.train.TrainRun;
import org.sgae.model.generator.TinyGen;
import org.sgae.train.config.GeneratorConfig;
import org.sgae.train.config.TrainConfig;

/**
 * One joint (phase 2, λ_img = 1) forward and backward of the tiny configuration on the OpenCL backend (PoCL in CI)
 * against the same step on the CPU: every L_SG and L_G term and every parameter's gradient (scene-graph side,
 * generator, and the discriminators' gradients from L_G) agree within MODEL_GRAD (relative to each tensor's largest
 * value; float reductions in another order, as in the scene-graph side's own device test). Same seeds on both sides:
 * weights and noise are drawn on the host, sampling from the same streams over the same host-side matches.
 */
class JointDeviceStepTest {
    @TempDir
    static Path tmp;

    private static List<double[]> step(Device device, TrainConfig cfg, Batch batch, List<String> names) {
        JointModel m = new JointModel(cfg, DType.F32, device, new SplittableRandom(5), new SplittableRandom(6));
        m.train();
        List<double[]> out = new ArrayList<>();
        try (MemoryScope scope = MemoryScope.open()) {
            JointModel.Forward f = m.forward(batch, RandomStreams.forIteration(cfg.seed(), 0),
                    Coupling.Lambdas.all(1));
            Tensor total = null;
            for (Map<String, Tensor> part : List.of(f.sgLosses(), f.gen().losses())) {
                for (Map.Entry<String, Tensor> e : part.entrySet()) {
                    total = total == null ? e.getValue() : total.add(e.getValue());
                    out.add(e.getValue().toDoubleArray());
                    names.add("loss " + e.getKey());
                }
            }
            Engine.backward(total);
            for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
                if (e.getValue().grad() != null) {
                    assertEquals(device, e.getValue().grad().device(), "gradients stay on the device");
                    out.add(e.getValue().grad().toDoubleArray());
                    names.add("gradient " + e.getKey());
                }
            }
        }
        return out;
    }

    @Test
    void openClJointStepMatchesCpu() {
        assumeTrue(Backends.probe(DeviceKind.OPENCL).available(), () -> "OpenCL: "
                + Backends.probe(DeviceKind.OPENCL).reason());
        GeneratorConfig g = TinyGen.config();
        TrainConfig cfg = TinySg.config(4, 1, 2, List.of()).withGenerator(g).validate();
        Path world = TinySg.world(cfg, tmp.resolve("worlds"));
        Iterator<Batch> it = BatchSource.of(TrainRun.trainSet(cfg, 2, world), TrainRun.loader(cfg, 2)).from(0);
        Batch batch = it.next();
        BatchSource.closeIfNeeded(it);
        List<String> names = new ArrayList<>();
        List<double[]> cpu = step(Device.cpu(), cfg, batch, names);
        List<double[]> cl = step(Device.opencl(0), cfg, batch, new ArrayList<>());
        assertEquals(cpu.size(), cl.size(), "the same losses and parameters with gradients");
        for (int k = 0; k < cpu.size(); k++) {
            TensorAsserts.assertCloseToScale(cl.get(k), cpu.get(k), Tolerances.MODEL_GRAD, names.get(k));
        }
    }
}
