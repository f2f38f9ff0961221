"""Record mode: store what each case printed and returned as its expectation.

Plan items run each case several times (``--testronaut-record-runs``, each run in a
fresh state) and hand a :class:`Recording` of all runs to the testronaut session. At
the end of the session the controller rewrites each plan file once
(:func:`write_recordings`); the recordings of xdist workers travel to it first, so
only one process writes a plan. Only the spans that differed between one case's runs
become holes in that case's expectation (:mod:`pytest_testronaut.verify.holes`):
nothing learned from one case applies to another.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .dump import save_plan
from .loader import load_plan
from .model import Plan, Runnable, StreamExpectation, plan_rules

if TYPE_CHECKING:
    from ..verify import Rule
    from ..verify.hole_learning import Learned


@dataclass(frozen=True)
class Recording:
    """What one case (``step`` is None) or workflow step printed and returned: its
    first run, and what its other runs printed (``more_*``, one item per run)."""

    plan_path: str
    item_id: str  # case id, or workflow id for a step
    step: int | None
    exit_code: int
    stdout: str
    stderr: str
    more_stdout: tuple[str, ...] = ()
    more_stderr: tuple[str, ...] = ()
    more_exit_codes: tuple[int, ...] = ()
    # When the runs ended (seconds since the epoch; 0: unknown) and how long they
    # took: a time every run printed alike is a hole when it is this clock's.
    clock: float = 0.0
    took: float = 0.0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Recording:
        """The inverse of ``dataclasses.asdict`` after a trip through JSON."""
        more = {key: tuple(data.get(key, ())) for key in
                ("more_stdout", "more_stderr", "more_exit_codes")}
        return cls(**{**data, **more})

    @property
    def runs(self) -> int:
        return 1 + len(self.more_stdout)

    # Learned on first use (verification is not imported to collect a plan).
    @property
    def learned_stdout(self) -> Learned:
        return self._learned[0][0]

    @property
    def learned_stderr(self) -> Learned:
        return self._learned[1][0]

    @property
    def clock_holes(self) -> int:
        """How many of the holes are the recording's own time, printed alike by
        every run (:mod:`..verify.clock_holes`)."""
        return self._learned[0][1] + self._learned[1][1]

    @cached_property
    def _learned(self) -> tuple[tuple[Learned, int], tuple[Learned, int]]:
        return (self._learn((self.stdout, *self.more_stdout)),
                self._learn((self.stderr, *self.more_stderr)))

    def _learn(self, runs: tuple[str, ...]) -> tuple[Learned, int]:
        """Holes where the runs differed and, when there were several runs, where
        they printed the recording's own time alike; and how many of the latter."""
        from dataclasses import replace

        from ..verify.clock_holes import clock_holes
        from ..verify.hole_learning import learn_holes

        learned = learn_holes(runs)
        if len(runs) < 2 or not self.clock:
            return learned, 0  # one run is recorded as it is
        text, added = clock_holes(learned.text, self.clock, self.took)
        if not added:
            return learned, 0
        return replace(learned, text=text, holes=learned.holes + added), added

    @property
    def holes(self) -> int:
        """How many holes the runs taught (stdout and stderr)."""
        return self.learned_stdout.holes + self.learned_stderr.holes

    def notes(self) -> list[str]:
        """What a reviewer should know: runs that disagreed beyond what holes say."""
        notes = []
        codes = sorted({self.exit_code, *self.more_exit_codes})
        if len(codes) > 1:
            notes.append(f"the runs exited {' or '.join(map(str, codes))}: the first run's "
                         f"{self.exit_code} is recorded; review it")
        for stream, learned in (("stdout", self.learned_stdout),
                                ("stderr", self.learned_stderr)):
            if learned.note:
                notes.append(f"{stream}: {learned.note}")
            elif learned.unordered:
                notes.append(f"{stream}: the runs printed the lines in another order: "
                             "recorded as `unordered: true`")
        return notes


