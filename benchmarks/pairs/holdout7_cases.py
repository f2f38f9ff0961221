"""A SEVENTH hold-out corpus: benchmarks/pairs/holdout7.jsonl, from tools in none of the sets.

    .venv/bin/python benchmarks/pairs/holdout7_cases.py [--out PATH] [--only ID,ID]

The cases and their capture script in one file; the machinery (fresh scratch directory,
sandbox or host runner, passes in different minutes, the checks before writing) is
capture.py's; the sources and server scripts are in holdout7_sources.py. New in this set:
every case is recorded TWICE before it is compared (``expected`` and ``expected2``, each in
fresh state and a minute of its own), as ``--testronaut-record-runs 2`` records a plan; then
the case runs a third time (the ``equivalent`` pair's ``actual``) and each ``Change`` runs a
really changed tool once (a ``different`` pair against the case's two recorded runs). The
tools under test appear in none of tests/verify/data/pairs.jsonl, tests/verify/capture_*.py
and the six earlier hold-out sets. Host tools come from Debian packages
(``holdout7_sources.DEBIAN_PACKAGES``); nothing needs the network when the cases run, and
servers bind 127.0.0.1 only. Labels come from what was run, never from a verdict. Not to be
read while changing pytest_testronaut/verify/ (see README.md next to this file).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from capture import capture_set  # noqa: E402
from holdout7_sources import (  # noqa: E402
    BEANSTALKD,
    BUILD_ID_C,
    CALC_Y,
    CERT,
    DIG,
    DNSMASQ_LOG,
    DUP_TREE,
    GNUTLS,
    HAPROXY,
    IN_TMP,
    KEYWORDS,
    M4_IN,
    MINI_HTTPD,
    MS_DOC,
    NSLOOKUP,
    POT,
    PROF_C,
    PUT,
    REDIS_BENCH,
    SCAN_L,
    SHOP_PC,
    SHOPCTL,
    SOX_STATS,
    STACK_C,
    STRUCT_C,
    TBL_ROWS,
    TODO_TREE,
    UGLY_C,
    WEBFSD,
    WWW,
    edited,
)
from holdout_cases import Case, Change  # noqa: E402

DATA = HERE / "holdout7.jsonl"
GAMES = {"PATH": "/usr/local/bin:/usr/bin:/bin:/usr/games"}  # where Debian puts cowsay


def host(case_id: str, category: str, tool: str, command: str, setup: str = "", *,
         env: dict[str, str] | None = None, unordered: bool = False,
         changes: list[Change] | None = None) -> Case:
    """A case that runs on the host."""
    return Case(case_id, category, tool, command, setup=setup, host=True, unordered=unordered,
                env=env or {}, changes=changes or [])


FIO = "fio --name=w --rw=write --size=%s --bs=%s --filename=f --ioengine=sync %s 2>&1"
FIO_JSON = FIO % ("%s", "4k", "--output-format=json") + " | grep -v -e '^fio' -e '^w: Laying'"
PERF = "perf stat -e task-clock,context-switches,page-faults seq %s 2>&1 >/dev/null"
GPROF = "gcc -pg -O0 -o prof prof.c && ./prof && gprof -b -p prof gmon.out"
SBCL = "sbcl --noinform --non-interactive --eval '(print (time (loop for i below %s sum i)))' 2>&1"
ZSH = ("zsh -c 'TIMEFMT=\"%%J  %%U user %%S system %%P cpu %%*E total\"; "
       "time (seq %s | sort -n | tail -n 1)' 2>&1")
TCSH = "tcsh -c 'set time=0; seq %s | wc -l' 2>&1"
FISH = "fish -c 'time seq %s | sort -n | tail -n 1' 2>&1"
KSH = ("ksh -c 'printf \"%%(%%F %%T %%Z)T\\n\" now; printf \"%%(%%A %%d %%B %%Y)T\\n\" \"%s\"; "
       "SECONDS=0; sleep 0.2; printf \"elapsed %%.3f\\n\" $SECONDS'")
LRZIP = "seq 20000 > a.txt && lrzip -v %s a.txt 2>&1 | grep -v 'bytes ram' && ls"
PBZIP2 = "seq %s > a.txt && pbzip2 -v -k %s a.txt 2>&1"
ZPAQ = ("mkdir -p src && seq 20000 > src/a.txt && echo ok > src/b.cfg%s && zpaq add a.zpaq src 2>&1 && "
        "zpaq list a.zpaq 2>&1")
SAR = "sar %s 1 2 2>&1"
SADF = "sar -o sa.bin 1 2 >/dev/null 2>&1 && sadf -j sa.bin -- %s"
NSTAT = "nstat %s -s 2>&1 | head -n 12"
INOTIFY = ('w=$(mktemp -d); inotifywait -m -q --timefmt "%%F %%T" --format "%%T %%e %%w%%f" "$w" > '
           'ev.log 2>&1 & pid=$!; sleep 0.4; %s; sleep 0.4; kill $pid; wait $pid; cat ev.log; rm -r "$w"')
WRITES = 'echo 1 > "$w/orders.csv"; mkdir "$w/archive"'
PAR2 = ("seq %s > a.txt && head -c 3000 /dev/urandom > r.bin && par2 create -r%s -n1 a.par2 a.txt r.bin 2>&1 "
        "| tr '\\r' '\\n' | grep -v '%%$' && ls")
RDFIND = DUP_TREE + "%s && rdfind -dryrun true d 2>&1 && cat results.txt"
FDUPES = DUP_TREE + "%s && fdupes -r -S d"
JDUPES = DUP_TREE + "%s && jdupes -r -S d"
RMLINT = DUP_TREE + "%s && rmlint -o json:stdout d | grep -v -e '\"cwd\"' -e '\"args\"'"
MINISIGN = ("seq 100 > a.txt && seq 50 > notes.txt && minisign -G -W -p k.pub -s k.sec >/dev/null 2>&1 && "
            "minisign -S -s k.sec -m %s 2>&1 && cat %s.minisig k.pub")
SIGNIFY = ("seq 100 > a.txt && signify-openbsd -G -n -c '%s' -p k.pub -s k.sec && "
           "signify-openbsd -S -s k.sec -m a.txt && cat a.txt.sig k.pub")
WG = 'for n in %s; do k=$(wg genkey); echo "peer-$n $(echo "$k" | wg pubkey)"; done'
MKPASSWD = "for u in alice bob; do echo \"$u $(mkpasswd -m sha-512 %s s3cret-$u)\"; done"
HTPASSWD = "htpasswd -nbB %s alice s3cret && htpasswd -nbB %s bob s3cret"
UUENCODE = "head -c 90 /dev/urandom > r.bin && seq %s > a.txt && uuencode r.bin r.bin && uuencode a.txt a.txt"
EU_STACK = ("gcc -g -O0 -o wait wait.c || exit 1; ./wait & p=$!; sleep 0.3; "
            "eu-stack -p $p 2>&1 | sed 's/^ *//'; "
            "kill $p; wait $p 2>/dev/null; echo stopped")
PAHOLE = "gcc -g -c -o order.o order.c && pahole order.o"
EU_READELF = "gcc -o ver ver.c && eu-readelf -n ver | grep -A1 -i build && ./ver"
RG = "rg -j 4 %s TODO src"
UGREP = "ugrep -r -n -J 4 %s TODO src"
AG = "ag --workers 4 --nocolor %s TODO src"
MKSH = ("mksh -c 'for n in %s; do (sleep 0.$((RANDOM %% 4)); echo \"job $n done\") & "
        "echo \"started job $n\"; done; wait; echo all done'")
TBL = "bash rows.sh > t.tbl && tbl t.tbl | groff -Tascii | sed '/^$/d'"
BOXES = "echo \"build %s finished at $(date -u +%%T.%%N) after $SECONDS s\" | boxes -d %s"
COWSAY = "cowsay %s \"queue has $(($(date +%%s) %% 1000)) jobs, uptime $(cut -d' ' -f1 /proc/uptime)\""
FIGLET = "figlet -w 100 'build %s'"
TOILET = "toilet -w 100 -f %s 'v1.4'"
QRENCODE = "qrencode -t ASCII -m 1 'https://shop.test/order/%s'"
RECODE = "printf 'M\\303\\274ller caf\\303\\251 na\\303\\257ve\\n' | recode %s"
GPERF = "gperf -L ANSI-C kw.gperf | grep -v '^#line'"
BISON = IN_TMP + 'bison -Wall -o "$PWD/calc.c" "$PWD/calc.y" 2>&1; echo "exit $?"'
FLEX = "flex -v -o scan.c scan.l 2>&1 | head -n 12"
M4 = "m4 build.m4 && ls /tmp/rel* >/dev/null && rm -f /tmp/rel??????"
ASTYLE = IN_TMP + 'astyle %s "$PWD/a.c" && cat a.c'
PKG = ("export PKG_CONFIG_PATH=$PWD && pkg-config --modversion shop && pkg-config --cflags --libs shop && "
       "pkg-config --print-variables shop | sort")
PLOCATE = ("mkdir -p tree/etc tree/srv && touch tree/etc/shop.conf tree/etc/db.conf tree/srv/run.sh%s && "
           "updatedb -l 0 -U \"$PWD/tree\" -o db && plocate -d db .conf | sed \"s|$PWD/||\"")
FZF = "printf 'invoice-2024-01.pdf\\nrefund-17.csv\\ninvoices.db\\norders.csv\\ninv.txt\\n' | fzf --filter=%s"
ACK = "ack --noenv --nocolor --sort-files %s TODO src"
DAR = ("mkdir -p src && seq 3000 > src/a.txt && echo hi > src/b.cfg%s && dar -c bk -R src -Q 2>&1 && "
       "dar -l bk -Q 2>&1")
PAX = "mkdir -p src && seq 300 > src/a.txt && echo hi > src/b.cfg%s && pax -wf a.pax src && pax -v -f a.pax"
ARJ = ("mkdir -p src && seq 300 > src/a.txt && echo hi > src/b.cfg%s && arj a a.arj src/* >/dev/null 2>&1 && "
       "arj l a.arj")
LZIP = "seq %s > a.txt && lzip -v -k a.txt 2>&1 && lzip -lv a.txt.lz"
PLZIP = "seq %s > a.txt && plzip -v -k %s a.txt 2>&1 && plzip -tv a.txt.lz 2>&1"
GUILE = ("guile -c '(display (strftime \"%%F %%T %%Z\" (localtime (current-time)))) (newline) "
         "(display (random 1000000 (random-state-from-platform))) (newline) (display (* %s 1.25)) (newline)'")
SHAR = "seq %s > a.txt && echo hi > b.cfg && shar a.txt b.cfg 2>&1 | grep -v -e '^lock_dir' | head -n 40"
ENSCRIPT = "seq 30 > a.txt && enscript %s -p - a.txt 2>&1 | grep -a -e '^%%%%' -e 'pages' | head -n 14"
HELP2MAN = "help2man -N ./shopctl | head -n 14"
PDFINFO = "groff -ms -Tpdf r.ms > r.pdf && pdfinfo r.pdf"
EXIFTOOL = "seq %s > a.txt && exiftool a.txt"
EXIFTOOL_JSON = "seq %s > a.txt && exiftool -j a.txt"
GCAL = "gcal -H '<:>' %s"
MSGINIT = "msginit --no-translator -l %s -i m.pot -o - 2>&1"
CHAGE = ("mkdir -p r/etc && cp /etc/passwd /etc/shadow /etc/group /etc/gshadow /etc/login.defs r/etc/ && "
         "useradd -P \"$PWD/r\" bob && chage -R \"$PWD/r\" -M %s -W 7 bob && chage -R \"$PWD/r\" -l bob")

CASES: list[Case] = [
    # --- timing lines and profilers -------------------------------------------------------------------
    host("fio-write", "timing", "fio", FIO % ("2M", "4k", ""), changes=[
        Change("size-4m", "fio --size=4M", FIO % ("4M", "4k", "")),
        Change("bs-8k", "fio --bs=8k", FIO % ("2M", "8k", "")),
    ]),
    host("fio-json", "jsonlogs", "fio", FIO_JSON % "2M", changes=[
        Change("size-3m", "fio --size=3M", FIO_JSON % "3M"),
    ]),
    host("ioping-dir", "timing", "ioping", "ioping -c 3 -i 0.1 . 2>&1 | sed 's/(.*GiB)/(fs)/'", changes=[
        Change("four-requests", "ioping -c 4", "ioping -c 4 -i 0.1 . 2>&1 | sed 's/(.*GiB)/(fs)/'"),
    ]),
    host("stress-cpu", "timing", "stress", "stress -v --cpu 1 --timeout 1 2>&1", changes=[
        Change("two-hogs", "stress --cpu 2", "stress -v --cpu 2 --timeout 1 2>&1"),
    ]),
    host("perf-stat", "timing", "perf", PERF % "100000", changes=[
        Change("seq-200000", "perf stat of seq 200000", PERF % "200000"),
    ]),
    host("gprof-flat", "timing", "gprof", GPROF, PROF_C, changes=[
        Change("four-steps", "the loop makes four steps", setup=edited(PROF_C, "'s/k <= 3/k <= 4/' prof.c")),
    ]),
    host("sbcl-time", "timing", "sbcl", SBCL % "1000000", changes=[
        Change("one-more", "the loop sums one number more", SBCL % "1000001"),
    ]),
    host("zsh-time", "timing", "zsh", ZSH % "200000", changes=[
        Change("one-more", "one number more", ZSH % "200001"),
    ]),
    host("tcsh-time", "timing", "tcsh", TCSH % "300000", changes=[
        Change("one-more", "one line more", TCSH % "300001"),
    ]),
    host("fish-time", "timing", "fish", FISH % "200000", changes=[
        Change("one-more", "one number more", FISH % "200001"),
    ]),
    host("lrzip-progress", "progress", "lrzip", LRZIP % "", changes=[
        Change("level-9", "lrzip -L 9", LRZIP % "-L 9"),
        Change("lzo", "lrzip -l (LZO)", LRZIP % "-l"),
    ]),
    host("pbzip2-verbose", "timing", "pbzip2", PBZIP2 % ("20000", ""), changes=[
        Change("block-5", "pbzip2 -b5", PBZIP2 % ("20000", "-b5")),
        Change("one-line-more", "one line more", PBZIP2 % ("20001", "")),
    ]),
    host("zpaq-add", "timing", "zpaq", ZPAQ % "", changes=[
        Change("one-file-more", "one file more", ZPAQ % " && echo x > src/c.txt"),
    ]),
    # --- servers on 127.0.0.1 --------------------------------------------------------------------------
    host("haproxy-json-log", "servers", "haproxy", HAPROXY % "index.html refunds.txt", WWW, changes=[
        Change("missing-page", "the second request asks for a missing page", HAPROXY % "index.html gone.txt"),
        Change("three-requests", "three requests", HAPROXY % "index.html refunds.txt index.html"),
    ]),
    host("webfsd-get", "servers", "webfsd", WEBFSD % "index.html", WWW, changes=[
        Change("range", "a request for the first two bytes", WEBFSD % "index.html -H 'Range: bytes=0-1'"),
        Change("other-page", "the refunds page", WEBFSD % "refunds.txt"),
    ]),
    host("mini-httpd-get", "servers", "mini_httpd", MINI_HTTPD % "index.html", WWW, changes=[
        Change("other-page", "the refunds page", MINI_HTTPD % "refunds.txt"),
    ]),
    host("dnsmasq-log", "servers", "dnsmasq", DNSMASQ_LOG % "10.0.0.7", changes=[
        Change("other-address", "shop.test is 10.0.0.8", DNSMASQ_LOG % "10.0.0.8"),
    ]),
    host("dig-query", "ids", "dig", DIG % ("10.0.0.7", "shop.test"), changes=[
        Change("other-address", "shop.test is 10.0.0.8", DIG % ("10.0.0.8", "shop.test")),
        Change("aaaa", "dig asks for AAAA", DIG % ("10.0.0.7", "shop.test AAAA")),
    ]),
    host("nslookup-query", "servers", "nslookup", NSLOOKUP % ("10.0.0.7", "shop.test"), changes=[
        Change("other-address", "shop.test is 10.0.0.8", NSLOOKUP % ("10.0.0.8", "shop.test")),
    ]),
    host("beanstalkd-stats", "servers", "beanstalkd", BEANSTALKD % (PUT + "stats\\r\\n"), changes=[
        Change("two-jobs", "two jobs are put", BEANSTALKD % (PUT + PUT + "stats\\r\\n")),
    ]),
    host("gnutls-cli-handshake", "ids", "gnutls-cli", GNUTLS % "", CERT, changes=[
        Change("tls12", "TLS 1.3 disabled", GNUTLS % "--priority NORMAL:-VERS-TLS1.3"),
        Change("other-cn", "another common name", setup=CERT.replace("cn = shop.test", "cn = billing.test")),
    ]),
    host("redis-benchmark-q", "servers", "redis-benchmark", REDIS_BENCH % "-t set,get", changes=[
        Change("set-only", "redis-benchmark -t set", REDIS_BENCH % "-t set"),
    ]),
    # --- /proc readers -----------------------------------------------------------------------------
    host("sar-cpu", "proc", "sar", SAR % "-u", changes=[
        Change("per-cpu", "sar -P ALL", SAR % "-u -P ALL"),
    ]),
    host("sar-queue", "proc", "sar", SAR % "-q", changes=[
        Change("memory", "sar -r instead of -q", SAR % "-r"),
    ]),
    host("sadf-json", "jsonlogs", "sadf", SADF % "-u", changes=[
        Change("queue", "sadf -- -q", SADF % "-q"),
    ]),
    host("nstat-counters", "proc", "nstat", NSTAT % "-a", changes=[
        Change("zeros", "nstat -az", NSTAT % "-az"),
    ]),
    host("netstat-interfaces", "proc", "netstat", "netstat -i", changes=[
        Change("all", "netstat -ia (down interfaces too)", "netstat -ia"),
    ]),
    host("ifconfig-lo", "proc", "ifconfig", "ifconfig lo", changes=[
        Change("short", "ifconfig -s", "ifconfig -s lo"),
    ]),
    host("slabtop-once", "proc", "slabtop", "slabtop -o -s c 2>&1 | head -n 12", changes=[
        Change("by-objects", "slabtop -s o", "slabtop -o -s o 2>&1 | head -n 12"),
    ]),
    host("capsh-print", "proc", "capsh", "capsh --print", changes=[
        Change("drop-net-raw", "capsh --drop=cap_net_raw", "capsh --drop=cap_net_raw --print"),
    ]),
    # --- dates and zones ---------------------------------------------------------------------------
    host("chage-list", "dates", "chage", CHAGE % "30", changes=[
        Change("max-31", "chage -M 31", CHAGE % "31"),
    ]),
    host("gcal-month", "dates", "gcal", GCAL % "", changes=[
        Change("monday", "weeks start on Monday", GCAL % "-s 1"),
    ]),
    host("msginit-de", "dates", "msginit", MSGINIT % "de_DE", POT, changes=[
        Change("french", "msginit -l fr_FR", MSGINIT % "fr_FR"),
    ]),
    host("shar-bundle", "dates", "shar", SHAR % "300", changes=[
        Change("one-line-more", "a.txt has one line more", SHAR % "301"),
    ]),
    host("enscript-ps", "dates", "enscript", ENSCRIPT % "", changes=[
        Change("landscape", "enscript -r", ENSCRIPT % "-r"),
    ]),
    host("help2man-page", "dates", "help2man", HELP2MAN, SHOPCTL.replace("VERSION", "1.4"), changes=[
        Change("version-1.5", "shopctl 1.5", setup=SHOPCTL.replace("VERSION", "1.5")),
    ]),
    host("pdfinfo-groff", "dates", "pdfinfo", PDFINFO, MS_DOC, changes=[
        Change("two-pages", "a document of two pages",
               setup=MS_DOC + "\nprintf '.bp\\n.PP\\nOrders too.\\n' >> r.ms"),
    ]),
    host("exiftool-text", "dates", "exiftool", EXIFTOOL % "30", changes=[
        Change("one-line-more", "one line more", EXIFTOOL % "31"),
    ]),
    host("exiftool-json", "jsonlogs", "exiftool", EXIFTOOL_JSON % "30", changes=[
        Change("one-line-more", "one line more", EXIFTOOL_JSON % "31"),
    ]),
    host("ksh-strftime", "dates", "ksh", KSH % "2024-02-28 +1 day", changes=[
        Change("tokyo", "in Asia/Tokyo", env={"TZ": "Asia/Tokyo"}),
        Change("two-days-on", "the computed date is two days later", KSH % "2024-02-28 +3 day"),
    ]),
    host("guile-clock", "ids", "guile", GUILE % "8", changes=[
        Change("berlin", "in Europe/Berlin", env={"TZ": "Europe/Berlin"}),
        Change("nine", "another constant", GUILE % "9"),
    ]),
    host("inotifywait-events", "tempfiles", "inotifywait", INOTIFY % WRITES, changes=[
        Change("one-file-more", "one file more", INOTIFY % (WRITES + '; touch "$w/refunds.csv"')),
    ]),
    # --- checksums and duplicate finders ---------------------------------------------------------------
    host("par2-create", "checksums", "par2", PAR2 % ("3000", "10"), changes=[
        Change("redundancy-20", "par2 -r20", PAR2 % ("3000", "20")),
        Change("one-line-more", "a.txt has one line more", PAR2 % ("3001", "10")),
    ]),
    host("rdfind-dryrun", "checksums", "rdfind", RDFIND % "", changes=[
        Change("third-copy", "a third copy", RDFIND % " && cp d/x/a d/c2"),
    ]),
    host("fdupes-size", "progress", "fdupes", FDUPES % "", changes=[
        Change("third-copy", "a third copy", FDUPES % " && cp d/x/a d/c2"),
    ]),
    host("jdupes-size", "progress", "jdupes", JDUPES % "", changes=[
        Change("no-copy", "the copy differs by a line", JDUPES % " && echo x >> d/y/a"),
    ]),
    host("rmlint-json", "jsonlogs", "rmlint", RMLINT % "", changes=[
        Change("third-copy", "a third copy", RMLINT % " && cp d/x/a d/c2"),
    ]),
    host("minisign-sign", "ids", "minisign", MINISIGN % ("a.txt", "a.txt"), changes=[
        Change("notes", "the notes are signed", MINISIGN % ("notes.txt", "notes.txt")),
    ]),
    host("signify-sign", "ids", "signify-openbsd", SIGNIFY % "shop key", changes=[
        Change("other-comment", "another key comment", SIGNIFY % "billing key"),
    ]),
    host("wg-keys", "ids", "wg", WG % "1 2 3", changes=[
        Change("two-peers", "two peers", WG % "1 2"),
    ]),
    host("mkpasswd-sha512", "ids", "mkpasswd", MKPASSWD % "", changes=[
        Change("rounds", "mkpasswd -R 10000", MKPASSWD % "-R 10000"),
    ]),
    host("htpasswd-bcrypt", "ids", "htpasswd", HTPASSWD % ("", ""), changes=[
        Change("cost-6", "htpasswd -C 6 for bob", HTPASSWD % ("", "-C 6")),
    ]),
    host("uuencode-files", "ids", "uuencode", UUENCODE % "100", changes=[
        Change("one-line-more", "a.txt has one line more", UUENCODE % "101"),
    ]),
    host("sox-stats", "ids", "sox", SOX_STATS % "440", changes=[
        Change("sine-880", "a sine of 880 Hz", SOX_STATS % "880"),
    ]),
    host("eu-stack-pid", "ids", "eu-stack", EU_STACK, STACK_C, changes=[
        Change("direct-pause", "serve pauses itself",
               setup=edited(STACK_C, "'s/static void serve(void) { wait_for_order(); }/"
                                     "static void serve(void) "
                                     "{ pause(); }/' wait.c")),
    ]),
    host("eu-readelf-notes", "checksums", "eu-readelf", EU_READELF, BUILD_ID_C, changes=[
        Change("version-1.5", "the program prints 1.5", setup=edited(BUILD_ID_C, "'s/1.4/1.5/' ver.c")),
    ]),
    # --- parallel order (unordered only here) ----------------------------------------------------------
    host("rg-parallel", "parallel", "rg", RG % "", TODO_TREE, unordered=True, changes=[
        Change("one-more", "one TODO more", setup=TODO_TREE + "\necho '# TODO audit' >> src/db/save.py"),
    ]),
    host("ugrep-parallel", "parallel", "ugrep", UGREP % "", TODO_TREE, unordered=True, changes=[
        Change("count", "ugrep -c", UGREP % "-c"),
    ]),
    host("ag-parallel", "parallel", "ag", AG % "", TODO_TREE, unordered=True, changes=[
        Change("one-fewer", "the view has no TODO",
               setup=TODO_TREE + "\nsed -i 's/TODO/NOTE/' src/web/view.js"),
    ]),
    host("mksh-jobs", "parallel", "mksh", MKSH % "1 2 3", unordered=True, changes=[
        Change("four-jobs", "four jobs", MKSH % "1 2 3 4"),
    ]),
    host("rg-json", "jsonlogs", "rg", "rg --json TODO src/api src/db", TODO_TREE, changes=[
        Change("other-word", "rg looks for pass", "rg --json pass src/api src/db"),
    ]),
    # --- tables whose widths follow their values ----------------------------------------------------
    host("tbl-sizes", "tables", "tbl", TBL, TBL_ROWS.replace("ROWS", "payments"), changes=[
        Change("row-fewer", "one file fewer", setup=TBL_ROWS.replace(" ROWS", "")),
    ]),
    host("boxes-stamp", "tables", "boxes", BOXES % ("42", "stone"), changes=[
        Change("build-43", "build 43", BOXES % ("43", "stone")),
        Change("shell-box", "boxes -d shell", BOXES % ("42", "shell")),
    ]),
    host("cowsay-queue", "tables", "cowsay", COWSAY % "", env=GAMES, changes=[
        Change("eyes", "cowsay -e ^^", COWSAY % "-e '^^'"),
    ]),
    host("netstat-stats", "proc", "netstat", "netstat -s -t 2>&1 | head -n 14", changes=[
        Change("udp", "netstat -s -u", "netstat -s -u 2>&1 | head -n 14"),
    ]),
    host("dar-backup", "tables", "dar", DAR % "", changes=[
        Change("one-file-more", "one file more", DAR % " && echo x > src/c.txt"),
    ]),
    host("pax-list", "dates", "pax", PAX % "", changes=[
        Change("longer-file", "a.txt has one line more", PAX % " && echo 301 >> src/a.txt"),
    ]),
    host("arj-list", "dates", "arj", ARJ % "", changes=[
        Change("one-file-more", "one file more", ARJ % " && echo x > src/c.txt"),
    ]),
    host("pahole-struct", "tables", "pahole", PAHOLE, STRUCT_C, changes=[
        Change("int-status", "status is an int",
               setup=edited(STRUCT_C, "'s/short status/int status/' order.c")),
    ]),
    # --- ordinary deterministic tools -------------------------------------------------------------------
    host("figlet-build", "computed", "figlet", FIGLET % "42", changes=[
        Change("build-43", "build 43", FIGLET % "43"),
    ]),
    host("toilet-version", "computed", "toilet", TOILET % "future", changes=[
        Change("other-font", "toilet -f pagga", TOILET % "pagga"),
    ]),
    host("qrencode-url", "computed", "qrencode", QRENCODE % "42", changes=[
        Change("order-43", "order 43", QRENCODE % "43"),
    ]),
    host("recode-html", "computed", "recode", RECODE % "utf8..html", changes=[
        Change("latin1", "recode to latin1 and od", RECODE % "utf8..latin1 | od -c"),
    ]),
    host("gperf-keywords", "computed", "gperf", GPERF, KEYWORDS, changes=[
        Change("one-keyword-more", "one keyword more",
               setup=KEYWORDS.replace("payment", "payment\nshipment")),
    ]),
    host("bison-conflicts", "tempfiles", "bison", BISON, CALC_Y, changes=[
        Change("precedence", "the operators get precedence",
               setup=edited(CALC_Y, "\"1a %left '+'\\n%left '*'\" calc.y")),
    ]),
    host("flex-stats", "computed", "flex", FLEX, SCAN_L, changes=[
        Change("one-rule-more", "one rule more",
               setup=edited(SCAN_L, "'/^\\[a-z\\]+/i [A-Z]+      { printf(\"UP \"); }' "
                                                                      "scan.l")),
    ]),
    host("m4-stamp", "tempfiles", "m4", M4, M4_IN, changes=[
        Change("version-1.5", "version 1.5", setup=edited(M4_IN, "\"s/\\`1.4'/\\`1.5'/\" build.m4")),
    ]),
    host("astyle-format", "tempfiles", "astyle", ASTYLE % "--style=allman", UGLY_C, changes=[
        Change("kr", "astyle --style=kr", ASTYLE % "--style=kr"),
    ]),
    host("pkg-config-shop", "computed", "pkg-config", PKG, SHOP_PC, changes=[
        Change("version-1.4.1", "the library is 1.4.1", setup=SHOP_PC.replace("1.4.0", "1.4.1")),
    ]),
    host("plocate-conf", "listings", "plocate", PLOCATE % "", changes=[
        Change("one-more", "one .conf more", PLOCATE % " tree/srv/web.conf"),
    ]),
    host("fzf-filter", "computed", "fzf", FZF % "inv", changes=[
        Change("other-query", "another query", FZF % "ord"),
    ]),
    host("ack-todo", "listings", "ack", ACK % "", TODO_TREE, changes=[
        Change("count", "ack -c", ACK % "-c"),
    ]),
    host("lzip-list", "computed", "lzip", LZIP % "20000", changes=[
        Change("one-line-more", "one line more", LZIP % "20001"),
    ]),
    host("plzip-verbose", "computed", "plzip", PLZIP % ("20000", ""), changes=[
        Change("level-0", "plzip -0", PLZIP % ("20000", "-0")),
    ]),
]


def main(argv: list[str]) -> int:
    os.environ["PATH"] = f"{os.environ['PATH']}{os.pathsep}/usr/games"  # cowsay
    return capture_set(argv, CASES, DATA, expected2=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
