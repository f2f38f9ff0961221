"""Deterministic workflows for stateful tools: create, read, change, delete, list.

Many CLIs keep state (notes, tasks, keys, containers): one command creates a thing
and prints its id, others take that id. Single cases cannot test that ``done``
marks the right item or that ``delete`` removes it; a workflow that creates two
items, captures their ids and then reads, changes and deletes them by id can. The
roles are guessed from command names and summaries, so a generated workflow is
tagged ``heuristic`` for review.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Iterable, Sequence

from ..analysis.spec import CliSpec, Command, Enrichment, Option, Positional
from ..plans.model import Step, Workflow
from .samples import sample_value
from .typed_values import further_values

# An id as tools print them: a UUID, a hex id (commit-like) or a number.
ID_PATTERN = (r"\b([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
              r"|[0-9a-f]{7,40}|[0-9]+)\b")
# The first 8 characters of a long id, for commands whose help says a unique prefix of
# an id names the item too (git, docker and many note or task tools do).
PREFIX_PATTERN = r"\b([0-9a-fA-F]{8})[0-9a-fA-F]*(?:-[0-9a-fA-F]+)*\b"
_CREATE = re.compile(r"^(add|create|new|insert|put|register|make|push)$|"
                     r"\b(add|create|new|insert)\b", re.I)
_READ = re.compile(r"^(show|get|view|info|describe|inspect|cat|read)$", re.I)
_DELETE = re.compile(r"^(delete|del|remove|rm|drop|destroy|purge)$", re.I)
_LIST = re.compile(r"^(list|ls|all|status|index)$", re.I)
_SUMMARY = re.compile(r"^(stats|summary|count|report|info)$", re.I)
_EXPORT = re.compile(r"^(export|dump|backup|save)$", re.I)
_IMPORT = re.compile(r"^(import|load|restore)$", re.I)
_ID_NAME = re.compile(r"^(id|ids|key|ref|name|uuid|item|note|task)s?$", re.I)
_MACHINE_FLAGS = ("--json", "--format=json", "--output=json", "-o=json")


def generate_workflows(spec: CliSpec, enrichment: Enrichment | None = None) -> list[Workflow]:
    """At most one create-read-update-delete workflow, when the roles are there; the
    items it creates take the agent's example values (``enrichment``) when it gave some."""
    commands = {c.name: c for c in spec.root.subcommands}
    creator = _first(commands.values(), lambda c: bool(_CREATE.search(c.name)))
    by_id = [c for c in commands.values() if _id_positional(c) is not None and c is not creator]
    if creator is None or not by_id:
        return []
    tool = spec.tool
    given = enrichment or Enrichment()
    creator_words = spec.command_words(creator)

    def examples(item: Option | Positional) -> list[str]:
        names = item.flags if isinstance(item, Option) else [item.name]
        return given.examples_for(creator_words, names)

    readers = [c for c in by_id if _READ.match(c.name)]
    by_prefix = [c for c in readers if _takes_prefix(c)]
    first_capture = {"first": ID_PATTERN, **({"first_prefix": PREFIX_PATTERN} if by_prefix
                                             else {})}
    steps: list[Step] = [
        _step(tool, creator, _create_args(creator, "first", examples), capture=first_capture),
        _step(tool, creator, _create_args(creator, "second", examples),
              capture={"second": ID_PATTERN}),
    ]
    deleters = [c for c in by_id if _DELETE.match(c.name)]
    changers = [c for c in by_id if c not in readers and c not in deleters]
    listers = [c for c in commands.values() if _LIST.match(c.name) and _no_required_args(c)]
    summaries = [c for c in commands.values() if _SUMMARY.match(c.name)
                 and _no_required_args(c)]

    def observe() -> None:
        for reader in readers:
            steps.append(_step(tool, reader, ["${first}"]))
            machine = _machine_flag(reader)
            if machine:
                steps.append(_step(tool, reader, [machine, "${first}"]))
        for lister in listers:
            steps.append(_step(tool, lister, []))
        for summary in summaries:
            steps.append(_step(tool, summary, []))
            machine = _machine_flag(summary)
            if machine:
                steps.append(_step(tool, summary, [machine]))

    observe()
    steps.extend(_step(tool, reader, ["${first_prefix}"]) for reader in by_prefix)
    for changer in changers:
        steps.append(_step(tool, changer, ["${first}"]))
        observe()
    exporter = _first(commands.values(), lambda c: bool(_EXPORT.match(c.name)))
    importer = _first(commands.values(), lambda c: bool(_IMPORT.match(c.name)))
    if exporter and importer and exporter.positionals and importer.positionals:
        steps.append(_step(tool, exporter, ["testronaut-export.out"]))
        steps.append(_step(tool, importer, ["testronaut-export.out"]))
        for lister in listers:
            steps.append(_step(tool, lister, []))
    for deleter in deleters:
        # The newer item: deleting the oldest by mistake then shows.
        steps.append(_step(tool, deleter, ["${second}"]))
        for reader in readers:
            steps.append(_step(tool, reader, ["${first}"]))
            steps.append(_step(tool, reader, ["${second}"]))
        for lister in listers:
            steps.append(_step(tool, lister, []))
    return [Workflow(
        id="lifecycle",
        description=(f"create two items with `{tool} {creator.name}`, capture their ids, then "
                     "read, change, export/import and delete by id (roles guessed from "
                     "command names: review the steps)"),
        tags=["workflow", "heuristic"], steps=steps, origin="generated",
    )]


def _first(commands: Iterable[Command], pick: Callable[[Command], bool]) -> Command | None:
    return next((command for command in commands if pick(command)), None)


def _id_positional(command: Command) -> Positional | None:
    required = [p for p in command.positionals if p.required]
    if len(required) != 1:
        return None
    name = required[0].name.strip("<>[]{}.").replace("-", "_")
    return required[0] if _ID_NAME.match(name) else None


def _takes_prefix(command: Command) -> bool:
    positional = _id_positional(command)
    return positional is not None and "prefix" in positional.description.lower()


def _no_required_args(command: Command) -> bool:
    return not any(p.required for p in command.positionals) and not any(
        o.required for o in command.options)


def _machine_flag(command: Command) -> str | None:
    for option in command.options:
        if "--json" in option.flags and not option.takes_value:
            return "--json"
        if option.takes_value and option.choices and "json" in option.choices:
            return f"{option.primary}=json"
    return None


def _create_args(command: Command, label: str,
                 examples: Callable[[Option | Positional], list[str]]) -> list[str]:
    # Distinct values per item, so reading or deleting the wrong one shows.
    args: list[str] = []
    for option in command.options:
        if option.required and option.takes_value:
            value = _distinct(sample_value(option, examples(option)), label)
            args += [option.primary, value, *further_values(option, value)]
    for positional in command.positionals:
        if positional.required:
            args.append(_distinct(sample_value(positional, examples(positional)), label))
    return args


def _distinct(value: str, label: str) -> str:
    return value if value.lstrip("-").isdigit() else f"{value} {label}"


def _step(tool: str, command: Command, args: list[str],
          capture: dict[str, str] | None = None) -> Step:
    path = list(command.path)
    argv = [*(path if path[:1] == [tool] else [tool, *path]), *args]
    return Step(command=command_line(argv), capture=capture or {}, origin="generated")


def command_line(argv: Sequence[str]) -> str:
    """The step command for ``argv``: quoted words, except ``${name}`` captures."""
    # ${name} must stay unquoted for substitution; shlex would quote the braces.
    return " ".join(a if a.startswith("${") else shlex.quote(a) for a in argv)
