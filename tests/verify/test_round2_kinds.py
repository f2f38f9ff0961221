"""Kinds of dynamic output added in the second tuning round (pairs made by
``capture_round2_pairs.py``): certificate fingerprints and serials, openssl's dates,
thread idents, profiler rows, perl's Benchmark, ``time -v`` reports, rates in any unit,
memory and CPU shares after their keys, object names in ref listings. Each with the
regression beside it that must stay caught."""

from __future__ import annotations

from pytest_testronaut.verify import compare_outputs
from pytest_testronaut.verify.line_filter import NEEDLES
from pytest_testronaut.verify.rules import DEFAULT_RULES


def passes(expected: str, actual: str, **kwargs: object) -> bool:
    return compare_outputs(expected, actual, **kwargs).passed  # type: ignore[arg-type]


# --- certificates -----------------------------------------------------------------------
X509 = (
    "subject=CN = svc\n"
    "serial=16C2FB6036A82C0CFB7032EE372C36591BA9222E\n"
    "sha256 Fingerprint=5B:66:1B:4C:25:4F:B1:3B:5B:65:98:D0:AD:29:F1:29:D0:F0:39:5A:32:00:"
    "56:71:C7:3B:32:35:1C:28:ED:E8\n"
    "notBefore=Dec  1 11:07:07 2026 GMT\n"
    "notAfter=Dec 31 11:07:07 2026 GMT\n"
)
X509_AGAIN = (
    "subject=CN = svc\n"
    "serial=75FC5603C3789EFA418106927359AFBA43CF3F\n"
    "sha256 Fingerprint=88:FD:71:FF:CF:B8:4A:E9:A0:8C:E0:12:E9:F4:E7:A7:C8:07:41:DF:75:46:"
    "49:F8:FB:03:DA:D2:ED:7A:30:E7\n"
    "notBefore=Dec  1 11:07:18 2026 GMT\n"
    "notAfter=Dec 31 11:07:18 2026 GMT\n"
)


def test_a_new_certificate_has_new_fingerprint_serial_and_dates() -> None:
    # the serial lost a leading zero byte: openssl prints no leading zeros
    assert passes(X509, X509_AGAIN)


def test_a_certificate_report_keeps_its_subject_validity_and_digest() -> None:
    assert not passes(X509, X509_AGAIN.replace("CN = svc", "CN = svd"))
    # valid for a year instead of thirty days
    assert not passes(X509, X509_AGAIN.replace("Dec 31 11:07:18 2026", "Dec  1 11:07:18 2027"))
    # another digest (shorter), another separator, another case
    sha1 = "sha256 Fingerprint=45:64:76:38:76:BD:6F:4E:BA:CB:88:0E:31:1C:9D:9F:55:C6:03:5B\n"
    assert not passes(X509.splitlines(keepends=True)[2], sha1)
    line = X509_AGAIN.splitlines(keepends=True)[2]
    assert not passes(X509.splitlines(keepends=True)[2], line.replace(":", "-").replace(
        "sha256 Fingerprint=", "sha256 Fingerprint:"))
    assert not passes(X509.splitlines(keepends=True)[2], line.lower())
    # one byte of a fingerprint changed: a changed value, not a new key
    fixed = X509.splitlines(keepends=True)[2]
    assert not passes(fixed, fixed.replace("5B:66", "5B:67"))


def test_a_serial_of_a_few_digits_is_data() -> None:
    assert not passes("serial=01\n", "serial=02\n")
    assert not passes("serial=1000000000000001\n", "serial=1000000000000002\n")


