"""Which tests share a container: module (default), test or session isolation, chosen
by option, ini key or marker; and when containers go away."""

from __future__ import annotations

import pytest

from .conftest import Inner, write_modules

pytestmark = pytest.mark.docker


def test_module_isolation_is_the_default(inner: Inner) -> None:
    write_modules(inner.pytester, ["a", "b"])
    inner.run().assert_outcomes(passed=4)
    ids = inner.by_test()
    assert ids["test_a1"] == ids["test_a2"]
    assert ids["test_b1"] == ids["test_b2"]
    assert ids["test_a1"] != ids["test_b1"]
    # module a's container was gone before module b began
    first_of_b = next(r for r in inner.records() if r.test.endswith("test_b1"))
    assert ids["test_a1"] not in first_of_b.alive


def test_test_isolation_from_the_command_line(inner: Inner) -> None:
    write_modules(inner.pytester, ["a", "b"])
    # without the warm pool (test_pool.py: its removals happen in the background)
    inner.run("--testronaut-isolation=test", "--testronaut-pool-size=0").assert_outcomes(
        passed=4)
    ids = inner.by_test()
    assert len(set(ids.values())) == 4
    # each test's container is removed when the test ends
    for record in inner.records():
        assert record.alive == []


def test_session_isolation_from_the_ini_file(inner: Inner) -> None:
    inner.pytester.makeini("[pytest]\ntestronaut_isolation = session\n")
    write_modules(inner.pytester, ["a", "b", "c"], tests=1)
    inner.run().assert_outcomes(passed=3)
    ids = inner.by_test()
    assert len(set(ids.values())) == 1
    last = inner.records()[-1]
    assert ids["test_a1"] in last.alive


def test_marker_isolation_beats_the_ini_file(inner: Inner) -> None:
    inner.pytester.makeini("[pytest]\ntestronaut_isolation = session\n")
    write_modules(inner.pytester, ["a"])
    write_modules(inner.pytester, ["b"],
                  header="import pytest\npytestmark = pytest.mark.testronaut(isolation='test')\n")
    inner.run().assert_outcomes(passed=4)
    ids = inner.by_test()
    assert ids["test_a1"] == ids["test_a2"]
    assert len({ids["test_a1"], ids["test_b1"], ids["test_b2"]}) == 3


def test_the_command_line_beats_the_marker(inner: Inner) -> None:
    write_modules(inner.pytester, ["a"])
    write_modules(inner.pytester, ["b"],
                  header="import pytest\npytestmark = pytest.mark.testronaut(isolation='test')\n")
    inner.run("--testronaut-isolation=session").assert_outcomes(passed=4)
    ids = inner.by_test()
    assert len({ids["test_a1"], ids["test_a2"], ids["test_b1"], ids["test_b2"]}) == 1


def test_factory_gives_extra_sandboxes(inner: Inner) -> None:
    inner.pytester.makepyfile(test_factory="""
        def test_two(used, testronaut_sandbox_factory):
            other = testronaut_sandbox_factory(env={"WHO": "second"}, user="tester")
            assert other.id != used.id
            assert other.run('printf %s "$WHO"; id -u').stdout == "second1000\\n"
            used.put_file("only-here", "x")
            assert other.run("test -e /work/only-here").exit_code == 1
        """)
    inner.run().assert_outcomes(passed=1)
