"""CLI surface coverage and help drift, from an analyzed :class:`CliSpec`.

Coverage: which subcommands, options and option choices of the spec the run's commands
used. A command is read as the shell would split it; the tool's name (or a path ending
in it) starts the tool's argv; subcommand words are followed down the tree and each
``-x``/``--long[=value]`` is looked up in the command reached, then in its parents.
A command line with a help or version flag (``X --help``) only prints the help: it
covers the help and version options, and what else it names counts as "help only",
not as covered; only a case that really runs a command covers it.

Drift: what changed between the spec a plan was generated from and the tool's help
now: commands and options added or removed, options renamed (one removed and one added
in the same command with the same description or value), and the cases that still use
something that is gone.
"""

from __future__ import annotations

import functools
import shlex
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..analysis.spec import CliSpec, Command, Option


def load_spec(data: Mapping[str, Any]) -> CliSpec:
    """A spec from its JSON: either form of ``testronaut analyze --json`` or a plain
    ``CliSpec`` dump (:func:`~pytest_testronaut.analysis.spec_json.spec_from_json`;
    a :class:`ValueError` says what else it is)."""
    from ..analysis.spec_json import spec_from_json

    return spec_from_json(data)


def tool_argv(command: str | Sequence[str], tool: str) -> list[str] | None:
    """The words after the tool's name in ``command`` (``None``: the tool is not run)."""
    words = _words(command) if isinstance(command, str) else list(command)
    name = tool.rsplit("/", 1)[-1]
    for index, word in enumerate(words):
        if word == tool or word.rsplit("/", 1)[-1] == name:
            return list(words[index + 1:])
    return None


@functools.lru_cache(maxsize=4096)
def _words(command: str) -> tuple[str, ...]:
    if not any(c in command for c in "'\"\\"):
        return tuple(command.split())  # nothing to unquote: the fast way
    try:
        return tuple(shlex.split(command))
    except ValueError:
        return tuple(command.split())


@dataclass
class Used:
    """What one argv used: the command path, and (path, flag) and (path, flag, choice)."""

    commands: set[str] = field(default_factory=set)
    options: set[tuple[str, str]] = field(default_factory=set)
    choices: set[tuple[str, str, str]] = field(default_factory=set)
    unknown: list[str] = field(default_factory=list)  # option words the spec does not know
    spelled: set[tuple[str, str, str]] = field(default_factory=set)  # (path, primary, as written)
    help_only: bool = False  # a help or version flag: the command only printed its help
    help_options: set[tuple[str, str]] = field(default_factory=set)  # those flags (path, primary)


# Flags that print the help or the version instead of running the command. A bare
# ``-h`` or ``-V`` is one only when the help says so (``sort -h`` is --human-numeric-sort).
HELP_FLAGS = frozenset({"--help", "--version", "--usage", "--help-all", "-?"})


def is_help_option(option: Option) -> bool:
    """True when ``option`` prints the help or the version (``--help``, ``-V``)."""
    if HELP_FLAGS & set(option.flags):
        return True
    text = option.description.lower()
    return option.flags in (["-h"], ["-V"], ["-v"]) and ("help" in text or "version" in text)


def _name(spec: CliSpec, command: Command) -> str:
    return " ".join([spec.tool, *spec.command_words(command)])


def _sub(command: Command, word: str) -> Command | None:
    return next((s for s in command.subcommands if word == s.name or word in s.aliases), None)


def used_by(spec: CliSpec, argv: Sequence[str]) -> Used:
    """What ``argv`` (the words after the tool) uses of ``spec``."""
    used = Used()
    chain = [spec.root]
    used.commands.add(_name(spec, spec.root))
    words = list(argv)
    index = 0
    options_done = False
    while index < len(words):
        word = words[index]
        index += 1
        if word == "--":
            options_done = True
            continue
        if not options_done and word.startswith("-") and word != "-":
            flag, _, value = word.partition("=") if word.startswith("--") else (word, "", "")
            found = _find(chain, flag)
            if found is None and not word.startswith("--") and len(word) > 2:
                # "-abc": a cluster of short flags, or "-ovalue"
                found = _find(chain, word[:2])
                if found is not None and found[1].takes_value:
                    value = word[2:]
                    flag = word[:2]
                elif found is not None:
                    for letter in word[1:]:
                        more = _find(chain, "-" + letter)
                        if more is not None:
                            used.options.add((_name(spec, more[0]), more[1].primary))
                            used.spelled.add((_name(spec, more[0]), more[1].primary,
                                              "-" + letter))
                    continue
                else:
                    used.unknown.append(word)
                    continue
            if found is None:
                used.unknown.append(flag)
                used.help_only |= flag in HELP_FLAGS
                continue
            owner, option = found
            if is_help_option(option):
                used.help_only = True
                used.help_options.add((_name(spec, owner), option.primary))
            used.options.add((_name(spec, owner), option.primary))
            used.spelled.add((_name(spec, owner), option.primary, flag))
            if option.takes_value and not value and not option.value_optional \
                    and index < len(words):
                value = words[index]
                index += 1
            if option.takes_value and not option.value_optional:
                index += option.arity - 1  # ``--size W H``: the further values too
            if value and option.choices and value in option.choices:
                used.choices.add((_name(spec, owner), option.primary, value))
            continue
        sub = _sub(chain[-1], word)
        if sub is not None and not options_done:
            chain.append(sub)
            used.commands.add(_name(spec, sub))
    return used


