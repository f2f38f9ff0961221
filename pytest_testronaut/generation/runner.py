"""Commands that run another command (``env``, ``xargs``, ``nice``, ``timeout``), for
generation with a sandbox.

What such a command changes (the environment, the working directory, the arguments)
shows only in what the command it runs prints, and a command that is not there is an
exit status of its own (127 for ``env``). So:

- ``runner_forms``: a command whose usage names a COMMAND (or PROGRAM, CMD, UTILITY)
  operand gets cases running commands of the image that print what a runner changes
  (``pwd``, ``env``, ``echo``), where the output differs from the plain run and from
  the ones kept before, and one running a command that is not there (its exit status
  is the evidence). Each command that worked is also a setting of the option search
  (``env -C / pwd``). A command bounded by a DURATION (``timeout``) also runs one that
  prints a line and then outlasts the duration: what happens when the time runs out
  (124, and ``--preserve-status``, ``--signal KILL``: 143, 137) is its work, so that
  status counts as working there and it is the first setting of the option search.
- ``runner_values``: values an option's help says are an environment variable's name
  (``-u, --unset=NAME: remove variable from the environment``) or the directory to
  change to (``-C, --chdir=DIR``) are ones that exist everywhere (``HOME``, ``PATH``;
  ``/``, ``..``), so that unsetting or changing to them shows.
"""

from __future__ import annotations

import re
import shlex
from typing import TYPE_CHECKING

from ..analysis.spec import Command, Option
from .probe import Outcome, Probe

if TYPE_CHECKING:
    from .cases import _Generator
    from .evidence import Search

_COMMAND = re.compile(r"\b(?:COMMAND|PROGRAM|PROG|CMD|UTILITY)\b")
# (what it prints, its words): each shows another thing a runner may change
PROBE_COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("the working directory", ("pwd",)),
    ("the environment", ("env",)),
    ("its arguments", ("echo", "a", "b")),
)
MISSING_COMMAND = "testronaut-no-such-command"
# prints, then outlasts a duration of a second (the first a DURATION operand gets)
OUTLASTING = ("sh", "-c", "echo started; sleep 2")
STOPPED_STATUSES = (128 + 9, 128 + 15)
_DURATION = re.compile(r"\b(?:DURATION|TIMEOUT|SECONDS)\b")
_VARIABLE = re.compile(r"(?i)\benviron|\bvariable")
_CHDIR = re.compile(r"(?i)\bchdir\b|change (?:the )?(?:current |working )*director|"
                    r"working director|\brun in\b.*\bdirector")


def runs_a_command(command: Command) -> bool:
    """Whether ``command``'s usage (after the program word) or one of its operands
    names a command it runs."""
    usage = " ".join(line.split(None, 1)[1] if len(line.split(None, 1)) > 1 else ""
                     for line in command.usage.splitlines())
    return bool(_COMMAND.search(usage)) or any(
        _COMMAND.fullmatch(p.name.upper()) for p in command.positionals)


def runner_values(option: Option) -> list[str]:
    """Values for an option naming an environment variable or a directory to change
    to (see the module); ``[]`` for any other option."""
    if not option.takes_value:
        return []
    name = (option.value_name or "").upper()
    text = f"{' '.join(option.flags)} {option.description}"
    if _CHDIR.search(text) and (option.value_type == "directory" or "DIR" in name):
        return ["/", ".."]
    if _VARIABLE.search(option.description) and re.fullmatch(
            r"NAME|VAR(?:IABLE)?|ENV(?:VAR)?|KEY", name):
        return ["HOME", "PATH"]
    return []


def _command_index(command: Command, search: Search) -> int:
    """Where the COMMAND operand is in ``search.operands`` (its length when no parsed
    operand is the command: it comes after them)."""
    from .edges import _operand_positionals

    positionals = _operand_positionals(command, search)
    return next((i for i, p in enumerate(positionals[:len(search.operands)])
                 if _COMMAND.fullmatch(p.name.upper())), len(search.operands))


MAX_RUNNER_CASES = (3, 3, 4)  # per command and scope, besides the missing command


def runner_forms(gen: _Generator, command: Command, search: Search) -> None:
    """The cases and settings of a command that runs a command (see the module)."""
    from .differential import _add, _describe

    if gen.prober is None or not runs_a_command(command):
        return
    at = _command_index(command, search)
    form = search.forms()[0]
    head = list(search.operands[:at])
    trials = [(what, [*head, *words]) for what, words in PROBE_COMMANDS
              if words[0] != gen.prefix(command)[0]]  # ``env env``: ``env`` again
    trials.append(("", [*head, MISSING_COMMAND]))
    if _DURATION.search(command.usage):
        trials.insert(0, ("time", [*head, *OUTLASTING]))
    probes = [search.probe([], "numbered", form, operands=o) for _, o in trials]
    base = gen.prober.outcome(search.probe([], "numbered", form))
    kept: list[Outcome] = [base] if base is not None else []
    limit = MAX_RUNNER_CASES[gen.level]
    on = f" on {_describe(probes[0].dataset)}" if form != "none" else ""
    for (what, operands), probe, got in zip(trials, probes, gen.prober.outcomes(probes),
                                            strict=True):
        if got is None or got.timed_out:
            continue
        shown = shlex.join(operands[len(head):])
        if what == "time":
            _outlasting(gen, command, search, operands, probe, got, base, f"(`{shown}`){on}")
            continue
        if not what:  # the command that is not there: its exit status tells
            if not got.ok:
                _add(gen, command, ["command", "missing"], probe,
                     f"runs a COMMAND that is not there (`{shown}`){on}: exits "
                     f"{got.exit_code}", got)
            continue
        if not got.ok or any(got.same(o) for o in kept):
            continue
        if operands not in search.other_operands and operands != search.operands:
            search.other_operands.append(operands)  # options are tried there too
        if limit <= 0:
            continue
        limit -= 1
        kept.append(got)
        _add(gen, command, ["command", *operands[len(head):][:1]], probe,
             f"runs the COMMAND `{shown}`{on}, which prints {what}: differs from the "
             "plain run", got)


def _outlasting(gen: _Generator, command: Command, search: Search, operands: list[str],
                probe: Probe, got: Outcome, base: Outcome | None, where: str) -> None:
    """The command that outlasts the duration: when it was stopped (a status of its
    own, not 0, not the plain run's, after its first line), that is the command's
    work: a case, the status counted as working (see ``Search.accepts``), and the
    first setting the option search tries after the plain one."""
    from .differential import _add

    if got.ok or not got.stdout.strip() or (base is not None and got.same(base)):
        return
    # its status, and those of a command stopped by KILL or TERM when that is kept
    search.normal_codes.update({got.exit_code, *STOPPED_STATUSES})
    if operands not in search.other_operands and operands != search.operands:
        search.other_operands.insert(0, operands)
    _add(gen, command, ["command", "outlasting"], probe,
         f"runs a COMMAND that outlasts the duration {where}: stopped, exits "
         f"{got.exit_code}", got)
