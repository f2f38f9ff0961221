"""The one session: every sandbox (fixture, plan case, workflow step, tool analysis)
fires both sandbox hooks; settings follow one order everywhere (command line, then the
closest marker or the plan, then ini, then environment, then default); settings that
hold several values are repeatable from every source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.docker

RECORDING_HOOKS = '''
import json

LOG = {log!r}


def _log(**entry):
    with open(LOG, "a") as fh:
        fh.write(json.dumps(entry) + "\\n")


def pytest_testronaut_sandbox_config(config, item, sandbox_config):
    _log(hook="config", item=item.name if item is not None else None,
         **sandbox_config.model_dump(mode="json"))


def pytest_testronaut_sandbox_ready(sandbox, item):
    sandbox.put_file("seed.txt", "seeded")
    _log(hook="ready", item=item.name if item is not None else None, id=sandbox.id)
'''

PLAN = """\
tool: cat
cases:
  - id: reads-the-seed
    command: cat seed.txt
    stdout: {equals: seeded}
workflows:
  - id: flow
    steps:
      - id: first
        command: cat seed.txt
        stdout: {equals: seeded}
      - id: second
        command: echo again
        stdout: {contains: [again]}
"""


def _log(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _hooked(pytester: pytest.Pytester) -> Path:
    log = pytester.path / "hooks.jsonl"
    pytester.makeconftest(RECORDING_HOOKS.format(log=str(log)))
    return log


def test_both_hooks_fire_for_fixtures_plan_cases_and_workflow_steps(
        pytester: pytest.Pytester) -> None:
    log = _hooked(pytester)
    pytester.makefile(".testronaut.yaml", hooked=PLAN)
    pytester.makepyfile(test_fixture="""
        def test_uses_env(testronaut_env):
            assert testronaut_env.get_file("seed.txt") == b"seeded"
        """)
    result = pytester.runpytest_subprocess("--testronaut", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4)
    entries = _log(log)
    configs = {e["item"] for e in entries if e["hook"] == "config"}
    ready = [str(e["item"]) for e in entries if e["hook"] == "ready"]
    assert {"test_uses_env", "reads-the-seed", "first", "second"} <= configs
    # one new sandbox each: the module's, the plan file's, the workflow's
    assert sorted(ready) == ["first", "reads-the-seed", "test_uses_env"]


def test_hooks_fire_for_the_tool_analysis_sandbox(pytester: pytest.Pytester) -> None:
    log = _hooked(pytester)
    result = pytester.runpytest_subprocess("--testronaut", "--testronaut-tool", "tac",
                                           "-p", "no:cacheprovider", "--collect-only", "-q")
    assert result.ret == 0, result.stdout.str() + result.stderr.str()
    entries = _log(log)
    assert {"hook": "config", "item": None} .items() <= entries[0].items()
    assert any(e["hook"] == "ready" and e["item"] is None for e in entries)


TIMEOUT_PLAN = """\
tool: "true"
settings:
  timeout: 7
cases:
  - id: shows
    command: "true"
    exit: 0
