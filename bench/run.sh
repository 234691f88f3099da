#!/usr/bin/env bash
# Tollgate benchmark: builds the exec jars if needed, starts auth-server and resource-server in production-like mode
# (embedded H2 file databases in a temp dir, demo clients, rate limits off), measures every scenario with wrk at
# each concurrency in CONC (REPEATS runs after a warm-up each, medians), optionally measures Keycloak with the peer
# harness in the same session, and writes bench/RESULTS.md. Fails loudly on any non-2xx answer.
#
#   bench/run.sh
#
# Env knobs (defaults in brackets):
#   CONC ["8 32"]  DURATION [10] s  WARMUP [5] s  REPEATS [3]  THREADS [2]   wrk settings per scenario
#   PREWARM [20] s       one extra warm-up per scenario at the highest concurrency, before its runs (the JIT keeps
#                        compiling for a minute; Keycloak gets KC_PREWARM [30] s the same way)
#   SCENARIOS ["cc_rs256 introspect codeflow refresh refresh_oidc api_jwt api_opaque cc_es256"]
#   MILLION [1]          1/0: afterwards, fill the authorization table with PREFILL_ROWS [1000000] rows and measure
#                        MILLION_SCENARIOS ["cc_rs256 introspect refresh api_opaque"] again on that database
#   POSTGRES [auto]      1/0: also measure POSTGRES_SCENARIOS ["introspect refresh"] on PostgreSQL (the production
#                        database), on an empty table and again with PREFILL_ROWS rows: a throw-away cluster of the
#                        host's PostgreSQL (PG_BIN [pg_ctl's directory, or the newest /usr/lib/postgresql/N/bin]),
#                        default settings, on PG_PORT [15432]; run as user postgres when the bench runs as root.
#                        auto = if PG_BIN has pg_ctl
#   KEYCLOAK [auto]      1/0: measure Keycloak 26 (prod mode) with PEERS' scripts; auto = if PEERS exists
#   NODE_OIDC [auto]     1/0: measure node-oidc-provider 9 the same way; auto = if PEERS and its node_modules exist
#   PEERS [../shared/peers from the project root]   the peer harness (keycloak/start.sh, bench.sh)
#   QUIET_WAIT [30] s    before each run, wait up to this long for other processes to leave the host idle
#   AUTH_PORT [19000] API_PORT [19080]   loopback ports (not the run-local.sh defaults, which may be busy)
#   JAVA [Temurin 25 if installed, else java]  JAVA_OPTS [see JVM_DEFAULT below]  OUT [bench/RESULTS.md]
#   AOT [auto]           1/0: start from an extracted jar with a JDK 25 AOT cache (made by a training start first,
#                        not counted, like Keycloak's build step); auto = on Java 25 or later
#   FLOWS_PER_WORKER [3]
#
# Shared Signals (revocation_latency: the time from a revocation's answer to each of two APIs' first 401 under
# load; api_signals_cost: the API with its receiver on against off, side by side) run from bench/signals.sh, which
# sources this file for its settings and functions; its own knobs are listed at its top.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
CONC=${CONC:-"8 32"}; DURATION=${DURATION:-10}; WARMUP=${WARMUP:-5}; REPEATS=${REPEATS:-3}; THREADS=${THREADS:-2}
PREWARM=${PREWARM:-20}
SCENARIOS=${SCENARIOS:-"cc_rs256 introspect codeflow refresh refresh_oidc api_jwt api_opaque cc_es256"}
MILLION=${MILLION:-1}; PREFILL_ROWS=${PREFILL_ROWS:-1000000}
MILLION_SCENARIOS=${MILLION_SCENARIOS:-"cc_rs256 introspect refresh api_opaque"}
POSTGRES_SCENARIOS=${POSTGRES_SCENARIOS:-"introspect refresh"}; PG_PORT=${PG_PORT:-15432}
if [ -z "${PG_BIN:-}" ]; then
  if command -v pg_ctl >/dev/null; then PG_BIN=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
  else PG_BIN=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1); fi
