"""Add pairs of the kinds of dynamic output the rules were known to miss to the
TUNING set (tests/verify/data/pairs.jsonl).

    .venv/bin/python tests/verify/capture_gap_pairs.py [--dry-run]

Kinds: short hex ids (git-like and docker-like), base64 and random tokens, ``\\r``
progress meters with percentages, durations in many spellings, PIDs in text, ports,
parallel order, JSON logs, tables whose widths follow their values, container
hostnames, load averages and uptimes, memory figures, inode numbers, ``/proc`` values.

* ``equivalent`` pairs: the unchanged command really run twice (fresh scratch
  directory each time, more than a second apart), on this machine or (``docker``) in
  the base image.
* ``different`` pairs: the command run once more with the tool really changed: a
  wrapper first on ``PATH`` (``bin/`` of the scratch directory) that bends one
  behaviour (lost padding, a count off by one, a word changed beside a dynamic value,
  a shorter token, unsorted output), or a changed input (another zone in ``TZ``, a
  computed date a day on, another name for a name-based UUID). Nothing is edited
  after the run.

Records are appended, replacing earlier records with the same id; ``--dry-run``
prints how the current comparator scores them and writes them to
``/tmp/gap_pairs.jsonl`` only. Not collected by
pytest (no ``test_`` prefix); the data file is committed.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from capture_pairs import IMAGE, PY, Case, capture_round

GIT_REPO = (
    "git init -q -b main repo && cd repo && printf 'one\\n' > a.txt && git add a.txt && "
    "git commit -q -m 'first commit' && printf 'two\\n' >> a.txt && "
    "git commit -q -am 'second commit'"
)
FILES = ("mkdir d && printf 'a\\n' > d/a.txt && printf 'bb\\n' > d/b.txt && "
         "head -c 3000 /dev/zero > d/c.bin")
DOCKER = f"docker run --rm --network none {IMAGE}"


def wrapper(tool: str, body: str) -> str:
    """Shell that puts a changed ``tool`` first on PATH: ``body`` is a sh script that
    may call the real tool as ``"$REAL" "$@"``."""
    script = f'#!/bin/sh\nREAL=$(PATH=${{PATH#*/bin:}} command -v {tool})\n{body}\n'
    return (f"mkdir -p bin && printf '%s' {shlex.quote(script)} > bin/{tool} && "
            f"chmod +x bin/{tool} && export PATH=\"$PWD/bin:$PATH\" && ")


def sed_wrapper(tool: str, expression: str) -> str:
    """A ``tool`` whose output goes through ``sed -E`` once (one behaviour bent)."""
    return wrapper(tool, f'"$REAL" "$@" | sed -E {shlex.quote(expression)}')


# --- programs --------------------------------------------------------------------------
PROGRESS_SH = r"""
n=0
while :; do
  printf '\rprocessing %3d%% (%d/%d) eta %ds' $n $n 100 $(( (100 - n) / 25 ))
  [ $n -ge 100 ] && break
  n=$((n + 10 + RANDOM % 15)); [ $n -gt 100 ] && n=100
done
printf '\n'
echo "processed 100 records"
"""
UNITTEST_PY = r"""
import unittest
class T(unittest.TestCase):
    def test_a(self): self.assertEqual(1, 1)
    def test_b(self): self.assertTrue(True)
    def test_c(self): sum(range(20000))
