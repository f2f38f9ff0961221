"""Regenerate benchmarks/pairs/holdout.jsonl: the HOLD-OUT corpus of real output pairs.

    .venv/bin/python benchmarks/pairs/capture.py [--out PATH] [--only ID,ID]

Every output in the file is really produced by a tool, never edited afterwards:

* ``equivalent`` pairs: the same command run twice, each time in a fresh scratch
  directory, the second pass more than a second after the first (clocks, pids, random
  ids, temp names, speeds and parallel order really differ).
* ``different`` pairs: the first run against a run of a really changed tool: a wrapper
  on ``PATH`` that bends one behaviour, another flag, a changed input, another zone ...
  (see ``Change`` in holdout_cases.py).

Most tools run in the project's base image through the project's own sandbox
(``pytest_testronaut.sandbox.standalone_sandbox``); the few that exist only on this
machine (column, jq, sqlite3, xxd, hexdump, bc, zstd, curl, perl modules, the rich
library of the project's venv) run on the host, with the venv's bin first on PATH.

Not collected by pytest; the data file is committed. The hold-out set must not be read
while changing pytest_testronaut/verify/ (see README.md next to this file).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from holdout_cases import CASES, Case, Change  # noqa: E402

from pytest_testronaut.sandbox import Sandbox, SandboxConfig, standalone_sandbox  # noqa: E402

DATA = HERE / "holdout.jsonl"
ENV = {"LC_ALL": "C", "TERM": "dumb", "TZ": "UTC", "COLUMNS": "100", "PYTHONHASHSEED": "random"}
SANDBOX_SCRATCH = "/work/scratch"


def script(scratch: str, setup: str, command: str) -> str:
    """A fresh scratch directory, then the setup and the command in one shell."""
    parts = [f"rm -rf {scratch} && mkdir -p {scratch} && cd {scratch} || exit 99"]
    if setup:
        parts.append(setup)
    parts.append(command)
    return "\n".join(parts)


class Runner:
    """Runs a case's shell script in the sandbox or on the host; returns stdout + stderr."""

    def __init__(self, sandbox: Sandbox, host_scratch: str) -> None:
        self.sandbox = sandbox
        self.host_scratch = host_scratch

    def __call__(self, case: Case, setup: str, command: str, env: dict[str, str]) -> str:
        full_env = {**ENV, **case.env, **env}
        if case.host:
            text = script(self.host_scratch, setup, command)
            path = os.pathsep.join((os.path.dirname(sys.executable), os.environ["PATH"]))
            host_env = {"PATH": path, "HOME": os.environ.get("HOME", "/root"), **full_env}
            proc = subprocess.run(["bash", "-c", text], capture_output=True, text=True,
                                  env=host_env, timeout=120)
            return proc.stdout + proc.stderr
        result = self.sandbox.run(["bash", "-c", script(SANDBOX_SCRATCH, setup, command)],
                                  env=full_env, timeout=120)
        if result.timed_out:
            raise RuntimeError(f"{case.id}: timed out in the sandbox")
        return result.stdout + result.stderr


def record(case: Case, label: str, kind: str, name: str, expected: str, actual: str,
           change: Change | None = None, recording: Recorded | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": f"{case.id}/{name}", "label": label, "kind": kind, "category": case.category,
        "tool": case.tool, "where": "host" if case.host else "sandbox",
        "command": case.command, "setup": case.setup, "unordered": case.unordered,
        "fmt": case.fmt, "expected": expected, "actual": actual,
    }
    if recording is not None:  # the recording's second run, when it ended, how long it took
        row["expected2"] = recording.second
        row["clock"] = round(recording.clock, 3)
        row["took"] = round(recording.took, 3)
    if change is not None:
        row["change"] = change.why
        row["command_b"] = change.command_for(case)
        row["setup_b"] = change.setup_for(case)
        if change.env:
            row["env_b"] = change.env
    return row


def problems(records: list[dict[str, Any]]) -> list[str]:
    """Changes that changed nothing, and runs that failed to start a tool."""
    found = []
    for row in records:
        if row["label"] == "different" and row["actual"] in (row["expected"], row.get("expected2")):
            found.append(f"{row['id']}: the changed tool printed the same output")
        for text in (row["expected"], row.get("expected2", ""), row["actual"]):
            if any(sign in text for sign in ("not found", "Can't locate")):
                found.append(f"{row['id']}: a tool is missing: {text[:200]!r}")
                break
    return found


