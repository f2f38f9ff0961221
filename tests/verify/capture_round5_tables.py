"""Fifth round of pairs for the TUNING set (tests/verify/data/pairs.jsonl): /proc
readers, system tables and labelled counters, each from a real program run twice.

    .venv/bin/python tests/verify/capture_round5_tables.py [--dry-run]

Kinds: ``/proc/meminfo`` (kB counters by name), ``/proc/stat`` (CPU jiffies, context
switches, forks), ``/proc/loadavg`` and ``/proc/uptime``, ``/proc/self/status``
(VmRSS, threads, context switches), ``ps -o`` tables (RSS, VSZ, ELAPSED, TIME, a pid
column that may gain a digit), ``df`` and ``findmnt --df`` (used and available
blocks, a percentage), ``lsblk`` (stable sizes), ``prettytable`` tables of measured
times and sizes whose widths follow their values, ``pip list``, and small programs
of ours in those styles (a ``vmstat``-like table of /proc counters whose header
re-aligns, a per-CPU interrupt counters table as ``/proc/interrupts`` prints it,
a random sample and a counter that their lines label as such beside a configured
seed).

* ``equivalent`` pairs: the unchanged command really run twice (fresh scratch
  directory each time, more than a second apart).
* ``different`` pairs: the command run once more with its fields, flags, units or
  input really changed (a lost or renamed field, another unit, a changed configured
  value or state, a computed total). Nothing is edited after the run.

``prettytable`` is not a dependency of the project: ``PRETTYTABLE_PATH`` (default
``/tmp/t9b/pt``, made by ``pip install --target``) goes on ``PYTHONPATH``. Records
are appended, replacing earlier records with the same id; ``--dry-run`` prints how
the current comparator scores them and writes them to ``/tmp/round5_tables.jsonl``
only. Runs on the host. Not collected by pytest (no ``test_`` prefix).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from capture_gap_pairs import py
from capture_pairs import Case, capture_round

PT = os.environ.get("PRETTYTABLE_PATH", "/tmp/t9b/pt")


def pt(script: str) -> str:
    """Run ``script`` with prettytable importable."""
    return f"PYTHONPATH={PT} " + py(script)


MEMINFO = "grep -E '^({fields}):' /proc/meminfo"
MEM_FIELDS = "MemTotal|MemFree|MemAvailable|Buffers|Cached|Active|Inactive|Dirty|Mapped"
MEM_MB = ("awk '/^(MemFree|MemAvailable|Cached):/ "
          "{{ printf \"%-14s %8d {unit}\\n\", $1, $2/{div} }}' /proc/meminfo")
PROC_STAT = "grep -E '^({fields})' /proc/stat"
STAT_FIELDS = "cpu |ctxt|processes|procs_blocked|btime"
LOADAVG = "cat /proc/loadavg"
LOAD_LABELLED = ("read one five fifteen tasks last < /proc/loadavg; "
                 "echo \"load average: $one, $five, $fifteen\"; echo \"tasks: $tasks\"{more}")
UPTIME = "awk '{{ printf \"up %.2f seconds, idle %.2f seconds{extra}\\n\", $1, $2 }}' /proc/uptime"
SELF_STATUS = ("sleep 3 & sleep 0.2; grep -E '^({fields}):' /proc/$!/status{then}; kill $!")
STATUS_FIELDS = ("Name|State|Threads|VmPeak|VmSize|VmRSS|RssAnon|voluntary_ctxt_switches|"
                 "nonvoluntary_ctxt_switches")
PS_TABLE = "sleep 4 & sleep 1.{wait}; ps -o {cols} -p $!{then}; kill $! 2>/dev/null"
PS_COLS = "pid,ppid,rss,vsz,etime,time,stat,comm"
PS_WIDE = "pid,ppid,pgid,sid,etimes,times,rss,vsz,pcpu,pmem,nlwp,comm"
PS_THREADS = ("{py} -c 'import threading, time; [threading.Thread(target=time.sleep, args=(3,)).start() "
              "for _ in range({threads})]; time.sleep(3)' & sleep 1.5; ps -o " + PS_WIDE
              + " -p $!; kill $!")
STATUS_FULL = "sleep 3 & sleep 0.2; {stop}cat /proc/$!/status; kill -9 $!"
STAT_FULL = "cut -c1-100 /proc/stat{then}"
DF_INODES = "df -i {flags}/ /proc"
DF_OUTPUT = "df --output={cols} /"
DF = "df {flags} / /proc"
FINDMNT = "findmnt --df {flags}/"
LSBLK = "lsblk -d {cols}"
PIP_LIST = "{pip} list {flags}2>/dev/null | grep -i -E '^(Package|-|pytest|pyyaml|click|rich) '"
PIP = f"{sys.executable} -m pip"

PRETTY_TIMES = """
import random, time
from prettytable import PrettyTable
table = PrettyTable(["step", "rows", "elapsed (ms)", "rss (kB)", "cpu %"])
for step, rows in (("load", {rows}), ("parse", 1200), ("index", 80)):
    start = time.perf_counter()
    sum(i * i for i in range(rows * 50))
    took = (time.perf_counter() - start) * 1000
    rss = int(open('/proc/self/statm').read().split()[1]) * 4 + random.randint(0, 900)
    table.add_row([step, rows, round(took, 3), rss, round(random.uniform(1, 100), 1)])
