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
    import os

    _loaded(f"sessionfinish[{os.environ.get('PYTEST_XDIST_WORKER', 'main')}]")


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
