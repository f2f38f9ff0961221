"""Explore a tool by running it: help probes, subcommand recursion, version.

``discover`` only needs a way to run an argv and get a
:class:`~pytest_testronaut.sandbox.result.RunResult` back, so the same code explores
a tool inside a Docker sandbox, in a local subprocess, or in a test's fake. A runner
that also runs ``sh`` scripts (``run(["sh", "-c", SCRIPT], timeout=...)``, as
``Sandbox.run``) gets each level of subcommands asked in one exec
(:mod:`.batch_runs`); the spec is the same as with one exec per call.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import deque
from collections.abc import Callable, Sequence

from ..sandbox.result import RunResult
from .batch_runs import BatchRunner
from .parse import parse_help
from .spec import CliSpec, Command

Runner = Callable[[list[str]], RunResult]
_VERSION = re.compile(r"\bv?(\d+\.\d+(?:\.\d+)?(?:[-+.~][\w.+~-]*)?)\b")
_HELP_MARK = re.compile(r"^\s*usage\s*:|^\s*(options|commands|flags|arguments)\s*:",
                        re.I | re.M)
_OPTION_ROW = re.compile(r"^\s{1,8}--?[A-Za-z]", re.M)
# what a tool answers when a word is not one of its commands: argparse, click, cobra,
# clap, git and most others
_NOT_A_COMMAND = re.compile(
    r"invalid choice|(?:unknown|unrecognized|no such) (?:sub)?command|"
    r"is not a [\w.-]+ command", re.I)
# words a help text never means as a subcommand worth exploring
_SKIP_SUBCOMMANDS = {"help", "completion", "completions", "__complete", "__completeNoDesc"}


def looks_like_help(text: str) -> bool:
    """Usage line, a headed section, or several option rows: this is help output."""
    return bool(text.strip()) and (
        bool(_HELP_MARK.search(text)) or len(_OPTION_ROW.findall(text)) >= 3)


def _fingerprint(text: str, path: list[str]) -> str:
    """Hash the help with the command words of ``path`` blanked, so a tool that prints
    its root help for every unknown subcommand (or an alias) is caught as a cycle."""
    body = text
    for word in path[1:]:
        body = re.sub(rf"\b{re.escape(word)}\b", "", body)
    body = re.sub(r"\s+", " ", body)
    return hashlib.sha256(body.encode()).hexdigest()


class _Explorer:
    def __init__(self, run: Runner, tool: str, max_depth: int, max_commands: int,
                 time_budget: float, progress: Callable[[str], None] | None,
                 batch: BatchRunner | None) -> None:
        self.run, self.tool = run, tool
        self.max_depth, self.max_commands = max_depth, max_commands
        self.deadline = time.monotonic() + time_budget
        self.time_budget = time_budget
        self.progress = progress or (lambda _msg: None)
        self.notes: list[str] = []
        self.out_of_time = False
        self.rejected = False  # the last help_for: the tool said the word is no command
        self.batch = batch
        # answers a batch brought before they were asked for (see ``prefetch``)
        self.fetched: dict[tuple[str, ...], RunResult] = {}

    def expired(self) -> bool:
        if time.monotonic() >= self.deadline:
            if not self.out_of_time:
                self.notes.append(f"time budget of {self.time_budget:g}s used up; "
                                  "exploration stopped early")
            self.out_of_time = True
        return self.out_of_time

    def call(self, argv: list[str]) -> RunResult:
        """``argv``'s result: the one a batch brought, else a run of its own."""
        fetched = self.fetched.pop(tuple(argv), None)
        return fetched if fetched is not None else self.run(argv)

    def probes(self, path: list[str], git_like: bool) -> list[tuple[list[str], str]]:
        """The help probes of the command at ``path``, in the order they are tried."""
        sub = path[1:]
        probes: list[tuple[list[str], str]] = [([*path, "--help"], "--help"),
                                               ([*path, "-h"], "-h")]
        if not sub or git_like:
            probes.append(([self.tool, "help", *sub], "help"))
        if not sub:
            probes.append(([self.tool], "bare"))  # last: a bare run may do something
        return probes

    @staticmethod
    def settles(result: RunResult, sub: list[str]) -> bool:
        """Whether ``help_for`` stops at this probe's result (help found, the tool not
        found, the word refused as a command) instead of trying the next probe."""
        if result.exit_code == 127 and not sub:
            return True
        if result.timed_out:
            return False
        if sub and result.exit_code != 0 and _NOT_A_COMMAND.search(
                f"{result.stdout}\n{result.stderr}"):
            return True
        return looks_like_help(result.stdout) or looks_like_help(result.stderr)

    def prefetch(self, paths: list[list[str]], git_like: bool,
                 first: Sequence[list[str]] = ()) -> None:
        """Run in batches the probes ``help_for`` will make for the commands at
        ``paths`` (``git_like``: as ``help_for``'s), and the argvs of ``first``: each round
        batches the next probe of every command not settled yet, as ``help_for``
        would try them; a bare run is never batched, nor a round of a single call.
        Calls a batch cannot answer are left to ``help_for``, which runs them alone."""
        if self.batch is None:
            return
        unsure: set[tuple[str, ...]] = set()
        extra = [list(argv) for argv in first]
        # the deadline read, not ``expired()``: its note comes where ``help_for`` meets it
        while self.batch.available and time.monotonic() < self.deadline:
            todo = extra
            extra = []
            for path in paths:
                for argv, label in self.probes(path, git_like):
                    key = tuple(argv)
                    if key in self.fetched:
                        if self.settles(self.fetched[key], path[1:]):
                            break
                        continue
                    if label != "bare" and key not in unsure:
                        todo.append(argv)
                    break
            if len(todo) < 2:  # one call: run alone when asked, no script around it
                return
            self.progress(f"asking {len(todo)} command lines for help in one run")
            answers = self.batch.run_all(todo, time_left=self.deadline - time.monotonic())
            for argv, answer in zip(todo, answers, strict=True):
                if answer is None:
                    unsure.add(tuple(argv))
                else:
                    self.fetched[tuple(argv)] = answer
            if not self.batch.available and self.batch.note:
                # not a note of the spec: the spec is the same either way
                self.progress(self.batch.note)

    def help_for(self, path: list[str], git_like: bool) -> tuple[str, str] | None:
        """(help text, probe) for the command at ``path``; ``None`` when nothing works."""
        sub = path[1:]
        self.rejected = False
        for argv, label in self.probes(path, git_like):
            if self.expired():
                return None
            try:
                result = self.call(argv)
            except Exception as exc:  # a runner failure is a finding, not a crash
                self.notes.append(f"`{' '.join(argv)}` could not run: {exc}")
                continue
            if result.exit_code == 127 and not sub:
                self.notes.append(f"`{self.tool}` was not found (exit 127): install it first "
                                  "(e.g. --install) or check the name")
                return None
            if result.timed_out:
                self.notes.append(f"`{' '.join(argv)}` timed out")
                continue
            if sub and result.exit_code != 0 and _NOT_A_COMMAND.search(
                    f"{result.stdout}\n{result.stderr}"):
                self.rejected = True
                return None
            for text in (result.stdout, result.stderr):
                if looks_like_help(text):
                    return text, label
        return None

    def version(self) -> str | None:
        for flag in (["--version"], ["-V"], ["version"]):
            if self.expired():
                return None
            try:
                result = self.call([self.tool, *flag])
            except Exception:
                continue
            text = (result.stdout or result.stderr).strip()
            if result.exit_code == 0 and text and not looks_like_help(text):
                match = _VERSION.search(text.splitlines()[0]) or _VERSION.search(text)
                if match:
                    return match.group(1)
        return None


