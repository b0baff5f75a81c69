#!/usr/bin/env bash
# Benchmarks ChatRoom on this machine: its own PostgreSQL, Redis and Api (Release) on ports of their own, the
# load generator (bench/ChatRoom.LoadTest) against them, results under bench/results/. Stops everything on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA_DIR="${CHATROOM_BENCH_DATA_DIR:-$ROOT/.data/bench}"
PG_PORT="${CHATROOM_BENCH_PG_PORT:-25532}"
REDIS_PORT="${CHATROOM_BENCH_REDIS_PORT:-26479}"
API_PORT="${CHATROOM_BENCH_API_PORT:-5280}"
API2_PORT="${CHATROOM_BENCH_API2_PORT:-5282}"
BASELINE_PORT="${CHATROOM_BENCH_BASELINE_PORT:-5290}"
WORKER_PORT="${CHATROOM_BENCH_WORKER_PORT:-5296}"
# The server side (Api, PostgreSQL, Redis, the bare hub) and the generator on separate cores, so that a ratio
# compares servers and a busy generator never slows the server it measures. Empty: no pinning.
if [ "$(nproc)" -ge 2 ]; then DEFAULT_SERVER_CPUS="0-$(( $(nproc) - 2 ))"; DEFAULT_GENERATOR_CPUS="$(( $(nproc) - 1 ))"; fi
SERVER_CPUS="${CHATROOM_BENCH_SERVER_CPUS-${DEFAULT_SERVER_CPUS:-}}"
GENERATOR_CPUS="${CHATROOM_BENCH_GENERATOR_CPUS-${DEFAULT_GENERATOR_CPUS:-}}"
RESULTS="$ROOT/bench/results"
ALL_SCENARIOS="login idle one-room many-rooms scale-out"

usage() {
  cat <<TEXT
Usage: ./bench.sh [--quick] [--protocol messagepack|json] [--ladder "generator options"] [scenario...]

Scenarios (default: all, about 40 minutes):
  one-room     200 users in one room, 50 senders: sending by hub (MessagePack, then JSON) and by REST
  one-room-hub only its first part (hub, MessagePack), against ChatRoom and the bare hub: for quick comparisons
  many-rooms   2,000 users in 200 rooms of 10
  idle         5,000 idle hub connections (Api memory per connection), then 20,000 held
  login        20 concurrent logins; latency, logins/s, and the cores' Argon2id capacity
  scale-out    one-room over two Api instances sharing Redis

  --quick      short steps and a short ladder, for trying things (results go to bench/results/tmp/)
  --ladder     replaces every chat scenario's ladder, e.g. --ladder "--rates 600 --step-seconds 60" to hold one
               rate while profiling (results go to bench/results/tmp/)

one-room (hub, both protocols), many-rooms and idle also run against the baseline, a bare SignalR hub
(bench/ChatRoom.Baseline, port $BASELINE_PORT), the same way in the same run: the report states ChatRoom's result
as a ratio to it.

Each chat scenario is an open-loop rate ladder; a step passes when delivery p99 < 100 ms with nothing lost. The
ladder rises ×1.5 until two rates fail, then bisects to within 10 %; a failed step is run once more and
both results are kept. The servers run on CPUs ${SERVER_CPUS:-(any)}, the generator on ${GENERATOR_CPUS:-(any)}
(CHATROOM_BENCH_SERVER_CPUS, CHATROOM_BENCH_GENERATOR_CPUS). PostgreSQL 127.0.0.1:$PG_PORT, Redis :$REDIS_PORT,
Api :$API_PORT (second Api :$API2_PORT), data in $DATA_DIR (users and their tokens are kept between runs).
JSON per scenario, results.md and p99-vs-rate.svg are written to bench/results/.
TEXT
}

