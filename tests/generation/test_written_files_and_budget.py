"""Generation reads the files a command writes with its other modes (``gzip -l`` on
the ``.gz`` that ``gzip FILE`` wrote), and shares its run budget so a tool with many
options has every option searched (diff, 50 options): a first pass tries each option
where most show, the rest then get equal shares of the runs left. Real tools (gzip,
diff) run on this machine through the prober."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pytest_testronaut.generation import generate_plan
from pytest_testronaut.generation.differential import NO_EFFECT_TAG

from .tools import LocalRun


@pytest.fixture
def run(tmp_path: Path) -> LocalRun:
    return LocalRun(tmp_path)


def _shell(command: str, files: dict[str, str], folder: Path) -> tuple[int, str]:
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_text(content)
    got = subprocess.run(["sh", "-c", command], cwd=folder, capture_output=True, text=True,
                         errors="replace",
                         check=False)
    return got.returncode, got.stdout


def test_a_list_mode_reads_the_file_the_command_wrote(run: LocalRun, tmp_path: Path) -> None:
    plan = generate_plan(run.spec("gzip"), run=run)
    # on the file ``gzip input.txt`` wrote, or (a mode-driven tool, see .modes) on
    # the archive the pipeline of its modes wrote
    listed = next(c for c in plan.cases if c.id in ("list-written", "mode-list"))
    assert isinstance(listed.command, str) and "gzip --list " in listed.command
    assert "input.txt" in listed.files  # the input the first command compresses
    status, out = _shell(listed.command, listed.files, tmp_path / "a")
    without = listed.command.replace("gzip --list ", "gzip ")
    assert status == 0 and "uncompressed" in out  # its listing
    assert (status, out) != _shell(without, listed.files, tmp_path / "b")


def test_every_option_of_a_large_tool_is_searched(run: LocalRun) -> None:
    findings: list[str] = []
    plan = generate_plan(run.spec("diff"), run=run, findings=findings)
    assert not [f for f in findings if "budget was spent" in f], findings
    # options late in diff's help (the 40th and after), which a budget spent in help
    # order on the options before them left untested
    for flag in ("--ignore-case", "--ignore-all-space", "--ignore-space-change"):
        case = next(c for c in plan.cases if flag in str(c.command).split())
        assert NO_EFFECT_TAG not in case.tags, case.command