def next_minute() -> None:
    """Wait until the clock is in another minute than now, and a little more, so that
    minute-resolution times (ls -l, gzip -l, pr headers) really differ between passes."""
    minute = int(time.time() // 60)
    while int(time.time() // 60) == minute:
        time.sleep(0.5)
    time.sleep(1.5)


@dataclass(frozen=True)
class Recorded:
    """A case recorded as ``--testronaut-record-runs 2`` records it: two runs back to back,
    each in a fresh scratch directory; ``clock`` is when the second ended, ``took`` how
    long both took (the recording's own clock, which a recorded plan's clock holes use)."""

    first: str
    second: str
    clock: float
    took: float


def record_twice(case: Case, run: Runner) -> Recorded:
    started = time.time()
    first = run(case, case.setup, case.command, {})
    second = run(case, case.setup, case.command, {})
    ended = time.time()
    return Recorded(first, second, ended, ended - started)


def capture(cases: list[Case], run: Runner, *, expected2: bool = False) -> list[dict[str, Any]]:
    """Run every case, then (in another minute) its rerun and its changes. With
    ``expected2`` every case is recorded as a plan records it (two runs back to back,
    :class:`Recorded`), and every pair carries the second run as ``expected2`` beside
    ``clock`` and ``took``."""
    recordings: dict[str, Recorded] = {}
    if expected2:
        recordings = {c.id: record_twice(c, run) for c in cases}
        first = {key: value.first for key, value in recordings.items()}
    else:
        first = {c.id: run(c, c.setup, c.command, {}) for c in cases}
    next_minute()  # the later pass: minute-resolution times really differ too
    records = []
    for case in cases:
        second = run(case, case.setup, case.command, {})
        recording = recordings.get(case.id)
        records.append(record(case, "equivalent", "rerun", "rerun", first[case.id], second,
                              recording=recording))
        for change in case.changes:
            actual = run(case, change.setup_for(case), change.command_for(case), change.env)
            records.append(record(case, "different", "real-change", change.name,
                                  first[case.id], actual, change, recording=recording))
    return records


def write(records: list[dict[str, Any]], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as out:
        for row in records:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def capture_set(argv: list[str], all_cases: list[Case], data: Path, *,
                expected2: bool = False) -> int:
    """Capture ``all_cases`` (``--only ID,ID`` a part of them, into ``--out PATH``) and
    write them to ``data``, or refuse and say why; the exit status of the script.
    ``expected2`` (opt-in, from the seventh set on) records each case twice, as a plan
    is recorded, and writes the second run as ``expected2``."""
    target = Path(argv[argv.index("--out") + 1]) if "--out" in argv else data
    only = set(argv[argv.index("--only") + 1].split(",")) if "--only" in argv else None
    if only is not None and "--out" not in argv:
        print("--only captures part of the set: give --out PATH too, so that "
              f"{data.name} stays whole", file=sys.stderr)
        return 2
    cases = [c for c in all_cases if only is None or c.id in only]
    missing = sorted({c.tool for c in cases if c.host and not shutil.which(c.tool.split()[0])})
    if missing:
        print(f"host tools missing: {', '.join(missing)}; install them or pass --only",
              file=sys.stderr)
        return 2
    host_scratch = tempfile.mkdtemp(prefix=data.stem + "-")
    try:
        with standalone_sandbox(SandboxConfig(timeout=120, pids=512)) as sandbox:
            records = capture(cases, Runner(sandbox, os.path.join(host_scratch, "scratch")),
                              expected2=expected2)
    finally:
        shutil.rmtree(host_scratch, ignore_errors=True)
    trouble = problems(records)
    if trouble:
        rejected = target.with_name(target.stem + ".rejected.jsonl")
        write(records, rejected)
        print("\n".join(trouble) + f"\nnot written; the pairs are in {rejected} to look at",
              file=sys.stderr)
        return 1
    write(records, target)
    labels = [r["label"] for r in records]
    tools = {r["tool"] for r in records}
    print(f"wrote {len(records)} pairs from {len(tools)} tools to {target} "
          f"({labels.count('equivalent')} equivalent, {labels.count('different')} different)")
    return 0



def main(argv: list[str]) -> int:
    return capture_set(argv, CASES, DATA)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
