package org.sgae.nn;

import org.sgae.tensor.DType;
import org.sgae.tensor.Device;

/**
 * The options every parameterised layer's builder shares — bias or not, dtype, device — as named setters instead of
 * boolean and positional arguments. {@code B} is the concrete builder, so the setters chain with its own ones.
 */
public abstract class LayerOptions<B extends LayerOptions<B>> {
    boolean bias = true;
    DType dtype = DType.F32;
    Device device = Device.cpu();

    LayerOptions() {
    }

    /** False for a layer followed by a batch norm, which supplies the shift. Default true. */
    public B bias(boolean bias) {
        this.bias = bias;
        return self();
    }

    /** Default F32. */
    public B dtype(DType dtype) {
        this.dtype = dtype;
        return self();
    }

    /** Default the CPU. */
    public B device(Device device) {
        this.device = device;
        return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
