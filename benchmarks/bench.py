#!/usr/bin/env python3
"""NTP Planner benchmarks (issue #9). Run through benchmarks/run, which prepares the venv and the build.

Speed: for each size N, `ntp generate` writes a synthetic province (4 years, seed 1); `ntp plan` runs
--repeats times with the size's target gap and time limit; each run reports build and solve seconds
(ntp plan --timings), objective, best bound, proven gap (the plan file) and peak memory
(/usr/bin/time -v, maximum resident set size). Medians are reported.

Independent solver: the first run writes the whole model as free MPS (ntp plan --write-mps), which
benchmarks/highs_solve.py solves with HiGHS under the same time limit and gap (one run per size).

Quality: criteria-years of the optimizer against ntp baseline --method official|formula|greedy on the
seed scenarios and the synthetic ones, all measured without the scenario's targets (as the baselines are).
"""
import argparse
import datetime
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# N → (gap, time limit in seconds, whether issue #9 sets a target for N).
TARGETS = {16: (0.01, 10, True), 181: (0.005, 10, True), 800: (0.01, 60, True), 3300: (0.02, 300, True)}

SEED_SCENARIOS = [
    "Scenarios/quang-hoa-2022-2025.yaml",
    "Scenarios/loc-binh-2024.yaml",
    "Scenarios/lang-son-2022.yaml",
    "Scenarios/bac-kan-2025.yaml",
    "Scenarios/phase-2026-2030.yaml",
]
BASELINES = ["official", "formula", "greedy"]


def target_for(n):
    if n in TARGETS:
        return TARGETS[n]
    if n <= 181:
        return (0.005, 10, False)
    if n <= 800:
        return (0.01, 60, False)
    return (0.02, 300, False)


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def timed(command, timeout=None):
    """Runs command under /usr/bin/time -v: exit status, wall seconds, peak RSS (MiB), stdout, stderr."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time", delete=False) as t:
        path = t.name
    start = time.monotonic()
    # A session of its own, so that a timeout stops ntp itself and not only /usr/bin/time (a stopped
    # /usr/bin/time left ntp running and competing with every later measurement).
    process = subprocess.Popen(["/usr/bin/time", "-v", "-o", path] + command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
        status = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        status = "timeout"
    wall = time.monotonic() - start
    rss = None
    try:
        with open(path) as f:
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read())
            rss = int(m.group(1)) / 1024 if m else None
    finally:
        os.unlink(path)
    return {"status": status, "wall": wall, "rss_mib": rss, "stdout": out, "stderr": err}


def failure(result):
    """A one-line reason for a run that wrote no plan: the timeout, or ntp's message (not its progress lines)."""
    if result["status"] == "timeout":
        return "timed out"
    lines = [l.strip() for l in (result["stdout"] + "\n" + result["stderr"]).splitlines()
             if l.strip() and not re.match(r"^[\d.]+ s ", l.strip()) and not l.startswith("ntp-timings")]
    return f"exit {result['status']}: " + (lines[0][:120] if lines else "no message")


def read_plan(path):
    with open(path) as f:
        plan = json.load(f)
    unfunded = sum(u.get("amount_dong", 0) for u in plan.get("unfunded") or [])
    return {
        "objective": plan.get("objective_value"), "bound": plan.get("best_bound"), "gap": plan.get("relative_gap"),
        "criteria_years": plan.get("criteria_years"), "termination": plan.get("termination"),
        "completions": len(plan.get("completions") or []), "unfunded_dong": unfunded, "method": plan.get("method", "optimizer"),
    }


def timings(stderr):
    m = re.search(r"ntp-timings load=([\d.]+) build=([\d.]+) solve=([\d.]+)", stderr)
    return {"load": float(m.group(1)), "build": float(m.group(2)), "solve": float(m.group(3))} if m else {}


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def highs(args, mps, limit, gap, extra=(), timeout=None):
    result = timed([os.path.join(ROOT, "benchmarks/.venv/bin/python"), os.path.join(ROOT, "benchmarks/highs_solve.py"), mps,
                    "--time-limit", str(limit), "--gap", str(gap), *extra], timeout=timeout or limit * 3 + 600)
    try:
        out = json.loads(result["stdout"].strip().splitlines()[-1])
    except (ValueError, IndexError):
        out = {"error": (result["stderr"] or str(result["status"]))[-400:]}
    out.update({"wall": result["wall"], "rss_mib": result["rss_mib"], "exit": result["status"]})
    return out


