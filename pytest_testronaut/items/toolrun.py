"""``pytest --testronaut --testronaut-tool NAME``: analyze, generate, then run the plan.

Runs once, on the controller (never in an xdist worker), in ``pytest_configure``,
so the plan exists before any worker collects; the plan path is added to the
session's arguments.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ..session import TestronautSession


def plan_path_for(rootpath: Path, tool: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", tool).strip("-") or "tool"
    return Path(rootpath) / f"{safe}.testronaut.yaml"


def generate_for_tool(session: TestronautSession) -> Path:
    """Analyze ``settings.tool`` in a sandbox, write or merge its plan, return its path."""
    from ..analysis.discover import discover
    from ..errors import TestronautError
    from ..generation.authoring import author_plan, write_or_merge
    from ..generation.probe import for_generation
    from ..plans.loader import load_plan

    settings = session.settings
    config = session.config
    assert settings.tool
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    say = session.say
    scope = "tool-analysis"
    try:
        # generation runs candidates in lanes: a CPU limit for them (see .probe)
        sandbox_config = for_generation(session.sandbox_config({}))
        sandbox = session.sandbox(sandbox_config, scope, None)
        say(f"analyzing {settings.tool} in {sandbox_config.image}")
        spec = discover(sandbox.run, settings.tool, progress=say)
        session.tool_spec = spec  # coverage and help drift in the reports
        if not spec.root.options and not spec.root.subcommands:
            raise TestronautError(
                f"found no help for {settings.tool!r} in {sandbox_config.image} "
                f"({'; '.join(spec.notes) or 'no probe answered'}); check the tool's name "
                "and --testronaut-image/--testronaut-install")
        authored = author_plan(spec, scope=settings.scope, seed=settings.seed,
                               image=settings.image, install=sandbox_config.install,
                               agent=session.agent(), say=say, run=sandbox.run)
    except TestronautError as exc:
        raise pytest.UsageError(f"testronaut: --testronaut-tool {settings.tool}: {exc}") from None
    finally:
        session.release(scope)
    output = plan_path_for(config.rootpath, settings.tool)
    summary, diff = write_or_merge(authored.plan, output, say, spec=spec)
    for note in authored.notes:
        say(note)
    if diff and reporter is not None:
        reporter.write(diff)
    say(summary)
    # What the user will run is the merged file, not the freshly generated plan.
    merged = load_plan(output).plan
    if not settings.record and any(not c.has_expectation() for c in merged.cases):
        say("some cases have no expectations yet: review the plan, then run with "
            "--testronaut-record to store what each prints")
    return output
