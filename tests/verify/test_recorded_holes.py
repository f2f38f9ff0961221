"""Holes learned from a recording's runs, measured as a plan uses them: the expectation
learned from two runs, then a later run checked against it (no LLM).

Each test is one class of output a recording met in the tuning pairs with a recording
(tests/verify/data/recorded_pairs.jsonl): what the two runs printed, what a later run of
the same tool printed, and a real change beside it that must still be caught."""

from __future__ import annotations

from pytest_testronaut.verify.hole_learning import learn_holes
from pytest_testronaut.verify.holes import Hole, compare_recorded, parse_template


def _passes(runs: list[str], later: str) -> bool:
    learned = learn_holes(runs)
    return compare_recorded(learned.text, later, unordered=learned.unordered).passed


# --- decimal numbers ---------------------------------------------------------------------
def test_a_decimal_whose_digits_differed_partly_is_one_number_hole() -> None:
    learned = learn_holes(["value 3.14159 ok\n", "value 3.14287 ok\n"])
    assert learned.text == "value [num] ok\n"
    assert compare_recorded(learned.text, "value 2.99 ok\n").passed
    assert compare_recorded(learned.text, "value -12.5 ok\n").passed
    assert not compare_recorded(learned.text, "value 2.99 bad\n").passed
    assert not compare_recorded(learned.text, "value n/a ok\n").passed


def test_a_number_keeps_its_unit_as_text() -> None:
    assert learn_holes(["3 items in 12ms\n", "3 items in 9ms\n"]).text == "3 items in [int]ms\n"
    assert learn_holes(["mem 1.2M\n", "mem 1.3M\n"]).text == "mem [num]M\n"
    learned = learn_holes(["done: 0.25s, 40%\n", "done: 0.5s, 41%\n"])
    assert learned.text == "done: [num]s, [int]%\n"
    assert compare_recorded(learned.text, "done: 12.125s, 100%\n").passed
    # the unit and the text beside the number stay as recorded
    assert not compare_recorded(learned.text, "done: 12.125ms, 100%\n").passed
    assert not compare_recorded(learned.text, "failed: 0.3s, 40%\n").passed


def test_a_deterministic_count_beside_a_number_hole_is_caught() -> None:
    learned = learn_holes(["3 items in 0.125 s\n", "3 items in 0.250 s\n"])
    assert not compare_recorded(learned.text, "4 items in 0.5 s\n").passed


def test_hex_digits_after_a_decimal_point_are_no_hex_value() -> None:
    learned = learn_holes(["mean 0.41923\n", "mean 0.41877\n"])
    assert learned.text == "mean [num]\n"


def test_num_is_a_hole_a_person_may_write() -> None:
    template = parse_template("took [num] s\n\\[num] is text\n")
    assert template.lines[0] == ("took ", Hole("num"), " s")
    assert template.lines[1] == ("[num] is text",)
    assert compare_recorded("took [num] s\n", "took 4.2e-05 s\n").passed
    assert not compare_recorded("took [num] s\n", "took fast s\n").passed


# --- lines in another order --------------------------------------------------------------
def test_lines_that_moved_and_changed_learn_holes_between_partners() -> None:
    first = "start\njob a took 12ms\njob b took 30ms\njob c took 7ms\nall done\n"
    second = "start\njob c took 9ms\njob a took 14ms\njob b took 25ms\nall done\n"
    learned = learn_holes([first, second])
    assert learned.unordered
    assert learned.text == ("start\njob a took [int]ms\njob b took [int]ms\n"
                            "job c took [int]ms\nall done\n")
    later = "start\njob b took 31ms\njob c took 8ms\njob a took 100ms\nall done\n"
    assert compare_recorded(learned.text, later, unordered=True).passed
    # a job lost (another ran twice) is caught, as is a changed summary
    assert not compare_recorded(learned.text, later.replace("job c", "job a"),
                                unordered=True).passed
    assert not compare_recorded(learned.text, later.replace("all done", "1 failed"),
                                unordered=True).passed


def test_lines_in_one_order_are_paired_by_position() -> None:
    learned = learn_holes(["a 1\nb 2\n", "a 3\nb 4\n"])
    assert not learned.unordered and learned.text == "a [int]\nb [int]\n"


