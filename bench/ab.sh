#!/usr/bin/env bash
# Two builds of the auth server side by side: both started at once with the benchmark's JVM flags, both warmed up,
# then client_credentials at 32 connections against one and the other in turn, ROUNDS times. The host's speed
# drifts by more than the differences looked for here (10 % within minutes on a shared machine), and alternating
# 10-second runs on two servers that are up at the same time cancels that drift; bench/run.sh, which measures one
# build at a time, cannot. Prints requests/s and server CPU ms per request per run, and the medians.
#
#   bench/ab.sh CHECKOUT_A CHECKOUT_B
#
# CHECKOUT_* is a directory holding a built auth server (auth-server/target/auth-server-*-exec.jar), for example a
# clone at another commit built with `./mvnw -q -DskipTests -pl auth-server -am package`. Env knobs: ROUNDS [8],
# WARM [60] s per server before the first round, SECONDS_PER_RUN [10], JAVA_OPTS_A / JAVA_OPTS_B (added to the
# benchmark's flags, for example -Dtollgate.events.flush-interval=1s), JAVA [Temurin 25 if installed]. At the end
# it also prints, per side, the share of the server's CPU each kind of thread used over all rounds (request threads,
# the audit trail's writer, H2's, the garbage collector ...), to see where a difference goes.
set -euo pipefail

[ $# -eq 2 ] || { sed -n '2,14p' "$0"; exit 2; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${ROUNDS:-8}; WARM=${WARM:-60}; SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
if [ -z "${JAVA:-}" ]; then [ -x "$JDK25" ] && JAVA=$JDK25 || JAVA=java; fi
# the same flags as bench/run.sh's JVM_DEFAULT on Java 25, without the AOT cache (both sides alike)
FLAGS="-XX:+UseSerialGC -Xms64m -Xmx128m -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=160m"
"$JAVA" -XX:+UseCompactObjectHeaders -version >/dev/null 2>&1 && FLAGS="$FLAGS -XX:+UseCompactObjectHeaders"
for tool in wrk curl openssl; do command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 2; }; done

WORK=$(mktemp -d /tmp/tollgate-ab.XXXXXX)
PIDS=()
trap 'for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done' EXIT

start() {   # start SIDE CHECKOUT PORT OPTS
  local side=$1 jar port=$3 opts=$4
  jar=$(ls "$2"/auth-server/target/auth-server-*-exec.jar 2>/dev/null | head -1)
  [ -n "$jar" ] || { echo "no auth-server exec jar under $2/auth-server/target: build it first" >&2; exit 2; }
  curl -s -m 1 -o /dev/null "http://127.0.0.1:$port/" && { echo "port $port is busy" >&2; exit 2; }
  mkdir -p "$WORK/$side"
  # shellcheck disable=SC2086  # FLAGS and opts are lists of JVM flags
  (cd "$WORK/$side" && exec env SPRING_PROFILES_ACTIVE=demo RATE_LIMIT_ENABLED=false SERVER_PORT="$port" \
      AUTH_ISSUER="http://127.0.0.1:$port" API_AUDIENCE=http://localhost:8080 LOGGING_LEVEL_ROOT=WARN \
      MANAGEMENT_SERVER_PORT=$((port + 100)) TOLLGATE_KEY_ENCRYPTION_SECRET="$(openssl rand -hex 32)" \
      "$JAVA" $FLAGS $opts -jar "$jar" > "$WORK/$side.log" 2>&1) &
  PIDS+=($!)
  for _ in $(seq 1 180); do
    curl -s -o /dev/null "http://127.0.0.1:$port/.well-known/openid-configuration" && return 0
    kill -0 "${PIDS[-1]}" 2>/dev/null || { echo "$side did not start:" >&2; tail -20 "$WORK/$side.log" >&2; exit 1; }
    sleep 1
  done
  echo "$side did not answer within 180 s" >&2; exit 1
}

start A "$1" 19200 "${JAVA_OPTS_A:-}"
start B "$2" 19201 "${JAVA_OPTS_B:-}"
PID_A=${PIDS[0]}; PID_B=${PIDS[1]}

export BENCH_LUA_DIR=$ROOT/bench/lua BENCH_BODY=grant_type=client_credentials BENCH_EXPECT='"access_token"'
BENCH_AUTH=$(printf demo-service:demo-service-secret | base64 -w0); export BENCH_AUTH
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
thread_ticks() {   # thread_ticks PID: "kind ticks" per thread, the kind being its name without numbers
  for task in /proc/"$1"/task/*; do
    printf '%s %s\n' "$(tr -d '0-9 ' < "$task/comm")" "$(sed 's/.*) //' "$task/stat" | awk '{print $12 + $13}')"
  done 2>/dev/null | awk '{t[$1] += $2} END {for (k in t) print k, t[k]}'
}
load() {   # load PORT SECONDS: one wrk run, its RESULT line
  wrk -t2 -c32 -d"$2"s --timeout 10s -s "$BENCH_LUA_DIR/form.lua" "http://127.0.0.1:$1/oauth2/token" | grep '^RESULT'
}
load 19200 "$WARM" > /dev/null
load 19201 "$WARM" > /dev/null

thread_ticks "$PID_A" > "$WORK/threads-A.before"; thread_ticks "$PID_B" > "$WORK/threads-B.before"
for round in $(seq 1 "$ROUNDS"); do
  for side in A B; do
    if [ $side = A ]; then port=19200 pid=$PID_A; else port=19201 pid=$PID_B; fi
    before=$(cpu_ticks "$pid")
    result=$(load $port "$SECONDS_PER_RUN")
    after=$(cpu_ticks "$pid")
    requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$result")
    rps=$(sed 's/.*rps=\([0-9.]*\).*/\1/' <<<"$result")
    [[ "$result" == *"non2xx=0 badbody=0 sockerr=0"* ]] || { echo "failed requests on $side: $result" >&2; exit 1; }
    cpu=$(echo "scale=3; ($after - $before) * 1000 / $(getconf CLK_TCK) / $requests" | bc)
    echo "$round $side $rps $cpu" | tee -a "$WORK/runs.txt"
  done
done
for side in A B; do
  awk -v s=$side '$2 == s {print $3, $4}' "$WORK/runs.txt" | sort -g | awk -v s=$side \
    '{r[NR]=$1; c[NR]=$2} END {m=int((NR+1)/2); printf "%s median: %s requests/s (runs sorted by requests/s; its CPU %s ms per request)\n", s, r[m], c[m]}'
done
for side in A B; do
  if [ $side = A ]; then pid=$PID_A; else pid=$PID_B; fi
  echo "$side: share of its CPU by thread kind (threads that came and went are counted while alive)"
  thread_ticks "$pid" | awk 'NR == FNR {b[$1] = $2; next} {d = $2 - b[$1]; if (d > 0) {t[$1] = d; all += d}}
    END {for (k in t) if (t[k] * 100 / all >= 0.5) printf "  %-28s %5.1f %%\n", k, t[k] * 100 / all}' \
    "$WORK/threads-$side.before" - | sort -k2 -g -r
done