fi
POSTGRES=${POSTGRES:-auto}; [ "$POSTGRES" = auto ] && { [ -x "${PG_BIN:-/nonexistent}/pg_ctl" ] && POSTGRES=1 || POSTGRES=0; }
QUIET_WAIT=${QUIET_WAIT:-30}; AUTH_PORT=${AUTH_PORT:-19000}; API_PORT=${API_PORT:-19080}
FLOWS_PER_WORKER=${FLOWS_PER_WORKER:-3}
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
if [ -z "${JAVA:-}" ]; then [ -x "$JDK25" ] && JAVA=$JDK25 || JAVA=java; fi
JAVA_MAJOR=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = \([0-9]*\).*/\1/p')
# Serial GC and a small heap: a 2-core box gains nothing from a parallel collector, and RSS stays low.
JVM_DEFAULT="-XX:+UseSerialGC -Xms64m -Xmx128m -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=160m"
# 8-byte object headers (JEP 519): a smaller heap for the same objects
[ "$JAVA_MAJOR" -ge 25 ] && JVM_DEFAULT="$JVM_DEFAULT -XX:+UseCompactObjectHeaders"
JAVA_OPTS=${JAVA_OPTS:-$JVM_DEFAULT}
AOT=${AOT:-auto}; [ "$AOT" = auto ] && { [ "$JAVA_MAJOR" -ge 25 ] && AOT=1 || AOT=0; }
OUT=${OUT:-$BENCH/RESULTS.md}
if [ -z "${PEERS:-}" ]; then
  PEERS=$ROOT/../shared/peers; [ -d "$PEERS" ] || PEERS=$ROOT/../../shared/peers   # main checkout or a worktree
fi
KEYCLOAK=${KEYCLOAK:-auto}; [ "$KEYCLOAK" = auto ] && { [ -x "$PEERS/keycloak/start.sh" ] && KEYCLOAK=1 || KEYCLOAK=0; }
NODE_OIDC=${NODE_OIDC:-auto}
[ "$NODE_OIDC" = auto ] && { [ -x "$PEERS/node-oidc/start.sh" ] && [ -d /tmp/peers/node-oidc/node_modules ] && NODE_OIDC=1 || NODE_OIDC=0; }
AUTH=http://127.0.0.1:$AUTH_PORT; API=http://127.0.0.1:$API_PORT
export BENCH_LUA_DIR=$BENCH/lua

for tool in wrk jq curl openssl bc; do command -v $tool >/dev/null || { echo "missing $tool (apt-get install -y wrk jq curl openssl bc)" >&2; exit 2; }; done
[ "$POSTGRES" = 1 ] && [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1 && { echo "POSTGRES=1 as root needs a user postgres" >&2; exit 2; }
for port in "$AUTH_PORT" "$API_PORT"; do
  if curl -s -m 1 -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is busy: set AUTH_PORT/API_PORT" >&2; exit 2; fi
done

WORK=$(mktemp -d /tmp/tollgate-bench.XXXXXX)
RAW=$WORK/results.txt; : > "$RAW"
PIDS=()
cleanup() {
  [ -f "$WORK/FAILED" ] && { echo "BENCH FAILED (logs in $WORK):" >&2; cat "$WORK/FAILED" >&2; }
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ "${KC_STARTED:-0}" = 1 ]; then "$PEERS/keycloak/stop.sh" >/dev/null 2>&1 || true; fi
  if [ "${NODE_STARTED:-0}" = 1 ]; then "$PEERS/node-oidc/stop.sh" >/dev/null 2>&1 || true; fi
  if [ "${PG_STARTED:-0}" = 1 ]; then pg_stop; fi
}
trap cleanup EXIT
die() { echo "BENCH FAILED: $*" | tee -a "$WORK/FAILED" >&2; exit 1; }
log() { echo "[$(date -u +%T)] $*" >&2; }
record() { echo "$*" >> "$RAW"; }

# ---------------------------------------------------------------------------------------------------- build
jar_of() { echo "$ROOT/$1/target/$1-0.1.0-SNAPSHOT-exec.jar"; }
stale() { [ ! -f "$(jar_of "$1")" ] || [ -n "$(find "$ROOT/$1/src/main" "$ROOT/$1/pom.xml" -newer "$(jar_of "$1")" -print -quit)" ]; }
if stale auth-server || stale resource-server; then
  log "building the exec jars"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests -pl auth-server,resource-server -am package) || die "build failed"
fi

