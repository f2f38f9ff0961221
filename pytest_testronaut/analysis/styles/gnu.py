"""GNU getopt_long help: ``-a, --all``, ``--block-size=SIZE``, ``--color[=WHEN]``.

Option rows may stand anywhere (``ls --help`` has no headings at all) and long-only
rows are indented further than short ones, so only the description column tells a
new row from a wrapped description.
"""

from __future__ import annotations

import re

from .._engine import Rules, build_command, walk
from .._helpers import normalize_text
from .._usage import fill_positionals
from ..spec import Command

RULES = Rules(style="gnu", command_heading=re.compile(r"^(available )?(sub)?commands$", re.I),
              argument_heading=re.compile(r"^arguments$", re.I))


# "STYLE is one of:" / "UNIT options:" heading a table of a value's choices
_VALUE_TABLE = re.compile(r"^(?P<name>[A-Z][A-Z_]*) (?:is one of|options|values)(?: are)?:\s*$")
_VALUE_ROW = re.compile(r"^\s{1,8}(?P<item>[a-z][a-z0-9-]*)\s{2,}\S")


def value_tables(text: str) -> dict[str, list[str]]:
    """Choices GNU help lists in a table after the options: ``STYLE is one of:`` then
    ``  a      number all lines`` rows (rows naming a pattern, ``pBRE``, are left out)."""
    tables: dict[str, list[str]] = {}
    name: str | None = None
    rows_started = False
    for line in normalize_text(text).split("\n"):
        heading = _VALUE_TABLE.match(line)
        if heading:
            name, rows_started = heading.group("name"), False
            tables[name] = []
            continue
        if name is None:
            continue
        if not line.strip():
            if rows_started:
                name = None
            continue
        row = _VALUE_ROW.match(line)
        if row:
            rows_started = True
            tables[name].append(row.group("item"))
        elif rows_started and line.startswith(" " * 4):
            continue  # a row's wrapped description
        elif not line.startswith(" "):
            name = None
    return {k: v for k, v in tables.items() if len(v) >= 2}


def parse(text: str, name: str, path: list[str]) -> Command:
    """Parse GNU-style help; positionals come from ``Usage: ls [OPTION]... [FILE]...``;
    a value's choices may come from a table (``STYLE is one of:``)."""
    found = walk(text, RULES)
    cmd = build_command(found, "gnu", name, path)
    fill_positionals(cmd, found.usage, path)
    tables = value_tables(text)
    for option in cmd.options:
        if option.takes_value and not option.choices and option.value_name in tables:
            option.choices = tables[option.value_name]
            option.value_type = "choice"
    return cmd
