"""A SIXTH hold-out corpus: benchmarks/pairs/holdout6.jsonl, from tools in none of the sets.

    .venv/bin/python benchmarks/pairs/holdout6_cases.py [--out PATH] [--only ID,ID]

The cases and their capture script in one file; the machinery (fresh scratch directory,
sandbox or host runner, two passes in different minutes, the checks before writing) is
capture.py's; the sources the setups write are in holdout6_sources.py. Each ``Case`` runs
twice (an ``equivalent`` pair); each ``Change`` runs a really changed tool once (a
``different`` pair against the case's first run). The tools under test appear in none of
tests/verify/data/pairs.jsonl, tests/verify/capture_round4_pairs.py and the five earlier
hold-out sets, except GNU ``parallel`` (the word was used before). Host tools come from
Debian packages (``holdout6_sources.DEBIAN_PACKAGES``, apt-get) and from PyPI packages in the
venv ``holdout6_sources.VENV`` (``python3 -m venv`` and ``pip install`` of ``PYPI_PACKAGES``);
nothing needs the network when the cases run, and servers bind 127.0.0.1 only. Labels come
from what was run, never from a verdict. Not to be read while changing
pytest_testronaut/verify/ (see README.md next to this file).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from capture import capture_set  # noqa: E402
from holdout6_sources import (  # noqa: E402
    AGE,
    APP_PY,
    ASGI_APP,
    BAD_PHP,
    BATS,
    BEHAVE,
    BUF_C,
    CC_PY,
    CERT,
    CERT_CFG,
    CRAM_T,
    DE_PO,
    DEB,
    DOCS_MD,
    EVENT_PY,
    HOST_PATH,
    HYPERCORN,
    IN_TMP,
    IPERF,
    LINES_PY,
    LOGROTATE,
    MEMCACHED,
    MESON,
    MESON_SETUP,
    MESON_TEST,
    MKDOCS,
    MOSQUITTO,
    MSG_C,
    OWN_HOME,
    PAGE_HTML,
    PHP_SERVE,
    PHP_WWW,
    PROC_PY,
    PROFILED_PY,
    REDIS,
    REMINDERS,
    ROBOT,
    RUNS_PY,
    SCONS,
    SHUNIT,
    TICK_C,
    TREE,
    TRIAL_PY,
    TWISTD,
    UNIT_PY,
    VENV,
    WHEEL,
    edited,
)
from holdout_cases import Case, Change  # noqa: E402

DATA = HERE / "holdout6.jsonl"
H = {"PATH": HOST_PATH}  # host cases: the PyPI venv's bin first on PATH


def host(case_id: str, category: str, tool: str, command: str, setup: str = "", *,
         env: dict[str, str] | None = None, unordered: bool = False,
         changes: list[Change] | None = None) -> Case:
    """A case that runs on the host with the venv's bin first on PATH."""
    return Case(case_id, category, tool, command, setup=setup, host=True, unordered=unordered,
                env={**H, **(env or {})}, changes=changes or [])


SYSBENCH = "sysbench cpu --cpu-max-prime=%s --time=1 %s run 2>&1"
STRESS = "stress-ng --cpu %s --cpu-ops %s --metrics-brief 2>&1"
PYPERF = OWN_HOME + "pyperf timeit --fast -q -s 'xs = list(range(200))' '%s' 2>&1"
CLOC = "cloc src 2>&1"
FLAW = IN_TMP + 'flawfinder src/buf.c 2>&1'
MYPY = IN_TMP + "mypy --no-incremental --cache-dir=/dev/null %s \"$PWD/app.py\"; echo \"exit $?\""
RUFF = IN_TMP + 'ruff check --no-cache %s "$PWD/app.py"; echo "exit $?"'
PYLINT = IN_TMP + OWN_HOME + "PYLINTHOME=$PWD/pl pylint %s app.py; echo \"exit $?\""
BORG = (TREE + "%s && export BORG_BASE_DIR=$PWD/bb BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes && "
        "borg init -e none repo 2>&1 && borg create --stats %s repo::nightly src 2>&1")
