"""Operands that are values, not inputs: numbers, and expressions into a document.

A tool whose main operand is a VALUE (``roman NUMBER``, ``jp.py EXPRESSION``,
``jsonpath EXPRESSION [FILE...]``) works on that value: a case only tests it when the
value is one the tool reads, and a value at its edges only when one is tried.

- ``is_expression_operand``: an operand whose name or help says it is an expression,
  query, path, pointer, filter or selector INTO the data the command reads (it reads
  stdin or files): for such a command, :func:`document_inputs` puts first a JSON
  document (:data:`DOCUMENT`, with a list, an object, a string, a boolean, a null and
  a number) built so that :data:`EXPRESSIONS` select different parts of it, in the
  syntaxes such tools use (dotted paths, JMESPath, JSONPath, JSON Pointer, jq); the
  one the tool reads (output, exit 0) becomes the working operand.
- ``value_candidates``: for an expression operand, :data:`EXPRESSIONS`; for a number
  operand, :data:`NUMBER_EDGES` (0, 1, 2, negative, decimal, large, the edges of a
  range, other notations: ``1,234``, ``1e3``, ``0x1F``, a Roman numeral, words).
- ``value_operand_cases``: a case per value with an outcome of its own (up to a
  limit per scope: the working ones first, then those that fail differently), and
  each value a setting of the option search (``roman -r`` only works on a numeral,
  ``--ast`` on any expression).

Everything is a constant or a pure function of the help and the runs: generation
stays deterministic.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..analysis.spec import Command, Positional, value_type_of

if TYPE_CHECKING:
    from .cases import _Generator
    from .evidence import Search
    from .probe import Outcome

_EXPR_NAME = re.compile(r"(?i)EXPR|QUERY|FILTER|POINTER|SELECTOR|JSON_?PATH|JMES_?PATH|"
                        r"XPATH|\bPATH_?EXPR")
_EXPR_HELP = re.compile(r"(?i)\bexpressions?\b|\bquer(y|ies)\b|\bpointers?\b|json ?path|"
                        r"jmespath|xpath|\bselectors?\b|\bfilters?\b")
_FILE_WORDS = re.compile(r"(?i)\bfile ?names?\b|\bfiles?\b")

# A document whose parts each of :data:`EXPRESSIONS` selects differently: a list of
# mixed items, a nested object, a string, a boolean, a null, a number.
DOCUMENT_DATA = {"a": [1, 2, {"b": "x"}], "c": {"d": "e", "n": 3}, "s": "text",
                 "t": True, "z": None}
DOCUMENT = json.dumps(DOCUMENT_DATA) + "\n"
DOCUMENT_SECOND = json.dumps({"a": [5, 6], "c": {"d": "f"}}) + "\n"
DOCUMENT_LIST = json.dumps([{"a": 1, "b": "x"}, {"a": 2, "b": "y"}, {"a": 3}]) + "\n"
DOCUMENTS: dict[str, tuple[str, str, str]] = {
    "expr-doc": (DOCUMENT, DOCUMENT_SECOND,
                 "a JSON document: a list, an object, a string, a boolean, null"),
    "expr-doc-list": (DOCUMENT_LIST, DOCUMENT_SECOND, "a JSON list of objects"),
}
# Expressions into DOCUMENT, each syntax's simplest first (the first one the tool
# reads becomes the working operand), then ones selecting other parts: an index (an
# off-by-one shows), a negative index, a nested key, a wildcard, a function, the root,
# a key that is not there, and an unfinished expression (the error path).
EXPRESSIONS: tuple[str, ...] = (
    "a", ".", "/a", "$.a",
    "a[0]", "c.d", "a[1]", "a[-1]", "a[2].b", "a[*]", "length(a)", "keys(@)", "s",
    "$.a[0]", "$.c.d", "$.a[1]", "$..b", "$.a[*]", "$",
    "/a/0", "/c/d", "/a/1", "/a/2/b", "",
    ".a[0]", ".c.d", ".a[1]", ".a | length", ".[]",
    "missing", "a[",
)
SIMPLEST = 4  # the first EXPRESSIONS: each syntax's simplest
# Numbers at their edges and in other notations (what a number converter reads or
# refuses): each is tried where the help's own example or the working value was.
NUMBER_EDGES: tuple[str, ...] = (
    "0", "1", "2", "10", "42", "-1", "1.5", "1000", "65536",
    "1,234", "1e3", "0x1F", "XLII", "forty-two", "3rd",
)
# A command whose number is a time to wait: large values would only wait.
_WAITS = re.compile(r"(?i)\bseconds?\b|\bsleep|\bwait|\bdelay|\btimeout|\bduration|\binterval")
MAX_OUTPUT = 2000  # a value case's output must stay short enough to review
MAX_VALUE_CASES = (4, 6, 8)  # per command and scope: working values
MAX_FAILING_CASES = (1, 2, 3)  # values that fail, each differently
MAX_EDGE_SETTINGS = 8  # failing values the option search tries last
MAX_WORKING_EDGES = 2  # working values beyond the operand settings, tried last too


def is_expression_operand(positional: Positional) -> bool:
    """Whether the operand's name or help says it is an expression into the data."""
    if positional.choices or value_type_of(positional) in ("int", "float"):
        return False
    if _EXPR_NAME.search(positional.name):
        return True
    text = positional.description
    return bool(text) and _EXPR_HELP.search(text) is not None and \
        _FILE_WORDS.search(text) is None


