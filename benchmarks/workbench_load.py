#!/usr/bin/env python3
"""Load on the workbench (benchmarks/workbench-load): pages and API calls under 20 concurrent clients
with 1.000 plans in the store and two plans running, and the server's memory over the run.

Starts `ntp serve` on a free port with a store of its own, fills it through the API with plans (greedy
and official baselines of the shipped scenarios, and optimized plans of the default one; with --made
below --plans, that many are made and the store is then filled up with copies of their rows, which
holds the same plans for the pages while sparing the machine hundreds of baselines), starts two
optimizer runs (Lạng Sơn 2022, 181 communes, direct search to a zero gap) and keeps two running to the end,
starting another whenever one ends, then runs wrk on loopback against a mix of pages and API calls while
sampling the server's resident memory; one more client asks for each path in turn through the
measured run, so that the slowest paths are named (with each path's time alone, before the load). Writes
benchmarks/out/workbench-load.json and prints a summary. Standard library only.
"""

import argparse
import http.client
import http.cookiejar
import json
import os
import sqlite3
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

LUA = r"""
local paths = {}
local index = 0
init = function(args)
  for line in io.lines(args[1]) do table.insert(paths, line) end
end
request = function()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end
done = function(summary, latency, requests)
  io.write(string.format("JSON {\"requests\": %d, \"errors_status\": %d, \"errors_socket\": %d, \"duration_us\": %d, \"p50_us\": %d, \"p90_us\": %d, \"p95_us\": %d, \"p99_us\": %d, \"max_us\": %d, \"mean_us\": %.1f}\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.max, latency.mean))
end
"""


