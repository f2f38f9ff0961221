"""Normalization: the text a person would see, with dynamic content made typed
placeholders, so two runs of one command compare equal while real changes do not."""

from __future__ import annotations

import heapq
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .line_filter import LineMemo, apply_line_rules
from .rules import DEFAULT_RULES, Replacement, Rule

__all__ = ["Normalized", "clean_terminal", "normalize", "normalize_columns", "terminal_is_clean"]

# A blank (what str.rstrip strips, but a newline) at the end of a line.
_TRAILING_BLANK = re.compile(r"[^\S\n](?:\n|\Z)")
# CSI (colours, cursor moves), OSC (titles, hyperlinks), and lone two-byte escapes.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


@dataclass(frozen=True)
class Normalized:
    """The normalized text and what was replaced in it, in order of replacement."""

    text: str
    replacements: tuple[Replacement, ...] = field(default_factory=tuple)

    def placeholders(self) -> dict[str, list[str]]:
        """Originals grouped by placeholder, e.g. ``{"<UUID>": ["5f0c...", ...]}``."""
        grouped: dict[str, list[str]] = {}
        for item in self.replacements:
            grouped.setdefault(item.placeholder, []).append(item.original)
        return grouped


def clean_terminal(text: str) -> str:
    """What a terminal would finally show: no ANSI escapes, carriage-return overwrites
    and backspaces applied, trailing blanks and the final newline dropped (so a
    missing final newline is not a difference, but an extra empty line is).

    Progress bars and spinners redraw one line with ``\\r``; only the last frame is
    what the user sees, and the frames in between are timing noise.
    """
    text = _ANSI.sub("", text).replace("\r\n", "\n")
    if "\r" not in text and "\b" not in text and not _has_trailing_blank(text):
        return text[:-1] if text.endswith("\n") else text  # nothing to do line by line
    lines = text.split("\n")
    if "\r" in text or "\b" in text:
        for index, line in enumerate(lines):
            if "\r" in line:
                line = _overwrite(line.split("\r"))
            while "\b" in line:
                line = re.sub(r"[^\x08]\x08|^\x08+", "", line, count=1)
            lines[index] = line
    lines = list(map(str.rstrip, lines))
    if len(lines) > 1 and not lines[-1]:
        lines.pop()  # the final newline; an extra blank line is a change, kept
    return "\n".join(lines)


def terminal_is_clean(text: str) -> bool:
    """True when :func:`clean_terminal` would change nothing in ``text`` but drop a
    final newline (so a caller comparing two such texts may skip the copy)."""
    return ("\x1b" not in text and "\r" not in text and "\b" not in text
            and not _has_trailing_blank(text))


# ASCII whitespace but the newline: in an ASCII text, these before a line break (or at
# the end) are all that the regex below can find, and substring searches are faster.
_ASCII_BLANKS = (" ", "\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")


def _has_trailing_blank(text: str) -> bool:
    if text.isascii():
        return text[-1:] in _ASCII_BLANKS or any(blank + "\n" in text for blank in _ASCII_BLANKS)
    return _TRAILING_BLANK.search(text) is not None


def _overwrite(frames: list[str]) -> str:
    # Each frame starts at column 0 and overwrites the previous one, which shows
    # through where the new frame is shorter, exactly as on a terminal.
    screen = ""
    for frame in frames:
        screen = frame + screen[len(frame) :]
    return screen


def normalize(
    text: str, rules: Sequence[Rule] = (), *, use_default_rules: bool = True,
    memo: LineMemo | None = None,
) -> Normalized:
    """Replace dynamic content in ``text`` with typed placeholders.

    ``rules`` run first (so a user's specific rule wins over a general default), then
    the default table unless ``use_default_rules`` is false. Terminal noise (ANSI
    escapes, ``\\r`` overwrites, trailing blanks) is always cleaned up. In tables whose
    header names process or container columns (``PID``, ``CONTAINER ID``, ``%CPU``...),
    the cells of those columns are replaced too, since there the header is the context.
    ``memo`` remembers what the default rules made of each line, across calls: give
    the two outputs of one comparison the same one, and a line they share is
    normalized once.
    """
    key = (text, tuple(rules), use_default_rules)
    if len(text) >= _CACHED_FROM:
        cached = _recent.get(key)
        if cached is not None:
            return cached  # a long output is normalized once per comparison
    found: list[Replacement] = []
    cleaned = clean_terminal(text)
    if use_default_rules:
        cleaned = normalize_columns(cleaned, found)
    for rule in rules:
        cleaned = rule.apply(cleaned, found)
    if use_default_rules:
        # line by line where a rule can match: the same result, many times faster
        cleaned = apply_line_rules(cleaned, DEFAULT_RULES, found, memo)
    result = Normalized(cleaned, tuple(found))
    if len(text) >= _CACHED_FROM:
        with _recent_lock:
            _recent[key] = result
            while len(_recent) > _CACHED_COUNT:
                del _recent[next(iter(_recent))]
    return result


# The last two long outputs normalized, with their results: comparing one pair
# normalizes each side twice (the normalized tier, then the table tier).
_CACHED_FROM = 65_536
_CACHED_COUNT = 2
_recent: dict[tuple[str, tuple[Rule, ...], bool], Normalized] = {}
_recent_lock = threading.Lock()


