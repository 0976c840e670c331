#!/usr/bin/env bash
# Same-protocol comparison of sgae with the PyTorch anchor, sides alternating so that drift in the host's load
# hits both: for p in 1..PASSES, one pass of cpu_torch_anchor.py, then one pass of CpuAnchor; at the end, per case
# the fastest clean pass of each side (the script's finish_case rule) in one table.
#
#   bench/pair_torch.sh OUTDIR [SECTIONS] [PASSES]      SECTIONS default sgemm,conv,crn, PASSES default 3
#
# Needs bench/target/benchmarks.jar (mvn -B -ntp -o -pl bench -am package -DskipTests). Environment:
#   JAVA          java launcher (default: java)
#   TORCH_ANCHOR  the torch script (default: /work/shared/anchors/cpu_torch_anchor.py)
#   PYTHON_TORCH  Python that sees Debian's python3-torch (default: /usr/bin/python3; a pyenv python3 does not)
#   THREADS       threads on both sides (default 2: torch --threads, sgae -Dsgae.threads)
#   HEAP          sgae heap, -Xms = -Xmx (default 4g; 6g when SECTIONS has crn, as CrnBench's JMH fork)
#   ANCHOR_ARGS   extra CpuAnchor options, e.g. "--max-wait-s 60"; TORCH_ARGS likewise for the torch script
set -euo pipefail

if [[ $# -lt 1 || $# -gt 3 ]]; then
    echo "usage: $0 OUTDIR [SECTIONS] [PASSES]" >&2
    exit 2
fi
OUTDIR=$1
SECTIONS=${2:-sgemm,conv,crn}
PASSES=${3:-3}
JAVA=${JAVA:-java}
TORCH_ANCHOR=${TORCH_ANCHOR:-/work/shared/anchors/cpu_torch_anchor.py}
PYTHON_TORCH=${PYTHON_TORCH:-/usr/bin/python3}
THREADS=${THREADS:-2}
if [[ -z ${HEAP:-} ]]; then
    if [[ ,$SECTIONS, == *,crn,* ]]; then HEAP=6g; else HEAP=4g; fi
fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/bench/target/benchmarks.jar
[[ -f $JAR ]] || { echo "$0: no $JAR; build it: mvn -B -ntp -o -pl bench -am package -DskipTests" >&2; exit 2; }
[[ -f $TORCH_ANCHOR ]] || { echo "$0: no torch script $TORCH_ANCHOR (set TORCH_ANCHOR)" >&2; exit 2; }
[[ $PASSES =~ ^[1-9][0-9]*$ ]] || { echo "$0: PASSES must be a positive integer, not '$PASSES'" >&2; exit 2; }
mkdir -p "$OUTDIR"

for ((p = 1; p <= PASSES; p++)); do
    echo "== pass $p/$PASSES: torch ($(date -u +%H:%M:%S) UTC)" >&2
    # shellcheck disable=SC2086  # *_ARGS are meant to split into options
    "$PYTHON_TORCH" "$TORCH_ANCHOR" --only "$SECTIONS" --runs 1 --threads "$THREADS" ${TORCH_ARGS:-} \
        --out "$OUTDIR/torch_p$p.json" > /dev/null
    echo "== pass $p/$PASSES: sgae ($(date -u +%H:%M:%S) UTC)" >&2
    # shellcheck disable=SC2086
    "$JAVA" --add-modules jdk.incubator.vector -Xms"$HEAP" -Xmx"$HEAP" -XX:+AlwaysPreTouch -Dsgae.threads="$THREADS" \
        -cp "$JAR" org.sgae.bench.anchor.CpuAnchor --only "$SECTIONS" --runs 1 ${ANCHOR_ARGS:-} \
        --out "$OUTDIR/sgae_p$p.json" > /dev/null
done

torch_files=() sgae_files=()
for ((p = 1; p <= PASSES; p++)); do
    torch_files+=("$OUTDIR/torch_p$p.json")
    sgae_files+=("$OUTDIR/sgae_p$p.json")
done
python3 "$ROOT/bench/compare_torch.py" --merge-passes "${torch_files[@]}" -- "${sgae_files[@]}" | tee "$OUTDIR/table.md"