def discover(run: Runner, tool: str, *, max_depth: int = 3, max_commands: int = 200,
             time_budget: float = 120.0,
             progress: Callable[[str], None] | None = None,
             batch: BatchRunner | bool = True) -> CliSpec:
    """Explore ``tool`` through ``run`` and return its :class:`CliSpec`.

    Tries ``--help``, ``-h``, ``help`` and a bare run (kept only if it looks like
    help), reading stdout and stderr whatever the exit code; then recurses into
    subcommands breadth first (``tool sub --help``, and ``tool help sub`` for git-like
    tools) down to ``max_depth`` levels, ``max_commands`` commands and
    ``time_budget`` seconds. The same help text seen again (an alias, or a tool that
    answers every unknown word with its root help) is not expanded twice. Every limit
    hit and probe that failed is recorded in ``CliSpec.notes``. A subcommand read from the
    help whose own help call the tool refuses ("invalid choice", "unknown command", "no
    such command") is dropped, with a note.

    ``batch`` (default ``True``: a :class:`BatchRunner` over ``run``): the root is
    probed alone, then the help probes of a whole level of subcommands (the first
    level's with ``--version``) run in one exec a round, several calls at once, each
    round the next probe of the commands the last one did not settle; the bare run and
    any call a batch cannot answer for sure run alone, so the spec is the one of one
    exec per call. ``False``: one exec per call. A runner that does not run ``sh``
    scripts costs one exec, then discovery goes on one call per exec.
    """
    if batch is True:
        batch = BatchRunner(run)
    ex = _Explorer(run, tool, max_depth, max_commands, time_budget, progress,
                   batch or None)
    ex.progress(f"probing {tool} for help")
    # the root alone and first, as without batches: a tool's first run may set itself up
    found = ex.help_for([tool], git_like=False)
    if found is None:
        ex.notes.append(f"no help found for {tool}: --help, -h, help and a bare run "
                        "printed nothing that looks like help")
        return CliSpec(tool=tool, version=ex.version(), root=Command(name=tool, path=[tool]),
                       notes=ex.notes)
    text, label = found
    root = parse_help(text, name=tool, path=[tool])
    root.help_source = label
    seen: list[tuple[str, str]] = [(text, tool)]  # (help text, command line) explored
    git_like = root.help_style == "git"
    count = 1
    queue: deque[Command] = deque([root])
    prefetched: set[int] = set()  # ids of the parents whose children a batch asked
    depth_noted = count_noted = False
    while queue:
        parent = queue.popleft()
        if id(parent) not in prefetched:  # the first parent of a level: batch the level
            level = [parent, *queue]
            prefetched.update(id(p) for p in level)
            # the version is asked in any case: with the first level
            ex.prefetch(_to_explore(level, count, max_depth, max_commands), git_like,
                        first=[] if parent is not root else [[tool, "--version"]])
        dropped: list[Command] = []
        for index, child in enumerate(parent.subcommands):
            if child.name in _SKIP_SUBCOMMANDS:
                continue
            if len(child.path) - 1 > max_depth:
                if not depth_noted:
                    ex.notes.append(f"max depth {max_depth} reached at "
                                    f"`{' '.join(child.path)}`; deeper commands not explored")
                    depth_noted = True
                continue
            if count >= max_commands:
                if not count_noted:
                    ex.notes.append(f"max commands {max_commands} reached; "
                                    f"`{' '.join(child.path)}` and later ones not explored")
                    count_noted = True
                continue
            if ex.expired():
                break
            ex.progress(f"exploring {' '.join(child.path)}")
            found = ex.help_for(child.path, git_like)
            count += 1
            if found is None and ex.rejected:
                # read from prose or a wrapped line: the tool itself says it is no command
                ex.notes.append(f"`{' '.join(child.path)}` is not a subcommand (the tool "
                                "answered with an invalid-choice / unknown-command error); "
                                "dropped")
                dropped.append(child)
                continue
            if found is None:
                ex.notes.append(f"no help found for `{' '.join(child.path)}`")
                continue
            sub_text, sub_label = found
            key = _fingerprint(sub_text, child.path)
            twin = next((where for old, where in seen
                         if _fingerprint(old, child.path) == key), None)
            if twin is not None:
                ex.notes.append(f"`{' '.join(child.path)}` prints the same help as "
                                f"`{twin}`; not expanded again")
                continue
            seen.append((sub_text, " ".join(child.path)))
            parsed = parse_help(sub_text, name=child.name, path=child.path)
            parsed.summary = child.summary or parsed.summary
            parsed.aliases = sorted(set(child.aliases) | set(parsed.aliases))
            parsed.help_source = sub_label
            parent.subcommands[index] = parsed
            queue.append(parsed)
        if dropped:
            parent.subcommands = [c for c in parent.subcommands
                                  if not any(c is d for d in dropped)]
    ex.progress(f"explored {count} command(s); asking {tool} for its version")
    return CliSpec(tool=tool, version=ex.version(), root=root, notes=ex.notes)


def _to_explore(parents: list[Command], count: int, max_depth: int,
                max_commands: int) -> list[list[str]]:
    """The paths of the children of ``parents`` the exploration loop will ask for
    help, in its order and within its depth and count limits (``count``: commands
    explored so far)."""
    paths: list[list[str]] = []
    for parent in parents:
        for child in parent.subcommands:
            if child.name in _SKIP_SUBCOMMANDS or len(child.path) - 1 > max_depth:
                continue
            if count + len(paths) >= max_commands:
                return paths
            paths.append(child.path)
    return paths
