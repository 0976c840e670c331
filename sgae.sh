#!/usr/bin/env bash
# Builds sgae on first use and runs its command line (org.sgae.cli.Main); arguments are passed on.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cp_file="$here/sgae/target/classpath.txt"
if [[ ! -f "$here/sgae/target/sgae-app-0.1.0-SNAPSHOT.jar" || ! -f "$cp_file" ]]; then
  # One reactor invocation, so sibling modules resolve to the jars just built (nothing is installed in ~/.m2).
  (cd "$here" && mvn -B -ntp -q package dependency:build-classpath -DskipTests -pl sgae -am \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime)
fi
java_bin="${JAVA:-java}"
# PoCL (OpenCL on the CPU) loads LLVM, whose SIGSEGV handler would replace the JVM's and turn the JVM's own signals
# (safepoint polls, implicit null checks) into crashes; the JDK's libjsig chains the handlers (see pom.xml).
jsig="$(dirname "$(dirname "$(readlink -f "$(command -v "$java_bin")")")")/lib/libjsig.so"
if [[ -f $jsig ]]; then
  export LD_PRELOAD="${LD_PRELOAD:+$LD_PRELOAD:}$jsig"
fi
# The demo's budget is 4 GiB of RSS: its heap is capped at 3 GiB unless SGAE_JAVA_OPTS names a heap size itself.
if [[ "${1:-}" == demo && "${SGAE_JAVA_OPTS:-}" != *-Xmx* ]]; then
  SGAE_JAVA_OPTS="${SGAE_JAVA_OPTS:+$SGAE_JAVA_OPTS }-Xmx3g"
fi
# SGAE_JAVA_OPTS: extra JVM flags, e.g. a heap size (-Xmx16g) for the vg preset.
# shellcheck disable=SC2086
exec "$java_bin" ${SGAE_JAVA_OPTS:-} --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC -Djava.awt.headless=true \
  -cp "$here/sgae/target/sgae-app-0.1.0-SNAPSHOT.jar:$(cat "$cp_file")" org.sgae.cli.Main "$@"
