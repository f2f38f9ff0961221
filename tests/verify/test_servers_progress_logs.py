"""Principles of issue #9 for servers' startup lines, progress output and JSON logs
(T9a): progress printed a line at a time is a run of samples whose last line is the
result; records of several processes interleave as the scheduler lets them, each
process keeping its own order; a process id in brackets after ``process``; keys of
JSON logs that name a measured time by its unit or sit under ``elapsed``; short time
keys of logfmt and access logs (``took=``, ``rt=``, ``request_time=``); minutes and
seconds after ``elapsed``/``ETA``; Go's ``:PORT`` with its host left out. Each with the
real change beside it that must stay caught. The outputs are excerpts of real runs
(``tests/verify/capture_round5_pairs.py``)."""

from __future__ import annotations

import pytest

from pytest_testronaut.verify import compare_outputs
from pytest_testronaut.verify.json_logs import measured_key
from pytest_testronaut.verify.line_filter import NEEDLES
from pytest_testronaut.verify.log_rules import LOG_RULE_SPECS
from pytest_testronaut.verify.log_writers import interleaved_writers
from pytest_testronaut.verify.progress_samples import final_samples
from pytest_testronaut.verify.rules import DEFAULT_RULES


def passes(expected: str, actual: str, **kwargs: object) -> bool:
    return compare_outputs(expected, actual, **kwargs).passed  # type: ignore[arg-type]


# --- progress printed a line at a time -------------------------------------------------
COPY_FIRST = """\
[ 14%] copied 0.6 MB of 4.0 MB at 10.2 MB/s, ETA 0.3s
[ 31%] copied 1.2 MB of 4.0 MB at 10.7 MB/s, ETA 0.3s
[ 49%] copied 2.0 MB of 4.0 MB at 11.6 MB/s, ETA 0.2s
[ 68%] copied 2.8 MB of 4.0 MB at 10.1 MB/s, ETA 0.1s
[ 86%] copied 3.5 MB of 4.0 MB at 10.7 MB/s, ETA 0.0s
[100%] copied 4.0 MB of 4.0 MB at 10.5 MB/s, ETA 0.0s
copied 4.0 MB in 0.38s
"""
COPY_AGAIN = """\
[ 26%] copied 1.0 MB of 4.0 MB at 19.6 MB/s, ETA 0.2s
[ 45%] copied 1.8 MB of 4.0 MB at 17.2 MB/s, ETA 0.1s
[ 62%] copied 2.5 MB of 4.0 MB at 15.8 MB/s, ETA 0.1s
[ 83%] copied 3.3 MB of 4.0 MB at 16.0 MB/s, ETA 0.0s
[100%] copied 4.0 MB of 4.0 MB at 16.0 MB/s, ETA 0.0s
copied 4.0 MB in 0.26s
"""


def test_progress_lines_that_stop_at_other_steps_are_samples() -> None:
    verdict = compare_outputs(COPY_FIRST, COPY_AGAIN)
    assert verdict.passed, verdict.explanation
    assert "<PROGRESS_SAMPLE>" in verdict.explanation


def test_progress_samples_keep_the_final_line_and_the_summary_exact() -> None:
    stopped = COPY_AGAIN.replace("[100%] copied 4.0 MB of 4.0 MB", "[ 90%] copied 3.6 MB of 4.0 MB")
    assert not passes(COPY_FIRST, stopped)
    assert not passes(COPY_FIRST, COPY_AGAIN.replace("copied 4.0 MB in", "copied 3.9 MB in"))
    assert not passes(COPY_FIRST, COPY_AGAIN.replace("copied 4.0 MB in 0.26s\n", ""))
    # another total in every sample: not the same run
    assert not passes(COPY_FIRST, COPY_AGAIN.replace("of 4.0 MB", "of 5.0 MB"))


def test_an_item_list_counting_by_one_is_data_not_samples() -> None:
    items = "".join(f"test {n}/5 ok\n" for n in range(1, 6))
    assert final_samples(items, items) is None
    assert not passes(items, items.replace("test 3/5 ok\n", ""))
    going_down = "left 40%\nleft 30%\nleft 10%\n"
    assert final_samples(going_down, "left 40%\nleft 10%\n") is None