def test_hex_byte_lines_of_x509_text() -> None:
    expected = ("        Serial Number:\n"
                "            3a:8e:0c:90:4a:63:d5:6a:30:8c:22:e3:a3:9f:33:15:d5:58:fe:5f\n")
    actual = ("        Serial Number:\n"
              "            2b:8c:2e:83:c2:f3:74:7e:81:28:c4:41:69:f1:e7:22:7e:f6:3a:10\n")
    assert passes(expected, actual)
    assert not passes(expected, actual.replace(":3a:10\n", "\n"))
    assert not passes(expected, actual.replace("Serial Number", "Serial No"))
    # six bytes (a MAC address) are not a fingerprint
    assert not passes("    02:42:ac:1f:9e:b2\n", "    02:42:ac:1f:9e:b3\n")


# --- threads, profilers, benchmarks ----------------------------------------------------------
def test_thread_idents_are_pointers() -> None:
    expected = ("2026-12-01 11:09:01,872 [worker-1/139763755636416] INFO job 1 finished\n"
                "2026-12-01 11:09:01,872 [MainThread/139763768589184] INFO all 1 jobs finished\n")
    actual = ("2026-12-01 11:09:13,364 [worker-1/140377103390400] INFO job 1 finished\n"
              "2026-12-01 11:09:13,364 [MainThread/140377116449664] INFO all 1 jobs finished\n")
    assert passes(expected, actual)
    assert not passes(expected, actual.replace("worker-1", "worker-2"))
    assert not passes(expected, actual.replace("INFO job", "WARNING job"))
    # a number in that range that moved a little is a count, not a new address
    assert not passes("bytes: 139763755636416\n", "bytes: 139763755636417\n")
    # a count of 15 digits outside the pointer range is data
    assert not passes("rows: 123456789012345\n", "rows: 123456789012346\n")


PSTATS = """\
         1405 function calls (13 primitive calls) in 0.013 seconds

   Ordered by: call count

   ncalls  tottime  percall  cumtime  percall filename:lineno(function)
   1395/3    0.001    0.000    0.001    0.000 <stdin>:3(fib)
        1    0.000    0.000    0.013    0.013 profile:0(main())
"""


def test_profiler_rows_keep_their_calls_and_functions() -> None:
    later = (PSTATS.replace("0.013", "0.015")
             .replace("0.001    0.000    0.001    0.000", "0.002    0.000    0.002    0.001"))
    assert passes(PSTATS, later)
    assert not passes(PSTATS, later.replace("1395/3", "1396/3"))
    assert not passes(PSTATS, later.replace("1405 function", "1406 function"))
    assert not passes(PSTATS, later.replace(":3(fib)", ":3(fibonacci)"))


def test_perl_benchmark_times_and_rate() -> None:
    expected = ("       sum:  1 wallclock secs ( 0.69 usr +  0.04 sys =  0.73 CPU) "
                "@ 27397.26/s (n=20000)\n")
    actual = ("       sum:  2 wallclock secs ( 0.69 usr +  0.00 sys =  0.69 CPU) "
              "@ 28985.51/s (n=20000)\n")
    assert passes(expected, actual)
    assert not passes(expected, actual.replace("n=20000", "n=30000"))
    assert not passes(expected, actual.replace("sum:", "total:"))


def test_time_v_report_figures_move_but_not_its_keys_or_status() -> None:
    expected = ("\tUser time (seconds): 0.03\n\tPercent of CPU this job got: 36%\n"
                "\tElapsed (wall clock) time (h:mm:ss or m:ss): 0:00.12\n"
                "\tMinor (reclaiming a frame) page faults: 2001\n"
                "\tVoluntary context switches: 105\n\tSwaps: 0\n\tExit status: 0\n")
    actual = (expected.replace("0.03", "0.04").replace("36%", "25%").replace("0:00.12", "0:00.18")
              .replace("2001", "2004").replace("105", "60"))
    assert passes(expected, actual)
    assert not passes(expected, actual.replace("Swaps:", "Swapped:"))
    assert not passes(expected, actual.replace("Exit status: 0", "Exit status: 3"))
    assert not passes(expected, actual.replace("Swaps: 0", "Swaps: 1"))


