"""A help that is only a usage line: ``Usage: /usr/bin/which [-a] args`` (printed on
stderr or stdout, often with a non-zero exit, by tools whose ``--help`` is an unknown
option to them). With no option rows and no operands found by the style's parser, the
usage line's bracketed flags are the options (``[-as]``: ``-a`` and ``-s``) and its
plain lower-case words after the program the operands (``args``: names of things, one
or more)."""

from __future__ import annotations

import re

from .spec import Command, Option, Positional

_USAGE = re.compile(r"(?im)^\s*usage:\s*(\S+)(.*)$")
_FLAGS = re.compile(r"\[\s*-([A-Za-z0-9]+)\s*\]")
_WORD = re.compile(r"^\[?([a-z][a-z_-]*)\]?(\.\.\.)?$")
# words that are operands, not literal subcommands, in a usage line of this kind
_OPERAND_WORDS = frozenset({"arg", "args", "argument", "arguments", "file", "files",
                            "name", "names", "command", "commands", "program", "programs",
                            "filename", "filenames", "path", "paths", "word", "words"})


def fill_from_bare_usage(cmd: Command, text: str) -> None:
    """Options of ``cmd`` from its usage line when its parser found none and it has no
    subcommands, and its operands when it found none either (see the module)."""
    if cmd.options or cmd.subcommands:
        return
    match = _USAGE.search(text)
    if match is None:
        return
    rest = match.group(2)
    for bundle in _FLAGS.findall(rest):
        cmd.options += [Option(flags=[f"-{letter}"]) for letter in bundle
                        if not cmd.find_option(f"-{letter}")]
    if cmd.positionals:  # the style's parser read them (``[names]``)
        return
    for token in _FLAGS.sub(" ", rest).split():
        word = _WORD.match(token)
        if word is None or word.group(1) not in _OPERAND_WORDS:
            continue
        name = word.group(1)
        cmd.positionals.append(Positional(
            name=name, required=not token.startswith("["),
            variadic=bool(word.group(2)) or name.endswith("s")))
