#!/usr/bin/env bash
# GPU runbook for the kernels module. Two halves:
#
#   bash kernels/gpu/run-gpu.sh prepare      # HERE (dev machine: Maven, Temurin 25, nvcc): stage .gpu/
#   bash kernels/gpu/run-gpu.sh run [steps]  # ON THE GPU MACHINE, from the repo root, with .gpu/bundle.tar.xz carried
#
# prepare builds kernels (with PTX from nvcc) and bench, jlinks a Temurin 25 runtime, copies the jars, the test
# classes and the torch anchors (../shared does not travel) into .gpu/stage/, and packs .gpu/bundle.tar.xz
# (about 25 MiB: carry limit is 64 MiB). The GPU machine has no Maven and no JDK: run only uses the bundle.
#
# run steps (default: all, in this order; each is guarded, a failure is recorded and the next step runs):
#   info      nvidia-smi, driver version; PTX ISA fix-up for drivers older than r580 (see below)
#   parity    CUDA parity suite (GpuSuiteMain '.*Cuda.*Test'), then the OpenCL/unit suites if an ICD exists
#   memcheck  compute-sanitizer --tool memcheck over the CUDA parity suite
#   racecheck compute-sanitizer --tool racecheck over the CUDA parity suite (shared-memory hazards: gemm, reduce,
#             batchnorm tree reductions)
#   bench     JMH org.sgae.bench.backend.* with -p backend=cpu,cuda (JSON)
#   torch     python3 anchors/gpu_torch_anchor.py --only sgemm,conv --passes fp32,tf32 (if torch with CUDA is there)
#   table     one comparison table: JMH (sgae cpu / cuda) vs the torch anchor, same case names
# Results go to .gpu/out (and are copied to $OUT, the device tool's output folder, after each call). The whole run
# takes about 30 minutes; with commands limited to 10 minutes, split it (the machine must stay warm between calls):
#   run info parity memcheck
#   run racecheck torch
#   BENCH='org.sgae.bench.backend.(Linalg|Nn)Bench.*' run bench
#   BENCH='org.sgae.bench.backend.(Elementwise|Reduce|Index)Bench.*' run bench
#   BENCH='org.sgae.bench.backend.(Detection|Layout)Bench.*' run bench table
#
# PTX: nvcc 13 emits PTX ISA 9.0, which needs an r580+ (CUDA 13) driver to JIT. On an older driver, `info`
# rewrites the carried PTX's ".version 9.0" to ".version 8.0" into an override folder that goes first on the
# classpath (our kernels use no 9.0-only features), or recompiles with the GPU machine's nvcc when it has one.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
GPU="$ROOT/.gpu"
STAGE="$GPU/stage"
TEMURIN=${TEMURIN:-/usr/lib/jvm/temurin-25-jdk-amd64}
JFLAGS=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED)