# --- rates, memory, shares -------------------------------------------------------------------
def test_rates_in_any_unit_per_second() -> None:
    expected = "checked 1000 items, 2.21 M loops/s, 2211.2 kops/s\n"
    actual = "checked 1000 items, 1.70 M loops/s, 1701.2 kops/s\n"
    assert passes(expected, actual)
    assert not passes(expected, actual.replace("1000 items", "1001 items"))
    assert not passes(expected, actual.replace("kops/s", "ops/ms"))
    assert not passes("ratio 12/34\n", "ratio 12/35\n")


def test_memory_and_cpu_shares_after_their_keys() -> None:
    assert passes("heap used: 3.51 MB\nrss: 41.06 MB\nargv length 2\n",
                  "heap used: 3.52 MB\nrss: 41.02 MB\nargv length 2\n")
    assert not passes("rss: 41.06 MB\nargv length 2\n", "rss: 41.02 MB\nargv length 3\n")
    assert not passes("rss: 41.06 MB\n", "rss: 41.06 GB\n")
    assert passes("r2-stats cpu=0.00% mem=0.00% pids=1\n", "r2-stats cpu=0.21% mem=0.01% pids=1\n")
    assert not passes("r2-stats cpu=0.00% mem=0.00% pids=1\n",
                      "r2-stats cpu=0.21% mem=0.01% pids=2\n")
    # a share with another key is data
    assert not passes("coverage: 81%\n", "coverage: 80%\n")


def test_object_names_before_refs_even_all_digits() -> None:
    assert passes("9315476 refs/heads/main 2026-12-01 11:10:02 +0000\n",
                  "a1c03f2 refs/heads/main 2026-12-01 11:10:14 +0000\n")
    assert not passes("9315476 refs/heads/main\n", "a1c03f2 refs/heads/trunk\n")
    assert not passes("9315476 refs/heads/main\n", "a1c03f2e refs/heads/main\n")


def test_every_new_rule_is_a_default_rule_with_needles() -> None:
    names = {"fingerprint", "hex-bytes-line", "timestamp-month-first", "thread-ident",
             "time-v-report", "memory-figure", "usage-percent", "rate-word", "pstats-row",
             "perl-benchmark", "git-ref", "port-tuple", "duration-unit-key"}
    rules = {rule.name: rule for rule in DEFAULT_RULES if rule.name in names}
    assert set(rules) == names
    # each has needles, so normalization runs it only on the lines that can match
    assert names <= set(NEEDLES)


def test_a_python_socket_address_keeps_its_host_and_family() -> None:
    expected = "<socket.socket fd=3, family=2, type=1, proto=0, laddr=('127.0.0.1', 46897)>\n"
    actual = "<socket.socket fd=3, family=2, type=1, proto=0, laddr=('127.0.0.1', 38539)>\n"
    assert passes(expected, actual)
    assert not passes(expected, actual.replace("type=1", "type=2"))
    assert not passes(expected, actual.replace("127.0.0.1", "0.0.0.0"))
    # a fixed port is configuration
    assert not passes("laddr=('127.0.0.1', 8080)\n", "laddr=('127.0.0.1', 8081)\n")


def test_a_duration_key_with_its_unit_and_no_colon() -> None:
    assert passes("# tests 2\n# duration_ms 395.355983\n", "# tests 2\n# duration_ms 308.937476\n")
    assert not passes("# tests 2\n# duration_ms 395.355983\n",
                      "# tests 3\n# duration_ms 308.937476\n")
    assert not passes("# retries_ms 395\n", "# retries_ms 308\n")


# --- colon-separated hex is not a time of day --------------------------------------------
def test_a_changed_mac_address_is_caught_even_when_its_tail_reads_as_a_clock_time() -> None:
    # 11:00:02 would be a time of day near the run's clock; inside a MAC it is data
    expected = "eth0 link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff\n"
    assert not passes(expected, expected.replace(":02 brd", ":03 brd"))
    assert not passes("mac 02:42:ac:11:00:02\n", "mac 02:42:ac:11:00:03\n")
