"""Values for an operand or an option chosen from what the help says the value is.

An operand named ``VERSION`` wants ``1.2.3``, not ``a``; one named ``URL`` a URL, a
``KEY=VALUE`` a pair. :func:`typed_candidates` reads the value's name (the metavar or
the operand's name) and its help sentence, and gives the values to try, best first:
the first is what a case uses when nothing runs, the others are what the search in a
sandbox tries next when the tool rejects the first (a bounded, ordered list, so
generation stays deterministic). Where two operands of the same kind come together
(``compare VERSION1 VERSION2``), the second takes the next value, a larger one.
An empty list means the help says nothing this module knows: the caller falls back
to its own guesses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..analysis.spec import Option, Positional, value_type_of

INPUT_FILE, SECOND_FILE = "input.txt", "input2.txt"  # the files every probe folder has

# (kind, pattern over the value's NAME, pattern over its help sentence, values). The
# values of a kind go from the most ordinary one to less common forms; for kinds with an
# order (versions, numbers, dates) each is larger than the one before, so two operands
# of one kind (``FIRST LAST``, ``OLD NEW``) get an increasing pair.
KINDS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("key-value", r"KEY=VAL|NAME=VAL|=VALUE|\bK=V\b|\bPAIR", r"\bkey=value\b|name=value",
     ("key=value", "name=example", "a=1")),
    ("json", r"\bJSON\b", r"\bjson\b", ('{"a": 1}', "[1, 2]", '"text"', "1")),
    ("version", r"VERSION|\bVER\d?\b|\bSEMVER\b|\bREV\b", r"\bversions?\b|\bsemver\b",
     ("1.2.3", "1.3.0", "2.0.0", "1.2.3-rc.1", "1.2", "1")),
    ("url", r"\bURL|\bURI\b|\bLINK\b|ENDPOINT", r"\burls?\b|\buri\b|https?://",
     ("http://127.0.0.1:9/", "https://example.com/path?q=1", "example.com")),
    ("email", r"E?MAIL", r"\be-?mail\b", ("user@example.com", "other@example.org")),
    ("datetime", r"DATETIME|TIMESTAMP", r"\btimestamp\b|date and time",
     ("2024-01-02T03:04:05", "2024-03-04T05:06:07", "1704164645")),
    ("date", r"\bDATE", r"\bdates?\b|yyyy-mm-dd",
     ("2024-01-02", "2024-03-04", "2024/01/02", "02.01.2024")),
    ("time", r"\bTIME\b|\bCLOCK", r"\btime of day\b|hh:mm",
     ("12:34:56", "13:45:00", "12:34")),
    # short ones first: a run waiting that long costs it (``sleep``, ``timeout``)
    ("duration", r"DURATION|TIMEOUT|DELAY|INTERVAL|SECONDS", r"\bduration\b|\bseconds\b",
     ("1", "0.5", "1s", "0.2s", "1.5", "2")),
    # a signal's name: KILL first, the one a process cannot catch (``timeout -s KILL``:
    # the status tells it from the default TERM)
    ("signal", r"^SIG(NAL)?$", r"(?!)", ("KILL", "HUP", "INT", "9")),
    ("size", r"\bSIZE\b|\bBYTES\b", r"\bsize\b|\bbytes\b", ("2", "1K", "3", "1")),
    ("number", r"\bN\d?\b|\bNUM(BER)?S?\d?\b|COUNT|\bINT(EGER)?\b|AMOUNT|\bLIMIT|\bDEPTH"
     r"|\bLEVEL|\bWIDTH|\bPORT\b|\bFIRST\b|\bLAST\b|INCREMENT|\bSTEP\b",
     r"\bnumber of\b|\bhow many\b|\binteger\b", ("2", "3", "1", "10", "0")),
    ("float", r"\bFLOAT\b|\bRATIO\b|\bRATE\b|\bFACTOR\b|\bPERCENT", r"\bfloat\b|\bratio\b",
     ("1.5", "2.5", "0.5", "1")),
    # a file's mode (``chmod OCTAL-MODE``, ``-m MODE``): ones that keep the owner's
    # read and write (a case after it still writes its files)
    ("mode", r"OCTAL|^MODE$|\bPERM(ISSION)?S?\b", r"\bpermission|\bfile mode\b|\bmode bits\b",
     ("644", "600", "u+x", "go-w", "755")),
    ("directory", r"\bDIR(ECTORY)?S?\d?\b|FOLDER", r"\bdirectory\b|\bfolder\b",
     (".", "/tmp")),
    ("file", r"FILE|\bPATHS?\d?\b|\bINPUT\d?\b", r"\bfiles?\b|\bpaths?\b",
     (INPUT_FILE, SECOND_FILE)),
    ("pattern", r"PATTERN|REGEX|REGEXP|\bGLOB\b", r"regular expression|\bregex|\bpattern",
     ("a", "^t", "e$", "[0-9]")),
    ("hash", r"\bHASH\b|\bSHA\b|\bDIGEST\b|\bCOMMIT\b",
     r"\bhash\b|\bdigest\b|\bchecksum\b",
     ("d41d8cd98f00b204e9800998ecf8427e", "0123456789abcdef0123456789abcdef01234567")),
    ("uuid", r"\bUUID\b|\bGUID\b", r"\buuid\b", ("123e4567-e89b-12d3-a456-426614174000",)),
    ("host", r"\bHOST(NAME)?\b|\bADDR(ESS)?\b|\bIP\b", r"\bhost ?name\b|\bip address\b",
     ("127.0.0.1", "localhost", "::1")),
    ("locale", r"\bLANG\b|\bLOCALE\b", r"\blocale\b|\blanguage\b", ("C", "en_US.UTF-8")),
    ("color", r"\bCOLOU?R\b", r"\bcolou?r\b", ("red", "#ff0000", "auto")),
    # Go's flag package and cobra name a bool value ``bool`` (``--on bool``)
    ("bool", r"^BOOL(EAN)?$", r"(?!)", ("true", "false")),
    # format strings, told apart by the help sentence (see :func:`value_kind`)
    ("strftime", r"(?!)", r"(?!)", ("%Y-%m-%d", "%H:%M:%S", "%Y")),
    ("printf", r"(?!)", r"(?!)", ("%.2f", "%5.1f", "%x", "%d")),
)
# What analysis's value types say, for items whose name says nothing this table knows.
_BY_TYPE: dict[str, str] = {
    "int": "number", "float": "float", "url": "url", "email": "email", "date": "date",
    "duration": "duration", "size": "size", "path": "file", "file": "file",
    "directory": "directory", "regex": "pattern",
}
_VALUES = {kind: values for kind, _, _, values in KINDS}


def name_of(item: Option | Positional) -> str:
    """The word that names ``item``'s value: the metavar, else the operand's name."""
    name = item.value_name if isinstance(item, Option) else item.name
    return (name or "").strip("<>[]{}.").replace("-", "_")


def value_kind(item: Option | Positional) -> str | None:
    """The kind of value ``item`` wants (a key of :data:`KINDS`), from its name first,
    then its help sentence, then analysis's value type; ``None`` when nothing says."""
    if item.choices:
        return "choice"
    if range_values(item):
        return "range"
    raw = (item.value_name if isinstance(item, Option) else item.name) or ""
    if _DATE_FORMAT.search(raw):
        return "formatted-date"
    name = name_of(item).upper()
    if re.search(r"FORMAT|FMT|\bTEMPLATE\b", name):  # a date format, or printf's
        if re.search(r"strftime|\bdates?\b|\btimes?\b|%[YmdHMS]", item.description, re.I):
            return "strftime"
        if re.search(r"printf|format string|%[-+ 0-9.]*[dfgsx]\b", item.description, re.I):
            return "printf"
    several = isinstance(item, Option) and len(item.value_names) > 1
    for kind, by_name, _, _ in KINDS:
        # ``--pair PAIR PAIR``: the pair's two halves, each no ``key=value``
        if name and re.search(by_name, name) and not (several and kind == "key-value"):
            return kind
    # the help sentence: its first clause (``First version``, ``the URL to fetch``);
    # of an option taking several values it speaks of the last (``--argjson NAME
    # VALUE``: "set $NAME to the JSON value"), see :func:`further_values`
    text = "" if several else item.description.split(". ")[0]
    for kind, _, by_text, _ in KINDS:
        if text and re.search(by_text, text, re.IGNORECASE):
            return kind
    found = value_type_of(item)
    return _BY_TYPE.get(found or "")


