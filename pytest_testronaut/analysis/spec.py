"""The typed description of a command-line tool that analysis produces.

A plain pydantic value: parsers build it from help texts, the plan generator reads
it, and ``testronaut analyze --json`` prints it. The kind of value an option wants
(:func:`infer_value_type`) is decided here, once, for parsers and generation alike;
what an agent adds on top of a spec is an :class:`Enrichment`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ValueType = Literal[
    "string", "int", "float", "bool", "path", "file", "directory", "choice", "url",
    "duration", "size", "email", "date", "regex", "command", "unknown",
]
HelpStyle = Literal[
    "argparse", "click", "typer", "optparse", "gnu", "git", "cobra", "clap", "docopt",
    "unknown",
]


class Option(BaseModel):
    """One option, with every flag that spells it (``["-v", "--verbose"]``)."""

    model_config = ConfigDict(extra="forbid")

    flags: list[str]
    takes_value: bool = False
    value_optional: bool = False  # ``--color[=WHEN]``
    value_name: str | None = None
    # the names of the values, when the option takes several at once (``--arg NAME
    # VALUE``: ``["NAME", "VALUE"]``, see :mod:`.arity`); empty when it takes one
    value_names: list[str] = Field(default_factory=list)
    choices: list[str] | None = None
    default: str | None = None
    required: bool = False
    repeatable: bool = False
    description: str = ""
    value_type: ValueType | None = None
    example: str | None = None  # a sample value given with the spec (by hand, in its JSON)

    @property
    def arity(self) -> int:
        """How many words follow the flag: 0, 1, or the count of ``value_names``."""
        if not self.takes_value:
            return 0
        return max(1, len(self.value_names))

    @property
    def long_flag(self) -> str | None:
        return next((f for f in self.flags if f.startswith("--")), None)

    @property
    def primary(self) -> str:
        """The flag a generated case uses: the long one when there is one."""
        return self.long_flag or self.flags[0]


class Positional(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    required: bool = True
    variadic: bool = False
    choices: list[str] | None = None
    description: str = ""
    value_type: ValueType | None = None
    example: str | None = None  # a sample value given with the spec (by hand, in its JSON)


class Command(BaseModel):
    """A command or subcommand; ``path`` is the argv prefix that names it."""

    model_config = ConfigDict(extra="forbid")

    name: str
    path: list[str] = Field(default_factory=list)
    summary: str = ""
    usage: str = ""
    options: list[Option] = Field(default_factory=list)
    positionals: list[Positional] = Field(default_factory=list)
    subcommands: list[Command] = Field(default_factory=list)
    examples: list[str] = Field(default_factory=list)
    help_style: HelpStyle = "unknown"
    help_source: str | None = None  # which probe produced the help: "--help", "-h", ...
    aliases: list[str] = Field(default_factory=list)
    # the exit statuses the help documents: status -> when ("1": "EXPRESSION is null")
    exit_statuses: dict[int, str] = Field(default_factory=dict)

    def walk(self) -> list[Command]:
        """This command and all its descendants, depth first."""
        out = [self]
        for sub in self.subcommands:
            out.extend(sub.walk())
        return out

    def find_option(self, flag: str) -> Option | None:
        return next((o for o in self.options if flag in o.flags), None)


class CliSpec(BaseModel):
    """The whole tool: its root command tree plus facts found on the way."""

    model_config = ConfigDict(extra="forbid")

    tool: str
    version: str | None = None
    root: Command
    notes: list[str] = Field(default_factory=list)  # limits hit, probes that failed

    def command_words(self, command: Command) -> list[str]:
        """The argv words that name ``command`` after the tool (``[]`` for the tool)."""
        path = list(command.path)
        return path[1:] if path[:1] == [self.tool] else path

    def find_command(self, words: Sequence[str]) -> Command | None:
        """The command ``words`` name (a leading tool name is allowed), else ``None``."""
        wanted = [w for w in words if w]
        if wanted[:1] == [self.tool]:
            wanted = wanted[1:]
        return next((c for c in self.root.walk() if self.command_words(c) == wanted), None)


class ProposedWorkflow(BaseModel):
    """Commands an agent suggests running one after another in one sandbox."""

    model_config = ConfigDict(extra="forbid")

    description: str = ""
    steps: list[list[str]] = Field(min_length=1)  # each step's argv, the tool first


class Enrichment(BaseModel):
    """What an agent adds to a :class:`CliSpec`, as typed fields generation reads.

    Keys name a command by its words after the tool (``""`` for the tool itself, see
    :meth:`CliSpec.command_words`) and, in ``option_examples``, a target after a
    space: an option's primary flag or a positional's name (:meth:`key`), so
    ``{"rm --count": ["2"], "PATH": ["notes.txt"]}``. Producers keep only facts about
    commands and options the spec has; generation still checks values against choices.
    """

    model_config = ConfigDict(extra="forbid")

    purposes: dict[str, str] = Field(default_factory=dict)  # one sentence per command
    risks: dict[str, list[str]] = Field(default_factory=dict)  # destructive or risky effects
    option_examples: dict[str, list[str]] = Field(default_factory=dict)  # realistic values
    workflows: list[ProposedWorkflow] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)  # for the person reviewing the plan

    @staticmethod
    def key(words: Sequence[str], target: str = "") -> str:
        """The key of a command (``words`` after the tool) or of a target in it."""
        return " ".join([*words, target] if target else words)

    def examples_for(self, words: Sequence[str], targets: Sequence[str]) -> list[str]:
        """The examples given for any of ``targets`` (an option's flags) of a command."""
        found = [value for target in targets
                 for value in self.option_examples.get(self.key(words, target), [])]
        return list(dict.fromkeys(found))


# --- value types -------------------------------------------------------------------
# Words that name a kind of value: a metavar (``INTEGER``, ``<FILE>``), the last word
# of one (``MAX_COUNT``) or an option's own name (``--timeout``).
_TYPE_WORDS: tuple[tuple[ValueType, tuple[str, ...]], ...] = (
    ("int", ("int", "integer", "uint", "uint16", "uint32", "uint64", "int64", "int32",
             "num", "number", "count", "n", "port", "jobs", "lines", "depth", "times",
             "width", "cols", "columns", "tabs", "limit", "max", "min", "nmerge",
             "pid", "retries")),
    ("float", ("float", "decimal", "float64", "float32", "ratio", "fraction")),
    ("url", ("url", "uri", "proxy", "endpoint", "server")),
    ("duration", ("duration", "timeout", "seconds", "sec", "secs", "interval", "time")),
    ("size", ("size", "bytes", "block-size", "memory", "mem", "num+suffix")),
    ("directory", ("dir", "directory", "folder", "env_dir", "target-dir", "root")),
    ("file", ("file", "filename", "outfile", "infile", "output_file_path", "file_path")),
    ("path", ("path", "paths", "filepath", "pathspec", "src", "dest")),
    ("email", ("email", "mail")),
    ("date", ("date", "datetime", "timestamp")),
    ("regex", ("regex", "regexp", "pattern")),
    ("command", ("cmd", "command", "prog", "program", "script")),
    ("bool", ("bool", "boolean")),
    ("string", ("text", "string", "str", "name", "strings", "stringarray", "value",
                "list", "map")),
)
# Option names that want a number although no word above says so (argparse shows
# ``--by BY`` for ``type=int``).
_NUMBER_FLAGS = frozenset((
    "by", "step", "start", "count", "num", "n", "limit", "max", "min", "size", "port",
    "offset", "index", "times", "repeat", "retries", "depth", "level", "width", "height",
    "timeout", "seconds", "jobs", "workers", "threads", "top", "head", "tail", "first",
    "last"))
# Words of a description that give the kind of value when no name does; the first
# match wins.
_DESCRIPTION_HINTS: tuple[tuple[ValueType, str], ...] = (
    ("directory", r"\bdirector(y|ies)\b"), ("file", r"\bfile\b"), ("url", r"\burl\b"),
    # "seconds" as a unit, not the ordinal ("Second version")
    ("int", r"\bnumber of\b"), ("duration", r"\bseconds\b|\b(?:in|per|a|one|each)\s+second\b"),
    ("size", r"\bbytes\b"),
)
# Phrases that ask for a number whatever the value is called ("how many copies").
_NUMBER_TEXT = re.compile(r"\b(how many|by how much|amount of|start(?:ing)? (?:at|value|from))\b",
                          re.IGNORECASE)
_INT = re.compile(r"[-+]?\d+")
_FLOAT = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _type_of_word(text: str) -> ValueType | None:
    """The kind a name says: the whole name, its last word, or a ``_word`` suffix."""
    name = text.strip("<>[]{}=.? ").lower()
    if not name:
        return None
    words = re.split(r"[\s_]+", name)
    for vtype, names in _TYPE_WORDS:
        if name in names or words[-1] in names:
            return vtype
    for vtype, names in _TYPE_WORDS:
        if any(name.endswith(("_" + n, "-" + n)) for n in names if len(n) > 2):
            return vtype
    return None


def infer_value_type(value_name: str | None, choices: Sequence[str] | None = None,
                     description: str = "", takes_value: bool = True, *,
                     flags: Sequence[str] = (), default: str | None = None,
                     ) -> ValueType | None:
    """A best guess at the kind of value an option or a positional wants.

    The one inference everything uses (parsers, the agent, generation). Evidence in
    order: no value (``None``), choices, the value name (``INTEGER``, ``<FILE>``,
    ``duration``), the option's own names (``--timeout``, ``--by``), a numeric
    default, words of the description; ``"string"`` when nothing says more.
    """
    if not takes_value:
        return None
    if choices:
        return "choice"
    by_name = _type_of_word(value_name or "")
    if by_name is not None:
        return by_name
    longest_first = sorted(flags, key=lambda f: (not f.startswith("--"), -len(f)))
    for flag in longest_first:
        word = flag.lstrip("-").lower()
        word = word[3:] if word.startswith("no-") else word
        # one letter says little: ``-m`` is a message as often as a number
        by_flag = _type_of_word(word) if len(word) > 1 else None
        if by_flag is not None:
            return by_flag
        if word in _NUMBER_FLAGS:
            return "int"
    if default is not None:
        if _INT.fullmatch(default.strip()):
            return "int"
        if _FLOAT.fullmatch(default.strip()):
            return "float"
    desc = description.lower()
    for vtype, pattern in _DESCRIPTION_HINTS:
        if re.search(pattern, desc):
            return vtype
    if _NUMBER_TEXT.search(description):
        return "int"
    return "string"


def value_type_of(item: Option | Positional) -> ValueType | None:
    """The kind of value ``item`` wants: the one analysis recorded, else inferred from
    everything the item says (for specs built by hand or by an older version)."""
    if item.value_type is not None:
        return item.value_type
    if isinstance(item, Option):
        return infer_value_type(item.value_name, item.choices, item.description,
                                item.takes_value, flags=item.flags, default=item.default)
    return infer_value_type(item.name, item.choices, item.description)


def spec_digest_data(spec: CliSpec) -> dict[str, object]:
    """What :func:`spec_digest` hashes: the spec's JSON without the fields left at
    their defaults, so a field the model gains later (with its default) changes no
    digest; the results store keeps specs in this form."""
    return spec.model_dump(mode="json", exclude_defaults=True)


def json_digest(data: object) -> str:
    """The first 16 hex digits of the SHA-256 of ``data`` as JSON (keys sorted)."""
    import hashlib
    import json

    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def spec_digest(spec: CliSpec) -> str:
    """What names one analyzed help across files and runs: :func:`json_digest` of
    :func:`spec_digest_data`. Stable while the model grows; a plan records the digest of
    the spec it was generated from, the results store keys the specs it keeps by it."""
    return json_digest(spec_digest_data(spec))


def spec_matches_digest(spec: CliSpec, digest: str, saved: object = None) -> bool:
    """Whether ``digest`` (a plan's ``generated_from``) names ``spec``: its
    :func:`spec_digest`, or, for a spec saved by an older version, the digest of the
    JSON as it was saved (``saved``; older versions hashed the whole dump)."""
    return digest == spec_digest(spec) or (saved is not None and digest == json_digest(saved))
