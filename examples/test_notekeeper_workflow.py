"""notekeeper as one end-to-end scenario, and baselines for its slowest steps.

``TestNoteLifecycle`` is a workflow (``@pytest.mark.testronaut_workflow``): its tests are
steps run in order in one shared sandbox, so the note store one step fills is the one
the next step reads. The setup step runs first, the teardown step last (even after a
failure); a failed step skips the later ones ("step X failed"); the id the ``add``
step prints is captured and used by later steps as ``${milk}``. ``pytest -k stats``
runs the steps ``stats`` needs first.

The ``test_baseline_*`` tests hand notekeeper's slowest commands (a bulk import, stats
and a JSON listing over 2000 notes) to pytest-benchmark through
``testronaut_benchmark``: ``--benchmark-autosave`` stores them, and
``--benchmark-compare --benchmark-compare-fail=median:20%`` checks a later build
against them, with CPU time and peak memory measured in the container in each
benchmark's ``extra_info``. Without writing benchmark code,
``--testronaut-baseline-save`` / ``--testronaut-baseline-compare`` do the same for
every test here.
"""

from __future__ import annotations

import json
import os

import pytest

from pytest_testronaut.baselining import ContainerBenchmark
from pytest_testronaut.sandbox import Sandbox
from pytest_testronaut.workflow_steps import WorkflowContext

SOURCE = os.environ.get("NOTEKEEPER_SRC", "./notekeeper")
pytestmark = pytest.mark.testronaut(install=f"pip:{SOURCE}", timeout=60)

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
BULK = 2000
# An export file of BULK notes, written inside the sandbox.
MAKE_BULK = (
    "python3 -c \"import json, uuid; json.dump([{'id': str(uuid.uuid4()), 'text': 'note %d' % i,"
    " 'tags': ['t%d' % (i % 7)], 'priority': 'normal', 'done': False,"
    " 'created': '2024-01-01T00:00:00+00:00'} for i in range(" + str(BULK) + ")],"
    " open('bulk.json', 'w'))\""
)


@pytest.mark.testronaut_workflow("note lifecycle")
class TestNoteLifecycle:
    """Steps of one user's session with notekeeper."""

    @pytest.mark.testronaut_workflow(setup=True)
    def test_start_with_an_empty_store(self, testronaut_workflow: WorkflowContext) -> None:
        testronaut_workflow.run("rm -f notes.json").assert_exit(0)
        listing = testronaut_workflow.run("notekeeper --db notes.json list").assert_exit(0)
        assert listing.stdout.strip() in ("", "no notes")

    def test_add(self, testronaut_workflow: WorkflowContext) -> None:
        result = testronaut_workflow.run(
            ["notekeeper", "--db", "notes.json", "add", "buy milk", "--tag", "home"])
        result.assert_exit(0)
        testronaut_workflow.capture("milk", rf"^id: ({UUID})$", result)

    def test_show(self, testronaut_workflow: WorkflowContext) -> None:
        shown = testronaut_workflow.run("notekeeper --db notes.json show ${milk} --json")
        shown.assert_exit(0).assert_json(id=testronaut_workflow.values["milk"],
                                         text="buy milk", done=False)

    def test_done(self, testronaut_workflow: WorkflowContext) -> None:
        testronaut_workflow.run("notekeeper --db notes.json done ${milk}").assert_exit(0)
        shown = testronaut_workflow.run("notekeeper --db notes.json show ${milk} --json")
        shown.assert_exit(0).assert_json(done=True)

    def test_bulk_import(self, testronaut_workflow: WorkflowContext) -> None:
        testronaut_workflow.run(MAKE_BULK).assert_exit(0)
        imported = testronaut_workflow.run("notekeeper --db notes.json import bulk.json")
        imported.assert_exit(0).assert_contains(f"imported {BULK} notes")

    def test_stats(self, testronaut_workflow: WorkflowContext) -> None:
        stats = testronaut_workflow.run("notekeeper --db notes.json stats --json")
        stats.assert_exit(0).assert_json(total=BULK + 1, done=1)

    def test_export_round_trip(self, testronaut_workflow: WorkflowContext) -> None:
        testronaut_workflow.run("notekeeper --db notes.json export out.json").assert_exit(0)
        exported = json.loads(testronaut_workflow.env.get_file("out.json"))
        assert len(exported) == BULK + 1
        assert any(n["id"] == testronaut_workflow.values["milk"] for n in exported)

    @pytest.mark.testronaut_workflow(teardown=True)
    def test_clean_up(self, testronaut_workflow: WorkflowContext) -> None:
        testronaut_workflow.run("rm -f notes.json bulk.json out.json").assert_exit(0)


# --- baselines of the slowest steps, through pytest-benchmark ------------------------------
@pytest.fixture
def big_store(testronaut_env: Sandbox) -> str:
    testronaut_env.run(MAKE_BULK).assert_exit(0)
    testronaut_env.run("rm -f big.json && notekeeper --db big.json import bulk.json").assert_exit(0)
    return "big.json"


benchmarked = pytest.mark.filterwarnings(
    "ignore::pytest_benchmark.logger.PytestBenchmarkWarning")  # disabled under xdist


@benchmarked
def test_baseline_import(testronaut_env: Sandbox, testronaut_benchmark: ContainerBenchmark) -> None:
    testronaut_env.run(MAKE_BULK).assert_exit(0)
    result = testronaut_benchmark(testronaut_env, "rm -f fresh.json && "
                                  "notekeeper --db fresh.json import bulk.json", rounds=3)
    result.assert_exit(0).assert_contains(f"imported {BULK} notes")


@benchmarked
def test_baseline_stats(testronaut_env: Sandbox, testronaut_benchmark: ContainerBenchmark,
                        big_store: str) -> None:
    result = testronaut_benchmark(testronaut_env, f"notekeeper --db {big_store} stats --json",
                                  rounds=3)
    result.assert_exit(0).assert_json(total=BULK)


@benchmarked
def test_baseline_list_json(testronaut_env: Sandbox, testronaut_benchmark: ContainerBenchmark,
                        big_store: str) -> None:
    result = testronaut_benchmark(testronaut_env, f"notekeeper --db {big_store} list --format json",
                                  rounds=3)
    assert len(result.assert_exit(0).json()) == BULK
