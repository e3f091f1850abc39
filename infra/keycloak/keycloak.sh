#!/usr/bin/env bash
# Runs the Keycloak server distribution (unpacked by infra/keycloak/pom.xml from
# Maven Central) on 127.0.0.1 without Docker, with the township realm imported.
#
#   infra/keycloak/keycloak.sh start|stop|status|reset
#
# Environment:
#   KEYCLOAK_PORT             HTTP port                    (default 8180)
#   KEYCLOAK_MANAGEMENT_PORT  health/metrics port          (default 9180)
#   KEYCLOAK_START_TIMEOUT    seconds to wait for the realm (default 300)
#   KEYCLOAK_DATA             runtime data: H2 database, pid, log
#                                                          (default <repo>/.run/keycloak)
#   KEYCLOAK_MODE             dev | optimized              (default dev: `start-dev`.
#                             `optimized` runs a one-off `kc.sh build` then
#                             `start --optimized`; measured on a 2-CPU box, warm
#                             restarts took ~15 s either way and a first start
#                             (schema + realm import) was no faster, while the
#                             build adds ~22 s, so dev is the default.)
#   JAVA_HOME                 a JDK 21 or newer (default /usr/lib/jvm/temurin-25-jdk-amd64)
#
# The admin console user is admin/admin. That and every demo password in the realm
# are local-only demo values; never reuse them anywhere reachable from a network.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/../.." && pwd)"
KEYCLOAK_VERSION="26.5.6"
DIST_DIR="$SCRIPT_DIR/target/keycloak-$KEYCLOAK_VERSION"
REALM_DIR="$SCRIPT_DIR/realm"
REALM="township"

PORT="${KEYCLOAK_PORT:-8180}"
MGMT_PORT="${KEYCLOAK_MANAGEMENT_PORT:-9180}"
DATA_DIR="${KEYCLOAK_DATA:-$REPO_DIR/.run/keycloak}"
MODE="${KEYCLOAK_MODE:-dev}"
PID_FILE="$DATA_DIR/keycloak.pid"
LOG_FILE="$DATA_DIR/keycloak.log"
HOME_DIR="$DATA_DIR/home"
BUILD_STAMP="$DIST_DIR/lib/quarkus/township-build.txt"
START_TIMEOUT="${KEYCLOAK_START_TIMEOUT:-300}"
DISCOVERY_URL="http://127.0.0.1:$PORT/realms/$REALM/.well-known/openid-configuration"

# Options fixed at build time; `start --optimized` refuses to run if they differ.
BUILD_OPTS=(--db=dev-file --health-enabled=true)

say() { printf 'keycloak: %s\n' "$*"; }
fail() { printf 'keycloak: %s\n' "$*" >&2; exit 1; }

find_java() {
  local candidate version path_jdk=""
  if command -v java >/dev/null 2>&1; then
    path_jdk="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  fi
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 "$path_jdk"; do
    [[ -n "$candidate" && -x "$candidate/bin/java" ]] || continue
    version="$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = //p')"
    if [[ "${version%%.*}" =~ ^[0-9]+$ ]] && (( ${version%%.*} >= 21 )); then
      if [[ -n "${JAVA_HOME:-}" && "$candidate" != "$JAVA_HOME" ]]; then
        say "JAVA_HOME=$JAVA_HOME is not a JDK 21+, using $candidate"
      fi
      JAVA_HOME="$candidate"
      export JAVA_HOME
      return 0
    fi
  done
  fail "no JDK 21+ found: set JAVA_HOME to a JDK 21 or newer (Keycloak $KEYCLOAK_VERSION needs it)"
}

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  # guard against a recycled pid: kc.sh (or the JVM it exec'd) carries our home dir
  tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "-Dkc.home.dir=$HOME_DIR" || return 1
  echo "$pid"
}

port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

ensure_dist() {
  if [[ ! -x "$DIST_DIR/bin/kc.sh" ]]; then
    say "unpacking Keycloak $KEYCLOAK_VERSION (mvn generate-resources)"
    (cd "$REPO_DIR" && mvn -q -pl infra/keycloak generate-resources) \
      || fail "could not unpack the Keycloak distribution into $DIST_DIR"
  fi
}

# Keycloak keeps its H2 database, temp files and import folder under
# <kc.home.dir>/data. A private home under KEYCLOAK_DATA (links to the
# read-only parts of the distribution) keeps runtime state out of the tree.
prepare_home() {
  mkdir -p "$HOME_DIR/data"
  local part
  for part in bin conf lib providers themes; do
    ln -sfn "$DIST_DIR/$part" "$HOME_DIR/$part"
  done
  ln -sfn "$REALM_DIR" "$HOME_DIR/data/import"
}

kc() {
  "$DIST_DIR/bin/kc.sh" "-Dkc.home.dir=$HOME_DIR" "$@"
}

ensure_build() {
  local stamp="$BUILD_STAMP"
  local want="${BUILD_OPTS[*]}"
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    say "building an optimized server image ($want)"
    kc build "${BUILD_OPTS[@]}" >>"$LOG_FILE" 2>&1 \
      || { tail -n 40 "$LOG_FILE" >&2; fail "kc.sh build failed, see $LOG_FILE"; }
    echo "$want" > "$stamp"
  fi
}

