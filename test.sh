#!/usr/bin/env bash
# Every test: .NET unit and integration tests (against throw-away PostgreSQL and Redis servers the test
# fixture starts from local binaries), the web frontend's lint, type check and unit tests, and the
# browser tests in headless Chromium. Installs what is missing (as root on Debian/Ubuntu) and fails loudly
# when something cannot be had.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
# shellcheck source=scripts/common.sh
source "$ROOT/scripts/common.sh"

CONFIGURATION="${CHATROOM_CONFIGURATION:-Release}"
RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS" "$ROOT/artifacts/screenshots/failures"
mkdir -p "$RESULTS"

require_dotnet
ensure_packages postgresql redis-server curl chromium
# The browser tests drive this Chromium (Playwright cannot download browsers here); they fail, never skip, without it.
if [ ! -x /usr/bin/chromium ] && [ -z "${CHATROOM_CHROMIUM:-}" ]; then
  CHATROOM_CHROMIUM="$(command -v chromium)"
  export CHATROOM_CHROMIUM
fi
ensure_node
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The AppHost needs Aspire's packages. Where the NuGet feed has none, everything else is still built and
# tested; any other restore failure (a wrong version, a network fault) is an error, and so is a missing
# Aspire on the hosted CI runner, where it must be there.
if dotnet restore src/ChatRoom.AppHost >"$RESULTS/apphost-restore.log" 2>&1; then
  SOLUTION=ChatRoom.sln
elif grep -qE "Aspire.AppHost.Sdk/[0-9.]+' specified could not be found|NU1101: Unable to find package Aspire\." "$RESULTS/apphost-restore.log" \
    && [ -z "${GITHUB_ACTIONS:-}" ]; then
  SOLUTION=ChatRoom.Core.slnf
  echo "Aspire packages are not on this machine's NuGet feed: ChatRoom.AppHost and ChatRoom.AppHost.Tests are not built or run here."
else
  cat "$RESULTS/apphost-restore.log" >&2
  echo "Restoring ChatRoom.AppHost failed (see above)." >&2
  exit 1
fi

echo "Building $SOLUTION ($CONFIGURATION)..."
dotnet build "$SOLUTION" -c "$CONFIGURATION" -warnaserror --nologo -v quiet -clp:ErrorsOnly

echo "Web frontend: lint, type check, unit tests..."
( cd src/ChatRoom.Web/ClientApp && npm run --silent lint && npm run --silent typecheck && npm run --silent test ) \
  | tee "$RESULTS/web-client.log"

echo "Running .NET tests..."
status=0
dotnet test "$SOLUTION" -c "$CONFIGURATION" --no-build --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$RESULTS" || status=$?

# One line with the totals over every test assembly, read from the result files.
command -v python3 >/dev/null && python3 - "$RESULTS" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
totals = {"total": 0, "passed": 0, "failed": 0, "notExecuted": 0}
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    for key in totals:
        totals[key] += int(c.get(key, 0))
print(f".NET tests: {totals['total']} run, {totals['passed']} passed, {totals['failed']} failed, {totals['notExecuted']} skipped.")
PY
echo "Browser screenshots: artifacts/screenshots/ (failures/ holds the pages of failed browser tests)."
exit "$status"
