"""Normalization: every placeholder type, and the values that must survive it."""

from __future__ import annotations

import time
import uuid

import pytest

from pytest_testronaut.verify import (
    Rule,
    RuleError,
    clean_terminal,
    compare_outputs,
    dynamic,
    normalize,
    rerun_diff,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wed Nov 27 02:36:00 UTC 2024", "<TIMESTAMP>"),
        ("Wed Nov 27 02:36:00 AM UTC 2024", "<TIMESTAMP>"),
        ("Wed, 27 Nov 2024 02:36:00 +0000", "<TIMESTAMP>"),
        ("2024-11-27T02:36:00.123456+00:00", "<TIMESTAMP>"),
        ("2024-11-27 02:36:00,123 INFO", "<TIMESTAMP> INFO"),
        ("2024-11-27 02:36:00.123456789 +0000 f", "<TIMESTAMP> f"),
        ("Date:   Wed Nov 27 02:36:00 2024 +0000", "Date:   <TIMESTAMP>"),
        ("-rw-r--r-- 1 root root 6 Nov 27 02:36 f", "-rw-r--r-- 1 root root 6 <TIMESTAMP> f"),
        ("-rw-r--r-- 1 root root 6 Nov  3  2023 f", "-rw-r--r-- 1 root root 6 <TIMESTAMP> f"),
        ('10.0.0.1 - - [27/Nov/2024:02:36:00 +0000] "GET /"', '10.0.0.1 - - [<TIMESTAMP>] "GET /"'),
        ('{"created": 1732690000, "n": 3}', '{"created": <TIMESTAMP>, "n": 3}'),
        ("time=1732690000123 level=info", "time=<TIMESTAMP> level=info"),
        ("released 2024-11-27", "released <DATE>"),
        ("at 02:36:07.5", "at <TIME>"),
        ("5 passed in 0.23s", "5 passed in <DURATION>"),
        ("query 12 ms", "query <DURATION>"),
        ("took 3m2s", "took <DURATION>"),
        ("real\t0m0.003s", "real\t<DURATION>"),
        ("100 loops, best of 5: 10.6 nsec per loop", "100 loops, best of 5: <DURATION> per loop"),
        ("Up 3 seconds", "Up <DURATION>"),
        ("Created 2 minutes ago", "Created <DURATION> ago"),
        ("5f0c9d7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f", "<UUID>"),
        ("commit 2af059f0d3c1e3f1b2a4c5d6e7f8091a2b3c4d5e", "commit <HASH>"),
        ("[main (root-commit) 1234567] first", "[main (root-commit) <HASH>] first"),
        ("token: 9f86d081884c7d659a2feaa0c55ad015", "token: <HASH>"),
        ("sha256:" + "ab12" * 16, "sha256:<HASH>"),
        ("worker pid 4242 ready", "worker pid <PID> ready"),
        ("myapp[31337]: started", "myapp[<PID>]: started"),
        ('"Pid":812', '"Pid":<PID>'),
        ("/tmp/tmp.AbCdEf1234/out.txt", "<TMPPATH>/out.txt"),
        ("/tmp/tmpq8x_2z/a", "<TMPPATH>/a"),
        ("/tmp/pytest-of-root/pytest-12/test_a0", "<TMPPATH>/test_a0"),
        ("/var/folders/ab/cd12ef/T/x", "<TMPPATH>"),
        ("<Widget object at 0x7f3a2b1c0d10>", "<Widget object at <ADDR>>"),
        ("listening on 127.0.0.1:45123", "listening on 127.0.0.1:<PORT>"),
        ("Serving on port 50001", "Serving on port <PORT>"),
        ("inet 192.168.1.20/24", "inet <IP>/24"),
        ("connect to 10.1.2.3:5432", "connect to <IP>:5432"),
        ("hostname: build-box-7", "hostname: <HOST>"),
        ("root@a1b2c3d4e5f6:/#", "root@<CONTAINER_ID>:/#"),
        ("58be3f12e84c   alpine   Up 3 seconds", "<CONTAINER_ID>   alpine   Up <DURATION>"),
        ("copied, 0.345 s, 6.1 GB/s", "copied, <DURATION>, <RATE>"),
        ("[=====>      ] 100%", "<PROGRESS> 100%"),
        ("━━━━━━━━━━ 1.2/1.2 MB", "<PROGRESS> 1.2/1.2 MB"),
    ],
)
def test_dynamic_content_becomes_typed_placeholders(text: str, expected: str) -> None:
    assert normalize(text).text == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("3 files", "4 files"),
        ("exit 0", "exit 1"),
        ("size 1024", "size 2048"),
        ("total 12", "total 16"),
        ("mytool 1.2.3", "mytool 1.2.4"),
        ("version 1.2.3.4", "version 1.2.3.5"),
        ("Python 3.11.7", "Python 3.11.8"),
        ("retries: 3", "retries: 4"),
        ("timeout 30s", "timeout 60s"),
        ("listening on 127.0.0.1:8080", "listening on 127.0.0.1:8081"),
        ("connected to 127.0.0.1", "connected to 127.0.0.2"),
        ("upgrade from 1.2.3.4", "upgrade from 1.2.3.5"),
        ("status: OK", "status: FAILED"),
        ("HTTP/1.1 200 OK", "HTTP/1.1 404 OK"),
        ('{"count": 3}', '{"count": 4}'),
        ('{"counts": 1000000000}', '{"counts": 1000000001}'),
        ("items [3]", "items [4]"),
        ("5 passed in 0.2s", "4 passed in 0.2s"),
        ("d41d8cd98f00b204e9800998ecf8427e  empty.txt", "d41d8cd98f00b204e9800998ecf8427f  empty.txt"),
        ("1234567 bytes", "1234568 bytes"),
        ("worker process 3", "worker process 4"),
        ("/tmp/app.log", "/tmp/app2.log"),
        ("1.5 GB", "1.6 GB"),
        ("45%", "46%"),
        ("color #ff00aa", "color #ff00ab"),
        ("flags 0x1f", "flags 0x2f"),
    ],
)
def test_meaningful_values_survive(first: str, second: str) -> None:
    assert normalize(first).text != normalize(second).text


