"""Fourth round of pairs for the TUNING set (tests/verify/data/pairs.jsonl): the general
kinds of the fifth round of issue #9, each from a real program run twice.

    .venv/bin/python tests/verify/capture_round4_pairs.py [--dry-run]

Kinds: process ids with the label of their convention (``process N`` and ``==N==`` of
gdb and valgrind, ``name(N)`` of ``pstree -p`` and ``killall -v``, ``lspid``/``lrpid``,
a ``session``, a ``pid`` column header in lower case), System V IPC ids, times whose
unit is a whole word (``microseconds``), prove's wallclock summary, a time with
nanoseconds after ``grep -n``'s line number, GNU time's default report, rsync's
rate with thousands separators, the PROCID of an RFC 5424 syslog line, the ``shmid``
and ``cpid`` columns of ``ipcs``, ``jobs -l``, a time stamped into a file name, Java's
ISO 8601 durations, pytest's summary banner (its fill follows the duration's width),
hyperfine's statistics, the name of a ``mktemp --suffix`` file,
fingerprints in colon-separated hex after a digest's name (``ssh-keygen -E md5``),
a hex value the output calls a checksum (data: it must change only with its input),
a time printed in a zone east of the first run's (a zone's offset plus the minutes
between two runs), and docker's generated container names.

* ``equivalent`` pairs: the unchanged command really run twice (fresh scratch
  directory each time, more than a second apart).
* ``different`` pairs: the command run once more with the tool, its input or its
  arguments really changed. Nothing is edited after the run.

Records are appended, replacing earlier records with the same id; ``--dry-run``
prints how the current comparator scores them and writes them to
``/tmp/round4_pairs.jsonl`` only. Runs on the host (the docker pairs need the
daemon and ``testronaut-base:bookworm``). Not collected by pytest (no ``test_``
prefix).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from capture_gap_pairs import py
from capture_pairs import Case, capture_round

GDB = "gdb -q -batch -ex run --args {prog} 2>&1 | grep Inferior"
VALGRIND = "valgrind --tool=none {cmd} 2>&1 | grep -v -e Copyright -e Command"
PSTREE = "sleep 30 & sleep 30 & {more}sleep 0.2; pstree -p $$; kill $(jobs -p)"
KILLALL = ("cp /bin/sleep ./v1napper && (./v1napper 30 &) && sleep 0.3 && "
           "killall -v {signal}v1napper 2>&1")
IPC_QUEUE = ("q=$(ipcmk -Q {mode}) && echo \"$q\" && id=${{q##*: }} && "
             "ipcs -q -i \"$id\" | grep -v -e _time -e '^$'; ipcrm -q \"$id\"")
SESSION_PY = "import os; print('worker {state} in session', os.getsid(0))"
PID_TABLE = ("sleep 5 & printf 'name pid state\\nnapper %s {state}\\nconfig 7 {state}\\n' $! "
             "| column -t; kill $!")
TCL_TIME = "echo 'puts \"lookup [time {{string repeat ab {n}}} 2000]\"' | tclsh"
PROVE_SETUP = ("mkdir t && printf 'use Test::More tests => 2;\\nok(1, \"adds\");\\n"
               "ok({second}, \"rounds\");\\n' > t/basic.t")
GREP_LOG = ("for step in 1 2 3 4; do echo \"$(date +%T.%N) [{level}] step $step\"; done > log "
            "&& grep -n '{pattern}' log")
MKTEMP_SUFFIX = "f=$(mktemp --suffix={suffix}) && basename \"$f\" && rm \"$f\""
SSH_MD5 = ("ssh-keygen -q -t {kind} -N '' -C v1@example.invalid -f k && "
           "ssh-keygen -l -E md5 -f k.pub")
CHECKSUM_PY = ("import hashlib; data = b'release {version}\\n'; "
               "print('size', len(data)); print('SHA-256 checksum', hashlib.sha256(data).hexdigest())")
GNU_TIME = "/usr/bin/time {cmd} 2>&1 >/dev/null"
RSYNC = ("mkdir src && head -c 30000 /dev/zero > src/a{more} && "
         "rsync -a -v --no-motd src/ dst/ 2>&1 | grep -v '^total size'")
LOGGER = ("logger -i --rfc5424 --stderr --socket-errors=off {prio}-t backup "
          "'nightly backup finished' 2>&1")
IPCS_SHM = ("id=$(ipcmk -M {size} | sed 's/.*: //') && ipcs -m | grep -e shmid -e \"^0x.* $id \" "
            "&& ipcs -p -m | grep -e shmid -e \"^$id \"; ipcrm -m $id")
JOBS = "{jobs}jobs -l; kill $(jobs -p)"
STAMPED_NAME = "{zone}date '+backup-%Y%m%d-%H%M%S.tar'"
JAVA_SETUP = ("printf 'import java.time.Duration;\\npublic class Dur {{ public static void main("
              "String[] a) {{ long t = System.nanoTime(); double x = 0; "
              "for (int i = 0; i < 100000; i++) x += Math.sqrt(i); "
              "System.out.println(\"{label} \" + (x > 0) + \" in \" "
              "+ Duration.ofNanos(System.nanoTime() - t)); }} }}\\n' > Dur.java")
PYTEST_SETUP = ("printf 'import time\\n\\ndef test_a():\\n    time.sleep(0.01)\\n\\n"
                "def test_b():\\n    assert {cond}\\n' > test_banner.py")
PYTEST = f"{sys.executable} -m pytest -p no:cacheprovider -p no:randomly test_banner.py 2>&1"
HYPERFINE = "hyperfine --style basic --warmup 2 --runs {runs} 'sleep 0.01' 2>&1"
ZONE_DATE = "{zone}date '+built: %a %b %e %H:%M:%S %Y'"
DOCKER_PS = ("cid=$(docker create --label org.testronaut.pairs=1 {name}testronaut-base:bookworm "
             "true) && docker ps -a --filter id=$cid --format 'table {{{{.ID}}}}\\t{{{{.Image}}}}\\t"
             "{{{{.Command}}}}\\t{{{{.Status}}}}\\t{{{{.Names}}}}' ; docker rm $cid >/dev/null")

CASES = [
    # --- process ids by the label of their convention ----------------------------------
    Case("gdb-inferior-process", "processes", GDB.format(prog="/bin/true")),
    Case("valgrind-pid-prefix", "processes", VALGRIND.format(cmd="ls -d /tmp")),
    Case("pstree-pids", "processes", PSTREE.format(more="")),
    Case("killall-verbose-pid", "processes", KILLALL.format(signal="")),
    Case("ipcs-queue-pids", "ids", IPC_QUEUE.format(mode="")),
    Case("session-id-word", "processes", "setsid -w " + py(SESSION_PY.format(state="ok"))),
    Case("pid-column-lower", "processes", PID_TABLE.format(state="up")),
    # --- durations, times ---------------------------------------------------------------
    Case("tclsh-microseconds", "durations", TCL_TIME.format(n=50)),
    Case("prove-wallclock", "durations", "prove t/", setup=PROVE_SETUP.format(second=1)),
    Case("grep-n-nanotime", "datetime", GREP_LOG.format(level="INFO", pattern="step [24]")),
    Case("gnu-time-default", "durations", GNU_TIME.format(cmd="seq 100000")),
    Case("rsync-rate", "progress", RSYNC.format(more="")),
    Case("logger-rfc5424-procid", "processes", LOGGER.format(prio="")),
    Case("ipcs-shm-tables", "ids", IPCS_SHM.format(size=4096)),
    Case("jobs-l-pid", "processes", JOBS.format(jobs="sleep 3 & ")),
    Case("stamped-file-name", "datetime", STAMPED_NAME.format(zone="TZ=UTC ")),
    Case("java-iso-duration", "durations", "java Dur.java", setup=JAVA_SETUP.format(label="summed")),
    Case("pytest-banner", "durations", PYTEST, setup=PYTEST_SETUP.format(cond="1")),
    Case("hyperfine-summary", "durations", HYPERFINE.format(runs=5)),
    Case("zone-date-utc", "datetime", ZONE_DATE.format(zone="TZ=UTC ")),
    # --- temporary names, fingerprints, checksums ---------------------------------------
    Case("mktemp-suffix-name", "files", MKTEMP_SUFFIX.format(suffix=".log")),
    Case("ssh-keygen-md5", "ids", SSH_MD5.format(kind="ed25519")),
    Case("checksum-labelled", "checksums", py(CHECKSUM_PY.format(version="1.2.0"))),
    # --- docker's generated names ----------------------------------------------------------
    Case("docker-ps-names", "docker", DOCKER_PS.format(name=""), docker=True),
]

REAL_CHANGES: list[tuple[Any, ...]] = [
    ("gdb-inferior-exit-code", "processes", "", GDB.format(prog="/bin/true"),
     GDB.format(prog="/bin/false")),
    ("valgrind-pid-prefix-other-dir", "processes", "", VALGRIND.format(cmd="ls -d /tmp"),
     VALGRIND.format(cmd="ls -d /var")),
    ("pstree-one-child-more", "processes", "", PSTREE.format(more=""),
     PSTREE.format(more="sleep 30 & ")),
    ("killall-verbose-signal", "processes", "", KILLALL.format(signal=""),
     KILLALL.format(signal="-s INT ")),
    ("ipcs-queue-mode", "ids", "", IPC_QUEUE.format(mode=""), IPC_QUEUE.format(mode="-p 0600")),
    ("session-id-word-failed", "processes", "", "setsid -w " + py(SESSION_PY.format(state="ok")),
     "setsid -w " + py(SESSION_PY.format(state="failed"))),
    ("pid-column-lower-state", "processes", "", PID_TABLE.format(state="up"),
     PID_TABLE.format(state="down")),
    ("tclsh-microseconds-label", "durations", "", TCL_TIME.format(n=50),
     TCL_TIME.format(n=50).replace("lookup", "repeat")),
    ("prove-wallclock-failing", "durations", PROVE_SETUP.format(second=1), "prove t/",
     "sed -i 's/ok(1, \"rounds\")/ok(0, \"rounds\")/' t/basic.t && prove t/ 2>&1"),
    ("grep-n-nanotime-level", "datetime", "", GREP_LOG.format(level="INFO", pattern="step [24]"),
     GREP_LOG.format(level="INFO", pattern="step [23]")),
    ("gnu-time-default-failing", "durations", "", GNU_TIME.format(cmd="seq 100000"),
     GNU_TIME.format(cmd="false")),
    ("rsync-rate-one-file-more", "progress", "", RSYNC.format(more=""),
     RSYNC.format(more=" && echo b > src/b")),
    ("logger-rfc5424-priority", "processes", "", LOGGER.format(prio=""),
     LOGGER.format(prio="-p user.err ")),
    ("ipcs-shm-tables-size", "ids", "", IPCS_SHM.format(size=4096), IPCS_SHM.format(size=8192)),
    ("jobs-l-pid-one-more", "processes", "", JOBS.format(jobs="sleep 3 & "),
     JOBS.format(jobs="sleep 3 & sleep 4 & ")),
    ("stamped-file-name-tokyo", "datetime", "", STAMPED_NAME.format(zone="TZ=UTC "),
     STAMPED_NAME.format(zone="TZ=Asia/Tokyo ")),
    ("java-iso-duration-label", "durations", JAVA_SETUP.format(label="summed"), "java Dur.java",
     "sed -i 's/summed /added /' Dur.java && java Dur.java"),
    ("pytest-banner-failing", "durations", PYTEST_SETUP.format(cond="1"), PYTEST,
     "sed -i 's/assert 1/assert 0/' test_banner.py && " + PYTEST),
    ("hyperfine-summary-runs", "durations", "", HYPERFINE.format(runs=5),
     HYPERFINE.format(runs=6)),
    ("zone-date-kolkata", "datetime", "", ZONE_DATE.format(zone="TZ=UTC "),
     ZONE_DATE.format(zone="TZ=Asia/Kolkata ")),
    ("zone-date-tokyo", "datetime", "", ZONE_DATE.format(zone="TZ=UTC "),
     ZONE_DATE.format(zone="TZ=Asia/Tokyo ")),
    ("mktemp-suffix-other", "files", "", MKTEMP_SUFFIX.format(suffix=".log"),
     MKTEMP_SUFFIX.format(suffix=".txt")),
    ("ssh-keygen-md5-ecdsa", "ids", "", SSH_MD5.format(kind="ed25519"),
     SSH_MD5.format(kind="ecdsa")),
    ("checksum-labelled-version", "checksums", "", py(CHECKSUM_PY.format(version="1.2.0")),
     py(CHECKSUM_PY.format(version="1.2.1"))),
    ("docker-ps-names-given", "docker", "", DOCKER_PS.format(name=""),
     DOCKER_PS.format(name="--name v1-web-$$ "), {"docker": True}),
]


if __name__ == "__main__":
    sys.exit(capture_round(__doc__ or "", CASES, REAL_CHANGES, Path("/tmp/round4_pairs.jsonl")))
