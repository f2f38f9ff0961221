"""The ``testronaut`` console script: the same subpackages as the plugin, from a shell.

Each subcommand lives with its concern; this module only dispatches. Exit codes:
0 success, 1 a negative answer (e.g. outputs differ), 2 a usage or input error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from . import __version__
from .errors import TestronautError

# subcommand -> module defining ``register(subparsers)``; each registered parser sets
# ``func(args) -> int`` as its default.
_COMMAND_MODULES = (
    "pytest_testronaut.analysis.commands",
    "pytest_testronaut.plans.commands",
    "pytest_testronaut.verify.commands",
    "pytest_testronaut.sandbox.commands",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="testronaut",
        description="AI-assisted end-to-end testing for command-line tools.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that concern has no commands yet
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