# click's and typer's ranges: ``[0<=x<=10]``, ``[x>=1]``, ``[0<x<1]``
_RANGE = re.compile(r"\[(?:(?P<lo>-?\d+(?:\.\d+)?)(?P<lop><=?))?x(?:(?P<hip><=?)"
                    r"(?P<hi>-?\d+(?:\.\d+)?))?\]|\[x(?P<gop>>=?)(?P<glo>-?\d+(?:\.\d+)?)\]")
_USUAL_NUMBERS = ("2", "3", "1", "0", "4", "8", "7")
# a value named by its strftime format (typer's ``<%Y-%m-%d>``, click's ``[%Y-%m-%d|...]``)
_DATE_FORMAT = re.compile(r"%[YmdHMSbBjaAyIp]")
_WHEN = (2024, 1, 2, 3, 4, 5)


def range_values(item: Option | Positional) -> list[str]:
    """Numbers inside the range the help states (``[0<=x<=10]``, ``[x>=1]``), the usual
    ones first (2, 3, 1, ...: see :func:`.evidence.numeric_values`) then the range's two
    ends; a float range: its middle, then its ends. Empty when no range is stated."""
    text = f"{getattr(item, 'value_name', '') or ''} {item.description}"
    match = _RANGE.search(text)
    if match is None or not (match.group("lo") or match.group("hi") or match.group("glo")):
        return []
    lo_text = match.group("lo") or match.group("glo")
    hi_text = match.group("hi")
    strict_lo = (match.group("lop") or match.group("gop") or "") in ("<", ">")
    strict_hi = match.group("hip") == "<"
    floating = "." in text[match.start():match.end()] or re.search(
        r"\bfloat", text, re.IGNORECASE) is not None
    if floating:
        lo = float(lo_text) if lo_text else None
        hi = float(hi_text) if hi_text else None
        middle = (lo + hi) / 2 if lo is not None and hi is not None else \
            (lo + 1.5 if lo is not None else (hi or 0.0) - 1.5)
        edges = [x for x, strict in ((lo, strict_lo), (hi, strict_hi))
                 if x is not None and not strict]
        return list(dict.fromkeys(f"{x:g}" for x in [middle, *edges]))
    low = int(float(lo_text)) + strict_lo if lo_text else None
    high = int(float(hi_text)) - strict_hi if hi_text else None
    inside = [v for v in _USUAL_NUMBERS if (low is None or int(v) >= low)
              and (high is None or int(v) <= high)]
    ends = [str(x) for x in (low, high) if x is not None]
    if not inside and low is not None:
        inside = [str(low + 1)] if high is None or low + 1 <= high else []
    return list(dict.fromkeys([*inside, *ends]))


