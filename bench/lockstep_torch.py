#!/usr/bin/env python3
"""Lock-step comparison of sgae with PyTorch: one torch call, then one sgae call, alternating (the order flips
every pair), a short pause after each so that the other side's spinning threads go to sleep. Both sides see the
same state of the host, which on these VMs changes by the minute (a vCPU runs at ~60% while its host sibling
thread is busy), so that passes minutes apart compare different machines. The torch calls are the anchor
script's own (shared/anchors/cpu_torch_anchor.py, imported); the sgae calls are CpuAnchor's cases
(org.sgae.bench.anchor.Lockstep in bench/target/benchmarks.jar), each side timing its own calls.

Reported per case: median and min of each side, and the median of the per-pair ratios sgae/torch (the paired
statistic: drift that hits both calls of a pair cancels).

Usage (from the repository root; Debian's python3 sees torch, a pyenv python3 does not):
  /usr/bin/python3 bench/lockstep_torch.py conv_vgg_512x14_fwdbwd sgemm_2048 [--reps 40] [--threads 2]
Options: --reps N (pairs, default 40), --threads N (default 2), --warmup-s S (default 3, both sides),
--gap-ms MS (pause after each call, default 20), --out FILE (JSON), --java JAVA, --anchor PATH.

Caveat (measured 2026-11-25): the two processes disturb each other through their idle threads. torch's OpenMP
workers spin after each call (libgomp's default wait policy) and take a vCPU from the sgae call that follows;
sgae's pool spins 200 us. With a 5 ms gap, sgemm_1024's paired ratio went 1.44-1.67 (default) -> 1.27
(OMP_WAIT_POLICY=PASSIVE for torch); making sgae's workers spin through the gap turned it to 0.72-0.81 (torch
lost its second core instead). Quote these ratios together with the gap and the wait policy, and read them
beside the pass-based comparison (pair_torch.sh).
"""
import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RETAIN_TUNABLES = "glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736"  # as the anchor script


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("cases", nargs="+")
    p.add_argument("--reps", type=int, default=40)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup-s", type=float, default=3.0)
    p.add_argument("--gap-ms", type=float, default=20.0)
    p.add_argument("--out")
    p.add_argument("--java", default=os.environ.get("JAVA", "java"))
    p.add_argument("--heap", default="6g", help="sgae heap (CrnBench's JMH fork uses 6g)")
    p.add_argument("--anchor", default=os.environ.get("TORCH_ANCHOR", "/work/shared/anchors/cpu_torch_anchor.py"))
    return p.parse_args()


ARGS = parse_args()
# The anchor script runs torch with glibc tunables that keep freed memory; they must be set before start-up.
if os.environ.get("CPU_ANCHOR_REEXEC") != "1":
    env = dict(os.environ)
    env["GLIBC_TUNABLES"] = (env["GLIBC_TUNABLES"] + ":" if env.get("GLIBC_TUNABLES") else "") + RETAIN_TUNABLES
    env["CPU_ANCHOR_REEXEC"] = "1"
    sys.stdout.flush()
    os.execve(sys.executable, [sys.executable, os.path.abspath(__file__)] + sys.argv[1:], env)


def load_anchor():
    if not os.path.isfile(ARGS.anchor):
        sys.exit("lockstep: no torch anchor script at %s (--anchor)" % ARGS.anchor)
    saved = sys.argv
    sys.argv = [ARGS.anchor, "--threads", str(ARGS.threads), "--only", "sgemm,conv,crn"]
    spec = importlib.util.spec_from_file_location("cpu_torch_anchor", ARGS.anchor)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    sys.argv = saved
    return mod


def torch_cases(anchor):
    cases = {c["name"]: c for c in anchor.build_sgemm("cpu")}
    for spec in anchor.CONV_CASES:
        for c in anchor.build_conv("cpu", spec):
            cases[c["name"]] = c
    return cases


def crn_cases(anchor):
    """Built only when a crn case is asked for (the model takes a while to build)."""
    cases = {}
    for spec in anchor.CRN_CASES:
        if spec[4] == "sg2im":  # the head CpuAnchor has
            for c in anchor.build_crn("cpu", spec):
                cases[c["name"]] = c
    return cases


class Sgae:
    """The Lockstep JVM for one case."""

    def __init__(self, case):
        jar = os.path.join(ROOT, "bench", "target", "benchmarks.jar")
        if not os.path.isfile(jar):
            sys.exit("lockstep: no %s; build it: mvn -B -ntp -o -pl bench -am package -DskipTests" % jar)
        cmd = [ARGS.java, "--add-modules", "jdk.incubator.vector", "-Xms" + ARGS.heap, "-Xmx" + ARGS.heap,
               "-XX:+AlwaysPreTouch", "-Dsgae.threads=%d" % ARGS.threads, "-cp", jar,
               "org.sgae.bench.anchor.Lockstep", case]
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                  text=True, bufsize=1)
        ready = self.p.stdout.readline().split()
        if not ready or ready[0] != "ready":
            sys.exit("lockstep: the sgae side did not start for case %s (exit %s)" % (case, self.p.poll()))
        self.tile = " ".join(ready[2:]) or "?"  # the GEMM tile line (GemmTiles.Choice.describe)

    def ask(self, line):
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()
        reply = self.p.stdout.readline().strip()
        if not reply or reply.startswith("error"):
            sys.exit("lockstep: sgae side answered %r to %r" % (reply, line))
        return reply

    def close(self):
        try:
            self.p.stdin.write("quit\n")
            self.p.stdin.flush()
        except BrokenPipeError:
            pass
        self.p.wait(timeout=30)


