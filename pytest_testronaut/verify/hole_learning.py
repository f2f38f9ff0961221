"""Learning holes from repeated runs of one command.

Recording runs a case several times; :func:`learn_holes` turns the output of those
runs into one expected text (:mod:`.holes` notation) in which only the spans that
differed between runs are holes, each of the narrowest kind every run's value fits:
a UUID (of its version), a timestamp, a path with a temporary name, an integer,
hexadecimal digits (of their length), a decimal number (its unit text), a word (of
its length), else free text within the line; blanks whose width differed (a column
that re-aligned) are ``[pad]``. All else stays literal. Free text that would swallow
separators of fields (a JSON line whose keys moved) is no hole when the tiers take
the runs' lines as alike. Lines that moved between runs and changed values learn
their holes from their partners (:mod:`.run_lines`) and the case becomes unordered.
What one case's runs teach applies to that case only; within it, a value
two runs drew alike by chance is a hole only where its neighbours show the pattern
(:func:`_hex_neighbours` on a line, :func:`_column_consensus` across same-shaped
lines). A line whose runs differ inside decimal numbers that the built-in rules take
as measured (a duration, a rate) stays literal: the rules compare it later; so does a
figure labelled after it as a rate (:func:`.measurements.rate_change`: a padded
``[int]`` would keep the padding of the runs' width).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .holes import HOLE_KINDS, Hole, Line, _fit, _render_line, escape
from .measurements import rate_change
from .run_lines import reordered_runs

__all__ = ["Learned", "learn_holes"]

# Tokens: runs of letters and digits, runs of whitespace, single other characters.
_TOKEN = re.compile(r"[A-Za-z0-9]+|\s+|.", re.S)
_ALNUM_EDGE = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"
# A whole number: not the digits after a decimal point, nor those before one.
_NUMBER_EDGE = r"(?<![0-9A-Za-z])(?<![0-9]\.)", r"(?![0-9A-Za-z])(?!\.[0-9])"
# A unit written right after a number (``12ms``, ``1.5MiB``, ``40%``, ``3x``): the
# number is the value, the unit is text.
_UNIT = (r"(?=(?:[kKMGTPE]i?[Bb]?(?:/s|ps)?|[mµun]?s|min|[hdBbx%]|[kMG]?Hz)"
         r"(?![0-9A-Za-z]))")
# The kinds a differing span may be, narrowest first, each guarded so that it matches
# whole values (not the digits inside a word, nor a part of a decimal number).
_LEARNED_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(before + f"(?:{HOLE_KINDS[kind][0]})" + after))
    for kind, before, after in (
        ("uuid", *_ALNUM_EDGE),
        ("timestamp", _ALNUM_EDGE[0], r"(?![0-9])"),
        ("tmp-path", r"(?<![\w.@+~/-])", r"(?![\w])"),
        ("int", *_NUMBER_EDGE),
        ("hex", *_NUMBER_EDGE),
        ("int", _NUMBER_EDGE[0], r"(?!\.[0-9])" + _UNIT),
        ("num", r"(?<![0-9A-Za-z.])", r"(?:(?![0-9A-Za-z.])|(?!\.[0-9])" + _UNIT + ")"),
    ))
_FREE = Hole("..")
_PADDING = Hole("pad")
_PAD = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class Learned:
    """The expected text learned from the runs of one command.

    ``note`` says why nothing could be learned (the runs printed a different number
    of lines); ``unordered`` that the runs printed the same lines in another order."""

    text: str
    holes: int = 0
    unordered: bool = False
    note: str = ""


def learn_holes(runs: Sequence[str]) -> Learned:
    """The expected text of ``runs`` (the outputs of one command, run in the same
    state): literal where every run printed the same, a hole where they differed."""
    if not runs:
        raise ValueError("learning holes needs the output of at least one run")
    first = runs[0]
    if all(run == first for run in runs[1:]):
        return Learned(escape(first))
    split = [run.split("\n") for run in runs]
    counts = sorted({len(lines) for lines in split})
    if len(counts) > 1:
        return Learned(escape(first), note=(
            f"the runs printed {' or '.join(map(str, counts))} lines: the first run is "
            "recorded as it is; review it (add holes, `unordered`, or a regex check)"))
    if all(sorted(lines) == sorted(split[0]) for lines in split[1:]):
        return Learned(escape(first), unordered=True)
    # lines in another order whose values differed too: holes between partners
    reordered = reordered_runs(split)
    if reordered is not None:
        split = reordered
    learned = [learn_spans(group) for group in zip(*split, strict=True)]
    learned = _column_consensus(split, learned)
    lines = [_line_of(base, spans) for base, spans in zip(split[0], learned, strict=True)]
    holes = sum(isinstance(p, Hole) for line in lines for p in line)
    return Learned("\n".join(_render_line(line) for line in lines), holes,
                   unordered=reordered is not None)


# --- one line ----------------------------------------------------------------------------
Span = tuple[int, int]
Opcodes = list[tuple[str, int, int, int, int]]


def learn_line(group: Sequence[str]) -> Line:
    """The template of one line printed as ``group[k]`` by run ``k``."""
    return _line_of(group[0], learn_spans(group))


HoleSpans = list[tuple[int, int, Hole]]


def learn_spans(group: Sequence[str]) -> HoleSpans:
    """The holes of one line printed as ``group[k]`` by run ``k``, as spans of the
    first run's line."""
    base = group[0]
    if all(line == base for line in group[1:]):
        return []
    if all(line == base or rate_change(base, line) for line in group[1:]):
        return []  # a rate (``2   files processed per second``): compared as measured
    codes = [_char_opcodes(base, other) for other in group[1:]]
    spans = _merged([(b1, b2) for ops in codes for tag, b1, b2, _, _ in ops if tag != "equal"])
    for attempt in (_typed_holes, _free_holes):
        holes = _one_free_per_word(base, attempt(base, group, codes, spans))
        line = _line_of(base, holes)
        fits = [_fit(line, text, 1) for text in group]
        if all(ok for ok, _, _ in fits):
            if any(hole.kind == "num" or _splits_a_number(base, (start, end))
                   for start, end, hole in holes) and _rules_explain(group):
                # ``4.[hex:5]-05 s``, ``[num] kB/s``: the rules know the whole measured
                # value, and its unit (a later run may print ``1.2 MB/s``)
                return []
            free = [[v for h, v in found if h == str(_FREE)] for _, found, _ in fits]
            return _words(holes, free, group)
    # The fallback that always fits: what every run starts and ends with, free between.
    prefix = _common_prefix(group)
    suffix = _common_prefix([text[len(prefix):][::-1] for text in group])[::-1]
    values = [[text[len(prefix):len(text) - len(suffix)]] for text in group]
    return _words([(len(prefix), len(base) - len(suffix), _FREE)], values, group)


