"""The pytest entry point of testronaut (``pytest11``): options, markers, hooks,
fixtures. Thin wiring only: the state lives in :class:`~.session.TestronautSession`,
the work in the subpackages.

Inert unless asked: importing this module loads nothing beyond pytest and two small
modules of ours; a run that uses no fixture, marker or ``--testronaut`` imports
neither docker, pydantic nor LangChain and contacts no engine.
"""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from . import markers, settings
from .session import SESSION_KEY, TestronautSession

if TYPE_CHECKING:
    from .llm import Agent
    from .sandbox import Sandbox
    from .settings import Settings


# --- options, hooks, markers ---------------------------------------------------------
def pytest_addoption(parser: pytest.Parser) -> None:
    settings.add_options(parser)


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    from . import baselining, hookspec, workflow_steps

    pluginmanager.add_hookspecs(hookspec)
    # Light modules of hooks and fixtures: workflow markers, baselines.
    for name, module in (("testronaut-workflow-steps", workflow_steps),
                         ("testronaut-baselines", baselining)):
        if not pluginmanager.has_plugin(name):
            pluginmanager.register(module, name)


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", markers.MARKER_DOC)
    session = TestronautSession.of(config)  # a bad setting fails now, as a UsageError
    if session.enabled or session.settings.report:
        from .reporting import register as register_reporting

        # records of plan cases and hand-written tests; the store and reports at the end
        register_reporting(session)
    if not session.enabled:
        return
    _keep_plan_cases_together(config)
    if session.settings.tool and not hasattr(config, "workerinput"):
        from .items.toolrun import generate_for_tool

        plan = generate_for_tool(session)
        if not any(Path(arg.split("::")[0]).resolve() in (plan, *plan.parents)
                   for arg in config.args):
            config.args.append(str(plan))


def _keep_plan_cases_together(config: pytest.Config) -> None:
    """xdist's default ``--dist load`` becomes ``loadfile``: a Python module's tests
    share their module sandbox, so a module belongs on one worker. Plan files are not
    pinned by this: testronaut's scheduler (``workflow_scheduling``) cuts a plan's cases
    into groups spread over the workers and keeps each workflow whole. (``loadgroup``
    would be finer, but it is broken with pytest 9.2's node ids.) An explicit other
    ``--dist`` mode is left alone."""
    if getattr(config.option, "dist", None) == "load" and "--dist" not in " ".join(
            config.invocation_params.args):
        config.option.dist = "loadfile"


def pytest_unconfigure(config: pytest.Config) -> None:
    session = config.stash.get(SESSION_KEY, None)
    if session is not None:
        session.close()


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    """Warm the pool for the ``isolation="test"`` sandboxes the collected tests will
    ask for (``items/warm.py``); under xdist after the worker sent its collection. A
    run without plan items or ``testronaut_env`` imports nothing for it."""
    items = session.items
    if "pytest_testronaut.items.nodes" not in sys.modules and not any(
            "testronaut_env" in getattr(item, "fixturenames", ()) for item in items):
        return
    from .items.warm import warm_pool

    warm_pool(TestronautSession.of(session.config), session)


# --- plan files ------------------------------------------------------------------------
def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    session = TestronautSession.of(parent.config)
    if not fnmatch.fnmatch(file_path.name, session.settings.plans):
        return None
    from .items.nodes import DisabledPlanFile, PlanFile

    if session.enabled:
        return PlanFile.from_parent(parent, path=file_path)
    if _named_on_command_line(parent.config, file_path):
        # Without this, pytest would answer "not found" for a file that is right there.
        return DisabledPlanFile.from_parent(parent, path=file_path)
    return None


def _named_on_command_line(config: pytest.Config, path: Path) -> bool:
    here = config.invocation_params.dir
    return any((here / arg.split("::")[0]).resolve() == path.resolve() for arg in config.args)


# --- fixtures ------------------------------------------------------------------------
@pytest.fixture(scope="session")
def testronaut_settings(pytestconfig: pytest.Config) -> Settings:
    """The resolved testronaut settings (command line > ini > environment > default)."""
    return TestronautSession.of(pytestconfig).settings


@pytest.fixture(scope="session")
def testronaut_agent(pytestconfig: pytest.Config) -> Agent:
    """The session's agent: judges plain-English expectations, enriches analysis and
    proposes cases. The embedded offline agent unless ``--testronaut-model`` names one.

    ``testronaut_agent.judge(JudgeRequest(...))`` returns a Judgement; results from
    ``testronaut_env`` offer ``result.should("...")`` and ``result.assert_equivalent(...)``.
    """
    from .errors import TestronautError

    try:
        return TestronautSession.of(pytestconfig).agent()
    except TestronautError as exc:
        # `from None`: a missing provider package or key is one line, not a traceback
        raise pytest.fail.Exception(str(exc), pytrace=False) from None


@pytest.fixture(scope="module")
def _testronaut_module_scope(request: pytest.FixtureRequest) -> Iterator[str]:
    key = f"module:{request.node.nodeid}"
    yield key
    TestronautSession.of(request.config).release(key)


def _sandbox_for(request: pytest.FixtureRequest, module_key: str,
                 overrides: dict[str, Any], own_scope: str | None = None) -> Sandbox:
    from .errors import TestronautError

    session = TestronautSession.of(request.config)
    item = request.node
    try:
        sandbox_config = session.sandbox_config(overrides, base_dir=markers.base_dir(item))
        own = own_scope or f"test:{item.nodeid}"
        scope = own if own_scope else session.scope_key(
            sandbox_config.isolation, shared=module_key, own=own)
        sandbox = session.sandbox(sandbox_config, scope, item)
    except TestronautError as exc:
        # `from None`: the engine's own traceback would bury the one line that matters
        raise pytest.fail.Exception(f"{item.nodeid}: {exc}", pytrace=False) from None
    if scope.startswith("test:"):
        request.addfinalizer(lambda: session.release(scope))
    return sandbox


@pytest.fixture
def testronaut_env(request: pytest.FixtureRequest, _testronaut_module_scope: str) -> Sandbox:
    """A hardened Docker sandbox for this test.

    Configured by the closest ``@pytest.mark.testronaut(...)`` and the
    ``--testronaut-*`` settings; its ``isolation`` decides whether tests share it
    (``module``, the default), all share one (``session``) or each gets a new one
    (``test``). ``testronaut_env.run("cmd")`` returns a :class:`RunResult`.
    """
    from .workflow_steps import sandbox_scope

    # A workflow's steps share a sandbox of the workflow's own, ended with its last step.
    return _sandbox_for(request, _testronaut_module_scope, markers.marker_overrides(request.node),
                        own_scope=sandbox_scope(request.node))


@pytest.fixture
def testronaut_sandbox_factory(
    request: pytest.FixtureRequest, _testronaut_module_scope: str
) -> Callable[..., Sandbox]:
    """Make extra sandboxes in one test: ``testronaut_sandbox_factory(image=..., ...)``
    takes the marker's keywords; each call gives a new container removed after the test.
    """
    made = 0

    def make(**kwargs: Any) -> Sandbox:
        nonlocal made
        overrides = markers.validate(pytest.mark.testronaut(**kwargs).mark, request.node)
        made += 1
        return _sandbox_for(request, _testronaut_module_scope, overrides,
                            own_scope=f"test:{request.node.nodeid}:factory-{made}")

    return make
