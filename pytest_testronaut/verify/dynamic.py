"""Whether a value that differs between two runs differs the way a re-run makes it.

Normalization finds *where* dynamic content may be (a timestamp, a UUID, a temporary
path); this module decides, for one value seen in the expected output and its
counterpart in the actual output, whether the change is one that running the same
command again produces, or a change of data that only looks dynamic:

* a timestamp or epoch value moves with the clock: both values are plausible times
  (not before 2000, not a year past the clock) that lie near the run's own clock or
  within a few days of each other, and they do not differ by a whole number of hours (a time
  printed in another zone, a computed date one day off) nor move back in time (the
  actual output is made after the expected one); unless the actual value is the time
  of the run being checked (within half an hour before the clock), a move by a zone's
  offset (whole or half hours) give or take five minutes between two runs is not
  one either; zone names and offsets must be the same; a date without a time of day
  changes only when it is today's date;
* a line of random bytes in hex changes most of its byte groups at once, keeping
  their layout (a changed byte of fixed data is a change);
* UUIDs of the random and time-based versions (1, 2, 4, 6, 7) are dynamic, name-based
  ones (3, 5) are data; both values have the same version;
* temporary paths differ only in a run of random characters, as ``mktemp`` and
  Python's ``tempfile`` make them (``/tmp/build-1`` against ``/tmp/build-2`` is data);
* hex identifiers keep their length; addresses stay private;
* random tokens (base64) keep their length and look random on both sides.

:func:`check` returns ``None`` for an acceptable change and otherwise the reason, in
words, that it is not one.
"""

from __future__ import annotations

import calendar
import ipaddress
import re
import time
from collections.abc import Callable
from datetime import datetime
from itertools import pairwise
from operator import ne

from . import measurements, process_clocks
from .log_rules import LOG_CHECKS

__all__ = ["check"]

DAY = 86_400.0
# How far apart two runs' clocks may be when neither lies near the clock of this
# comparison (two outputs captured some days ago), and how near "near" is.
RERUN_WINDOW = 3 * DAY
NOW_SLACK = 2 * DAY
# How far back a re-run's time may lie (clocks of a host and its containers, a value
# rounded down): the actual output is made after the expected one.
BACKWARD_SLACK = 600.0
# A "time" this far past the clock is not one a run printed as its own (a computed
# expiry a year ahead may still move with the clock, so the bound is loose).
FUTURE = 366 * DAY
EARLIEST = 946_684_800.0  # 2000-01-01: an earlier "time" is a computed or fixed one
# Time-only values (12:34:56): the most two runs of one command are apart.
TIME_OF_DAY_WINDOW = 6 * 3600.0
# A value this close to the clock (before it, or a little after) was printed by the
# run being checked: whatever time the expected output holds, it is a later run's.
JUST_NOW = 1800.0
# Zone offsets are whole or half hours (a few are 45 minutes: they fall within this
# too), and a computed time moves by whole hours or days; a time that moved by such a
# step, give or take the minutes between two runs, is one printed in another zone or
# computed anew, not a later run's (up to the span two runs may be apart).
ZONE_STEP = 1800.0
RUN_GAP = 300.0
ZONE_SPAN = RERUN_WINDOW

_MONTHS = {name: n for n, name in enumerate(calendar.month_abbr) if name}
_MONTHS = {name.lower(): n for name, n in _MONTHS.items()}
_ISO_DATE = re.compile(r"(\d{4})[-/](\d{2})[-/](\d{2})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ /-]([A-Za-z]{3})[ /-](\d{4})")
_MONTH_DAY = re.compile(r"([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})\b")
_NUMERIC_DATE = re.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4})")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})[T_-](\d{2})(\d{2})(\d{2})")
_YEAR = re.compile(r"(?<![\d:.,+-])((?:19|2[01])\d\d)(?![\d:.,])")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([AP]M))?")
_ZONE = re.compile(r"[+-]\d{2}:?\d{2}\b|(?<=\d)Z\b|\b[A-Z]{2,5}\b")
_NOT_ZONES = frozenset({"AM", "PM", "T"}) | {m.upper() for m in _MONTHS} | {
    d[:3].upper() for d in calendar.day_abbr}
