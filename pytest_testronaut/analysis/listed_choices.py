"""Choices an option's help lists elsewhere: "-a, --algorithm=TYPE  select the digest
type to use.  See DIGEST below." and, further down, "DIGEST determines the digest
algorithm ..." followed by one indented row per choice (``sysv  (equivalent to sum
-s)``). :func:`fill_listed_choices` gives such an option those choices."""

from __future__ import annotations

import re

from .spec import Command

_SEE = re.compile(r"\bsee\s+([A-Z][A-Z0-9_-]+)\s+below\b", re.IGNORECASE)
_ROW = re.compile(r"^\s{1,8}([A-Za-z0-9][\w.+-]*)(?:\s{2,}\S.*|\s*)$")


def listed_choices(text: str, name: str) -> list[str]:
    """The first words of the indented rows after the line that starts with ``name``
    (up to a blank line after the rows), when there are two or more."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if not re.match(rf"\s*{re.escape(name)}\b", line):
            continue
        found: list[str] = []
        for row in lines[number + 1:]:
            if not row.strip():
                if found:
                    break
                continue
            match = _ROW.match(row)
            if match is None:
                if found:
                    break
                continue
            found.append(match.group(1))
        if len(found) >= 2:
            return found
    return []


def fill_listed_choices(cmd: Command, text: str) -> None:
    """Choices for the options of ``cmd`` whose help says "See NAME below"."""
    for option in cmd.options:
        match = _SEE.search(option.description)
        if not option.takes_value or option.choices or match is None:
            continue
        choices = listed_choices(text, match.group(1))
        if choices:
            option.choices = choices
