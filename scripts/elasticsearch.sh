#!/usr/bin/env bash
# A local Elasticsearch 7.17, Elasticsearch 8.17 or OpenSearch 2.19 for development and the
# *ITCase tests.
#
#   scripts/elasticsearch.sh start  [--flavour F] [--port N] [--dir D]   start (free port unless --port)
#   scripts/elasticsearch.sh stop   [--flavour F] [--dir D]              stop the one started in D
#   scripts/elasticsearch.sh status [--flavour F] [--dir D]              print its URL and health, exit 1 if down
#
# F is es7 (Elasticsearch 7.17.29, the default), es8 (Elasticsearch 8.17.0) or opensearch
# (OpenSearch 2.19.1). D defaults to target/es, target/es8 or target/opensearch (relative to the
# project root). After `start`, D/es.port holds the HTTP port, D/es.pid the process id and D/es.url
# the base URL.
#
# es7 runs without security on http://127.0.0.1:PORT. es8 and opensearch run as their vendors
# ship them, with security on: HTTPS only, with a certificate signed by a CA this script makes
# with the JDK's keytool on first start (D/certs/ca.pem is that CA, to trust), and a superuser
# whose name and password are in D/es.user and D/es.password.
#
# The servers are the integ-test-zip distributions from Maven Central (the only registry reachable
# here), fetched through Maven itself: small distributions with the netty transport (and for
# Elasticsearch the x-pack core and security modules) only: no painless, no ingest pipelines, no
# built-in index templates. OpenSearch's security plugin is its own artifact
# (org.opensearch.plugin:opensearch-security), installed into the server with opensearch-plugin.
# The zips are cached in ~/.cache/log-aggregate. The servers refuse to run as root, so when this
# script runs as root it runs them as an unprivileged system user (created on first use). They
# listen on loopback only: they are test servers, never expose them.
set -euo pipefail

ES_USER=logaggregate-es
HEAP=512m
START_TIMEOUT_S=${ES_START_TIMEOUT_S:-240}
TLS_PASSWORD=log-aggregate-test # of the generated PKCS#12 key stores (test certificates only)

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/log-aggregate"

cmd="${1:-}"
shift || true
port=""
dir=""
flavour=es7
while [[ $# -gt 0 ]]; do
    case "$1" in
        --port) port="$2"; shift 2 ;;
        --dir) dir="$2"; shift 2 ;;
        --flavour) flavour="$2"; shift 2 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

case "$flavour" in
    es7)
        VERSION=7.17.29
        ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${VERSION}:zip"
        NAME=elasticsearch
        SECURE=false
        [[ -n "$dir" ]] || dir="$PROJECT_DIR/target/es"
        ;;
    es8)
        VERSION=8.17.0
        ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${VERSION}:zip"
        NAME=elasticsearch
        SECURE=true
        [[ -n "$dir" ]] || dir="$PROJECT_DIR/target/es8"
        ;;
    opensearch)
        VERSION=2.19.1
        ARTIFACT="org.opensearch.distribution.integ-test-zip:opensearch:${VERSION}:zip"
        SECURITY_ARTIFACT="org.opensearch.plugin:opensearch-security:${VERSION}.0:zip"
        NAME=opensearch
        SECURE=true
        [[ -n "$dir" ]] || dir="$PROJECT_DIR/target/opensearch"
        ;;
    *) echo "unknown flavour: $flavour (es7, es8 or opensearch)" >&2; exit 2 ;;
esac
SUPERUSER=logaggregate
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

log() { echo "[elasticsearch.sh $flavour] $*" >&2; }

is_running() {
    [[ -f "$dir/es.pid" ]] && kill -0 "$(cat "$dir/es.pid")" 2>/dev/null
}

scheme() { if [[ "$SECURE" == true ]]; then echo https; else echo http; fi; }

health() { # $1 = port; prints the cluster status (green/yellow/red) or nothing
    local auth=()
    if [[ "$SECURE" == true ]]; then
        auth=(--cacert "$dir/certs/ca.pem" -u "$SUPERUSER:$(cat "$dir/es.password" 2>/dev/null)")
    fi
    curl -s --max-time 5 "${auth[@]}" "$(scheme)://127.0.0.1:$1/_cluster/health" 2>/dev/null \
        | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' || true
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
    local p
    for _ in $(seq 1 100); do
        p=$((20000 + RANDOM % 30000))
        if ! port_in_use "$p" && ! port_in_use "$((p + 1))"; then
            echo "$p"
            return
        fi
    done
    log "no free port found"
    exit 1
}

