"""Holes in recorded output: the notation, and matching output against it.

A recorded ``equals`` text may hold *holes*, spans whose value changes from run to
run. Recording learns them (:mod:`.hole_learning`) and a person may write them:

==================  ==========================================================
``[int]``           an integer: digits, an optional leading ``-``
``[num]``           a decimal number: an integer, or digits with a fraction
                    (``0.125``) and/or an exponent (``4.2e-05``); a unit after it
                    (``ms``, ``MB/s``) is text
``[hex]``           hexadecimal digits, any number of them (at least one)
``[hex:N]``         exactly ``N`` hexadecimal digits
``[uuid]``          a UUID (8-4-4-4-12 hex digits), any version
``[uuid:V]``        a UUID of version ``V`` (1 to 8)
``[tmp-path]``      a path whose last part is a temporary name: ``tmp.XXXXXXXXXX``
                    (mktemp: 10 letters or digits) or ``tmpXXXXXXXX`` (Python's
                    tempfile: 8 of lower-case letters, digits and ``_``)
``[timestamp]``     a date and/or time of day: ``2024-01-31``, ``2024-01-31T10:00:00``,
                    ``2024-01-31 10:00:00.123``, ``10:00:00``, ``Tue Dec  1 05:33:02``;
                    a zone (``Z``, ``+02:00``, ``UTC``) is not part of it
``[word]``          one word of letters, digits and ``_ . + / = -`` (a random token,
                    a base64 or base32 value, a drawn name)
``[word:N]``        exactly ``N`` such characters
``[pad]``           blanks (spaces or tabs, at least one) that align a column: a
                    table whose column width follows a value re-aligns there
``[..]``            any text within one line (also none)
==================  ==========================================================

Everything else is literal: it must be in the output exactly, so text around a hole
shifts only by as much as the hole's value is wider or narrower. Brackets that are
not hole names (``[INFO]``, ``[1/3]``) are plain text. A hole name with a bad argument
(``[hex:abc]``, ``[uuid:9]``, ``[int:3]``) is an error, so a typo is never taken for
text. To write hole text literally, put a backslash before it: ``\\[int]`` is the
text ``[int]``. Backslashes count only right before a hole name: ``k`` of them stand
for ``k // 2`` backslashes, and an odd ``k`` makes the bracket literal (``\\\\[int]``
is one backslash, then a hole). :func:`escape` writes any text so that it reads back
as itself.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .judge import Judge
    from .rules import Rule
    from .structural import Format
    from .verdict import Verdict

__all__ = [
    "HOLE_KINDS",
    "Hole",
    "HoleSyntaxError",
    "Template",
    "TemplateMatch",
    "compare_recorded",
    "escape",
    "has_holes",
    "parse_template",
]

# --- the kinds ---------------------------------------------------------------------------
_HEX = "[0-9a-fA-F]"
_MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_TIME = r"\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?"
_TIMESTAMP = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]{_TIME})?"
    rf"|(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? )?{_MONTH} [ \d]\d {_TIME}"
    rf"|{_TIME})"
)
_TEMP_NAME = r"(?:tmp\.[A-Za-z0-9]{10}|tmp[a-z0-9_]{8})"
_TMP_PATH = rf"/?(?:[\w.@+~-]+/)*{_TEMP_NAME}"

# kind -> (pattern, argument: None | "length" | "version", what a value is)
HOLE_KINDS: dict[str, tuple[str, str | None, str]] = {
    "int": (r"-?[0-9]+", None, "an integer"),
    "num": (r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?", None, "a decimal number"),
    "hex": (rf"{_HEX}+", "length", "hexadecimal digits"),
    "uuid": (rf"{_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}}", "version",
             "a UUID"),
    "tmp-path": (_TMP_PATH, None, "a path with a temporary name (tmp.XXXXXXXXXX or "
                                  "tmpXXXXXXXX)"),
    "timestamp": (_TIMESTAMP, None, "a date or time of day"),
    "word": (r"[A-Za-z0-9_.+/=-]+", "length", "a word (letters, digits, _ . + / = -)"),
    "pad": (r"[ \t]+", None, "blanks (spaces or tabs) that align a column"),
    "..": (r"[^\n]*?", None, "any text within the line"),
}
MAX_HEX_LENGTH = 4096

# A bracket that names a kind; group 1 holds the backslashes right before it.
_HOLE_LIKE = re.compile(r"(\\*)\[(int|num|hex|uuid|tmp-path|timestamp|word|pad|\.\.)(?::([^\]\n]*))?\]")


class HoleSyntaxError(ValueError):
    """A hole name with a bad argument; ``line`` and ``column`` count from 1 in the
    expected text, ``reason`` says what is wrong (without the place)."""

    def __init__(self, line: int, column: int, reason: str) -> None:
        super().__init__(f"line {line}, column {column} of the expected text: {reason}")
        self.line = line
        self.column = column
        self.reason = reason


@dataclass(frozen=True)
class Hole:
    """One hole: its kind and, for ``hex`` and ``uuid``, an optional argument."""

    kind: str
    arg: int | None = None

    def __str__(self) -> str:
        return f"[{self.kind}]" if self.arg is None else f"[{self.kind}:{self.arg}]"

    @property
    def pattern(self) -> str:
        """The regular expression of the values that fit."""
        base = HOLE_KINDS[self.kind][0]
        if self.arg is None:
            return base
        if self.kind == "hex":
            return f"{_HEX}{{{self.arg}}}"
        if self.kind == "word":
            return f"{base[:-1]}{{{self.arg}}}"
        # uuid of a version: the version is the first digit of the third group
        return f"{_HEX}{{8}}-{_HEX}{{4}}-{self.arg}{_HEX}{{3}}-{_HEX}{{4}}-{_HEX}{{12}}"

    def describe(self) -> str:
        if self.kind == "hex" and self.arg is not None:
            return f"{self.arg} hexadecimal digits"
        if self.kind == "uuid" and self.arg is not None:
            return f"a version-{self.arg} UUID"
        if self.kind == "word" and self.arg is not None:
            return f"a word of {self.arg} characters (letters, digits, _ . + / = -)"
        return HOLE_KINDS[self.kind][2]

    def fits(self, value: str) -> bool:
        return re.fullmatch(self.pattern, value) is not None


Part = str | Hole
Line = tuple[Part, ...]


def _hole(kind: str, arg: str | None, line: int, column: int) -> Hole:
    needs = HOLE_KINDS[kind][1]
    if arg is None:
        return Hole(kind)
    if needs is None:
        raise HoleSyntaxError(line, column, f"[{kind}:{arg}]: [{kind}] takes no argument; "
                                            f"write [{kind}] (or \\[ for literal text)")
    example = f"as in [{kind}:{4 if kind == 'uuid' else 8}], or [{kind}] for any"
    if not re.fullmatch(r"[0-9]{1,5}", arg):
        raise HoleSyntaxError(line, column, f"[{kind}:{arg}]: the {needs} of a {kind} hole "
                                            f"is a number, {example} (or \\[ for literal text)")
    value = int(arg)
    low, high = (1, 8) if kind == "uuid" else (1, MAX_HEX_LENGTH)
    if not low <= value <= high:
        raise HoleSyntaxError(line, column, f"[{kind}:{arg}]: the {needs} of a {kind} hole "
                                            f"is {low} to {high}, {example}")
    return Hole(kind, value)


def _parse_line(text: str, number: int) -> Line:
    parts: list[Part] = []
    literal: list[str] = []
    at = 0
    for match in _HOLE_LIKE.finditer(text):
        slashes = len(match.group(1))
        literal.append(text[at:match.start()])
        literal.append("\\" * (slashes // 2))
        bracket = match.group(0)[slashes:]
        if slashes % 2:
            literal.append(bracket)
        else:
            hole = _hole(match.group(2), match.group(3), number, match.start() + slashes + 1)
            if literal:
                parts.append("".join(literal))
                literal = []
            parts.append(hole)
        at = match.end()
    literal.append(text[at:])
    joined = "".join(literal)
    if joined or not parts:
        parts.append(joined)
    return tuple(p for p in parts if p != "" or len(parts) == 1)


def escape(text: str) -> str:
    """``text`` written so that it reads back as itself: every hole name in it (and the
    backslashes before one) escaped, all else unchanged."""
    if "[" not in text:
        return text
    return _HOLE_LIKE.sub(lambda m: "\\" * (2 * len(m.group(1)) + 1) + m.group(0).lstrip("\\"),
                          text)


def _render_line(line: Line) -> str:
    out: list[str] = []
    for index, part in enumerate(line):
        if isinstance(part, Hole):
            out.append(str(part))
            continue
        text = escape(part)
        following = line[index + 1] if index + 1 < len(line) else None
        if isinstance(following, Hole):
            # backslashes right before a hole are read in pairs
            stripped = text.rstrip("\\")
            text = stripped + "\\" * (2 * (len(text) - len(stripped)))
        out.append(text)
    return "".join(out)


def has_holes(text: str | None) -> bool:
    """Whether ``text`` holds at least one hole (cheap: no full parse when it cannot)."""
    if not text or "[" not in text:
        return False
    try:
        return parse_template(text).holes > 0
    except HoleSyntaxError:
        return False


# --- templates ---------------------------------------------------------------------------
@dataclass(frozen=True)
class TemplateMatch:
    """How an output met a template. ``filled`` is the template with each line that fit
    replaced by the output's line (and the others as written): what is left to compare
    when the output did not fit. ``problem`` says where it did not fit (the first
    place)."""

    passed: bool
    filled: str
    problem: str = ""
    values: tuple[tuple[str, str], ...] = ()  # (hole, value) of the lines that fit
    holes_fit: bool = True  # every line with holes fit one of the output's lines
    # What the tiers compare when the output did not fit (empty: ``filled``): a line
    # with holes whose other text changed is there as recorded, its holes filled by
    # their values (:mod:`.loose_fit`); ``holes_fit`` counts it as fitting.
    compared: str = ""
    hole_line_problem: bool = False  # ``problem`` is on a line with holes


@dataclass(frozen=True)
class Template:
    """Parsed expected text: one tuple of literal strings and holes per line."""

    lines: tuple[Line, ...]
    holes: int = field(default=0)

    @property
    def literal(self) -> str:
        """The text, holes written in their notation, escapes resolved."""
        return "\n".join("".join(str(p) for p in line) for line in self.lines)

    def render(self) -> str:
        """The template in its notation (reads back as the same template)."""
        return "\n".join(_render_line(line) for line in self.lines)

    def match(self, actual: str, *, unordered: bool = False) -> TemplateMatch:
        """Whether ``actual`` fits: every line's literal text as written, every hole
        filled with a value of its kind (the lines in any order when ``unordered``)."""
        lines = actual.split("\n")
        if unordered:
            return self._match_unordered(lines)
        pairs: list[tuple[int, int]]
        if len(lines) == len(self.lines):
            pairs = [(i, i) for i in range(len(lines))]
            problem = ""
        else:
            pairs = _paired_lines(self.lines, lines)
            problem = (f"the output has {len(lines)} line(s) where the recording has "
                       f"{len(self.lines)}")
        fitted: dict[int, str] = {}
        values: list[tuple[str, str]] = []
        located: dict[int, str] = {}  # holes found in a line whose other text changed
        first_hole_problem = False
        for t, a in pairs:
            ok, found, why = _fit(self.lines[t], lines[a], t + 1)
            if ok:
                fitted[t] = lines[a]
                values.extend(found)
                continue
            with_holes = any(isinstance(p, Hole) for p in self.lines[t])
            if not problem:
                problem = why
                first_hole_problem = with_holes
            if with_holes:
                from .loose_fit import loose_fill

                filled_line = loose_fill(self.lines[t], lines[a])
                if filled_line is not None:
                    located[t] = filled_line
        if not problem:
            return TemplateMatch(True, actual, "", tuple(values))
        shown = [fitted[t] if t in fitted else _shown(line) for t, line in enumerate(self.lines)]
        compared = [located.get(t, text) for t, text in enumerate(shown)]
        holes_fit = all(t in fitted or t in located for t, line in enumerate(self.lines)
                        if any(isinstance(p, Hole) for p in line))
        return TemplateMatch(False, "\n".join(shown), problem, tuple(values),
                             holes_fit=holes_fit, compared="\n".join(compared),
                             hole_line_problem=first_hole_problem)

    def _match_unordered(self, lines: list[str]) -> TemplateMatch:
        left = Counter(lines)
        filled = [_shown(line) for line in self.lines]
        pending: list[int] = []
        for index, line in enumerate(self.lines):
            if not any(isinstance(p, Hole) for p in line):
                text = "".join(p for p in line if isinstance(p, str))
                if left[text] > 0:
                    left[text] -= 1
                    continue
            pending.append(index)
        values: list[tuple[str, str]] = []
        problem = ""
        holes_fit = True
        for index in pending:
            line = self.lines[index]
            with_holes = any(isinstance(p, Hole) for p in line)
            taken = next((a for a in left if left[a] > 0
                          and _fit(line, a, index + 1)[0]), None) if with_holes else None
            if taken is None:
                problem = problem or f"no output line fits line {index + 1}: {_render_line(line)!r}"
                holes_fit = holes_fit and not with_holes
                continue
            left[taken] -= 1
            filled[index] = taken
            values.extend(_fit(line, taken, index + 1)[1])
        extra = sum(left.values())
        if extra and not problem:
            problem = f"the output has {extra} line(s) more than the recording"
        return TemplateMatch(not problem, "\n".join(filled), problem, tuple(values),
                             holes_fit=holes_fit)


def _shown(line: Line) -> str:
    """A line as the comparison after a failed fit sees it: literal lines as their text,
    lines with holes as written."""
    if any(isinstance(p, Hole) for p in line):
        return _render_line(line)
    return "".join(p for p in line if isinstance(p, str))


class _Opaque:
    """Stands for a template line with holes in a line diff: equal to no output line."""


def _paired_lines(template: Sequence[Line], lines: list[str]) -> list[tuple[int, int]]:
    keys: list[object] = [
        _Opaque() if any(isinstance(p, Hole) for p in line)
        else "".join(p for p in line if isinstance(p, str)) for line in template]
    pairs: list[tuple[int, int]] = []
    right: list[object] = list(lines)
    matcher = difflib.SequenceMatcher(None, keys, right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            pairs.extend(zip(range(i1, i2), range(j1, j2), strict=False))
    return pairs


@lru_cache(maxsize=4096)
def _line_regex(line: Line) -> re.Pattern[str]:
    return re.compile("".join(f"({p.pattern})" if isinstance(p, Hole) else re.escape(p)
                              for p in line))


def _fit(line: Line, actual: str, number: int) -> tuple[bool, list[tuple[str, str]], str]:
    """Whether ``actual`` fits template ``line``; the hole values; else what failed."""
    holes = [p for p in line if isinstance(p, Hole)]
    if not holes:
        text = "".join(p for p in line if isinstance(p, str))
        if text == actual:
            return True, [], ""
        return False, [], f"line {number} differs: expected {_cut(text)}, found {_cut(actual)}"
    quick = _quick_fit(line, actual)
    if quick is not None:
        return True, [(str(h), v) for h, v in zip(holes, quick, strict=True)], ""
    match = _line_regex(line).fullmatch(actual)
    if match is not None:
        return True, [(str(h), v) for h, v in zip(holes, match.groups(), strict=True)], ""
    return False, [], _diagnose(line, actual, number)


@lru_cache(maxsize=256)
def _hole_regex(hole: Hole) -> re.Pattern[str]:
    return re.compile(hole.pattern)


def _quick_fit(line: Line, actual: str) -> list[str] | None:
    """The hole values of one left-to-right reading of ``actual`` (each typed hole
    takes its longest value, ``[..]`` runs to where the next text is found); ``None``
    when that reading fails, and the full regular expression decides. Many lines
    with holes differ only in their text (line numbers, names): compiling a regular
    expression for each would cost more than the whole comparison."""
    at = 0
    values: list[str] = []
    for index, part in enumerate(line):
        if isinstance(part, str):
            if not actual.startswith(part, at):
                return None
            at += len(part)
        elif part.kind == "..":
            following = line[index + 1] if index + 1 < len(line) else None
            if following is None:
                stop = actual.find("\n", at)
                stop = len(actual) if stop < 0 else stop
            elif isinstance(following, str):
                stop = actual.find(following, at)
                if stop < 0:
                    return None
            else:
                return None
            values.append(actual[at:stop])
            at = stop
        else:
            found = _hole_regex(part).match(actual, at)
            if found is None:
                return None
            values.append(found.group())
            at = found.end()
    return values if at == len(actual) else None


def _diagnose(line: Line, actual: str, number: int) -> str:
    """Where ``actual`` stops fitting ``line``: the hole and the value that did not fit,
    or the literal text that differs (beside which hole)."""
    end = 0
    for count in range(1, len(line) + 1):
        found = _line_regex(line[:count]).match(actual)
        part = line[count - 1]
        if found is not None:
            end = found.end()
            continue
        column = end + 1
        if isinstance(part, Hole):
            following = line[count] if count < len(line) else ""
            stop = actual.find(following, end) if isinstance(following, str) and following else -1
            value = actual[end:stop] if stop > end else re.split(r"\s", actual[end:], maxsplit=1)[0]
            return (f"line {number}, column {column}: hole {part} does not fit "
                    f"{_cut(value)} (expected {part.describe()})")
        beside = next((str(p) for p in reversed(line[:count - 1]) if isinstance(p, Hole)),
                      None) or next((str(p) for p in line[count:] if isinstance(p, Hole)), "")
        return (f"line {number}, column {column}: expected {_cut(part)}, found "
                f"{_cut(actual[end:end + max(len(part), 1) + 8])} (text beside hole {beside} "
                "must stay as recorded)")
    return f"line {number}, column {end + 1}: unexpected text {_cut(actual[end:])} at the end"


def _cut(text: str, limit: int = 60) -> str:
    from .checks import escape_nonprintable

    shown = text if len(text) <= limit else text[:limit] + "..."
    return repr(escape_nonprintable(shown))


def _count(lines: Sequence[Line]) -> int:
    return sum(isinstance(p, Hole) for line in lines for p in line)


CACHED_TEMPLATE_CHARS = 64 * 1024


def parse_template(text: str) -> Template:
    """``text`` (an ``equals`` expectation) as a :class:`Template`;
    :class:`HoleSyntaxError` for a hole name with a bad argument. Short texts (a
    plan's usual) are parsed once; long ones each time, not kept."""
    if len(text) <= CACHED_TEMPLATE_CHARS:
        return _parse_cached(text)
    return _parse(text)


@lru_cache(maxsize=1024)
def _parse_cached(text: str) -> Template:
    return _parse(text)


def _parse(text: str) -> Template:
    if "[" not in text:  # most outputs: no hole, nothing escaped
        lines: tuple[Line, ...] = tuple((line,) for line in text.split("\n"))
        return Template(lines, 0)
    parsed = tuple(_parse_line(line, number)
                   for number, line in enumerate(text.split("\n"), start=1))
    return Template(parsed, _count(parsed))


# --- the check of an `equals` expectation ------------------------------------------------
def compare_recorded(expected: str, actual: str, *, rules: Sequence[Rule] = (),
                     unordered: bool = False, fmt: Format = "auto", judge: Judge | None = None,
                     semantic: bool = False, expectation: str | None = None,
                     command: str | None = None) -> Verdict:
    """The check of a recorded text (a plan's ``equals``, ``assert_equivalent``,
    ``testronaut compare``): the output must fit its holes (each filled with a value
    of its kind, the text around them as written); lines without holes then go
    through the tiered comparison (:func:`compare_outputs`, with ``fmt``, ``judge``,
    ``semantic``, ``expectation`` and ``command`` as it takes them) as always.
    A text without holes is compared as before (escapes resolved).

    The verdict's ``evidence`` says what the holes did: ``holes`` (the hole and its
    value for each line that fit), ``holes_fit`` (every line with holes fit) and,
    when the output did not fit, ``hole_problem`` (where, naming the hole and the
    value). :class:`HoleSyntaxError` for a bad hole in ``expected``."""
    from typing import get_args

    from .compare import compare_outputs
    from .structural import Format as Formats
    from .verdict import Verdict

    formats = get_args(Formats)
    if fmt not in formats:  # said before any hole decides, as compare_outputs says it
        raise ValueError(f"fmt must be one of {', '.join(formats)}, not {fmt!r}")
    tiers: dict[str, Any] = {"fmt": fmt, "judge": judge, "semantic": semantic,
                             "expectation": expectation, "command": command}
    template = parse_template(expected)
    if not template.holes:
        return compare_outputs(template.literal, actual, rules=rules, unordered=unordered,
                               **tiers)
    fit = template.match(actual, unordered=unordered)
    found = {"holes": [list(v) for v in fit.values], "holes_fit": fit.holes_fit}
    if fit.passed:
        return Verdict(outcome="pass", tier="exact", confidence=1.0,
                       explanation=f"The output fits the recording; its {template.holes} "
                                   "hole(s) hold values of their kinds.",
                       evidence=found)
    verdict = compare_outputs(fit.compared or fit.filled, actual, rules=rules,
                              unordered=unordered, **tiers)
    if verdict.passed and fit.holes_fit:
        # the lines with holes fit; the others are equivalent
        return verdict.model_copy(update={"evidence": {**verdict.evidence, **found}})
    found["hole_problem"] = fit.problem
    if verdict.passed:  # a line with holes never passes on its notation's own text
        from .checks import unified_diff

        return Verdict(outcome="fail", tier="deterministic", confidence=1.0,
                       explanation=f"{fit.problem}.", diff=unified_diff(expected, actual),
                       evidence=found)
    update: dict[str, Any] = {"evidence": {**verdict.evidence, **found}}
    if not fit.holes_fit or fit.hole_line_problem:
        # where a line with holes stopped fitting says it best; the tiers' view of that
        # line (holes as written against values under placeholders) adds only noise,
        # and the diff shows the output as printed (the lines that fit as printed too)
        from .checks import unified_diff

        update["explanation"] = f"{fit.problem}." + _more_lines(fit, actual)
        update["diff"] = unified_diff(fit.filled, actual) or verdict.diff
    elif fit.problem.startswith("line "):  # a line without holes: the tiers explain it
        update["explanation"] = verdict.explanation
    else:  # lines added or lost
        update["explanation"] = f"{fit.problem}. {verdict.explanation}"
    return verdict.model_copy(update=update)


def _more_lines(fit: TemplateMatch, actual: str) -> str:
    """How many other lines differ besides the first place that did not fit."""
    left, right = fit.filled.split("\n"), actual.split("\n")
    if len(left) != len(right):
        return ""
    differing = sum(a != b for a, b in zip(left, right, strict=True)) - 1
    return f" ({differing} more differing line{'s' if differing > 1 else ''}.)" if differing > 0 else ""