# A free value is one field: no blanks, quotes, brackets or separators of fields.
_FIELD = re.compile(r"[^\s,;\"'{}\[\]()<>|]*")


def _words(holes: HoleSpans, free: list[list[str]], group: Sequence[str]) -> HoleSpans:
    """``holes`` with each free hole made a ``[word]`` (of the length every run's value
    had, when they agree). When a free hole's values are more than one field (a hole
    that swallows separators, as in a JSON line whose keys moved, would take a lost or
    changed field too), no holes at all if the tiers take every run's line as the
    first's (the line stays literal, for them to judge later)."""
    if not any(free):
        return holes
    columns = list(zip(*free, strict=True))  # per free hole, every run's value
    if not all(_FIELD.fullmatch(value.strip(" \t")) for column in columns for value in column):
        return [] if _tiers_accept(group) else holes
    kinds = iter(columns)
    out: HoleSpans = []
    for start, end, hole in holes:
        if hole == _FREE:
            values = next(kinds)
            if all(Hole("word").fits(value) for value in values):
                lengths = {len(value) for value in values}
                hole = Hole("word", lengths.pop() if len(lengths) == 1 else None)
        out.append((start, end, hole))
    return out


def _column_consensus(runs: list[list[str]], learned: list[HoleSpans]) -> list[HoleSpans]:
    """Lines of one shape (the same tokens of the same kinds: a table, a log) whose
    runs differed in one column in most of them: a value there that two runs drew
    alike by chance (the same 2-digit duration twice) fits a hole of the column's kind
    too. Only typed holes spread, and only to a value that fits them."""
    if not any(learned):
        return learned
    bases = runs[0]
    shapes: dict[tuple[str, ...], list[int]] = {}
    tokens = [[m.span() for m in _TOKEN.finditer(base)] for base in bases]
    for index, base in enumerate(bases):
        shape = tuple(_kind(base[a:b]) if base[a].isalnum() or base[a].isspace()
                      else base[a:b] for a, b in tokens[index])
        shapes.setdefault(shape, []).append(index)
    out = list(learned)
    for members in shapes.values():
        if len(members) < 3:
            continue
        columns: dict[tuple[int, int, Hole], int] = {}
        for index in members:
            starts = {a: n for n, (a, _) in enumerate(tokens[index])}
            ends = {b: n for n, (_, b) in enumerate(tokens[index])}
            for start, end, hole in learned[index]:
                if hole.kind != ".." and start in starts and end in ends:
                    key = (starts[start], ends[end], hole)
                    columns[key] = columns.get(key, 0) + 1
        for (first, last, hole), count in columns.items():
            if count < 2 or 2 * count <= len(members):
                continue
            for index in members:
                start, end = tokens[index][first][0], tokens[index][last][1]
                if not hole.fits(bases[index][start:end]):
                    continue
                # a hole of another kind just there (an [int] where the column holds
                # [hex:8]: its runs drew only digits) takes the column's kind
                spans = [span for span in out[index] if span[:2] != (start, end)]
                if any(s < end and start < e for s, e, _ in spans):
                    continue
                widened = sorted([*spans, (start, end, hole)])
                line = _line_of(bases[index], widened)
                if all(_fit(line, run[index], 1)[0] for run in runs[1:]):
                    out[index] = widened
    return out