# ------------------------------------------------------------------------------------------------ processes
# launch_of MODULE: the java arguments that run it; with AOT=1 (and NO_AOT unset) the extracted jar and its cache
launch_of() {
  if [ "$AOT" = 1 ] && [ -z "${NO_AOT:-}" ]; then
    echo "-XX:AOTCache=$WORK/aot/$1.aot -jar $WORK/aot/$1/$(basename "$(jar_of "$1")")"
  else
    echo "-jar $(jar_of "$1")"
  fi
}
# aot_train MODULE ENV...: extracts the jar (java -Djarmode=tools) and records an AOT cache from one start-up that
# exits once the application context is ready (a throw-away database). A build step, as Keycloak's `kc.sh build`.
aot_train() {
  local module=$1; shift
  local dir=$WORK/aot-training/$module t0; mkdir -p "$dir" "$WORK/aot"
  t0=$(date +%s.%N)
  "$JAVA" -Djarmode=tools -jar "$(jar_of "$module")" extract --destination "$WORK/aot/$module" > "$dir/extract.log" 2>&1 \
    || die "extracting $module failed; see $dir/extract.log"
  # shellcheck disable=SC2086
  (cd "$dir" && env "$@" SERVER_PORT=0 "$JAVA" $JAVA_OPTS -XX:AOTCacheOutput="$WORK/aot/$module.aot" \
      -Dspring.context.exit=onRefresh -jar "$WORK/aot/$module/$(basename "$(jar_of "$module")")" > "$dir/training.log" 2>&1) \
    || die "AOT training of $module failed; see $dir/training.log"
  [ -s "$WORK/aot/$module.aot" ] || die "no AOT cache for $module; see $dir/training.log"
  record "aot_training $module $(echo "$(date +%s.%N) - $t0" | bc)"
}

# start NAME MODULE PORT DIR [ENV=VALUE...]: starts the jar in DIR (its ./data is the H2 file database), waits
# (at most 120 s) for the discovery document or health, and records the start-up time.
start() {
  local name=$1 module=$2 port=$3 dir=$4; shift 4
  local probe=/actuator/health; [ "$module" = auth-server ] && probe=/.well-known/openid-configuration
  mkdir -p "$dir"
  local t0; t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  # two malloc arenas, not 8 per core: native memory of the JVM's own threads stays small
  (cd "$dir" && exec env MALLOC_ARENA_MAX=2 "$@" SERVER_PORT="$port" "$JAVA" $JAVA_OPTS ${EXTRA_JAVA_OPTS:-} $(launch_of "$module") > "$dir/$name.log" 2>&1) &
  local pid=$!; PIDS+=("$pid"); eval "${name}_PID=$pid"
  for _ in $(seq 1 1200); do
    curl -sf -m 1 -o /dev/null "http://127.0.0.1:$port$probe" && break
    kill -0 "$pid" 2>/dev/null || die "$name exited during start-up; see $dir/$name.log"
    sleep 0.1
  done
  curl -sf -m 2 -o /dev/null "http://127.0.0.1:$port$probe" || die "$name not up after 120 s; see $dir/$name.log"
  local secs; secs=$(echo "$(date +%s.%N) - $t0" | bc)
  record "startup $name $secs"
  log "$name up in ${secs}s (pid $pid)"
}
stop() { local pid=$1; kill "$pid" 2>/dev/null || true; for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done; kill -9 "$pid" 2>/dev/null || true; }
rss_mib() { echo $(( $(ps -o rss= -p "$1") / 1024 )); }

# A sign-in counts as a guess, per account and per address, until its password is checked, so that parallel
# guesses cannot race past the lockout. The code-flow workers all sign in as alice from 127.0.0.1 at once, which
# the default limits (5 per account, 20 per address) read as guessing: lift them, as the rate limits are.
AUTH_ENV=(SPRING_PROFILES_ACTIVE=demo RATE_LIMIT_ENABLED=false AUTH_ISSUER="$AUTH" API_AUDIENCE=http://localhost:8080
  LOGIN_MAX_FAILURES_PER_ACCOUNT=1000000 LOGIN_MAX_FAILURES_PER_ADDRESS=1000000
  TOLLGATE_KEY_ENCRYPTION_SECRET="$(openssl rand -hex 32)" LOGGING_LEVEL_ROOT=WARN)
# the demo profile turns the API's Shared Signals receiver on: its stream must push to this instance, not to :8080
API_ENV=(SPRING_PROFILES_ACTIVE=demo AUTH_ISSUER="$AUTH" API_AUDIENCE=http://localhost:8080 LOGGING_LEVEL_ROOT=WARN
  RECEIVER_URL="$API")

# ----------------------------------------------------------------------------------------------- measuring
b64() { printf '%s:%s' "$1" "$2" | base64 -w0; }
host_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
proc_ticks() { local t=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12+$13}'))); done; echo $t; }
quiet_gate() {   # other builds share the machine: wait (bounded) for an idle moment
  local waited=0 b0 t0 b1 t1 busy=0
  while [ "$waited" -lt "$QUIET_WAIT" ]; do
    read -r b0 t0 < <(host_ticks); sleep 1; read -r b1 t1 < <(host_ticks); waited=$((waited + 1))
    busy=$(( (b1 - b0) * 100 * $(nproc) / (t1 - t0 > 0 ? t1 - t0 : 1) ))
    [ "$busy" -le 30 ] && break
  done
  return 0
}
# one core's RSA-2048 signatures per second (openssl): the host's speed moves from day to day (and within a run)
host_probe() { openssl speed -seconds 2 rsa2048 2>/dev/null | awk '$1 == "rsa" && $2 == "2048" {print $6}'; }
median() { sort -g | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2 }'; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }

