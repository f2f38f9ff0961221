"""The plugin loads in every pytest run of every user: unless asked, it must import
neither docker nor LangChain and must not touch the engine."""

from __future__ import annotations

import json

import pytest

from .conftest import Inner

INERT = """
import json, os, sys

def test_plain(tmp_path):
    heavy = sorted(name for name in sys.modules
                   if name.split(".")[0] in ("docker", "langchain", "langchain_core",
                                             "langchain_openai"))
    with open({out!r}, "w") as fh:
        json.dump({{"pid": os.getpid(), "heavy": heavy}}, fh)
    assert "pytest_testronaut.plugin" in sys.modules  # we are loaded, just quiet
"""


def test_unused_plugin_imports_nothing_heavy(pytester: pytest.Pytester) -> None:
    out = pytester.path / "seen.json"
    pytester.makepyfile(test_plain=INERT.format(out=str(out)))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    assert json.loads(out.read_text())["heavy"] == []
    result.stdout.no_fnmatch_line("*testronaut:*")  # no progress, no summary


@pytest.mark.docker
def test_unused_plugin_creates_no_container(inner: Inner) -> None:
    out = inner.pytester.path / "seen.json"
    inner.pytester.makepyfile(test_plain=INERT.format(out=str(out)))
    inner.run().assert_outcomes(passed=1)
    pid = json.loads(out.read_text())["pid"]
    owners = [c.labels.get("testronaut.owner", "") for c in inner.labelled(inner.client)]
    assert not [o for o in owners if o.split(":")[1:2] == [str(pid)]]


@pytest.mark.docker
def test_fixture_works_without_the_flag(inner: Inner) -> None:
    inner.pytester.makepyfile(test_env="""
        def test_env(testronaut_env):
            testronaut_env.run("echo hi").assert_exit(0).assert_contains("hi")

        def test_config(testronaut_settings):
            assert testronaut_settings.enabled is False
        """)
    result = inner.run()
    result.assert_outcomes(passed=2)