def _formatted_dates(item: Option | Positional) -> list[str]:
    """A date written in each strftime format the value's name gives, and a later one."""
    import datetime

    name = (item.value_name if isinstance(item, Option) else item.name) or ""
    formats = [f for f in name.strip("<>[]").split("|") if _DATE_FORMAT.search(f)]
    first, later = datetime.datetime(*_WHEN), datetime.datetime(2024, 3, 4, 5, 6, 7)
    return list(dict.fromkeys([*(first.strftime(f) for f in formats), later.strftime(
        formats[0])])) if formats else []


def typed_candidates(item: Option | Positional, index: int = 0) -> list[str]:
    """The values to try for ``item``, best first (see the module); ``index``: which
    operand of its kind this is, so the second of two starts one value later. Empty
    when the help says nothing known (the caller's own guesses apply)."""
    kind = value_kind(item)
    if kind == "choice":
        return list(item.choices or [])
    if kind == "range":
        return range_values(item)
    if kind == "formatted-date":
        return _formatted_dates(item)
    if kind is None:
        return []
    values = list(_VALUES[kind])
    if kind == "file" and index:
        values = [SECOND_FILE, INPUT_FILE]
    elif index and kind not in ("file", "directory") and len(values) > 1:
        shift = index % len(values)
        values = values[shift:] + values[:shift]
    return values


