"""An option whose value is a folder (issue #8, T8b): it is tried with each folder of
the folder state (one with files, an empty one, a symlink to one, nested folders, one
that is not there), so an option that works only on some of them gets a case where
it works, and a build ignoring it fails that case. The tool here moves files into a
folder that must be there and empty (``dir``, the one folder tried before, holds
files: it only ever made the tool fail)."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest

from pytest_testronaut.analysis.parse import parse_help
from pytest_testronaut.analysis.spec import CliSpec
from pytest_testronaut.generation import folder_state
from pytest_testronaut.generation.differential import NO_EFFECT_TAG
from pytest_testronaut.generation.evidence import option_values
from pytest_testronaut.plans.model import Case

from .faulty_builds import faulty_builds_install, record_and_run_faulty_builds
from .tools import LocalRun

TOOL = "stashin"
HELP = """Usage: stashin [OPTION]... FILE...
Move each FILE into the stash folder (./stash unless --into is given).

  -i, --into=DIR   move into DIR, an empty folder
      --help       display this help and exit
"""


def _script(honours_into: bool) -> str:
    """The tool; a faulty build reads ``--into`` and then ignores it."""
    keep = 'dir=$2' if honours_into else ':'
    return f"""#!/bin/sh
if [ "$1" = --help ]; then printf '%s' '{HELP}'; exit 0; fi
dir=stash
case "$1" in -i|--into) {keep}; shift 2;; esac
[ "$dir" = stash ] && mkdir -p stash
if [ ! -d "$dir" ] || [ -n "$(ls -A "$dir")" ]; then
  echo "stashin: $dir is not an empty folder" >&2; exit 1
fi
mv -- "$@" "$dir"/
"""


def _into_case(cases: list[Case]) -> Case:
    return next(c for c in cases if "--into" in shlex.split(str(c.command)))


def test_a_folder_option_is_tried_with_every_kind_of_folder() -> None:
    option = parse_help(HELP, name=TOOL, path=[TOOL]).options[0]
    values = option_values(option, "x")
    # each folder of the folder state, before the other guesses
    assert values[:5] == list(folder_state.DIRECTORY_VALUES)
    assert {"empty", "linkdir", "nest", "missing-dir"} <= set(values)


def test_the_folder_state_has_the_folders_its_values_name(tmp_path: Path) -> None:
    for name, text in folder_state.case_files().items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    folder = tmp_path / folder_state.STATE
    got = subprocess.run(["sh", "-c", f"sh {folder_state.SETUP_FILE} && find . | sort"],
                         cwd=folder, capture_output=True, text=True, check=True)
    entries = got.stdout.split()
    for name in ("./dir", "./empty", "./linkdir", "./nest", "./nest/deeper"):
        assert name in entries, entries
    assert "./missing-dir" not in entries
    assert not list((folder / "nest" / "deeper").iterdir())  # an empty folder in a folder
    assert (folder / "linkdir").is_symlink() and (folder / "linkdir").is_dir()


DROPPING_DIR = """#!/bin/sh
n=$#
for a; do case $a in -d|--dir) ;; *) set -- "$@" "$a";; esac; done
shift $n
exec /bin/rm "$@"
"""


def test_an_option_for_empty_folders_shows_on_the_empty_one(tmp_path: Path) -> None:
    """``rm -d`` works only on an empty folder: the folder search keeps a failing
    operand list of each length the working ones have (``rm empty`` beside ``rm
    input.txt``), so the option has a case there, which a build ignoring it fails."""
    from pytest_testronaut.generation.cases import generate_plan

    run = LocalRun(tmp_path / "probe")
    plan = generate_plan(run.spec("rm"), run=run)
    case = next(c for c in plan.cases if "--dir" in shlex.split(str(c.command)))
    assert NO_EFFECT_TAG not in case.tags, case.command
    assert "rm --dir empty" in str(case.command)
    (tmp_path / "fault").mkdir()
    (tmp_path / "fault" / "rm").write_text(DROPPING_DIR)
    (tmp_path / "fault" / "rm").chmod(0o755)
    outputs = []
    for number, path in enumerate(["/usr/bin:/bin", "/usr/bin:/bin",
                                   f"{tmp_path / 'fault'}:/usr/bin:/bin"]):
        folder = tmp_path / f"run-{number}"
        for name, text in case.files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
        got = subprocess.run(["sh", "-c", str(case.command)], cwd=folder, check=False,
                             capture_output=True, text=True, env={"PATH": path})
        outputs.append((got.returncode, got.stdout))
    assert outputs[0] == outputs[1] and outputs[0][0] == 0  # the same on every run
    assert outputs[2] != outputs[0]  # the build ignoring --dir fails it


@pytest.mark.docker
def test_a_build_ignoring_a_folder_option_fails_the_case_where_it_works(
        pytester: pytest.Pytester) -> None:
    from pytest_testronaut.generation.cases import generate_plan
    from pytest_testronaut.sandbox import SandboxConfig, standalone_sandbox

    install = faulty_builds_install(TOOL, _script(True), {"ignores-into": _script(False)})
    with standalone_sandbox(SandboxConfig(install=(install,))) as sandbox:
        text = sandbox.run([TOOL, "--help"]).stdout
        spec = CliSpec(tool=TOOL, root=parse_help(text, name=TOOL, path=[TOOL]))
        plan = generate_plan(spec, install=[install], run=sandbox.run)
    case = _into_case(plan.cases)
    assert NO_EFFECT_TAG not in case.tags, case.command
    words = shlex.split(str(case.command))
    value = words[words.index("--into") + 1]
    # the folder on which the tool works: the empty one (``dir`` only fails)
    assert value == "empty", case.command
    run = record_and_run_faulty_builds(pytester, plan, ["ignores-into"])
    recorded = next(c for c in run.recorded.cases if c.id == case.id)
    assert recorded.exit in (0, "success"), recorded  # the case is the tool working
    assert f"./{value}/input" in str(recorded.stdout.equals if recorded.stdout else "")
    assert case.id in run.failed["ignores-into"], run.failed
