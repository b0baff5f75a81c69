#!/usr/bin/env bash
# ChatRoom on this machine, without containers: PostgreSQL and Redis from the machine's own binaries,
# then the migration service, the Api, the Worker and the Web, wired with the same settings the Aspire
# AppHost injects. Ctrl-C stops everything this script started.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA_DIR="${CHATROOM_DATA_DIR:-$ROOT/.data/run}"
HOST="${CHATROOM_HOST:-127.0.0.1}"
WEB_PORT="${CHATROOM_WEB_PORT:-5080}"
API_PORT="${CHATROOM_API_PORT:-5180}"
WORKER_PORT="${CHATROOM_WORKER_PORT:-5181}"
PG_PORT="${CHATROOM_PG_PORT:-55432}"
REDIS_PORT="${CHATROOM_REDIS_PORT:-56379}"
CONFIGURATION="${CHATROOM_CONFIGURATION:-Release}"
ENVIRONMENT="${CHATROOM_ENVIRONMENT:-Development}"

usage() {
  cat <<TEXT
Usage: ./run.sh [--reset] [--help]

Starts ChatRoom on this machine and prints the URL to open. Ctrl-C stops every process it started.

  PostgreSQL  127.0.0.1:$PG_PORT     (CHATROOM_PG_PORT)      database chatdb
  Redis       127.0.0.1:$REDIS_PORT     (CHATROOM_REDIS_PORT)
  Api         $HOST:$API_PORT      (CHATROOM_API_PORT)     OpenAPI at /openapi/v1.json, UI at /scalar
  Worker      $HOST:$WORKER_PORT      (CHATROOM_WORKER_PORT)  /health, /alive
  Web         $HOST:$WEB_PORT      (CHATROOM_WEB_PORT)     the page to open; proxies /api and /hubs

  Data folder  $DATA_DIR  (CHATROOM_DATA_DIR)
               postgres/ and redis/ hold the data, logs/ the output of every process,
               secrets.env the generated passwords and keys (kept between runs).
  Bind address CHATROOM_HOST (default 127.0.0.1; 0.0.0.0 to serve other machines).
  Build        CHATROOM_CONFIGURATION (default Release); ASP.NET environment CHATROOM_ENVIRONMENT
               (default Development).
  First admin  INITIAL_ADMIN_USERNAME / INITIAL_ADMIN_PASSWORD; when unset, 'admin' with a generated
               password that is printed once and kept in secrets.env.

  --reset      delete the data folder (all messages, users and keys) before starting.

Needs the .NET 10 SDK, Node.js 20+ with npm, PostgreSQL 15+ and redis-server. On Debian or Ubuntu,
run as root, the missing packages are installed with apt-get.
TEXT
}

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  --reset) RESET=1 ;;
  "") RESET=0 ;;
  *) echo "Unknown option: $1 (see ./run.sh --help)" >&2; exit 2 ;;
esac

# shellcheck source=scripts/common.sh
source "$ROOT/scripts/common.sh"

require_dotnet
ensure_packages postgresql redis-server curl
ensure_node

if [ "$RESET" = 1 ]; then
  echo "Deleting $DATA_DIR"
  rm -rf "$DATA_DIR"
fi
mkdir -p "$DATA_DIR/logs"
LOGS="$DATA_DIR/logs"

# Secrets are generated once and kept, so sessions and the admin password survive a restart. A secret
# added by a newer run.sh is appended to an older data folder's file.
SECRETS="$DATA_DIR/secrets.env"
[ -f "$SECRETS" ] && FIRST_RUN=0 || FIRST_RUN=1
( umask 077; touch "$SECRETS" )
ensure_secret() { # name bytes
  grep -q "^$1=" "$SECRETS" || echo "$1=$(random_secret "$2")" >> "$SECRETS"
}
ensure_secret PG_PASSWORD 32
ensure_secret PG_API_PASSWORD 32
ensure_secret PG_WORKER_PASSWORD 32
ensure_secret REDIS_PASSWORD 32
ensure_secret JWT_SIGNING_KEY 48
ensure_secret GENERATED_ADMIN_PASSWORD 18
# shellcheck disable=SC1090
source "$SECRETS"
ADMIN_USERNAME="${INITIAL_ADMIN_USERNAME:-admin}"
ADMIN_PASSWORD="${INITIAL_ADMIN_PASSWORD:-$GENERATED_ADMIN_PASSWORD}"

