#!/usr/bin/env bash
# Compiles every portable kernel family src/main/kernels/*.k to PTX (compute_80) into $2.
# Called by Maven (kernels/pom.xml, exec-maven-plugin, phase process-classes). $1 = nvcc to use (a path or a
# name looked up on PATH). Without nvcc it only warns: the build must pass on machines without CUDA.
# Incremental: a .ptx newer than its .k and portable.h is kept.
set -euo pipefail
nvcc_cmd="$1"
out="$2"
if ! command -v "$nvcc_cmd" >/dev/null 2>&1; then
  echo "[WARNING] nvcc not found: no PTX built; the CUDA backend will compile at first use if nvcc is on PATH" >&2
  exit 0
fi
mkdir -p "$out"
for k in src/main/kernels/*.k; do
  name=$(basename "$k" .k)
  ptx="$out/$name.ptx"
  if [[ -f "$ptx" && "$ptx" -nt "$k" && "$ptx" -nt src/main/kernels/portable.h ]]; then
    continue
  fi
  echo "[INFO] nvcc $name.k -> $ptx"
  "$nvcc_cmd" -x cu -ptx -arch=compute_80 -I src/main/kernels -o "$ptx" "$k"
done