# What says a number may have a fraction (a duration, a ratio, a threshold), and the
# unit suffixes a help documents for times and for sizes.
_FRACTIONAL = re.compile(r"floating[- ]point|\bfloat\b|need not be an integer|\bfraction|"
                         r"\bdecimal\b|\bratio\b|\bseconds?\b|\bduration\b|\binterval\b",
                         re.IGNORECASE)
_SECOND_UNIT = re.compile(r"['\"`]s['\"`]? (?:for|means?|=) seconds|\bs(?:ec)?\b[^.]{0,20}\bseconds\b"
                          r"|\d(?:\.\d+)?s\b", re.IGNORECASE)
_MINUTE_UNIT = re.compile(r"['\"`]m['\"`]? (?:for|means?|=) minutes", re.IGNORECASE)
_SIZE_UNITS = re.compile(r"\b(?:suffix(?:es)?|multiplicative|units?)\b[^.]{0,60}\b(?:K|KB|KiB|k)\b"
                         r"|\bK=1024\b|\bK,\s*M,\s*G\b")


def fractional_values(item: Option | Positional, text: str = "") -> list[str]:
    """Values of a number beyond whole ones, for what the help says of it (its value
    name, its sentence and ``text``, e.g. the command's summary): small and
    fractional ones for a duration, a ratio or a threshold (``0.5``, ``1.5``,
    ``0.1``; ``sleep 0.5``, ``timeout 0.2``), then the unit forms it documents
    (``0.2s`` and ``0.01m`` for times, ``1K`` and ``2K`` for sizes). Empty when the
    help says the number is none of these."""
    name = (item.value_name if isinstance(item, Option) else item.name) or ""
    said = f"{name} {item.description} {text}"
    out: list[str] = []
    if _FRACTIONAL.search(said) or value_type_of(item) in ("float", "duration") or \
            value_kind(item) in ("float", "duration"):
        out += ["0.5", "1.5", "0.1"]
        if _SECOND_UNIT.search(said):
            out.append("0.2s")
        if _MINUTE_UNIT.search(said):
            out.append("0.01m")
    if _SIZE_UNITS.search(said):
        out += ["1K", "2K"]
    return out


def further_values(option: Option, first: str) -> list[str]:
    """The values after ``first`` of an option taking several at once (``--arg NAME
    VALUE``, ``--size W H``; empty for an option taking one): each for what its own
    name says (``<TEXT INTEGER>``: a number second), the last also for what the help
    sentence says (``--argjson a v``, "JSON value <v>"); a value named like nothing
    known is the next number after a numeric ``first`` (``--size 2 3``), else a word."""
    out: list[str] = []
    names = option.value_names
    for index, name in enumerate(names[1:], start=1):
        last = index == len(names) - 1
        item = Positional(name=name, description=option.description if last else "")
        typed = typed_candidates(item, index)
        if value_kind(item) == "key-value" and "=" not in name:
            typed = []  # ``--pair PAIR PAIR``: the second half of the pair
        if typed and value_kind(item) in ("number", "float") and re.fullmatch(r"\d+", first):
            typed = [str(int(first) + index)]
        if typed:
            out.append(typed[0])
        elif re.fullmatch(r"[+-]?\d+", first):
            out.append(str(int(first) + index))
        else:
            out.append("value" if index == 1 else f"value{index}")
    return out


