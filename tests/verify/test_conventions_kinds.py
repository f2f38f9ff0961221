"""General principles of issue #9's fifth round: values a re-run changes, found by the
convention that labels them rather than by a tool's name (``process N``, ``==N==``,
``name(N)``, ``cpid=``, a ``pid`` header in lower case, System V IPC ids, ``micro
seconds``, prove's wallclock summary, a time after ``grep -n``'s line number, the name
of a ``mktemp --suffix`` file, Go's and Java's temporary names, a fingerprint in colon
hex, docker's generated names, dates written in other formats); a time moved by a
zone's offset give or take the minutes between two runs; a hex value the output calls
a checksum kept as data. Each with the regression beside it that must stay caught."""

from __future__ import annotations

import calendar
import time

from pytest_testronaut.verify import compare_outputs, dynamic
from pytest_testronaut.verify.line_filter import NEEDLES
from pytest_testronaut.verify.normalize import normalize
from pytest_testronaut.verify.rules import DEFAULT_RULES


def passes(expected: str, actual: str, **kwargs: object) -> bool:
    return compare_outputs(expected, actual, **kwargs).passed  # type: ignore[arg-type]


NEW_RULES = {"fingerprint-colon", "pid-word", "pid-tree", "pid-valgrind", "ipc-id",
             "timestamp-compact", "timestamp-numeric", "timestamp-month-comma",
             "time-after-number", "time-default-report", "uptime-stamp", "seed", "pid-rfc5424",
             "duration-iso", "go-monotonic", "time-statistics", "duration-bracketed",
             "rate-bracketed"}


def test_every_new_rule_is_a_default_rule_with_needles() -> None:
    names = {rule.name for rule in DEFAULT_RULES}
    assert not NEW_RULES - names
    assert not NEW_RULES - set(NEEDLES)


# --- process ids by their convention ----------------------------------------------------
def test_gdb_process_and_lwp_numbers_are_pids() -> None:
    first = ("[New Thread 0x7ffff7a00640 (LWP 29755)]\n"
             "[Inferior 1 (process 29237) exited with code 03]\n")
    again = ("[New Thread 0x7ffff7a00640 (LWP 8607)]\n"
             "[Inferior 1 (process 8092) exited with code 03]\n")
    assert passes(first, again)
    assert not passes(first, again.replace("code 03", "code 04"))
    # a count after "process" is no pid: "process 12 files"
    assert not passes("will process 12 files\n", "will process 13 files\n")


def test_valgrind_prefix_is_a_pid_and_its_figures_stay_exact() -> None:
    first = "==27063== HEAP SUMMARY:\n==27063==     in use at exit: 40 bytes in 1 blocks\n"
    assert passes(first, first.replace("27063", "5457"))
    assert not passes(first, first.replace("27063", "5457").replace("40 bytes", "48 bytes"))


def test_pstree_and_killall_pids_in_parentheses() -> None:
    tree = "sh(27691)-+-pstree(27777)\n            |-sleep(27696)\n            `-sleep(27697)\n"
    again = "sh(5783)-+-pstree(5818)\n           |-sleep(5787)\n           `-sleep(5788)\n"
    assert passes(tree, again)
    assert not passes(tree, again.replace("`-sleep(5788)", "`-sleepy(5788)"))
    assert passes("Killed napper(20256) with signal 15\n", "Killed napper(5917) with signal 15\n")
    assert not passes("Killed napper(20256) with signal 15\n",
                      "Killed napper(5917) with signal 2\n")
    # a function's argument in parentheses is data
    assert not passes("fib(10) = 55\n", "fib(11) = 55\n")


def test_short_pid_keys_ipc_ids_and_sessions() -> None:
    first = "Shared memory Segment shmid=1\nbytes=4096\tlpid=0\tcpid=426\tnattch=0\n"
    again = "Shared memory Segment shmid=5\nbytes=4096\tlpid=0\tcpid=1515\tnattch=0\n"
    assert passes(first, again)
    assert not passes(first, again.replace("bytes=4096", "bytes=8192"))
    assert passes("Semaphore id: 0\n", "Semaphore id: 1\n")
    assert passes("job fetch ok in session 489\n", "job fetch ok in session 1676\n")
    assert not passes("job fetch ok in session 489\n", "job fetch failed in session 1676\n")
    # JSON: cpid and lpid are volatile keys as pid is
    assert passes('{"cpid": "38", "perms": "rw"}\n', '{"cpid": "130", "perms": "rw"}\n')
    assert not passes('{"cpid": "38", "perms": "rw"}\n', '{"cpid": "130", "perms": "r"}\n')
    # an object's change time, as lsipc -J prints it: a value of the moment
    assert passes('{"ctime": "13:27", "key": 1}\n', '{"ctime": "13:31", "key": 1}\n')
    assert not passes('{"ctime": "13:27", "key": 1}\n', '{"ctime": "13:31", "key": 2}\n')


