"""Values that a label, a column header or a unit names as measurements
(verify/measurements.py, verify/measured_columns.py): accepted when a re-run moved
them, while a changed label, unit, setting, row or state beside them is still caught.

The outputs are those of tests/verify/capture_round5_tables.py's real runs (/proc
readers, prettytable, per-CPU counters, a vmstat-like table).
"""

from __future__ import annotations

import pytest

from pytest_testronaut.verify import compare_outputs
from pytest_testronaut.verify.measurements import (
    drawn_number,
    label_words,
    measured_change,
    names_measurement,
    unit_by_size,
)

MEMINFO_MB = ("MemFree:          21399 MB\nMemAvailable:     23081 MB\n"
              "Cached:            1622 MB\n")
MEMINFO_MB_RERUN = ("MemFree:          21285 MB\nMemAvailable:     23030 MB\n"
                    "Cached:            1680 MB\n")
PROC_STAT = "cpu  28060 0 20318 24426 299 0 154 81 0 0\nctxt 6066837\nbtime 1796151518\n"
PROC_STAT_RERUN = "cpu  28491 0 20616 24426 300 0 157 82 0 0\nctxt 6198348\nbtime 1796151518\n"
STATUS = ("Name:\tsleep\nState:\tS (sleeping)\nVmSize:\t    2500 kB\nVmRSS:\t    9372 kB\n"
          "voluntary_ctxt_switches:\t1\n")
STATUS_RERUN = ("Name:\tsleep\nState:\tS (sleeping)\nVmSize:\t    2500 kB\nVmRSS:\t   11516 kB\n"
                "voluntary_ctxt_switches:\t3\n")
RANDOM_LINES = "seed: 1234 (configured)\nrandom sample: 129419\nvisits counter: 11999\nmode: fast\n"
RANDOM_LINES_RERUN = ("seed: 1234 (configured)\nrandom sample: 982965\nvisits counter: 46564\n"
                      "mode: fast\n")
PRETTY = """\
+-------+------+--------------+----------+-------+
|  step | rows | elapsed (ms) | rss (kB) | cpu % |
+-------+------+--------------+----------+-------+
|  load | 5000 |       25.788 |    12906 |   1.8 |
| parse | 1200 |        2.001 |    12726 |  38.5 |
| index |   80 |        0.097 |    12377 |  25.7 |
+-------+------+--------------+----------+-------+
"""
PRETTY_RERUN = """\
+-------+------+--------------+----------+-------+
|  step | rows | elapsed (ms) | rss (kB) | cpu % |
+-------+------+--------------+----------+-------+
|  load | 5000 |       20.191 |    12248 |  25.0 |
| parse | 1200 |        5.874 |    12320 |  96.8 |
| index |   80 |        0.113 |    12315 |  21.2 |
+-------+------+--------------+----------+-------+
"""
PER_CPU = """\
           CPU0       CPU1
  0:    4222499          5   IO-APIC   timer
  1:       1396        680   IO-APIC   i8042
  8:       1907         63   IO-APIC   rtc0
"""
PER_CPU_RERUN = """\
           CPU0       CPU1
  0:      20632     970086   IO-APIC   timer
  1:         10         12   IO-APIC   i8042
  8:      94274       1766   IO-APIC   rtc0
"""
# the header re-aligns: the "in" column's value gained a digit
VMSTAT = "    free  buff   cache  in   cs\n22978628 70152 1111480 310 2004\n"
VMSTAT_RERUN = "    free  buff   cache   in   cs\n22998176 70524 1107412 1830 3987\n"


# the kB lines of /proc/meminfo have a rule of their own: these counters are in MB
KERNEL_MEMORY = "Unevictable:   21 MB\nMlocked:   20 MB\nKernelStack:   66 MB\n"
KERNEL_MEMORY_RERUN = "Unevictable:   22 MB\nMlocked:   21 MB\nKernelStack:   62 MB\n"
FINDMNT = ("SOURCE   FSTYPE  SIZE  USED AVAIL USE% TARGET\n"
           "/dev/vda ext4    252G 13.1G 77.7G   5% /\n")
CPU_STATES = "CPU   STATE\n0     online\n1     online\n"


def passes(expected: str, actual: str) -> bool:
    return compare_outputs(expected, actual).passed


@pytest.mark.parametrize(("expected", "actual"), [
    # lines labelled as measurements
    pytest.param(MEMINFO_MB, MEMINFO_MB_RERUN, id="meminfo-in-mb"),
    pytest.param(PROC_STAT, PROC_STAT_RERUN, id="cpu-jiffies-and-ctxt"),
    pytest.param(STATUS, STATUS_RERUN, id="vmrss-gains-a-digit"),
    pytest.param(RANDOM_LINES, RANDOM_LINES_RERUN, id="random-and-counter"),
    pytest.param(KERNEL_MEMORY, KERNEL_MEMORY_RERUN, id="kernel-memory-counters-by-name"),
    # columns whose header names a measurement
    pytest.param(PRETTY, PRETTY_RERUN, id="rss-and-cpu-share"),
    pytest.param(PER_CPU, PER_CPU_RERUN, id="per-cpu-counters"),
    pytest.param(VMSTAT, VMSTAT_RERUN, id="vmstat-header-realigns"),
    pytest.param(FINDMNT, FINDMNT.replace("13.1G", "13.2G"), id="used-column-with-a-size-unit"),
])
def test_a_rerun_of_measurements_passes(expected: str, actual: str) -> None:
    verdict = compare_outputs(expected, actual)
    assert verdict.passed, verdict.explanation
    assert verdict.evidence["placeholders"]["expected"].get("<METRIC>")


