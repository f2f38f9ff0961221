"""The ``testronaut`` marker: reading, merging and validating its keywords."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

MARKER = "testronaut"
MARKER_DOC = (
    "testronaut(image=None, dockerfile=None, context=None, install=None, "
    "isolation='module', network=False, timeout=60, user=None, memory='512m', disk='1g', "
    "cpus=1.0, "
    "pids=256, read_only=False, cap_add=(), no_new_privileges=True, env=None, "
    "workdir='/work'): the sandbox the test's "
    "testronaut_env fixture gets. isolation: 'session', 'module' or 'test' decides which "
    "tests share one container; install: 'pip:PATH_OR_REQ', 'apt:PKG', 'script:FILE' or "
    "'shell:COMMAND' (or a list; install=[] cancels a farther marker's steps), paths "
    "relative to the test file."
)
ALLOWED = ("image", "dockerfile", "context", "install", "isolation", "network", "timeout",
           "user", "memory", "disk", "cpus", "pids", "read_only", "cap_add", "no_new_privileges", "env",
           "workdir")


def marker_overrides(item: pytest.Item) -> dict[str, Any]:
    """The keywords of every ``testronaut`` marker on ``item``, the closest winning.
    Relative paths in them are relative to the test file (:func:`base_dir`)."""
    merged: dict[str, Any] = {}
    marks = list(item.iter_markers(MARKER))
    for mark in reversed(marks):  # farthest first, so closer ones overwrite
        merged.update(validate(mark, item))
    return merged


def base_dir(item: pytest.Item) -> Path:
    """The folder ``dockerfile``, ``context`` and ``install`` paths are relative to."""
    return Path(str(item.path)).parent


def validate(mark: pytest.Mark, item: pytest.Item) -> dict[str, Any]:
    where = f"{item.nodeid}: @pytest.mark.{MARKER}"
    if mark.args:
        pytest.fail(f"{where} takes keywords only, got positional {mark.args!r}; "
                    f"allowed keywords: {', '.join(ALLOWED)}", pytrace=False)
    unknown = sorted(set(mark.kwargs) - set(ALLOWED))
    if unknown:
        pytest.fail(f"{where} got unknown keyword(s) {', '.join(unknown)}; "
                    f"allowed keywords: {', '.join(ALLOWED)}", pytrace=False)
    kwargs = dict(mark.kwargs)
    isolation = kwargs.get("isolation")
    if isolation is not None and isolation not in ("session", "module", "test"):
        pytest.fail(f"{where}: isolation={isolation!r} is not one of 'session', 'module', "
                    "'test'", pytrace=False)
    install = kwargs.get("install")
    if install is not None and not isinstance(install, str):
        if not isinstance(install, Iterable):
            pytest.fail(f"{where}: install must be a string or a list of strings", pytrace=False)
        kwargs["install"] = tuple(install)
    problems = value_problems(kwargs)
    if problems:
        pytest.fail(f"{where}: " + "; ".join(problems), pytrace=False)
    return kwargs


def value_problems(kwargs: dict[str, Any]) -> list[str]:
    """What is wrong with the values of a marker's keywords (``cap_add=5``,
    ``timeout=float('inf')``, ``memory='0'``), checked as the sandbox configuration checks
    them, so a marker that passes here does not fail when its sandbox starts."""
    from pydantic import ValidationError

    from .sandbox.config import SandboxConfig

    given = {k: v for k, v in kwargs.items() if k in SandboxConfig.model_fields and v is not None}
    try:
        SandboxConfig(**given)
    except ValidationError as exc:
        return [f"{'.'.join(str(p) for p in err['loc'])}={err.get('input')!r}: "
                f"{str(err['msg']).removeprefix('Value error, ')}" for err in exc.errors()]
    return []


# --- the testronaut_workflow marker ---------------------------------------------------
WORKFLOW_MARKER = "testronaut_workflow"
WORKFLOW_MARKER_DOC = (
    "testronaut_workflow(name=None, *, setup=False, teardown=False): on a class or module, "
    "its tests are the steps of one end-to-end workflow, run in order in one shared "
    "sandbox; a failed step skips the later ones ('step X failed'). On a test of it, "
    "setup=True runs the test first, teardown=True last and even after a failure."
)
WORKFLOW_ROLE_KEYWORDS = ("setup", "teardown")


def workflow_name(mark: pytest.Mark, default: str, where: str) -> str:
    """The workflow name a class or module marker gives (``default``: its own name)."""
    if mark.kwargs:
        raise pytest.UsageError(
            f"{where}: @pytest.mark.{WORKFLOW_MARKER} on a class or module takes only a "
            f"name, got keyword(s) {', '.join(sorted(mark.kwargs))}; setup=/teardown= go "
            "on the step's own test")
    if len(mark.args) > 1 or (mark.args and not isinstance(mark.args[0], str)):
        raise pytest.UsageError(f"{where}: @pytest.mark.{WORKFLOW_MARKER} takes one name "
                                f"(a string), got {mark.args!r}")
    return str(mark.args[0]) if mark.args else default


def workflow_role(mark: pytest.Mark, where: str) -> str:
    """The role a step's own marker gives: ``setup``, ``teardown`` or ``step``."""
    if mark.args:
        raise pytest.UsageError(
            f"{where}: @pytest.mark.{WORKFLOW_MARKER} on a test takes setup=True or "
            f"teardown=True, not a name ({mark.args!r}): name the workflow on its class "
            "or module")
    unknown = sorted(set(mark.kwargs) - set(WORKFLOW_ROLE_KEYWORDS))
    if unknown:
        raise pytest.UsageError(f"{where}: @pytest.mark.{WORKFLOW_MARKER} got unknown "
                                f"keyword(s) {', '.join(unknown)}; allowed on a test: "
                                f"{', '.join(WORKFLOW_ROLE_KEYWORDS)}")
    roles = [k for k in WORKFLOW_ROLE_KEYWORDS if mark.kwargs.get(k)]
    if len(roles) > 1:
        raise pytest.UsageError(f"{where}: a step is setup or teardown, not both")
    return roles[0] if roles else "step"