PIDS=()
PG_DATA=""
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "Stopping ChatRoom..."
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "$PG_DATA" ] && stop_postgres "$PG_DATA"
  echo "Stopped."
}
trap cleanup EXIT
trap 'exit 0' INT TERM

echo "Building ($CONFIGURATION)..."
for project in MigrationService Api Worker Web; do
  dotnet build "$ROOT/src/ChatRoom.$project" -c "$CONFIGURATION" --nologo -v quiet -clp:ErrorsOnly \
    > "$LOGS/build-$project.log" 2>&1 || { cat "$LOGS/build-$project.log"; exit 1; }
done

PG_DATA="$(postgres_data_dir "$DATA_DIR")"
start_postgres "$PG_DATA" "$PG_PORT" "$PG_PASSWORD" "$LOGS/postgres.log"
create_database "$PG_DATA" "$PG_PORT" chatdb

mkdir -p "$DATA_DIR/redis"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DATA_DIR/redis" --appendonly yes \
  --requirepass "$REDIS_PASSWORD" --daemonize no > "$LOGS/redis.log" 2>&1 &
PIDS+=($!)

# The migration service owns the schema; the Api and the Worker connect as least-privilege roles it creates.
db_connection() { echo "Host=127.0.0.1;Port=$PG_PORT;Database=chatdb;Username=$1;Password=$2"; }
export ConnectionStrings__redis="127.0.0.1:$REDIS_PORT,password=$REDIS_PASSWORD"
export services__api__http__0="http://127.0.0.1:$API_PORT"
export Jwt__SigningKey="$JWT_SIGNING_KEY"
export ASPNETCORE_ENVIRONMENT="$ENVIRONMENT" DOTNET_ENVIRONMENT="$ENVIRONMENT"

bin() { echo "$ROOT/src/ChatRoom.$1/bin/$CONFIGURATION/net10.0/ChatRoom.$1.dll"; }

echo "Migrating the database..."
ConnectionStrings__chatdb="$(db_connection postgres "$PG_PASSWORD")" OTEL_SERVICE_NAME=migrations \
  INITIAL_ADMIN_USERNAME="$ADMIN_USERNAME" INITIAL_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  DatabaseRoles__ApiPassword="$PG_API_PASSWORD" DatabaseRoles__WorkerPassword="$PG_WORKER_PASSWORD" \
  dotnet "$(bin MigrationService)" > "$LOGS/migrations.log" 2>&1 || { cat "$LOGS/migrations.log"; exit 1; }

start_service() { # name port [database connection string]
  (cd "$ROOT/src/ChatRoom.$1" && OTEL_SERVICE_NAME="${1,,}" ASPNETCORE_URLS="http://$HOST:$2" \
    ConnectionStrings__chatdb="${3:-}" exec dotnet "$(bin "$1")") > "$LOGS/${1,,}.log" 2>&1 &
  PIDS+=($!)
}
start_service Api "$API_PORT" "$(db_connection chatroom_api "$PG_API_PASSWORD")"
start_service Worker "$WORKER_PORT" "$(db_connection chatroom_worker "$PG_WORKER_PASSWORD")"
start_service Web "$WEB_PORT"

for service in "Api $API_PORT" "Worker $WORKER_PORT" "Web $WEB_PORT"; do
  set -- $service
  wait_for_http "http://127.0.0.1:$2/health" 90 || { echo "$1 did not become healthy; see $LOGS/${1,,}.log" >&2; tail -n 30 "$LOGS/${1,,}.log" >&2; exit 1; }
done

echo
echo "ChatRoom is running: http://localhost:$WEB_PORT"
[ "$HOST" != 127.0.0.1 ] && echo "  (listening on $HOST)"
if [ -z "${INITIAL_ADMIN_PASSWORD:-}" ]; then
  if [ "$FIRST_RUN" = 1 ]; then
    echo "  Admin account: $ADMIN_USERNAME / $ADMIN_PASSWORD  (kept in $SECRETS)"
  else
    echo "  Admin account: $ADMIN_USERNAME (password: GENERATED_ADMIN_PASSWORD in $SECRETS)"
  fi
fi
echo "  Logs: $LOGS    Stop: Ctrl-C"
wait -n "${PIDS[@]}" || true
echo "A process stopped unexpectedly; see $LOGS." >&2
exit 1
