"""The default rules run only on the lines that can match them.

A regex pass over the whole output costs Python's ``re`` tens of milliseconds per MB
even when nothing matches, and there are over forty default rules. Every default rule
is line-local (it never matches across a line break, see ``rules._within_lines``), so
a rule's result on the whole text is its result on each line. Each rule has *needles*
here: plain byte strings (or a short regex) of which every match of the rule on an
ASCII line contains at least one. Needles are searched in the UTF-8 bytes of the
output and in same-length translations of it (``bytes.translate``): digits as ``0``,
whitespace as a space and letters in lower case (``-00t00:00`` finds every ISO
timestamp); hex digits as ``\\x01``; lower case. An absent needle costs one
``bytes.find``. The rule then runs once over just the lines with a needle (joined, so
in one ``re`` call), and over lines with a character the byte needles cannot speak for
(a digit or a space that is not ASCII, a letter that matches an ASCII one when case
is ignored; other characters beyond ASCII have needles of their own). Replacements
keep their order (rule by rule, and in text order within a rule), so the result is
exactly that of running every rule over the whole text (``tests/verify`` checks it).

Long outputs are handled in slices of whole lines (about a megabyte each), so the
extra buffers stay small. Within a slice each distinct line is normalized once, and a
:class:`LineMemo` carries lines from slice to slice and between the two outputs of a
comparison (``compare.py`` gives it the lines both share): a line a regression test's
two runs have in common costs one dictionary look-up. Which lines hold a needle is
found in C (``finditer`` and a bisection among the line ends, mapped), never with
Python code per hit or per line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence, Set
from dataclasses import dataclass
from itertools import repeat

from .log_rules import LOG_NEEDLES
from .process_clocks import CLOCK_NEEDLES
from .rules import DEFAULT_RULES, Replacement, Rule

__all__ = ["NEEDLES", "LineMemo", "apply_line_rules", "normalize_lines"]

# Below this many characters the rules simply run over the whole text.
SMALL_TEXT = 16_384
# Characters per slice of a long output (cut at the next line break).
SLICE_CHARS = 1_000_000
# Share of the lines above which a rule runs over the whole slice.
DENSE_SHARE = 0.9
# Characters of distinct lines a LineMemo keeps at most.
MEMO_CHARS = 32_000_000


@dataclass(frozen=True)
class Needle:
    """One needle: ``text`` searched in the buffer ``view`` (``raw``, ``digits``,
    ``hex``, ``hexcase``, ``lower``); ``regex`` when it is a pattern, not a string.
    The view ``chars`` means any character of ``text`` (UTF-8), in lines that are not
    ASCII."""

    view: str
    text: bytes
    regex: bool = False
    #: a string every match of the pattern holds: without it in the view, no search
    prefix: bytes = b""


_PATTERNS: dict[bytes, re.Pattern[bytes]] = {}
_NEWLINE = re.compile(b"\n")
_START = re.Match.start


def _compiled(text: bytes) -> re.Pattern[bytes]:
    if text not in _PATTERNS:
        _PATTERNS[text] = re.compile(text)
    return _PATTERNS[text]


def _lits(view: str, *texts: str) -> tuple[Needle, ...]:
    return tuple(Needle(view, t.encode()) for t in texts)


def _rx(view: str, text: str, holds: str = "") -> tuple[Needle, ...]:
    return (Needle(view, text.encode(), regex=True, prefix=holds.encode()),)


def _chars(chars: str) -> Needle:
    """Any of ``chars`` (which are not ASCII): looked for in the lines that are not."""
    return Needle("chars", chars.encode())


_MONTHS = _lits("raw", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                "Oct", "Nov", "Dec")
_HEX7 = "\x01" * 7
# In the "digits" view every ASCII digit is 0, every whitespace but \n a space and
# every ASCII letter lower case.
NEEDLES: dict[str, tuple[Needle, ...]] = {
    "timestamp-rfc2822": _MONTHS,
    "timestamp-ctime": _lits("raw", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "timestamp-iso8601": _lits("digits", "-00t00:00", "-00 00:00"),
    "timestamp-slashed": _lits("digits", "/00 00:00:00", "/00t00:00:00"),
    "timestamp-clf": _MONTHS,
    "timestamp-ls": _MONTHS,
    "timestamp-day-month": _MONTHS,
    "timestamp-compact": _lits("digits", "00000000t000000", "00000000-000000",
                               "00000000_000000"),
    "timestamp-numeric": _rx("digits", r"[/.]0000,? 0{1,2}:00", holds=":00"),
    "timestamp-month-comma": _lits("digits", ", 0000"),
    # four byte groups in a row, of two or of four hex digits
    "hex-dump-run": _lits("hexcase", "\x01\x01 \x01\x01 \x01\x01 \x01\x01",
                          "\x01" * 4 + " " + "\x01" * 4 + " " + "\x01" * 4),
    "timestamp-month-first": _MONTHS,
    "timestamp-epoch": _lits("digits", "0" * 10),
    "epoch-bare": _lits("digits", "0" * 10),
    "date": _lits("digits", "0000-00-00", "0000/00/00"),
    "time": _lits("digits", ":00:00"),
    "time-after-number": _rx("digits", r"0:00:00:00[.,]000", holds=":00:00:00"),
    "uuid": _lits("hexcase", "\x01" * 8 + "-" + "\x01" * 4 + "-"),
    "address": _lits("raw", "0x"),
    "tmppath-macos": _lits("raw", "/var/folders/"),
    "tmppath-pytest": _lits("raw", "/tmp/pytest-of-"),
    "tmppath": _lits("raw", "/tmp/"),
    "tmpname": _lits("raw", "tmp"),
    # an upper case letter in a run of sixteen characters of a token: k of them before
    # it and 15 - k after, for some k (in the "token" view \x01 is a lower case letter,
    # \x02 an upper case one, \x03 a digit or +/_-); found from the letter, which is fast
    "token-random": _rx("token", "\x02(?:" + "|".join(
        (f"(?<=[\x01-\x03]{{{k}}}\x02)" if k else "") + f"(?=[\x01-\x03]{{{15 - k}}})"
        for k in range(16)) + ")"),
    "host": _lits("lower", "host"),
    "container-id-table": _lits("hex", "\n" + "\x01" * 12),
    "container-id": _lits("lower", "container"),
    "container-hostname": _lits("hex", "@" + "\x01" * 12 + ":"),
    "git-commit": _lits("raw", "commit"),
    "git-branch-commit": _lits("hex", _HEX7 + "]"),
    "git-merge": _lits("raw", "Merge:"),
    "git-range": _lits("hex", "\x01.."),
    "git-ref": _lits("raw", " refs/", "\trefs/"),
    "git-head": _lits("raw", "HEAD is now at "),
    "digest": _lits("lower", "sha", "md5"),
    "fingerprint": _lits("lower", "fingerprint", "serial"),
    "fingerprint-colon": _lits("hexcase", "\x01\x01:\x01\x01:\x01\x01:\x01\x01:"),
    "hex-bytes-line": _lits("hexcase", "\x01\x01:\x01\x01:\x01\x01:\x01\x01:"),
    "hash": _lits("hex", _HEX7),
    "hash-upper": _lits("hexcase", "\x01" * 16),
    "pid": _lits("lower", "pid", "tid", "lwp", "process id", "parent id", "session id"),
    "pid-word": _rx("digits", r"(?:process|lwp|session) +\[?00", holds="00"),
    # a tree's branches (-+-, ---, |-, `-) or killall's "Killed"
    "pid-tree": _lits("raw", "-+-", "--", "|-", "`-", "Killed"),
    "pid-valgrind": _rx("digits", r"\n(?:==|--)0+(?:==|--)", holds="0"),
    "pid-rfc5424": _rx("digits", r"\n<0{1,3}>0 ", holds=">0 "),
    "ipc-id": _lits("lower", "shmid", "semid", "msqid", "memory id", "semaphore id",
                    "queue id"),
    "pid-after": _lits("lower", "(process id)", "(pid)"),
    "pid-syslog": _lits("digits", "0]:"),
    "pid-level": _rx("digits", r"0\] \[(?:debug|info|warn|error|critical)", holds="0] ["),
    "pid-job": _lits("digits", "\n[0"),
    "duration-iso": _lits("raw", "PT"),
    "duration-bracketed": _lits("raw", "[ms]", "[s]", "[us]", "[ns]", "[sec]", "[seconds]"),
    "rate-bracketed": _lits("raw", "/sec]", "/s]"),
    "time-statistics": _lits("lower", "min/", "avg/", "mean/", "median/", "max/"),
    "go-monotonic": _lits("raw", "m=+", "m=-"),
    "inode": _lits("lower", "inode"),
    # a number, then an ls mode string (letters are lower case in this view)
    "inode-ls": _rx("digits", r"0 +[-dlcbps][r-][w-]"),
    "load-average": _lits("lower", "load average"),
    "load-proc": _rx("digits", r"\.00 0+/0+ 0", holds="0/0"),
    "memory-kb": _lits("lower", " kb"),
    "top-summary": _lits("raw", "Tasks:", "%Cpu", "iB Mem :", "iB Swap:"),
    "time-v-report": _lits("raw", "time (seconds):", "this job got:", "wall clock",
                           "resident set size", "page faults:", "context switches:",
                           "File system "),
    "memory-figure": _lits("lower", "rss", "heap", "mem"),
    "usage-percent": _lits("raw", "%"),
    "thread-ident": _lits("digits", "0" * 15),
    "token-context": _lits("lower", "token", "nonce", "salt", "secret", "session", "csrf",
                           "api"),
    "ip-port": _rx("digits", r"\.0{1,3}\.0{1,3}[:/]0"),
    "ip": _rx("digits", r"\.0{1,3}\.0{1,3}\.0"),
    "ip-url": _lits("raw", "://", "@"),
    "ipv6": _lits("lower", "inet6"),
    "port": _lits("digits", ":00000"),
    "port-tuple": _lits("raw", "', "),
    "port-word": _lits("lower", "port"),
    "duration-compound": _lits("digits", "0h0", "0m0", "0h 0", "0m 0"),
    # a decimal number, then a unit: ns, us, ms, s, sec.., min.., h.. (or µs, μs)
    "duration-decimal": (*_rx("digits", r"0\.0+ ?[numsh]|0e[-+]?0+ ?[numsh]"), _chars("µμ")),
    "duration-subsecond": (*_lits("digits", "0ns", "0 ns", "0us", "0 us", "0ms", "0 ms",
                                  "0micro", "0 micro", "0milli", "0 milli", "0nano",
                                  "0 nano"),
                           _chars("µμ")),
    # the units s, sec.., min.., h.., d..: "ms" and "MB" are not among them
    "duration-context": _lits("digits", "0s", "0 s", "0mi", "0 mi", "0h", "0 h", "0d",
                              "0 d"),
    "duration-posix": _lits("digits", "\nreal ", "\nuser ", "\nsys "),
    "duration-ago": _lits("raw", "ago"),
    "duration-up": _lits("raw", "Up"),
    "git-throughput": _lits("raw", "/s, done"),
    "rate": _lits("raw", "/s"),
    "time-default-report": _lits("raw", "elapsed ", "pagefaults "),
    "uptime-stamp": _rx("digits", r"\n\[ *0+\.000000\]", holds=".000000]"),
    "seed": _lits("lower", "seed"),
    "rate-word": _lits("raw", "/s"),
    "pstats-row": _rx("digits", r"0\.000 +0\.000 +0\.000 +0\.000", holds="0.000"),
    "perl-benchmark": _lits("raw", "wallclock secs"),
    "duration-unit-key": _lits("lower", "duration_", "elapsed_", "latency_", "runtime_",
                               "time_"),
    "duration-key": _lits("lower", "elapsed", "duration", "latency", "runtime", "uptime",
                          "wall", "time_"),
    # a time field ("--:--:--", or h:mm:ss followed by the next field)
    "progress-curl": (*_lits("raw", "--:--:--"),
                      *_rx("digits", r":00:00 +[-0]", holds=":00:00 ")),
    "progress-eta": _lits("digits", "00:00<"),
    "progress-bar": (*_rx("raw", r"\[[=#>\-. ]{5}"), _chars("█▉▊▋▌▍▎▏━─═■□░▒▓╸╺╾")),
    "spinner": (_chars("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏⣾⣽⣻⢿⡿⣟⣯⣷"),),
}
NEEDLES.update({name: tuple(needle for spec in specs
                            for needle in (_rx(*spec) if len(spec) == 3 else _lits(*spec)))
                for name, specs in LOG_NEEDLES.items()})
NEEDLES.update({name: _rx(view, text, holds) for name, (view, text, holds) in CLOCK_NEEDLES.items()})
# A further needle some rules need on the same line (both must be there).
ALSO_NEEDED: dict[str, tuple[Needle, ...]] = {
    # whitespace, then the number of "took 5 s": a digit right after the whitespace
    "duration-context": _lits("digits", " 0"),
    # the key before the address
    "ip": _lits("lower", "inet", "addr", "ip", "src", "dst", "server", "peer", "client",
                "remote", "gateway"),
}

_UNICODE_LOOKALIKE = re.compile(r"[^\x00-\x7f](?<=[\d\s\u017f\u0130\u0131\u212a])")
_WHITESPACE = b"\t\x0b\x0c\r\x1c\x1d\x1e\x1f "
_UPPER = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGITS_VIEW = bytes.maketrans(b"0123456789" + _WHITESPACE + _UPPER,
                               b"0" * 10 + b" " * len(_WHITESPACE) + _UPPER.lower())
_HEX_VIEW = bytes.maketrans(b"0123456789abcdef", b"\x01" * 16)
_HEXCASE_VIEW = bytes.maketrans(b"0123456789abcdefABCDEF", b"\x01" * 22)
_TOKEN_VIEW = bytes.maketrans(
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/_-",
    b"\x01" * 26 + b"\x02" * 26 + b"\x03" * 14)


class _Slice:
    """The byte views of one slice of lines, made on first use."""

    def __init__(self, lines: list[str]) -> None:
        self.raw = ("\n" + "\n".join(lines)).encode("utf-8", errors="surrogatepass")
        self._views: dict[str, bytes] = {"raw": self.raw}
        self._lines: dict[Needle, list[int]] = {}
        self._ends: list[int] | None = None
        # Lines where a rule may match through a character the byte needles do not
        # stand for: a digit or whitespace that is not ASCII, or a letter that matches
        # an ASCII one when case is ignored (K as the Kelvin sign, long s, dotted I).
        self.lines = lines
        self.non_ascii = [] if self.raw.isascii() else [
            i for i, line in enumerate(lines) if not line.isascii()]
        self.unicode = [i for i in self.non_ascii if _UNICODE_LOOKALIKE.search(lines[i])]

    def view(self, name: str) -> bytes:
        if name not in self._views:
            if name == "digits":
                self._views[name] = self.raw.translate(_DIGITS_VIEW)
            elif name == "hex":
                self._views[name] = self.raw.translate(_HEX_VIEW)
            elif name == "hexcase":
                self._views[name] = self.raw.translate(_HEXCASE_VIEW)
            elif name == "token":
                self._views[name] = self.raw.translate(_TOKEN_VIEW)
            else:
                self._views[name] = self.raw.lower()  # ASCII letters only
        return self._views[name]

    def lines_with(self, needle: Needle) -> list[int]:
        """Indexes of the lines holding ``needle``."""
        if needle not in self._lines:
            self._lines[needle] = self._find(needle)
        return self._lines[needle]

    def _find(self, needle: Needle) -> list[int]:
        if needle.view == "chars":
            chars = re.compile("[" + re.escape(needle.text.decode()) + "]")
            return [i for i in self.non_ascii if chars.search(self.lines[i])]
        view = self.view(needle.view)
        if view.find(needle.prefix if needle.regex else needle.text) < 0:
            return []  # the common case, at the speed of a substring search
        # The needle and the rest of its line, so the next search starts on the next
        # line; each hit's line is found by bisection among the line ends. All of it
        # runs in C (map over the iterator): no Python per hit.
        text = needle.text if needle.regex else re.escape(needle.text)
        hits = map(_START, _compiled(text + b"[^\n]*").finditer(view))
        return list(map(bisect_right, repeat(self.ends), hits))

    @property
    def ends(self) -> list[int]:
        """The offsets in the views of the newline ending each line but the last. A
        hit at offset ``p`` is on line ``bisect_right(ends, p)``; for a needle that
        starts with the newline before its line, that line too."""
        if self._ends is None:
            self._ends = list(map(_START, _NEWLINE.finditer(self.raw, 1)))
        return self._ends


# What each line became, and what was replaced in it: (rule index, replacement).
LineResult = tuple[str, tuple[tuple[int, Replacement], ...]]


class LineMemo:
    """What the rules made of each distinct line already seen, so a line that repeats
    (in one output, or in both outputs of a comparison) is normalized once. Keeps only
    the lines in ``wanted`` (when given: say, the lines two outputs share), and at most
    ``limit`` characters of lines; past that, new lines are not kept."""

    def __init__(self, rules: Sequence[Rule], *, wanted: Set[str] | None = None,
                 limit: int | None = None) -> None:
        self.rules = tuple(rules)
        self.results: dict[str, LineResult] = {}
        self.wanted = wanted
        self.limit = MEMO_CHARS if limit is None else limit
        self.size = 0

    def keep(self, results: dict[str, LineResult]) -> None:
        wanted = self.wanted
        for line, result in results.items():
            if self.size >= self.limit:
                return
            if wanted is None or line in wanted:
                self.results[line] = result
                self.size += len(line) + 1


def apply_line_rules(text: str, rules: Sequence[Rule], found: list[Replacement],
                     memo: LineMemo | None = None) -> str:
    """``text`` with ``rules`` (line-local rules, each with :data:`NEEDLES`) applied in
    order, exactly as ``rule.apply`` over the whole text would, appending to ``found``.
    ``memo`` (for these rules) remembers lines across calls."""
    if len(text) < SMALL_TEXT:
        for rule in rules:
            text = rule.apply(text, found)
        return text
    if memo is None or memo.rules != tuple(rules):
        memo = LineMemo(rules, limit=SLICE_CHARS)  # the lines this text repeats
    out: list[str] = []
    # what each rule replaced, slice after slice: rule by rule is the order of ``found``
    by_rule: list[list[Replacement]] = [[] for _ in rules]
    known = memo.results
    start = 0
    while start <= len(text):
        end = text.find("\n", start + SLICE_CHARS)
        end = len(text) if end < 0 else end
        chunk = text[start:end].split("\n")
        start = end + 1
        distinct = dict.fromkeys(chunk)
        missing = [line for line in distinct if line not in known]
        new = dict(zip(missing, _apply_to_lines(missing, rules), strict=True))
        memo.keep(new)
        table = {line: new[line] if line in new else known[line] for line in distinct}
        texts = []
        for line in chunk:
            normalized, replaced = table[line]
            texts.append(normalized)
            for index, replacement in replaced:
                by_rule[index].append(replacement)
        out.append("\n".join(texts))
    for of_rule in by_rule:
        found.extend(of_rule)
    return "\n".join(out)


def normalize_lines(lines: Sequence[str], rules: Sequence[Rule] = DEFAULT_RULES) -> list[LineResult]:
    """What ``rules`` make of each of ``lines`` (no line breaks in them): the text and
    what each rule replaced, in rule order. Each distinct line is normalized once, a
    slice of about :data:`SLICE_CHARS` characters at a time."""
    results: dict[str, LineResult] = {}
    batch: list[str] = []
    size = 0
    for line in lines:
        if line in results:
            continue
        results[line] = ("", ())  # reserved: a repeat within the batch is not re-added
        batch.append(line)
        size += len(line) + 1
        if size >= SLICE_CHARS:
            results.update(zip(batch, _apply_to_lines(batch, rules), strict=True))
            batch, size = [], 0
    results.update(zip(batch, _apply_to_lines(batch, rules), strict=True))
    return [results[line] for line in lines]


def _apply_to_lines(lines: list[str], rules: Sequence[Rule]) -> list[LineResult]:
    """Each of ``lines`` with ``rules`` applied, and what each rule replaced in it."""
    if not lines:
        return []
    lines = list(lines)
    count = len(lines)
    views = _Slice(lines)
    replaced: dict[int, list[tuple[int, Replacement]]] = {}
    for index, rule in enumerate(rules):
        needles = NEEDLES.get(rule.name) if rule in _DEFAULT_SET else None
        if needles is None:  # not a default rule: every line may match
            selected: list[int] | range = range(count)
        else:
            chosen = set(views.unicode)
            for needle in needles:
                chosen.update(views.lines_with(needle))
            if rule.name in ALSO_NEEDED and chosen:
                also = set(views.unicode)
                for needle in ALSO_NEEDED[rule.name]:
                    also.update(views.lines_with(needle))
                chosen &= also
            if not chosen:
                continue
            selected = sorted(chosen) if len(chosen) <= DENSE_SHARE * count else range(count)
        subset = lines if isinstance(selected, range) else [lines[i] for i in selected]
        joined = "\n".join(subset)
        got: list[Replacement] = []
        where: list[int] = []
        result = rule.apply_at(joined, got, where)
        if not got:
            continue  # nothing replaced: the text is unchanged
        parts = _split_same(result, len(subset), rule)
        if isinstance(selected, range):
            lines[:] = parts
        else:
            for at, line in zip(selected, parts, strict=True):
                lines[at] = line
        line_no, counted = 0, 0
        for replacement, offset in zip(got, where, strict=True):
            line_no += joined.count("\n", counted, offset)
            counted = offset
            replaced.setdefault(selected[line_no], []).append((index, replacement))
    return [(line, tuple(replaced.get(i, ()))) for i, line in enumerate(lines)]


def _split_same(text: str, count: int, rule: Rule) -> list[str]:
    parts = text.split("\n")
    if len(parts) != count:  # a line-local rule never adds or removes a line
        raise AssertionError(f"rule {rule.name!r} changed the number of lines")
    return parts


_DEFAULT_SET = frozenset(DEFAULT_RULES)