def run_size(args, n, work):
    gap, limit, _ = target_for(n)
    runs, per_seed, summary = [], [], []
    for seed in args.seed_list:
        folder = os.path.join(work, f"synth-{n}-s{seed}")
        log(f"N={n} seed {seed}: ntp generate")
        generated = subprocess.run(
            [args.ntp, "generate", "--communes", str(n), "--years", str(args.years), "--seed", str(seed), "--out", folder, "--force", "--lang", "en"],
            cwd=ROOT, capture_output=True, text=True)
        if generated.returncode != 0:
            raise SystemExit(f"ntp generate failed: {generated.stderr}")
        summary = summary or generated.stdout.strip().splitlines()
        scenario, data = os.path.join(folder, "scenario.yaml"), os.path.join(folder, "data")
        mps = os.path.join(work, f"model-{n}-s{seed}.mps")
        with_highs = not args.no_highs and (n not in args.highs_first_seed_sizes or seed == args.seed_list[0])
        seed_runs = []
        for r in range(1, args.repeats + 1):
            out = os.path.join(work, f"plan-{n}-s{seed}-r{r}.json")
            if os.path.exists(out):
                os.unlink(out)
            command = [args.ntp, "plan", scenario, "--data", data, "--time-limit", str(limit), "--gap", str(gap), "--out", out, "--timings"]
            if r == 1 and with_highs:
                command += ["--write-mps", mps]
            log(f"N={n} seed {seed}: ntp plan, run {r}/{args.repeats} (gap {gap}, limit {limit} s)")
            loadavg = open("/proc/loadavg").read().split()[0]
            result = timed(command, timeout=limit * 4 + 600)
            run = {"seed": seed, "status": result["status"], "wall": result["wall"], "rss_mib": result["rss_mib"],
                   "loadavg_before": float(loadavg), **timings(result["stderr"])}
            if os.path.exists(out):
                run.update(read_plan(out))
            else:
                run["error"] = failure(result)
            log(f"N={n} seed {seed}: run {r}: {json.dumps({k: v for k, v in run.items() if k != 'error'})}")
            seed_runs.append(run)
        runs += seed_runs
        entry = {"seed": seed, "bound": median([run.get("bound") for run in seed_runs]), "objective": median([run.get("objective") for run in seed_runs])}
        if with_highs and os.path.exists(mps):
            entry["mps_mib"] = os.path.getsize(mps) / 2**20
            log(f"N={n} seed {seed}: HiGHS on {mps} ({entry['mps_mib']:.0f} MiB)")
            entry["highs"] = highs(args, mps, limit, gap)
            log(f"N={n} seed {seed}: HiGHS: {json.dumps({k: v for k, v in entry['highs'].items() if k != 'trace'})}")
            if not args.no_relaxation:
                log(f"N={n} seed {seed}: HiGHS LP relaxation (interior point)")
                entry["relaxation"] = highs(args, mps, args.relaxation_limit, 0, ["--relaxation"], timeout=args.relaxation_limit + 600)
                log(f"N={n} seed {seed}: LP relaxation: {json.dumps(entry['relaxation'])}")
            if not args.keep_mps:
                os.unlink(mps)
        per_seed.append(entry)
    size = {
        "communes": n, "gap_target": gap, "time_limit": limit, "generate": summary, "method": "decomposition", "runs": runs,
        "seeds": per_seed,
        "median": {key: median([run.get(key) for run in runs]) for key in ["load", "build", "solve", "wall", "rss_mib", "objective", "bound", "gap", "criteria_years"]},
    }
    # The first seed's HiGHS run stands for the size in the older tables.
    if per_seed and "highs" in per_seed[0]:
        size["highs"], size["mps_mib"] = per_seed[0]["highs"], per_seed[0].get("mps_mib")
    return size


def no_targets_copy(scenario, work):
    """A scenario that extends `scenario` without its targets (the baselines are measured without them)."""
    name = os.path.basename(scenario).replace(".yaml", "")
    folder = os.path.join(work, "quality")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{name}-no-targets.yaml")
    parent = os.path.relpath(os.path.join(ROOT, scenario), folder)
    with open(path, "w") as f:
        f.write(f"# Written by benchmarks/bench.py: {scenario} without its targets, as ntp baseline measures it.\n")
        f.write(f"extends: {parent}\npolicy: {{targets: null, official_targets: false}}\n")
    return path