_TIMESTAMP_RULES = frozenset({
    "timestamp-rfc2822", "timestamp-ctime", "timestamp-iso8601", "timestamp-slashed",
    "timestamp-clf", "timestamp-ls", "timestamp-month-first", "timestamp-day-month",
    "timestamp-compact", "timestamp-numeric", "timestamp-month-comma",
})
_EPOCH_RULES = frozenset({"timestamp-epoch", "epoch-bare"})
_DYNAMIC_UUID_VERSIONS = frozenset("12467")
_RANDOM_RULES = frozenset({"tmppath", "tmpname", "host", "token-context"})
_SAME_LENGTH_RULES = frozenset({"digest", "git-ref", "container-id-table", "container-id",
                                "container-hostname"})
_IP_RULES = frozenset({"ip", "ip-port", "ip-url", "ipv6"})


def check(rule: str, expected: str, actual: str, *, now: float | None = None) -> str | None:
    """``None`` when ``expected`` may become ``actual`` in a re-run, for a value found
    by the rule named ``rule``; else why not. A duration may change its unit only as
    a tool that picks units by size changes it, a random seed must change as a draw
    does (:mod:`.measurements`). Rules without a check here (other durations, PIDs,
    ports, progress, a user's own rules) accept any change."""
    if expected == actual:
        return None
    clock = time.time() if now is None else now
    if rule in _TIMESTAMP_RULES:
        return _timestamps(expected, actual, clock)
    if rule in _EPOCH_RULES:
        return _epochs(expected, actual, clock)
    if rule == "date":
        return _dates(expected, actual, clock)
    if rule in ("time", "time-after-number"):
        return _times_of_day(expected, actual)
    check_one = _CHECKS.get(rule)
    return check_one(expected, actual) if check_one is not None else None


# --- times -------------------------------------------------------------------------
def _zone(text: str) -> tuple[str, ...]:
    return tuple(z for z in _ZONE.findall(text) if z not in _NOT_ZONES)


def _seconds_of_day(text: str) -> tuple[float, int] | None:
    """Seconds since midnight and the precision in digits after the minutes (0 for
    hh:mm, 2 for hh:mm:ss, more with a fraction)."""
    match = _TIME.search(text)
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2])
    if match[5]:
        hour = hour % 12 + (12 if match[5] == "PM" else 0)
    seconds = float(match[3] or 0) + (float("0." + match[4]) if match[4] else 0.0)
    precision = 0 if match[3] is None else 2 + len(match[4] or "")
    return hour * 3600 + minute * 60 + seconds, precision


def _day(text: str, clock: float) -> float | None:
    """Midnight (UTC) of the calendar date in ``text``, as epoch seconds."""
    match = _ISO_DATE.search(text)
    if match:
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif (match := _DAY_MONTH_YEAR.search(text)) and match[2].lower() in _MONTHS:
        year, month, day = int(match[3]), _MONTHS[match[2].lower()], int(match[1])
    elif match := _NUMERIC_DATE.search(text):
        # month first with slashes (day first when the first cannot be a month), day
        # first with dots
        first, second, year = int(match[1]), int(match[3]), int(match[4])
        month, day = (first, second) if match[2] == "/" and first <= 12 else (second, first)
    elif (match := _MONTH_DAY.search(text)) and match[1].lower() in _MONTHS:
        month, day = _MONTHS[match[1].lower()], int(match[2])
        rest = text[: match.start()] + " " + text[match.end():]
        years = [int(y) for y in _YEAR.findall(rest)]
        if years:
            year = years[-1]
        else:  # ls shows no year for recent files: the most recent such date
            year = time.gmtime(clock + NOW_SLACK).tm_year
            try:
                if calendar.timegm((year, month, day, 0, 0, 0)) > clock + NOW_SLACK:
                    year -= 1
            except ValueError:
                return None
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    try:
        return float(calendar.timegm((year, month, day, 0, 0, 0)))
    except (ValueError, OverflowError):
        return None


