"""The pytest side of results and reports: plan items become :class:`CaseRecord`
values, workers send theirs to the controller in the session's JSON state, and the
controller alone writes the results store and the ``--testronaut-report`` files.

Registered by the plugin in ``pytest_configure`` when testronaut is on (``--testronaut``
or ``--testronaut-report``). The records of one process live in
``session.report_state`` (``cases``: node id to record, ``tools``: tool to its image and
image id), which :meth:`TestronautSession._state` sends to the controller; the
controller merges every process's state at the end of the run.

Hand-written tests (Python tests using the ``testronaut_env`` fixture, the sandbox
factory, or a ``testronaut`` marker) get a record too: their outcome, duration, the
first line of their failure, and the commands they ran in a sandbox (the reporting
plugin is an observer of every sandbox: ``Sandbox.observers``).
"""

from __future__ import annotations

import json
import os
import time
import uuid
import warnings
from collections.abc import Generator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .session import TestronautSession, TestronautWarning

if TYPE_CHECKING:
    from .analysis.spec import CliSpec
    from .plans.model import Runnable
    from .reports import CaseRecord, RunInfo
    from .sandbox import RunResult, Sandbox

PLUGIN_NAME = "testronaut-reporting"
TIERS = ("deterministic", "exact", "normalized", "structural", "semantic")
# What makes a Python test a hand-written testronaut test (besides running a command).
FIXTURES = ("testronaut_env", "testronaut_sandbox_factory", "testronaut_benchmark")


