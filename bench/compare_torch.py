#!/usr/bin/env python3
"""Markdown table: torch anchor JSON (cpu_torch_anchor.py --out) vs JMH JSON (-rf json, -bm sample).

Usage: compare_torch.py TORCH_JSON JMH_JSON [JMH_JSON ...]
For every case the median and the minimum of both sides are shown (the machine is shared: the minimum is
the least disturbed run). ratio = sgae / torch (lower is better; the target is <= 1.1).
"""
import json
import sys


def torch_cases(path):
    out = {}
    for r in json.load(open(path))["results"]:
        out[r["name"]] = r
    return out


def jmh_cases(paths):
    out = {}
    for p in paths:
        for b in json.load(open(p)):
            name = b["benchmark"].rsplit(".", 1)
            params = b.get("params", {})
            pm = b["primaryMetric"]
            pct = pm.get("scorePercentiles", {})
            med = pct.get("50.0", pm["score"])
            mn = pct.get("0.0", pm["score"])
            if name[0].endswith("SgemmBench"):
                key = "sgemm_%s" % params["n"]
            else:
                n, cin, cout, hw = params["shape"].split("_")
                key = (n, cin, cout, hw, name[1])
            out[key] = (med, mn)
    return out


def main():
    t = torch_cases(sys.argv[1])
    j = jmh_cases(sys.argv[2:])
    print("| case | GFLOP | torch ms (median / min) | sgae ms (median / min) | ratio median / min "
          "| torch GFLOP/s (min) | sgae GFLOP/s (min) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in t.items():
        g = r["gflop"]
        if r["group"] == "sgemm":
            key = "sgemm_%d" % r["params"]["n"]
            if key not in j:
                continue
        elif r["group"] == "conv":
            p = r["params"]
            kind = "forwardBackward" if name.endswith("_fwdbwd") else "forward"
            key = (str(p["n"]), str(p["cin"]), str(p["cout"]), str(p["h"]), kind)
            if key not in j:
                continue
        else:
            continue
        med, mn = j[key]
        tm, tmin = r["median_ms"], r["min_ms"]
        flag = " (contaminated)" if r.get("contaminated") else ""
        print("| %s%s | %.2f | %.3f / %.3f | %.3f / %.3f | %.2f / %.2f | %.0f | %.0f |" % (
            name, flag, g, tm, tmin, med, mn, med / tm, mn / tmin, g / tmin * 1e3, g / mn * 1e3))


if __name__ == "__main__":
    main()
