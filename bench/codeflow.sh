#!/usr/bin/env bash
# One worker of the authorization code flow benchmark, as a browser and a confidential client do it:
# GET /oauth2/authorize -> /login form (CSRF) -> POST /login -> consent (first time) -> code -> POST /oauth2/token.
#   bench/codeflow.sh BASE_URL FLOWS OUT_FILE
# Signs in as alice to demo-web FLOWS times, asking for SCOPE (env), (fresh session each time), appends each refresh token to OUT_FILE,
# and exits non-zero on the first unexpected answer. Loopback only; every step has a 30 s timeout.
set -euo pipefail
BASE=${1%/}; FLOWS=$2; OUT=$3
case "$BASE" in http://127.0.0.1:*|http://localhost:*) ;; *) echo "refusing non-loopback $BASE" >&2; exit 2 ;; esac
CLIENT=demo-web; SECRET=demo-web-secret; REDIRECT=http://127.0.0.1:8081/login/oauth2/code/tollgate
# one PKCE pair for all flows: the server checks it per code, and recomputing it would only measure openssl
VERIFIER=bench-verifier-0123456789-0123456789-0123456789-abcdefghij
CHALLENGE=$(printf %s "$VERIFIER" | openssl dgst -sha256 -binary | openssl base64 | tr '+/' '-_' | tr -d '=\n')
SCOPE=${SCOPE:-openid profile books.read}   # without openid: no ID token, at sign-in or on refresh
AUTHORIZE="$BASE/oauth2/authorize?response_type=code&client_id=$CLIENT&scope=${SCOPE// /%20}&redirect_uri=$REDIRECT&state=bench&code_challenge=$CHALLENGE&code_challenge_method=S256"
JAR=$(mktemp); trap 'rm -f "$JAR"' EXIT
C=(curl -s -m 30 -b "$JAR" -c "$JAR")
fail() { echo "codeflow: $*" >&2; exit 1; }
trap 'fail "a step failed (line $LINENO; curl timeout or refused connection)"' ERR
csrf() { sed -n 's/.*name="_csrf"[^>]*value="\([^"]*\)".*/\1/p' | head -1; }
location() { sed -n 's/^[Ll]ocation: *\([^\r]*\).*/\1/p' | head -1; }
code_of() { sed -n 's/.*[?&]code=\([^&]*\).*/\1/p'; }

for _ in $(seq 1 "$FLOWS"); do
  : > "$JAR"
  [ "$("${C[@]}" -o /dev/null -w '%{http_code}' "$AUTHORIZE")" = 302 ] || fail "authorize did not redirect to login"
  token=$("${C[@]}" "$BASE/login" | csrf); [ -n "$token" ] || fail "no CSRF token on /login"
  next=$("${C[@]}" -D - -o /dev/null --data-urlencode username=alice --data-urlencode password=alice-password \
      --data-urlencode "_csrf=$token" "$BASE/login" | location)
  case "$next" in *error*|"") fail "login failed: $next" ;; esac
  where=$("${C[@]}" -D - -o /dev/null "$AUTHORIZE" | location)
  if [[ "$where" == */oauth2/consent* ]]; then   # first sign-in: allow every scope the consent page shows
    "${C[@]}" -o "$JAR.page" "$where"
    state=$(sed -n 's/.*name="state" value="\([^"]*\)".*/\1/p' "$JAR.page" | head -1)
    scopes=$(sed -n 's/.*name="scope" value="\([^"]*\)".*/\1/p' "$JAR.page" | sed 's/^/--data-urlencode scope=/' | tr '\n' ' ')
    [ -n "$state" ] || fail "no consent form at $where"
    # shellcheck disable=SC2086
    where=$("${C[@]}" -D - -o /dev/null --data-urlencode client_id=$CLIENT --data-urlencode "state=$state" $scopes \
        --data-urlencode "_csrf=$(csrf < "$JAR.page")" "$BASE/oauth2/authorize" | location)
  fi
  rm -f "$JAR.page"
  code=$(code_of <<<"$where"); [ -n "$code" ] || fail "no code in $where"
  body=$(curl -s -m 30 -u "$CLIENT:$SECRET" -w ' %{http_code}' -d grant_type=authorization_code --data-urlencode "code=$code" \
      --data-urlencode "redirect_uri=$REDIRECT" -d "code_verifier=$VERIFIER" "$BASE/oauth2/token")
  [ "${body##* }" = 200 ] || fail "token request: $body"
  refresh=$(sed -n 's/.*"refresh_token":"\([^"]*\)".*/\1/p' <<<"$body"); [ -n "$refresh" ] || fail "no refresh token: $body"
  echo "$refresh" >> "$OUT"
done
