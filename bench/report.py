#!/usr/bin/env python3
"""Turns the load generator's JSON results into results.md (tables against the targets) and
p99-vs-rate.svg (delivery p99 per ladder step, one line per chat scenario). Standard library only."""
import json
import sys
from pathlib import Path

CHAT = ["one-room-hub", "one-room-json", "one-room-rest", "many-rooms", "scale-out"]
COMPARED = ["one-room-hub", "one-room-json", "many-rooms"]  # run against the bare hub too
COLORS = {"baseline-one-room-hub": "#aec7e8", "baseline-one-room-json": "#c5b0d5", "baseline-many-rooms": "#98df8a",
          "one-room-hub": "#1f77b4", "one-room-json": "#9467bd", "one-room-rest": "#ff7f0e", "many-rooms": "#2ca02c",
          "scale-out": "#d62728"}
P99_LIMIT = 100
GENERATOR_BUSY = 85


def passing_rates(run):
    """A rate passes when one of its runs passed (a failed step is repeated once; both are kept)."""
    return {s["targetRate"] for s in run.get("steps", []) if s["passed"]}


def best_passing(run):
    return max(passing_rates(run), default=0)


def best_step(run):
    best = best_passing(run)
    return next((s for s in run["steps"] if s["targetRate"] == best and s["passed"]), None)


def describe(run):
    """The highest passing step, or when none passed, the step that came closest (lowest p99)."""
    step = best_step(run)
    if step:
        return f'{step["targetRate"]} msg/s (p99 {step["p99Ms"]:.0f} ms, {step["deliveriesPerSecond"]:.0f} deliveries/s)'
    closest = min(run["steps"], key=lambda s: s["p99Ms"])
    return (f'no step passed; closest: {closest["targetRate"]} msg/s, p99 {closest["p99Ms"]:.0f} ms, '
            f'{closest["lost"]} lost')


def first_failure_above(run, rate):
    failed = sorted(s["targetRate"] for s in run.get("steps", []) if s["targetRate"] > rate and s["targetRate"] not in passing_rates(run))
    return failed[0] if failed else None


def usage(step, name):
    p = step["processes"].get(name)
    return f'{p["cpuPercent"]:.0f}% / {p["rssMb"]:.0f}' if p else "–"


def busy(step):
    p = step["processes"].get("generator")
    return bool(p) and p["cpuPercent"] > GENERATOR_BUSY


def backlog(step):
    if step.get("moderationBacklogAtEnd") is None:
        return "–"
    return f'{step["moderationBacklogAtEnd"]} → {step["moderationBacklogAfterDrain"]}'


def chat_table(run):
    rows = [
        f'### {run["name"]}: {run["users"]} users, {run["rooms"]} room(s), {run["senders"]} senders, '
        f'send by {run["send"]} ({run["protocol"]}), {run["apiInstances"]} Api instance(s)',
        "",
        "| rate | phase | accepted/s | deliveries/s | p50 ms | p95 ms | p99 ms | max ms | lost | dup | errors | pass "
        "| Api CPU/RSS MB | PG CPU/RSS MB | Redis CPU/RSS MB | Worker CPU/RSS MB | moderation backlog | generator CPU/RSS MB |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|---|---|---|---|",
    ]
    for s in run["steps"]:
        errors = ", ".join(f"{k}: {v}" for k, v in s["errors"].items()) or "0"
        generator = usage(s, "generator") + (" **busy**" if busy(s) else "")
        rows.append(
            f'| {s["targetRate"]} | {s["phase"]} | {s["acceptedPerSecond"]:.0f} | {s["deliveriesPerSecond"]:.0f} | {s["p50Ms"]:.1f} '
            f'| {s["p95Ms"]:.1f} | {s["p99Ms"]:.1f} | {s["maxMs"]:.0f} | {s["lost"]} | {s["duplicates"]} | {errors} '
            f'| {"yes" if s["passed"] else "**no**"} | {usage(s, "api")} | {usage(s, "postgres")} '
            f'| {usage(s, "redis")} | {usage(s, "worker")} | {backlog(s)} | {generator} |')
    return "\n".join(rows) + "\n"


