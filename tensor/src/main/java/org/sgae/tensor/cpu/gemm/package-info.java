/**
 * The CPU backend's packed GEMM: the Vector API micro-kernel ({@link org.sgae.tensor.cpu.gemm.GemmKernel}), operand
 * packers ({@link org.sgae.tensor.cpu.gemm.Panels}), the blocked loop nest
 * ({@link org.sgae.tensor.cpu.gemm.GemmDriver}) and the BLAS-style entry point
 * ({@link org.sgae.tensor.cpu.gemm.Sgemm}). What is public here is public only because the direct conv2d in
 * {@code cpu} and the Winograd conv in {@code cpu.winograd} drive the same loop nest; it is not an API.
 */
package org.sgae.tensor.cpu.gemm;
