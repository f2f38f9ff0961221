"""What several subcommands share: the agent from the environment, progress lines."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
