package org.sgae.bench.backend;

import java.util.SplittableRandom;
import org.sgae.tensor.DType;
import org.sgae.tensor.Device;
import org.sgae.tensor.Shape;
import org.sgae.tensor.Tensor;
import org.sgae.tensor.spi.Availability;
import org.sgae.tensor.spi.Backends;

/**
 * Shared setup of the kernel benchmarks: {@code @Param backend} is cpu, opencl or cuda (device 0). A backend that
 * cannot run here fails its trial's {@code @Setup} with one line ("skipped: CUDA unavailable: ..."); JMH reports
 * that parameter combination as failed and goes on with the others, so a run on a machine without a GPU still
 * measures cpu and opencl. Pass {@code -p backend=cpu,cuda} to choose explicitly.
 */
public final class BenchDevices {
    private BenchDevices() {
    }

    public static Device resolve(String backend) {
        Device d = Device.parse(backend);
        Availability a = Backends.probe(d.kind());
        if (!a.available()) {
            throw new SkippedBackend("skipped " + backend + ": " + a.reason());
        }
        return d;
    }

    /** Uniform [-1, 1) F32 data copied to the device (setup only; never timed). */
    static Tensor random(Device d, long seed, int... shape) {
        int n = Shape.of(shape).numel();
        float[] v = new float[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            v[i] = (float) (2 * r.nextDouble() - 1);
        }
        Tensor host = Tensor.of(v, shape);
        Tensor t = host.to(d);
        if (t != host) {
            host.close();
        }
        return t;
    }

    /** A host tensor built by a benchmark's setup, moved to d (the host copy closed when it moved; setup only). */
    static Tensor to(Tensor host, Device d) {
        Tensor t = host.to(d);
        if (t != host) {
            host.close();
        }
        return t;
    }

    /**
     * Consumes a result inside the timed method. cpu: its first element, exactly as the CPU tables in
     * bench/README-detection.md were measured. Devices: synchronise the queue instead of copying the whole output
     * back (the copy would dominate); the launches have happened, so nothing can be eliminated. Non-F32 results
     * (I64 indices, BOOL masks) on cpu: their first element read generically.
     */
    static float consume(Tensor t) {
        if (t.device().isCpu()) {
            if (t.dtype() != DType.F32) {
                return (float) t.cpu().getDouble(t.offset());
            }
            return t.cpu().f32()[0];
        }
        Backends.of(t.device()).synchronize();
        return t.numel();
    }

    /** Thrown from @Setup; no stack trace, the message says why. */
    static final class SkippedBackend extends RuntimeException {
        SkippedBackend(String message) {
            super(message, null, false, false);
        }
    }
}
