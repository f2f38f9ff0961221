"""Record mode: store what each case printed and returned as its expectation.

Plan items hand a :class:`Recording` to the testronaut session. At the end of the
session the controller rewrites each plan file once (:func:`write_recordings`); the
recordings of xdist workers travel to it first, so only one process writes a plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .dump import save_plan
from .loader import load_plan
from .model import NormalizationRule, Plan, Runnable, StreamExpectation, plan_rules

if TYPE_CHECKING:
    from ..verify import Rule

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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Recording:
        """The inverse of ``dataclasses.asdict`` after a trip through JSON."""
        return cls(**{**data, "rules": tuple(tuple(r) for r in data.get("rules", ()))})


def is_protected(runnable: Runnable, *, parent_reviewed: bool = False) -> bool:
    """True when recording must leave ``runnable`` alone: a person vouched for it.

    A case with no expectation at all has nothing to lose, so it is always recorded.
    """
    if not runnable.has_expectation():
        return False  # e.g. a step added by hand to a reviewed workflow
    return runnable.reviewed or parent_reviewed or runnable.origin == "edited"


R = TypeVar("R", bound=Runnable)


def recorded(runnable: R, recording: Recording, rules: Sequence[Rule] = ()) -> R:
    """``runnable`` with the recording as its expectation. Other checks are kept,
    except patterns and substrings the recording contradicts (see
    :func:`_without_contradicted`).

    Where the recorded text is equivalent to the expectation already there (only
    timestamps, ids and the like differ), the old text stays: re-recording a plan
    changes only what really changed.
    """
    stdout = _without_contradicted(runnable.stdout, recording.stdout) or StreamExpectation()
    stdout = stdout.model_copy(update={"equals": _keep_equivalent(
        stdout.equals, recording.stdout, rules)})
    stderr = _without_contradicted(runnable.stderr, recording.stderr)
    if recording.stderr:
        stderr = (stderr or StreamExpectation()).model_copy(update={"equals": _keep_equivalent(
            stderr.equals if stderr else None, recording.stderr, rules)})
    elif stderr is not None and stderr.equals is not None:
        stderr = stderr.model_copy(update={"equals": None})
        stderr = None if stderr.is_empty() else stderr
    return runnable.model_copy(update={
        "exit": recording.exit_code, "stdout": stdout, "stderr": stderr, "origin": "recorded",
    })


def _without_contradicted(stream: StreamExpectation | None, text: str
                          ) -> StreamExpectation | None:
    """``stream`` without the checks ``text`` (what the tool really printed) fails: a
    guessed pattern (``usage``, ``invalid``) that recording contradicts is replaced by
    the recording, never kept to fail every later run."""
    if stream is None:
        return None
    import re

    update = {
        "regex": [p for p in stream.regex if re.search(p, text)],
        "contains": [c for c in stream.contains if c in text],
    }  # `not_contains` stays: output it forbids (an injected command) must fail
    if all(update[k] == getattr(stream, k) for k in update):
        return stream
    kept = stream.model_copy(update=update)
    return None if kept.is_empty() else kept


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
