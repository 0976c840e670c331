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
exec "${JAVA:-java}" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC \
  -cp "$here/sgae/target/sgae-app-0.1.0-SNAPSHOT.jar:$(cat "$cp_file")" org.sgae.cli.Main "$@"
