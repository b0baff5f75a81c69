#!/usr/bin/env bash
# ChatRoom on this machine through its Aspire AppHost: PostgreSQL and Redis from the machine's own binaries
# (containers where a container runtime answers), the migration service, the Api, the Worker, the Web and the
# Aspire dashboard. Prints the Web's and the dashboard's URLs; Ctrl-C stops everything.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
APPHOST="$ROOT/src/ChatRoom.AppHost"
DATA_DIR="$ROOT/.data/apphost"
LOGS="$DATA_DIR/logs"
WEB_URL="http://localhost:5080"
CONFIGURATION="${CHATROOM_CONFIGURATION:-Release}"

usage() {
  cat <<TEXT
Usage: ./run.sh [--reset] [--help] [-- AppHost arguments]

Runs ChatRoom through its Aspire AppHost and prints the URLs to open. Ctrl-C stops every process it started.

  Web          $WEB_URL         the page to open; proxies /api and /hubs to the Api
  Dashboard    http://localhost:15170        resources, logs, traces and metrics (the login link is printed)
  Api, Worker  http://localhost:5180, :5181  OpenAPI at /openapi/v1.json and /scalar on the Api

  Data         $DATA_DIR
               postgres/, redis/ and blobs/ hold the servers' files (PostgreSQL's data and the documents in
               Azurite survive a restart), logs/ the
               AppHost's output. As root, PostgreSQL runs as the 'postgres' account; a data folder that account
               cannot reach moves under /var/lib/chatroom.
  Secrets      the AppHost's user secrets (dotnet user-secrets list --project src/ChatRoom.AppHost): the first
               admin's password (printed on the first run), the JWT key and the database passwords, generated once.
  First admin  'admin' (Parameters__initial-admin-username overrides it).
  Build        CHATROOM_CONFIGURATION (default Release).

  --reset      delete the data folder (all messages and users) before starting; the secrets stay.
  -- args      passed to the AppHost, e.g. ./run.sh -- --ApiReplicas 2 or -- --Infrastructure Containers.

Needs the .NET 10 SDK, Node.js 20+ with npm, PostgreSQL 15+, redis-server, tesseract-ocr and poppler-utils; Azurite
(blob storage emulator) is installed with npm into tools/azurite. On Debian or Ubuntu, run as root, the missing
packages are installed with apt-get.
TEXT
}

RESET=0
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --reset) RESET=1; shift ;;
    --) shift; break ;;
    *) echo "Unknown option: $1 (see ./run.sh --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=scripts/common.sh
source "$ROOT/scripts/common.sh"

require_dotnet
# Tesseract and pdftoppm read identity documents (OCR) in the Worker.
ensure_packages postgresql redis-server curl tesseract-ocr poppler-utils
ensure_node
ensure_azurite "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ "$RESET" = 1 ]; then
  echo "Deleting $DATA_DIR"
  rm -rf "$DATA_DIR" "/var/lib/chatroom/$(printf '%s' "$DATA_DIR/postgres" | sha256sum | cut -c1-12)"
fi
[ -f "$DATA_DIR/postgres/PG_VERSION" ] && FRESH_DATA=0 || FRESH_DATA=1
mkdir -p "$LOGS"

echo "Building ($CONFIGURATION)..."
dotnet build "$APPHOST" -c "$CONFIGURATION" --nologo -v quiet -clp:ErrorsOnly > "$LOGS/build.log" 2>&1 \
  || { cat "$LOGS/build.log"; exit 1; }

# The admin's password is the one secret a person types: it is shown when a new database is seeded with it.
# The AppHost generates it (and the other secrets) once and keeps it in its user secrets.
admin_password() {
  dotnet user-secrets list --project "$APPHOST" 2>/dev/null | sed -n 's/^Parameters:initial-admin-password = //p'
}
if [ -z "$(admin_password)" ]; then
  dotnet user-secrets set "Parameters:initial-admin-password" "$(random_secret 18)" --project "$APPHOST" >/dev/null
fi

APPHOST_PID=""
stop() {
  trap - INT TERM EXIT
  if [ -n "$APPHOST_PID" ] && kill -0 "$APPHOST_PID" 2>/dev/null; then
    echo
    echo "Stopping ChatRoom..."
    # The AppHost stops its resources (the servers shut down cleanly) before it exits.
    kill -TERM "$APPHOST_PID" 2>/dev/null || true
    wait "$APPHOST_PID" 2>/dev/null || true
    echo "Stopped."
  fi
}
trap stop EXIT
trap 'exit 130' INT TERM

# The AppHost's fixed ports (launchSettings.json): another ChatRoom, or anything else, on one of them would
# leave this run waiting on a server it cannot reach.
for port in 5080 5180 5181 15170 19170 20170; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is already in use (another ./run.sh?); stop what listens there first." >&2
    exit 1
  fi
done

echo "Starting the AppHost (log: $LOGS/apphost.log)..."
START=$(date +%s)
# In a session of its own, so a Ctrl-C in the terminal reaches the AppHost once, from stop().
ASPIRE_ALLOW_UNSECURED_TRANSPORT=true LocalInfrastructure__DataDirectory="$DATA_DIR" \
  setsid dotnet run --project "$APPHOST" -c "$CONFIGURATION" --no-build --launch-profile http -- "$@" \
  > "$LOGS/apphost.log" 2>&1 &
APPHOST_PID=$!

# Ready when the Web answers healthy (it waits for the Api, which waits for the migrations and Redis).
until curl -fsS -o /dev/null "$WEB_URL/health" 2>/dev/null; do
  if ! kill -0 "$APPHOST_PID" 2>/dev/null; then
    tail -n 40 "$LOGS/apphost.log" >&2
    echo "The AppHost stopped before ChatRoom was ready; see $LOGS/apphost.log." >&2
    exit 1
  fi
  if [ $(( $(date +%s) - START )) -gt 300 ]; then
    echo "ChatRoom was not ready within 5 minutes; the dashboard's resource page says which part is stuck:" >&2
    grep -m1 -o 'http://[^ ]*/login?t=[0-9a-f]*' "$LOGS/apphost.log" >&2 || true
    exit 1
  fi
  sleep 1
done
DASHBOARD_LOGIN="$(grep -m1 -o 'http://[^ ]*/login?t=[0-9a-f]*' "$LOGS/apphost.log" || echo "http://localhost:15170")"

echo
echo "ChatRoom is running (ready in $(( $(date +%s) - START )) s):"
echo "  Web        $WEB_URL"
echo "  Dashboard  $DASHBOARD_LOGIN"
if [ "$FRESH_DATA" = 1 ]; then
  echo "  Admin      admin / $(admin_password)  (kept in the AppHost's user secrets)"
else
  echo "  Admin      admin (password: dotnet user-secrets list --project src/ChatRoom.AppHost)"
fi
echo "  Stop       Ctrl-C"
wait "$APPHOST_PID" || true
APPHOST_PID=""
echo "The AppHost stopped; see $LOGS/apphost.log." >&2
exit 1
