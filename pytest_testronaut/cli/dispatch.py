"""The argument parser of the ``testronaut`` console script, and its entry point.

Exit codes: 0 success, 1 a negative answer (e.g. outputs differ), 2 a usage or input
error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import TestronautError
from . import analyze, compare, plans, sandbox

# Each module adds its subcommands with ``register(subparsers)``; a registered parser
# sets ``func(args) -> int`` as its default. The order is the order of --help.
_COMMAND_MODULES = (analyze, plans, compare, sandbox)


def build_parser() -> argparse.ArgumentParser:
    """The parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="testronaut",
        description="AI-assisted end-to-end testing for command-line tools.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the console script with ``argv`` (default: ``sys.argv[1:]``); return the
    exit code. A :class:`TestronautError` is printed as one line, without a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except TestronautError as exc:
        print(f"testronaut: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("testronaut: interrupted", file=sys.stderr)
        return 130
