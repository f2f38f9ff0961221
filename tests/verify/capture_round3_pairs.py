"""Third round of pairs for the TUNING set (tests/verify/data/pairs.jsonl): the general
kinds of issue #9's third round, each from a real program run twice.

    .venv/bin/python tests/verify/capture_round3_pairs.py [--dry-run]

Kinds: columns whose header names a measurement (``strace -c``, a ``sqlite3`` column
named ``took_us``, a Python table with ``elapsed_ms``), random bytes dumped in hex
(``hexdump -C``, ``od -tx2``), an upper-case hex id, a syslog time without a year, a
day-month-year time, a PID labelled after it (``renice``), the bare name of a
``mktemp`` entry, and a time printed in a zone west of the first run's (moved back:
not a re-run).

* ``equivalent`` pairs: the unchanged command really run twice (fresh scratch
  directory each time, more than a second apart).
* ``different`` pairs: the command run once more with the tool, its input or its
  arguments really changed. Nothing is edited after the run.

Records are appended, replacing earlier records with the same id; ``--dry-run``
prints how the current comparator scores them and writes them to
``/tmp/round3_pairs.jsonl`` only. Runs on the host. Not collected by pytest (no
``test_`` prefix).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from capture_gap_pairs import py
from capture_pairs import Case, capture_round

STRACE = "strace -c -w -S name {cmd} 2>&1 >/dev/null"
SQLITE = ("sqlite3 -header -column :memory: \"select 'alpha' as name, {size} as size, "
          "abs(random() % 100000) as took_us union all select 'beta', 12, "
          "abs(random() % 100000)\"")
STEPS_PY = r"""
import time
print(f"{'step':<8}{'items':>6}  {'elapsed_ms':>10}")
for name, n in (("fetch", 3), ("parse", 40), ("store", 40)):
    t = time.perf_counter()
    sum(i * i for i in range(n * 2000))
    print(f"{name:<8}{n:>6}  {(time.perf_counter() - t) * 1000:>10.3f}")
"""
KEY_ID_PY = "import secrets; print('key id', secrets.token_hex({n}).upper())"
SYSLOG_LINE = "echo \"$(date {when}'+%b %e %T') host backup[$$]: nightly backup {what}\""
DAY_MONTH = "echo \"built $({zone}date '+%-d-%b-%Y %H:%M:%S')\""
MKTEMP_NAME = "d=$(mktemp -d {template}) && basename \"$d\" && rmdir \"$d\""
LOCAL_TIME = "{zone} date '+now: %a %b %e %H:%M:%S %Y'"

CASES = [
    # --- columns whose header names a measurement --------------------------------------
    Case("strace-count", "durations", STRACE.format(cmd="seq 3")),
    Case("sqlite-took-column", "durations", SQLITE.format(size=3)),
    Case("python-elapsed-table", "durations", py(STEPS_PY)),
    # --- random bytes in hex ------------------------------------------------------------
    Case("hexdump-random", "ids", "head -c 32 /dev/urandom | hexdump -C"),
    Case("od-words-random", "ids", "od -An -tx2 -N16 /dev/urandom"),
    # --- ids, times, pids, temporary names ---------------------------------------------
    Case("key-id-upper", "ids", py(KEY_ID_PY.format(n=20))),
    Case("syslog-line", "datetime", SYSLOG_LINE.format(when="", what="finished")),
    Case("day-month-year-time", "datetime", DAY_MONTH.format(zone="")),
    Case("renice-labelled-pid", "processes", "sleep 5 & renice -n 4 -p $!; kill $!"),
    Case("mktemp-bare-name", "files", MKTEMP_NAME.format(template="")),
    Case("local-time-tokyo", "datetime", LOCAL_TIME.format(zone="TZ=Asia/Tokyo")),
]

REAL_CHANGES: list[tuple[Any, ...]] = [
    ("strace-count-more-calls", "durations", "", STRACE.format(cmd="seq 3"),
     STRACE.format(cmd="seq 30000")),
    ("sqlite-took-column-size", "durations", "", SQLITE.format(size=3), SQLITE.format(size=4)),
    ("python-elapsed-table-items", "durations", "", py(STEPS_PY),
     py(STEPS_PY.replace('("store", 40)', '("store", 41)'))),
    ("hexdump-fixed-byte", "ids", "", "printf 'GET /index.html HTTP/1.1\\r\\n' | hexdump -C",
     "printf 'GET /index.html HTTP/1.0\\r\\n' | hexdump -C"),
    ("od-words-fewer-bytes", "ids", "", "od -An -tx2 -N16 /dev/urandom",
     "od -An -tx2 -N12 /dev/urandom"),
    ("key-id-upper-shorter", "ids", "", py(KEY_ID_PY.format(n=20)), py(KEY_ID_PY.format(n=16))),
    ("syslog-line-weeks-ago", "datetime", "", SYSLOG_LINE.format(when="", what="finished"),
     SYSLOG_LINE.format(when="-d '-40 days' ", what="finished")),
    ("syslog-line-word", "datetime", "", SYSLOG_LINE.format(when="", what="finished"),
     SYSLOG_LINE.format(when="", what="failed")),
    ("day-month-year-time-zone", "datetime", "", DAY_MONTH.format(zone=""),
     DAY_MONTH.format(zone="TZ=America/New_York ")),
    ("renice-labelled-pid-priority", "processes", "", "sleep 5 & renice -n 4 -p $!; kill $!",
     "sleep 5 & renice -n 5 -p $!; kill $!"),
    ("mktemp-bare-name-template", "files", "", MKTEMP_NAME.format(template=""),
     MKTEMP_NAME.format(template="-t build.XXXXXXXXXX")),
    ("local-time-utc", "datetime", "", LOCAL_TIME.format(zone="TZ=Asia/Tokyo"),
     LOCAL_TIME.format(zone="TZ=UTC")),
]


if __name__ == "__main__":
    sys.exit(capture_round(__doc__ or "", CASES, REAL_CHANGES, Path("/tmp/round3_pairs.jsonl")))
