"""What an operand holds, from its name and help more than its metavar, for generation.

- ``names_files``: an operand whose help names files (``F: filename(s) to be processed
  (default: -)``) is an input file, whatever its metavar.
- ``is_text_operand``: an operand whose name or help says it is text (``input_string``,
  ``Text to slugify``) is text, not a file, even when its name says "input".
- ``text_values``: values for a text operand that several options can act on: words
  in upper and lower case, a separator, punctuation, a non-ASCII letter, a number
  (``Hello World``: lower-casing, joining with a separator, truncating at a length or a
  word boundary all show).
- ``give_text_operand``: a command whose operands are all optional and whose plain run
  prints nothing (``slugify`` reads its text from its operands) gets its first text
  operand's value, so the option search runs where the command has something to work on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..analysis.spec import Command, Positional

if TYPE_CHECKING:
    from .cases import _Generator
    from .evidence import Search

_FILES = re.compile(r"(?i)\bfile ?names?\b|\bfile(?:s|\(s\))?\b|\bpaths?\b")
_TEXT_NAME = re.compile(r"(?i)string|text|words?|sentence|phrase|title|message")
_TEXT_HELP = re.compile(r"(?i)\btext\b|\bstrings?\b|\bwords?\b|\bsentence|\bphrase")
_STDIN_CHECK = ("numbered", "duplicates", "empty")
# a text for several options at once; then one more word, and a single word
TEXT_VALUES: tuple[str, ...] = (
    "Hello World, Élan 42", "Hello World", "The Quick Brown Fox", "word")


def names_files(positional: Positional) -> bool:
    """Whether the operand's help says it names files (and not that it is text)."""
    text = positional.description
    return bool(text) and _FILES.search(text) is not None and \
        _TEXT_HELP.search(text) is None


def is_text_operand(positional: Positional) -> bool:
    """Whether the operand's name or help says it is text, not a file."""
    if positional.choices or names_files(positional):
        return False
    return _TEXT_NAME.search(positional.name) is not None or (
        bool(positional.description) and _TEXT_HELP.search(positional.description)
        is not None and _FILES.search(positional.description) is None)


def text_values(positional: Positional) -> list[str]:
    """Values for a text operand (see the module); ``[]`` for any other operand."""
    return list(TEXT_VALUES) if is_text_operand(positional) else []


def give_text_operand(gen: _Generator, search: Search, command: Command,
                      files: Sequence[Positional]) -> bool:
    """Give a command that has no operand values yet its first text operand (see the
    module) when its plain run prints nothing: the first value on which the command
    works and prints something becomes ``search.operands``. Whether one did."""
    if gen.prober is None or search.operands:
        return False
    positional = next((p for p in command.positionals
                       if p not in files and is_text_operand(p)), None)
    if positional is None:
        return False
    form = search.forms()[0]
    bare = gen.prober.outcome(search.probe([], "numbered", form))
    if bare is not None and bare.ok and bare.stdout.strip():
        return False  # it works on its input already
    values = [[v] for v in text_values(positional)]
    got = gen.prober.outcomes([search.probe([], "numbered", form, operands=v)
                               for v in values])
    chosen = next((v for v, o in zip(values, got, strict=True)
                   if o is not None and o.ok and o.stdout.strip()), None)
    if chosen is None:
        return False
    search.operands = chosen
    if search.reads_stdin and not search.file_slots:
        # the same output whatever stdin holds: the command reads its operands only,
        # so the search does not try inputs it never reads
        outs = gen.prober.outcomes([search.probe([], d, "stdin") for d in _STDIN_CHECK])
        if all(o is not None and outs[0] is not None and o.same(outs[0]) for o in outs):
            search.reads_stdin = False
    return True
