"""Columns whose header names a measurement: their numbers are a run's, not data.

A table's header says what each column holds. Where a header cell names a time or a
time unit (``time``, ``elapsed``, ``latency_us``, ``usecs/call``, ``self [us]``, ``ms``),
an inode (``NODE``, ``Inode``), a process (``pid``, ``tid``, ``lwp``, ``cpid`` in any
case), a System V IPC object (``shmid``), memory in use or a share of the CPU
(``free``, ``used``, ``avail``, ``cached``, ``rss``, ``vsz``, ``cpu %``, ``%mem``:
:data:`.measurements.MEASURED_COLUMN_WORDS`), the numbers under it are measured anew
by every run; so are all the columns of a header of per-CPU counters (``CPU0  CPU1``,
as ``/proc/interrupts`` heads them) and vmstat's columns (``free buff cache in cs``)
in a header holding at least four of them. The other columns (counts, sizes, names,
statuses) stay exact. Nothing here knows a tool: only the words of the header.

The header of a row is the nearest line above it, in the same block (no blank line
between), that holds no digit, with only rows (lines with a digit) and rule lines
(dashes, box-drawing characters) between; it has at least two cells, one of which
names a measurement. Cells are found by the separators ``|`` and ``│`` when the
header has them, else by position: a row's word belongs to the header word it
overlaps, and only when it overlaps exactly one. Only a cell that is a number (with
an optional time or size unit, ``%``) is replaced.

:mod:`.rerun_diff` asks this only about lines that differ and that no rule explained,
so the outputs that compare equal (most) cost nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .measurements import MEASURED_COLUMN_WORDS, SHARE_WORDS

__all__ = ["header_above", "replace_measured"]

# Words of a header cell that name a measurement, and the placeholder of its values.
# (in any case; the short units only as units are written, in lower case: ``US`` is
# a region, ``NS`` a name server)
_TIME_WORDS = frozenset({
    "time", "elapsed", "duration", "latency", "runtime", "took", "wall", "walltime",
    "seconds", "secs", "sec", "usecs", "msecs", "nsecs",
})
_TIME_UNITS = frozenset({"us", "ms", "ns", "µs", "μs"})
_INODE_WORDS = frozenset({"inode", "node", "ino"})
# a process id, in any case (upper-case ps headers are handled by normalize_columns)
_PID_WORDS = frozenset({"pid", "ppid", "tid", "lwp", "pgid", "tgid", "cpid", "lpid"})
# System V IPC ids (ipcs): the kernel allocates them as it does pids
_IPC_WORDS = frozenset({"shmid", "semid", "msqid"})
_WORD = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"\S+")
_SEPARATORS = re.compile(r"[|│┃]")
_RULE_LINE = re.compile(r"[\s\-=+|:─━═┼┬┴├┤┌┐└┘│┃╪╞╡]*")
_MEASURED_VALUE = re.compile(
    r"\d+(?:[.,]\d+)?(?:%|ns|us|µs|μs|ms|s|sec|secs|m|h|[KMGTPE](?:i?B?)|kB|B)?")
# A header of counters per CPU (/proc/interrupts, /proc/softirqs): ``CPU0  CPU1``.
_PER_CPU = re.compile(r"\s*(?:CPU\d+\s*)+")
# vmstat's column names: a header with several of them is vmstat's kind of table, a
# snapshot of the machine's counters (each of these words alone may mean anything).
_VMSTAT_WORDS = frozenset({"r", "b", "swpd", "free", "buff", "cache", "si", "so", "bi",
                           "bo", "in", "cs", "us", "sy", "id", "wa", "st"})
_VMSTAT_LEAST = 4
# How far above a row its header may be.
HEADER_REACH = 200

# A column: (start, end) in the header (or its index among the separated cells) and
# its placeholder (None for a column of data); whether cells are separated.
_Columns = tuple[bool, list[tuple[int, int, str | None]]]


def _placeholder(cell: str) -> str | None:
    written = set(_WORD.findall(cell))
    words = {word.lower() for word in written}
    if words & _TIME_WORDS or written & _TIME_UNITS:
        return "<DURATION>"
    if words & MEASURED_COLUMN_WORDS or (words & SHARE_WORDS and "%" in cell):
        return "<METRIC>"
    if words & _INODE_WORDS:
        return "<INODE>"
    if words & _PID_WORDS:
        return "<PID>"
    if words & _IPC_WORDS:
        return "<IPC_ID>"
    return None


def header_above(lines: Sequence[str], index: int) -> str | None:
    """The header of the table ``lines[index]`` is a row of, or None."""
    for at in range(index - 1, max(-1, index - 1 - HEADER_REACH), -1):
        line = lines[at]
        if not line.strip():
            return None
        if _RULE_LINE.fullmatch(line):
            continue
        if not any(char.isdigit() for char in line) or _PER_CPU.fullmatch(line):
            return line if _columns(line) is not None else None
    return None


def replace_measured(row: str, header: str) -> tuple[str, list[tuple[str, str]]]:
    """``row`` with its cells under measurement headers replaced by placeholders, and
    the (placeholder, value) pairs replaced, in order."""
    columns = _columns(header)
    if columns is None:
        return row, []
    separated, kinds = columns
    edits: list[tuple[int, int, str, str]] = []
    if separated:
        cells = _SEPARATORS.split(row)
        if len(cells) != len(kinds):
            return row, []
        offset = 0
        for cell, (_, _, kind) in zip(cells, kinds, strict=True):
            value = cell.strip()
            if kind is not None and _MEASURED_VALUE.fullmatch(value):
                start = offset + cell.index(value)
                edits.append((start, start + len(value), value, kind))
            offset += len(cell) + 1
    else:
        for match in _TOKEN.finditer(row):
            under = [kind for start, end, kind in kinds
                     if start < match.end() and end > match.start()]
            if (len(under) == 1 and under[0] is not None
                    and _MEASURED_VALUE.fullmatch(match.group(0))):
                edits.append((match.start(), match.end(), match.group(0), under[0]))
    for start, end, _value, kind in reversed(edits):
        row = row[:start] + kind + row[end:]
    return row, [(kind, value) for _, _, value, kind in edits]


def _columns(header: str) -> _Columns | None:
    if _SEPARATORS.search(header):
        kinds = [(index, index, _placeholder(cell))
                 for index, cell in enumerate(_SEPARATORS.split(header))]
        separated = True
    else:
        kinds = [(m.start(), m.end(), _placeholder(m.group(0)))
                 for m in _TOKEN.finditer(header)]
        separated = False
    if _PER_CPU.fullmatch(header):  # counters per CPU, as /proc/interrupts prints them
        return separated, [(start, end, "<METRIC>") for start, end, _ in kinds]
    words = {header[start:end].lower() for start, end, _ in kinds}
    if not separated and len(words & _VMSTAT_WORDS) >= _VMSTAT_LEAST:
        kinds = [(start, end, "<METRIC>" if header[start:end].lower() in _VMSTAT_WORDS else kind)
                 for start, end, kind in kinds]
    if len(kinds) < 2 or all(kind is None for _, _, kind in kinds):
        return None
    return separated, kinds
