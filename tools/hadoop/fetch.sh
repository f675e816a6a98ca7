#!/usr/bin/env bash
# Fetches the real Hadoop jars (tools/hadoop/pom.xml) into tools/hadoop/.cache/lib and compiles
# the test drivers in tools/hadoop/java into tools/hadoop/.cache/classes. Maven keeps the
# downloads in its local repository, so a second run takes seconds. Needs java, javac and mvn.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="$here/.cache"
mkdir -p "$cache"
if [ ! -f "$cache/lib.stamp" ] || [ "$here/pom.xml" -nt "$cache/lib.stamp" ]; then
  rm -rf "$cache/lib"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$cache/lib"
  touch "$cache/lib.stamp"
fi
rm -rf "$cache/classes"
mkdir -p "$cache/classes"
javac -nowarn -d "$cache/classes" -cp "$cache/lib/*" "$here"/java/*.java
echo "hadoop peers ready in $cache"
