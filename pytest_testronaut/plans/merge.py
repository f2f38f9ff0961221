"""Regenerate against a committed plan: keep what people wrote, show what changed.

A case survives regeneration untouched when a person vouched for it (``reviewed:
true``, ``origin: edited``) or changed it (its inputs or generated expectations
differ from what generation produces now). Recorded cases keep their recordings
while their inputs are unchanged; a recorded case whose command or inputs generation
changed is replaced by the new case and listed to be recorded again (``rerecord``).
Generated cases the tool no longer warrants (an option that vanished) are dropped.
What generation never writes is a person's wherever it is set: a case's or step's
``track_files`` and a case's ``benchmark`` carry over onto the regenerated case, and so
does a description (generation does not reword a case it already wrote). The plan's
``settings`` are the committed ones. The result comes with a unified diff.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .dump import dump_plan
from .model import Case, Plan, Runnable, Workflow

_EXPECTATION_FIELDS = {"exit", "stdout", "stderr", "expect"}
# Fields generation never writes: set only by a person, kept through regeneration.
_HAND_SET_FIELDS = ("track_files", "benchmark")
_R = TypeVar("_R", bound=Runnable)


@dataclass
class MergeResult:
    """The merged plan, a diff from the old one, and what happened to which case."""

    plan: Plan
    diff: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # a person's cases, left as they were
    # recorded cases whose command or inputs generation changed: the new case replaces
    # the old one and has no expectations until recorded again
    rerecord: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.diff)

    def summary(self) -> str:
        text = (f"{len(self.added)} added, {len(self.removed)} removed, "
                f"{len(self.updated)} updated, {len(self.kept)} kept as edited or reviewed")
        if self.rerecord:
            text += (f"; {len(self.rerecord)} recorded case(s) changed their command or "
                     f"inputs and must be recorded again ({', '.join(self.rerecord[:5])}"
                     f"{', ...' if len(self.rerecord) > 5 else ''}): run with "
                     "--testronaut-record")
        return text


def person_touched(old: Case, new: Case | None) -> bool:
    """True when ``old`` is a person's work that regeneration must not overwrite."""
    if old.reviewed or old.origin == "edited":
        return True
    if new is None:
        return False
    if old.inputs() != new.inputs():
        return True
    # A generated case whose expectations differ from the generated ones was edited.
    return old.origin == "generated" and (
        old.model_dump(include=_EXPECTATION_FIELDS) != new.model_dump(include=_EXPECTATION_FIELDS)
    )


def merge_plans(old: Plan, new: Plan, *, old_name: str = "committed",
                new_name: str = "regenerated") -> MergeResult:
    """Merge freshly generated ``new`` into committed ``old``."""
    result = MergeResult(plan=old, diff="")
    old_cases = {c.id: c for c in old.cases}
    new_ids = {c.id for c in new.cases}
    cases: list[Case] = []
    for fresh in new.cases:
        previous = old_cases.get(fresh.id)
        if previous is None:
            cases.append(fresh)
            result.added.append(fresh.id)
        elif (previous.origin == "recorded" and not previous.reviewed
              and previous.inputs() != fresh.inputs()):
            # Generation changed the command: the old recording tests something else
            # (and its description the old command); a person's settings still hold.
            fresh = _keep_hand_set(previous, fresh, description=False)
            cases.append(fresh)
            result.updated.append(fresh.id)
            result.rerecord.append(fresh.id)
        elif person_touched(previous, fresh):
            if previous.origin != "edited" and not previous.reviewed:
                previous = previous.model_copy(update={"origin": "edited"})
            cases.append(previous)
            result.kept.append(fresh.id)
        elif previous.origin == "recorded":
            # Same inputs: the recording still holds, and so does everything else.
            cases.append(previous)
        else:
            fresh = _keep_hand_set(previous, fresh)
            cases.append(fresh)
            if fresh != previous:
                result.updated.append(fresh.id)
    for case in old.cases:
        if case.id in new_ids:
            continue
        if person_touched(case, None):
            cases.append(case)
            result.kept.append(case.id)
        else:
            result.removed.append(case.id)

    workflows = _merge_workflows(old.workflows, new.workflows, result)
    merged = old.model_copy(update={
        "tool": new.tool,
        "description": new.description or old.description,
        "image": new.image or old.image,
        "install": new.install or old.install,
        "env": {**old.env, **new.env},
        "cases": cases,
        "workflows": workflows,
        "generated_from": new.generated_from or old.generated_from,
    })
    result.plan = Plan.model_validate(merged.model_dump(by_alias=True))
    result.diff = plan_diff(old, result.plan, old_name, new_name)
    return result


def _keep_hand_set(old: Runnable, new: _R, *, description: bool = True) -> _R:
    """``new`` with what a person set on ``old`` that generation never writes (and,
    with ``description``, ``old``'s description when it has one)."""
    update: dict[str, Any] = {
        name: getattr(old, name) for name in _HAND_SET_FIELDS
        if name in type(old).model_fields and getattr(old, name) is not None
        and getattr(new, name) is None}
    if description and old.description and old.description != new.description:
        update["description"] = old.description
    return new.model_copy(update=update) if update else new


def _merge_workflows(old: list[Workflow], new: list[Workflow],
                     result: MergeResult) -> list[Workflow]:
    fresh = {w.id: w for w in new}
    out: list[Workflow] = []
    for workflow in old:
        replacement = fresh.pop(workflow.id, None)
        if replacement is None or _workflow_touched(workflow):
            out.append(workflow)
            if replacement is not None:
                result.kept.append(workflow.id)
            continue
        if [s.inputs() for s in workflow.steps] == [s.inputs() for s in replacement.steps]:
            # Same steps: their recordings still hold, and so does everything else.
            replacement = replacement.model_copy(update={"steps": workflow.steps})
        else:
            # New steps; a person's settings on a step of the same id still hold.
            before = {step.id: step for step in workflow.steps}
            replacement = replacement.model_copy(update={"steps": [
                _keep_hand_set(before[step.id], step, description=False)
                if step.id in before else step for step in replacement.steps]})
        if workflow.description and workflow.description != replacement.description:
            replacement = replacement.model_copy(update={"description": workflow.description})
        out.append(replacement)
        if replacement != workflow:
            result.updated.append(workflow.id)
    for workflow in fresh.values():
        out.append(workflow)
        result.added.append(workflow.id)
    return out


def _workflow_touched(workflow: Workflow) -> bool:
    """A person's workflow, or a generated one a person reviewed or edited a step of."""
    if workflow.reviewed or workflow.origin != "generated":
        return True
    return any(step.reviewed or step.origin == "edited" for step in workflow.steps)


def plan_diff(old: Plan, new: Plan, old_name: str = "committed",
              new_name: str = "regenerated") -> str:
    """A unified diff of the two plans as they would be saved."""
    return "".join(difflib.unified_diff(
        dump_plan(old, header=False).splitlines(keepends=True),
        dump_plan(new, header=False).splitlines(keepends=True),
        old_name, new_name,
    ))
