"""Two outputs compared line by line, accepting only the changes a re-run makes.

Lines that are identical need nothing (most lines of a regression test's two runs).
A differing line whose changed words speak for themselves (a UUID, an ISO timestamp,
``pid 12``...) is checked word by word (``_State.quick``); the other differing lines
are normalized, together, by the default rules (see :mod:`.line_filter`). A
differing line passes when both sides normalize to the same text and every value
that changed under a placeholder changed the way a re-run changes it
(:func:`.dynamic.check`: a timestamp near the clock, a random UUID, a temporary
name...). Spacing may change only in a block of lines (a table: lines
between blank lines) where such a value changed its width: a table whose columns
follow their values re-aligns, a table that lost its padding is a regression.
Identities hold across the output: a value repeated in one output is repeated, as
one value, in the other. A differing line no rule explained is looked at again as a
row of a table whose header names a measurement (:mod:`.measured_columns`), then for
identities seen elsewhere in the output.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import compress
from operator import ne, not_

from . import drawn_columns, dynamic, measured_columns, measurements
from .alignment import alignment_kept, same_rule_row
from .line_filter import SLICE_CHARS, normalize_lines
from .rules import DEFAULT_RULES, IDENTITY_PLACEHOLDERS, Replacement

__all__ = ["LineComparison", "compare_lines"]

# Bounds on what one comparison keeps, whatever the size of the outputs: values kept
# as evidence per side, normalized lines kept for the diff (characters; past it they
# are made again if the outputs differ), identity values tracked per placeholder.
EVIDENCE_VALUES = 1000
SHOWN_CHARS = 32_000_000
IDENTITY_VALUES = 100_000
# Identity values at least this long are also looked for in the other output's
# unchanged lines (a short PID may appear there as an unrelated number), the first
# few that changed (a search costs a pass over the output).
_SEARCHED_IDENTITY = 7
_SEARCHES = 32
# Differing lines kept to be explained by identities found later in the output.
RETRIED_LINES = 1_000


@dataclass
class LineComparison:
    """The outcome: ``equal``, the first difference in words, the two outputs as
    shown in a diff (differing lines normalized, the rest as printed), and the
    dynamic values that were replaced on each side."""

    equal: bool
    explanation: str
    expected_view: str
    actual_view: str
    expected_found: list[Replacement] = field(default_factory=list)
    actual_found: list[Replacement] = field(default_factory=list)
    #: how many values of each placeholder the expected output had replaced (the
    #: ``*_found`` lists keep the first :data:`EVIDENCE_VALUES` of each side only)
    counts: Counter[str] = field(default_factory=Counter)


def compare_lines(expected: str, actual: str, *, spacing_free: bool = False,
                  now: float | None = None,
                  printed: tuple[str, str] | None = None) -> LineComparison | None:
    """Compare two cleaned outputs line by line; ``None`` when they do not have the
    same number of lines (a line that comes and goes is not a value: the caller shows
    the difference). ``spacing_free`` allows spacing changes anywhere (a rule outside
    this comparison replaced values of different widths), as long as the columns of
    ``printed`` (the two outputs before that rule, line for line) stay aligned where
    they were. Long outputs are walked in
    slices of lines, so the memory used beyond the two texts stays small unless they
    differ."""
    if expected.count("\n") != actual.count("\n"):
        return None
    state = _State(actual, now)
    shown: dict[int, tuple[str, str]] = {}  # normalized differing lines, for a diff
    shown_size = 0
    spacing_only: list[int] = []  # lines whose spacing alone differs
    widened_blocks: set[int] = set()
    blocks_before = 0  # blank lines (block boundaries) before the current slice
    # differing lines (normalized) to look at again once the identities are known
    retry: dict[int, tuple[str, str, str, str]] = {}
    for offset, left, right in _paired_slices(expected, actual):
        differing = list(compress(range(len(left)), map(ne, left, right)))
        if differing:
            blanks = list(compress(range(len(left)), map(not_, left)))
            slow = []
            for at in differing:
                view = state.quick(offset + at, left[at], right[at])
                if view is None:
                    slow.append(at)
                    continue
                if shown_size < SHOWN_CHARS:
                    shown[offset + at] = (view, view)
                    shown_size += len(view)
                if state.widened_last:
                    widened_blocks.add(blocks_before + bisect_right(blanks, at))
            differing = slow
        if differing:
            norm_left = normalize_lines([left[i] for i in differing], DEFAULT_RULES)
            norm_right = normalize_lines([right[i] for i in differing], DEFAULT_RULES)
            for (text_l, found_l), (text_r, found_r), at in zip(norm_left, norm_right,
                                                                differing, strict=True):
                index = offset + at
                passed = state.compare(index, text_l, found_l, text_r, found_r)
                if (not passed and state.failures[-1] == (index, None)
                        and len(retry) < RETRIED_LINES):
                    retry[index] = (text_l, text_r, left[at], right[at])
                if shown_size < SHOWN_CHARS or not passed:
                    shown[index] = (text_l, text_r)
                    shown_size += len(text_l) + len(text_r)
                if passed:
                    block = blocks_before + bisect_right(blanks, at)
                    if state.widened_last:
                        widened_blocks.add(block)
                    if text_l != text_r:
                        spacing_only.append(index)
                        state.block_of[index] = block
        blocks_before += left.count("")
    if retry and all(reason is None and index in retry for index, reason in state.failures):
        # (a line that fails for another reason fails the comparison anyway)
        state.explain_by_measured_columns(retry, expected, actual)
        widened_blocks |= state.widened_by_measures  # (its header may re-align too)
    if retry and all(reason is None and index in retry for index, reason in state.failures):
        drawn = drawn_columns.drawn_rows(retry, expected, actual)  # a token column
        state.failures = [f for f in state.failures if f[0] not in drawn]
        state.counts["<TOKEN>"] += len(drawn)
    if retry and all(reason is None and index in retry for index, reason in state.failures):
        state.explain_by_identities(retry)
    realigned: dict[int, int] = {}  # block -> its first line whose spacing changed
    for index in spacing_only:
        block = state.block_of[index]
        if spacing_free or block in widened_blocks:
            realigned.setdefault(block, index)
        else:
            state.fail(index, "only the spacing differs, and no dynamic value in this "
                       "block changed its width (padding lost or added)")
    if realigned:
        if spacing_free:
            shown_l, shown_r = printed if printed is not None and (
                printed[0].count("\n") == expected.count("\n") == printed[1].count("\n")
            ) else (None, None)
        else:
            shown_l, shown_r = expected, actual
        if shown_l is not None and shown_r is not None:
            for block, lines_l, lines_r in _blocks(shown_l, shown_r, set(realigned)):
                if not alignment_kept(lines_l, lines_r):
                    state.fail(realigned[block], "the spacing changed and the columns of "
                               "this table are no longer aligned (padding lost)")
    if not state.failures:
        return LineComparison(True, "", expected, actual, state.expected_found,
                              state.actual_found, state.counts)
    first, reason = min(state.failures)
    if reason is None:
        reason = f"expected {_clip(shown[first][0])}, got {_clip(shown[first][1])}"
    more = len(state.failures) - 1
    explanation = f"Line {first + 1}: {reason}." + (
        f" ({more} more differing line{'s' if more > 1 else ''}.)" if more else "")
    if shown_size >= SHOWN_CHARS:  # too many to keep: normalized again
        shown = _normalized_differing_lines(expected, actual)
    left_view, right_view = expected.split("\n"), actual.split("\n")
    for index, (text_l, text_r) in shown.items():
        left_view[index], right_view[index] = text_l, text_r
    return LineComparison(False, explanation, "\n".join(left_view), "\n".join(right_view),
                          state.expected_found, state.actual_found, state.counts)


def _blocks(expected: str, actual: str,
            wanted: set[int]) -> Iterator[tuple[int, list[str], list[str]]]:
    """The lines of the ``wanted`` blocks (runs of lines between blank lines, numbered
    by the blank lines before them) of two outputs with as many lines."""
    lines: dict[int, tuple[list[str], list[str]]] = {}
    block = 0
    for _offset, left, right in _paired_slices(expected, actual):
        for line_l, line_r in zip(left, right, strict=True):
            if not line_l:
                block += 1
            elif block in wanted:
                got = lines.setdefault(block, ([], []))
                got[0].append(line_l)
                got[1].append(line_r)
    for number, (lines_l, lines_r) in lines.items():
        yield number, lines_l, lines_r


def _normalized_differing_lines(expected: str, actual: str) -> dict[int, tuple[str, str]]:
    shown: dict[int, tuple[str, str]] = {}
    for offset, left, right in _paired_slices(expected, actual):
        differing = list(compress(range(len(left)), map(ne, left, right)))
        norm_left = normalize_lines([left[i] for i in differing], DEFAULT_RULES)
        norm_right = normalize_lines([right[i] for i in differing], DEFAULT_RULES)
        for at, (text_l, _), (text_r, _) in zip(differing, norm_left, norm_right, strict=True):
            shown[offset + at] = (text_l, text_r)
    return shown


def _slices(text: str) -> Iterator[list[str]]:
    """The lines of ``text``, about :data:`SLICE_CHARS` characters of them at a time."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start + SLICE_CHARS)
        end = len(text) if end < 0 else end
        yield text[start:end].split("\n")
        start = end + 1