def _instant(text: str, clock: float) -> tuple[float, int] | None:
    day = _day(text, clock)
    if day is None:
        return None
    # the time of day, looked for after the date's own digits are out of the way
    rest = _NUMERIC_DATE.sub(" ", _ISO_DATE.sub(" ", text, count=1), count=1)
    of_day = _seconds_of_day(rest)
    if of_day is None:
        return day, -1  # a date alone (ls -l shows the year instead of the time)
    return day + of_day[0], of_day[1]


def _near(expected: float, actual: float, clock: float, precision: int) -> str | None:
    for value in (expected, actual):
        if value < EARLIEST or value > clock + FUTURE:
            return "is not a time near the run's clock (a fixed or computed time)"
    delta = abs(actual - expected)
    if expected - actual > BACKWARD_SLACK and precision >= 0:
        return (f"moved back by {(expected - actual) / 60:.0f} minutes: a re-run prints a "
                "later time, not an earlier one (another zone, or a computed time)")
    if delta >= 3600 and delta % 3600 < 1e-6 and precision >= 0:
        hours = delta / 3600
        return (f"moved by exactly {hours:g} hour(s): a time printed in another zone or "
                "a computed time that changed, not a later run")
    if precision >= 0 and not -JUST_NOW <= actual - clock <= RUN_GAP and _zone_step(delta):
        return (f"moved by {delta / 3600:.2f} hours, a zone's offset give or take the "
                "minutes between two runs (or whole days), and is not the time of this "
                "run: a time printed in another zone or a computed time, not a later run")
    if delta <= RERUN_WINDOW or abs(actual - clock) <= NOW_SLACK:
        return None
    return f"moved by {delta / DAY:.1f} days, more than a re-run explains"


_ISO_ZONE = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")


def _iso_instant(text: str) -> float | None:
    """An ISO 8601 timestamp read in C (the common case), zone set aside."""
    try:
        value = datetime.fromisoformat(text.replace(",", "."))
    except ValueError:
        return None
    return calendar.timegm(value.timetuple()) + value.microsecond / 1e6


def _timestamps(expected: str, actual: str, clock: float) -> str | None:
    # the basic format (20261201T160527Z, 20261201-160527) read as the extended one
    expected, actual = _COMPACT_DATE.sub(r"\1-\2-\3T\4:\5:\6", expected, count=1), \
        _COMPACT_DATE.sub(r"\1-\2-\3T\4:\5:\6", actual, count=1)
    if "T" in expected and "T" in actual:
        left_iso, right_iso = _iso_instant(expected), _iso_instant(actual)
        if left_iso is not None and right_iso is not None:
            # the zone as written (Z, +01:00, +0100, or none)
            if _ISO_ZONE.findall(expected) != _ISO_ZONE.findall(actual):
                return "changed its time zone or offset"
            return _near(left_iso, right_iso, clock, 2)
    if _zone(expected) != _zone(actual):
        return "changed its time zone or offset"
    left, right = _instant(expected, clock), _instant(actual, clock)
    if left is None or right is None:
        return "is not a time that can be read"
    if left[1] < 0 or right[1] < 0:
        return _dates(expected, actual, clock)
    return _near(left[0], right[0], clock, min(left[1], right[1]))


def _dates(expected: str, actual: str, clock: float) -> str | None:
    """A date alone is data (a computed date), unless the actual one is today's."""
    left, right = _day(expected, clock), _day(actual, clock)
    if left is None or right is None:
        return "is not a date that can be read"
    if EARLIEST <= left <= right and abs(right + DAY / 2 - clock) <= DAY:
        return None
    return "is a date that changed (a date without a time of day is data unless it is today's)"


