#!/usr/bin/env bash
# JMH microbenchmarks of the hot pure-Java paths (src/jmh/java, Maven profile "jmh").
#
#   bench/jmh.sh                          # every benchmark, defaults below (~4 min on 2 cores)
#   bench/jmh.sh SseParser Catalog        # only regexes: those benchmarks, with the defaults
#   bench/jmh.sh SseParser -f 1 -i 10 -prof gc   # any option given: the arguments replace the defaults
#   bench/jmh.sh -l                       # list the benchmarks
#   bench/jmh.sh --save [JMH args]        # also keep the output in bench/results/jmh-<UTC>-<sha>.txt
#
# Arguments are handed to org.openjdk.jmh.Main as one space-separated line (no argument may
# contain a space). Not part of ./mvnw verify. Needs JDK 25: JAVA_HOME defaults to Temurin 25.
set -euo pipefail
cd "$(dirname "$0")/.."

DEFAULT_ARGS="-f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

save=""
if [[ "${1:-}" == "--save" ]]; then
  shift
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  sha="$(git rev-parse --short HEAD 2>/dev/null || echo nogit)"
  save="bench/results/jmh-${stamp}-${sha}.txt"
fi
# Regexes alone keep the short defaults (JMH's own are 5 forks x 5 x 10 s per benchmark).
args="$*"
options=no
for a in "$@"; do [[ "$a" == -* ]] && options=yes; done
[[ "$options" == no ]] && args="$DEFAULT_ARGS${args:+ $args}"

run() {
  # Maven 3.9 itself (Guice) also warns about sun.misc.Unsafe on JDK 25; keep that out of the output.
  MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
  ./mvnw -B -ntp -q -Pjmh -DskipTests test-compile exec:exec -Djmh.args="$args"
}

if [[ -n "$save" ]]; then
  mkdir -p bench/results
  {
    echo "# bench/jmh.sh $args"
    echo "# commit $(git rev-parse HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty work tree)')"
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
    echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  } > "$save"
  run 2>&1 | tee -a "$save"
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$save"
  echo "Saved to $save"
else
  run
fi
