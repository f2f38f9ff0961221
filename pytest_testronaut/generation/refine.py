"""Options seen from more sides, for generation with a sandbox.

- ``referenced_contexts``: the options an option's help refers to (``-N ... (see -n)``,
  ``when decoding`` beside ``--decode``), or shares a word with that no other option's
  help has (``-N``: "start counting", ``-n``: "counting starts"), are tried with it:
  alone it may show nothing.
- ``both_neighbours``: a number option whose chosen value shows against only one of
  its neighbours (``-w 22`` prints like ``-w 23``) gets a second value that shows
  against the other one, so a count off by one either way fails a case.
- ``other_value_contexts``: an option no setting showed is tried beside each other
  option's values (``iconv -c`` shows with ``-t ASCII`` on a character ASCII lacks).
- ``short_forms``: an option documented with several short flags (``-u, -U NUM,
  --unified[=NUM]``) gets a case per bare short flag that works, beside its long one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..analysis.spec import Command, Option, Positional
from .evidence import Found, Search, option_values
from .probe import Outcome
from .typed_values import further_values, option_words

if TYPE_CHECKING:
    from .cases import _Generator

_FLAG = re.compile(r"(?<![\w-])(--?[A-Za-z0-9][\w-]*)")
MAX_REFERENCED = 2


def _is_meta(option: Option) -> bool:
    return bool({"-h", "--help", "--version", "-help"} & set(option.flags))


def referenced_contexts(command: Command, option: Option,
                        sample: Callable[[Option | Positional], str]) -> list[list[str]]:
    """The command-line words of the options ``option``'s help names: by flag
    (``(see -n)``, ``overrides -n``) or by the stem of a long flag (``when decoding``
    and ``--decode``), each with a sample value when it needs one."""
    text = option.description
    named = {f.replace("_", "-") for f in _FLAG.findall(text)}  # ``--max_length``
    out: list[list[str]] = []
    for other in command.options:
        if other is option or _is_meta(other) or len(out) >= MAX_REFERENCED:
            continue
        by_flag = bool(named & {f.replace("_", "-") for f in other.flags})
        long = (other.long_flag or "").lstrip("-")
        stem = re.sub(r"(e|ing|s)$", "", long)
        by_name = len(stem) >= 4 and "-" not in long and re.search(
            rf"\b{re.escape(stem)}", text, re.IGNORECASE) is not None
        if not (by_flag or by_name):
            continue
        words = [other.primary]
        if other.takes_value and not other.value_optional:
            words = option_words(other, sample(other))
        out.append(words)
    for other in kindred(command, option):
        if len(out) < MAX_REFERENCED and other.primary not in (w[0] for w in out):
            out.append([other.primary] if not other.takes_value or other.value_optional
                       else option_words(other, sample(other)))
    return out


_WORD = re.compile(r"\b[A-Za-z]{6,}\b")


def _words(option: Option) -> set[str]:
    """The longer words of an option's help, lower case, without a plural ``s``; not
    its metavars (words in capitals: ``NUMBER``)."""
    return {w.lower().removesuffix("s") for w in _WORD.findall(option.description)
            if not w.isupper()}


def kindred(command: Command, option: Option) -> list[Option]:
    """The options whose help shares a word with ``option``'s help that no other
    option's help has (``-N``: "start counting with NUMBER" and ``-n``: "default
    counting starts with 1st line"): the option it is likely to work with."""
    mine = _words(option)
    others = [o for o in command.options if o is not option and not _is_meta(o)]
    words = {id(o): _words(o) for o in others}
    out: list[Option] = []
    for word in sorted(mine):
        holders = [o for o in others if word in words[id(o)]]
        if len(holders) == 1 and holders[0] not in out:
            out.append(holders[0])
    return sorted(out, key=others.index)


MAX_VALUE_CONTEXTS = 6


def other_value_contexts(command: Command, option: Option,
                         sample: Callable[[Option | Positional], str]) -> list[list[str]]:
    """The other value options of ``command``, each with its first two values (of
    many choices: the first, a middle and the last one), at most six in all."""
    out: list[list[str]] = []
    for other in command.options:
        if other is option or _is_meta(other) or not other.takes_value or \
                other.value_optional:
            continue
        values = option_values(other, sample(other))
        if other.choices and len(values) > 2:
            values = [values[0], values[len(values) // 2], values[-1]]
        out += [[other.primary, value, *further_values(other, value)]
                for value in values[:3 if other.choices else 2]]
    return out[:MAX_VALUE_CONTEXTS]


def _number(words: Sequence[str]) -> tuple[str, int] | None:
    match = re.fullmatch(r"([+-]?)(\d+)", words[-1]) if words else None
    return (match.group(1), int(match.group(2))) if match else None


def both_neighbours(gen: _Generator, command: Command, search: Search, option: Option,
                    found: Found, option_words: list[list[str]]) -> None:
    """A second value where the chosen one is like its neighbour on one side (see the
    module): on the same input and setting, the first value that differs from the run
    without the option and from its neighbour on that side."""
    from .differential import _add, _describe

    mine = _number(found.values)
    if mine is None or gen.prober is None:
        return
    dataset = found.probe.dataset
    numbered = {n: words for words in option_words if (n := _number(words)) is not None}
    probes = {n: search.at(found.setting, words, dataset) for n, words in numbered.items()}
    base_probe = search.at(found.setting, [], dataset)
    got = dict(zip([*probes.values(), base_probe],
                   search.prober.outcomes([*probes.values(), base_probe]), strict=True))
    base = got.get(base_probe)

    def outcome(n: tuple[str, int]) -> Outcome | None:
        return got.get(probes[n]) if n in probes else None

    def shows(n: tuple[str, int], step: int) -> bool:
        here, there = outcome(n), outcome((n[0], n[1] + step))
        return here is not None and there is not None and search.accepts(here) and \
            not here.same(there) and not here.same(base)

    for step in (1, -1):
        if shows(mine, step):
            continue
        other = next((n for n in numbered if n != mine and shows(n, step)), None)
        if other is None:
            continue
        value = f"{other[0]}{other[1]}"
        neighbour = f"{other[0]}{other[1] + step}"
        _add(gen, command, [option.primary, value, dataset], probes[other],
             f"option {option.primary} {value!r} on {_describe(dataset)}: differs from the "
             f"run without it and from {neighbour!r}", outcome(other))


def short_forms(gen: _Generator, command: Command, search: Search, option: Option,
                found: Found) -> None:
    """A case per bare short flag of an option documented with several (see the
    module), where it works and differs from the run without it."""
    from .differential import _add, _describe

    shorts = [f for f in option.flags if re.fullmatch(r"-[^-]", f)]
    if len(shorts) < 2 or gen.prober is None:
        return
    dataset = found.probe.dataset
    probes = [search.at(found.setting, [flag], dataset) for flag in shorts
              if [flag] != list(found.values)]
    base = search.at(found.setting, [], dataset)
    got = search.prober.outcomes([*probes, base])
    for flag_probe, outcome in zip(probes, got, strict=False):
        if outcome is None or not search.accepts(outcome) or outcome.same(got[-1]):
            continue
        flag = flag_probe.argv[len(search.prefix) + len(found.setting.context)]
        _add(gen, command, [flag, dataset], flag_probe,
             f"the short form {flag} of {option.primary} on {_describe(dataset)}: differs "
             "from the run without it", outcome)
