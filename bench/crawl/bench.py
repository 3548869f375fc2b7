"""Crawl benchmark: SpiderNest vs a Scrapy regex spider vs Crawl4AI's HTTP deep crawl.

    .venv/bin/python bench/crawl/bench.py [--sites 200] [--pages 10] [--repeat 3]
        [--tools-python PATH]

Serves a generated web (``web.py``) in its own process, then runs each crawler in its own
process one after the other and reads that process's own resource usage (``os.wait4``): CPU
seconds (user + system) and peak RSS. Scrapy and Crawl4AI run from ``--tools-python`` (a
separate virtualenv, so that their pins never touch SpiderNest's environment). Every tool runs
once on three sites first (bytecode compiled, see ``_bytecode_env``), then ``--repeat`` rounds
of all tools in turn; the fastest round of each is reported, with its median.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _bytecode_env() -> dict[str, str]:
    """Every tool with a warm bytecode cache, as after its first start anywhere.

    pip compiles the peers' modules at install time; uv does not, and with
    ``PYTHONDONTWRITEBYTECODE`` set (as on CI) SpiderNest would recompile some 600 modules at
    every start. One private cache for all, warmed by a short run of each tool, puts them on
    equal terms without writing into either environment.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.mkdtemp()) / "pycache")
    return env


def _run(
    name: str, command: list[str], env: dict[str, str] | None = None
) -> dict[str, float] | None:
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
        out.seek(0)
        output = out.read().decode(errors="replace")
    if status != 0:
        print(f"{name}: failed (exit {status})\n{stderr[-2000:]}")
        return None
    report = json.loads(output.strip().splitlines()[-1])
    report.update(
        wall=wall,
        # Compendium workers are the forkserver's children: run_spidernest reports their CPU.
        cpu=usage.ru_utime + usage.ru_stime + report.get("worker_cpu", 0.0),
        # Upper bound of the peak of the process and its workers together.
        peak_mb=usage.ru_maxrss / 1024 + report.get("worker_peak_mb", 0.0),
    )
    return report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--tools-python", default="/tmp/benchvenv/bin/python")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the fastest counts")
    args = parser.parse_args()
    ready = Path(tempfile.mkdtemp()) / "urls.json"
    server = subprocess.Popen(
        [sys.executable, str(HERE / "web.py"), "--sites", str(args.sites), "--pages",
         str(args.pages), "--ready", str(ready)]
    )  # fmt: skip
    try:
        for _ in range(300):
            if ready.exists() and ready.stat().st_size:
                break
            time.sleep(0.1)
        tools = {
            "spidernest (contacts)": [sys.executable, str(HERE / "run_spidernest.py"), str(ready)],
            "spidernest (+compendium fit)": [
                sys.executable, str(HERE / "run_spidernest.py"), str(ready), "--mode", "compendium",
            ],
            "scrapy (regex)": [args.tools_python, str(HERE / "run_scrapy.py"), str(ready)],
            "crawl4ai (http deep crawl)": [args.tools_python, str(HERE / "run_crawl4ai.py"), str(ready)],
        }  # fmt: skip
        env = _bytecode_env()
        warm = Path(ready.parent) / "warm.json"
        warm.write_text(json.dumps(json.loads(ready.read_text())[:3]))
        for command in tools.values():  # imports compiled once, not inside the timed runs
            _run("warm-up", [*command[:2], str(warm), *command[3:]], env)
        # Rounds interleave the tools, so a busy spell of a shared machine hits all of them;
        # each tool's fastest round is reported (as timeit does), with the median beside it.
        rounds: dict[str, list[dict[str, float]]] = {name: [] for name in tools}
        for _ in range(args.repeat):
            for name, command in tools.items():
                report = _run(name, command, env)
                if report is not None:
                    rounds[name].append(report)
        results = {name: _best(runs) for name, runs in rounds.items()}
    finally:
        server.terminate()
        server.wait()
    _print(results)


def _best(runs: list[dict[str, float]]) -> dict[str, float] | None:
    if not runs:
        return None
    walls = sorted(run["wall"] for run in runs)
    best = dict(min(runs, key=lambda run: run["wall"]))
    best["median_wall"] = walls[len(walls) // 2]
    return best


def _print(results: dict[str, dict[str, float] | None]) -> None:
    print(
        f"{'tool':32} {'pages':>6} {'wall s':>7} {'pages/s':>8} {'CPU ms/page':>12} "
        f"{'peak MB':>8} {'median wall s':>14}"
    )
    rates: dict[str, float] = {}
    for name, r in results.items():
        if r is None:
            print(f"{name:32} {'n/a':>6}")
            continue
        rates[name] = r["pages"] / r["wall"]
        print(
            f"{name:32} {int(r['pages']):>6} {r['wall']:>7.2f} {rates[name]:>8.1f} "
            f"{1000 * r['cpu'] / max(r['pages'], 1):>12.2f} {r['peak_mb']:>8.1f} "
            f"{r['median_wall']:>14.2f}"
        )
    base = "spidernest (contacts)"
    for name, rate in rates.items():
        if name != base and base in rates:
            print(f"ratio pages/s {base} / {name}: {rates[base] / rate:.2f}")
    full = "spidernest (+compendium fit)"
    for name in ("scrapy (regex)", "crawl4ai (http deep crawl)"):
        if full in rates and name in rates:
            print(f"ratio pages/s {full} / {name}: {rates[full] / rates[name]:.2f}")


if __name__ == "__main__":
    main()
