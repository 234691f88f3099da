#!/usr/bin/env bash
# Shared Signals in the benchmark (README "Shared Signals: revocation that reaches every API within a second"):
# one auth server and three APIs, started as bench/run.sh starts them (its settings and functions: this script
# sources it). api1 and api2 have the receiver on, each with its own port, database, RECEIVER_URL and push stream;
# api_off has SIGNALS_CLIENT_ID empty. First FILL tokens are revoked, so that api1's and api2's deny lists hold
# thousands of entries, as after a busy hour. Then the scenarios in SIGNALS_SCENARIOS:
#
#   revocation_latency  wrk on api1 and api2 (GET /api/books/{id} with a JWT, the highest of CONC split between
#                       them) while, LATENCY_ROUNDS times, a fresh client_credentials JWT is accepted by both,
#                       revoked at /oauth2/revoke, and each API is asked every POLL_MS until its first 401
#                       (bench/RevocationLatency.java): p50/p99/max per API and overall, and whether p99 < 1 s
#   api_signals_cost    the api_jwt scenario of run.sh on api1 (receiver on, deny list filled) and api_off
#                       (receiver off) in turn, AB_ROUNDS x AB_SECONDS each after PREWARM s each, as bench/ab.sh
#                       alternates two auth servers, so that the host's drift falls on both: medians of requests/s
#                       and of the API's CPU ms per request
#
#   bench/signals.sh
#
# Knobs [defaults]: SIGNALS_SCENARIOS ["revocation_latency api_signals_cost"]  FILL [3000] tokens revoked first
#   LATENCY_ROUNDS [50]  POLL_MS [5]  GIVE_UP_MS [3000]  AB_ROUNDS [6]  AB_SECONDS [10]
#   SIGNALS_OUT [bench/results-signals.txt]  and run.sh's CONC, PREWARM, THREADS, QUIET_WAIT [3 here], AOT [0 here:
#   start-up is not measured], AUTH_PORT, API_PORT (api2 and api_off take the next two ports), JAVA, JAVA_OPTS.
set -euo pipefail

AOT=${AOT:-0}; QUIET_WAIT=${QUIET_WAIT:-3}
# shellcheck source=bench/run.sh
source "$(dirname "$0")/run.sh"

SIGNALS_SCENARIOS=${SIGNALS_SCENARIOS:-"revocation_latency api_signals_cost"}
FILL=${FILL:-3000}; LATENCY_ROUNDS=${LATENCY_ROUNDS:-50}; POLL_MS=${POLL_MS:-5}; GIVE_UP_MS=${GIVE_UP_MS:-3000}
AB_ROUNDS=${AB_ROUNDS:-6}; AB_SECONDS=${AB_SECONDS:-10}
SIGNALS_OUT=${SIGNALS_OUT:-$BENCH/results-signals.txt}
API1=$API; API2=http://127.0.0.1:$((API_PORT + 1)); API_OFF=http://127.0.0.1:$((API_PORT + 2))
for url in "$API2" "$API_OFF"; do
  curl -s -m 1 -o /dev/null "$url/" && { echo "${url##*:} is busy: set API_PORT" >&2; exit 2; }
done
CMAX=$(printf '%s\n' $CONC | sort -n | tail -1)
probe() { "$JAVA" "$BENCH/RevocationLatency.java" "$@"; }
health() { curl -s -m 2 "$1/actuator/health/signals"; }

# subscribed URL: pushes arrive once the receiver's health shows push delivery and when it was last in sync
subscribed() {
  local h
  for _ in $(seq 1 120); do
    h=$(health "$1")
    [ "$(jq -r '(.components.signalsReceiver.details // .details // {}).delivery // empty' <<<"$h")" = push ] && [ -n "$(jq -r '(.components.signalsReceiver.details // .details // {}).inSyncAt // empty' <<<"$h")" ] && return 0
    sleep 0.5
  done
  die "$1 did not subscribe within 60 s: $h"
}
deny_entries() { health "$1" | jq -r '(.components.signalsReceiver.details // .details // {}).denyListEntries // "-"'; }
book_url() {   # API TOKEN -> the URL of its first book
  local r; r=$(curl -s -m 10 -H "Authorization: Bearer $2" "$1/api/books")
  echo "$1/api/books/$(jq -er '(.content // .items // .)[0].id' <<<"$r" || die "GET $1/api/books: $r")"
}