table.align = "r"
print(table)
"""
PRETTY_SIZES = """
import random
from prettytable import PrettyTable
table = PrettyTable(["file", "mode", "size", "used %"])
for name, size in (("alpha.log", 20480), ("beta.db", 720896), ("gamma.cfg", {cfg_size})):
    table.add_row([name, "{mode}", size, round(random.uniform(0, 99), 1)])
print(table.get_string(sortby="file"))
"""
VMSTAT_LIKE = r"""
import time
def snap():
    fields = dict(line.split(None, 1) for line in open('/proc/stat') if not line.startswith('cpu'))
    mem = dict(line.split(':') for line in open('/proc/meminfo'))
    return fields, {k: int(v.split()[0]) for k, v in mem.items()}
fields, mem = snap()
time.sleep(0.2)
fields2, mem2 = snap()
rows = [("free", mem2["MemFree"]), ("buff", mem2["Buffers"]), ("cache", mem2["Cached"]),
        ("in", int(fields2["intr"].split()[0]) - int(fields["intr"].split()[0])),
        ("cs", int(fields2["ctxt"]) - int(fields["ctxt"]))]
print(" ".join(f"{name:>{max(len(name), len(str(value)))}}" for name, value in rows@EXTRA@))
print(" ".join(f"{value:>{max(len(name), len(str(value)))}}" for name, value in rows@EXTRA@))
"""
INTERRUPTS_LIKE = r"""
import random
print(" " * 11 + "CPU0       CPU1")
for irq, name in ((0, "timer"), (1, "i8042"), (8, "rtc0"), (9, "acpi")@MORE@):
    counts = [random.randint(0, 10 ** random.randint(1, 7)) for _ in range(2)]
    print(f"{irq:>3}: {counts[0]:>10} {counts[1]:>10}   IO-APIC   {name}")
