"""Make tests/verify/data/recorded_pairs.jsonl: TUNING pairs that carry a recording.

    .venv/bin/python tests/verify/capture_recorded_pairs.py [--part tuning|former-holdouts]
        [--only ID,ID] [--out PATH]

A recorded plan's expectation is learned from two runs of a case
(``--testronaut-record-runs 2``, the default), then a later run is checked against it.
``benchmarks/verify_accuracy.py --recorded`` measures that path; it needs pairs with a
second original run, ``expected2``. This script re-runs the cases behind the tuning set
(``CASES`` and ``REAL_CHANGES`` of ``tests/verify/capture_*.py``, run on this machine as
those scripts run them) and behind the former hold-out sets 1 to 4, which are tuning
data now (``benchmarks/pairs/holdout{,2,3,4}_cases.py``, run through ``capture.py``'s
runner: the base image's sandbox, or the host). Never the fifth, sixth or seventh
hold-out sets, and no case whose tool under test a fault hold-out list of
``benchmarks/faults/split.json`` names (see :func:`held_out_tool`).

As recording does it, each case runs twice back to back (``expected``, ``expected2``;
``clock`` is when the second ended and ``took`` how long both took: recording's own
clock, which :mod:`pytest_testronaut.verify.clock_holes` uses). Then, in another minute,
the later run: the unchanged case once more (``equivalent``, kind ``rerun``), a targeted
edit of that run (``different``, kind ``edit``: the tuning scripts' mutations) and each
real change (``different``, kind ``real-change``: another command, input, wrapper or
zone). Every output is stdout then stderr of one run, as in the other pair files.

Records are merged into the output by id (a part re-captured replaces its records); the
ids of the former hold-out sets' cases are written under the set's name
(``holdout2:vmstat/rerun``), since two sets may have cases of one name. A
real change that printed what the unchanged case printed, and a mutation that no longer
applies, are left out and named. Not collected by pytest (no ``test_`` prefix).
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PAIRS_DIR = ROOT / "benchmarks" / "pairs"
DATA = HERE / "data" / "recorded_pairs.jsonl"
SPLIT = ROOT / "benchmarks" / "faults" / "split.json"
TUNING_MODULES = ("capture_pairs", "capture_more_pairs", "capture_gap_pairs",
                  "capture_round2_pairs", "capture_round3_pairs", "capture_round4_pairs",
                  "capture_round5_pairs", "capture_round5_tables", "capture_round5_devtools")
FORMER_HOLDOUTS = ("holdout_cases", "holdout2_cases", "holdout3_cases", "holdout4_cases")

# What a shell or Python prints when the machine lacks what a case runs.
MISSING_TOOL = (": command not found", "No module named ", "Can't locate ")

Run = Callable[[str, str, dict[str, str]], str]  # (setup, command, env) -> output


@dataclass
class Job:
    """One case to record and re-run: how to run it, and what to make of the later run."""

    id: str
    category: str
    tool: str
    command: str
    setup: str
    unordered: bool
    fmt: str
    run: Run
    mutations: list[tuple[str, Callable[[str], str]]]
    changes: list[tuple[str, str, str, dict[str, str]]]  # name, setup, command, env
    real_only: bool = False  # a tuning REAL_CHANGES entry: no rerun pair of its own


def held_out_tools() -> set[str]:
    """Every tool name a hold-out list of the fault benchmark's split names."""
    split = json.loads(SPLIT.read_text(encoding="utf-8"))
    return {tool for name, tools in split.items() if name != "tuning" for tool in tools}


_PROGRAM = re.compile(r"\s*(?:[A-Za-z_]\w*=\S*\s+)*(?:env\s+)?([A-Za-z][\w.+-]*)")


def held_out_tool(ident: str, tool: str, command: str, held: set[str]) -> str | None:
    """The hold-out tool this case tests, if any: its declared tool, the tool its id
    starts with (``date-iso/...``), or the program of a command line that runs one
    program (no pipe or list: a program that only feeds another is not under test)."""
    candidates = [tool, re.split(r"[-/]", ident)[0]]
    if not re.search(r"[|;&\n]", command):
        first = _PROGRAM.match(command)
        candidates.append(first.group(1) if first else "")
    return next((name for name in candidates if name and name in held), None)


# --- the two kinds of source ---------------------------------------------------------------
def tuning_jobs() -> list[Job]:
    sys.path.insert(0, str(HERE))
    from capture_pairs import run as host_run

    def run(setup: str, command: str, env: dict[str, str]) -> str:
        return host_run(command, setup)

    jobs: list[Job] = []
    for name in TUNING_MODULES:
        module = importlib.import_module(name)
        for case in module.CASES:
            if getattr(case, "docker", False) and shutil.which("docker") is None:
                continue
            jobs.append(Job(case.id, case.category, "", case.command, case.setup,
                            case.unordered, case.fmt, run, list(case.mutations), []))
        for entry in module.REAL_CHANGES:
            ident, category, setup, cmd_a, cmd_b = entry[:5]
            opts: dict[str, Any] = entry[5] if len(entry) > 5 else {}
            jobs.append(Job(ident, category, "", cmd_a, setup, bool(opts.get("unordered")),
                            "auto", run, [], [("real", setup, cmd_b, {})], real_only=True))
    return jobs