prepare() {
  set -e
  cd "$ROOT"
  rm -rf "$STAGE" "$GPU/bundle.tar.xz"
  mkdir -p "$STAGE/lib" "$STAGE/test" "$STAGE/bench" "$STAGE/anchors"
  mvn -B -ntp -o -pl kernels,bench -am package -DskipTests dependency:copy-dependencies -DincludeScope=test
  ls kernels/target/classes/kernels/cuda/*.ptx >/dev/null || { echo "no PTX built (nvcc missing?)" >&2; exit 1; }
  # runtime: Temurin 25 (needs only glibc >= 2.17 on the GPU machine); zip-6 keeps the bundle small;
  # java.management is for JMH (ManagementFactory), on top of toolchain.md's module list
  "$TEMURIN/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.incubator.vector,jdk.unsupported \
      --strip-debug --no-man-pages --no-header-files --compress=zip-6 --output "$STAGE/jre"
  # jars: module jars + dependencies; jcuda-natives repacked with only the driver library (0.3 of 9.1 MiB:
  # NVRTC and the PTX compiler are never used)
  cp kernels/target/sgae-kernels-*.jar "$STAGE/lib/"
  for j in kernels/target/dependency/*.jar; do
    case "$(basename "$j")" in
      jcuda-natives-*) ;;
      *) cp "$j" "$STAGE/lib/" ;;
    esac
  done
  local tmp; tmp=$(mktemp -d)
  (cd "$tmp" && unzip -q "$ROOT"/kernels/target/dependency/jcuda-natives-*.jar 'lib/libJCudaDriver-*' 'META-INF/MANIFEST.MF' \
     && "$TEMURIN/bin/jar" --create --file "$STAGE/lib/jcuda-natives-driver-only.jar" --manifest META-INF/MANIFEST.MF lib)
  rm -rf "$tmp"
  # a folder, not a jar: JUnit scans packages in jars through the zip file system (module jdk.zipfs), which the
  # minimal runtime leaves out
  cp -r kernels/target/test-classes "$STAGE/test/classes"
  cp bench/target/sgae-bench-*.jar "$STAGE/bench/"
  for j in bench/target/dependency/jmh-core-*.jar bench/target/dependency/jopt-simple-*.jar \
           bench/target/dependency/commons-math3-*.jar; do cp "$j" "$STAGE/bench/"; done
  cp "$ROOT"/../shared/anchors/*.py "$ROOT"/../shared/anchors/README.md "$STAGE/anchors/" 2>/dev/null \
    || cp /work/shared/anchors/*.py /work/shared/anchors/README.md "$STAGE/anchors/"
  cp "$ROOT/kernels/gpu/compare.py" "$STAGE/"
  (cd "$GPU" && tar -cf - stage | xz -T2 -6 > bundle.tar.xz)
  du -sh "$STAGE" "$GPU/bundle.tar.xz"
  echo "prepared. On the GPU machine, from the repo root: bash kernels/gpu/run-gpu.sh run   (carry .gpu/bundle.tar.xz)"
}

unpack() {
  if [[ ! -x "$STAGE/jre/bin/java" ]]; then
    [[ -f "$GPU/bundle.tar.xz" ]] || { echo "no $GPU/bundle.tar.xz: run 'prepare' first and carry it" >&2; exit 1; }
    (cd "$GPU" && xz -dc bundle.tar.xz | tar -xf -)
  fi
}

JAVA() { "$STAGE/jre/bin/java" "${JFLAGS[@]}" "$@"; }
TEST_CP() { echo "$STAGE/ptx-override:$STAGE/test/classes:$STAGE/lib/*"; }

step_info() {
  nvidia-smi || true
  local drv; drv=$(nvidia-smi --query-gpu=driver_version --format=csv,noheader 2>/dev/null | head -1)
  echo "driver: ${drv:-unknown}"
  mkdir -p "$STAGE/ptx-override/kernels/cuda"
  local major=${drv%%.*}
  if [[ -n "$drv" && "$major" =~ ^[0-9]+$ && "$major" -lt 580 ]]; then
    local tmp; tmp=$(mktemp -d)
    (cd "$tmp" && unzip -q -o "$STAGE"/lib/sgae-kernels-*.jar 'kernels/*')
    if command -v nvcc >/dev/null; then
      echo "driver $drv < r580: recompiling PTX with this machine's nvcc ($(nvcc --version | tail -1))"
      for k in "$tmp"/kernels/*.k; do
        nvcc -x cu -ptx -arch=compute_80 -I "$tmp/kernels" -o "$STAGE/ptx-override/kernels/cuda/$(basename "$k" .k).ptx" "$k"
      done
    else
      echo "driver $drv < r580 and no nvcc: rewriting PTX ISA 9.0 -> 8.0 (untested fallback)"
      for p in "$tmp"/kernels/cuda/*.ptx; do
        sed 's/^\.version 9\.[0-9]*/.version 8.0/' "$p" > "$STAGE/ptx-override/kernels/cuda/$(basename "$p")"
      done
    fi
    rm -rf "$tmp"
  fi
}

step_parity() {
  JAVA -cp "$(TEST_CP)" org.sgae.kernels.GpuSuiteMain '.*Cuda.*Test' 2>&1 | tee "$OUTDIR/parity-cuda.txt"
  local rc=${PIPESTATUS[0]}
  if command -v clinfo >/dev/null && clinfo -l 2>/dev/null | grep -q Device; then
    JAVA -cp "$(TEST_CP)" org.sgae.kernels.GpuSuiteMain '.*' 2>&1 | tee "$OUTDIR/parity-all.txt"
  fi
  return "$rc"
}

