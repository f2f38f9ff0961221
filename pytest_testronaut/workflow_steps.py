"""``@pytest.mark.testronaut_workflow``: the tests of a class or module as the steps of
one end-to-end workflow, on the engine of :mod:`pytest_testronaut.workflows` (the
same one YAML workflows run on).

Registered by the plugin; inert until a test carries the marker. What it does:

- collection: setup steps first, teardown steps last; a step picked by ``-k``/``-m``
  brings back the earlier steps it needs (said on the terminal);
- running: a step after a failed one is skipped with "step X failed"; a step whose
  earlier steps are not in this run (a node id picked it alone) is skipped saying so;
  the workflow's sandbox, captured values and background services live until its last
  step, and services are stopped then even after a failure;
- xdist: with ``--dist load`` (the default of ``-n``) a scheduler keeps each workflow's
  steps on one worker; every other test is still spread test by test.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from . import markers

if TYPE_CHECKING:
    from .sandbox import RunResult, Sandbox
    from .workflows import Service, StepInfo, WorkflowRun

GROUPS_INPUT = "testronaut_workflow_groups"  # workerinput: where a worker writes its groups
RUNS_KEY = pytest.StashKey[dict[str, "WorkflowRun"]]()
SPECS_KEY = pytest.StashKey[dict[str, "WorkflowSpec"]]()
GROUPS_DIR_KEY = pytest.StashKey[str]()


@dataclass
class WorkflowSpec:
    """A workflow found at collection: its node, name and steps (items) in run order."""

    key: str  # node id of the class or module carrying the marker
    name: str
    steps: list[StepInfo]  # every step, collected here or not (a node id may pick one)
    items: list[pytest.Item] = field(default_factory=list)  # the collected ones

    def new_run(self) -> WorkflowRun:
        from .workflows import WorkflowRun

        return WorkflowRun(self.name, list(self.steps))


def _where(item: pytest.Item) -> str:
    _path, line, _ = item.reportinfo()
    return f"{item.nodeid.split('::')[0]}:{(line or 0) + 1}"


def _role(item: pytest.Item) -> str:
    own = [m for m in getattr(item, "own_markers", []) if m.name == markers.WORKFLOW_MARKER]
    return markers.workflow_role(own[0], item.nodeid) if own else "step"


def _all_steps(owner: pytest.Collector) -> list[StepInfo]:
    """Every test under ``owner``, also those a node id left out of this run."""
    from .workflows import StepInfo

    found: list[StepInfo] = []

    def walk(node: pytest.Collector) -> None:
        for child in node.collect():
            if isinstance(child, pytest.Item):
                found.append(StepInfo(child.nodeid, _role(child), _where(child)))
            elif isinstance(child, pytest.Collector):
                walk(child)

    walk(owner)
    return found


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", markers.WORKFLOW_MARKER_DOC)
    config.stash[RUNS_KEY] = {}
    config.stash[SPECS_KEY] = {}


def pytest_unconfigure(config: pytest.Config) -> None:
    groups = config.stash.get(GROUPS_DIR_KEY, None)
    if groups is not None:
        shutil.rmtree(groups, ignore_errors=True)


# --- collection ------------------------------------------------------------------------
def workflow_of(item: pytest.Item) -> WorkflowSpec | None:
    """The workflow ``item`` is a step of, if any."""
    specs = item.config.stash.get(SPECS_KEY, {})
    for node in item.listchain():
        if node.nodeid in specs:
            return specs[node.nodeid]
    return None


def _find(items: Sequence[pytest.Item]) -> dict[str, WorkflowSpec]:
    found: dict[str, WorkflowSpec] = {}
    for item in items:
        owner = next((node for node in reversed(item.listchain()[:-1])
                      if any(m.name == markers.WORKFLOW_MARKER for m in node.own_markers)),
                     None)
        own = [m for m in getattr(item, "own_markers", []) if m.name == markers.WORKFLOW_MARKER]
        if owner is None:
            if own:
                raise pytest.UsageError(
                    f"{item.nodeid}: @pytest.mark.{markers.WORKFLOW_MARKER} on a test makes "
                    "it a workflow step, but neither its class nor its module is a workflow: "
                    f"put @pytest.mark.{markers.WORKFLOW_MARKER}(\"name\") on the class or "
                    "module (pytestmark)")
            continue
        spec = found.get(owner.nodeid)
        if spec is None:
            mark = next(m for m in owner.own_markers if m.name == markers.WORKFLOW_MARKER)
            assert isinstance(owner, pytest.Collector)
            spec = WorkflowSpec(owner.nodeid, markers.workflow_name(mark, owner.name,
                                                                    owner.nodeid),
                                _all_steps(owner))
            found[owner.nodeid] = spec
        spec.items.append(item)
    for spec in found.values():
        order = {s.name: n for n, s in enumerate(spec.new_run().steps)}
        spec.items.sort(key=lambda i: order.get(i.nodeid, len(order)))
    return found


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> Iterator[None]:
    specs = _find(items)
    config.stash[SPECS_KEY] = specs
    if specs:
        # Each workflow's places in the list, filled with its steps in run order.
        slots: dict[str, Iterator[pytest.Item]] = {k: iter(s.items) for k, s in specs.items()}
        for index, item in enumerate(items):
            spec = workflow_of(item)
            if spec is not None:
                items[index] = next(slots[spec.key])
    yield  # -k, -m and other plugins deselect (or reorder) here
    if specs:
        _bring_back_needed(config, items, specs)
        _keep_together(items)


def _keep_together(items: list[pytest.Item]) -> None:
    """Each workflow's steps in run order, where its first step now stands, whatever
    another plugin (a shuffler) did to the list."""
    kept = set(items)
    placed: set[str] = set()
    result: list[pytest.Item] = []
    for item in items:
        spec = workflow_of(item)
        if spec is None:
            result.append(item)
        elif spec.key not in placed:
            placed.add(spec.key)
            result.extend(i for i in spec.items if i in kept)
    items[:] = result


def _bring_back_needed(config: pytest.Config, items: list[pytest.Item],
                       specs: Mapping[str, WorkflowSpec]) -> None:
    kept = set(items)
    back: list[pytest.Item] = []
    for spec in specs.values():
        chosen = [i for i in spec.items if i in kept]
        if not chosen or len(chosen) == len(spec.items):
            continue
        run = spec.new_run()
        needed = {s.name for i in chosen for s in run.needed_before(i.nodeid)}
        if needed:  # what setup steps start, teardown steps end
            needed.update(s.name for s in run.teardown_steps())
        missing = [i for i in spec.items if i.nodeid in needed and i not in kept]
        if missing:
            back.extend(missing)
            names = ", ".join(i.name for i in missing)
            wanted = ", ".join(i.name for i in chosen)
            _say(config, f"workflow {spec.name!r}: also running {names}, which {wanted} needs "
                         "(earlier steps first, teardown steps last)")
    if not back:
        return
    items.extend(back)  # put in place by _keep_together
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and "deselected" in reporter.stats:
        returned = set(back)
        reporter.stats["deselected"] = [i for i in reporter.stats["deselected"]
                                        if i not in returned]


def _say(config: pytest.Config, message: str) -> None:
    from .session import TestronautSession

    TestronautSession.of(config).say(message)


# --- running ---------------------------------------------------------------------------
def run_of(item: pytest.Item) -> WorkflowRun | None:
    """The live run of ``item``'s workflow in this process (made on first use)."""
    spec = workflow_of(item)
    if spec is None:
        return None
    runs = item.config.stash[RUNS_KEY]
    if spec.key not in runs:
        runs[spec.key] = spec.new_run()
    return runs[spec.key]


