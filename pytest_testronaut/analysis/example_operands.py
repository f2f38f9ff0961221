"""Operand values a help text's own examples show.

``$ echo '{"foo": 0}' | jq .`` says that jq's ``<jq filter>`` can be ``.``;
``sqlite-utils insert data.db chickens -`` that PATH can be ``data.db`` and TABLE
``chickens``. Each positional without an ``example`` takes the first value an example
invoking the command gives it; generation uses a positional's ``example`` before any
guess (a filter named ``a`` is no jq program).
"""

from __future__ import annotations

import re
import shlex

from ._helpers import indent_of, normalize_text
from .spec import Command

_SEPARATORS = frozenset(("|", "||", "&&", ";", "&", "(", ")"))
_REDIRECTS = re.compile(r"^\d*(?:>>?|<<?|>&|<&)$")
_PROMPT = re.compile(r"^\s*(?:\$|%)\s+")
# a value written as a placeholder, with shell syntax the example only shows, or one that
# reads as an option (``-`` for stdin, ``-foo`` after ``--``), or ``{.}`` of an --exec
_NOT_A_VALUE = re.compile(r"^(?:\[.*\]|<[^>]*>|\{[\w,|-]*\}|\.\.\.|[A-Z][A-Z0-9_-]*\.{0,3})$|"
                          r"^-|[$`]|\{[./]*\}|\.\.\.$")


def fill_example_operands(cmd: Command, text: str) -> None:
    """Set ``example`` on ``cmd``'s positionals from the invocations in ``text``."""
    if not cmd.positionals or not cmd.path:
        return
    usage = {" ".join(u.split()) for u in cmd.usage.split("\n") if u.strip()}
    examples = {" ".join(e.split()) for e in cmd.examples}
    # an example goes on over lines ending in a backslash
    joined = re.sub(r"\\\n\s*", " ", normalize_text(text))
    for line in joined.split("\n"):
        flat = " ".join(line.split())
        if cmd.path[0] not in flat or flat in usage:
            continue  # a usage pattern names its operands; it gives no values
        # an example is a line of an examples section or of a code block (indented 4 or
        # more), after a prompt or in a pipeline; prose starting with the tool's name
        # ("jq is a tool for ...") is none
        if flat in examples or _PROMPT.match(line) or f"| {cmd.path[0]} " in flat \
                or indent_of(line) >= 4:
            for argv in _invocations(line, cmd.path):
                _assign(cmd, argv)


def _invocations(line: str, path: list[str]) -> list[list[str]]:
    """The argument lists after ``path`` in each pipeline part of ``line`` running it."""
    body = _PROMPT.sub("", line).strip()
    lexer = shlex.shlex(body, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    try:
        tokens = list(lexer)
    except ValueError:
        return []  # an open quote: the example goes on over lines we do not join
    found: list[list[str]] = []
    part: list[str] = []
    for token in [*tokens, ";"]:
        if token not in _SEPARATORS:
            part.append(token)
            continue
        if part[:len(path)] == path:
            found.append(_without_redirections(part[len(path):]))
        part = []
    return found


def _without_redirections(words: list[str]) -> list[str]:
    out: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
        elif _REDIRECTS.match(word):
            skip = True
        else:
            out.append(word)
    return out


def _operands(cmd: Command, argv: list[str]) -> list[str] | None:
    """The operands of ``argv``; ``None`` when it gives an option (which may change
    what an operand means: ``fd --glob '**/.git/config'``) or names a subcommand (the
    example belongs to that command)."""
    subcommands = {name for sub in cmd.subcommands for name in (sub.name, *sub.aliases)}
    out: list[str] = []
    for index, word in enumerate(argv):
        if word == "--":
            return out + argv[index + 1:]
        if word.startswith("-") and len(word) > 1:
            return None
        if not out and word in subcommands:
            return None
        out.append(word)
    return out


def _assign(cmd: Command, argv: list[str]) -> None:
    operands = _operands(cmd, argv)
    if not operands:
        return
    counts = [int(p.required) for p in cmd.positionals]
    spare = len(operands) - sum(counts)
    if spare < 0:
        return  # fewer operands than the command needs: not a whole invocation
    for index, positional in enumerate(cmd.positionals):
        if spare and not positional.required and not positional.variadic:
            counts[index], spare = 1, spare - 1
    variadic = next((i for i, p in enumerate(cmd.positionals) if p.variadic), None)
    if spare and variadic is not None:
        counts[variadic], spare = counts[variadic] + spare, 0
    if spare:
        return  # more operands than the command takes: not its invocation
    position = 0
    for positional, count in zip(cmd.positionals, counts, strict=True):
        value = operands[position] if count else ""
        position += count
        if positional.example is None and value and not _NOT_A_VALUE.search(value) \
                and (not positional.choices or value in positional.choices):
            positional.example = value
