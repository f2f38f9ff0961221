"""The programs, manifests and setups that benchmarks/pairs/holdout4_cases.py builds and runs.

Shell setup snippets (heredocs writing Rust, C++, Java, Tcl sources, a Maven reactor, npm and
Cargo manifests, a Dockerfile ...) kept apart from the list of cases so that each file
reads as one thing. Part of the FOURTH hold-out set: not to be read while changing
pytest_testronaut/verify/ (see README.md next to this file).
"""

from __future__ import annotations

LABEL = "org.testronaut.holdout4=1"


def edited(setup: str, *seds: str) -> str:
    """``setup`` followed by ``sed -i`` edits of the files it wrote (a changed input)."""
    return "\n".join([setup, *(f"sed -i {expr}" for expr in seds)])


# --- sources the cases build -----------------------------------------------------------
CRATE = r"""mkdir -p ledger/src && cat > ledger/Cargo.toml <<'TOML'
[package]
name = "ledger"
version = "0.3.1"
edition = "2021"

[dependencies]
TOML
cat > ledger/src/main.rs <<'RS'
fn total(items: &[u32]) -> u32 {
    items.iter().sum()
}

fn main() {
    let start = std::time::Instant::now();
    let unused_rate = 7;
    println!("total {}", total(&[3, 4, 5]));
    println!("pid {} took {:?}", std::process::id(), start.elapsed());
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn sums() { assert_eq!(total(&[1, 2]), 3); }
    #[test]
    fn empty() { assert_eq!(total(&[]), 0); }
    #[test]
    fn slow_sum() {
        std::thread::sleep(std::time::Duration::from_millis(40));
        assert_eq!(total(&[4, 6]), 10);
    }
    #[test]
    fn big() { assert_eq!(total(&[1000, 2000]), 3000); }
}
RS"""
IN_CRATE = 'd=$(mktemp -d) && cp -r ledger "$d" && cd "$d/ledger" && '
WORKSPACE = r"""mkdir -p app/src util/src
printf '[package]\nname = "util"\nversion = "0.2.0"\nedition = "2021"\n' > util/Cargo.toml
echo 'pub fn twice(x: u32) -> u32 { x * 2 }' > util/src/lib.rs
printf '[package]\nname = "app"\nversion = "1.0.0"\nedition = "2021"\n\n' > app/Cargo.toml
printf '[dependencies]\nutil = { path = "../util" }\n' >> app/Cargo.toml
echo 'fn main() { println!("{}", util::twice(21)); }' > app/src/main.rs"""
RUST_CLOCK = r"""cat > clock.rs <<'RS'
use std::time::{SystemTime, UNIX_EPOCH};
const DAY: u64 = 86_400;
fn unused_helper() -> u8 { 1 }
fn main() {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    println!("epoch {}", now);
    println!("days since 2024-01-01: {}", (now - 1_704_067_200) / DAY);
    println!("days from 2024-02-28 to 2024-03-01: {}", (1_709_251_200 - 1_709_078_400) / DAY);
}
RS"""
CPP_APP = r"""cat > app.cpp <<'CPP'
#include <cstdio>
#include <ctime>
#include <vector>
static const char *banner = "invoicer 2.1.0 built " __DATE__ " " __TIME__;
int count_paid(const std::vector<int> &bills, int unused) {
    int paid = 0;
    for (int i = 0; i < bills.size(); i++) {
        int total = bills[i];
        if (total > 0) paid++;
    }
    return paid;
}
int main() {
    std::time_t now = std::time(nullptr);
    std::printf("%s\n", banner);
    std::printf("paid %d of 4\n", count_paid({5, 0, 7, 9}, 0));
    std::printf("run at %s", std::ctime(&now));
}
CPP"""
CPP_BUILD = 'd=$(mktemp -d) && g++ -Wall -Wextra -o "$d/app" app.cpp 2>&1 && '
SCALE = r"""cat > scale.cpp <<'CPP'
int scale(int x) { return x * 2; }
long area(long w, long h) { return w * h; }
namespace billing { double tax(double net) { return net * 0.19; } }
CPP"""
LEAK = r"""cat > leak.cpp <<'CPP'
#include <cstdlib>
#include <cstring>
int main() {
    char *keep = (char *)std::malloc(1024);
    char *lost = (char *)std::malloc(40);
    std::memset(lost, 1, 40);
    std::free(keep);
    return 0;
}
CPP"""
CRASH = r"""cat > crash.cpp <<'CPP'
#include <cstdio>
int parse_header(const int *p) { return *p + 1; }
int parse_body(const int *p) { return *p + 2; }
int main(int argc, char **argv) {
    const int *none = nullptr;
    std::printf("parsing %d\n", argc);
    return argc > 1 ? parse_body(none) : parse_header(none);
}
CPP"""
EXITER = r"""cat > exiter.cpp <<'CPP'
#include <cstdlib>
int main(int argc, char **argv) { return argc > 1 ? std::atoi(argv[1]) : 0; }
CPP"""
INVENTORY = r"""cat > Inventory.java <<'JAVA'
import java.util.*;
public class Inventory {
    @SuppressWarnings("unused")
    static int count(List items) { return items.size(); }
    public static void main(String[] args) {
        Integer boxed = new Integer(5);
        List<String> items = new ArrayList<>(List.of("bolt", "nut", "washer"));
        System.out.println("items " + count(items) + " boxed " + boxed);
        System.out.println("run " + UUID.randomUUID() + " pid " + ProcessHandle.current().pid());
        System.out.println("at " + java.time.Instant.now());
    }
}
JAVA"""
ZONES = r"""cat > Zones.java <<'JAVA'
import java.time.*;
public class Zones {
    public static void main(String[] args) {
        ZoneId zone = ZoneId.of(System.getenv("ZONE"));
        System.out.println("now utc   " + ZonedDateTime.now(ZoneOffset.UTC));
        System.out.println("now local " + ZonedDateTime.now(zone));
        long days = Long.parseLong(System.getenv("DAYS"));
        System.out.println("deadline  " + LocalDate.of(2024, 2, 28).plusDays(days));
        System.out.println("release   " + Instant.parse("2026-03-29T01:30:00Z").atZone(zone));
    }
}
JAVA"""
PARALLEL = r"""cat > Par.java <<'JAVA'
import java.util.stream.*;
public class Par {
    public static void main(String[] args) {
        int chunks = Integer.parseInt(args[0]);
        IntStream.range(0, chunks).parallel().forEach(i -> {
            long sum = LongStream.rangeClosed(1, 100000L * (i + 1)).sum();
            System.out.println("chunk " + i + " sum " + sum + " on " + Thread.currentThread().getName());
        });
    }
}
JAVA"""
JUL = r"""cat > Import.java <<'JAVA'
import java.util.logging.*;
public class Import {
    public static void main(String[] args) {
        Logger log = Logger.getLogger("import");
        log.info("import started for 3 batches");
        for (int batch = 1; batch <= 3; batch++) {
            if (batch == 3) log.warning("batch " + batch + " skipped 2 rows");
            if (batch == 3) throw new IllegalStateException("batch " + batch + " of 3 failed");
        }
    }
}
JAVA"""
RATES = r"""mkdir -p src && cat > src/Rates.java <<'JAVA'
public class Rates {
    public static final double VAT = 0.19;
    static double gross(double n) { return n * (1 + VAT); }
}
JAVA
cat > src/Currency.java <<'JAVA'
public enum Currency { EUR, USD, GBP }
JAVA
cat > src/Invoice.java <<'JAVA'
public record Invoice(String id, double net, Currency currency) {}
JAVA"""
NAME_UUID = r"""cat > Ids.java <<'JAVA'
import java.util.UUID;
public class Ids {
    public static void main(String[] args) {
        String order = System.getenv("ORDER");
        System.out.println("order " + order + " key " + UUID.nameUUIDFromBytes(order.getBytes()));
        System.out.println("request " + UUID.randomUUID());
    }
}
JAVA"""
THREADS = r"""cat > pool.cpp <<'CPP'
#include <cstdio>
#include <thread>
#include <vector>
int main() {
    std::vector<std::thread> pool;
    for (int i = 0; i < 3; i++) pool.emplace_back([i] { std::printf("worker %d done\n", i); });
    for (auto &t : pool) t.join();
}
CPP"""
DOCKERFILE = ("printf 'FROM testronaut-base:bookworm\\nLABEL %s stage=build\\n%s' > Dockerfile")
IMAGE = ("docker build -t testronaut-holdout4:case . 2>&1 | grep -v -e DEPRECATED -e '^ ' -e '^$' && "
         f"docker images --filter label={LABEL} --format 'table {{{{.Repository}}}}\\t{{{{.Tag}}}}\\t"
         "{{.ID}}\\t{{.CreatedSince}}' && docker rmi testronaut-holdout4:case >/dev/null")
