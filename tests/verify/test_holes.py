"""Holes in recorded output: the notation, matching, failure messages and learning."""

from __future__ import annotations

import random
import re
import string
import uuid
from collections.abc import Callable

import pytest

from pytest_testronaut.verify.hole_learning import learn_holes
from pytest_testronaut.verify.holes import (
    Hole,
    HoleSyntaxError,
    compare_recorded,
    escape,
    has_holes,
    parse_template,
)
from pytest_testronaut.verify.judge import Judgement, JudgeRequest


def fits(template: str, actual: str) -> bool:
    return parse_template(template).match(actual).passed


def problem(template: str, actual: str) -> str:
    found = parse_template(template).match(actual)
    assert not found.passed
    return found.problem


# --- the notation --------------------------------------------------------------------------
def test_each_kind_takes_values_of_its_kind_and_rejects_others() -> None:
    assert fits("n=[int]", "n=42") and fits("n=[int]", "n=-7")
    assert not fits("n=[int]", "n=abc") and not fits("n=[int]", "n=") and not fits(
        "n=[int]", "n=4.2")
    assert fits("[hex]", "deadBEEF01") and not fits("[hex]", "zzz")
    assert fits("[hex:4]", "0a9f") and not fits("[hex:4]", "0a9") and not fits(
        "[hex:4]", "0a9f1") and not fits("[hex:3]", "zzz")
    four, one = str(uuid.uuid4()), str(uuid.uuid1())
    assert fits("[uuid]", four) and fits("[uuid]", one)
    assert fits("[uuid:4]", four) and not fits("[uuid:4]", one) and fits("[uuid:1]", one)
    assert not fits("[uuid]", four[:-1]) and not fits("[uuid]", four.replace("-", ""))
    assert fits("[tmp-path]", "/tmp/tmp.AbC0123xyZ")  # mktemp
    assert fits("[tmp-path]", "/var/tmp/tmpk2j_3x9a")  # tempfile
    assert fits("[tmp-path]", "tmp.AbC0123xyZ")
    assert not fits("[tmp-path]", "/tmp/report.txt") and not fits("[tmp-path]", "/tmp/tmp.abc")
    for stamp in ("2024-01-31", "2024-01-31T10:00:00", "2024-01-31 10:00:00.123456789",
                  "10:00:00", "Tue Dec  1 05:33:02", "Dec 11 05:33:02"):
        assert fits("at [timestamp]", f"at {stamp}"), stamp
    assert not fits("at [timestamp]", "at yesterday")
    # the zone is not part of a timestamp: another zone is another output
    assert fits("[timestamp]Z", "2024-01-31T10:00:00Z")
    assert not fits("[timestamp]Z", "2024-01-31T10:00:00+02:00")
    assert fits("a [..] b", "a anything at all b") and fits("a [..] b", "a  b")
    assert not fits("a [..] b", "a x\ny b")  # free text stays within its line


def test_text_around_a_hole_shifts_only_by_the_holes_width_change() -> None:
    template = "pid [int]   name\n"
    assert fits(template, "pid 7   name\n") and fits(template, "pid 123456   name\n")
    assert not fits(template, "pid 7  name\n")  # padding lost
    assert not fits(template, "pid   7   name\n")  # padding added
    assert not fits(template, "pid 7   name")  # the final newline is text too


def test_brackets_that_are_not_hole_names_are_text() -> None:
    template = parse_template("[INFO] [1/3] [float] [] [hex-dump] [..x]\n")
    assert template.holes == 0
    assert template.literal == "[INFO] [1/3] [float] [] [hex-dump] [..x]\n"


@pytest.mark.parametrize(("text", "message"), [
    ("ok\nid [hex:zz]", "line 2, column 4 of the expected text: [hex:zz]: the length"),
    ("[int:3]", "[int] takes no argument"),
    ("[uuid:9]", "the version of a uuid hole is 1 to 8"),
    ("x [hex:0]", "line 1, column 3"),
    ("[..:2]", "[..] takes no argument"),
    ("[hex:]", "is a number"),
])
def test_a_hole_name_with_a_bad_argument_is_an_error(text: str, message: str) -> None:
    with pytest.raises(HoleSyntaxError, match=re.escape(message)):
        parse_template(text)


def test_a_backslash_makes_a_hole_name_literal() -> None:
    template = parse_template("literal \\[int] and hole [int]")
    assert template.holes == 1
    assert fits("literal \\[int] and hole [int]", "literal [int] and hole 5")
    assert not fits("literal \\[int] and hole [int]", "literal 5 and hole 5")
    # pairs of backslashes are backslashes; an odd one left makes the bracket literal
    assert fits("a\\\\[int]", "a\\5") and fits("a\\\\\\[int]", "a\\[int]")
    # backslashes elsewhere are themselves
    assert fits("C:\\dir\\[INFO] \\n [int]", "C:\\dir\\[INFO] \\n 3")