REAL_CHANGES = [
    # beside lines labelled as measurements
    (MEMINFO_MB, MEMINFO_MB_RERUN.replace("MemFree", "memfree"), "a renamed label"),
    (MEMINFO_MB, MEMINFO_MB_RERUN.replace("1680 MB", "1680 GB"), "another unit"),
    (MEMINFO_MB, MEMINFO_MB_RERUN.replace("Cached:            1680 MB\n", ""), "a lost field"),
    (MEMINFO_MB, MEMINFO_MB_RERUN.replace("21285", "21285.5"), "a figure of another shape"),
    (MEMINFO_MB, MEMINFO_MB_RERUN.replace("MemFree:          21285", "MemFree: 21285"),
     "lost padding"),
    (MEMINFO_MB, MEMINFO_MB_RERUN + "MemTotal:         32000 MB\n", "a field more"),
    # settings, totals and states are not measurements
    (STATUS, STATUS_RERUN.replace("S (sleeping)", "T (stopped)"), "a changed state word"),
    (RANDOM_LINES, RANDOM_LINES_RERUN.replace("mode: fast", "mode: safe"), "a changed setting"),
    ("MemTotal:     32000 MB\n", "MemTotal:     31000 MB\n", "a total is data"),
    ("cache size: 512 MB\n", "cache size: 1024 MB\n", "a size is a setting"),
    ("CPU(s): 4\n", "CPU(s): 8\n", "a count of CPUs is data"),
    ("rss limit: 120 kB\n", "rss limit: 240 kB\n", "a limit is a setting"),
    ("Unevictable:   21 MB\nHugepagesize:   2 MB\n",
     "Unevictable:   22 MB\nHugepagesize:   1 MB\n", "a page size is a setting"),
    # in a table whose columns hold measurements
    (PRETTY, PRETTY_RERUN.replace("| 1200 |", "| 1201 |"), "a changed count beside"),
    (PRETTY, PRETTY_RERUN.replace("| parse |", "| parsE |"), "a changed name"),
    (PER_CPU, PER_CPU_RERUN.replace("rtc0", "rtc1"), "a renamed device"),
    (PER_CPU, PER_CPU_RERUN.replace("IO-APIC   i8042", "PCI-MSI   i8042"), "another chip"),
    (PER_CPU, PER_CPU_RERUN.replace("  1:         10         12   IO-APIC   i8042\n", ""),
     "a lost row"),
    (VMSTAT, VMSTAT_RERUN.replace("   cs\n", "   cs      sum\n").rstrip("\n") + " 23717188\n",
     "a computed total more"),
    (VMSTAT, "    free  buff  cache   in   cs\n22998176 70524 1107412 1830 3987\n",
     "the header lost its alignment"),
    (FINDMNT, FINDMNT.replace("252G", "251G"), "a size column is data"),
    (FINDMNT, FINDMNT.replace("ext4", "xfs "), "another file system type"),
    (CPU_STATES, CPU_STATES.replace("1     online", "2     online"),
     "a cpu column alone holds ids"),
]


@pytest.mark.parametrize(("expected", "actual", "why"), REAL_CHANGES,
                         ids=[why for _, _, why in REAL_CHANGES])
def test_a_real_change_beside_or_instead_of_measurements_is_caught(expected: str, actual: str,
                                                                   why: str) -> None:
    assert actual != expected, why
    assert not passes(expected, actual), why


def test_label_words_split_at_case_and_underscores() -> None:
    assert label_words("VmRSS") == ["vm", "rss"]
    assert label_words("voluntary_ctxt_switches") == ["voluntary", "ctxt", "switches"]
    assert label_words("MemAvailable") == ["mem", "available"]
    assert names_measurement("MemFree") and not names_measurement("MemTotal")
    assert names_measurement("cpu", figures=10) and not names_measurement("cpu", figures=1)


def test_a_padded_figure_keeps_one_edge() -> None:
    assert measured_change("VmRSS:\t    9372 kB", "VmRSS:\t   11516 kB") == [("9372", "11516")]
    assert measured_change("VmRSS:\t    9372 kB", "VmRSS:\t 11516 kB") is None
    assert measured_change("load 1.55", "load 2") is None  # the shape changed
    assert measured_change("MemFree:  12 MB  ", "MemFree:  12 MB") is None  # respaced only


# --- durations in another unit, seeds -----------------------------------------------------

def test_a_unit_a_tool_picks_by_size_may_change() -> None:
    assert unit_by_size("59.8 seconds", "1.02 minutes") is None
    assert unit_by_size("950 ms", "1.2 s") is None
    assert passes("done in 59.8 seconds\n", "done in 1.02 minutes\n")


def test_a_unit_of_a_tool_that_does_not_switch_is_structure() -> None:
    assert unit_by_size("200.22 seconds", "3.34 minutes") is not None
    assert not passes("up 200.22 seconds, idle 243.61 seconds\n",
                      "up 3.34 minutes, idle 243.61 seconds\n")
    assert passes("up 200.22 seconds, idle 243.61 seconds\n",
                  "up 201.56 seconds, idle 243.61 seconds\n")


def test_a_drawn_seed_differs_as_draws_do() -> None:
    assert drawn_number("48213", "90377") is None
    assert drawn_number("1234", "12345") is None
    assert drawn_number("1234", "1235") is not None
    assert passes("Using random seed 48213\n", "Using random seed 90377\n")
    assert not passes("Using random seed 1234\n", "Using random seed 1235\n")


def test_a_row_under_a_header_is_no_labelled_measurement() -> None:
    # "load" names the row of a table here, not the machine's load
    table = "step   ms  rows\nload   12  40\n"
    assert not passes(table, table.replace("12  40", "17  41"))
    assert passes("load   12  40\n", "load   17  41\n")
