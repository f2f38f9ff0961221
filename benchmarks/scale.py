"""How plans scale: collection time and memory per case, and run time from 10 to 1,000
cases, serial and with ``-n 2``.

    python benchmarks/scale.py [--max-cases 1000] [--no-run] [--steps 100] [--examples]
                               [--only-steps] [--without-langsmith-plugin]

(a) collects a 1,000-case plan and 1,000 parametrized Python tests (``pytest
--collect-only -q``, each in a fresh process, best of three), and prints the ratio of
the two: the whole process's wall time, and the time from pytest's
``pytest_collection`` to ``pytest_collection_finish`` (pytest's own "collected in"
also counts the session's end, where testronaut writes its results store). The
memory per case is the growth of the collecting process's peak RSS from a 10-case
plan to the 1,000-case one, divided by the 990 extra cases.
(b) runs plans of cheap cases (``true``) at 10, 100, 1,000 cases, serial and with
``-n 2``, and prints a table with the speed-up of ``-n 2``. Needs Docker and the
testronaut base image; ``--max-cases`` caps the sizes (100 keeps it under a minute).
(c) runs suites of ``--steps`` half-second steps (``sleep 0.5``) and of a quarter as
many, serial and with ``-n 2``, laid out two ways: one plan whose cases each get a
sandbox (``isolation: test``, so xdist may spread them) and eight plans whose cases
share their plan's sandbox (each plan stays on one worker); it prints the speed-up of
each whole run and of the difference between them, which leaves out the fixed
start-up (target: at least 1.6x for the whole run on a 2-core machine).
(d) with ``--examples``, the same for the example suite (``pytest --testronaut
examples``, its image build cached by a first run).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable

# Reports the time pytest spent collecting (from its pytest_collection hook to the end
# of collection, imports made on the way included) and the process's peak RSS (KiB).
RSS_PLUGIN = """
import resource
import time

import pytest

STARTED = []


@pytest.hookimpl(tryfirst=True)
def pytest_collection(session):
    STARTED.append(time.perf_counter())


def pytest_collection_finish(session):
    print(f"collection-seconds={time.perf_counter() - STARTED[0]:.4f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak-rss-kib={peak}")
