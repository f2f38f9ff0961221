"""Placeholder rules: what counts as dynamic content, and what it becomes.

A :class:`Rule` replaces each match of its pattern with a typed placeholder such as
``<UUID>``. When the pattern has a named group ``value``, only that group is replaced,
so context can be required without being swallowed (``pid (?P<value>\\d+)`` turns
``pid 1234`` into ``pid <PID>``).

The default table is deliberately contextual: a bare number is never dynamic on its
own, because counts, sizes, exit codes and versions are what a regression changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import TestronautError
from .log_rules import LOG_RULE_SPECS
from .process_clocks import CLOCK_RULE_SPECS


class RuleError(TestronautError, ValueError):
    """A user rule that cannot be used (bad regex, bad ``NAME=REGEX=>PLACEHOLDER``)."""


@dataclass(frozen=True, slots=True)
class Replacement:
    """One piece of dynamic content that normalization replaced."""

    rule: str
    placeholder: str
    original: str


@dataclass(frozen=True)
class Rule:
    """Replace matches of ``pattern`` (a regex) with ``placeholder``.

    ``placeholder`` may be given bare (``"BUILD_ID"``); it is wrapped as
    ``<BUILD_ID>``. A named group ``value`` limits the replacement to that group.
    """

    name: str
    pattern: str | re.Pattern[str]
    placeholder: str
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.name:
            raise RuleError("a rule needs a name, e.g. Rule('build-id', r'build \\d+', 'BUILD')")
        placeholder = self.placeholder
        if placeholder and not (placeholder.startswith("<") and placeholder.endswith(">")):
            placeholder = f"<{placeholder}>"
            object.__setattr__(self, "placeholder", placeholder)
        try:
            compiled = (
                self.pattern if isinstance(self.pattern, re.Pattern) else re.compile(self.pattern)
            )
        except re.error as exc:
            raise RuleError(
                f"rule {self.name!r}: invalid regular expression {self.pattern!r}: {exc}"
            ) from exc
        if compiled.fullmatch("") is not None:
            raise RuleError(
                f"rule {self.name!r}: pattern {compiled.pattern!r} matches the empty string, "
                "which would insert placeholders everywhere; make it match at least one character"
            )
        object.__setattr__(self, "regex", compiled)

    @classmethod
    def parse(cls, spec: str) -> Rule:
        """Build a rule from ``NAME=REGEX=>PLACEHOLDER`` (the CLI/ini spelling)."""
        name, sep, rest = spec.partition("=")
        regex, arrow, placeholder = rest.rpartition("=>")
        if not sep or not arrow or not name.strip() or not regex or not placeholder.strip():
            raise RuleError(
                f"cannot read rule {spec!r}: write it as NAME=REGEX=>PLACEHOLDER, "
                "e.g. build-id=build-\\d+=>BUILD_ID"
            )
        return cls(name.strip(), regex, placeholder.strip())

    def apply(self, text: str, found: list[Replacement]) -> str:
        """Return ``text`` with matches replaced, appending what was replaced to ``found``."""
        return self.apply_at(text, found, None)

    def apply_at(self, text: str, found: list[Replacement], where: list[int] | None) -> str:
        """:meth:`apply`, also appending to ``where`` (unless ``None``) the offset in
        ``text`` of the match behind each replacement appended to ``found``."""
        has_value = "value" in self.regex.groupindex
        name, placeholder = self.name, self.placeholder
        add = found.append
        at = where.append if where is not None else None

        def substitute(match: re.Match[str]) -> str:
            whole = match.group(0)
            if has_value and match.group("value") is not None:
                start, end = match.span("value")
                offset = match.start()
                original = match.group("value")
                if original == placeholder:
                    return whole
                add(Replacement(name, placeholder, original))
                if at is not None:
                    at(offset)
                return whole[: start - offset] + placeholder + whole[end - offset :]
            if whole == placeholder or not whole:
                return whole
            add(Replacement(name, placeholder, whole))
            if at is not None:
                at(match.start())
            return placeholder

        return self.regex.sub(substitute, text)


# --- the default table ---------------------------------------------------------------
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = rf"(?!127\.0\.0\.1\b|0\.0\.0\.0\b){_OCTET}(?:\.{_OCTET}){{3}}(?![\d.]*\d)"
# Only ports from the kernel's ephemeral range (>= 32768) are dynamic by default: a
# fixed port such as 8080 is configuration, and a changed one is a real difference.
_EPHEMERAL_PORT = (
    r"(?:3276[89]|327[7-9]\d|32[89]\d\d|3[3-9]\d{3}|[45]\d{4}|6[0-4]\d{3}"
    r"|65[0-4]\d\d|655[0-2]\d|6553[0-5])(?!\d)"
)
_TIME_UNIT = (r"(?:(?:micro|milli|nano)seconds?|ns|us|µs|μs|ms|nsec|usec|msec|s|sec|secs|seconds?"
              r"|min|mins|minutes?|h|hrs?|hours?)")
_HUMAN_SPAN = (
    r"(?:\d+|an?|About an?|Less than an?)\s+(?:second|minute|hour|day|week|month|year)s?"
)


def _within_lines(pattern: str) -> str:
    """``pattern`` with every ``\\s`` outside a character class made ``[^\\S\\n]``
    (whitespace other than a newline), so the rule never matches across a line break.

    Every default rule is line-local this way, which lets normalization run a rule on
    just the lines that can match it (see :mod:`.line_filter`). A positive class with
    ``\\s`` is refused (write it as an alternation); a negated one already excludes
    newlines.
    """
    out: list[str] = []
    index, in_class, class_start = 0, False, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            pair = pattern[index : index + 2]
            if pair == "\\s" and not in_class:
                out.append("[^\\S\\n]")
            else:
                if pair == "\\s" and not pattern.startswith("[^", class_start):
                    raise ValueError(f"{pattern!r}: \\s in a positive character class")
                out.append(pair)
            index += 2
            continue
        if char == "[" and not in_class:
            in_class, class_start = True, index
            out.append(char)
            index += 1
            # a ']' right after '[' or '[^' is a literal member
            for lead in ("^", "]"):
                if pattern.startswith(lead, index):
                    out.append(lead)
                    index += 1
            continue
        if char == "]" and in_class:
            in_class = False
        out.append(char)
        index += 1
    return "".join(out)


def _r(name: str, pattern: str, placeholder: str) -> Rule:
    return Rule(name, re.compile(_within_lines(pattern)), placeholder)


#: Applied in order after the user's rules. Earlier, more specific rules consume text
#: before the looser ones see it (a full timestamp before a bare date or time).
DEFAULT_RULES: tuple[Rule, ...] = (
    # before the times: 5B:66:12:34:56... is not a time of day
    _r(  # a certificate's or key's fingerprint or serial, after its key (openssl x509)
        "fingerprint",
        r"(?i)\b(?:fingerprint|serial(?:\s+number)?)\s*[:=]\s*"
        r"(?P<value>[0-9a-f]{2}(?::[0-9a-f]{2}){7,63}|[0-9a-f]{16,128})\b",
        "<HASH>",
    ),
    _r(  # colon-separated hex bytes after a digest's name (keytool, ssh-keygen -E md5):
        # the way fingerprints of keys and certificates are written; a checksum of a
        # file is written as plain hex, and stays data
        "fingerprint-colon",
        r"(?i)\b(?:sha-?(?:1|224|256|384|512)|md5)\s*[:=]\s*"
        r"(?P<value>[0-9a-f]{2}(?::[0-9a-f]{2}){15,63})(?![:\w])",
        "<HASH>",
    ),
    _r(  # a line of colon-separated hex bytes alone (openssl x509 -text: serials, keys)
        "hex-bytes-line",
        r"(?m)^\s+(?P<value>[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){7,}):?$",
        "<HASH>",
    ),
    _r(  # a run of at least eight hex byte groups (od, xxd, hexdump), with the text
        # rendering beside it; dynamic only where most groups changed (see .dynamic)
        "hex-dump-run",
        r"(?m)(?<![\w:.-])(?P<value>(?=[0-9a-fA-F ]*[a-fA-F])[0-9a-fA-F]{2,4}"
        r"(?:[ ]{1,2}[0-9a-fA-F]{2,4}){7,}(?:[ ]{2}[^\n]+)?)$",
        "<BYTES>",
    ),
    # timestamps
    _r(
        "timestamp-rfc2822",
        rf"\b(?:{_WEEKDAY},\s+)?\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\s+\d{{2}}:\d{{2}}"
        r"(?::\d{2}(?:[.,]\d{1,9})?)?"  # with its fraction of a second, if any
        r"(?:\s+(?:[+-]\d{4}|GMT|UTC|[A-Z]{3}))?\b",
        "<TIMESTAMP>",
    ),
    _r(
        "timestamp-ctime",  # date(1), git log, Python's time.ctime()
        rf"\b{_WEEKDAY}\s+{_MONTH}\s+\d{{1,2}}\s+\d{{1,2}}:\d{{2}}:\d{{2}}(?:\s+[AP]M)?"
        r"(?:\s+[A-Z]{2,5})?\s+\d{4}(?:\s+[+-]\d{4})?",
        "<TIMESTAMP>",
    ),
    _r(
        "timestamp-iso8601",
        r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?"
        r"(?:Z\b|\s?[+-]\d{2}:?\d{2}\b|\s(?:UTC|GMT)\b)?",
        "<TIMESTAMP>",
    ),
    _r(
        "timestamp-slashed",
        r"\b\d{4}/\d{2}/\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?",
        "<TIMESTAMP>",
    ),
    _r(
        "timestamp-clf",  # web server logs: 27/Nov/2024:02:36:00 +0000
        rf"\b\d{{2}}/{_MONTH}/\d{{4}}:\d{{2}}:\d{{2}}:\d{{2}}(?:\s[+-]\d{{4}})?",
        "<TIMESTAMP>",
    ),
    _r(  # openssl's dates: notBefore=Dec  1 11:07:07 2026 GMT
        "timestamp-month-first",
        rf"\b{_MONTH}\s+\d{{1,2}}\s+\d{{2}}:\d{{2}}:\d{{2}}(?:\.\d{{1,9}})?\s+\d{{4}}"
        r"(?:\s+(?:GMT|UTC)\b)?",
        "<TIMESTAMP>",
    ),
    _r(  # a day-month-year date with its time of day: 1-Dec-2026 10:27
        "timestamp-day-month",
        rf"\b\d{{1,2}}([-/ ]){_MONTH}\1\d{{4}}[ :T]\d{{1,2}}:\d{{2}}(?::\d{{2}})?\b",
        "<TIMESTAMP>",
    ),
    _r(  # ISO 8601's basic format (no separators): 20261201T160527Z; in file names a
        # dash or an underscore may stand for the T (backup-20261201-160527.tar)
        "timestamp-compact",
        r"(?<!\d)(?<!\d\.)\d{8}(?:T\d{6}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?\b"
        r"|[-_]\d{6}(?!\d|\.\d))",
        "<TIMESTAMP>",
    ),
    _r(  # a numeric date with its time of day, month first (12/01/2026 4:05 PM) or day
        # first with dots (01.12.2026 16:05)
        "timestamp-numeric",
        r"\b(?:\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\.\d{1,2}\.\d{4}),?\s\d{1,2}:\d{2}"
        r"(?::\d{2}(?:[.,]\d{1,9})?)?(?:\s?[AP]M)?\b",
        "<TIMESTAMP>",
    ),
    _r(  # a month's name, the day, a comma and the year, then the time (Java's and
        # JavaScript's medium formats: Dec 1, 2026, 4:05:27 PM)
        "timestamp-month-comma",
        rf"\b{_MONTH}[a-z]*\.?\s+\d{{1,2}},\s\d{{4}},?\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?"
        r"(?:\s?[AP]M)?\b",
        "<TIMESTAMP>",
    ),
    # ls (a time or a year) and syslog (a time with seconds, no year)
    _r("timestamp-ls", rf"\b{_MONTH}\s+\d{{1,2}}\s+(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?|\d{{4}})\b",
       "<TIMESTAMP>"),
    _r(
        "timestamp-epoch",  # only behind a key that says it is a time
        r"(?i)[\"']?\b(?:ts|t|\w*(?:time|stamp|created|updated|modified|date|epoch|_at|since|expires?))"
        r"[\"']?\s*[:=]\s*(?P<value>1\d{9}(?:\d{3})?(?:\.\d+)?)(?![\d.])",
        "<TIMESTAMP>",
    ),
    _r(  # a bare epoch value (s, ms, us, ns) from about 2020 to 2033: dynamic only
        # when the two runs' values are near each other or near the clock (see .dynamic)
        "epoch-bare",
        r"(?<![\w.:/+-])(?P<value>1[6-9]\d{8}(?:\d{3}|\d{6}|\d{9})?(?:\.\d{1,9})?)(?![\w.:/-])",
        "<TIMESTAMP>",
    ),
    _r("date", r"\b\d{4}([-/])(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])\b", "<DATE>"),
    _r(  # not inside colon-separated hex (a MAC address 02:42:ac:11:00:02)
        "time",
        r"(?<![0-9A-Fa-f]:)\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?\b(?!:[0-9A-Fa-f])",
        "<TIME>",
    ),
    _r(  # the same with a fraction of a second (no MAC address has one) after a number
        # and a colon: grep -n's line number, a counter
        "time-after-number",
        r"(?<=\d:)(?<![0-9A-Fa-f]:\d:)(?<![0-9A-Fa-f]:\d\d:)\d{1,2}:\d{2}:\d{2}[.,]\d{3,9}\b"
        r"(?!:[0-9A-Fa-f])",
        "<TIME>",
    ),
    # identifiers
    _r(
        "uuid",
        r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b",
        "<UUID>",
    ),
    _r("address", r"\b0x[0-9a-fA-F]{6,16}\b", "<ADDR>"),
    # a thread's ident (pthread_t) is a pointer: 0x7f.. in decimal, 15 digits
    _r("thread-ident", r"(?<![\w.])(?P<value>1(?:39[6-9]|40[0-7])\d{11})(?![\w.])", "<ADDR>"),
    _r("tmppath-macos", r"(?:/private)?/var/folders/[\w+-]+/[\w+-]+/T(?:/[^/\s'\":,;)\]]+)?",
       "<TMPPATH>"),
    _r("tmppath-pytest", r"/tmp/pytest-of-[^/\s'\"]+/pytest-\d+", "<TMPPATH>"),
    _r(  # an entry of /tmp named as mktemp (tmp.XXXXXXXXXX, or a template's
        # name.XXXXXX), Python's tempfile (tmpXXXXXXXX, prefixXXXXXXXXsuffix), pip, Go
        # or Java (prefix1234567890) name them; dynamic only where it differs in its random run (see .dynamic)
        "tmppath",
        r"/(?:var/)?tmp/(?:(?:tmp|pip-|pymp-|ssh-)[^/\s'\":,;)\]<>]+"
        r"|[\w.-]*?[._-](?=[A-Za-z0-9]*(?:[0-9][A-Za-z]|[A-Za-z][0-9]|[a-z][A-Z]|[A-Z][a-z]))"
        r"[A-Za-z0-9]{6,12}(?![A-Za-z0-9])[^/\s'\":,;)\]<>]*"
        # Go's os.MkdirTemp/CreateTemp and Java's createTempFile: a prefix, then a
        # random decimal number
        r"|[A-Za-z][\w.-]*?(?<![0-9])[0-9]{9,20}(?![A-Za-z0-9])[^/\s'\":,;)\]<>]*)",
        "<TMPPATH>",
    ),
    _r(  # the name alone of an entry mktemp or Python's tempfile made (namei, ls),
        # with the suffix of mktemp --suffix or tempfile's suffix=
        "tmpname",
        r"(?<![\w./-])(?:tmp\.[A-Za-z0-9]{10}|tmp[a-z0-9_]{8})(?:\.[A-Za-z0-9]{1,8})?(?![\w.-])",
        "<TMPPATH>",
    ),
    _r(  # a random token (base64, URL-safe base64): upper and lower case letters, no
        # path; dynamic only where both values look random (see .dynamic)
        "token-random",
        r"(?<![\w+/.~$%-])(?=[A-Za-z0-9_+/-]*[a-z])(?=[A-Za-z0-9_+/-]*[A-Z])"
        r"[A-Za-z0-9+_-][A-Za-z0-9_+/-]{15,}={0,2}(?![\w+/=])",
        "<TOKEN>",
    ),
    # before the hex rules: a container's hostname is its short id
    _r("host", r"(?i)\bhost(?:name)?\s*[:=]\s*(?P<value>[A-Za-z0-9][\w.-]*)", "<HOST>"),
    _r("container-id-table", r"(?m)^(?P<value>[0-9a-f]{12})(?=\s{2,}\S)", "<CONTAINER_ID>"),
    _r(
        "container-id",
        r"(?i)\bcontainer(?:\s+id)?[:=]?\s+(?P<value>[0-9a-f]{12}(?:[0-9a-f]{52})?)\b",
        "<CONTAINER_ID>",
    ),
    _r("container-hostname", r"\b\w+@(?P<value>[0-9a-f]{12}):", "<CONTAINER_ID>"),
    _r("git-commit", r"\bcommit\s+(?P<value>[0-9a-f]{7,40})\b", "<HASH>"),
    _r("git-branch-commit", r"\[[^\]\s]+(?: \(root-commit\))? (?P<value>[0-9a-f]{7,40})\]",
       "<HASH>"),
    _r("git-merge", r"\bMerge:\s+(?P<value>[0-9a-f]{7,40}\s+[0-9a-f]{7,40})\b", "<HASH>"),
    _r("git-range", r"\b[0-9a-f]{7,40}\.\.\.?[0-9a-f]{7,40}\b", "<HASH>"),
    # git show-ref, for-each-ref, ls-remote: an object name before a ref, even all digits
    _r("git-ref", r"(?m)^(?P<value>[0-9a-f]{7,40})\s+refs/", "<HASH>"),
    _r("git-head", r"\bHEAD is now at (?P<value>[0-9a-f]{7,40})\b", "<HASH>"),
    _r("digest", r"(?i)\b(?:sha1|sha224|sha256|sha384|sha512|md5)[:=](?P<value>[0-9a-f]{16,128})\b",
       "<HASH>"),
    _r(
        # hex with at least one digit and one letter; not a checksum tool's own line
        # ("<hex>  file") nor a value the output calls a checksum ("SHA-256 checksum
        # <hex>"): a checksum is a function of its input, and is compared.
        "hash",
        r"(?<![\w./])(?<!(?i:checksum) )(?<!(?i:checksum):)(?<!(?i:checksum): )(?<!(?i:checksum)=)"
        r"(?!(?<![^\n])[0-9a-f]{32,128}(?:  | \*)\S)"
        r"(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,64}(?!\w)",
        "<HASH>",
    ),
    _r(  # the same in upper case (key ids, fingerprints), at least 16 digits long
        "hash-upper",
        r"(?<![\w./])(?=[0-9A-F]*\d)(?=[0-9A-F]*[A-F])[0-9A-F]{16,64}(?!\w)",
        "<HASH>",
    ),
    # processes and files
    # (cpid, lpid: the creator's and the last user's pid, ipcs; a parent's, a session's)
    _r("pid", r"(?i)\b(?:[a-z]{0,2}pid|tid|lwp|process id|parent id|session id)[\"']?\s*[:=#]?\s*"
       r"(?P<value>\d+)\b", "<PID>"),
    # a process, a kernel thread (LWP) or a session by number, of two digits or more
    # and not before a plural noun ("process 12 files" counts): gdb, setsid, ps; in
    # brackets too (a server's "Started server process [1234]")
    _r("pid-word", r"(?i)\b(?:process|lwp|session)\s+\[?(?P<value>\d{2,})\b(?![.,]\d)"
       r"(?!\s+[a-z]+s\b)", "<PID>"),
    # pstree -p, killall -v: name(pid) in a tree or after "Killed"
    _r("pid-tree", r"(?m)(?:^\s*(?=[\w.:{}-]+\(\d+\)-[-+]-)|[-+|`]-|\bKilled\s+)[\w.:{}-]+"
       r"\((?P<value>\d+)\)(?=-[-+]-|\s*$|\s+with signal)", "<PID>"),
    # RFC 5424 syslog: <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID (logger --rfc5424)
    _r("pid-rfc5424", r"(?m)^<\d{1,3}>1 \S+ \S+ \S+ (?P<value>\d+) \S+ ", "<PID>"),
    # valgrind's tools prefix every line with ==pid== (--pid-- for their own messages)
    _r("pid-valgrind", r"(?m)^(?:==|--)(?P<value>\d+)(?:==|--)", "<PID>"),
    # System V IPC ids: the kernel allocates them, as it does pids (ipcmk, ipcs)
    _r("ipc-id", r"(?i)\b(?:shmid|semid|msqid|(?:shared memory|semaphore|message queue) id)"
       r"\s*[:=]?\s*(?P<value>\d+)\b", "<IPC_ID>"),
    _r("pid-after", r"(?i)\b(?P<value>\d+)\s+\((?:process id|pid)\)", "<PID>"),
    _r("pid-syslog", r"(?<=[\w)])\[(?P<value>\d+)\]:", "<PID>"),
    # gunicorn and Python servers: "[2024-...] [1234] [INFO] Booting worker"
    _r("pid-level", r"\[(?P<value>\d+)\] \[(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL)\]", "<PID>"),
    # bash's job lines: "[1] 12345" when started, "[1]+ 12345 Running ..." (jobs -l)
    _r("pid-job", r"(?m)^\[\d+\](?:\s+|[+-]\s+)(?P<value>\d+)(?:$|\s+(?=[A-Z][a-z]+\b))",
       "<PID>"),
    _r("inode", r"(?i)\binode[:=]?\s*(?P<value>\d+)\b", "<INODE>"),
    _r("inode-ls", r"(?m)^\s*(?P<value>\d+)\s(?=\s*[-dlcbps][rwxsStT-]{9}[.+@]?\s)", "<INODE>"),
    _r("load-average",
       r"\bload averages?:\s*(?P<value>\d+[.,]\d+,?\s+\d+[.,]\d+,?\s+\d+[.,]\d+)", "<LOAD>"),
    # /proc/loadavg: three load figures, running/total tasks, the last PID
    _r("load-proc", r"(?m)^\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+/\d+ \d+$", "<LOAD>"),
    _r(  # top's summary lines (in their own words): task counts, CPU shares, memory
        "top-summary",
        r"(?m)^(?:Tasks|%Cpu(?:\(s\)|\d+)|[KMGTPE]iB Mem |[KMGTPE]iB Swap):(?P<value>"
        r" *\d+ total, *\d+ running, *\d+ sleeping, *\d+ stopped, *\d+ zombie"
        r"| *[\d.]+ us, *[\d.]+ sy, .*| *[\d.]+ total, *[\d.]+ free, *[\d.]+ used[,.] .*)$",
        "<METRIC>",
    ),
    _r(  # /proc/meminfo and /proc/<pid>/status: what is in use moves between runs (the
        # totals are the machine's, kept)
        "memory-kb",
        r"(?m)^(?:Mem(?!Total)\w+|Swap(?!Total)\w+|Vm\w+|Rss\w+|Cached|Buffers|Active\S*"
        r"|Inactive\S*|Dirty|Writeback\w*|AnonPages|Mapped|Shmem\w*|Slab|SReclaimable"
        r"|SUnreclaim|KReclaimable|KernelStack|PageTables|Committed_AS|Percpu):\s+"
        r"(?P<value>\d+) kB$",
        "<MEMORY>",
    ),
    _r(  # GNU time -v: figures whose key names what moves from run to run
        "time-v-report",
        r"(?m)^\s*(?:User time \(seconds\)|System time \(seconds\)|Percent of CPU this job got"
        r"|Elapsed \(wall clock\) time \([^)\n]*\)|(?:Maximum|Average) resident set size \(kbytes\)"
        r"|(?:Major|Minor) \([^)\n]*\) page faults|(?:Voluntary|Involuntary) context switches"
        r"|File system (?:inputs|outputs)):\s(?P<value>\d[\d.:]*%?)$",
        "<METRIC>",
    ),
    _r(  # GNU time's default report: times, CPU share, memory and page faults of a run
        "time-default-report",
        r"(?m)^(?P<value>\d+\.\d+user \d+\.\d+system (?:\d+:)?\d+:\d+(?:\.\d+)?elapsed \d+%CPU"
        r" \(\d+avgtext\+\d+avgdata \d+maxresident\)k"
        r"|\d+inputs\+\d+outputs \(\d+major\+\d+minor\)pagefaults \d+swaps)$",
        "<METRIC>",
    ),
    _r(  # the kernel's log (dmesg): seconds since boot, to the microsecond
        "uptime-stamp",
        r"(?m)^\[(?P<value>\s*\d+\.\d{6})\]",
        "<DURATION>",
    ),
    _r(  # a random seed a test runner or a simulation prints (pytest-randomly,
        # hypothesis): drawn anew each run unless it was given
        "seed",
        r"(?i)\b(?:random(?:ly)?[ _-]?)?seed\b[\"']?\s*[:=]?\s*(?P<value>\d{4,20})\b",
        "<SEED>",
    ),
    _r(  # memory in use after a key that says so (node's memoryUsage, a tool's report)
        "memory-figure",
        r"(?i)\b(?:rss|max[ _]?rss|heap[ _]?(?:used|total)|mem(?:ory)?[ _]?(?:used|usage))"
        r"\s*[:=]\s*(?P<value>\d+(?:\.\d+)?)\s?(?:[KMGT]i?B|kB|bytes|B)?(?![\w.])",
        "<MEMORY>",
    ),
    _r(  # a CPU or memory share after its key (docker stats --format, monitors)
        "usage-percent",
        r"(?i)\b(?:cpu|mem|memory)(?:[ _]?(?:perc(?:ent)?|usage|%))?\s*[:=]\s*"
        r"(?P<value>\d+(?:\.\d+)?%)",
        "<METRIC>",
    ),
    _r(
        "token-context",
        r"(?i)\b(?:token|nonce|salt|secret|session|csrf|api[_-]?key)[\w-]*[\"']?\s*[:=]\s*[\"']?"
        r"(?P<value>(?=[\w+/-]*\d)[\w+/-]{12,}={0,2})",
        "<TOKEN>",
    ),
    # network
    _r("ip-port", rf"(?<![\w.]){_IPV4}(?=:\d|/\d)", "<IP>"),
    _r(
        "ip",
        rf"(?i)\b(?:inet|addr|address|ip|src|dst|server|peer|client|remote|gateway|nameserver)"
        rf"\b(?:[:=]|\s)+(?P<value>{_IPV4})",
        "<IP>",
    ),
    _r("ip-url", rf"(?<=://){_IPV4}|(?<=@){_IPV4}", "<IP>"),
    _r("ipv6", r"(?i)\binet6\s+(?P<value>[0-9a-f:]*:[0-9a-f:]+)", "<IP>"),
    _r(
        "port",
        rf"(?:<IP>|<HOST>|localhost|\d+\.\d+\.\d+\.\d+|\]|\b[a-z0-9-]+(?:\.[a-z0-9-]+)+)"
        rf":(?P<value>{_EPHEMERAL_PORT})",
        "<PORT>",
    ),
    # a socket's address as Python prints it: laddr=('127.0.0.1', 46897)
    _r("port-tuple", rf"\('(?:[\d.]+|[0-9a-fA-F:]*:[0-9a-fA-F:]*|localhost)',\s*(?P<value>{_EPHEMERAL_PORT})",
       "<PORT>"),
    _r("port-word", rf"(?i)\bport\s*[:=]?\s*(?P<value>{_EPHEMERAL_PORT})", "<PORT>"),
    # time spans
    _r(  # summary statistics of a measured time (ping: rtt min/avg/max/mdev = a/b/c/d ms)
        "time-statistics",
        r"(?i)\b(?:min|avg|max|mdev|stddev|mean|median)(?:/(?:min|avg|max|mdev|stddev|mean"
        r"|median))+\s*=\s*(?P<value>\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+)\s?(?:ms|s|us|ns)\b",
        "<DURATION>",
    ),
    # a unit in brackets after the figure (ApacheBench: 0.810 [ms], 1234.56 [#/sec])
    _r("duration-bracketed", r"\b\d+(?:\.\d+)?\s+\[(?:ms|s|us|ns|sec|seconds)\]", "<DURATION>"),
    _r("rate-bracketed", r"\b\d+(?:\.\d+)?\s+\[[^\]\n/]{1,12}/s(?:ec)?\]", "<RATE>"),
    _r("duration-compound",
       r"\b(?:\d+h\s?\d+m(?:\s?\d+(?:\.\d+)?s)?|\d+m\s?\d+(?:\.\d+)?s)\b",
       "<DURATION>"),
    # (with thousands separators too: 1,234.5 ms; in scientific notation: dd's 3.1e-05 s)
    _r("duration-decimal",
       rf"\b(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+(?:[eE][+-]?\d+)?|[eE]-\d+)\s?{_TIME_UNIT}\b",
       "<DURATION>"),
    _r("duration-subsecond",
       r"\b(?:\d{1,3}(?:,\d{3})+|\d+)\s?(?:ns|us|µs|μs|ms|nsec|usec|msec"
       r"|(?:micro|milli|nano)seconds?)\b", "<DURATION>"),
    # ISO 8601 durations (Java's Duration): PT0.123S, PT1M2.5S; and Go's monotonic clock
    # reading after a time (m=+0.000123456)
    _r("duration-iso", r"\bPT(?:\d+H)?(?:\d+M)?\d+(?:\.\d+)?S\b", "<DURATION>"),
    _r("go-monotonic", r"(?<=\s)m=(?P<value>[+-]\d+\.\d+)\b", "<DURATION>"),
    _r(
        "duration-context",
        r"(?i)\b(?:took|elapsed|duration|time|real|user|sys|up|eta|after|in)[:=]?\s+"
        r"(?P<value>\d+\s?(?:s|sec|secs|seconds?|min|mins|minutes?|h|hours?|d|days?))\b",
        "<DURATION>",
    ),
    # time -p, and bash's time with TIMEFORMAT=%P: "real 0.02" on a line of its own
    _r("duration-posix", r"(?m)^(?:real|user|sys)\s+(?P<value>\d+[.,]\d+)$", "<DURATION>"),
    _r("duration-ago", rf"\b(?P<value>{_HUMAN_SPAN})\s+ago\b", "<DURATION>"),
    _r("duration-up", rf"\bUp\s+(?P<value>{_HUMAN_SPAN})", "<DURATION>"),
    _r(  # git's transfer summary appears only when a transfer took long enough
        "git-throughput",
        r"(?P<value>, \d+(?:\.\d+)? (?:bytes|[KMG]iB) \| \d+(?:\.\d+)? (?:bytes|[KMG]iB)/s)"
        r"(?=, done)",
        "",
    ),
    _r("rate", r"\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\s?(?:[KMGTP]i?B|[kKMGT]?B|bytes|it|items)/s(?:ec)?\b"
       r"|\b\d+(?:\.\d+)?\s?(?:[KMGTP]i?B|[kKMGT]?B|bytes|it|items)/s(?:ec)?\b", "<RATE>"),
    # a rate in any unit per second: 2.21 M loops/s, 120 req/s, 35.2 kops/sec
    _r("rate-word", r"\b\d+(?:\.\d+)?\s?(?:[kKMGT]\s)?[A-Za-z]{2,12}/(?:s|sec|second)\b",
       "<RATE>"),
    _r(  # the profile/cProfile table (pstats): tottime, percall, cumtime, percall of a
        # row; the call counts and the functions are data
        "pstats-row",
        r"(?m)^\s*\d+(?:/\d+)?(?P<value>(?:\s+\d+\.\d{3}){4})\s+\S*:\d+\(.*\)$",
        "<DURATION>",
    ),
    _r(  # perl's Benchmark: " 1 wallclock secs ( 0.69 usr +  0.04 sys =  0.73 CPU) @ 27397.26/s"
        # and TAP::Harness (prove): "... ( 0.01 usr  0.00 sys +  0.02 cusr  0.01 csys =  0.04 CPU)"
        "perl-benchmark",
        r"(?P<value>-?\d+\s+wallclock secs\s+\([^()\n]*\bCPU\)(?:\s+@\s+\d+(?:\.\d+)?/s)?)",
        "<DURATION>",
    ),
    *(_r(*spec) for spec in CLOCK_RULE_SPECS),  # real/user/sys clocks side by side
    _r(  # a key that names a time and its unit, then the figure: "# duration_ms 395.36"
        "duration-unit-key",
        r"(?i)\b(?:duration|elapsed|latency|runtime|wall_?time|time)_(?:ms|s|secs?|seconds|us|ns)"
        r"\s+(?P<value>\d+(?:\.\d+)?)(?![\d.])",
        "<DURATION>",
    ),
    _r(  # a number without a unit after a key that names a time taken (curl -w ...)
        "duration-key",
        r"(?i)\b(?:elapsed|duration|latency|runtime|uptime|wall_?time"
        r"|time_(?:total|taken|spent|elapsed))\w*(?:\s(?:s|secs?|seconds|ms))?[\"']?\s*[:=]\s*"
        r"[\"']?(?P<value>\d+(?:\.\d+)?)(?![\d.])",
        "<DURATION>",
    ),
    *(_r(*spec) for spec in LOG_RULE_SPECS),  # servers' and loggers' spans, ports
    # progress displays
    _r(  # curl's meter: the speeds and times of a row, with the padding before them
        # (they are right-aligned); the sizes and percentages are data
        "progress-curl",
        r"(?m)^ *\d{1,3} +\d+(?:\.\d)?[kMGTP]? +\d{1,3} +\d+(?:\.\d)?[kMGTP]? +\d{1,3} +"
        r"\d+(?:\.\d)?[kMGTP]?(?P<value> +\d+(?:\.\d)?[kMGTP]? +\d+(?:\.\d)?[kMGTP]?"
        r"(?: +(?:--:--:--|\d+:\d\d:\d\d)){3} +\d+(?:\.\d)?[kMGTP]?)$",
        "<PROGRESS>",
    ),
    _r(  # tqdm's time spent and left, before its rate: [00:01<00:02, 45.2it/s]
        "progress-eta",
        r"\[(?P<value>(?:\d+:)?\d\d:\d\d<(?:(?:\d+:)?\d\d:\d\d|\?))(?=, (?:[^\]]*/\w+|<RATE>)\])",
        "<DURATION>",
    ),
    _r("progress-bar", r"[█▉▊▋▌▍▎▏━─═■□░▒▓╸╺╾]{3,}|\[[=#>\-. ]{5,}\]", "<PROGRESS>"),
    _r("spinner", r"[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏⣾⣽⣻⢿⡿⣟⣯⣷]", "<SPINNER>"),
)

#: Placeholders that stand for identities: when one value appears twice in the
#: expected output, the actual output must repeat its counterpart too.
IDENTITY_PLACEHOLDERS = frozenset({"<UUID>", "<HASH>", "<CONTAINER_ID>", "<TMPPATH>", "<PID>",
                                   "<TOKEN>"})