def ratio_row(label, target, ours_run, theirs_run, share):
    ours, theirs = best_passing(ours_run), best_passing(theirs_run)
    if not ours or not theirs:
        return f"| {label} | {target} | cannot compare, a step must pass on both | no |"
    return (f"| {label} | {target} | {ours} vs {theirs} msg/s: **{ours / theirs:.0%}** "
            f"(next failure {first_failure_above(ours_run, ours) or '–'} vs {first_failure_above(theirs_run, theirs) or '–'}) "
            f"| {'yes' if ours / theirs >= share else 'no'} |")


def summary(runs):
    rows = ["| scenario | target | measured | met |", "|---|---|---|---|"]
    for name in COMPARED:
        if name in runs and f"baseline-{name}" in runs:
            rows.append(ratio_row(name, "≥ 70 % of the bare hub's highest passing rate", runs[name], runs[f"baseline-{name}"], 0.7))
    if "one-room-rest" in runs and "one-room-hub" in runs:
        rows.append(ratio_row("one-room-rest", "≥ 50 % of one-room-hub", runs["one-room-rest"], runs["one-room-hub"], 0.5))
    if "scale-out" in runs and "one-room-hub" in runs:
        rows.append(ratio_row("scale-out (2 replicas)", "≥ 80 % of one replica, nothing lost", runs["scale-out"], runs["one-room-hub"], 0.8))
    if "idle" in runs and "baseline-idle" in runs:
        ours, bare = runs["idle"]["idle"], runs["baseline-idle"]["idle"]
        ratio = ours["kbPerConnection"] / bare["kbPerConnection"] if bare["kbPerConnection"] > 0 else float("inf")
        rows.append(f'| idle | ≤ 1.5 × the bare hub\'s memory per connection | {ours["kbPerConnection"]} vs {bare["kbPerConnection"]} KB '
                    f'at {ours["connections"]}: **{ratio:.2f} ×** | {"yes" if ratio <= 1.5 else "no"} |')
    if "idle-held" in runs:
        held = runs["idle-held"]["idle"]
        rows.append(f'| idle, held | 20,000 connections without errors | {held["connections"]} connected in {held["connectSeconds"]} s, '
                    f'{held["kbPerConnection"]} KB each | {"yes" if held["connections"] >= 20000 else "no"} |')
    if "login" in runs:
        login = runs["login"]["login"]
        if "hashCapacityPerSecond" in login:
            share = login["loginsPerSecond"] / login["hashCapacityPerSecond"]
            spread = login["p99Ms"] / login["meanMs"]
            rows.append(f'| login | ≥ 80 % of the cores\' hash capacity; p99 ≤ 1.5 × mean | {login["loginsPerSecond"]} logins/s of '
                        f'{login["hashCapacityPerSecond"]:.1f} ({login["serverCores"]} core(s) ÷ {login["hashMs"]:.0f} ms per hash): **{share:.0%}**; '
                        f'p99 {login["p99Ms"]:.0f} ms, mean {login["meanMs"]:.0f} ms: **{spread:.2f} ×** '
                        f'| {"yes" if share >= 0.8 and spread <= 1.5 and login["errors"] == 0 else "no"} |')
    for name in ["one-room-hub", "many-rooms"]:
        step = best_step(runs[name]) if name in runs else None
        if step and step.get("moderationBacklogAfterDrain") is not None:
            kept_up = step["moderationBacklogAfterDrain"] <= step["targetRate"]
            rows.append(f'| moderation, {name} | the Worker keeps up at the highest passing rate | backlog {backlog(step)} '
                        f'entries (end of sending → after the drain) at {step["targetRate"]} msg/s | {"yes" if kept_up else "no"} |')
    busy_steps = [f'{r["name"]} {s["targetRate"]}' for r in runs.values() for s in r.get("steps") or [] if busy(s)]
    rows.append(f'| generator | never above {GENERATOR_BUSY} % of its core | '
                f'{"above in: " + ", ".join(busy_steps) if busy_steps else "never above"} | {"no" if busy_steps else "yes"} |')
    return "\n".join(rows) + "\n"


