"""click: ``Usage: prog [OPTIONS] ARGS``, ``Options:`` with ``[a|b]`` and ``[default: x]``."""

from __future__ import annotations

from .._engine import Rules, build_command, walk
from .._usage import fill_positionals
from ..spec import Command

RULES = Rules(style="click")


def nargs_values(cmd: Command) -> None:
    """click writes ``...`` after an option's metavar exactly when the option takes
    several values (``--opt TEXT...`` for ``nargs=2``; ``multiple=True`` shows no
    dots): two values of that kind, not a repeatable option (see ``..arity``)."""
    for option in cmd.options:
        if option.repeatable and option.takes_value and option.value_name and \
                not option.value_names and not option.choices:
            option.value_names = [option.value_name, option.value_name]
            option.repeatable = False


def parse(text: str, name: str, path: list[str]) -> Command:
    """Parse click help; positionals come from the usage line (click lists none)."""
    found = walk(text, RULES)
    cmd = build_command(found, "click", name, path)
    nargs_values(cmd)
    fill_positionals(cmd, found.usage, path)
    return cmd