def recording_of(where: Recording, results: Sequence[Any]) -> Recording:
    """The recording of ``results`` (the runs of one case, each with ``exit_code``,
    ``stdout`` and ``stderr``) for the plan, case and step ``where`` names."""
    import time

    first, *more = results
    return Recording(where.plan_path, where.item_id, where.step, first.exit_code,
                     first.stdout, first.stderr,
                     more_stdout=tuple(r.stdout for r in more),
                     more_stderr=tuple(r.stderr for r in more),
                     more_exit_codes=tuple(r.exit_code for r in more),
                     clock=time.time(),
                     took=float(sum(getattr(r, "duration", 0.0) or 0.0 for r in results)))


def is_protected(runnable: Runnable, *, parent_reviewed: bool = False) -> bool:
    """True when recording must leave ``runnable`` alone: a person vouched for it.

    A case with no expectation at all has nothing to lose, so it is always recorded.
    """
    if not runnable.has_expectation():
        return False  # e.g. a step added by hand to a reviewed workflow
    return runnable.reviewed or parent_reviewed or runnable.origin == "edited"


R = TypeVar("R", bound=Runnable)


def recorded(runnable: R, recording: Recording, rules: Sequence[Rule] = ()) -> R:
    """``runnable`` with the recording as its expectation: what its runs printed on
    stdout and on stderr (an empty stream is recorded as an exact empty text), with
    holes where they differed, and the exit code. Other checks are kept, except patterns and substrings
    the runs contradict (see :func:`_without_contradicted`).

    Where the expectation already there still fits every run (only timestamps, ids
    and the like differ, or its holes take them), the old text stays: re-recording a
    plan changes only what really changed.
    """
    outs = (recording.stdout, *recording.more_stdout)
    errs = (recording.stderr, *recording.more_stderr)
    stdout = _without_contradicted(runnable.stdout, outs) or StreamExpectation()
    stdout = _with_learned(stdout, recording.learned_stdout, outs, rules)
    # A stream every run left empty is expected empty (``stderr: ''``): a warning or
    # error line a later build adds must fail the case, as much as a changed stdout.
    stderr = _without_contradicted(runnable.stderr, errs) or StreamExpectation()
    stderr = _with_learned(stderr, recording.learned_stderr, errs, rules)
    return runnable.model_copy(update={
        "exit": recording.exit_code, "stdout": stdout, "stderr": stderr, "origin": "recorded",
    })


def _with_learned(stream: StreamExpectation, learned: Learned, runs: Sequence[str],
                  rules: Sequence[Rule]) -> StreamExpectation:
    unordered = stream.unordered or learned.unordered
    equals = _keep_equivalent(stream.equals, learned, runs, rules, unordered)
    return stream.model_copy(update={"equals": equals, "unordered": unordered})


def _without_contradicted(stream: StreamExpectation | None, texts: Sequence[str]
                          ) -> StreamExpectation | None:
    """``stream`` without the checks some run's ``texts`` (what the tool really
    printed) fail: a guessed pattern (``usage``, ``invalid``) that recording
    contradicts is replaced by the recording, never kept to fail every later run."""
    if stream is None:
        return None
    update = {
        "regex": [p for p in stream.regex if all(re.search(p, t, re.MULTILINE) for t in texts)],
        "contains": [c for c in stream.contains if all(c in t for t in texts)],
    }  # `not_contains` stays: output it forbids (an injected command) must fail
    if all(update[k] == getattr(stream, k) for k in update):
        return stream
    kept = stream.model_copy(update=update)
    return None if kept.is_empty() else kept


def _keep_equivalent(old: str | None, learned: Learned, runs: Sequence[str],
                     rules: Sequence[Rule], unordered: bool) -> str:
    new = learned.text
    if old is None or old == new:
        return new
    from ..verify.holes import HoleSyntaxError, compare_recorded, parse_template

    try:
        old_holes = parse_template(old).holes
    except HoleSyntaxError:
        return new
    if learned.holes and not old_holes:
        return new  # the runs showed what is dynamic: holes replace a text without
    fits = all(compare_recorded(old, run, rules=rules, unordered=unordered).passed
               for run in runs)
    return old if fits else new


def apply_recordings(plan: Plan, recordings: list[Recording]) -> tuple[Plan, int]:
    """The plan with every recording applied; also how many parts changed."""
    cases = list(plan.cases)
    workflows = list(plan.workflows)
    changed = 0
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
