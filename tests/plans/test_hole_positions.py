"""A bad hole in a plan's `equals` points at the file line and column where it is
written, whatever the YAML style of the text (block, folded, quoted, plain, alias)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_testronaut.plans import PlanError, load_plan, parse_plan_text
from pytest_testronaut.plans.errors import PlanErrors

HEAD = "tool: t\ncases:\n  - id: a\n    command: x\n"


def _errors(text: str) -> list[PlanError]:
    with pytest.raises(PlanError) as caught:
        parse_plan_text(text, "p.yaml")
    error = caught.value
    return list(error.errors) if isinstance(error, PlanErrors) else [error]


def _where(text: str) -> tuple[int | None, str | None, str]:
    [error] = _errors(text)
    return error.line, error.field, error.message


def _column_of(text: str, line: int, snippet: str) -> int:
    """The 1-based column of ``snippet`` on the 1-based ``line`` of ``text``."""
    return text.splitlines()[line - 1].index(snippet) + 1


@pytest.mark.parametrize(("text", "line", "snippet"), [
    # literal block: the third line of the text is the file's line 9
    (HEAD + "    stdout:\n      equals: |\n        first\n        second [int] ok\n"
            "        third [hex:abc] bad\n", 9, "[hex:abc]"),
    # the shorthand `stdout: |`, more indented lines and a blank line kept
    (HEAD + "    stdout: |\n      x\n\n        y [uuid:9]\n", 8, "[uuid:9]"),
    # keep-chomping, stderr, at the very end of the file (no final newline)
    (HEAD + "    stderr:\n      equals: |+\n        ok\n        [int:3]", 8, "[int:3]"),
    # folded: lines are joined, the hole is still where it is written
    (HEAD + "    stdout:\n      equals: >\n        one [int]\n        two [hex:q]\n", 8,
     "[hex:q]"),
    # quoted on the key's line, with an escape before the hole
    (HEAD + '    stdout:\n      equals: "\\tone [int:3]\\n"\n', 6, "[int:3]"),
    (HEAD + "    stdout: plain [hex:0] text\n", 5, "[hex:0]"),
    # a plain text over two lines
    (HEAD + "    stdout: one\n      two [hex:x]\n", 6, "[hex:x]"),
    # Windows line ends
    ((HEAD + "    stdout: |\n      a\n      b [int:1]\n").replace("\n", "\r\n"), 7, "[int:1]"),
])
def test_a_bad_hole_points_at_its_file_line_and_column(text: str, line: int,
                                                       snippet: str) -> None:
    found_line, field, message = _where(text)
    assert found_line == line, message
    assert field is not None and field.endswith(("stdout.equals", "stderr.equals"))
    plain = text.replace("\r\n", "\n")
    assert message.startswith(f"column {_column_of(plain, line, snippet)}: {snippet}: ")


def test_the_same_bad_hole_twice_points_at_the_first_not_an_escaped_one() -> None:
    # an escaped copy comes first; the bad hole is the first unescaped one
    text = HEAD + "    stdout: |\n      \\[hex:x] is text\n      [hex:x] is a hole\n"
    line, _, message = _where(text)
    assert line == 7 and message.startswith("column 7: [hex:x]: the length of a hex hole")
    # several on one quoted line: the first unescaped one, at its column
    text = HEAD + '    stdout: "\\\\[hex:x] [hex:x] [hex:x]"\n'
    line, _, message = _where(text)
    assert line == 5
    assert message.startswith(f"column {text.splitlines()[4].index(' [hex:x]') + 2}: ")


def test_a_workflow_step_and_an_alias() -> None:
    step = ("tool: t\nworkflows:\n  - id: w\n    steps:\n      - command: x\n"
            "        stderr:\n          equals: |-\n            e\n\n            f [uuid:x]\n")
    assert _where(step)[:2] == (10, "workflows[0].steps[0].stderr.equals")
    # the text an alias names is where its anchor writes it: both cases point there
    shared = (HEAD + "    stdout: &out |\n      a\n      b [uuid:0]\n"
              "  - id: b\n    command: x\n    stdout: *out\n")
    assert [(e.line, e.field) for e in _errors(shared)] == [
        (7, "cases[0].stdout.equals"), (7, "cases[1].stdout.equals")]


def test_str_and_load_plan_show_the_file_line(tmp_path: Path) -> None:
    plan = tmp_path / "tool.testronaut.yaml"
    plan.write_text(HEAD + "    stdout: |\n      created [tmp-path]\n      size [int:4]\n",
                    encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(plan)
    assert str(caught.value) == (
        f"{plan}:7: cases[0].stdout.equals: column 12: [int:4]: [int] takes no argument; "
        "write [int] (or \\[ for literal text)")


def test_good_holes_load_and_other_errors_keep_their_lines() -> None:
    loaded = parse_plan_text(HEAD + "    stdout: |\n      id [uuid:4] at [timestamp]\n"
                                    "      \\[int] is text\n", "p.yaml")
    assert loaded.plan.cases[0].stdout is not None
    assert loaded.plan.cases[0].stdout.equals == "id [uuid:4] at [timestamp]\n\\[int] is text\n"
    # a regex error beside the text is still at its key's line
    line, field, _ = _where(HEAD + "    stdout:\n      equals: |\n        [int]\n"
                                   "      regex: ['(a']\n")
    assert (line, field) == (8, "cases[0].stdout.regex")


@pytest.mark.parametrize(("text", "line", "message"), [
    # a plain value that starts with a hole: YAML reads `[` as a list, then fails
    (HEAD + "    stdout: [int] files\n", 5,
     "YAML syntax error: the value of `stdout` starts with a hole, and YAML reads a value "
     "that starts with [ as a list; quote the whole value: stdout: '[int] files'"),
    (HEAD + "    stdout:\n      equals: [uuid:4] it's new\n", 6,
     "YAML syntax error: the value of `equals` starts with a hole, and YAML reads a value "
     "that starts with [ as a list; quote the whole value: equals: \"[uuid:4] it's new\""),
    # a hole alone, unquoted: a list of one name
    (HEAD + "    stdout:\n      equals: [int]\n", 6,
     "Input should be a valid string (YAML reads [int] as a list; quote it to write a "
     "hole: '[int]')"),
    (HEAD + "    stdout: [hex:4]\n", 5,
     "(YAML reads [hex:4] as a list; quote it to write a hole: '[hex:4]')"),
])
def test_a_hole_yaml_reads_as_a_list_says_to_quote_it(text: str, line: int,
                                                       message: str) -> None:
    found_line, _, found = _where(text)
    assert found_line == line and message in found


def test_a_list_that_is_no_hole_gets_no_hole_hint() -> None:
    _, _, message = _where(HEAD + "    stdout:\n      equals: [a, b]\n")
    assert "hole" not in message