class Reporting:
    """Collects plan-case records; on the controller, stores them and writes reports."""

    def __init__(self, session: TestronautSession) -> None:
        self.session = session
        self.started = time.time()
        self.outcome: dict[str, Any] = {}
        self._test: str | None = None  # node id of the hand-written test running now

    @property
    def state(self) -> dict[str, Any]:
        return self.session.report_state

    # --- sandboxes: which image each tool ran in -------------------------------------
    def pytest_testronaut_sandbox_ready(self, sandbox: Sandbox, item: pytest.Item | None) -> None:
        self._observe(sandbox)
        plan_file = getattr(item, "plan_file", None)
        if plan_file is None:
            return
        plan = plan_file.loaded.plan
        image = plan.image or self.session.settings.image
        self.state["tools"][plan.tool] = {"image": image, "image_id": sandbox.image_id}

    def _observe(self, sandbox: Sandbox) -> None:
        """Keep the results of the commands a hand-written test runs in ``sandbox``
        (plan items keep theirs themselves)."""
        if self._ran not in sandbox.observers:  # a shared sandbox serves many tests
            sandbox.observers.append(self._ran)

    def _ran(self, sandbox: Sandbox, result: RunResult) -> None:
        if self._test is not None:
            self.session.note_run(self._test, result)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None,
                                ) -> Generator[None, object, object]:
        self._test = None if hasattr(item, "plan_file") else item.nodeid
        try:
            return (yield)
        finally:
            self._test = None
            self.session.runs.pop(item.nodeid, None)

    # --- one record per plan case, workflow step and hand-written test ---------------
    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None],
                                  ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report: pytest.TestReport = yield
        final = call.when == "call" or (call.when == "setup" and report.outcome != "passed")
        if not final:
            return report
        runnable = getattr(item, "case", None) or getattr(item, "step", None)
        plan_item = runnable is not None and hasattr(item, "plan_file")
        if not plan_item and not self._hand_written(item):
            return report
        try:
            record = (self._record(item, runnable, call, report)
                      if plan_item and runnable is not None
                      else self._test_record(item, call, report))
        except Exception as exc:  # a report must never break the run it reports on
            warnings.warn(TestronautWarning(
                f"testronaut: no report record for {item.nodeid}: {exc!r}"), stacklevel=1)
            return report
        earlier = self.state["cases"].get(item.nodeid)
        if earlier is not None and record.reruns:  # pytest-rerunfailures ran it again
            record.attempts = [*earlier.get("attempts", ()), earlier["verdict"]]
        self.state["cases"][item.nodeid] = record.as_dict()
        # A rerun (pytest-rerunfailures) reports the same item again: its attempt's
        # properties replace the earlier attempt's rather than pile up after them.
        item.user_properties[:] = [p for p in item.user_properties
                                   if not str(p[0]).startswith("testronaut_")]
        for name, value in (("testronaut_verdict", record.verdict),
                            ("testronaut_tier", record.tier or ""),
                            ("testronaut_category", record.category or ""),
                            ("testronaut_cost", f"{record.llm.get('cost', 0.0):.6f}")):
            item.user_properties.append((name, value))
        return report

    def _hand_written(self, item: pytest.Item) -> bool:
        """A Python test of testronaut's: it uses a sandbox fixture or a testronaut
        marker, or ran a command in a sandbox."""
        names = getattr(item, "fixturenames", ())
        return (any(name in names for name in FIXTURES) or item.nodeid in self.session.runs
                or any(m.name.startswith("testronaut") for m in item.iter_markers()))

    def _test_record(self, item: pytest.Item, call: pytest.CallInfo[None],
                     report: pytest.TestReport) -> CaseRecord:
        from .reports import CaseRecord
        from .reports.analysis import categorize
        from .reports.records import command_record

        path, line, _ = item.reportinfo()
        where = item.nodeid.split("::")[0]
        record = CaseRecord(
            key=item.nodeid, nodeid=item.nodeid, plan=where,
            case_id=item.nodeid.split("::", 1)[-1], kind="test",
            location=f"{where}:{(line or 0) + 1}" if line is not None else where,
            duration=round(report.duration, 4),
            reruns=max(0, int(getattr(item, "execution_count", 1)) - 1),
            tags=sorted({m.name for m in item.iter_markers()} - {"testronaut", "parametrize",
                                                                  "usefixtures"}),
        )
        del path
        if report.skipped:
            record.verdict = "skip"
            record.message = _skip_reason(report)
        elif report.failed:
            record.verdict = "error" if call.when == "setup" else "fail"
            record.message = _failure_line(report)
        runs = self.session.runs.pop(item.nodeid, [])
        record.commands = [command_record(r, failed=record.verdict != "pass") for r in runs]
        if runs:
            record.command = runs[-1].command_line
        record.llm = self._llm_of(item.nodeid)
        record.category = categorize(record)
        return record

    def _llm_of(self, nodeid: str) -> dict[str, float]:
        agent = self.session.made_agent
        tally = agent.usage.by_label.get(nodeid) if agent is not None else None
        if tally is None:
            return {}
        return {k: v for k, v in tally.as_dict().items()
                if k in ("calls", "cache_hits", "input_tokens", "output_tokens", "cost")}

    def _record(self, item: pytest.Item, runnable: Runnable, call: pytest.CallInfo[None],
                report: pytest.TestReport) -> CaseRecord:
        from .reports import CaseRecord, CheckRecord
        from .reports.analysis import categorize
        from .reports.records import command_record

        plan_file = item.plan_file  # type: ignore[attr-defined]
        plan = plan_file.loaded.plan
        workflow = getattr(getattr(item, "workflow_node", None), "workflow", None)
        case_id = workflow.id if workflow is not None else item.name
        step = item.name if workflow is not None else None
        plan_name = plan_file.location(None)
        if plan.generated_from is not None:
            self.state.setdefault("plans", {})[plan_name] = {
                "tool": plan.tool, "path": str(plan_file.path),
                "digest": plan.generated_from.digest, "version": plan.generated_from.version}
        runs = self.session.runs.pop(item.nodeid, [])
        record = CaseRecord(
            key="::".join(p for p in (plan_name, case_id, step) if p),
            nodeid=item.nodeid, plan=plan_name, case_id=case_id, step=step, tool=plan.tool,
            tags=list(runnable.tags), location=plan_file.location(getattr(item, "line", None)),
            duration=round(call.duration if call.when == "call" else report.duration, 4),
            reruns=max(0, int(getattr(item, "execution_count", 1)) - 1),
            kind="step" if workflow is not None else "plan",
        )
        command = runnable.command
        record.argv = list(command) if isinstance(command, list) else []
        record.command = " ".join(command) if isinstance(command, list) else command
        error: Any = call.excinfo.value if call.excinfo is not None else None
        if _is_case_failure(error):
            record.checks = [CheckRecord(f.check, f.expected, f.actual, f.diff, f.tier,
                                         f.explanation, f.inconclusive) for f in error.failures]
            record.message = error.message or ""
            if error.command:
                record.command = error.command
            if error.result is not None and not runs:
                runs = [error.result]
            inconclusive = bool(error.failures) and all(f.inconclusive for f in error.failures)
            record.verdict = "inconclusive" if inconclusive else "fail"
            decided = [f for f in error.failures if not f.inconclusive]
            record.tier = _strongest(f.tier for f in decided) if decided else None
        elif report.skipped:
            record.verdict = "skip"
            record.message = _skip_reason(report)
        elif report.failed:
            record.verdict = "error" if call.when == "setup" or error is not None else "fail"
            record.message = str(error) if error is not None else str(report.longrepr)
            record.message = record.message.splitlines()[0][:500] if record.message else ""
        else:
            record.verdict = "pass"
            record.tier = self._pass_tier(runnable, plan, runs)
        record.commands = [command_record(r, failed=record.verdict != "pass") for r in runs]
        if runs:
            record.command = runs[-1].command_line
        record.llm = self._llm_of(item.nodeid)
        record.category = categorize(record)
        return record

    def _pass_tier(self, runnable: Runnable, plan: Any, runs: Sequence[RunResult]) -> str | None:
        """The strongest tier a passing case's checks called on: ``semantic`` for a
        plain-English expectation, else the tier each recorded output matched at."""
        if runnable.expect or any(s is not None and s.expect
                                  for s in (runnable.stdout, runnable.stderr)):
            return "semantic"
        tiers: list[str] = []
        if runnable.exit is not None:
            tiers.append("deterministic")
        for name in ("stdout", "stderr"):
            stream = getattr(runnable, name)
            if stream is None:
                continue
            if stream.contains or stream.not_contains or stream.regex:
                tiers.append("deterministic")
            if stream.json_value is not None:
                tiers.append("structural")
            if stream.equals is not None and runs and stream.equals == getattr(runs[-1], name):
                tiers.append("exact")  # the common case, without comparing again
            elif stream.equals is not None and runs:
                from .plans.model import plan_rules
                from .verify.holes import compare_recorded

                rules = (*plan_rules(plan.settings.normalize), *self.session.rules())
                verdict = compare_recorded(stream.equals, getattr(runs[-1], name), rules=rules,
                                          unordered=stream.unordered)
                tiers.append(str(verdict.tier or "exact"))
        return _strongest(tiers)

    # --- the controller's end of the run -------------------------------------------
    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.session.is_worker or session.config.option.collectonly:
            return  # a run that ran nothing is neither stored nor reported
        settings = self.session.settings
        if settings.retention <= 0 and not settings.report:
            return
        try:
            self.outcome = self._finish()
        except Exception as exc:  # the tests' own outcome stands
            from .errors import TestronautError

            message = str(exc) if isinstance(exc, TestronautError) else repr(exc)
            self.outcome = {"error": message}
        self.state["outcome"] = self.outcome

    def _finish(self) -> dict[str, Any]:
        from .analysis.spec import spec_digest_data
        from .reports import (
            ResultsStore,
            build_report,
            gather,
            origin_specs,
            store_path,
            write_reports,
        )

        settings = self.session.settings
        config = self.session.config
        states = self.session.states()
        cases, tools, usage = _merge(states)
        plans: dict[str, dict[str, Any]] = {}
        for state in states:
            plans.update((state.get("report") or {}).get("plans", {}))
        specs = self._analyzed_specs()
        for tool, spec in specs.items():
            tools.setdefault(tool, {})["version"] = spec.version
        run = _run_info(config, self.started, tools, usage)
        run.baseline_regressions = self._baseline_regressions({c.nodeid: c.key for c in cases})
        store = None
        stored = False
        if settings.retention > 0:
            store = ResultsStore(store_path(config.rootpath))
            # in the form spec_digest() hashes, so the store keys them by that digest
            store.add_run(run, cases, specs={t: spec_digest_data(s) for t, s in specs.items()},
                          retention=settings.retention)
            stored = True
        outcome: dict[str, Any] = {"stored": str(store.path) if store else None}
        inputs = gather(store, run, cases, specs, stored=stored)
        inputs.origin_specs, inputs.notes = origin_specs(plans, specs, store)
        for tool, (spec, note) in _saved_plan_specs(plans, specs).items():
            inputs.specs[tool] = spec  # coverage only: gather() left its drift out
            inputs.notes.append(note)
        inputs.baseline_regressions = run.baseline_regressions
        report = build_report(inputs)
        if settings.report:
            before = dict(report["llm"])
            outcome["summary"] = self._written_summary(report)
            more = {k: v - before[k] for k, v in report["llm"].items()}
            if any(more.values()):  # the summary's cost belongs to this run too
                if store is not None:
                    store.add_llm(run.run_id, more)
                for point in report["trend"]:
                    if point["run"] == run.run_id:
                        point["cost"] = float(point["cost"]) + float(more["cost"])
        outcome.update(regressions=report["regressions"], flaky=[f["case"] for f in report["flaky"]],
                       coverage=[(c["tool"], c["percent"], len(c["commands"].get("help_only", ())))
                                 for c in report["coverage"]],
                       drift=report["drift"], notes=report["notes"],
                       findings=len(report["findings"]),
                       baseline_regressions=report["baseline_regressions"])
        if settings.report:
            folder = Path(settings.report)
            if not folder.is_absolute():
                folder = config.invocation_params.dir / folder
            files = write_reports(report, folder,
                                  step_summary=os.environ.get("GITHUB_STEP_SUMMARY") or None)
            outcome["files"] = {k: str(v) for k, v in files.items()}
        return outcome


    def _written_summary(self, report: dict[str, Any]) -> str:
        """With a model for the report task, its summary of the failures goes into
        ``report`` (and its calls into the report's LLM figures); what the terminal
        says about it is returned."""
        summary = report["summary"]
        if not self.session.settings.report_summary:
            summary["note"] = ("written summary turned off (--testronaut-report-summary=false): "
                               "the deterministic analysis alone")
            return ""
        if not any(c["verdict"] in ("fail", "error", "inconclusive") for c in report["cases"]):
            summary["note"] = "nothing failed: no written summary needed"
            return ""
        from .errors import TestronautError
        from .llm.summary import write_summary

        try:
            agent = self.session.agent()
        except TestronautError as exc:
            note = f"no written summary: {exc}"
            summary["note"] = note
            return note
        written = write_summary(agent, report, spent=float(report["llm"].get("cost", 0.0)))
        summary["llm"], summary["note"] = written.summary, written.note
        for key in ("calls", "cache_hits", "input_tokens", "output_tokens"):
            report["llm"][key] = int(report["llm"].get(key, 0)) + int(getattr(written, key))
        report["llm"]["cost"] = float(report["llm"].get("cost", 0.0)) + written.cost
        if written.summary is None:
            return written.note if not written.note.startswith("no model") else ""
        return f"written summary in the report: {written.summary['label']!s}"

    def _baseline_regressions(self, keys: Mapping[str, str]) -> list[dict[str, Any]]:
        """The steps slower than the baseline ``--testronaut-baseline-compare`` named
        (the baselines glue compared them earlier in this same hook)."""
        run = self.session.config.pluginmanager.get_plugin("testronaut-baseline-run")
        outcome = getattr(run, "outcome", None)
        if outcome is None:
            return []
        from .baselines.compare import format_value

        return [{"case": keys.get(c.fullname, c.fullname), "metric": c.measure,
                 "check": c.check.text, "baseline": format_value(c.measure, c.before),
                 "actual": format_value(c.measure, c.now), "change": f"{c.percent:+.1f}%"}
                for c in outcome.regressions]

    def _analyzed_specs(self) -> dict[str, CliSpec]:
        """The CLI specs of this run, by tool: ``--testronaut-report-spec`` (what
        ``testronaut analyze --json`` wrote, or a plan's saved spec) and what
        ``--testronaut-tool`` analyzed."""
        from .errors import TestronautError
        from .reports import load_spec

        specs: dict[str, CliSpec] = {}
        given = self.session.settings.report_spec
        if given:
            path = Path(given)
            if not path.is_absolute():
                path = self.session.config.invocation_params.dir / path
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, ValueError) as exc:
                raise TestronautError(f"--testronaut-report-spec {given}: cannot read a CLI "
                                      f"spec ({exc}); give the JSON file `testronaut analyze "
                                      "TOOL --json` writes") from None
            try:
                spec = load_spec(json.loads(text))
            except json.JSONDecodeError as exc:
                raise TestronautError(f"--testronaut-report-spec {given}: not JSON ({exc}); "
                                      "give the file `testronaut analyze TOOL --json` "
                                      "wrote") from None
            except ValueError as exc:
                raise TestronautError(f"--testronaut-report-spec {given}: {exc}") from None
            specs[spec.tool] = spec
        if self.session.tool_spec is not None:
            specs[self.session.tool_spec.tool] = self.session.tool_spec
        return specs


