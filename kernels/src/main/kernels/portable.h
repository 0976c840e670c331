/*
 * portable.h - one kernel source for CUDA (nvcc -x cu) and OpenCL C 1.2 (PoCL, spliced in by KernelSource).
 *
 * Rules (architecture.md section 11): every pointer carries GLOBAL or LOCAL_PTR (PoCL has no generic address
 * space); float literals carry 'f' (OpenCL is also built with -cl-single-precision-constant, and a test greps the
 * PTX for .f64); use the overloaded math names (fmax, exp, floor), never fmaxf/expf; __local/SHARED arrays only at
 * kernel scope; no templates (dtype variants through macros).
 *
 * Every kernel takes device buffers as (pointer, int element offset) pairs: OpenCL buffers cannot be offset on the
 * host without sub-buffer alignment rules, so the offset travels as an argument on both backends.
 */
#ifndef SGAE_PORTABLE_H
#define SGAE_PORTABLE_H

#ifdef __CUDACC__
#define SGAE_CUDA 1
typedef unsigned int uint;
typedef unsigned char uchar;
typedef long long i64;
typedef unsigned long long u64;
#define KERNEL extern "C" __global__ void
#define DEVICE static __device__ __forceinline__
#define GLOBAL
#define SHARED __shared__
#define LOCAL_PTR
#define CONSTANT const
#define RESTRICT __restrict__
#define BARRIER() __syncthreads()
#define GID_X (blockIdx.x * blockDim.x + threadIdx.x)
#define GID_Y (blockIdx.y * blockDim.y + threadIdx.y)
#define GID_Z (blockIdx.z * blockDim.z + threadIdx.z)
#define LID_X threadIdx.x
#define LID_Y threadIdx.y
#define GRP_X blockIdx.x
#define GRP_Y blockIdx.y
#define GRP_Z blockIdx.z
#define LSZ_X blockDim.x
#define LSZ_Y blockDim.y
#define GSZ_X (gridDim.x * blockDim.x)
#define GSZ_Y (gridDim.y * blockDim.y)
#define NGRP_X gridDim.x
#define ATOMIC_ADD_F(p, v) atomicAdd((p), (v))
#define ATOMIC_ADD_I(p, v) atomicAdd((p), (v))
#define ATOMIC_CAS_I(p, cmp, v) atomicCAS((p), (cmp), (v))
/* __syncthreads orders shared and global memory within a block */
#define BARRIER_ALL() __syncthreads()
#define POPCOUNT64(x) __popcll(x)
#define INF_F __int_as_float(0x7f800000)
#define NAN_F __int_as_float(0x7fc00000)
#define IS_NAN(x) isnan(x)
#define FMA(a, b, c) fmaf((a), (b), (c))
#else
#define SGAE_OPENCL 1
typedef long i64;
typedef ulong u64;
#define KERNEL __kernel void
#define DEVICE static inline
#define GLOBAL __global
#define SHARED __local
#define LOCAL_PTR __local
#define CONSTANT const
#define RESTRICT restrict
#define BARRIER() barrier(CLK_LOCAL_MEM_FENCE)
#define GID_X ((int) get_global_id(0))
#define GID_Y ((int) get_global_id(1))
#define GID_Z ((int) get_global_id(2))
#define LID_X ((int) get_local_id(0))
#define LID_Y ((int) get_local_id(1))
#define GRP_X ((int) get_group_id(0))
#define GRP_Y ((int) get_group_id(1))
#define GRP_Z ((int) get_group_id(2))
#define LSZ_X ((int) get_local_size(0))
#define LSZ_Y ((int) get_local_size(1))
#define GSZ_X ((int) get_global_size(0))
#define GSZ_Y ((int) get_global_size(1))
#define NGRP_X ((int) get_num_groups(0))
/* PoCL has no float atomics (neither atomic_add(float*) nor atomic_float): compare-and-swap on the bit pattern. */
DEVICE void sgae_atomic_add_f(volatile __global float* p, float v) {
    union { uint u; float f; } expected, desired;
    uint old = as_uint(*p);
    do {
        expected.u = old;
        desired.f = expected.f + v;
        old = atomic_cmpxchg((volatile __global uint*) p, expected.u, desired.u);
    } while (old != expected.u);
}
#define ATOMIC_ADD_F(p, v) sgae_atomic_add_f((p), (v))
#define ATOMIC_ADD_I(p, v) atomic_add((p), (v))
#define ATOMIC_CAS_I(p, cmp, v) atomic_cmpxchg((volatile __global int*) (p), (cmp), (v))
/* a work-group barrier that also orders global memory (a work-group sharing a global scratch buffer) */
#define BARRIER_ALL() barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE)
#define POPCOUNT64(x) ((int) popcount((ulong) (x)))
#define INF_F INFINITY
#define NAN_F NAN
#define IS_NAN(x) isnan(x)
#define FMA(a, b, c) fma((a), (b), (c))
#endif

/* Rank-8 strided layout, passed by value (136 bytes). shape[] is the iteration shape, innermost last (dims already
 * coalesced on the host); st[k][] are the element strides of operand k (0 for broadcast dims). Operand offsets travel
 * with their pointers. Java: org.sgae.kernels.launch.StridedLayout. */
#define SGAE_MAX_RANK 8
typedef struct {
    int rank;
    int n;
    int shape[SGAE_MAX_RANK];
    int st[3][SGAE_MAX_RANK];
} Strided;

/* Element offset of linear index i (row-major over shape) in operand k. The struct lives in private memory (a
 * kernel argument), hence the unqualified pointer. */
DEVICE int strided_offset(const Strided* s, int k, int i) {
    int o = 0;
    for (int d = s->rank - 1; d >= 0; d--) {
        int extent = s->shape[d];
        int q = i / extent;
        o += (i - q * extent) * s->st[k][d];
        i = q;
    }
    return o;
}

/* Deferred device error flag (org.sgae.kernels.device.DeviceErrors): one persistent int[4] per device runtime,
 * err = {op code, bound, offending value (clamped to int), 0}. The first failing launch wins the compare-and-swap
 * and records its bound and value; later failures (same or other launches) leave it alone. The host reads it at
 * the next synchronisation point (a device -> host copy or synchronize()) and throws there, naming the op. */
DEVICE void sgae_report(GLOBAL int* err, int code, int bound, i64 value) {
    if (ATOMIC_CAS_I(err, 0, code) == 0) {
        err[1] = bound;
        err[2] = (int) (value > 2147483647L ? 2147483647L : value < -2147483647L ? -2147483647L : value);
    }
}

#endif