# --- text beside holes that the runs printed alike ---------------------------------------
def test_text_beside_a_hole_that_changed_goes_to_the_tiers_with_the_holes_filled() -> None:
    # both recording runs started in the same minute: the uptime beside the clock hole
    # was printed alike; a later run's differs, and the built-in rules know it
    line = " 10:00:01 up 5 min,  0 user,  load average: 4.27, 1.71, 0.66\n"
    learned = learn_holes([line, line.replace("10:00:01", "10:00:02")])
    assert learned.text == line.replace("10:00:01", "[timestamp]")
    later = " 10:09:13 up 14 min,  0 user,  load average: 14.43, 12.88, 6.80\n"
    verdict = compare_recorded(learned.text, later)
    assert verdict.passed, verdict.explanation
    # a deterministic value beside the hole is still caught, and the hole named
    recorded_twice = ["count 3 id 1234\n", "count 3 id 5678\n"]
    text = learn_holes(recorded_twice).text
    assert text == "count 3 id [int]\n"
    verdict = compare_recorded(text, "count 4 id 99\n")
    assert not verdict.passed
    assert verdict.explanation.startswith("line 1, column 1: expected 'count 3 id '")


def test_a_hole_whose_value_is_not_of_its_kind_fails_even_when_the_text_beside_changed() -> None:
    assert not compare_recorded(" [timestamp] up 5 min\n", " soon up 14 min\n").passed


# --- free text ---------------------------------------------------------------------------
def test_a_random_token_is_a_word_of_its_length() -> None:
    learned = learn_holes(["api key: l4M4ZFRe4xMJ10J8XLknFA\n", "api key: Q2x_Bv-9ZrTT0a1cWmPkEw\n"])
    assert learned.text == "api key: [word:22]\n"
    assert compare_recorded(learned.text, "api key: 0VzLq3rT8sXbNc5yHd2AkQ\n").passed
    assert not compare_recorded(learned.text, "api key: 0VzLq3rT8sXbNc5yH\n").passed  # shorter
    assert not compare_recorded(learned.text, "api key: 0VzLq3rT8s XbNc5yHd2A\n").passed
    # tokens of other lengths in the runs: any word
    assert learn_holes(["t=aGVsbG8=\n", "t=d29ybGQhIQ==\n"]).text == "t=[word]\n"


def test_a_json_line_whose_keys_moved_stays_literal_for_the_structural_tier() -> None:
    first = '{"pid":7797,"ts":1796162489.23975,"event":"login","ok":true,"user":"alice"}\n'
    second = '{"pid":7833,"user":"alice","ts":1796162489.42103,"ok":true,"event":"login"}\n'
    learned = learn_holes([first, second])
    assert learned.holes == 0  # no hole swallows `"ok":true,"user":"alice"`
    later = '{"ts":1796163048.4795,"event":"login","pid":13937,"user":"alice","ok":true}\n'
    assert compare_recorded(learned.text, later).passed
    other_user = '{"pid":13946,"ts":1796163048.53978,"user":"alicia","event":"login","ok":true}\n'
    assert not compare_recorded(learned.text, other_user).passed


def test_a_free_hole_that_the_tiers_would_not_explain_is_kept() -> None:
    # the runs differ in more than one field and the tiers do not take them as one:
    # the recording must still fit its own runs
    runs = ["|  .o+*=. |\n", "|o=. +  ..|\n"]
    learned = learn_holes(runs)
    assert all(compare_recorded(learned.text, run).passed for run in runs)


# --- a JSON log line whose epoch both runs printed near the clock ------------------------
def test_an_epoch_with_a_fraction_near_the_clock_is_one_number_hole() -> None:
    from pytest_testronaut.verify.clock_holes import clock_holes

    clock = 1796162551.2
    text, added = clock_holes('{"ts": 1796162550.6372201, "event": "step"}\n', clock)
    assert (text, added) == ('{"ts": [num], "event": "step"}\n', 1)
    # a decimal that is not this clock's time stays
    assert clock_holes("ratio 1234567890.5\n", clock) == ("ratio 1234567890.5\n", 0)


def test_a_request_id_both_runs_printed_alike_is_left_to_the_tiers_beside_a_hole() -> None:
    # the built-in rules take both runs' line as alike (epoch, hex request id): it stays
    # literal but for the recording's clock; a later run's id differs, and the tiers
    # decide that text while the hole still takes the time
    from pytest_testronaut.verify.clock_holes import clock_holes

    line = '{"ts": 1796162550.6372201, "event": "step", "request": "ea903b05-x"}\n'
    text, _ = clock_holes(line, 1796162551.2)
    assert text == '{"ts": [num], "event": "step", "request": "ea903b05-x"}\n'
    later = '{"ts": 1796163617.7217069, "event": "step", "request": "0ced4d67-x"}\n'
    assert compare_recorded(text, later).passed
    assert not compare_recorded(text, later.replace('"step"', '"stop"')).passed