def deciding_steps(run):
    """Per rate, in rate order, the step that decided it: the passing one, else the last try."""
    by_rate = {}
    for s in run["steps"]:
        if s["targetRate"] not in by_rate or not by_rate[s["targetRate"]]["passed"]:
            by_rate[s["targetRate"]] = s
    return [by_rate[r] for r in sorted(by_rate)]


def svg(runs):
    chat = [runs[n] for n in CHAT + [f"baseline-{n}" for n in CHAT] if n in runs and runs[n].get("steps")]
    width, height, left, right, top, bottom = 720, 420, 70, 170, 30, 50
    max_rate = max([s["targetRate"] for r in chat for s in r["steps"]] + [100])
    max_p99 = max([min(s["p99Ms"], 5000) for r in chat for s in r["steps"]] + [P99_LIMIT * 2])
    # Logarithmic latency axis: 1 ms to the slowest p99, so the 100 ms line and seconds-long failures both show.
    import math
    top_log = math.log10(max(max_p99, 10))
    # Logarithmic rate axis too: the bare hub's limits are ten times ChatRoom's, and both ends must stay readable.
    min_rate = min([s["targetRate"] for r in chat for s in r["steps"]] + [100])
    span = math.log10(max_rate / min_rate) or 1
    x = lambda rate: left + math.log10(max(rate, min_rate) / min_rate) / span * (width - left - right)
    y = lambda ms: top + (1 - math.log10(max(ms, 1)) / top_log) * (height - top - bottom)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="18" font-size="14">Delivery p99 vs offered rate (log scales; pass: p99 &lt; {P99_LIMIT} ms, nothing lost)</text>']
    for decade in range(0, int(top_log) + 1):
        ms = 10 ** decade
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(ms):.1f}" y2="{y(ms):.1f}" stroke="#eee"/>'
                   f'<text x="{left - 6}" y="{y(ms) + 4:.1f}" text-anchor="end">{ms} ms</text>')
    out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(P99_LIMIT):.1f}" y2="{y(P99_LIMIT):.1f}" stroke="#999" stroke-dasharray="6 4"/>')
    for rate in [t * 10 ** e for e in range(1, 7) for t in (1, 3)]:
        if min_rate <= rate <= max_rate:
            out.append(f'<text x="{x(rate):.1f}" y="{height - bottom + 18}" text-anchor="middle">{rate:,}</text>')
    out.append(f'<text x="{(left + width - right) / 2}" y="{height - 12}" text-anchor="middle">messages per second (offered, log scale)</text>')
    out.append(f'<line x1="{left}" x2="{width - right}" y1="{height - bottom}" y2="{height - bottom}" stroke="black"/>')
    out.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{height - bottom}" stroke="black"/>')
    for n, run in enumerate(chat):
        color = COLORS.get(run["name"], "black")
        points = " ".join(f'{x(s["targetRate"]):.1f},{y(min(s["p99Ms"], 5000)):.1f}' for s in deciding_steps(run))
        out.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2"/>')
        for s in deciding_steps(run):
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
    parts = ["# Benchmark results", "", f"Machine: {machine}. The server side (Api, Worker, PostgreSQL, Redis; or the bare hub) "
             "runs on one set of CPUs and the generator on another (bench.sh prints which).", "",
             "![Delivery p99 vs rate](p99-vs-rate.svg)", "", "## Against the targets", "", summary(runs)]
    for name in CHAT + [f"baseline-{n}" for n in CHAT]:
        if name in runs and runs[name].get("steps"):
            parts.append(chat_table(runs[name]))
    for name, kind in (("idle", "idle"), ("baseline-idle", "idle"), ("idle-held", "idle"), ("login", "login")):
        if name in runs:
            parts += [f"### {name}", "", "```json", json.dumps(runs[name][kind], indent=2), "```", ""]
    (folder / "results.md").write_text("\n".join(parts))
    (folder / "p99-vs-rate.svg").write_text(svg(runs))
    print(f"Wrote {folder / 'results.md'} and {folder / 'p99-vs-rate.svg'}")
    print(summary(runs))


if __name__ == "__main__":
    main()
