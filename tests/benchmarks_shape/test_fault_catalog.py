"""The fault benchmark's catalogue (benchmarks/faults) is well-formed, and its wrapper bends
only the behaviour a fault names.

Only shape is checked: the split's parts, every fault's kind and parameters, a witness in
witness.sh for every fault, the fourth to seventh hold-out parts' make-up (new tools, PyPI
tools pinned, faults in their own file; the fifth's to seventh's freeze time, and their tools
named in no test of analysis or generation). No plan is generated and no fault is counted
as caught or missed here, so nothing in this test is a reason to look at the hold-out's
results. The wrapper tests run the real wrapper.py on this machine with its own fault
table (no Docker needed).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
FAULTS_DIR = ROOT / "benchmarks" / "faults"
KINDS = {"drop": ("flags",), "bump": ("flags",), "unsign": ("flags",),
         "rewrite": ("flags", "pattern", "replace"), "add": ("args",), "operand": ("mode",),
         "input": ("mode",), "output": ("mode",), "exit": ("from", "to")}
MODES = {"operand": {"drop-second", "first-only", "second-is-first", "drop-middle",
                     "drop-key", "bump-key", "bump-nth", "drop-nth"},
         "input": {"drop-unterminated", "empty-fails"},
         "output": {"drop-last-line", "drop-final-newline", "strip-padding",
                    "drop-empty-lines", "bump-first-int"}}
PARTS = ("second_holdout", "third_holdout", "fourth_holdout", "fifth_holdout", "sixth_holdout",
         "seventh_holdout")


@pytest.fixture(scope="module")
def catalog() -> ModuleType:
    sys.path.insert(0, str(FAULTS_DIR))
    try:
        spec = importlib.util.spec_from_file_location("faults_catalog", FAULTS_DIR / "catalog.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(FAULTS_DIR))
    return module


def test_the_split_is_disjoint_and_every_part_is_hold_out(catalog: ModuleType) -> None:
    sets = catalog.split()
    assert not set(sets["tuning"]) & set(sets["holdout"])
    assert len(set(sets["holdout"])) == len(sets["holdout"])
    seen: set[str] = set()
    for part in PARTS:
        tools = set(sets[part])
        assert tools <= set(sets["holdout"]), part
        assert not tools & seen, f"{part} repeats a tool of an earlier part"
        seen |= tools


def test_every_tool_has_its_syntax_and_faults(catalog: ModuleType) -> None:
    sets = catalog.split()
    for tool in sets["tuning"] + sets["holdout"]:
        assert tool in catalog.TOOLS, tool
        assert catalog.faults_of(tool), tool
    assert {f["tool"] for f in catalog.FAULTS} <= set(sets["tuning"] + sets["holdout"])


def test_every_fault_has_a_known_kind_and_its_parameters(catalog: ModuleType) -> None:
    ids = [f["id"] for f in catalog.FAULTS]
    assert len(ids) == len(set(ids)), "a fault id is used twice"
    problems = []
    for fault in catalog.FAULTS:
        kind = fault["kind"]
        if kind not in KINDS:
            problems.append(f"{fault['id']}: unknown kind {kind}")
            continue
        problems += [f"{fault['id']}: no {p}" for p in KINDS[kind] if p not in fault]
        if kind in MODES and fault.get("mode") not in MODES[kind]:
            problems.append(f"{fault['id']}: unknown {kind} mode {fault.get('mode')}")
        if not fault["id"].startswith(fault["tool"] + "."):
            problems.append(f"{fault['id']}: id does not start with its tool")
    assert not problems, "\n".join(problems)


def test_every_fault_has_a_witness(catalog: ModuleType) -> None:
    script = (FAULTS_DIR / "witness.sh").read_text()
    witnessed = re.findall(r"^w (\S+) ", script, re.MULTILINE)
    assert len(witnessed) == len(set(witnessed)), "a fault has two witnesses"
    assert set(witnessed) == {f["id"] for f in catalog.FAULTS}


@pytest.mark.parametrize(("part", "own_faults"), [("fourth_holdout", "FAULTS4"),
                                                   ("fifth_holdout", "FAULTS5"),
                                                   ("sixth_holdout", "FAULTS_HOLDOUT6"),
                                                   ("seventh_holdout", "FAULTS_HOLDOUT7")])
def test_a_later_part_is_new_tools_of_new_kinds(catalog: ModuleType, part: str,
                                                own_faults: str) -> None:
    sets = catalog.split()
    tools = sets[part]
    earlier = set(sets["tuning"]) | {t for t in sets["holdout"] if t not in tools}
    assert len(tools) >= 8 and not set(tools) & earlier
    pypi = [t for t in tools if catalog.pip_requirement(t)]
    assert len(pypi) >= 4
    # pinned (a dependency too, where its newest release does not fit the image), so the
    # hold-out does not move with a new release
    pinned = r"[\w.-]+==[\w.]+"
    assert all(re.fullmatch(rf"{pinned}(,{pinned})*", catalog.pip_requirement(t)) for t in pypi)
    assert all(3 <= len(catalog.faults_of(t)) <= 5 for t in tools)
    # the faults live in their own file, which the tuner does not open
    own = {f["id"] for f in getattr(catalog, own_faults)}
    assert own == {f["id"] for t in tools for f in catalog.faults_of(t)}


@pytest.mark.parametrize(("part", "module"), [("fifth_holdout", "catalog_holdout5"),
                                              ("sixth_holdout", "catalog_holdout6"),
                                              ("seventh_holdout", "catalog_holdout7")])
def test_a_later_part_was_frozen_and_is_named_in_no_generator_test(
        catalog: ModuleType, part: str, module: str) -> None:
    frozen = sys.modules[module]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", frozen.FROZEN_AT)
    assert frozen.FROZEN_AT in (frozen.__doc__ or "")
    # A hold-out tool that a test of analysis or generation runs or quotes is no longer
    # unseen. Tools whose names are ordinary words (du, install; tar, which docker's and
    # pip's help texts name as an archive format) are left out of this look.
    names = [t for t in catalog.split()[part] if t not in ("du", "install", "tar")]
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    named = [f"{path.relative_to(ROOT)}: {match.group()}"
             for folder in ("analysis", "generation")
             for path in sorted((ROOT / "tests" / folder).rglob("*"))
             if path.is_file() and path.suffix in (".py", ".txt", ".json", ".yaml")
             for match in [pattern.search(path.read_text(errors="replace"))] if match]
    assert not named, named


def wrapper_run(tmp_path: Path, fault: dict[str, Any], tool: str, args: list[str],
                tools: dict[str, Any] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real wrapper.py as the benchmark image does: a fault folder first on PATH."""
    root = tmp_path / "faults"
    (root / fault["id"]).mkdir(parents=True)
    shutil.copy(FAULTS_DIR / "wrapper.py", root / "wrapper.py")
    (root / "faults.json").write_text(json.dumps(
        {"tools": tools or {}, "faults": {fault["id"]: {"tool": tool, **fault}}}))
    path = f"{root / fault['id']}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run([sys.executable, str(root / "wrapper.py"), fault["id"], tool, *args],
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "PATH": path})