def _paired_slices(expected: str, actual: str) -> Iterator[tuple[int, list[str], list[str]]]:
    """Slices of the same lines of two texts with as many lines: (first line, lines of
    one, lines of the other)."""
    left_slices, right_slices = _slices(expected), _slices(actual)
    left: list[str] = []
    right: list[str] = []
    offset = 0
    while True:
        if not left:
            left = next(left_slices, [])
        if not right:
            right = next(right_slices, [])
        count = min(len(left), len(right))
        if not count:
            return
        yield offset, left[:count], right[:count]
        left, right = left[count:], right[count:]
        offset += count


class _State:
    def __init__(self, actual: str, now: float | None) -> None:
        self.actual = actual
        self.now = time.time() if now is None else now  # one clock for the comparison
        self.failures: list[tuple[int, str | None]] = []
        self.widened_last = False
        self.block_of: dict[int, int] = {}
        # blocks where a measured column's value changed its width
        self.widened_by_measures: set[int] = set()
        self.counts: Counter[str] = Counter()
        self.expected_found: list[Replacement] = []
        self.actual_found: list[Replacement] = []
        # placeholder -> (expected value -> actual value, actual value -> expected value)
        self.identities: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
        self.searches = 0

    def compare(self, index: int, text_l: str, found_l: tuple[tuple[int, Replacement], ...],
                text_r: str, found_r: tuple[tuple[int, Replacement], ...]) -> bool:
        """Check one differing line; False when it is a difference (recorded), True
        when it passes or its spacing alone differs, or the lengths of a rule row's
        dashes (``text_l != text_r`` then: the block must have re-aligned)."""
        self.widened_last = False
        self._record([r for _, r in found_l], [r for _, r in found_r])
        if [n for n, _ in found_l] != [n for n, _ in found_r]:
            # a rule that deletes (git's transfer rate) may fire on one side only
            found_l = tuple(f for f in found_l if f[1].placeholder)
            found_r = tuple(f for f in found_r if f[1].placeholder)
            if [n for n, _ in found_l] != [n for n, _ in found_r] and (
                    [r.placeholder for _, r in found_l] != [r.placeholder for _, r in found_r]):
                # (one kind of value found by two rules passes when both rules' checks
                # accept the change: a token after "token=" that one side begins with "/")
                self.fail(index, None if text_l != text_r else
                          "its dynamic values do not correspond one to one")
                return False
        if not self.values_agree(index, found_l, found_r):
            return False
        if (text_l != text_r and text_l.split() != text_r.split()
                and not same_rule_row(text_l, text_r)):
            self.fail(index)
            return False
        return True

    def quick(self, index: int, line_l: str, line_r: str) -> str | None:
        """Accept a differing line without the rule table when every word that
        differs is a value that speaks for itself (a UUID, an ISO timestamp, a hex
        id, an address, a decimal duration, a digest, a temporary path, an address
        with its port) or has its context in the next word (``pid 12``, ``3.1 MB/s``,
        ``sshd[12]:``), and changed as a re-run changes it; return the line with
        those values as placeholders. ``None``: let the rules decide. Whatever this
        accepts the rules accept too (``tests/verify`` checks it)."""
        words_l, words_r = line_l.split(" "), line_r.split(" ")
        if len(words_l) != len(words_r):
            return None
        found: list[tuple[str, str, str, str]] = []
        widened = False
        for position, (word_l, word_r) in enumerate(zip(words_l, words_r, strict=True)):
            if word_l == word_r:
                continue
            values = _word_values(words_l, words_r, position)
            if values is None:
                return None
            view = word_l
            for rule, placeholder, old, new, start in reversed(values):
                if old == new:
                    continue
                if dynamic.check(rule, old, new, now=self.now) is not None:
                    return None
                if placeholder in IDENTITY_PLACEHOLDERS and self._identity(
                        placeholder, old, new) is not None:
                    return None
                widened = widened or len(old) != len(new)
                found.append((rule, placeholder, old, new))
                view = view[:start] + placeholder + view[start + len(old):]
            words_l[position] = view
        self.widened_last = widened
        self.counts.update(placeholder for _, placeholder, _, _ in found)
        if len(self.expected_found) < EVIDENCE_VALUES:  # Replacements only while kept
            self.expected_found += [Replacement(r, p, old) for r, p, old, _ in found]
            self.actual_found += [Replacement(r, p, new) for r, p, _, new in found]
        return " ".join(words_l)

    def _record(self, expected: list[Replacement], actual: list[Replacement]) -> None:
        self.counts.update(r.placeholder for r in expected)
        if len(self.expected_found) < EVIDENCE_VALUES:
            self.expected_found.extend(expected)
        if len(self.actual_found) < EVIDENCE_VALUES:
            self.actual_found.extend(actual)

    def fail(self, index: int, reason: str | None = None) -> None:
        self.failures.append((index, reason))

    def values_agree(self, index: int, found_l: tuple[tuple[int, Replacement], ...],
                     found_r: tuple[tuple[int, Replacement], ...]) -> bool:
        widened = False
        for (_, mine), (_, theirs) in zip(found_l, found_r, strict=True):
            old, new = mine.original, theirs.original
            if old != new:
                why = dynamic.check(mine.rule, old, new, now=self.now)
                if why is None and theirs.rule != mine.rule:
                    why = dynamic.check(theirs.rule, old, new, now=self.now)
                if why is not None:
                    self.fail(index, f"{old!r} became {new!r}, which {why}")
                    return False
                widened = widened or len(old) != len(new)
            if mine.placeholder in IDENTITY_PLACEHOLDERS:
                why = self._identity(mine.placeholder, old, new)
                if why is not None:
                    self.fail(index, why)
                    return False
        self.widened_last = widened
        return True

    def explain_by_measured_columns(self, lines: dict[int, tuple[str, str, str, str]],
                                    expected: str, actual: str) -> None:
        """Look again at the differing ``lines`` (as in :meth:`explain_by_identities`)
        that are labelled measurements (:mod:`.measurements`: ``MemFree:  22462 kB``),
        or rows of a table whose header names a measurement (a time, a time
        unit, an inode: :mod:`.measured_columns`), with the cells under those headers
        made placeholders; the rest of the row is checked as any line is. Spacing may
        change only where a measured value changed its width, the columns kept
        aligned."""
        failing = {index for index, _ in self.failures}
        lines_l, lines_r = expected.split("\n"), actual.split("\n")
        blanks: list[int] | None = None  # the blank lines' indices, when needed
        for index, (_, _, line_l, line_r) in list(lines.items()):
            changed = (measurements.labelled_change(lines_l, lines_r, index)
                       if index in failing else None)
            if changed:  # a line labelled as a measurement (:mod:`.measurements`)
                self.failures = [f for f in self.failures if f[0] != index]
                del lines[index]
                self._record([Replacement("line-measured", "<METRIC>", a) for a, _ in changed],
                             [Replacement("line-measured", "<METRIC>", b) for _, b in changed])
                continue
            header_l = measured_columns.header_above(lines_l, index)
            header_r = measured_columns.header_above(lines_r, index)
            if header_l is None or header_r is None or index not in failing:
                continue
            row_l, values_l = measured_columns.replace_measured(line_l, header_l)
            row_r, values_r = measured_columns.replace_measured(line_r, header_r)
            if not values_l or [k for k, _ in values_l] != [k for k, _ in values_r]:
                continue
            (text_l, found_l), = normalize_lines([row_l], DEFAULT_RULES)
            (text_r, found_r), = normalize_lines([row_r], DEFAULT_RULES)
            kept = self.failures
            self.failures = []
            passed = self.compare(index, text_l, found_l, text_r, found_r)
            widened = any(len(a) != len(b) for (_, a), (_, b) in zip(values_l, values_r,
                                                                      strict=True))
            if passed and text_l != text_r and not (widened and alignment_kept(
                    [header_l, line_l], [header_r, line_r])):
                passed = False
            self.failures = [f for f in kept if f[0] != index] if passed else kept
            if passed:
                del lines[index]
                if widened:  # the block: the blank lines above the row
                    if blanks is None:
                        blanks = list(compress(range(len(lines_l)), map(not_, lines_l)))
                    self.widened_by_measures.add(bisect_right(blanks, index))
                self.counts.update(kind for kind, _ in values_l)
                if len(self.expected_found) < EVIDENCE_VALUES:
                    self.expected_found += [Replacement("column-measured", k, v)
                                            for k, v in values_l]
                    self.actual_found += [Replacement("column-measured", k, v)
                                          for k, v in values_r]

    def explain_by_identities(self, lines: dict[int, tuple[str, str, str, str]]) -> None:
        """Pass the differing ``lines`` (index -> expected and actual, normalized, then
        as printed) whose only changes are whole words that an identity seen
        elsewhere in the output explains (a PID that ``pid 812`` made known, printed
        bare in ``pgrep``'s ``812 sleep``), or short hex ids whose digits-only value no
        rule took for hex (``9549561`` against ``c0c5aa9``, a git or container id that
        happened to draw no letter)."""
        known: dict[str, tuple[str, str]] = {}
        for placeholder, (forward, _) in self.identities.items():
            if placeholder in _BARE_IDENTITIES:
                known.update((old, (new, placeholder)) for old, new in forward.items()
                             if old != new and len(old) >= _BARE_IDENTITY_CHARS)
        explained: set[int] = set()
        for index, (norm_l, norm_r, line_l, line_r) in lines.items():
            for left, right in ((norm_l, norm_r), (line_l, line_r)):
                used = self._explained(left, right, known)
                if used is not None:
                    explained.add(index)
                    self.counts.update(used)
                    break
        if explained:
            self.failures = [f for f in self.failures
                             if not (f[0] in explained and f[1] is None)]

    def _explained(self, line_l: str, line_r: str,
                   known: dict[str, tuple[str, str]]) -> list[str] | None:
        """The placeholders that explain every changed word of two lines, or None."""
        pieces_l, pieces_r = _PIECES.findall(line_l), _PIECES.findall(line_r)
        if len(pieces_l) != len(pieces_r):
            return None
        used = []
        for old, new in zip(pieces_l, pieces_r, strict=True):
            if old == new:
                continue
            if known.get(old, ("",))[0] == new:
                used.append(known[old][1])
            elif (_SHORT_HEX.fullmatch(old) and _SHORT_HEX.fullmatch(new)
                  and not (old.isdigit() and new.isdigit()) and _scattered(old, new)
                  and self._identity("<HASH>", old, new) is None):
                used.append("<HASH>")
            else:
                return None
        return used

    def _identity(self, placeholder: str, old: str, new: str) -> str | None:
        forward, backward = self.identities.setdefault(placeholder, ({}, {}))
        if len(forward) >= IDENTITY_VALUES and old not in forward and new not in backward:
            return None  # tracked enough values: a new one is not remembered
        if forward.setdefault(old, new) != new:
            return (f"{placeholder} {old!r} became {new!r} here but "
                    f"{forward[old]!r} earlier: one value in the expected output is "
                    "two in the actual one")
        if backward.setdefault(new, old) != old:
            return (f"{placeholder} {new!r} stands for {old!r} here but for "
                    f"{backward[new]!r} earlier: two values in the expected output "
                    "are one in the actual one")
        if old == new or len(old) < _SEARCHED_IDENTITY or self.searches >= _SEARCHES:
            return None
        self.searches += 1
        if old in self.actual:
            return (f"{placeholder} {old!r} became {new!r} here, but the actual output "
                    "still shows the old value elsewhere")
        return None


