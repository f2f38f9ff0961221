"""Plan cases and workflow steps report the files they changed when their plan asks
(``track_files``): real runs of plan files in Docker, read back from the report; bad
values are refused with their file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pytest_testronaut.cli import main

PLAN = """\
version: 1
tool: sh
settings:
  track_files: true
cases:
  - id: writes
    command: mkdir -p out && echo x > out/a.txt && echo y > /tmp/b && exit 1
    exit: 0
  - id: own-dirs
    track_files: [out, /var/tmp]
    command: echo z > out/a.txt; echo w > /tmp/ignored; rm /tmp/b; echo v > /var/tmp/c; false
    exit: 0
  - id: reads
    command: cat /etc/hostname; false
    exit: 0
  - id: untracked
    track_files: false
    command: echo q > out/e.txt; false
    exit: 0
workflows:
  - id: flow
    steps:
      - id: make
        command: echo 1 > state
        exit: 0
      - id: change
        command: echo 2 > state; exit 3
        exit: 0
"""


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "--testronaut", *args,
                                         timeout=180)


@pytest.mark.docker
def test_plan_cases_and_steps_report_their_changed_files(pytester: pytest.Pytester) -> None:
    (pytester.path / "files.testronaut.yaml").write_text(PLAN)
    result = _run(pytester, "--testronaut-report=out")
    result.assert_outcomes(passed=1, failed=5)
    report = json.loads((pytester.path / "out" / "report.json").read_text())
    changed = {c["key"].split("::", 1)[1]: c["commands"][-1]["files_changed"]
               for c in report["cases"]}
    assert changed["writes"] == {"added": ["/tmp/b", "/work/out", "/work/out/a.txt"],
                                 "changed": [], "deleted": []}
    # only the directories the case names: /tmp is not one of them
    assert changed["own-dirs"] == {"added": ["/var/tmp/c"], "changed": ["/work/out/a.txt"],
                                   "deleted": []}
    assert changed["untracked"] is None
    assert changed["flow::make"] == {"added": ["/work/state"], "changed": [], "deleted": []}
    assert changed["flow::change"] == {"added": [], "changed": ["/work/state"], "deleted": []}
    html = (pytester.path / "out" / "report.html").read_text()
    article = html[html.index("files.testronaut.yaml::own-dirs"):]
    listed = article[article.index("changed files:"):article.index("</article>")]
    assert "added: <code>/var/tmp/c</code>" in listed
    assert "changed: <code>/work/out/a.txt</code>" in listed
    assert "/tmp/ignored" not in listed
    # watched, nothing changed: said so; not watched: nothing said
    assert changed["reads"] == {"added": [], "changed": [], "deleted": []}
    reads = html[html.index("files.testronaut.yaml::reads"):]
    assert "changed files:\n none in the watched directories" in reads[:reads.index("</article>")]
    untracked = html[html.index("files.testronaut.yaml::untracked"):]
    assert "changed files" not in untracked[:untracked.index("</article>")]


@pytest.mark.docker
def test_without_the_setting_nothing_is_snapshot(pytester: pytest.Pytester) -> None:
    (pytester.path / "plain.testronaut.yaml").write_text(
        "version: 1\ntool: sh\ncases:\n  - id: writes\n    command: echo x > f; false\n"
        "    exit: 0\n")
    _run(pytester, "--testronaut-report=out").assert_outcomes(failed=1)
    [case] = json.loads((pytester.path / "out" / "report.json").read_text())["cases"]
    assert case["commands"][-1]["files_changed"] is None


BAD = """\
version: 1
tool: sh
settings:
  track_files: 3
cases:
  - id: root
    command: "true"
    track_files: ["/"]
  - id: none
    command: "true"
    track_files: []
  - id: broken
    command: "true"
    track_files: ["out\\nerr"]
  - id: kernel
    command: "true"
    track_files: /proc/
"""


def test_bad_track_files_values_name_their_line(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "bad.testronaut.yaml"
    plan.write_text(BAD)
    assert main(["check-plan", str(plan)]) == 2
    err = capsys.readouterr().err
    assert "bad.testronaut.yaml:4: settings.track_files: int '3': write true, false, or a " \
        "list of directories to watch" in err
    assert "bad.testronaut.yaml:8: cases[0].track_files: '/': watching it would hash the " \
        "whole filesystem" in err
    assert "bad.testronaut.yaml:11: cases[1].track_files: name 1 to 20 directories" in err
    assert "bad.testronaut.yaml:14: cases[2].track_files: 'out\\nerr' is not a directory " \
        "path" in err
    assert "bad.testronaut.yaml:17: cases[3].track_files: '/proc/': watching it" in err


def test_one_directory_may_be_written_without_a_list(tmp_path: Path) -> None:
    from pytest_testronaut.plans import load_plan

    plan = tmp_path / "one.testronaut.yaml"
    plan.write_text("version: 1\ntool: sh\nsettings:\n  track_files: out\ncases:\n"
                    "  - id: a\n    command: 'true'\n    track_files: true\n")
    loaded = load_plan(plan).plan
    assert loaded.settings.track_files == ["out"]
    assert loaded.cases[0].track_files is True
