"""Records and specs the report tests build on."""

from __future__ import annotations

import time

from pytest_testronaut.analysis.spec import CliSpec, Command, Option
from pytest_testronaut.reports import CaseRecord, CheckRecord, CommandRecord, RunInfo


def run_info(run_id: str, *, image_id: str = "sha256:aaa", started: float | None = None,
             cost: float = 0.0) -> RunInfo:
    start = time.time() - 10 if started is None else started
    return RunInfo(run_id, start, start + 4.0, "9.9", {"tool": {"image": "img",
                                                            "image_id": image_id}},
                   llm={"calls": 2, "cache_hits": 1, "input_tokens": 100, "output_tokens": 20,
                        "cost": cost})


def passed(name: str, command: str = "tool run", duration: float = 0.1) -> CaseRecord:
    return CaseRecord(f"p.yaml::{name}", f"p.yaml::{name}", "p.yaml", name, tool="tool",
                      command=command, verdict="pass", tier="exact", duration=duration,
                      commands=[CommandRecord(command, 0, duration, stdout="ok\n")])


def failed(name: str, command: str = "tool run", *, exit_code: int = 1, stderr: str = "",
           check: str = "exit", expected: str = "0", actual: str = "1", diff: str = "",
           timed_out: bool = False, inconclusive: bool = False) -> CaseRecord:
    return CaseRecord(
        f"p.yaml::{name}", f"p.yaml::{name}", "p.yaml", name, tool="tool", command=command,
        verdict="inconclusive" if inconclusive else "fail", tier="deterministic",
        duration=0.2,
        commands=[CommandRecord(command, exit_code, 0.2, timed_out=timed_out, stderr=stderr)],
        checks=[CheckRecord(check, expected, actual, diff, "semantic" if inconclusive
                            else "deterministic", "the judge could not tell" if inconclusive
                            else "", inconclusive)])


def spec() -> CliSpec:
    """``tool [-v|--verbose] [--color WHEN]`` with ``run`` and ``remote add``."""
    return CliSpec(tool="tool", version="1.0", root=Command(
        name="tool", path=["tool"],
        options=[Option(flags=["-v", "--verbose"], description="say more"),
                 Option(flags=["--color"], takes_value=True, choices=["auto", "never"],
                        description="when to color")],
        subcommands=[
            Command(name="run", path=["tool", "run"],
                    options=[Option(flags=["-n", "--dry-run"], description="do nothing")]),
            Command(name="remote", path=["tool", "remote"], subcommands=[
                Command(name="add", path=["tool", "remote", "add"],
                        options=[Option(flags=["--fetch"], description="fetch at once")])]),
        ]))
