"""Default rules for the lines servers and structured loggers print: the time a
request or a step took under the short keys logs give it, a span of minutes and
seconds after a word that says it is one, and a port after an address whose host is
left out.

* ``took=0.052``, ``dur=0.0123``, ``rt=0.012``, ``rtt=3``, ``request_time=0.004``,
  ``upstream_response_time=0.003`` (logfmt, nginx's ``log_format``, JSON written as
  text): a number after a key that names the time a request or a step took;
* ``elapsed 00:03``, ``ETA 00:05``, ``02:11 remaining``, ``done in 00:03``: minutes
  and seconds (or hours, minutes and seconds) beside a word that says they are a span
  of time, not a time of day;
* ``listening on :41235``, ``addr=:41235``: Go's spelling of every address of the
  machine, with a port from the kernel's ephemeral range (a fixed port such as
  ``:8080`` is configuration, and stays data).

The rules are given as plain specs, turned into :class:`.rules.Rule` objects by
:mod:`.rules` (in :data:`.rules.DEFAULT_RULES`, after the other time spans) and
their needles by :mod:`.line_filter`, so this module imports neither.
"""

from __future__ import annotations

__all__ = ["LOG_NEEDLES", "LOG_RULE_SPECS"]

_EPHEMERAL_PORT = (
    r"(?:3276[89]|327[7-9]\d|32[89]\d\d|3[3-9]\d{3}|[45]\d{4}|6[0-4]\d{3}"
    r"|65[0-4]\d\d|655[0-2]\d|6553[0-5])(?!\d)"
)
_SPAN = r"(?:\d{1,3}:)?\d{2}:\d{2}(?![\d:])"

#: (name, pattern, placeholder) of each rule, in the order they run.
LOG_RULE_SPECS: tuple[tuple[str, str, str], ...] = (
    ("duration-log-key",
     r"(?i)(?<![\w.-])(?:took|dur|rtt?|(?:request|response|upstream_(?:connect|header|response))"
     r"_time)(?:_(?:ms|us|ns|s|secs?|seconds))?[\"']?\s*[:=]\s*[\"']?"
     r"(?P<value>\d+(?:\.\d+)?)(?![\d.])",
     "<DURATION>"),
    ("duration-clock-span",
     rf"(?i)\b(?:(?:elapsed|eta|remaining|left|took)[:=]?\s+|in[:=]?\s)(?P<value>{_SPAN})"
     rf"|(?<![\d:])(?P<before>{_SPAN})(?=\s+(?:elapsed|remaining|left)\b)",
     "<DURATION>"),
    ("port-any-host", rf"(?:(?<=\s)|(?<==)|(?<=[\"'])):(?P<value>{_EPHEMERAL_PORT})(?![\w.:])",
     "<PORT>"),
)

#: The needles of each rule, as :mod:`.line_filter` reads them: ``(view, texts...)``,
#: every match of the rule holding one of the texts in that view of its line (digits
#: as ``0``, letters in lower case in ``digits``; lower case in ``lower``). Plain
#: strings: a search for each costs about what a regular expression's pass over the
#: output would, spent once.
LOG_NEEDLES: dict[str, tuple[str, ...]] = {
    "duration-log-key": ("lower", "took", "dur", "rt", "_time"),
    "duration-clock-span": ("digits", "elapsed", "eta", "remaining", "left", "took", "in 0",
                            "in: 0", "in= 0"),
    "port-any-host": ("digits", ":00000"),
}