"""
LABELLED_RANDOM = """
import random
print("seed: 1234 (configured)")
print("random sample:", random.randint(1, 10 ** 6))
print("visits counter:", random.randint(900, 99999))
print("mode: {mode}")
"""


def interrupts(more: str) -> str:
    """The per-CPU interrupt counters table (as /proc/interrupts) with ``more`` rows."""
    return INTERRUPTS_LIKE.replace("@MORE@", more)


CASES = [
    # --- /proc readers: counters under labels that name a measurement ---------------------
    Case("proc-meminfo-fields", "system", MEMINFO.format(fields=MEM_FIELDS)),
    Case("proc-meminfo-mb", "system", MEM_MB.format(unit="MB", div=1024)),
    Case("proc-stat-counters", "system", PROC_STAT.format(fields=STAT_FIELDS)),
    Case("proc-loadavg-raw", "system", LOADAVG),
    Case("proc-loadavg-labelled", "system", LOAD_LABELLED.format(more="")),
    Case("proc-uptime-seconds", "system", UPTIME.format(extra="")),
    Case("proc-status-fields", "system", SELF_STATUS.format(fields=STATUS_FIELDS, then="")),
    Case("proc-status-full", "system", STATUS_FULL.format(stop="")),
    Case("proc-meminfo-full", "system", "cat /proc/meminfo"),
    Case("proc-stat-full", "system", STAT_FULL.format(then="")),
    # --- tables whose widths follow measured values ---------------------------------------
    Case("ps-o-measured", "tables", PS_TABLE.format(wait=1, cols=PS_COLS, then="")),
    Case("ps-o-threads", "tables", PS_THREADS.format(py=sys.executable, threads=1)),
    Case("df-k-blocks", "tables", DF.format(flags="-k")),
    Case("df-inodes", "tables", DF_INODES.format(flags="")),
    Case("df-output-columns", "tables", DF_OUTPUT.format(cols="source,fstype,used,avail,pcent,target")),
    Case("df-h-sizes", "tables", DF.format(flags="-h")),
    Case("findmnt-df", "tables", FINDMNT.format(flags="")),
    Case("lsblk-sizes", "stable", LSBLK.format(cols="-o NAME,SIZE,TYPE")),
    Case("prettytable-times", "tables", pt(PRETTY_TIMES.format(rows=5000))),
    Case("prettytable-sizes", "tables", pt(PRETTY_SIZES.format(cfg_size=512, mode="rw"))),
    Case("vmstat-like-counters", "tables", py(VMSTAT_LIKE.replace("@EXTRA@", ""))),
    Case("interrupts-per-cpu", "tables", py(interrupts(""))),
    Case("pip-list-table", "stable", PIP_LIST.format(pip=PIP, flags="")),
    # --- counters and random numbers labelled as measurements ----------------------------
    Case("labelled-random-sample", "ids", py(LABELLED_RANDOM.format(mode="fast"))),
]

REAL_CHANGES: list[tuple[Any, ...]] = [
    ("proc-meminfo-lost-field", "system", "", MEMINFO.format(fields=MEM_FIELDS),
     MEMINFO.format(fields=MEM_FIELDS.replace("|Buffers", ""))),
    ("proc-meminfo-other-field", "system", "", MEMINFO.format(fields=MEM_FIELDS),
     MEMINFO.format(fields=MEM_FIELDS.replace("Dirty", "Writeback"))),
    ("proc-meminfo-mb-to-gb", "system", "", MEM_MB.format(unit="MB", div=1024),
     MEM_MB.format(unit="GB", div=1048576)),
    ("proc-stat-lost-field", "system", "", PROC_STAT.format(fields=STAT_FIELDS),
     PROC_STAT.format(fields=STAT_FIELDS.replace("|processes", ""))),
    ("proc-stat-per-cpu", "system", "", PROC_STAT.format(fields=STAT_FIELDS),
     PROC_STAT.format(fields=STAT_FIELDS.replace("cpu ", "cpu0"))),
    ("proc-loadavg-labelled-more", "system", "", LOAD_LABELLED.format(more=""),
     LOAD_LABELLED.format(more="; echo \"last pid: $last\"")),
    ("proc-uptime-minutes", "system", "", UPTIME.format(extra=""),
     "awk '{ printf \"up %.2f minutes, idle %.2f seconds\\n\", $1/60, $2 }' /proc/uptime"),
    ("proc-status-lost-field", "system", "", SELF_STATUS.format(fields=STATUS_FIELDS, then=""),
     SELF_STATUS.format(fields=STATUS_FIELDS.replace("|VmRSS", ""), then="")),
    ("proc-status-stopped", "system", "", SELF_STATUS.format(fields=STATUS_FIELDS, then=""),
     "sleep 3 & sleep 0.2; kill -STOP $!; sleep 0.1; grep -E '^(" + STATUS_FIELDS
     + "):' /proc/$!/status; kill -9 $!"),
    ("ps-o-lost-column", "tables", "", PS_TABLE.format(wait=1, cols=PS_COLS, then=""),
     PS_TABLE.format(wait=1, cols=PS_COLS.replace("rss,", ""), then="")),
    ("ps-o-stopped", "tables", "", PS_TABLE.format(wait=1, cols=PS_COLS, then=""),
     "sleep 4 & sleep 1.1; kill -STOP $!; ps -o " + PS_COLS + " -p $!; kill -9 $!"),
    ("df-k-to-m", "tables", "", DF.format(flags="-k"), DF.format(flags="-m")),
    ("proc-status-full-stopped", "system", "", STATUS_FULL.format(stop=""),
     STATUS_FULL.format(stop="kill -STOP $!; sleep 0.1; ")),
    ("proc-meminfo-full-no-units", "system", "", "cat /proc/meminfo",
     "awk '{ print $1, $2 }' /proc/meminfo"),
    ("proc-stat-full-no-softirq", "system", "", STAT_FULL.format(then=""),
     STAT_FULL.format(then=" | grep -v ^softirq")),
    ("ps-o-threads-two", "tables", "", PS_THREADS.format(py=sys.executable, threads=1),
     PS_THREADS.format(py=sys.executable, threads=2)),
    ("df-inodes-total", "tables", "", DF_INODES.format(flags=""), DF_INODES.format(flags="--total ")),
    ("df-output-no-type", "tables", "", DF_OUTPUT.format(cols="source,fstype,used,avail,pcent,target"),
     DF_OUTPUT.format(cols="source,used,avail,pcent,target")),
    ("df-k-type-column", "tables", "", DF.format(flags="-k"), DF.format(flags="-k -T")),
    ("df-h-si", "tables", "", DF.format(flags="-h"), DF.format(flags="-H")),
    ("findmnt-df-bytes", "tables", "", FINDMNT.format(flags=""), FINDMNT.format(flags="-b ")),
    ("lsblk-sizes-bytes", "stable", "", LSBLK.format(cols="-o NAME,SIZE,TYPE"),
     LSBLK.format(cols="-b -o NAME,SIZE,TYPE")),
    ("prettytable-times-rows", "tables", "", pt(PRETTY_TIMES.format(rows=5000)),
     pt(PRETTY_TIMES.format(rows=5001))),
    ("prettytable-sizes-config", "tables", "", pt(PRETTY_SIZES.format(cfg_size=512, mode="rw")),
     pt(PRETTY_SIZES.format(cfg_size=1024, mode="rw"))),
    ("prettytable-sizes-mode", "tables", "", pt(PRETTY_SIZES.format(cfg_size=512, mode="rw")),
     pt(PRETTY_SIZES.format(cfg_size=512, mode="ro"))),
    ("vmstat-like-total", "tables", "", py(VMSTAT_LIKE.replace("@EXTRA@", "")),
     py(VMSTAT_LIKE.replace("@EXTRA@", " + [('sum', sum(v for _, v in rows))]"))),
    ("interrupts-per-cpu-one-more", "tables", "",
     py(interrupts("")),
     py(interrupts(", (12, 'mouse')"))),
    ("pip-list-freeze", "stable", "", PIP_LIST.format(pip=PIP, flags=""),
     f"{PIP} list --format=freeze 2>/dev/null | grep -i -E '^(pytest|pyyaml|click|rich)='"),
    ("interrupts-per-cpu-renamed", "tables", "", py(interrupts("")),
     py(interrupts("").replace('"rtc0"', '"rtc1"'))),
    ("labelled-random-seed", "ids", "", py(LABELLED_RANDOM.format(mode="fast")),
     py(LABELLED_RANDOM.format(mode="fast").replace("1234", "1235"))),
    ("proc-meminfo-mb-renamed", "system", "", MEM_MB.format(unit="MB", div=1024),
     MEM_MB.format(unit="MB", div=1024).replace("$1,", "tolower($1),")),
    ("proc-stat-ctxt-total", "system", "", PROC_STAT.format(fields=STAT_FIELDS),
     PROC_STAT.format(fields=STAT_FIELDS) + " | awk '{ print; t += $2 } END { print \"total\", t }'"),
    ("labelled-random-mode", "ids", "", py(LABELLED_RANDOM.format(mode="fast")),
     py(LABELLED_RANDOM.format(mode="safe"))),
]


if __name__ == "__main__":
    sys.exit(capture_round(__doc__ or "", CASES, REAL_CHANGES, Path("/tmp/round5_tables.jsonl")))