# Identities that may be seen again as a bare word elsewhere in the output (at least
# this long: a short PID may be any small number); the pieces a line is cut into.
_BARE_IDENTITIES = frozenset({"<PID>", "<HASH>", "<CONTAINER_ID>", "<TOKEN>"})
_BARE_IDENTITY_CHARS = 3
_PIECES = re.compile(r"\w+|\W+")
_SHORT_HEX = re.compile(r"[0-9a-f]{7,16}")

# Punctuation around a word that the quick path sets aside ("(pid", "12.3ms)").
_PUNCTUATION = "()[]{},;:\"'"
# Values that need no context, as whole words: the group names the kind.
_SELF_EVIDENT = re.compile(
    r"(?P<uuid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)"
    r"|(?P<address>0x[0-9a-fA-F]{6,16})"
    r"|(?P<duration>\d+\.\d+(?:ns|us|µs|μs|ms|s|sec|secs|seconds?))"
    r"|(?P<hash>(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,64})"
)
_KINDS = {"uuid": ("uuid", "<UUID>"), "iso": ("timestamp-iso8601", "<TIMESTAMP>"),
          "address": ("address", "<ADDR>"), "duration": ("duration-decimal", "<DURATION>"),
          "hash": ("hash", "<HASH>")}


def _kind(word: str) -> tuple[str, str] | None:
    match = _SELF_EVIDENT.fullmatch(word)
    return None if match is None else _KINDS[match.lastgroup or ""]