def _find(chain: Sequence[Command], flag: str) -> tuple[Command, Option] | None:
    for command in reversed(chain):
        option = command.find_option(flag)
        if option is not None:
            return command, option
    return None


@dataclass
class Coverage:
    """The spec's surface against what the run used."""

    tool: str
    commands: dict[str, bool]
    options: dict[str, bool]  # "cmd path --flag"
    choices: dict[str, bool]  # "cmd path --flag=choice"
    # Not covered, but named by a command line that only printed the help (`X --help`).
    help_only: dict[str, set[str]] = field(default_factory=dict)  # part: keys

    @staticmethod
    def _pct(part: Mapping[str, bool]) -> float | None:
        return round(100.0 * sum(part.values()) / len(part), 1) if part else None

    @property
    def total(self) -> float | None:
        every = {**{f"c {k}": v for k, v in self.commands.items()},
                 **{f"o {k}": v for k, v in self.options.items()},
                 **{f"h {k}": v for k, v in self.choices.items()}}
        return self._pct(every)

    def as_dict(self) -> dict[str, Any]:
        def part(values: Mapping[str, bool]) -> dict[str, Any]:
            return {"total": len(values), "covered": sum(values.values()),
                    "percent": self._pct(values),
                    "missing": sorted(k for k, v in values.items() if not v)}

        parts = {"commands": self.commands, "options": self.options, "choices": self.choices}
        return {"tool": self.tool, "percent": self.total,
                **{name: {**part(values), "help_only": sorted(self.help_only.get(name, ()))}
                   for name, values in parts.items()}}


def coverage(spec: CliSpec, commands: Iterable[str | Sequence[str]]) -> Coverage:
    """How much of ``spec`` the ``commands`` exercised."""
    argvs = (tool_argv(command, spec.tool) for command in commands)
    return coverage_of(spec, [used_by(spec, argv) for argv in argvs if argv is not None])


def coverage_of(spec: CliSpec, uses: Iterable[Used]) -> Coverage:
    """How much of ``spec`` the ``uses`` (of :func:`used_by`) exercised."""
    commands_seen: set[str] = set()
    options_seen: set[tuple[str, str]] = set()
    choices_seen: set[tuple[str, str, str]] = set()
    helped = Used()  # what command lines that only printed the help named
    for used in uses:
        options_seen |= used.help_options  # `X --help` does cover X's --help
        if used.help_only:
            helped.commands |= used.commands
            helped.options |= used.options
            helped.choices |= used.choices
            continue
        commands_seen |= used.commands
        options_seen |= used.options
        choices_seen |= used.choices
    all_commands: dict[str, bool] = {}
    all_options: dict[str, bool] = {}
    all_choices: dict[str, bool] = {}
    help_only: dict[str, set[str]] = {"commands": set(), "options": set(), "choices": set()}
    for command in spec.root.walk():
        name = _name(spec, command)
        if command is not spec.root:
            all_commands[name] = name in commands_seen
            if not all_commands[name] and name in helped.commands:
                help_only["commands"].add(name)
        for option in command.options:
            key = (name, option.primary)
            all_options[f"{name} {option.primary}"] = key in options_seen
            if not all_options[f"{name} {option.primary}"] and key in helped.options:
                help_only["options"].add(f"{name} {option.primary}")
            for choice in option.choices or ():
                all_choices[f"{name} {option.primary}={choice}"] = (
                    (name, option.primary, choice) in choices_seen)
                if (not all_choices[f"{name} {option.primary}={choice}"]
                        and (name, option.primary, choice) in helped.choices):
                    help_only["choices"].add(f"{name} {option.primary}={choice}")
    return Coverage(spec.tool, all_commands, all_options, all_choices,
                    {part: keys for part, keys in help_only.items() if keys})


