"""What is at the path a command prints, for generation with a sandbox.

``mktemp`` prints the name of what it made, a new random name each run: its options
change what is there (``-d``: a directory, ``-u``: nothing), not the shape of the
name, and the recorded comparison takes any two such names as the same. For a command
whose bare run prints one path that exists afterwards, an option that showed nothing
is tried in one shell line that runs the command, prints the path, then the type and
mode of what is there (``find -printf '%y %m'``: ``d 700``, ``f 600``) or ``nothing
there``, and exits with the command's status; where that differs from the same line
without the option, the option gets a case on that line (recording keeps the random
name as a hole, the type and mode as they are).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..analysis.spec import Command, Option
from .probe import Outcome, Probe

if TYPE_CHECKING:
    from .cases import _Generator
    from .evidence import Search

NOTHING = "nothing there"
# one path, with a folder in it, no spaces: ``/tmp/tmp.0JAB5lEqiP``, ``./tmp.abc123``
_PATH = re.compile(r"(?:/|\.{1,2}/)?[^\s/]+(?:/[^\s/]+)+/?|/[^\s/]+")


def printed_path(outcome: Outcome | None) -> bool:
    """Whether ``outcome`` worked and printed one line that is a path."""
    return outcome is not None and outcome.ok and not outcome.timed_out and \
        _PATH.fullmatch(outcome.stdout.rstrip("\n")) is not None


def path_line(search: Search, words: Sequence[str]) -> Probe:
    """The command with ``words``, then what is at the path it printed (see the module)."""
    probe = search.probe(words, "numbered", search.forms()[0])
    line = (f"p=$({shlex.join(probe.argv)}); s=$?; printf '%s\\n' \"$p\"; "
            f"find \"$p\" -maxdepth 0 -printf '%y %m\\n' 2>/dev/null || echo '{NOTHING}'; "
            "exit $s")
    return Probe(("sh", "-c", line), probe.dataset, stdin=probe.stdin)


def _what(outcome: Outcome) -> str:
    lines = outcome.stdout.rstrip("\n").split("\n")
    return lines[-1] if len(lines) > 1 else NOTHING


def on_printed_path(gen: _Generator, command: Command, search: Search, option: Option,
                    option_words: Sequence[Sequence[str]]) -> bool:
    """A case for ``option`` where what is at the printed path differs from the line
    without it (see the module); whether one was added."""
    from .differential import _add

    if gen.prober is None or gen.prober.exhausted or not printed_path(
            gen.prober.outcome(search.probe([], "numbered", search.forms()[0]))):
        return False
    base_probe = path_line(search, [])
    probes = [path_line(search, words) for words in option_words[:4]]
    base, *got = gen.prober.outcomes([base_probe, *probes])
    if base is None or not base.ok or _what(base) == NOTHING:
        return False
    for words, probe, outcome in zip(option_words, probes, got, strict=False):
        if outcome is None or outcome.timed_out or outcome.exit_code != base.exit_code \
                or _what(outcome) == _what(base):
            continue
        _add(gen, command, [option.primary, "path"], probe,
             f"option {' '.join(words)}: at the path it prints is `{_what(outcome)}`, "
             f"without it `{_what(base)}`", outcome)
        return True
    return False
