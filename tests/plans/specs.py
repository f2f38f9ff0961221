"""Hand-built CliSpecs the plan tests generate from."""

from __future__ import annotations

from pytest_testronaut.analysis.spec import CliSpec, Command, Option, Positional


def sort_spec() -> CliSpec:
    """A GNU sort-like filter: reads FILEs or stdin."""
    return CliSpec(
        tool="sort",
        version="9.1",
        root=Command(
            name="sort",
            summary="sort lines of text files",
            usage="Usage: sort [OPTION]... [FILE]...",
            help_style="gnu",
            help_source="--help",
            positionals=[Positional(name="FILE", required=False, variadic=True)],
            options=[
                Option(flags=["-r", "--reverse"], description="reverse the result of comparisons"),
                Option(flags=["-n", "--numeric-sort"],
                       description="compare according to string numerical value"),
                Option(flags=["-u", "--unique"], description="output only the first of an equal run"),
                Option(flags=["-f", "--ignore-case"], description="fold lower case to upper case"),
                Option(flags=["-t", "--field-separator"], takes_value=True, value_name="SEP",
                       description="use SEP instead of non-blank to blank transition"),
                Option(flags=["-k", "--key"], takes_value=True, value_name="KEYDEF",
                       description="sort via a key"),
                Option(flags=["--parallel"], takes_value=True, value_name="N",
                       description="change the number of sorts run concurrently to N"),
                Option(flags=["--sort"], takes_value=True, value_name="WORD",
                       choices=["general-numeric", "human-numeric", "month", "numeric"],
                       description="sort according to WORD"),
                Option(flags=["--help"], description="display this help and exit"),
                Option(flags=["--version"], description="output version information and exit"),
            ],
        ),
    )


def git_spec() -> CliSpec:
    """A git-like tool with subcommands, choices and required positionals."""
    return CliSpec(
        tool="gitish",
        root=Command(
            name="gitish",
            usage="usage: gitish [--version] [-C <path>] <command> [<args>]",
            help_style="git",
            options=[
                Option(flags=["-C"], takes_value=True, value_name="path",
                       value_type="directory", description="run as if started in <path>"),
                Option(flags=["--version"]),
            ],
            subcommands=[
                Command(name="init", path=["init"], summary="create a repository",
                        options=[Option(flags=["-q", "--quiet"], description="be quiet")],
                        positionals=[Positional(name="directory", required=False)]),
                Command(name="commit", path=["commit"], summary="record changes",
                        options=[
                            Option(flags=["-m", "--message"], takes_value=True,
                                   value_name="msg", description="commit message"),
                            Option(flags=["--cleanup"], takes_value=True, value_name="mode",
                                   choices=["strip", "whitespace", "verbatim"]),
                        ]),
                Command(name="log", path=["log"], summary="show commits",
                        options=[Option(flags=["-n", "--max-count"], takes_value=True,
                                        value_name="number", value_type="int")],
                        positionals=[Positional(name="revision", required=True)]),
            ],
        ),
    )