# (rule, placeholder, expected value, actual value, offset of the value in the word)
_Value = tuple[str, str, str, str, int]
_SYSLOG_PID = re.compile(r"([\w.-]*\w)\[(\d+)\]:(.*)")
_IP_PORT = re.compile(r"((?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})"
                      r":(\d{1,5})")
_DIGEST = re.compile(r"(?i)(sha1|sha224|sha256|sha384|sha512|md5)[:=]([0-9a-f]{16,128})")
_TMP_ENTRY = re.compile(r"(/(?:var/)?tmp/[\w.]+(?:-[\w.]+)?)(/.*)?")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_RATE_UNITS = frozenset(
    f"{size}/s" for size in ("B", "KB", "kB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "TiB",
                             "bytes", "it", "items"))
_LOOPBACK = ("127.0.0.1", "0.0.0.0")
_TMP_RULE = next(rule for rule in DEFAULT_RULES if rule.name == "tmppath")


def _called_checksum(word: str) -> bool:
    return word.lower().startswith("checksum")


def _word_values(words_l: list[str], words_r: list[str], position: int) -> list[_Value] | None:
    """The dynamic values in the word at ``position`` of two lines, or ``None`` when
    the word is not one the quick path can speak for."""
    word_l, word_r = words_l[position], words_r[position]
    core_l, core_r = word_l.strip(_PUNCTUATION), word_r.strip(_PUNCTUATION)
    if not core_l or not core_r:
        return None
    head_l, head_r = word_l.find(core_l), word_r.find(core_r)
    if (word_l[:head_l], word_l[head_l + len(core_l):]) != (
            word_r[:head_r], word_r[head_r + len(core_r):]):
        return None
    kind = _kind(core_l)
    if kind is not None:
        if kind != _kind(core_r) or (kind[0] == "hash" and (
                (position == 0 and len(core_l) >= 32) or not _scattered(core_l, core_r)
                or (position > 0 and _called_checksum(words_l[position - 1])))):
            return None  # a checksum tool's own line ("<hex>  file") is data, as is
            # a value the output calls a checksum (the rules keep it: rules.py "hash")
        return [(kind[0], kind[1], core_l, core_r, head_l)]
    context = words_l[position - 1] if position else ""
    if (context == words_r[position - 1] and context.strip(_PUNCTUATION).lower() in ("pid", "ppid")
            and core_l.isdigit() and core_r.isdigit()):
        return [("pid", "<PID>", core_l, core_r, head_l)]
    following = words_l[position + 1] if position + 1 < len(words_l) else ""
    if (following == words_r[position + 1 if following else 0] and following in _RATE_UNITS
            and _NUMBER.fullmatch(word_l) and _NUMBER.fullmatch(word_r)):
        return [("rate", "<RATE>", word_l, word_r, 0)]
    return _shaped_values(word_l, word_r, core_l, core_r, head_l)


