# Shared by run.sh, test.sh and bench.sh: finding or installing what ChatRoom needs, and running
# PostgreSQL as Debian's unprivileged account (PostgreSQL refuses to run as root).

is_root() { [ "$(id -u)" = 0 ]; }
has_apt() { command -v apt-get >/dev/null 2>&1; }

APT_UPDATED=0
apt_install() {
  if ! is_root || ! has_apt; then
    echo "Missing: $*. Install it with your package manager (Debian/Ubuntu: apt-get install $*)." >&2
    exit 1
  fi
  if [ "$APT_UPDATED" = 0 ]; then
    echo "Installing $* with apt-get..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || { echo "apt-get update failed" >&2; exit 1; }
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || { echo "apt-get install $* failed" >&2; exit 1; }
}

require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required: https://dotnet.microsoft.com/download (dotnet not on PATH)." >&2
    exit 1
  fi
}

pg_bin() { # name: PATH first, then the newest of Debian's versioned folders
  local found
  found="$(command -v "$1" 2>/dev/null || true)"
  if [ -z "$found" ]; then
    found="$(ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1 || true)"
  fi
  echo "$found"
}

# ensure_packages postgresql redis-server chromium ...
ensure_packages() {
  local missing=()
  for package in "$@"; do
    case "$package" in
      postgresql) [ -n "$(pg_bin initdb)" ] && [ -n "$(pg_bin postgres)" ] || missing+=(postgresql) ;;
      redis-server) command -v redis-server >/dev/null 2>&1 || missing+=(redis-server) ;;
      chromium) [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1 || missing+=(chromium) ;;
      tesseract-ocr) command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr) ;;
      poppler-utils) command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils) ;;
      # Emoji in the browser tests' screenshots (Chromium draws nothing for them without a colour emoji font).
      fonts-noto-color-emoji) [ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing+=(fonts-noto-color-emoji) ;;
      *) command -v "$package" >/dev/null 2>&1 || missing+=("$package") ;;
    esac
  done
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
  # The postgresql package starts a cluster of its own on 5432; ChatRoom runs its own servers and leaves it be.
}

ensure_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" -lt 20 ]; then
    echo "Node.js 20 or newer is required for the web frontend (found $(node --version))." >&2
    exit 1
  fi
}

# Azurite, the Azure Blob Storage emulator, from npm into tools/azurite (the AppHost and the tests start it from there).
ensure_azurite() { # repository root
  local dir="$1/tools/azurite"
  if [ ! -x "$dir/node_modules/.bin/azurite-blob" ]; then
    echo "Installing Azurite (blob storage emulator) with npm..."
    ( cd "$dir" && npm ci --no-audit --no-fund --silent >/dev/null ) \
      || { echo "npm ci in $dir failed: Azurite is needed for identity documents" >&2; exit 1; }
  fi
}

random_secret() { # [bytes]
  head -c "${1:-32}" /dev/urandom | base64 | tr -d '/+=\n' | head -c $(( ${1:-32} * 4 / 3 ))
}

# As root, PostgreSQL runs as 'postgres', which must reach its data folder. A data folder under a home
# that account cannot enter (e.g. /root) moves to /var/lib/chatroom, named after the repository's path.
postgres_data_dir() { # data-dir
  local wanted="$1/postgres"
  if is_root; then
    mkdir -p "$wanted"
    if ! runuser -u postgres -- test -x "$wanted" 2>/dev/null; then
      wanted="/var/lib/chatroom/$(echo "$1" | md5sum | cut -c1-12)/postgres"
    fi
  fi
  echo "$wanted"
}

as_postgres() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() { # data-dir port password log
  local data="$1" port="$2" password="$3" log="$4"
  mkdir -p "$data"
  if is_root; then chown postgres:postgres "$data"; chmod 700 "$data"; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    local pwfile
    pwfile="$(mktemp)"
    printf '%s\n' "$password" > "$pwfile"
    is_root && chown postgres "$pwfile"
    as_postgres "$(pg_bin initdb)" -D "$data" -U postgres --pwfile="$pwfile" \
      --auth-host=scram-sha-256 --auth-local=peer -E UTF8 --locale=C >/dev/null
    rm -f "$pwfile"
  fi
  touch "$log"
  if is_root; then chown postgres "$log"; fi
  as_postgres "$(pg_bin pg_ctl)" -D "$data" -l "$log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k '$data'" start >/dev/null \
    || { echo "PostgreSQL did not start; see $log" >&2; tail -n 20 "$log" >&2; exit 1; }
}

stop_postgres() { # data-dir
  [ -f "$1/postmaster.pid" ] && as_postgres "$(pg_bin pg_ctl)" -D "$1" -m fast -w stop >/dev/null 2>&1 || true
}

create_database() { # data-dir port name
  local exists
  exists="$(as_postgres "$(pg_bin psql)" -h "$1" -p "$2" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$3'")"
  [ "$exists" = 1 ] || as_postgres "$(pg_bin psql)" -h "$1" -p "$2" -U postgres -d postgres -qc "CREATE DATABASE $3" >/dev/null
}

wait_for_http() { # url seconds
  local deadline=$(( $(date +%s) + $2 ))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.5
  done
}