def _zone_step(delta: float) -> bool:
    """Whether a move of ``delta`` seconds is a zone's offset or a computed step (at
    least an hour, a whole number of half hours) give or take :data:`RUN_GAP`."""
    if not 3600 - RUN_GAP <= delta <= ZONE_SPAN + RUN_GAP:
        return False
    off = delta % ZONE_STEP
    return min(off, ZONE_STEP - off) <= RUN_GAP


def _times_of_day(expected: str, actual: str) -> str | None:
    if _zone(expected) != _zone(actual):
        return "changed its time zone or offset"
    left, right = _seconds_of_day(expected), _seconds_of_day(actual)
    if left is None or right is None:
        return "is not a time that can be read"
    delta = abs(left[0] - right[0])
    delta = min(delta, DAY - delta)  # across midnight
    if delta >= 3600 and delta % 3600 < 1e-6:
        return f"moved by exactly {delta / 3600:g} hour(s): a time in another zone"
    if _zone_step(delta):
        return (f"moved by {delta / 3600:.2f} hours, a zone's offset give or take the "
                "minutes between two runs: a time in another zone")
    if delta > TIME_OF_DAY_WINDOW:
        return f"moved by {delta / 3600:.1f} hours, more than a re-run explains"
    return None


def _epoch_seconds(text: str) -> float | None:
    number = text.strip()
    whole = number.partition(".")[0]
    if not whole.isdigit():
        return None
    scale = {10: 1, 13: 1e3, 16: 1e6, 19: 1e9}.get(len(whole))
    if scale is None:
        return None
    return float(number) / scale


def _epochs(expected: str, actual: str, clock: float) -> str | None:
    left, right = _epoch_seconds(expected), _epoch_seconds(actual)
    if left is None or right is None or len(expected.split(".")[0]) != len(
            actual.split(".")[0]):
        return "is not an epoch time of one unit on both sides"
    return _near(left, right, clock, 2)


# --- identifiers ---------------------------------------------------------------------
def _uuid(expected: str, actual: str) -> str | None:
    if not (_rfc_variant(expected) and _rfc_variant(actual)):
        return None  # random hex in a UUID's shape: no version to speak of
    left, right = expected[14:15].lower(), actual[14:15].lower()
    if left != right:
        return f"changed its UUID version ({left} to {right})"
    if left not in _DYNAMIC_UUID_VERSIONS:
        return (f"is a version-{left} UUID (name-based or fixed: data, not random) "
                "that changed")
    return None


def _rfc_variant(value: str) -> bool:
    return value[19:20].lower() in ("8", "9", "a", "b")


_RANDOM_CHAR = re.compile(r"[A-Za-z0-9_]")


def _random_part(expected: str, actual: str) -> str | None:
    """Equal but for a run of random characters (at least 6 long, 3 or more of them
    differing), as in a name made by mktemp, tempfile or a container runtime."""
    if len(expected) != len(actual):
        if _random_number_part(expected, actual):
            return None
        return "changed its length: not a random name of the same pattern"
    skeleton_e = _RANDOM_CHAR.sub("x", expected)
    if skeleton_e != _RANDOM_CHAR.sub("x", actual):
        return "changed more than its random characters"
    differing = [i for i, (a, b) in enumerate(zip(expected, actual, strict=True)) if a != b]
    if len(differing) < 3:
        return "changed in one or two characters: a different name, not a random one"
    # every differing position lies in a run of random characters at least 6 long
    for run in re.finditer(r"x{6,}", skeleton_e):
        differing = [i for i in differing if not run.start() <= i < run.end()]
    if differing:
        return "changed outside a run of random characters"
    return None


_DIGIT_RUN = re.compile(r"(?<![0-9])[0-9]{9,20}(?![0-9])")