QUICK=0
LADDER_OVERRIDE=""
PROTOCOL=messagepack
SCENARIOS=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --quick) QUICK=1 ;;
    --ladder) LADDER_OVERRIDE="$2"; shift ;;
    --protocol) PROTOCOL="$2"; shift ;;
    all) SCENARIOS+=($ALL_SCENARIOS) ;;
    one-room|one-room-hub|many-rooms|idle|login|scale-out) SCENARIOS+=("$1") ;;
    *) echo "Unknown argument: $1 (see ./bench.sh --help)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#SCENARIOS[@]} -gt 0 ] || SCENARIOS=($ALL_SCENARIOS)

if [ "$QUICK" = 1 ]; then
  OUT="$RESULTS/tmp"
  LADDER=(--step-seconds 4 --start 300 --growth 2 --resolution 0.25 --max-steps 8)
  MANY_LADDER=(--step-seconds 4 --start 400 --growth 2 --resolution 0.25 --max-steps 8)
  IDLE_CONNECTIONS=1000
  HELD_CONNECTIONS=2000
else
  OUT="$RESULTS"
  LADDER=(--step-seconds 10 --start 300 --growth 1.5 --resolution 0.1 --max-steps 20)
  MANY_LADDER=(--step-seconds 10 --start 400 --growth 1.5 --resolution 0.1 --max-steps 20)
  IDLE_CONNECTIONS=5000
  HELD_CONNECTIONS=20000 # lowered below to what the open-file limit allows
fi
if [ -n "$LADDER_OVERRIDE" ]; then
  OUT="$RESULTS/tmp"
  read -r -a LADDER <<< "$LADDER_OVERRIDE"
  MANY_LADDER=("${LADDER[@]}")
fi

# shellcheck source=scripts/common.sh
source "$ROOT/scripts/common.sh"
require_dotnet
ensure_packages postgresql redis-server curl python3

mkdir -p "$DATA_DIR/logs" "$OUT"
LOGS="$DATA_DIR/logs"
SECRETS="$DATA_DIR/secrets.env"
( umask 077; touch "$SECRETS" )
ensure_secret() { grep -q "^$1=" "$SECRETS" || echo "$1=$(random_secret "$2")" >> "$SECRETS"; }
ensure_secret PG_PASSWORD 32
ensure_secret PG_API_PASSWORD 32
ensure_secret PG_WORKER_PASSWORD 32
ensure_secret REDIS_PASSWORD 32
ensure_secret JWT_SIGNING_KEY 48
ensure_secret ADMIN_PASSWORD 18
# shellcheck disable=SC1090
source "$SECRETS"

# Command prefixes that pin what follows (exec'd, so a background job's $! is the process itself).
ON_SERVER_CPUS=(); ON_GENERATOR_CPUS=()
[ -n "$SERVER_CPUS" ] && ON_SERVER_CPUS=(taskset -c "$SERVER_CPUS")
[ -n "$GENERATOR_CPUS" ] && ON_GENERATOR_CPUS=(taskset -c "$GENERATOR_CPUS")

# 20,000 sockets on each side of the idle scenario.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# Each side needs a socket per connection plus its other files; where the limit is lower, hold what it allows.
if [ "$(ulimit -n)" != unlimited ] && [ "$HELD_CONNECTIONS" -gt $(( $(ulimit -n) - 1000 )) ]; then
  echo "Open files are limited to $(ulimit -n) per process here: the held-connections run holds $(( $(ulimit -n) - 1000 ))."
  HELD_CONNECTIONS=$(( $(ulimit -n) - 1000 ))
fi

PIDS=()
PG_DATA=""
cleanup() {
  trap - INT TERM EXIT
  echo "Stopping the bench stack..."
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "$PG_DATA" ] && stop_postgres "$PG_DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Building (Release)..."
for project in src/ChatRoom.MigrationService src/ChatRoom.Api src/ChatRoom.Worker bench/ChatRoom.LoadTest bench/ChatRoom.Baseline; do
  dotnet build "$ROOT/$project" -c Release --nologo -v quiet -clp:ErrorsOnly > "$LOGS/build.log" 2>&1 \
    || { cat "$LOGS/build.log"; exit 1; }
done
bin() { echo "$ROOT/$1/bin/Release/net10.0/$(basename "$1").dll"; }