# wrk_run C SECONDS LUA URL: one wrk run; dies on any non-2xx, unexpected body or socket error; prints RESULT
wrk_run() {
  local c=$1 secs=$2 lua=$3 url=$4 t=$THREADS out
  [ "$t" -gt "$c" ] && t=$c
  out=$(timeout $((secs + 30)) wrk -t"$t" -c"$c" -d"${secs}s" --timeout 10s -s "$BENCH/lua/$lua" "$url" 2>"$WORK/wrk.err" | grep '^RESULT' || true)
  [ -n "$out" ] || die "wrk produced no result for $url: $(head -3 "$WORK/wrk.err")"
  if [ "$(field non2xx "$out")" != 0 ] || [ "$(field badbody "$out")" != 0 ] || [ "$(field sockerr "$out")" != 0 ]; then
    die "$url at c=$c: $out $(head -3 "$WORK/wrk.err")"
  fi
  echo "$out"
}

# measure NAME LUA URL PIDS...: per concurrency, REPEATS x (warm-up + measured run); records medians of
# requests/s, p50, p99, server CPU ms per request (over PIDS) and the CPU % of everything else on the host.
# A function named prepare_NAME, if defined, runs before every wrk run with the concurrency as argument.
measure() {
  local name=$1 lua=$2 url=$3; shift 3
  local pids=("$@") c i out
  if [ "$PREWARM" -gt 0 ]; then
    local cmax; cmax=$(printf '%s\n' $CONC | sort -n | tail -1)
    declare -F "prepare_$name" >/dev/null && "prepare_$name" "$cmax"
    wrk_run "$cmax" "$PREWARM" "$lua" "$url" > /dev/null
  fi
  for c in $CONC; do
    local rps=() p50=() p99=() cpu=() other=()
    for i in $(seq 1 "$REPEATS"); do
      quiet_gate
      if [ "$WARMUP" -gt 0 ]; then
        declare -F "prepare_$name" >/dev/null && "prepare_$name" "$c"
        wrk_run "$c" "$WARMUP" "$lua" "$url" > /dev/null
      fi
      declare -F "prepare_$name" >/dev/null && "prepare_$name" "$c"
      local s0 s1 hb0 ht0 hb1 ht1 w
      s0=$(proc_ticks "${pids[@]}"); read -r hb0 ht0 < <(host_ticks)
      TIMEFORMAT='%U %S'
      { time wrk_run "$c" "$DURATION" "$lua" "$url" > "$WORK/run.out"; } 2> "$WORK/time.out"
      s1=$(proc_ticks "${pids[@]}"); read -r hb1 ht1 < <(host_ticks)
      out=$(cat "$WORK/run.out"); w=$(awk '{print $1 + $2}' "$WORK/time.out" | tail -1)
      local n; n=$(field requests "$out")
      local extra; extra=$(awk -v s=$((s1 - s0)) -v n="$n" -v hb=$((hb1 - hb0)) -v ht=$((ht1 - ht0)) -v ncpu="$(nproc)" -v w="$w" \
        'BEGIN{ wall = ht/ncpu/100; printf "%.2f %.0f", s*10/n, (hb - s)/wall - w*100/wall }')
      rps+=("$(field rps "$out")"); p50+=("$(field p50_ms "$out")"); p99+=("$(field p99_ms "$out")")
      cpu+=("${extra% *}"); other+=("${extra#* }")
      log "$name c=$c run=$i rps=$(field rps "$out") p50=$(field p50_ms "$out") p99=$(field p99_ms "$out") cpu_ms_per_req=${extra% *} other_cpu_pct=${extra#* }"
    done
    record "result ${MEASURE_AS:-}$name $c $(printf '%s\n' "${rps[@]}" | median) $(printf '%s\n' "${p50[@]}" | median) $(printf '%s\n' "${p99[@]}" | median) $(printf '%s\n' "${cpu[@]}" | median) $(printf '%s\n' "${other[@]}" | median)"
  done
}

client_token() {   # CLIENT SECRET -> access token (client_credentials)
  local r; r=$(curl -s -m 10 -u "$1:$2" -d grant_type=client_credentials "$AUTH/oauth2/token")
  jq -er .access_token <<<"$r" || die "client_credentials for $1: $r"
}