_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def _splits_a_number(base: str, span: Span) -> bool:
    """Whether ``span`` is a part of a decimal number, not all of it: the runs drew
    the same leading digits by chance (``43.1`` and ``43.5`` kB/s, ``4.2583e-05`` s)."""
    return any(m.start() <= span[0] and span[1] <= m.end() and "." in m.group()
               and (m.start(), m.end()) != span for m in _NUMBER.finditer(base))


def _tiers_accept(group: Sequence[str]) -> bool:
    """Whether the verification tiers (no judge) take every run's line as the first's."""
    from .compare import compare_outputs

    return all(compare_outputs(group[0], line).passed for line in group[1:])


def _rules_explain(group: Sequence[str]) -> bool:
    """Whether the built-in rules make every run's line the same (durations, rates:
    measured values whose every digit may change). Such a line stays literal: later
    runs are compared through the rules, which take the whole value, where a hole
    learned from two runs would keep the digits they shared."""
    from .normalize import normalize

    return len({normalize(line).text for line in group}) == 1


def _char_opcodes(base: str, other: str) -> Opcodes:
    """Token-level opcodes between two lines, in character positions."""
    left = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(base)]
    right = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(other)]

    def at(tokens: list[tuple[int, int, str]], index: int, end: int) -> int:
        return tokens[index][0] if index < len(tokens) else end

    return [(tag, at(left, i1, len(base)), at(left, i2, len(base)),
             at(right, j1, len(other)), at(right, j2, len(other)))
            for tag, i1, i2, j1, j2 in _token_opcodes([t[2] for t in left],
                                                      [t[2] for t in right])]