def test_a_pid_header_in_lower_case_marks_its_column() -> None:
    first = "name\t   pid\t    status\napi\t   522\t    up\nworker\t   31033    up\n"
    again = "name\t   pid\t    status\napi\t   1747\t    up\nworker\t   31944    up\n"
    assert passes(first, again)
    assert not passes(first, again.replace("1747\t    up", "1747\t    down"))


# --- durations and times -------------------------------------------------------------
def test_whole_word_time_units_and_the_prove_summary() -> None:
    assert passes("lookup 0.146 microseconds per iteration\n",
                  "lookup 0.134 microseconds per iteration\n")
    assert not passes("lookup 0.146 microseconds per iteration\n",
                      "lookup 0.146 microseconds per call\n")
    summary = ("Files=1, Tests=3,  1 wallclock secs ( 0.01 usr  0.00 sys +  0.02 cusr  "
               "0.01 csys =  0.04 CPU)\nResult: PASS\n")
    again = summary.replace("1 wallclock secs ( 0.01 usr  0.00", "0 wallclock secs ( 0.00 usr  0.01")
    assert passes(summary, again)
    assert not passes(summary, again.replace("Tests=3", "Tests=4"))


def test_a_time_with_nanoseconds_after_a_line_number() -> None:
    first = "2:11:11:20.698183740 [ERROR] step 2\n"
    assert passes(first, "2:11:12:25.945531378 [ERROR] step 2\n")
    assert not passes(first, "3:11:12:25.945531378 [ERROR] step 2\n")
    # colon-separated hex (a MAC address) is still no time
    assert normalize("link 02:42:ac:11:00:02").text == "link 02:42:ac:11:00:02"


NOW = calendar.timegm((2026, 12, 1, 16, 0, 0))


def test_a_time_moved_by_a_zones_offset_and_some_minutes_is_not_a_rerun() -> None:
    # captured at 11:11 UTC, the change printed in Tokyo a minute later
    reason = dynamic.check("timestamp-ctime", "Tue Dec  1 11:11:20 2026",
                           "Tue Dec  1 20:12:25 2026", now=NOW)
    assert reason is not None and "zone" in reason
    assert dynamic.check("timestamp-numeric", "01.12.2026 11:05", "01.12.2026 16:36",
                         now=NOW) is not None  # +5:30 (Kolkata) and a minute
    # two runs a minute apart
    assert dynamic.check("timestamp-ctime", "Tue Dec  1 11:11:20 2026",
                         "Tue Dec  1 11:12:25 2026", now=NOW) is None
    # a time printed by the run being checked is a later run's, whatever the expected
    assert dynamic.check("timestamp-ctime", "Tue Dec  1 07:58:20 2026",
                         "Tue Dec  1 15:59:25 2026", now=NOW) is None
    # a computed time two days on, give or take a minute
    assert dynamic.check("timestamp-ctime", "Tue Dec  1 11:11:20 2026",
                         "Thu Dec  3 11:12:25 2026", now=NOW) is not None
    # a time of day alone
    assert dynamic.check("time", "11:11:20", "20:12:25") is not None
    assert dynamic.check("time", "11:11:20", "11:12:25") is None


def test_dates_in_other_formats_with_their_time_of_day() -> None:
    now = time.time()
    stamp = time.gmtime(now - 120)
    later = time.gmtime(now - 60)
    for layout in ("%m/%d/%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y%m%dT%H%M%SZ",
                   "%b %d, %Y, %I:%M:%S %p"):
        first, again = time.strftime(layout, stamp), time.strftime(layout, later)
        assert normalize(f"built {first} ok").text == "built <TIMESTAMP> ok", layout
        assert passes(f"built {first} ok\n", f"built {again} ok\n"), layout
    # a date that changed with the same time of day: a day later, not a re-run
    assert not passes("built 20240228T101500Z ok\n", "built 20240229T101500Z ok\n")
    assert not passes("due 02/28/2024 10:15 ok\n", "due 02/29/2024 10:15 ok\n")


