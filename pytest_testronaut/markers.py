"""The ``testronaut`` marker: reading, merging and validating its keywords."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

MARKER = "testronaut"
MARKER_DOC = (
    "testronaut(image=None, dockerfile=None, context=None, install=None, "
    "isolation='module', network=False, timeout=60, user=None, memory='512m', cpus=1.0, "
    "pids=256, read_only=False, cap_add=(), no_new_privileges=True, env=None, "
    "workdir='/work'): the sandbox the test's "
    "testronaut_env fixture gets. isolation: 'session', 'module' or 'test' decides which "
    "tests share one container; install: 'pip:PATH_OR_REQ', 'apt:PKG', 'script:FILE' or "
    "'shell:COMMAND' (or a list; install=[] cancels a farther marker's steps), paths "
    "relative to the test file."
)
ALLOWED = ("image", "dockerfile", "context", "install", "isolation", "network", "timeout",
           "user", "memory", "cpus", "pids", "read_only", "cap_add", "no_new_privileges", "env",
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
    return kwargs
