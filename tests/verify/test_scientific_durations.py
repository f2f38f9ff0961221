"""A duration printed in scientific notation (dd's ``3.1e-05 s``) is a measured time:
a re-run may print another; the byte and record counts beside it stay data."""

from __future__ import annotations

from pytest_testronaut.verify import compare_outputs

DD_FIRST = "1+0 records in\n1+0 records out\n512 bytes copied, 3.1e-05 s, 16.5 MB/s\n"
DD_RERUN = "1+0 records in\n1+0 records out\n512 bytes copied, 4.2583e-05 s, 12.0 MB/s\n"


def test_a_rerun_of_dd_printing_its_time_in_scientific_notation_passes() -> None:
    assert compare_outputs(DD_FIRST, DD_RERUN).outcome == "pass"
    assert compare_outputs(DD_RERUN, DD_FIRST.replace("3.1e-05", "0.000118")).outcome == "pass"


def test_a_changed_byte_or_record_count_beside_it_is_caught() -> None:
    fewer_bytes = DD_RERUN.replace("512 bytes", "511 bytes")
    more_records = DD_RERUN.replace("1+0 records out", "2+0 records out")
    assert compare_outputs(DD_FIRST, fewer_bytes).outcome == "fail"
    assert compare_outputs(DD_FIRST, more_records).outcome == "fail"


def test_a_number_in_scientific_notation_without_a_time_unit_stays_data() -> None:
    first, changed = "mean 3.1e-05 g\n", "mean 4.2e-05 g\n"
    assert compare_outputs(first, changed).outcome == "fail"


def test_recording_leaves_a_measured_decimal_to_the_rules_not_to_a_partial_hole() -> None:
    """Two recording runs that drew the same leading digits (``4.2583e-05`` and
    ``4.3201e-05`` s, ``43.1`` and ``43.5`` kB/s) must not teach ``4.[hex:5]-05``:
    the next run prints ``3.1e-05`` and ``16.5``."""
    from pytest_testronaut.verify.hole_learning import learn_holes
    from pytest_testronaut.verify.holes import compare_recorded

    first = "2+0 records in\n2+0 records out\n2 bytes copied, 4.2583e-05 s, 43.1 kB/s\n"
    second = first.replace("4.2583e-05", "4.3201e-05").replace("43.1", "43.5")
    learned = learn_holes([first, second])
    assert learned.holes == 0 and learned.text == first
    later = first.replace("4.2583e-05 s, 43.1 kB/s", "3.1e-05 s, 16.5 kB/s")
    assert compare_recorded(learned.text, later).passed
    assert not compare_recorded(learned.text, later.replace("2 bytes", "3 bytes")).passed


def test_a_decimal_the_rules_do_not_know_still_gets_its_hole() -> None:
    from pytest_testronaut.verify.hole_learning import learn_holes

    learned = learn_holes(["value 3.14159 x\n", "value 3.14291 x\n"])
    assert learned.holes == 1