# ------------------------------------------------------------------------------------------------ scenarios
scenario_cc_rs256() {
  export BENCH_AUTH; BENCH_AUTH=$(b64 demo-service demo-service-secret)
  export BENCH_BODY=grant_type=client_credentials BENCH_EXPECT='"access_token"'
  measure cc_rs256 form.lua "$AUTH/oauth2/token" "$auth_PID"
}
scenario_introspect() {   # the resource server's own client introspects an opaque token, as it does for real
  export BENCH_AUTH BENCH_BODY; BENCH_AUTH=$(b64 resource-server resource-server-secret)
  BENCH_BODY="token=$(client_token demo-service-opaque demo-service-opaque-secret)"; export BENCH_EXPECT='"active":true'
  measure introspect form.lua "$AUTH/oauth2/introspect" "$auth_PID"
}
# refresh tokens from sign-ins, two pools: grants with openid (each refresh also signs a new ID token) and without
TOKENS_OIDC=$WORK/refresh-tokens-oidc.txt; TOKENS_PLAIN=$WORK/refresh-tokens-plain.txt; : > "$TOKENS_OIDC"; : > "$TOKENS_PLAIN"
SCOPE_OIDC="openid profile books.read"; SCOPE_PLAIN="profile books.read"
TOKENS=$TOKENS_OIDC; export SCOPE=$SCOPE_OIDC
codeflows() {   # WORKERS FLOWS_EACH: parallel sign-ins (bounded); refresh tokens go to the pool $TOKENS
  local w pids=()
  for w in $(seq 1 "$1"); do "$BENCH/codeflow.sh" "$AUTH" "$2" "$TOKENS" & pids+=($!); done
  for w in "${pids[@]}"; do wait "$w" || die "authorization code flow failed"; done
}
scenario_codeflow() {   # completions/s of sign-in + consent (remembered) + code + token, bcrypt included
  local c i
  codeflows 1 1   # the first sign-in gives consent, once: later ones skip the page
  for c in $CONC; do
    local rate=() cpu=()
    for i in $(seq 1 "$REPEATS"); do
      quiet_gate
      local s0 s1 t0 t1 flows=$((c * FLOWS_PER_WORKER))
      s0=$(proc_ticks "$auth_PID"); t0=$(date +%s.%N)
      codeflows "$c" "$FLOWS_PER_WORKER"
      t1=$(date +%s.%N); s1=$(proc_ticks "$auth_PID")
      rate+=("$(echo "scale=1; $flows / ($t1 - $t0)" | bc)"); cpu+=("$(echo "scale=2; ($s1 - $s0) * 10 / $flows" | bc)")
      log "codeflow c=$c run=$i flows_per_s=${rate[-1]} cpu_ms_per_flow=${cpu[-1]}"
    done
    record "result codeflow $c $(printf '%s\n' "${rate[@]}" | median) - - $(printf '%s\n' "${cpu[@]}" | median) -"
  done
}
refill_refresh_tokens() {   # every wrk run starts from fresh families: an in-flight rotation at the end loses a chain
  local c=$1 have; have=$(wc -l < "$TOKENS")
  [ "$have" -ge "$c" ] || codeflows "$c" 1
  local t=$THREADS i; [ "$t" -gt "$c" ] && t=$c
  for i in $(seq 1 "$t"); do   # wrk gives thread i connections c/t: one chain each
    head -n "$c" "$TOKENS" | awk -v t="$t" -v i="$i" '(NR - 1) % t == i - 1' > "$WORK/refresh-now.txt.$i"
  done
  sed -i "1,${c}d" "$TOKENS"
}
refresh_with() {   # NAME TOKENS SCOPE: refresh chains of grants signed in with SCOPE
  TOKENS=$2; SCOPE=$3
  codeflows 1 1   # consent for this scope set, once
  export BENCH_AUTH BENCH_TOKENS=$WORK/refresh-now.txt; BENCH_AUTH=$(b64 demo-web demo-web-secret)
  measure "$1" refresh.lua "$AUTH/oauth2/token" "$auth_PID"
  TOKENS=$TOKENS_OIDC; SCOPE=$SCOPE_OIDC
}
# access token only, as Keycloak's refresh of a grant without openid; and with openid, a new ID token too
prepare_refresh() { refill_refresh_tokens "$@"; }
prepare_refresh_oidc() { refill_refresh_tokens "$@"; }
scenario_refresh() { refresh_with refresh "$TOKENS_PLAIN" "$SCOPE_PLAIN"; }
scenario_refresh_oidc() { refresh_with refresh_oidc "$TOKENS_OIDC" "$SCOPE_OIDC"; }
book_id() {
  local r; r=$(curl -s -m 10 -H "Authorization: Bearer $1" "$API/api/books")
  jq -er '(.content // .items // .)[0].id' <<<"$r" || die "GET /api/books: $r"
}
scenario_api_jwt() {
  export BENCH_TOKEN BENCH_EXPECT='"id"'; BENCH_TOKEN=$(client_token demo-service demo-service-secret)
  local id; id=$(book_id "$BENCH_TOKEN")
  measure api_jwt get.lua "$API/api/books/$id" "$api_PID" "$auth_PID"
}
scenario_api_opaque() {   # introspected once per token per cache TTL (INTROSPECTION_CACHE_TTL, 5 s)
  export BENCH_TOKEN BENCH_EXPECT='"id"'; BENCH_TOKEN=$(client_token demo-service-opaque demo-service-opaque-secret)
  local id; id=$(book_id "$BENCH_TOKEN")
  measure api_opaque get.lua "$API/api/books/$id" "$api_PID" "$auth_PID"
}
scenario_cc_es256() {   # another deployment: a fresh database whose signing key is P-256
  stop "$auth_PID"
  start auth_es256 auth-server "$AUTH_PORT" "$WORK/auth-es256" "${AUTH_ENV[@]}" SIGNING_KEY_ALGORITHM=ES256
  auth_PID=$auth_es256_PID
  local alg; alg=$(curl -s "$AUTH/oauth2/jwks" | jq -r '.keys[0].alg')
  [ "$alg" = ES256 ] || die "SIGNING_KEY_ALGORITHM=ES256 but the JWKS key is $alg"
  export BENCH_AUTH; BENCH_AUTH=$(b64 demo-service demo-service-secret)
  export BENCH_BODY=grant_type=client_credentials BENCH_EXPECT='"access_token"'
  measure cc_es256 form.lua "$AUTH/oauth2/token" "$auth_PID"
  record "rss auth_es256 $(rss_mib "$auth_PID")"
}

