"""``pytest --testronaut --testronaut-tool NAME``: analyze, generate, then run the plan.

Runs once, on the controller (never in an xdist worker), in ``pytest_configure``,
so the plan exists before any worker collects; the plan path is added to the
session's arguments.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest


def plan_path_for(config: pytest.Config, tool: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", tool).strip("-") or "tool"
    return Path(config.rootpath) / f"{safe}.testronaut.yaml"


def generate_for_tool(config: pytest.Config) -> Path:
    """Analyze ``settings.tool`` in a sandbox, write or merge its plan, return its path."""
    from ..analysis.discover import discover
    from ..errors import TestronautError
    from ..expect import session_agent
    from ..sandbox import SandboxConfig, get_manager
    from ..settings import get_settings
    from .authoring import author_plan, write_or_merge

    settings = get_settings(config)
    assert settings.tool
    reporter = config.pluginmanager.get_plugin("terminalreporter")

    def say(message: str) -> None:
        if reporter is not None:
            reporter.write_line(f"testronaut: {message}", cyan=True)

    manager = get_manager(config)
    sandbox_config = SandboxConfig.from_settings(settings, base_dir=str(config.rootpath))
    scope = "tool-analysis"
    try:
        sandbox = manager.sandbox(sandbox_config, scope)
        say(f"analyzing {settings.tool} in {sandbox_config.image}")
        spec = discover(sandbox.run, settings.tool, progress=say)
        if not spec.root.options and not spec.root.subcommands:
            raise TestronautError(
                f"found no help for {settings.tool!r} in {sandbox_config.image} "
                f"({'; '.join(spec.notes) or 'no probe answered'}); check the tool's name "
                "and --testronaut-image/--testronaut-install")
        authored = author_plan(spec, scope=settings.scope, seed=settings.seed,
                               image=settings.image, install=sandbox_config.install,
                               agent=session_agent(config), say=say)
    except TestronautError as exc:
        raise pytest.UsageError(f"testronaut: --testronaut-tool {settings.tool}: {exc}") from None
    finally:
        manager.release(scope)
    output = plan_path_for(config, settings.tool)
    summary, diff = write_or_merge(authored.plan, output, say)
    for note in authored.notes:
        say(note)
    if diff and reporter is not None:
        reporter.write(diff)
    say(summary)
    if not settings.record and any(not c.has_expectation() for c in authored.plan.cases):
        say("generated cases have no expectations yet: review the plan, then run with "
            "--testronaut-record to store what each prints")
    return output
