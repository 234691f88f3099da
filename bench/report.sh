#!/usr/bin/env bash
# Renders bench/run.sh's raw results (RAW) as OUT (markdown); KEY=VALUE arguments describe the run.
# bench/NOTES.md (the hand-written analysis: targets, profiles, what bounds each figure) is appended as is.
set -euo pipefail
RAW=$1; OUT=$2; shift 2
declare -A M; for kv in "$@"; do M[${kv%%=*}]=${kv#*=}; done
HERE=$(cd "$(dirname "$0")" && pwd)
val() { awk -v k="$1" -v c="$2" -v f="$3" '$1=="result" && $2==k && $3==c {print $f}' "$RAW"; }
one() { awk -v k="$1" -v n="$2" '$1==k && $2==n {print ($1 == "startup" || $1 == "aot_training" ? sprintf("%.1f", $3) : $3)}' "$RAW"; }
cell() {   # NAME C -> "rps · p50/p99 · cpu"
  local r; r=$(val "$1" "$2" 4); [ -n "$r" ] || { printf -- '–'; return; }
  if [ "$(val "$1" "$2" 5)" = - ]; then printf '%s · – · %s' "$r" "$(val "$1" "$2" 7)"
  else printf '%s · %s/%s · %s' "$r" "$(val "$1" "$2" 5)" "$(val "$1" "$2" 6)" "$(val "$1" "$2" 7)"; fi
}
ratio() { local a b; a=$(val "$1" "$2" 4); b=$(val "$3" "$2" 4); if [ -n "$a" ] && [ -n "$b" ]; then awk -v a="$a" -v b="$b" 'BEGIN{printf "%.2f", a / b}'; else printf -- '–'; fi; }
others() {   # small negative values are rounding between the CPU counters: shown as 0
  local x="" o; for c in ${M[conc]}; do o=$(val "$1" "$c" 8); [[ "$o" == -* ]] && [ "$o" != - ] && o=0; x="$x${x:+ / }$o"; done
  printf '%s' "${x:-–}"
}
row() { local line="| $2 |"; for c in ${M[conc]}; do line="$line $(cell "$1" "$c") |"; done; echo "$line $(others "$1") |"; }
ratio_row() { local line="| **$3** |"; for c in ${M[conc]}; do line="$line **$(ratio "$1" "$c" "$2")×** |"; done; echo "$line |"; }
{
  echo "# Tollgate benchmark results"
  echo
  echo "Written by \`bench/run.sh\` on ${M[date]}. Machine: ${M[cores]} cores, load average ${M[load_before]} before and"
  echo "${M[load_after]} after the run (the machine is shared with other people's builds: see \"other CPU\")."
  echo "Tollgate JVM: ${M[java]}, \`${M[java_opts]}\`$([ "${M[aot]}" = 1 ] && echo ", started with an AOT cache"). Keycloak 26.7.3 prod mode"
  echo "(\`kc.sh start --optimized\`, dev-file H2, local caches) on ${M[keycloak_java]} and node-oidc-provider 9.13.3 (Node 20),"
  echo "measured in the same session, never at the same time."
  probe() { awk -v w="$1" '$1=="probe" && $2==w {print $3}' "$RAW"; }
  if [ -n "$(probe before)" ]; then
    echo "Host speed (\`openssl speed rsa2048\`, one core, signatures/s): $(probe before) before the run, $(probe after) after;"
    echo "the host's speed moves from day to day and even within a run, so read absolute figures against it."
  fi
  echo "wrk: ${M[threads]} threads, keep-alive, ${M[repeats]} runs of ${M[duration]} s per concurrency, each after a ${M[warmup]} s warm-up;"
  echo "load generator and servers share the cores. Every figure is the median of the runs."
  echo
  echo "Cell: requests/s · p50/p99 latency ms · server CPU ms per request. Other CPU: % of the host used by processes"
  echo "other than the servers and wrk during the runs (200 = both cores), per concurrency."
  echo
  hdr="| scenario |"; sep="| --- |"; for c in ${M[conc]}; do hdr="$hdr c=$c |"; sep="$sep --- |"; done
  echo "$hdr other CPU % |"; echo "$sep --- |"
  row cc_rs256 "client_credentials, JWT RS256 (demo-service)"
  row cc_es256 "client_credentials, JWT ES256 (\`SIGNING_KEY_ALGORITHM=ES256\`)"
  row kc_client_credentials "Keycloak client_credentials (RS256)"
  row node_client_credentials "node-oidc-provider client_credentials (JWT RS256)"
  ratio_row cc_rs256 kc_client_credentials "RS256 / Keycloak"
  ratio_row cc_rs256 node_client_credentials "RS256 / node-oidc-provider"
  ratio_row cc_es256 kc_client_credentials "ES256 / Keycloak"
  row introspect "introspection of an opaque token (resource-server client)"
  row kc_introspect "Keycloak introspection"
  row node_introspect "node-oidc-provider introspection (opaque token)"
  ratio_row introspect kc_introspect "introspection / Keycloak"
  ratio_row introspect node_introspect "introspection / node-oidc-provider"
  row refresh "refresh_token, rotated on every use, grant without openid (demo-web)"
  row refresh_oidc "refresh_token, rotated, grant with openid: a new ID token too (demo-web)"
  row kc_refresh "Keycloak refresh_token (one reused token, grant without openid: Keycloak's defaults)"
  ratio_row refresh kc_refresh "refresh / Keycloak"
  ratio_row refresh_oidc kc_refresh "refresh with ID token / Keycloak"
  row codeflow "authorization code flow incl. sign-in (bcrypt), flows/s (curl workers = c)"
  row api_jwt "resource-server GET /api/books/{id}, JWT (server CPU: both servers)"
  row api_opaque "resource-server GET /api/books/{id}, opaque token (introspection cached 5 s)"
  echo
  echo "With ${M[prefill_rows]} live authorizations in the table (each with an access and a refresh token digest):"
  echo
  echo "$hdr other CPU % |"; echo "$sep --- |"
  row m_cc_rs256 "client_credentials, JWT RS256"
  row m_introspect "introspection of an opaque token"
  row m_refresh "refresh_token, rotated on every use"
  row m_api_opaque "resource-server GET /api/books/{id}, opaque token"
  if [ -n "$(awk '$1=="result" && $2 ~ /^pg/' "$RAW")" ]; then
    echo
    echo "On PostgreSQL ${M[postgres]:-} (\`POSTGRES=1\`: a local cluster with default settings, so fsync and synchronous commit"
    echo "on; it shares the cores, and its own CPU counts as \"other CPU\"), on an empty table and with ${M[prefill_rows]} authorizations:"
    echo
    echo "$hdr other CPU % |"; echo "$sep --- |"
    row pg_introspect "introspection of an opaque token, empty table"
    row pgm_introspect "introspection of an opaque token, ${M[prefill_rows]} authorizations"
    row pg_refresh "refresh_token, rotated on every use, empty table"
    row pgm_refresh "refresh_token, rotated on every use, ${M[prefill_rows]} authorizations"
  fi
  echo
  echo "| process | start-up to discovery/health (s) | RSS after load (MiB) |"
  echo "| --- | --- | --- |"
  echo "| auth-server, fresh database (migrations, key, demo seed) | $(one startup auth) | $(one rss auth) |"
  echo "| auth-server, restart on that database | $(one startup auth_restart) | – |"
  echo "| auth-server, restart on that database with ${M[prefill_rows]} authorizations | $(one startup auth_million) | $(one rss auth_million) |"
  echo "| auth-server, fresh database, plain \`java -jar\` (no AOT cache) | $(one startup auth_plain) | – |"
  echo "| auth-server, ES256, fresh database | $(one startup auth_es256) | $(one rss auth_es256) |"
  [ -n "$(one startup auth_pg)" ] && echo "| auth-server on PostgreSQL, fresh database | $(one startup auth_pg) | $(one rss auth_pg) |"
  echo "| resource-server | $(one startup api) | $(one rss api) |"
  echo "| Keycloak prod (\`--optimized\`, build step not counted) | $(one startup keycloak) | $(one rss keycloak) |"
  echo "| node-oidc-provider | – | $(one rss node_oidc) |"
  echo
  echo "AOT cache training (extract + one start-up, not counted above, as Keycloak's build step): auth-server $(one aot_training auth-server) s,"
  echo "resource-server $(one aot_training resource-server) s. Filling the table: $(awk '$1=="prefill" {print $3}' "$RAW") s$(awk '$1=="prefill_pg" {printf " (PostgreSQL: %s s)", $3}' "$RAW")."
  echo
  if [ -f "$HERE/NOTES.md" ]; then cat "$HERE/NOTES.md"; fi
} > "$OUT"
