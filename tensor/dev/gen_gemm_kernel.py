#!/usr/bin/env python3
"""The single-tile generator of the first sessions, kept for the experiments below and its unrolled form (U = 2);
superseded by gen_gemm_tiles.py (one class per tile, chosen per machine by GemmTiles). Writes the kernel class to
stdout now: GemmKernel.java is the dispatcher to the chosen tile and must not be overwritten.

Usage: gen_gemm_kernel.py MR NV AS [U]   -- tile MR rows x NV vectors, packed-A row stride AS, k-unroll U (1 or 2)
Shipped: 4 2 4 1 (k-loop indexed by the packed-A position since 2026-11-25, third session: ~20 instead of ~25
uops per k-step; same-JVM A/B on sgemm 1024: min -6..-8%, median -8..-14%).

Variants measured on the 2-vCPU Zen 3 VM (AVX2, peak ~101 GFLOP/s per core), kernel alone on an L2-resident
96..144 x 256 A block and 256 x 192 B block, best per-thread CPU time, JDK 17 / Temurin 25, GFLOP/s:
  6x2 AS=6  : 80 / 39   (Temurin 25: one accumulator spilled to the stack -> store-forwarding chain)
  6x2 AS=8  : ~37 (JDK 17)
  5x2 AS=5  : 84 / 33   (same spill on 25)
  4x2 AS=4  : 80 / 92   <- shipped: no spill on either JDK, power-of-two strides, range checks hoisted
  4x3 AS=4  : 39 / 39   (16 live vectors: spills)
  3x3 AS=4  : 69 / 83
  6x2 unrolled x2 : 38 ; x4 : C1 bails out ("out of virtual registers") and the method never reaches C2
Fourth session (2026-11-26), packed-A-index loop form, JDK 17, same-JVM A/B in the sgemm driver:
  5x2 AS=8 / 6x2 AS=8 / 3x3 AS=4   : 2.2x / 1.9x / 1.1x slower than 4x2 (spills; 3x3 no gain)
  same on Temurin 25 (after the driver changes): 2.6x / 2.1x slower, 3x3 level on minima, 9% slower medians
  4x2 U=2 plain or with an acquireFence between the steps : 2x slower (loads hoisted, accumulators spilled)
  4x2 U=2 with a never-taken branch between the steps (gen_gemm_kernel.py 4 2 4 2): no spill, ~18 instead of
      ~21 uops per k-step; kernel alone 88 vs 92 GFLOP/s on a quiet core but 55-70 vs 40-52 while the host
      sibling is busy; in the driver (1024^3) +8..12% slower quiet, -3..-19% under load on JDK 17, no gain on
      Temurin 25. Not shipped (mixed); U=4 exceeds C1's register limit as above.
"""
import sys
MR=int(sys.argv[1]); NV=int(sys.argv[2]); AS=int(sys.argv[3]); U=int(sys.argv[4]) if len(sys.argv)>4 else 1
regs = MR*NV + NV + 1
decl = "\n".join("        FloatVector " + ", ".join(f"c{r}{v} = FloatVector.zero(S)" for v in range(NV)) + ";" for r in range(MR))
def step(P, first):
    body = []
    T = "FloatVector " if first else ""
    for v in range(NV):
        body.append(f"            {T}b{v} = FloatVector.fromArray(S, bp, bo + {P} * NR" + (f" + {v} * L" if v else "") + ");")
    for r in range(MR):
        body.append(f"            {T}a{r} = FloatVector.broadcast(S, ap[ao + {P} * AS + {r}]);")
        for v in range(NV):
            body.append(f"            c{r}{v} = a{r}.fma(b{v}, c{r}{v});")
    return "\n".join(body)
def step_a(first):
    """One k-step indexed from the packed-A position a (the loop variable) and b = a·(NR/AS) + d."""
    body = []
    T = "FloatVector " if first else ""
    for v in range(NV):
        body.append(f"            {T}b{v} = FloatVector.fromArray(S, bp, b" + (f" + {v} * L" if v else "") + ");")
    for r in range(MR):
        body.append(f"            {T}a{r} = FloatVector.broadcast(S, ap[a" + (f" + {r}" if r else "") + "]);")
        for v in range(NV):
            body.append(f"            c{r}{v} = a{r}.fma(b{v}, c{r}{v});")
    return "\n".join(body)
def step_au(u):
    """Step u of an unrolled body: B at b + u·NR, A at a + u·AS."""
    body = []
    T = "FloatVector " if u == 0 else ""
    bb = "b" + (f" + {u} * NR" if u else "")
    for v in range(NV):
        body.append(f"            {T}b{v} = FloatVector.fromArray(S, bp, {bb}" + (f" + {v} * L" if v else "") + ");")
    for r in range(MR):
        off = u * AS + r
        body.append(f"            {T}a{r} = FloatVector.broadcast(S, ap[a" + (f" + {off}" if off else "") + "]);")
        for v in range(NV):
            body.append(f"            c{r}{v} = a{r}.fma(b{v}, c{r}{v});")
    return "\n".join(body)
