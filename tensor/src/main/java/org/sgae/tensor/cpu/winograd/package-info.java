/**
 * Winograd F(4×4, 3×3) and F(2×2, 3×3) convolution for the CPU backend's 3×3 stride-1 layers, on the packed GEMM
 * of {@code cpu.gemm}. {@code cpu.Conv2dCpu} asks {@link org.sgae.tensor.cpu.winograd.Winograd#applies} and calls
 * its three passes; nothing else here is meant for use outside the package.
 */
package org.sgae.tensor.cpu.winograd;
