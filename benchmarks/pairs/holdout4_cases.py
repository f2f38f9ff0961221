"""A FOURTH hold-out corpus: benchmarks/pairs/holdout4.jsonl, from tools in none of the sets.

    .venv/bin/python benchmarks/pairs/holdout4_cases.py [--out PATH] [--only ID,ID]

The cases and their capture script in one file; the machinery (fresh scratch directory,
sandbox or host runner, two passes in different minutes, the checks before writing) is
capture.py's. Each ``Case`` runs twice (an ``equivalent`` pair); each ``Change`` runs a
really changed tool once (a ``different`` pair against the case's first run). This set
leans on what a user of pytest-testronaut meets beside the classic Unix tools: build
tools and compilers (cargo, rustc, g++, javac, mvn, jar), binary inspectors (readelf,
nm, objdump, strings), debuggers (valgrind, gdb), database clients without a server
(psql, pg_dump, pg_isready), test runners with durations, disk images (qemu-img),
package metadata (npm, cargo tree) and the docker CLI against the local engine (its own
labelled containers only, removed again). Most tools under test appear in none of
tests/verify/data/pairs.jsonl and the three other hold-out sets; ``git``, ``docker``,
``node --test`` and ``pytest`` are the exceptions the task asked for (git with fixed
against real dates, the docker CLI, two test runners). Labels come from what was run,
never from a verdict. Not to be read while changing pytest_testronaut/verify/ (see
README.md next to this file).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from capture import capture_set  # noqa: E402
from holdout4_sources import (  # noqa: E402
    ALT,
    CPP_APP,
    CPP_BUILD,
    CRASH,
    CRATE,
    DOCKERFILE,
    EVENTS,
    EXITER,
    FIXED,
    GIT,
    IMAGE,
    IN_CRATE,
    INVENTORY,
    JUL,
    LABEL,
    LEAK,
    MVN,
    NAME_UUID,
    NODE_TEST,
    NPM,
    PARALLEL,
    PARTS,
    PYTEST,
    QCOW,
    RATES,
    REACTOR,
    RUST_CLOCK,
    SCALE,
    TCL,
    THREADS,
    TOMLQ,
    UTMP,
    WORKSPACE,
    ZONES,
    edited,
)
from holdout_cases import Case, Change  # noqa: E402

DATA = HERE / "holdout4.jsonl"
CASES: list[Case] = [
    # --- build tools and compilers (host) -------------------------------------------------
    Case("cargo-build", "timing", "cargo", IN_CRATE + "cargo build --offline 2>&1; echo \"exit $?\"",
         setup=CRATE, host=True, env={"CARGO_TERM_COLOR": "never"}, changes=[
             Change("two-warnings", "one more unused variable in the code",
                    setup=edited(CRATE, "'s/let unused_rate = 7;/let unused_rate = 7; let unused_cap = 9;/' "
                                        "ledger/src/main.rs")),
             Change("type-error", "a type error: the build fails",
                    setup=edited(CRATE, "'s/let unused_rate = 7;/let unused_rate: u8 = \"7\";/' "
                                        "ledger/src/main.rs")),
         ]),
    Case("cargo-test", "parallel", "cargo test", IN_CRATE + "cargo test --offline 2>&1; echo \"exit $?\"",
         setup=CRATE, host=True, unordered=True, env={"CARGO_TERM_COLOR": "never"}, changes=[
             Change("failing-test", "the slow test's expectation no longer holds (4 + 5)",
                    setup=edited(CRATE, "'s/total(&\\[4, 6\\])/total(\\&[4, 5])/' ledger/src/main.rs")),
             Change("skip-big", "cargo test -- --skip big: one test filtered out",
                    IN_CRATE + "cargo test --offline -- --skip big 2>&1; echo \"exit $?\""),
         ]),
    Case("cargo-run", "timing", "cargo run", IN_CRATE + "cargo run -q --offline 2>&1", setup=CRATE,
         host=True, env={"CARGO_TERM_COLOR": "never"}, changes=[
             Change("total-13", "the program sums another list",
                    setup=edited(CRATE, "'s/total(&\\[3, 4, 5\\])/total(\\&[3, 4, 6])/' ledger/src/main.rs")),
         ]),
    Case("cargo-json", "jsonlogs", "cargo build --message-format=json",
         IN_CRATE + "cargo build --offline --message-format=json 2>/dev/null", setup=CRATE, host=True,
         env={"CARGO_TERM_COLOR": "never"}, changes=[
             Change("renamed-variable", "the unused variable is another one",
                    setup=edited(CRATE, "'s/unused_rate/unused_fee/' ledger/src/main.rs")),
         ]),
    Case("cargo-clean", "computed", "cargo clean",
         IN_CRATE + "cargo build -q --offline 2>/dev/null && cargo clean 2>&1", setup=CRATE, host=True,
         env={"CARGO_TERM_COLOR": "never"}),
    Case("cargo-tree", "listings", "cargo tree",
         'd=$(mktemp -d) && cp -r app util "$d" && cd "$d/app" && cargo tree --offline 2>&1',
         setup=WORKSPACE, host=True, env={"CARGO_TERM_COLOR": "never"}, changes=[
             Change("util-0.2.1", "the path dependency is a newer version",
                    setup=edited(WORKSPACE, "'s/0.2.0/0.2.1/' util/Cargo.toml")),
         ]),
    Case("cargo-metadata", "jsonlogs", "cargo metadata",
         'd=$(mktemp -d) && cp -r app util "$d" && cd "$d/app" && '
         "cargo metadata --offline --format-version 1 --no-deps 2>&1",
         setup=WORKSPACE, host=True, env={"CARGO_TERM_COLOR": "never"}, changes=[
             Change("edition-2018", "the app crate is edition 2018",
                    setup=edited(WORKSPACE, "'s/2021/2018/' app/Cargo.toml")),
         ]),
    Case("rustc-clock", "dates", "rustc",
         'd=$(mktemp -d) && rustc -o "$d/clock" clock.rs 2>&1 && "$d/clock"', setup=RUST_CLOCK, host=True,
         changes=[
             Change("allow-warnings", "rustc -A warnings: the dead-code warning is gone",
                    'd=$(mktemp -d) && rustc -A warnings -o "$d/clock" clock.rs 2>&1 && "$d/clock"'),
             Change("day-off-by-one", "a day of 86 401 seconds: the computed day counts are off",
                    setup=edited(RUST_CLOCK, "'s/86_400/86_401/' clock.rs")),
         ]),
    Case("gpp-warnings", "compilers", "g++", CPP_BUILD + '"$d/app"', setup=CPP_APP, host=True, changes=[
        Change("wshadow", "g++ -Wshadow and a shadowing variable: one warning more, no bill counted",
               'd=$(mktemp -d) && g++ -Wall -Wextra -Wshadow -o "$d/app" app.cpp 2>&1 && "$d/app"',
               setup=edited(CPP_APP, "'s/int total = bills\\[i\\];/int paid = bills[i]; int total = paid;/'"
                                     " app.cpp")),
        Change("count-off-by-one", "the loop starts at 1: one bill is not counted",
               setup=edited(CPP_APP, "'s/int i = 0;/int i = 1;/' app.cpp")),
    ]),
    Case("strings-banner", "dates", "strings",
         CPP_BUILD + 'strings -n 8 "$d/app" | grep invoicer', setup=CPP_APP, host=True, changes=[
             Change("version-2.1.1", "the banner says 2.1.1",
                    setup=edited(CPP_APP, "'s/2.1.0/2.1.1/' app.cpp")),
         ]),
    Case("readelf-notes", "ids", "readelf", CPP_BUILD + 'readelf -n "$d/app"', setup=CPP_APP, host=True,
         changes=[
             Change("md5-build-id", "linked with --build-id=md5",
                    'd=$(mktemp -d) && g++ -Wall -Wextra -Wl,--build-id=md5 -o "$d/app" app.cpp 2>&1 && '
                    'readelf -n "$d/app"'),
         ]),
    Case("nm-symbols", "compilers", "nm",
         'd=$(mktemp -d) && g++ -c -O1 -o "$d/scale.o" scale.cpp && nm -C "$d/scale.o"', setup=SCALE,
         host=True, changes=[
             Change("one-more-function", "the source gains a function",
                    setup=SCALE + "\necho 'int offset(int x) { return x + 1; }' >> scale.cpp"),
         ]),
    Case("objdump-disasm", "compilers", "objdump",
         'd=$(mktemp -d) && g++ -c -O1 -o "$d/scale.o" scale.cpp && '
         'objdump -d --no-show-raw-insn -M intel "$d/scale.o"', setup=SCALE, host=True, changes=[
             Change("times-three", "scale multiplies by 3", setup=edited(SCALE, "'s/x \\* 2/x * 3/' "
                                                                                "scale.cpp")),
         ]),
    Case("valgrind-leak", "ids", "valgrind",
         'd=$(mktemp -d) && g++ -g -o "$d/leak" leak.cpp && valgrind --leak-check=full --error-exitcode=3 '
         '"$d/leak" 2>&1; echo "exit $?"', setup=LEAK, host=True, changes=[
             Change("leak-48", "48 bytes are lost, not 40",
                    setup=edited(LEAK, "'s/malloc(40)/malloc(48)/' leak.cpp")),
             Change("no-leak", "the lost block is freed",
                    setup=edited(LEAK, "'s/std::free(keep);/std::free(keep); std::free(lost);/' leak.cpp")),
         ]),
    Case("gdb-crash", "errors", "gdb",
         'd=$(mktemp -d) && g++ -g -O0 -o "$d/crash" crash.cpp && gdb -q -batch -ex run -ex bt '
         '-ex "info inferiors" "$d/crash" 2>&1', setup=CRASH, host=True, changes=[
             Change("body-crash", "the program crashes in parse_body",
                    'd=$(mktemp -d) && g++ -g -O0 -o "$d/crash" crash.cpp && gdb -q -batch -ex run -ex bt '
                    '-ex "info inferiors" --args "$d/crash" body 2>&1'),
         ]),
    Case("gdb-exit", "ids", "gdb",
         'd=$(mktemp -d) && g++ -o "$d/exiter" exiter.cpp && gdb -q -batch -ex run --args "$d/exiter" 3 2>&1',
         setup=EXITER, host=True, changes=[
             Change("exit-4", "the program exits with 4",
                    'd=$(mktemp -d) && g++ -o "$d/exiter" exiter.cpp && gdb -q -batch -ex run --args '
                    '"$d/exiter" 4 2>&1'),
         ]),
    Case("gdb-threads", "parallel", "gdb",
         'd=$(mktemp -d) && g++ -pthread -o "$d/pool" pool.cpp && gdb -q -batch -ex run "$d/pool" 2>&1',
         setup=THREADS, host=True, unordered=True),
    Case("javac-lint", "compilers", "javac",
         'd=$(mktemp -d) && javac -Xlint:all -d "$d" Inventory.java 2>&1; echo "exit $?"; java -cp "$d" '
         'Inventory',
         setup=INVENTORY, host=True, changes=[
             Change("no-raw-type", "the raw List is typed: one warning fewer",
                    setup=edited(INVENTORY, "'s/count(List items)/count(List<String> items)/' "
                                            "Inventory.java")),
             Change("boxed-6", "the boxed value is 6",
                    setup=edited(INVENTORY, "'s/new Integer(5)/new Integer(6)/' Inventory.java")),
         ]),
    Case("java-zones", "dates", "java", "java Zones.java", setup=ZONES, host=True,
         env={"ZONE": "Europe/Berlin", "DAYS": "1"}, changes=[
             Change("new-york", "another zone", env={"ZONE": "America/New_York"}),
             Change("two-days", "the deadline is two days on", env={"DAYS": "2"}),
         ]),
    Case("java-parallel", "parallel", "java", "java Par.java 6", setup=PARALLEL, host=True, unordered=True,
         changes=[Change("five-chunks", "one chunk fewer", "java Par.java 5")]),
    Case("java-logging", "dates", "java", "java Import.java 2>&1; echo \"exit $?\"", setup=JUL, host=True,
         changes=[
             Change("fails-at-2", "the import fails at batch 2",
                    setup=edited(JUL, "'s/batch == 3) throw/batch == 2) throw/' Import.java")),
             Change("skipped-word", "the warning says dropped",
                    setup=edited(JUL, "'s/skipped 2 rows/dropped 2 rows/' Import.java")),
         ]),
    Case("java-name-uuid", "ids", "java", "java Ids.java", setup=NAME_UUID, host=True,
         env={"ORDER": "order-42"}, changes=[
             Change("order-43", "another order: its name-based key changes", env={"ORDER": "order-43"}),
         ]),
    Case("java-gc-log", "timing", "java -Xlog",
         "java -Xlog:gc*:stdout:uptime,level,tags -XX:+UseSerialGC -Xmx64m -version 2>&1 | grep -v '^Open'",
         host=True, changes=[
             Change("xmx-128m", "the heap may grow to 128 MB",
                    "java -Xlog:gc*:stdout:uptime,level,tags -XX:+UseSerialGC -Xmx128m -version 2>&1 | "
                    "grep -v '^Open'"),
         ]),
    Case("jar-list", "listings", "jar",
         'd=$(mktemp -d) && javac -d "$d/classes" src/*.java && jar --create --file "$d/app.jar" -C '
         '"$d/classes" . '
         '&& jar tvf "$d/app.jar"', setup=RATES, host=True, changes=[
             Change("no-currency", "Currency is not packed", setup=RATES + "\nrm src/Currency.java && "
                    "sed -i 's/Currency currency/String currency/' src/Invoice.java"),
         ]),
    Case("javap-verbose", "ids", "javap",
         'd=$(mktemp -d) && javac -d "$d" src/*.java && javap -v -cp "$d" Rates | head -n 12', setup=RATES,
         host=True, changes=[
             Change("vat-0.21", "another VAT constant", setup=edited(RATES, "'s/0.19/0.21/' src/Rates.java")),
             Change("release-11", "javac --release 11",
                    'd=$(mktemp -d) && javac --release 11 -d "$d" src/Rates.java && javap -v -cp "$d" '
                    'Rates | '
                    'head -n 12'),
         ]),
    Case("keytool-list", "ids", "keytool",
         "keytool -genkeypair -alias api -keyalg EC -groupname secp256r1 -dname CN=api.internal "
         "-validity 365 "
         "-storepass changeit -keystore ks.p12 -storetype PKCS12 2>&1 && keytool -list -v -keystore ks.p12 "
         "-storepass changeit | grep -E 'Alias|Owner|Serial|Valid|SHA256:|Signature algorithm|Key Algorithm'",
         host=True, changes=[
             Change("validity-30", "the certificate is valid 30 days",
                    "keytool -genkeypair -alias api -keyalg EC -groupname secp256r1 -dname CN=api.internal "
                    "-validity 30 -storepass changeit -keystore ks.p12 -storetype PKCS12 2>&1 && "
                    "keytool -list "
                    "-v -keystore ks.p12 -storepass changeit | grep -E 'Alias|Owner|Serial|Valid|SHA256:|"
                    "Signature algorithm|Key Algorithm'"),
             Change("other-cn", "another subject name",
                    "keytool -genkeypair -alias api -keyalg EC -groupname secp256r1 -dname CN=api.external "
                    "-validity 365 -storepass changeit -keystore ks.p12 -storetype PKCS12 2>&1 && "
                    "keytool -list "
                    "-v -keystore ks.p12 -storepass changeit | grep -E 'Alias|Owner|Serial|Valid|SHA256:|"
                    "Signature algorithm|Key Algorithm'"),
         ]),
    Case("mvn-reactor", "tables", "mvn", MVN, setup=REACTOR, host=True, changes=[
        Change("no-core", "the core module is dropped from the build",
               setup=edited(REACTOR, "'s#<module>core</module>##' pom.xml")),
        Change("missing-web", "the web module's directory is missing", setup=REACTOR + "\nrm -r web"),
    ]),
    Case("mvn-version", "listings", "mvn", "mvn -v 2>&1", host=True),
    # --- database clients without a server (host) -----------------------------------------
    Case("psql-socket", "errors", "psql",
         'd=$(mktemp -d) && psql -h "$d" -d shop -c "select 1" 2>&1; echo "exit $?"', host=True, changes=[
             Change("port-5433", "psql -p 5433",
                    'd=$(mktemp -d) && psql -h "$d" -p 5433 -d shop -c "select 1" 2>&1; echo "exit $?"'),
         ]),
    Case("pg-isready", "tempfiles", "pg_isready", 'd=$(mktemp -d) && pg_isready -h "$d" -t 1; echo "exit $?"',
         host=True, changes=[
             Change("quiet", "pg_isready -q", 'd=$(mktemp -d) && pg_isready -q -h "$d" -t 1; echo "exit $?"'),
         ]),
    Case("pg-dump-error", "errors", "pg_dump",
         'd=$(mktemp -d) && pg_dump -h "$d" --table=orders shop 2>&1; echo "exit $?"', host=True, changes=[
             Change("bad-format", "pg_dump --format=x",
                    'd=$(mktemp -d) && pg_dump -h "$d" --format=x shop 2>&1; echo "exit $?"'),
         ]),
    # --- test runners (host) ----------------------------------------------------------------
    Case("node-test", "timing", "node --test", "node --test 2>&1; echo \"exit $?\"", setup=NODE_TEST,
         host=True, changes=[
             Change("failing", "the slow test expects 9",
                    setup=edited(NODE_TEST, "'s/total(\\[4, 4\\]), 8/total([4, 4]), 9/' cart.test.js")),
         ]),
    Case("pytest-durations", "timing", "python3 -m pytest",
         'd=$(mktemp -d) && cp test_cart.py "$d" && python3 -m pytest -p no:cacheprovider -q --durations=2 '
         '"$d" 2>&1; echo "exit $?"', setup=PYTEST, host=True, changes=[
             Change("failing", "the empty cart totals 1",
                    setup=edited(PYTEST, "'s/total(\\[\\]) == 0/total([]) == 1/' test_cart.py")),
         ]),
    # --- scripting, data and package tools (host) -----------------------------------------
    Case("tclsh-clock", "dates", "tclsh", "tclsh clock.tcl", setup=TCL, host=True,
         env={"DAYS": "1", "ZONE": "Europe/Berlin"}, changes=[
             Change("london", "another zone", env={"ZONE": "Europe/London"}),
             Change("due-2-days", "the due date is two days on", env={"DAYS": "2"}),
         ]),
    Case("yq-events", "jsonlogs", "yq", "yq -c '.jobs[] | {name, id, started_at, status}' events.yaml",
         setup=EVENTS % "store", host=True, changes=[
             Change("two-jobs", "one job fewer", setup=EVENTS % ""),
             Change("failed", "the last job failed",
                    setup=EVENTS % "store" + " && sed -i '$ s/status: ok/status: failed/' events.yaml"),
         ]),
    Case("tomlq-manifest", "jsonlogs", "tomlq", "tomlq . Cargo.toml", setup=TOMLQ % "0.3.1", host=True,
         changes=[Change("version-0.3.2", "the manifest says 0.3.2", setup=TOMLQ % "0.3.2")]),
    Case("npm-pack", "listings", "npm", "npm pack --dry-run --no-update-notifier 2>&1",
         setup=NPM % ("1.2.0", "512"), host=True, changes=[
             Change("version-1.2.1", "a newer version", setup=NPM % ("1.2.1", "512")),
             Change("data-513", "the data file is a byte longer", setup=NPM % ("1.2.0", "513")),
         ]),
    Case("git-fixed-dates", "dates", "git", GIT, host=True, env=FIXED, changes=[
        Change("a-day-later", "committed a day later",
               env={"GIT_AUTHOR_DATE": "2024-03-01T12:00:00+01:00",
                    "GIT_COMMITTER_DATE": "2024-03-01T12:00:00+01:00"}),
    ]),
    Case("git-real-dates", "dates", "git", GIT, host=True, changes=[
        Change("release-1.5", "another commit message", GIT.replace("release 1.4", "release 1.5")),
    ]),
    Case("zipinfo-list", "listings", "zipinfo",
         "printf 'release 1.4.2\\n' > notes.txt && seq 2000 > ids.txt && zip -q rel.zip notes.txt ids.txt "
         "&& zipinfo rel.zip", host=True, changes=[
             Change("stored", "zip -0: stored, not deflated",
                    "printf 'release 1.4.2\\n' > notes.txt && seq 2000 > ids.txt && zip -0 -q rel.zip "
                    "notes.txt "
                    "ids.txt && zipinfo rel.zip"),
             Change("no-notes", "notes.txt is not packed",
                    "printf 'release 1.4.2\\n' > notes.txt && seq 2000 > ids.txt && zip -q rel.zip ids.txt "
                    "&& zipinfo rel.zip"),
         ]),
    Case("getcap-file", "tempfiles", "getcap",
         'd=$(mktemp -d) && cp /bin/true "$d/pinger" && setcap cap_net_raw+ep "$d/pinger" && getcap '
         '"$d/pinger"',
         host=True, changes=[
             Change("net-admin", "another capability",
                    'd=$(mktemp -d) && cp /bin/true "$d/pinger" && setcap cap_net_admin+ep "$d/pinger" && '
                    'getcap "$d/pinger"'),
         ]),
    Case("systemd-calendar", "dates", "systemd-analyze",
         "systemd-analyze calendar --iterations=2 '*-02-29 12:00' 'Mon *-*-* 09:00' "
         "2>&1", host=True, changes=[
             Change("feb-28", "the leap-day spec is the 28th",
                    "systemd-analyze calendar --iterations=2 '*-02-28 12:00' 'Mon *-*-* 09:00' 2>&1"),
         ]),
    Case("systemd-timestamp", "dates", "systemd-analyze",
         "systemd-analyze timestamp '2026-03-29 01:30 UTC' now 2>&1", host=True, changes=[
             Change("berlin", "shown in Europe/Berlin", env={"TZ": "Europe/Berlin"}),
         ]),
    Case("h2xs-skeleton", "tempfiles", "h2xs",
         "h2xs -X -n Billing::Invoice -v 0.01 2>&1 && head -n 4 Billing-Invoice/Changes", host=True, changes=[
             Change("version-0.02", "h2xs -v 0.02", "h2xs -X -n Billing::Invoice -v 0.02 2>&1 && "
                    "head -n 4 Billing-Invoice/Changes"),
         ]),
    # --- disk images (host) ----------------------------------------------------------------------
    Case("qemu-img-info", "tables", "qemu-img", QCOW % ("", "1G") + 'qemu-img info '
                                                                    '"$d/disk.qcow2"', host=True,
         changes=[
             Change("size-2g", "a 2G image", QCOW % ("", "2G") + 'qemu-img info "$d/disk.qcow2"'),
             Change("cluster-128k", "another cluster size",
                    QCOW % ("-o cluster_size=128k", "1G") + 'qemu-img info "$d/disk.qcow2"'),
         ]),
    Case("qemu-img-json", "jsonlogs", "qemu-img",
         QCOW % ("", "64M") + 'qemu-img info --output=json "$d/disk.qcow2"', host=True, changes=[
             Change("compat-0.10", "an old qcow2 format",
                    QCOW % ("-o compat=0.10", "64M") + 'qemu-img info --output=json "$d/disk.qcow2"'),
         ]),
    Case("qemu-img-snapshots", "dates", "qemu-img",
         QCOW % ("", "64M") + 'qemu-img snapshot -c base "$d/disk.qcow2" && sleep 1 && qemu-img snapshot -c '
         'after-migrate "$d/disk.qcow2" && qemu-img snapshot -l "$d/disk.qcow2"', host=True, changes=[
             Change("one-snapshot", "only the base snapshot is taken",
                    QCOW % ("", "64M") + 'qemu-img snapshot -c base "$d/disk.qcow2" && qemu-img snapshot -l '
                    '"$d/disk.qcow2"'),
         ]),
    Case("qemu-img-convert", "progress", "qemu-img",
         QCOW % ("", "64M") + 'qemu-img convert -p -O raw "$d/disk.qcow2" "$d/disk.raw" && '
         'qemu-img compare "$d/disk.qcow2" "$d/disk.raw"; echo "exit $?"', host=True, changes=[
             Change("corrupted", "the converted image has a changed byte",
                    QCOW % ("", "64M") + 'qemu-img convert -p -O raw "$d/disk.qcow2" "$d/disk.raw" && '
                    "python3 -c \"open('$d/disk.raw', 'r+b').write(b'x')\" && "
                    'qemu-img compare "$d/disk.qcow2" "$d/disk.raw"; echo "exit $?"'),
         ]),
    Case("qemu-img-check", "computed", "qemu-img",
         QCOW % ("", "64M") + 'qemu-img check "$d/disk.qcow2"', host=True),
    # --- the docker CLI against the local engine (host; own labelled containers) -------------------
    Case("docker-run-host", "ids", "docker",
         f"docker run --rm --network none --label {LABEL} testronaut-base:bookworm sh -c "
         "'echo \"host $(hostname)\"; date -u +%FT%T; cat /etc/debian_version'", host=True, changes=[
             Change("fixed-hostname", "docker run --hostname worker-1",
                    f"docker run --rm --network none --hostname worker-1 --label {LABEL} "
                    f"testronaut-base:bookworm "
                    "sh -c 'echo \"host $(hostname)\"; date -u +%FT%T; cat /etc/debian_version'"),
         ]),
    Case("docker-ps-table", "tables", "docker",
         f"cid=$(docker create --label {LABEL} testronaut-base:bookworm true) && docker ps -a --filter "
         f"label={LABEL} --format 'table {{{{.ID}}}}\\t{{{{.Image}}}}\\t{{{{.Command}}}}\\t{{{{.Status}}}}\\t"
         "{{.Names}}'; docker rm \"$cid\" >/dev/null", host=True, changes=[
             Change("started", "the container ran before the listing",
                    f"cid=$(docker create --label {LABEL} testronaut-base:bookworm true) && docker start -a "
                    f"\"$cid\" && docker ps -a --filter label={LABEL} --format 'table "
                    f"{{{{.ID}}}}\\t{{{{.Image}}}}"
                    "\\t{{.Command}}\\t{{.Status}}\\t{{.Names}}'; docker rm \"$cid\" >/dev/null"),
         ]),
    Case("docker-inspect", "jsonlogs", "docker",
         f"cid=$(docker create --label {LABEL} --label tier=web testronaut-base:bookworm true) && docker "
         "inspect --format '{{.Id}} {{.Created}} {{json .Config.Labels}}' \"$cid\"; docker rm \"$cid\" "
         ">/dev/null",
         host=True, changes=[
             Change("tier-db", "another label value",
                    f"cid=$(docker create --label {LABEL} --label tier=db testronaut-base:bookworm true) && "
                    "docker inspect --format '{{.Id}} {{.Created}} {{json .Config.Labels}}' \"$cid\"; "
                    "docker rm \"$cid\" >/dev/null"),
         ]),
    Case("docker-build-image", "ids", "docker", IMAGE, setup=DOCKERFILE % (LABEL, ""), host=True, changes=[
        Change("env-step", "the Dockerfile has one step more",
               setup=DOCKERFILE % (LABEL, "ENV APP_VERSION=1.4.2\\n")),
    ]),
    # --- system tools in the base image -------------------------------------------------------
    Case("lsipc-queues", "ids", "lsipc",
         "ipcrm --all=msg; ipcmk -Q >/dev/null && ipcmk -Q >/dev/null && lsipc -q -o "
         "KEY,ID,PERMS,OWNER,CTIME",
         changes=[
             Change("no-ctime", "the CTIME column is lost",
                    "ipcrm --all=msg; ipcmk -Q >/dev/null && ipcmk -Q >/dev/null && lsipc -q -o "
                    "KEY,ID,PERMS,OWNER"),
         ]),
    Case("lsipc-json", "jsonlogs", "lsipc",
         "ipcrm --all=shm; ipcmk -M 4096 >/dev/null && lsipc -m -J -o KEY,ID,SIZE,OWNER,CTIME,CPID", changes=[
             Change("size-8192", "a segment twice as big",
                    "ipcrm --all=shm; ipcmk -M 8192 >/dev/null && lsipc -m -J -o "
                    "KEY,ID,SIZE,OWNER,CTIME,CPID"),
         ]),
    Case("lsns-list", "tables", "lsns", "sleep 3 & lsns -o NS,TYPE,NPROCS,PID,COMMAND; kill $!", changes=[
        Change("net-only", "lsns -t net", "sleep 3 & lsns -t net -o NS,TYPE,NPROCS,PID,COMMAND; kill $!"),
    ]),
    Case("lsmem-blocks", "tables", "lsmem", "lsmem", changes=[
        Change("bytes", "lsmem -b: sizes in bytes", "lsmem -b"),
    ]),
    Case("run-parts-jobs", "timing", "run-parts", "run-parts --verbose --report jobs.d 2>&1", setup=PARTS,
         changes=[
             Change("parse-not-executable", "20-parse lost its x bit", setup=PARTS + "\nchmod -x "
                                                                                     "jobs.d/20-parse"),
             Change("reverse", "run-parts --reverse", "run-parts --reverse --verbose --report jobs.d 2>&1"),
         ]),
    Case("savelog-rotate", "dates", "savelog",
         "printf 'GET /\\n' > app.log && savelog -n -c 3 -t app.log && ls app.log*", changes=[
             Change("empty-log", "the log is empty: savelog -n does not rotate it",
                    ": > app.log && savelog -n -c 3 -t app.log && ls app.log*"),
         ]),
    Case("utmpdump-login", "dates", "utmpdump", UTMP, env={"USR": "deploy  "}, changes=[
        Change("user-ops", "another user logged in", env={"USR": "ops     "}),
    ]),
    Case("update-alternatives", "tempfiles", "update-alternatives", ALT, env={"PRIO": "40"}, changes=[
        Change("more-wins", "/bin/more has the higher priority", env={"PRIO": "60"}),
    ]),
    Case("infocmp-caps", "listings", "infocmp", "infocmp -1 xterm-256color | head -n 12", changes=[
        Change("vt100", "another terminal", "infocmp -1 vt100 | head -n 12"),
    ]),
    Case("mountpoint-dev", "ids", "mountpoint",
         "mountpoint /proc; mountpoint -d /proc; mountpoint /work; echo \"exit $?\"", changes=[
             Change("sys", "asks about /sys", "mountpoint /sys; mountpoint -d /sys; mountpoint /work; "
                    "echo \"exit $?\""),
         ]),
]


def main(argv: list[str]) -> int:
    return capture_set(argv, CASES, DATA)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
