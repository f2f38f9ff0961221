"""Flags related to an option by the words of their help, for generation with a
sandbox: an option that shows nothing alone, with the options its help names or
beside other options' values may show beside a flag its help shares a word with
(``--indent_width: indentation width`` beside ``--reindent: reindent statements``,
``--ignore-case: ignore case when sorting`` beside ``--all: sort ALL keys``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..analysis.spec import Command, Option
from .evidence import Found, Search, Setting

MAX_RELATED = 3
_WORD = re.compile(r"[a-z]{4,}")
# words too common in option help to relate two options
_COMMON = {"default", "output", "input", "file", "files", "with", "when", "that", "this",
           "from", "each", "only", "instead", "than", "into", "also", "does", "none",
           "show", "print", "display", "help", "version", "exit", "given", "value",
           "before", "after", "first", "last", "lines", "line", "used", "using", "use"}


def _stems(option: Option) -> set[str]:
    text = f"{' '.join(option.flags)} {option.description}".lower().replace("_", " ")
    return {w for w in _WORD.findall(text) if w not in _COMMON}


def _shared(mine: set[str], other: set[str]) -> int:
    """How many of ``mine`` share their first four letters with a word of ``other``
    inside it (``indentation`` and ``reindent``, ``sorting`` and ``sort``)."""
    return sum(1 for word in mine if any(word[:4] in w or w[:4] in word for w in other))


def related_flag_contexts(command: Command, option: Option) -> list[list[str]]:
    """The flags (options without a value) sharing the most word stems with
    ``option``'s flags and help, at most ``MAX_RELATED``, each as a context."""
    mine = _stems(option)
    scored: list[tuple[int, int, Option]] = []
    for index, other in enumerate(command.options):
        if other is option or other.takes_value or {"-h", "--help", "--version"} & set(
                other.flags):
            continue
        shared = _shared(mine, _stems(other))
        if shared:
            scored.append((-shared, index, other))
    return [[other.primary] for _, _, other in sorted(scored)[:MAX_RELATED]]


def related_evidence(search: Search, option_words: Sequence[Sequence[str]],
                     datasets: Sequence[str], contexts: Sequence[Sequence[str]]
                     ) -> Found | None:
    """The first candidate beside one of ``contexts`` (the related flags) that works
    and differs from the run with that flag alone: the option's first four values on
    its first three inputs, in the first form, all in one batch (a bounded try, not
    the whole search of every setting)."""
    if not contexts or search.prober.exhausted:
        return None
    form = search.forms()[0]
    settings = [Setting(tuple(search.operands), form, tuple(c)) for c in contexts]
    trials = [(s, list(w), d) for s in settings for d in datasets[:3]
              for w in [[], *option_words[:4]]]
    got = dict(zip([search.at(s, w, d) for s, w, d in trials], search.prober.outcomes(
        [search.at(s, w, d) for s, w, d in trials]), strict=True))
    for setting, words, dataset in trials:
        if not words:
            continue
        outcome = got.get(search.at(setting, words, dataset))
        base = got.get(search.at(setting, [], dataset))
        if outcome is None or outcome.timed_out or not search.accepts(outcome) or \
                outcome.same(base):
            continue
        return Found(search.at(setting, words, dataset), outcome,
                     f"differs from the run with {' '.join(setting.context)} alone",
                     list(words), setting)
    return None
