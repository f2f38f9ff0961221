"""A benchmark report's rates are a run's figures (issue #8 leftover: ``flake8
--benchmark``). Its lines put the figure first and the label after it; a rate (``files
processed per second``) changes between runs even when the two recording runs gave
the same figure, so a plan recorded from them failed its re-runs. Totals beside the
rates stay data."""

from __future__ import annotations

from pytest_testronaut.verify import compare_outputs
from pytest_testronaut.verify.measurements import measured_change

# the shape of ``flake8 --benchmark input.py``'s report (7.x)
REPORT = """\
0.0441     seconds elapsed
34         total logical lines processed
771        logical lines processed per second
256        total tokens processed
5806       tokens processed per second
1          total files processed
2          files processed per second
"""
RERUN = """\
0.0602     seconds elapsed
34         total logical lines processed
564        logical lines processed per second
256        total tokens processed
4250       tokens processed per second
1          total files processed
1          files processed per second
"""


def test_rates_and_elapsed_seconds_may_change_between_runs() -> None:
    assert compare_outputs(REPORT, RERUN).passed
    assert measured_change("2          files processed per second",
                           "1          files processed per second") == [("2", "1")]


def test_totals_beside_the_rates_stay_data() -> None:
    changed = RERUN.replace("1          total files processed",
                            "2          total files processed")
    assert not compare_outputs(REPORT, changed).passed
    assert measured_change("34         total logical lines processed",
                           "35         total logical lines processed") is None


def test_a_rate_keeps_its_label_and_its_shape() -> None:
    assert measured_change("2          files processed per second",
                           "2          lines processed per second") is None
    # three significant digits: a figure may lose a decimal place (``0.390``)
    assert measured_change("0.408      seconds elapsed",
                           "0.39       seconds elapsed") == [("0.408", "0.39")]
    assert measured_change("2          files processed per second",  # moved
                           " 3    files processed per second") is None
    assert measured_change("2 files", "3 files") is None  # no rate, no measurement
    assert measured_change("3          slots used", "4          slots used") is None


def test_recording_keeps_a_rate_literal_so_its_padding_may_change() -> None:
    from pytest_testronaut.verify.hole_learning import learn_holes

    first = "42         total physical lines processed\n99         physical lines processed per second\n"
    second = first.replace("99         physical", "98         physical")
    learned = learn_holes([first, second])
    assert learned.holes == 0 and learned.text == first
    # a later run printing a wider figure (its padding one blank narrower) passes
    wider = first.replace("99         physical", "126        physical")
    assert compare_outputs(learned.text, wider).passed
    assert not compare_outputs(learned.text, wider.replace("42 ", "43 ")).passed
