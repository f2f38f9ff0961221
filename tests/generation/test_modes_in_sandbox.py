"""Generation in a real sandbox for a real archiver: Python's ``tarfile`` command line
(``-c ARCHIVE FILE...``, ``-l``, ``-e``, ``-t``; one of them must be given), installed
as ``pytar`` by a ``shell:`` step. Each mode gets a case on a pipeline that writes an
archive of the input files and reads it back (the extracting one is the round trip,
the input's content checked), ``--verbose`` gets a case inside a mode where it shows,
and every mode case gives the same output when run again."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from typing import Any

import pytest

from pytest_testronaut.generation.authoring import Authored
from pytest_testronaut.generation.differential import NO_EFFECT_TAG

from .tools import patient

INSTALL = ("shell:printf '#!/bin/sh\\nexec python3 -m tarfile \"$@\"\\n' "
           "> /usr/local/bin/pytar && chmod 755 /usr/local/bin/pytar")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Authored, Any]]:
    from pytest_testronaut.analysis.discover import discover
    from pytest_testronaut.generation.authoring import author_plan
    from pytest_testronaut.generation.cases import SEARCH_BOUNDS
    from pytest_testronaut.sandbox import SandboxConfig, standalone_sandbox

    base = tmp_path_factory.mktemp("pytar")
    config = SandboxConfig(install=(INSTALL,), base_dir=str(base))
    with standalone_sandbox(config) as sandbox, pytest.MonkeyPatch.context() as patch:
        runs, _ = SEARCH_BOUNDS["basic"]  # the run count bounds the search, not the time
        patch.setitem(SEARCH_BOUNDS, "basic", (runs, 600.0))
        spec = discover(sandbox.run, "pytar")
        yield author_plan(spec, run=patient(sandbox.run), install=[INSTALL]), sandbox


def _run(sandbox: Any, case: Any) -> tuple[int, str]:
    setup = "".join(f"printf %s {shlex.quote(text)} > {shlex.quote(name)}; "
                    for name, text in case.files.items())
    got = sandbox.run(["sh", "-c", f"cd $(mktemp -d) && {setup}{case.command}"], timeout=60)
    # ``--test`` prints its members' reprs: addresses, which a recorded case discounts
    return got.exit_code, re.sub(r"0x[0-9a-f]+", "0x?", got.stdout)


@pytest.mark.docker
def test_each_mode_gets_a_case_on_a_working_pipeline(generated: tuple[Authored, Any]) -> None:
    authored, sandbox = generated
    cases = {c.id: c for c in authored.plan.cases}
    for mode in ("create", "list", "extract", "test"):
        case = cases.get(f"mode-{mode}")
        assert case is not None, list(cases)
        assert NO_EFFECT_TAG not in case.tags
        assert f"--{mode}" in str(case.command) and "input.txt" in case.files
        status, out = _run(sandbox, case)
        assert status == 0, (case.command, out)
        assert (status, out) == _run(sandbox, case)  # the same when run again
    # the round trip: create, then extract; the input's content is in the output
    extract = cases["mode-extract"]
    assert "round trip" in extract.description
    assert extract.files["input.txt"].splitlines()[0] in _run(sandbox, extract)[1]


@pytest.mark.docker
def test_an_option_shows_inside_a_mode(generated: tuple[Authored, Any]) -> None:
    authored, sandbox = generated
    verbose = next((c for c in authored.plan.cases if "--verbose" in str(c.command)
                    and "-mode-" in c.id), None)
    assert verbose is not None, [(c.id, c.tags) for c in authored.plan.cases]
    assert NO_EFFECT_TAG not in verbose.tags
    without = verbose.model_copy(update={"command": str(verbose.command).replace(
        "--verbose ", "")})
    assert _run(sandbox, verbose) != _run(sandbox, without)
