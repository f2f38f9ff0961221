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

Long outputs are handled in slices of whole lines, so the extra buffers stay small.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .rules import DEFAULT_RULES, Replacement, Rule

__all__ = ["NEEDLES", "apply_line_rules"]

# Below this many characters the rules simply run over the whole text.
SMALL_TEXT = 16_384
# Lines per slice of a long output.
SLICE_LINES = 20_000
# Share of the lines above which a rule runs over the whole slice.
DENSE_SHARE = 0.5


@dataclass(frozen=True)
class Needle:
    """One needle: ``text`` searched in the buffer ``view`` (``raw``, ``digits``,
    ``hex``, ``hexcase``, ``lower``); ``regex`` when it is a pattern, not a string.
    The view ``chars`` means any character of ``text`` (UTF-8), in lines that are not
    ASCII."""

    view: str
    text: bytes
    regex: bool = False

    def positions(self, buffer: bytes) -> Iterable[int]:
        """Offsets of the line-relevant byte of each hit, at most one per line."""
        if not self.regex and buffer.find(self.text) < 0:
            return ()  # the common case, at the speed of a substring search
        lead = 1 if self.text.startswith(b"\n") else 0  # the line after the newline
        # the needle and the rest of its line: the next search starts on the next line
        pattern = _compiled((self.text if self.regex else re.escape(self.text)) + b"[^\n]*")
        return (match.start() + lead for match in pattern.finditer(buffer))


_PATTERNS: dict[bytes, re.Pattern[bytes]] = {}


def _compiled(text: bytes) -> re.Pattern[bytes]:
    if text not in _PATTERNS:
        _PATTERNS[text] = re.compile(text)
    return _PATTERNS[text]


def _lits(view: str, *texts: str) -> tuple[Needle, ...]:
    return tuple(Needle(view, t.encode()) for t in texts)


def _rx(view: str, text: str) -> tuple[Needle, ...]:
    return (Needle(view, text.encode(), regex=True),)


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
    "timestamp-epoch": _lits("digits", "0" * 10),
    "date": _lits("digits", "0000-00-00", "0000/00/00"),
    "time": _lits("digits", ":00:00"),
    "uuid": _lits("hexcase", "\x01" * 8 + "-" + "\x01" * 4 + "-"),
    "address": _lits("raw", "0x"),
    "tmppath-macos": _lits("raw", "/var/folders/"),
    "tmppath-pytest": _lits("raw", "/tmp/pytest-of-"),
    "tmppath": _lits("raw", "/tmp/"),
    "host": _lits("lower", "host"),
    "container-id-table": _lits("hex", "\n" + "\x01" * 12),
    "container-id": _lits("lower", "container"),
    "container-hostname": _lits("hex", "@" + "\x01" * 12 + ":"),
    "git-commit": _lits("raw", "commit"),
    "git-branch-commit": _lits("hex", _HEX7 + "]"),
    "git-merge": _lits("raw", "Merge:"),
    "git-range": _lits("hex", "\x01.."),
    "git-head": _lits("raw", "HEAD is now at "),
    "digest": _lits("lower", "sha", "md5"),
    "hash": _lits("hex", _HEX7),
    "pid": _lits("lower", "pid", "process id"),
    "pid-syslog": _lits("digits", "0]:"),
    "pid-job": _lits("digits", "\n[0"),
    "inode": _lits("lower", "inode"),
    "ip-port": _rx("digits", r"\.0{1,3}\.0{1,3}[:/]0"),
    "ip": _rx("digits", r"\.0{1,3}\.0{1,3}\.0"),
    "ip-url": _lits("raw", "://", "@"),
    "ipv6": _lits("lower", "inet6"),
    "port": _lits("digits", ":00000"),
    "port-word": _lits("lower", "port"),
    "duration-compound": _lits("digits", "0h0", "0m0"),
    "duration-decimal": _lits("digits", "0.0"),
    "duration-subsecond": (*_lits("digits", "0ns", "0 ns", "0us", "0 us", "0ms", "0 ms"),
                           _chars("µμ")),
    # the units s, sec.., min.., h.., d..: "ms" and "MB" are not among them
    "duration-context": _lits("digits", "0s", "0 s", "0mi", "0 mi", "0h", "0 h", "0d",
                              "0 d"),
    "duration-ago": _lits("raw", "ago"),
    "duration-up": _lits("raw", "Up"),
    "git-throughput": _lits("raw", "/s, done"),
    "rate": _lits("raw", "/s"),
    "progress-bar": (*_rx("raw", r"\[[=#>\-. ]{5}"), _chars("█▉▊▋▌▍▎▏━─═■□░▒▓╸╺╾")),
    "spinner": (_chars("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏⣾⣽⣻⢿⡿⣟⣯⣷"),),
}
# A further needle some rules need on the same line (both must be there).
ALSO_NEEDED: dict[str, tuple[Needle, ...]] = {
    # whitespace, then the number of "took 5 s": a digit right after the whitespace
    "duration-context": _lits("digits", " 0"),
}

