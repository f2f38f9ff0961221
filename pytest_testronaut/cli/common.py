"""What several subcommands share: the agent from the environment, progress lines, the
refusal of a tool whose help no probe found."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from ..errors import TestronautError

if TYPE_CHECKING:
    from ..analysis.spec import CliSpec
    from ..llm import Agent


def agent_from_env(environ: Mapping[str, str] | None = None) -> Agent:
    """The agent of the console script: settings from the ``TESTRONAUT_*`` environment
    variables alone (there is no ini file), offline unless a model is configured."""
    from ..llm import build_agent
    from ..settings import from_environ, llm_config

    return build_agent(llm_config(from_environ(environ)))


def progress_printer(quiet: bool) -> Callable[[str], None]:
    """A ``say(message)`` that writes ``testronaut: message`` to stderr unless ``quiet``."""
    def say(message: str) -> None:
        if not quiet:
            print(f"testronaut: {message}", file=sys.stderr, flush=True)
    return say


def require_help(spec: CliSpec, image: str) -> None:
    """Refuse a tool analyzed in a sandbox that showed no help (not installed, a typo
    in its name), as ``--testronaut-tool`` does: a plan or spec of nothing is no use."""
    if not spec.root.options and not spec.root.subcommands:
        raise TestronautError(
            f"found no help for {spec.tool!r} in {image} "
            f"({'; '.join(spec.notes) or 'no probe answered'}); check the tool's name "
            "and --image/--install")
