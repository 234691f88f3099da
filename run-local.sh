#!/usr/bin/env bash
# Starts the whole local Tollgate system: auth-server (9000), resource-server (8080) and demo-client (8081),
# each on its own embedded H2 file database under ./data/, with the demo data, plus a second auth-server (9100,
# profile demo-upstream) as the upstream identity provider behind "Continue with Tollgate Upstream (demo)", and a
# mail catcher (SMTP 2525, inbox on 8025, every mail also as an .eml file under ./data/mail/) that both auth servers
# send their mail to.
# Runs in the foreground; Ctrl-C (or SIGTERM) stops them all. Needs only a JDK 17+; the Maven wrapper fetches Maven.
# The apps run on $JAVA_HOME's java when JAVA_HOME is set (Java 21+ gives the resource server virtual threads).
# Each app may take as long as it needs to come up while it is alive and its log keeps growing, up to
# STARTUP_TIMEOUT seconds in all (600); one whose log stays silent for STARTUP_STALL_TIMEOUT seconds (120) is hung.
set -euo pipefail
cd "$(dirname "$0")"

AUTH_PORT=${AUTH_PORT:-9000}
API_PORT=${API_PORT:-8080}
DEMO_PORT=${DEMO_PORT:-8081}
UPSTREAM_PORT=${UPSTREAM_PORT:-9100}
export MAIL_CATCHER_SMTP_PORT=${MAIL_CATCHER_SMTP_PORT:-2525}
export MAIL_CATCHER_HTTP_PORT=${MAIL_CATCHER_HTTP_PORT:-8025}
export MAIL_CATCHER_FOLDER=${MAIL_CATCHER_FOLDER:-data/mail}
export AUTH_ISSUER=${AUTH_ISSUER:-http://localhost:$AUTH_PORT}
export API_AUDIENCE=${API_AUDIENCE:-http://localhost:$API_PORT}
export API_URL=${API_URL:-http://localhost:$API_PORT}
export SPRING_PROFILES_ACTIVE=${SPRING_PROFILES_ACTIVE:-demo}
export DEMO_UPSTREAM_ISSUER=${DEMO_UPSTREAM_ISSUER:-http://localhost:$UPSTREAM_PORT}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-600}
STARTUP_STALL_TIMEOUT=${STARTUP_STALL_TIMEOUT:-120}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
LOGS=data/logs
MODULES=(mail-catcher auth-server resource-server demo-client)
PIDS=()

runnable_jar() { ls "$1"/target/*-exec.jar 2>/dev/null | head -n 1; }

needs_build() {
  local module jar
  for module in "${MODULES[@]}"; do
    jar=$(runnable_jar "$module")
    [ -n "$jar" ] || return 0
    [ -z "$(find "$module/src/main" "$module/pom.xml" pom.xml -newer "$jar" -print -quit)" ] || return 0
  done
  return 1
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Plain bash instead of curl, so a JDK is all a fresh machine needs.
healthy() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET /actuator/health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
    read -r status <&3
    [[ $status == *" 200 "* ]]
  ) 2>/dev/null
}

stop_all() {
  trap - INT TERM EXIT
  if [ ${#PIDS[@]} -gt 0 ]; then
    echo
    echo "Stopping Tollgate..."
    kill "${PIDS[@]}" 2>/dev/null || true
    wait "${PIDS[@]}" 2>/dev/null || true
  fi
  echo "Stopped."
}

# gives up on an app that is not healthy: says why, shows the end of its log, and stops everything (trap EXIT)
give_up() {
  local name=$1 reason=$2
  echo "$name $reason. The end of its log ($LOGS/$name.log):" >&2
  tail -n 30 "$LOGS/$name.log" >&2
  exit 1
}

# waits while the app is alive and its log grows (a loaded machine starts slowly), up to STARTUP_TIMEOUT in all
await_healthy() {
  local name=$1 port=$2 pid=$3 size=-1 grown=$SECONDS now
  until healthy "$port"; do
    kill -0 "$pid" 2>/dev/null || give_up "$name" "stopped during start-up"
    now=$(wc -c <"$LOGS/$name.log")
    if [ "$now" -ne "$size" ]; then
      size=$now
      grown=$SECONDS
    fi
    if [ $((SECONDS - grown)) -ge "$STARTUP_STALL_TIMEOUT" ]; then
      give_up "$name" "wrote nothing for $STARTUP_STALL_TIMEOUT s and does not answer on port $port (STARTUP_STALL_TIMEOUT)"
    fi
    if [ "$SECONDS" -ge "$STARTUP_DEADLINE" ]; then
      give_up "$name" "did not answer on port $port within $STARTUP_TIMEOUT s (STARTUP_TIMEOUT)"
    fi
    sleep 1
  done
  echo "  $name is up on http://localhost:$port"
}

for limit in STARTUP_TIMEOUT STARTUP_STALL_TIMEOUT; do
  if ! [[ ${!limit} =~ ^[1-9][0-9]*$ ]]; then
    echo "$limit must be a number of seconds, not '${!limit}'." >&2
    exit 1
  fi
done

for port in "$AUTH_PORT" "$API_PORT" "$DEMO_PORT" "$UPSTREAM_PORT" "$MAIL_CATCHER_SMTP_PORT" "$MAIL_CATCHER_HTTP_PORT"; do
  if port_in_use "$port"; then
    echo "Port $port is already in use. Stop whatever listens there (an earlier run?) and try again." >&2
    exit 1
  fi
done

if needs_build; then
  echo "Building Tollgate (the first build downloads dependencies and takes a few minutes)..."
  ./mvnw -B -q -DskipTests -pl mail-catcher,auth-server,resource-server,demo-client -am package
fi

mkdir -p "$LOGS"
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

# start <log name> <module> <port> [VAR=value ...]
start() {
  local name=$1 module=$2 port=$3
  # the log exists before this returns (the background job would open it later, and await_healthy reads its size)
  : >"$LOGS/$name.log"
  env "${@:4}" SERVER_PORT="$port" "$JAVA" -XX:TieredStopAtLevel=1 -jar "$(runnable_jar "$module")" >>"$LOGS/$name.log" 2>&1 &
  PIDS+=($!)
}

echo "Starting Tollgate (logs in $LOGS/)..."
STARTUP_DEADLINE=$((SECONDS + STARTUP_TIMEOUT))
# first, so that no mail of the auth servers waits for it (they would queue it meanwhile, and send it later)
"$JAVA" -XX:TieredStopAtLevel=1 -jar "$(runnable_jar mail-catcher)" >"$LOGS/mail-catcher.log" 2>&1 &
PIDS+=($!)
# its inbox port opens after its SMTP port
until port_in_use "$MAIL_CATCHER_HTTP_PORT"; do
  kill -0 "${PIDS[0]}" 2>/dev/null || give_up mail-catcher "stopped during start-up"
  [ "$SECONDS" -lt "$STARTUP_DEADLINE" ] || give_up mail-catcher "did not open port $MAIL_CATCHER_HTTP_PORT"
  sleep 1
done
echo "  mail-catcher is up on http://localhost:$MAIL_CATCHER_HTTP_PORT"
MAIL=(MAIL_HOST=127.0.0.1 MAIL_PORT="$MAIL_CATCHER_SMTP_PORT" MAIL_STARTTLS=false)
start auth-server auth-server "$AUTH_PORT" "${MAIL[@]}"
start resource-server resource-server "$API_PORT"
start demo-client demo-client "$DEMO_PORT"
start upstream-auth-server auth-server "$UPSTREAM_PORT" "${MAIL[@]}" SPRING_PROFILES_ACTIVE=demo-upstream \
  AUTH_ISSUER="$DEMO_UPSTREAM_ISSUER" DEMO_UPSTREAM_REDIRECT_URIS="$AUTH_ISSUER/login/oauth2/code/upstream"
await_healthy auth-server "$AUTH_PORT" "${PIDS[1]}"
await_healthy resource-server "$API_PORT" "${PIDS[2]}"
await_healthy demo-client "$DEMO_PORT" "${PIDS[3]}"
await_healthy upstream-auth-server "$UPSTREAM_PORT" "${PIDS[4]}"

cat <<INFO

Tollgate is running. Press Ctrl-C to stop it all.

  Demo app (Sign in with Tollgate)  http://localhost:$DEMO_PORT
  Auth server / issuer              $AUTH_ISSUER
  Discovery                         $AUTH_ISSUER/.well-known/openid-configuration
  Books API                         http://localhost:$API_PORT/api/books

  Demo users    alice / alice-password   (USER)
                admin / admin-password   (ADMIN, USER)
  Social login  "Continue with Tollgate Upstream (demo)" signs in at $DEMO_UPSTREAM_ISSUER as
                carol / carol-password             (new to Tollgate: gets a local account)
                alice / alice-upstream-password    (same verified email as alice: links after alice-password)
  Your account  $AUTH_ISSUER/account   (linked sign-ins, password for upstream-only users)
  Mail          http://localhost:$MAIL_CATCHER_HTTP_PORT   (every mail Tollgate sends; also as .eml files in $MAIL_CATCHER_FOLDER/)
  Demo clients  demo-web / demo-web-secret, demo-cli (public), demo-service / demo-service-secret,
                demo-service-opaque / demo-service-opaque-secret, resource-server / resource-server-secret

INFO

wait -n "${PIDS[@]}" || true
echo "One of the applications stopped; see $LOGS/." >&2