PG_DATA="$(postgres_data_dir "$DATA_DIR")"
start_postgres "$PG_DATA" "$PG_PORT" "$PG_PASSWORD" "$LOGS/postgres.log"
create_database "$PG_DATA" "$PG_PORT" chatdb
PG_PID="$(as_postgres head -n 1 "$PG_DATA/postmaster.pid")"
if [ -n "$SERVER_CPUS" ]; then # backends forked from now on inherit the postmaster's CPUs
  for pid in "$PG_PID" $(pgrep -P "$PG_PID"); do taskset -a -p -c "$SERVER_CPUS" "$pid" > /dev/null; done
fi

# Redis as the Api uses it in production, without persistence: it is not the system of record.
"${ON_SERVER_CPUS[@]}" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --requirepass "$REDIS_PASSWORD" \
  --daemonize no > "$LOGS/redis.log" 2>&1 &
REDIS_PID=$!
PIDS+=("$REDIS_PID")

db_connection() { echo "Host=127.0.0.1;Port=$PG_PORT;Database=chatdb;Username=$1;Password=$2;Maximum Pool Size=45"; }
export ConnectionStrings__redis="127.0.0.1:$REDIS_PORT,password=$REDIS_PASSWORD"
export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production

echo "Migrating the database..."
ConnectionStrings__chatdb="$(db_connection postgres "$PG_PASSWORD")" OTEL_SERVICE_NAME=migrations \
  INITIAL_ADMIN_USERNAME=admin INITIAL_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  DatabaseRoles__ApiPassword="$PG_API_PASSWORD" DatabaseRoles__WorkerPassword="$PG_WORKER_PASSWORD" \
  dotnet "$(bin src/ChatRoom.MigrationService)" > "$LOGS/migrations.log" 2>&1 || { cat "$LOGS/migrations.log"; exit 1; }

# The Api has no endpoint to create rooms yet: the lounge 'bench' and its 200 rooms go in directly, once.
as_postgres "$(pg_bin psql)" -h "$PG_DATA" -p "$PG_PORT" -U postgres -d chatdb -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO lounges (id, slug, name, description, sort_order, created_at)
VALUES (gen_random_uuid(), 'bench', 'Bench', 'Rooms for the load generator', 1000, now())
ON CONFLICT (slug) DO NOTHING;
INSERT INTO rooms (id, lounge_id, slug, name, language_code, sort_order, moderation_mode, slow_mode_seconds,
                   guests_can_read, guests_can_write, last_seq, last_change_seq, created_at)
SELECT gen_random_uuid(), l.id, 'bench-' || lpad(n::text, 3, '0'), 'Bench ' || n, 'en', n, 'PostModerated', 0,
       true, true, 0, 0, now()
