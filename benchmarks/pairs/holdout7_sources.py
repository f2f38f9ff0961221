"""The sources, configs and server scripts that holdout7_cases.py's setups and commands use.

Kept apart from the case list so that the cases read as what is run and what changes.
Everything here is written into the case's fresh scratch directory by its setup (heredocs)
or is a shell fragment of its command; servers bind 127.0.0.1 on a free port and are
stopped and waited for. Not to be read while changing pytest_testronaut/verify/ (see
README.md next to this file).
"""

from __future__ import annotations

# Debian packages the host cases need (bookworm): apt-get install --no-install-recommends ...
DEBIAN_PACKAGES = (  # noqa: SIM905 (one string, as apt-get takes it)
    "fio ioping stress lrzip pbzip2 zpaq plzip lzip sysstat haproxy webfs dnsmasq-base "
    "bind9-dnsutils beanstalkd gnutls-bin redis-server redis-tools gcal libimage-exiftool-perl "
    "poppler-utils groff enscript help2man par2 rdfind fdupes jdupes rmlint recode figlet toilet "
    "cowsay boxes gperf bison flex m4 astyle wireguard-tools minisign signify-openbsd whois "
    "apache2-utils zsh ksh tcsh fish sbcl guile-3.0 inotify-tools sharutils qrencode sox elfutils "
    "dwarves ripgrep silversearcher-ag ugrep ack plocate fzf dar pax arj mini-httpd"
).split()

IN_TMP = 'd=$(mktemp -d) && cp -r . "$d" 2>/dev/null; cd "$d" && '
FREE_PORT = ("port=$(python3 -c 'import socket; s=socket.socket(); s.bind((\"127.0.0.1\", 0)); "
             "print(s.getsockname()[1])')")
BACK_PORT = FREE_PORT.replace("port=", "back=")


def edited(setup: str, *seds: str) -> str:
    """``setup`` followed by ``sed -i`` edits of the files it wrote (a changed input)."""
    return "\n".join([setup, *(f"sed -i {expr}" for expr in seds)])


# --- servers on 127.0.0.1 -------------------------------------------------------------------------
WWW = "mkdir -p www && echo ok > www/index.html && echo 'refunds weekly' > www/refunds.txt"
WEBFSD = (FREE_PORT + "\nwebfsd -F -4 -i 127.0.0.1 -p $port -r www -L - > access.log 2>&1 & pid=$!; "
          "sleep 0.5; curl -s -i http://127.0.0.1:$port/%s; echo; sleep 0.2; kill -TERM $pid; wait $pid; "
          "cat access.log")
MINI_HTTPD = (FREE_PORT + "\nmini_httpd -D -h 127.0.0.1 -p $port -d www -l \"$PWD/access.log\" > err.log "
              "2>&1 & pid=$!; sleep 0.5; curl -s -i http://127.0.0.1:$port/%s; echo; sleep 0.2; "
              "kill -TERM $pid; wait $pid; cat access.log err.log")
HAPROXY_CFG = r"""cat > h.cfg <<'CFG'
global
    log stdout format raw local0
defaults
    mode http
    log global
    timeout connect 1s
    timeout client 2s
    timeout server 2s
    log-format LOG_FORMAT
frontend web
    bind 127.0.0.1:PORT
    default_backend files
backend files
    server s1 127.0.0.1:BACK
CFG"""
HAPROXY_CFG = HAPROXY_CFG.replace(
    "LOG_FORMAT", """'{"time":"%t","client":"%ci:%cp","backend":"%b","server":"%s","status":%ST,"""
                  """"bytes":%B,"Tt":%Tt,"Tr":%Tr}'""")
HAPROXY = (FREE_PORT + "\n" + BACK_PORT + "\n" + HAPROXY_CFG.replace("%", "%%") +
           "\nsed -i \"s/PORT/$port/; s/BACK/$back/\" h.cfg\n"
           "webfsd -F -4 -i 127.0.0.1 -p $back -r www >/dev/null 2>&1 & web=$!\n"
           "haproxy -db -f h.cfg > h.log 2>&1 & pid=$!; sleep 0.5; "
           "for p in %s; do curl -s -o /dev/null -w '%%{http_code} %%{size_download}\\n' "
           "http://127.0.0.1:$port/$p; done; sleep 0.2; kill -TERM $pid $web; wait $pid $web; cat h.log")
DNSMASQ_START = (FREE_PORT + "\ndnsmasq --no-daemon --keep-in-foreground --conf-file=/dev/null --port $port "
                 "--listen-address=127.0.0.1 --bind-interfaces --no-resolv --no-hosts "
                 "--address=/shop.test/%s --log-queries --log-facility=- > dns.log 2>&1 & pid=$!; "
                 "sleep 0.5; ")
DNSMASQ_STOP = "; kill -TERM $pid; wait $pid"
DIG = DNSMASQ_START + "dig @127.0.0.1 -p $port %s" + DNSMASQ_STOP
NSLOOKUP = DNSMASQ_START + "nslookup -port=$port %s 127.0.0.1" + DNSMASQ_STOP
DNSMASQ_LOG = DNSMASQ_START + "dig +short @127.0.0.1 -p $port shop.test" + DNSMASQ_STOP + "; cat dns.log"
BEANSTALKD = (FREE_PORT + "\nbeanstalkd -l 127.0.0.1 -p $port -V > b.log 2>&1 & pid=$!; sleep 0.3; "
              "exec 3<>/dev/tcp/127.0.0.1/$port; printf '%s' >&3; sleep 0.3; timeout 1 cat <&3 | tr -d '\\r' "
              "| grep -v -e '^cmd-' -e '^current-[^j]'; kill -TERM $pid; wait $pid; cat b.log")
