"""General principles for the values a re-run changes in tools nobody tuned for (issue
#9, third round): measured columns named by their header, random bytes dumped in hex,
hex ids in upper case, one token found by two rules, syslog and day-month-year times,
a PID labelled after it, the bare names of temporary entries. Each with the
regression beside it that must stay caught (a count off by one, a changed word, lost
padding, a changed byte, a computed date, a changed case)."""

from __future__ import annotations

import time

from pytest_testronaut.verify import compare_outputs
from pytest_testronaut.verify.line_filter import NEEDLES
from pytest_testronaut.verify.measured_columns import header_above, replace_measured
from pytest_testronaut.verify.rules import DEFAULT_RULES


def passes(expected: str, actual: str, **kwargs: object) -> bool:
    return compare_outputs(expected, actual, **kwargs).passed  # type: ignore[arg-type]


# --- columns whose header names a measurement ------------------------------------------
SYSCALLS = (
    "% time     seconds  usecs/call     calls    errors syscall\n"
    "------ ----------- ----------- --------- --------- ----------------\n"
    "  1.43    0.000005           5         1         1 access\n"
    " 43.82    0.000165         164         1           execve\n"
    "  2.11    0.000008           3         2           write\n"
    "------ ----------- ----------- --------- --------- ----------------\n"
    "100.00    0.000375           9        38         2 total\n"
)
SYSCALLS_AGAIN = (
    "% time     seconds  usecs/call     calls    errors syscall\n"
    "------ ----------- ----------- --------- --------- ----------------\n"
    "  1.71    0.000005           5         1         1 access\n"
    " 32.73    0.000098          97         1           execve\n"
    "  2.69    0.000008           4         2           write\n"
    "------ ----------- ----------- --------- --------- ----------------\n"
    "100.00    0.000299           7        38         2 total\n"
)


def test_numbers_under_a_time_header_are_measurements() -> None:
    assert passes(SYSCALLS, SYSCALLS_AGAIN)


def test_the_columns_whose_header_names_no_measurement_stay_exact() -> None:
    # one more write call: a count, under "calls"
    assert not passes(SYSCALLS, SYSCALLS_AGAIN.replace(
        "2           write", "3           write"))
    assert not passes(SYSCALLS, SYSCALLS_AGAIN.replace("execve", "execveat"))
    assert not passes(SYSCALLS, SYSCALLS_AGAIN.replace("        38         2 total",
                                                       "        39         2 total"))


def test_a_measured_table_that_lost_its_padding_is_caught() -> None:
    squeezed = "\n".join(" ".join(line.split()) for line in SYSCALLS_AGAIN.splitlines())
    assert not passes(SYSCALLS, squeezed + "\n")


def test_a_unit_in_a_column_name_marks_it() -> None:
    expected = ("name   size   latency_us\n-----  -----  ----------\n"
                "alpha  3      50383\nbeta   12345  42300\n")
    actual = ("name   size   latency_us\n-----  -----  ----------\n"
              "alpha  3      94923\nbeta   12345  68472\n")
    assert passes(expected, actual)
    changed = ("name   size  latency_us\n-----  ----  ----------\n"
               "alpha  3     4023\nbeta   1234  65389\n")
    assert not passes(expected, changed)
    # the same table whose last column is a count: data
    assert not passes(expected.replace("latency_us", "requests  "),
                      actual.replace("latency_us", "requests  "))


def test_a_separated_table_with_a_unit_column() -> None:
    expected = ("│ (index) │ suite  │ ms   │ result   │\n"
                "├─────────┼────────┼──────┼──────────┤\n"
                "│ 0       │ 'unit' │ 16   │ 'passed' │\n"
                "│ 1       │ 'e2e'  │ 2141 │ 'passed' │\n")
    actual = expected.replace("│ 16   │", "│ 66   │").replace("│ 2141 │", "│ 7940 │")
    assert passes(expected, actual)
    assert not passes(expected, actual.replace("'e2e'  │ 7940 │ 'passed'",
                                               "'e2e'  │ 7940 │ 'failed'"))
    assert not passes(expected, actual.replace("│ 1       │", "│ 2       │"))


