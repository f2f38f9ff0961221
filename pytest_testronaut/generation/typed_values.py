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
    ("duration", r"DURATION|TIMEOUT|DELAY|INTERVAL|SECONDS", r"\bduration\b|\bseconds\b",
     ("1", "2", "1s", "2s")),
    ("size", r"\bSIZE\b|\bBYTES\b", r"\bsize\b|\bbytes\b", ("2", "1K", "3", "1")),
    ("number", r"\bN\d?\b|\bNUM(BER)?S?\d?\b|COUNT|\bINT(EGER)?\b|AMOUNT|\bLIMIT|\bDEPTH"
     r"|\bLEVEL|\bWIDTH|\bPORT\b|\bFIRST\b|\bLAST\b|INCREMENT|\bSTEP\b",
     r"\bnumber of\b|\bhow many\b|\binteger\b", ("2", "3", "1", "10", "0")),
    ("float", r"\bFLOAT\b|\bRATIO\b|\bRATE\b|\bFACTOR\b|\bPERCENT", r"\bfloat\b|\bratio\b",
     ("1.5", "2.5", "0.5", "1")),
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
    name = name_of(item).upper()
    for kind, by_name, _, _ in KINDS:
        if name and re.search(by_name, name):
            return kind
    # the help sentence: its first clause (``First version``, ``the URL to fetch``)
    text = item.description.split(". ")[0]
    for kind, _, by_text, _ in KINDS:
        if text and re.search(by_text, text, re.IGNORECASE):
            return kind
    found = value_type_of(item)
    return _BY_TYPE.get(found or "")


def typed_candidates(item: Option | Positional, index: int = 0) -> list[str]:
    """The values to try for ``item``, best first (see the module); ``index``: which
    operand of its kind this is, so the second of two starts one value later. Empty
    when the help says nothing known (the caller's own guesses apply)."""
    kind = value_kind(item)
    if kind == "choice":
        return list(item.choices or [])
    if kind is None:
        return []
    values = list(_VALUES[kind])
    if kind == "file" and index:
        values = [SECOND_FILE, INPUT_FILE]
    elif index and kind not in ("file", "directory") and len(values) > 1:
        shift = index % len(values)
        values = values[shift:] + values[:shift]
    return values


# Kinds the callers' own guesses already cover (numbers, files, directories, patterns,
# sizes): for these the typed values only come when the caller has none.
COVERED = frozenset({"number", "float", "file", "directory", "pattern", "size", "duration"})


def extra_candidates(item: Option | Positional, index: int = 0) -> list[str]:
    """:func:`typed_candidates` for the kinds callers do not cover themselves
    (versions, URLs, pairs, JSON, dates, ...); empty otherwise."""
    kind = value_kind(item)
    if kind is None or kind == "choice" or kind in COVERED:
        return []
    return typed_candidates(item, index)


def tried_note(words: Sequence[str], tried: Sequence[Sequence[str]]) -> str:
    """The reviewer's note for a command whose operands no candidate made work."""
    shown = "; ".join(" ".join(combo) or "(none)" for combo in tried[:8])
    more = f" and {len(tried) - 8} more" if len(tried) > 8 else ""
    return (f"no working operand values for `{' '.join(words)}`: tried {shown}{more}; "
            "its cases run with the first: review them, or give the spec an example value")