# bench/signals.sh sources this file for its settings and functions, and goes on with its own scenarios from here
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0

# -------------------------------------------------------------------------------------------------- Tollgate
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "work dir $WORK; load $LOAD_BEFORE; java $JAVA ($JAVA_MAJOR), AOT=$AOT; scenarios: $SCENARIOS"
record "probe before $(host_probe)"
if [ "$AOT" = 1 ]; then
  log "AOT caches (training start-ups)"
  aot_train auth-server "${AUTH_ENV[@]}"
  aot_train resource-server "${API_ENV[@]}"
fi
start auth auth-server "$AUTH_PORT" "$WORK/auth" "${AUTH_ENV[@]}"
start api resource-server "$API_PORT" "$WORK/api" "${API_ENV[@]}"
for s in $SCENARIOS; do
  [ "$s" = cc_es256 ] && continue
  log "scenario $s"; "scenario_$s"
done
record "rss auth $(rss_mib "$auth_PID")"
record "rss api $(rss_mib "$api_PID")"
stop "$api_PID"
stop "$auth_PID"
start auth_restart auth-server "$AUTH_PORT" "$WORK/auth" "${AUTH_ENV[@]}"   # start-up on an existing database
auth_PID=$auth_restart_PID
stop "$auth_PID"
if [ "$AOT" = 1 ]; then   # the same start without the AOT cache, for comparison
  NO_AOT=1 start auth_plain auth-server "$AUTH_PORT" "$WORK/auth-plain" "${AUTH_ENV[@]}"; stop "$auth_plain_PID"
fi

# ------------------------------------------------------------------------------ 1 million authorizations
# The same database, filled (server stopped: H2 file databases admit one process) with PREFILL_ROWS live
# authorizations, each with an access and a refresh token digest; then the token path again.
if [ "$MILLION" = 1 ]; then
  log "filling the authorization table with $PREFILL_ROWS rows"
  h2=$(unzip -Z1 "$(jar_of auth-server)" | grep '^BOOT-INF/lib/h2-.*\.jar$' | head -1)
  unzip -q -o -j "$(jar_of auth-server)" "$h2" -d "$WORK/h2"
  url="jdbc:h2:file:$WORK/auth/data/auth-server;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
  t0=$(date +%s)
  "$JAVA" -cp "$WORK/h2/$(basename "$h2")" org.h2.tools.Shell -url "$url" -user sa \
    -sql "SET @ROWS = $PREFILL_ROWS; RUNSCRIPT FROM '$BENCH/prefill-authorizations.sql'" > "$WORK/prefill.log" 2>&1 \
    || die "prefill failed; see $WORK/prefill.log"
  grep -q '^Error' "$WORK/prefill.log" && die "prefill failed: $(grep -m1 '^Error' "$WORK/prefill.log")"
  # one big transaction leaves the file many times its size; the Shell reports the closed database afterwards
  "$JAVA" -cp "$WORK/h2/$(basename "$h2")" org.h2.tools.Shell -url "$url" -user sa -sql "SHUTDOWN COMPACT" >> "$WORK/prefill.log" 2>&1 || true
  record "prefill $PREFILL_ROWS $(( $(date +%s) - t0 ))"
  start auth_million auth-server "$AUTH_PORT" "$WORK/auth" "${AUTH_ENV[@]}"
  auth_PID=$auth_million_PID
  start api_million resource-server "$API_PORT" "$WORK/api" "${API_ENV[@]}"
  api_PID=$api_million_PID
  for s in $MILLION_SCENARIOS; do
    log "scenario $s on $PREFILL_ROWS authorizations"
    MEASURE_AS="m_" "scenario_$s"
  done
  record "rss auth_million $(rss_mib "$auth_PID")"
  stop "$api_PID"; stop "$auth_PID"