def quality(args, name, scenario, data, plan_file, limit, work):
    """The optimizer's plan (given, or made here) against the three baselines."""
    entry = {"scenario": name, "baselines": {}}
    if plan_file is None:
        plan_file = os.path.join(work, "quality", f"{name}-optimizer.json")
        if os.path.exists(plan_file):
            os.unlink(plan_file)
        scenario_used = no_targets_copy(scenario, work)
        log(f"quality {name}: ntp plan (limit {limit} s)")
        result = timed([args.ntp, "plan", scenario_used, "--data", data, "--time-limit", str(limit), "--out", plan_file, "--timings"],
                       timeout=limit * 4 + 600)
        entry["optimizer_wall"] = result["wall"]
        if not os.path.exists(plan_file):
            entry["optimizer"] = {"error": failure(result)}
            return entry
    entry["optimizer"] = read_plan(plan_file)
    for method in BASELINES:
        out = os.path.join(work, "quality", f"{name}-{method}.json")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        if os.path.exists(out):
            os.unlink(out)
        log(f"quality {name}: ntp baseline --method {method}")
        result = timed([args.ntp, "baseline", scenario, "--data", data, "--method", method, "--out", out], timeout=args.baseline_timeout)
        if os.path.exists(out):
            entry["baselines"][method] = {**read_plan(out), "wall": result["wall"]}
        else:
            entry["baselines"][method] = {"error": failure(result),
                                          "wall": result["wall"]}
        log(f"quality {name} {method}: {json.dumps(entry['baselines'][method])[:300]}")
    return entry


def shell(command):
    try:
        return subprocess.run(command, shell=True, capture_output=True, text=True, cwd=ROOT).stdout.strip()
    except OSError:
        return ""


def machine():
    """The machine's parts that every run shares (the newest run's, when runs are merged)."""
    return {
        "cpu": shell("lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1"),
        "nproc": shell("nproc"),
        "memory": shell("free -h | awk '/^Mem:/ {print $2\" total, \"$7\" available at start\"}'"),
        "os": shell(". /etc/os-release && echo $PRETTY_NAME") or platform.platform(),
        "kernel": platform.release(),
        "swift": shell("swift --version 2>&1 | head -1"),
    }


def run_info(command, args):
    """What a part of the report was measured by: when, which build, which command, how loaded the machine was."""
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "ntp": shell(f"{os.path.relpath(os.path.abspath(args.ntp), ROOT)} --version"),
        "commit": args.commit,
        "command": command, "seeds": args.seed_list, "repeats": args.repeats, "years": args.years,
        "load": shell("cat /proc/loadavg"),
    }


def normalised(results):
    """Results whose sizes and quality entries each carry their own run (older files kept one run for the whole file)."""
    m = results.get("machine", {})
    whole = {key: results.get(key) for key in ["command", "seeds", "repeats", "years"]}
    whole["seeds"] = whole["seeds"] or [results.get("seed", 1)]
    whole.update({key: m.get(key) for key in ["date", "ntp", "commit", "load"]})
    for part in results.get("sizes", []) + results.get("quality", []):
        part.setdefault("run", dict(whole))
    return {"machine": {key: m.get(key) for key in ["cpu", "nproc", "memory", "os", "kernel", "swift"]},
            "sizes": results.get("sizes", []), "quality": results.get("quality", [])}


def merged(old, new):
    """old's sizes and quality entries, each replaced by new's where new measured it again."""
    sizes = {s["communes"]: s for s in old["sizes"]}
    sizes.update({s["communes"]: s for s in new["sizes"]})
    # Scenarios in the order they were first measured (the seed scenarios, then the synthetic ones).
    quality = {e["scenario"]: e for e in old["quality"]}
    quality.update({e["scenario"]: e for e in new["quality"]})
    return {"machine": new["machine"], "sizes": [sizes[n] for n in sorted(sizes)], "quality": list(quality.values())}


# ---------------------------------------------------------------------------------------------- report

def f(x, digits=2, suffix=""):
    return "–" if x is None else f"{x:,.{digits}f}{suffix}"


def pct(x, digits=2):
    return "–" if x is None else f"{100 * x:.{digits}f} %"


def highs_time_to(highs, gap):
    t = (highs.get("time_to_gap") or {}).get(str(gap))
    return t


def ours_reached(size):
    """Median solve seconds of the runs that reached the gap target, when most runs did; else None."""
    reached = [run for run in size["runs"] if run.get("gap") is not None and run["gap"] <= size["gap_target"] + 1e-12]
    if 2 * len(reached) <= len(size["runs"]) - (len(size["runs"]) % 2 == 0):
        return None
    return median([run.get("solve") for run in reached])


