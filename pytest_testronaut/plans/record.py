"""Record mode: store what each case printed and returned as its expectation.

Items hand a :class:`Recording` to the session's :class:`Recorder`. At the end of the
session the controller rewrites each plan file once; on an xdist worker the
recordings travel to the controller through ``config.workeroutput`` instead, so only
one process ever writes a plan.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

from .dump import save_plan
from .execute import plan_rules
from .loader import load_plan
from .model import NormalizationRule, Plan, Runnable, StreamExpectation

if TYPE_CHECKING:
    from ..verify import Rule

WORKEROUTPUT_KEY = "testronaut_plan_recordings"
CONTROLLER_KEY = "testronaut_plan_recorder"  # in workerinput: the controller collects


@dataclass(frozen=True)
class Recording:
    """What one case (``step`` is None) or workflow step printed and returned."""

    plan_path: str
    item_id: str  # case id, or workflow id for a step
    step: int | None
    exit_code: int
    stdout: str
    stderr: str
    # Placeholder rules proposed by running the case twice: (name, pattern, placeholder).
    rules: tuple[tuple[str, str, str], ...] = ()


def is_protected(runnable: Runnable, *, parent_reviewed: bool = False) -> bool:
    """True when recording must leave ``runnable`` alone: a person vouched for it.

    A case with no expectation at all has nothing to lose, so it is always recorded.
    """
    if not runnable.has_expectation():
        return False  # e.g. a step added by hand to a reviewed workflow
    return runnable.reviewed or parent_reviewed or runnable.origin == "edited"


R = TypeVar("R", bound=Runnable)


def recorded(runnable: R, recording: Recording, rules: Sequence[Rule] = ()) -> R:
    """``runnable`` with the recording as its expectation (other checks are kept).

    Where the recorded text is equivalent to the expectation already there (only
    timestamps, ids and the like differ), the old text stays: re-recording a plan
    changes only what really changed.
    """
    stdout = runnable.stdout or StreamExpectation()
    stdout = stdout.model_copy(update={"equals": _keep_equivalent(
        stdout.equals, recording.stdout, rules)})
    stderr = runnable.stderr
    if recording.stderr:
        stderr = (stderr or StreamExpectation()).model_copy(update={"equals": _keep_equivalent(
            stderr.equals if stderr else None, recording.stderr, rules)})
    elif stderr is not None and stderr.equals is not None:
        stderr = stderr.model_copy(update={"equals": None})
        stderr = None if stderr.is_empty() else stderr
    return runnable.model_copy(update={
        "exit": recording.exit_code, "stdout": stdout, "stderr": stderr, "origin": "recorded",
    })


def _keep_equivalent(old: str | None, new: str, rules: Sequence[Rule]) -> str:
    if old is None or old == new:
        return new
    from ..verify import compare_outputs

    return old if compare_outputs(old, new, rules=rules).passed else new


def apply_recordings(plan: Plan, recordings: list[Recording]) -> tuple[Plan, int]:
    """The plan with every recording applied; also how many parts changed."""
    cases = list(plan.cases)
    workflows = list(plan.workflows)
    changed = 0
    plan = _with_proposed_rules(plan, recordings)
    rules = plan_rules(plan.settings.normalize)
    for rec in recordings:
        if rec.step is None:
            for index, case in enumerate(cases):
                if case.id == rec.item_id and not is_protected(case):
                    cases[index] = recorded(case, rec, rules)
                    changed += 1
            continue
        for index, workflow in enumerate(workflows):
            if workflow.id != rec.item_id or rec.step >= len(workflow.steps):
                continue
            step = workflow.steps[rec.step]
            if is_protected(step, parent_reviewed=workflow.reviewed):
                continue
            steps = list(workflow.steps)
            steps[rec.step] = recorded(step, rec, rules)
            workflows[index] = workflow.model_copy(update={"steps": steps})
            changed += 1
    return plan.model_copy(update={"cases": cases, "workflows": workflows}), changed


def _with_proposed_rules(plan: Plan, recordings: list[Recording]) -> Plan:
    known = {rule.pattern for rule in plan.settings.normalize}
    added: list[NormalizationRule] = []
    for rec in recordings:
        for name, pattern, placeholder in rec.rules:
            if pattern not in known:
                known.add(pattern)
                added.append(NormalizationRule(name=name, pattern=pattern,
                                               placeholder=placeholder))
    if not added:
        return plan
    settings = plan.settings.model_copy(
        update={"normalize": [*plan.settings.normalize, *added]})
    return plan.model_copy(update={"settings": settings})


def write_recordings(recordings: list[Recording]) -> dict[str, int]:
    """Rewrite each plan file named by ``recordings``; returns path -> parts recorded.

    Each file is re-read and rewritten under a file lock, so writers never lose each
    other's recordings.
    """
    from filelock import FileLock

    by_path: dict[str, list[Recording]] = {}
    for rec in recordings:
        by_path.setdefault(rec.plan_path, []).append(rec)
    written: dict[str, int] = {}
    for path, recs in sorted(by_path.items()):
        with FileLock(_lock_path(path)):
            # Re-read the file: it is the truth, the collected copy may be stale.
            loaded = load_plan(path)
            plan, changed = apply_recordings(loaded.plan, recs)
            if changed:
                save_plan(plan, path)
        written[path] = changed
    return written


def _lock_path(path: str) -> str:
    # In the temp folder, not beside the plan: no stray files in the user's repository.
    import hashlib
    import tempfile

    digest = hashlib.sha256(str(Path(path).resolve()).encode()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / "testronaut-locks"  # shared with image builds
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / f"plan-{digest}.lock")


class Recorder:
    """Collects recordings during a session; registered as a plugin in record mode."""

    name = "testronaut-plan-recorder"

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.recordings: list[Recording] = []
        self.written: dict[str, int] = {}

    def add(self, recording: Recording) -> None:
        self.recordings.append(recording)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        workeroutput = getattr(self.config, "workeroutput", None)
        workerinput = getattr(self.config, "workerinput", {})
        if workeroutput is not None and workerinput.get(CONTROLLER_KEY):
            workeroutput[WORKEROUTPUT_KEY] = json.dumps([asdict(r) for r in self.recordings])
            return
        # No collecting controller (plain run, or a controller that never registered a
        # recorder): write here, under the file lock.
        if self.recordings:
            self.written = write_recordings(self.recordings)

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        node.workerinput[CONTROLLER_KEY] = True

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: Any) -> None:
        raw = getattr(node, "workeroutput", {}).get(WORKEROUTPUT_KEY)
        if raw:
            self.recordings.extend(
                Recording(**{**r, "rules": tuple(tuple(x) for x in r.get("rules", ()))})
                for r in json.loads(raw))

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not self.written:
            return
        terminalreporter.write_sep("-", "testronaut record")
        proposed = sorted({r for rec in self.recordings for r in rec.rules})
        if proposed:
            terminalreporter.write_line(
                "runs differed: placeholder rules added to the plan's settings.normalize "
                "for review:", yellow=True)
            for name, pattern, placeholder in proposed:
                terminalreporter.write_line(f"  {name}: /{pattern}/ -> {placeholder}")
        for path, count in self.written.items():
            where = Path(path)
            if where.is_relative_to(self.config.rootpath):
                where = where.relative_to(self.config.rootpath)
            terminalreporter.write_line(
                f"{where}: {count} expectation(s) recorded" if count
                else f"{where}: nothing to record (all cases reviewed or edited)")


def get_recorder(config: pytest.Config) -> Recorder:
    """The session's recorder, registered on first use."""
    recorder = config.pluginmanager.get_plugin(Recorder.name)
    if recorder is None:
        recorder = Recorder(config)
        config.pluginmanager.register(recorder, Recorder.name)
    assert isinstance(recorder, Recorder)
    return recorder
