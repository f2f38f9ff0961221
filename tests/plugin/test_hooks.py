"""Our hooks, implemented in a user's conftest.py."""

from __future__ import annotations

import pytest

from .conftest import Inner

pytestmark = pytest.mark.docker

HOOKS = '''

READY = {ready!r}
SEEN = {seen!r}


def pytest_configure(config):
    config.addinivalue_line("markers", "needs_net: give the sandbox a network")


def pytest_testronaut_sandbox_config(config, item, sandbox_config):
    with open(SEEN, "a") as fh:
        fh.write(f"{{item.name}} timeout={{sandbox_config.timeout}}\\n")
    if item.get_closest_marker("needs_net"):
        return sandbox_config.model_copy(update={{"network": True}})
    return None


def pytest_testronaut_sandbox_ready(sandbox, item):
    sandbox.put_file("seed.txt", f"seeded for {{item.name}}")
    with open(READY, "a") as fh:
        fh.write(f"{{sandbox.id}} {{item.name}}\\n")
'''


def test_config_and_ready_hooks(inner: Inner) -> None:
    ready = inner.pytester.path / "ready.txt"
    seen = inner.pytester.path / "seen.txt"
    conftest = inner.pytester.path / "conftest.py"
    conftest.write_text(conftest.read_text() + HOOKS.format(ready=str(ready), seen=str(seen)))
    inner.pytester.makepyfile(test_hooked="""
        import pytest

        pytestmark = pytest.mark.testronaut(timeout=12)

        def test_first(used):
            assert used.get_file("seed.txt") == b"seeded for test_first"
            assert used.run("ls /sys/class/net").stdout.split() == ["lo"]

        def test_second(used):
            # same sandbox: the ready hook ran once, for the first test
            assert used.get_file("seed.txt") == b"seeded for test_first"

        @pytest.mark.needs_net
        def test_networked(used):
            assert "eth0" in used.run("ls /sys/class/net").stdout.split()
            assert used.get_file("seed.txt") == b"seeded for test_networked"
        """)
    inner.run().assert_outcomes(passed=3)
    ids = inner.by_test()
    assert ids["test_first"] == ids["test_second"] != ids["test_networked"]
    assert ready.read_text().splitlines() == [f"{ids['test_first']} test_first",
                                              f"{ids['test_networked']} test_networked"]
    # the config hook sees what settings and markers chose, for every test
    assert seen.read_text().splitlines() == [
        "test_first timeout=12.0", "test_second timeout=12.0", "test_networked timeout=12.0"]


def test_failing_ready_hook_fails_the_test_and_cleans_up(inner: Inner) -> None:
    conftest = inner.pytester.path / "conftest.py"
    conftest.write_text(conftest.read_text() + '''

def pytest_testronaut_sandbox_ready(sandbox, item):
    raise RuntimeError("seeding broke")
''')
    inner.pytester.makepyfile(test_broken="""
        def test_broken(testronaut_env):
            pass
        """)
    result = inner.run()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*RuntimeError: seeding broke*"])
