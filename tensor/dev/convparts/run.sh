#!/bin/bash
# Thread CPU time per part, one thread. usage: tensor/dev/convparts/run.sh CLASSES parts REPS N,CIN,COUT,HW ...
# (CLASSES: a copy of tensor/target/classes; the harness compiled to /tmp/cp/out, see README.md here)
C=$1; shift
exec java --add-modules jdk.incubator.vector -Xms2g -Xmx2g -Dsgae.threads=1 -Dsgae.gemm.tile=4x2v512 \
    -cp /tmp/cp/out:$C convparts.ConvParts "$@" 2>&1 | grep -v "WARNING: Using incubator"