# --- drift ------------------------------------------------------------------------
@dataclass
class Drift:
    """How the tool's help changed between two specs."""

    tool: str
    commands_added: list[str] = field(default_factory=list)
    commands_removed: list[str] = field(default_factory=list)
    options_added: list[str] = field(default_factory=list)
    options_removed: list[str] = field(default_factory=list)
    options_renamed: list[tuple[str, str]] = field(default_factory=list)
    stale_cases: dict[str, list[str]] = field(default_factory=dict)  # case key: what is gone
    version_before: str | None = None
    version_now: str | None = None
    # What "before" is: the spec a plan was generated from ("plan", naming it in
    # ``plan``), or the spec the previous run of the tool analyzed ("previous run").
    against: str = "previous run"
    plan: str = ""

    def __bool__(self) -> bool:
        return bool(self.commands_added or self.commands_removed or self.options_added
                    or self.options_removed or self.options_renamed)

    def as_dict(self) -> dict[str, Any]:
        return {"tool": self.tool, "against": self.against, "plan": self.plan,
                "version_before": self.version_before, "version_now": self.version_now,
                "commands_added": self.commands_added, "commands_removed": self.commands_removed,
                "options_added": self.options_added, "options_removed": self.options_removed,
                "options_renamed": [{"before": a, "now": b} for a, b in self.options_renamed],
                "stale_cases": [{"case": k, "uses": v} for k, v in sorted(self.stale_cases.items())]}


def _surface(spec: CliSpec) -> tuple[set[str], dict[str, dict[str, Option]]]:
    commands: set[str] = set()
    options: dict[str, dict[str, Option]] = {}
    for command in spec.root.walk():
        name = _name(spec, command)
        commands.add(name)
        options[name] = {o.primary: o for o in command.options}
    return commands, options


def drift(before: CliSpec, now: CliSpec,
          cases: Mapping[str, str | Sequence[str]] | None = None) -> Drift:
    """What changed from ``before`` to ``now``; ``cases`` (key: command) that use a
    command or option that is gone are stale."""
    old_commands, old_options = _surface(before)
    new_commands, new_options = _surface(now)
    found = Drift(now.tool, version_before=before.version, version_now=now.version)
    found.commands_added = sorted(new_commands - old_commands)
    found.commands_removed = sorted(old_commands - new_commands)
    for name in sorted(old_commands & new_commands):
        old, new = old_options[name], new_options[name]
        gone = [f for f in old if f not in new]
        came = [f for f in new if f not in old]
        for flag in list(gone):
            # `-r, --reverse` now `-r, --descending`: a flag they share makes a rename
            twin = next((f for f in came if set(old[flag].flags) & set(new[f].flags)), None)
            if twin is not None:
                found.options_renamed.append((f"{name} {flag}", f"{name} {twin}"))
                gone.remove(flag)
                came.remove(twin)
        for flag in list(gone):
            twin = next((f for f in came if _same_meaning(old[flag], new[f])), None)
            if twin is not None:
                found.options_renamed.append((f"{name} {flag}", f"{name} {twin}"))
                gone.remove(flag)
                came.remove(twin)
        found.options_removed += [f"{name} {f}" for f in gone]
        found.options_added += [f"{name} {f}" for f in came]
    removed_options = {r for r in found.options_removed} | {a for a, _ in found.options_renamed}
    for key, command in (cases or {}).items():
        argv = tool_argv(command, before.tool)
        if argv is None:
            continue
        used = used_by(before, argv)
        gone_here = sorted(c for c in used.commands if c in found.commands_removed)
        # an option renamed or removed makes a case stale if the flag it wrote is gone
        gone_here += sorted({f"{c} {f}" for c, f, word in used.spelled
                             if f"{c} {f}" in removed_options
                             and word not in _flags_of(new_options.get(c, {}))})
        if gone_here:
            found.stale_cases[key] = gone_here
    return found


def _flags_of(options: Mapping[str, Option]) -> set[str]:
    return {flag for option in options.values() for flag in option.flags}


def _same_meaning(a: Option, b: Option) -> bool:
    if a.takes_value != b.takes_value or a.arity != b.arity:
        return False
    if a.description and a.description.strip().lower() == b.description.strip().lower():
        return True
    return bool(a.choices) and a.choices == b.choices