def is_number_operand(positional: Positional) -> bool:
    """Whether the operand wants a number (its type, or a name saying so)."""
    return not positional.choices and (value_type_of(positional) in ("int", "float") or bool(
        re.search(r"(?i)^(N|NUM|NUMBER|INT|INTEGER|VALUE|AMOUNT|COUNT)\d?$", positional.name)
        and re.search(r"(?i)\bnumber|\bnumeral|\bint(eger)?\b|\bamount|\bcount|"
                      r"\bvalue to convert|^$", positional.description)))


def document_datasets() -> dict[str, dict[str, str]]:
    """The documents as the files of a probe folder (stdin, first and second file)."""
    return {name: {".stdin": first, "input.txt": first, "input2.txt": second}
            for name, (first, second, _) in DOCUMENTS.items()}


def describe(name: str) -> str | None:
    """How a case names a document input, or ``None`` for another input."""
    found = DOCUMENTS.get(name)
    return found[2] if found else None


def expression_operands(command: Command, reads_data: bool) -> list[Positional]:
    """The required operands that are expressions into the data the command reads
    (none when it reads no data: ``expr EXPRESSION`` computes its operands)."""
    if not reads_data:
        return []
    return [p for p in command.positionals if p.required and is_expression_operand(p)]


def document_inputs(command: Command, formats: Sequence[str], reads_data: bool
                    ) -> list[str]:
    """``formats`` (a command's format inputs) with the documents first, for a command
    reading data through an expression operand whose help names no format."""
    if formats or not expression_operands(command, reads_data):
        return list(formats)
    return list(DOCUMENTS)


def value_candidates(positional: Positional, command: Command | None = None,
                     reads_data: bool = True) -> list[str]:
    """Values to try for a value operand (see the module); ``[]`` for another: an
    expression only into data the command reads, a number not when the command
    waits that long (``sleep NUMBER``)."""
    first = [positional.example] if positional.example else []
    if is_expression_operand(positional):
        return list(dict.fromkeys([*first, *EXPRESSIONS])) if reads_data else []
    waits = command is not None and _WAITS.search(
        f"{command.summary} {command.usage} {positional.description}") is not None
    if is_number_operand(positional) and not waits:
        return list(dict.fromkeys([*first, *NUMBER_EDGES]))
    return []