def test_replacements_record_what_was_replaced() -> None:
    result = normalize("pid 12 at 2024-11-27T02:36:00Z")
    assert result.text == "pid <PID> at <TIMESTAMP>"
    assert result.placeholders() == {"<TIMESTAMP>": ["2024-11-27T02:36:00Z"], "<PID>": ["12"]}
    assert {r.rule for r in result.replacements} == {"pid", "timestamp-iso8601"}


def test_terminal_noise_is_cleaned() -> None:
    raw = "\x1b[32mPASS\x1b[0m  \nfetch  10%\rfetch  50%\rfetch 100%\nab\bc\r\n"
    assert clean_terminal(raw) == "PASS\nfetch 100%\nac"
    # a missing final newline is no difference; an extra empty line at the end is one
    assert clean_terminal("a\nb") == clean_terminal("a\nb\n") == "a\nb"
    assert clean_terminal("a\nb\n\n") == "a\nb\n"
    assert clean_terminal("\n") == clean_terminal("") == ""
    # a shorter frame leaves the tail of the longer one, as a terminal shows it
    assert clean_terminal("long line\rshort") == "shortline"


def test_ps_table_columns_are_normalized_by_header() -> None:
    text = "    PID TTY          TIME CMD\n   1234 pts/0    00:00:00 bash\n 812345 pts/0    00:00:01 ps\n"
    assert normalize(text).text.split("\n")[1:] == [
        "   <PID> pts/0    <TIME> bash",
        " <PID> pts/0    <TIME> ps",
    ]
    # without an anchoring header a leading number is a count, not a pid
    assert normalize("COUNT NAME\n   1234 bash").text == "COUNT NAME\n   1234 bash"


def test_user_rules_run_first_and_can_replace_a_group() -> None:
    rules = [Rule("build", r"build #(?P<value>\d+)", "BUILD"), Rule("seed", r"seed=\w+", "<SEED>")]
    result = normalize("build #8812 seed=abc pid 7", rules)
    assert result.text == "build #<BUILD> <SEED> pid <PID>"
    assert normalize("build #8812 pid 7", rules, use_default_rules=False).text == (
        "build #<BUILD> pid 7"
    )


def test_rule_parse_and_errors() -> None:
    rule = Rule.parse("build-id=build-\\d+=>BUILD_ID")
    assert (rule.name, rule.regex.pattern, rule.placeholder) == ("build-id", r"build-\d+", "<BUILD_ID>")
    assert Rule.parse("arrow=a=>b=>X").regex.pattern == "a=>b"
    with pytest.raises(RuleError, match="NAME=REGEX=>PLACEHOLDER"):
        Rule.parse("no-arrow=abc")
    with pytest.raises(RuleError, match="invalid regular expression"):
        Rule("bad", "(", "X")
    with pytest.raises(RuleError, match="empty string"):
        Rule("empty", "x*", "X")


# --- whether a value changed the way a re-run changes it (verify/dynamic.py) --------
NOW = 1_764_547_200.0  # 2025-12-01 00:00:00 UTC, the clock of these checks