# --- records of several processes ------------------------------------------------------
GUNICORN_FIRST = """\
[2026-12-01 19:12:52 +0000] [17315] [INFO] Starting gunicorn 27.0.1
[2026-12-01 19:12:52 +0000] [17315] [INFO] Listening at: http://127.0.0.1:41905 (17315)
[2026-12-01 19:12:52 +0000] [17315] [INFO] Using worker: sync
[2026-12-01 19:12:52 +0000] [17441] [INFO] Booting worker with pid: 17441
[2026-12-01 19:12:52 +0000] [17442] [INFO] Booting worker with pid: 17442
127.0.0.1 - - [01/Dec/2026:19:12:52 +0000] "GET / HTTP/1.1" 200 3 "-" "curl/7.88.1"
[2026-12-01 19:12:53 +0000] [17315] [INFO] Handling signal: term
[2026-12-01 19:12:53 +0000] [17441] [INFO] Worker exiting (pid: 17441)
[2026-12-01 19:12:53 +0000] [17442] [INFO] Worker exiting (pid: 17442)
[2026-12-01 19:12:53 +0000] [17315] [INFO] Shutting down: Master
"""
GUNICORN_AGAIN = """\
[2026-12-01 19:13:04 +0000] [20021] [INFO] Starting gunicorn 27.0.1
[2026-12-01 19:13:04 +0000] [20021] [INFO] Listening at: http://127.0.0.1:38621 (20021)
[2026-12-01 19:13:04 +0000] [20021] [INFO] Using worker: sync
[2026-12-01 19:13:04 +0000] [20124] [INFO] Booting worker with pid: 20124
127.0.0.1 - - [01/Dec/2026:19:13:04 +0000] "GET / HTTP/1.1" 200 3 "-" "curl/7.88.1"
[2026-12-01 19:13:04 +0000] [20148] [INFO] Booting worker with pid: 20148
[2026-12-01 19:13:05 +0000] [20021] [INFO] Handling signal: term
[2026-12-01 19:13:05 +0000] [20148] [INFO] Worker exiting (pid: 20148)
[2026-12-01 19:13:05 +0000] [20124] [INFO] Worker exiting (pid: 20124)
[2026-12-01 19:13:05 +0000] [20021] [INFO] Shutting down: Master
"""


def test_workers_records_interleave_in_another_order() -> None:
    verdict = compare_outputs(GUNICORN_FIRST, GUNICORN_AGAIN)
    assert verdict.passed, verdict.explanation
    assert "<INTERLEAVED_WRITERS>" in verdict.explanation


def test_each_writer_keeps_its_records_and_their_order() -> None:
    # a worker's record changed, the request's status changed, another master line
    assert not passes(GUNICORN_FIRST, GUNICORN_AGAIN.replace(
        "[20148] [INFO] Worker exiting", "[20148] [ERROR] Worker exiting"))
    assert not passes(GUNICORN_FIRST, GUNICORN_AGAIN.replace('HTTP/1.1" 200', 'HTTP/1.1" 500'))
    assert not passes(GUNICORN_FIRST, GUNICORN_AGAIN.replace("Using worker: sync",
                                                             "Using worker: gthread"))
    # one process's own records in another order: the master handles the signal last
    lines = GUNICORN_AGAIN.splitlines(keepends=True)
    lines[6], lines[9] = lines[9], lines[6]
    assert not passes(GUNICORN_FIRST, "".join(lines))
    # one worker more
    extra = GUNICORN_AGAIN.replace(
        "[2026-12-01 19:13:05 +0000] [20021] [INFO] Handling",
        "[2026-12-01 19:13:04 +0000] [20150] [INFO] Booting worker with pid: 20150\n"
        "[2026-12-01 19:13:05 +0000] [20021] [INFO] Handling")
    assert not passes(GUNICORN_FIRST, extra)


