"""The typed description of a command-line tool that analysis produces.

A plain pydantic value: parsers build it from help texts, the plan generator reads
it, and ``testronaut analyze --json`` prints it.
"""

from __future__ import annotations

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
    choices: list[str] | None = None
    default: str | None = None
    required: bool = False
    repeatable: bool = False
    description: str = ""
    value_type: ValueType | None = None
    example: str | None = None  # a sample value proposed by enrichment (an LLM)

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
    example: str | None = None  # a sample value proposed by enrichment (an LLM)


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
