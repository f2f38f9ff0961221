"""``testronaut generate --spec`` (offline) and ``testronaut check-plan``."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_testronaut.cli import main
from pytest_testronaut.plans import load_plan

from .specs import sort_spec


def test_generate_from_spec_then_merge_shows_diff(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    spec_file = tmp_path / "sort.json"
    spec_file.write_text(sort_spec().model_dump_json(), encoding="utf-8")
    out = tmp_path / "sort.testronaut.yaml"
    assert main(["generate", "--spec", str(spec_file), "-o", str(out), "--image", "img:1"]) == 0
    assert "wrote 13 cases" in capsys.readouterr().err
    plan = load_plan(out).plan
    assert plan.image == "img:1" and len(plan.cases) == 13

    # a person edits a case; regeneration at a larger scope keeps it and prints the diff
    text = out.read_text(encoding="utf-8").replace("command: sort --reverse",
                                                   "command: sort --reverse --stable")
    out.write_text(text, encoding="utf-8")
    assert main(["generate", "--spec", str(spec_file), "-o", str(out),
                 "--scope", "comprehensive"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"--- a/{out}\n+++ b/{out}\n")
    assert "+  - id: error-sort-bad-choice" in captured.out
    assert "kept as edited or reviewed" in captured.err
    merged = {c.id: c for c in load_plan(out).plan.cases}
    assert merged["reverse-numbers"].command == "sort --reverse --stable"
    assert load_plan(out).plan.image == "img:1"

    assert main(["generate", "--spec", str(spec_file), "-o", str(out),
                 "--scope", "comprehensive", "--quiet"]) == 0
    assert capsys.readouterr().out == ""


def test_generate_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "p.testronaut.yaml")
    assert main(["generate", "-o", out]) == 2
    assert "give either TOOL" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"tool": "x"}', encoding="utf-8")
    assert main(["generate", "--spec", str(bad), "-o", out]) == 2
    assert "bad.json: not a CLI spec (it has tool); expected the JSON of `testronaut " \
        "analyze TOOL --json`" in capsys.readouterr().err


def test_check_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.testronaut.yaml"
    good.write_text("tool: ls\ncases:\n  - id: a\n    command: ls\n", encoding="utf-8")
    bad = tmp_path / "bad.testronaut.yaml"
    bad.write_text("tool: ls\ncases:\n  - id: a\n    comand: ls\n", encoding="utf-8")
    assert main(["check-plan", str(good)]) == 0
    assert "ok (1 cases, 0 workflows)" in capsys.readouterr().out
    assert main(["check-plan", str(good), str(bad)]) == 2
    assert f"{bad}:4: cases[0].comand: unknown key 'comand'" in capsys.readouterr().err
