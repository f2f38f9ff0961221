"""Add rerun pairs of more tools to tests/verify/data/pairs.jsonl (the tuning set).

    .venv/bin/python tests/verify/capture_more_pairs.py [--dry-run]

Same method as ``capture_pairs.py``: ``equivalent`` pairs are one command really run
twice (fresh scratch directory each time, more than a second apart); ``different``
pairs are a real run under a changed condition, or a targeted edit of a real output.
The records are appended, replacing any earlier record with the same id. ``--dry-run``
prints how the current comparator scores them instead of writing.

Not collected by pytest (no ``test_`` prefix); the data file is committed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from capture_pairs import PY, Case, capture_round, drop_line, sub

FILES_SIZED = ("mkdir d && printf 'a\\n' > d/a.txt && head -c 900 /dev/zero > d/b.bin && "
               "head -c 40000 /dev/zero > d/c.bin")
WORDS = "printf 'one two three\\nfour five\\n' > f.txt && printf 'x\\n' > g.txt"
JSONLOG_PY = r"""
import json, os, time, uuid, datetime, random
for step in ("load", "index", "serve"):
    t0 = time.perf_counter(); time.sleep(random.random() / 200)
    print(json.dumps({"ts": datetime.datetime.now(datetime.timezone.utc).isoformat(),
                      "level": "info", "event": step, "request_id": uuid.uuid4().hex,
                      "pid": os.getpid(), "duration_ms": round((time.perf_counter() - t0) * 1000, 3),
                      "items": 3, "status": 200}))
"""
JSONDOC_PY = r"""
import json, os, time, uuid
print(json.dumps({"job": {"id": str(uuid.uuid4()), "created_at": time.time(), "name": "nightly",
                  "elapsed_seconds": time.process_time(), "uptime_s": time.monotonic(),
                  "latency_p50": 0.1 + time.perf_counter() % 0.01, "retries": 2,
                  "owner_id": os.getpid(), "state": "done"}}, indent=2, sort_keys=True))
"""
KV_LOG_PY = r"""
import datetime, random, time, uuid
for n, msg in enumerate(("connect", "query", "close")):
    t = random.uniform(0.5, 80)
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%dT%H:%M:%S.%f%z")
    print(f'time="{now}" level=info msg="{msg}" req={uuid.uuid4()} took={t:.2f}ms rows={n * 2}')
"""
TABLE_PY = r"""
import os, random, time
rows = [("build", random.randint(1, 20000)), ("test", random.randint(1, 900)), ("lint", 7)]
print(f"{'STEP':<8}{'PID':>8} {'DURATION':>10}  RESULT")
for name, ms in rows:
    print(f"{name:<8}{os.getpid() + len(name):>8} {ms / 1000:>9.3f}s  ok")
"""
TEMPFILES_PY = r"""
import tempfile, os
with tempfile.NamedTemporaryFile(suffix=".csv") as f:
    print("exporting to", f.name)
fd, path = tempfile.mkstemp(prefix="report-", suffix=".txt"); os.close(fd); os.unlink(path)
print("report written:", path)
d = tempfile.TemporaryDirectory(); print("scratch:", d.name); d.cleanup()
"""
UUIDS_PY = r"""
import uuid
print("node-time id:", uuid.uuid1())
print("random id:   ", uuid.uuid4())
print("dns id:      ", uuid.uuid5(uuid.NAMESPACE_DNS, "example.com"))
print("md5 id:      ", uuid.uuid3(uuid.NAMESPACE_URL, "https://example.com/a"))
"""
EPOCH_PY = r"""
import time
print(int(time.time()))
print(time.time_ns())
print(f"{time.time():.3f}")
"""
THREADS_PY = r"""
import concurrent.futures, random, time
def work(n):
    time.sleep(random.random() / 50)
    return f"task {n} finished: {n * n}"
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    futures = [pool.submit(work, n) for n in range(6)]
    for f in concurrent.futures.as_completed(futures):
        print(f.result())
"""
PROGRESS2_PY = r"""
import random, sys, time
for i in range(0, 101, 5):
    sys.stderr.write(f"\r{i:3d}%|{'#' * (i // 10):<10}| {i}/100 [{random.random():.2f}it/s]")
    sys.stderr.flush(); time.sleep(0.002)