RESTIC = (TREE + "%s && export RESTIC_PASSWORD=s3cret && restic --no-cache init -r repo 2>&1 | head -n 1 && "
          "restic --no-cache -r repo backup src 2>&1")
RESTIC_LIST = (TREE + " && export RESTIC_PASSWORD=s3cret && restic --no-cache init -r repo >/dev/null "
                      "2>&1 && "
               "restic --no-cache -r repo backup -q %s src 2>&1 && restic --no-cache -r repo snapshots 2>&1")
BORG_LIST = (TREE + " && export BORG_BASE_DIR=$PWD/bb BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes && "
             "borg init -e none repo 2>&1 && borg create repo::%s src 2>&1 && borg list repo 2>&1")
RCLONE = TREE + "%s && rclone copy -v --config /dev/null --transfers 4 %s src dst 2>&1"
LOGROT = "logrotate -v -f -s state lr.conf 2>&1 && ls logs"
BTRFS = "truncate -s 128M fs.img && mkfs.btrfs -f %s fs.img 2>&1 | tail -n +9"
SFDISK = "truncate -s 20M disk.img && printf 'label: gpt\\n,%s\\n,\\n' | sfdisk disk.img 2>&1"
SGDISK = "truncate -s 20M disk.img && sgdisk -n 1:0:+%s -n 2:0:0 disk.img 2>&1 && sgdisk -p disk.img 2>&1"
PARALLEL = ("parallel --will-cite -j 3 --joblog - 'sleep 0.$((RANDOM %% 3)); %secho job {} done' ::: %s "
            "2>&1; "
            "echo \"exit $?\"")
MDIR = ("mkfs.fat -C %s f.img 2048 >/dev/null && seq 3000 > a.txt && echo ok > b.cfg && "
        "mcopy -i f.img %s :: && mdir -i f.img ::")
XORRISO = ("mkdir -p rel && seq 2000 > rel/notes.txt && echo 1.4 > rel/VERSION%s && "
           "xorriso -as mkisofs -V %s -o rel.iso rel 2>&1 && xorriso -indev rel.iso -pvd_info 2>&1")
SQUASH = ("mkdir -p sq && seq 3000 > sq/a.txt && head -c 2000 /dev/urandom > sq/b.bin%s && "
          "mksquashfs sq s.img -noappend %s 2>&1 | head -n 22")
BSDTAR = "%s && bsdtar %s -cvf a.tar src 2>&1 && bsdtar -tvf a.tar"
FILES = "seq %s > a.txt && head -c 64 /dev/urandom > r.bin && "
MLR = RUNS_PY + "\npython3 gen.py > runs.csv"
MOSQ = MOSQUITTO % ("jobs", "%s", "jobs", "%s")
FAKETIME = ("faketime '%s 23:30:00' date && faketime '%s 23:30:00' date -d tomorrow +%%F && "
            "date +%%Y && faketime '%s 23:30:00' sh -c 'touch f && ls -l --time-style=+%%F_%%T f'")
DCONV = ("dateutils.dconv now -f '%%F %%H:%%M %%Z' --zone %s && dateutils.ddiff 2024-02-01 %s -f '%%d days' "
         "&& dateutils.dadd today +30d")
UV_INSTALL = (OWN_HOME + 'export UV_CACHE_DIR="$PWD/uvc" && d=$(mktemp -d) && uv venv '
                         '--no-python-downloads "$d/v" 2>&1 && '
              'VIRTUAL_ENV="$d/v" uv pip install --offline --no-index --find-links wheels invoicer 2>&1')
VIRTUALENV = OWN_HOME + 'd=$(mktemp -d) && VIRTUALENV_OVERRIDE_APP_DATA=$PWD/vad virtualenv %s "$d/env" 2>&1'
REPO = DEB + "\nmkdir -p repo && mv invoicer.deb repo/"
# a package built with fixed file times: its checksums are data, the Release date is not
FIXED_REPO = REPO.replace("dpkg-deb", "SOURCE_DATE_EPOCH=1700000000 dpkg-deb")
FTPARCHIVE = "cd repo && apt-ftparchive packages . > Packages && apt-ftparchive release . 2>&1"

