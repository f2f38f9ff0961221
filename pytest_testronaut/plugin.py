"""The pytest entry point of testronaut (``pytest11``): options, markers, hooks,
fixtures. Thin wiring only; the work lives in the subpackages.

Inert unless asked: a run that uses no fixture, marker or ``--testronaut`` imports
neither docker nor LangChain and contacts no engine.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from . import markers, settings

if TYPE_CHECKING:
    from .llm import Agent
    from .sandbox import Sandbox
    from .settings import Settings


SUMMARY_PLUGIN = "testronaut-summary"


# --- options, hooks, markers ---------------------------------------------------------
def pytest_addoption(parser: pytest.Parser) -> None:
    settings.add_options(parser)


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    from . import hookspec

    pluginmanager.add_hookspecs(hookspec)


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", markers.MARKER_DOC)
    resolved = settings.get_settings(config)  # a bad value fails now, as a UsageError
    if resolved.enabled:
        _keep_plan_cases_together(config)
        from .summary import TestronautSummary

        config.pluginmanager.register(TestronautSummary(config), SUMMARY_PLUGIN)
        from .plans.items import configure_plans

        configure_plans(config)
        if resolved.tool and not hasattr(config, "workerinput"):
            from .plans.toolrun import generate_for_tool

            plan = generate_for_tool(config)
            if not any(Path(arg.split("::")[0]).resolve() in (plan, *plan.parents)
                       for arg in config.args):
                config.args.append(str(plan))


def _keep_plan_cases_together(config: pytest.Config) -> None:
    """xdist's default ``--dist load`` becomes ``loadfile``: the cases of one plan file
    share a sandbox and its state, and a module's tests share their module sandbox, so
    a file belongs on one worker. (``loadgroup`` would be finer, but it is broken with
    pytest 9.2's node ids.) An explicit other ``--dist`` mode is left alone."""
    if getattr(config.option, "dist", None) == "load" and "--dist" not in " ".join(
            config.invocation_params.args):
        config.option.dist = "loadfile"


def pytest_unconfigure(config: pytest.Config) -> None:
    summary = config.pluginmanager.get_plugin(SUMMARY_PLUGIN)
    if summary is not None:
        config.pluginmanager.unregister(summary)


# --- plan files ------------------------------------------------------------------------
def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    resolved = settings.get_settings(parent.config)
    if not resolved.enabled or not fnmatch.fnmatch(file_path.name, resolved.plans):
        return None
    from .plans.items import collect_plan_file

    return collect_plan_file(parent, file_path)


# --- fixtures ------------------------------------------------------------------------
@pytest.fixture(scope="session")
def testronaut_settings(pytestconfig: pytest.Config) -> Settings:
    """The resolved testronaut settings (command line > ini > environment > default)."""
    return settings.get_settings(pytestconfig)


@pytest.fixture(scope="session")
def testronaut_agent(pytestconfig: pytest.Config) -> Agent:
    """The session's agent: judges plain-English expectations, enriches analysis and
    proposes cases. The embedded offline agent unless ``--testronaut-model`` names one.

    ``testronaut_agent.judge(JudgeRequest(...))`` returns a Judgement; results from
    ``testronaut_env`` offer ``result.should("...")`` and ``result.assert_equivalent(...)``.
    """
    from .errors import TestronautError
    from .expect import session_agent

    try:
        return session_agent(pytestconfig)
    except TestronautError as exc:
        # `from None`: a missing provider package or key is one line, not a traceback
        raise pytest.fail.Exception(str(exc), pytrace=False) from None


@pytest.fixture(scope="module")
def _testronaut_module_scope(request: pytest.FixtureRequest) -> Iterator[str]:
    key = f"module:{request.node.nodeid}"
    yield key
    from .sandbox.manager import MANAGER_KEY

    manager = request.config.stash.get(MANAGER_KEY, None)
    if manager is not None:
        manager.release(key)


def _explain(exc: ValueError) -> str:
    """One line per wrong field, without pydantic's type names and links."""
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return str(exc)
    parts = []
    for error in errors():
        where = ".".join(str(part) for part in error.get("loc", ())) or "value"
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        parts.append(f"{where}: {message} (got {error.get('input')!r})")
    return "; ".join(parts)


def _sandbox_for(request: pytest.FixtureRequest, module_key: str,
                 overrides: dict[str, Any], scope: str | None = None) -> Sandbox:
    from .errors import TestronautError
    from .sandbox import SandboxConfig, get_manager

    config = request.config
    item = request.node
    problem = None
    try:
        sandbox_config = SandboxConfig.from_settings(settings.get_settings(config), **overrides)
    except ValueError as exc:
        problem = _explain(exc)
    if problem is not None:  # outside the except: no chained pydantic traceback
        pytest.fail(f"{item.nodeid}: invalid sandbox settings: {problem}", pytrace=False)
    changed = config.hook.pytest_testronaut_sandbox_config(
        config=config, item=item, sandbox_config=sandbox_config)
    sandbox_config = changed or sandbox_config
    scope = scope or {"session": "session", "module": module_key,
                      "test": f"test:{item.nodeid}"}[sandbox_config.isolation]
    manager = get_manager(config)
    try:
        known = manager.created
        sandbox = manager.sandbox(sandbox_config, scope)
    except TestronautError as exc:
        # `from None`: the engine's own traceback would bury the one line that matters
        raise pytest.fail.Exception(str(exc), pytrace=False) from None
    if manager.created != known:
        from .expect import session_checker

        sandbox.checker = session_checker(config)
        config.hook.pytest_testronaut_sandbox_ready(sandbox=sandbox, item=item)
    if scope.startswith("test:"):
        request.addfinalizer(lambda: manager.release(scope))
    return sandbox


@pytest.fixture
def testronaut_env(request: pytest.FixtureRequest, _testronaut_module_scope: str) -> Sandbox:
    """A hardened Docker sandbox for this test.

    Configured by the closest ``@pytest.mark.testronaut(...)`` and the
    ``--testronaut-*`` settings; its ``isolation`` decides whether tests share it
    (``module``, the default), all share one (``session``) or each gets a new one
    (``test``). ``testronaut_env.run("cmd")`` returns a :class:`RunResult`.
    """
    return _sandbox_for(request, _testronaut_module_scope, markers.marker_overrides(request.node))


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
        overrides = markers.with_base_dir(
            markers.validate(pytest.mark.testronaut(**kwargs).mark, request.node), request.node)
        made += 1
        return _sandbox_for(request, _testronaut_module_scope, overrides,
                            scope=f"test:{request.node.nodeid}:factory-{made}")

    return make
