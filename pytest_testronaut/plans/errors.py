"""The error of a plan file that cannot be used: ``file:line: field: message``, and the
locations (``Loc``: keys and indexes from the plan's root) they point at."""

from __future__ import annotations

from pathlib import Path

from ..errors import TestronautError

Loc = tuple[str | int, ...]


class PlanError(TestronautError):
    """A plan file that cannot be used; ``str()`` reads ``file:line: field: message``."""

    def __init__(self, path: str | Path, line: int | None, field: str | None, message: str):
        self.path = str(path)
        self.line = line
        self.field = field
        self.message = message
        where = self.path if line is None else f"{self.path}:{line}"
        what = f"{field}: " if field else ""
        super().__init__(f"{where}: {what}{message}")


class PlanErrors(PlanError):
    """Several problems in one plan file; the first one gives path, line and field."""

    def __init__(self, errors: list[PlanError]):
        first = errors[0]
        super().__init__(first.path, first.line, first.field, first.message)
        self.errors = errors
        self.args = ("\n".join(str(e) for e in errors),)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def nearest_line(lines: dict[Loc, int], loc: Loc) -> int | None:
    """The line of ``loc``, or of its nearest parent that has one."""
    while True:
        if loc in lines:
            return lines[loc]
        if not loc:
            return None
        loc = loc[:-1]


def format_loc(loc: Loc) -> str:
    """``loc`` as a plan writer reads it: ``cases[2].stdout.equals``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
