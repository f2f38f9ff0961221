"""From a tool to a plan file: analysis, the agent's help, generation, merge.

Shared by ``pytest --testronaut --testronaut-tool NAME`` and ``testronaut generate``.
With a model configured the agent enriches the spec and proposes cases and workflows;
every proposal is validated against the plan model and dropped (with a note) when
invalid, so the deterministic generator's plan is always the floor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .model import Case, Plan, Workflow

if TYPE_CHECKING:
    from ..analysis.spec import CliSpec
    from ..llm import Agent

Say = Callable[[str], None]


@dataclass
class Authored:
    plan: Plan
    notes: list[str] = field(default_factory=list)


def author_plan(spec: CliSpec, *, scope: Any = "basic", budget: int | None = None, seed: int = 0,
                image: str | None = None, install: Sequence[str] = (),
                agent: Agent | None = None, say: Say | None = None) -> Authored:
    """The deterministic plan for ``spec``, plus the agent's valid proposals."""
    from .generate import generate_plan

    say = say or (lambda _: None)
    notes: list[str] = []
    if agent is not None and not agent.is_offline:
        say(f"asking {agent.name} to enrich the analysis")
        from ..llm.offline import offline_enrich

        # The model's own samples only: the offline fill-ins are weaker than the
        # generator's heuristics.
        guessed = set(offline_enrich(spec).notes)
        enriched = agent.enrich(spec)
        spec = apply_sample_notes(enriched, [n for n in enriched.notes if n not in guessed])
        if agent.last_error:
            notes.append(f"enrichment fell back to the parsed spec: {agent.last_error}")
    plan = generate_plan(spec, scope=scope, budget=budget, seed=seed, image=image,
                         install=install)
    plan, dropped = add_proposals(plan, workflows_from_notes(spec.notes))
    notes.extend(dropped)
    if agent is not None and not agent.is_offline:
        say(f"asking {agent.name} to propose cases and workflows")
        proposals = agent.propose_cases(spec, context=plan.description)
        if agent.last_error:
            notes.append(f"no proposals used: {agent.last_error}")
        plan, dropped = add_proposals(plan, proposals)
        notes.extend(dropped)
    return Authored(plan, notes)


def apply_sample_notes(spec: CliSpec, notes: Sequence[str] | None = None) -> CliSpec:
    """Sample values from enrichment (``sample: TOOL SUB --flag=VALUE`` notes) become the
    ``example`` of their option or positional, which generation then uses."""
    out = spec.model_copy(deep=True)
    commands = out.root.walk()
    for note in out.notes if notes is None else notes:
        if not note.startswith("sample: "):
            continue
        text = note[len("sample: "):]
        # the command whose words are the longest prefix of the note
        matches = [(len(words), command) for command in commands
                   if text.startswith(words := " ".join(
                       [out.tool, *(p for p in command.path if p != out.tool)]) + " ")]
        if not matches:
            continue
        size, best = max(matches, key=lambda m: m[0])
        target, sep, value = text[size:].partition("=")
        if not sep:
            continue
        for option in best.options:
            if target in option.flags:
                option.example = value
        for positional in best.positionals:
            if positional.name == target:
                positional.example = value
    return out


def workflows_from_notes(notes: Sequence[str]) -> list[dict[str, Any]]:
    """Workflows an enriched spec suggests (``workflow: ["cmd", ...]`` notes)."""
    import json

    found: list[dict[str, Any]] = []
    for note in notes:
        if not note.startswith("workflow: "):
            continue
        try:
            commands = json.loads(note[len("workflow: "):])
        except ValueError:
            continue
        if isinstance(commands, list) and commands and all(isinstance(c, str) for c in commands):
            found.append({"id": f"workflow-{len(found) + 1}",
                          "steps": [{"command": c} for c in commands]})
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


def write_or_merge(plan: Plan, output: Path, say: Say) -> tuple[str, str]:
    """Write ``plan`` to ``output``, merging into an existing one (a person's edits and
    reviewed cases are kept). Returns (summary, diff)."""
    from .dump import save_plan
    from .loader import load_plan
    from .merge import merge_plans

    if not output.exists():
        save_plan(plan, output)
        return f"wrote {len(plan.cases)} cases to {output}", ""
    merged = merge_plans(load_plan(output).plan, plan, old_name=f"a/{output}",
                         new_name=f"b/{output}")
    if not merged.changed:
        return f"{output} is up to date ({len(merged.plan.cases)} cases)", ""
    save_plan(merged.plan, output)
    return f"updated {output}: {merged.summary()}", merged.diff
