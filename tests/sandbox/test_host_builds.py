"""Host builds: a ``pip:`` install step runs the host's pip, and building a local project
runs its own code as the user, outside any sandbox.

Plan files (which arrive in pull requests) may ask for that only when the user allows it
(``allow_host_builds``); markers and the command line are the user's own code and may.
Whenever pip runs, it sees no secrets of the user's environment. The probe project's
build backend writes the environment it was given to a file, so each test sees exactly
what code in a plan's project would see, or that it never ran.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from pytest_testronaut.sandbox.install import (
    _build_wheelhouse,
    host_build_refusal,
    plan_step,
    scrubbed_environment,
)
from pytest_testronaut.settings import from_environ

from .local_project import make_local_project

TOKEN = uuid.uuid4().hex[:12]
SECRETS = {"OPENAI_API_KEY": "sk-secret-openai", "ANTHROPIC_API_KEY": "sk-ant-secret",
           "AWS_SECRET_ACCESS_KEY": "aws-secret", "AWS_SESSION_TOKEN": "aws-session",
           "GITHUB_TOKEN": "ghp_secret", "TWINE_PASSWORD": "pypi-secret",
           "GOOGLE_APPLICATION_CREDENTIALS": "/home/u/gcp.json",
           "SSH_AUTH_SOCK": "/tmp/ssh-agent.sock",
           "DATABASE_URL": "postgres://admin:hunter2@db.internal/prod"}

# The probe project's build records the environment it was given.
RECORD_ENVIRONMENT = ('with open(os.environ["PROBE_OUT"], "w") as out:\n'
                      '    json.dump(dict(os.environ), out)')


def make_probe(folder: Path) -> Path:
    return make_local_project(folder, "probe_tool", f"print('probe {TOKEN}')",
                              RECORD_ENVIRONMENT)


@pytest.fixture
def secret_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The user's secrets in the environment, pip offline, and the probe's output file."""
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.delenv("PIP_FIND_LINKS", raising=False)
    probe_out = tmp_path / "probe-env.json"
    monkeypatch.setenv("PROBE_OUT", str(probe_out))
    return probe_out


# --- the environment a build sees ------------------------------------------------------
def test_scrubbed_environment_drops_secrets_and_keeps_the_rest() -> None:
    environ = {**SECRETS, "PATH": "/usr/bin", "HOME": "/home/u", "LANG": "C.UTF-8",
               "PIP_INDEX_URL": "https://user:token@pypi.internal/simple",
               "HTTPS_PROXY": "http://proxy:3128", "MONKEY": "not a secret"}
    kept = scrubbed_environment(environ)
    assert not set(SECRETS) & set(kept)
    assert kept == {"PATH": "/usr/bin", "HOME": "/home/u", "LANG": "C.UTF-8",
                    "PIP_INDEX_URL": "https://user:token@pypi.internal/simple",
                    "HTTPS_PROXY": "http://proxy:3128", "MONKEY": "not a secret"}


def test_a_host_build_never_sees_the_users_secrets(secret_environment: Path,
                                                   tmp_path: Path) -> None:
    project = make_probe(tmp_path / "probe")
    wheelhouse = tmp_path / "wheels"
    _build_wheelhouse(wheelhouse, [str(project)])  # the real host pip, the real build
    assert [p.name for p in wheelhouse.iterdir()] == ["probe_tool-1.0-py3-none-any.whl"]
    seen = json.loads(secret_environment.read_text())
    assert not set(SECRETS) & set(seen), sorted(set(SECRETS) & set(seen))
    assert not any(value in json.dumps(seen) for value in SECRETS.values())
    assert seen["PATH"] and seen["PIP_NO_INDEX"] == "1"


# --- who may ask for one ----------------------------------------------------------------
def test_only_pip_steps_are_host_builds() -> None:
    assert host_build_refusal(["apt:jq", "shell:make", "script:x.sh"]) is None
    refusal = host_build_refusal(["apt:jq", "pip:./pkg", "pip:requests"])
    assert refusal is not None
    assert refusal.startswith("install: 'pip:./pkg', 'pip:requests' would run pip on this "
                              "machine")
    assert "--testronaut-allow-host-builds" in refusal
    assert "testronaut_allow_host_builds = true" in refusal
    assert "TESTRONAUT_ALLOW_HOST_BUILDS=1" in refusal


def test_pip_options_are_not_requirements(tmp_path: Path) -> None:
    from pytest_testronaut.errors import InstallError

    with pytest.raises(InstallError, match="is a pip option, not a requirement"):
        plan_step("pip:requests,--index-url=http://evil.example/", tmp_path)


def test_the_setting_is_off_by_default_and_read_from_each_source() -> None:
    assert from_environ({}).allow_host_builds is False
    assert from_environ({"TESTRONAUT_ALLOW_HOST_BUILDS": "1"}).allow_host_builds is True


PLAN = f"""\
tool: probe-tool
install: pip:./probe
cases:
  - id: greets
    command: probe-tool
    exit: 0
    stdout: {{contains: probe {TOKEN}}}
"""


def test_a_plan_may_not_build_on_the_host_by_default(pytester: pytest.Pytester,
                                                     secret_environment: Path) -> None:
    make_probe(pytester.path / "probe")
    pytester.makefile(".testronaut.yaml", probe=PLAN)
    result = pytester.runpytest("--testronaut", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*probe.testronaut.yaml:2: install: 'pip:./probe' would run pip on this machine "
        "(building a wheel runs the project's setup code as you, outside any sandbox); "
        "install steps from plan files may not do that unless you pass "
        "--testronaut-allow-host-builds*"])
    assert not secret_environment.exists()  # the project's code never ran


def _cache_tag(docker_client: Any, folder: Path) -> str:
    """The tag images.py gives the installed image of ``pip:./probe`` (for clean-up)."""
    base = docker_client.images.get("testronaut-base:bookworm").id
    digest = hashlib.sha256(base.encode())
    digest.update(b"\0" + plan_step("pip:./probe", folder).cache_key.encode())
    return f"testronaut-install:{digest.hexdigest()[:16]}"


@pytest.mark.docker
def test_allowed_host_builds_and_markers_run_with_a_scrubbed_environment(
        pytester: pytest.Pytester, secret_environment: Path, docker_client: Any) -> None:
    make_probe(pytester.path / "probe")
    pytester.makefile(".testronaut.yaml", probe=PLAN)
    # A marker is the user's own code: its host build needs no setting.
    pytester.makepyfile(test_marked=f"""
import pytest

@pytest.mark.testronaut(install="pip:./probe", timeout=30)
def test_marker_build(testronaut_env):
    testronaut_env.run("probe-tool").assert_exit(0).assert_contains("probe {TOKEN}")
""")
    tag = _cache_tag(docker_client, pytester.path)
    try:
        result = pytester.runpytest("--testronaut", "-p", "no:cacheprovider", "test_marked.py")
        result.assert_outcomes(passed=1)
        seen = json.loads(secret_environment.read_text())
        assert not set(SECRETS) & set(seen)

        result = pytester.runpytest("--testronaut", "--testronaut-allow-host-builds",
                                    "-p", "no:cacheprovider", "probe.testronaut.yaml")
        result.assert_outcomes(passed=1)
    finally:
        # nothing was built when an earlier step failed
        with contextlib.suppress(Exception):
            docker_client.images.remove(tag, force=True)
