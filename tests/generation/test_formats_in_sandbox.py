"""Generation in a real sandbox for a small Python tool reading JSON or TOML (the standard
library's parsers), installed by a ``pip:`` step (a local project built offline on this
machine): the option search and the forms run on JSON and TOML documents first, so
``--first`` (on a JSON array), ``--keys`` and ``--toml`` each get a case that shows
them, and an
invalid document gets a case of the error path. Text lines would show none of them:
the tool rejects every one."""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterator
from typing import Any

import pytest
from sandbox.local_project import make_local_project  # tests/sandbox (a package)

from pytest_testronaut.generation.authoring import Authored

from .tools import patient

DOCPICK = '''\
"""Print a JSON document read from FILE or standard input again as JSON (a TOML
document with --toml)."""
import argparse
import json
import sys
import tomllib


def main():
    parser = argparse.ArgumentParser(prog="docpick", description=__doc__)
    parser.add_argument("file", nargs="?", help="the JSON file (default: standard input)")
    parser.add_argument("--first", action="store_true",
                        help="print the first element of a top-level array")
    parser.add_argument("--keys", action="store_true",
                        help="print the keys of the top-level object, one a line")
    parser.add_argument("--toml", action="store_true", help="read TOML, not JSON")
    args = parser.parse_args()
    text = open(args.file).read() if args.file else sys.stdin.read()
    try:
        data = tomllib.loads(text) if args.toml else json.loads(text)
    except ValueError as exc:
        sys.exit(f"docpick: invalid document: {exc}")
    if args.keys:
        print("\\n".join(data) if isinstance(data, dict) else "")
        return
    if args.first and isinstance(data, list):
        data = data[0] if data else None
    print(json.dumps(data, ensure_ascii=False))
'''


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Authored, Any]]:
    from pytest_testronaut.analysis.discover import discover
    from pytest_testronaut.generation.authoring import author_plan
    from pytest_testronaut.generation.cases import SEARCH_BOUNDS
    from pytest_testronaut.sandbox import SandboxConfig, standalone_sandbox

    base = tmp_path_factory.mktemp("docpick")
    project = make_local_project(base / "docpick", "docpick", "pass")
    (project / "docpick.py").write_text(DOCPICK)
    config = SandboxConfig(install=("pip:./docpick",), base_dir=str(base))
    with standalone_sandbox(config) as sandbox, pytest.MonkeyPatch.context() as patch:
        runs, _ = SEARCH_BOUNDS["basic"]  # the run count bounds the search, not the time
        patch.setitem(SEARCH_BOUNDS, "basic", (runs, 600.0))
        spec = discover(sandbox.run, "docpick")
        yield author_plan(spec, run=patient(sandbox.run), install=["pip:./docpick"]), sandbox


def _input(case: Any) -> str:
    return str(case.stdin if case.stdin is not None else case.files.get("input.txt", ""))


@pytest.mark.docker
def test_options_show_on_documents_of_the_formats_the_help_names(
        generated: tuple[Authored, Any]) -> None:
    authored, sandbox = generated
    cases = authored.plan.cases
    shown = {flag: next((c for c in cases if flag in shlex.split(str(c.command))
                         and "no_observed_effect" not in c.tags), None)
             for flag in ("--first", "--keys", "--toml")}
    assert all(shown.values()), [(c.id, c.command, c.tags) for c in cases]
    assert isinstance(json.loads(_input(shown["--first"])), list)  # an array
    assert isinstance(json.loads(_input(shown["--keys"])), dict)  # an object
    toml = shown["--toml"]
    assert "[" in _input(toml) and "=" in _input(toml)  # a TOML document
    # the case's command really differs from the same one without the option
    for case in [c for c in shown.values() if c is not None]:
        words = shlex.split(str(case.command))
        without = [w for w in words if w not in ("--first", "--keys", "--toml")]
        setup = "".join(f"printf %s {shlex.quote(text)} > {shlex.quote(name)}; "
                        for name, text in case.files.items())
        stdin = shlex.quote(case.stdin or "")
        runs = [sandbox.run(["sh", "-c", f"cd $(mktemp -d) && {setup}printf %s {stdin} | "
                             f"{shlex.join(argv)}"], timeout=60) for argv in (words, without)]
        assert (runs[0].exit_code, runs[0].stdout) != (runs[1].exit_code, runs[1].stdout)


@pytest.mark.docker
def test_forms_read_documents_first_and_an_invalid_one(
        generated: tuple[Authored, Any]) -> None:
    authored, _ = generated
    runs = [c for c in authored.plan.cases if c.id.startswith("run-")]
    assert runs, [c.id for c in authored.plan.cases]
    first = runs[0]
    assert json.loads(_input(first)) is not None, first
    assert any("invalid JSON" in c.description for c in runs), [c.id for c in runs]
    assert not [c for c in authored.plan.cases if "nondeterministic" in c.tags]