"""

# The closest layer (a plan, or a marker) sets each of these; the other sources give
# other values. Values as the command line, ini file and environment spell them.
CLOSEST = {
    "plan": {"timeout": "7", "isolation": "test"},
    "marker": {"timeout": "7", "isolation": "'test'", "network": "True", "user": "'tester'"},
}
OTHERS = {  # setting: (command line, ini, environment, as the hook sees each)
    "timeout": (("3", 3.0), ("11", 11.0), ("13", 13.0), 7.0),
    "isolation": (("session", "session"), ("module", "module"), ("session", "session"),
                  "test"),
    "network": (("false", False), ("false", False), ("false", False), True),
    "user": (("root", "root"), ("nobody", "nobody"), ("daemon", "daemon"), "tester"),
}


def _closest_layer(pytester: pytest.Pytester, kind: str) -> None:
    values = CLOSEST[kind]
    if kind == "plan":
        pytester.makefile(".testronaut.yaml", layered=(
            'tool: "true"\nsettings:\n'
            + "".join(f"  {k}: {v}\n" for k, v in values.items())
            + 'cases:\n  - id: shows\n    command: "true"\n    exit: 0\n'))
    else:
        keywords = ", ".join(f"{k}={v}" for k, v in values.items())
        pytester.makepyfile(test_marked=f"""
            import pytest

            @pytest.mark.testronaut({keywords})
            def test_one(testronaut_env):
                testronaut_env.run("true").assert_exit(0)
            """)


@pytest.mark.parametrize("sources", ["cli ini env", "ini env", "env", ""])
@pytest.mark.parametrize(("kind", "setting"), [
    ("plan", "timeout"), ("plan", "isolation"), ("marker", "timeout"),
    ("marker", "isolation"), ("marker", "network"), ("marker", "user")])
def test_one_order_for_every_setting(pytester: pytest.Pytester,
                                     monkeypatch: pytest.MonkeyPatch, kind: str,
                                     setting: str, sources: str) -> None:
    """The command line, then the closest marker or plan, then ini, environment."""
    log = _hooked(pytester)
    _closest_layer(pytester, kind)
    (cli, from_cli), (ini, _), (env, _), closest = OTHERS[setting]
    args = []
    if "cli" in sources:
        args.append(f"--testronaut-{setting}={cli}")
    if "ini" in sources:
        pytester.makeini(f"[pytest]\ntestronaut_{setting} = {ini}\n")
    if "env" in sources:
        monkeypatch.setenv(f"TESTRONAUT_{setting.upper()}", env)
    result = pytester.runpytest_subprocess("--testronaut", "-p", "no:cacheprovider", *args)
    result.assert_outcomes(passed=1)
    seen = [e[setting] for e in _log(log) if e["hook"] == "config"]
    assert seen == [from_cli if "cli" in sources else closest]


def test_the_command_line_timeout_beats_a_cases_own(pytester: pytest.Pytester) -> None:
    pytester.makefile(".testronaut.yaml", slow="""\
tool: sleep
cases:
  - id: sleeps
    command: sleep 5
    timeout: 60
    exit: 0
""")
    result = pytester.runpytest_subprocess("--testronaut", "-p", "no:cacheprovider",
                                           "--testronaut-timeout=1")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*timed out*"])


INSTALL_TEST = """
def test_both_installed(testronaut_env):
    out = testronaut_env.run("cat /opt/one /opt/two").assert_exit(0).stdout
    assert out.split() == ["one", "two"]
"""


@pytest.mark.parametrize("source", ["cli", "ini", "env"])
def test_install_is_repeatable_from_every_source(pytester: pytest.Pytester,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 source: str) -> None:
    steps = ["shell:echo one > /opt/one", "shell:echo two > /opt/two"]
    pytester.makepyfile(test_install=INSTALL_TEST)
    args: list[str] = []
    if source == "cli":
        args = [f"--testronaut-install={step}" for step in steps]
    elif source == "ini":
        pytester.makeini("[pytest]\ntestronaut_install =\n" + "".join(
            f"    {step}\n" for step in steps))
    else:
        monkeypatch.setenv("TESTRONAUT_INSTALL", json.dumps(steps))
    pytester.runpytest_subprocess("-p", "no:cacheprovider", *args).assert_outcomes(passed=1)


def test_a_plan_named_without_testronaut_says_to_add_it(pytester: pytest.Pytester) -> None:
    pytester.makefile(".testronaut.yaml", lone=TIMEOUT_PLAN)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "lone.testronaut.yaml")
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*lone.testronaut.yaml is a testronaut plan, and testronaut "
                                 "is off in this run: add --testronaut*"])
    assert "not found" not in result.stdout.str() + result.stderr.str()
