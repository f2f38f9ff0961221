"""A model's enrichment answer, checked against the spec, as a typed :class:`Enrichment`.

The model may name commands, options and values that do not exist; only facts about
the spec's own commands are kept: purposes and risks of real commands, examples for
options that take a value and for positionals (among the choices when there are
choices), workflows whose steps are non-empty command lines. What is dropped is said
in the enrichment's ``notes``, for the person reviewing the plan.
"""

from __future__ import annotations

import shlex

from ..analysis.spec import CliSpec, Command, Enrichment, ProposedWorkflow
from .prompts import EnrichAnswer, WorkflowNotes
from .redact import redact


def enrichment_from_answer(spec: CliSpec, answer: EnrichAnswer) -> Enrichment:
    """The valid part of ``answer`` for ``spec`` (secrets redacted, see the module doc)."""
    out = Enrichment()
    for item in answer.commands:
        command = spec.find_command(item.path)
        if command is None:
            out.notes.append(f"enrichment: no command `{' '.join(item.path)}` in the "
                             "analysis; what the model said about it is ignored")
            continue
        words = spec.command_words(command)
        key = Enrichment.key(words)
        if item.purpose.strip():
            out.purposes[key] = redact(item.purpose.strip())
        risks = [redact(r.strip()) for r in item.risks if r.strip()]
        if risks:
            out.risks[key] = list(dict.fromkeys([*out.risks.get(key, []), *risks]))
        for target, values in item.examples.items():
            _add_examples(out, command, words, target, values)
    for number, flow in enumerate(answer.workflows, 1):
        workflow = _workflow(flow)
        if workflow is None:
            out.notes.append(f"enrichment: workflow {number} has a step that is not a "
                             "command line; dropped")
        else:
            out.workflows.append(workflow)
    return out


def _add_examples(out: Enrichment, command: Command, words: list[str], target: str,
                  values: list[str]) -> None:
    option = command.find_option(target)
    positional = next((p for p in command.positionals if p.name == target), None)
    where = " ".join([*words, target])
    if option is not None and option.takes_value:
        name, choices = option.primary, option.choices
    elif positional is not None:
        name, choices = positional.name, positional.choices
    else:
        out.notes.append(f"enrichment: `{where}` is not an option taking a value nor an "
                         "argument; its examples are ignored")
        return
    usable = [redact(v) for v in values if v.strip()]
    if choices:
        wrong = [v for v in usable if v not in choices]
        if wrong:
            out.notes.append(f"enrichment: {', '.join(map(repr, wrong))} for `{where}` "
                             f"is not among its choices; ignored")
        usable = [v for v in usable if v in choices]
    key = Enrichment.key(words, name)
    merged = list(dict.fromkeys([*out.option_examples.get(key, []), *usable]))
    if merged:
        out.option_examples[key] = merged


def _workflow(flow: WorkflowNotes) -> ProposedWorkflow | None:
    steps: list[list[str]] = []
    for step in flow.steps:
        try:
            argv = shlex.split(step) if isinstance(step, str) else list(step)
        except ValueError:  # unbalanced quotes
            return None
        if not argv or not argv[0].strip():
            return None
        steps.append([redact(a) for a in argv])
    if not steps:
        return None
    return ProposedWorkflow(description=redact(flow.description.strip()), steps=steps)


def combine(first: Enrichment, then: Enrichment) -> Enrichment:
    """``first`` with ``then`` added: its purposes win, examples and risks are joined."""
    out = first.model_copy(deep=True)
    out.purposes.update(then.purposes)
    for key, risks in then.risks.items():
        out.risks[key] = list(dict.fromkeys([*out.risks.get(key, []), *risks]))
    for key, values in then.option_examples.items():
        # the later (model's) values first: the generator uses the first usable one
        out.option_examples[key] = list(dict.fromkeys([*values,
                                                       *out.option_examples.get(key, [])]))
    out.workflows.extend(then.workflows)
    out.notes.extend(n for n in then.notes if n not in out.notes)
    return out