def median_run(size):
    """The speed run whose criteria-years is the median (the lower middle for an even count)."""
    runs = sorted((run for run in size["runs"] if run.get("criteria_years") is not None), key=lambda run: run["criteria_years"])
    return runs[(len(runs) - 1) // 2] if runs else None


def with_median_run(entry, results):
    """A synthetic scenario's optimizer entry taken from its median speed run (the run the table shows)."""
    m = re.match(r"synthetic (\d+)$", entry["scenario"])
    size = next((s for s in results.get("sizes", []) if m and s["communes"] == int(m.group(1))), None)
    run = median_run(size) if size else None
    if run is None:
        return entry
    return {**entry, "optimizer": {key: run.get(key) for key in ["objective", "bound", "gap", "criteria_years", "termination"]}}


def run_line(name, run):
    seconds = f"; {f(run['seconds'] / 60, 1)} min" if run.get("seconds") is not None else ""
    return (f"| {name} | {run.get('date', '–')} | {run.get('commit', '–')} | `{run.get('command', '–')}` | "
            f"{', '.join(str(x) for x in run.get('seeds') or [])} × {run.get('repeats', '–')} | {run.get('load', '–')}{seconds} |")


def report(results):
    results = normalised(results)
    m = results["machine"]
    parts = results["sizes"] + results["quality"]
    years = sorted({s["run"].get("years") for s in results["sizes"]} - {None}) or [4]
    lines = ["# Benchmarks", "",
             "Measured by `benchmarks/run` (issues #9 and #16); rerun it to refresh this file. Every number below comes from the runs",
             "described here (a size or scenario measured again replaces its earlier figures: `--merge`); nothing is copied by hand.", "",
             "## Machine and run", "",
             f"- CPU: {m['cpu']}, {m['nproc']} cores (`nproc`); memory {m['memory']} (`free -h`)",
             f"- {m['os']}, kernel {m['kernel']}; {m['swift']}; " + ", ".join(f"`{v}`" for v in sorted({p['run'].get('ntp') or '–' for p in parts})) +
             ", release build of the commit named below",
             f"- Synthetic provinces: `ntp generate --communes N --years {'/'.join(str(y) for y in years)} --seed S` for the seeds named below",
             "- The machine is shared with other engineers' builds and tests, so times are noisy: the load average (`/proc/loadavg`:",
             "  1, 5 and 15 minutes) is given at the start of each part, and the 1-minute one before each run further down.", "",
             "| part | date | commit | command | seeds × repeats | load average at the start; time taken |",
             "|---|---|---|---|---|---|"]
    lines += [run_line(f"{s['communes']:,} communes", s["run"]) for s in results["sizes"]]
    groups = {}
    for e in results["quality"]:
        groups.setdefault((e["run"].get("date"), e["run"].get("command")), []).append(e["scenario"])
    for e in results["quality"]:
        names = groups.pop((e["run"].get("date"), e["run"].get("command")), None)
        if names:
            together = [q["run"].get("seconds") for q in results["quality"] if q["scenario"] in names]
            run = dict(e["run"], seconds=sum(together) if None not in together else None)
            lines.append(run_line("baselines: " + ", ".join(names), run))
    lines.append("")
    sizes = results.get("sizes", [])
    if sizes:
        lines += ["## Speed: our pipeline (`ntp plan`, medians)", "",
                  "Each size runs `ntp plan OUT/scenario.yaml --data OUT/data --time-limit L --gap G --timings` with the size's target",
                  "gap and time (`automatic`: the search by commune, docs/model.md). *build* is the instance and the whole GLPK problem, *solve* the search; peak memory",
                  "is the maximum resident set size of the process (`/usr/bin/time -v`). Each column's median is taken on its own",
                  "(objective, bound and gap can come from different runs); the first run also writes the MPS file, which is in",
                  "its wall time and memory but not in build or solve.", "",
                  "| communes | missing criteria | method | gap G / limit L | load s | build s | solve s | wall s | objective (criteria-years) | best bound | proven gap | runs at G | peak MiB |",
                  "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for s in sizes:
            md = s["median"]
            # ntp generate's summary, in English (--lang en) or, in older runs, Vietnamese.
            missing = re.search(r"(\d[\d.]*) (?:missing criteria|tiêu chí còn thiếu)", " ".join(s["generate"]))
            reached = sum(1 for run in s["runs"] if run.get("gap") is not None and run["gap"] <= s["gap_target"] + 1e-12)
            terms = ",".join(sorted({str(run.get("termination")) for run in s["runs"]}))
            lines.append(
                f"| {s['communes']:,} | {missing.group(1) if missing else '–'} | {s['method']} | {pct(s['gap_target'], 1)} / {s['time_limit']} s | {f(md['load'])} | {f(md['build'])} | {f(md['solve'])} | {f(md['wall'])} | "
                f"{f(md['objective'], 1)} | {f(md['bound'], 1)} | {pct(md['gap'])} | {reached}/{len(s['runs'])} ({terms}) | {f(md['rss_mib'], 0)} |")
        lines += ["", "Every run (load average: the 1-minute load of the machine just before the run; 2 means our own two threads could",
                  "have had the machine to themselves):", "",
                  "| communes | seed | run | load average | build s | solve s | wall s | objective | gap | termination | peak MiB |", "|---|---|---|---|---|---|---|---|---|---|---|"]
        for s in sizes:
            for i, run in enumerate(s["runs"], 1):
                lines.append(f"| {s['communes']:,} | {run.get('seed', '–')} | {i} | {f(run.get('loadavg_before'))} | {f(run.get('build'))} | {f(run.get('solve'))} | {f(run.get('wall'))} | {f(run.get('objective'), 1)} | {pct(run.get('gap'))} | {run.get('termination', run.get('error', '–'))} | {f(run.get('rss_mib'), 0)} |")
        lines.append("")

        with_highs = [s for s in sizes if "highs" in s]
        if with_highs:
            lines += ["## Independent solver: HiGHS on the same model", "",
                      "The first run of each size writes the whole model as free MPS (`ntp plan --write-mps`), and",
                      "`benchmarks/highs_solve.py` solves it with HiGHS (highspy from PyPI, default options, its own threads) under",
                      "the same time limit and gap. The MPS states `OBJSENSE MAX`, which HiGHS reads; the criteria-years objective has",
                      "no constant term, so HiGHS's objective is directly comparable with ours. Time to gap: ours is the median `solve` seconds of the runs that reached the gap, HiGHS's",
                      "the first time its callbacks report a proven gap at or below it (after reading the MPS, presolve included).",
                      "One HiGHS run per size and seed; this table shows the first seed (ours: that seed's median), the next one every seed.", "",
                      "| communes | rows / columns (integer) | MPS MiB | HiGHS status | HiGHS objective | HiGHS bound | HiGHS gap | HiGHS s | HiGHS peak MiB | our objective | objective difference | our time to G | HiGHS time to G | ratio ours / HiGHS |",
                      "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
            for s in with_highs:
                h = s["highs"]
                ours = s["seeds"][0]["objective"] if s.get("seeds") else s["median"]["objective"]
                diff = "–"
                if h.get("objective") is not None and ours is not None:
                    diff = f"{ours - h['objective']:+,.1f} ({100 * (ours - h['objective']) / max(abs(h['objective']), 1e-9):+.2f} %)"
                mine = ours_reached(s)
                theirs = highs_time_to(h, s["gap_target"])
                if mine is not None and theirs is not None:
                    ratio = f"{mine / max(theirs, 1e-3):.2f}"
                elif mine is not None:
                    ratio = f"HiGHS did not reach G in {s['time_limit']} s (ours did)"
                elif theirs is not None:
                    ratio = "ours did not reach G (HiGHS did)"
                else:
                    ratio = "neither reached G"
                shape = f"{h.get('rows', 0):,} / {h.get('columns', 0):,} ({h.get('integer_columns', 0):,})" if "rows" in h else "–"
                lines.append(
                    f"| {s['communes']:,} | {shape} | {f(s.get('mps_mib'), 0)} | {h.get('status', h.get('error', '–'))} | {f(h.get('objective'), 1)} | {f(h.get('bound'), 1)} | {pct(h.get('gap'))} | "
                    f"{f(h.get('wall'), 1)} | {f(h.get('rss_mib'), 0)} | {f(ours, 1)} | {diff} | {f(mine, 1)} | {f(theirs, 1)} | {ratio} |")
            lines.append("")

    with_seeds = [s for s in sizes if any("highs" in e or "relaxation" in e for e in s.get("seeds", []))]
    if with_seeds:
        lines += ["## Our bound and plan against HiGHS, seed by seed", "",
                  "For each seed, the MPS of its first run: HiGHS's MILP under the same limit and gap, and HiGHS's LP relaxation",
                  "(`highs_solve.py --relaxation`: integrality dropped, interior point), the value a converged column generation",
                  "reaches. *bound − LP* is how far our proven bound is above the relaxation (0 when column generation converged);",
                  "*gap to LP* is our plan's distance from the relaxation, an upper bound on its true gap. Ours are the medians of",
                  "the seed's runs.", "",
                  "| communes | seed | our plan | our bound | LP relaxation (HiGHS, s) | bound − LP | our gap | gap to LP | HiGHS MILP plan | HiGHS bound | ours − HiGHS |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        for s in with_seeds:
            for e in s["seeds"]:
                h, lp = e.get("highs", {}), e.get("relaxation", {})
                ours, bound, relax = e.get("objective"), e.get("bound"), lp.get("relaxation")
                above = f"{100 * (bound - relax) / max(abs(relax), 1e-9):+.3f} %" if bound is not None and relax is not None else "–"
                gap = pct(abs(bound - ours) / max(abs(ours), 1e-9)) if bound is not None and ours is not None else "–"
                to_lp = pct(abs(relax - ours) / max(abs(ours), 1e-9)) if relax is not None and ours is not None else "–"
                lead = f"{ours - h['objective']:+,.1f}" if ours is not None and h.get("objective") is not None else "–"
                lines.append(f"| {s['communes']:,} | {e['seed']} | {f(ours, 1)} | {f(bound, 1)} | {f(relax, 1)} ({f(lp.get('seconds'), 0)}) | {above} | {gap} | {to_lp} | "
                             f"{f(h.get('objective'), 1)} | {f(h.get('bound'), 1)} | {lead} |")
        lines.append("")

    q = [with_median_run(e, results) for e in results.get("quality", [])]
    if q:
        lines += ["## Plan quality: optimizer against the baselines (criteria-years)", "",
                  "All plans are measured as `ntp baseline` measures its own: the scenario's options without its targets (the",
                  "optimizer plans a copy of the scenario that `extends` it with `policy: {targets: null, official_targets: false}`;",
                  "synthetic scenarios have no targets, and their optimizer plan is the median speed run, made with the size's",
                  "target time limit). Ratio = optimizer /",
                  "baseline; margin = optimizer − baseline. The `official` schedule is financed as far as the envelopes go: where",
                  "they fall short its plan still counts the criteria but needs money beyond them (*unfunded*), so it is not a plan",
                  "the budget can pay; its ratio is given for completeness.", "",
                  "| scenario | optimizer criteria-years (gap) | official (unfunded tỷ) | formula | greedy | ratio vs official | vs formula | vs greedy | smallest margin over a funded baseline |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for e in q:
            o = e.get("optimizer", {})
            ocy = o.get("criteria_years")
            cells, ratios, margins = [], [], []
            for method in BASELINES:
                b = e["baselines"].get(method, {})
                cy = b.get("criteria_years")
                if cy is None:
                    cells.append(b.get("error", "–")[:60] if isinstance(b.get("error"), str) else "–")
                    ratios.append("–")
                    continue
                extra = f" ({f(b.get('unfunded_dong', 0) / 1e9, 1)})" if method == "official" else ""
                cells.append(f"{cy:,}{extra}")
                ratios.append(f"{ocy / cy:.3f}" if ocy is not None and cy else "– (none planned)")
                if method != "official" and ocy is not None:
                    margins.append((ocy - cy, cy, method))
            margin = "–"
            if margins:
                d, cy, method = min(margins)
                margin = f"{d:+,} ({100 * d / cy:+.1f} %) over {method}" if cy else f"{d:+,} over {method}"
            opt = f"{ocy:,} ({pct(o.get('gap'))})" if ocy is not None else o.get("error", "–")[:80]
            lines.append(f"| {e['scenario']} | {opt} | " + " | ".join(cells) + " | " + " | ".join(ratios) + f" | {margin} |")
        lines.append("")
        lines += ["Baseline run times (wall s): " + "; ".join(
            f"{e['scenario']}: " + ", ".join(f"{m} {f(e['baselines'].get(m, {}).get('wall'), 1)}" for m in BASELINES) for e in q), ""]

    lines += targets_section(results)
    # Hand-written parts copied under the tables: the analysis of these figures, then the workbench's measurements
    # (benchmarks/workbench-load, which writes no report of its own).
    for name in ["benchmarks/analysis.md", "benchmarks/workbench.md"]:
        path = os.path.join(ROOT, name)
        if os.path.exists(path):
            with open(path) as handle:
                lines += [handle.read().rstrip("\n"), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def targets_section(results):
    lines = ["## Targets of issue #16", "", "| target | measured | verdict |", "|---|---|---|"]
    by_n = {s["communes"]: s for s in results.get("sizes", [])}
    for n, (gap, limit, stated) in TARGETS.items():
        if not stated:
            continue
        s = by_n.get(n)
        if s is None:
            lines.append(f"| {n:,} communes × 4 years to ≤ {pct(gap, 1)} in ≤ {limit} s | not run | not measured |")
            continue
        md = s["median"]
        wall, g = md.get("wall"), md.get("gap")
        total = None if md.get("build") is None else md["load"] + md["build"] + md["solve"]
        ok = g is not None and g <= gap + 1e-12 and total is not None and total <= limit
        detail = f"median proven gap {pct(g)}, load+build+solve {f(total, 1)} s (solve {f(md.get('solve'), 1)} s, process wall {f(wall, 1)} s)"
        if ok:
            verdict = "met"
        else:
            parts = []
            if g is None:
                parts.append("no plan")
            elif g > gap:
                parts.append(f"gap {pct(g - gap)} points over")
            if total is not None and total > limit:
                parts.append(f"{f(total - limit, 1)} s over")
            verdict = "missed: " + ", ".join(parts)
        lines.append(f"| {n:,} communes × 4 years to ≤ {pct(gap, 1)} in ≤ {limit} s | {detail} | {verdict} |")
    for s in results.get("sizes", []):
        if "highs" not in s:
            continue
        mine, theirs = ours_reached(s), highs_time_to(s["highs"], s["gap_target"])
        if mine is not None and theirs is not None:
            verdict = "met" if mine <= theirs else f"missed: {mine / theirs:.2f}× HiGHS's time"
            detail = f"ours {f(mine, 1)} s, HiGHS {f(theirs, 1)} s to {pct(s['gap_target'], 1)}"
        elif mine is not None:
            verdict, detail = "met", f"ours {f(mine, 1)} s; HiGHS did not reach {pct(s['gap_target'], 1)} in {s['time_limit']} s (its gap {pct(s['highs'].get('gap'))})"
        elif theirs is not None:
            verdict, detail = "missed", f"ours did not reach {pct(s['gap_target'], 1)}; HiGHS did in {f(theirs, 1)} s"
        else:
            ours_gap, highs_gap = s["median"].get("gap"), s["highs"].get("gap")
            detail = f"neither reached {pct(s['gap_target'], 1)} in {s['time_limit']} s; at the limit ours {pct(ours_gap)}, HiGHS {pct(highs_gap)}"
            if ours_gap is not None and (highs_gap is None or ours_gap <= highs_gap):
                verdict = f"met at the gaps reached: HiGHS did not reach our {pct(ours_gap)} within the limit"
            else:
                verdict = f"missed: HiGHS reached {pct(highs_gap)} within the limit, ours only {pct(ours_gap)}"
        lines.append(f"| {s['communes']:,} communes: to the gap no slower than HiGHS | {detail} | {verdict} |")
    for e in (with_median_run(e, results) for e in results.get("quality", [])):
        ocy = e.get("optimizer", {}).get("criteria_years")
        worse, unpaid, missing = [], [], []
        for method in BASELINES:
            b = e["baselines"].get(method, {})
            cy = b.get("criteria_years")
            if cy is None:
                missing.append(f"{method} {b.get('error', 'not run')}")
            elif ocy is not None and ocy < cy:
                if b.get("unfunded_dong", 0) > 0:
                    unpaid.append(f"{method} {cy:,} needs {f(b['unfunded_dong'] / 1e9, 1)} tỷ beyond the envelopes")
                else:
                    worse.append(f"{method} {cy:,} ({f(100 * (cy - ocy) / ocy, 1)} % more)")
        if ocy is None:
            verdict, detail = "not measured", e.get("optimizer", {}).get("error", "no plan")[:80]
        else:
            funded = [m for m in BASELINES if e["baselines"].get(m, {}).get("criteria_years") is not None
                      and not e["baselines"][m].get("unfunded_dong", 0)]
            if worse:
                verdict = "missed against " + "; ".join(worse)
            elif not funded:
                verdict = "not measured: no baseline the envelopes pay finished"
            else:
                verdict = "met against " + ", ".join(funded)
            if missing:
                verdict += " (not compared: " + "; ".join(missing) + ")"
            detail = f"optimizer {ocy:,}" + ("; above it, not payable: " + "; ".join(unpaid) if unpaid else "")
        lines.append(f"| {e['scenario']}: optimizer ≥ every baseline on criteria-years | {detail} | {verdict} |")
    lines.append("")
    return lines


def main():
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ntp", default=".build/release/ntp", help="the ntp binary (benchmarks/run passes the release build)")
    parser.add_argument("--sizes", default="16,181,800,3300", help="communes, comma-separated")
    parser.add_argument("--repeats", type=int, default=3, help="ntp plan runs per size (medians are reported)")
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seeds", default=None, help="seeds of the synthetic provinces, comma-separated (default: --seed)")
    parser.add_argument("--no-relaxation", action="store_true", help="skip HiGHS's LP relaxation of each exported model")
    parser.add_argument("--relaxation-limit", type=float, default=900, help="seconds for HiGHS's LP relaxation")
    parser.add_argument("--quick", action="store_true", help="sizes 16,181, 1 repeat, quality on the seeds and the synthetic sizes run")
    parser.add_argument("--no-highs", action="store_true", help="skip the MPS export and HiGHS")
    parser.add_argument("--no-quality", action="store_true", help="skip the baselines")
    parser.add_argument("--quality-sizes", default=None, help="synthetic sizes whose plans are compared with the baselines (default: every size run)")
    parser.add_argument("--no-seeds", action="store_true", help="skip the seed scenarios in the quality comparison")
    parser.add_argument("--seed-time-limit", type=float, default=60, help="time limit of the optimizer on the seed scenarios")
    parser.add_argument("--baseline-timeout", type=float, default=600, help="seconds after which a baseline run is stopped and reported as timed out")
    parser.add_argument("--keep-mps", action="store_true", help="keep the MPS files in the work folder")
    parser.add_argument("--work", default="benchmarks/out", help="work folder (generated provinces, plans)")
    parser.add_argument("--report", default="BENCHMARKS.md", help="the report to write")
    parser.add_argument("--results", default="benchmarks/last-run.json", help="the raw results to write (or read, with --report-only)")
    parser.add_argument("--no-build", action="store_true", help="(benchmarks/run) use the existing release build")
    parser.add_argument("--highs-first-seed-only", default="", metavar="SIZES",
                        help="sizes (comma-separated) at which HiGHS (MILP and LP relaxation) runs on the first seed only: "
                             "the relaxation takes about 7 minutes at 3.300 communes")
    parser.add_argument("--merge", action="store_true",
                        help="add this run to the results file instead of replacing it: a size or scenario run again replaces its earlier "
                             "results, the others are kept with their own date, commit, command and load average")
    parser.add_argument("--report-only", action="store_true",
                        help="run nothing: write the report again from benchmarks/last-run.json (after editing benchmarks/analysis.md)")
    args = parser.parse_args()
    ARGS = args
    results_path = os.path.join(ROOT, args.results)
    if args.report_only:
        with open(results_path) as f:
            results = json.load(f)
        write_report(args, results)
        log(f"wrote {args.report} from {args.results}")
        return
    if args.quick:
        args.sizes, args.repeats = "16,181", 1
    sizes = [int(x) for x in args.sizes.split(",") if x]
    args.seed_list = [int(x) for x in (args.seeds or str(args.seed)).split(",") if x]
    args.highs_first_seed_sizes = {int(x) for x in args.highs_first_seed_only.split(",") if x}
    # The commit the binary was built from: benchmarks/run builds it just before (read once, since the sources may
    # change while a long run goes on).
    args.commit = shell("git rev-parse --short HEAD") + (" (with uncommitted changes)" if shell("git status --porcelain -- Sources Package.swift") else "")
    work = os.path.join(ROOT, args.work)
    os.makedirs(work, exist_ok=True)
    command = "benchmarks/run " + " ".join(a for a in sys.argv[1:] if not a.startswith("--ntp") and a != args.ntp)
    earlier = {"machine": {}, "sizes": [], "quality": []}
    if args.merge and os.path.exists(results_path):
        with open(results_path) as f:
            earlier = normalised(json.load(f))
    results = {"machine": machine(), "sizes": [], "quality": []}

    def save():
        whole = merged(earlier, results)
        temporary = results_path + ".tmp"
        with open(temporary, "w") as f:
            json.dump(whole, f, indent=1, ensure_ascii=False)
        os.replace(temporary, results_path)
        write_report(args, whole)

    def measured(part, run):
        """part with the run that measured it, the time it took included."""
        run["seconds"] = time.monotonic() - run.pop("started")
        part["run"] = run
        return part

    def start():
        return dict(run_info(command, args), started=time.monotonic())

    for n in sizes:
        run = start()
        results["sizes"].append(measured(run_size(args, n, work), run))
        save()
    if not args.no_quality:
        quality_sizes = sizes if args.quality_sizes is None else [int(x) for x in args.quality_sizes.split(",") if x]
        if not args.no_seeds:
            for scenario in SEED_SCENARIOS:
                name = os.path.basename(scenario).replace(".yaml", "")
                run = start()
                results["quality"].append(measured(quality(args, name, scenario, "Data", None, args.seed_time_limit, work), run))
                save()
        for s in results["sizes"]:
            if s["communes"] not in quality_sizes:
                continue
            seed = args.seed_list[0]
            folder = os.path.join(work, f"synth-{s['communes']}-s{seed}")
            first = os.path.join(work, f"plan-{s['communes']}-s{seed}-r1.json")
            run = start()
            results["quality"].append(measured(quality(args, f"synthetic {s['communes']}", os.path.join(folder, "scenario.yaml"), os.path.join(folder, "data"),
                                                       first if os.path.exists(first) else None, max(s["time_limit"], args.seed_time_limit), work), run))
            save()
    save()
    log(f"wrote {args.report} and {args.results}")


def write_report(args, results):
    """The report, written whole or not at all (a temporary file, then renamed)."""
    path = os.path.join(ROOT, args.report)
    with open(path + ".tmp", "w") as f:
        f.write(report(results))
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