def test_the_real_tool_runs_without_the_fault_folder_on_its_path(tmp_path: Path) -> None:
    fault = {"id": "sh.ignores-x", "kind": "drop", "flags": ["-x"]}
    result = wrapper_run(tmp_path, fault, "sh", ["-c", 'echo "$PATH"'])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == os.environ["PATH"]


def test_drop_middle_keeps_the_first_and_the_last_operand(tmp_path: Path) -> None:
    fault = {"id": "echo.middle", "kind": "operand", "mode": "drop-middle"}
    assert wrapper_run(tmp_path, fault, "echo", ["a", "b", "c", "d"]).stdout == "a d\n"
    assert wrapper_run(tmp_path / "two", fault, "echo", ["a", "b"]).stdout == "a b\n"


def test_key_operand_modes_bend_only_the_named_key(tmp_path: Path) -> None:
    dropped = {"id": "echo.conv", "kind": "operand", "mode": "drop-key", "key": "conv"}
    out = wrapper_run(tmp_path, dropped, "echo", ["if=a", "conv=ucase", "count=2"]).stdout
    assert out == "if=a count=2\n"
    bumped = {"id": "echo.count", "kind": "operand", "mode": "bump-key", "key": "count"}
    out = wrapper_run(tmp_path / "b", bumped, "echo", ["conv=ucase", "count=2"]).stdout
    assert out == "conv=ucase count=3\n"