def test_escape_reads_back_as_the_same_text() -> None:
    rng = random.Random(7)
    pieces = ["[int]", "[hex:4]", "[hex:zz]", "[uuid:9]", "[..]", "\\", "\\\\", "[", "]",
              "[INFO]", "tmp", "x", " ", "\n", "[tmp-path]", "[timestamp]", ":"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        escaped = escape(text)
        template = parse_template(escaped)
        assert template.holes == 0, text
        assert template.literal == text
        assert template.match(text).passed
    assert escape("plain [INFO] text \\ here") == "plain [INFO] text \\ here"


def test_render_reads_back_as_the_same_template() -> None:
    for text in ("a\\\\[int]b", "x \\[int] [hex:3]\\\\", "[..][int]\n\\\\\\[uuid]"):
        template = parse_template(text)
        assert parse_template(template.render()) == template
    assert has_holes("x [int]") and not has_holes("x \\[int]") and not has_holes("[hex:z]")


# --- failure messages ----------------------------------------------------------------------
def test_a_mismatch_names_the_hole_and_the_value_that_did_not_fit() -> None:
    found = problem("id [hex:16] done\n", "id zzzzzzzzzzzzzzzz done\n")
    assert "line 1, column 4: hole [hex:16] does not fit 'zzzzzzzzzzzzzzzz'" in found
    assert "16 hexadecimal digits" in found
    found = problem("n=[int]\n", "n=abc\n")
    assert "hole [int] does not fit 'abc' (expected an integer)" in found


def test_a_changed_value_beside_a_hole_is_named() -> None:
    found = problem("count 3 [tmp-path]\n", "count 4 /tmp/tmp.AbC0123xyZ\n")
    assert "expected 'count 3 '" in found and "beside hole [tmp-path]" in found
    assert "found 'count 4" in found


def test_line_count_and_order() -> None:
    assert "2 line(s) where the recording has 3" in problem("a [int]\nb\n", "a 1\n")
    template = parse_template("x [int]\ny\nz [hex:2]\n")
    assert template.match("y\nz ff\nx 12\n", unordered=True).passed
    assert not template.match("y\nz ff\nx 12\n").passed
    assert not template.match("y\nz fff\nx 12\n", unordered=True).passed


def test_compare_recorded_checks_holes_and_leaves_other_lines_to_the_tiers() -> None:
    verdict = compare_recorded("id [uuid:4]\n3 notes\n", f"id {uuid.uuid4()}\n3 notes\n")
    assert verdict.passed and verdict.tier == "exact"
    verdict = compare_recorded("id [uuid:4]\n3 notes\n", f"id {uuid.uuid4()}\n4 notes\n")
    assert not verdict.passed
    assert "Line 2: expected '3 notes', got '4 notes'" in verdict.explanation
    assert verdict.diff is not None and verdict.evidence["hole_problem"].startswith("line 2")
    assert "-3 notes" in verdict.diff and "+4 notes" in verdict.diff
    # a line without holes gets the usual normalization (trailing blanks, here)
    assert compare_recorded("id [int]\nok\n", "id 5\nok   \n").passed
    # escapes are resolved for texts without holes too
    assert compare_recorded("\\[int] done\n", "[int] done\n").passed
    assert not compare_recorded("\\[int] done\n", "5 done\n").passed


class _AlwaysEquivalent:
    """A judge that calls everything equivalent, and keeps what it was asked."""

    def __init__(self) -> None:
        self.requests: list[JudgeRequest] = []

    def judge(self, request: JudgeRequest) -> Judgement:
        self.requests.append(request)
        return Judgement(verdict="pass", confidence=0.9, explanation="same meaning")


def test_compare_recorded_says_what_the_holes_did_and_takes_the_tiers_options() -> None:
    fit = compare_recorded("n [int]\n", "n 12\n")
    assert fit.evidence == {"holes": [["[int]", "12"]], "holes_fit": True}
    other = compare_recorded("n [int]\nok\n", "n 12\nok  \n")  # the other line normalized
    assert other.passed and other.tier != "exact" and other.evidence["holes_fit"] is True
    bad = compare_recorded("n [int]\n", "n twelve\n")
    assert bad.evidence["holes_fit"] is False
    assert bad.evidence["hole_problem"] == ("line 1, column 3: hole [int] does not fit "
                                            "'twelve' (expected an integer)")
    # a structure: the lines with holes fit, the rest compared as JSON
    assert compare_recorded('{"id": "[uuid:4]",\n "n": 3}', f'{{"id": "{uuid.uuid4()}",\n "n": 3}}',
                            fmt="json").passed
    with pytest.raises(ValueError, match="fmt must be one of"):
        compare_recorded("n [int]\n", "n 1\n", fmt="jsn")  # type: ignore[arg-type]


def test_a_judge_decides_lines_without_holes_but_never_a_hole_that_does_not_fit() -> None:
    judge = _AlwaysEquivalent()
    verdict = compare_recorded("took [int] ms\nall good\n", "took 5 ms\nno problems\n",
                               judge=judge, semantic=True, command="tool run",
                               expectation="reports success")
    assert verdict.passed and verdict.tier == "semantic"
    [request] = judge.requests
    assert request.command == "tool run" and request.expectation.endswith("reports success")
    assert "took 5 ms" in (request.expected_output or "")  # the hole's line, as it fit
    # the judge would call it equivalent, but a value not of its hole's kind is a failure
    verdict = compare_recorded("took [int] ms\nall good\n", "took five ms\nno problems\n",
                               judge=judge, semantic=True)
    assert verdict.outcome == "fail" and verdict.tier == "deterministic"
    assert "hole [int] does not fit 'five'" in verdict.explanation


# --- learning ------------------------------------------------------------------------------
def _fits_all(text: str, outputs: list[str]) -> bool:
    return all(parse_template(text).match(out).passed for out in outputs)


def test_only_spans_that_differed_become_holes() -> None:
    runs = [f"run {uuid.uuid4()} took {n} ms, 3 files, wc 12 34\n" for n in (12, 345)]
    learned = learn_holes(runs)
    assert learned.text == "run [uuid:4] took [int] ms, 3 files, wc 12 34\n"
    assert learned.holes == 2
    assert learn_holes(["same\n", "same\n"]).text == "same\n"


def test_learned_kinds() -> None:
    rng = random.Random(3)

    def name(n: int, chars: str = string.ascii_letters + string.digits) -> str:
        return "".join(rng.choice(chars) for _ in range(n))

    cases: dict[str, Callable[[], str]] = {
        "[tmp-path]\n": lambda: f"/tmp/tmp.{name(10)}\n",
        "dir [tmp-path]/out.txt\n": lambda: f"dir /tmp/tmp{name(8, 'abcdefgh0123_')}/out.txt\n",
        "[int]\n": lambda: f"{rng.randrange(10**18, 10**19)}\n",
        "[hex:32]\n": lambda: f"{uuid.uuid4().hex}\n",
        "at [timestamp]Z\n": lambda: f"at 2026-12-01T05:{rng.randrange(10, 59)}:"
                                     f"{rng.randrange(10, 59)}.{rng.randrange(100, 999)}Z\n",
    }
    for expected, make in cases.items():
        runs = [make(), make()]
        assert learn_holes(runs).text == expected


def test_bytes_that_two_runs_drew_alike_or_as_digits_are_hex_holes_too() -> None:
    runs = [" 3f 12 00 42 5e 91 0c 7d\n", " a1 37 00 99 e0 11 0c 2b\n"]
    # field 3 and 7 are equal in both runs; field 2, 4 and 6 drew only digits
    assert learn_holes(runs).text == " " + " ".join(["[hex:2]"] * 8) + "\n"


def test_a_value_drawn_alike_in_a_column_that_differs_elsewhere_is_a_hole() -> None:
    first = [f"row {n} took {t} ms\n" for n, t in enumerate((12, 40, 7, 93))]
    second = [f"row {n} took {t} ms\n" for n, t in enumerate((55, 40, 8, 21))]
    learned = learn_holes(["".join(first) + "total 4\n", "".join(second) + "total 4\n"])
    # row 1 drew 40 twice: its column differs in the rows of its shape, so a hole too
    assert learned.text == "".join(f"row {n} took [int] ms\n" for n in range(4)) + "total 4\n"
    # a column that never differed stays exact, whatever its neighbours do
    same = ["a 1 x 5\nb 2 x 6\nc 3 x 7\n", "a 1 x 8\nb 2 x 9\nc 3 x 4\n"]
    assert learn_holes(same).text == "a 1 x [int]\nb 2 x [int]\nc 3 x [int]\n"


def test_padding_that_changed_becomes_a_pad_hole_beside_its_value() -> None:
    runs = ["  5 apples\n", " 12 apples\n"]
    learned = learn_holes(runs)
    assert learned.text == "[pad][int] apples\n" and _fits_all(learned.text, runs)
    # a column whose width follows a random value elsewhere: only the blanks move
    table = ["alpha 12345678\nbeta         7\n", "alpha 3456\nbeta     7\n"]
    learned = learn_holes(table)
    assert learned.text == "alpha [int]\nbeta[pad]7\n" and _fits_all(learned.text, table)
    template = parse_template(learned.text)
    assert template.match("alpha 1\nbeta  7\n").passed
    assert not template.match("alpha 1\nbeta  8\n").passed  # the value beside it is exact
    assert not template.match("alpha 1\nbeta7\n").passed  # padding lost
    assert not template.match("alpha 1\nbeta x 7\n").passed  # blanks only
    # left-aligned: the blanks after the value
    assert learn_holes(["v 12   x\n", "v 1234 x\n"]).text == "v [int][pad]x\n"
    # a run with no blank at all there: free text that still fits
    runs = ["  12 a\n", "1234 a\n"]
    assert _fits_all(learn_holes(runs).text, runs)


def test_runs_with_other_lines_or_order_are_noted_not_learned() -> None:
    noted = learn_holes(["a\nb\n", "a\n"])
    assert noted.text == "a\nb\n" and noted.holes == 0 and "2 or 3 lines" in noted.note
    shuffled = learn_holes(["a\nb\nc\n", "c\na\nb\n"])
    assert shuffled.unordered and shuffled.text == "a\nb\nc\n"


def test_learned_text_escapes_hole_names_in_the_output() -> None:
    runs = ["[int] is literal, id 1\n", "[int] is literal, id 2\n"]
    learned = learn_holes(runs)
    assert learned.text == "\\[int] is literal, id [int]\n"
    assert _fits_all(learned.text, runs) and not fits(learned.text, "7 is literal, id 3\n")


def test_learned_templates_fit_their_runs_and_later_ones() -> None:
    """Lines of literal words and random values, each column of one kind and width:
    what two runs teach fits both, and fresh runs of the same generator."""
    rng = random.Random(11)

    def hexes(n: int) -> str:
        return "".join(rng.choice("0123456789abcdef") for _ in range(n))

    makers = [
        lambda: str(rng.randrange(0, 10**6)),
        lambda: hexes(12),
        lambda: str(uuid.UUID(hexes(32), version=4)),
        lambda: "/tmp/tmp." + "".join(rng.choice(string.ascii_letters) for _ in range(10)),
    ]
    for _ in range(300):
        shape = [rng.choice([-1, -1, 0, 1, 2, 3]) for _ in range(rng.randint(1, 6))]
        words = ["".join(rng.choice("abc:=-") for _ in range(3)) for _ in shape]

        def line(shape: list[int] = shape, words: list[str] = words) -> str:
            return " ".join(words[i] if kind < 0 else makers[kind]()
                            for i, kind in enumerate(shape)) + "\n"

        runs = [line(), line()]
        learned = learn_holes(runs)
        assert _fits_all(learned.text, runs), (runs, learned.text)
        assert _fits_all(learned.text, [line() for _ in range(5)]), (runs, learned.text)
        assert learned.holes == sum(kind >= 0 for kind in shape), (runs, learned.text)


def test_a_hole_is_a_hole_value() -> None:
    assert str(Hole("hex", 8)) == "[hex:8]" and str(Hole("..")) == "[..]"
    assert Hole("uuid", 4).describe() == "a version-4 UUID"


def test_a_line_with_holes_that_does_not_fit_is_explained_in_the_notation_alone() -> None:
    name_based = "05149b90-bca9-5cf7-9708-f45959ecfde6"
    other = "37cf29c4-59c0-5418-a11c-3447f5d3e7cb"
    verdict = compare_recorded(f"[uuid:4] {name_based}\nok\nend\n",
                               f"{uuid.uuid4()} {other}\nOK\nend\n")
    assert not verdict.passed
    assert verdict.explanation == (
        f"line 1, column 37: expected ' {name_based}', found ' {other}' (text beside "
        "hole [uuid:4] must stay as recorded). (1 more differing line.)")
    assert "<UUID>" not in verdict.explanation  # no placeholders beside the notation
    assert "+OK" in (verdict.diff or "")


def test_the_diff_of_a_line_with_holes_shows_the_output_as_printed() -> None:
    verdict = compare_recorded("[int] 42\n[hex:4] ok\n", "1764605045123 43\n0a9f ok\n")
    assert not verdict.passed
    assert verdict.explanation.startswith("line 1, column 14: expected ' 42', found ' 43'")
    diff = verdict.diff or ""
    assert "-[int] 42\n+1764605045123 43\n" in diff  # no <TIMESTAMP> for the printed value
    assert " 0a9f ok" in diff  # a line that fit shows as printed, not as a difference
