#!/usr/bin/env python3
"""One comparison table: sgae JMH results (cpu / opencl / cuda backends) vs the torch anchor.

    python3 compare.py jmh.json [torch.json]

Case names follow the anchors (gpu_torch_anchor.py / cpu_torch_anchor.py): LinalgBench n=512 -> sgemm_512,
NnBench.conv2d* small/large fwd|fwdbwd -> conv_small_n8_32to64x64_* / conv_vgg_256x56_*. Times are milliseconds per
call (JMH average, synchronised inside the measured method; torch: median per call, fp32 pass, TF32 shown too).
"""
import json
import os
import sys

FLOP = {
    "sgemm_512": 2 * 512 ** 3, "sgemm_1024": 2 * 1024 ** 3,
    "conv_small_n8_32to64x64_fwd": 2 * 8 * 64 * 64 * 64 * 32 * 9,
    "conv_vgg_256x56_fwd": 2 * 1 * 256 * 56 * 56 * 256 * 9,
}
FLOP["conv_small_n8_32to64x64_fwdbwd"] = 3 * FLOP["conv_small_n8_32to64x64_fwd"]
FLOP["conv_vgg_256x56_fwdbwd"] = 3 * FLOP["conv_vgg_256x56_fwd"]


def case_name(bench, method, params):
    if bench == "LinalgBench":
        return "sgemm_%s" % params["n"]
    if bench == "NnBench" and method.startswith("conv2d"):
        base = "conv_small_n8_32to64x64" if params["size"] == "small" else "conv_vgg_256x56"
        case = method[len("conv2d"):]  # conv2dFwdbwd -> fwdbwd, the anchors' case names
        return "%s_%s" % (base, case[0].lower() + case[1:])
    if bench in ("ElementwiseBench", "ReduceBench"):
        return "%s_n%s" % (method, params["n"])
    extra = ",".join("%s=%s" % (k, v) for k, v in sorted(params.items()) if k != "backend")
    return "%s.%s%s" % (bench, method, "[%s]" % extra if extra else "")  # small and large stay apart


def to_ms(score, unit):
    return score * {"ms/op": 1.0, "us/op": 1e-3, "ns/op": 1e-6, "s/op": 1e3}.get(unit, float("nan"))


def main():
    rows = {}
    if not os.path.exists(sys.argv[1]):
        print("no JMH results at %s (did the bench step run?)" % sys.argv[1])
        return
    with open(sys.argv[1]) as f:
        for r in json.load(f):
            cls, method = r["benchmark"].split(".")[-2:]
            p = r.get("params", {})
            name = case_name(cls, method, p)
            rows.setdefault(name, {})[p.get("backend", "?")] = to_ms(r["primaryMetric"]["score"],
                                                                      r["primaryMetric"]["scoreUnit"])
    torch = {}
    if len(sys.argv) > 2 and os.path.exists(sys.argv[2]):
        with open(sys.argv[2]) as f:
            doc = json.load(f)
        for r in doc.get("results", []):
            if "median_ms" in r:
                torch[(r["name"], r.get("pass", "cpu"))] = r["median_ms"]
    print("| case | sgae cpu ms | sgae opencl ms | sgae cuda ms | torch fp32 ms | torch tf32 ms | cuda/torch fp32 | sgae cuda GFLOP/s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    fmt = lambda v: "" if v is None else "%.4f" % v
    for name in sorted(rows):
        b = rows[name]
        t32 = torch.get((name, "fp32"), torch.get((name, "cpu")))
        ttf = torch.get((name, "tf32"))
        cu = b.get("cuda")
        ratio = "%.2fx" % (cu / t32) if cu and t32 else ""
        gf = "%.1f" % (FLOP[name] / (cu * 1e-3) / 1e9) if cu and name in FLOP else ""
        print("| %s | %s | %s | %s | %s | %s | %s | %s |" % (name, fmt(b.get("cpu")), fmt(b.get("opencl")), fmt(cu),
                                                         fmt(t32), fmt(ttf), ratio, gf))


if __name__ == "__main__":
    main()
