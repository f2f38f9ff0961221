"""Logs written by several processes at once: each process's lines keep their order,
the processes' lines interleave as the scheduler lets them.

A server with workers (a master and its worker processes sharing one log) tags each
record with the id of the process that wrote it (``[1234] [INFO] Booting worker``).
Which worker boots first, and whether a request is logged before the second worker's
boot line, changes from run to run; the records of one process come in the order
that process wrote them. A process id inside the message (``Started server process
[1234]``, ``Terminated child process [1234]``) names the process the record is
about, which the process itself and its parent both write of: the order of those
records is the scheduler's too.

:func:`interleaved_writers` reads an output as such a log when each output has at
least two process ids among its records' tags (the first process id a rule finds on
a line). It matches each process of the expected output with a process of the actual
one that has the same records (process ids, and each process's own id printed
elsewhere on its lines, set aside): in the same order when the id leads its lines
(nothing but placeholders and punctuation before it: the writer's tag), in any order
when it is named inside the message. The lines without a process id stand as one
more writer, whose records must come in the same order on both sides, but for
those it prints more than once (once by each worker: ``Waiting for application
shutdown.``), which the workers interleave too. It returns the actual
output's lines put in the expected output's order; the caller compares that as any
output, so every value is still checked where it stands. A record that is lost,
added, changed or written by another process leaves no such match.
"""

from __future__ import annotations

import re
from collections import Counter, deque

from .line_filter import normalize_lines

__all__ = ["interleaved_writers"]

# Lines per output past which the outputs are not looked at as logs of several
# writers (the outputs differ anyway; this bounds the work).
MAX_LINES = 20_000

_Writer = str | None  # a process id as printed, or None for untagged lines


def _records(lines: list[str]) -> tuple[list[_Writer], list[str], set[str]]:
    """Each line's process (the first process id found on it), its text with dynamic
    values and that process's id made placeholders, and the processes whose id leads
    one of their lines (a writer's tag)."""
    writers: list[_Writer] = []
    keys: list[str] = []
    leading: set[str] = set()
    for text, found in normalize_lines(lines):
        tag = next((r.original for _, r in found if r.placeholder == "<PID>"), None)
        if tag is not None and tag.isdigit():
            before = text[:text.find("<PID>")]
            if not _LETTERS.search(_PLACEHOLDER.sub("", before)):
                leading.add(tag)
            text = re.sub(rf"(?<![\w.]){tag}(?![\w.])", "<PID>", text)
        else:
            tag = None
        writers.append(tag)
        keys.append(text)
    return writers, keys, leading


_PLACEHOLDER = re.compile(r"<[A-Z_]+>")
_LETTERS = re.compile(r"[A-Za-z]")


def _streams(writers: list[_Writer]) -> dict[_Writer, list[int]]:
    """Line indices of each writer, writers in order of their first line."""
    streams: dict[_Writer, list[int]] = {}
    for index, writer in enumerate(writers):
        streams.setdefault(writer, []).append(index)
    return streams


def interleaved_writers(expected: str, actual: str) -> str | None:
    """``actual`` with its lines in the order of ``expected``'s writers, when both are
    logs of the same processes writing the same records (see the module's text);
    ``None`` when they are not, or when nothing would move."""
    lines_e, lines_a = expected.split("\n"), actual.split("\n")
    if len(lines_e) != len(lines_a) or len(lines_e) > MAX_LINES or lines_e == lines_a:
        return None
    writers_e, keys_e, leading_e = _records(lines_e)
    writers_a, keys_a, leading_a = _records(lines_a)
    if sorted(keys_e) != sorted(keys_a):
        return None  # not the same records
    streams_e, streams_a = _streams(writers_e), _streams(writers_a)
    if sum(w is not None for w in streams_e) < 2 or sum(w is not None for w in streams_a) < 2:
        return None  # one writer (or none named): its order is the output's
    if len(streams_e) != len(streams_a):
        return None
    taken: dict[_Writer, dict[str, deque[int]]] = {}
    free = list(streams_a)
    for writer, indices in streams_e.items():
        records = [keys_e[i] for i in indices]
        ordered = writer in leading_e
        partners = [other for other in free
                    if (other is None) == (writer is None)
                    and (writer is None or ordered == (other in leading_a))
                    and _same(records, [keys_a[i] for i in streams_a[other]],
                              None if writer is None else ordered)]
        if not partners:
            return None
        partner = partners[0]
        free.remove(partner)
        pool: dict[str, deque[int]] = {}
        for index in streams_a[partner]:
            pool.setdefault(keys_a[index], deque()).append(index)
        taken[writer] = pool
    reordered = [lines_a[taken[writer][key].popleft()]
                 for writer, key in zip(writers_e, keys_e, strict=True)]
    return None if reordered == lines_a else "\n".join(reordered)


def _same(mine: list[str], theirs: list[str], ordered: bool | None) -> bool:
    """Whether two writers' records are the same: in the same order, in any order,
    or (``None``: the lines without a process id) in any order as to the records
    printed more than once (once by each worker) and in the same order as to the
    others."""
    if ordered:
        return mine == theirs
    if sorted(mine) != sorted(theirs):
        return False
    if ordered is None:
        counts = Counter(mine)
        return [r for r in mine if counts[r] == 1] == [r for r in theirs if counts[r] == 1]
    return True