FROM lounges l CROSS JOIN generate_series(1, 200) AS n
WHERE l.slug = 'bench'
ON CONFLICT (lounge_id, slug) DO NOTHING;
-- Each run starts from the same database: the accounts stay (each costs an Argon2id hash), the messages of earlier
-- runs go. Otherwise every run would be slower than the last (a larger table and its indexes, autovacuum passes
-- over earlier runs' rows) and the Worker's sweep would judge what stopped runs left unjudged.
TRUNCATE messages CASCADE;
VACUUM ANALYZE;
-- Settings a write-heavy production database would have: room for WAL between checkpoints (the default 1 GB forced
-- ten checkpoints in one run), and a checkpoint now, so that none falls due during the run.
ALTER SYSTEM SET max_wal_size = '16GB';
ALTER SYSTEM SET checkpoint_timeout = '30min';
SELECT pg_reload_conf();
CHECKPOINT;
SQL

API_PIDS=()
start_api() { # port log-name
  # Auth and send limits raised: the generator signs in thousands of users from one address, and each of its
  # senders sends far faster than a person. Tokens last an hour, so cached ones serve a whole run.
  (cd "$ROOT/src/ChatRoom.Api" && OTEL_SERVICE_NAME=api ASPNETCORE_URLS="http://127.0.0.1:$1" \
    ConnectionStrings__chatdb="$(db_connection chatroom_api "$PG_API_PASSWORD")" Jwt__SigningKey="$JWT_SIGNING_KEY" \
    PhoneProtection__Keys__1="$JWT_SIGNING_KEY-phone" PhoneProtection__CurrentKeyId=1 PhoneProtection__HashKey="$JWT_SIGNING_KEY-phone-hash" \
    Jwt__AccessTokenLifetime=01:00:00 RateLimits__Auth__IpRequests=100000 RateLimits__Auth__FailuresBeforeDelay=10000 \
    RateLimits__Messages__PerUser=1000000 RateLimits__Api__PerUser=10000000 Realtime__HubCallsPerSecond=10000 Realtime__HubCallBurst=100000 Logging__LogLevel__Default=Warning \
    exec "${ON_SERVER_CPUS[@]}" dotnet "$(bin src/ChatRoom.Api)") > "$LOGS/$2.log" 2>&1 &
  PIDS+=($!)
  API_PIDS+=($!)
  wait_for_http "http://127.0.0.1:$1/health" 90 || { echo "The Api did not become healthy; see $LOGS/$2.log" >&2; tail -n 30 "$LOGS/$2.log" >&2; exit 1; }
}
stop_second_api() {
  kill "${API_PIDS[1]}" 2>/dev/null || true
  wait "${API_PIDS[1]}" 2>/dev/null || true
  API_PIDS=("${API_PIDS[0]}")
}

echo "Starting the Api and the Worker..."
start_api "$API_PORT" api
# The Worker judges every message from the moderation stream; the generator reports how far behind it is. Its
# flood and repeat rules are raised as the Api's send limits are: each generator sender writes far faster than a
# person, and the rules' cost grows with the messages an author wrote within their windows.
(cd "$ROOT/src/ChatRoom.Worker" && OTEL_SERVICE_NAME=worker ASPNETCORE_URLS="http://127.0.0.1:$WORKER_PORT" \
  ConnectionStrings__chatdb="$(db_connection chatroom_worker "$PG_WORKER_PASSWORD")" Logging__LogLevel__Default=Warning \
  Moderation__Rules__FloodMaxMessages=10000 Moderation__Rules__FloodWindow=00:00:01 \
  Moderation__Rules__RepeatMaxCopies=10000 Moderation__Rules__RepeatWindow=00:00:01 \
  exec "${ON_SERVER_CPUS[@]}" dotnet "$(bin src/ChatRoom.Worker)") > "$LOGS/worker.log" 2>&1 &
WORKER_PID=$!
PIDS+=("$WORKER_PID")
wait_for_http "http://127.0.0.1:$WORKER_PORT/health" 90 || { echo "The Worker did not become healthy; see $LOGS/worker.log" >&2; tail -n 30 "$LOGS/worker.log" >&2; exit 1; }

SERVER_CORES="$("${ON_SERVER_CPUS[@]}" nproc)"

# The moderation stream's entries not yet judged (read or not). A scenario starts only when the Worker has caught
# up with the last one's, so no step pays for an earlier scenario's backlog (at most 5 minutes, then it says so).
moderation_backlog() {
  REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -p "$REDIS_PORT" --raw XINFO GROUPS chatroom:moderation 2>/dev/null |
    awk '/^(pending|lag)$/ { getline; total += $0 } END { print total + 0 }'
}
wait_for_moderation() {
  local deadline=$((SECONDS + 300)) backlog
  while backlog="$(moderation_backlog)" && [ "$backlog" -gt 0 ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then echo "(the moderation backlog is still $backlog entries; going on)"; return; fi
    sleep 2
  done
}
# The bare hub runs alone on the server core: ChatRoom's Api and Worker are paused (SIGSTOP) meanwhile, so neither
# a Worker catching up nor a replica's timers take its time.
pause_chatroom() { for pid in "${API_PIDS[@]}" "$WORKER_PID"; do kill -STOP "$pid" 2>/dev/null || true; done; }
resume_chatroom() { for pid in "${API_PIDS[@]}" "$WORKER_PID"; do kill -CONT "$pid" 2>/dev/null || true; done; }

load() { # name, then generator arguments
  local name="$1"; shift
  echo
  echo "=== $name ==="
  "${ON_GENERATOR_CPUS[@]}" dotnet "$(bin bench/ChatRoom.LoadTest)" --name "$name" --out "$OUT/$name.json" \
    --server-cores "$SERVER_CORES" "$@" 2>&1 | tee "$LOGS/$name.log"
}

generator() { # name, then generator arguments: against ChatRoom
  local name="$1"; shift
  wait_for_moderation
  local pids="postgres=$PG_PID+,redis=$REDIS_PID,worker=$WORKER_PID"
  for pid in "${API_PIDS[@]}"; do pids="$pids,api=$pid"; done
  load "$name" --protocol "$PROTOCOL" --users-file "$DATA_DIR/users.tsv" --pids "$pids" --api "http://127.0.0.1:$API_PORT" \
    --redis "$ConnectionStrings__redis" --moderation-stream chatroom:moderation "$@"
}

BASELINE_PID=""
baseline() { # name, then generator arguments: the same scenario against the bare hub, started on first use
  local name="baseline-$1"; shift
  if [ "${CHATROOM_BENCH_BASELINE:-1}" = 0 ]; then echo "(the bare hub is skipped: CHATROOM_BENCH_BASELINE=0)"; return; fi
  if [ -z "$BASELINE_PID" ]; then
    ASPNETCORE_URLS="http://127.0.0.1:$BASELINE_PORT" Logging__LogLevel__Default=Warning \
      "${ON_SERVER_CPUS[@]}" dotnet "$(bin bench/ChatRoom.Baseline)" > "$LOGS/baseline.log" 2>&1 &
    BASELINE_PID=$!
    PIDS+=("$BASELINE_PID")
    wait_for_http "http://127.0.0.1:$BASELINE_PORT/api/lounges" 60 || { echo "The baseline did not start; see $LOGS/baseline.log" >&2; exit 1; }
  fi
  wait_for_moderation
  pause_chatroom
  load "$name" --protocol "$PROTOCOL" --users-file "$DATA_DIR/baseline-users.tsv" --pids "api=$BASELINE_PID" \
    --api "http://127.0.0.1:$BASELINE_PORT" "$@" || { resume_chatroom; return 1; }
  resume_chatroom
}

for scenario in "${SCENARIOS[@]}"; do
  case "$scenario" in
    login) generator login --scenario login --step-seconds 10 ;;
    idle)
      generator idle --scenario idle --connections "$IDLE_CONNECTIONS"
      baseline idle --scenario idle --connections "$IDLE_CONNECTIONS"
      generator idle-held --scenario idle --connections "$HELD_CONNECTIONS" ;;
    one-room-hub)
      generator one-room-hub --scenario one-room --send hub "${LADDER[@]}"
      baseline one-room-hub --scenario one-room --send hub "${LADDER[@]}" ;;
    one-room)
      generator one-room-hub --scenario one-room --send hub "${LADDER[@]}"
      baseline one-room-hub --scenario one-room --send hub "${LADDER[@]}"
      generator one-room-json --scenario one-room --send hub "${LADDER[@]}" --protocol json
      baseline one-room-json --scenario one-room --send hub "${LADDER[@]}" --protocol json
      generator one-room-rest --scenario one-room --send rest "${LADDER[@]}" ;;
    many-rooms)
      generator many-rooms --scenario many-rooms "${MANY_LADDER[@]}"
      baseline many-rooms --scenario many-rooms "${MANY_LADDER[@]}" ;;
    scale-out)
      start_api "$API2_PORT" api2
      generator scale-out --scenario scale-out --api "http://127.0.0.1:$API_PORT,http://127.0.0.1:$API2_PORT" "${LADDER[@]}"
      stop_second_api ;;
  esac
done

python3 "$ROOT/bench/report.py" "$OUT"