POM = """<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>%s
<groupId>shop</groupId><artifactId>%s</artifactId><version>1.4.2</version><packaging>pom</packaging>%s</project>"""
REACTOR = ("cat > pom.xml <<'XML'\n" + POM % ("", "shop", "<modules><module>api</module><module>core</module>"
                                              "<module>web</module></modules>") + "\nXML\n"
           "for m in api core web; do mkdir -p $m && sed \"s/MODULE/$m/\" > $m/pom.xml <<'XML'\n"
           + POM % ("<parent><groupId>shop</groupId><artifactId>shop</artifactId><version>1.4.2</version>"
                    "</parent>", "MODULE", "") + "\nXML\ndone")
MVN = ('d=$(mktemp -d) && cp -r ./* "$d" && cd "$d" && '
       'mvn -o -B -Dmaven.repo.local="$d/.m2" validate 2>&1; echo "exit $?"')
TCL = r"""cat > clock.tcl <<'TCL'
set d [dict create sku-1 4 sku-2 9]
puts "lookup [time {dict get $d sku-2} 2000]"
puts "pid [pid] now [clock format [clock seconds] -format {%Y-%m-%d %H:%M:%S %Z} -timezone :UTC]"
set base [clock scan 2024-02-28 -format %Y-%m-%d -timezone :UTC]
puts "due [clock format [clock add $base $env(DAYS) days] -format %Y-%m-%d -timezone :UTC]"
puts "release [clock format 1774747800 -format {%Y-%m-%d %H:%M %Z} -timezone :$env(ZONE)]"
TCL"""
EVENTS = ("printf 'jobs:\\n' > events.yaml && for j in fetch parse %s; do printf '  - name: %%s\\n"
          "    id: %%s\\n    started_at: \"%%s\"\\n    status: ok\\n' $j \"$(od -An -tx4 -N8 /dev/urandom "
          "| tr -d \" \")\" \"$(date -u +%%Y-%%m-%%dT%%H:%%M:%%S.%%NZ)\" >> events.yaml; done")