def former_holdout_jobs(sandbox: Any, host_scratch: str) -> list[Job]:
    sys.path.insert(0, str(PAIRS_DIR))
    from capture import Runner  # type: ignore[import-not-found]  # benchmarks/pairs

    runner = Runner(sandbox, host_scratch)
    jobs: list[Job] = []
    for name in FORMER_HOLDOUTS:
        module = importlib.import_module(name)
        for case in module.CASES:
            def run(setup: str, command: str, env: dict[str, str], case: Any = case) -> str:
                return str(runner(case, setup, command, env))

            changes = [(c.name, c.setup_for(case), c.command_for(case), dict(c.env))
                       for c in case.changes]
            # ids of the set's own file, under its name (two sets have a ``vmstat``)
            ident = f"{name.removesuffix('_cases')}:{case.id}"
            jobs.append(Job(ident, case.category, case.tool, case.command, case.setup,
                            case.unordered, case.fmt, run, [], changes))
    return jobs


# --- capturing -----------------------------------------------------------------------------
def _next_minute() -> None:
    minute = int(time.time() // 60)
    while int(time.time() // 60) == minute:
        time.sleep(0.5)
    time.sleep(1.5)


def capture(jobs: list[Job]) -> tuple[list[dict[str, Any]], list[str]]:
    """The recording (two runs back to back) of every job, then in another minute the
    later runs; the records and what was left out."""
    recorded: dict[str, tuple[str, str, float, float]] = {}
    for job in jobs:
        started = time.time()
        first = job.run(job.setup, job.command, {})
        second = job.run(job.setup, job.command, {})
        ended = time.time()
        recorded[job.id] = (first, second, ended, ended - started)
    _next_minute()
    records: list[dict[str, Any]] = []
    left_out: list[str] = []
    for job in jobs:
        first, second, clock, took = recorded[job.id]
        missing = next((sign for sign in MISSING_TOOL if sign in first + second), None)
        if missing is not None:
            left_out.append(f"{job.id}: a tool or module is missing ({missing.strip()})")
            continue
        base = {"category": job.category, "tool": job.tool, "command": job.command,
                "setup": job.setup, "unordered": job.unordered, "fmt": job.fmt,
                "expected": first, "expected2": second, "clock": round(clock, 3),
                "took": round(took, 3)}
        if not job.real_only:
            later = job.run(job.setup, job.command, {})
            records.append({"id": f"{job.id}/rerun", "label": "equivalent", "kind": "rerun",
                            **base, "actual": later})
            for name, mutate in job.mutations:
                try:
                    edited = mutate(later)
                except ValueError as exc:
                    left_out.append(f"{job.id}/{name}: {exc}"[:200])
                    continue
                records.append({"id": f"{job.id}/{name}", "label": "different",
                                "kind": "edit", **base, "actual": edited})
        for name, setup, command, env in job.changes:
            changed = job.run(setup, command, env)
            if changed in (first, second):
                left_out.append(f"{job.id}/{name}: the change printed what the case printed")
                continue
            row = {"id": f"{job.id}/{name}", "label": "different", "kind": "real-change",
                   **base, "actual": changed, "command_b": command, "setup_b": setup}
            if env:
                row["env_b"] = env
            records.append(row)
    return records, left_out


def merge(records: Iterable[dict[str, Any]], target: Path) -> tuple[int, int]:
    """Write ``records`` into ``target``, replacing records of the same id."""
    new = list(records)
    ids = {r["id"] for r in new}
    old = []
    if target.exists():
        old = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()
               if line]
    kept = [r for r in old if r["id"] not in ids]
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as out:
        for row in kept + new:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(kept), len(new)


def main(argv: list[str]) -> int:
    part = argv[argv.index("--part") + 1] if "--part" in argv else "tuning"
    if part not in ("tuning", "former-holdouts"):
        print(__doc__, file=sys.stderr)
        return 2
    target = Path(argv[argv.index("--out") + 1]) if "--out" in argv else DATA
    only = set(argv[argv.index("--only") + 1].split(",")) if "--only" in argv else None
    held = held_out_tools()
    scratch = tempfile.mkdtemp(prefix="recorded-pairs-")
    try:
        if part == "tuning":
            records, left_out = _capture_selected(tuning_jobs(), only, held)
        else:
            from pytest_testronaut.sandbox import SandboxConfig, standalone_sandbox

            with standalone_sandbox(SandboxConfig(timeout=120, pids=512)) as sandbox:
                jobs = former_holdout_jobs(sandbox, os.path.join(scratch, "scratch"))
                records, left_out = _capture_selected(jobs, only, held)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    kept, added = merge(records, target)
    for line in left_out:
        print(f"left out: {line}", file=sys.stderr)
    labels = [r["label"] for r in records]
    print(f"{target}: {kept} kept, {added} added ({labels.count('equivalent')} equivalent, "
          f"{labels.count('different')} different)")
    return 0


def _capture_selected(jobs: list[Job], only: set[str] | None,
                      held: set[str]) -> tuple[list[dict[str, Any]], list[str]]:
    chosen, skipped = [], []
    for job in jobs:
        if only is not None and job.id not in only:
            continue
        tool = held_out_tool(job.id, job.tool, job.command, held)
        if tool is not None:
            skipped.append(f"{job.id}: tests {tool}, a tool of the fault hold-out lists")
            continue
        chosen.append(job)
    records, left_out = capture(chosen)
    return records, skipped + left_out


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
