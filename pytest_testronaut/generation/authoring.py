"""From a tool to a plan file: analysis, the agent's help, generation, merge.

Shared by ``pytest --testronaut --testronaut-tool NAME`` and ``testronaut generate``.
The agent's help arrives as a typed :class:`~pytest_testronaut.analysis.spec.Enrichment`
(purposes, option examples, workflows, risks and notes), given directly or by any
object with ``enrich(spec)`` (:class:`Enricher`); generation reads its fields. A
model's proposed cases and workflows are validated against the plan model and
dropped (with a note) when invalid, so the deterministic generator's plan is always
the floor. Nothing here imports the LLM layer: the caller passes the agent.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from pydantic import ValidationError

from ..analysis.spec import CliSpec, Enrichment
from ..plans.model import Case, Plan, Workflow

Say = Callable[[str], None]


@runtime_checkable
class Enricher(Protocol):
    """What authoring needs of an agent: an :class:`Enrichment` of a spec.

    Optional extras, used when present: ``propose_cases(spec, context=...)`` returning
    raw case or workflow dicts, ``name`` (for progress lines), ``is_offline`` (an
    offline agent is not announced and not asked for proposals) and ``last_error``
    (why the last call fell back, ``None`` when it did not).
    """

    def enrich(self, spec: CliSpec) -> Enrichment:
        """Facts about ``spec`` only (commands, options and values it has)."""
        ...


@runtime_checkable
class Proposer(Protocol):
    """An agent that also proposes cases and workflows (raw dicts, validated here)."""

    def propose_cases(self, spec: CliSpec, context: str = "") -> list[dict[str, Any]]:
        """Cases or workflows (dicts with ``steps``) in the plan file's shape."""
        ...


@dataclass
class Authored:
    plan: Plan
    notes: list[str] = field(default_factory=list)
    enrichment: Enrichment = field(default_factory=Enrichment)


def author_plan(spec: CliSpec, *, scope: Any = "basic", budget: int | None = None, seed: int = 0,
                image: str | None = None, install: Sequence[str] = (),
                agent: Enricher | None = None, enrichment: Enrichment | None = None,
                say: Say | None = None, run: Callable[..., Any] | None = None) -> Authored:
    """The deterministic plan for ``spec``, with ``enrichment`` (else ``agent``'s) read
    by generation, plus the agent's valid proposals and its enrichment's workflows.

    ``run`` (the ``run`` of a sandbox where the tool is installed) lets generation
    look for inputs on which each option makes a difference; options with no observed
    effect become notes for the reviewer."""
    from .cases import generate_plan, with_purposes

    say = say or (lambda _: None)
    notes: list[str] = []
    name = str(getattr(agent, "name", "the agent"))
    announce = agent is not None and not getattr(agent, "is_offline", False)
    if enrichment is None and agent is not None:
        if announce:
            say(f"asking {name} to enrich the analysis")
        enrichment = agent.enrich(spec)
        error = getattr(agent, "last_error", None)
        if error:
            notes.append(f"enrichment fell back to the parsed spec: {error}")
    enrichment = enrichment or Enrichment()
    notes.extend(reviewer_notes(spec, enrichment))
    findings: list[str] = []
    plan = generate_plan(spec, scope=scope, budget=budget, seed=seed, image=image,
                         install=install, enrichment=enrichment, run=run, say=say,
                         findings=findings)
    notes.extend(findings)
    plan, dropped = add_proposals(plan, enrichment_workflows(enrichment))
    notes.extend(dropped)
    if announce and isinstance(agent, Proposer):
        say(f"asking {name} to propose cases and workflows")
        proposals = agent.propose_cases(with_purposes(spec, enrichment),
                                        context=plan.description)
        error = getattr(agent, "last_error", None)
        if error:
            notes.append(f"no proposals used: {error}")
        plan, dropped = add_proposals(plan, proposals)
        notes.extend(dropped)
    return Authored(plan, notes, enrichment)


def reviewer_notes(spec: CliSpec, enrichment: Enrichment) -> list[str]:
    """What the person reviewing the plan should know: risks the agent sees in
    commands, then its own notes (what it dropped and why)."""
    out = [f"risk of `{' '.join([spec.tool, key]).strip()}`: {risk}"
           for key, risks in enrichment.risks.items() for risk in risks]
    return [*out, *enrichment.notes]


def enrichment_workflows(enrichment: Enrichment) -> list[dict[str, Any]]:
    """The enrichment's workflows as plan-file dicts, for :func:`add_proposals`."""
    from .workflows import command_line

    found: list[dict[str, Any]] = []
    for number, workflow in enumerate(enrichment.workflows, 1):
        data: dict[str, Any] = {"id": f"workflow-{number}",
                                "steps": [{"command": command_line(argv)}
                                          for argv in workflow.steps]}
        if workflow.description:
            data["description"] = workflow.description
        found.append(data)
    return found


def add_proposals(plan: Plan, proposals: Sequence[dict[str, Any]]) -> tuple[Plan, list[str]]:
    """Append valid proposed cases/workflows (ids made unique); say why others were not."""
    cases = list(plan.cases)
    workflows = list(plan.workflows)
    taken = {c.id for c in cases} | {w.id for w in workflows}
    dropped: list[str] = []
    for index, raw in enumerate(proposals):
        kind = Workflow if isinstance(raw, dict) and "steps" in raw else Case
        data = dict(raw) if isinstance(raw, dict) else raw
        if isinstance(data, dict):
            data.setdefault("origin", "generated")
            data["tags"] = sorted({*data.get("tags", []), "proposed"})
            base = str(data.get("id") or f"proposed-{index + 1}")
            unique, n = base, 2
            while unique in taken:
                unique, n = f"{base}-{n}", n + 1
            data["id"] = unique
        try:
            item = kind.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            dropped.append(f"proposal {index + 1} dropped: {where}: {first.get('msg')}")
            continue
        taken.add(item.id)
        (workflows if isinstance(item, Workflow) else cases).append(item)  # type: ignore[arg-type]
    return plan.model_copy(update={"cases": cases, "workflows": workflows}), dropped


def write_or_merge(plan: Plan, output: Path, say: Say,
                   spec: CliSpec | None = None) -> tuple[str, str]:
    """Write ``plan`` to ``output``, merging into an existing one (a person's edits and
    reviewed cases are kept). Returns (summary, diff). ``spec``, the analyzed help the
    plan was generated from, is saved beside it (``spec_file_for``): the reports
    measure help drift against it."""
    from ..plans.dump import save_plan
    from ..plans.loader import load_plan
    from ..plans.merge import merge_plans
    from ..plans.model import spec_file_for

    if spec is not None:
        spec_file = spec_file_for(output)
        spec_file.parent.mkdir(parents=True, exist_ok=True)
        spec_file.write_text(json.dumps({"tool": spec.tool, "spec": spec.model_dump(mode="json")},
                                        indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if not output.exists():
        save_plan(plan, output)
        return f"wrote {len(plan.cases)} cases to {output}", ""
    merged = merge_plans(load_plan(output).plan, plan, old_name=f"a/{output}",
                         new_name=f"b/{output}")
    if not merged.changed:
        return f"{output} is up to date ({len(merged.plan.cases)} cases)", ""
    save_plan(merged.plan, output)
    return f"updated {output}: {merged.summary()}", merged.diff