# --- names ------------------------------------------------------------------------------
def test_temporary_names_with_a_suffix_and_with_a_random_number() -> None:
    assert passes("tmp.JkM2jPDxfQ.log\n", "tmp.7EkswEURqg.log\n")
    assert not passes("tmp.JkM2jPDxfQ.log\n", "tmp.7EkswEURqg.txt\n")
    go = "wrote /tmp/build3051917218/out.txt\n"
    assert passes(go, "wrote /tmp/build951917299/out.txt\n")
    assert not passes(go, "wrote /tmp/build3051917218/out.bin\n")
    # a name with a date or a short number is data
    assert not passes("/tmp/backup20261201\n", "/tmp/backup20261130\n")
    assert not passes("/tmp/build-1\n", "/tmp/build-2\n")


def test_dockers_generated_names_but_not_a_given_name() -> None:
    header = "CONTAINER ID   IMAGE                      COMMAND   STATUS    NAMES\n"
    row = "3f1c0a9e7b2d   testronaut-base:bookworm   \"true\"    Created   {}\n"
    first = header + row.format("nostalgic_blackburn")
    assert passes(first, header + row.replace("3f1c0a9e7b2d", "9a8b7c6d5e4f").format(
        "focused_liskov"))
    assert not passes(header + row.format("web-1"), header + row.format("web-2"))
    assert not passes(first, header + row.format("v1-web"))


# --- fingerprints and checksums ---------------------------------------------------------
def test_a_fingerprint_in_colon_hex_after_a_digest_name() -> None:
    first = "256 MD5:f1:b2:33:04:5a:66:77:88:99:aa:bb:cc:dd:ee:ff:01 v1@example (ED25519)\n"
    again = "256 MD5:0e:4d:c2:91:a7:10:2b:3c:4d:5e:6f:70:81:92:a3:b4 v1@example (ED25519)\n"
    assert passes(first, again)
    assert not passes(first, again.replace("ED25519", "ECDSA"))


def test_a_value_the_output_calls_a_checksum_is_data() -> None:
    first = "  SHA-256 checksum 80ace3d92055e9f7368d510a5fe07e3951a2b3df655170a4396eacaeb31004e7\n"
    again = "  SHA-256 checksum 4f63fcda7a771a8dbe9ee71a9b9a5024a92a1b151c40c0f14eee7354ee559be3\n"
    assert not passes(first, again)
    sha1 = ("checksum: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b\n",
            "checksum: 60303ae22b998861bce3b28f33eec1be758a213c\n")
    assert not passes(*sha1)
    # an unlabelled id of the same shape is still dynamic
    assert passes(sha1[0].replace("checksum:", "request"), sha1[1].replace("checksum:", "request"))


# --- more conventions: GNU time, dmesg, seeds, syslog, jobs, ipcs, Java and Go ------------
def test_gnu_times_default_report_and_the_kernel_log_stamp() -> None:
    first = ("0.00user 0.00system 0:00.01elapsed 50%CPU (0avgtext+0avgdata 1920maxresident)k\n"
             "0inputs+0outputs (0major+86minor)pagefaults 0swaps\n")
    again = ("0.01user 0.00system 0:00.02elapsed 76%CPU (0avgtext+0avgdata 2048maxresident)k\n"
             "0inputs+0outputs (0major+90minor)pagefaults 0swaps\n")
    assert passes(first, again)
    assert not passes(first, "Command exited with non-zero status 1\n" + again)
    assert passes("[    1.234567] eth0: link up\n", "[    1.301999] eth0: link up\n")
    assert not passes("[    1.234567] eth0: link up\n", "[    1.301999] eth0: link down\n")


def test_a_random_seed_and_a_syslog_procid() -> None:
    assert passes("Using --randomly-seed=3847562\n", "Using --randomly-seed=1029384\n")
    assert not passes("Using --randomly-seed=3847562\n3 passed\n",
                      "Using --randomly-seed=1029384\n2 passed\n")
    line = "<13>1 2026-12-01T16:05:27.123456+00:00 vm backup {} - - nightly backup finished\n"
    assert passes(line.format(285), line.format(1285).replace("05:27.123456", "05:29.000001"))
    assert not passes(line.format(285), line.format(1285).replace("<13>", "<11>"))


