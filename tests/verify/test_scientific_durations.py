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
