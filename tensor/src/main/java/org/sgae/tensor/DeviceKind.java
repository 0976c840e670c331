package org.sgae.tensor;

/** The kinds of compute device a tensor can live on. */
public enum DeviceKind {
    CPU, CUDA, OPENCL
}
