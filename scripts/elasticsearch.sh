#!/usr/bin/env bash
# A local Elasticsearch 7.17 for development and the *ITCase tests.
#
#   scripts/elasticsearch.sh start  [--port N] [--dir D]   start (free port unless --port)
#   scripts/elasticsearch.sh stop   [--dir D]              stop the one started in D
#   scripts/elasticsearch.sh status [--dir D]              print its URL and health, exit 1 if down
#
# D defaults to target/es (relative to the project root). After `start`, D/es.port holds the
# HTTP port and D/es.pid the process id; the server answers on http://127.0.0.1:PORT.
#
# The server is Elastic's integ-test-zip from Maven Central (the only registry reachable here):
# a small distribution with the netty transport and x-pack core/security modules only (no
# painless, no ingest pipelines). The zip is cached in ~/.cache/log-aggregate. Elasticsearch
# refuses to run as root, so when this script runs as root it runs the server as an
# unprivileged system user (created on first use). Security is off and it listens on loopback
# only: it is a test server, never expose it.
set -euo pipefail

ES_VERSION=7.17.29
ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
ES_USER=logaggregate-es
HEAP=512m
START_TIMEOUT_S=${ES_START_TIMEOUT_S:-180}

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/log-aggregate"

cmd="${1:-}"
shift || true
port=""
dir="$PROJECT_DIR/target/es"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --port) port="$2"; shift 2 ;;
        --dir) dir="$2"; shift 2 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

log() { echo "[elasticsearch.sh] $*" >&2; }

is_running() {
    [[ -f "$dir/es.pid" ]] && kill -0 "$(cat "$dir/es.pid")" 2>/dev/null
}

health() { # $1 = port; prints the cluster status (green/yellow/red) or nothing
    curl -s --max-time 5 "http://127.0.0.1:$1/_cluster/health" 2>/dev/null \
        | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' || true
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
    local p
    for _ in $(seq 1 100); do
        p=$((20000 + RANDOM % 30000))
        if ! port_in_use "$p"; then
            echo "$p"
            return
        fi
    done
    log "no free port found"
    exit 1
}

# The zip, from the cache or from Maven Central through Maven itself (no other download tool
# and no other host is needed).
fetch_zip() {
    local zip="$CACHE_DIR/elasticsearch-${ES_VERSION}.zip"
    if [[ ! -s "$zip" ]]; then
        mkdir -p "$CACHE_DIR"
        log "fetching $ES_ARTIFACT"
        local batch=()
        [[ "${CI:-}" == "true" ]] && batch=(-B)
        (cd "$PROJECT_DIR" && mvn -q "${batch[@]}" dependency:copy \
            -Dartifact="$ES_ARTIFACT" -DoutputDirectory="$CACHE_DIR" >&2)
    fi
    echo "$zip"
}

java_home() {
    if [[ -n "${ES_JAVA_HOME:-}" ]]; then
        echo "$ES_JAVA_HOME"
    elif [[ -n "${JAVA_HOME:-}" ]]; then
        echo "$JAVA_HOME"
    else
        dirname "$(dirname "$(readlink -f "$(command -v java)")")"
    fi
}

# Runs a command as the user the server runs as.
as_es_user() {
    if [[ "$(id -u)" == 0 ]]; then
        runuser -u "$ES_USER" -- "$@"
    else
        "$@"
    fi
}

start() {
    if is_running; then
        log "already running on port $(cat "$dir/es.port" 2>/dev/null) (pid $(cat "$dir/es.pid"))"
        return 0
    fi
    [[ -n "$port" ]] || port="$(free_port)"
    if port_in_use "$port"; then
        log "port $port is in use"
        exit 1
    fi
    rm -f "$dir/es.port" "$dir/es.pid"

    # Where the server's files live. As root the server runs as $ES_USER, which must be able
    # to reach them: if it cannot traverse $dir (a project under /root, say), use /tmp.
    local run="$dir/run"
    if [[ "$(id -u)" == 0 ]]; then
        if ! id "$ES_USER" >/dev/null 2>&1; then
            useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
        fi
        mkdir -p "$run"
        chown "$ES_USER" "$run"
        if ! runuser -u "$ES_USER" -- test -w "$run"; then
            run="/tmp/log-aggregate-es-$(echo "$dir" | cksum | cut -d' ' -f1)"
            log "$dir is not reachable by $ES_USER; server files go to $run"
        fi
    fi
    mkdir -p "$run"
    echo "$run" >"$dir/es.run"

    local home="$run/elasticsearch-${ES_VERSION}"
    if [[ ! -x "$home/bin/elasticsearch" ]]; then
        local zip
        zip="$(fetch_zip)"
        unzip -q -o "$zip" -d "$run"
    fi
    # its own temporary files (ES_TMPDIR) beside the data, not in /tmp
    mkdir -p "$run/data" "$run/logs" "$run/tmp"
    [[ "$(id -u)" == 0 ]] && chown -R "$ES_USER" "$run"

    log "starting Elasticsearch $ES_VERSION on 127.0.0.1:$port (files in $run)"
    # Disk thresholds off: a nearly full disk would make indices read-only mid-test.
    as_es_user env ES_JAVA_HOME="$(java_home)" ES_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP -XX:-UsePerfData" \
        ES_PATH_CONF="$home/config" ES_TMPDIR="$run/tmp" \
        "$home/bin/elasticsearch" -d -p "$run/es.pid" \
        -Ediscovery.type=single-node \
        -Expack.security.enabled=false \
        -Enetwork.host=127.0.0.1 \
        -Ehttp.port="$port" \
        -Epath.data="$run/data" \
        -Epath.logs="$run/logs" \
        -Ecluster.routing.allocation.disk.threshold_enabled=false \
        -Eaction.auto_create_index=true \
        >"$dir/es.out" 2>&1 || {
        log "Elasticsearch failed to start:"
        tail -50 "$dir/es.out" >&2
        exit 1
    }

    local deadline=$((SECONDS + START_TIMEOUT_S)) status=""
    while ((SECONDS < deadline)); do
        status="$(health "$port")"
        [[ "$status" == green || "$status" == yellow ]] && break
        if [[ -f "$run/es.pid" ]] && ! kill -0 "$(cat "$run/es.pid")" 2>/dev/null; then
            break
        fi
        sleep 1
    done
    if [[ "$status" != green && "$status" != yellow ]]; then
        log "Elasticsearch did not become healthy (status '$status'); its log:"
        tail -50 "$run/logs/"*.log >&2 2>/dev/null || true
        [[ -f "$run/es.pid" ]] && kill -9 "$(cat "$run/es.pid")" 2>/dev/null || true
        exit 1
    fi
    cp "$run/es.pid" "$dir/es.pid"
    echo "$port" >"$dir/es.port"
    log "up: http://127.0.0.1:$port ($status), pid $(cat "$dir/es.pid")"
    echo "http://127.0.0.1:$port"
}

stop() {
    if ! is_running; then
        log "not running"
        rm -f "$dir/es.pid" "$dir/es.port"
        return 0
    fi
    local pid
    pid="$(cat "$dir/es.pid")"
    kill "$pid"
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/es.pid" "$dir/es.port"
    log "stopped (pid $pid)"
}

status() {
    if is_running && [[ -f "$dir/es.port" ]]; then
        local p
        p="$(cat "$dir/es.port")"
        echo "http://127.0.0.1:$p $(health "$p")"
    else
        echo "not running"
        return 1
    fi
}

case "$cmd" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status [--port N] [--dir D]" >&2; exit 2 ;;
esac