def _random_number_part(expected: str, actual: str) -> bool:
    """Equal but for one random decimal number of nine digits or more (Go's and
    Java's temporary names), whose length varies as a random number's does."""
    runs_e: list[str] = _DIGIT_RUN.findall(expected)
    runs_a: list[str] = _DIGIT_RUN.findall(actual)
    if len(runs_e) != 1 or len(runs_a) != 1:
        return False
    if _DIGIT_RUN.sub("#", expected) != _DIGIT_RUN.sub("#", actual):
        return False
    # (the digits compared from the end: the shorter number lacks leading ones)
    return sum(a != b for a, b in zip(runs_e[0][::-1], runs_a[0][::-1], strict=False)) >= 3


def _same_length(expected: str, actual: str) -> str | None:
    if len(expected) != len(actual):
        return f"changed its length ({len(expected)} to {len(actual)} characters)"
    return None


_PRIVATE_V4 = re.compile(r"(?:10|127)\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|169\.254\.")


def _private_address(expected: str, actual: str) -> str | None:
    if _PRIVATE_V4.match(expected) and _PRIVATE_V4.match(actual):
        return None  # the common case, without parsing
    for value in (expected, actual):
        try:
            address = ipaddress.ip_address(value.strip("[]"))
        except ValueError:
            return None  # not a plain address (a rule matched more): trust the rule
        if not (address.is_private or address.is_link_local):
            return "is a public address that changed"
    return None


def _class_of(char: str) -> int:
    return 0 if char.isdigit() else 1 if char.islower() else 2 if char.isupper() else 3


def _looks_random(value: str) -> bool:
    """Random base64 switches between digits, lower and upper case letters at most
    characters (about two in three); words and camelCase names switch at their word
    boundaries only."""
    body = value.rstrip("=")
    classes = [_class_of(char) for char in body]
    switches = sum(left != right for left, right in pairwise(classes))
    return switches >= 0.4 * (len(body) - 1)


def _random_token(expected: str, actual: str) -> str | None:
    """Two random tokens: of one length and padding, differing at most positions, both
    switching character classes as random text does."""
    if len(expected) != len(actual) or expected.count("=") != actual.count("="):
        return "changed its length: not a random token of the same kind"
    if sum(map(ne, expected, actual)) < 0.75 * len(expected):
        return "kept most of its characters: a changed value, not a new random token"
    if not (_looks_random(expected) and _looks_random(actual)):
        return "does not look like random text (words or a name, not a token)"
    return None


def _keyed_token(expected: str, actual: str) -> str | None:
    """A value its key calls a token, nonce, salt...: random, so any new value of
    the same length and padding that differs at most positions."""
    if _random_part(expected, actual) is None:
        return None
    if len(expected) != len(actual) or expected.count("=") != actual.count("="):
        return "changed its length: not a random token of the same kind"
    if sum(map(ne, expected, actual)) < 0.75 * len(expected):
        return "kept most of its characters: a changed value, not a new random token"
    return None


_BYTE_GROUP = re.compile(r"[0-9a-fA-F]{2,4}")


def _dump_parts(line: str) -> tuple[list[str], str | None]:
    """The byte groups of a hex dump line and the text rendering beside them (None
    when there is none)."""
    groups: list[str] = []
    rest = line
    while True:
        match = _BYTE_GROUP.match(rest)
        if match is None or rest[match.end():match.end() + 1] not in ("", " "):
            break
        groups.append(match[0])
        rest = rest[match.end():]
        if not rest.startswith(" ") or (rest.startswith("  ")
                                        and not _BYTE_GROUP.match(rest[2:])):
            break
        rest = rest[2:] if rest.startswith("  ") else rest[1:]
    rendering = rest[2:] if rest.startswith("  ") else None
    return groups, rendering