def _shaped_values(word_l: str, word_r: str, core_l: str, core_r: str,
                   head: int) -> list[_Value] | None:
    match_l, match_r = _SYSLOG_PID.fullmatch(word_l), _SYSLOG_PID.fullmatch(word_r)
    if match_l and match_r:
        if (match_l[1], match_l[3]) != (match_r[1], match_r[3]):
            return None
        return [("pid-syslog", "<PID>", match_l[2], match_r[2], match_l.start(2))]
    match_l, match_r = _IP_PORT.fullmatch(core_l), _IP_PORT.fullmatch(core_r)
    if match_l and match_r:
        if match_l[1] != match_r[1] and (match_l[1] in _LOOPBACK or match_r[1] in _LOOPBACK):
            return None
        if match_l[2] != match_r[2] and not (
                32768 <= int(match_l[2]) <= 65535 and 32768 <= int(match_r[2]) <= 65535):
            return None  # a fixed port (below the ephemeral range) is configuration
        return [("ip-port", "<IP>", match_l[1], match_r[1], head),
                ("port", "<PORT>", match_l[2], match_r[2], head + match_l.start(2))]
    match_l, match_r = _DIGEST.fullmatch(core_l), _DIGEST.fullmatch(core_r)
    if match_l and match_r:
        if match_l[1] != match_r[1] or not _scattered(match_l[2], match_r[2]):
            return None
        return [("digest", "<HASH>", match_l[2], match_r[2], head + match_l.start(2))]
    match_l, match_r = _TMP_ENTRY.fullmatch(core_l), _TMP_ENTRY.fullmatch(core_r)
    if match_l and match_r:
        entry_l, entry_r = match_l[1], match_r[1]
        if (match_l[2] != match_r[2] or "pytest-of-" in entry_l or "0x" in entry_l + entry_r
                or not _whole_match(entry_l) or not _whole_match(entry_r)):
            return None
        return [("tmppath", "<TMPPATH>", entry_l, entry_r, head)]
    return None


def _whole_match(entry: str) -> bool:
    match = _TMP_RULE.regex.match(entry)
    return match is not None and match.end() == len(entry)


def _scattered(left: str, right: str) -> bool:
    """Random ids of one length differ in many places, not in one or two."""
    return len(left) == len(right) and sum(map(ne, left, right)) >= 3


def _clip(line: str, width: int = 120) -> str:
    return repr(line if len(line) <= width else line[: width - 3] + "...")
