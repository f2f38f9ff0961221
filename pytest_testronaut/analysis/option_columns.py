"""Options listed in two columns (``infocmp``'s help: ``-0  print single-row    -e
format output for C initializer``): each row is split into two rows before parsing,
so the right column's options are options, not words of the left one's description."""

from __future__ import annotations

import re

_TWO = re.compile(r"^(\s+-[A-Za-z0-9]\S*\s.*?\S)\s{3,}(-[A-Za-z0-9]\S*(?:\s.*)?)$")
_FLAG = re.compile(r"-[A-Za-z0-9]\S*(?:\s|$)")
MIN_ROWS = 3  # rows with two options it takes to be a two-column table


def split_option_columns(text: str) -> str:
    """``text`` with each row of a two-column option table as two rows (unchanged
    when fewer than :data:`MIN_ROWS` rows have an option in each column)."""
    lines = text.splitlines()
    matches = [_TWO.match(line) for line in lines]
    if sum(1 for m in matches if m) < MIN_ROWS:
        return text
    starts = [m.start(2) for m in matches if m]
    column = max(set(starts), key=starts.count)  # where the right column starts
    out: list[str] = []
    for line, match in zip(lines, matches, strict=True):
        indent = line[:len(line) - len(line.lstrip())]
        if match is None and line.lstrip().startswith("-") and \
                line[column - 2:column] == "  " and _FLAG.match(line[column:]):
            # a left entry long enough to leave two spaces only (``caps  -w number``)
            out += [line[:column].rstrip(), indent + line[column:]]
        elif match is None:
            out.append(line)
        else:
            out += [match.group(1), indent + match.group(2)]
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")