_UNICODE_LOOKALIKE = re.compile(r"[^\x00-\x7f](?<=[\d\s\u017f\u0130\u0131\u212a])")
_WHITESPACE = b"\t\x0b\x0c\r\x1c\x1d\x1e\x1f "
_UPPER = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGITS_VIEW = bytes.maketrans(b"0123456789" + _WHITESPACE + _UPPER,
                               b"0" * 10 + b" " * len(_WHITESPACE) + _UPPER.lower())
_HEX_VIEW = bytes.maketrans(b"0123456789abcdef", b"\x01" * 16)
_HEXCASE_VIEW = bytes.maketrans(b"0123456789abcdefABCDEF", b"\x01" * 22)


class _Slice:
    """The byte views of one slice of lines, made on first use."""

    def __init__(self, lines: list[str]) -> None:
        self.raw = ("\n" + "\n".join(lines)).encode("utf-8", errors="surrogatepass")
        self._views: dict[str, bytes] = {"raw": self.raw}
        self._lines: dict[Needle, list[int]] = {}
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
            else:
                self._views[name] = self.raw.lower()  # ASCII letters only
        return self._views[name]

    def lines_with(self, needle: Needle) -> list[int]:
        """Indexes of the lines holding ``needle``."""
        if needle not in self._lines and needle.view == "chars":
            chars = re.compile("[" + re.escape(needle.text.decode()) + "]")
            self._lines[needle] = [i for i in self.non_ascii if chars.search(self.lines[i])]
        if needle not in self._lines:
            raw = self.raw
            found: list[int] = []
            line, counted = -1, 0
            for at in needle.positions(self.view(needle.view)):
                line += raw.count(b"\n", counted, at + 1)
                counted = at + 1
                if not found or found[-1] != line:
                    found.append(line)
            self._lines[needle] = found
        return self._lines[needle]


def apply_line_rules(text: str, rules: Sequence[Rule], found: list[Replacement]) -> str:
    """``text`` with ``rules`` (line-local rules, each with :data:`NEEDLES`) applied in
    order, exactly as ``rule.apply`` over the whole text would, appending to ``found``."""
    if len(text) < SMALL_TEXT:
        for rule in rules:
            text = rule.apply(text, found)
        return text
    lines = text.split("\n")
    out: list[str] = []
    # what each rule replaced, slice after slice: rule by rule is the order of ``found``
    by_rule: list[list[Replacement]] = [[] for _ in rules]
    for start in range(0, len(lines), SLICE_LINES):
        chunk = lines[start : start + SLICE_LINES]
        _apply_to_slice(chunk, rules, by_rule)
        out.append("\n".join(chunk))
    for replaced in by_rule:
        found.extend(replaced)
    return "\n".join(out)


def _apply_to_slice(lines: list[str], rules: Sequence[Rule],
                    by_rule: list[list[Replacement]]) -> None:
    views = _Slice(lines)
    for rule, found in zip(rules, by_rule, strict=True):
        needles = NEEDLES.get(rule.name) if rule in _DEFAULT_SET else None
        if needles is None:  # not a default rule: every line may match
            selected: list[int] | range = range(len(lines))
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
            selected = sorted(chosen)
        if len(selected) > DENSE_SHARE * len(lines):
            joined = rule.apply("\n".join(lines), found)
            lines[:] = _split_same(joined, len(lines), rule)
            continue
        joined = rule.apply("\n".join([lines[i] for i in selected]), found)
        for index, line in zip(selected, _split_same(joined, len(selected), rule), strict=True):
            lines[index] = line


def _split_same(text: str, count: int, rule: Rule) -> list[str]:
    parts = text.split("\n")
    if len(parts) != count:  # a line-local rule never adds or removes a line
        raise AssertionError(f"rule {rule.name!r} changed the number of lines")
    return parts


_DEFAULT_SET = frozenset(DEFAULT_RULES)
