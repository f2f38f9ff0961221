"""An expression tool and a text fixer in a real sandbox (issue #8): the plan reads a
JSON document through expressions selecting different parts of it, and gives a line
ending fixer CRLF endings (the sandbox's runs keep them); recorded and re-run on the
real tools the plans pass, and builds reading an index one too high, or ignoring the
CRLF option, fail a case."""

from __future__ import annotations

import pytest

from .faulty_builds import (
    faulty_builds_install,
    generate_in_sandbox,
    record_and_run_faulty_builds,
)
from .test_feature_values import CLEANTEXT, PICK

PICK_REAL = PICK.replace("#!/usr/bin/env python3", "#!/usr/bin/python3", 1)
# the real tool, every number in its expression one higher (``a[0]`` read as ``a[1]``)
INDEX_OFF = (
    "#!/usr/bin/python3\nimport os, re, sys\n"
    "args = [re.sub(r'\\d+', lambda m: str(int(m.group()) + 1), a) if not a.startswith('-')"
    " else a for a in sys.argv[1:]]\n"
    "os.execvp('python3', ['python3', '/usr/local/bin/pick', *args])\n")
CLEAN_REAL = CLEANTEXT.replace("#!/usr/bin/env python3", "#!/usr/bin/python3", 1)
# the real fixer with --crlf taken out of its arguments
IGNORES_CRLF = (
    "#!/usr/bin/python3\nimport os, sys\n"
    "args = [a for a in sys.argv[1:] if a != '--crlf']\n"
    "os.execvp('python3', ['python3', '/usr/local/bin/cleantext', *args])\n")


@pytest.mark.docker
def test_an_expression_plan_catches_an_index_read_one_too_high(
        pytester: pytest.Pytester) -> None:
    install = faulty_builds_install("pick", PICK_REAL, {"index": INDEX_OFF})
    plan = generate_in_sandbox("pick", install)
    values = [c for c in plan.cases if c.id.startswith("value-expression")]
    assert len(values) >= 3, [c.id for c in plan.cases]
    run = record_and_run_faulty_builds(pytester, plan, ["index"])
    assert set(run.failed["index"]) & {c.id for c in values}, run.failed


@pytest.mark.docker
def test_a_fixer_plan_gives_crlf_endings_and_catches_a_build_ignoring_them(
        pytester: pytest.Pytester) -> None:
    install = faulty_builds_install("cleantext", CLEAN_REAL, {"crlf": IGNORES_CRLF})
    plan = generate_in_sandbox("cleantext", install)
    crlf = next(c for c in plan.cases if str(c.command).startswith("cleantext --crlf"))
    assert "no_observed_effect" not in crlf.tags, crlf
    assert "\r\n" in (crlf.stdin or "") + "".join(crlf.files.values()), crlf
    run = record_and_run_faulty_builds(pytester, plan, ["crlf"])
    assert crlf.id in run.failed["crlf"], run.failed