unittest.main(argv=["x"], verbosity=1)
"""
NODE_PORT_JS = r"""
const net = require('net');
const server = net.createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`server listening at http://127.0.0.1:${port}/`);
  console.log(server.address());
  server.close();
});
"""
NODE_LOG_JS = r"""
const os = require('os');
const crypto = require('crypto');
for (const msg of ['boot', 'ready', 'shutdown']) {
  console.log(JSON.stringify({level: 30, time: Date.now(), pid: process.pid,
    hostname: 'worker', reqId: crypto.randomBytes(6).toString('hex'), msg,
    responseTime: Math.random() * 20, status: 200}));
}
"""
NODE_TIMER_JS = r"""
console.time('load config');
let s = 0; for (let i = 0; i < 200000; i++) s += i;
console.timeEnd('load config');
console.log('session', require('crypto').randomUUID(), 'opened');
console.log('sum is', s);
"""
PY_LOGGING_JSON = r"""
import json, logging, os, socket, time, uuid
class F(logging.Formatter):
    def format(self, r):
        return json.dumps({"asctime": self.formatTime(r), "created": r.created,
                           "process": r.process, "thread": r.thread, "levelname": r.levelname,
                           "message": r.getMessage(), "trace": uuid.uuid4().hex[:16]})
h = logging.StreamHandler(); h.setFormatter(F())
log = logging.getLogger("svc"); log.addHandler(h); log.setLevel(logging.INFO)
log.info("connected to db"); log.warning("slow query: 3 rows")
"""
COLUMN_TABLE_SH = r"""
{
  echo "NAME PID TOOK STATUS"
  for n in web db cache; do
    start=$(date +%s%N); sh -c 'exit 0'; took=$(( ($(date +%s%N) - start) / 1000 ))
    echo "$n $(sh -c 'echo $$') ${took}us running"
  done
} | column -t
"""
SQLITE_TIMER = ("sqlite3 :memory: '.timer on' 'create table t(x)' "
                "'insert into t select value from generate_series(1, 20000)' "
                "'select count(*), max(x) from t' 2>&1")
# a table whose "seen" column (epoch seconds with a fraction) changes its width
SQLITE_COLUMN = ("sqlite3 -column -header :memory: \"select 'alpha' as name, "
                 "(julianday('now') - 2440587.5) * 86400.0 as seen, 3 as n "
                 "union all select '{name}', unixepoch('now'), 4\"")
RICH_PY = r"""
from rich.console import Console
from rich.progress import Progress
import time
c = Console(force_terminal=True, width=80, color_system=None)
with Progress(console=c, transient=False) as p:
    t = p.add_task("copying", total=50)
    for _ in range(50):
        time.sleep(0.002); p.advance(t)
c.print("copied 50 files")
"""
MULTIPROC_PY = r"""
import multiprocessing as mp, os
def work(n):
    return f"task {n} ran in pid {os.getpid()}: {n * n}"
if __name__ == "__main__":
    print(f"main process pid {os.getpid()}")
    with mp.Pool(1) as pool:
        for line in pool.map(work, range(4)):
            print(line)
"""
SERVER_LOG_PY = r"""
import logging, os, sys, time
logging.basicConfig(stream=sys.stdout, level=logging.INFO, datefmt="%Y-%m-%d %H:%M:%S %z",
                    format="[%(asctime)s] [%(process)d] [%(levelname)s] %(message)s")
