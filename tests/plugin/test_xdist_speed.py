"""What keeps ``-n 2`` fast: no process builds the LLM agent for tests that need no
judge, a test that makes one still gets its calls labelled, and the xdist controller
imports what the end of the run needs while its workers run."""

from __future__ import annotations

import pytest

LOADED = '''
import sys

import pytest


def _loaded(what):
    names = ("pytest_testronaut.llm.agent", "pytest_testronaut.reports")
    print(what, *(f"{n}={n in sys.modules}" for n in names))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    # the worker id from xdist itself: PYTEST_XDIST_WORKER is inherited by a child
    # pytest that an xdist worker of the outer suite starts
    worker = getattr(session.config, "workerinput", {}).get("workerid", "main")
    _loaded(f"sessionfinish[{worker}]")


@pytest.hookimpl(trylast=True, optionalhook=True)
def pytest_testnodedown(node, error):
    _loaded("nodedown")
'''


def test_no_agent_is_built_for_tests_that_judge_nothing(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(LOADED)
    pytester.makepyfile(test_plain="def test_one():\n    pass\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut", "-s")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*sessionfinish[[]main[]] pytest_testronaut.llm.agent=False *"])


def test_an_agent_made_during_a_test_labels_its_calls(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_labels="""
from pytest_testronaut.llm.usage import Usage


def test_asks_for_it_midway(request):
    assert Usage.current_label() != request.node.nodeid
    request.getfixturevalue("testronaut_agent")
    assert Usage.current_label() == request.node.nodeid


def test_has_it_already(request, testronaut_agent):
    assert Usage.current_label() == request.node.nodeid

""")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut")
    result.assert_outcomes(passed=2)


def test_the_controller_imports_the_end_of_the_run_early(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(LOADED)
    pytester.makepyfile(test_plain="def test_one():\n    pass\n\n\ndef test_two():\n    pass\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut", "-n", "2",
                                           "-s", timeout=300)
    result.assert_outcomes(passed=2)
    # Before the first worker's end is handled, the reports are imported.
    result.stdout.fnmatch_lines(["*nodedown * pytest_testronaut.reports=True*"])


WAIT_FOR_THE_POOL = '''
import pytest

from pytest_testronaut.session import TestronautSession


def _pool(config):
    manager = TestronautSession.of(config).manager
    return manager._pool  # None: nothing warmed it


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    pool = _pool(item.config)
    if pool is not None:  # the warm-up's containers, started before any test asked
        assert pool.wait_idle(120)
    print("READY", item.name, 0 if pool is None else pool.ready)


def pytest_runtest_teardown(item):
    pool = _pool(item.config)
    print("TAKEN", item.name, pool.hits, pool.misses)
'''


@pytest.mark.docker
def test_the_pool_is_warm_before_the_first_test(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(WAIT_FOR_THE_POOL)
    pytester.makefile(".testronaut.yaml", fresh="version: 1\ntool: sh\nsettings:\n"
                      "  isolation: test\ncases:\n  - id: one\n    command: 'true'\n"
                      "    exit: 0\n")
    pytester.makepyfile(test_env="""
import pytest


@pytest.mark.testronaut(isolation="test", env={"WHO": "test"})
def test_own(testronaut_env):
    testronaut_env.run("true").assert_exit(0)
""")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut", "-s",
                                           timeout=300)
    result.assert_outcomes(passed=2)
    # Two configurations warmed at collection (one container each, of a pool of 2), and
    # each test's container came from there: no test started its own.
    result.stdout.fnmatch_lines(["*READY one 2*", "*TAKEN one 1 0*",
                                 "*READY test_own *", "*TAKEN test_own 2 0*"])


CREATED = '''
import os

import pytest

from pytest_testronaut.session import TestronautSession


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    manager = TestronautSession.of(session.config)._manager
    created = 0 if manager is None else manager.created
    who = getattr(session.config, "workerinput", {}).get("workerid", "main")
    print("CREATED", who, created)  # a worker's print does not reach the terminal
    (session.config.rootpath / f"created-{who}.txt").write_text(str(created))
'''

ONE_OWN = """
import pytest


@pytest.mark.testronaut(isolation="test")
def test_own(testronaut_env):
    testronaut_env.run("true").assert_exit(0)
"""


@pytest.mark.docker
def test_the_pool_starts_no_more_containers_than_the_tests_take(
        pytester: pytest.Pytester) -> None:
    # One isolation="test" test: one container, warmed ahead, not a pool of 2 and a
    # refill after the test took one.
    pytester.makeconftest(CREATED)
    pytester.makepyfile(test_env=ONE_OWN)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut", "-s",
                                           timeout=300)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*CREATED main 1*", "*sandboxes started: 1*"])


@pytest.mark.docker
def test_an_xdist_worker_warms_only_for_the_tests_it_runs(pytester: pytest.Pytester) -> None:
    # Each worker collects both files but runs one (loadfile): the worker that runs the
    # plain test starts no container; the other starts the one its test takes, warmed
    # from its queue (a test that arrives later in the queue finds it started).
    pytester.makeconftest(CREATED)
    pytester.makepyfile(test_env="def test_first():\n    pass\n" + ONE_OWN,
                        test_plain="import time\n\n\ndef test_plain():\n    time.sleep(3)\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut", "-n", "2",
                                           "-s", "-v", timeout=300)
    result.assert_outcomes(passed=3)
    created = sorted((pytester.path / f"created-gw{n}.txt").read_text() for n in (0, 1))
    assert created == ["0", "1"], result.stdout.str()
    result.stdout.fnmatch_lines(["*sandboxes started: 1*"])
