"""The tools, commands and real changes behind benchmarks/pairs/holdout.jsonl.

Each ``Case`` is run twice (an ``equivalent`` pair); each of its ``Change``s runs a really
changed tool once (a ``different`` pair against the case's first run). ``unordered`` is
set only where a user would say the order does not matter (parallel workers, shuf).
None of these tools is in tests/verify/data/pairs.jsonl, except where a case only adds
a kind of change that set lacks (lost padding, another zone, a computed date).
"""

from __future__ import annotations

from dataclasses import dataclass, field


def wrapper(tool: str, body: str) -> str:
    """Setup lines that put a wrapper for ``tool`` first on PATH; ``body`` calls the real one."""
    return (f"mkdir -p .bin && cat > .bin/{tool} <<'WRAPPER'\n#!/bin/sh\n"
            f"PATH=/usr/local/bin:/usr/bin:/bin\n{body}\nWRAPPER\n"
            f"chmod +x .bin/{tool} && PATH=\"$PWD/.bin:$PATH\"")


@dataclass
class Change:
    """One real change of the tool: another command, setup, wrapper or environment."""

    name: str
    why: str
    command: str | None = None
    setup: str | None = None
    wrap: tuple[str, str] | None = None
    env: dict[str, str] = field(default_factory=dict)

    def command_for(self, case: Case) -> str:
        return case.command if self.command is None else self.command

    def setup_for(self, case: Case) -> str:
        setup = case.setup if self.setup is None else self.setup
        if self.wrap:
            setup = "\n".join(part for part in (setup, wrapper(*self.wrap)) if part)
        return setup


@dataclass
class Case:
    id: str
    category: str
    tool: str
    command: str
    setup: str = ""
    unordered: bool = False
    fmt: str = "auto"
    host: bool = False
    env: dict[str, str] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)


def lost_padding(tool: str) -> Change:
    return Change("lost-padding", f"a {tool} that squeezes the spaces of its table",
                  wrap=(tool, f'{tool} "$@" | tr -s " "'))


JSON_LOG_PY = r"""
import json, logging, os, time, uuid
class JsonFormatter(logging.Formatter):
    def format(self, record):
        return json.dumps({"ts": time.time(), "level": record.levelname, "pid": os.getpid(),
                           "request_id": str(uuid.uuid4()), "msg": record.getMessage(),
                           "duration_ms": round(time.perf_counter() * 1000 % 97, 3)})
handler = logging.StreamHandler()
handler.setFormatter(JsonFormatter())
log = logging.getLogger("svc")
log.addHandler(handler)
log.setLevel(os.environ.get("LOG_LEVEL", "INFO"))
items = int(os.environ.get("ITEMS", "3"))
log.info("service starting")
log.info("processed %d items", items)
log.warning("slow query on table %s", os.environ.get("TABLE", "orders"))
log.info("service stopped")
"""
POOL_PY = r"""
import concurrent.futures, os, random, time
def work(n):
    time.sleep(random.uniform(0, 0.05))
    return n, n * n
jobs = int(os.environ.get("JOBS", "5"))
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    for fut in concurrent.futures.as_completed([pool.submit(work, n) for n in range(1, jobs + 1)]):
        n, sq = fut.result()
        print(f"job {n} -> {sq}")
"""
RICH_PY = r"""
import os, random, time
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TransferSpeedColumn
console = Console(force_terminal=True, color_system=None, width=80)
steps = int(os.environ.get("STEPS", "20"))
columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TransferSpeedColumn())
with Progress(*columns, console=console, refresh_per_second=50) as progress:
    task = progress.add_task("download", total=20_000_000)
    for _ in range(steps):
        time.sleep(random.uniform(0.005, 0.02))
        progress.advance(task, 1_000_000)
console.print(f"fetched {steps} chunks")
"""
PERL_BAR = (
    "perl -e '$|=1; for $i (0..$ENV{LAST}) { printf \"\\rcopying [%-20s] %3d%% %.1f MB/s\", "
    "\"#\" x $i, $i*5, 20+rand(30); select(undef,undef,undef,0.01) } print \"\\ncopied 20 blocks\\n\"'"
)
COLUMN_JOBS = (
    "{ echo 'JOB PID STATUS ELAPSED'; for j in build test lint; do sleep 30 & "
    "s=running; [ $j = lint ] && s=${LINT_STATUS:-running}; echo \"$j $! $s ${RANDOM}ms\"; "
    "kill $!; done; } | column -t"
)
FRUIT = "printf 'apple\\nbanana\\ncherry\\n' > fruit.txt"
FILES = ("mkdir d && head -c 5 /dev/zero > d/a.bin && head -c 1234 /dev/zero > d/b.bin && "
         "head -c 99999 /dev/zero > d/c.bin")