def _saved_plan_specs(plans: Mapping[str, Mapping[str, Any]], specs: Mapping[str, CliSpec],
                      ) -> dict[str, tuple[CliSpec, str]]:
    """For tools whose help this run did not analyze: the spec saved beside a generated
    plan of theirs (``NAME.testronaut.spec.json``, when it matches the plan's
    ``generated_from`` digest), so the report still measures CLI coverage; with a note
    that help drift needs today's help."""
    from .analysis.spec import spec_matches_digest
    from .plans.model import spec_file_for
    from .reports import load_spec

    found: dict[str, tuple[CliSpec, str]] = {}
    for name, ref in sorted(plans.items()):
        tool = str(ref["tool"])
        if tool in specs or tool in found:
            continue
        path = spec_file_for(ref["path"])
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            spec = load_spec(data)
        except (OSError, ValueError):
            continue  # none beside it, or not a spec: origin_specs notes what it finds
        # a spec saved by an older version matches the digest of its JSON as saved
        raw = data.get("spec", data) if isinstance(data, dict) else data
        if not spec_matches_digest(spec, str(ref["digest"]), raw):
            continue
        found[tool] = (spec, (
            f"CLI coverage of {tool} is measured against {path.name} (the help {name} "
            f"was generated from); help drift needs today's help: --testronaut-tool "
            f"{tool}, or --testronaut-report-spec FILE from `testronaut analyze {tool} "
            "--json`"))
    return found


