"""Every documented arity of a command's operands, for generation with a sandbox.

Each usage line's operands (``seq LAST`` / ``seq FIRST LAST``), each optional operand
given (``basename NAME SUFFIX``), a variadic operand given twice (``dirname NAME...``
with two names) and a number operand of two digits (``seq 10``: padding to a width
shows). The value of the operand a form adds is chosen among candidates where the
output differs from the same command without it; parts of the operand before it are
among the candidates (``basename an n``: a suffix that is there to strip). Every form
that works is also a setting the option search tries (``basename -a`` shows with two
names only, ``seq -w`` with numbers of two widths).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..analysis._usage import positionals_from_usage, usage_patterns
from ..analysis.spec import Command, Positional, value_type_of
from .evidence import Search, operand_values
from .probe import Outcome

if TYPE_CHECKING:
    from .cases import _Generator

# Forms (beyond the first) per command and scope; each is a case and a setting.
MAX_FORMS = (4, 6, 8)
# Further operand settings the option search may try (each costs runs per option).
MAX_SETTINGS = 3
_NUMBER = re.compile(r"\d+")


def is_file_operand(positional: Positional) -> bool:
    return positional.name.upper().rstrip("0123456789") in ("FILE", "INPUT")


def _is_text(positional: Positional) -> bool:
    return not positional.choices and value_type_of(positional) not in (
        "int", "float", "file", "path")


def candidate_operands(gen: _Generator, operands: Sequence[Positional]) -> list[list[str]]:
    """Values for ``operands`` together: the j-th candidate of each (rotated per
    operand so two text operands differ: ``tr a x``, not ``tr a a``), then, for a
    text operand after another, the end and the start of the one before
    (``basename an n``)."""
    sample = gen.sampler_for_search
    lists = [operand_values(p, sample(p), i) for i, p in enumerate(operands)]
    if not lists:
        return [[]]
    lists = [values[i % len(values):] + values[:i % len(values)]
             if not operands[i].choices else values for i, values in enumerate(lists)]
    combos = [[values[min(j, len(values) - 1)] for values in lists]
              for j in range(max(len(v) for v in lists))]
    if len(operands) >= 2 and _is_text(operands[-1]):
        head = [values[0] for values in lists[:-2]]
        for before in lists[-2]:
            if len(before) < 2:
                continue
            for part in (before[-1:], before[len(before) // 2:], before[:-1]):
                combos.append([*head, before, part])
    if len(operands) == 1 and _is_text(operands[0]) and _COMMAND_NAME.search(
            f"{operands[0].name} {operands[0].description}"):
        combos.append([gen.spec.tool])  # a program's name: the tool's own is on PATH
    if len(operands) == 1 and _TERMINAL.search(operands[0].name):
        combos += [[name] for name in TERMINALS]  # ``infocmp [termname...]``
    unique: list[list[str]] = []
    for combo in combos:
        if combo not in unique:
            unique.append(combo)
    return unique


# An operand naming a terminal type, and types every terminfo database has.
_TERMINAL = re.compile(r"(?i)^(?:term|terminal)(?:[-_ ]?(?:name|type))?s?$|^termname")
TERMINALS = ("vt100", "xterm", "dumb")
# An operand naming programs (``which [-a] args``, ``type COMMAND``): of the names on
# PATH, the tool's own is the one sure to be there.
_COMMAND_NAME = re.compile(r"(?i)^(?:args?|commands?|programs?|progs?|cmds?|filenames?)\b|"
                           r"\bname of (?:a|the) (?:command|program)")


def working_operands(gen: _Generator, search: Search, operands: Sequence[Positional]
                     ) -> tuple[list[str], bool]:
    """Values for ``operands`` with which the command works (exit 0, some output),
    and whether any did: the j-th candidate of each operand together, in order."""
    if not operands:
        return [], True
    combos = candidate_operands(gen, operands)
    form = search.forms()[0]
    dataset = "keyed-pair" if search.pairs else "numbered"
    got = gen.prober.outcomes([search.probe([], dataset, form, operands=combo)
                               for combo in combos]) if gen.prober else []
    for need_output in (True, False):
        for combo, outcome in zip(combos, got, strict=False):
            if outcome is not None and outcome.ok and (
                    bool(outcome.stdout.strip()) or not need_output):
                return combo, True
    return combos[0], False


def _forms_of(command: Command, path: list[str]) -> list[tuple[str, list[Positional], int]]:
    """(usage pattern, operands, index of the operand the form adds or -1) for each
    form worth a case: each pattern's required operands, then each optional operand
    added, then each variadic one given twice (input files are not operands here:
    the forms of input have cases of their own)."""
    out: list[tuple[str, list[Positional], int]] = []
    for pattern in usage_patterns(command.usage.splitlines()):
        found = [p for p in positionals_from_usage([pattern], path, False)
                 if not is_file_operand(p)]
        required = [p for p in found if p.required]
        out.append((pattern, required, -1))
        given = list(required)
        for positional in found:
            if not positional.required and not positional.variadic:
                given = [*given, positional]
                out.append((pattern, list(given), len(given) - 1))
        for positional in found:
            if not positional.variadic:
                continue
            at = max((i for i, p in enumerate(given) if p is positional), default=-1)
            if at < 0:  # an optional one: given once, then twice
                given = [*given, positional]
                at = len(given) - 1
                out.append((pattern, list(given), at))
            out.append((pattern, [*given[:at + 1], positional, *given[at + 1:]], at + 1))
    return out


def operand_forms(gen: _Generator, command: Command, search: Search) -> None:
    """One case per form of the operands (see the module), each added operand's value
    where it shows; working forms become settings of the option search."""
    from .differential import _add

    if gen.prober is None:
        return
    prefix = gen.prefix(command)
    done = {len(search.operands)}
    seen_extra: set[tuple[str, ...]] = set()
    seen_values: list[list[str]] = [list(search.operands)]
    budget = MAX_FORMS[gen.level]
    for pattern, operands, added in _forms_of(command, prefix[1:]):
        names = tuple(p.name for p in operands)
        if added < 0:
            if len(operands) in done:
                continue
            done.add(len(operands))
        elif names in seen_extra:
            continue
        if budget <= 0 or gen.prober.exhausted:
            break
        seen_extra.add(names)
        budget -= 1
        trial = Search(search.prober, search.prefix, [], search.reads_stdin,
                       search.file_slots, pairs=search.pairs, watch=search.watch)
        values, shown, got = _best_values(gen, trial, operands, added)
        if values in seen_values:
            continue  # the same command line as a form before (or the plain runs')
        seen_values.append(values)
        probe = trial.probe([], "numbered", trial.forms()[0], operands=values)
        if added < 0:
            what = f"the usage form `{pattern}`"
        elif operands[added].variadic:
            what = f"two {operands[added].name} operands (`{pattern}`)"
        else:
            what = f"with the optional {operands[added].name} (`{pattern}`)"
        _add(gen, command, ["form", *names], probe, what + shown, got)
        if got is not None and got.ok:
            _add_setting(search, values)
    _wide_numbers(gen, search)
    choice_operands(gen, command, search)


MAX_CHOICE_CASES = (4, 8, 12)  # per command and scope


def choice_operands(gen: _Generator, command: Command, search: Search) -> None:
    """A case for each other choice of an operand with choices (argparse's ``{upper,
    lower}``), where the command works with it and its output differs from the working
    run's and from the choices kept before; each such choice is also a setting of the
    option search."""
    from .differential import _add
    from .edges import _operand_positionals

    if gen.prober is None or not search.operands:
        return
    form = search.forms()[0]
    base_probe = search.probe([], "numbered", form)
    base = gen.prober.outcome(base_probe)
    if base is None or not base.ok:
        return
    limit = MAX_CHOICE_CASES[gen.level]
    positionals = _operand_positionals(command, search)
    for index, positional in enumerate(positionals[:len(search.operands)]):
        others = [c for c in positional.choices or [] if c != search.operands[index]]
        trials = [[*search.operands[:index], c, *search.operands[index + 1:]] for c in others]
        probes = [search.probe([], "numbered", form, operands=t) for t in trials]
        kept: list[Outcome] = [base]
        for choice, values, probe, got in zip(others, trials, probes,
                                              gen.prober.outcomes(probes), strict=True):
            if limit <= 0 or got is None or not got.ok or any(got.same(o) for o in kept):
                continue
            limit -= 1
            kept.append(got)
            _add(gen, command, ["choice", positional.name, choice], probe,
                 f"{positional.name} = {choice!r}: differs from `{shlex.join(base_probe.argv)}`"
                 " and from the other choices", got)
            _add_setting(search, values)


def _best_values(gen: _Generator, trial: Search, operands: Sequence[Positional],
                 added: int) -> tuple[list[str], str, Outcome | None]:
    """Values for ``operands`` (the one at ``added`` is the one the form adds): the
    first candidate where the command works and, with an added operand, differs from
    the run without it; else the first that works."""
    assert gen.prober is not None
    combos = candidate_operands(gen, operands)
    form = trial.forms()[0]
    full = [trial.probe([], "numbered", form, operands=c) for c in combos]
    without = [trial.probe([], "numbered", form, operands=[*c[:added], *c[added + 1:]])
               for c in combos] if added >= 0 else []
    got = gen.prober.outcomes([*full, *without])
    mine, bases = got[:len(full)], got[len(full):]
    if added >= 0:
        for combo, outcome, base in zip(combos, mine, bases, strict=False):
            if outcome is not None and outcome.ok and outcome.stdout.strip() and \
                    not outcome.same(base):
                return combo, ": differs from the run without it", outcome
    for need_output in (True, False):
        for combo, outcome in zip(combos, mine, strict=False):
            if outcome is not None and outcome.ok and (
                    bool(outcome.stdout.strip()) or not need_output):
                return combo, "", outcome
    return combos[0], "", mine[0] if mine else None


def _add_setting(search: Search, values: Sequence[str]) -> None:
    chosen = list(values)
    if chosen != search.operands and chosen not in search.other_operands and \
            len(search.other_operands) < MAX_SETTINGS:
        search.other_operands.append(chosen)


def _wide_numbers(gen: _Generator, search: Search) -> None:
    """A setting with the last number operand at two digits (``seq 10``), where the
    command works with it: options padding to a width show there."""
    assert gen.prober is not None
    for values in [search.operands, *search.other_operands]:
        numbers = [i for i, v in enumerate(values) if _NUMBER.fullmatch(v)]
        if not numbers:
            continue
        wide = list(values)
        wide[numbers[-1]] = str(max(10, int(values[numbers[-1]]) + 9))
        got = gen.prober.outcome(search.probe([], "numbered", search.forms()[0],
                                              operands=wide))
        if got is not None and got.ok and got.stdout.strip():
            if wide not in search.other_operands and wide != search.operands:
                search.other_operands.append(wide)  # beyond MAX_SETTINGS: one more
            return
