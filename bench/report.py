#!/usr/bin/env python3
"""Turns the load generator's JSON results into results.md (tables against the targets) and
p99-vs-rate.svg (delivery p99 per ladder step, one line per chat scenario). Standard library only."""
import json
import sys
from pathlib import Path

CHAT = ["one-room-hub", "one-room-rest", "many-rooms", "scale-out"]
TARGETS = {"one-room-hub": 375, "one-room-rest": 300, "many-rooms": 1000}
COLORS = {"baseline-one-room-hub": "#aec7e8", "baseline-many-rooms": "#98df8a", "one-room-hub": "#1f77b4", "one-room-rest": "#ff7f0e", "many-rooms": "#2ca02c", "scale-out": "#d62728"}
P99_LIMIT = 100


def best_passing(run):
    return max((s["targetRate"] for s in run.get("steps", []) if s["passed"]), default=0)


def describe(run):
    """The highest passing step, or when none passed, the step that came closest (lowest p99)."""
    best = best_passing(run)
    if best:
        step = next(s for s in run["steps"] if s["targetRate"] == best)
        return f'{best} msg/s passes (p99 {step["p99Ms"]:.0f} ms, {step["deliveriesPerSecond"]:.0f} deliveries/s)'
    closest = min(run["steps"], key=lambda s: s["p99Ms"])
    return (f'no step passed; closest: {closest["targetRate"]} msg/s accepted, p99 {closest["p99Ms"]:.0f} ms, '
            f'{closest["deliveriesPerSecond"]:.0f} deliveries/s, {closest["lost"]} lost')


def usage(step, name):
    p = step["processes"].get(name)
    return f'{p["cpuPercent"]:.0f}% / {p["rssMb"]:.0f}' if p else "–"


def chat_table(run):
    rows = [
        f'### {run["name"]}: {run["users"]} users, {run["rooms"]} room(s), {run["senders"]} senders, '
        f'send by {run["send"]} ({run["protocol"]}), {run["apiInstances"]} Api instance(s)',
        "",
        "| rate | accepted/s | deliveries/s | p50 ms | p95 ms | p99 ms | max ms | lost | dup | errors | pass "
        "| Api CPU/RSS MB | PG CPU/RSS MB | Redis CPU/RSS MB | generator CPU/RSS MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|---|---|",
    ]
    for s in run["steps"]:
        errors = ", ".join(f"{k}: {v}" for k, v in s["errors"].items()) or "0"
        rows.append(
            f'| {s["targetRate"]} | {s["acceptedPerSecond"]:.0f} | {s["deliveriesPerSecond"]:.0f} | {s["p50Ms"]:.1f} '
            f'| {s["p95Ms"]:.1f} | {s["p99Ms"]:.1f} | {s["maxMs"]:.0f} | {s["lost"]} | {s["duplicates"]} | {errors} '
            f'| {"yes" if s["passed"] else "**no**"} | {usage(s, "api")} | {usage(s, "postgres")} '
            f'| {usage(s, "redis")} | {usage(s, "generator")} |')
    return "\n".join(rows) + "\n"


def summary(runs):
    rows = ["| scenario | target | measured | met |", "|---|---|---|---|"]
    for name, target in TARGETS.items():
        if name in runs:
            best = best_passing(runs[name])
            rows.append(f"| {name} | ≥ {target} msg/s with p99 < {P99_LIMIT} ms, none lost "
                        f"| {describe(runs[name])} | {'yes' if best >= target else 'no'} |")
    for name in CHAT:
        if name in runs and f"baseline-{name}" in runs:
            ours, bare = best_passing(runs[name]), best_passing(runs[f"baseline-{name}"])
            measured = (f"{ours} vs {bare} msg/s ({ours / bare:.0%})" if ours and bare
                        else f'cannot compare, a step must pass on both; baseline: {describe(runs[f"baseline-{name}"])}')
            rows.append(f"| {name} vs the bare hub | ≥ 70 % of the baseline's highest passing rate | {measured} "
                        f"| {'yes' if bare and ours / bare >= 0.7 else 'no'} |")
    if "idle" in runs:
        idle = runs["idle"]["idle"]
        rows.append(f'| idle | ≤ 30 KB Api memory per connection at 5,000 | {idle["kbPerConnection"]} KB at '
                    f'{idle["connections"]} | {"yes" if idle["kbPerConnection"] <= 30 and idle["connections"] >= 5000 else "no"} |')
    if "login" in runs:
        login = runs["login"]["login"]
        rows.append(f'| login | p99 < 500 ms at 20 concurrent | p99 {login["p99Ms"]:.0f} ms, p50 {login["p50Ms"]:.0f} ms, '
                    f'{login["loginsPerSecond"]} logins/s | {"yes" if login["p99Ms"] < 500 and login["errors"] == 0 else "no"} |')
    if "scale-out" in runs and "one-room-hub" in runs:
        one, two = best_passing(runs["one-room-hub"]), best_passing(runs["scale-out"])
        ratio = two / one if one else 0
        measured = (f"{two} vs {one} msg/s ({ratio:.2f} ×)" if one and two
                    else f'cannot compare, a step must pass on both; two instances: {describe(runs["scale-out"])}')
        rows.append(f"| scale-out | two instances ≥ 1.5 × one | {measured} | {'yes' if ratio >= 1.5 else 'no'} |")
    return "\n".join(rows) + "\n"