def sandbox_scope(item: pytest.Item) -> str | None:
    """The sandbox scope of a workflow step (its workflow's own), else ``None``."""
    spec = workflow_of(item)
    return f"workflow:{spec.key}" if spec is not None else None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    run = run_of(item)
    if run is None:
        return
    run.retry(item.nodeid)  # pytest-rerunfailures reruns the failed step: it runs again
    reason = run.blocked(item.nodeid)
    if reason is None:
        missing = run.missing_before(item.nodeid)
        if missing:
            names = ", ".join(s.name.rsplit("::", 1)[-1] for s in missing)
            reason = (f"step {item.name} of workflow {run.name!r} needs {names} to run "
                      "first in the same process, and they are not part of this run: select "
                      "the whole workflow, or pick steps with -k/-m (which brings back the "
                      "steps they need)")
            if hasattr(item.config, "workerinput"):
                reason += "; under xdist use --dist load, loadfile or loadscope"
    if reason is not None:
        run.started(item.nodeid)
        # Reported at the step's own file:line (-rs), not at this line of the plugin.
        raise pytest.skip.Exception(reason, _use_item_location=True)
    run.started(item.nodeid)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]
                              ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.failed and report.when in ("setup", "call"):
        run = run_of(item)
        if run is not None:
            run.failure(item.nodeid)
    return report


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    spec = workflow_of(item)
    if spec is None or (nextitem is not None and workflow_of(nextitem) is spec):
        return
    runs = item.config.stash[RUNS_KEY]
    run = runs.pop(spec.key, None)
    if run is None:
        return
    from .session import TestronautSession

    session = TestronautSession.of(item.config)
    try:
        problems = run.finish()
    finally:
        session.release(f"workflow:{spec.key}")
    if problems:
        pytest.fail(f"workflow {run.name!r} ended, but: " + "; ".join(problems),
                    pytrace=False)