log = logging.getLogger()
log.info("Starting server 0.1.0")
log.info("Listening at: unix:/tmp/app.sock (%d)", os.getpid())
log.info("Booting worker with pid: %d", os.getpid() + 1)
"""
TOKENS_PY = r"""
import base64, os, secrets
print("api key:", secrets.token_urlsafe(24))
print("nonce=" + base64.b64encode(os.urandom(12)).decode())
print("csrf", secrets.token_hex(8))
print("salt:", base64.b64encode(os.urandom(16)).decode())
"""
UUID_NAMES_PY = r"""
import sys, uuid
name = sys.argv[1] if len(sys.argv) > 1 else "build-42"
print("artifact id:", uuid.uuid5(uuid.NAMESPACE_URL, "https://ci.example/" + name))
print("run id:     ", uuid.uuid4())
"""
DATE_CALC_PY = r"""
import datetime, sys
days = int(sys.argv[1]) if len(sys.argv) > 1 else 30
print("generated", datetime.datetime.now().isoformat(timespec="seconds"))
print("due date:", datetime.date(2024, 1, 31) + datetime.timedelta(days=days))
"""
TQDM_PY = r"""
import random, sys, time
total = 50
start = time.perf_counter()
for i in range(total + 1):
    time.sleep(random.random() / 500)
    spent = time.perf_counter() - start
    rate = i / spent if spent else 0.0
    bar = "#" * (i * 20 // total)
    sys.stderr.write(f"\rdownloading: {i * 100 // total:3d}%|{bar:<20}| {i}/{total} "
                     f"[{int(spent) // 60:02d}:{int(spent) % 60:02d}<00:00, {rate:.2f}it/s]")
sys.stderr.write("\n")
"""
STEPS_PY = r"""
import random, time
for step in ("resolve", "build", "link"):
    t = time.perf_counter(); time.sleep(random.random() / 100)
    ms = (time.perf_counter() - t) * 1000
    print(f"{step} took {ms / 1000:.2f}s ({ms:.1f} ms)")
"""


NOW_ISO = (f"{PY} -c 'import datetime; print(\"at\", "
           "datetime.datetime.now().astimezone().isoformat(timespec=\"seconds\"))'")
PROGRESS_TO_90 = PROGRESS_SH.replace("-ge 100", "-ge 90").replace("-gt 100 ] && n=100",
                                                                  "-gt 90 ] && n=90")


def py(script: str, args: str = "", then: str = "") -> str:
    """Run ``script`` with the venv's Python; ``then`` follows on the command line
    (redirections, a pipe)."""
    return f"{PY} - {args} <<'EOF' {then}\n{script}\nEOF"


def node(script: str) -> str:
    return f"node - <<'EOF'\n{script}\nEOF"


CASES = [
    # --- short hex ids ----------------------------------------------------------------
    Case("git-abbrev-log", "git", "git log --format='%h %s' && git rev-parse --short=12 HEAD",
         setup=GIT_REPO),
    Case("git-describe", "git", "echo \"built from $(git describe --always --dirty)\"",
         setup=GIT_REPO),
    Case("git-stash", "git", "echo three >> a.txt && git stash && git stash list",
         setup=GIT_REPO),
    Case("docker-create-id", "docker",
         f"id=$(docker create --network none {IMAGE} true); echo \"created $id\"; "
         "echo \"short id ${id%${id#????????????}}\"; docker rm \"$id\" >/dev/null", docker=True),
    Case("docker-uname", "docker", f"{DOCKER} sh -c 'echo \"node: $(uname -n)\"; uname -s'",
         docker=True),
    Case("docker-hosts-tail", "docker",
         f"{DOCKER} sh -c 'cat /etc/hostname; echo \"I am $(hostname), pid $$\"'", docker=True),
    # --- tokens ------------------------------------------------------------------------
    Case("base64-random", "ids", "head -c 18 /dev/urandom | base64; openssl rand -base64 12"),
    Case("mcookie", "ids", "echo \"cookie: $(mcookie)\""),
    Case("python-tokens", "ids", py(TOKENS_PY)),
    Case("xxd-random", "ids", "head -c 16 /dev/urandom | xxd"),
    # --- progress ----------------------------------------------------------------------
    Case("progress-cr", "progress", f"bash -c {shlex.quote(PROGRESS_SH)}"),
    Case("xz-verbose", "progress",
         "head -c 4000000 /dev/urandom > blob && xz -v -T1 -0 blob 2>&1 | tr '\\r' '\\n' | tail -1"),
    Case("rich-progress", "progress", py(RICH_PY)),
    # --- durations ---------------------------------------------------------------------
    Case("unittest-ran", "durations", py(UNITTEST_PY, then="2>&1")),
    Case("bash-time-posix", "durations",
         "bash -c 'TIMEFORMAT=\"real %3lR\"; time seq 1 200000 >/dev/null' 2>&1"),
    Case("usr-bin-time-p", "durations", "/usr/bin/time -p sh -c 'seq 1 300000 >/dev/null' 2>&1"),
    Case("sqlite-timer", "durations", SQLITE_TIMER),
    Case("node-console-time", "durations", node(NODE_TIMER_JS)),
    # --- sizes that move -----------------------------------------------------------------
    Case("du-growing-log", "files",
         "mkdir logs && end=$((SECONDS + 1)); while [ $SECONDS -lt $end ]; do "
         "date +%s%N >> logs/app.log; done; du -sh --apparent-size logs | sed 's/^/logs take /'"),
    Case("free-h", "processes", "free -h"),
    Case("free-m", "processes", "free -m | head -2"),
    Case("meminfo", "processes", "grep -E '^(MemTotal|MemFree|MemAvailable|Cached):' /proc/meminfo"),
    # --- pids -------------------------------------------------------------------------------
    Case("pid-brackets", "ids", "sh -c 'echo \"[$$] worker started\"; echo \"worker[$$]: ready\"'"),
    Case("pid-spawned", "ids", "sleep 2 & echo \"spawned sleep as pid $!\"; "
         "pgrep -a -P $$ sleep; kill $!"),
    Case("proc-self-status", "processes",
         "grep -E '^(Name|State|Pid|PPid|Threads|VmRSS):' /proc/self/status"),
    Case("multiprocessing", "processes", py(MULTIPROC_PY)),
    Case("server-log", "ids", py(SERVER_LOG_PY)),
    # --- ports ------------------------------------------------------------------------------
    Case("node-port", "network", node(NODE_PORT_JS)),
    # --- load, uptime, /proc --------------------------------------------------------------
    Case("uptime-full", "processes", "uptime"),
    Case("proc-loadavg", "processes", "cat /proc/loadavg"),
    Case("proc-uptime", "processes", "echo \"uptime seconds: $(cut -d' ' -f1 /proc/uptime)\""),
    # --- inodes -----------------------------------------------------------------------------
    Case("ls-i", "files", "ls -i1 d", setup=FILES),
    Case("stat-inode", "files", "stat -c '%i %h %s %n' d/*", setup=FILES),
    # --- JSON logs ------------------------------------------------------------------------------
    Case("node-json-log", "json", node(NODE_LOG_JS)),
    Case("python-json-logging", "json", py(PY_LOGGING_JSON, then="2>&1")),
    # --- tables whose widths follow their values ------------------------------------------------
    Case("column-table", "tables", f"bash -c {shlex.quote(COLUMN_TABLE_SH)}"),
    Case("sqlite-column", "tables", SQLITE_COLUMN.format(name="b")),
    # --- more progress, durations, relative times ------------------------------------------
    Case("tqdm-like", "progress", py(TQDM_PY, then="2>&1")),
    Case("step-timings", "durations", py(STEPS_PY)),
    Case("git-relative", "git", "sleep $((RANDOM % 3)); git log --format='%h %an, %ar: %s'",
         setup=GIT_REPO),
    Case("xargs-timed", "unordered",
         "printf '%s\\n' 1 2 3 4 | xargs -P 4 -I{} sh -c "
         "'s=$(date +%s%N); sleep 0.0$(od -An -N1 -tu1 /dev/urandom | tr -dc 0-9 | cut -c1); "
         "echo \"job {} done in $(( ($(date +%s%N) - s) / 1000000 )) ms\"'",
         unordered=True),
    # --- system monitors ------------------------------------------------------------------
    Case("vmstat", "processes", "vmstat 1 2"),
    Case("top-summary", "processes", "top -b -n 1 | head -5"),
    Case("curl-meter", "progress",
         "head -c 5000000 /dev/zero > big.bin && curl -o /dev/null file://$PWD/big.bin 2>&1"),
    # --- parallel order (really unordered) --------------------------------------------------
    Case("make-j", "unordered",
         "printf 'SHELL=/bin/bash\\nall: a b c\\na b c:\\n\\t@sleep 0.0$$((RANDOM %% 9)); "
         "echo made $@\\n' > Makefile && make -s -j3",
         unordered=True),
]

REAL_CHANGES: list[tuple[Any, ...]] = [
    # hex ids: the abbreviation length is a format
    ("git-abbrev-longer", "git", GIT_REPO, "git log --format='%h %s'",
     sed_wrapper("git", r"s/^([0-9a-f]{7})/\1ab/") + "git log --format='%h %s'"),
    ("git-subject-beside-hash", "git", GIT_REPO, "git log --format='%h %s'",
     sed_wrapper("git", "s/second commit/second comit/") + "git log --format='%h %s'"),
    ("docker-short-id-truncated", "docker", "",
     f"{DOCKER} sh -c 'echo \"I am $(hostname)\"'",
     f"{DOCKER} sh -c 'echo \"I am $(hostname | cut -c1-10)\"'", {"docker": True}),
    ("docker-exit-beside-id", "docker", "",
     f"{DOCKER} sh -c 'echo \"$(hostname) exited 0\"'",
     f"{DOCKER} sh -c 'echo \"$(hostname) exited 1\"'", {"docker": True}),
    # tokens: their length is a format, the words around them are content
    ("base64-shorter", "ids", "", "head -c 18 /dev/urandom | base64",
     sed_wrapper("base64", "s/^(.{16}).*/\\1/") + "head -c 18 /dev/urandom | base64"),
    ("token-key-renamed", "ids", "", py(TOKENS_PY),
     sed_wrapper("python3", "s/^api key:/api token:/") + py(TOKENS_PY).replace(PY, "python3")),
    ("mcookie-upper", "ids", "", "echo \"cookie: $(mcookie)\"",
     sed_wrapper("mcookie", "s/.*/\\U&/") + "echo \"cookie: $(mcookie)\""),
    # progress: the final figure is data
    ("progress-stops-at-90", "progress", "", f"bash -c {shlex.quote(PROGRESS_SH)}",
     f"bash -c {shlex.quote(PROGRESS_TO_90)}"),
    ("progress-records-off", "progress", "", f"bash -c {shlex.quote(PROGRESS_SH)}",
     f"bash -c {shlex.quote(PROGRESS_SH.replace('processed 100', 'processed 101'))}"),
    # durations: counts and words beside them are data
    ("unittest-one-more", "durations", "", py(UNITTEST_PY, then="2>&1"),
     py(UNITTEST_PY.replace("    def test_c", "    def test_d(self): pass\n    def test_c"),
        then="2>&1")),
    ("unittest-failed", "durations", "",
     py(UNITTEST_PY, then="2>&1 | grep -E '^(Ran|OK|FAILED)'"),
     py(UNITTEST_PY.replace("assertEqual(1, 1)", "assertEqual(1, 2)"),
        then="2>&1 | grep -E '^(Ran|OK|FAILED)'")),
    ("sqlite-count-off", "durations", "", SQLITE_TIMER,
     SQLITE_TIMER.replace("20000)", "20001)")),
    ("node-timer-label", "durations", "", node(NODE_TIMER_JS),
     node(NODE_TIMER_JS.replace("'load config'", "'load cfg'"))),
    ("time-p-word", "durations", "", "/usr/bin/time -p sh -c 'seq 1 300000 >/dev/null' 2>&1",
     "/usr/bin/time -f 'real %e\\nuser %U\\nsystem %S' sh -c 'seq 1 300000 >/dev/null' 2>&1"),
    # sizes and memory: a lost padding, a changed unit
    ("free-padding-lost", "processes", "", "free -m | head -2",
     sed_wrapper("free", "s/ +/ /g") + "free -m | head -2"),
    ("free-unit-changed", "processes", "", "free -m | head -2", "free -k | head -2"),
    ("du-count-off", "files", "",
     "mkdir logs && for i in $(seq 30); do date +%s%N >> logs/app.log; done; "
     "wc -l < logs/app.log | sed 's/^/lines: /'; du -sh logs | cut -f1",
     "mkdir logs && for i in $(seq 31); do date +%s%N >> logs/app.log; done; "
     "wc -l < logs/app.log | sed 's/^/lines: /'; du -sh logs | cut -f1"),
    # pids: the word beside the pid is content
    ("pid-word-changed", "ids", "", "sh -c 'echo \"[$$] worker started\"'",
     "sh -c 'echo \"[$$] worker stopped\"'"),
    ("pid-state-changed", "processes", "",
     "grep -E '^(Name|State|Pid|Threads):' /proc/self/status",
     sed_wrapper("grep", "s/^Threads:(\\s+)1/Threads:\\12/") +
     "grep -E '^(Name|State|Pid|Threads):' /proc/self/status"),
    ("server-log-level", "ids", "", py(SERVER_LOG_PY),
     py(SERVER_LOG_PY.replace('log.info("Booting', 'log.warning("Booting'))),
    # ports: a fixed address is data
    ("node-host-changed", "network", "", node(NODE_PORT_JS),
     node(NODE_PORT_JS.replace("'127.0.0.1'", "'::1'").replace("http://127.0.0.1",
                                                                "http://[::1]"))),
    # /proc and load: the shape is data
    ("loadavg-fields-lost", "processes", "", "cat /proc/loadavg",
     "cut -d' ' -f1-3 /proc/loadavg"),
    ("uptime-users-word", "processes", "", "uptime",
     sed_wrapper("uptime", "s/load average/load avg/") + "uptime"),
    # inodes: a link count or a name beside them is data
    ("ls-i-file-renamed", "files", FILES, "ls -i1 d", "mv d/b.txt d/bb.txt && ls -i1 d"),
    ("stat-links-changed", "files", FILES, "stat -c '%i %h %s %n' d/*",
     "ln d/a.txt d/a2.txt && stat -c '%i %h %s %n' d/a.txt d/b.txt d/c.bin"),
    # JSON logs: the level, the status and the message are data
    ("node-log-status", "json", "", node(NODE_LOG_JS),
     node(NODE_LOG_JS.replace("status: 200", "status: 503"))),
    ("node-log-level", "json", "", node(NODE_LOG_JS),
     node(NODE_LOG_JS.replace("level: 30", "level: 40"))),
    ("py-json-log-message", "json", "", py(PY_LOGGING_JSON, then="2>&1"),
     py(PY_LOGGING_JSON.replace("3 rows", "4 rows"), then="2>&1")),
    # tables: lost padding, a changed cell
    ("column-padding-lost", "tables", "", f"bash -c {shlex.quote(COLUMN_TABLE_SH)}",
     f"bash -c {shlex.quote(COLUMN_TABLE_SH.replace('column -t', 'cat'))}"),
    ("column-status-changed", "tables", "", f"bash -c {shlex.quote(COLUMN_TABLE_SH)}",
     f"bash -c {shlex.quote(COLUMN_TABLE_SH.replace(' running', ' stopped'))}"),
    ("sqlite-name-changed", "tables", "",
     SQLITE_COLUMN.format(name="b"), SQLITE_COLUMN.format(name="c")),
    # zones, computed dates, name-based UUIDs
    ("zone-python", "datetime", "",
     f"{PY} -c 'import datetime; print(datetime.datetime.now().astimezone().strftime(\"%H:%M:%S %Z\"))'",
     f"TZ=Asia/Kolkata {PY} -c 'import datetime; "
     "print(datetime.datetime.now().astimezone().strftime(\"%H:%M:%S %Z\"))'"),
    ("zone-offset-iso", "datetime", "", f"TZ=Europe/Berlin {NOW_ISO}",
     f"TZ=Europe/London {NOW_ISO}"),
    ("due-date-off", "datetime", "", py(DATE_CALC_PY), py(DATE_CALC_PY, "31")),
    ("uuid5-other-name", "ids", "", py(UUID_NAMES_PY), py(UUID_NAMES_PY, "build-43")),
    ("tqdm-stops-early", "progress", "", py(TQDM_PY, then="2>&1"),
     py(TQDM_PY.replace("range(total + 1)", "range(total)"), then="2>&1")),
    ("step-renamed", "durations", "", py(STEPS_PY),
     py(STEPS_PY.replace('"link"', '"linking"'))),
    ("git-relative-author", "git", GIT_REPO, "git log --format='%h %an, %ar: %s'",
     "git log --format='%h %ae, %ar: %s'"),
    ("xargs-timed-lost-job", "unordered", "",
     "printf '%s\\n' 1 2 3 4 | xargs -P 4 -I{} sh -c 's=$(date +%s%N); "
     "echo \"job {} done in $(( ($(date +%s%N) - s) / 1000000 )) ms\"'",
     "printf '%s\\n' 1 2 4 | xargs -P 4 -I{} sh -c 's=$(date +%s%N); "
     "echo \"job {} done in $(( ($(date +%s%N) - s) / 1000000 )) ms\"'", {"unordered": True}),
    ("uuid3-other-name", "ids", "",
     f"{PY} -c 'import uuid; print(\"key\", uuid.uuid3(uuid.NAMESPACE_DNS, \"a.example\"), uuid.uuid4())'",
     f"{PY} -c 'import uuid; print(\"key\", uuid.uuid3(uuid.NAMESPACE_DNS, \"b.example\"), uuid.uuid4())'"),
    ("date-next-month", "datetime", "", "date -u -d '2024-01-31 + 1 month' '+%F (%a)'",
     "date -u -d '2024-01-30 + 1 month' '+%F (%a)'"),
    ("vmstat-padding-lost", "processes", "", "vmstat 1 2",
     sed_wrapper("vmstat", "s/ +/ /g; s/^ //") + "vmstat 1 2"),
    ("vmstat-header-changed", "processes", "", "vmstat 1 2",
     sed_wrapper("vmstat", "s/ swpd / swap /") + "vmstat 1 2"),
    ("top-summary-line-lost", "processes", "", "top -b -n 1 | head -5",
     sed_wrapper("top", "/^%Cpu/d") + "top -b -n 1 | head -5"),
    ("curl-meter-smaller", "progress", "",
     "head -c 5000000 /dev/zero > big.bin && curl -o /dev/null file://$PWD/big.bin 2>&1",
     "head -c 4000000 /dev/zero > big.bin && curl -o /dev/null file://$PWD/big.bin 2>&1"),
    # sorting tools: the order is their output
    ("sort-unsorted", "stable", "printf '%s\\n' pear apple fig kiwi > f", "sort f",
     wrapper("sort", 'cat "$@"') + "sort f"),
    ("sort-n-lexical", "stable", "printf '%s\\n' 10 9 100 1 > f", "sort -n f",
     wrapper("sort", '"$REAL" f') + "sort -n f"),
    ("du-sort-h-broken", "files", FILES, "du -b d/c.bin d/b.txt d/a.txt | sort -n",
     wrapper("sort", 'cat') + "du -b d/c.bin d/b.txt d/a.txt | sort -n"),
    # parallel work: a lost item is a regression even unordered
    ("make-j-lost-target", "unordered", "",
     "printf 'all: a b c\\na b c:\\n\\t@echo made $@\\n' > Makefile && make -s -j3",
     "printf 'all: a b\\na b c:\\n\\t@echo made $@\\n' > Makefile && make -s -j3",
     {"unordered": True}),
]


if __name__ == "__main__":
    sys.exit(capture_round(__doc__ or "", CASES, REAL_CHANGES, Path("/tmp/gap_pairs.jsonl")))