CASES: list[Case] = [
    # --- timing lines and profilers (host) -------------------------------------------------------
    host("sysbench-cpu", "timing", "sysbench", SYSBENCH % ("2000", ""), changes=[
        Change("threads-2", "sysbench --threads=2", SYSBENCH % ("2000", "--threads=2")),
        Change("prime-3000", "a higher prime limit", SYSBENCH % ("3000", "")),
    ]),
    host("stress-ng-cpu", "timing", "stress-ng", STRESS % ("1", "400"), changes=[
        Change("two-hogs", "stress-ng --cpu 2", STRESS % ("2", "400")),
    ]),
    host("pyperf-timeit", "timing", "pyperf", PYPERF % "sum(xs)", changes=[
        Change("name-error", "the statement names a missing variable", PYPERF % "sum(ys)"),
    ]),
    host("pyinstrument-app", "timing", "pyinstrument", "pyinstrument app.py 2>&1", PROFILED_PY, changes=[
        Change("one-more-call", "the program also calls index()",
               setup=edited(PROFILED_PY, "'s/^save()$/save()\\nimport json\\njson.loads(\"[\" + "
                                         "\",\".join([\"1\"] * 300000) + \"]\")/' app.py")),
        Change("save-renamed", "save is renamed store", setup=edited(PROFILED_PY, "'s/save/store/g' app.py")),
    ]),
    host("kernprof-lines", "tables", "kernprof", "sed -i 's/N)/1000)/' lp.py && kernprof -l -v lp.py 2>&1",
         LINES_PY, changes=[
             Change("n-1001", "the loop runs 1001 times",
                    "sed -i 's/N)/1001)/' lp.py && kernprof -l -v lp.py 2>&1"),
         ]),
    host("ltrace-count", "timing", "ltrace", "gcc -o tick tick.c && ltrace -c ./tick 2>&1", TICK_C, changes=[
        Change("four-ticks", "the loop prints four ticks", setup=edited(TICK_C, "'s/i < 3/i < 4/' tick.c")),
    ]),
    host("tcc-bench", "timing", "tcc", "tcc -bench -o tick tick.c 2>&1 && ./tick", TICK_C, changes=[
        Change("four-ticks", "the loop prints four ticks", setup=edited(TICK_C, "'s/i < 3/i < 4/' tick.c")),
    ]),
    host("cloc-src", "tables", "cloc", CLOC, BUF_C, changes=[
        Change("one-comment-more", "one comment line more in util.py",
               setup=BUF_C + "\nsed -i '1a # and the totals' src/util.py"),
    ]),
    host("flawfinder-buf", "timing", "flawfinder", FLAW, BUF_C, changes=[
        Change("bounded-copy", "strncpy instead of strcpy",
               setup=edited(BUF_C, "'s/strcpy(buf, name);/strncpy(buf, name, 15);/' src/buf.c")),
    ]),
    host("mkdocs-build", "timing", "mkdocs", OWN_HOME + IN_TMP + "mkdocs build 2>&1", MKDOCS, changes=[
        Change("page-outside-nav", "a page that the nav does not name",
               setup=MKDOCS + "\nprintf '# Refunds\\n' > docs/refunds.md"),
    ]),
    # --- build tools and test runners (host) ----------------------------------------------------
    host("meson-setup", "tempfiles", "meson", MESON_SETUP, MESON, changes=[
        Change("version-1.2.1", "the project is 1.2.1",
               setup=edited(MESON, "\"s/version : '1.2.0'/version : '1.2.1'/\" src/meson.build")),
        Change("missing-source", "calc.c is missing", setup=MESON + "\nrm src/calc.c"),
    ]),
    host("meson-test", "timing", "meson", MESON_TEST % "--num-processes 1", MESON, changes=[
        Change("zero-fails", "the zero test expects 1",
               setup=edited(MESON, "\"s/'0', '0', '0'/'0', '0', '1'/\" src/meson.build")),
    ]),
    host("meson-test-parallel", "parallel", "meson", MESON_TEST % "--num-processes 3", MESON, unordered=True,
         changes=[Change("adds-subtracts", "add subtracts",
                         setup=edited(MESON, "'s/return a + b;/return a - b;/' src/calc.c"))]),
    host("scons-build", "timing", "scons", "scons --debug=time 2>&1 && ./report", SCONS, changes=[
        Change("optimised", "CCFLAGS -O2", setup=edited(SCONS, "\"s/CCFLAGS='-Wall'/CCFLAGS='-O2'/\" "
                                                               "SConstruct")),
        Change("syntax-error", "sum.c has a syntax error", setup=SCONS + "\necho 'int broken(' >> sum.c"),
    ]),
    host("parallel-joblog", "parallel", "parallel", PARALLEL % ("", "a b c d e"), env={"SHELL": "/bin/bash"},
         unordered=True, changes=[
             Change("c-fails", "job c exits 1", PARALLEL % ("[ {} != c ] && ", "a b c d e")),
             Change("six-jobs", "one job more", PARALLEL % ("", "a b c d e f")),
         ]),
    host("bats-timing", "timing", "bats", "bats --timing cart.bats 2>&1; echo \"exit $?\"", BATS, changes=[
        Change("discount-fails", "the discount test expects 80", setup=edited(BATS, "'s/-eq 81/-eq 80/' "
                                                                                    "cart.bats")),
    ]),
    host("behave-cart", "timing", "behave", "behave --no-color 2>&1; echo \"exit $?\"", BEHAVE, changes=[
        Change("total-61", "the first scenario expects 61",
               setup=edited(BEHAVE, "'s/the total is 60/the total is 61/' features/cart.feature")),
    ]),
    host("robot-suite", "tempfiles", "robot",
         'd=$(mktemp -d) && robot --console verbose --outputdir "$d" cart.robot 2>&1; echo "exit $?"', ROBOT,
         changes=[
             Change("discount-fails", "the discount test expects 80",
                    setup=edited(ROBOT, "'s/${net}    81/${net}    80/' cart.robot")),
         ]),
    host("shunit2-suite", "errors", "shunit2", "bash cart_test.sh 2>&1; echo \"exit $?\"", SHUNIT, changes=[
        Change("discount-fails", "the discount test expects 80",
               setup=edited(SHUNIT, "'s/assertEquals 81/assertEquals 80/' cart_test.sh")),
    ]),
    host("nose2-verbose", "timing", "nose2", "nose2 -v 2>&1; echo \"exit $?\"", UNIT_PY, changes=[
        Change("adds-fails", "the adds test expects 6", setup=edited(UNIT_PY, "'s/2 + 3, 5/2 + 3, 6/' "
                                                                              "test_cart.py")),
    ]),
    host("trial-tests", "timing", "trial", "PYTHONPATH=. trial shop 2>&1; echo \"exit "
                                           "$?\"", TRIAL_PY, changes=[
        Change("adds-fails", "the adds test expects 6",
               setup=edited(TRIAL_PY, "'s/2 + 3, 5/2 + 3, 6/' shop/test_cart.py")),
    ]),
    host("cram-cli", "tempfiles", "cram", "cram -v cli.t 2>&1; echo \"exit $?\"", CRAM_T, changes=[
        Change("invoice-43", "the test expects invoice 43", setup=edited(CRAM_T, "'s/^  invoice 42/  "
                                                                                 "invoice 43/' cli.t")),
    ]),
    # --- linters (host) --------------------------------------------------------------------------
    host("mypy-app", "tempfiles", "mypy", MYPY % "", APP_PY, changes=[
        Change("strict", "mypy --strict", MYPY % "--strict"),
    ]),
    host("ruff-check", "tempfiles", "ruff", RUFF % "", APP_PY, changes=[
        Change("line-length-30", "ruff --select E,F --line-length 30", RUFF % "--select E,F --line-length "
                                                                              "30"),
    ]),
    host("pylint-app", "computed", "pylint", PYLINT % "", APP_PY, changes=[
        Change("no-docstrings", "pylint --disable=missing-docstring", PYLINT % "--disable=missing-docstring"),
    ]),
    host("codespell-docs", "tempfiles", "codespell", IN_TMP + 'codespell "$PWD/README.md"; echo "exit '
                                                              '$?"', DOCS_MD,
         changes=[Change("one-more-typo", "one more misspelling",
                         setup=DOCS_MD + "\necho 'Refunds are adressed weekly.' >> README.md")]),
    host("lizard-cc", "tables", "lizard", "lizard rules.py 2>&1", CC_PY, changes=[
        Change("one-more-branch", "one more if in shipping",
               setup=edited(CC_PY, "'s/    return 5/    if country == \"IS\":\\n        return 25\\n    "
                                   "return 5/' rules.py")),
    ]),
    host("tidy-page", "errors", "tidy", "tidy -q -e page.html 2>&1; echo \"exit $?\"", PAGE_HTML, changes=[
        Change("alt-text", "the image has an alt text",
               setup=edited(PAGE_HTML, "'s/<img src=\"logo.png\">/<img src=\"logo.png\" alt=\"logo\">/' "
                                       "page.html")),
    ]),
    host("php-lint", "errors", "php", IN_TMP + 'php -l "$PWD/cart.php" 2>&1; echo "exit '
                                               '$?"', BAD_PHP, changes=[
        Change("fixed", "the missing semicolon is added", setup=edited(BAD_PHP, "'s/$sum = 0$/$sum = 0;/' "
                                                                                "cart.php")),
    ]),
    # --- backups, sync, rotation (host) ------------------------------------------------------------
    host("borg-create", "progress", "borg", BORG % ("", ""), changes=[
        Change("one-file-more", "one more file is backed up", BORG % (" && seq 100 > src/extra.txt", "")),
        Change("no-compression", "borg create -C none", BORG % ("", "-C none")),
    ]),
    host("restic-backup", "ids", "restic", RESTIC % "", changes=[
        Change("no-conf", "the conf directory is gone", RESTIC % " && rm -r src/conf"),
    ]),
    host("restic-snapshots", "tables", "restic", RESTIC_LIST % "", changes=[
        Change("tagged", "restic backup --tag nightly", RESTIC_LIST % "--tag nightly"),
    ]),
    host("borg-list", "dates", "borg", BORG_LIST % "nightly", changes=[
        Change("hourly", "the archive is named hourly", BORG_LIST % "hourly"),
    ]),
    host("rclone-copy", "parallel", "rclone", RCLONE % ("", ""), unordered=True, changes=[
        Change("dry-run", "rclone --dry-run", RCLONE % ("", "--dry-run")),
        Change("no-blob", "the blob is gone", RCLONE % (" && rm src/blob", "")),
    ]),
    host("logrotate-force", "dates", "logrotate", LOGROT, LOGROTATE, changes=[
        Change("compress", "the logs are compressed", setup=edited(LOGROTATE, "'s/    dateext/    "
                                                                              "dateext\\n    compress/' "
                                                                              "lr.conf")),
        Change("no-dateext", "numbered, not dated", setup=edited(LOGROTATE, "'/dateext/d' lr.conf")),
    ]),
    # --- ids, keys and disk images (host) -----------------------------------------------------------
    host("certtool-self-signed", "ids", "certtool", CERT, CERT_CFG, changes=[
        Change("other-cn", "another common name", setup=edited(CERT_CFG, "'s/shop.test/billing.test/' "
                                                                         "cert.cfg")),
        Change("expires-30", "the certificate expires in 30 days",
               setup=edited(CERT_CFG, "'s/= 365/= 30/' cert.cfg")),
    ]),
    host("age-roundtrip", "ids", "age-keygen", AGE, "printf 'iban DE02 1203\\nnote rent\\n' > "
                                                    "notes.txt", changes=[
        Change("other-note", "the notes say another thing", setup="printf 'iban DE02 1203\\nnote car\\n' "
                                                                  "> notes.txt"),
    ]),
    host("pwgen-tokens", "ids", "pwgen", "pwgen -s -1 16 3 | nl", changes=[
        Change("length-15", "tokens of 15 characters", "pwgen -s -1 15 3 | nl"),
        Change("two-tokens", "two tokens", "pwgen -s -1 16 2 | nl"),
    ]),
    host("dbus-uuidgen-nodes", "ids", "dbus-uuidgen",
         'for n in 1 2 3; do echo "node-$n $(dbus-uuidgen)"; done', changes=[
             Change("two-nodes", "two nodes", 'for n in 1 2; do echo "node-$n $(dbus-uuidgen)"; done'),
         ]),
    host("mkfs-btrfs", "ids", "mkfs.btrfs", BTRFS % "", changes=[
        Change("label-data", "mkfs.btrfs -L data", BTRFS % "-L data"),
    ]),
    host("sfdisk-gpt", "ids", "sfdisk", SFDISK % "10M", changes=[
        Change("first-8m", "the first partition is 8 MiB", SFDISK % "8M"),
    ]),
    host("sgdisk-print", "ids", "sgdisk", SGDISK % "5M", changes=[
        Change("first-6m", "the first partition is 6 MiB", SGDISK % "6M"),
    ]),
    host("mkfs-fat-verbose", "ids", "mkfs.fat", "mkfs.fat -v -C f.img 2048 2>&1", changes=[
        Change("cluster-8", "eight sectors per cluster", "mkfs.fat -v -s 8 -C f.img 2048 2>&1"),
    ]),
    host("mdir-image", "dates", "mdir", MDIR % ("", "a.txt b.cfg"), changes=[
        Change("one-file", "only a.txt is copied", MDIR % ("", "a.txt")),
    ]),
    host("xorriso-iso", "progress", "xorriso", XORRISO % ("", "REL14"), changes=[
        Change("volid", "another volume id", XORRISO % ("", "REL15")),
        Change("one-file-more", "one file more", XORRISO % (" && echo hi > rel/NEWS", "REL14")),
    ]),
    host("mksquashfs-pack", "progress", "mksquashfs", SQUASH % ("", ""), changes=[
        Change("one-file-fewer", "b.bin is not packed", SQUASH % (" && rm sq/b.bin", "")),
    ]),
    host("bsdtar-list", "dates", "bsdtar", BSDTAR % (TREE, ""), changes=[
        Change("owner-1000", "bsdtar --uid 1000 --gid 1000", BSDTAR % (TREE, "--uid 1000 --gid 1000")),
        Change("one-file-more", "one file more", BSDTAR % (TREE + " && echo x > src/extra", "")),
    ]),
    # --- checksums (host) ------------------------------------------------------------------------
    host("rhash-sfv", "checksums", "rhash", FILES % "1000" + "rhash --sfv --crc32 --sha256 a.txt "
                                                             "r.bin", changes=[
        Change("longer-file", "a.txt has one line more", FILES % "1001" + "rhash --sfv --crc32 --sha256 "
                                                                          "a.txt r.bin"),
    ]),
    host("hashdeep-tree", "checksums", "hashdeep", TREE + " && hashdeep -c md5,sha256 -r -l src", changes=[
        Change("longer-log", "app.log has one line more", TREE + " && seq 5001 > src/app.log && hashdeep "
                                                                 "-c md5,sha256 -r -l src"),
    ]),
    host("xxhsum-files", "checksums", "xxhsum", FILES % "1000" + "xxhsum -H2 a.txt r.bin", changes=[
        Change("longer-file", "a.txt has one line more", FILES % "1001" + "xxhsum -H2 a.txt r.bin"),
    ]),
    # --- tables and JSON (host) ----------------------------------------------------------------
    host("mlr-pprint", "tables", "mlr", "mlr --icsv --opprint sort -f region runs.csv", MLR, changes=[
        Change("five-rows", "one run fewer", env={"ROWS": "5"}),
        Change("retry-more", "every run retried once more", env={"EXTRA": "1"}),
    ]),
    host("mlr-json", "jsonlogs", "mlr", "mlr --icsv --ojson head -n 2 runs.csv", MLR, changes=[
        Change("retry-more", "every run retried once more", env={"EXTRA": "1"}),
    ]),
    host("datamash-groups", "computed", "datamash",
         "datamash -t, -H -s -g region count run sum attempts min duration_ms < runs.csv | column -s, "
         "-t", MLR,
         changes=[Change("nine-rows", "three runs more", env={"ROWS": "9"})]),
    host("jo-event", "jsonlogs", "jo",
         "jo -p service=billing pid=$$ started_at=$(date -u +%FT%T.%3NZ) epoch=$(date +%s) "
         "request_id=$(cat /proc/sys/kernel/random/uuid) items=118 ok=true", changes=[
             Change("items-119", "one item more", "jo -p service=billing pid=$$ started_at=$(date -u "
                                                  "+%FT%T.%3NZ) "
                    "epoch=$(date +%s) request_id=$(cat /proc/sys/kernel/random/uuid) items=119 ok=true"),
         ]),
    host("jc-date", "dates", "jc", "jc -p date", changes=[
        Change("tokyo", "the date in Asia/Tokyo", env={"TZ": "Asia/Tokyo"}),
    ]),
    host("jc-ls", "listings", "jc", TREE + " && jc -p ls -l src", changes=[
        Change("no-blob", "the blob is gone", TREE + " && rm src/blob && jc -p ls -l src"),
    ]),
    host("gron-event", "jsonlogs", "gron", EVENT_PY % "sent", changes=[
        Change("failed", "the event's status is failed", EVENT_PY % "failed"),
    ]),
    host("iostat-cpu", "proc", "iostat", "iostat -c 1 2", changes=[
        Change("one-report", "one report only", "iostat -c 1 1"),
    ]),
    # --- servers' startup lines (host, 127.0.0.1 only) ----------------------------------------------
    host("mosquitto-pubsub", "servers", "mosquitto", MOSQ % ("", "build 42 done"), changes=[
        Change("other-message", "another message", MOSQ % ("", "build 43 done")),
        Change("qos-1", "mosquitto_pub -q 1", MOSQ % ("-q 1", "build 42 done")),
    ]),
    host("redis-server-start", "servers", "redis-server", REDIS % "", changes=[
        Change("loglevel-warning", "redis-server --loglevel warning", REDIS % "--loglevel warning"),
        Change("appendonly", "redis-server --appendonly yes", REDIS % "--appendonly yes"),
    ]),
    host("memcached-slabs", "servers", "memcached", MEMCACHED % "", changes=[
        Change("factor-1.5", "memcached -f 1.5", MEMCACHED % "-f 1.5"),
    ]),
    host("php-serve", "servers", "php", PHP_SERVE % "", PHP_WWW % "ok", changes=[
        Change("missing-page", "another path: 404", PHP_SERVE % "missing.html"),
        Change("other-word", "the page says ready", setup=PHP_WWW % "ready"),
    ]),
    host("twistd-web", "servers", "twistd", TWISTD % "index.html", changes=[
        Change("missing-page", "a missing page: 404", TWISTD % "gone.html"),
    ]),
    host("hypercorn-serve", "servers", "hypercorn", HYPERCORN % "", ASGI_APP, changes=[
        Change("status-201", "the app answers 201", setup=edited(ASGI_APP, "'s/\"status\": "
                                                                           "200/\"status\": 201/' asgi.py")),
    ]),
    host("iperf3-loopback", "progress", "iperf3", IPERF % "", changes=[
        Change("reverse", "iperf3 -R", IPERF % "-R"),
    ]),
    host("nmap-closed", "errors", "nmap", "nmap -p 1 127.0.0.1 2>&1", changes=[
        Change("two-ports", "nmap -p 1,7", "nmap -p 1,7 127.0.0.1 2>&1"),
    ]),
    # --- dates and zones (host) ------------------------------------------------------------------
    host("faketime-leap", "dates", "faketime", FAKETIME % (("2024-02-28",) * 3), changes=[
        Change("two-days-on", "the fixed date is two days later", FAKETIME % (("2024-03-01",) * 3)),
        Change("berlin", "in Europe/Berlin", env={"TZ": "Europe/Berlin"}),
    ]),
    host("dateutils-zones", "dates", "dateutils.dconv", DCONV % ("Europe/Berlin", "2024-03-01"), changes=[
        Change("new-york", "the time in America/New_York", DCONV % ("America/New_York", "2024-03-01")),
        Change("year-2023", "a February of 2023",
               (DCONV % ("Europe/Berlin", "2023-03-01")).replace("2024-02-01", "2023-02-01")),
    ]),
    host("ncal-february", "dates", "ncal", "ncal -b 2 2024 && ncal -w 2 2024", changes=[
        Change("year-2023", "February 2023", "ncal -b 2 2023 && ncal -w 2 2023"),
    ]),
    host("remind-next", "dates", "remind", "remind -n shop.rem 2>&1 | sort", REMINDERS, changes=[
        Change("payroll-16", "payroll on the 16th", setup=edited(REMINDERS, "'s/REM 15/REM 16/' shop.rem")),
    ]),
    host("xgettext-pot", "dates", "xgettext", "xgettext -k_ -o - --package-name=shop "
                                              "--package-version=1.0 m.c",
         MSG_C, changes=[
             Change("version-1.1", "the package is 1.1",
                    "xgettext -k_ -o - --package-name=shop --package-version=1.1 m.c"),
         ]),
    host("msgfmt-stats", "computed", "msgfmt", "msgfmt --statistics -c -v -o de.mo de.po 2>&1 && ls -l "
                                               "--time-style=+%F_%T de.mo",
         DE_PO, changes=[
             Change("refund-translated", "one more translated message",
                    setup=edited(DE_PO, "'$s/msgstr \"\"/msgstr \"Erstattung\"/' de.po")),
         ]),
    # --- package managers (host) ----------------------------------------------------------------
    host("apt-ftparchive-release", "checksums", "apt-ftparchive", FTPARCHIVE,
         FIXED_REPO.replace("VERSION", "1.0-1"),
         changes=[Change("version-1.0-2", "the package is "
                                          "1.0-2", setup=FIXED_REPO.replace("VERSION", "1.0-2"))]),
    host("dpkg-scanpackages", "listings", "dpkg-scanpackages", "dpkg-scanpackages repo 2>&1",
         REPO.replace("VERSION", "1.0-1"),
         changes=[Change("version-1.0-2", "the package is 1.0-2", setup=REPO.replace("VERSION", "1.0-2"))]),
    host("uv-pip-install", "timing", "uv", UV_INSTALL, WHEEL.replace("VERSION", "0.3.0"),
         changes=[Change("version-0.3.1", "the wheel is 0.3.1", setup=WHEEL.replace("VERSION", "0.3.1"))]),
    host("virtualenv-create", "tempfiles", "virtualenv", VIRTUALENV % "", changes=[
        Change("without-pip", "virtualenv --without-pip", VIRTUALENV % "--without-pip"),
        Change("system-site", "virtualenv --system-site-packages", VIRTUALENV % "--system-site-packages"),
    ]),
    host("trash-list", "dates", "trash-list",
         OWN_HOME + "mkdir -p home && touch a.log b.log c.log && trash-put a.log b.log c.log && "
                    "trash-list | sort",
         changes=[Change("two-files", "two files are trashed", OWN_HOME + "mkdir -p home && touch a.log "
                                                                          "b.log c.log && "
                         "trash-put a.log b.log && trash-list | sort")]),
    # --- in the base image --------------------------------------------------------------------------
    Case("vdir-listing", "listings", "vdir",
         "seq 3000 > app.log && head -c 500 /dev/urandom > blob && mkdir conf && vdir "
         "--time-style=full-iso", changes=[
             Change("no-blob", "the blob is gone",
                    "seq 3000 > app.log && mkdir conf && vdir --time-style=full-iso"),
             Change("human", "vdir -h", "seq 3000 > app.log && head -c 500 /dev/urandom > blob && mkdir "
                                        "conf && "
                    "vdir -h --time-style=full-iso"),
         ]),
    Case("proc-snapshot", "proc", "python3 procsnap", "python3 procsnap.py", PROC_PY, changes=[
        Change("nofile-512", "ulimit -n 512 before the snapshot", "ulimit -n 512 && python3 procsnap.py"),
    ]),
]


def main(argv: list[str]) -> int:
    os.environ["PATH"] = f"{VENV}/bin{os.pathsep}{os.environ['PATH']}"
    return capture_set(argv, CASES, DATA)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