def _random_bytes(expected: str, actual: str) -> str | None:
    """A line of random bytes dumped in hex: the same layout (groups of the same
    widths), most groups changed at once (a changed input changes a byte or a few),
    hex letters among the digits on both sides (not decimal numbers), and the text
    beside them, if any, one character per byte."""
    groups_e, shown_e = _dump_parts(expected)
    groups_a, shown_a = _dump_parts(actual)
    if list(map(len, groups_e)) != list(map(len, groups_a)) or len(groups_e) < 8:
        return "changed the layout of its bytes"
    changed = sum(map(ne, groups_e, groups_a))
    if changed < 0.75 * len(groups_e):
        return (f"changed {changed} of its {len(groups_e)} byte groups: changed data, "
                "not new random bytes")
    if not all(any(c in "abcdefABCDEF" for c in "".join(g)) for g in (groups_e, groups_a)):
        return "is a row of decimal numbers, not of hex bytes"
    size = sum(map(len, groups_e)) // 2
    for shown in (shown_e, shown_a):
        if shown is not None and len(shown.strip("|")) != size and len(shown) != size:
            return "has text beside its bytes that is not their rendering"
    if (shown_e is None) != (shown_a is None):
        return "lost or gained the rendering of its bytes"
    return None


def _hex_id(expected: str, actual: str) -> str | None:
    """A hex id drawn anew: the same length, its letters in the same case."""
    if len(expected) != len(actual):
        return f"changed its length ({len(expected)} to {len(actual)} characters)"
    if expected.islower() != actual.islower():
        return "changed the case of its digits"
    return None


def _pointer(expected: str, actual: str) -> str | None:
    """A pointer printed in decimal (a thread's ident, ``id()``): address space layout
    randomization moves it by far more than a count changes."""
    if len(expected) != len(actual):
        return "changed its length: not a pointer of the same width"
    if expected[:8] == actual[:8]:
        return "kept its leading digits: a changed number, not a new address"
    return None


def _fingerprint(expected: str, actual: str) -> str | None:
    """A new key's or certificate's fingerprint or serial: random hex of one length
    and spelling (a serial may lose leading zero digits), differing at most
    positions."""
    if ":" in expected or ":" in actual:
        if len(expected) != len(actual) or expected.count(":") != actual.count(":"):
            return "changed its length: not a fingerprint of the same kind"
    elif len(expected) != len(actual) and (
            abs(len(expected) - len(actual)) > 2 or min(len(expected), len(actual)) < 30):
        return "changed its length: not a fingerprint of the same kind"
    digits_e, digits_a = expected.replace(":", ""), actual.replace(":", "")
    width = min(len(digits_e), len(digits_a))
    right = zip(digits_e[-width:], digits_a[-width:], strict=True)
    if sum(a != b for a, b in right) < 0.6 * width:
        return "kept most of its digits: a changed value, not a new fingerprint"
    cases = [(any(c.islower() for c in v), any(c.isupper() for c in v)) for v in (expected, actual)]
    if (cases[0][0] and cases[1][1]) or (cases[0][1] and cases[1][0]):
        return "changed the case of its digits"
    return None


_CHECKS: dict[str, Callable[[str, str], str | None]] = {
    **LOG_CHECKS,
    "uuid": _uuid,
    "token-random": _random_token,
    **{rule: _random_part for rule in _RANDOM_RULES},
    "token-context": _keyed_token,
    **{rule: _same_length for rule in _SAME_LENGTH_RULES},
    "fingerprint": _fingerprint,
    "hex-bytes-line": _fingerprint,
    "thread-ident": _pointer,
    "hex-dump-run": _random_bytes,
    "hash": _hex_id,
    "hash-upper": _hex_id,
    **{rule: _private_address for rule in _IP_RULES},
    **{rule: measurements.unit_by_size
       for rule in ("duration-decimal", "duration-subsecond", "duration-context")},
    "seed": measurements.drawn_number,
    "clock-report": process_clocks.same_clocks,
}