PUT = "put 0 0 60 5\\r\\nhello\\r\\n"
CERT = r"""certtool --generate-privkey --key-type ecdsa --outfile k.pem 2>/dev/null
printf 'cn = shop.test\ndns_name = shop.test\nexpiration_days = 365\ntls_www_server\n' > c.cfg
certtool --generate-self-signed --load-privkey k.pem --template c.cfg --outfile c.pem >/dev/null 2>&1"""
# gnutls-serv listens on every address: it runs in a network namespace of its own (loopback only)
GNUTLS = (FREE_PORT + "\nexport port && unshare -n bash -c 'ip link set lo up; gnutls-serv --echo -p $port "
          "--x509keyfile k.pem --x509certfile c.pem > serv.log 2>&1 & pid=$!; sleep 0.7; "
          "echo hello | gnutls-cli --insecure %s -p $port 127.0.0.1 2>&1; kill -TERM $pid; wait $pid'")
REDIS_BENCH = (FREE_PORT + "\nredis-server --port $port --bind 127.0.0.1 --save '' >/dev/null 2>&1 & pid=$!; "
               "sleep 0.5; redis-benchmark -h 127.0.0.1 -p $port -n 2000 -c 5 -q %s 2>&1; "
               "kill -TERM $pid; wait $pid")

# --- programs and inputs ------------------------------------------------------------------------
PROF_C = r"""cat > prof.c <<'EOF'
#include <stdio.h>
static long work(long n) { long s = 0; for (long i = 0; i < n; i++) s += i % 7; return s; }
static long step(int k) { return work(2000000L * k); }
int main(void) {
    long total = 0;
    for (int k = 1; k <= 3; k++) total += step(k);
    printf("total %ld\n", total);
    return 0;
}
EOF"""
STACK_C = r"""cat > wait.c <<'EOF'
#include <unistd.h>
static void wait_for_order(void) { pause(); }
static void serve(void) { wait_for_order(); }
int main(void) { serve(); return 0; }
EOF"""
STRUCT_C = r"""cat > order.c <<'EOF'
struct order {
    char id[12];
    int quantity;
    double price;
    short status;
    long created;
};
struct order last_order;
int main(void) { return last_order.quantity; }
EOF"""
BUILD_ID_C = r"""cat > ver.c <<'EOF'
#include <stdio.h>
int main(void) { printf("version 1.4\n"); return 0; }
EOF"""
CALC_Y = r"""cat > calc.y <<'EOF'
%token NUM
%%
exp: exp '+' exp
   | exp '*' exp
   | NUM
   ;
%%
EOF"""
SCAN_L = r"""cat > scan.l <<'EOF'
%option noyywrap
%%
[0-9]+      { printf("NUM "); }
[a-z]+      { printf("WORD "); }
[ \t\n]     ;
.           { printf("OTHER "); }
%%
int main(void) { return yylex(); }
EOF"""
KEYWORDS = r"""cat > kw.gperf <<'EOF'
order
refund
invoice
payment
EOF"""
M4_IN = r"""cat > build.m4 <<'EOF'
define(`VERSION', `1.4')dnl
define(`STAMP', esyscmd(`date -u +%H:%M:%S | tr -d "\n"'))dnl
release VERSION built at STAMP
scratch file mkstemp(`/tmp/relXXXXXX')
EOF"""
UGLY_C = r"""cat > a.c <<'EOF'
int add(int a,int b){if(a>b){return a+b;}else{return b+a;}}
EOF"""
SHOP_PC = r"""cat > shop.pc <<'EOF'
prefix=/opt/shop
libdir=${prefix}/lib
includedir=${prefix}/include
Name: shop
Description: the shop library
Version: 1.4.0
Libs: -L${libdir} -lshop
Cflags: -I${includedir}/shop
EOF"""
TODO_TREE = ("mkdir -p src/api src/db src/web && "
             "printf 'def pay():\\n    # TODO retry\\n    pass\\n' > src/api/pay.py "
             "&& printf 'def save():\\n    # TODO index\\n    return 1\\n' > src/db/save.py && "
             "printf '// TODO escape\\nlet x = 1;\\n' > src/web/view.js && seq 4000 > src/db/rows.txt")
DUP_TREE = "mkdir -p d/x d/y && seq 500 > d/x/a && cp d/x/a d/y/a && seq 9 > d/c"
POT = r"""cat > m.c <<'EOF'
#define _(s) (s)
const char *a = _("Refund");
const char *b = _("Order");
EOF
xgettext -k_ -o m.pot --package-name=shop m.c"""
SHOPCTL = r"""cat > shopctl <<'EOF'
#!/bin/sh
case $1 in
--help) echo "Usage: shopctl [OPTION]..."; echo "Run the shop."; echo
        echo "  -v, --verbose  say more"; echo "      --help     show this help";;
--version) echo "shopctl VERSION";;
esac
EOF
chmod +x shopctl"""
TBL_ROWS = r"""cat > rows.sh <<'EOF'
printf '.TS\nbox;\nl r r.\nfile\tbytes\twritten\n_\n'
for f in orders refunds invoices ROWS; do
  head -c $((RANDOM * 3)) /dev/urandom > $f.bin
  printf '%s\t%s\t%s\n' $f.bin $(stat -c %s $f.bin) $(date -u +%T.%N | cut -c1-12)
done
printf '.TE\n'
EOF"""
SOX_STATS = ("sox -n -n synth 0.5 whitenoise stat 2>&1 | head -n 8 && "
             "sox -n -n synth 0.5 sine %s stat 2>&1 | head -n 8")
MS_DOC = r"""cat > r.ms <<'EOF'
.TL
Refunds
.PP
Refunds are paid weekly.
EOF"""