sanitize() { # $1 = tool
  if ! command -v compute-sanitizer >/dev/null; then
    echo "compute-sanitizer not found (CUDA toolkit not installed here): skipped" | tee "$OUTDIR/$1.txt"
    return 0
  fi
  # --error-exitcode: any hazard or invalid access fails the step; the JVM itself makes no CUDA calls of its own
  SGAE_CUDA_SYNC=1 timeout 420 compute-sanitizer --tool "$1" --error-exitcode 99 --print-limit 50 \
      "$STAGE/jre/bin/java" "${JFLAGS[@]}" -cp "$(TEST_CP)" org.sgae.kernels.GpuSuiteMain '.*Cuda.*Test' \
      2>&1 | tee "$OUTDIR/$1.txt"
  return "${PIPESTATUS[0]}"
}

# BENCH: a JMH regex (default every kernel benchmark, ~190 trials, ~16 min with these iteration counts: split it,
# see the header). JMH_OPTS: iteration settings. Each group writes its own jmh-<group>.json; `table` merges them.
step_bench() {
  local regex=${BENCH:-org.sgae.bench.backend.*}
  local tag; tag=$(echo "$regex" | tr -c 'A-Za-z0-9' '_' | cut -c1-60)
  # shellcheck disable=SC2086
  JAVA -cp "$STAGE/ptx-override:$STAGE/bench/*:$STAGE/lib/*" org.openjdk.jmh.Main "$regex" \
      -p backend=cpu,cuda ${JMH_OPTS:--f 1 -wi 2 -i 3 -w 500ms -r 500ms} \
      -rf json -rff "$OUTDIR/jmh-$tag.json" 2>&1 | tee "$OUTDIR/jmh-$tag.txt"
  return "${PIPESTATUS[0]}"
}

step_torch() {
  if ! python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
    echo "python3 with CUDA torch not available: anchor skipped" | tee "$OUTDIR/torch.txt"
    return 0
  fi
  python3 "$STAGE/anchors/gpu_torch_anchor.py" --only sgemm,conv --passes fp32,tf32 --out "$OUTDIR/torch.json" \
      2> "$OUTDIR/torch.stderr" > /dev/null
}

step_table() {
  python3 - "$OUTDIR" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
merged = []
for p in sorted(glob.glob(os.path.join(out, "jmh-*.json"))):
    with open(p) as f:
        merged.extend(json.load(f))
with open(os.path.join(out, "jmh.json"), "w") as f:
    json.dump(merged, f)
PY
  python3 "$STAGE/compare.py" "$OUTDIR/jmh.json" "$OUTDIR/torch.json" | tee "$OUTDIR/table.md"
}

run() {
  unpack
  # Results stay in .gpu/out on the machine (kept between calls while it is warm), so split runs add up; each
  # call also copies them to $OUT, the device tool's folder that comes back.
  OUTDIR=$GPU/out
  mkdir -p "$OUTDIR"
  local steps=("$@")
  [[ ${#steps[@]} -eq 0 || "${steps[0]}" == all ]] && steps=(info parity memcheck racecheck bench torch table)
  local status=()
  for s in "${steps[@]}"; do
    echo "=== $s ==="
    local t0=$SECONDS rc=0
    case "$s" in
      info) step_info || rc=$? ;;
      parity) step_parity || rc=$? ;;
      memcheck|racecheck) sanitize "$s" || rc=$? ;;
      bench) step_bench || rc=$? ;;
      torch) step_torch || rc=$? ;;
      table) step_table || rc=$? ;;
      *) echo "unknown step $s"; rc=64 ;;
    esac
    status+=("$s: rc=$rc, $((SECONDS - t0)) s")
  done
  echo "=== summary ==="
  printf '%s\n' "${status[@]}" | tee -a "$OUTDIR/summary.txt"
  if [[ -n "${OUT:-}" ]]; then cp -r "$OUTDIR"/. "$OUT"/; fi
}

case "${1:-}" in
  prepare) prepare ;;
  run) shift; run "$@" ;;
  *) sed -n '2,30p' "$0"; exit 64 ;;
esac
