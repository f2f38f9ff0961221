"""Plan model, loading with file:line errors, saving, and the published schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pytest_testronaut.plans import (
    Plan,
    PlanError,
    dump_plan,
    load_plan,
    parse_plan_text,
    plan_json_schema,
    save_plan,
)
from pytest_testronaut.plans.errors import PlanErrors
from pytest_testronaut.plans.schema import SCHEMA_PATH, plan_schema_text

VALID = """\
version: 1
tool: sort
image: testronaut-base:bookworm
install: apt:coreutils
env: {LC_ALL: C, DEBUG: 1}
settings:
  timeout: 5
  normalize:
    - {name: stamp, pattern: '\\d{4}-\\d\\d-\\d\\d', placeholder: DATE}
cases:
  - id: reverse
    command: sort -r
    stdin: "a\\nb\\n"
    tags: [basic]
    exit: 0
    stdout: "b\\na\\n"
  - id: argv
    command: [sort, -n]
    files: {in.txt: "2\\n1\\n"}
    exit: failure
    stderr:
      regex: usage
      contains: [sort]
    stdout:
      json: {a: 1}
      json_match: equal
workflows:
  - id: flow
    tags: [slow_flow]
    steps:
      - command: echo id=7
        capture: {n: 'id=(\\d+)'}
      - id: use
        command: echo ${n} $${HOME}
"""


def test_valid_plan_loads_with_lines() -> None:
    loaded = parse_plan_text(VALID, "p.testronaut.yaml")
    plan = loaded.plan
    assert plan.install == ["apt:coreutils"]
    assert plan.env == {"LC_ALL": "C", "DEBUG": "1"}
    assert plan.cases[0].stdout is not None and plan.cases[0].stdout.equals == "b\na\n"
    assert plan.cases[1].stderr is not None and plan.cases[1].stderr.regex == ["usage"]
    assert plan.cases[1].stdout is not None and plan.cases[1].stdout.json_value == {"a": 1}
    assert [s.id for s in plan.workflows[0].steps] == ["step1", "use"]
    assert loaded.case_line("reverse") == 11
    assert loaded.case_line("argv") == 17
    assert loaded.step_line("flow", 1) == 33
    assert loaded.line_of("cases", 1, "stderr", "regex") == 22


def test_dump_round_trips_and_is_stable(tmp_path: Path) -> None:
    plan = parse_plan_text(VALID).plan
    text = dump_plan(plan)
    assert parse_plan_text(text).plan == plan
    assert dump_plan(parse_plan_text(text).plan) == text
    assert "stdin: |\n" in text  # multi-line text as a literal block
    assert "tags: [basic]" in text
    assert text.index("id: reverse") < text.index("command: sort -r")
    save_plan(plan, tmp_path / "x.testronaut.yaml")
    assert load_plan(tmp_path / "x.testronaut.yaml").plan == plan


def _error(text: str) -> PlanError:
    with pytest.raises(PlanError) as info:
        parse_plan_text(text, "bad.testronaut.yaml")
    return info.value


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        ("tool: x\ncases:\n  - id: a\n    command: ls\n    stout: {}\n", 5, "cases[0].stout",
         "unknown key 'stout' (did you mean 'stdout'?)"),
        ("tool: x\ncases:\n  - id: a\n    command: ls\n    zzz: {}\n", 5, "cases[0].zzz",
         "unknown key 'zzz'; allowed here: "),
        ("tool: x\ncases:\n  - id: a\n    command: echo key: value\n", 4, None,
         "quote the whole value: command: 'echo key: value'"),
        ("tool: x\ncases:\n  - id: a\n    command: ls\n    timeout: soon\n", 5,
         "cases[0].timeout", "number"),
        ("tool: x\ncases:\n  - id: a\n    command: ls\n    stdout:\n      regex: ['(a']\n", 6,
         "cases[0].stdout.regex", "invalid regular expression"),
        ("tool: x\ncases:\n  - id: a\n    command: ls\n  - id: a\n    command: ls\n", 5,
         "cases[1].id", "already used"),
        ("tool: x\nworkflows:\n  - id: w\n    steps:\n      - command: echo ${nope}\n", 5,
         "workflows[0].steps[0].command", "${nope} is not defined"),
        ("tool: x\ncases:\n  - id: a\n    command: [ls\n", 5, None, "YAML syntax error"),
        ("tool: x\ntool: y\n", 2, "tool", "appears twice"),
        ("tool: x\ncases:\n  - id: a\n    command: ls\n    exit: maybe\n", 5, "cases[0].exit",
         ""),
        ("tool: x\ncases:\n  - command: ls\n", 3, "cases[0].id", "required"),
        ("tool: x\ncases:\n  - id: a\n    command: ls\n    tags: [skip]\n", 5,
         "cases[0].tags", "pytest marker"),
        ("tool: x\nworkflows:\n  - id: w\n    steps:\n      - command: ls\n"
         "        capture: {v: 'a(b)(c)'}\n", 6, "workflows[0].steps[0].capture",
         "exactly one group"),
        ("version: 2\ntool: x\n", 1, "version", "unsupported plan version"),
    ],
)
def test_errors_name_file_line_and_field(text: str, line: int, field: str | None,
                                         words: str) -> None:
    error = _error(text)
    assert (error.path, error.line, error.field) == ("bad.testronaut.yaml", line, field)
    assert words in error.message
    prefix = f"bad.testronaut.yaml:{line}: " + (f"{field}: " if field else "")
    assert str(error).startswith(prefix)


def test_several_errors_are_all_reported() -> None:
    error = _error("tool: x\ncases:\n  - id: a\n    command: ls\n    bogus: 1\n"
                   "  - id: b\n    command: ls\n    timeout: -1\n")
    assert isinstance(error, PlanErrors)
    lines = str(error).splitlines()
    assert lines[0].startswith("bad.testronaut.yaml:5: cases[0].bogus")
    assert lines[1].startswith("bad.testronaut.yaml:8: cases[1].timeout")


def test_empty_and_unreadable_files(tmp_path: Path) -> None:
    assert "empty" in _error("").message
    assert "mapping" in _error("- a\n- b\n").message
    with pytest.raises(PlanError, match="cannot read"):
        load_plan(tmp_path / "missing.testronaut.yaml")


def test_committed_schema_is_up_to_date() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == plan_schema_text(), (
        "plan.schema.json is stale: run python -m pytest_testronaut.plans.schema")
    schema = plan_json_schema()
    assert schema["additionalProperties"] is False
    assert "json" in schema["$defs"]["StreamExpectation"]["properties"]
    json.dumps(schema)


def test_plan_defaults() -> None:
    plan = Plan(tool="x")
    assert plan.version == 1 and plan.cases == [] and plan.image is None


def test_saving_keeps_the_file_mode(tmp_path: Path) -> None:
    import os
    import stat

    from pytest_testronaut.plans import parse_plan_text
    from pytest_testronaut.plans.dump import save_plan

    plan = parse_plan_text("tool: t\ncases:\n  - id: a\n    command: t\n").plan
    new = tmp_path / "new.testronaut.yaml"
    umask = os.umask(0o022)
    try:
        save_plan(plan, new)
    finally:
        os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    new.chmod(0o664)
    save_plan(plan, new)
    assert stat.S_IMODE(new.stat().st_mode) == 0o664