def summary(xs):
    s = sorted(xs)
    return dict(median_ms=statistics.median(s), min_ms=s[0], p10_ms=s[int(0.1 * (len(s) - 1) + 0.5)],
                p90_ms=s[int(0.9 * (len(s) - 1) + 0.5)])


def loadavg():
    """1-minute load average (the machine is shared: quote it next to every figure)."""
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except OSError:
        return -1.0


def cpu_info():
    """CPU model (with family/model: VMs often say only 'AMD EPYC') and the SIMD flags, from /proc/cpuinfo."""
    fields = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if ":" in line:
                    k, v = line.split(":", 1)
                    fields.setdefault(k.strip(), v.strip())
    except OSError:
        pass
    model = "%s (family %s model %s)" % (fields.get("model name", "?"), fields.get("cpu family", "?"),
                                         fields.get("model", "?"))
    simd = " ".join(f for f in fields.get("flags", "").split() if f in ("avx2", "fma") or f.startswith("avx512"))
    return model, simd


def run_case(anchor, cases, name):
    if name not in cases:
        sys.exit("lockstep: unknown case %r; torch cases: %s" % (name, ", ".join(sorted(cases))))
    fn = cases[name]["fn"]
    anchor.torch.set_num_threads(ARGS.threads)
    load0 = loadavg()
    sg = Sgae(name)
    tile = sg.tile
    try:
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < ARGS.warmup_s:
            fn()
        sg.ask("warm %g" % ARGS.warmup_s)
        gap = ARGS.gap_ms / 1e3
        tt, ts = [], []
        for i in range(ARGS.reps):
            for side in ((0, 1) if i % 2 == 0 else (1, 0)):
                if side == 0:
                    s = time.perf_counter()
                    fn()
                    tt.append((time.perf_counter() - s) * 1e3)
                else:
                    ts.append(int(sg.ask("run")) / 1e6)
                time.sleep(gap)
    finally:
        sg.close()
    ratios = [b / a for a, b in zip(tt, ts)]
    r = dict(name=name, pairs=ARGS.reps, gemm_tile=tile, loadavg_start=load0, loadavg_end=loadavg(), threads=ARGS.threads, torch=summary(tt), sgae=summary(ts),
             torch_ms=[round(x, 4) for x in tt], sgae_ms=[round(x, 4) for x in ts],
             paired_ratio_median=statistics.median(ratios),
             paired_ratio_p25=sorted(ratios)[int(0.25 * (len(ratios) - 1) + 0.5)],
             paired_ratio_p75=sorted(ratios)[int(0.75 * (len(ratios) - 1) + 0.5)])
    if cases[name].get("flop"):
        r["gflop"] = cases[name]["flop"] / 1e9
    return r


def main():
    anchor = load_anchor()
    cases = torch_cases(anchor)
    if any(n.startswith("crn_") for n in ARGS.cases):
        cases.update(crn_cases(anchor))
    results = []
    model, simd = cpu_info()
    bi = anchor.blas_info()  # the anchor's own check: the libblas.so.3 torch.mm loaded
    blas = "%s %s, core %s" % (bi.get("kind", "not OpenBLAS: sgemm ratios meaningless"),
                               bi.get("openblas_get_config", ""), bi.get("openblas_get_corename", "?"))
    print("cpu: %s; simd: %s; java: %s; torch %s (%s); threads %d; gap %g ms; OMP_WAIT_POLICY=%s" % (
        model, simd, ARGS.java, anchor.torch.__version__, blas, ARGS.threads, ARGS.gap_ms,
        os.environ.get("OMP_WAIT_POLICY", "(default)")), flush=True)
    print("| case | pairs | torch ms (median / min) | sgae ms (median / min) | ratio of medians / mins "
          "| paired ratio median [p25, p75] | load 1-min start / end | sgae tile |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for name in ARGS.cases:
        r = run_case(anchor, cases, name)
        results.append(r)
        t, s = r["torch"], r["sgae"]
        print("| %s | %d | %.3f / %.3f | %.3f / %.3f | %.2f / %.2f | %.2f [%.2f, %.2f] | %.1f / %.1f | %s |" % (
            name, r["pairs"], t["median_ms"], t["min_ms"], s["median_ms"], s["min_ms"],
            s["median_ms"] / t["median_ms"], s["min_ms"] / t["min_ms"], r["paired_ratio_median"],
            r["paired_ratio_p25"], r["paired_ratio_p75"], r["loadavg_start"], r["loadavg_end"],
            r["gemm_tile"].split(" (")[0]), flush=True)
    if ARGS.out:
        tmp = ARGS.out + ".tmp"
        with open(tmp, "w") as f:
            json.dump(dict(meta=dict(date=time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
                                     threads=ARGS.threads, gap_ms=ARGS.gap_ms, warmup_s=ARGS.warmup_s,
                                     cpu=model, simd=simd, java=ARGS.java, torch=anchor.torch.__version__, blas=blas),
                           results=results), f, indent=1)
        os.replace(tmp, ARGS.out)


if __name__ == "__main__":
    main()