TOMLQ = ("printf '[package]\\nname = \"ledger\"\\nversion = \"%s\"\\nbuilt = \"%%s\"\\n"
         "build_id = \"%%s\"\\n\\n[dependencies]\\nserde = \"1.0\"\\nregex = \"1.10\"\\n' "
         "\"$(date -Is)\" \"$(od -An -tx8 -N8 /dev/urandom | tr -d ' ')\" > Cargo.toml")
NPM = ("printf '{\"name\": \"inv-cli\", \"version\": \"%s\", \"main\": \"index.js\", "
       "\"files\": [\"index.js\", \"data.bin\", \"README.md\"]}\\n' > package.json && "
       "echo 'module.exports = () => 42;' > index.js && "
       "echo '# inv-cli' > README.md && head -c %s /dev/urandom > data.bin")
NODE_TEST = r"""cat > cart.test.js <<'JS'
const test = require('node:test');
const assert = require('node:assert');
const total = (xs) => xs.reduce((a, b) => a + b, 0);
test('sums a cart', () => assert.strictEqual(total([2, 3]), 5));
test('empty cart', () => assert.strictEqual(total([]), 0));
test('slow cart', async () => {
  await new Promise(r => setTimeout(r, 60));
  assert.strictEqual(total([4, 4]), 8);
});
JS"""
PYTEST = r"""cat > test_cart.py <<'PY'
import time
def total(xs): return sum(xs)
def test_sums(): assert total([2, 3]) == 5
def test_empty(): assert total([]) == 0
def test_slow():
    time.sleep(0.15)
    assert total([4, 4]) == 8
PY"""
GIT = ('git init repo && cd repo && git -c user.name=Ann -c user.email=ann@example.com commit -q '
       '--allow-empty -m "release 1.4" && git log --format="%H %ad %s" --date=iso-strict')
FIXED = {"GIT_AUTHOR_DATE": "2024-02-29T12:00:00+01:00", "GIT_COMMITTER_DATE": "2024-02-29T12:00:00+01:00"}
QCOW = 'd=$(mktemp -d) && qemu-img create -q -f qcow2 %s "$d/disk.qcow2" %s && '
PARTS = r"""mkdir -p jobs.d && for j in 10-fetch 20-parse 30-report; do
printf '#!/bin/sh\necho "%s pid $$ at $(date +%%T.%%N)"\n' $j > jobs.d/$j; chmod +x jobs.d/$j; done"""
UTMP = ("printf '[7] [%05d] [ts/0] [%s] [pts/0       ] [10.0.0.5            ] [10.0.0.5       ] "
        "[%s]\\n' $$ \"$USR\" \"$(date -u +%Y-%m-%dT%H:%M:%S,%6N+00:00)\" > u.txt && "
        "utmpdump -r < u.txt > wtmp 2>/dev/null && utmpdump wtmp 2>&1")
ALT = ('d=$(mktemp -d) && mkdir "$d/admin" "$d/alt" && ua() { update-alternatives --admindir "$d/admin" '
       '--altdir "$d/alt" "$@"; } && ua --install "$d/editor" editor /bin/cat 50 && '
       'ua --install "$d/editor" editor /bin/more $PRIO && ua --display editor')
