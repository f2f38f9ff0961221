"""The first run of a new user: the engine has no base image, and no registry to pull
one from. The plugin builds it from Debian packages (what `testronaut base-image`
does, reading the same TESTRONAUT_BASE_IMAGE), says so on the terminal, and the tests
run. Builds a real image under a tag of its own (about a minute), removed at the end."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.docker


@pytest.fixture
def fresh_tag(docker_client: Any) -> Iterator[str]:
    tag = f"testronaut-base:first-run-{uuid.uuid4().hex[:8]}"
    yield tag
    import docker.errors

    with contextlib.suppress(docker.errors.ImageNotFound):
        docker_client.images.remove(tag, force=True)


def test_a_missing_default_image_is_built_on_first_use(
        pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, fresh_tag: str,
        docker_client: Any) -> None:
    monkeypatch.setenv("TESTRONAUT_BASE_IMAGE", fresh_tag)
    pytester.makepyfile(test_first="""
        def test_runs_in_the_new_image(testronaut_env):
            result = testronaut_env.run("python3 -c 'print(6 * 7)'")
            assert result.assert_exit(0).stdout == "42\\n"
        """)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", timeout=900)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([
        f"*testronaut: building the base image {fresh_tag} from Debian packages*",
        f"*build-base-image: built {fresh_tag} in *",
    ])
    assert docker_client.images.get(fresh_tag).labels.get("testronaut.kind") == "base"
