"""The files a command writes, as the input of its other modes, for generation with a
sandbox.

A compressor's list and test modes (``gzip -l``, ``gzip -t``), an archiver's or a
splitter's read what the tool itself wrote: on the plain inputs they only fail. For
a command seen writing new files when run bare on a file (``gzip input.txt`` writes
``input.txt.gz``), an option that showed nothing, or showed only a failure, is tried
on each such file right after the bare run wrote it: one shell line, ``gzip
input.txt; gzip -l input.txt.gz``, against the same line without the option. Where
the option then works and differs, it gets a case on that line.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..analysis.spec import Command, Option
from .evidence import INPUT_FILE, MISSING_FILE, SECOND_FILE, Search
from .probe import Probe

if TYPE_CHECKING:
    from .cases import _Generator

MAX_WRITTEN = 2  # written files tried per option


def written_files(gen: _Generator, search: Search) -> list[str]:
    """New files (not the inputs) the bare command wrote in its folder."""
    if gen.prober is None or "file" not in search.forms():
        return []
    names = sorted(n[2:] if n.startswith("./") else n for n in gen.prober.written)
    return [n for n in names if n not in (INPUT_FILE, SECOND_FILE, MISSING_FILE)
            and "/" not in n][:MAX_WRITTEN]


def chained(search: Search, words: Sequence[str], written: str) -> Probe:
    """The bare command on the input file, then ``words`` on the file it wrote."""
    first = search.probe([], "numbered", "file")
    line = (f"{shlex.join(first.argv)} >/dev/null 2>&1; "
            f"{shlex.join([*search.prefix, *words, written])}")
    return Probe(("sh", "-c", line), "numbered", watch=True)


def on_written_files(gen: _Generator, command: Command, search: Search, option: Option,
                     option_words: Sequence[Sequence[str]]) -> bool:
    """A case for ``option`` on a file the command wrote, where it works there and
    differs from the line without it (see the module); whether one was added."""
    from .differential import _add

    names = written_files(gen, search)
    if gen.prober is None or not names or gen.prober.exhausted:
        return False
    candidates = [(name, list(words)) for name in names for words in option_words[:4]]
    probes = [chained(search, words, name) for name, words in candidates]
    bases = [chained(search, [], name) for name in names]
    got = gen.prober.outcomes([*probes, *bases])
    base_of = dict(zip(names, got[len(probes):], strict=True))
    for (name, words), probe, outcome in zip(candidates, probes, got, strict=False):
        base = base_of[name]
        if outcome is None or not outcome.ok or outcome.timed_out or \
                not outcome.stdout.strip() or outcome.same(base):
            continue
        _add(gen, command, [option.primary, "written"], probe,
             f"option {' '.join(words)} on the file `{' '.join(search.prefix)} "
             f"{INPUT_FILE}` writes ({name}): differs from the run without it", outcome)
        return True
    return False