def working_expressions(gen: _Generator, search: Search, command: Command,
                        required: Sequence[Positional]) -> tuple[list[str], bool] | None:
    """Values for ``required`` with which the command works (exit 0, some output) when
    one of them is an expression into the data it reads: each expression in turn
    (see :data:`EXPRESSIONS`), the other operands their sampled values; ``None`` when
    there is no such operand or none works (the usual search then runs)."""
    found = expression_operands(command, search.reads_stdin or search.file_slots > 0)
    if gen.prober is None or not found:
        return None
    sample = gen.sampler_for_search
    lists = [value_candidates(p) if p in found else [sample(p)] for p in required]
    combos = [[values[min(j, len(values) - 1)] for values in lists]
              for j in range(max(len(v) for v in lists))]
    form = search.forms()[0]
    # each syntax's simplest expression first, alone: most tools read one of them,
    # and a batch of a few starts is cheap
    for chunk in (combos[:SIMPLEST], combos[SIMPLEST:]):
        got = gen.prober.outcomes([search.probe([], "numbered", form, operands=c)
                                   for c in chunk])
        for combo, outcome in zip(chunk, got, strict=True):
            if outcome is not None and outcome.ok and outcome.stdout.strip():
                return combo, True
    return None


def value_operand_cases(gen: _Generator, command: Command, search: Search) -> None:
    """A case per value of each value operand with an outcome of its own (see the
    module): working values first, then up to a few failing differently; each also
    a setting of the option search (the failing ones among the last tried)."""
    from .differential import _add
    from .edges import _operand_positionals
    from .operands import MAX_SETTINGS, _add_setting

    if gen.prober is None or not search.operands:
        return
    form = search.forms()[0]
    base_probe = search.probe([], "numbered", form)
    base = gen.prober.outcome(base_probe)
    if base is None:
        return
    positionals = _operand_positionals(command, search)
    reads = search.reads_stdin or search.file_slots > 0
    for index, positional in enumerate(positionals[:len(search.operands)]):
        values = [v for v in value_candidates(positional, command, reads)
                  if v != search.operands[index]]
        if not values:
            continue
        trials = [[*search.operands[:index], v, *search.operands[index + 1:]] for v in values]
        probes = [search.probe([], "numbered", form, operands=t) for t in trials]
        got = gen.prober.outcomes(probes)
        kept: list[Outcome] = [base]
        working, failing = MAX_VALUE_CASES[gen.level], MAX_FAILING_CASES[gen.level]
        working_settings = failing_settings = 0
        # the working values first, in the table's order, then the failing ones
        order = sorted(range(len(values)), key=lambda i: not search.accepts(got[i]))
        for number in order:
            outcome = got[number]
            if outcome is None or outcome.timed_out or len(outcome.stdout) > MAX_OUTPUT:
                continue
            works = search.accepts(outcome)
            if trials[number] not in [*search.other_operands, *search.edge_operands] and (
                    failing_settings < MAX_EDGE_SETTINGS if not works else
                    working_settings < MAX_WORKING_EDGES
                    and len(search.other_operands) >= MAX_SETTINGS):
                # tried last by the option search (``roman -r XLII``: a numeral only
                # works with the option), whether or not it gets a case: failures
                # differing only in their message look the same here
                search.edge_operands.append(trials[number])
                failing_settings += not works
                working_settings += works
            if any(outcome.same(o) for o in kept):
                continue
            kept.append(outcome)
            if (working if works else failing) <= 0:
                continue
            if works:
                working -= 1
                _add_setting(search, trials[number])
            else:
                failing -= 1
            what = "works" if works else f"fails (exit {outcome.exit_code})"
            _add(gen, command, ["value", positional.name, f"{number + 1}-{_slug(values[number])}"],
                 probes[number], f"{positional.name} = {values[number]!r} {what}: differs "
                 f"from `{shlex.join(base_probe.argv)}` and from the other values", outcome)


def _slug(value: str) -> str:
    """A case-id part for a value: its letters and digits, else its length."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", value).strip("-")[:20]
    return slug or ("empty" if not value else f"sym{len(value)}")
