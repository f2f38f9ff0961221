"""What a hand-written workflow says when a step goes wrong: a value no step captured,
and where a skipped later step is reported (pytester runs, real engine)."""

from __future__ import annotations

from typing import Any

import pytest

SUITE = '''
import pytest

pytestmark = pytest.mark.testronaut(timeout=20)


@pytest.mark.testronaut_workflow("release")
class TestRelease:
    def test_tag(self, testronaut_workflow):
        result = testronaut_workflow.run("echo tagged v1.2").assert_exit(0)
        testronaut_workflow.capture("tag", r"tagged (v[0-9.]+)", result)

    def test_publish(self, testronaut_workflow):
        testronaut_workflow.run("echo publish ${tga}").assert_exit(0)

    def test_announce(self, testronaut_workflow):
        testronaut_workflow.run("echo announce ${tag}").assert_exit(0)
'''


@pytest.mark.docker
def test_an_unknown_value_and_the_skipped_step_point_at_the_users_code(
        pytester: pytest.Pytester, docker_client: Any) -> None:
    pytester.makepyfile(test_release=SUITE)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:xdist", "-rs",
                                           timeout=180)
    result.assert_outcomes(passed=1, failed=1, skipped=1)
    out = result.stdout.str()
    # Read as written, not quoted as a dict key, and with the way out.
    result.stdout.fnmatch_lines([
        "E  *UnknownValueError: workflow 'release': no captured value named tga (captured "
        "so far: tag); capture it in an earlier step, or write $${ for a literal ${",
        # -rs names the skipped step's own line, not a line of the plugin.
        "SKIPPED [1] test_release.py:15: step test_release.py::TestRelease::test_publish "
        "(test_release.py:12) failed",
    ])
    assert 'KeyError: "workflow' not in out and "workflow_steps.py" not in out.split(
        "short test summary info")[1]
