#!/usr/bin/env bash
# Throughput benchmark: documentation example #1 (grok + 3 aggregate blocks + conditionals) over
# a generated log of TASKS interleaved tasks (4 lines each), through the real CLI, in streaming
# and batch mode at parallelism 1 and 2. Prints lines/s with and without start-up time.
#
#   mvn -q -DskipTests package && scripts/benchmark.sh [TASKS]      (default 250000 = 1M lines)
set -euo pipefail
cd "$(dirname "$0")/.."
TASKS=${1:-250000}
JAR=target/log-aggregate.jar
[[ -f $JAR ]] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
dir=target/bench
rm -rf "$dir" && mkdir -p "$dir"

# tasks come in waves of 100, interleaved: START x100, SQL x100, SQL x100, END x100
awk -v n="$TASKS" 'BEGIN {
  for (w = 0; w < n; w += 100) {
    m = (w + 100 > n) ? n : w + 100
    for (i = w; i < m; i++) printf "INFO - t%d - TASK_START - start\n", i
    for (i = w; i < m; i++) printf "INFO - t%d - SQL - sqlQuery1 - %d\n", i, i % 50
    for (i = w; i < m; i++) printf "INFO - t%d - SQL - sqlQuery2 - 7\n", i
    for (i = w; i < m; i++) printf "INFO - t%d - TASK_END - end\n", i
  }
}' > "$dir/input.log"
: > "$dir/empty.log"
LINES=$(wc -l < "$dir/input.log")

pipeline() { # $1 input file, $2 output file
  sed -e "s#jobs/example1/input.log#$1#" \
      -e "s#stdout { codec => json_lines }#if [logger] == \"TASK_END\" { file { path => \"$2\" } }#" \
      jobs/example1/pipeline.conf
}
pipeline "$dir/empty.log" "$dir/empty.out" > "$dir/empty.conf"

now() { date +%s.%N; }
echo "log-aggregate benchmark: $LINES lines ($TASKS tasks), $(nproc) cores, $(java -version 2>&1 | head -1)"
printf '%-10s %-4s %10s %10s %14s %14s\n' mode p "total s" "startup s" "lines/s" "lines/s (net)"
for mode in streaming batch; do
  for p in 1 2; do
    out="$dir/out-$mode-$p.jsonl"
    pipeline "$dir/input.log" "$out" > "$dir/run.conf"
    t0=$(now); java -jar "$JAR" run "$dir/empty.conf" --mode "$mode" -p "$p" 2>/dev/null; t1=$(now)
    java -jar "$JAR" run "$dir/run.conf" --mode "$mode" -p "$p" 2>"$dir/run-$mode-$p.err"; t2=$(now)
    got=$(wc -l < "$out")
    if [[ $got -ne $TASKS ]]; then echo "WRONG: $got aggregated events, expected $TASKS" >&2; exit 1; fi
    awk -v l="$LINES" -v a="$t0" -v b="$t1" -v c="$t2" -v m="$mode" -v p="$p" 'BEGIN {
      s = b - a; t = c - b
      printf "%-10s %-4s %10.1f %10.1f %14.0f %14.0f\n", m, p, t, s, l / t, l / (t - s) }'
  done
done