# --- header-aware columns ------------------------------------------------------------
# Header word -> placeholder; a table qualifies only when its header has an anchor.
_COLUMN_PLACEHOLDERS = {
    "PID": "<PID>",
    "PPID": "<PID>",
    "PGID": "<PID>",
    "SID": "<PID>",
    "TPGID": "<PID>",
    "LWP": "<PID>",
    "%CPU": "<METRIC>",
    "%MEM": "<METRIC>",
    "VSZ": "<METRIC>",
    "RSS": "<METRIC>",
    "C": "<METRIC>",
    "STIME": "<TIME>",
    "START": "<TIME>",
    "TIME": "<TIME>",
    "ELAPSED": "<DURATION>",
    "ETIME": "<DURATION>",
    "CONTAINER ID": "<CONTAINER_ID>",
    "CONTAINER": "<CONTAINER_ID>",
    # the name docker gave a container it was not told to name (adjective_surname);
    # a name of another shape is the user's, and data
    "NAMES": "<NAME>",
    # df and free: what the rest of the machine uses moves between two runs
    "Used": "<METRIC>",
    "Avail": "<METRIC>",
    "Available": "<METRIC>",
    "Use%": "<METRIC>",
    "IUsed": "<METRIC>",
    "IFree": "<METRIC>",
    "IUse%": "<METRIC>",
    "used": "<METRIC>",
    "free": "<METRIC>",
    "shared": "<METRIC>",
    "buff/cache": "<METRIC>",
    "available": "<METRIC>",
    # vmstat: every figure is the machine's of the moment
    **{name: "<METRIC>" for name in ("r", "b", "swpd", "buff", "cache", "si", "so", "bi",
                                      "bo", "in", "cs", "us", "sy", "id", "wa", "st", "gu")},
}
# Header words that make a line a table header; the last three (df, free, vmstat)
# head tables whose other header words are not upper case.
_ANCHORS = ("PID", "CONTAINER ID", "Filesystem", "buff/cache", "swpd")
_MIXED_CASE_ANCHORS = ("Filesystem", "buff/cache", "swpd")
_HEADER_CELL = re.compile(r"CONTAINER ID|\S+")
_DOCKER_NAME = re.compile(r"[a-z]{3,}_[a-z]{3,}\d?")
_TOKEN = re.compile(r"\S+")
_ANCHOR = re.compile("|".join(_ANCHORS))


def normalize_columns(text: str, found: list[Replacement]) -> str:
    """``text`` with the cells of process and container columns replaced, in tables
    whose header names them (``PID``, ``CONTAINER ID``...)."""
    # Only a line naming an anchor can be a header: look at those, and at the rows
    # under each header down to the next blank line, not at every line (and without
    # cutting the whole text into lines).
    if not any(anchor in text for anchor in _ANCHORS):
        return text
    pieces: list[str] = []
    done = 0  # text[:done] is in pieces
    after = 0  # where the rows of the last table ended: anchors before it are rows
    for hit in _anchor_hits(text):
        start = text.rfind("\n", 0, hit) + 1
        if start < after:
            continue  # a row of the table above (or the header just looked at)
        end = _line_end(text, start)
        after = end + 1
        columns = _header_columns(text[start:end])
        if columns is None:
            continue
        while end < len(text):
            begin = end + 1
            end = _line_end(text, begin)
            line = text[begin:end]
            if not line.strip():
                after = begin
                break
            after = end + 1
            if _ANCHOR.search(line):
                header = _header_columns(line)
                if header is not None:
                    columns = header
                    continue
            if columns:
                replaced = _replace_cells(line, columns, found)
                if replaced != line:
                    pieces += (text[done:begin], replaced)
                    done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _anchor_hits(text: str) -> Iterator[int]:
    """Where each anchor word occurs in ``text``, in order (substring searches: faster
    than one alternation over a long text)."""
    def hits(anchor: str) -> Iterator[int]:
        at = text.find(anchor)
        while at >= 0:
            yield at
            at = text.find(anchor, at + len(anchor))
    return heapq.merge(*(hits(anchor) for anchor in _ANCHORS))


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


# A column of a header: where it is, its placeholder, its index and how many cells
# the header has.
_Column = tuple[int, int, str, int, int]


def _header_columns(line: str) -> list[_Column] | None:
    cells = [(m.start(), m.end(), m.group(0)) for m in _HEADER_CELL.finditer(line)]
    names = [name for _, _, name in cells]
    if not any(anchor in names for anchor in _ANCHORS) or len(cells) < 2:
        return None
    if not any(anchor in names for anchor in _MIXED_CASE_ANCHORS) and not all(
            name.isupper() or not name.isalpha() for name in names):
        return None
    return [(start, end, _COLUMN_PLACEHOLDERS[name], index, len(cells))
            for index, (start, end, name) in enumerate(cells) if name in _COLUMN_PLACEHOLDERS]


def _replace_cells(line: str, columns: list[_Column], found: list[Replacement]) -> str:
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(line)]
    edits: list[tuple[int, int, str, str]] = []
    for start, end, placeholder, index, cells in columns:
        if len(tokens) == cells:
            # one word per cell: the column's own word, wherever wide values pushed it
            # (vmstat does not keep its columns under their headers)
            overlapping = [tokens[index]]
        else:
            overlapping = [t for t in tokens if t[0] < end and t[1] > start]
        if len(overlapping) != 1:
            continue  # empty cell or ambiguous alignment: leave the row alone
        t_start, t_end, value = overlapping[0]
        if value.startswith("<") and value.endswith(">"):
            continue
        if placeholder == "<NAME>" and _DOCKER_NAME.fullmatch(value) is None:
            continue
        edits.append((t_start, t_end, value, placeholder))
    # right to left, so earlier offsets stay valid
    for t_start, t_end, value, placeholder in sorted(set(edits), reverse=True):
        found.append(Replacement(f"column{placeholder}", placeholder, value))
        line = line[:t_start] + placeholder + line[t_end:]
    return line


_normalize_columns = normalize_columns  # the name tests and older callers use
