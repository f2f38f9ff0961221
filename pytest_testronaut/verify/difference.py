"""What kind of difference the deterministic tiers left: changed values, or changed
content.

A difference confined to values (numbers, hex, ids, dates and times) that no rule
masked may still be dynamic content the rules do not know: without a judge it is
not a proven difference, it needs judgment. A changed word, a line added or lost, or
changed spacing is a difference in content (formats are a contract), and so is a
number that changed sign (``-1`` and ``1``): drifting values keep their sign. Read from
the unified diff of the views the deciding tier compared. Values a person wrote are
exact: callers ask only of recorded expectations whether values merely drifted.
"""

from __future__ import annotations

import difflib
import re
from typing import Literal

__all__ = ["DifferenceKind", "difference_kind"]

DifferenceKind = Literal["values", "content"]

_TOKEN = re.compile(r"\w+|[^\w\s]")
# A value: digits first (3, 0.5s, 12ms, 2024), or any word holding a digit (ids,
# hex, versions), or a long run of hex letters; the separators inside values.
_VALUE = re.compile(r"\d\w*|(?=\w*\d)\w+|[0-9a-fA-F]{8,}|[.:,/+\-_]")
_SIGNED = re.compile(r"(?<![\w.])(-?)\d")


def difference_kind(diff: str | None) -> DifferenceKind | None:
    """``"values"`` when every changed line of ``diff`` (a unified diff, as
    :func:`~.checks.unified_diff` makes) is paired with one changed line and only
    values differ between them; ``"content"`` otherwise; ``None`` without a diff."""
    if not diff:
        return None
    found = False
    for removed, added in _hunk_blocks(diff):
        if len(removed) != len(added):
            return "content"  # a line added or lost
        for old, new in zip(removed, added, strict=True):
            found = True
            if not _only_values_differ(old, new):
                return "content"
    return "values" if found else None


def _hunk_blocks(diff: str) -> list[tuple[list[str], list[str]]]:
    """The runs of removed and added lines of a unified diff, in order."""
    blocks: list[tuple[list[str], list[str]]] = []
    removed: list[str] = []
    added: list[str] = []

    def close() -> None:
        nonlocal removed, added
        if removed or added:
            blocks.append((removed, added))
        removed, added = [], []

    for line in diff.split("\n"):
        if line.startswith(("--- ", "+++ ")) and not (removed or added):
            continue  # the file header
        if line.startswith("-"):
            if added:  # a new change after an addition
                close()
            removed.append(line[1:])
        elif line.startswith("+"):
            added.append(line[1:])
        elif line.startswith("\\"):
            continue  # "\ no newline at end": a note, not a line
        else:
            close()
    close()
    return blocks


def _signs(line: str) -> list[str]:
    """The sign of each number on ``line``: ``"-"`` for ``-1``, ``""`` for ``1`` (a dash
    after a letter or digit, as in ``2024-01`` or ``x-1``, is a separator, not a sign)."""
    return _SIGNED.findall(line)


def _only_values_differ(old: str, new: str) -> bool:
    left, right = _TOKEN.findall(old), _TOKEN.findall(new)
    if left == right:
        return False  # the same tokens spaced differently: the format changed
    old_signs, new_signs = _signs(old), _signs(new)
    if (old_signs != new_signs if len(old_signs) == len(new_signs)
            else old_signs.count("-") != new_signs.count("-")):
        return False  # a number changed sign (-1 -> 1): not a value drifting between runs
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if not all(_VALUE.fullmatch(token) for token in left[i1:i2] + right[j1:j2]):
            return False
    return True
