"""What a run leaves behind, as plain values: one :class:`CaseRecord` per plan case or
workflow step, one :class:`RunInfo` per pytest run.

Records are dataclasses that turn into JSON-ready dicts and back (``as_dict`` and
``from_dict``), so an xdist worker can send them to the controller inside its JSON
state, and the store and the reports read the same shape.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# The verdict of a whole case: "pass", "fail", "inconclusive" (no check could decide),
# "skip" and "error" (the case could not run: a sandbox, an image, an engine problem).
VERDICTS = ("pass", "fail", "inconclusive", "skip", "error")
# Why a case failed (see reports.analysis.categorize).
CATEGORIES = ("wrong exit code", "output mismatch", "timeout", "killed", "infrastructure",
              "judge inconclusive", "no expectation", "assertion failed")
# What a record is of: a plan case, a step of a plan's workflow, a hand-written test
# (a Python test using the testronaut_env fixture or marker).
KINDS = ("plan", "step", "test")
# Characters of stdout and stderr a record keeps: of a failed case, of a passed one.
OUTPUT_EXCERPT = 2000
PASSED_EXCERPT = 400


@dataclass
class CheckRecord:
    """One expectation a run did not meet (or could not decide)."""

    check: str
    expected: str = ""
    actual: str = ""
    diff: str = ""
    tier: str | None = None
    explanation: str = ""
    inconclusive: bool = False


@dataclass
class CommandRecord:
    """One command a case ran: what, how it ended, how long, what it printed."""

    command: str
    exit_code: int | None = None
    duration: float = 0.0
    timed_out: bool = False
    stdout: str = ""
    stderr: str = ""
    cpu_time: float | None = None
    peak_memory: int | None = None
    files_changed: dict[str, list[str]] | None = None
    limit_reached: str | None = None  # the sandbox limit (disk, memory) that stopped it


@dataclass
class CaseRecord:
    """One plan case, workflow step or hand-written test of one run.

    ``key`` names the case across runs (``plan::case``, ``plan::workflow::step``, or a
    hand-written test's node id); ``tier`` is the deciding tier of a failure, or for a
    pass the strongest tier the case's checks call on (``None`` for a hand-written
    test: its asserts are its own); ``category`` says why a failed case failed.
    """

    key: str
    nodeid: str
    plan: str
    case_id: str
    step: str | None = None
    tool: str = ""
    command: str = ""
    argv: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    verdict: str = "pass"
    tier: str | None = None
    category: str | None = None
    message: str = ""
    duration: float = 0.0
    commands: list[CommandRecord] = field(default_factory=list)
    checks: list[CheckRecord] = field(default_factory=list)
    llm: dict[str, float] = field(default_factory=dict)
    reruns: int = 0
    location: str = ""
    kind: str = "plan"  # one of KINDS
    # The verdicts of this run's earlier attempts (pytest-rerunfailures), oldest first.
    attempts: list[str] = field(default_factory=list)

    @property
    def last(self) -> CommandRecord | None:
        return self.commands[-1] if self.commands else None

    @property
    def failed(self) -> bool:
        return self.verdict in ("fail", "error", "inconclusive")

    def as_dict(self) -> dict[str, Any]:
        # By hand: dataclasses.asdict's deep copy is the slowest part of a big report.
        data = dict(vars(self))
        data["argv"] = list(self.argv)
        data["tags"] = list(self.tags)
        data["attempts"] = list(self.attempts)
        data["llm"] = dict(self.llm)
        data["commands"] = [dict(vars(c)) for c in self.commands]
        data["checks"] = [dict(vars(c)) for c in self.checks]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CaseRecord:
        values = dict(data)
        values["commands"] = [CommandRecord(**c) for c in values.get("commands", ())]
        values["checks"] = [CheckRecord(**c) for c in values.get("checks", ())]
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})


@dataclass
class RunInfo:
    """One pytest run: when, what it tested, with which version of what."""

    run_id: str
    started: float
    finished: float
    testronaut_version: str = ""
    tools: dict[str, dict[str, str | None]] = field(default_factory=dict)  # tool: version, image, image_id
    args: list[str] = field(default_factory=list)
    workers: int = 0
    llm: dict[str, Any] = field(default_factory=dict)
    # Steps slower than the baseline of --testronaut-baseline-compare (see
    # reports.build.ReportInputs.baseline_regressions): stored with the run.
    baseline_regressions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def duration(self) -> float:
        return max(0.0, self.finished - self.started)

    def build_of(self, tool: str) -> str:
        """What identifies the tool's build: its image id, else its version, else ''."""
        info = self.tools.get(tool, {})
        return str(info.get("image_id") or info.get("version") or info.get("image") or "")

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RunInfo:
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def command_record(result: Any, *, failed: bool = False) -> CommandRecord:
    """The record of one sandbox run (a ``RunResult``): its output clipped to
    :data:`OUTPUT_EXCERPT` characters for a failed case, :data:`PASSED_EXCERPT` else."""
    from ..verify import excerpt

    limit = OUTPUT_EXCERPT if failed else PASSED_EXCERPT
    # None: not watched; empty lists: watched, and nothing changed
    changed = result.files_changed.as_dict() if result.files_changed is not None else None
    return CommandRecord(result.command_line, result.exit_code, round(result.duration, 4),
                         result.timed_out, excerpt(result.stdout, limit),
                         excerpt(result.stderr, limit), result.cpu_time,
                         result.peak_memory, changed, getattr(result, "limit_reached", None))
