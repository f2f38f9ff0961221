"""Operands of the form ``KEY=VALUE`` a help documents as its options (``dd count=N``,
``dd conv=CONVS``), for generation with a sandbox.

``dd``'s help lists ``bs=BYTES``, ``count=N``, ``conv=CONVS``, ... where another tool
lists options; analysis sees one operand named ``OPERAND`` and nothing else, so no
case would ever try them. :func:`key_operand_cases` reads the command's help once in
the probe sandbox, finds those lines (:func:`key_forms`), and searches each as an
option: its values by what the value's name says (numbers at their edges for ``N``,
``BYTES`` and sizes, the symbols the help lists for ``CONVS``/``FLAGS``, the words it
quotes for ``LEVEL``, the probe's files for ``FILE``), and a count also beside the
smallest block (``bs=1 count=2``: with the default block a short input is one block,
and a count off by one would not show). Where the help says the command reads standard
input (``if=FILE  read from FILE instead of stdin``), the keys are tried on input
given there. Each key gets a case where it was seen to
change the outcome, else a case tagged ``no_observed_effect`` with a finding.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..analysis.spec import Command, Option
from .evidence import INPUT_FILE, SECOND_FILE, Search, inputs_for
from .probe import Probe

if TYPE_CHECKING:
    from .cases import _Generator

# ``  count=N         copy only N input blocks``
_FORM = re.compile(r"^\s{1,8}([a-z][a-z0-9_]*)=([A-Z][A-Z0-9_]*)\s{2,}(\S.*)$")
# ``Each CONV symbol may be:`` then ``  ascii     from EBCDIC to ASCII``
_SYMBOLS_HEADER = re.compile(r"^\s*Each ([A-Z]+) (?:symbol|value|word) may be", re.IGNORECASE)
_SYMBOL = re.compile(r"^\s{1,8}([a-z][a-z0-9_-]*)\s{2,}\S")
_QUOTED = re.compile(r"'([a-z][a-z0-9_-]*)'")
_STDIN = re.compile(r"\bstdin\b|standard input", re.IGNORECASE)
MIN_FORMS = 2  # a help listing fewer such lines is not documenting operand forms
MAX_FORMS = 16
MAX_SYMBOLS = 8  # symbols of a list tried per key
NUMBERS = ("2", "3", "1", "0")  # 2 and 3 have both neighbours: an off by one shows


@dataclass
class KeyForm:
    """One documented ``KEY=VALUE`` operand: its key, value name, help sentence and
    the symbols or words the help gives for its value."""

    key: str
    value_name: str
    description: str
    choices: list[str] = field(default_factory=list)


def key_forms(help_text: str) -> list[KeyForm]:
    """The ``KEY=VALUE`` lines of a help (a continuation line joins its sentence),
    with the symbols of each ``Each NAME symbol may be:`` list given to the keys whose
    value name is NAME or NAMEs, and the words quoted in a key's own sentence
    (``status=LEVEL``: 'none', 'noxfer'); empty when it lists fewer than two."""
    forms: list[KeyForm] = []
    symbols: dict[str, list[str]] = {}
    listing: str | None = None
    last: KeyForm | None = None
    for line in help_text.splitlines():
        if match := _FORM.match(line):
            last = KeyForm(match.group(1), match.group(2), match.group(3).strip())
            forms.append(last)
            listing = None
            continue
        if match := _SYMBOLS_HEADER.match(line):
            listing, last = match.group(1).upper(), None
            symbols.setdefault(listing, [])
            continue
        if listing is not None and (match := _SYMBOL.match(line)):
            symbols[listing].append(match.group(1))
            continue
        if last is not None and line.startswith(" " * 10) and line.strip():
            last.description += " " + line.strip()  # the sentence goes on
            continue
        last = None if line.strip() else last
    if len(forms) < MIN_FORMS:
        return []
    for form in forms:
        name = form.value_name.upper()
        listed = symbols.get(name) or symbols.get(name.rstrip("S")) or []
        form.choices = listed or list(dict.fromkeys(_QUOTED.findall(form.description)))
    return forms[:MAX_FORMS]


def key_values(form: KeyForm) -> list[str]:
    """The values tried for ``form``, best first (see the module)."""
    name = form.value_name.upper()
    if form.choices:
        return form.choices[:MAX_SYMBOLS]
    if re.search(r"FILE|PATH", name):
        return [SECOND_FILE, INPUT_FILE]
    if re.search(r"BYTES|SIZE", name):
        return ["1", "2", "3", "1K"]
    if re.fullmatch(r"N|NUM|NUMBER|COUNT|\w*BLOCKS?", name):
        return list(NUMBERS)
    return ["2", "a"]


def _block(forms: Sequence[KeyForm]) -> KeyForm | None:
    """The key setting the block size both ways (``bs=BYTES``), else the first one
    taking bytes."""
    sized = [f for f in forms if re.search(r"BYTES|SIZE", f.value_name.upper())]
    return next((f for f in sized if f.key == "bs"), sized[0] if sized else None)


def word_lists(form: KeyForm, forms: Sequence[KeyForm]) -> list[list[str]]:
    """Each candidate's words: ``KEY=VALUE``, and for a count of blocks the same
    beside the smallest block first (``bs=1 count=2``)."""
    values = key_values(form)
    plain = [[f"{form.key}={v}"] for v in values]
    block = _block(forms)
    if block is None or block is form or form.value_name.upper() not in ("N", "NUM", "NUMBER"):
        return plain
    return [*[[f"{block.key}=1", *words] for words in plain], *plain]


def _help_text(gen: _Generator, search: Search, command: Command) -> str:
    source = command.help_source or ""
    label = source if source.startswith("-") else "--help"
    assert gen.prober is not None
    got = gen.prober.outcome(Probe((*search.prefix, label), "numbered"))
    return got.stdout if got is not None else ""


def wants_key_forms(command: Command) -> bool:
    """Whether the command may document ``KEY=VALUE`` operands: it takes operands and
    has almost no options of its own (``dd``: ``--help`` and ``--version``)."""
    own = [o for o in command.options if not {"-h", "--help", "--version"} & set(o.flags)]
    return bool(command.positionals) and len(own) <= 2 and not command.subcommands


def key_operand_cases(gen: _Generator, command: Command, search: Search) -> None:
    """A case per documented ``KEY=VALUE`` operand (see the module)."""
    from .differential import NO_EFFECT_TAG, _add, _describe

    if gen.prober is None or gen.prober.broken or not wants_key_forms(command):
        return
    text = _help_text(gen, search, command)
    forms = key_forms(text)
    if not forms:
        return
    if not search.reads_stdin and _STDIN.search(text):  # ``if=FILE  read ... instead of stdin``
        search = replace(search, reads_stdin=True,
                         form_order=["stdin", *[f for f in search.forms() if f != "stdin"]])
    datasets = inputs_for(None, pairs=search.pairs)[:4]
    for form in forms:
        if gen.prober.exhausted:
            gen.findings.append(f"`{' '.join(search.prefix)} {form.key}=`: not searched "
                                f"({gen.prober.spent()})")
            continue
        words = word_lists(form, forms)
        option = Option(flags=[f"{form.key}="], description=form.description)
        found = search.option_evidence(words, option, datasets)
        what = f"{form.key}={form.value_name} ({form.description[:70]})"
        if found is not None:
            on = _describe(found.probe.dataset) if found.setting.form != "none" else \
                f"the operands `{shlex.join(found.setting.operands)}`"
            value = found.values[-1].partition("=")[2]
            _add(gen, command, [form.key, value, found.probe.dataset], found.probe,
                 f"operand {what} on {on}: {found.shown}", found.outcome)
            continue
        probe = search.probe(words[0], "numbered", search.forms()[0])
        line = shlex.join(probe.argv)
        gen.findings.append(f"no observed effect: `{line}` (no candidate input or value "
                            "showed a difference); review this case")
        _add(gen, command, [form.key], probe, f"no observed effect: operand {what}",
             gen.prober.outcome(probe), tags=[NO_EFFECT_TAG])
