"""Process CPU time of the anchor's roi_align / layout / pairs workloads in torch, for a same-sitting comparison
with sgae on a busy machine (wall time is meaningless when other processes oversubscribe the cores; CPU time is
much less affected). Uses the anchor's own workload code (the SHARED WORKLOADS block of
shared/anchors/cpu_torch_anchor.py, exec'd verbatim). Prints one line per case: best-of-N CPU ms per call.

    /usr/bin/python3 bench/scripts/torch_cpu_time.py [--threads 1] [--reps 20]
"""
import argparse
import math
import re
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

ap = argparse.ArgumentParser()
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--reps", type=int, default=20)
ap.add_argument("--anchor", default="/work/shared/anchors/cpu_torch_anchor.py")
args = ap.parse_args()
torch.set_num_threads(args.threads)

src = open(args.anchor).read()
block = re.search(r"# === BEGIN SHARED WORKLOADS[^\n]*\n(.*)# === END SHARED WORKLOADS ===", src, re.S).group(1)
ns = dict(torch=torch, nn=nn, F=F, math=math, torchvision=torchvision)
exec(block, ns)
dev = torch.device("cpu")
cases = []
for c in ns["ROI_CASES"]:
    cases += ns["build_roi_align"](dev, c, torchvision.ops.roi_align)
for c in ns["LAYOUT_CASES"]:
    cases += ns["build_layout"](dev, c)
for c in ns["PAIR_CASES"]:
    if not c[-1]:
        cases += ns["build_pairs"](dev, c)
for case in cases:
    fn = case["fn"]
    t_end = time.perf_counter() + 0.5
    while time.perf_counter() < t_end:
        fn()
    best = float("inf")
    for _ in range(args.reps):
        c0 = time.process_time()
        fn()
        best = min(best, time.process_time() - c0)
    print("%-55s cpu-best %9.3f ms" % (case["name"], best * 1e3), flush=True)