# ------------------------------------------------------------------------------------------------ processes
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "work dir $WORK; load $LOAD_BEFORE; java $JAVA ($JAVA_MAJOR); scenarios: $SIGNALS_SCENARIOS"
record "probe before $(host_probe)"
start auth auth-server "$AUTH_PORT" "$WORK/auth" "${AUTH_ENV[@]}"
start api1 resource-server "$API_PORT" "$WORK/api1" "${API_ENV[@]}" RECEIVER_URL="$API1"
start api2 resource-server "$((API_PORT + 1))" "$WORK/api2" "${API_ENV[@]}" RECEIVER_URL="$API2"
start api_off resource-server "$((API_PORT + 2))" "$WORK/api_off" "${API_ENV[@]}" SIGNALS_CLIENT_ID=
subscribed "$API1"; subscribed "$API2"
[ -z "$(health "$API_OFF" | jq -r '(.components.signalsReceiver.details // .details // {}).delivery // empty' 2>/dev/null)" ] || die "api_off has a receiver: $(health "$API_OFF")"
log "api1 and api2 subscribed; revoking $FILL tokens"
filled=$(probe fill "$AUTH" demo-service demo-service-secret "$FILL" 4) || die "filling the deny lists failed"
log "$filled"
for _ in $(seq 1 60); do   # every revocation's SET pushed
  [ "$(deny_entries "$API1")" != - ] && [ "$(deny_entries "$API1")" -ge "$FILL" ] && [ "$(deny_entries "$API2")" -ge "$FILL" ] && break
  sleep 1
done
record "deny_list_entries api1=$(deny_entries "$API1") api2=$(deny_entries "$API2") after_revoking=$FILL $(field secs "$filled")s"
log "deny lists: api1 $(deny_entries "$API1") entries, api2 $(deny_entries "$API2")"
export BENCH_TOKEN BENCH_EXPECT='"id"'; BENCH_TOKEN=$(client_token demo-service demo-service-secret)

# ------------------------------------------------------------------------------------------------ scenarios
scenario_revocation_latency() {
  local half=$((CMAX / 2)) u1 u2 w1 w2 t=$THREADS
  u1=$(book_url "$API1" "$BENCH_TOKEN"); u2=$(book_url "$API2" "$BENCH_TOKEN")
  [ "$t" -gt "$half" ] && t=$half
  # the JIT warm on both before the clock starts
  wrk_run "$half" "$PREWARM" get.lua "$u1" > /dev/null & w1=$!
  wrk_run "$half" "$PREWARM" get.lua "$u2" > /dev/null & w2=$!
  wait "$w1" "$w2"
  # load until the probe is done (wrk prints its summary on SIGINT)
  wrk -t"$t" -c"$half" -d600s --timeout 10s -s "$BENCH/lua/get.lua" "$u1" > "$WORK/load1.out" 2>&1 & w1=$!
  wrk -t"$t" -c"$half" -d600s --timeout 10s -s "$BENCH/lua/get.lua" "$u2" > "$WORK/load2.out" 2>&1 & w2=$!
  sleep 3
  probe measure "$AUTH" demo-service demo-service-secret "$LATENCY_ROUNDS" "$GIVE_UP_MS" "$POLL_MS" \
    "" "$u1" "$u2" > "$WORK/latency.out" || { kill -INT "$w1" "$w2"; die "the latency probe failed: $(tail -3 "$WORK/latency.out")"; }
  kill -INT "$w1" "$w2"; wait "$w1" "$w2" || true
  local n=1 out
  for out in "$WORK/load1.out" "$WORK/load2.out"; do
    out=$(grep '^RESULT' "$out") || die "wrk on api$n gave no result: $(head -3 "$WORK/load$n.out")"
    [ "$(field non2xx "$out")" = 0 ] && [ "$(field sockerr "$out")" = 0 ] || die "load on api$n: $out"
    record "revocation_load api$n c=$half $out"
    log "load on api$n: $out"
    n=$((n + 1))
  done
  cat "$WORK/latency.out" >&2
  grep '^round=' "$WORK/latency.out" | sed 's/^/latency_/' >> "$RAW"
  grep '^LATENCY' "$WORK/latency.out" | sed "s|api=$u1 |api=api1 |; s|api=$u2 |api=api2 |" | while read -r line; do
    local p99; p99=$(field p99_ms "$line")
    record "$line under_1s=$([ "$p99" != gaveup ] && [ "$(echo "$p99 < 1000" | bc)" = 1 ] && echo yes || echo no)"
  done
}