fi

if [[ " $SCENARIOS " == *" cc_es256 "* ]]; then log "scenario cc_es256"; scenario_cc_es256; stop "$auth_PID"; fi

# ------------------------------------------------------------------------------------------------ PostgreSQL
# The production database, on the same cores: a throw-away cluster with PostgreSQL's default settings (fsync and
# synchronous commit on), the token path on an empty table, then again with PREFILL_ROWS authorizations.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }   # PostgreSQL refuses root
psql_bench() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
pg_stop() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop > /dev/null 2>&1 || true; rm -rf "$PG_DIR"; PG_STARTED=0; }
if [ "$POSTGRES" = 1 ]; then
  log "PostgreSQL: $("$PG_BIN/postgres" --version)"
  PG_DIR=$(mktemp -d /tmp/tollgate-bench-pg.XXXXXX)   # not under WORK: the postgres user must own it
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C > "$WORK/pg-initdb.log" 2>&1 \
    || die "initdb failed; see $WORK/pg-initdb.log"
  PG_STARTED=1
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" -l "$PG_DIR/log" \
    -w start > /dev/null || die "PostgreSQL did not start: $(tail -3 "$PG_DIR/log")"
  psql_bench -d postgres -c "CREATE DATABASE tollgate_bench" || die "CREATE DATABASE tollgate_bench failed"
  start auth_pg auth-server "$AUTH_PORT" "$WORK/auth-pg" "${AUTH_ENV[@]}" \
    DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/tollgate_bench" DB_USER=postgres DB_PASSWORD=unused-local-trust \
    TOLLGATE_PRODUCTION=false   # a throwaway database: the demo data is allowed on it
  auth_PID=$auth_pg_PID
  : > "$TOKENS_OIDC"; : > "$TOKENS_PLAIN"   # refresh tokens of the H2 database mean nothing here
  for s in $POSTGRES_SCENARIOS; do log "scenario $s on PostgreSQL"; MEASURE_AS="pg_" "scenario_$s"; done
  log "filling the PostgreSQL authorization table with $PREFILL_ROWS rows"
  t0=$(date +%s)
  psql_bench -d tollgate_bench -v rows="$PREFILL_ROWS" -f "$BENCH/prefill-authorizations-postgres.sql" \
    > "$WORK/pg-prefill.log" 2>&1 || die "PostgreSQL prefill failed; see $WORK/pg-prefill.log"
  record "prefill_pg $PREFILL_ROWS $(( $(date +%s) - t0 ))"
  for s in $POSTGRES_SCENARIOS; do log "scenario $s on PostgreSQL, $PREFILL_ROWS authorizations"; MEASURE_AS="pgm_" "scenario_$s"; done
  record "rss auth_pg $(rss_mib "$auth_PID")"
  stop "$auth_PID"
  PG_VERSION=$("$PG_BIN/postgres" --version | sed -n "s/.*(PostgreSQL) \([0-9.]*\).*/\1/p")
  pg_stop
fi

# record_peer NAME PREFIX MODE OUTPUT: keeps the peer harness's output, fails on any error it counted, records its
# medians as PREFIX_MODE results, and leaves the server's RSS in PEER_RSS
record_peer() {
  local name=$1 prefix=$2 mode=$3 out=$4 line c other
  echo "$out" >> "$WORK/$name.txt"
  grep ' run=' <<<"$out" | grep -vq 'non200=0 badbody=0 sockerr=0' && die "$name $mode had errors: $out"
  while read -r line; do
    c=$(field c "$line")
    other=$(grep " c=$c run=" <<<"$out" | sed -n 's/.*other_cpu_pct=\([-0-9]*\).*/\1/p' | median)
    record "result ${prefix}_$mode $c $(field tokens_per_s "$line") $(field p50_ms "$line") $(field p99_ms "$line") $(field server_cpu_ms_per_token "$line") $other"
    PEER_RSS=$(field server_rss_mib "$line")
  done < <(grep MEDIAN <<<"$out")
}

