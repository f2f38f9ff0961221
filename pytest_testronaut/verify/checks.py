"""The deterministic checks, written once: exit code, contains, not_contains, regex,
JSON equality and JSON subset; plus the one excerpt and the one unified diff that every
failure message uses.

``RunResult.assert_*`` (the sandbox) and plan cases (``plans/execute.py``) both call
these, so an expectation means the same thing in a Python test and in a YAML plan.
Each check returns a :class:`Verdict` (tier ``deterministic``, or ``structural`` for
JSON) whose ``expected``/``actual`` say what was wanted and what was seen. Pure
functions: no pytest, no Docker, no LLM.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from typing import Any, Literal

from .verdict import Verdict

__all__ = [
    "EXIT_WORDS",
    "JsonMatch",
    "check_contains",
    "check_exit",
    "check_json",
    "check_json_equal",
    "check_json_subset",
    "check_not_contains",
    "check_regex",
    "escape_nonprintable",
    "excerpt",
    "exit_matches",
    "json_equal",
    "json_mismatch",
    "json_subset",
    "line_opcodes",
    "parse_json",
    "regex_search",
    "unified_diff",
    "validate_exit",
]

EXIT_WORDS = ("success", "failure")
JsonMatch = Literal["equal", "subset"]

EXCERPT_CHARS = 2000
MAX_DIFF_LINES = 400
NO_NEWLINE = "\\ no newline at end"


# --- text shown to people -------------------------------------------------------------
def escape_nonprintable(text: str, keep: str = "\n\t") -> str:
    """``text`` with every non-printable character (but those in ``keep``) written as an
    escape: NUL as ``\\x00``, ESC as ``\\x1b``, a carriage return as ``\\r``, an invisible
    Unicode control as ``\\u202e``. Output shown in a terminal must never carry bytes
    that the terminal would act on (or that would hide text)."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch in keep else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    if ch == "\r":
        return "\\r"
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` cut to about ``limit`` characters (its head and its tail, with a note of
    how much was left out), non-printable characters escaped; newlines and tabs stay."""
    if len(text) > limit:
        half = limit // 2
        return (escape_nonprintable(text[:half])
                + f"\n[... {len(text) - 2 * half} characters ...]\n"
                + escape_nonprintable(text[-half:]))
    return escape_nonprintable(text)


def unified_diff(expected: str, actual: str, *, fromfile: str = "expected",
                 tofile: str = "actual", context: int = 3,
                 max_lines: int = MAX_DIFF_LINES) -> str:
    """A unified diff of expected versus actual ("" when they are equal).

    Lines split on ``\\n`` only. When one text ends with a newline and the other does
    not, the last line of the one without is followed by a visible
    ``\\ no newline at end`` note (so ``"a\\n"`` versus ``"a"`` shows a difference).
    Non-printable characters are escaped (``\\x00``, ``\\r``, ``\\x1b``, ...) so a diff
    never sends them to a terminal. More than ``max_lines`` lines are cut with a note.
    """
    if expected == actual:
        return ""
    left, left_open = _lines(expected)
    right, right_open = _lines(actual)
    # Mark the unterminated last line only where the two texts disagree, so that it
    # differs from the same line with a newline; agreeing texts need no note. The mark
    # is a tuple in place of the line, which equals no line (and other lines stay
    # plain strings: no tuple per line of a long output).
    old: list[str | tuple[str]] = list(left)
    new: list[str | tuple[str]] = list(right)
    if left_open != right_open:
        marked = old if left_open else new
        if marked:
            marked[-1] = (str(marked[-1]),)
    out = [f"--- {fromfile}", f"+++ {tofile}"]
    total = len(out)  # the lines of the whole diff; only the first max_lines are made

    def emit(prefix: str, items: list[str | tuple[str]]) -> None:
        nonlocal total
        if len(out) > max_lines:  # past the cut: count, do not make
            total += len(items) + sum(not isinstance(item, str) for item in items)
            return
        for item in items:
            line = item if isinstance(item, str) else item[0]
            out.append(prefix + escape_nonprintable(line, keep="\t"))
            total += 1
            if not isinstance(item, str):
                out.append(NO_NEWLINE)
                total += 1

    matcher = _Opcodes(line_opcodes(old, new))
    for group in matcher.get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        out.append(f"@@ -{_hunk_range(first[1], last[2])} "
                   f"+{_hunk_range(first[3], last[4])} @@")
        total += 1
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                emit(" ", old[i1:i2])
                continue
            if tag in ("replace", "delete"):
                emit("-", old[i1:i2])
            if tag in ("replace", "insert"):
                emit("+", new[j1:j2])
    if total > max_lines:
        out = [*out[:max_lines], f"... ({total - max_lines} more diff lines)"]
    return "\n".join(out)


# Above this many lines in all, a diff looks only at what lies between the common
# head and tail, and at most LARGE_DIFF_WINDOW lines of that on each side:
# difflib's matching grows with the product of the lengths.
LARGE_DIFF_LINES = 4000
LARGE_DIFF_WINDOW = 1500
Opcode = tuple[Literal["replace", "delete", "insert", "equal"], int, int, int, int]


def line_opcodes(old: list[Any], new: list[Any]) -> list[Opcode]:
    """``difflib.SequenceMatcher(None, old, new).get_opcodes()``, bounded in time for
    long inputs: the common first and last lines are equal without matching, and past
    a window of the rest the remainder is one ``replace``."""
    if len(old) + len(new) <= LARGE_DIFF_LINES:
        return difflib.SequenceMatcher(None, old, new).get_opcodes()
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while (tail < min(len(old), len(new)) - head
           and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]):
        tail += 1
    old_end, new_end = len(old) - tail, len(new) - tail
    old_cut = min(old_end, head + LARGE_DIFF_WINDOW)
    new_cut = min(new_end, head + LARGE_DIFF_WINDOW)
    codes: list[Opcode] = [("equal", 0, head, 0, head)] if head else []
    inner = difflib.SequenceMatcher(None, old[head:old_cut], new[head:new_cut], autojunk=False)
    codes += [(tag, i1 + head, i2 + head, j1 + head, j2 + head)
              for tag, i1, i2, j1, j2 in inner.get_opcodes()]
    if old_cut < old_end and new_cut < new_end:
        codes.append(("replace", old_cut, old_end, new_cut, new_end))
    elif old_cut < old_end:
        codes.append(("delete", old_cut, old_end, new_cut, new_end))
    elif new_cut < new_end:
        codes.append(("insert", old_cut, old_end, new_cut, new_end))
    if tail:
        codes.append(("equal", old_end, len(old), new_end, len(new)))
    return [code for code in codes if code[1] != code[2] or code[3] != code[4]]


class _Opcodes(difflib.SequenceMatcher[Any]):
    """A matcher that groups the given opcodes (``get_grouped_opcodes``)."""

    def __init__(self, codes: list[Opcode]) -> None:
        super().__init__(None, [], [])
        self._codes = codes

    def get_opcodes(self) -> list[Opcode]:
        return self._codes


def _lines(text: str) -> tuple[list[str], bool]:
    """The lines of ``text`` and whether its last line lacks a newline. Not
    ``str.splitlines``: it also splits on ``\\r``, ``\\x0b``, ``\\x1c``, ..., which are
    content (shown escaped), not line ends."""
    lines = text.split("\n")
    if lines[-1] == "":
        return lines[:-1], False
    return lines, True


def _hunk_range(start: int, stop: int) -> str:
    # As difflib's unified format: 1-based start, length omitted when 1.
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


# --- exit code --------------------------------------------------------------------------
def validate_exit(expected: object) -> int | str:
    """``expected`` if it is an exit code (an int, not a bool) or ``"success"`` /
    ``"failure"``; a ``ValueError`` naming the allowed forms otherwise."""
    if isinstance(expected, bool) or not isinstance(expected, int | str) or (
            isinstance(expected, str) and expected not in EXIT_WORDS):
        raise ValueError(f"an exit expectation is an exit code, 'success' or 'failure', "
                         f"not {expected!r}")
    return expected


def exit_matches(expected: int | str, code: int) -> bool:
    """Whether exit ``code`` meets ``expected``: ``"success"`` is 0, ``"failure"`` any
    non-zero code, a number that exact code."""
    expected = validate_exit(expected)
    if expected == "success":
        return code == 0
    if expected == "failure":
        return code != 0
    return code == expected


def check_exit(expected: int | str, code: int) -> Verdict:
    """The exit-code check (``ValueError`` for an expectation that is not one)."""
    ok = exit_matches(expected, code)
    return _verdict(ok, f"exited {code}" + ("" if ok else f", expected {expected}"),
                    expected=str(expected), actual=str(code))


# --- text -------------------------------------------------------------------------------
def check_contains(text: str, needles: str | Iterable[str]) -> Verdict:
    """Every needle occurs in ``text``; ``evidence["missing"]`` lists those that do not."""
    wanted = _needles(needles)
    missing = [n for n in wanted if n not in text]
    explanation = (f"lacks {missing!r}" if missing
                   else f"contains {_listed(wanted)}")
    return _verdict(not missing, explanation, expected=_listed(wanted),
                    actual=excerpt(text), evidence={"missing": missing})


def check_not_contains(text: str, needles: str | Iterable[str]) -> Verdict:
    """No needle occurs in ``text``; ``evidence["found"]`` lists those that do."""
    banned = _needles(needles)
    found = [n for n in banned if n in text]
    explanation = f"contains {found!r}" if found else f"has none of {_listed(banned)}"
    return _verdict(not found, explanation, expected=f"no {_listed(banned)}",
                    actual=excerpt(text), evidence={"found": found})


def regex_search(pattern: str | re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of ``pattern`` anywhere in ``text``, with ``^``/``$`` matching
    at every line (``re.MULTILINE``), as plans and ``assert_matches`` mean it."""
    if isinstance(pattern, re.Pattern):
        return pattern.search(text)
    return re.search(pattern, text, re.MULTILINE)


def check_regex(text: str, pattern: str | re.Pattern[str]) -> Verdict:
    """``pattern`` matches somewhere in ``text`` (:func:`regex_search`);
    ``evidence["match"]`` holds the matched text."""
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    match = regex_search(pattern, text)
    if match is None:
        return _verdict(False, f"does not match /{source}/", expected=f"/{source}/",
                        actual=excerpt(text))
    return _verdict(True, f"matches /{source}/", expected=f"/{source}/",
                    actual=excerpt(match.group(0)),
                    evidence={"match": match.group(0), "span": list(match.span())})


def _needles(needles: str | Iterable[str]) -> list[str]:
    return [needles] if isinstance(needles, str) else list(needles)


def _listed(needles: list[str]) -> str:
    return repr(needles[0]) if len(needles) == 1 else repr(needles)


# --- JSON -------------------------------------------------------------------------------
def parse_json(text: str | bytes) -> Any:
    """``text`` parsed as JSON (``ValueError`` when it is not JSON)."""
    return json.loads(text)


def json_equal(expected: Any, actual: Any) -> bool:
    """JSON equality: like ``==`` but ``true`` is not ``1`` and ``false`` is not ``0``."""
    return json_mismatch(expected, actual, subset=False) is None


def json_subset(expected: Any, actual: Any) -> bool:
    """Every key of each ``expected`` object is in ``actual`` with a matching value, and
    every item of each ``expected`` list matches some item of the ``actual`` list (in
    any order), recursively; other values are equal."""
    return json_mismatch(expected, actual, subset=True) is None


def json_mismatch(expected: Any, actual: Any, *, subset: bool, path: str = "$") -> str | None:
    """The first place where ``actual`` does not match ``expected`` (``None`` if it
    does), e.g. ``$.items[1].name='b', expected 'c'``."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            if subset and expected:
                key, value = next(iter(expected.items()))
                return (f"{_key(path, key)} is missing ({path} is {_kind(actual)}, not an "
                        f"object), expected {value!r}")
            return f"{path}={actual!r}, expected {expected!r}"
        for key, value in expected.items():
            if key not in actual:
                return f"{_key(path, key)} is missing, expected {value!r}"
            found = json_mismatch(value, actual[key], subset=subset, path=_key(path, key))
            if found is not None:
                return found
        if not subset:
            extra = [k for k in actual if k not in expected]
            if extra:
                return f"{path} has unexpected keys {extra!r}"
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return f"{path}={actual!r}, expected a list {expected!r}"
        if subset:
            # The plan's meaning: each expected item matches some actual item, in any order.
            for index, item in enumerate(expected):
                if not any(json_mismatch(item, a, subset=True) is None for a in actual):
                    return f"no item of {path} matches expected item [{index}] {item!r}"
            return None
        if len(expected) != len(actual):
            return (f"{path} has {len(actual)} items, expected {len(expected)}: "
                    f"{actual!r}, expected {expected!r}")
        for index, (want, got) in enumerate(zip(expected, actual, strict=True)):
            found = json_mismatch(want, got, subset=False, path=f"{path}[{index}]")
            if found is not None:
                return found
        return None
    # JSON has one number type (1 == 1.0) but true is not 1.
    if isinstance(expected, bool) != isinstance(actual, bool) or expected != actual:
        return f"{path}={actual!r}, expected {expected!r}"
    return None


def check_json_equal(expected: Any, actual: Any) -> Verdict:
    """Parsed JSON ``actual`` equals ``expected`` (:func:`json_equal`)."""
    return _json_verdict(expected, actual, "equal")


def check_json_subset(expected: Any, actual: Any) -> Verdict:
    """Parsed JSON ``actual`` contains ``expected`` (:func:`json_subset`)."""
    return _json_verdict(expected, actual, "subset")


def check_json(text: str | bytes, expected: Any, *, match: JsonMatch = "subset") -> Verdict:
    """``text`` is JSON that equals (``match="equal"``) or contains (``"subset"``)
    ``expected``; text that is not JSON fails with the parse error as evidence."""
    if match not in ("equal", "subset"):
        raise ValueError(f"match must be 'equal' or 'subset', not {match!r}")
    try:
        data = parse_json(text)
    except ValueError as exc:
        shown = text.decode("utf-8", errors="replace") if isinstance(text, bytes) else text
        return Verdict(outcome="fail", tier="structural", confidence=1.0,
                       explanation=f"is not JSON ({exc})", expected="valid JSON",
                       actual=excerpt(shown), evidence={"error": str(exc)})
    return _json_verdict(expected, data, match)


def _json_verdict(expected: Any, actual: Any, match: JsonMatch) -> Verdict:
    mismatch = json_mismatch(expected, actual, subset=match == "subset")
    want, got = _dump(expected), _dump(actual)
    if mismatch is None:
        what = "equals" if match == "equal" else "contains"
        return Verdict(outcome="pass", tier="structural", confidence=1.0,
                       explanation=f"the JSON {what} the expected value", expected=want,
                       actual=got, evidence={"match": match})
    return Verdict(outcome="fail", tier="structural", confidence=1.0,
                   explanation=mismatch, diff=unified_diff(want, got) or None,
                   expected=want, actual=got, evidence={"match": match})


def _dump(value: Any) -> str:
    # A final newline, so the diff carries no "no newline" notes about our own dump.
    try:
        return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False,
                          default=repr) + "\n"
    except TypeError:  # keys of mixed types cannot be sorted
        return json.dumps(value, indent=2, ensure_ascii=False, default=repr) + "\n"


def _key(path: str, key: object) -> str:
    name = str(key)
    return f"{path}.{name}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", name) else (
        f"{path}[{name!r}]")


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return type(value).__name__


def _verdict(ok: bool, explanation: str, *, expected: str, actual: str,
             evidence: dict[str, Any] | None = None) -> Verdict:
    return Verdict(outcome="pass" if ok else "fail", tier="deterministic", confidence=1.0,
                   explanation=explanation, expected=expected, actual=actual,
                   evidence=evidence or {})