if U > 1 and (NV * 8) % AS == 0:
    # Unrolled U times in the packed-A-index form. Between steps a never-taken branch on the loop variable ends
    # the basic block: C2 schedules within a block and would otherwise hoist all of the later steps' loads to the
    # top of the body, where they need more than AVX2's 16 vector registers (accumulators spilled to the stack,
    # half speed). With the branch, U = 2 keeps all 8 accumulators in registers.
    parts = []
    for u in range(U):
        if u:
            parts.append("            if (a == never) { // never true: a basic-block boundary (see above)\n"
                         "                Thread.onSpinWait();\n            }")
        parts.append(step_au(u))
    loop = ("        int a = ao;\n        int aEnd = ao + kc * AS;\n        int d = bo - ao * (NR / AS);\n"
            f"        for (int aMain = aEnd - {U - 1} * AS; a < aMain; a += {U} * AS) {{\n"
            "            int b = a * (NR / AS) + d; // = bo + (a - ao)·NR/AS\n" + "\n".join(parts) + "\n        }\n"
            "        for (; a < aEnd; a += AS) {\n"
            "            int b = a * (NR / AS) + d;\n" + step_a(True) + "\n        }")
elif U == 1 and (NV * 8) % AS == 0:
    # The loop variable is the packed-A index itself and the B index is linear in it, so that C2 removes the
    # range checks and needs ~6 scalar uops per k-step; written as p = 0..kc with ao + p*AS, bo + p*NR it
    # recomputed both indices from p every step (~11 scalar uops; see tensor/dev/README.md).
    loop = ("        for (int a = ao, aEnd = ao + kc * AS, d = bo - ao * (NR / AS); a < aEnd; a += AS) {\n"
            "            int b = a * (NR / AS) + d; // = bo + (a - ao)·NR/AS\n" + step_a(True) + "\n        }")
elif U == 1:
    loop = "        for (int p = 0; p < kc; p++) {\n" + step("p", True) + "\n        }"
else:
    loop = "        int p = 0;\n        for (; p < kc - 1; p += 2) { // unrolled twice: half the loop and index uops per FMA\n" + step("p", True) + "\n" + step("(p + 1)", False) + "\n        }\n        if (p < kc) {\n" + step("p", True) + "\n        }"
body = loop
def st(expr):
    out=[]
    for r in range(MR):
        for v in range(NV):
            idx = f"co + {r} * ldc" + (f" + {v} * L" if v else "")
            out.append("            " + expr.format(v=f"c{r}{v}", i=idx) + ";")
    return "\n".join(out)
store = f"""        if (mode == STORE) {{
{st("{v}.intoArray(c, {i})")}
        }} else if (mode == ADD) {{
{st("{v}.add(FloatVector.fromArray(S, c, {i})).intoArray(c, {i})")}
        }} else {{
            FloatVector vb = FloatVector.broadcast(S, beta);
{st("FloatVector.fromArray(S, c, {i}).fma(vb, {v}).intoArray(c, {i})")}
        }}"""
never = ('    /** Never equal to a packed-A index; not final, so that C2 cannot fold the test on it away. */\n'
         '    private static int never = -1;\n\n') if U > 1 else ''
src = f'''package org.sgae.tensor.cpu.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM register-tile micro-kernel: C[MR×NR] (+)= Ap·Bp over one packed A strip (kc rows of AS floats, MR used,
 * row p at {{@code ao + p·AS}}) and one packed B strip (kc×NR, row p at {{@code bo + p·NR}}).
 *
 * <p>Tile MR = {MR} rows × NR = {NV} vectors: {MR*NV} accumulators + {NV} B vectors + 1 broadcast = {regs} vector registers
 * (AVX2 has 16 ymm; AVX-512 32 zmm). Generated by a script ({{@code tensor/dev/gen_gemm_kernel.py}}): one statement
 * per FMA; the k-loop variable is the packed-A index and the B index is linear in it, so that C2 removes the range
 * checks from the loop and spends ~6 scalar µops per k-step on indices (Zen 3 dispatches 6 µops per cycle for
 * both SMT threads of a core, so these count); stores inlined so that no vector is boxed; C2 then keeps every
 * accumulator in a register.
 */
public final class GemmKernel {{
    public static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    public static final int L = S.length();
    public static final int MR = {MR};
    public static final int NR = {NV} * L;
    /** Packed A row stride (≥ MR; a power of two keeps the index arithmetic a shift). */
    public static final int AS = {AS};

{never}    /** Store modes: overwrite, {{@code C = acc + beta·C}}, {{@code C += acc}}. */
    public static final int STORE = 0;
    static final int SCALE = 1;
    static final int ADD = 2;

    private GemmKernel() {{
    }}

    public static void kernel(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                              int mode, float beta) {{
{decl}
{body}
{store}
    }}
}}
'''
sys.stdout.write(src)