# A Maven artifact (zip), from the cache or from Maven Central through Maven itself (no other
# download tool and no other host is needed). $1 = groupId:artifactId:version:zip
fetch_zip() {
    local artifact="$1" a v zip
    a="$(echo "$artifact" | cut -d: -f2)"
    v="$(echo "$artifact" | cut -d: -f3)"
    zip="$CACHE_DIR/$a-$v.zip"
    if [[ ! -s "$zip" ]]; then
        mkdir -p "$CACHE_DIR"
        log "fetching $artifact"
        local batch=()
        [[ "${CI:-}" == "true" ]] && batch=(-B)
        (cd "$PROJECT_DIR" && mvn -q "${batch[@]}" dependency:copy \
            -Dartifact="$artifact" -DoutputDirectory="$CACHE_DIR" >&2)
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

# A test CA and a certificate for 127.0.0.1/localhost signed by it, made with keytool: CA in
# D/certs/ca.p12 (its certificate in ca.pem), the node's key and chain in D/certs/node.p12.
make_certs() {
    local c="$dir/certs"
    [[ -s "$c/node.p12" && -s "$c/ca.pem" ]] && return 0
    rm -rf "$c"
    mkdir -p "$c"
    log "making a test CA and a server certificate in $c"
    local kt=(keytool -storetype PKCS12 -storepass "$TLS_PASSWORD" -keypass "$TLS_PASSWORD")
    "${kt[@]}" -genkeypair -keystore "$c/ca.p12" -alias ca -keyalg RSA -keysize 2048 \
        -validity 3650 -dname "CN=log-aggregate test CA" -ext bc:c >/dev/null 2>&1
    "${kt[@]}" -exportcert -keystore "$c/ca.p12" -alias ca -rfc -file "$c/ca.pem" >/dev/null 2>&1
    "${kt[@]}" -genkeypair -keystore "$c/node.p12" -alias node -keyalg RSA -keysize 2048 \
        -validity 3650 -dname "CN=node.log-aggregate.test" >/dev/null 2>&1
    "${kt[@]}" -certreq -keystore "$c/node.p12" -alias node -file "$c/node.csr" >/dev/null 2>&1
    "${kt[@]}" -gencert -keystore "$c/ca.p12" -alias ca -infile "$c/node.csr" \
        -outfile "$c/node.pem" -rfc -validity 3650 \
        -ext "SAN=ip:127.0.0.1,dns:localhost" -ext "EKU=serverAuth,clientAuth" \
        -ext "KU=digitalSignature,keyEncipherment" >/dev/null 2>&1
    "${kt[@]}" -importcert -noprompt -keystore "$c/node.p12" -alias ca -file "$c/ca.pem" \
        >/dev/null 2>&1
    "${kt[@]}" -importcert -noprompt -keystore "$c/node.p12" -alias node -file "$c/node.pem" \
        >/dev/null 2>&1
    "${kt[@]}" -importcert -noprompt -keystore "$c/truststore.p12" -alias ca -file "$c/ca.pem" \
        >/dev/null 2>&1
    rm -f "$c/node.csr"
}

# es8 only, test only: the security-analysis plugin (src/test/elasticsearch-plugins/
# security-analysis, see its README.md), compiled here with the JDK's javac against the server's
# own jars (lib/: elasticsearch-8.17.0.jar and Lucene's), rebuilt when its sources change, and
# copied into plugins/. It gives the .security index the analysis components it declares, which the
# integ-test distribution lacks (its analysis-common module is on no registry we can reach):
# without it no API key can be created.
install_security_analysis() { # $1 = home
    local home="$1" src="$PROJECT_DIR/src/test/elasticsearch-plugins/security-analysis"
    local build="$dir/security-analysis" jdk
    jdk="$(java_home)"
    local jar="$build/security-analysis-$VERSION.jar"
    if [[ ! -s "$jar" || -n "$(find "$src" -newer "$jar" -type f | head -1)" ]]; then
        log "building the security-analysis test plugin"
        rm -rf "$build"
        mkdir -p "$build/classes"
        # shellcheck disable=SC2046
        "$jdk/bin/javac" -nowarn --release 17 -cp "$home/lib/*" -d "$build/classes" \
            $(find "$src/java" -name '*.java') >&2
        "$jdk/bin/jar" --create --file "$jar" -C "$build/classes" .
    fi
    local plugin="$home/plugins/security-analysis"
    rm -rf "$plugin"
    mkdir -p "$plugin"
    cp "$jar" "$src/plugin-descriptor.properties" "$plugin/"
}

# es8: TLS on HTTP with the node's key store, and a superuser in the file realm.
configure_es8() { # $1 = home
    local home="$1" conf="$1/config"
    install_security_analysis "$home"
    cp "$dir/certs/node.p12" "$conf/node.p12"
    if ! grep -q "^xpack.security.http.ssl.keystore.path" "$conf/elasticsearch.yml"; then
        cat >>"$conf/elasticsearch.yml" <<EOF
xpack.security.enabled: true
xpack.security.http.ssl.enabled: true
xpack.security.http.ssl.keystore.path: node.p12
xpack.security.authc.api_key.enabled: true
EOF
    fi
    [[ "$(id -u)" == 0 ]] && chown -R "$ES_USER" "$home"
    local env=(env ES_JAVA_HOME="$(java_home)" ES_PATH_CONF="$conf")
    as_es_user "${env[@]}" "$home/bin/elasticsearch-keystore" create -s >/dev/null 2>&1 || true
    printf '%s' "$TLS_PASSWORD" | as_es_user "${env[@]}" "$home/bin/elasticsearch-keystore" \
        add -f -x xpack.security.http.ssl.keystore.secure_password >/dev/null
    as_es_user "${env[@]}" "$home/bin/elasticsearch-users" userdel "$SUPERUSER" \
        >/dev/null 2>&1 || true
    as_es_user "${env[@]}" "$home/bin/elasticsearch-users" useradd "$SUPERUSER" \
        -p "$(cat "$dir/es.password")" -r superuser >/dev/null
}

# opensearch: the security plugin, TLS on transport and HTTP with the node's key store, and a
# superuser (all_access) in its internal user database, loaded from the YAML files at first start.
configure_opensearch() { # $1 = home
    local home="$1" conf="$1/config"
    if [[ ! -d "$home/plugins/opensearch-security" ]]; then
        local zip
        zip="$(fetch_zip "$SECURITY_ARTIFACT")"
        OPENSEARCH_JAVA_HOME="$(java_home)" OPENSEARCH_PATH_CONF="$conf" \
            "$home/bin/opensearch-plugin" install --batch "file://$zip" >/dev/null
    fi
    cp "$dir/certs/node.p12" "$dir/certs/truststore.p12" "$conf/"
    if ! grep -q "^plugins.security.ssl.http.enabled" "$conf/opensearch.yml"; then
        cat >>"$conf/opensearch.yml" <<EOF
plugins.security.ssl.transport.keystore_type: PKCS12
plugins.security.ssl.transport.keystore_filepath: node.p12
plugins.security.ssl.transport.keystore_password: $TLS_PASSWORD
plugins.security.ssl.transport.truststore_type: PKCS12
plugins.security.ssl.transport.truststore_filepath: truststore.p12
plugins.security.ssl.transport.truststore_password: $TLS_PASSWORD
plugins.security.ssl.transport.enforce_hostname_verification: false
plugins.security.ssl.http.enabled: true
plugins.security.ssl.http.keystore_type: PKCS12
plugins.security.ssl.http.keystore_filepath: node.p12
plugins.security.ssl.http.keystore_password: $TLS_PASSWORD
plugins.security.ssl.http.truststore_type: PKCS12
plugins.security.ssl.http.truststore_filepath: truststore.p12
plugins.security.ssl.http.truststore_password: $TLS_PASSWORD
plugins.security.nodes_dn: ["CN=node.log-aggregate.test"]
plugins.security.allow_default_init_securityindex: true
plugins.security.audit.type: noop
plugins.security.system_indices.enabled: true
EOF
    fi
    local hash
    hash="$(OPENSEARCH_JAVA_HOME="$(java_home)" JAVA_HOME="$(java_home)" \
        bash "$home/plugins/opensearch-security/tools/hash.sh" -p "$(cat "$dir/es.password")" \
        2>/dev/null | tail -1)"
    cat >"$conf/opensearch-security/internal_users.yml" <<EOF
_meta:
  type: "internalusers"
  config_version: 2
$SUPERUSER:
  hash: "$hash"
  reserved: true
  backend_roles: ["admin"]
  description: "log-aggregate test superuser"
EOF
    [[ "$(id -u)" == 0 ]] && chown -R "$ES_USER" "$home"
}

start() {
    # one start at a time per directory: .ci/run may start a server in the background while a
    # test's extension asks for the same one
    exec 9>"$dir/.lock"
    flock 9
    if is_running; then
        log "already running on port $(cat "$dir/es.port" 2>/dev/null) (pid $(cat "$dir/es.pid"))"
        echo "$(scheme)://127.0.0.1:$(cat "$dir/es.port")"
        return 0
    fi
    [[ -n "$port" ]] || port="$(free_port)"
    if port_in_use "$port"; then
        log "port $port is in use"
        exit 1
    fi
    rm -f "$dir/es.port" "$dir/es.pid" "$dir/es.url"

    # Where the server's files live. As root the server runs as $ES_USER, which must be able
    # to reach them: if it cannot traverse $dir (a project under /root, say), use /tmp.
    local run="$dir/run"
    if [[ "$(id -u)" == 0 ]]; then
        # (several flavours may start at once: useradd may find /etc/passwd locked)
        for _ in $(seq 1 20); do
            id "$ES_USER" >/dev/null 2>&1 && break
            useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER" 2>/dev/null \
                || sleep 0.5
        done
        mkdir -p "$run"
        chown "$ES_USER" "$run"
        if ! runuser -u "$ES_USER" -- test -w "$run"; then
            run="/tmp/log-aggregate-$flavour-$(echo "$dir" | cksum | cut -d' ' -f1)"
            log "$dir is not reachable by $ES_USER; server files go to $run"
        fi
    fi
    mkdir -p "$run"
    echo "$run" >"$dir/es.run"

    local home="$run/$NAME-${VERSION}"
    if [[ ! -x "$home/bin/$NAME" ]]; then
        local zip
        zip="$(fetch_zip "$ARTIFACT")"
        unzip -q -o "$zip" -d "$run"
    fi
    # its own temporary files beside the data, not in /tmp
    mkdir -p "$run/data" "$run/logs" "$run/tmp"

    if [[ "$SECURE" == true ]]; then
        make_certs
        [[ -s "$dir/es.password" ]] || head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$dir/es.password"
        echo "$SUPERUSER" >"$dir/es.user"
        "configure_$flavour" "$home"
    fi
    [[ "$(id -u)" == 0 ]] && chown -R "$ES_USER" "$run"

    log "starting $NAME $VERSION on 127.0.0.1:$port (files in $run)"
    local opts="-Xms$HEAP -Xmx$HEAP -XX:-UsePerfData"
    local settings=(
        -Ediscovery.type=single-node
        -Enetwork.host=127.0.0.1
        -Ehttp.port="$port"
        -Etransport.port="$((port + 1))"
        -Epath.data="$run/data"
        -Epath.logs="$run/logs"
        # disk thresholds off: a nearly full disk would make indices read-only mid-test
        -Ecluster.routing.allocation.disk.threshold_enabled=false
        -Eaction.auto_create_index=true
    )
    local env
    if [[ "$flavour" == opensearch ]]; then
        env=(env OPENSEARCH_JAVA_HOME="$(java_home)" OPENSEARCH_JAVA_OPTS="$opts"
            OPENSEARCH_PATH_CONF="$home/config" OPENSEARCH_TMPDIR="$run/tmp")
    else
        env=(env ES_JAVA_HOME="$(java_home)" ES_JAVA_OPTS="$opts"
            ES_PATH_CONF="$home/config" ES_TMPDIR="$run/tmp")
        [[ "$flavour" == es7 ]] && settings+=(-Expack.security.enabled=false)
        # 8: tests clean up with wildcards (DELETE postfix-it-*), as on 7
        [[ "$flavour" == es8 ]] && settings+=(-Eaction.destructive_requires_name=false)
    fi
    # (9>&-: the daemon must not inherit, and so hold, the start lock)
    as_es_user "${env[@]}" "$home/bin/$NAME" -d -p "$run/es.pid" "${settings[@]}" \
        >"$dir/es.out" 2>&1 9>&- || {
        log "$NAME failed to start:"
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
        log "$NAME did not become healthy (status '$status'); its log:"
        tail -50 "$run/logs/"*.log >&2 2>/dev/null || true
        [[ -f "$run/es.pid" ]] && kill -9 "$(cat "$run/es.pid")" 2>/dev/null || true
        exit 1
    fi
    cp "$run/es.pid" "$dir/es.pid"
    echo "$port" >"$dir/es.port"
    echo "$(scheme)://127.0.0.1:$port" >"$dir/es.url"
    log "up: $(scheme)://127.0.0.1:$port ($status), pid $(cat "$dir/es.pid")"
    echo "$(scheme)://127.0.0.1:$port"
}

stop() {
    # waits for a start in progress (.ci/run's background starts) to finish first
    exec 9>"$dir/.lock"
    flock 9
    if ! is_running; then
        log "not running"
        rm -f "$dir/es.pid" "$dir/es.port" "$dir/es.url"
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
    rm -f "$dir/es.pid" "$dir/es.port" "$dir/es.url"
    log "stopped (pid $pid)"
}

status() {
    if is_running && [[ -f "$dir/es.port" ]]; then
        local p
        p="$(cat "$dir/es.port")"
        echo "$(scheme)://127.0.0.1:$p $(health "$p")"
    else
        echo "not running"
        return 1
    fi
}

case "$cmd" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status [--flavour es7|es8|opensearch] [--port N] [--dir D]" >&2; exit 2 ;;
esac
