"""The plugin loads in every pytest run of every user: unless asked, it must import
none of the heavy libraries nor our own layers, and must not touch the engine."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from .conftest import Inner

# Top-level packages the plugin must not load by being installed, and our own layers
# (each pulls some of those in). `langchain` covers langchain_core, langchain_openai, ...
FORBIDDEN_TOP = ("pydantic", "pydantic_core", "filelock", "docker", "yaml", "tarfile")
FORBIDDEN_PREFIX = ("langchain",)
FORBIDDEN_OURS = ("sandbox", "llm", "plans", "verify", "analysis", "generation", "items", "cli",
                  "expect", "summary")

# Run inside the inner process: which forbidden modules are loaded. A string, so the
# subprocesses and this module share one definition.
FORBIDDEN_CHECK = f"""
def forbidden(names):
    found = []
    for name in names:
        parts = name.split(".")
        if (parts[0] in {FORBIDDEN_TOP!r} or parts[0].startswith({FORBIDDEN_PREFIX!r})
                or (parts[0] == "pytest_testronaut" and len(parts) > 1
                    and parts[1] in {FORBIDDEN_OURS!r})):
            found.append(name)
    return sorted(found)
"""

# The inner project's conftest: at interpreter exit, after every hook of the session
# (summary, unconfigure) has run, write what was loaded.
DUMP = FORBIDDEN_CHECK + """
import atexit, json, os, sys

def _dump():
    with open({out!r}, "w") as fh:
        json.dump({{"pid": os.getpid(), "heavy": forbidden(list(sys.modules)),
                   "loaded": "pytest_testronaut.plugin" in sys.modules}}, fh)

atexit.register(_dump)
"""

PLAIN = """
def test_plain():
    assert 1 + 1 == 2
"""


def _forbidden(names: list[str]) -> list[str]:
    scope: dict[str, object] = {}
    exec(FORBIDDEN_CHECK, scope)
    found: list[str] = scope["forbidden"](names)  # type: ignore[operator]
    return found


def test_the_check_sees_what_it_must() -> None:
    names = ["pydantic", "pydantic_core.core_schema", "filelock", "docker.api", "yaml",
             "tarfile", "langchain_core.messages", "langchain", "pytest_testronaut.sandbox",
             "pytest_testronaut.llm.agent", "pytest_testronaut.items.nodes",
             "pytest_testronaut.verify", "pytest_testronaut.analysis.spec"]
    allowed = ["pytest", "pytest_testronaut", "pytest_testronaut.plugin",
               "pytest_testronaut.settings", "pytest_testronaut.errors", "dockerfile_parse",
               "yamlish", "pytest_testronaut.sandboxing_notes"]
    assert _forbidden(names + allowed) == sorted(names)


def test_importing_the_plugin_loads_nothing_heavy() -> None:
    code = ("import json, sys\nimport pytest_testronaut.plugin\n"
            "print(json.dumps(sorted(sys.modules)))")
    # A fresh interpreter: this process has long imported everything.
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=60)
    loaded = json.loads(done.stdout)
    assert "pytest_testronaut.plugin" in loaded
    assert _forbidden(loaded) == []


def test_public_names_load_on_first_use() -> None:
    code = ("import sys\nimport pytest_testronaut as t\n"
            "assert 'pytest_testronaut.sandbox' not in sys.modules\n"
            "assert t.RunResult.__module__ == 'pytest_testronaut.sandbox.result'\n"
            "assert issubclass(t.TestronautWarning, Warning)\n"
            "assert t.__version__ and sorted(t.__all__) == sorted(set(t.__all__) & set(dir(t)))\n"
            "from pytest_testronaut import FileChanges, TestronautError\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_plain_session_loads_nothing_heavy(pytester: pytest.Pytester,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # Only our plugin: other installed plugins (langsmith's loads pydantic) are not ours
    # to judge here; the next test covers a run with everything installed.
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    out = pytester.path / "seen.json"
    pytester.makeconftest(DUMP.format(out=str(out)))
    pytester.makepyfile(test_plain=PLAIN)
    result = pytester.runpytest_subprocess("-p", "pytest_testronaut.plugin",
                                           "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    seen = json.loads(out.read_text())
    assert seen["loaded"], "the plugin was not loaded: the check proves nothing"
    assert seen["heavy"] == [], [n for n in seen["heavy"] if "." not in n or n.startswith("pytest_t")]
    result.stdout.no_fnmatch_line("*testronaut:*")  # no progress, no summary


def test_plain_session_with_all_plugins_adds_nothing_heavy(pytester: pytest.Pytester) -> None:
    """With every installed plugin, as users run: whatever is loaded with us is also
    loaded without us."""
    seen: dict[str, Any] = {}
    for label, args in (("with", ()), ("without", ("-p", "no:testronaut"))):
        out = pytester.path / f"seen-{label}.json"
        pytester.makeconftest(DUMP.format(out=str(out)))
        pytester.makepyfile(test_plain=PLAIN)
        pytester.runpytest_subprocess("-p", "no:cacheprovider", *args).assert_outcomes(passed=1)
        seen[label] = json.loads(out.read_text())
    assert seen["with"]["loaded"] and not seen["without"]["loaded"]
    assert sorted(set(seen["with"]["heavy"]) - set(seen["without"]["heavy"])) == []


@pytest.mark.docker
def test_unused_plugin_creates_no_container(inner: Inner) -> None:
    out = inner.pytester.path / "seen.json"
    inner.pytester.makepyfile(test_plain=f"""
import json, os

def test_plain():
    with open({str(out)!r}, "w") as fh:
        json.dump({{"pid": os.getpid()}}, fh)
""")
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