"""


def write_plan(folder: Path, cases: int, command: str = "true") -> Path:
    lines = ["version: 1", "tool: scale", "cases:"]
    for index in range(cases):
        lines += [f"  - id: case-{index}", f"    command: [{command!r}]", "    exit: 0",
                  "    tags: [smoke]"]
    path = folder / f"scale{cases}.testronaut.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_python(folder: Path, tests: int) -> Path:
    path = folder / "test_parametrized.py"
    path.write_text("import pytest\n\n\n"
                    f"@pytest.mark.parametrize('n', range({tests}))\n"
                    "def test_case(n):\n    assert n >= 0\n", encoding="utf-8")
    return path


EXTRA_ARGS: list[str] = []


def pytest_run(folder: Path, *args: str, timeout: float = 1800) -> tuple[float, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TESTRONAUT") and k != "PYTEST_ADDOPTS"}
    if EXTRA_ARGS:
        env["PYTEST_ADDOPTS"] = " ".join(EXTRA_ARGS)
    env["PYTHONPATH"] = str(folder)
    started = time.perf_counter()
    done = subprocess.run([PYTHON, "-m", "pytest", "-p", "no:cacheprovider", *args],
                          cwd=folder, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 5) and "--collect-only" in args:
        raise SystemExit(f"pytest {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed, done.stdout + done.stderr


def collected_in(output: str) -> float:
    match = re.search(r"collection-seconds=([0-9.]+)", output)
    return float(match.group(1)) if match else float("nan")


def collection(folder: Path, cases: int) -> None:
    (folder / "rss_plugin.py").write_text(RSS_PLUGIN, encoding="utf-8")
    plan = write_plan(folder, cases)
    small = write_plan(folder, 10)
    python = write_python(folder, cases)
    rounds: dict[str, list[tuple[float, float]]] = {"plan": [], "python": []}
    rss: dict[str, float] = {}
    for _ in range(3):
        for name, target, extra in (("plan", plan, ["--testronaut"]),
                                    ("python", python, [])):
            wall, out = pytest_run(folder, "--collect-only", "-q", "-p", "rss_plugin",
                                   *extra, target.name)
            if f"{cases} tests collected" not in out:
                raise SystemExit(f"expected {cases} tests from {target.name}:\n{out}")
            rounds[name].append((wall, collected_in(out)))
        _, out = pytest_run(folder, "--collect-only", "-q", "-p", "rss_plugin",
                            "--testronaut", plan.name)
        rss["big"] = min(rss.get("big", 1 << 60), _peak(out))
        _, out = pytest_run(folder, "--collect-only", "-q", "-p", "rss_plugin",
                            "--testronaut", small.name)
        rss["small"] = min(rss.get("small", 1 << 60), _peak(out))
        rss["small_in"] = min(rss.get("small_in", 1 << 60), collected_in(out))
    plan_wall, plan_in = min(rounds["plan"])[0], min(r[1] for r in rounds["plan"])
    py_wall, py_in = min(rounds["python"])[0], min(r[1] for r in rounds["python"])
    print(f"(a) collection of {cases} cases, best of 3 (target: ratio <= 2.0)")
    print(f"    whole process:  plan {plan_wall:.2f}s, parametrized {py_wall:.2f}s, "
          f"ratio {plan_wall / py_wall:.2f}")
    print(f"    collecting:     plan {plan_in:.2f}s, parametrized {py_in:.2f}s, "
          f"ratio {plan_in / py_in:.2f}")
    per_extra = (plan_in - rss["small_in"]) / (cases - 10) * 1000
    print(f"    per case past the first 10 (the rest is one-time setup): {per_extra:.2f} ms a "
          f"case, against {py_in / cases * 1000:.2f} ms a parametrized test")
    per_case = (rss["big"] - rss["small"]) * 1024 / (cases - 10)
    print(f"    memory: peak RSS {rss['small'] / 1024:.0f} MiB at 10 cases, "
          f"{rss['big'] / 1024:.0f} MiB at {cases}: {per_case / 1024:.1f} KiB per case")


def _peak(output: str) -> float:
    match = re.search(r"peak-rss-kib=(\d+)", output)
    if match is None:
        raise SystemExit(f"no peak RSS in the output:\n{output}")
    return float(match.group(1))


def runs(folder: Path, sizes: list[int]) -> None:
    print("\n(b) run time of a plan of `true` cases (wall time of the whole pytest run)")
    print(f"    {'cases':>6} {'serial':>9} {'-n 2':>9} {'speed-up':>9} {'serial/case':>12}")
    table: list[tuple[int, float, float]] = []
    for cases in sizes:
        plan = write_plan(folder, cases)
        times = []
        for extra in ([], ["-n", "2"]):
            wall, out = pytest_run(folder, "--testronaut", "-q", *extra, plan.name)
            if not re.search(rf"\b{cases} passed", out):
                raise SystemExit(f"the {cases}-case run did not pass:\n{out[-3000:]}")
            times.append(wall)
        serial, parallel = times
        table.append((cases, serial, parallel))
        print(f"    {cases:>6} {serial:>8.2f}s {parallel:>8.2f}s {serial / parallel:>8.2f}x "
              f"{serial / cases * 1000:>10.1f}ms", flush=True)
    if len(table) >= 2:
        (small, s_serial, s_parallel), (big, b_serial, b_parallel) = table[-2], table[-1]
        serial_each = (b_serial - s_serial) / (big - small) * 1000
        parallel_each = (b_parallel - s_parallel) / (big - small) * 1000
        print(f"    each case from {small} to {big} (without the start-up of pytest, the "
              f"workers and their sandboxes): serial {serial_each:.1f} ms, -n 2 "
              f"{parallel_each:.1f} ms, speed-up {serial_each / parallel_each:.2f}x")


def speed_up(label: str, folder: Path, args: list[str], expect: str) -> tuple[float, float]:
    """Wall times serial and with ``-n 2`` (printed with their ratio)."""
    times = []
    for extra in ([], ["-n", "2"]):
        wall, out = pytest_run(folder, *args, *extra)
        if not re.search(expect, out) or re.search(r"\b\d+ (failed|errors?)\b", out):
            raise SystemExit(f"{label} {' '.join(extra)} did not pass:\n{out[-3000:]}")
        times.append(wall)
    serial, parallel = times
    print(f"    {label}: serial {serial:6.2f}s, -n 2 {parallel:6.2f}s, "
          f"speed-up {serial / parallel:.2f}x (target >= 1.6x)", flush=True)
    return serial, parallel


def write_steps(folder: Path, name: str, count: int, *, isolation: str | None = None) -> Path:
    """A plan of ``count`` half-second cases."""
    lines = ["version: 1", "tool: sleep"]
    if isolation:
        lines += ["settings:", f"  isolation: {isolation}"]
    lines += ["cases:"]
    for index in range(count):
        lines += [f"  - id: step-{index}", "    command: [sleep, '0.5']", "    exit: 0"]
    plan = folder / f"{name}.testronaut.yaml"
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return plan


# The suites of (c): how their steps are laid out in plan files.
LAYOUTS = {
    "one plan, isolation: test": "cases with a sandbox each (from the warm pool): "
                                 "independent, so they go out in groups",
    "8 plans, shared sandbox": "each plan's cases share one sandbox and stay on one "
                               "worker; the plans spread by file",
}


def write_suite(folder: Path, layout: str, steps: int) -> list[str]:
    """The plan files of ``layout`` with ``steps`` half-second cases in all."""
    for old in folder.glob("slow*.testronaut.yaml"):
        old.unlink()
    if layout.startswith("one plan"):
        return [write_steps(folder, "slow", steps, isolation="test").name]
    files = 8
    return [write_steps(folder, f"slow{index}", steps // files + (index < steps % files)).name
            for index in range(files)]


def half_second_steps(folder: Path, steps: int) -> list[float]:
    """For each layout, at ``steps`` and at a quarter of it: the whole runs' ratios, and
    the ratio of the difference, which leaves out what does not grow with the suite
    (starting pytest and the xdist workers, which import every installed pytest
    plugin). Returns the whole runs' ratios at ``steps``."""
    print("\n(c) half-second steps (`sleep 0.5`), wall time of the whole pytest run")
    whole = []
    for layout, what in LAYOUTS.items():
        print(f"  {layout} ({what}):")
        measured = []
        for count in (max(8, steps // 4), steps):
            names = write_suite(folder, layout, count)
            measured.append((count, *speed_up(f"{count:>3} steps", folder,
                                              ["--testronaut", "-q", *names],
                                              rf"\b{count} passed")))
        (small, s_serial, s_parallel), (big, b_serial, b_parallel) = measured
        whole.append(b_serial / b_parallel)
        print(f"    each step from {small} to {big} (without the fixed start-up: serial "
              f"{b_serial - s_serial:.1f}s, -n 2 {b_parallel - s_parallel:.1f}s for "
              f"{big - small} steps): speed-up "
              f"{(b_serial - s_serial) / (b_parallel - s_parallel):.2f}x")
        print(f"    fixed start-up and end of a run: serial {s_serial - small * 0.5:.1f}s, "
              f"-n 2 {s_parallel - small * 0.25:.1f}s")
    return whole


def example_suite() -> float:
    root = Path(__file__).resolve().parent.parent
    print("\n(d) the example suite (pytest --testronaut examples)")
    _, out = pytest_run(root, "--testronaut", "-q", "examples")  # builds what it needs
    if not re.search(r"\d+ passed", out) or re.search(r"\d+ (failed|error)", out):
        raise SystemExit(f"the example suite did not pass:\n{out[-3000:]}")
    serial, parallel = speed_up("examples", root, ["--testronaut", "-q", "examples"],
                                r"\d+ passed")
    return serial / parallel


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-cases", type=int, default=1000,
                        help="the largest plan (default 1000; 100 for a quick look)")
    parser.add_argument("--no-run", action="store_true",
                        help="only (a): collection and memory, no Docker needed")
    parser.add_argument("--steps", type=int, default=100,
                        help="half-second steps of (c) (default 100; 0 leaves it out)")
    parser.add_argument("--without-langsmith-plugin", action="store_true",
                        help="run pytest with -p no:langsmith_plugin -p no:anyio (the pytest "
                             "plugins langchain brings; each process imports them, about 1.3 "
                             "s of CPU, which -n 2 pays three times)")
    parser.add_argument("--only-steps", action="store_true",
                        help="only (c) (and (d) with --examples)")
    parser.add_argument("--examples", action="store_true",
                        help="also (d): the example suite serial and with -n 2")
    args = parser.parse_args()
    if args.max_cases < 20:
        parser.error("--max-cases must be at least 20")
    if args.without_langsmith_plugin:
        EXTRA_ARGS.extend(["-p", "no:langsmith_plugin", "-p", "no:anyio"])
        print("pytest runs with -p no:langsmith_plugin -p no:anyio")
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"load average before: {load} on {os.cpu_count()} CPUs (-n 2 cannot speed up "
          "a machine that is already busy)\n")
    ratios: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="testronaut-scale-") as tmp:
        folder = Path(tmp)
        (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        if not args.only_steps:
            collection(folder, args.max_cases)
        if not args.no_run:
            if not args.only_steps:
                sizes = [n for n in (10, 100, 1000) if n <= args.max_cases]
                runs(folder, sizes)
            if args.steps:
                for layout, ratio in zip(LAYOUTS, half_second_steps(folder, args.steps),
                                         strict=True):
                    ratios[f"{args.steps} half-second steps, {layout}"] = ratio
            if args.examples:
                ratios["the example suite"] = example_suite()
            load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
            print(f"\nload average after: {load}")
    if ratios:
        print("\nspeed-up of -n 2 over serial, whole run (target >= 1.6x):")
        for label, ratio in ratios.items():
            print(f"    {label}: {ratio:.2f}x {'met' if ratio >= 1.6 else 'NOT met'}")


if __name__ == "__main__":
    main()