def test_one_writer_is_no_interleaving() -> None:
    first = "[1200] [INFO] a\n[1200] [INFO] b\n"
    assert interleaved_writers(first, "[1300] [INFO] b\n[1300] [INFO] a\n") is None
    assert not passes(first, "[1300] [INFO] b\n[1300] [INFO] a\n")


# --- process ids, JSON keys, short time keys, a port without its host ---------------------
# each a real run and its rerun, which must pass, and the real changes beside the value
# that moved, which must stay caught
RERUNS = {
    "server-process-in-brackets-is-a-pid": (
        "INFO:     Started server process [16816]\n"
        "INFO:     127.0.0.1:57216 - \"GET / HTTP/1.1\" 200 OK\n"
        "INFO:     Finished server process [16816]\n",
        "INFO:     Started server process [19404]\n"
        "INFO:     127.0.0.1:51190 - \"GET / HTTP/1.1\" 200 OK\n"
        "INFO:     Finished server process [19404]\n"),
    "json-keys-naming-a-time-by-its-unit": (
        '{"message": "batch done", "levelname": "INFO", "sent": 3, '
        '"took_seconds": 0.02055885999993734, "timing": {"queued_ms": 5.753, "ran_us": 2133}, '
        '"elapsed": {"repr": "0:00:00.059463", "seconds": 0.059463}, "timeout_ms": 500}\n',
        '{"message": "batch done", "levelname": "INFO", "sent": 3, '
        '"took_seconds": 0.012794440999982726, "timing": {"queued_ms": 0.313, "ran_us": 2124}, '
        '"elapsed": {"repr": "0:00:00.018575", "seconds": 0.018575}, "timeout_ms": 500}\n'),
    "json-time-keys-amid-text": (
        'INFO request {"path": "/", "took_ms": 1.2, "responseTime": 12, "status": 200, '
        '"timeout_ms": 500}\n',
        'INFO request {"path": "/", "took_ms": 3.4, "responseTime": 15, "status": 200, '
        '"timeout_ms": 500}\n'),
    "short-time-keys-of-logfmt-and-access-logs": (
        "ts=2026-12-01T19:17:47Z level=info method=GET path=/ status=200 took=0.0054\n"
        '127.0.0.1 - - [01/Dec/2026:19:17:47 +0000] "GET / HTTP/1.1" 200 612 "-" '
        '"probe/1.0" request_time=0.005 rt=0.005\n',
        "ts=2026-12-01T19:17:59Z level=info method=GET path=/ status=200 took=0.0031\n"
        '127.0.0.1 - - [01/Dec/2026:19:17:59 +0000] "GET / HTTP/1.1" 200 612 "-" '
        '"probe/1.0" request_time=0.003 rt=0.004\n'),
    "ulid-drawn-anew": ("request 01HF3Z8K5Q6W2RVM1N7XJ4A9BC served\n",
                        "request 01HF3Z9A1B7T4KQ8ZP3MXW6RDE served\n"),
    "byte-counts-printed-while-running": (
        "downloaded 1.2 MB of 5.0 MB\ndownloaded 3.9 MB of 5.0 MB\n"
        "downloaded 5.0 MB of 5.0 MB\nsaved app.tar (5.0 MB)\n",
        "downloaded 2.0 MB of 5.0 MB\ndownloaded 5.0 MB of 5.0 MB\nsaved app.tar (5.0 MB)\n"),
    # loguru's format "{time:DD MMM YYYY HH:mm:ss.SSS} {level} {message}"
    "day-month-year-stamp-with-milliseconds": (
        "01 Dec 2026 19:50:11.795 INFO ready to accept connections\n",
        "01 Dec 2026 19:50:13.094 INFO ready to accept connections\n"),
}
REAL_CHANGES = [  # (run, text in the rerun, what it becomes, why that is a change)
    ("server-process-in-brackets-is-a-pid", "200 OK", "404 Not Found", "another status"),
    ("server-process-in-brackets-is-a-pid", "Finished server process [19404]",
     "Finished server process [19405]", "one process is two: the identity is kept"),
    ("json-keys-naming-a-time-by-its-unit", '"sent": 3', '"sent": 2', "another count"),
    ("json-keys-naming-a-time-by-its-unit", '"levelname": "INFO"', '"levelname": "WARNING"',
     "another level"),
    ("json-keys-naming-a-time-by-its-unit", '"timeout_ms": 500', '"timeout_ms": 800',
     "a setting with a unit is data"),
    ("json-time-keys-amid-text", '"status": 200', '"status": 500', "another status"),
    ("json-time-keys-amid-text", '"timeout_ms": 500', '"timeout_ms": 600',
     "a setting with a unit is data"),
    ("short-time-keys-of-logfmt-and-access-logs", "status=200", "status=502", "another status"),
    ("short-time-keys-of-logfmt-and-access-logs", "200 612", "200 611", "another size"),
    ("short-time-keys-of-logfmt-and-access-logs", "level=info", "level=debug", "another level"),
    ("ulid-drawn-anew", "01HF3Z9A1B7T4KQ8ZP3MXW6RDE", "01HF3Z8K5Q6W2RVM1N7XJ4A9BD",
     "the first ulid with one character changed"),
    ("ulid-drawn-anew", "served", "failed", "another word beside it"),
    ("byte-counts-printed-while-running", "saved app.tar (5.0 MB)", "saved app.tar (4.9 MB)",
     "another result"),
    ("byte-counts-printed-while-running", "5.0 MB of 5.0", "4.9 MB of 5.0",
     "another last sample"),
    ("day-month-year-stamp-with-milliseconds", "INFO", "WARNING", "another level"),
    ("day-month-year-stamp-with-milliseconds", "19:50:13.094", "18:50:13.094", "another zone"),
]