# -------------------------------------------------------------------------------------------------- Keycloak
if [ "$KEYCLOAK" = 1 ]; then
  KC_JAVA_HOME=${KC_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}; [ -d "$KC_JAVA_HOME" ] || unset KC_JAVA_HOME
  export KC_JAVA_HOME
  log "Keycloak (prod mode) via $PEERS"
  KC_STARTED=1
  kc_start=$("$PEERS/keycloak/start.sh" prod | tee -a "$WORK/keycloak.txt" | sed -n 's/.*startup_to_discovery_s=\([0-9.]*\).*/\1/p')
  record "startup keycloak $kc_start"
  "$PEERS/keycloak/configure.sh" >> "$WORK/keycloak.txt" 2>&1 || die "keycloak configure failed"
  KPID=$(cat /tmp/peers/run/keycloak.java.pid)
  prewarm=${KC_PREWARM:-30}
  for mode in client_credentials introspect refresh; do
    out=$(MODE=$mode SERVER_PID=$KPID PREWARM=$prewarm QUIET_WAIT=$QUIET_WAIT CONC="$CONC" DURATION=$DURATION WARMUP=$WARMUP \
      REPEATS=$REPEATS THREADS=$THREADS USERNAME=bench-user PASSWORD=bench-pass LABEL=keycloak \
      "$PEERS/bench.sh" http://127.0.0.1:8180 /realms/bench/protocol/openid-connect/token bench-client bench-secret) \
      || die "keycloak $mode"
    prewarm=0
    record_peer keycloak kc "$mode" "$out"
  done
  record "rss keycloak $PEER_RSS"
  "$PEERS/keycloak/stop.sh" >/dev/null 2>&1 || true; KC_STARTED=0
fi

# ------------------------------------------------------------------------------------------ node-oidc-provider
if [ "$NODE_OIDC" = 1 ]; then
  log "node-oidc-provider via $PEERS"
  NODE_STARTED=1
  "$PEERS/node-oidc/start.sh" >> "$WORK/node-oidc.txt" 2>&1 || die "node-oidc-provider did not start"
  NPID=$(pgrep -f 'node-oidc/server.mjs' | head -1); [ -n "$NPID" ] || die "node-oidc-provider is not running"
  # client_credentials: its default resource gives RS256 JWTs; introspection: of an opaque token (its JWTs
  # introspect as inactive, see the peers README)
  for mode in client_credentials introspect; do
    extra=(); [ "$mode" = introspect ] && extra=(INTROSPECT_PATH=/token/introspection TOKEN_EXTRA_BODY=resource=urn:bench:opaque)
    out=$(env "${extra[@]}" MODE=$mode SERVER_PID=$NPID PREWARM=10 QUIET_WAIT=$QUIET_WAIT CONC="$CONC" DURATION=$DURATION \
      WARMUP=$WARMUP REPEATS=$REPEATS THREADS=$THREADS LABEL=node-oidc \
      "$PEERS/bench.sh" http://127.0.0.1:3000 /token bench-client bench-secret) || die "node-oidc $mode"
    record_peer node-oidc node "$mode" "$out"
  done
  record "rss node_oidc $PEER_RSS"
  "$PEERS/node-oidc/stop.sh" >/dev/null 2>&1 || true; NODE_STARTED=0
fi

# --------------------------------------------------------------------------------------------------- report
record "probe after $(host_probe)"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
META=("cores=$(nproc)" "load_before=$LOAD_BEFORE" "load_after=$LOAD_AFTER" \
  "date=$(date -u +%FT%TZ)" "java=$("$JAVA" -version 2>&1 | head -1 | tr -d '"')" "java_opts=$JAVA_OPTS" \
  "duration=$DURATION" "warmup=$WARMUP" "repeats=$REPEATS" "threads=$THREADS" "conc=$CONC" \
  "keycloak_java=${KC_JAVA_HOME:-default}" "aot=$AOT" "prefill_rows=$PREFILL_ROWS" "postgres=${PG_VERSION:-}")
"$BENCH/report.sh" "$RAW" "$OUT" "${META[@]}"
# to render the report again (after editing bench/NOTES.md):
#   mapfile -t m < bench/results-meta.txt; bench/report.sh bench/results-raw.txt bench/RESULTS.md "${m[@]}"
printf '%s\n' "${META[@]}" > "$BENCH/results-meta.txt"
cp "$RAW" "$BENCH/results-raw.txt"
log "wrote $OUT"
