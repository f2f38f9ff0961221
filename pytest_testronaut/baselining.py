"""Baselines for every test, plan case and workflow step, and container steps through
pytest-benchmark's ``benchmark`` fixture. The pytest glue of :mod:`.baselines`.

Registered by the plugin; inert (no engine, no import of pytest-benchmark) unless
``--testronaut-baseline-save`` or ``--testronaut-baseline-compare`` is given or a test
asks for ``testronaut_benchmark``.

- Every command a sandbox runs during a test's call is metered (CPU time and peak
  memory measured in the container, wall time on the host). A test or plan case runs
  ``--testronaut-baseline-rounds`` times (a case's ``benchmark: {rounds: N}`` wins);
  a workflow step runs once, since its effects carry over to the next step.
- Each item's rounds travel in its report (``user_properties``), so under xdist the
  controller sees them all; it alone saves and compares, at the end of the session.
- ``pytest_testronaut_baseline_entry`` changes what is stored,
  ``pytest_testronaut_baseline_compare`` how a comparison is decided.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .baselines import Outcome, Round
    from .sandbox import RunResult, Sandbox

PROPERTY = "testronaut_baseline"
STATE_KEY = pytest.StashKey["BaselineRun"]()


@dataclass(eq=False)  # registered as a plugin: hashed by identity
class BaselineRun:
    """The baseline work of one pytest process."""

    config: pytest.Config
    results: list[RunResult] | None = None  # the round being metered, if any
    measured: dict[str, dict[str, Any]] = field(default_factory=dict)  # by node id
    saved: Path | None = None
    compared: Path | None = None
    outcome: Outcome | None = None
    machine_note: list[str] = field(default_factory=list)
    error: str | None = None
    failed: list[str] = field(default_factory=list)  # node ids whose call failed: unmeasured
    not_saved: str | None = None  # why --testronaut-baseline-save wrote no file

    @property
    def settings(self) -> Any:
        from .session import TestronautSession

        return TestronautSession.of(self.config).settings

    # --- metering ----------------------------------------------------------------------
    def meter(self, sandbox: Sandbox) -> None:
        """Wrap ``sandbox.run`` so every command it runs counts in the current round."""
        original = sandbox.run

        def metered(*args: Any, **kwargs: Any) -> RunResult:
            result = original(*args, **kwargs)
            if self.results is not None:
                self.results.append(result)
            return result

        sandbox.run = metered  # type: ignore[method-assign]

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        # Workers' reports reach the controller with their user_properties.
        if report.when != "call":
            return
        if report.failed:
            self.failed.append(report.nodeid)
            return
        if not report.passed:
            return
        for name, value in report.user_properties:
            if name == PROPERTY and isinstance(value, dict):
                self.measured[report.nodeid] = value

    def start_round(self) -> None:
        self.results = []

    def end_round(self) -> Round:
        from .baselines import rounds_from_results

        results, self.results = self.results or [], None
        return rounds_from_results(results)


def active(config: pytest.Config) -> BaselineRun | None:
    return config.stash.get(STATE_KEY, None)


def pytest_configure(config: pytest.Config) -> None:
    from .session import TestronautSession

    settings = TestronautSession.of(config).settings
    if settings.baseline_save or settings.baseline_compare:
        import importlib.util

        if importlib.util.find_spec("pytest_benchmark") is None:
            raise pytest.UsageError(
                "testronaut: baselines use pytest-benchmark's storage and statistics: "
                "pip install pytest-benchmark (or pytest-testronaut[benchmark])")
        run = BaselineRun(config)
        config.stash[STATE_KEY] = run
        config.pluginmanager.register(run, "testronaut-baseline-run")


def pytest_testronaut_sandbox_ready(sandbox: Sandbox, item: pytest.Item | None) -> None:
    run = active(item.config) if item is not None else None
    if run is not None:
        run.meter(sandbox)


def _rounds(item: pytest.Item, run: BaselineRun) -> int:
    """How often ``item`` runs: 1 for workflow steps, while recording, and for tests
    that use pytest-benchmark's ``benchmark`` (``testronaut_benchmark``): it runs its
    own rounds and may be called once per test."""
    from .workflow_steps import workflow_of

    settings = run.settings
    if workflow_of(item) is not None or settings.record:
        return 1
    if {"benchmark", "testronaut_benchmark"} & set(getattr(item, "fixturenames", ())):
        return 1
    kind = type(item).__name__
    if kind == "StepItem":
        return 1
    case = getattr(item, "case", None)
    benchmark = getattr(case, "benchmark", None) if kind == "CaseItem" else None
    if benchmark is not None:
        return int(benchmark.rounds)
    return int(settings.baseline_rounds)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    run = active(item.config)
    if run is None:
        return (yield)
    run.start_round()
    try:
        outcome = yield  # the run that is reported
    finally:
        rounds = [run.end_round()]
    if rounds[0].commands:  # a test that ran no container command runs once
        measured: dict[str, Any] = {"name": item.name}
        wanted = _rounds(item, run)
        for number in range(2, wanted + 1):
            run.start_round()
            try:
                item.runtest()
            except _ROUND_FAILURES as exc:
                # The first run is the reported one and it passed: a later round that
                # fails (it found the files or state the first round left in the same
                # sandbox) ends the measuring, not the test. Its measures are dropped.
                run.end_round()
                measured["stopped"] = f"round {number} of {wanted} failed: {_first_line(exc)}"
                break
            rounds.append(run.end_round())
        measured["rounds"] = [r.as_dict() for r in rounds]
        item.user_properties.append((PROPERTY, measured))
    return outcome


# What a later round may raise without failing the test (pytest.exit still ends the run).
_ROUND_FAILURES = (Exception, pytest.fail.Exception, pytest.skip.Exception,
                   pytest.xfail.Exception)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


# --- the end: save, compare ------------------------------------------------------------
def entries(run: BaselineRun) -> list[dict[str, Any]]:
    """One entry per step and measure, as the hook lets them be stored."""
    from .baselines import MEASURES, Round

    hook = run.config.hook
    out = []
    for nodeid, measured in sorted(run.measured.items()):
        rounds = [Round.from_dict(r) for r in measured["rounds"]]
        for measure in MEASURES:
            data = [r.get(measure) for r in rounds]
            if not data or any(v is None for v in data):
                continue
            entry: dict[str, Any] = {
                "fullname": nodeid, "name": measured["name"], "measure": measure,
                "data": data, "extra_info": {"commands": rounds[-1].commands}}
            changed = hook.pytest_testronaut_baseline_entry(config=run.config, entry=entry)
            if changed is False:
                continue
            out.append(changed if isinstance(changed, dict) else entry)
    return out


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    run = active(session.config)
    if run is None or hasattr(session.config, "workerinput"):
        return
    from .baselines import (
        BaselineError,
        BaselineStore,
        build_document,
        compare,
        machine_differences,
        machine_info,
        parse_checks,
    )
    from .baselines.compare import min_differences
    from .baselines.storage import commit_info

    settings = run.settings
    storage = Path(settings.baseline_storage)
    if not storage.is_absolute():
        storage = session.config.rootpath / storage
    store = BaselineStore(storage)
    machine = machine_info()
    document = build_document(entries(run), rounds=settings.baseline_rounds, machine=machine,
                              commit=commit_info(session.config.rootpath))
    try:
        if settings.baseline_compare:
            run.compared = store.find(settings.baseline_compare)
            baseline = store.load(run.compared)
            run.machine_note = machine_differences(baseline.get("machine_info") or {}, machine)
            if run.compared.parent.name != store.machine:
                run.machine_note.insert(0, f"machine id: {run.compared.parent.name} -> "
                                           f"{store.machine}")
            run.outcome = compare(document["benchmarks"], baseline["benchmarks"],
                                  measures=settings.baseline_measures,
                                  checks=parse_checks(settings.baseline_fail),
                                  min_diff=min_differences(settings.baseline_min_diff))
            for comparison in run.outcome.comparisons:
                decided = session.config.hook.pytest_testronaut_baseline_compare(
                    config=session.config, comparison=comparison)
                if decided is not None:
                    comparison.regressed = bool(decided)
                    comparison.reason = "decided by pytest_testronaut_baseline_compare"
            if run.outcome.regressions and settings.baseline_fail:
                session.exitstatus = pytest.ExitCode.TESTS_FAILED
        if settings.baseline_save:
            name = settings.baseline_save
            if name == "auto":
                commit = document["commit_info"]
                name = "_".join(p for p in (str(commit.get("id") or "nocommit")[:12],
                                            document["datetime"][:19].replace(":", ""),
                                            "uncommitted-changes" if commit.get("dirty") else "")
                                if p)
            if document["benchmarks"]:
                run.saved = store.save(document, name)
            else:  # an empty file would become "the latest" and hide the real one
                run.not_saved = ("no baseline saved: no test passed with a container "
                                 "command to measure" + (f" ({len(run.failed)} failed)"
                                                         if run.failed else ""))
    except BaselineError as exc:
        run.error = str(exc)
        session.exitstatus = pytest.ExitCode.USAGE_ERROR


def pytest_terminal_summary(terminalreporter: Any) -> None:
    config = terminalreporter.config
    run = active(config)
    if run is None or hasattr(config, "workerinput"):
        return
    from .baselines.compare import table

    write = terminalreporter.write_line
    terminalreporter.section("testronaut baselines")
    if run.error:
        write(f"error: {run.error}", red=True)
        return
    steps = len(run.measured)
    if run.compared is not None and run.outcome is not None:
        found = len({c.fullname for c in run.outcome.comparisons})
        counted = f"{steps}" if found == steps else f"{found} of {steps}"
        write(f"compared {counted} step(s) with {_shown(config, run.compared)} "
              f"(measures: {', '.join(run.settings.baseline_measures)})")
        if run.machine_note:
            write("note: the baseline comes from another machine, measures may differ for "
                  "that alone: " + "; ".join(run.machine_note), yellow=True)
        regressions = run.outcome.regressions
        if regressions:
            failing = bool(run.settings.baseline_fail)
            write(f"{len(regressions)} regression(s)" + ("" if failing else
                  " (not failing the run: give --testronaut-baseline-fail=EXPR)") + ":",
                  red=failing, yellow=not failing)
            for line in table(regressions):
                write("  " + line)
        else:
            write("no regression beyond "
                  + (", ".join(run.settings.baseline_fail) or "median:20%")
                  + " and the minimum differences", green=True)
        if run.outcome.new:
            write("not in the baseline: " + _by_step(run.outcome.new))
        if run.outcome.unmeasured:
            write("not measured in this run: " + _by_step(run.outcome.unmeasured))
    if run.saved is not None:
        write(f"saved baseline of {steps} step(s): {_shown(config, run.saved)}")
    if run.not_saved:
        write(run.not_saved, yellow=True)
    if run.failed:
        write(f"not measured, since they failed ({len(run.failed)}): {_listed(run.failed)}",
              yellow=True)
    stopped = sorted((nodeid, m["stopped"]) for nodeid, m in run.measured.items()
                     if m.get("stopped"))
    if stopped:
        write(f"measured in fewer rounds than asked ({len(stopped)} test(s); a later round "
              "runs in the sandbox the first one left, so a test that changes its files "
              "may not repeat):", yellow=True)
        for nodeid, why in stopped[:10]:
            write(f"  {nodeid}: {why}")
        if len(stopped) > 10:
            write(f"  ... and {len(stopped) - 10} more")


def _by_step(labels: Sequence[str]) -> str:
    """``["t::a [cpu]", "t::a [memory]"]`` as ``"t::a (cpu, memory)"``: one entry a step."""
    measures: dict[str, list[str]] = {}
    for label in labels:
        step, _, measure = label.rpartition(" [")
        if not step:
            step, measure = label, "]"
        measures.setdefault(step, []).append(measure.rstrip("]"))
    return _listed([f"{step} ({', '.join(m for m in ms if m)})" if any(ms) else step
                    for step, ms in measures.items()])


def _listed(items: Sequence[str], shown: int = 10) -> str:
    more = f", ... and {len(items) - shown} more" if len(items) > shown else ""
    return ", ".join(items[:shown]) + more


def _shown(config: pytest.Config, path: Path) -> str:
    try:
        return str(path.relative_to(config.rootpath))
    except ValueError:
        return str(path)


# --- pytest-benchmark --------------------------------------------------------------------
class ContainerBenchmark:
    """Hands a container command to pytest-benchmark's ``benchmark`` fixture; the CPU
    time and peak memory measured in the container go into the benchmark's
    ``extra_info`` (and so into its JSON, autosave and compare)."""

    def __init__(self, benchmark: Any) -> None:
        self.benchmark = benchmark

    def __call__(self, sandbox: Sandbox, cmd: str | Sequence[str], *, rounds: int = 5,
                 warmup_rounds: int = 0, **run_kwargs: Any) -> RunResult:
        """Run ``cmd`` in ``sandbox`` ``rounds`` times under pytest-benchmark; returns
        the last result (check it as any other)."""
        from .baselines import rounds_from_results, stats_of

        results: list[RunResult] = []

        def once() -> RunResult:
            result = sandbox.run(cmd, **run_kwargs)
            results.append(result)
            return result

        last: RunResult = self.benchmark.pedantic(once, rounds=rounds, iterations=1,
                                                  warmup_rounds=warmup_rounds)
        measured = [rounds_from_results([r]) for r in results[warmup_rounds:] or results]
        info: dict[str, Any] = {"command": last.command_line}
        for measure in ("cpu", "memory", "wall"):
            values = [r.get(measure) for r in measured]
            known = [v for v in values if v is not None]
            if known and len(known) == len(values):
                info[measure] = {k: v for k, v in stats_of(known).items()
                                 if k in ("min", "max", "mean", "median", "stddev", "rounds")}
        self.benchmark.extra_info["testronaut"] = info
        return last


@pytest.fixture
def testronaut_benchmark(request: pytest.FixtureRequest) -> ContainerBenchmark:
    """pytest-benchmark's ``benchmark`` for container steps:
    ``testronaut_benchmark(testronaut_env, "cmd", rounds=5)``; ``--benchmark-autosave``,
    ``--benchmark-compare`` and ``--benchmark-compare-fail`` then work as for any
    benchmark, and CPU time and peak memory reach its JSON."""
    if not request.config.pluginmanager.has_plugin("benchmark"):
        raise pytest.UsageError("testronaut_benchmark needs pytest-benchmark: "
                                "pip install pytest-benchmark (or pytest-testronaut[benchmark])")
    return ContainerBenchmark(request.getfixturevalue("benchmark"))


@pytest.hookimpl(optionalhook=True)
def pytest_benchmark_update_json(config: pytest.Config, benchmarks: Any,
                                 output_json: dict[str, Any]) -> None:
    # Our measures, per benchmark, also at the top of its JSON: where they came from.
    measured = {b["fullname"]: b["extra_info"]["testronaut"]
                for b in output_json.get("benchmarks", [])
                if isinstance(b.get("extra_info"), dict) and "testronaut" in b["extra_info"]}
    if measured:
        output_json["testronaut"] = {
            "measures": measured,
            "note": "cpu (user+system seconds of the process tree) and memory (peak bytes) "
                    "are measured inside the container; stats are pytest-benchmark's wall time",
        }