@pytest.mark.parametrize("run", RERUNS)
def test_a_rerun_that_moved_only_dynamic_values_passes(run: str) -> None:
    first, again = RERUNS[run]
    verdict = compare_outputs(first, again)
    assert verdict.passed, verdict.explanation


@pytest.mark.parametrize(("run", "old", "new", "why"), REAL_CHANGES,
                         ids=[f"{run}:{why}" for run, _, _, why in REAL_CHANGES])
def test_a_real_change_beside_the_moved_values_is_caught(run: str, old: str, new: str,
                                                         why: str) -> None:
    first, again = RERUNS[run]
    assert old in again, why
    assert not passes(first, again.replace(old, new)), why


def test_keys_that_name_a_time_by_its_unit_or_sit_under_elapsed() -> None:
    assert measured_key("renderMs") and measured_key("dur") and measured_key("seconds", "elapsed")
    assert not measured_key("retryIntervalMs") and not measured_key("durable")


def test_minutes_and_seconds_after_a_word_that_says_they_are_a_span() -> None:
    assert passes("copying [elapsed 00:03, ETA 00:05]\n", "copying [elapsed 00:04, ETA 00:02]\n")
    assert passes("02:11 remaining\n", "01:50 remaining\n")
    assert not passes("copying [elapsed 00:03, ETA 00:05] 10 files\n",
                      "copying [elapsed 00:04, ETA 00:02] 11 files\n")
    assert not passes("meeting at 12:30\n", "meeting at 12:45\n")


def test_a_port_with_its_host_left_out() -> None:
    assert passes("msg=listening addr=:57285\n", "msg=listening addr=:39871\n")
    assert passes("listening on :41235\n", "listening on :39871\n")
    # a fixed port is configuration
    assert not passes("listening on :8080\n", "listening on :8081\n")


def test_every_log_rule_is_a_default_rule_with_needles() -> None:
    names = {name for name, _, _ in LOG_RULE_SPECS}
    assert names <= {rule.name for rule in DEFAULT_RULES}
    assert names <= set(NEEDLES)


