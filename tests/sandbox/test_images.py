"""Images for sandboxes: Dockerfile builds and install steps, built once and cached by
content; clear errors when a build, an install or a pull fails.

Every image built here is unique to this run (the inputs carry a fresh token) so the
"first time builds" checks really build; the module removes them at its end.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pytest_testronaut.errors import ImageError, InstallError
from pytest_testronaut.sandbox import SandboxConfig, SandboxManager
from pytest_testronaut.sandbox.install import plan_step

from .local_project import make_local_project

pytestmark = pytest.mark.docker

TOKEN = uuid.uuid4().hex[:12]
PROTECTED = "testronaut-base:bookworm"

BROKEN_BUILD = 'if os.path.exists("BROKEN"):\n    raise RuntimeError("kaput: this project refuses to build")'


def make_project(folder: Path, greeting: str, broken: bool = False) -> Path:
    make_local_project(folder, "hello_tool", f"print({greeting!r})", BROKEN_BUILD)
    if broken:
        (folder / "BROKEN").write_text("yes")
    return folder


@pytest.fixture(autouse=True)
def _offline_pip(monkeypatch: pytest.MonkeyPatch) -> None:
    # The host's `pip wheel` must not look for anything on an index.
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.delenv("PIP_FIND_LINKS", raising=False)


@pytest.fixture(scope="module")
def built(docker_client: Any) -> Iterator[set[str]]:
    """Ids of images the tests built; removed at module end (never the base image)."""
    ids: set[str] = set()
    yield ids
    protected = docker_client.images.get(PROTECTED).id
    for image_id in ids - {protected}:
        image = docker_client.images.get(image_id)
        assert image.labels.get("testronaut.kind") in ("install-cache", "dockerfile-cache")
        for tag in image.tags:
            assert tag.startswith(("testronaut-install:", "testronaut-build:")), tag
            docker_client.images.remove(tag, force=True)
        if image.tags == []:
            docker_client.images.remove(image_id, force=True)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("images")


def _resolve(config: SandboxConfig, built: set[str]) -> tuple[str, list[str]]:
    messages: list[str] = []
    manager = SandboxManager(progress=messages.append)
    try:
        image = manager.images.resolve(config)
    finally:
        manager.close()
    built.add(image)
    return image, messages


# --- Dockerfile ------------------------------------------------------------------------------
def test_dockerfile_builds_once(workspace: Path, built: set[str], docker_client: Any) -> None:
    folder = workspace / "dockerfile"
    folder.mkdir()
    (folder / "Dockerfile").write_text(
        f"FROM {PROTECTED}\nRUN echo built-{TOKEN} > /opt/marker\n")
    config = SandboxConfig(dockerfile="Dockerfile", base_dir=str(folder))

    first, messages = _resolve(config, built)
    assert len([m for m in messages if "building" in m]) == 1, messages
    image = docker_client.images.get(first)
    assert image.labels["testronaut.kind"] == "dockerfile-cache"
    assert any(tag.startswith("testronaut-build:") for tag in image.tags)

    again, messages = _resolve(config, built)
    assert again == first
    assert messages == []

    manager = SandboxManager()
    try:
        sandbox = manager.sandbox(config, "check")
        assert sandbox.run("cat /opt/marker").stdout == f"built-{TOKEN}\n"
        assert sandbox.run("ls /sys/class/net").stdout.split() == ["lo"]
    finally:
        manager.close()


def test_dockerfile_build_failure(workspace: Path) -> None:
    folder = workspace / "bad-dockerfile"
    folder.mkdir()
    (folder / "Dockerfile").write_text(
        f"FROM {PROTECTED}\nRUN echo failing-{TOKEN} && echo why-{TOKEN} >&2 && exit 7\n")
    with pytest.raises(ImageError, match=r"building .*Dockerfile failed") as info:
        _resolve(SandboxConfig(dockerfile="Dockerfile", base_dir=str(folder)), set())
    message = str(info.value)  # the build's own output, for the user to act on
    assert f"failing-{TOKEN}" in message and f"why-{TOKEN}" in message
    assert "non-zero code: 7" in message


def test_missing_dockerfile(workspace: Path) -> None:
    with pytest.raises(ImageError, match="does not exist"):
        _resolve(SandboxConfig(dockerfile="nope/Dockerfile", base_dir=str(workspace)), set())


# --- pip install of a local project ------------------------------------------------------------
def test_pip_install_of_a_local_project(workspace: Path, built: set[str]) -> None:
    project = make_project(workspace / "hello", f"hello v1 {TOKEN}")
    config = SandboxConfig(install=("pip:./hello",), base_dir=str(workspace))

    first, messages = _resolve(config, built)
    assert any("installing pip:./hello" in m for m in messages), messages

    # the tool runs in a sandbox that has no network
    manager = SandboxManager()
    try:
        sandbox = manager.sandbox(config, "check")
        assert sandbox.run("ls /sys/class/net").stdout.split() == ["lo"]
        sandbox.run("hello-tool").assert_exit(0).assert_contains(f"hello v1 {TOKEN}")
        assert sandbox.run("command -v hello-tool").stdout.strip().endswith("/bin/hello-tool")
    finally:
        manager.close()

    # a second manager (a later run) reuses the cache: no build, same image
    again, messages = _resolve(config, built)
    assert again == first
    assert not any("installing" in m for m in messages), messages

    # editing the source changes the cache key, and the tool is rebuilt
    old_key = plan_step("pip:./hello", workspace).cache_key
    (project / "hello_tool.py").write_text(f"def main():\n    print('hello v2 {TOKEN}')\n")
    assert plan_step("pip:./hello", workspace).cache_key != old_key
    changed, messages = _resolve(config, built)
    assert changed != first
    assert any("installing" in m for m in messages), messages
    manager = SandboxManager()
    try:
        sandbox = manager.sandbox(config, "check")
        sandbox.run("hello-tool").assert_contains(f"hello v2 {TOKEN}")
    finally:
        manager.close()


def test_cache_key_ignores_build_debris(workspace: Path) -> None:
    project = make_project(workspace / "debris", "x")
    key = plan_step("pip:./debris", workspace).cache_key
    for junk in ("build/lib/x.py", "__pycache__/m.cpython-311.pyc", "x.egg-info/PKG-INFO"):
        (project / junk).parent.mkdir(parents=True, exist_ok=True)
        (project / junk).write_text("junk")
    assert plan_step("pip:./debris", workspace).cache_key == key


def test_pip_project_that_fails_to_build(workspace: Path) -> None:
    make_project(workspace / "broken", "never", broken=True)
    config = SandboxConfig(install=("pip:./broken",), base_dir=str(workspace))
    with pytest.raises(InstallError) as info:
        _resolve(config, set())
    message = str(info.value)
    assert "kaput: this project refuses to build" in message
    assert "broken" in message


def test_missing_pip_path(workspace: Path) -> None:
    config = SandboxConfig(install=("pip:./not-there",), base_dir=str(workspace))
    with pytest.raises(InstallError, match="does not exist"):
        _resolve(config, set())


# --- shell and script steps ----------------------------------------------------------------------
def test_failing_shell_step_carries_its_output() -> None:
    config = SandboxConfig(install=(f"shell:echo boom-{TOKEN} >&2; exit 3",))
    with pytest.raises(InstallError) as info:
        _resolve(config, set())
    message = str(info.value)
    assert f"boom-{TOKEN}" in message
    assert "exited 3" in message


def test_failing_step_is_not_cached_and_leaves_no_container(docker_client: Any) -> None:
    from pytest_testronaut.sandbox.labels import Owner

    config = SandboxConfig(install=(f"shell:echo try >&2; exit 9 # {TOKEN}",))
    for _ in range(2):  # the second attempt builds again instead of reusing a broken image
        with pytest.raises(InstallError, match="exited 9"):
            _resolve(config, set())
    mine = docker_client.containers.list(all=True, ignore_removed=True, filters={"label": [
        "testronaut.kind=install-build", f"testronaut.owner={Owner.current()}"]})
    assert mine == []


def test_script_step(workspace: Path, built: set[str]) -> None:
    scripts = workspace / "scripts"
    scripts.mkdir()
    (scripts / "install.sh").write_text(
        f"set -e\necho scripted-{TOKEN} > /opt/scripted\nchmod 644 /opt/scripted\n")
    config = SandboxConfig(install=("script:scripts/install.sh", f"shell:echo and-{TOKEN} >> /opt/scripted"),
                           base_dir=str(workspace))
    _resolve(config, built)
    manager = SandboxManager()
    try:
        sandbox = manager.sandbox(config, "check")
        assert sandbox.get_file("/opt/scripted") == f"scripted-{TOKEN}\nand-{TOKEN}\n".encode()
        # the install files are gone from the image
        assert sandbox.run("ls /tmp/testronaut-install").exit_code != 0
    finally:
        manager.close()


def test_missing_script(workspace: Path) -> None:
    config = SandboxConfig(install=("script:no-such.sh",), base_dir=str(workspace))
    with pytest.raises(InstallError, match="not found"):
        _resolve(config, set())


def test_bad_install_step_syntax() -> None:
    with pytest.raises(ValueError, match="KIND:VALUE"):
        SandboxConfig(install=("npm left-pad",))


# --- named images ------------------------------------------------------------------------------------
# A registry on loopback that is not there: a bare name would make the engine ask Docker
# Hub, and these tests send nothing off the machine.
NO_SUCH_IMAGE = "127.0.0.1:9/testronaut-no-such-image:1"


def test_a_missing_image_is_refused_at_once_without_a_pull() -> None:
    manager = SandboxManager()
    pulls: list[str] = []
    try:
        # Any pull attempt is noted (and, offline, would only fail later and vaguer).
        manager.client.images.pull = lambda ref, *a, **k: pulls.append(ref)
        started = time.monotonic()
        with pytest.raises(ImageError) as info:
            manager.images.resolve(SandboxConfig(image=NO_SUCH_IMAGE))
        assert time.monotonic() - started < 5
    finally:
        manager.close()
    assert pulls == []
    message = str(info.value)
    assert f"image {NO_SUCH_IMAGE!r} is not on the Docker engine" in message
    for advice in (f"docker build -t {NO_SUCH_IMAGE}", "docker load -i", "--testronaut-image",
                   "--testronaut-pull", "TESTRONAUT_PULL=1"):
        assert advice in message


def test_pulling_is_tried_when_allowed() -> None:
    manager = SandboxManager(pull=True)
    started = time.monotonic()
    try:
        with pytest.raises(ImageError) as info:
            manager.images.resolve(SandboxConfig(image=NO_SUCH_IMAGE))
    finally:
        manager.close()
    assert time.monotonic() - started < 60
    message = str(info.value)
    assert f"image {NO_SUCH_IMAGE!r} is not on this Docker engine and pulling it failed" in message
    assert "--testronaut-image" in message


def test_a_missing_image_is_refused_once_per_session(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_missing=f"""
import pytest

