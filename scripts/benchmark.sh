#!/usr/bin/env bash
# Throughput benchmark (README "Throughput"): builds the jars, runs the JMH micro-benchmarks
# (grok, date, one Ruby call: src/test/java/**/PostfixStagesJmh.java), then
# `log-aggregate bench run`: the postfix pipeline on generated logs through the real CLI,
# streaming and batch at parallelism 1 and 2, the plain Java loop on the same input, 10x the
# input, heap per open task. Prints the table; writes target/bench/result.json.
#
#   scripts/benchmark.sh [bench run options]       e.g. --mails 300000, --open-mails 0
#   SKIP_BUILD=1 SKIP_JMH=1 scripts/benchmark.sh    reuse the jars / skip the micro-benchmarks
#
# Millions of open tasks, per state backend (not part of the default run):
#   java -jar target/log-aggregate.jar bench state --tasks 5000000 --state-backend rocksdb
#   java -jar target/log-aggregate.jar bench state --tasks 5000000 --state-backend heap \
#       --jvm-option=-Xmx12g
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
if [[ -z ${SKIP_BUILD:-} ]]; then
  mvn -B -q -ntp -DskipTests package
fi
if [[ -z ${SKIP_JMH:-} ]]; then
  # (Flink's S3 file system is a plugin, never on a class path: it carries Hadoop's classes)
  mvn -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test \
    -DexcludeArtifactIds=flink-s3-fs-hadoop -Dmdep.outputFile=target/bench/test.classpath
  java -Djava.io.tmpdir=target/bench -cp "target/test-classes:target/classes:$(cat target/bench/test.classpath)" \
    org.openjdk.jmh.Main PostfixStagesJmh -rf json -rff target/bench/jmh.json
else
  rm -f target/bench/jmh.json
fi
exec java -jar target/log-aggregate.jar bench run "$@"