sys.stderr.write("\n")
print("copied 100 files")
"""
CASES = [
    Case("xargs-parallel", "unordered",
         "printf '%s\\n' a b c d e f | xargs -P 4 -I{} sh -c 'sleep 0.0$(od -An -N1 -tu1 "
         "/dev/urandom | tr -d \" \" | cut -c1); echo done {}'", unordered=True,
         mutations=[("item-missing", drop_line("done c"))]),
    Case("threads-unordered", "unordered", f"{PY} - <<'EOF'\n{THREADS_PY}\nEOF", unordered=True,
         mutations=[("result-wrong", sub(r"task 3 finished: 9", "task 3 finished: 6"))]),
    Case("wc-padded", "tables", "wc < f.txt; wc f.txt g.txt", setup=WORDS,
         mutations=[("padding-lost", sub(r"^ +(\d+) +(\d+) +(\d+)$", r"\1 \2 \3"))]),
    Case("ls-sizes", "files", "ls -l d", setup=FILES_SIZED,
         mutations=[("size-changed", sub(r"40000", "40001"))]),
    Case("ls-inode", "files", "ls -li d", setup=FILES_SIZED,
         mutations=[("link-count", sub(r"(-rw-r--r--) 1", r"\1 2"))]),
    Case("du-sizes", "files", "du -ab d | sort -k2", setup=FILES_SIZED,
         mutations=[("size-changed", sub(r"^40000", "40960"))]),
    Case("stat-format", "files", "stat -c '%n %s %F %y' d/a.txt", setup=FILES_SIZED,
         mutations=[("type-changed", sub("regular file", "directory"))]),
    Case("stat-dir", "files", "stat d", setup=FILES_SIZED),
    Case("df-root", "files", "df -h / | awk '{print $1, $6}'"),
    Case("ps-etime", "processes", "sleep 3 & ps -o pid,stat,etime,comm -p $!; kill $!",
         mutations=[("state-changed", sub(r" S +", " T    "))]),
    Case("time-verbose", "durations", "/usr/bin/time -f 'elapsed %e s, max rss %M KB' "
         "seq 100000 2>&1 >/dev/null | sed 's/rss [0-9]*/rss N/'"),
    Case("timeit-fixed", "durations", f"{PY} -m timeit -n 200 -r 3 'sum(range(100))'",
         mutations=[("repeat-changed", sub("best of 3", "best of 5"))]),
    Case("json-log", "json", f"{PY} - <<'EOF'\n{JSONLOG_PY}\nEOF", mutations=[
        ("status-500", sub(r'"status": 200', '"status": 500')),
        ("event-renamed", sub(r'"index"', '"reindex"')),
        ("items-changed", sub(r'"items": 3', '"items": 4')),
    ]),
    Case("json-volatile-keys", "json", f"{PY} - <<'EOF'\n{JSONDOC_PY}\nEOF", mutations=[
        ("state-changed", sub(r'"state": "done"', '"state": "failed"')),
        ("retries-changed", sub(r'"retries": 2', '"retries": 3')),
        ("created-null", sub(r'"created_at": [0-9.]+', '"created_at": null')),
    ]),
    Case("kv-log", "datetime", f"{PY} - <<'EOF'\n{KV_LOG_PY}\nEOF", mutations=[
        ("rows-changed", sub(r"rows=4", "rows=5")),
        ("zone-changed", sub(r"([+-]\d{4})\"", "+0900\"")),
    ]),
    Case("table-widths", "tables", f"{PY} - <<'EOF'\n{TABLE_PY}\nEOF", mutations=[
        ("result-failed", sub(r"ok$", "FAILED")),
    ]),
    Case("tempfiles", "paths", f"{PY} - <<'EOF'\n{TEMPFILES_PY}\nEOF", mutations=[
        ("suffix-changed", sub(r"\.csv", ".tsv")),
    ]),
    Case("mktemp-template", "paths",
         "f=$(mktemp /tmp/myapp.XXXXXX); echo \"lock file: $f\"; rm -f \"$f\"; "
         "d=$(mktemp -d -t build-XXXXXXXX); echo \"build dir: $d\"; rmdir \"$d\""),
    Case("uuid-versions", "ids", f"{PY} - <<'EOF'\n{UUIDS_PY}\nEOF", mutations=[
        ("dns-id-changed", sub(r"(dns id: +)[0-9a-f]{8}", r"\g<1>cfbff0d2")),
    ]),
    Case("epoch-bare", "datetime", f"{PY} - <<'EOF'\n{EPOCH_PY}\nEOF"),
    Case("date-formats", "datetime",
         "date '+%Y-%m-%d %H:%M:%S %Z'; date -u '+%s'; date '+%a %b %e %T %Y'"),
    Case("date-tz", "datetime", "TZ=America/New_York date '+%F %T %Z'",
         mutations=[("zone-changed", sub(r"E[SD]T", "UTC"))]),
    Case("progress-stderr", "progress", f"{PY} - <<'EOF' 2>&1\n{PROGRESS2_PY}\nEOF",
         mutations=[("count-changed", sub("100 files", "99 files"))]),
    Case("curl-progress", "progress",
         "head -c 3000000 /dev/zero > big.bin && curl -o /dev/null file://$PWD/big.bin 2>&1 | "
         "tr '\\r' '\\n' | tail -2"),
    Case("uptime-load", "processes", "uptime | sed 's/^.*load/load/'"),
    Case("pip-list", "stable", f"PIP_DISABLE_PIP_VERSION_CHECK=1 {PY} -m pip list "
         "2>/dev/null | grep -i -E '^(Package|---|pytest |pyyaml|pydantic )'",
         mutations=[("version-bumped", sub(r"(pytest +\d+\.\d+\.)(\d+)", r"\g<1>99"))]),
    Case("sqlite-changes", "stable",
         "sqlite3 db.sqlite 'create table t(x); insert into t values (1),(2),(3); "
         "select count(*), sum(x) from t;'", mutations=[("sum-changed", sub(r"\|6", "|7"))]),
    Case("make-dry", "stable", "printf 'all:\\n\\t@echo built $$$$ ok\\n' > Makefile && make",
         mutations=[("not-ok", sub(" ok", " failed"))]),
]

JSON_LEVEL = ("{PY} -c 'import json,time; print(json.dumps("
              "{{\"ts\": time.time(), \"level\": \"{level}\", \"msg\": \"ok\"}}))'")
REAL_CHANGES: list[tuple[Any, ...]] = [
    ("leap-day", "datetime", "", "date -u -d '2024-02-28 + 1 day' +%F",
     "date -u -d '2024-02-28 + 2 day' +%F"),
    ("leap-day-time", "datetime", "", "date -u -d '2024-02-28 12:00 + 1 day' '+%F %T'",
     "date -u -d '2024-02-28 12:00 + 2 day' '+%F %T'"),
    ("epoch-computed", "datetime", "", "date -u -d 2024-02-29 +%s", "date -u -d 2024-03-01 +%s"),
    ("time-other-zone", "datetime", "", "date -u -d @1764547200 '+%F %T %Z'",
     "TZ=Asia/Tokyo date -d @1764547200 '+%F %T %Z'"),
    ("hour-shift", "datetime", "", "date -u -d @1764547200 '+%F %T'",
     "date -u -d @1764550800 '+%F %T'"),
    ("uuid5-name", "ids", "",
     f"{PY} -c 'import uuid; print(uuid.uuid5(uuid.NAMESPACE_DNS, \"example.com\"))'",
     f"{PY} -c 'import uuid; print(uuid.uuid5(uuid.NAMESPACE_DNS, \"example.org\"))'"),
    ("wc-padding-lost", "tables", WORDS, "wc < f.txt", "wc f.txt | awk '{print $1, $2, $3}'"),
    ("tmp-name-changed", "paths", "", "echo 'wrote /tmp/build-1/out.txt'",
     "echo 'wrote /tmp/build-2/out.txt'"),
    ("ls-file-grown", "files", FILES_SIZED, "ls -l d", "head -c 5 /dev/zero >> d/a.txt; ls -l d"),
    ("du-file-grown", "files", FILES_SIZED, "du -ab d | sort -k2",
     "head -c 50000 /dev/zero >> d/c.bin; du -ab d | sort -k2"),
    ("xargs-one-less", "unordered", "", "printf '%s\\n' a b c d | xargs -P 4 -n 1 echo done",
     "printf '%s\\n' a b c | xargs -P 4 -n 1 echo done", {"unordered": True}),
    ("json-log-error", "json", "", JSON_LEVEL.format(PY=PY, level="info"),
     JSON_LEVEL.format(PY=PY, level="error")),
    ("stat-size-grown", "files", FILES_SIZED, "stat -c '%n %s' d/a.txt",
     "echo more >> d/a.txt; stat -c '%n %s' d/a.txt"),
    ("jq-field", "json", "", "echo '{\"a\": 1, \"b\": [1,2]}' | jq -c .b",
     "echo '{\"a\": 1, \"b\": [1,3]}' | jq -c .b"),
]


if __name__ == "__main__":
    sys.exit(capture_round(__doc__ or "", CASES, REAL_CHANGES, Path("/tmp/cap/new_pairs.jsonl")))
