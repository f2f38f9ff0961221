"""Exit statuses that are a tool's normal answer, not a failure, for generation with a
sandbox.

``diff`` and ``cmp`` exit 1 when the files differ, ``grep`` exits 1 when no line is
selected: a run ending so is the tool working, and the option search may look for
evidence there (``diff -i a b`` against ``diff a b``), where the exit status is part
of what differs (``grep -i a`` exits 0 where ``grep a`` exits 1).

- ``normal_statuses``: the non-zero statuses the help documents with a condition that
  is no error ("1 if different", "1 otherwise"; not "2 if trouble", "125 if env
  itself fails"), read by ``analysis/exit_status.py``.
- ``is_normal``: whether a non-zero run is such an answer: a documented normal status
  with no usage or error text, or (documented or not) output on stdout that is not an
  error message, with nothing on stderr or far less there than on stdout.
- ``normal_operands``: operand values on which the command ends in a documented normal
  status (``grep a`` on lines without an ``a``): settings where options that select
  (``grep -i a`` on lines with ``Apple``) show.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..analysis.spec import Command, Positional
from .probe import Outcome

if TYPE_CHECKING:
    from .cases import _Generator
    from .evidence import Search

# what a condition of failure says ("2 if trouble", "125 if the env command itself
# fails", "3 if an error occurred", "1 if minor problems")
_FAILURE = re.compile(
    r"(?i)trouble|error|fail|invalid|cannot|can't|could not|unable|not found|usage|"
    r"syntax|problem|denied|missing|wrong|bad\b|abort|interrupt|signal|itself|"
    r"unreadable|inaccessible|exception|crash")
# a usage or error message (see ``evidence._USAGE_TEXT``)
_MESSAGE = re.compile(r"(?i)\busage:|invalid option|unrecogni[sz]ed option|missing operand|"
                      r"extra operand|no such file|try [`'\"]?\S+ --help|\berror\b")
# what says the option could not run (a check's "1 check failure(s)" is its answer)
_RUN_FAILED = re.compile(r"(?i)cannot|can't|invalid|not found|denied|unable|illegal|"
                         r"requires|expected|unknown|permission|traceback|exception")
# substantial output beside a little stderr: this many lines, this many times the bytes
MIN_LINES, RATIO = 3, 4
# operand values tried for a documented normal status, and how many settings kept
MAX_NORMAL_OPERANDS = 2


def normal_statuses(command: Command) -> set[int]:
    """The non-zero exit statuses ``command``'s help documents as an answer, not a
    failure (see the module)."""
    return {code for code, condition in command.exit_statuses.items()
            if 0 < code < 124 and not _FAILURE.search(condition)}


def is_normal(outcome: Outcome | None, documented: set[int] | frozenset[int] = frozenset()
              ) -> bool:
    """Whether a non-zero ``outcome`` is a normal answer of the tool (see the module).
    A timeout, a signal or a command not found (124 and up) never is."""
    if outcome is None or outcome.ok or not 0 < outcome.exit_code < 124:
        return False
    if _MESSAGE.search(outcome.stdout) or _MESSAGE.search(outcome.stderr):
        return False
    if outcome.exit_code in documented:
        return True
    lines = outcome.stdout.strip().splitlines()
    if not lines:
        return False
    return outcome.stderr_size == 0 or (
        len(lines) >= MIN_LINES and len(outcome.stdout) >= RATIO * outcome.stderr_size)


def normal_operands(gen: _Generator, search: Search, required: Sequence[Positional]
                    ) -> list[list[str]]:
    """Candidate values of ``required`` (in order, after the chosen ones) on which the
    command ends in one of its documented normal statuses on the first input: the
    first ``MAX_NORMAL_OPERANDS`` of them (``grep a``: no line has an ``a``), added to
    ``search.other_operands`` as settings of the option search."""
    if gen.prober is None or not required or not search.documented_normal:
        return []
    from .operands import candidate_operands

    known = [search.operands, *search.other_operands]
    combos = [c for c in candidate_operands(gen, required) if c not in known]
    form = search.forms()[0]
    got = gen.prober.outcomes([search.probe([], "numbered", form, operands=c)
                               for c in combos])
    chosen = [c for c, o in zip(combos, got, strict=True)
              if o is not None and o.exit_code in search.documented_normal and is_normal(
                  o, search.documented_normal)][:MAX_NORMAL_OPERANDS]
    search.other_operands += chosen
    return chosen


def is_answer(outcome: Outcome | None) -> bool:
    """Whether a non-zero ``outcome`` may be a check mode's answer (``toml-sort --check``
    on a file it would change: 1) rather than an error: no usage or error message on
    stdout or stderr, and not a timeout, a signal or a command not found. The option
    search takes such a status, differing from the run without the option, as
    evidence in its first pass: a build ignoring the option exits otherwise."""
    return outcome is not None and not outcome.ok and 0 < outcome.exit_code < 124 and \
        not any(p.search(t) for p in (_MESSAGE, _RUN_FAILED)
                for t in (outcome.stdout, outcome.stderr))
