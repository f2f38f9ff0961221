"""Values a line labels as measurements: the figures of a run, not data.

A system's statistics (``/proc/meminfo``, ``/proc/stat``, ``/proc/<pid>/status``, a
monitor's report) print one figure, or a row of figures, after a label that says
what is measured: memory in use (``MemFree``, ``Cached``, ``VmRSS``), CPU time
(``cpu`` jiffies), context switches (``ctxt``, ``voluntary_ctxt_switches``),
interrupts, idle time, uptime, load, a random sample, a counter. Each run measures
them anew. Such a line is a *labelled measurement*: a label (words, no number), an
optional ``:`` or ``=``, then only numbers, units and the punctuation between them
(``MemFree:   22462 kB``, ``cpu  8776 0 4912 24361``, ``ctxt 1345174``).

Two such lines are one re-run apart (:func:`measured_change`) when the label, the
units and the punctuation are the same, every number keeps its shape (an integer
stays an integer, a decimal keeps its decimal places; the number of its digits may
change) and a padded number stays aligned at one of its edges. The label decides:
its words (split at ``_``, ``-``, blanks and case changes: ``VmRSS`` is ``vm``,
``rss``) must name a measurement (:data:`MEASURED_WORDS`) and none may name a
setting or a total (:data:`SETTING_WORDS`: ``MemTotal``, ``cache size``, ``rss
limit``), which are data however they are printed. A changed label, a
changed unit, a number more or fewer, a figure that became a word: all stay
differences. A row of a table (``load  12  40`` under ``step  ms  rows``) is no
labelled measurement: its first word names the row. Nothing here knows a tool.

:data:`MEASURED_COLUMN_WORDS` are the words that make a table's header cell a
column of measurements (:mod:`.measured_columns`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from operator import ne

__all__ = ["MEASURED_COLUMN_WORDS", "MEASURED_WORDS", "SETTING_WORDS", "drawn_number",
           "label_words", "labelled_change", "measured_change", "names_measurement",
           "rate_change", "unit_by_size"]

# How far above a line a table's header may be.
HEADER_REACH = 200

# Words of a label that say its figures are measured anew by every run.
MEASURED_WORDS = frozenset({
    # memory in use (the machine's, a process's)
    "free", "used", "avail", "available", "cached", "cache", "buffers", "buff",
    "shared", "shmem", "rss", "vsz", "vm", "anon", "swap", "swpd", "dirty", "writeback",
    "mapped", "slab", "sreclaimable", "sunreclaim", "kreclaimable", "pagetables",
    "committed", "resident", "heap", "unevictable", "mlocked", "kernelstack", "percpu",
    # CPU time, scheduling, interrupts
    "jiffies", "ctxt", "switches", "intr", "interrupts", "softirq", "softirqs",
    "procs", "idle", "iowait", "steal", "uptime", "load", "elapsed",
    # a value the output itself calls drawn or counted anew
    "random", "counter",
})
CPU_ROW_FIGURES = 4
# Words of a label that say its figures are set, or computed from the data: data.
SETTING_WORDS = frozenset({
    "total", "size", "limit", "limits", "max", "maximum", "min", "minimum", "capacity",
    "configured", "config", "target", "default", "quota", "threshold", "reserved",
    "seed", "expected", "sum", "count", "hugepagesize",
})
# Header words of a table column whose figures are measured (any case). ``cpu`` and
# ``mem`` only as a share (``%CPU``, ``cpu %``): a ``CPU`` column alone holds ids.
MEASURED_COLUMN_WORDS = frozenset({
    "free", "used", "avail", "available", "cached", "cache", "buffers", "buff", "shared",
    "rss", "vsz", "swap", "swpd", "jiffies", "ctxt", "intr", "idle", "uptime", "load",
})
SHARE_WORDS = frozenset({"cpu", "mem", "memory"})

_WORD_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
# A labelled measurement: indent, label (words without a bare number), separator,
# then numbers with units and punctuation only. Its first figure is the first digit
# after a blank, ``:`` or ``=``; what comes before is the label and its separator,
# at most LABEL_CHARS long.
_FIRST_FIGURE = re.compile(r"(?:^|(?<=[\s:=]))[-+]?\d")
_LABEL = re.compile(r"(?P<label>\s*[A-Za-z][\w()/.-]*(?: [A-Za-z(][\w()/.-]*)*)"
                    r"(?P<sep>\s*[:=]?\s+|\s*[:=]\s*)")
LABEL_CHARS = 120
_UNIT = (r"(?:%|[kKMGTP]i?B|[kKMGTP]|B|bytes|kbytes|pages|jiffies|ticks|ns|us|µs|ms|s"
         r"|sec|secs|seconds|min|minutes|h|hours|days|/s)")
_FIGURE = re.compile(rf"(?P<number>\d+(?:\.\d+)?)(?: ?(?P<unit>{_UNIT}))?(?![\w.])")
_BETWEEN = re.compile(r"[\s,/()]*")


def label_words(label: str) -> list[str]:
    """The words of a label, in lower case: ``VmRSS`` -> ``vm``, ``rss``;
    ``voluntary_ctxt_switches`` -> ``voluntary``, ``ctxt``, ``switches``."""
    return [part.lower() for part in _WORD_PART.findall(label) if not part.isdigit()]


def names_measurement(label: str, figures: int = 1) -> bool:
    """Whether ``label`` names a measurement and no setting or total; ``cpu`` does
    when it heads a row of ``figures`` (at least :data:`CPU_ROW_FIGURES`: a CPU's
    counters, ``cpu  8776 0 4912 24361``; ``CPU(s): 4`` counts CPUs and is data)."""
    parts = label_words(label)
    words = {*parts, "".join(parts)}  # (``KernelStack`` is one name too)
    if words & SETTING_WORDS:
        return False
    return bool(words & MEASURED_WORDS) or ("cpu" in words and figures >= CPU_ROW_FIGURES)


def _figures(line: str) -> tuple[str, str, int, list[re.Match[str]]] | None:
    """The label, the line with its numbers left out, where the figures begin, and
    the numbers (matched in the text from there), of a labelled measurement; None
    for any other line."""
    split = _split(line)
    if split is None:
        return None
    label, _sep, at = split
    rest = line[at:]
    figures = []
    position = 0
    skeleton = [line[:at]]
    for figure in _FIGURE.finditer(rest):
        between = rest[position:figure.start()]
        if _BETWEEN.fullmatch(between) is None:
            return None  # a word between the figures: a sentence, not a measurement
        skeleton += (between, "#", figure.group(0)[len(figure["number"]):])
        figures.append(figure)
        position = figure.end()
    if not figures or _BETWEEN.fullmatch(rest[position:]) is None:
        return None
    skeleton.append(rest[position:])
    return label, "".join(skeleton), at, figures


def _split(line: str) -> tuple[str, str, int] | None:
    """The label, its separator and where the figures begin, of a line that begins
    with a label and goes on with a figure; None for any other line."""
    first = _FIRST_FIGURE.search(line, 0, LABEL_CHARS + 1)
    if first is None:
        return None
    match = _LABEL.fullmatch(line, 0, first.start())
    if match is None:
        return None
    return match["label"], match["sep"], first.start()


def _shape(number: str) -> str:
    """An integer or a decimal with its count of decimal places."""
    return "int" if "." not in number else f"dec{len(number) - number.index('.') - 1}"


def labelled_change(lines_l: Sequence[str], lines_r: Sequence[str],
                    index: int) -> list[tuple[str, str]] | None:
    """:func:`measured_change` of the lines at ``index`` of two outputs, unless they
    are rows of a table: a line without ``:`` or ``=`` after its first word, under a
    line of words without a digit (its header: ``step  ms  rows`` over ``load  12
    40``), names a row, not a measurement."""
    changed = measured_change(lines_l[index], lines_r[index])
    if changed and _under_header(lines_l, index):
        return None
    return changed


def _under_header(lines: Sequence[str], index: int) -> bool:
    """Whether the line at ``index`` has no ``:`` or ``=`` after its label and sits
    under a line of several words without a digit, with only lines holding digits
    between them (in one block: no blank line)."""
    split = _split(lines[index])
    if split is None or ":" in split[1] or "=" in split[1]:
        return False
    for line in reversed(lines[max(0, index - HEADER_REACH):index]):
        if not line.strip():
            return False
        if not any(char.isdigit() for char in line):
            return len(line.split()) >= 2
    return False


def measured_change(line_l: str, line_r: str) -> list[tuple[str, str]] | None:
    """The (expected, actual) numbers that changed, when two lines are the same
    labelled measurement (see the module's docstring) one re-run apart; None when
    they are not."""
    split = _split(line_l)
    if split is None:
        return rate_change(line_l, line_r)
    if not names_measurement(split[0], CPU_ROW_FIGURES):
        return None  # (the label decides, before any figure is looked at)
    parsed_l, parsed_r = _figures(line_l), _figures(line_r)
    if parsed_l is None or parsed_r is None:
        return None
    label, skeleton_l, offset_l, figures_l = parsed_l
    _, skeleton_r, offset_r, figures_r = parsed_r
    if (skeleton_l.split() != skeleton_r.split() or len(figures_l) != len(figures_r)
            or not names_measurement(label, len(figures_l))):
        return None
    respaced = skeleton_l != skeleton_r
    changed = []
    for mine, theirs in zip(figures_l, figures_r, strict=True):
        old, new = mine["number"], theirs["number"]
        if _shape(old) != _shape(new):
            return None
        start_l, start_r = offset_l + mine.start(), offset_r + theirs.start()
        end_l, end_r = start_l + len(old), start_r + len(new)
        if respaced and start_l != start_r and end_l != end_r:
            return None  # a padded figure keeps one edge where it was
        if old != new:
            changed.append((old, new))
    if respaced and not changed:
        return None  # only the spacing changed: padding lost or added
    return changed


# A figure, then its label (a benchmark's report: ``2      files processed per second``).
_FIGURE_FIRST = re.compile(r"\s*(?P<number>\d+(?:\.\d+)?)(?P<gap>\s+)(?P<label>[A-Za-z][\w ()/.-]*)")
# a label naming a rate: a figure of the run however the data is
_RATE = re.compile(r"(?i)\bper (?:second|sec|minute|min|hour)\b")


def rate_change(line_l: str, line_r: str) -> list[tuple[str, str]] | None:
    """The changed figure of two lines that are one figure and the same label after
    it, the label naming a rate (``files processed per second``) or the time elapsed
    (``seconds elapsed``): the label keeps its column or the figure its start; the
    figure may change its shape (printed to three significant digits, ``0.408``
    then ``0.39``). None for any other lines."""
    found_l, found_r = _FIGURE_FIRST.fullmatch(line_l), _FIGURE_FIRST.fullmatch(line_r)
    if found_l is None or found_r is None or found_l["label"] != found_r["label"]:
        return None
    label = found_l["label"]
    if not (_RATE.search(label) or "elapsed" in label_words(label)):
        return None  # (``3 used``, ``2 free`` may be counts: data)
    old, new = found_l["number"], found_r["number"]
    if found_l.start("label") != found_r.start("label") and \
            found_l.start("number") != found_r.start("number"):
        return None
    return [(old, new)] if old != new else None


# --- checks of measured values that rules found (hooked into :mod:`.dynamic`) -------
# Time units by their length in seconds; the spellings of one unit are one unit.
_UNIT_SECONDS = {
    **dict.fromkeys(("ns", "nsec", "nanosecond", "nanoseconds"), 1e-9),
    **dict.fromkeys(("us", "µs", "μs", "usec", "microsecond", "microseconds"), 1e-6),
    **dict.fromkeys(("ms", "msec", "millisecond", "milliseconds"), 1e-3),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1.0),
    **dict.fromkeys(("min", "mins", "minute", "minutes"), 60.0),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600.0),
    **dict.fromkeys(("d", "day", "days"), 86400.0),
}
_DURATION = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?([^\W\d_]+)")
# How far past one of the next unit a tool that picks its unit by size may still
# print the smaller one (some switch late: ``90 seconds``).
ROLLOVER_SLACK = 2.0


def unit_by_size(expected: str, actual: str) -> str | None:
    """``None`` when a duration printed in one unit (``200.22 seconds``) may be
    printed in another (``3.34 minutes``) by a re-run; else why not. A tool that
    picks its unit by size prints the smaller unit only below about one of the
    larger one (:data:`ROLLOVER_SLACK` of them at most): a value above that shows a
    tool that does not switch, and a changed unit is then a changed format."""
    match_l, match_r = _DURATION.fullmatch(expected), _DURATION.fullmatch(actual)
    if match_l is None or match_r is None:
        return None
    unit_l, unit_r = _UNIT_SECONDS.get(match_l[2]), _UNIT_SECONDS.get(match_r[2])
    if unit_l is None or unit_r is None or unit_l == unit_r:
        return None
    (small, small_unit), big_unit = (
        ((match_l[1], unit_l), unit_r) if unit_l < unit_r else ((match_r[1], unit_r), unit_l))
    if float(small.replace(",", "")) < ROLLOVER_SLACK * big_unit / small_unit:
        return None
    return (f"is printed in another unit, though {small} in the smaller one shows a "
            "tool that does not change units by size")


def drawn_number(expected: str, actual: str) -> str | None:
    """``None`` when two numbers of a value drawn anew by each run (a random seed)
    differ as two draws do: in their length or in more than one digit; a number
    with one digit changed (``1234`` -> ``1235``) was set, not drawn."""
    if len(expected) != len(actual) or sum(map(ne, expected, actual)) > 1:
        return None
    return "differs in one digit only, as a value set by hand does, not as two draws do"