def _is_case_failure(error: BaseException | None) -> bool:
    """Whether ``error`` is the items' ``PlanCaseFailure`` (a sibling layer: known by
    its shape, not imported): the failed checks with their evidence."""
    return (error is not None and isinstance(getattr(error, "failures", None), list)
            and hasattr(error, "location") and hasattr(error, "result"))


def _strongest(tiers: Any) -> str | None:
    known = [t for t in tiers if t in TIERS]
    return max(known, key=TIERS.index) if known else None


def _failure_line(report: pytest.TestReport) -> str:
    """The first line of why a test failed: its crash message (``assert 1 == 2``)."""
    crash = getattr(report.longrepr, "reprcrash", None)
    text = str(getattr(crash, "message", "") or report.longreprtext or "")
    return next((ln.strip() for ln in text.splitlines() if ln.strip()), "")[:500]


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr or "")


def _merge(states: Sequence[Mapping[str, Any]],
           ) -> tuple[list[CaseRecord], dict[str, dict[str, Any]], dict[str, Any]]:
    """Every process's cases, tools and LLM usage, merged."""
    from .llm import Usage
    from .reports import CaseRecord

    cases: dict[str, CaseRecord] = {}
    tools: dict[str, dict[str, Any]] = {}
    usage = Usage()
    for state in states:
        report = state.get("report") or {}
        for nodeid, data in report.get("cases", {}).items():
            cases[nodeid] = CaseRecord.from_dict(data)
        for tool, info in report.get("tools", {}).items():
            tools.setdefault(tool, {}).update(info)
        if state.get("usage"):
            usage.merge(dict(state["usage"]))
    return list(cases.values()), tools, usage.as_dict()


def _run_info(config: pytest.Config, started: float, tools: dict[str, dict[str, Any]],
              usage: dict[str, Any]) -> RunInfo:
    from ._version import version
    from .reports import RunInfo

    worker_count = getattr(config.option, "numprocesses", None)
    return RunInfo(
        run_id=uuid.uuid4().hex[:12], started=started, finished=time.time(),
        testronaut_version=str(version), tools=tools,
        args=[str(a) for a in config.invocation_params.args],
        workers=int(worker_count) if isinstance(worker_count, int) else 0,
        llm=usage)


def register(session: TestronautSession) -> None:
    """Add the reporting plugin to ``session``'s pytest run (once)."""
    manager = session.config.pluginmanager
    if not manager.has_plugin(PLUGIN_NAME):
        manager.register(Reporting(session), PLUGIN_NAME)