@pytest.mark.parametrize(
    ("rule", "expected", "actual"),
    [
        ("timestamp-iso8601", "2025-11-30T23:59:01Z", "2025-11-30T23:59:47Z"),
        ("timestamp-iso8601", "2025-11-30 10:00:01,5", "2025-11-30 10:02:07,9"),
        # recorded months ago, run now: the actual value is the run's clock
        ("timestamp-iso8601", "2025-06-01T08:00:00+02:00", "2025-11-30T21:13:09+02:00"),
        ("timestamp-ctime", "Sun Nov 30 23:10:00 UTC 2025", "Sun Nov 30 23:11:09 UTC 2025"),
        ("timestamp-ctime", "Sun Nov 30 23:59:58 2025 +0000", "Mon Dec  1 00:00:03 2025 +0000"),
        ("timestamp-ls", "Nov 30 23:58", "Nov 30 23:59"),
        ("timestamp-epoch", "1764547100", "1764547190"),
        ("epoch-bare", "1764547100123456789", "1764547190000000001"),
        ("time", "23:59:58", "00:00:04"),
        ("date", "2025-11-30", "2025-12-01"),  # yesterday to today
        ("uuid", "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "7d444840-9dc0-11d1-b245-5ffdce74fad2"),
        ("tmppath", "/tmp/tmp.Xh3kLq0aZp", "/tmp/tmp.9QwErTy7Ui"),
        ("hash", "9fcdb9e1a94c", "bea4256e36c2"),
        ("pid", "123", "98765"),
    ],
)
def test_changes_a_rerun_makes(rule: str, expected: str, actual: str) -> None:
    assert dynamic.check(rule, expected, actual, now=NOW) is None


@pytest.mark.parametrize(
    ("rule", "expected", "actual", "why"),
    [
        ("date", "2024-02-29", "2024-03-01", "date"),
        ("timestamp-iso8601", "2024-02-29T12:00:00", "2024-03-01T12:00:00", "exactly 24 hour"),
        ("timestamp-iso8601", "2025-11-30T10:00:00Z", "2025-11-30T11:00:00Z", "exactly 1 hour"),
        ("timestamp-iso8601", "2025-11-30T10:00:00+00:00", "2025-11-30T10:00:09+09:00", "zone"),
        ("timestamp-iso8601", "2025-11-30T10:00+00:00", "2025-11-30T10:05+09:00", "zone"),
        ("timestamp-iso8601", "2025-11-30T10:00Z", "2025-11-30T10:05", "zone"),
        ("timestamp-ctime", "Sun Nov 30 10:00:00 UTC 2025", "Sun Nov 30 10:00:09 JST 2025", "zone"),
        ("timestamp-iso8601", "2027-12-31T10:00:00", "2027-12-31T10:00:05", "near the run's"),
        ("timestamp-iso8601", "1999-12-30T10:00:00", "1999-12-30T10:00:05", "near the run's"),
        ("timestamp-iso8601", "2025-10-01T10:00:00", "2025-10-09T10:00:05", "days"),
        ("epoch-bare", "1709164800", "1709251200", "exactly 24 hour"),
        ("epoch-bare", "1764547100", "1764547190000", "unit"),
        ("time", "10:00:00", "13:00:00", "exactly 3 hour"),
        ("uuid", "cfbff0d1-9375-5685-a1c6-3b2d2a1c4c1b", "9a2f3f5d-3c2e-5b4f-8e6a-1d2c3b4a5f6e",
         "version-5"),
        ("uuid", "0b0e0a1c-2d3e-4f50-8a6b-7c8d9e0f1a2b", "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
         "version"),
        ("tmppath", "/tmp/build-1", "/tmp/build-2", "one or two"),
        ("tmppath", "/tmp/tmp.Xh3kLq0aZp", "/tmp/tmp.9QwErTy7U", "length"),
        ("hash", "9fcdb9e1a94c", "bea4256e36c2aa", "length"),
        ("ip", "8.8.8.8", "8.8.4.4", "public"),
    ],
)
def test_changes_of_data_that_looks_dynamic(rule: str, expected: str, actual: str,
                                            why: str) -> None:
    reason = dynamic.check(rule, expected, actual, now=NOW)
    assert reason is not None and why in reason, reason


def test_long_comparisons_keep_bounded_evidence() -> None:
    now = time.time()
    stamp = [time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now - 600 + i)) for i in range(3)]
    expected = "".join(f"{stamp[0]}Z request {uuid.uuid4()} ok\n" for _ in range(2500))
    actual = "".join(f"{stamp[2]}Z request {uuid.uuid4()} ok\n" for _ in range(2500))
    verdict = compare_outputs(expected, actual)
    assert verdict.passed, verdict.explanation
    shown = verdict.evidence["placeholders"]["expected"]
    assert sum(map(len, shown.values())) <= rerun_diff.EVIDENCE_VALUES + 2
    assert "<UUID> x2500" in verdict.explanation and "<TIMESTAMP> x2500" in verdict.explanation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10011069 -rw-r--r-- 1 root root 2 a.txt", "<INODE> -rw-r--r-- 1 root root 2 a.txt"),
        ("load average: 5.15, 2.35, 0.96", "load average: <LOAD>"),
        ("session token: Zk3mQ9xL2pVr8TnB", "session token: <TOKEN>"),
        ("1796103482", "<TIMESTAMP>"),
        ("1796103482123456789 ns", "<TIMESTAMP> ns"),
        ("wrote /tmp/myapp.aOFlBW", "wrote <TMPPATH>"),
        ("wrote /tmp/app.log", "wrote /tmp/app.log"),
        ("12345678901 bytes", "12345678901 bytes"),
        ("316.00 bytes/sec", "<RATE>"),
        ("time_total: 0.012345", "time_total: <DURATION>"),
        ("timeout: 30", "timeout: 30"),
        ("Took 1m 2s", "Took <DURATION>"),
    ],
)
def test_rules_for_more_dynamic_values(text: str, expected: str) -> None:
    assert normalize(text).text == expected