pytestmark = pytest.mark.testronaut(image={NO_SUCH_IMAGE!r}, isolation="test")

def test_one(testronaut_env):
    pass

def test_two(testronaut_env):
    pass
""")
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=2)
    assert "pulling image" not in result.stdout.str()
    result.stdout.fnmatch_lines(["*is not on the Docker engine, and testronaut does not "
                                 "pull images unless asked. Build it*"])


def test_the_pull_setting_lets_a_test_pull(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_missing=f"""
import pytest

pytestmark = pytest.mark.testronaut(image={NO_SUCH_IMAGE!r}, isolation="test")

def test_one(testronaut_env):
    pass

def test_two(testronaut_env):
    pass
""")
    result = pytester.runpytest("-p", "no:cacheprovider", "--testronaut-pull")
    result.assert_outcomes(errors=2)
    assert result.stdout.str().count("testronaut: pulling image") == 1
    result.stdout.fnmatch_lines(["*not on this Docker engine and pulling it failed*"])


def test_xdist_workers_say_what_they_build_and_wait_for(pytester: pytest.Pytester,
                                                       built: set[str]) -> None:
    """Under xdist a worker's build is not a silent minute: the worker that builds says
    so, the other says it waits, each on stderr with its id; the image is built once."""
    step = f"shell:sleep 4; echo {TOKEN} > /opt/xdist-built"
    for name in ("a", "b"):
        pytester.makepyfile(**{f"test_{name}": f"""
