"""A checker of Python files in a real sandbox (issue #8): the plan runs it on a Python
file under its suffix (it reads ``*.py`` only) and gives ``--ignore`` a code the
checker itself printed; recorded and re-run on the real checker the plan passes, and a
build that ignores ``--ignore`` fails the option's case."""

from __future__ import annotations

import shlex

import pytest

from .faulty_builds import (
    faulty_builds_install,
    generate_in_sandbox,
    record_and_run_faulty_builds,
)
from .minilint import MINILINT

TOOL = "minilint"
REAL = f"#!/usr/bin/python3\n{MINILINT}"
# the real checker with --ignore and its value taken out of its arguments
IGNORES_IGNORE = (
    "#!/usr/bin/python3\nimport os, sys\nargs, out = sys.argv[1:], []\n"
    "while args:\n    word = args.pop(0)\n"
    "    if word == '--ignore':\n        args = args[1:]\n"
    "    elif not word.startswith('--ignore='):\n        out.append(word)\n"
    "os.execvp('python3', ['python3', '/usr/local/bin/minilint', *out])\n")
INSTALL = faulty_builds_install(TOOL, REAL, {"ignore": IGNORES_IGNORE})


@pytest.mark.docker
def test_a_checker_plan_ignores_a_code_it_printed_and_catches_a_build_that_does_not(
        pytester: pytest.Pytester) -> None:
    plan = generate_in_sandbox(TOOL, INSTALL)
    ignore = next(c for c in plan.cases if str(c.command).startswith(f"{TOOL} --ignore"))
    assert "no_observed_effect" not in ignore.tags, ignore
    words = shlex.split(str(ignore.command))
    assert words[2] in {"L001", "L002", "L003", "L004", "L"}, words  # a code it printed
    assert "input.py" in words and "input.py" in ignore.files
    run = record_and_run_faulty_builds(pytester, plan, ["ignore"])
    assert ignore.id in run.failed["ignore"], run.failed
