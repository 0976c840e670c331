#!/usr/bin/env python3
"""Markdown table: torch anchor JSON (cpu_torch_anchor.py --out) vs sgae, from JMH JSON or CpuAnchor JSON.

Usage:
  compare_torch.py TORCH_JSON JMH_JSON [JMH_JSON ...]    JMH -rf json (-bm sample): sgemm and conv
  compare_torch.py TORCH_JSON ANCHOR_JSON                org.sgae.bench.anchor.CpuAnchor --out: pairs by case name
                                                         (sgemm, conv, crn)
  compare_torch.py --merge-passes TORCH_JSON... -- ANCHOR_JSON...
                                                         several one-pass runs of each side (bench/pair_torch.sh):
                                                         per case the fastest clean pass of each side, as the torch
                                                         script's finish_case picks it
The second form is recognised by its content (a top-level object with "results"), not by its name.

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


def is_anchor_json(doc):
    return isinstance(doc, dict) and "results" in doc


def jmh_cases(docs):
    out = {}
    for doc in docs:
        for b in doc:
            name = b["benchmark"].rsplit(".", 1)
            params = b.get("params", {})
            pm = b["primaryMetric"]
            pct = pm.get("scorePercentiles", {})
            med = pct.get("50.0", pm["score"])
            mn = pct.get("0.0", pm["score"])
            if name[0].endswith("MatmulCpuBench"):
                key = "sgemm_%s" % params["n"]
            else:
                n, cin, cout, hw = params["shape"].split("_")
                key = (n, cin, cout, hw, name[1])
            out[key] = (med, mn, False)
    return out


def jmh_key(name, r):
    """The JMH table key of a torch case, or None when JMH has no such benchmark."""
    if r["group"] == "sgemm":
        return "sgemm_%d" % r["params"]["n"]
    if r["group"] == "conv":
        p = r["params"]
        kind = "forwardBackward" if name.endswith("_fwdbwd") else "forward"
        return (str(p["n"]), str(p["cin"]), str(p["cout"]), str(p["h"]), kind)
    return None


def anchor_cases(results):
    """name -> (median, min, contaminated) from CpuAnchor (or merged) results."""
    return {r["name"]: (r["median_ms"], r["min_ms"], r.get("contaminated", False))
            for r in results if "median_ms" in r}


def anchor_key(name, r):
    """CpuAnchor uses the torch names; torch's second sgemm library (oneDNN) is paired with sgae's one sgemm."""
    if r["group"] == "sgemm" and name.startswith("sgemm_onednn_"):
        return "sgemm_%d" % r["params"]["n"]
    return name


def finish(name, runs):
    """finish_case of cpu_torch_anchor.py over several files' results for one case: the fastest clean pass
    (else the fastest), every pass's median kept."""
    clean = [r for r in runs if not r.get("contaminated")]
    best = dict(min(clean or runs, key=lambda r: r["median_ms"]))
    meds = [m for r in runs for m in r.get("pass_medians_ms", [r["median_ms"]])]
    best["contaminated"] = not clean
    best["pass_medians_ms"] = [round(m, 4) for m in meds]
    best["pass_spread"] = round(max(meds) / min(meds), 3) if min(meds) > 0 else None
    return best


def merge(paths):
    """One result per case name over several runs of one side (in file order)."""
    by_name = {}
    for p in paths:
        for r in json.load(open(p))["results"]:
            if "median_ms" in r:
                by_name.setdefault(r["name"], []).append(r)
    return {name: finish(name, runs) for name, runs in by_name.items()}


def table(t, j, key_of):
    print("| case | GFLOP | torch ms (median / min) | sgae ms (median / min) | ratio median / min "
          "| torch GFLOP/s (min) | sgae GFLOP/s (min) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in t.items():
        if "median_ms" not in r or not r.get("gflop"):
            continue
        key = key_of(name, r)
        if key is None or key not in j:
            continue
        g = r["gflop"]
        med, mn, dirty = j[key]
        tm, tmin = r["median_ms"], r["min_ms"]
        flag = " (contaminated)" if r.get("contaminated") else ""
        if dirty:
            flag += " (sgae contaminated)"
        print("| %s%s | %.2f | %.3f / %.3f | %.3f / %.3f | %.2f / %.2f | %.0f | %.0f |" % (
            name, flag, g, tm, tmin, med, mn, med / tm, mn / tmin, g / tmin * 1e3, g / mn * 1e3))


def main(argv):
    if len(argv) >= 1 and argv[0] == "--merge-passes":
        rest = argv[1:]
        if "--" not in rest:
            sys.exit("usage: compare_torch.py --merge-passes TORCH_JSON... -- ANCHOR_JSON...")
        i = rest.index("--")
        tp, sp = rest[:i], rest[i + 1:]
        if not tp or not sp:
            sys.exit("--merge-passes needs at least one file on each side of --")
        t = merge(tp)
        s = merge(sp)
        print("torch passes: %d files, sgae passes: %d files; per case the fastest clean pass of each side"
              % (len(tp), len(sp)))
        print()
        table(t, anchor_cases(s.values()), anchor_key)
        return
    if len(argv) < 2:
        sys.exit(__doc__)
    t = torch_cases(argv[0])
    docs = [json.load(open(p)) for p in argv[1:]]
    if is_anchor_json(docs[0]):
        if len(docs) > 1:
            sys.exit("give one CpuAnchor JSON (or use --merge-passes for several)")
        table(t, anchor_cases(docs[0]["results"]), anchor_key)
    else:
        table(t, jmh_cases(docs), jmh_key)


if __name__ == "__main__":
    main(sys.argv[1:])
