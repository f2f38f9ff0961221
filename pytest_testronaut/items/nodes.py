"""Plan files as pytest items: one item per case, one per workflow step.

The plugin's ``pytest_collect_file`` makes a :class:`PlanFile` of each plan file. Tags
become markers, so ``-m security`` and ``-k reverse`` select cases as they select
tests. A failure is a :class:`~.failure.PlanCaseFailure`, reported as plain text
naming the case, the command, expected versus actual, the verdict and ``file:line``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ..errors import TestronautError
from ..plans.errors import PlanError
from ..plans.loader import LoadedPlan, parse_plan_text
from ..plans.model import Case, Runnable, Step, Workflow
from ..plans.record import Recording, is_protected, recording_of
from ..plans.yaml_reading import read_plan_text
from ..workflows import StepInfo, WorkflowRun
from .failure import PlanCaseFailure

# Text a generator guessed (``usage``, ``invalid``) that the recording replaces where the
# tool prints otherwise; the exit status and forbidden text still have to hold.
GUESSED_TEXT_CHECKS = (" regex", " contains")

# .execute is imported where used: running and checking pull in verification, which
# collecting a plan does not need (and a big plan's collection should not wait on).
if TYPE_CHECKING:
    from ..sandbox import RunResult, Sandbox, SandboxConfig
    from ..session import TestronautSession
    from ..settings import Settings
    from .execute import CheckFailure


# --- collection -----------------------------------------------------------------------
class DisabledPlanFile(pytest.File):
    """A plan file named on the command line of a run without ``--testronaut``."""

    def collect(self) -> Iterator[pytest.Item | pytest.Collector]:
        raise self.CollectError(
            f"{self.path.name} is a testronaut plan, and testronaut is off in this run: "
            "add --testronaut (or `testronaut = true` in the ini file, or TESTRONAUT=1)")


class PlanFile(pytest.File):
    """A ``*.testronaut.yaml`` file; invalid plans are collection errors with file:line."""

    loaded: LoadedPlan

    def collect(self) -> Iterator[pytest.Item | pytest.Collector]:
        try:
            # Messages name the file as the user sees it (relative to the rootdir).
            text = read_plan_text(self.path)  # bounded: plans are at most 16 MiB
            self.loaded = parse_plan_text(text, self.location(None))
            self.loaded.path = self.path
        except (OSError, UnicodeDecodeError) as exc:
            raise self.CollectError(f"cannot read testronaut plan {self.path}: {exc}") from None
        except PlanError as exc:
            raise self.CollectError(f"invalid testronaut plan:\n{exc}") from None
        plan = self.loaded.plan
        registered = {line.split(":")[0].split("(")[0].strip()
                      for line in self.config.getini("markers")}
        for case in plan.cases:
            item = CaseItem.from_parent(self, name=case.id, case=case)
            _add_tags(item, case.tags, registered)
            yield item
        for index, workflow in enumerate(plan.workflows):
            node = WorkflowNode.from_parent(self, name=workflow.id, workflow=workflow,
                                            index=index)
            _add_tags(node, workflow.tags, registered)
            yield node

    # --- shared by the items -----------------------------------------------------------
    @property
    def testronaut(self) -> TestronautSession:
        from ..session import TestronautSession

        return TestronautSession.of(self.config)

    def sandbox_config(self) -> SandboxConfig:
        """The plan's sandbox: the command line beats the plan, which beats ini,
        environment and default (the session's one order)."""
        plan = self.loaded.plan
        try:
            return self.testronaut.sandbox_config({
                "image": plan.image,
                "install": tuple(plan.install) or None,
                "env": plan.env or None,
                "timeout": plan.settings.timeout,
                "isolation": plan.settings.isolation,
                "disk": plan.settings.disk,
            }, base_dir=self.path.parent)
        except TestronautError as exc:
            where = {"timeout": ("settings", "timeout"), "isolation": ("settings", "isolation"),
                     "disk": ("settings", "disk")}
            field = next((k for k in ("image", "install", "env", "timeout", "isolation", "disk")
                          if f"{k}:" in str(exc)), "image")
            line = self.loaded.line_of(*where.get(field, (field,)))
            pytest.fail(f"{self.location(line)}: {exc}", pytrace=False)

    def isolation(self) -> str:
        """The isolation of the plan's sandbox (the session's order: command line, the
        plan, ini, environment, default); ``module`` when its settings are invalid (its
        cases report that when they run)."""
        cached: str | None = getattr(self, "_isolation", None)
        if cached is None:
            try:
                cached = self.sandbox_config().isolation
            except pytest.fail.Exception:
                cached = "module"
            self._isolation = cached
        return cached

    def refuse_host_builds(self, asking: str) -> None:
        """Fail when the plan's own install steps would run pip on the host (a host
        build) and the user has not allowed that (``allow_host_builds``). The first
        case ``asking`` says why and how to allow it; the plan's other cases point to it
        (one reason, not the same paragraph once per case)."""
        plan, settings = self.loaded.plan, self.testronaut.settings
        if plan.install and "install" not in settings.from_cli and not settings.allow_host_builds:
            from ..sandbox.install import host_build_refusal

            refusal = host_build_refusal(plan.install)
            if refusal:
                where = self.location(self.loaded.line_of("install"))
                first: str | None = getattr(self, "_refused_first", None)
                if first is None or first == asking:
                    self._refused_first = asking
                    pytest.fail(f"{where}: {refusal}", pytrace=False)
                pytest.fail(f"{where}: install: a host build, not allowed: see case {first!r} "
                            "for why and how to allow it", pytrace=False)

    def location(self, line: int | None) -> str:
        """``file:line`` as the user would type it (relative to the rootdir)."""
        try:
            shown = str(self.path.relative_to(self.config.rootpath))
        except ValueError:
            shown = str(self.path)
        return f"{shown}:{line}" if line else shown


def _add_tags(node: pytest.Item | pytest.Collector, tags: list[str],
              registered: set[str]) -> None:
    """Mark ``node`` with ``tags``, registering each marker not in ``registered`` (the
    file's set, read once: reading the ini per case would make collection quadratic)."""
    for tag in tags:
        if tag not in registered:
            # Registering keeps --strict-markers happy and lists the tag in --markers.
            node.config.addinivalue_line("markers", f"{tag}: testronaut plan tag")
            registered.add(tag)
        node.add_marker(tag)


class _PlanItem(pytest.Item):
    """What case and step items share: settings, sandbox, judge, failure reporting."""

    plan_file: PlanFile
    line: int | None

    @property
    def testronaut(self) -> TestronautSession:
        return self.plan_file.testronaut

    @property
    def settings(self) -> Settings:
        return self.testronaut.settings

    def open_sandbox(self, scope_key: str) -> Sandbox:
        self.plan_file.refuse_host_builds(self.name)
        try:
            return self.testronaut.sandbox(self.plan_file.sandbox_config(), scope_key, self)
        except TestronautError as exc:
            pytest.fail(f"{self.plan_file.location(self.line)}: {exc}", pytrace=False)

    def run(self, sandbox: Sandbox, runnable: Runnable, *, note: bool = True) -> RunResult:
        """Run ``runnable`` with its timeout, unless the command line set one."""
        from .execute import run_runnable

        timeout = self.testronaut.command_timeout(runnable.timeout)
        if timeout != runnable.timeout:
            runnable = runnable.model_copy(update={"timeout": timeout})
        track = runnable.track_files  # the files it changes, for the reports
        if track is None:
            track = self.plan_file.loaded.plan.settings.track_files
        result = run_runnable(sandbox, runnable, timeout=None, track_files=track if note else False)
        if note:
            self.testronaut.note_run(self.nodeid, result)  # evidence for the reports
        return result

    def more_runs(self, runnable: Runnable) -> list[RunResult]:
        """The other runs of a case being recorded (``--testronaut-record-runs``), each
        in a fresh sandbox of its own: what one run leaves behind cannot change the
        next."""
        results = []
        for number in range(2, self.settings.recording_runs + 1):
            scope = f"{self.nodeid}::record-run-{number}"
            try:
                results.append(self.run(self.open_sandbox(scope), runnable, note=False))
            finally:
                self.testronaut.release(scope)
        return results

    def execute(self, runnable: Runnable, sandbox: Sandbox, label: str,
                recording: Recording | None, line: int | None = None) -> RunResult:
        """Run ``runnable``; check it, or record it. Raises :class:`PlanCaseFailure`."""
        from .execute import NO_EXPECTATION, CheckFailure, check

        plan = self.plan_file.loaded.plan
        result = self.run(sandbox, runnable)
        where = self.plan_file.location(line or self.line)
        command = result.command_line
        if recording is not None:
            # Generated checks (an error case expects failure) still hold while recording;
            # a guessed text pattern the run contradicts is replaced by the recording.
            failures = [f for f in check(runnable, result, plan)
                        if not f.check.endswith(GUESSED_TEXT_CHECKS)
                        ] if runnable.origin == "generated" else []
            if result.timed_out:
                failures.append(CheckFailure("timeout", "the command finishes",
                                             f"stopped after {result.duration:.1f}s"))
            if failures:
                raise PlanCaseFailure(label, where, command=command, result=result,
                                      failures=failures, message=(
                                          "not recorded: the generated expectation does not "
                                          "hold; fix the tool, or edit the case and set "
                                          "reviewed: true"))
            # The other runs teach which spans are dynamic (holes), for this case only.
            more = self.more_runs(runnable)
            late = next((n for n, r in enumerate(more, start=2) if r.timed_out), None)
            if late is not None:
                raise PlanCaseFailure(label, where, command=command, result=more[late - 2],
                                      message=f"not recorded: run {late} of "
                                              f"{len(more) + 1} timed out")
            self.testronaut.record(recording_of(recording, [result, *more]))
            return result
        if not runnable.has_expectation():
            raise PlanCaseFailure(label, where, command=command, result=result,
                                  message=NO_EXPECTATION)
        judge = self.testronaut.agent if _needs_judge(runnable) else None
        failures = check(runnable, result, plan, judge=judge, extra_rules=self.testronaut.rules())
        if failures:
            self._handle(failures, label, where, command, result)
        return result

    def _handle(self, failures: list[CheckFailure], label: str, where: str, command: str,
                result: RunResult) -> None:
        error = PlanCaseFailure(label, where, command=command, result=result, failures=failures)
        if all(f.inconclusive for f in failures) and self.testronaut.settle_inconclusive(
                f"inconclusive: {error.render()}", at_item=True):
            return
        raise error

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        if isinstance(excinfo.value, PlanCaseFailure):
            return excinfo.value.render()
        if isinstance(excinfo.value, TestronautError):
            return f"{self.plan_file.location(self.line)}: {excinfo.value}"
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[Path, int, str]:
        # pytest counts lines from 0; a skip reported at the item's location (-rs) needs
        # one, so an item without a known line points at the plan's first
        line = self.line - 1 if self.line else 0
        return self.path, line, f"plan: {self.name}"


def _needs_judge(runnable: Runnable) -> bool:
    streams = [s for s in (runnable.stdout, runnable.stderr) if s is not None]
    return bool(runnable.expect) or any(s.expect for s in streams)


class CaseItem(_PlanItem):
    """One plan case."""

    def __init__(self, *, case: Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        assert isinstance(self.parent, PlanFile)
        self.plan_file = self.parent
        self.line = self.plan_file.loaded.case_line(case.id)

    @property
    def independent_case(self) -> bool:
        """Whether this case has a sandbox of its own (``isolation: test``), so xdist
        may run it on any worker (``workflow_scheduling``). Cases that share the plan's
        sandbox run in file order on one worker: state carries from case to case."""
        return self.plan_file.isolation() == "test"

    def _scope_key(self) -> str:
        return self.testronaut.scope_key(self.plan_file.sandbox_config().isolation,
                                      shared=str(self.plan_file.path), own=self.nodeid)

    def runtest(self) -> None:
        sandbox = self.open_sandbox(self._scope_key())
        recording = None
        if self.settings.record and not is_protected(self.case):
            recording = Recording(str(self.plan_file.path), self.case.id, None, 0, "", "")
        self.execute(self.case, sandbox, f"case {self.case.id!r}", recording)

    def teardown(self) -> None:
        if self.plan_file.sandbox_config().isolation == "test":
            self.testronaut.release(self.nodeid)


class WorkflowNode(pytest.Collector):
    """A workflow: its steps run in order in one sandbox of their own, on the engine
    marker workflows share (:class:`~pytest_testronaut.workflows.WorkflowRun`)."""

    def __init__(self, *, workflow: Workflow, index: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.workflow = workflow
        self.index = index
        self.done = 0  # steps run so far
        assert isinstance(self.parent, PlanFile)
        self.plan_file = self.parent
        self.run = self.new_run()
        # Record mode's other runs of the steps: run k's captured variables, by k; each
        # run has a sandbox of its own where every step runs in order (see StepItem).
        self.lanes: dict[int, dict[str, str]] = {}

    def lane_scope(self, number: int) -> str:
        return f"{self.nodeid}::record-run-{number}"

    def release_lanes(self, testronaut: TestronautSession) -> None:
        for number in list(self.lanes):
            testronaut.release(self.lane_scope(number))
        self.lanes.clear()

    def new_run(self) -> WorkflowRun:
        loaded = self.plan_file.loaded
        return WorkflowRun(self.workflow.id, [
            StepInfo(str(step.id), "step",
                     self.plan_file.location(loaded.step_line(self.workflow.id, number)))
            for number, step in enumerate(self.workflow.steps)])

    @property
    def variables(self) -> dict[str, str]:
        return self.run.variables

    def collect(self) -> Iterator[pytest.Item]:
        registered = {line.split(":")[0].split("(")[0].strip()
                      for line in self.config.getini("markers")}
        for number, step in enumerate(self.workflow.steps):
            assert step.id is not None
            item = StepItem.from_parent(self, name=step.id, step=step, number=number)
            _add_tags(item, step.tags, registered)
            yield item


class StepItem(_PlanItem):
    """One workflow step; earlier steps run first even when deselected."""

    def __init__(self, *, step: Step, number: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.step = step
        self.number = number
        assert isinstance(self.parent, WorkflowNode)
        self.workflow_node = self.parent
        self.plan_file = self.parent.plan_file
        self.line = self.plan_file.loaded.step_line(self.parent.workflow.id, number)

    def runtest(self) -> None:
        node = self.workflow_node
        if node.run.failed is not None and node.run.failed.name == str(self.step.id):
            # pytest-rerunfailures runs this failed step again: the workflow starts over
            # in a fresh sandbox (teardown released the old one), earlier steps first.
            node.run, node.done = node.new_run(), 0
        reason = node.run.blocked(str(self.step.id))
        if reason is not None:
            # reported (-rs) at the step's file:line in the plan, not at this line
            raise pytest.skip.Exception(reason, _use_item_location=True)
        sandbox = self.open_sandbox(node.nodeid)
        steps = node.workflow.steps
        # Earlier steps a -k/-m selection left out run first: this one needs them.
        while node.done <= self.number:
            index = node.done
            step = steps[index]
            label = f"workflow {node.workflow.id!r} step {step.id!r}"
            node.run.started(str(step.id))
            try:
                self._run_step(step, index, sandbox, label)
            except BaseException as exc:
                if not isinstance(exc, pytest.skip.Exception):
                    node.run.failure(str(step.id))
                raise
            finally:
                node.done = index + 1

    def more_runs(self, runnable: Runnable) -> list[RunResult]:
        """The other runs of a step being recorded: run ``k`` in its own sandbox, after
        the earlier steps ran there with the values run ``k`` captured."""
        return self._lane_runs(self._lane_step)

    def _lane_runs(self, step: Step) -> list[RunResult]:
        from .execute import captured, resolved

        self._lanes_ran = True
        node = self.workflow_node
        results = []
        for number in range(2, self.settings.recording_runs + 1):
            variables = node.lanes.setdefault(number, {})
            runnable = resolved(step, variables)
            assert isinstance(runnable, Step)
            result = self.run(self.open_sandbox(node.lane_scope(number)), runnable, note=False)
            variables.update(captured(runnable, result)[0])
            results.append(result)
        return results

    def _records_some_step(self) -> bool:
        workflow = self.workflow_node.workflow
        return any(not is_protected(s, parent_reviewed=workflow.reviewed)
                   for s in workflow.steps)

    def _run_step(self, step: Step, index: int, sandbox: Sandbox, label: str) -> None:
        from .execute import captured, resolved

        node = self.workflow_node
        line = self.plan_file.loaded.step_line(node.workflow.id, index)
        runnable = resolved(step, node.variables)
        self._lane_step, self._lanes_ran = step, False
        assert isinstance(runnable, Step)
        recording = None
        if self.settings.record and not is_protected(step,
                                                     parent_reviewed=node.workflow.reviewed):
            recording = Recording(str(self.plan_file.path), node.workflow.id, index, 0, "", "")
        if index != self.number and recording is None and not step.has_expectation():
            # An earlier, deselected step only prepares this one: run it, capture, go on.
            result = self.run(sandbox, runnable)
        else:
            result = self.execute(runnable, sandbox, label, recording, line)
        if not self._lanes_ran and self.settings.record and self.settings.recording_runs > 1 \
                and self._records_some_step():
            self._lane_runs(step)  # a step that is not recorded still sets up the next
        values, failures = captured(runnable, result)
        if failures:
            raise PlanCaseFailure(label, self.plan_file.location(line),
                                  command=result.command_line, result=result, failures=failures)
        node.run.capture(values)

    def teardown(self) -> None:
        node = self.workflow_node
        if node.run.failed is not None or self.number == len(node.workflow.steps) - 1:
            node.run.finish()
            self.testronaut.release(node.nodeid)
            node.release_lanes(self.testronaut)
