#!/usr/bin/env bash
# Every test: .NET unit and integration tests (against throw-away PostgreSQL, Redis and Azurite servers the test
# fixture starts from local binaries, and the machine's Tesseract), the web frontend's lint, type check and unit tests, and the
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
ensure_packages postgresql redis-server curl chromium tesseract-ocr poppler-utils fonts-noto-color-emoji
# The browser tests drive this Chromium (Playwright cannot download browsers here); they fail, never skip, without it.
if [ ! -x /usr/bin/chromium ] && [ -z "${CHATROOM_CHROMIUM:-}" ]; then
  CHATROOM_CHROMIUM="$(command -v chromium)"
  export CHATROOM_CHROMIUM
fi
ensure_node
# The tests start their own Azurite (blob storage) and read documents with Tesseract; they fail, never skip, without them.
ensure_azurite "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The OpenAPI document and the SPA's types made from it are generated and checked in. Kept as they were before the
# build (which rewrites the document) and the generator, to tell a stale file from a fresh one afterwards.
GENERATED=(src/ChatRoom.Api/ChatRoom.Api.json src/ChatRoom.Web/ClientApp/src/api/schema.gen.ts)
BEFORE="$(mktemp -d)"
trap 'rm -rf "$BEFORE"' EXIT
for file in "${GENERATED[@]}"; do mkdir -p "$BEFORE/$(dirname "$file")"; cp "$file" "$BEFORE/$file"; done

# Every project builds on every machine: Aspire's packages (AppHost, orchestrator and dashboard) come from NuGet.
SOLUTION=ChatRoom.sln
echo "Building $SOLUTION ($CONFIGURATION)..."
dotnet build "$SOLUTION" -c "$CONFIGURATION" -warnaserror --nologo -v quiet -clp:ErrorsOnly

echo "Generated contracts: OpenAPI document and the SPA's types..."
( cd src/ChatRoom.Web/ClientApp && npm run --silent generate:api >/dev/null )
stale=()
for file in "${GENERATED[@]}"; do cmp -s "$BEFORE/$file" "$file" || stale+=("$file"); done
if [ ${#stale[@]} -gt 0 ]; then
  echo "STALE: ${stale[*]} did not match the C# contracts; they are regenerated now: review and commit them." >&2
  echo "  (by hand: dotnet build src/ChatRoom.Api && (cd src/ChatRoom.Web/ClientApp && npm run generate:api))" >&2
  git --no-pager diff --stat -- "${stale[@]}" >&2 || true
  exit 1
fi

echo "Web frontend: lint, type check, unit tests..."
( cd src/ChatRoom.Web/ClientApp && npm run --silent lint && npm run --silent typecheck && npm run --silent test ) \
  | tee "$RESULTS/web-client.log"

# One test assembly at a time: on two cores the system tests of one would starve the timing of the other.
status=0
for project in tests/ChatRoom.Tests tests/ChatRoom.AppHost.Tests; do
  echo "Running $project..."
  dotnet test "$project" -c "$CONFIGURATION" --no-build --nologo \
    --logger "trx" --logger "console;verbosity=minimal" --results-directory "$RESULTS" || status=$?
done

# One line with the totals over every test assembly, read from the result files.
command -v python3 >/dev/null && python3 - "$RESULTS" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
totals = {"total": 0, "passed": 0, "failed": 0, "notExecuted": 0}
parts = []
for path in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    root = ET.parse(path).getroot()
    c = root.find("t:ResultSummary/t:Counters", ns)
    for key in totals:
        totals[key] += int(c.get(key, 0))
    storage = root.find("t:TestDefinitions/t:UnitTest", ns)
    name = storage.get("storage", "?").rsplit("/", 1)[-1].removesuffix(".dll") if storage is not None else "?"
    parts.append(f"{name} {c.get('passed', 0)}/{c.get('total', 0)}")
print(f".NET tests: {totals['total']} run, {totals['passed']} passed, {totals['failed']} failed, {totals['notExecuted']} skipped ({', '.join(parts)}).")
PY
echo "Browser screenshots: artifacts/screenshots/ (failures/ holds the pages of failed browser tests)."
exit "$status"
