"""Operands at their edges and the exit statuses a help documents, for generation with
a sandbox.

- ``edge_operands``: a command whose operands are its input (``pathchk NAME...``,
  ``expr EXPRESSION``) gets cases with its last text operand at an edge (empty, ``0``,
  a leading ``-``, a non-ASCII character, a space, a name longer than 14 characters)
  where the outcome differs from the working run's, and, for a variadic operand, a
  case where a LATER operand is the failing one (a tool checking only its first
  shows). Every edge is also a setting the option search tries last (``pathchk -p``
  only shows on a name that is not portable).
- ``quoted_operands``: the words an option's help quotes (``the `l' command``) as
  the command's first text operand, for the option search (``sed -l 5 l``).
- ``documented_statuses``: each exit status the help documents ("Exit status is 0 if
  ..., 1 if ..., 2 if ..."; where it documents none, 1) that no case of the command
  reaches yet gets a case that reaches it, among the edges, an extra operand, no
  operand, the runs of the option search and a missing file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..analysis.spec import Command, Option, Positional
from .evidence import INPUT_TEXTS, Search
from .operands import is_file_operand
from .probe import Outcome, Probe

if TYPE_CHECKING:
    from .cases import _Generator

# (what it is, the value): each breaks a different rule a check may make
EDGE_VALUES: tuple[tuple[str, str], ...] = (
    ("an empty operand", ""),
    ("the operand 0", "0"),
    ("an operand with a leading '-'", "-x"),
    ("an operand with a non-ASCII character", "é"),
    ("an operand with a space", "a b"),
    ("an operand longer than 14 characters", "a-name-longer-than-fourteen"),
)
MAX_EDGE_CASES = (2, 3, 4)  # per command and scope
# a word quoted as `l', 'l', "l" or in typographic quotes (U+2018/U+2019, U+201C/U+201D)
_QUOTED = re.compile("[`'\"\u2018\u201c]([^`'\"\u2019\u201d\\s]{1,12})['\"\u2019\u201d]")


def _operand_positionals(command: Command, search: Search) -> list[Positional]:
    """The positionals ``search.operands`` gives values to, in order."""
    others = [p for p in command.positionals if not is_file_operand(p)
              and p.value_type not in ("file", "path")]
    required = [p for p in others if p.required]
    return required if len(search.operands) == len(required) else \
        [*required, *[p for p in others if not p.required and not p.variadic]]


def _text_indexes(command: Command, search: Search) -> list[int]:
    positionals = _operand_positionals(command, search)
    return [i for i, (p, value) in enumerate(zip(positionals, search.operands, strict=False))
            if not p.choices and p.value_type not in ("int", "float", "file", "path")
            and not re.fullmatch(r"[+-]?\d+", value)]


def with_value(operands: Sequence[str], index: int, value: str) -> list[str]:
    """``operands`` with the one at ``index`` replaced (after ``--`` when it starts
    with '-', so it is read as an operand)."""
    out = [*operands[:index], value, *operands[index + 1:]]
    return ["--", *out] if value.startswith("-") else out


def _run(gen: _Generator, search: Search, operands: Sequence[str]) -> tuple[Probe,
                                                                             Outcome | None]:
    probe = search.probe([], "numbered", search.forms()[0], operands=operands)
    return probe, gen.prober.outcome(probe) if gen.prober else None


def edge_operands(gen: _Generator, command: Command, search: Search) -> None:
    """Cases and option-search settings for the last text operand at its edges (see
    the module); only for a command whose operands are its input (no stdin, no
    files in its working form)."""
    from .differential import _add

    indexes = _text_indexes(command, search)
    if gen.prober is None or not indexes or search.forms()[0] != "none":
        return
    index = indexes[-1]
    name = _operand_positionals(command, search)[index].name
    edges = [(what, with_value(search.operands, index, value)) for what, value in EDGE_VALUES]
    probes = [search.probe([], "numbered", "none", operands=o) for _, o in edges]
    base_probe, base = _run(gen, search, search.operands)
    got = gen.prober.outcomes(probes)
    search.edge_operands = [o for _, o in edges]
    kept: list[Outcome] = [base] if base is not None else []
    failing: str | None = None
    # a different exit status first (a check failing), then a different output
    order = sorted(range(len(edges)), key=lambda i: got[i] is None or base is None
                   or got[i].exit_code == base.exit_code)  # type: ignore[union-attr]
    limit = MAX_EDGE_CASES[gen.level]
    for number in order:
        outcome, what = got[number], edges[number][0]
        if outcome is None or outcome.timed_out or any(outcome.same(o) for o in kept):
            continue
        if base is not None and base.ok and not outcome.ok and failing is None:
            failing = EDGE_VALUES[number][1]
        if limit <= 0:
            continue
        limit -= 1
        kept.append(outcome)
        _add(gen, command, ["edge", name, _slug(what)], probes[number],
             f"{name} at an edge, {what}: differs from `{' '.join(base_probe.argv)}`",
             outcome)
    positional = _operand_positionals(command, search)[index]
    if failing is not None and positional.variadic and base is not None:
        later_fails(gen, command, search, index, failing, base)


def later_fails(gen: _Generator, command: Command, search: Search, index: int,
                failing: str, base: Outcome) -> None:
    """A variadic operand given twice, the second one failing where the first works:
    a tool that checks only its first operand would succeed."""
    from .differential import _add

    operands = [*search.operands[:index + 1], failing, *search.operands[index + 1:]]
    if failing.startswith("-"):
        operands = ["--", *operands]
    probe, outcome = _run(gen, search, operands)
    if outcome is None or outcome.ok or outcome.timed_out or outcome.same(base):
        return
    name = _operand_positionals(command, search)[index].name
    _add(gen, command, ["edge", name, "later-fails"], probe,
         f"two {name} operands, the second one failing ({failing!r}): exits "
         f"{outcome.exit_code} where the first alone exits {base.exit_code}", outcome)


def quoted_operands(command: Command, search: Search, option: Option) -> list[list[str]]:
    """The command's operands with its first text operand replaced by each word the
    option's help quotes (at most two): ``-l N ... for the `l' command``."""
    indexes = _text_indexes(command, search)
    if not indexes:
        return []
    words = list(dict.fromkeys(_QUOTED.findall(option.description)))[:2]
    return [with_value(search.operands, indexes[0], word) for word in words]


def documented_statuses(gen: _Generator, command: Command, search: Search,
                        start: int) -> None:
    """A case for each documented exit status (where the help documents none: 1, the
    usual failure) no case since ``start`` reaches yet (see the module): the first
    run reaching it among the edges, an extra operand, no operand, the runs of the
    option search (``iconv -f ASCII`` on a character ASCII lacks) and a missing file."""
    from .differential import _add

    documented = bool(command.exit_statuses)
    wanted = dict(command.exit_statuses) or {1: "the usual failure status"}
    if gen.prober is None or gen.prober.broken:
        return
    reached = {o.exit_code for i, p in gen.probes.items() if i >= start
               and (o := gen.prober.cache.get(p)) is not None}
    missing = [code for code in sorted(wanted) if code not in reached]
    if not missing:
        return
    form = search.forms()[0]
    candidates: list[list[str]] = [*search.edge_operands]
    if search.operands:
        candidates.append([*search.operands, search.operands[-1]])  # an extra operand
        candidates.append([])  # no operand
    probes = [search.probe([], "numbered", form, operands=o) for o in candidates]
    got = gen.prober.outcomes(probes)
    searched = [(p, o) for p, o in gen.prober.cache.items() if o is not None
                and p.argv[:len(search.prefix)] == tuple(search.prefix) and not p.watch
                and p.dataset in INPUT_TEXTS and not o.timed_out]
    # runs with an option first (a missing file comes last anyway)
    searched.sort(key=lambda item: not any(w.startswith("-") for w in item[0].argv[1:]))
    probes += [p for p, _ in searched]
    got += [o for _, o in searched]
    if search.file_slots:
        probes.append(search.probe([], "numbered", "missing"))
        got += gen.prober.outcomes(probes[-1:])
    for code in missing:
        found = next(((p, o) for p, o in zip(probes, got, strict=True)
                      if o is not None and o.exit_code == code), None)
        if found is None:
            continue
        probe, outcome = found
        what = "the documented exit status" if documented else "exit status"
        _add(gen, command, ["status", str(code)], probe,
             f"reaches {what} {code} ({wanted[code][:80]})", outcome)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:24]