def svg(runs):
    chat = [runs[n] for n in CHAT + [f"baseline-{n}" for n in CHAT] if n in runs and runs[n].get("steps")]
    width, height, left, right, top, bottom = 720, 420, 70, 170, 30, 50
    max_rate = max([s["targetRate"] for r in chat for s in r["steps"]] + [100])
    max_p99 = max([min(s["p99Ms"], 5000) for r in chat for s in r["steps"]] + [P99_LIMIT * 2])
    # Logarithmic latency axis: 1 ms to the slowest p99, so the 100 ms line and seconds-long failures both show.
    import math
    top_log = math.log10(max(max_p99, 10))
    x = lambda rate: left + rate / max_rate * (width - left - right)
    y = lambda ms: top + (1 - math.log10(max(ms, 1)) / top_log) * (height - top - bottom)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="18" font-size="14">Delivery p99 vs offered rate (log scale; pass: p99 &lt; {P99_LIMIT} ms, nothing lost)</text>']
    for decade in range(0, int(top_log) + 1):
        ms = 10 ** decade
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(ms):.1f}" y2="{y(ms):.1f}" stroke="#eee"/>'
                   f'<text x="{left - 6}" y="{y(ms) + 4:.1f}" text-anchor="end">{ms} ms</text>')
    out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(P99_LIMIT):.1f}" y2="{y(P99_LIMIT):.1f}" stroke="#999" stroke-dasharray="6 4"/>')
    for i in range(0, 6):
        rate = round(max_rate * i / 5)
        out.append(f'<text x="{x(rate):.1f}" y="{height - bottom + 18}" text-anchor="middle">{rate}</text>')
    out.append(f'<text x="{(left + width - right) / 2}" y="{height - 12}" text-anchor="middle">messages per second (offered)</text>')
    out.append(f'<line x1="{left}" x2="{width - right}" y1="{height - bottom}" y2="{height - bottom}" stroke="black"/>')
    out.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{height - bottom}" stroke="black"/>')
    for n, run in enumerate(chat):
        color = COLORS.get(run["name"], "black")
        points = " ".join(f'{x(s["targetRate"]):.1f},{y(min(s["p99Ms"], 5000)):.1f}' for s in run["steps"])
        out.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2"/>')
        for s in run["steps"]:
            fill = color if s["passed"] else "white"
            out.append(f'<circle cx="{x(s["targetRate"]):.1f}" cy="{y(min(s["p99Ms"], 5000)):.1f}" r="4" fill="{fill}" stroke="{color}" stroke-width="2"/>')
        out.append(f'<rect x="{width - right + 15}" y="{top + 20 * n}" width="12" height="12" fill="{color}"/>'
                   f'<text x="{width - right + 32}" y="{top + 20 * n + 11}">{run["name"]}</text>')
    out.append(f'<text x="{width - right + 15}" y="{top + 20 * len(chat) + 16}" fill="#555">hollow: step failed</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/results")
    runs = {}
    for path in sorted(folder.glob("*.json")):
        run = json.loads(path.read_text())
        runs[run["name"]] = run
    if not runs:
        print(f"No results in {folder}")
        return
    machine = next(iter(runs.values()))["machine"]
    parts = ["# Benchmark results", "", f"Machine: {machine}; server, PostgreSQL, Redis and the generator share it.", "",
             "![Delivery p99 vs rate](p99-vs-rate.svg)", "", "## Against the targets", "", summary(runs)]
    for name in CHAT + [f"baseline-{n}" for n in CHAT]:
        if name in runs and runs[name].get("steps"):
            parts.append(chat_table(runs[name]))
    for name in ("idle", "login"):
        if name in runs:
            parts += [f"### {name}", "", "```json", json.dumps(runs[name][name], indent=2), "```", ""]
    (folder / "results.md").write_text("\n".join(parts))
    (folder / "p99-vs-rate.svg").write_text(svg(runs))
    print(f"Wrote {folder / 'results.md'} and {folder / 'p99-vs-rate.svg'}")
    print(summary(runs))


if __name__ == "__main__":
    main()