class Client:
    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.token = self.get("/api/session")["csrf_token"]

    def get(self, path):
        with self.opener.open(self.base + path, timeout=600) as answer:
            return json.loads(answer.read())

    def post(self, path, body):
        request = urllib.request.Request(self.base + path, data=json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json", "X-CSRF-Token": self.token})
        with self.opener.open(request, timeout=600) as answer:
            return json.loads(answer.read())


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0


class Probe(threading.Thread):
    """One more client beside wrk's: asks for each path of the mix in turn over one kept-alive
    connection and keeps each answer's time by path, so the slowest pages can be named."""

    def __init__(self, base, paths):
        super().__init__(daemon=True)
        self.host, self.port = base.removeprefix("http://").split(":")
        self.paths = paths
        self.times = {path: [] for path in paths}
        self.stop = threading.Event()

    def run(self):
        connection = http.client.HTTPConnection(self.host, int(self.port), timeout=60)
        while not self.stop.is_set():
            for path in self.paths:
                started = time.perf_counter()
                connection.request("GET", path)
                connection.getresponse().read()
                self.times[path].append((time.perf_counter() - started) * 1000)
                if self.stop.is_set():
                    break
        connection.close()

    def figures(self):
        return {path: {"requests": len(times), "p50_ms": round(percentile(times, 0.5), 1), "p95_ms": round(percentile(times, 0.95), 1),
                       "max_ms": round(max(times, default=0), 1)} for path, times in self.times.items()}


def single_times(base, paths, repeats):
    """Each path asked `repeats` times in a row, alone (wrk not running): the median, in ms."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    figures = {}
    for path in paths:
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            connection.request("GET", path)
            connection.getresponse().read()
            times.append((time.perf_counter() - started) * 1000)
        figures[path] = round(percentile(times, 0.5), 1)
    connection.close()
    return figures


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ntp", default=os.path.join(ROOT, ".build/release/ntp"), help="the ntp binary (default: the release build)")
    parser.add_argument("--plans", type=int, default=1000, help="plans in the store before the load (default 1000)")
    parser.add_argument("--made", type=int, default=None,
                        help="plans made through the API, the rest of --plans copied from them (default: all of them made)")
    parser.add_argument("--connections", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--duration", type=int, default=60, help="seconds of each measured wrk run (default 60)")
    parser.add_argument("--soak", type=int, default=600, help="seconds of load while memory is sampled, in wrk runs of at most 5 minutes (default 600; 0: none)")
    parser.add_argument("--out", default=os.path.join(HERE, "out/workbench-load.json"))
    options = parser.parse_args()

    work = tempfile.mkdtemp(prefix="ntp-workbench-load-")
    server = subprocess.Popen([options.ntp, "serve", "--port", "0", "--store", os.path.join(work, "store.sqlite"),
                               "--data", os.path.join(ROOT, "Data"), "--scenarios", os.path.join(ROOT, "Scenarios")],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    try:
        line = server.stdout.readline()
        base = re.search(r"http://127\.0\.0\.1:\d+", line).group(0)
        client = Client(base)
        scenarios = client.get("/api/scenarios")
        versions = {s["source_name"]: client.get(f"/api/scenarios/{s['id']}")["versions"][0]["id"] for s in scenarios}
        default = versions["quang-hoa-2022-2025.yaml"]

        # 1. The store filled through the API: runs queue and the queue makes them.
        started = time.time()
        cheap = [v for name, v in versions.items() if name != "lang-son-2022.yaml"]
        queued = []
        made = min(options.made or options.plans, options.plans)
        for index in range(made):
            if index % 50 == 0:
                body = {"version_id": default, "kind": "plan", "time_limit": 30}
            else:
                body = {"version_id": cheap[index % len(cheap)], "kind": "baseline", "method": ["greedy", "official"][index % 2]}
            queued.append(client.post("/api/runs", body)["id"])
        while True:
            runs = client.get(f"/api/runs?limit=200")
            if all(run["state"] not in ("queued", "running") for run in runs):
                break
            time.sleep(1)
        copied = 0
        if made < options.plans:
            database = sqlite3.connect(os.path.join(work, "store.sqlite"), timeout=60)
            columns = ("version_id, method, label, scenario_name, data_digest, settings, generator, termination, "
                       "criteria_years, objective_value, document, made_by, made_at")
            while copied < options.plans - made:
                batch = min(made, options.plans - made - copied)
                database.execute(f"INSERT INTO plan ({columns}) SELECT {columns} FROM plan ORDER BY id LIMIT ?", (batch,))
                database.commit()
                copied += batch
            database.close()
        plans = client.get("/api/plans?limit=200")
        count = len(plans)
        offset = 200
        while True:
            more = client.get(f"/api/plans?limit=200&offset={offset}")
            if not more:
                break
            count += len(more)
            offset += 200
        fill_seconds = time.time() - started
        print(f"plans in the store: {count}, filled in {fill_seconds:.0f} s", flush=True)

        # 2. Two plans running through the measurement: a plan ending is replaced by a new one.
        lang_son = versions["lang-son-2022.yaml"]
        stop = threading.Event()
        started_runs = []

        def keep_two_running():
            keeper = Client(base)
            running = []
            while not stop.is_set():
                running = [run for run in running if keeper.get(f"/api/runs/{run}")["state"] in ("queued", "running")]
                while len(running) < 2:
                    run = keeper.post("/api/runs", {"version_id": lang_son, "kind": "plan", "search": "direct", "time_limit": 3600, "gap": 0})["id"]
                    running.append(run)
                    started_runs.append(run)
                stop.wait(1)

        keeper = threading.Thread(target=keep_two_running, daemon=True)
        keeper.start()
        while len(started_runs) < 2 or sum(client.get(f"/api/runs/{run}")["state"] == "running" for run in started_runs[-2:]) < 2:
            time.sleep(0.5)
        long_runs = started_runs[:2]

        # 3. The mix: lists, a scenario, versions, plan pages and their API, runs, a comparison, downloads.
        scenario_id = next(s["id"] for s in scenarios if s["source_name"] == "quang-hoa-2022-2025.yaml")
        ids = [plan["id"] for plan in plans[:20]]
        paths = ["/scenarios", "/plans", "/plans?page=5", "/runs", "/api/scenarios", "/api/plans", "/api/plans?offset=400",
                 f"/scenarios/{scenario_id}", f"/scenarios/{scenario_id}/versions/1", f"/api/scenarios/{scenario_id}/versions/1",
                 f"/api/runs/{long_runs[0]}", f"/runs/{long_runs[1]}", f"/compare?plan={ids[0]}&plan={ids[1]}", "/history", "/api/events"]
        for plan in ids:
            paths += [f"/plans/{plan}", f"/api/plans/{plan}", f"/api/plans/{plan}/document"]
        paths.append(f"/api/plans/{ids[0]}/export/xlsx")
        with open(os.path.join(work, "paths.txt"), "w") as file:
            file.write("\n".join(paths) + "\n")
        with open(os.path.join(work, "mix.lua"), "w") as file:
            file.write(LUA)
        for path in paths:  # each page once, as a first visitor makes it
            client.opener.open(base + path, timeout=600).read()
        single = single_times(base, paths, 5)

        def wrk(seconds):
            output = subprocess.run(["wrk", "-t2", f"-c{options.connections}", f"-d{seconds}s", "--timeout", "10s",
                                     "-s", os.path.join(work, "mix.lua"), base, "--", os.path.join(work, "paths.txt")],
                                    capture_output=True, text=True, check=True).stdout
            return json.loads(output.split("JSON ", 1)[1].splitlines()[0])

        load_before = os.getloadavg()
        probe = Probe(base, paths)
        probe.start()
        measured = wrk(options.duration)
        probe.stop.set()
        probe.join()
        per_path = {path: {"alone_ms": single[path], **under} for path, under in probe.figures().items()}
        print(f"measured {options.duration} s: p95 {measured['p95_us'] / 1000:.1f} ms, load {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after", flush=True)

        # 4. Memory over a longer load, in segments of at most 5 minutes, each with its own latencies.
        samples = [(0, rss_kb(server.pid))]
        segments = []
        soak_start = time.time()
        while time.time() - soak_start < options.soak - 1:
            seconds = int(min(300, options.soak - (time.time() - soak_start)))
            segment = subprocess.Popen(["wrk", "-t2", f"-c{options.connections}", f"-d{seconds}s", "--timeout", "10s", "-s", os.path.join(work, "mix.lua"),
                                        base, "--", os.path.join(work, "paths.txt")], stdout=subprocess.PIPE, text=True)
            while segment.poll() is None:
                time.sleep(10)
                samples.append((round(time.time() - soak_start), rss_kb(server.pid)))
            result = json.loads(segment.stdout.read().split("JSON ", 1)[1].splitlines()[0])
            result.update({"ended_at_s": round(time.time() - soak_start), "load_average": os.getloadavg()})
            segments.append(result)
            print(f"  soak segment to {result['ended_at_s']} s: {result['requests']} requests, p95 {result['p95_us'] / 1000:.1f} ms, "
                  f"errors {result['errors_status'] + result['errors_socket']}, load {result['load_average'][0]:.1f}, "
                  f"resident {samples[-1][1] / 1024:.0f} MB", flush=True)
        soak_result = {"requests": sum(s["requests"] for s in segments),
                       "errors": sum(s["errors_status"] + s["errors_socket"] for s in segments),
                       "p95_us": max((s["p95_us"] for s in segments), default=0)}
        stop.set()
        keeper.join()
        running = sum(client.get(f"/api/runs/{run}")["state"] == "running" for run in started_runs)

        result = {
            "plans_in_store": count, "plans_made": made, "plans_copied": copied, "fill_seconds": round(fill_seconds, 1), "connections": options.connections, "paths": len(paths),
            "load_average_before": load_before, "measured": measured, "per_path": per_path, "soak_seconds": options.soak, "soak": soak_result, "soak_segments": segments, "rss_kb": samples,
            "plans_started_during_load": len(started_runs), "plans_running_at_end": running, "cores": os.cpu_count(), "load_average": os.getloadavg(),
        }
        os.makedirs(os.path.dirname(options.out), exist_ok=True)
        with open(options.out, "w") as file:
            json.dump(result, file, indent=2)
        first, last = samples[1][1] if len(samples) > 1 else samples[0][1], samples[-1][1]
        print(f"plans in the store: {count} ({made} made, {copied} copied; filled in {fill_seconds:.0f} s); "
              f"two plans kept running: {len(started_runs)} started, {running} running at the end")
        print(f"{options.connections} clients, {options.duration} s: {measured['requests']} requests, "
              f"p50 {measured['p50_us'] / 1000:.1f} ms, p95 {measured['p95_us'] / 1000:.1f} ms, p99 {measured['p99_us'] / 1000:.1f} ms, "
              f"errors {measured['errors_status'] + measured['errors_socket']}")
        print("slowest paths under the load (one more client asking each in turn; alone: median of 5 before the load):")
        for path, figures in sorted(per_path.items(), key=lambda item: -item[1]["p95_ms"])[:12]:
            print(f"  {path}: alone {figures['alone_ms']:.1f} ms; under load p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms ({figures['requests']} requests)")
        print(f"soak {options.soak} s: {soak_result['requests']} requests, {soak_result['errors']} errors, worst segment's p95 {soak_result['p95_us'] / 1000:.1f} ms; "
              f"resident memory {first / 1024:.0f} MB after 10 s, {last / 1024:.0f} MB at the end, most {max(s[1] for s in samples) / 1024:.0f} MB")
        print(f"wrote {options.out}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())