LOG_LINES = "printf 'INFO start\\nERROR disk\\nINFO retry\\nERROR net\\nERROR disk\\n' > app.log"

CASES: list[Case] = [
    # --- timing lines ---------------------------------------------------------------
    Case("timeit-sum", "timing", "python3 -m timeit",
         "python3 -m timeit -n 2000 -r 3 'sum(range(100))'", changes=[
             Change("loops-200", "another loop count", "python3 -m timeit -n 200 -r 3 'sum(range(100))'"),
             Change("repeat-5", "another repeat count",
                    "python3 -m timeit -n 2000 -r 5 'sum(range(100))'"),
         ]),
    Case("uptime", "timing", "uptime", "uptime", changes=[
        Change("pretty-flag", "the -p format instead of the default", "uptime -p"),
    ]),
    Case("vmstat", "timing", "vmstat", "vmstat", changes=[
        Change("missing-header", "a vmstat that loses its group header line",
               wrap=("vmstat", 'vmstat "$@" | sed 1d')),
    ]),
    Case("top-batch", "timing", "top", "top -b -n1 -p 1 | head -8", changes=[
        Change("gib-units", "memory in GiB (-E g) instead of MiB", "top -b -n1 -E g -p 1 | head -8"),
    ]),
    Case("perl-elapsed", "timing", "perl",
         "perl -MTime::HiRes=time,sleep -e '$t=time; @f=glob(\"d/*\"); sleep 0.05; "
         "printf \"indexed %d files in %.4f s\\n\", scalar @f, time-$t'",
         setup="mkdir d && touch d/f$(seq -s ' d/f' 1 42)", host=True, changes=[
             Change("files-41", "one file fewer in the input",
                    setup="mkdir d && touch d/f$(seq -s ' d/f' 1 41)"),
         ]),
    Case("timeout-exit", "errors", "timeout", "timeout 0.3 sleep 5; echo \"exit $?\"", changes=[
        Change("killed-137", "SIGKILL instead of SIGTERM: another exit status",
               "timeout -s KILL 0.3 sleep 5; echo \"exit $?\""),
    ]),
    Case("gzip-list", "timing", "gzip", "gzip -lv f.gz", setup="seq 1000 > f && gzip f", changes=[
        Change("one-more-line", "one more line in the input", setup="seq 1001 > f && gzip f"),
    ]),
    Case("zstd-verbose", "progress", "zstd", "zstd -v -f f -o f.zst 2>&1", setup="seq 200000 > f",
         host=True, changes=[
             Change("level-19", "another compression level", "zstd -v -19 -f f -o f.zst 2>&1"),
         ]),
    # --- temp files -----------------------------------------------------------------
    Case("py-named-tempfile", "tempfiles", "python3 tempfile",
         "python3 -c 'import tempfile; f = tempfile.NamedTemporaryFile(prefix=\"report-\", "
         "suffix=\".log\", delete=False); print(\"writing\", f.name)'", changes=[
             Change("suffix-txt", "the report is written as .txt instead of .log",
                    "python3 -c 'import tempfile; f = tempfile.NamedTemporaryFile(prefix=\"report-\", "
                    "suffix=\".txt\", delete=False); print(\"writing\", f.name)'"),
         ]),
    Case("cp-verbose", "tempfiles", "cp", "d=$(mktemp -d) && cp -v a.txt b.txt \"$d\"/; echo \"exit $?\"",
         setup="printf 'a\\n' > a.txt && printf 'b\\n' > b.txt", changes=[
             Change("missing-input", "b.txt is not there", setup="printf 'a\\n' > a.txt"),
         ]),
    Case("mkdir-parents", "tempfiles", "mkdir", "d=$(mktemp -d) && mkdir -pv \"$d/cache/v1\"", changes=[
        Change("other-dir", "another directory name",
               "d=$(mktemp -d) && mkdir -pv \"$d/cache/v2\""),
        Change("extra-level", "one more directory level",
               "d=$(mktemp -d) && mkdir -pv \"$d/cache/v1/tmp\""),
    ]),
    Case("ln-readlink", "tempfiles", "ln",
         "d=$(mktemp -d) && touch \"$d/app.conf\" && ln -sv \"$d/app.conf\" current.conf && "
         "readlink -f current.conf", changes=[
             Change("target-renamed", "the link points at app.cfg",
                    "d=$(mktemp -d) && touch \"$d/app.cfg\" && ln -sv \"$d/app.cfg\" current.conf && "
                    "readlink -f current.conf"),
         ]),
    Case("split-verbose", "tempfiles", "split", "split --verbose -l 300 n.txt part_",
         setup="seq 1000 > n.txt", changes=[
             Change("lines-400", "400 lines a part: a part fewer", "split --verbose -l 400 n.txt part_"),
         ]),
    Case("diff-unified", "tempfiles", "diff",
         "diff -u \"$d/old.txt\" \"$d/new.txt\"; echo \"exit $?\"",
         setup="d=$(mktemp -d) && printf 'a\\nb\\nc\\n' > \"$d/old.txt\" && "
               "printf 'a\\nB\\nc\\n' > \"$d/new.txt\"", changes=[
             Change("other-line", "the third line changed too",
                    setup="d=$(mktemp -d) && printf 'a\\nb\\nc\\n' > \"$d/old.txt\" && "
                          "printf 'a\\nB\\nC\\n' > \"$d/new.txt\""),
         ]),
    Case("install-mode", "tempfiles", "install",
         "d=$(mktemp -d) && install -v -m 755 /dev/null \"$d/run.sh\" && stat -c '%a %n' \"$d/run.sh\"",
         changes=[
             Change("mode-700", "installed with mode 700",
                    "d=$(mktemp -d) && install -v -m 700 /dev/null \"$d/run.sh\" && "
                    "stat -c '%a %n' \"$d/run.sh\""),
         ]),
    # --- ids --------------------------------------------------------------------------
    Case("mcookie", "ids", "mcookie", "echo \"session: $(mcookie)\"", changes=[
        Change("short-cookie", "a mcookie that prints 64 bits instead of 128",
               wrap=("mcookie", "mcookie | cut -c1-16")),
    ]),
    Case("uuid1", "ids", "python3 uuid", "python3 -c 'import uuid; print(\"node\", uuid.uuid1())'",
         changes=[
             Change("random-uuid", "a random (v4) uuid instead of a time-based one",
                    "python3 -c 'import uuid; print(\"node\", uuid.uuid4())'"),
         ]),
    Case("uuid5", "ids", "python3 uuid",
         "python3 -c 'import uuid; print(\"tenant\", uuid.uuid5(uuid.NAMESPACE_DNS, \"acme.example\"))'",
         changes=[
             Change("other-name", "the name-based uuid of another name",
                    "python3 -c 'import uuid; print(\"tenant\", "
                    "uuid.uuid5(uuid.NAMESPACE_DNS, \"acme.example.org\"))'"),
             Change("uuid3", "md5-based uuid3 of the same name",
                    "python3 -c 'import uuid; print(\"tenant\", "
                    "uuid.uuid3(uuid.NAMESPACE_DNS, \"acme.example\"))'"),
         ]),
    Case("pgrep", "ids", "pgrep", "sleep 30 & pgrep -l -P $$ sleep; kill $!", changes=[
        Change("full-command", "-a (full command line) instead of -l",
               "sleep 30 & pgrep -a -P $$ sleep; kill $!"),
    ]),
    Case("perl-pid-port", "ids", "perl",
         "perl -e 'printf \"worker %d ready on port %d\\n\", $$, $ENV{PORT}'",
         env={"PORT": "8000"}, changes=[
             Change("other-port", "configured with another port", env={"PORT": "8001"}),
         ]),
    Case("base64-token", "ids", "base64", "printf 'token=%s\\n' \"$(head -c 18 /dev/urandom | base64)\"",
         changes=[
             Change("shorter-token", "12 random bytes instead of 18",
                    "printf 'token=%s\\n' \"$(head -c 12 /dev/urandom | base64)\""),
         ]),
    Case("od-random", "ids", "od", "od -An -tx1 -N8 /dev/urandom", changes=[
        Change("six-bytes", "6 bytes instead of 8", "od -An -tx1 -N6 /dev/urandom"),
    ]),
    Case("xxd-random", "ids", "xxd", "head -c 16 /dev/urandom | xxd", host=True, changes=[
        Change("eight-columns", "8 bytes a line", "head -c 16 /dev/urandom | xxd -c 8"),
    ]),
    Case("md5-random", "checksums", "md5sum", "md5sum blob.bin",
         setup="head -c 4096 /dev/urandom > blob.bin", changes=[
             Change("bsd-tag", "--tag (BSD style) output", "md5sum --tag blob.bin"),
         ]),
    Case("secrets-urlsafe", "ids", "python3 secrets",
         "python3 -c 'import secrets; print(\"api key:\", secrets.token_urlsafe(24))'", changes=[
             Change("shorter-key", "16 bytes instead of 24",
                    "python3 -c 'import secrets; print(\"api key:\", secrets.token_urlsafe(16))'"),
         ]),
    Case("awk-rand", "ids", "awk",
         "awk 'BEGIN{srand(); printf \"sample %.6f\\n\", rand(); print \"seed\", srand()}'", changes=[
             Change("less-precision", "4 decimals instead of 6",
                    "awk 'BEGIN{srand(); printf \"sample %.4f\\n\", rand(); print \"seed\", srand()}'"),
         ]),
    Case("sha224-random", "checksums", "sha224sum", "head -c 32 /dev/urandom | sha224sum"),
    Case("sqlite-randomblob", "ids", "sqlite3",
         "sqlite3 :memory: \"select 'req-' || lower(hex(randomblob(8))), 6*7;\"", host=True, changes=[
             Change("other-product", "6*8 instead of 6*7",
                    "sqlite3 :memory: \"select 'req-' || lower(hex(randomblob(8))), 6*8;\""),
         ]),
    # --- parallel order -----------------------------------------------------------------
    Case("xargs-parallel", "parallel", "xargs",
         "printf '%s\\n' $ITEMS | xargs -P 4 -I{} sh -c 'sleep 0.0$(shuf -i 1-9 -n 1); echo \"done {}\"'",
         unordered=True, env={"ITEMS": "alpha beta gamma delta epsilon"}, changes=[
             Change("item-missing", "gamma is not in the input",
                    env={"ITEMS": "alpha beta delta epsilon"}),
             Change("item-twice", "beta twice in the input",
                    env={"ITEMS": "alpha beta beta gamma delta epsilon"}),
         ]),
    Case("xargs-md5", "parallel", "xargs", "ls *.txt | xargs -P 4 -n 1 md5sum", unordered=True,
         setup="for f in a b c d; do echo $f > $f.txt; done", changes=[
             Change("content-changed", "c.txt holds other data",
                    setup="for f in a b c d; do echo $f > $f.txt; done; echo C > c.txt"),
         ]),
    Case("shuf", "parallel", "shuf", "shuf -e red green blue cyan magenta", unordered=True, changes=[
        Change("missing", "magenta not given", "shuf -e red green blue cyan"),
    ]),
    Case("thread-pool", "parallel", "python3 concurrent.futures",
         f"python3 - <<'EOF'\n{POOL_PY}\nEOF", unordered=True, changes=[
             Change("job-missing", "4 jobs instead of 5", env={"JOBS": "4"}),
         ]),
    Case("xargs-ordered", "parallel", "xargs",
         "seq 5 | xargs -n1 -P1 sh -c 'sleep 0.0$((6-$0)); echo step $0'", changes=[
             Change("parallel-order", "-P5 makes the ordered steps finish in another order",
                    "seq 5 | xargs -n1 -P5 sh -c 'sleep 0.$((6-$0)); echo step $0'"),
         ]),
    # --- progress bars ------------------------------------------------------------------
    Case("curl-file", "progress", "curl", "curl -o out.bin \"file://$PWD/big.bin\" 2>&1",
         setup="head -c 3000000 /dev/zero > big.bin", host=True, changes=[
             Change("smaller-file", "a 2 MB file instead of 3 MB",
                    setup="head -c 2000000 /dev/zero > big.bin"),
         ]),
    Case("perl-bar", "progress", "perl", PERL_BAR, env={"LAST": "20"}, changes=[
        Change("stopped-at-95", "the loop stops one step early", env={"LAST": "19"}),
    ]),
    # on the host, python3 is the project's venv (capture.py puts it first on PATH)
    Case("rich-progress", "progress", "python3 rich", f"python3 - <<'EOF'\n{RICH_PY}\nEOF", host=True,
         changes=[Change("fewer-steps", "19 of 20 steps", env={"STEPS": "19"})]),
    # --- JSON logs ----------------------------------------------------------------------
    Case("json-logging", "jsonlog", "python3 logging", f"python3 - <<'EOF'\n{JSON_LOG_PY}\nEOF",
         changes=[
             Change("items-off-by-one", "4 items in the input", env={"ITEMS": "4"}),
             Change("level-warning", "log level WARNING hides the info lines",
                    env={"LOG_LEVEL": "WARNING"}),
             Change("other-table", "the slow query is on another table", env={"TABLE": "users"}),
         ]),
    Case("jq-log", "jsonlog", "jq",
         "jq -cn --argjson w \"$WORKERS\" '{ts: now, started: (now|todate), level: \"info\", "
         "msg: \"ready\", workers: $w}'", host=True, env={"WORKERS": "4"}, changes=[
             Change("workers-5", "5 workers configured", env={"WORKERS": "5"}),
         ]),
    Case("perl-json", "jsonlog", "perl JSON::PP",
         "perl -MJSON::PP -MTime::HiRes=time -e 'print JSON::PP->new->encode({ts => time, "
         "pid => $$, event => \"login\", user => $ENV{WHO}, ok => JSON::PP::true}), \"\\n\"'",
         env={"WHO": "alice"}, host=True, changes=[
             Change("other-user", "another user logs in", env={"WHO": "alicia"}),
         ]),
    Case("sqlite-json", "jsonlog", "sqlite3",
         "sqlite3 -json :memory: \"select 1 as id, 'build' as job, datetime('now') as started_at, "
         "abs(random() % 1000) as duration_ms, '$STATUS' as status\"", host=True,
         env={"STATUS": "ok"}, changes=[
             Change("failed", "the job failed", env={"STATUS": "failed"}),
         ]),
    Case("awk-json", "jsonlog", "awk",
         "awk -v host=\"$HOSTNAME_\" 'BEGIN{printf \"{\\\"time\\\":%d,\\\"host\\\":\\\"%s\\\","
         "\\\"level\\\":\\\"info\\\",\\\"msg\\\":\\\"started\\\"}\\n\", srand(), host}'",
         env={"HOSTNAME_": "web1"}, changes=[
             Change("other-host", "another host name", env={"HOSTNAME_": "web2"}),
         ]),
    Case("json-tool", "jsonlog", "python3 -m json.tool",
         "echo \"{\\\"name\\\": \\\"svc\\\", \\\"replicas\\\": $N, \\\"ports\\\": [80, 443]}\" | "
         "python3 -m json.tool", env={"N": "3"}, changes=[
             Change("replicas-4", "4 replicas in the input", env={"N": "4"}),
         ]),
    # --- tables whose widths follow their values ----------------------------------------
    Case("df", "tables", "df", "df -P / /tmp", changes=[
        lost_padding("df"),
        Change("row-missing", "only / is listed", "df -P /"),
    ]),
    Case("free", "tables", "free", "free -m", changes=[
        Change("swap-missing", "a free that loses its Swap row",
               wrap=("free", "free \"$@\" | sed '/^Swap/d'")),
        Change("kib", "KiB instead of MiB", "free -k"),
    ]),
    Case("column-jobs", "tables", "column", COLUMN_JOBS, host=True, changes=[
        Change("lint-failed", "lint failed", env={"LINT_STATUS": "failed"}),
        Change("lost-padding", "a column that squeezes its padding",
               COLUMN_JOBS.replace("column -t", "column -t | tr -s ' '")),
    ]),
    Case("ls-sizes", "tables", "ls", "ls -l d", setup=FILES, changes=[lost_padding("ls")]),
    Case("ps-etime", "tables", "ps", "sleep 30 & ps -o pid,etime,rss,stat,comm -p $!; kill $!", changes=[
        Change("args", "args (full command) instead of comm",
               "sleep 30 & ps -o pid,etime,rss,stat,args -p $!; kill $!"),
    ]),
    Case("du-files", "tables", "du", "du -ab d | sort -k2", setup=FILES, changes=[
        Change("bigger-file", "b.bin is one byte larger",
               setup=FILES + " && head -c 1235 /dev/zero > d/b.bin"),
    ]),
    Case("stat-zone", "datetime", "stat", "stat -c '%s %y %n' d/*", setup=FILES, changes=[
        Change("other-zone", "times shown in Asia/Kolkata", env={"TZ": "Asia/Kolkata"}),
    ]),
    Case("numfmt", "tables", "numfmt", "numfmt --to=iec --padding=8 1024 1536000 5000000000", changes=[
        Change("lost-padding", "no --padding", "numfmt --to=iec 1024 1536000 5000000000"),
        Change("si-units", "SI instead of IEC units", "numfmt --to=si --padding=8 1024 1536000 5000000000"),
    ]),
    Case("nl", "tables", "nl", "nl -ba fruit.txt", setup=FRUIT, changes=[
        Change("from-zero", "numbering starts at 0", "nl -ba -v0 fruit.txt"),
        Change("lost-padding", "width 1 instead of 6", "nl -ba -w1 fruit.txt"),
    ]),
    Case("pr-pages", "tables", "pr", "pr -l 20 -h 'Nightly report' n.txt", setup="seq 1 30 > n.txt",
         changes=[Change("longer-pages", "25-line pages", "pr -l 25 -h 'Nightly report' n.txt")]),
    Case("dpkg-list", "listings", "dpkg", "dpkg -l bash coreutils python3 | cat", changes=[
        Change("newer-coreutils", "a dpkg whose coreutils is one Debian revision newer",
               wrap=("dpkg", "dpkg \"$@\" | sed 's/9.1-1  /9.1-2  /'")),
    ]),
    Case("dpkg-query", "listings", "dpkg-query",
         "dpkg-query -W -f='${Package} ${Version} ${Installed-Size}\\n' bash coreutils", changes=[
             Change("row-missing", "a dpkg-query that skips bash",
                    wrap=("dpkg-query", "dpkg-query \"$@\" | grep -v '^bash '")),
         ]),
    Case("pip-list", "listings", "pip", "pip list 2>/dev/null", changes=[
        Change("freeze-format", "--format=freeze", "pip list --format=freeze 2>/dev/null"),
    ]),
    Case("pip-show", "listings", "pip", "pip show pip 2>/dev/null", changes=[
        Change("other-package", "setuptools instead of pip", "pip show setuptools 2>/dev/null"),
    ]),
    Case("sqlite-columns", "tables", "sqlite3",
         "sqlite3 -header -column :memory: \"create table t(name, size); insert into t values "
         "('alpha', 3), ('beta', $BETA); select name, size, abs(random() % 100000) as latency_us "
         "from t\"", host=True, env={"BETA": "12345"}, changes=[
             Change("size-changed", "beta is 1234", env={"BETA": "1234"}),
         ]),
    # --- dates and times ------------------------------------------------------------------
    Case("leap-day", "datetime", "date", "date -u -d '2024-02-28 +1 day' '+due: %F (%A)'", changes=[
        Change("off-by-one-day", "two days added", "date -u -d '2024-02-28 +2 days' '+due: %F (%A)'"),
    ]),
    Case("sqlite-dates", "datetime", "sqlite3",
         "sqlite3 :memory: \"select datetime('now'), date('2024-02-28', '+1 day')\"", host=True,
         changes=[
             Change("leap-day-lost", "the computed date skips Feb 29",
                    "sqlite3 :memory: \"select datetime('now'), date('2024-02-28', '+2 day')\""),
         ]),
    Case("zdump", "datetime", "zdump", "zdump Europe/Berlin", changes=[
        Change("other-zone", "Europe/London", "zdump Europe/London"),
    ]),
    Case("perl-localtime", "datetime", "perl", "perl -e 'print \"now: \", scalar localtime, \"\\n\"'",
         env={"TZ": "Asia/Tokyo"}, changes=[
             Change("zone-utc", "the time printed in UTC instead of Asia/Tokyo", env={"TZ": "UTC"}),
         ]),
    Case("python-astimezone", "datetime", "python3 datetime",
         "python3 -c 'import datetime; "
         "print(datetime.datetime.now().astimezone().isoformat(timespec=\"seconds\"))'",
         env={"TZ": "Europe/Paris"}, changes=[
             Change("zone-new-york", "America/New_York", env={"TZ": "America/New_York"}),
         ]),
    Case("perl-strftime-zone", "datetime", "perl POSIX",
         "perl -MPOSIX -e 'print strftime(\"%Y-%m-%dT%H:%M:%S%z\", localtime), \"\\n\"'",
         env={"TZ": "Asia/Kolkata"}, changes=[
             Change("zone-kathmandu", "Asia/Kathmandu (+0545)", env={"TZ": "Asia/Kathmandu"}),
         ]),
    Case("touch-stat", "datetime", "touch",
         "touch -d '2020-02-29 12:00:00' f && stat -c '%y %n' f", changes=[
             Change("day-after", "March 1st instead of Feb 29",
                    "touch -d '2020-03-01 12:00:00' f && stat -c '%y %n' f"),
         ]),
    Case("calendar", "datetime", "python3 -m calendar", "python3 -m calendar 2024 2", changes=[
        Change("sunday-first", "weeks start on Sunday",
               "python3 -c 'import calendar; calendar.setfirstweekday(6); calendar.prmonth(2024, 2)'"),
        Change("non-leap-year", "February 2023", "python3 -m calendar 2023 2"),
    ]),
    Case("awk-strftime", "datetime", "awk",
         "awk 'BEGIN{print strftime(\"%Y-%m-%d %H:%M:%S\"), \"backup started\"}'", changes=[
             Change("day-month-swapped", "%Y-%d-%m",
                    "awk 'BEGIN{print strftime(\"%Y-%d-%m %H:%M:%S\"), \"backup started\"}'"),
         ]),
    # --- checksums of fixed data ------------------------------------------------------------
    Case("sha1-version", "checksums", "sha1sum", "sha1sum VERSION",
         setup="printf 'release 1.4.2\\n' > VERSION", changes=[
             Change("content-1.4.3", "another release", setup="printf 'release 1.4.3\\n' > VERSION"),
         ]),
    Case("b2sum-random", "checksums", "b2sum", "b2sum -l 256 r.bin",
         setup="head -c 64 /dev/urandom > r.bin", changes=[
             Change("shorter-digest", "a 128-bit digest", "b2sum -l 128 r.bin"),
         ]),
    Case("cksum", "checksums", "cksum", "cksum n.txt", setup="seq 100 > n.txt", changes=[
        Change("one-more-line", "101 lines", setup="seq 101 > n.txt"),
    ]),
    Case("hexdump", "checksums", "hexdump", "printf 'GET / HTTP/1.1\\r\\n' | hexdump -C", host=True,
         changes=[Change("http-1.0", "HTTP/1.0", "printf 'GET / HTTP/1.0\\r\\n' | hexdump -C")]),
    # --- computed and stable outputs, error messages -----------------------------------------
    Case("factor", "computed", "factor", "factor 360 1001 65537", changes=[
        Change("off-by-one", "65536 instead of 65537", "factor 360 1001 65536"),
    ]),
    Case("join", "computed", "join", "join a.txt b.txt",
         setup="printf '1 ann\\n2 bob\\n3 cy\\n' > a.txt && printf '1 admin\\n2 dev\\n3 ops\\n' > b.txt",
         changes=[
             Change("key-missing", "no role for 2",
                    setup="printf '1 ann\\n2 bob\\n3 cy\\n' > a.txt && printf '1 admin\\n3 ops\\n' > b.txt"),
         ]),
    Case("bc-scale", "computed", "bc", "echo 'scale=4; 22/7' | bc", host=True, changes=[
        Change("scale-3", "3 decimals", "echo 'scale=3; 22/7' | bc"),
    ]),
    Case("iconv-error", "errors", "iconv",
         "printf 'caf\\xc3\\xa9 \\xff' | iconv -f UTF-8 -t ASCII//TRANSLIT; echo \" exit $?\"", changes=[
             Change("position-7", "one more character before the bad byte",
                    "printf 'cafe\\xc3\\xa9 \\xff' | iconv -f UTF-8 -t ASCII//TRANSLIT; echo \" exit $?\""),
         ]),
    Case("grep-count", "computed", "grep", "grep -c ERROR app.log; grep -n disk app.log", setup=LOG_LINES,
         changes=[
             Change("one-more-error", "one more ERROR line",
                    setup=LOG_LINES + " && echo 'ERROR cpu' >> app.log"),
         ]),
    Case("nproc-workers", "computed", "nproc", "echo \"using $(nproc) workers\"", changes=[
        Change("off-by-one", "an nproc that counts one more",
               wrap=("nproc", "echo $(( $(nproc \"$@\") + 1 ))")),
    ]),
    Case("tsort", "computed", "tsort", "tsort deps.txt",
         setup="printf 'libc app\\nlibssl app\\nlibc libssl\\n' > deps.txt", changes=[
             Change("order-changed", "the dependency between libc and libssl turned around",
                    setup="printf 'libc app\\nlibssl app\\nlibssl libc\\n' > deps.txt"),
         ]),
    Case("perl-die", "errors", "perl",
         "perl -e 'open(my $f, \"<\", \"config.yml\") or die \"cannot open config.yml: $!\\n\"'; "
         "echo \"exit $?\"", changes=[
             Change("other-message", "a perl script that says 'read' instead of 'open'",
                    "perl -e 'open(my $f, \"<\", \"config.yml\") or die \"cannot read config.yml: $!\\n\"'; "
                    "echo \"exit $?\""),
         ]),
    # --- reruns only: more values that legitimately change ---------------------------------
    Case("ps-lstart", "datetime", "ps", "sleep 30 & ps -o pid,lstart,args -p $!; kill $!"),
    Case("ls-inode", "ids", "ls", "ls -i d", setup=FILES),
    Case("stat-access", "datetime", "stat", "touch f && stat -c '%i %x %n' f"),
    Case("urandom-nonce", "ids", "python3 os.urandom",
         "python3 -c 'import os; print(\"nonce\", os.urandom(12).hex())'"),
    Case("awk-port", "ids", "awk",
         "awk 'BEGIN{srand(); printf \"listening on 127.0.0.1:%d\\n\", 20000 + int(rand() * 40000)}'"),
    Case("pip-version", "listings", "pip", "pip --version"),
    Case("uptime-since", "datetime", "uptime", "uptime -s"),
]
