"""Generation with the candidates of an exec in one lane against several lanes, in one run.

    python benchmarks/generation_speed.py                       # black, yapf, markdown2, sort
    python benchmarks/generation_speed.py --tools flake8,uniq --lanes 1,2,3 --rounds 2
    python benchmarks/generation_speed.py --cpus 1.0            # the sandbox's default limit

For each tool (tuning tools of ``benchmarks/faults/split.json``: their PyPI package
from the fault catalogue, else the base image's command), one sandbox with the tool
installed and the CPU limit ``--cpus``; the tool is analyzed once, then its plan is
generated (default scope, no LLM, seed 0) in turns with each lane count of
``--lanes`` (:data:`pytest_testronaut.generation.probe.LANES`), the order reversed
every other round, the host's caches emptied before each, so a machine whose load
changes during the run skews none of them more than the others. Prints, per tool, the
median generation seconds of each lane count, the ratio of one lane's to each other's,
the runs and cases, and whether every lane count wrote the same plan byte for byte (it
must), and each lane count's search summary: when the search's time limit (a safety net,
see ``generation/probe.py``) cut one of them, they searched different numbers of runs
and their plans may differ; ``--no-time-limit`` takes the net away, so only the run
budget bounds the search and the plans must be the same. Then the medians over the
tools. Needs the Docker engine and the base image.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "faults"))
from catalog import pip_requirement, split  # type: ignore[import-not-found]  # noqa: E402

from pytest_testronaut.analysis.discover import discover  # noqa: E402
from pytest_testronaut.generation import author_plan, cases, probe  # noqa: E402
from pytest_testronaut.plans.dump import save_plan  # noqa: E402
from pytest_testronaut.sandbox import SandboxConfig, standalone_sandbox  # noqa: E402


def clear_caches() -> None:
    """Empty every ``functools`` cache of the package, so no generation finds answers
    a generation before it left on the host."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("pytest_testronaut"):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


class GuardedCount:
    """Counts the execs that outlasted their time allowance and ran again with every
    candidate under ``timeout`` (``Prober._batch(..., guarded=True)``): on a machine
    too slow for the allowance, answers then depend on speed, and plans may differ."""

    def __init__(self) -> None:
        self.count = 0
        self.original = probe.Prober._batch

    def __enter__(self) -> GuardedCount:
        original = self.original

        def batch(prober: probe.Prober, chunk: Any, guarded: bool = False) -> Any:
            self.count += guarded
            return original(prober, chunk, guarded)

        probe.Prober._batch = batch  # type: ignore[method-assign,assignment]
        return self

    def __exit__(self, *_: object) -> None:
        probe.Prober._batch = self.original  # type: ignore[method-assign]


def bench_tool(tool: str, lane_counts: list[int], rounds: int, cpus: float,
               folder: Path) -> dict[str, object]:
    requirement = pip_requirement(tool)
    config = SandboxConfig(install=(f"pip:{requirement}",) if requirement else (), cpus=cpus)
    seconds: dict[int, list[float]] = {n: [] for n in lane_counts}
    plans: dict[int, set[bytes]] = {n: set() for n in lane_counts}
    said: dict[int, str] = {}
    reruns: dict[int, int] = {}
    cases = 0
    with standalone_sandbox(config) as sandbox:
        start = time.monotonic()
        spec = discover(sandbox.run, tool)
        analysis = time.monotonic() - start
        for number in range(rounds):
            for lanes in lane_counts if number % 2 == 0 else lane_counts[::-1]:
                probe.LANES = lanes
                clear_caches()
                lines: list[str] = []
                start = time.monotonic()
                with GuardedCount() as guarded:
                    plan = author_plan(spec, run=sandbox.run, say=lines.append).plan
                seconds[lanes].append(time.monotonic() - start)
                reruns[lanes] = reruns.get(lanes, 0) + guarded.count
                path = folder / f"{tool}-{lanes}-{number}.testronaut.yaml"
                save_plan(plan, path)
                plans[lanes].add(path.read_bytes())
                said[lanes] = next((line for line in lines
                                    if line.startswith("evidence search:")), "") + \
                    f" (execs out of time, run again guarded: {reruns[lanes]})"
                cases = len(plan.cases)
    return {"tool": tool, "analysis": analysis, "cases": cases,
            "median": {n: statistics.median(s) for n, s in seconds.items()},
            "same": len(set().union(*plans.values())) == 1, "said": said}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tools", default="black,yapf,markdown2,sort",
                        help="comma-separated tuning tools")
    parser.add_argument("--lanes", default=f"1,{probe.LANES}",
                        help="comma-separated lane counts, the first is the reference")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--cpus", type=float, default=probe.GENERATION_CPUS,
                        help="the sandbox's CPU limit (default: generation's)")
    parser.add_argument("--keep", type=Path, help="write the plans to this folder")
    parser.add_argument("--no-time-limit", action="store_true",
                        help="no time limit on the search: only its runs bound it")
    args = parser.parse_args()
    if args.no_time_limit:
        for scope, (runs, _) in list(cases.SEARCH_BOUNDS.items()):
            cases.SEARCH_BOUNDS[scope] = (runs, 1e9)
    tuning = split()["tuning"]
    tools = args.tools.split(",")
    unknown = [t for t in tools if t not in tuning]
    if unknown:
        parser.error(f"not tuning tools of split.json: {', '.join(unknown)}")
    lane_counts = list(dict.fromkeys(int(n) for n in args.lanes.split(",")))
    first = lane_counts[0]
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"cpus {args.cpus:g}, lanes {', '.join(map(str, lane_counts))}, rounds "
          f"{args.rounds}{', no time limit' if args.no_time_limit else ''}, "
          f"load average {load}", flush=True)
    ratios: dict[int, list[float]] = {n: [] for n in lane_counts[1:]}
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for tool in tools:
            result = bench_tool(tool, lane_counts, args.rounds, args.cpus, folder)
            median: dict[int, float] = result["median"]  # type: ignore[assignment]
            parts = [f"{n} lane{'s' if n > 1 else ''} {median[n]:6.1f}s" for n in lane_counts]
            for n in lane_counts[1:]:
                ratios[n].append(median[first] / median[n])
                parts.append(f"ratio {first}/{n} {median[first] / median[n]:.2f}")
            print(f"{tool:10} analysis {result['analysis']:5.1f}s  cases {result['cases']:3}  "
                  + "  ".join(parts) + f"  same plan: {'yes' if result['same'] else 'NO'}",
                  flush=True)
            said: dict[int, str] = result["said"]  # type: ignore[assignment]
            for n in lane_counts:
                print(f"{'':10} {n} lane{'s' if n > 1 else ''}: {said[n]}", flush=True)
    for n, values in ratios.items():
        print(f"median ratio {first} lane to {n}: {statistics.median(values):.2f} over "
              f"{len(values)} tools; load average now "
              f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