# --- the fixture -----------------------------------------------------------------------
class WorkflowContext:
    """What a workflow step gets from ``testronaut_workflow``: the shared sandbox,
    captured values, ``${name}`` substitution and background services."""

    def __init__(self, run: WorkflowRun, env: Sandbox) -> None:
        self._run = run
        self.env = env

    @property
    def name(self) -> str:
        return self._run.name

    @property
    def values(self) -> Mapping[str, str]:
        """Values captured so far (read-only)."""
        return dict(self._run.variables)

    def substitute(self, text: str) -> str:
        """``text`` with ``${name}`` replaced by captured values (``$${`` is a literal
        ``${``); an unknown name is a ``KeyError`` listing the known ones."""
        __tracebackhide__ = True  # the failure points at the test's line, not ours
        return self._run.substitute(text)

    def run(self, cmd: str | Sequence[str], *, stdin: str | bytes | None = None,
            env: Mapping[str, str] | None = None, **kwargs: Any) -> RunResult:
        """``env.run`` with ``${name}`` filled in in the command, stdin text and env."""
        __tracebackhide__ = True
        filled: str | list[str] = (self.substitute(cmd) if isinstance(cmd, str)
                                   else [self.substitute(str(a)) for a in cmd])
        if isinstance(stdin, str):
            stdin = self.substitute(stdin)
        values = {k: self.substitute(v) for k, v in env.items()} if env else None
        return self.env.run(filled, stdin=stdin, env=values, **kwargs)

    def capture(self, name: str, pattern: str, source: RunResult | str) -> str:
        """Search ``pattern`` (one group) in a result's stdout (or a text) and keep the
        group as ``${name}`` for later steps. A miss fails the step with the text."""
        __tracebackhide__ = True
        from .verify import regex_search

        text = source if isinstance(source, str) else source.stdout
        match = regex_search(pattern, text)
        if match is None or match.re.groups != 1:
            raise AssertionError(f"capture {name}: /{pattern}/ (with one group) does not match"
                                 f":\n{text[:2000]}")
        self.set(name, match.group(1))
        return match.group(1)

    def set(self, name: str, value: str) -> None:
        self._run.capture({name: str(value)})

    def start_service(self, command: str, *, name: str = "service", port: int | None = None,
                      ready: str | None = None, timeout: float = 30.0,
                      env: Mapping[str, str] | None = None) -> Service:
        """Start ``command`` in the background in the shared sandbox and wait until it
        is ready (``port`` open on 127.0.0.1, ``ready`` regex in its output); it is
        stopped when the workflow ends, even after a failure."""
        from .workflows import Service

        service = Service.start(self.env, self.substitute(command), name=name, port=port,
                                ready=ready, ready_timeout=timeout,
                                env=dict(env) if env else None)
        self._run.add_service(service)
        return service


@pytest.fixture
def testronaut_workflow(request: pytest.FixtureRequest) -> WorkflowContext:
    """The workflow this test is a step of (``@pytest.mark.testronaut_workflow`` on its
    class or module): ``.env`` is the sandbox every step shares, ``.run`` fills in
    ``${name}``, ``.capture`` keeps values for later steps, ``.start_service`` runs a
    server stopped when the workflow ends."""
    run = run_of(request.node)
    if run is None:
        raise pytest.UsageError(
            f"{request.node.nodeid} uses testronaut_workflow but is no workflow step: put "
            f"@pytest.mark.{markers.WORKFLOW_MARKER}(\"name\") on its class or module")
    env = request.getfixturevalue("testronaut_env")
    return WorkflowContext(run, env)


# --- xdist -----------------------------------------------------------------------------
@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    config = node.config
    folder = config.stash.get(GROUPS_DIR_KEY, None)
    if folder is None:
        folder = tempfile.mkdtemp(prefix="testronaut-workflows-")
        config.stash[GROUPS_DIR_KEY] = folder
    node.workerinput[GROUPS_INPUT] = folder


@pytest.hookimpl(tryfirst=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    # A worker tells the controller's scheduler which of its tests form workflows,
    # before xdist sends the collection (its own hook of this name does that).
    folder = getattr(session.config, "workerinput", {}).get(GROUPS_INPUT)
    if not folder:
        return
    specs = session.config.stash.get(SPECS_KEY, {})
    groups = {item.nodeid: key for key, spec in specs.items() for item in spec.items}
    # Plan cases with a sandbox each (items.nodes.CaseItem): free to go out in groups.
    independent = [item.nodeid for item in session.items
                   if getattr(item, "independent_case", False)]
    worker = getattr(session.config, "workerinput", {}).get("workerid", str(os.getpid()))
    target = Path(folder) / f"{worker}.json"
    target.with_suffix(".tmp").write_text(
        json.dumps({"workflows": groups, "independent": independent}), encoding="utf-8")
    target.with_suffix(".tmp").replace(target)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    dist = config.getvalue("dist")
    if dist not in ("load", "loadfile"):
        return None
    folder = config.stash.get(GROUPS_DIR_KEY, None)
    if folder is None:
        return None
    from .session import TestronautSession
    from .workflow_scheduling import make_scheduler

    # Plan files spread by case groups under both modes (items/ splits no further).
    plans = TestronautSession.of(config).settings.plans
    return make_scheduler(config, log, Path(folder), plans=plans, by_file=dist == "loadfile")