scenario_api_signals_cost() {
  local on off side url pid round s0 s1 out cpu
  on=$(book_url "$API1" "$BENCH_TOKEN"); off=$(book_url "$API_OFF" "$BENCH_TOKEN")
  wrk_run "$CMAX" "$PREWARM" get.lua "$on" > /dev/null
  wrk_run "$CMAX" "$PREWARM" get.lua "$off" > /dev/null
  : > "$WORK/cost.txt"
  for round in $(seq 1 "$AB_ROUNDS"); do
    for side in on off; do
      if [ $side = on ]; then url=$on pid=$api1_PID; else url=$off pid=$api_off_PID; fi
      quiet_gate
      s0=$(proc_ticks "$pid"); out=$(wrk_run "$CMAX" "$AB_SECONDS" get.lua "$url"); s1=$(proc_ticks "$pid")
      cpu=$(echo "scale=4; ($s1 - $s0) * 1000 / $(getconf CLK_TCK) / $(field requests "$out")" | bc)
      echo "$round $side $(field rps "$out") $cpu $(field p50_ms "$out") $(field p99_ms "$out")" | tee -a "$WORK/cost.txt" >&2
    done
  done
  # run.sh's median rounds an even count's mean to two decimals, too coarse for 0.08 ms
  median4() { sort -g | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else printf "%.4g\n", (a[NR/2]+a[NR/2+1])/2 }'; }
  for side in on off; do
    record "cost $side c=$CMAX rounds=$AB_ROUNDS secs=$AB_SECONDS rps=$(awk -v s=$side '$2 == s {print $3}' "$WORK/cost.txt" | median4) \
cpu_ms_per_req=$(awk -v s=$side '$2 == s {print $4}' "$WORK/cost.txt" | median4) \
p50_ms=$(awk -v s=$side '$2 == s {print $5}' "$WORK/cost.txt" | median4) p99_ms=$(awk -v s=$side '$2 == s {print $6}' "$WORK/cost.txt" | median4)"
  done
  sed 's/^/cost_run /' "$WORK/cost.txt" >> "$RAW"
  record "deny_list_entries_after api1=$(deny_entries "$API1")"
}

for s in $SIGNALS_SCENARIOS; do log "scenario $s"; "scenario_$s"; done
for name in auth api1 api2 api_off; do pid_var=${name}_PID; record "rss $name $(rss_mib "${!pid_var}")"; done
record "probe after $(host_probe)"
{
  echo "# bench/signals.sh $(date -u +%FT%TZ) cores=$(nproc) load_before=$LOAD_BEFORE load_after=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# java=$("$JAVA" -version 2>&1 | head -1 | tr -d '"') java_opts=$JAVA_OPTS conc=$CMAX fill=$FILL"
  cat "$RAW"
} > "$SIGNALS_OUT"
cat "$SIGNALS_OUT"
log "wrote $SIGNALS_OUT"