def test_bash_job_lines_and_ipcs_tables_in_lower_case() -> None:
    assert passes("[1]+ 13960 Running                 sleep 3 &\n",
                  "[1]+ 8123 Running                 sleep 3 &\n")
    assert not passes("[1]+ 13960 Running                 sleep 3 &\n",
                      "[1]+ 8123 Done                    sleep 3 &\n")
    table = ("key        shmid      owner      perms      bytes      nattch     status\n"
             "0x4be94fda {:<10} root       644        {:<10} 0\n")
    assert passes(table.format(0, 4096), table.format(3, 4096).replace("0x4be94fda", "0x1c2d3e4f"))
    assert not passes(table.format(0, 4096), table.format(3, 8192))


def test_iso_durations_go_monotonic_readings_and_thousands_separators() -> None:
    assert passes("summed true in PT0.002345S\n", "summed true in PT0.0019S\n")
    assert not passes("summed true in PT0.002345S\n", "summed false in PT0.0019S\n")
    go = "2026-12-01 16:05:27.123456789 +0000 UTC m=+0.000123456\n"
    assert normalize(go).text.endswith("m=<DURATION>")
    assert passes("took 1,234 ms\n", "took 987 ms\n")
    assert passes("took 1,234.5 ms\n", "took 1,301.25 ms\n")
    assert not passes("took 1,234 ms for 3 files\n", "took 987 ms for 4 files\n")


def test_a_time_stamped_into_a_file_name() -> None:
    stamp = time.gmtime(time.time() - 120)
    first = time.strftime("backup-%Y%m%d-%H%M%S.tar\n", stamp)
    again = time.strftime("backup-%Y%m%d-%H%M%S.tar\n", time.gmtime(time.time() - 60))
    assert passes(first, again)
    assert not passes(first, again.replace(".tar", ".tgz"))
    # nine hours and a minute on: another zone
    assert dynamic.check("timestamp-compact", "20261201-110527", "20261201-200627",
                         now=NOW) is not None
    # a version number with eight digits before a dash is not a time
    assert normalize("v 1.20261201-160527").text == "v 1.20261201-160527"


# --- banners, units in brackets, statistics, a measured column that widened -----------------
PYTEST_SUMMARY = (
    "============================= test session starts ==============================\n"
    "collected 3 items\n\n"
    "test_x.py ...                                                            [100%]\n\n"
    "============================== 3 passed in {} ===============================\n")


def test_a_banners_fill_follows_the_width_of_its_value() -> None:
    first = PYTEST_SUMMARY.format("0.12s")
    longer = first.replace("= 3 passed in 0.12s ==", "= 3 passed in 10.12s =")
    assert passes(first, longer)
    # the fill changed but no value changed its width: padding lost
    assert not passes(first, first.replace("= 3 passed in 0.12s ==", "= 3 passed in 0.15s ="))
    assert not passes(first, longer.replace("3 passed", "4 passed"))
    assert not passes(first, longer.replace("=" * 30 + " 3", "-" * 30 + " 3"))


def test_units_in_brackets_and_time_statistics() -> None:
    assert passes("Time per request:       0.810 [ms] (mean)\n",
                  "Time per request:       1.013 [ms] (mean)\n")
    assert passes("Requests per second:    1234.56 [#/sec] (mean)\n",
                  "Requests per second:    987.65 [#/sec] (mean)\n")
    assert not passes("Complete requests:      100 [#]\n", "Complete requests:      101 [#]\n")
    rtt = "rtt min/avg/max/mdev = {} ms\n"
    assert passes(rtt.format("0.045/0.050/0.061/0.007"), rtt.format("0.041/0.052/0.066/0.010"))
    assert not passes("3 packets, " + rtt.format("0.045/0.050/0.061/0.007"),
                      "2 packets, " + rtt.format("0.041/0.052/0.066/0.010"))


def test_a_table_whose_measured_column_widened_may_realign_its_header() -> None:
    first = "x\n\nname    pid   state\nnapper  4266  up\nconfig  7     up\n"
    again = "x\n\nname    pid    state\nnapper  11830  up\nconfig  7      up\n"
    assert passes(first, again)
    assert not passes(first, again.replace("11830  up", "11830  dn"))
    assert not passes(first, "x\n\nname pid state\nnapper 11830 up\nconfig 7 up\n")