def _token_opcodes(left: list[str], right: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes between two token lists. Lines of the same shape (same number of tokens,
    the same punctuation in the same places) pair their tokens by position: a value
    that two runs happened to draw in different places (a byte of ``od``) must not
    pull the alignment askew."""
    if len(left) != len(right) or not all(
            a == b or _kind(a) == _kind(b) != "other" for a, b in zip(left, right, strict=True)):
        return list(difflib.SequenceMatcher(None, left, right, autojunk=False).get_opcodes())
    codes: list[tuple[str, int, int, int, int]] = []
    for index, (a, b) in enumerate(zip(left, right, strict=True)):
        tag = "equal" if a == b else "replace"
        if codes and codes[-1][0] == tag:
            codes[-1] = (tag, codes[-1][1], index + 1, codes[-1][3], index + 1)
        else:
            codes.append((tag, index, index + 1, index, index + 1))
    return codes


def _kind(token: str) -> str:
    if token[0].isalnum():
        return "word"
    return "space" if token[0].isspace() else "other"


def _merged(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _mapped(position: int, codes: Opcodes, base: str, other: str, *, end: bool) -> int | None:
    """Where ``position`` of the first run lies in ``other`` run (``None``: inside a
    stretch that differs, away from what its two sides share, so no one place)."""
    found = []
    for tag, b1, b2, k1, k2 in codes:
        if tag == "equal" and b1 <= position <= b2:
            found.append(k1 + position - b1)
        elif position == b1:
            found.append(k1)
        elif position == b2:
            found.append(k2)
        elif b1 < position < b2:  # within a changed token: its shared head or tail
            left, right = base[b1:b2], other[k1:k2]
            head = len(_common_prefix([left, right]))
            tail = len(_common_prefix([left[::-1], right[::-1]]))
            if position - b1 <= head:
                found.append(k1 + position - b1)
            elif b2 - position <= tail:
                found.append(k2 - (b2 - position))
    if not found:
        return None
    return max(found) if end else min(found)


def _values(span: Span, group: Sequence[str], codes: list[Opcodes]) -> list[str] | None:
    values = [group[0][span[0]:span[1]]]
    for text, ops in zip(group[1:], codes, strict=True):
        start = _mapped(span[0], ops, group[0], text, end=False)
        stop = _mapped(span[1], ops, group[0], text, end=True)
        if start is None or stop is None or stop < start:
            return None
        values.append(text[start:stop])
    return values


def _typed_holes(base: str, group: Sequence[str], codes: list[Opcodes],
                 spans: list[Span]) -> list[tuple[int, int, Hole]]:
    holes: list[tuple[int, int, Hole]] = []
    for start, end in spans:
        if holes and start < holes[-1][1]:
            continue  # inside the hole of an earlier span
        # (padding is in the first run's span too: most spans have none, and cost nothing)
        values = _values((start, end), group, codes) if _PAD.search(base, start, end) else None
        if values and all(_PAD.fullmatch(value) for value in values):
            holes.append((start, end, _PADDING))  # padding that follows a value's width
            continue
        aligned = _aligned(start, values) if values else None
        if aligned is not None:
            holes.extend(aligned)
            continue
        trimmed = _trimmed(base, start, end)
        core = _core(trimmed, group, codes)
        typed = _typed(base, core, group, codes, holes[-1][1] if holes else 0)
        if typed is not None:
            holes.append(typed)
        else:
            holes.append((*trimmed, _FREE))
    return _hex_neighbours(base, group, codes, holes)


_PADDED = (re.compile(r"([ \t]+)(\S+)"), re.compile(r"(\S+)([ \t]+)"))


def _aligned(start: int, values: list[str]) -> list[tuple[int, int, Hole]] | None:
    """A value and its padding in a column (``  56`` and `` 123``: right-aligned, or
    left-aligned with blanks after it), when every run's padding is blanks (at least
    one) and every value fits one typed kind: ``[pad][int]``, ``[hex:8][pad]``."""
    for padded, value_group in zip(_PADDED, (2, 1), strict=True):
        found = [m for m in map(padded.fullmatch, values) if m is not None]
        if len(found) != len(values):
            continue
        words = [m.group(value_group) for m in found]
        for kind, _pattern in _LEARNED_KINDS:
            hole = _kind_of(kind, words)
            if hole is None:
                continue
            first = found[0]
            blanks = 3 - value_group
            pad = (start + first.start(blanks), start + first.end(blanks), _PADDING)
            word = (start + first.start(value_group), start + first.end(value_group), hole)
            return [pad, word] if value_group == 2 else [word, pad]
    return None


_WORDY = re.compile(r"[A-Za-z0-9_.+/=-]*")


def _free_holes(base: str, group: Sequence[str], codes: list[Opcodes],
                spans: list[Span]) -> list[tuple[int, int, Hole]]:
    return [(start, end, _FREE) for start, end in spans]


def _one_free_per_word(base: str, holes: HoleSpans) -> HoleSpans:
    """A free hole that is empty in the first run (text another run added) joined
    with a free hole before it in the same word: ``aGVsbG8=`` and ``d29ybGQhIQ==`` are
    one value, not a word, ``=`` and a hole. Holes on both sides of text every run
    printed (``nifty_hamilton``, ``distracted_panini``) stay apart."""
    out: HoleSpans = []
    for start, end, hole in holes:
        if out and hole == _FREE and out[-1][2] == _FREE and start == end \
                and _WORDY.fullmatch(base, out[-1][0], end):
            out[-1] = (out[-1][0], end, _FREE)
        else:
            out.append((start, end, hole))
    return out


def _trimmed(base: str, start: int, end: int) -> Span:
    while start < end and base[start].isspace():
        start += 1
    while end > start and base[end - 1].isspace():
        end -= 1
    return start, end


def _core(span: Span, group: Sequence[str], codes: list[Opcodes]) -> Span:
    """``span`` without what every run has at its start and end (``123Z`` and ``456Z``
    differ in ``123``: the zone is text), for finding the kind of the value there."""
    values = _values(span, group, codes)
    if not values:
        return span
    head = len(_common_prefix(values))
    tail = len(_common_prefix([v[head:][::-1] for v in values]))
    if head + tail >= len(values[0]):
        return span
    return span[0] + head, span[1] - tail


def _typed(base: str, span: Span, group: Sequence[str], codes: list[Opcodes],
           after: int) -> tuple[int, int, Hole] | None:
    """The narrowest kind of value that covers ``span`` in every run."""
    start, end = span
    if start == end:
        return None
    for kind, pattern in _LEARNED_KINDS:
        for match in pattern.finditer(base):
            if match.start() > start:
                break
            if match.end() < end or match.start() < after:
                continue
            values = _values(match.span(), group, codes)
            hole = _kind_of(kind, values) if values else None
            if hole is not None:
                return match.start(), match.end(), hole
    return None


def _kind_of(kind: str, values: list[str]) -> Hole | None:
    """The hole of ``kind`` all ``values`` fit (with the length or version they share)."""
    if not all(Hole(kind).fits(value) for value in values):
        return None
    if kind == "hex":
        lengths = {len(value) for value in values}
        return Hole("hex", lengths.pop() if len(lengths) == 1 else None)
    if kind == "uuid":
        versions = {value[14] for value in values}
        version = versions.pop() if len(versions) == 1 else ""
        return Hole("uuid", int(version) if version in "12345678" and version else None)
    return Hole(kind)


def _hex_neighbours(base: str, group: Sequence[str], codes: list[Opcodes],
                    holes: list[tuple[int, int, Hole]]) -> list[tuple[int, int, Hole]]:
    """Fields of hexadecimal bytes or words (``od -tx1``): on a line with ``[hex:N]``
    holes, a number hole of N digits is ``[hex:N]`` too (its runs drew only digits),
    and a field of N hex digits between such holes is one (its runs drew the same
    value by chance)."""
    lengths = {h.arg for _, _, h in holes if h.kind == "hex" and h.arg}
    if not lengths:
        return holes
    widened = []
    for start, end, hole in holes:
        values = _values((start, end), group, codes) if hole.kind == "int" else None
        if values and len({len(v) for v in values} | {end - start}) == 1 and (
                end - start) in lengths and all(v.isdigit() for v in values):
            hole = Hole("hex", end - start)
        widened.append((start, end, hole))
    fields = [m.span() for m in re.finditer(r"\S+", base)]
    by_span = {(s, e): h for s, e, h in widened}
    added = []
    for index, (start, end) in enumerate(fields):
        if (start, end) in by_span or end - start not in lengths:
            continue
        if not re.fullmatch(f"[0-9a-fA-F]{{{end - start}}}", base[start:end]):
            continue
        near = [fields[i] for i in (index - 1, index + 1) if 0 <= i < len(fields)]
        wanted = Hole("hex", end - start)
        if near and all(by_span.get(span) == wanted for span in near) and sum(
                h == wanted for h in by_span.values()) >= 2:
            added.append((start, end, wanted))
    return sorted(widened + added)


def _line_of(base: str, holes: HoleSpans) -> Line:
    parts: list[str | Hole] = []
    at = 0
    for start, end, hole in sorted(holes, key=lambda h: (h[0], h[1])):
        if start < at:
            continue
        if start > at:
            parts.append(base[at:start])
        parts.append(hole)
        at = end
    if at < len(base):
        parts.append(base[at:])
    return tuple(parts)


def _common_prefix(texts: Sequence[str]) -> str:
    first = texts[0]
    length = len(first)
    for text in texts[1:]:
        length = min(length, len(text))
        for index in range(length):
            if text[index] != first[index]:
                length = index
                break
    return first[:length]
