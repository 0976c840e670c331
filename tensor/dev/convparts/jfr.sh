#!/bin/bash
# JFR method profile of one part in a loop, top frames counted.
# usage: tensor/dev/convparts/jfr.sh CLASSES NAME PART(fwd|bwdIn|bwdW|all) SECONDS N,CIN,COUT,HW
C=$1; N=$2; shift 2
java --add-modules jdk.incubator.vector -Xms2g -Xmx2g -Dsgae.threads=1 -Dsgae.gemm.tile=4x2v512 \
    -XX:StartFlightRecording=filename=/tmp/cp/$N.jfr,settings=profile -cp /tmp/cp/out:$C convparts.ConvParts loop "$@" \
    2>&1 | grep -v "WARNING: Using incubator\|Started recording\|jfr.dump\|Use jcmd"
jfr print --events jdk.ExecutionSample /tmp/cp/$N.jfr > /tmp/cp/$N.txt
awk '/stackTrace = \[/{getline; sub(/^[ \t]+/,""); sub(/line:.*/,""); print}' /tmp/cp/$N.txt | sort | uniq -c | sort -rn | head -25
echo "total samples: $(grep -c 'jdk.ExecutionSample' /tmp/cp/$N.txt)"
