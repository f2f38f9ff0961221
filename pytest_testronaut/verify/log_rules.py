"""Default rules for the lines servers and structured loggers print: the time a
request or a step took under the short keys logs give it, a span of minutes and
seconds after a word that says it is one, and a port after an address whose host is
left out.

* ``took=0.052``, ``dur=0.0123``, ``rt=0.012``, ``rtt=3``, ``request_time=0.004``,
  ``upstream_response_time=0.003`` (logfmt, nginx's ``log_format``, JSON written as
  text): a number after a key that names the time a request or a step took;
* ``elapsed 00:03``, ``ETA 00:05``, ``02:11 remaining``, ``00:07 left``: minutes
  and seconds (or hours, minutes and seconds) beside a word that says they are a span
  of time, not a time of day;
* ``listening on :41235``, ``addr=:41235``: Go's spelling of every address of the
  machine, with a port from the kernel's ephemeral range (a fixed port such as
  ``:8080`` is configuration, and stays data).

* ``"took_ms": 12.3``, ``"renderMs": 4``, ``"responseTime": 12`` in a line that
  holds JSON amid text (a logger's message with its fields as JSON): the keys that
  the structural tier reads as a measured time in a JSON document (``.json_logs``);
* a ULID (``01HF3Z8K5Q6W2RVM1N7XJ4A9BC``: a time in its first ten characters, then
  sixteen random ones, Crockford's base 32; ``01`` for the times from 2004 to 2039),
  a request's or an event's id: dynamic when it differs in most of its random part
  (:func:`random_ulid`).

The rules are given as plain specs, turned into :class:`.rules.Rule` objects by
:mod:`.rules` (in :data:`.rules.DEFAULT_RULES`, after the other time spans) and
their needles by :mod:`.line_filter`, so this module imports neither.
"""

from __future__ import annotations

__all__ = ["LOG_CHECKS", "LOG_NEEDLES", "LOG_RULE_SPECS", "random_ulid"]

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
     rf"(?i)\b(?:elapsed|eta|remaining|left)[:=]?\s+(?P<value>{_SPAN})"
     rf"|(?<![\d:])(?P<before>{_SPAN})(?=\s+(?:elapsed|remaining|left)\b)",
     "<DURATION>"),
    ("json-duration-key",
     r"\"(?![^\"]*(?:timeout|interval|ttl|delay|wait|limit|max|min|retry|deadline|period))"
     r"(?:[\w-]*_(?:ms|us|ns|s|sec|secs|seconds|millis)|[a-z]\w*(?:Ms|Us|Ns|Secs?|Seconds|Millis)"
     r"|(?:took|duration|latency|elapsed|uptime)\w*|dur|rtt?"
     r"|(?:response|request|render|query|processing|execution|exec|run|wall|cpu)_?[Tt]ime)\"\s*:"
     r"\s*(?P<value>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![\w.])",
     "<DURATION>"),
    ("ulid", r"(?<![\w-])01[0-9A-HJKMNP-TV-Z]{24}(?![\w-])", "<ULID>"),
    ("port-any-host", rf"(?:(?<=\s)|(?<==)|(?<=[\"'])):(?P<value>{_EPHEMERAL_PORT})(?![\w.:])",
     "<PORT>"),
)

#: The needles of each rule, as :mod:`.line_filter` reads them: every match of the
#: rule holds one of them in its view of the line (digits as ``0`` and letters in
#: lower case in ``digits``; lower case in ``lower``). ``(view, text)`` is a plain
#: string; ``(view, pattern, holds)`` a regular expression, looked for only where
#: ``holds`` is (a pattern that begins with a literal is searched fast).
LOG_NEEDLES: dict[str, tuple[tuple[str, ...], ...]] = {
    "duration-log-key": (("lower", "took"), ("lower", "dur"), ("lower", "_time"),
                         ("lower", r"rtt?(?:_[a-z]+)?[\"']?[ \t]*[:=]", "rt")),
    "duration-clock-span": tuple(("digits", word) for word in
                                 ("elapsed", "eta", "remaining", "left")),
    "port-any-host": (("digits", ":00000"),),
    # a key's closing quote and colon, then a digit or a minus
    "json-duration-key": (("digits", r"\"[ \t]*:[ \t]*-?0", "\":"),),
    # "01" and 24 more upper-case letters and digits
    "ulid": (("raw", r"01[0-9A-Z]{24}", "01"),),
}


def random_ulid(expected: str, actual: str) -> str | None:
    """``None`` when two ULIDs are two drawn ids: their random parts (the last sixteen
    characters) differ in most places; else why not."""
    if sum(a != b for a, b in zip(expected[10:], actual[10:], strict=True)) < 10:
        return "kept most of its random part: a changed id, not a new one"
    return None


#: The checks of :mod:`.dynamic` for the rules above that have one.
LOG_CHECKS = {"ulid": random_ulid}