def test_an_inode_column_is_measured_but_not_its_neighbours() -> None:
    header = "COMMAND   PID USER   FD   TYPE DEVICE SIZE/OFF     NODE NAME\n"
    expected = header + "bash    18810 root    3w   REG  254,0        0 10014819 /tmp/log\n"
    actual = header + "bash    24648 root    3w   REG  254,0        0 10010677 /tmp/log\n"
    assert passes(expected, actual)
    assert not passes(expected, actual.replace(" 3w ", " 3u "))
    assert not passes(expected, actual.replace("       0 10010677", "      12 10010677"))


def test_a_header_is_a_line_without_digits_in_the_same_block() -> None:
    lines = ["elapsed  name", "12  a", "", "13  b"]
    assert header_above(lines, 1) == "elapsed  name"
    assert header_above(lines, 3) is None  # a blank line ends the table
    assert header_above(["step 1 took", "12  a"], 1) is None  # the line above has a digit
    assert replace_measured("12  a", "elapsed  name") == ("<DURATION>  a",
                                                         [("<DURATION>", "12")])
    # a word under the measured header is not a measurement
    assert replace_measured("n/a  a", "elapsed  name") == ("n/a  a", [])


def test_a_number_under_a_time_header_but_not_in_a_table_stays_data() -> None:
    # prose above a count: no cells, no header
    assert not passes("The time it took\n3 files\n", "The time it took\n4 files\n")


# --- random bytes dumped in hex ----------------------------------------------------------
def test_a_line_of_random_bytes_is_dynamic() -> None:
    assert passes(" 70 ee 09 b3 9a b1 a7 89\n", " b2 b9 ba b7 33 69 7b 67\n")
    assert passes(
        "00000000: 6e5f 0f02 cc5d cf66 782c c942 ae97 25f0  n_...].fx,.B..%.\n",
        "00000000: 6b1f 2cff c670 50f5 acba 607d 0b63 95fe  k.,..pP...`}.c..\n")


def test_a_changed_byte_of_fixed_data_is_caught() -> None:
    expected = ("00000000  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 31 0d 0a  "
                "|GET / HTTP/1.1..|\n")
    assert not passes(expected, expected.replace("2e 31 0d", "2e 30 0d").replace(
        "1.1..", "1.0.."))
    # the offset of the line is data too
    assert not passes(" 70 ee 09 b3 9a b1 a7 89\n", " 70 ee 09 b3 9a b1 a7 89 00\n")


def test_rows_of_decimal_numbers_are_not_random_bytes() -> None:
    # a calendar week moved by one day: every number changed, none is a byte in hex
    assert not passes("12 13 14 15 16 17 18 19\n", "13 14 15 16 17 18 19 20\n")


def test_random_bytes_keep_their_layout_and_their_rendering() -> None:
    assert not passes(" 70 ee 09 b3 9a b1 a7 89\n", " b2b9 bab7 3369 7b67\n")
    assert not passes(
        "00000000: 6e5f 0f02 cc5d cf66 782c c942 ae97 25f0  n_...].fx,.B..%.\n",
        "00000000: 6b1f 2cff c670 50f5 acba 607d 0b63 95fe  k.,..pP\n")


# --- hex ids in upper case; one token found by two rules ------------------------------
def test_an_upper_case_key_id_is_dynamic_where_it_keeps_its_case_and_length() -> None:
    expected = "pub   ed25519 [SC]\n      35CB377BE892328C748D2833D2AB0200164E2E92\n"
    actual = "pub   ed25519 [SC]\n      19E28720E7BCF86539DB03186CBB29E3B1A98ED2\n"
    assert passes(expected, actual)
    assert not passes(expected, actual.replace("19E28720E7BCF86539DB03186CBB29E3B1A98ED2",
                                               "19e28720e7bcf86539db03186cbb29e3b1a98ed2"))
    assert not passes(expected, actual.replace("E7BCF865", ""))
    assert not passes("cookie: 3a68e777ae935936324f94774227b5a6\n",
                      "cookie: ED24A6D93A345B8632045C43791689B1\n")


def test_a_token_two_rules_read_passes_only_when_both_accept_the_change() -> None:
    # the first value begins with "/": only the key-context rule reads it
    assert passes("token=/ONI6WJcf+wdu4hhlatgKF7d\n", "token=q5yh1ApHtKAQB4GWdWI3wvrp\n")
    assert not passes("token=/ONI6WJcf+wdu4hhlatgKF7d\n", "token=recYgs1Ghk4m0zAq\n")


