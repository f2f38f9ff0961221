"""The testronaut session: all of the plugin's state in one object per pytest process.

:class:`TestronautSession` is registered as a plugin in ``pytest_configure`` and kept
under :data:`SESSION_KEY` (pytest's junitxml and syrupy's session are the models). It
owns the resolved settings, the sandbox manager, the agent, the normalization rules,
the result checker, LLM usage, the record channel, the terminal summary and the
xdist worker-to-controller merge. Everything else asks it, through
:meth:`TestronautSession.of`; nothing keeps state of its own.

Every sandbox (fixtures, plan cases, workflow steps, ``--testronaut-tool``) comes from
:meth:`TestronautSession.sandbox`, which resolves the configuration in one order —
command line, then the closest marker or the plan, then ini, then environment, then
default — and fires ``pytest_testronaut_sandbox_config`` and
``pytest_testronaut_sandbox_ready`` every time.

Creating the session is cheap: it imports no docker, pydantic or LangChain until a
sandbox or the agent is first asked for.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sys
import threading
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from . import settings as settings_module
from .errors import TestronautError

if TYPE_CHECKING:
    from .expect import ResultChecker
    from .llm import Agent
    from .plans.record import Recording
    from .sandbox import Sandbox, SandboxConfig, SandboxManager
    from .verify import Rule

SESSION_KEY = pytest.StashKey["TestronautSession"]()
PLUGIN_NAME = "testronaut-session"
# workerinput: the controller collects what workers record; workeroutput: their state
CONTROLLER_COLLECTS = "testronaut_controller_collects"
WORKER_OUTPUT = "testronaut_session"

# The settings a marker or a plan may set for its sandbox; for each, the command line
# beats the marker or plan, which beats ini, environment and default.
SANDBOX_SETTINGS = ("image", "install", "isolation", "timeout", "network", "memory", "disk",
                    "cpus", "pids", "user", "output_limit")


class TestronautWarning(pytest.PytestWarning):
    """Warnings issued by testronaut."""

    __test__ = False


class TestronautSession:
    """The plugin's state for one pytest process (an xdist worker has its own)."""

    __test__ = False

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.settings = settings_module.resolve(config)  # a bad value: UsageError now
        self._manager: SandboxManager | None = None
        self._agent: Agent | None = None
        self._rules: list[Rule] | None = None
        self._checker: ResultChecker | None = None
        # pytest_testronaut_sandbox_config's answer per (item, config): the pool's
        # warm-up asks it before the item runs, and the item must not ask again.
        self._hooked: dict[tuple[str, SandboxConfig], SandboxConfig] = {}
        self.recordings: list[Recording] = []
        self.written: dict[str, int] = {}
        self.passed_inconclusive: list[str] = []
        # Plan items' final outcome by node id (a rerun's attempts count once), and how
        # many attempts pytest-rerunfailures reran.
        self.plan_outcomes: dict[str, str] = {}
        self.plan_reruns = 0
        self.worker_states: list[dict[str, Any]] = []
        self._resume_line: Path | None = None
        # For the results store and reports (reporting.py fills it): plan-case records
        # by node id and each tool's image; sent to the controller in _state().
        self.report_state: dict[str, Any] = {"cases": {}, "tools": {}}
        self.runs: dict[str, list[Any]] = {}  # RunResults of plan items, until reported
        self.tool_spec: Any = None  # the CliSpec --testronaut-tool analyzed, if it ran
        # An xdist controller: the run id its workers label their sandboxes with.
        self._workers_run_id: str | None = None
        self._interrupted = False
        self._preload: threading.Thread | None = None
        # The test running (node id, thread, its label once an agent exists), if any.
        self._labelling: tuple[str, int, contextlib.ExitStack] | None = None
        self._check_llm_setup()

    # --- one per process ----------------------------------------------------------
    @classmethod
    def of(cls, config: pytest.Config) -> TestronautSession:
        """The session of ``config``: made and registered on first use."""
        session = config.stash.get(SESSION_KEY, None)
        if session is None:
            session = cls(config)
            config.stash[SESSION_KEY] = session
            config.pluginmanager.register(session, PLUGIN_NAME)
        return session

    def close(self) -> None:
        """Unregister and remove every sandbox (``pytest_unconfigure``)."""
        if self._manager is not None:
            self._manager.close()
        made = self.enabled or any(s.get("counts", {}).get("sandboxes")
                                   for s in self.worker_states)
        if (self._workers_run_id is not None and not self.settings.keep
                and (made or self._interrupted)):
            # Workers stopped by xdist's shutdown (after SIGTERM/SIGHUP or Ctrl-C here)
            # may have left theirs; a run that never used a sandbox contacts no engine.
            from .sandbox import remove_run

            with contextlib.suppress(TestronautError):
                remove_run(self._workers_run_id, self.settings.docker_hosts)
        if self.config.pluginmanager.is_registered(self):
            self.config.pluginmanager.unregister(self)
        del self.config.stash[SESSION_KEY]

    @property
    def enabled(self) -> bool:
        return self.settings.enabled

    @property
    def is_worker(self) -> bool:
        return hasattr(self.config, "workerinput")

    # --- sandboxes ------------------------------------------------------------------
    @property
    def manager(self) -> SandboxManager:
        """The process's sandbox manager, made on first use (no engine contact yet)."""
        if self._manager is None:
            from .sandbox import SandboxManager
            from .sandbox.engine import host_for_worker

            worker = getattr(self.config, "workerinput", None)
            run_id = worker["testrunuid"][:12] if worker else None
            hosts = self.settings.docker_hosts
            self._manager = SandboxManager(
                run_id, progress=self.say, keep=self.settings.keep, plan_hook=self._install_hook,
                runner=self.settings.runner, pool_size=self.settings.pool_size,
                docker_host=host_for_worker(hosts, worker and worker.get("workerid")),
                peers=hosts, pull=self.settings.pull)
            _end_signals_like_ctrl_c()
            if worker is not None:
                self._manager.close_when_orphaned()
        return self._manager

    def _install_hook(self, step: str, base_dir: Path) -> Any:
        return self.config.hook.pytest_testronaut_install_step(
            step=step, base_dir=base_dir, config=self.config)

    def sandbox_config(self, closest: Mapping[str, Any], *, base_dir: Path | str | None = None,
                       ) -> SandboxConfig:
        """The configuration of a sandbox: the command line, then ``closest`` (the
        marker's or plan's keywords), then ini, environment, default. ``base_dir`` is
        where ``closest``'s relative paths live; the command line's are relative to the
        directory pytest was started in, the ini file's to the rootdir.
        Raises :class:`TestronautError` with one line per wrong value."""
        from .sandbox import SandboxConfig

        s = self.settings
        values: dict[str, Any] = {name: getattr(s, name) for name in SANDBOX_SETTINGS}
        paths_from = str(self.config.invocation_params.dir if "install" in s.from_cli
                         else self.config.rootpath)
        for key, value in closest.items():
            if value is None or key in s.from_cli:
                continue
            values[key] = value
            if key in ("install", "dockerfile", "context") and base_dir is not None:
                paths_from = str(base_dir)
        values["base_dir"] = paths_from
        try:
            return SandboxConfig(**values)
        except ValueError as exc:
            raise TestronautError(f"invalid sandbox settings: {_explain(exc)}") from None

    def command_timeout(self, closest: float | None) -> float | None:
        """The timeout of one command: ``--testronaut-timeout`` on the command line
        beats a case's own; otherwise the case's, else the sandbox's default (None)."""
        if "timeout" in self.settings.from_cli:
            return self.settings.timeout
        return closest

    def sandbox(self, sandbox_config: SandboxConfig, scope_key: str,
                item: pytest.Item | None) -> Sandbox:
        """The sandbox of ``scope_key`` for ``item`` (``None``: no test asked, e.g. the
        analysis of ``--testronaut-tool``). Fires ``pytest_testronaut_sandbox_config``
        before, and ``pytest_testronaut_sandbox_ready`` once for every new sandbox."""
        hook = self.config.hook
        sandbox_config = self.hooked_config(item, sandbox_config)

        def ready(sandbox: Sandbox) -> None:
            sandbox.checker = self.checker
            hook.pytest_testronaut_sandbox_ready(sandbox=sandbox, item=item)

        return self.manager.sandbox(sandbox_config, scope_key, on_start=ready)

    def hooked_config(self, item: pytest.Item | None,
                      sandbox_config: SandboxConfig) -> SandboxConfig:
        """``sandbox_config`` as ``pytest_testronaut_sandbox_config`` leaves it for
        ``item``: the hook is asked once per item and configuration, however many
        times the answer is needed (the pool's warm-up, then the test itself)."""
        key = (item.nodeid, sandbox_config) if item is not None else None
        if key is not None and key in self._hooked:
            return self._hooked[key]
        changed = self.config.hook.pytest_testronaut_sandbox_config(
            config=self.config, item=item, sandbox_config=sandbox_config)
        result = changed or sandbox_config
        if key is not None:
            self._hooked[key] = result
        return result

    @staticmethod
    def scope_key(isolation: str, *, shared: str, own: str) -> str:
        """Where a sandbox lives: the whole session, the ``shared`` scope (a module, a
        plan file, a workflow) or the ``own`` one (a single test)."""
        return {"session": "session", "module": shared, "test": own}[isolation]

    def release(self, scope_key: str) -> None:
        if self._manager is not None:
            self._manager.release(scope_key)

    def say(self, message: str) -> None:
        """A progress line while work happens (a long build): on the terminal with
        capture suspended, or, in an xdist worker, on its stderr tagged with its id."""
        config = self.config
        capman = config.pluginmanager.get_plugin("capturemanager")
        suspended = capman.global_and_fixture_disabled() if capman else contextlib.nullcontext()
        worker = getattr(config, "workerinput", None)
        with suspended:
            if worker is not None:
                sys.stderr.write(f"testronaut [{worker.get('workerid', 'worker')}]: {message}\n")
                sys.stderr.flush()
                return
            reporter = config.pluginmanager.get_plugin("terminalreporter")
            if reporter is not None:
                if isinstance(reporter.currentfspath, Path):
                    # Mid-way through a file's line of results: resume it afterwards.
                    self._resume_line = reporter.currentfspath
                reporter.write_line(f"testronaut: {message}", cyan=True)

    # --- judging ------------------------------------------------------------------
    def _check_llm_setup(self) -> None:
        """A configured model is built at start-up, so a bad model name or provider, a
        missing API key or a missing prices file stop the run with one usage error,
        instead of failing (or never being noticed) at the first judged check. Only
        with ``--testronaut``: without it the plugin stays inert, and a judged check
        of a hand-written test reports a bad setup when it asks for the agent."""
        s = self.settings
        if not s.enabled or not (s.model or s.task_models or s.prices) or self.is_worker:
            return
        try:
            self.agent()
        except TestronautError as exc:
            raise pytest.UsageError(f"testronaut: the LLM setup is not usable: {exc}") from None

    def agent(self) -> Agent:
        """The session's agent (offline unless a model is configured), built on first
        use; a missing provider package or key is a :class:`TestronautError`."""
        if self._agent is None:
            # The cache a team commits lives at the project root, wherever pytest runs.
            self._agent = settings_module.agent_from_settings(self.settings,
                                                              self.config.rootpath)
            labelling = self._labelling
            if labelling is not None and labelling[1] == threading.get_ident():
                # Made by a running test: the rest of its calls are its own.
                labelling[2].enter_context(self._agent.label(labelling[0]))
        return self._agent

    def rules(self) -> list[Rule]:
        """Normalization rules of every comparison: ``--testronaut-rules`` (option, ini
        lines, environment) and the ``pytest_testronaut_normalizer_rules`` hook."""
        if self._rules is None:
            from .verify import Rule, RuleError

            rules: list[Any] = []
            for line in self.settings.rules:
                try:
                    rules.append(Rule.parse(line))
                except RuleError as exc:
                    raise pytest.UsageError(f"testronaut: rule {line!r}: {exc}") from None
            for chunk in self.config.hook.pytest_testronaut_normalizer_rules(config=self.config):
                rules.extend(chunk or ())
            self._rules = rules
        return self._rules

    @property
    def checker(self) -> ResultChecker:
        """Judges results of hand-written tests (``result.should``, ...)."""
        if self._checker is None:
            from .expect import ResultChecker

            self._checker = ResultChecker(self.agent, self.rules, self.settle_inconclusive)
        return self._checker

    def settle_inconclusive(self, message: str, *, at_item: bool = False) -> bool:
        """Apply ``--testronaut-inconclusive`` to an inconclusive check: ``skip``
        skips the test, ``pass`` notes it for the summary and returns True, ``fail``
        returns False (the caller raises its failure)."""
        policy = self.settings.inconclusive
        if policy == "skip":
            # at_item: reported at the plan's file:line, not at our module's
            raise pytest.skip.Exception(message, _use_item_location=at_item)
        if policy == "pass":
            test = os.environ.get("PYTEST_CURRENT_TEST", "").rsplit(" (", 1)[0]
            line = message.splitlines()[0] if message else ""
            self.passed_inconclusive.append(f"{test}: {line}" if test else line)
            return True
        return False

    # --- recording --------------------------------------------------------------------
    def note_run(self, nodeid: str, result: Any) -> None:
        """Keep a command's result for the report record of the plan item ``nodeid``."""
        self.runs.setdefault(nodeid, []).append(result)

    @property
    def made_agent(self) -> Agent | None:
        """The agent if this process made one (its usage says what the LLM cost)."""
        return self._agent

    def states(self) -> list[dict[str, Any]]:
        """This process's state and every xdist worker's (on the controller)."""
        return [self._state(), *self.worker_states]

    def record(self, recording: Recording) -> None:
        """Keep what a case printed; plan files are rewritten once, at the end, by the
        controller (or by this process when nobody collects)."""
        self.recordings.append(recording)

    # --- hooks ------------------------------------------------------------------------
    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Iterator[None]:
        # Attribute LLM calls (tokens, cost) to the test that made them. No agent is made
        # for that (building one imports the LLM layer, half a second per process): one
        # that the test makes labels its calls from then on (see agent()).
        if self._agent is not None:
            with self._agent.label(item.nodeid):
                return (yield)
        self._labelling = (item.nodeid, threading.get_ident(), contextlib.ExitStack())
        try:
            return (yield)
        finally:
            labelling, self._labelling = self._labelling, None
            if labelling is not None:
                labelling[2].close()

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if self._resume_line is not None:
            # Before the terminal writes this test's letter, put back the file name our
            # progress lines took away, so the results stay on a line of their own.
            reporter = self.config.pluginmanager.get_plugin("terminalreporter")
            if reporter is not None and reporter.currentfspath is None:
                reporter.write(os.path.relpath(self._resume_line, reporter.startpath) + " ")
                reporter.currentfspath = self._resume_line
            self._resume_line = None
        counted = report.when == "call" or report.outcome != "passed"
        if counted and report.nodeid.split("::")[0].endswith((".yaml", ".yml")):
            outcome: str = report.outcome  # "rerun" too: pytest-rerunfailures' own
            if outcome == "rerun":  # another attempt follows
                self.plan_reruns += 1
            elif report.when == "teardown" and report.failed:
                self.plan_outcomes[report.nodeid] = "error"
            else:
                self.plan_outcomes[report.nodeid] = outcome

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        node.workerinput[CONTROLLER_COLLECTS] = True
        if self._workers_run_id is None:
            # The controller: SIGTERM/SIGHUP shut the workers down, then close() removes
            # what they left.
            _end_signals_like_ctrl_c()
            self._workers_run_id = str(node.workerinput["testrunuid"])[:12]
            if self.enabled or self.settings.report:
                self._preload = _preload(END_OF_RUN_MODULES)

    def pytest_report_header(self, config: pytest.Config) -> list[str]:
        """With ``--testronaut-docker-hosts``: which engine each worker uses."""
        hosts = self.settings.docker_hosts
        if not hosts or self.is_worker:
            return []  # before any import: a plain run loads nothing heavy
        from .sandbox.engine import host_for_worker

        workers = getattr(config.option, "numprocesses", None)
        if not isinstance(workers, int) or workers < 1 or config.getoption("dist", "no") == "no":
            return [f"testronaut: docker engine {hosts[0]}"]
        by_host: dict[str, list[str]] = {}
        for n in range(workers):
            by_host.setdefault(host_for_worker(hosts, f"gw{n}") or "", []).append(f"gw{n}")
        return ["testronaut: docker engines: "
                + "; ".join(f"{', '.join(ws)} on {host}" for host, ws in by_host.items())]

    def pytest_keyboard_interrupt(self) -> None:
        self._interrupted = True

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        workeroutput = getattr(self.config, "workeroutput", None)
        workerinput = getattr(self.config, "workerinput", {})
        if workeroutput is not None and workerinput.get(CONTROLLER_COLLECTS):
            workeroutput[WORKER_OUTPUT] = json.dumps(self._state())
            return
        if self.recordings:
            from .plans.record import write_recordings

            self.written = write_recordings(self.recordings)

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: Any) -> None:
        if self._preload is not None:  # done long ago, unless the run was very short
            self._preload.join(timeout=60)
            self._preload = None
        raw = getattr(node, "workeroutput", {}).get(WORKER_OUTPUT)
        if not raw:
            return
        state = json.loads(raw)
        self.worker_states.append(state)
        if state.get("recordings"):
            from .plans.record import Recording

            self.recordings.extend(Recording.from_dict(r) for r in state["recordings"])

    def _state(self) -> dict[str, Any]:
        """What this process tells the controller (and the summary counts)."""
        manager = self._manager
        counts: Counter[str] = Counter()
        if manager is not None:
            counts["sandboxes"] += manager.created
            for what, n in manager.swept.items():
                counts[f"swept {what}"] += n
        return {
            "counts": dict(counts),
            "usage": self._agent.usage.as_dict() if self._agent is not None else None,
            "passed_inconclusive": list(self.passed_inconclusive),
            "recordings": [dataclasses.asdict(r) for r in self.recordings],
            "report": self.report_state,
        }

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.is_worker or not (self.enabled or self.settings.report):
            return
        from .summary import write_summary

        write_summary(terminalreporter, [self._state(), *self.worker_states],
                      plan_outcomes={**Counter(self.plan_outcomes.values()),
                                     **({"rerun": self.plan_reruns} if self.plan_reruns
                                        else {})},
                      written=self.written,
                      recordings=self.recordings, rootpath=self.config.rootpath)


# What an xdist controller imports at the end of the run (results store, reports, the
# LLM summary), and nothing before: imported in the background while its workers run,
# the end of the run does not wait for it (about 1.4 s of CPU).
END_OF_RUN_MODULES = ("pytest_testronaut.reports", "pytest_testronaut.llm.summary")


def _preload(modules: tuple[str, ...]) -> threading.Thread:
    def load() -> None:
        import importlib

        for name in modules:
            with contextlib.suppress(Exception):  # imported again, and reported, when used
                importlib.import_module(name)

    thread = threading.Thread(target=load, name="testronaut-preload", daemon=True)
    thread.start()
    return thread


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _end_signals_like_ctrl_c() -> None:
    """SIGTERM and SIGHUP end the run like Ctrl-C, so pytest's cleanup (and ours) runs;
    their defaults kill the process at once and leave its sandboxes behind. Handlers
    someone else installed (e.g. xdist) are left alone."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) in (signal.SIG_DFL, None):
            signal.signal(number, _interrupt)


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
