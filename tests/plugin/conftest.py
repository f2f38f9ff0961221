"""Helpers of the plugin-level tests: inner pytest runs that report which sandboxes they
used, and a check that nothing of theirs is left on the engine afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Written into the inner project's conftest.py. `used` is testronaut_env plus a record:
# which test got which container, in which process, and which earlier containers
# still existed at that moment (to see scope ends from the inside).
PROBE = '''
import json, os
import pytest

USED = {used!r}


def _records():
    if not os.path.exists(USED):
        return []
    with open(USED) as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture
def used(testronaut_env, request):
    import docker

    client = docker.from_env()
    alive = [r["id"] for r in _records()
             if client.containers.list(all=True, ignore_removed=True,
                                     filters={{"id": r["id"]}})]
    client.close()
    from pytest_testronaut.session import TestronautSession

    record = {{"test": request.node.nodeid, "id": testronaut_env.id, "pid": os.getpid(),
              "run": TestronautSession.of(request.config).manager.run_id, "alive": alive}}
    with open(USED, "a") as fh:
        fh.write(json.dumps(record) + "\\n")
    return testronaut_env
'''


@dataclass
class Record:
    test: str
    id: str
    pid: int
    run: str
    alive: list[str]


class Inner:
    """An inner pytest project whose tests use the ``used`` fixture of :data:`PROBE`."""

    def __init__(self, pytester: pytest.Pytester, client: Any,
                 labelled: Callable[..., list[Any]]) -> None:
        self.pytester = pytester
        self.client = client
        self.labelled = labelled
        self.used_file = pytester.path / "used.jsonl"
        pytester.makeconftest(PROBE.format(used=str(self.used_file)))

    def records(self) -> list[Record]:
        if not self.used_file.exists():
            return []
        lines = self.used_file.read_text().splitlines()
        return [Record(**json.loads(line)) for line in lines if line.strip()]

    def by_test(self) -> dict[str, str]:
        """Container id per test, by the test's function name."""
        return {r.test.rsplit("::", 1)[-1]: r.id for r in self.records()}

    def run(self, *args: str, timeout: float = 120) -> pytest.RunResult:
        return self.pytester.runpytest_subprocess("-p", "no:cacheprovider", *args,
                                                  timeout=timeout)

    def wait_for_records(self, count: int = 1, timeout: float = 60) -> list[Record]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.records()
            if len(found) >= count:
                return found
            time.sleep(0.1)
        raise AssertionError(f"the inner run recorded no sandbox within {timeout}s")

    def leftovers(self, remove: bool = False) -> list[str]:
        """Labelled containers of the recorded runs and processes that still exist
        (removed with ``remove``, so one failure does not spill into other tests)."""
        records = self.records()
        ids = {r.id for r in records}
        runs = {r.run for r in records}
        left = []
        # By container and run id only: a dead inner process's pid may already belong
        # to another test's live run, whose containers are not ours to judge.
        for container in self.labelled(self.client):
            labels = container.labels
            if container.id in ids or labels.get("testronaut.run") in runs:
                left.append(f"{container.short_id} {labels}")
                if remove:
                    container.remove(force=True, v=True)
        return left

    @staticmethod
    def finish(proc: subprocess.Popen[bytes], timeout: float = 60) -> tuple[int, str]:
        """Wait for a run started with ``Popen``: its exit status and output."""
        try:
            output, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            output, _ = proc.communicate()
            raise AssertionError("the run did not end after the signal:\n"
                                 + output.decode(errors="replace")) from None
        return proc.returncode, output.decode(errors="replace")

    def exists(self, container_id: str) -> bool:
        return bool(self.client.containers.list(all=True, ignore_removed=True,
                                                filters={"id": container_id}))


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # Settings from the outer environment must not leak into the inner runs.
    for name in list(os.environ):
        if name.startswith("TESTRONAUT") or name == "PYTEST_ADDOPTS":
            monkeypatch.delenv(name)
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture(scope="session")
def labelled(pytestconfig: pytest.Config) -> Callable[..., list[Any]]:
    """``labelled_containers`` of tests/conftest.py (conftests are not importable)."""
    root = Path(__file__).parent.parent / "conftest.py"
    for plugin in pytestconfig.pluginmanager.get_plugins():
        if getattr(plugin, "__file__", None) == str(root):
            found: Callable[..., list[Any]] = plugin.labelled_containers
            return found
    raise LookupError(f"{root} is not loaded")


@pytest.fixture
def inner(pytester: pytest.Pytester, docker_client: Any,
          labelled: Callable[..., list[Any]]) -> Iterator[Inner]:
    """An inner project; after the test, nothing of its runs may be left on the engine."""
    project = Inner(pytester, docker_client, labelled)
    yield project
    assert project.leftovers(remove=True) == [], "containers of the inner run were left behind"


def write_modules(pytester: pytest.Pytester, names: list[str], tests: int = 2,
                  header: str = "") -> None:
    """Modules ``test_<name>.py`` with ``tests`` tests each, all using ``used``."""
    for name in names:
        body = header + "".join(
            f"\ndef test_{name}{i}(used):\n    used.run('true').assert_exit(0)\n"
            for i in range(1, tests + 1))
        (Path(pytester.path) / f"test_{name}.py").write_text(body)
