"""A THIRD hold-out corpus: benchmarks/pairs/holdout3.jsonl, from tools in none of the sets.

    .venv/bin/python benchmarks/pairs/holdout3_cases.py [--out PATH] [--only ID,ID]

The cases and their capture script in one file; the machinery (fresh scratch directory,
sandbox or host runner, two passes in different minutes, the checks before writing) is
capture.py's. Each ``Case`` runs twice (an ``equivalent`` pair); each ``Change`` runs a
really changed tool once (a ``different`` pair against the case's first run). No tool
under test here appears in tests/verify/data/pairs.jsonl, benchmarks/pairs/holdout.jsonl
or benchmarks/pairs/holdout2.jsonl (helpers such as ``sleep``, ``mktemp``, ``gzip`` or
``printf`` only feed them). Labels come from what was run, never from a verdict. Not to
be read while changing pytest_testronaut/verify/ (see README.md next to this file).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from capture import capture_set  # noqa: E402
from holdout_cases import Case, Change  # noqa: E402

DATA = HERE / "holdout3.jsonl"

PROVE_T = (
    "mkdir -p t && printf 'use strict;\\nuse Test::More tests => 3;\\nselect(undef, undef, undef, 0.2);\\n"
    "ok(1 + 1 == 2, \"adds\");\\nis(lc(\"ABC\"), \"abc\", \"lowercases\");\\nis(%s, 6, \"multiplies\");\\n' "
    "> t/basic.t"
)
POD = ("printf '=head1 NAME\\n\\nmytool - does things\\n\\n=head1 SYNOPSIS\\n\\n  mytool "
    "[--verbose] FILE\\n\\n"
       "=head1 OPTIONS\\n\\n=over 4\\n\\n=item B<--verbose>\\n\\nSay more.\\n\\n%s=back\\n\\n=cut\\n' "
       "\"$EXTRA\" > \"$d/mytool.pod\"")
DIS_PY = ("printf 'def price(qty):\\n    rate = %s\\n    return qty * rate\\n\\nprint(price(4))\\n' "
          "\"$RATE\" > \"$d/price.py\"")
MERGE = ("printf 'host=db\\nport=5432\\npool=5\\ntimeout=30\\n' > \"$d/orig\" && "
         "printf 'host=db\\nport=5432\\npool=10\\ntimeout=30\\n' > \"$d/mine\" && "
         "printf 'host=db\\nport=5432\\n%s\\ntimeout=30\\n' \"$THEIRS\" > \"$d/theirs\"")
ZONE = ("printf 'Zone Test/Factory %s - FACT\\n' \"$OFF\" > rules.zi && zic -d zi rules.zi && "
        "TZ=\"$PWD/zi/Test/Factory\" date '+%Y-%m-%d %H:%M:%S %Z %z'")
APPLOG = ("for i in 1 2 3 4 5 6; do lvl=INFO; case $i in 2|5) lvl=ERROR;; esac; "
          "printf '%s [%s] pid=%d req=%s step %d\\n' \"$(date +%T.%N)\" $lvl $$ "
          "\"$(od -An -tx4 -N4 /dev/urandom | tr -d ' ')\" $i; done > app.log")
SETSID_JOBS = ("for j in fetch parse index store; do setsid -w sh -c \"sleep 0.0\\$((\\$\\$ % 9)); "
               "echo job $j ok in session \\$\\$\" & done; wait")
PASTE_IN = "printf 'api\\nworker\\nscheduler\\n' > names.txt"
EXPR_TIMER = ("start=$(date +%s%N); n=0; while [ $n -lt $N ]; do n=$(expr $n + 1); done; "
              "end=$(date +%s%N); echo \"items $n\"; echo \"elapsed $(expr \\( $end - $start \\) / "
              "1000000) ms\"")
SERVE_ONCE = """cat > serve.py <<'PY'
import os, socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(1)
open("port.tmp", "w").write(str(s.getsockname()[1]))
os.rename("port.tmp", "port")
c, _ = s.accept()
c.recv(65536)
status = os.environ.get("STATUS", "200 OK")
body = os.urandom(int(os.environ.get("SIZE", "3000000"))) if status.startswith("200") else b"gone"
c.sendall(b"HTTP/1.0 %s\\r\\nContent-Type: application/octet-stream\\r\\nContent-Length: %d\\r\\n\\r\\n"
          % (status.encode(), len(body)) + body)
