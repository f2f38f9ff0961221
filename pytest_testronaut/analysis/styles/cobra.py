"""cobra (Go): ``Usage:``, ``Available Commands:``, ``Flags:``, ``-n, --name string``.

Also docker's template (``Usage:  docker [OPTIONS] COMMAND``, ``Management
Commands:``) and kubectl's (``    -f, --filename=[]:`` with the description on the
next line, a bool flag shown as ``=false``).
"""

from __future__ import annotations

import re

from .._engine import Rules, build_command, walk
from .._usage import fill_positionals
from ..spec import Command

RULES = Rules(style="cobra")
_KUBECTL_ROW = re.compile(r"^(?P<indent>\s+)(?P<flags>-[^=\s]*(?:, --[\w-]+)?)=(?P<value>.*):$")


def _kubectl_rows(text: str) -> str:
    """``--recursive=false:`` -> ``--recursive`` with the default in the description."""
    out = []
    for line in text.split("\n"):
        match = _KUBECTL_ROW.match(line)
        if not match:
            out.append(line)
            continue
        value = match.group("value").strip("'")
        if value in ("true", "false"):
            vtype = ""
        elif value.startswith("["):
            vtype = " strings"
        elif re.fullmatch(r"-?\d+", value):
            vtype = " int"
        elif re.fullmatch(r"\d+(ms|s|m|h)", value):
            vtype = " duration"
        else:
            vtype = " string"
        default = f"  (default {value})" if value not in ("", "[]") else ""
        out.append(f"{match.group('indent')}{match.group('flags')}{vtype}{default}")
    return "\n".join(out)


def parse(text: str, name: str, path: list[str]) -> Command:
    """Parse cobra help; ``Aliases:`` rows become the command's aliases."""
    found = walk(_kubectl_rows(text), RULES)
    cmd = build_command(found, "cobra", name, path)
    fill_positionals(cmd, found.usage, path)
    aliases = re.search(r"^Aliases:\s*\n\s+(?P<a>.+)$", text, re.M)
    if aliases:
        names = [a.strip().split()[-1] for a in aliases.group("a").split(",") if a.strip()]
        cmd.aliases = [a for a in names if a != cmd.name]
    return cmd