import pytest

@pytest.mark.testronaut(install={step!r})
def test_{name}(testronaut_env):
    testronaut_env.run("cat /opt/xdist-built").assert_exit(0).assert_contains("{TOKEN}")
"""})
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-n", "2")
    result.assert_outcomes(passed=2)
    errors = result.stderr.str()
    assert errors.count(f"installing {step} (first time; cached as testronaut-install:") == 1
    result.stderr.fnmatch_lines([f"testronaut ?gw?]: installing {step} (first time*"])
    result.stderr.fnmatch_lines(["testronaut ?gw?]: waiting for another pytest process: "
                                 f"installing {step}*"])
    _, messages = _resolve(SandboxConfig(install=(step,)), built)
    assert messages == []  # cached: the next session neither builds nor waits


def test_a_build_says_what_it_does_while_tests_capture_output(pytester: pytest.Pytester,
                                                              built: set[str]) -> None:
    """The first build happens inside a test's setup, where pytest captures output; the
    progress lines still reach the terminal, as they happen."""
    step = f"shell:echo {TOKEN} > /opt/seen-building"
    pytester.makepyfile(test_build=f"""
import pytest

@pytest.mark.testronaut(install={step!r})
def test_build(testronaut_env):
    testronaut_env.run("cat /opt/seen-building").assert_exit(0)
""")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([
        "test_build.py ",
        f"testronaut: installing {step} (first time; cached as testronaut-install:*)",
        f"testronaut:   $ echo {TOKEN} > /opt/seen-building",
        "test_build.py .*",  # the line of results resumes with its file name
    ])
    _, messages = _resolve(SandboxConfig(install=(step,)), built)
    assert messages == []