c.close()
PY
python3 serve.py & until [ -s port ]; do sleep 0.05; done"""
WGET = ("wget --progress=bar:force:noscroll -O dl.bin \"http://127.0.0.1:$(cat port)/build.tar\" 2>&1; "
        "echo \"exit $?\"; wait")
ZIPD = "printf 'release 1.4.2\\n' > notes.txt && zip -q -X rel.zip notes.txt && zipdetails rel.zip"

CASES: list[Case] = [
    # --- timing lines ---------------------------------------------------------------
    Case("prove-timing", "timing", "prove", "prove -v t/ 2>&1; echo \"exit $?\"",
         setup=PROVE_T % "2 * 3", host=True, changes=[
             Change("mul-wrong", "the code under test multiplies one too many",
                    setup=PROVE_T % "2 * 3 + 1"),
         ]),
    Case("bash-times", "timing", "times",
         "for i in $(seq $N); do :; done; echo \"loop done $i\"; times", env={"N": "20000"}, changes=[
             Change("one-more", "one more loop iteration", env={"N": "20001"}),
         ]),
    Case("expr-timer", "timing", "expr", EXPR_TIMER, env={"N": "301"}, changes=[
        Change("count-off-by-one", "an expr whose sums are one too many",
               wrap=("expr", "if [ \"$2\" = + ] && [ \"$3\" = 1 ]; then /usr/bin/expr \"$@\" + 1; "
                             "else /usr/bin/expr \"$@\"; fi")),
    ]),
    Case("prtstat-self", "timing", "prtstat",
         "sleep 1 & sleep 0.2; prtstat $!; wait", host=True, changes=[
             Change("other-command", "the watched process is cat, not sleep",
                    "cat /dev/zero >/dev/null & sleep 0.3; prtstat $!; kill $!"),
         ]),
    # --- temp files -----------------------------------------------------------------
    Case("realpath-temp", "tempfiles", "realpath",
         "d=$(mktemp -d) && mkdir \"$d/releases\" && ln -s releases \"$d/current\" && "
         "realpath \"$d/current/../current/app.conf\" && realpath -m --relative-to=\"$d\" \"$d/current/x\"",
         changes=[
             Change("no-symlink", "current is a directory, not a link",
                    "d=$(mktemp -d) && mkdir \"$d/releases\" \"$d/current\" && "
                    "realpath \"$d/current/../current/app.conf\" && "
                    "realpath -m --relative-to=\"$d\" \"$d/current/x\""),
         ]),
    Case("basename-suffix", "tempfiles", "basename",
         "f=$(mktemp --suffix=.log) && basename \"$f\" .log && basename -a \"$f\" /var/log/syslog",
         changes=[
             Change("suffix-kept", "a basename that ignores the suffix",
                    wrap=("basename", "if [ \"$2\" = .log ]; then /usr/bin/basename \"$1\"; "
                                      "else /usr/bin/basename \"$@\"; fi")),
         ]),
    Case("unlink-twice", "errors", "unlink",
         "f=$(mktemp) && unlink \"$f\" && unlink \"$f\"; echo \"exit $?\"", changes=[
             Change("quiet-missing", "an unlink that says nothing and succeeds when the file is gone",
                    wrap=("unlink", "[ -e \"$1\" ] || exit 0; exec /usr/bin/unlink \"$@\"")),
         ]),
    Case("mkfifo-mode", "tempfiles", "mkfifo",
         "d=$(mktemp -d) && mkfifo -m 600 \"$d/events\" && ls -l \"$d\" | tail -n +2 && echo \"made "
         "$d/events\"",
         changes=[
             Change("mode-640", "mkfifo -m 640",
                    "d=$(mktemp -d) && mkfifo -m 640 \"$d/events\" && ls -l \"$d\" | tail -n +2 && "
                    "echo \"made $d/events\""),
         ]),
    Case("zdiff-unified", "tempfiles", "zdiff",
         "printf 'a\\nb\\nc\\n' | gzip > old.gz && printf 'a\\nB\\nc\\n' | gzip > new.gz && "
         "zdiff -u old.gz new.gz; echo \"exit $?\"", changes=[
             Change("two-lines", "the new file changes two lines",
                    "printf 'a\\nb\\nc\\n' | gzip > old.gz && printf 'a\\nB\\nC\\n' | gzip > new.gz && "
                    "zdiff -u old.gz new.gz; echo \"exit $?\""),
         ]),
    Case("diff3-merge", "tempfiles", "diff3",
         f"d=$(mktemp -d) && {MERGE} && diff3 -m \"$d/mine\" \"$d/orig\" \"$d/theirs\"; echo \"exit $?\"",
         env={"THEIRS": "pool=20"}, changes=[
             Change("no-conflict", "theirs leaves pool alone: a clean merge", env={"THEIRS": "pool=5"}),
         ]),
    Case("sdiff-side", "tables", "sdiff",
         "d=$(mktemp -d) && printf 'out=%s\\nworkers=4\\nretries=3\\n' \"$d\" > a.conf && "
         "printf 'out=%s\\nworkers=8\\nretries=3\\n' \"$d\" > b.conf && sdiff -w 70 a.conf b.conf; "
         "echo \"exit $?\"", changes=[
             Change("same-workers", "b.conf keeps 4 workers, changes retries",
                    "d=$(mktemp -d) && printf 'out=%s\\nworkers=4\\nretries=3\\n' \"$d\" > a.conf && "
                    "printf 'out=%s\\nworkers=4\\nretries=5\\n' \"$d\" > b.conf && sdiff -w 70 "
                    "a.conf b.conf; "
                    "echo \"exit $?\""),
         ]),
    Case("compileall-temp", "tempfiles", "python3 -m compileall",
         "d=$(mktemp -d) && mkdir \"$d/pkg\" && for m in api models util; do echo 'X = 1' > "
         "\"$d/pkg/$m.py\"; "
         "done && python3 -m compileall -f \"$d/pkg\"", changes=[
             Change("one-module-fewer", "pkg has no util.py",
                    "d=$(mktemp -d) && mkdir \"$d/pkg\" && for m in api models; do echo 'X = 1' > "
                    "\"$d/pkg/$m.py\"; done && python3 -m compileall -f \"$d/pkg\""),
         ]),
    Case("py-compile-error", "errors", "python3 -m py_compile",
         "d=$(mktemp -d) && printf 'def f(x):\\n%b    return x +\\n' \"$PAD\" > \"$d/bad.py\" && "
         "python3 -m py_compile \"$d/bad.py\" 2>&1; echo \"exit $?\"", env={"PAD": ""}, changes=[
             Change("line-3", "the syntax error one line further down", env={"PAD": "    x = 1\\n"}),
         ]),
    Case("podchecker-temp", "errors", "podchecker",
         f"d=$(mktemp -d) && {POD} && podchecker \"$d/mytool.pod\" 2>&1; echo \"exit $?\"", host=True,
         env={"EXTRA": ""}, changes=[
             Change("bad-link", "the POD gains a broken L<> link",
                    env={"EXTRA": "=item B<--quiet>\\n\\nSee L<>.\\n\\n"}),
         ]),
    # --- ids --------------------------------------------------------------------------
    Case("ipcmk-shm", "ids", "ipcmk", "ipcmk -M 4096 && ipcmk -Q", changes=[
        Change("no-queue", "an ipcmk that fails to make the queue",
               wrap=("ipcmk", "[ \"$1\" = -Q ] && { echo 'ipcmk: create message queue failed: No space "
                              "left on device' >&2; exit 1; }; exec /usr/bin/ipcmk \"$@\"")),
    ]),
    Case("ipcs-table", "tables", "ipcs",
         "shm=$(ipcmk -M $SIZE | sed 's/.*: //') && ipcs -m -i \"$shm\" | grep -v _time && ipcrm -m \"$shm\"",
         env={"SIZE": "4096"}, changes=[
             Change("size-40960", "a ten times larger segment", env={"SIZE": "40960"}),
         ]),
    Case("setsid-session", "ids", "setsid",
         "setsid -w sh -c 'read -r pid comm state ppid pgrp sid rest < /proc/self/stat; "
         "echo \"pid $$ leads session $sid\"'; echo \"exit $?\"", changes=[
             Change("no-new-session", "a setsid that does not start a new session",
                    wrap=("setsid", "[ \"$1\" = -w ] && shift; exec \"$@\"")),
         ]),
    Case("getopt-args", "errors", "getopt",
         "f=$(mktemp) && getopt -o vb:o: -l verbose,batch:,out: -n deploy -- -v --batch 20 -o \"$f\" "
         "extra; echo \"exit $?\"", changes=[
             Change("missing-arg", "--batch without its value",
                    "f=$(mktemp) && getopt -o vb:o: -l verbose,batch:,out: -n deploy -- -v -o \"$f\" "
                    "extra --batch; echo \"exit $?\""),
             Change("batch-2", "--batch 2 instead of 20",
                    "f=$(mktemp) && getopt -o vb:o: -l verbose,batch:,out: -n deploy -- -v --batch 2 -o "
                    "\"$f\" extra; echo \"exit $?\""),
         ]),
    Case("rev-ids", "ids", "rev",
         "{ cat /proc/sys/kernel/random/uuid; echo \"build-$BUILD\"; mktemp -u; } | rev",
         env={"BUILD": "2041"}, changes=[
             Change("build-2042", "another build number", env={"BUILD": "2042"}),
             Change("no-reverse", "a rev that leaves lines alone", wrap=("rev", "cat")),
         ]),
    Case("printenv-run", "ids", "printenv",
         "RUN_ID=$(cat /proc/sys/kernel/random/uuid) STARTED=$(date +%s) STAGE=staging "
         "printenv RUN_ID STARTED STAGE", changes=[
             Change("stage-prod", "STAGE=prod", "RUN_ID=$(cat /proc/sys/kernel/random/uuid) "
                    "STARTED=$(date +%s) STAGE=prod printenv RUN_ID STARTED STAGE"),
         ]),
    Case("dis-addresses", "ids", "python3 -m dis",
         f"d=$(mktemp -d) && {DIS_PY} && python3 -m dis \"$d/price.py\" | grep -v '^ *$'",
         env={"RATE": "3"}, changes=[
             Change("rate-4", "the constant is 4", env={"RATE": "4"}),
         ]),
    Case("shasum-mixed", "checksums", "shasum",
         "head -c 512 /dev/urandom > blob.bin && printf 'v1.4.2\\n' > VERSION && "
         "shasum -a 256 blob.bin VERSION && shasum -a 1 VERSION", host=True, changes=[
             Change("version-changed", "VERSION holds v1.4.3",
                    setup="true", command="head -c 512 /dev/urandom > blob.bin && printf "
                        "'v1.4.3\\n' > VERSION && "
                    "shasum -a 256 blob.bin VERSION && shasum -a 1 VERSION"),
         ]),
    Case("pathchk-temp", "errors", "pathchk",
         "pathchk -p \"$(mktemp -u)-report:final\"; echo \"exit $?\"", changes=[
             Change("other-char", "the name holds '*' instead of ':'",
                    "pathchk -p \"$(mktemp -u)-report*final\"; echo \"exit $?\""),
         ]),
    Case("fold-token", "ids", "fold",
         "echo \"token=$(od -An -tx1 -N24 /dev/urandom | tr -d ' \\n') user=deploy\" | fold -w 20", changes=[
             Change("width-19", "fold -w 19",
                    "echo \"token=$(od -An -tx1 -N24 /dev/urandom | tr -d ' \\n') user=deploy\" | "
                    "fold -w 19"),
         ]),
    Case("pstree-pids", "ids", "pstree",
         "sleep 2 & sleep 2 & sleep 0.2; pstree -p $$ > tree.txt; "
         "sed 's/bash/sh/g' tree.txt; kill %1 %2", host=True, changes=[
             Change("one-child", "one sleeping child instead of two",
                    "sleep 2 & sleep 0.2; pstree -p $$ > tree.txt; sed 's/bash/sh/g' tree.txt; kill %1"),
         ]),
    Case("killall-verbose", "ids", "killall",
         "cp /bin/sleep ./h3worker && ./h3worker 30 & sleep 0.5; killall -v -s TERM h3worker; "
         "wait; echo \"exit $?\"", host=True, changes=[
             Change("sigint", "killall -s INT",
                    "cp /bin/sleep ./h3worker && ./h3worker 30 & sleep 0.5; killall -v -s INT h3worker; "
                    "wait; echo \"exit $?\""),
         ]),
    Case("fuser-verbose", "tables", "fuser",
         "exec 3< app.db; fuser -v app.db > fu.txt 2>&1; grep -v 'Cannot stat' fu.txt",
         setup="printf 'data\\n' > "
         "app.db", host=True, changes=[
             Change("write-open", "the file is opened for writing",
                    "exec 3>> app.db; fuser -v app.db > fu.txt 2>&1; grep -v 'Cannot stat' fu.txt"),
         ]),
    # --- parallel order -------------------------------------------------------------------
    Case("setsid-jobs", "parallel", "setsid", SETSID_JOBS, unordered=True, changes=[
        Change("one-job-lost", "the store job is not started",
               SETSID_JOBS.replace(" store", "")),
    ]),
    Case("lslocks-table", "tables", "lslocks", unordered=True, command=
         "flock app.lock sleep 3 & flock cache.lock sleep 3 & sleep 0.5; "
         "lslocks -o COMMAND,PID,TYPE,MODE,PATH | grep -E 'COMMAND|lock$'; kill %1 %2",
         changes=[
             Change("shared", "cache.lock is taken shared",
                    "flock app.lock sleep 3 & flock -s cache.lock sleep 3 & sleep 0.5; "
                    "lslocks -o COMMAND,PID,TYPE,MODE,PATH | grep -E 'COMMAND|lock$'; kill %1 %2"),
         ]),
    Case("lslocks-json", "jsonlog", "lslocks",
         "flock app.lock sleep 3 & sleep 0.5; lslocks -J -o COMMAND,PID,MODE,PATH | grep -v '/proc'; kill %1",
         changes=[
             Change("shared", "the lock is taken shared",
                    "flock -s app.lock sleep 3 & sleep 0.5; lslocks -J -o COMMAND,PID,MODE,PATH | "
                    "grep -v '/proc'; kill %1"),
         ]),
    # --- progress ------------------------------------------------------------------------
    Case("lzma-verbose", "progress", "lzma",
         "head -c 3000000 /dev/urandom > blob && lzma -v -k -1 blob 2>&1 && ls blob*", host=True, changes=[
             Change("no-keep", "without -k: the input is gone",
                    "head -c 3000000 /dev/urandom > blob && lzma -v -1 blob 2>&1 && ls blob*"),
         ]),
    Case("unxz-verbose", "progress", "unxz",
         "head -c 2000000 /dev/urandom | xz -1 > data.xz && unxz -v -k data.xz 2>&1; ls data*", host=True,
         changes=[
             Change("no-keep", "without -k: the archive is gone",
                    "head -c 2000000 /dev/urandom | xz -1 > data.xz && unxz -v data.xz 2>&1; ls data*"),
         ]),
    Case("wget-progress", "progress", "wget", WGET, setup=SERVE_ONCE, host=True, changes=[
        Change("size-3000001", "the served file is one byte longer", env={"SIZE": "3000001"}),
        Change("status-410", "the server answers 410 Gone", env={"STATUS": "410 Gone"}),
    ]),
    # --- JSON logs ---------------------------------------------------------------------
    Case("json-pp-event", "jsonlog", "json_pp",
         "printf '{\"ts\":%s.%s,\"pid\":%d,\"request_id\":\"%s\",\"level\":\"%s\",\"msg\":\"order stored\","
         "\"items\":3}' $(date +%s) $(date +%N) $$ $(cat /proc/sys/kernel/random/uuid) \"$LEVEL\" | "
         "json_pp -json_opt canonical,pretty", host=True, env={"LEVEL": "info"}, changes=[
             Change("level-warn", "logged as a warning", env={"LEVEL": "warn"}),
         ]),
    Case("json-pp-list", "jsonlog", "json_pp",
         "printf '[{\"started_at\":\"%s\",\"worker\":\"w%d\",\"ok\":true},"
         "{\"started_at\":\"%s\",\"worker\":\"w%d\","
         "\"ok\":%s}]' \"$(date -Ins)\" $$ \"$(date -Ins)\" $((RANDOM)) \"$OK\" | json_pp", host=True,
         env={"OK": "true"}, changes=[
             Change("second-failed", "the second worker failed", env={"OK": "false"}),
         ]),
    # --- tables whose widths follow their values ------------------------------------------
    Case("paste-columns", "tables", "paste",
         "for n in 1 2 3; do echo $((RANDOM * RANDOM)); done > pids.txt && paste names.txt pids.txt",
         setup=PASTE_IN, changes=[
             Change("row-lost", "names.txt lost its last row", setup="printf 'api\\nworker\\n' > names.txt"),
             Change("comma", "paste -d,", "for n in 1 2 3; do echo $((RANDOM * RANDOM)); done > pids.txt && "
                    "paste -d, names.txt pids.txt"),
         ]),
    Case("unexpand-table", "tables", "unexpand",
         "printf '%-10s %-8s %s\\n' name pid status api $$ up worker $((RANDOM)) up db 5 down | unexpand -a",
         changes=[
             Change("tabs-4", "unexpand -t 4",
                    "printf '%-10s %-8s %s\\n' name pid status api $$ up worker $((RANDOM)) up db 5 down | "
                    "unexpand -t 4"),
         ]),
    Case("ptx-index", "tables", "ptx",
         "printf 'build %s finished\\ndeploy started\\n' \"$(mktemp -u)\" | ptx -w 50", changes=[
             Change("width-40", "ptx -w 40",
                    "printf 'build %s finished\\ndeploy started\\n' \"$(mktemp -u)\" | ptx -w 40"),
         ]),
    Case("colrm-ps", "tables", "colrm",
         "printf '%-8s %-7s %s\\n' USER PID CMD root $$ bash root $((RANDOM)) sleep | colrm 6 8", host=True,
         changes=[
             Change("cols-5-8", "colrm 5 8",
                    "printf '%-8s %-7s %s\\n' USER PID CMD root $$ bash root $((RANDOM)) sleep | colrm 5 8"),
         ]),
    Case("getent-passwd", "listings", "getent", "getent passwd root nobody; getent group root; "
         "getent hosts localhost; getent passwd nosuchuser; echo \"exit $?\"", changes=[
             Change("row-lost", "a getent that loses the group row",
                    wrap=("getent", "[ \"$1\" = group ] && exit 0; exec /usr/bin/getent \"$@\"")),
         ]),
    Case("locale-time", "datetime", "locale", "locale -k LC_TIME | head -n 12; locale charmap", changes=[
        Change("utf8", "LC_ALL=C.UTF-8", env={"LC_ALL": "C.UTF-8"}),
    ]),
    # --- dates and zones ---------------------------------------------------------------
    Case("zic-zone", "datetime", "zic", ZONE, env={"OFF": "2:00"}, changes=[
        Change("plus-3", "the compiled zone is UTC+3", env={"OFF": "3:00"}),
    ]),
    Case("ipcs-times", "datetime", "ipcs",
         "shm=$(ipcmk -M 4096 | sed 's/.*: //') && ipcs -m -i \"$shm\" | grep _time; ipcrm -m \"$shm\"",
         changes=[
             Change("zone-tokyo", "the times printed in Asia/Tokyo", env={"TZ": "Asia/Tokyo"}),
         ]),
    Case("zipdetails-zip", "checksums", "zipdetails", ZIPD, host=True, changes=[
        Change("one-byte-more", "notes.txt one byte longer",
               ZIPD.replace("1.4.2", "1.4.20")),
    ]),
    Case("pod2man-header", "datetime", "pod2man",
         f"d=$(mktemp -d) && {POD} && pod2man -c 'Tools' -r 1.0 \"$d/mytool.pod\" | grep -E '^\\.(TH|SH)'",
         host=True, env={"EXTRA": ""}, changes=[
             Change("section-8", "pod2man -s 8",
                    f"d=$(mktemp -d) && {POD} && pod2man -s 8 -c 'Tools' -r 1.0 \"$d/mytool.pod\" | "
                    "grep -E '^\\.(TH|SH)'"),
         ]),
    # --- listings, errors, computed ---------------------------------------------------
    Case("which-temp", "errors", "which",
         "d=$(mktemp -d) && printf '#!/bin/sh\\n' > \"$d/deploy\" && chmod +x \"$d/deploy\" && "
         "PATH=\"$d:$PATH\" which -a deploy sh; echo \"exit $?\"", changes=[
             Change("not-executable", "deploy is not executable",
                    "d=$(mktemp -d) && printf '#!/bin/sh\\n' > \"$d/deploy\" && "
                    "PATH=\"$d:$PATH\" which -a deploy sh; echo \"exit $?\""),
         ]),
    Case("fgrep-log", "computed", "fgrep", "fgrep -n ERROR app.log 2>&1; fgrep -c INFO app.log 2>&1",
         setup=APPLOG, changes=[
             Change("one-error-more", "step 6 logs an error too", setup=APPLOG.replace("2|5)", "2|5|6)")),
         ]),
    Case("zgrep-count", "computed", "zgrep",
         "gzip -k app.log && zgrep -c ERROR app.log.gz && zgrep -h 'step 5' "
         "app.log.gz", setup=APPLOG, changes=[
             Change("step-4", "the tool greps for step 4",
                    "gzip -k app.log && zgrep -c ERROR app.log.gz && zgrep -h 'step 4' app.log.gz"),
         ]),
    Case("zcmp-byte", "errors", "zcmp",
         "printf 'release=%s\\nchannel=stable\\n' \"$(date +%s%N)\" > a && cp a b && sed -i "
         "'s/stable/stabel/' b && "
         "gzip a b && zcmp a.gz b.gz; echo \"exit $?\"", changes=[
             Change("same", "b is a's copy: no difference",
                    "printf 'release=%s\\nchannel=stable\\n' \"$(date +%s%N)\" > a && cp a b && "
                    "gzip a b && zcmp a.gz b.gz; echo \"exit $?\""),
         ]),
    Case("gunzip-name", "tempfiles", "gunzip",
         "d=$(mktemp -d) && date +%s%N > \"$d/stamp\" && gzip \"$d/stamp\" && gunzip -v \"$d/stamp.gz\" 2>&1 "
         "&& wc -c < \"$d/stamp\"", changes=[
             Change("keep", "gunzip -k: not replaced",
                    "d=$(mktemp -d) && date +%s%N > \"$d/stamp\" && gzip \"$d/stamp\" && gunzip -k -v "
                    "\"$d/stamp.gz\" 2>&1 && wc -c < \"$d/stamp\""),
         ]),
    Case("zcat-log", "computed", "zcat",
         "printf 'started %s\\nrows 1200\\n' \"$(date -Is)\" | gzip > r.gz && zcat r.gz", changes=[
             Change("rows-1201", "one row more", "printf 'started %s\\nrows 1201\\n' \"$(date "
                 "-Is)\" | gzip > r.gz "
                    "&& zcat r.gz"),
         ]),
    Case("ptar-list", "listings", "ptar",
         "mkdir -p rel && date +%s%N > rel/BUILD && printf 'v1\\n' > rel/VERSION && ptar -c -f "
         "rel.tar rel && "
         "ptar -t -f rel.tar | sort", host=True, changes=[
             Change("no-version", "rel/VERSION is not packed",
                    "mkdir -p rel && date +%s%N > rel/BUILD && ptar -c -f rel.tar rel && ptar -t -f "
                    "rel.tar | sort"),
         ]),
    Case("look-prefix", "computed", "look",
         "for i in 1 2 3; do echo \"job-$(od -An -tx2 -N2 /dev/urandom | tr -d ' ') queued\"; done "
         "> q.txt && "
         "echo 'jobs-done 3' >> q.txt && sort -o q.txt q.txt && look job- q.txt | wc -l && look jobs q.txt",
         host=True, changes=[
             Change("prefix-jobs-d", "looks up jobs-x",
                    "for i in 1 2 3; do echo \"job-$(od -An -tx2 -N2 /dev/urandom | tr -d ' ') "
                    "queued\"; done > "
                    "q.txt && echo 'jobs-done 3' >> q.txt && sort -o q.txt q.txt && look job- q.txt "
                    "| wc -l && "
                    "look jobs-x q.txt; echo \"exit $?\""),
         ]),
    Case("platform-info", "listings", "python3 -m platform",
         "python3 -m platform --terse; python3 -c 'import platform; print(platform.python_version())'"),
    # --- reruns only: more values that legitimately change ---------------------------------
    Case("setsid-fork", "ids", "setsid", "setsid -f sh -c 'echo \"detached as $$\" > out.txt'; sleep 0.3; "
         "cat out.txt"),
    Case("ipcmk-sem", "ids", "ipcmk", "ipcmk -S 3"),
]


def main(argv: list[str]) -> int:
    return capture_set(argv, CASES, DATA)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
