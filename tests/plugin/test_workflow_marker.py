"""``@pytest.mark.testronaut_workflow``: the tests of a class as the steps of one
scenario, driven through pytester as a user runs them."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import docker.errors
import pytest

# A workflow with a setup step starting a server on 127.0.0.1 inside the container, a
# step capturing a value, a step using it through the server, and a teardown step.
SCENARIO = '''
import json, os
import pytest

LOG = {log!r}
pytestmark = pytest.mark.testronaut(timeout=30)


def note(what, container=None):
    with open(LOG, "a") as fh:
        fh.write(json.dumps({{"step": what, "container": container}}) + "\\n")


@pytest.mark.testronaut_workflow("shop")
class TestShop:
    def test_serve(self, testronaut_workflow):
        note("serve")
        testronaut_workflow.env.run("mkdir -p site && echo stock=42 > site/stock.txt").assert_exit(0)
        testronaut_workflow.start_service("cd site && exec python3 -m http.server 8765 --bind 127.0.0.1",
                                          name="web", port=8765)

    def test_fetch(self, testronaut_workflow):
        note("fetch")
        result = testronaut_workflow.run(
            "python3 -c \\"import urllib.request as u; "
            "print(u.urlopen('http://127.0.0.1:8765/stock.txt').read().decode())\\"")
        result.assert_exit(0)
        testronaut_workflow.capture("stock", r"stock=(\\d+)", result)

    def test_use(self, testronaut_workflow):
        note("use")
        testronaut_workflow.run("echo have ${{stock}} > used.txt").assert_exit(0)
        assert testronaut_workflow.env.run("cat used.txt").stdout == "have 42\\n"
        {fail}

    def test_after(self, testronaut_workflow):
        note("after")

    @pytest.mark.testronaut_workflow(teardown=True)
    def test_cleanup(self, testronaut_workflow):
        note("cleanup", testronaut_workflow.env.id)
        assert testronaut_workflow.env.run("kill -0 $(pgrep -f http.server)").ok  # still up

    @pytest.mark.testronaut_workflow(setup=True)
    def test_prepare(self, testronaut_workflow):
        note("prepare")
        testronaut_workflow.set("who", "tester")
'''


def _steps(log: Path) -> list[dict[str, Any]]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines() if line.strip()]


def _write(pytester: pytest.Pytester, fail: str = "") -> Path:
    log = pytester.path / "steps.jsonl"
    pytester.makepyfile(test_shop=SCENARIO.format(log=str(log), fail=fail))
    return log


@pytest.mark.docker
def test_steps_run_in_order_share_values_and_reach_a_service(pytester: pytest.Pytester,
                                                              docker_client: Any) -> None:
    log = _write(pytester)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-v", timeout=180)
    result.assert_outcomes(passed=6)
    # setup first, teardown last, the rest as written
    assert [s["step"] for s in _steps(log)] == ["prepare", "serve", "fetch", "use", "after",
                                                "cleanup"]


@pytest.mark.docker
def test_a_failed_step_skips_the_later_ones_and_the_service_is_stopped(
        pytester: pytest.Pytester, docker_client: Any) -> None:
    log = _write(pytester, fail="assert False, 'the order was lost'")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rs",
                                           "--testronaut-keep", timeout=180)
    try:
        result.assert_outcomes(passed=4, failed=1, skipped=1)
        result.stdout.fnmatch_lines([
            "*the order was lost*",
            "SKIPPED*step test_shop.py::TestShop::test_use (test_shop.py:*) failed*",
        ])
        # the teardown step still ran (and saw the service alive); "after" did not
        assert [s["step"] for s in _steps(log)] == ["prepare", "serve", "fetch", "use",
                                                    "cleanup"]
        [cleanup] = [s for s in _steps(log) if s["step"] == "cleanup"]
        container = docker_client.containers.get(cleanup["container"])  # kept
        processes = container.exec_run(["ps", "-eo", "args"]).output.decode()
        assert "http.server" not in processes, processes
    finally:
        # the steps share one container: remove each kept container once
        for container_id in {s["container"] for s in _steps(log) if s.get("container")}:
            with contextlib.suppress(docker.errors.NotFound):
                docker_client.containers.get(container_id).remove(force=True, v=True)


@pytest.mark.docker
def test_picking_a_later_step_runs_the_steps_it_needs_first(pytester: pytest.Pytester,
                                                            docker_client: Any) -> None:
    log = _write(pytester)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-k", "use", timeout=180)
    result.assert_outcomes(passed=5)
    result.stdout.fnmatch_lines(["*workflow 'shop': also running test_prepare, test_serve, "
                                 "test_fetch, test_cleanup, which test_use needs*"])
    # the teardown step comes along to end what the setup began; test_after does not
    assert [s["step"] for s in _steps(log)] == ["prepare", "serve", "fetch", "use", "cleanup"]


def test_a_step_picked_alone_by_node_id_says_why_it_cannot_run(
        pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_flow='''
import pytest

@pytest.mark.testronaut_workflow("flow")
class TestFlow:
    def test_one(self):
        pass

    def test_two(self):
        pass
''')
    result = pytester.runpytest("-rs", "test_flow.py::TestFlow::test_two")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*step test_two of workflow 'flow' needs test_one to run "
                                 "first*select the whole workflow, or pick steps with -k/-m*"])


def test_markers_in_the_wrong_place_are_clear_errors(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_bad='''
import pytest

@pytest.mark.testronaut_workflow(teardown=True)
def test_alone():
    pass
''')
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*test_bad.py::test_alone: @pytest.mark.testronaut_workflow "
                                 "on a test makes it a workflow step, but neither its class "
                                 "nor its module is a workflow*"])


XDIST = '''
import json, os
import pytest

LOG = {log!r}


def note(request):
    with open(LOG, "a") as fh:
        fh.write(json.dumps({{"test": request.node.nodeid, "pid": os.getpid()}}) + "\\n")

{classes}

{plain}
'''


@pytest.mark.parametrize("dist", [(), ("--dist", "load")], ids=["plain", "load"])
def test_xdist_keeps_each_workflow_on_one_worker(pytester: pytest.Pytester,
                                                 dist: tuple[str, ...]) -> None:
    log = pytester.path / "ran.jsonl"
    classes = "\n".join(
        f'@pytest.mark.testronaut_workflow("w{w}")\nclass TestW{w}:\n' + "".join(
            f"    def test_{s}(self, request):\n        note(request)\n" for s in range(4))
        for w in range(3))
    plain = "\n".join(f"def test_plain{n}(request):\n    note(request)\n" for n in range(8))
    pytester.makepyfile(test_mixed=XDIST.format(log=str(log), classes=classes, plain=plain))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-n", "2", *dist,
                                           timeout=120)
    result.assert_outcomes(passed=20)
    ran = [json.loads(line) for line in log.read_text().splitlines()]
    for w in range(3):
        steps = [r for r in ran if f"TestW{w}::" in r["test"]]
        assert len({r["pid"] for r in steps}) == 1, steps  # one worker per workflow
        assert [r["test"].rsplit("_", 1)[-1] for r in steps] == ["0", "1", "2", "3"]
    assert len({r["pid"] for r in ran}) == 2  # and the work was still spread


def test_m_picking_a_step_brings_back_the_ones_before_it(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nmarkers =\n    smoke: a smoke test\n")
    pytester.makepyfile(test_flow='''
import pytest

RAN = []

@pytest.mark.testronaut_workflow("flow")
class TestFlow:
    def test_one(self):
        RAN.append("one")

    @pytest.mark.smoke
    def test_two(self):
        RAN.append("two")
        assert RAN == ["one", "two"]

    def test_three(self):
        RAN.append("three")


def test_elsewhere():
    pass
''')
    result = pytester.runpytest("-m", "smoke", "-v")
    result.assert_outcomes(passed=2, deselected=2)
    result.stdout.fnmatch_lines(["*workflow 'flow': also running test_one, which test_two needs*",
                                 "*test_flow.py::TestFlow::test_one PASSED*",
                                 "*test_flow.py::TestFlow::test_two PASSED*"])
