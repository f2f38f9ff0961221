"""typer (rich): box-drawn ``Options``/``Arguments``/``Commands`` panels.

Rows are columns: ``* --name -n  TEXT  description [default: x]``; ``*`` marks a
required parameter. Recent typer prints ``<bool>`` for on/off flags, which take no
value; older typer prints nothing there.
"""

from __future__ import annotations

import re

from .._engine import Rules, build_command, walk
from .._usage import fill_positionals
from ..spec import Command, infer_value_type
from .click_style import nargs_values

RULES = Rules(style="typer", merge_type_cells=True)
_FLAG_TYPES = ("bool", "boolean")


def parse(text: str, name: str, path: list[str]) -> Command:
    """Parse typer's rich help (or plain click-like help that typer prints without rich)."""
    found = walk(text, RULES)
    cmd = build_command(found, "typer", name, path, marker_decides=True)
    for opt in cmd.options:
        if (opt.value_name or "").lower() in _FLAG_TYPES:
            opt.takes_value, opt.value_name, opt.value_type = False, None, None
        # typer >= 0.20 prints enum choices as `<low|normal|high>`
        if opt.value_name and re.fullmatch(r"[\w.-]+(\|[\w.-]+)+", opt.value_name):
            opt.choices = opt.value_name.split("|")
            opt.value_type = "choice"
        if opt.value_name and re.search(r"\brange\b", opt.value_name):
            opt.value_type = infer_value_type(opt.value_name.split()[0])
    nargs_values(cmd)
    fill_positionals(cmd, found.usage, path)
    return cmd