def option_words(option: Option, value: str) -> list[str]:
    """The words a command line gives ``option`` with ``value``: the flag and the value
    (``--flag=value`` for a value the option takes only optionally), then the values
    after it of an option taking several (:func:`further_values`)."""
    flag = option.primary
    if option.value_optional:
        return [f"{flag}={value}"] if flag.startswith("--") else [f"{flag}{value}"]
    return [flag, value, *further_values(option, value)]


# Kinds the callers' own guesses already cover (numbers, files, directories, patterns,
# sizes): for these the typed values only come when the caller has none.
COVERED = frozenset({"number", "float", "file", "directory", "pattern", "size"})
# Kinds a value's NAME says without doubt (``KEY=VALUE``, ``JSON``, ``URL``,
# ``TIMEOUT``): the option search tries their values before any guess of its own.
NAMED = frozenset({"key-value", "json", "version", "url", "email", "datetime", "date",
                   "time", "duration", "uuid", "hash", "host", "bool", "strftime", "range",
                   "formatted-date"})


def extra_candidates(item: Option | Positional, index: int = 0) -> list[str]:
    """:func:`typed_candidates` for the kinds callers do not cover themselves
    (versions, URLs, pairs, JSON, dates, ...); empty otherwise."""
    kind = value_kind(item)
    if kind is None or kind == "choice" or kind in COVERED:
        return []
    return typed_candidates(item, index)


def named_candidates(option: Option) -> list[str]:
    """The values of a kind the option's value name says without doubt (:data:`NAMED`:
    ``--set KEY=VALUE``, ``--timeout duration``, ``--since DATE``) or a date format its
    help describes; empty otherwise, and for an option with choices."""
    if option.choices:
        return []
    kind = value_kind(option)
    name = name_of(option).upper()
    by_name = next((k for k, pattern, _, _ in KINDS if name and re.search(pattern, name)),
                   None)
    if kind in NAMED and (kind == by_name or kind in ("strftime", "range", "formatted-date")):
        return typed_candidates(option)
    return []


# The type names Go's flag package, cobra and typer write as the value name (``--count
# int``): never a literal value, unlike ``--check=diagnose-first``.
TYPE_NAMES = frozenset({
    "string", "strings", "str", "text", "int", "int8", "int16", "int32", "int64", "uint",
    "uint8", "uint16", "uint32", "uint64", "integer", "float", "float32", "float64",
    "decimal", "number", "num", "bool", "boolean", "duration", "list", "bytes", "ip",
    "ipnet", "ipmask", "count", "value", "port", "path", "file", "dir", "name",
    "datetime", "date", "time", "uuid", "url", "email", "enum", "choice",
})


def literal_value(option: Option) -> str | None:
    """The literal value a help writes in place of a value name (``--check=diagnose-
    first``: a lower-case word), ``None`` when it writes a name or a type (``--count
    int``, see :data:`TYPE_NAMES`)."""
    name = option.value_name
    if name and re.fullmatch(r"[a-z][a-z0-9-]+", name) and name not in TYPE_NAMES:
        return name
    return None


def tried_note(words: Sequence[str], tried: Sequence[Sequence[str]]) -> str:
    """The reviewer's note for a command whose operands no candidate made work."""
    shown = "; ".join(" ".join(combo) or "(none)" for combo in tried[:8])
    more = f" and {len(tried) - 8} more" if len(tried) > 8 else ""
    return (f"no working operand values for `{' '.join(words)}`: tried {shown}{more}; "
            "its cases run with the first: review them, or give the spec an example value")