start() {
  local pid
  if pid="$(running_pid)"; then
    say "already running (pid $pid) on http://127.0.0.1:$PORT"
    exit 0
  fi
  rm -f "$PID_FILE"
  find_java
  local p
  for p in "$PORT" "$MGMT_PORT"; do
    port_busy "$p" && fail "port $p on 127.0.0.1 is already in use"
  done
  ensure_dist
  mkdir -p "$DATA_DIR"
  prepare_home
  # the realm is imported only into an empty database: when the realm file changed since the last import,
  # start from an empty one (it holds nothing but the realm's demo data)
  local realm_sum
  realm_sum="$(cat "$REALM_DIR"/*.json | sha256sum | cut -d' ' -f1)"
  if [[ -d "$HOME_DIR/data/h2" && "$(cat "$DATA_DIR/realm.sha256" 2>/dev/null)" != "$realm_sum" ]]; then
    say "the realm file changed since it was imported: importing it again into an empty database"
    rm -rf "$HOME_DIR/data/h2"
  fi
  : >"$LOG_FILE"

  local args=(
    --http-host=127.0.0.1 --http-port="$PORT" --http-enabled=true
    --http-management-port="$MGMT_PORT"
    # pin the issuer: tokens say iss=http://127.0.0.1:PORT/realms/township even when
    # fetched through http://localhost:PORT, so resource servers see one issuer
    --hostname="http://127.0.0.1:$PORT" --hostname-strict=false
    --import-realm
  )
  local cmd
  case "$MODE" in
    # one node only: no JGroups cluster discovery
    optimized) ensure_build; cmd=(start --optimized --cache=local "${args[@]}") ;;
    # start-dev re-augments lib/quarkus for the dev profile, voiding an optimized build
    dev) rm -f "$BUILD_STAMP"; cmd=(start-dev --health-enabled=true "${args[@]}") ;;
    *) fail "KEYCLOAK_MODE must be 'optimized' or 'dev', not '$MODE'" ;;
  esac

  say "starting ($MODE) on http://127.0.0.1:$PORT, data in $DATA_DIR"
  local began=$SECONDS
  KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}" \
  KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}" \
    setsid "$DIST_DIR/bin/kc.sh" "-Dkc.home.dir=$HOME_DIR" "${cmd[@]}" \
      </dev/null >>"$LOG_FILE" 2>&1 &
  pid=$!
  echo "$pid" >"$PID_FILE"

  while (( SECONDS - began < START_TIMEOUT )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$LOG_FILE" >&2
      rm -f "$PID_FILE"
      fail "exited during start-up, see $LOG_FILE"
    fi
    if curl -fsS -o /dev/null --max-time 2 "$DISCOVERY_URL" 2>/dev/null; then
      say "ready after $((SECONDS - began)) s (pid $pid): $DISCOVERY_URL"
      echo "$realm_sum" > "$DATA_DIR/realm.sha256"
      return 0
    fi
    sleep 0.5
  done
  tail -n 40 "$LOG_FILE" >&2
  stop_pid "$pid"
  fail "realm '$REALM' not reachable after $START_TIMEOUT s, see $LOG_FILE"
}

# kc.sh is started as a session leader, so its process group holds kc.sh and the JVM.
stop_pid() {
  local pid="$1" i
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    pgrep -g "$pid" >/dev/null 2>&1 || { rm -f "$PID_FILE"; return 0; }
    sleep 0.5
  done
  say "still running after 30 s, sending SIGKILL"
  kill -KILL -- "-$pid" 2>/dev/null || true
  for ((i = 0; i < 20; i++)); do
    pgrep -g "$pid" >/dev/null 2>&1 || break
    sleep 0.5
  done
  rm -f "$PID_FILE"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    say "not running"
    return 0
  fi
  stop_pid "$pid"
  say "stopped (pid $pid)"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    if curl -fsS -o /dev/null --max-time 2 "$DISCOVERY_URL" 2>/dev/null; then
      say "running (pid $pid), realm '$REALM' ready at http://127.0.0.1:$PORT"
    else
      say "running (pid $pid), realm '$REALM' not answering yet"
    fi
    return 0
  fi
  say "not running"
  return 3
}

# The realm is imported only into an empty database (IGNORE_EXISTING); after
# editing realm/township-realm.json, `reset` then `start` to re-import it.
reset() {
  stop
  # only delete a folder this script made (it holds home/ and keycloak.log)
  if [[ -d "$DATA_DIR" && ! ( -d "$HOME_DIR/data" || -f "$LOG_FILE" ) ]]; then
    fail "$DATA_DIR does not look like a Keycloak data folder; not deleting it"
  fi
  rm -rf "$DATA_DIR"
  say "removed $DATA_DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  reset) reset ;;
  *) echo "usage: $0 start|stop|status|reset" >&2; exit 2 ;;
esac