# --- times without a year, day-month-year times --------------------------------------
def _syslog(at: float) -> str:
    return time.strftime("%b %e %H:%M:%S", time.gmtime(at))


def test_a_syslog_time_near_the_clock_is_dynamic() -> None:
    now = time.time()
    expected = f"<13>{_syslog(now - 60)} cron[290]: job rotate-logs started\n"
    actual = f"<13>{_syslog(now - 30)} cron[902]: job rotate-logs started\n"
    assert passes(expected, actual)
    assert not passes(expected, actual.replace("<13>", "<11>"))
    assert not passes(expected, actual.replace("started", "failed"))


def test_a_syslog_time_far_from_the_first_is_data() -> None:
    now = time.time()
    expected = f"due {_syslog(now - 60)}\n"
    assert not passes(expected, f"due {_syslog(now - 60 + 40 * 86400)}\n")
    # an hour later exactly: another zone
    assert not passes(expected, f"due {_syslog(now - 60 + 3600)}\n")


def test_a_day_month_year_time_near_the_clock_is_dynamic() -> None:
    now = time.time()
    first = time.strftime("%-d-%b-%Y %H:%M", time.gmtime(now - 60))
    second = time.strftime("%-d-%b-%Y %H:%M", time.gmtime(now))
    expected = f"      2   40755 (2)      0      0    1024  {first} .\n"
    actual = f"      2   40755 (2)      0      0    1024  {second} .\n"
    assert passes(expected, actual)
    assert not passes(expected, actual.replace("1024", "2048"))
    assert not passes("built 29-Feb-2024 12:00\n", "built 1-Mar-2024 12:00\n")


# --- a PID labelled after it; bare temporary names -----------------------------------
def test_a_pid_labelled_after_it() -> None:
    expected = "180 (process ID) old priority 0, new priority 5\n"
    assert passes(expected, "673 (process ID) old priority 0, new priority 5\n")
    assert not passes(expected, "679 (process ID) old priority 0, new priority 6\n")
    # a number before another label is data
    assert not passes("180 (files) copied\n", "673 (files) copied\n")


def test_the_bare_name_of_a_mktemp_entry() -> None:
    expected = "f: /tmp/tmp.GveiYWQebu/app\ndrwx------ root root tmp.GveiYWQebu\n"
    actual = "f: /tmp/tmp.yIDrhFQ7CL/app\ndrwx------ root root tmp.yIDrhFQ7CL\n"
    assert passes(expected, actual)
    assert not passes(expected, actual.replace("drwx------", "drwxr-xr-x"))
    # one character changed: another name, not a new random one
    assert not passes("dir tmp.GveiYWQebu\n", "dir tmp.GveiYWQebv\n")
    # a name that is not mktemp's pattern
    assert not passes("dir tmp.build-one\n", "dir tmp.build-two\n")


def test_every_new_rule_is_a_default_rule_with_needles() -> None:
    names = {"hex-dump-run", "hash-upper", "timestamp-day-month", "pid-after", "tmpname"}
    assert names <= {rule.name for rule in DEFAULT_RULES}
    assert names <= set(NEEDLES)


# --- a re-run prints a later time --------------------------------------------------------
def _ctime(at: float) -> str:
    return time.strftime("%a %b %e %H:%M:%S %Y", time.gmtime(at))


def test_a_time_that_moved_back_is_not_a_rerun() -> None:
    now = time.time()
    # the first run printed Tokyo's local time, the second UTC: nine hours back, less
    # the minute between the runs
    assert not passes(f"now: {_ctime(now - 74 + 9 * 3600)}\n", f"now: {_ctime(now)}\n")
    assert passes(f"now: {_ctime(now - 74)}\n", f"now: {_ctime(now)}\n")
    # a few minutes back (clocks of a host and a container, a rounded value) pass
    assert passes(f"now: {_ctime(now - 60)}\n", f"now: {_ctime(now - 300)}\n")


def test_a_short_unit_names_a_measurement_only_in_lower_case() -> None:
    # "US" heads a region's column, "ms" a time's
    assert not passes("region  US  EU\nsales   12  40\n", "region  US  EU\nsales   17  40\n")
    assert passes("step   ms  rows\nload   12  40\n", "step   ms  rows\nload   17  40\n")
    assert not passes("step   ms  rows\nload   12  40\n", "step   ms  rows\nload   17  41\n")
