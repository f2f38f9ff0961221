"""Logs written by several processes at once: each process's lines keep their order,
the processes' lines interleave as the scheduler lets them.

A server with workers (a master and its worker processes sharing one log) tags each
record with the id of the process that wrote it (``[1234] [INFO] Booting worker``,
``sshd[1234]:``, ``pid=1234``). Which worker boots first, and whether a request is
logged before the second worker's boot line, changes from run to run; the records
of one process come in the order that process wrote them.

:func:`interleaved_writers` reads an output as such a log when each output has at
least two process ids among its records' tags (the first process id a rule finds on
a line). It matches each process of the expected output with a process of the actual
one that wrote the same records in the same order (process ids, and each process's
own id printed elsewhere on its lines, set aside), the lines without a tag standing
as one more writer whose order must be the same on both sides, and returns the
actual output's lines put in the expected output's order. The caller compares that
as any output, so every value is still checked where it stands; a record that is
lost, added, changed or written by another process leaves no such match.
"""

from __future__ import annotations

import re

from .line_filter import normalize_lines

__all__ = ["interleaved_writers"]

# Lines per output past which the outputs are not looked at as logs of several
# writers (the outputs differ anyway; this bounds the work).
MAX_LINES = 20_000

_Writer = str | None  # a process id as printed, or None for untagged lines


def _records(lines: list[str]) -> tuple[list[_Writer], list[str]]:
    """Each line's writer (the first process id found on it) and its text with
    dynamic values and that process's id made placeholders."""
    writers: list[_Writer] = []
    keys: list[str] = []
    for text, found in normalize_lines(lines):
        tag = next((r.original for _, r in found if r.placeholder == "<PID>"), None)
        if tag is not None and tag.isdigit():
            text = re.sub(rf"(?<![\w.]){tag}(?![\w.])", "<PID>", text)
        else:
            tag = None
        writers.append(tag)
        keys.append(text)
    return writers, keys


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
    writers_e, keys_e = _records(lines_e)
    writers_a, keys_a = _records(lines_a)
    if sorted(keys_e) != sorted(keys_a):
        return None  # not the same records
    streams_e, streams_a = _streams(writers_e), _streams(writers_a)
    if sum(w is not None for w in streams_e) < 2 or sum(w is not None for w in streams_a) < 2:
        return None  # one writer (or none named): its order is the output's
    if len(streams_e) != len(streams_a):
        return None
    matched: dict[_Writer, _Writer] = {}
    free = list(streams_a)
    for writer, indices in streams_e.items():
        records = [keys_e[i] for i in indices]
        partners = [other for other in free if (other is None) == (writer is None)
                    and [keys_a[i] for i in streams_a[other]] == records]
        if not partners:
            return None
        partner = partners[0]
        matched[writer] = partner
        free.remove(partner)
    taken = {writer: iter(streams_a[partner]) for writer, partner in matched.items()}
    reordered = [lines_a[next(taken[writer])] for writer in writers_e]
    return None if reordered == lines_a else "\n".join(reordered)