# uvicorn with two workers: the parent writes of each child ("Terminated child
# process [N]", "Waiting for child process [N]") while the child writes its own
# records: the id inside the message names the process a record is about
UVICORN_FIRST = (
    "INFO:     Uvicorn running on http://127.0.0.1:8150 (Press CTRL+C to quit)\n"
    "INFO:     Started parent process [29018]\n"
    "INFO:     Started server process [29066]\n"
    "INFO:     Waiting for application startup.\n"
    "INFO:     Application startup complete.\n"
    "INFO:     Started server process [29065]\n"
    "INFO:     Waiting for application startup.\n"
    "INFO:     Application startup complete.\n"
    "INFO:     127.0.0.1:58518 - \"GET / HTTP/1.1\" 200 OK\n"
    "INFO:     Received SIGINT, exiting.\n"
    "INFO:     Terminated child process [29065]\n"
    "INFO:     Terminated child process [29066]\n"
    "INFO:     Waiting for child process [29065]\n"
    "INFO:     Shutting down\n"
    "INFO:     Shutting down\n"
    "INFO:     Waiting for application shutdown.\n"
    "INFO:     Application shutdown complete.\n"
    "INFO:     Finished server process [29066]\n"
    "INFO:     Waiting for application shutdown.\n"
    "INFO:     Application shutdown complete.\n"
    "INFO:     Finished server process [29065]\n"
    "INFO:     Waiting for child process [29066]\n"
    "INFO:     Stopping parent process [29018]\n"
)
UVICORN_AGAIN = (
    "INFO:     Uvicorn running on http://127.0.0.1:8150 (Press CTRL+C to quit)\n"
    "INFO:     Started parent process [585]\n"
    "INFO:     Started server process [612]\n"
    "INFO:     Waiting for application startup.\n"
    "INFO:     Application startup complete.\n"
    "INFO:     Started server process [613]\n"
    "INFO:     Waiting for application startup.\n"
    "INFO:     Application startup complete.\n"
    "INFO:     127.0.0.1:45896 - \"GET / HTTP/1.1\" 200 OK\n"
    "INFO:     Received SIGINT, exiting.\n"
    "INFO:     Terminated child process [612]\n"
    "INFO:     Terminated child process [613]\n"
    "INFO:     Waiting for child process [612]\n"
    "INFO:     Shutting down\n"
    "INFO:     Shutting down\n"
    "INFO:     Waiting for application shutdown.\n"
    "INFO:     Application shutdown complete.\n"
    "INFO:     Finished server process [612]\n"
    "INFO:     Waiting for child process [613]\n"
    "INFO:     Waiting for application shutdown.\n"
    "INFO:     Application shutdown complete.\n"
    "INFO:     Finished server process [613]\n"
    "INFO:     Stopping parent process [585]\n"
)


def test_records_about_a_process_come_in_the_schedulers_order() -> None:
    verdict = compare_outputs(UVICORN_FIRST, UVICORN_AGAIN)
    assert verdict.passed, verdict.explanation
    assert not passes(UVICORN_FIRST, UVICORN_AGAIN.replace(
        "Finished server process", "Crashed server process", 1))
    assert not passes(UVICORN_FIRST, UVICORN_AGAIN.replace(
        "INFO:     Application shutdown complete.\n", "", 1))


def test_lines_each_worker_prints_interleave_the_others_keep_their_order() -> None:
    lines = UVICORN_AGAIN.splitlines(keepends=True)
    shutdown = [i for i, line in enumerate(lines) if "application shutdown" in line.lower()]
    first_done, second_wait = shutdown[1], shutdown[2]  # W C ... W C  ->  W W ... C C
    both_waiting = lines[:]
    both_waiting[first_done], both_waiting[second_wait] = lines[second_wait], lines[first_done]
    assert passes(UVICORN_FIRST, "".join(both_waiting))
    # a line printed once (the signal) before the request it came after
    signal = next(i for i, line in enumerate(lines) if "Received SIGINT" in line)
    early = lines[:]
    early[signal - 1], early[signal] = lines[signal], lines[signal - 1]
    assert not passes(UVICORN_FIRST, "".join(early))
