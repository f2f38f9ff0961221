"""How often an unchanged run would raise a false regression, per measure.

    python benchmarks/baseline_noise.py [--runs 10] [--rounds 3] [--check median:20% ...]

Runs the same steps (container commands of different kinds: CPU-bound Python, a
sort pipeline, a tiny command) ``--runs + 1`` times in one sandbox, each step
``--rounds`` times per run as ``--testronaut-baseline-rounds`` does. The first run is
the baseline; every later run is compared with it through the comparison the plugin
uses (``pytest_testronaut.baselines.compare``), once with the check alone and once
with the default minimum absolute differences. Prints, for cpu, memory and wall, how
many of the comparisons called a regression although nothing changed, and which
steps they were.
"""

from __future__ import annotations

import argparse

from pytest_testronaut.baselines import MEASURES, build_document, compare, parse_checks
from pytest_testronaut.baselines.compare import DEFAULT_MIN_DIFF
from pytest_testronaut.baselines.measure import rounds_from_results
from pytest_testronaut.sandbox import SandboxConfig, SandboxManager

STEPS = {
    "cpu_loop": "python3 -c 'x=0\nfor i in range(3000000): x+=i'",
    "sort_pipeline": "seq 200000 | sort -rn | uniq | wc -l",
    "tiny": "true",
    "python_start": "python3 -c 'import json, re, argparse'",
}


def one_run(sandbox: object, rounds: int) -> dict[str, object]:
    entries = []
    for name, command in STEPS.items():
        measured = [rounds_from_results([sandbox.run(command)])  # type: ignore[attr-defined]
                    for _ in range(rounds)]
        for measure in MEASURES:
            values = [r.get(measure) for r in measured]
            if None not in values:
                entries.append({"fullname": name, "name": name, "measure": measure,
                                "data": values})
    return build_document(entries, rounds=rounds, machine={}, commit={})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--check", nargs="+", default=["median:20%", "min:20%"])
    parser.add_argument("--image", default="testronaut-base:bookworm")
    args = parser.parse_args()

    manager = SandboxManager()
    try:
        sandbox = manager.sandbox(SandboxConfig(image=args.image), "noise")
        sandbox.run("true")  # warm-up
        baseline = one_run(sandbox, args.rounds)
        runs = [one_run(sandbox, args.rounds) for _ in range(args.runs)]
    finally:
        manager.close()

    for check in args.check:
        report(check, baseline, runs, args)


def report(check: str, baseline: dict[str, object], runs: list[dict[str, object]],
           args: argparse.Namespace) -> None:
    checks = parse_checks([check])
    print(f"\n{args.runs} unchanged runs against a baseline, {len(STEPS)} steps, "
          f"{args.rounds} rounds each, check {check}")
    print(f"{'measure':8} {'false regressions (check only)':>32} "
          f"{'with minimum difference':>26}   min diff   steps")
    for measure in MEASURES:
        counts = []
        steps: dict[str, int] = {}
        for min_diff in ({m: 0.0 for m in MEASURES}, DEFAULT_MIN_DIFF):
            false = total = 0
            for run in runs:
                outcome = compare(run["benchmarks"], baseline["benchmarks"],  # type: ignore[arg-type]
                                  measures=[measure], checks=checks, min_diff=min_diff)
                total += len(outcome.comparisons)
                false += len(outcome.regressions)
                if min_diff is DEFAULT_MIN_DIFF:
                    for c in outcome.regressions:
                        steps[c.fullname] = steps.get(c.fullname, 0) + 1
            counts.append(f"{false}/{total} ({100 * false / total:.0f}%)" if total else "n/a")
        shown = DEFAULT_MIN_DIFF[measure]
        unit = f"{shown / 1024 / 1024:g} MiB" if measure == "memory" else f"{shown:g} s"
        which = ", ".join(f"{k} {v}x" for k, v in sorted(steps.items())) or "-"
        print(f"{measure:8} {counts[0]:>32} {counts[1]:>26}   {unit:8}   {which}")


if __name__ == "__main__":
    main()
