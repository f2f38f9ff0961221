"""Text helpers every help-style parser shares.

Parsers differ in where they look (section names, usage shapes); the pieces they look
at are the same everywhere: a flag spec such as ``-o FILE, --output=FILE``, a
description that may carry ``[default: x]`` or ``[possible values: a, b]``, a value
name that hints at a type. Those pieces are parsed here, once (the type itself is
decided by :func:`.spec.infer_value_type`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Parsers import the one value-type inference from here, with the other help helpers.
from .spec import infer_value_type as infer_value_type

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x08.")
# characters that only decorate: zero-width spaces, byte-order marks
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff"), None)
_BOX_TOP = re.compile(r"^\s*[╭┌]─+\s*(?P<title>[^─╮┐]*?)\s*─*[╮┐]\s*$")
_BOX_BOTTOM = re.compile(r"^\s*[╰└]─*[╯┘]\s*$")
_BOX_ROW = re.compile(r"^\s*[│┃](?P<body>.*?)[│┃]\s*$")

FLAG_RE = re.compile(r"^--?(?:\[no-\])?[A-Za-z0-9?#@][\w.?@#+-]*")
_SPLIT_COLUMNS = re.compile(r"\s{2,}|\t+")


def normalize_text(text: str) -> str:
    """Plain text: no ANSI colours, no box drawing, tabs expanded, no invisible chars.

    Rich panels (``╭─ Options ─╮ / │ ... │ / ╰─╯``) become an ``Options:`` heading
    followed by the panel's rows, so box-drawn help parses like plain help.
    """
    text = _ANSI.sub("", text).translate(_INVISIBLE).replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for raw in text.split("\n"):
        line = unicodedata.normalize("NFKC", raw).expandtabs(8).rstrip()
        top = _BOX_TOP.match(line)
        if top:
            out.append(f"{top.group('title') or 'Section'}:")
            continue
        if _BOX_BOTTOM.match(line):
            out.append("")
            continue
        row = _BOX_ROW.match(line)
        if row:
            out.append(" " + row.group("body").rstrip())
            continue
        out.append(line)
    return "\n".join(out)


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def split_columns(text: str) -> list[str]:
    """Split a help row at runs of two or more spaces (the column gaps)."""
    return [cell for cell in _SPLIT_COLUMNS.split(text.strip()) if cell]


def split_entry(text: str) -> tuple[str, str]:
    """``"-a, --all   do not ignore"`` -> (flag spec, description on the same line).
    A gap after a comma that a flag follows (``-s,  --indent-size``) is within the
    flag list, not the column gap."""
    stripped = text.strip()
    for match in _SPLIT_COLUMNS.finditer(stripped):
        if stripped[: match.start()].endswith(",") and stripped[match.end():].startswith("-"):
            continue
        return stripped[: match.start()], stripped[match.end() :].strip()
    return stripped, ""


def split_top(text: str, separators: str = "") -> list[str]:
    """Split at spaces (and ``separators``) outside brackets: ``[-o FILE] <x>`` -> two."""
    tokens: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char in "[{(<":
            depth += 1
        elif char in "]})>":
            depth = max(0, depth - 1)
        if depth == 0 and (char.isspace() or char in separators):
            if current:
                tokens.append(current)
            current = ""
            continue
        current += char
    if current:
        tokens.append(current)
    return tokens


def tokenize_spec(spec: str) -> list[str]:
    """Split a flag spec at spaces, commas and bars that are outside brackets."""
    return [t for t in split_top(spec, ",|") if t not in ("/", "|")]


@dataclass
class FlagSpec:
    """What the left column of an option row says."""

    flags: list[str] = field(default_factory=list)
    value_name: str | None = None
    value_optional: bool = False
    repeatable: bool = False
    choices: list[str] | None = None

    @property
    def takes_value(self) -> bool:
        return self.value_name is not None or self.choices is not None


_ATTACHED = re.compile(r"^(?P<flag>--?(?:\[no-\])?[A-Za-z0-9?#@][\w.?@#+-]*?)"
                       r"(?P<rest>(?:\[?=|\[|<|=).*|\.\.\.)?$")


def _expand_no(flag: str) -> list[str]:
    """git's ``--[no-]quiet`` names two flags."""
    if flag.startswith("--[no-]"):
        base = flag[len("--[no-]") :]
        return [f"--{base}", f"--no-{base}"]
    return [flag]


def choices_from_value(value: str) -> list[str] | None:
    """``{a,b,c}`` (argparse) or ``[a|b|c]`` (click) or ``(a|b)`` -> the choices."""
    inner = value.strip()
    if len(inner) >= 2 and inner[0] + inner[-1] in ("{}", "[]", "()"):
        body = inner[1:-1]
        sep = "," if inner[0] == "{" else "|"
        if sep in body and "<" not in body and " " not in body:
            items = [i.strip() for i in body.split(sep)]
            if all(re.fullmatch(r"[\w.+-]+", i) for i in items):
                return items
    return None


def _clean_value_name(value: str) -> tuple[str, bool]:
    """Strip brackets and ``=`` from a value name; say whether it was optional."""
    optional = False
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        optional = True
        value = value[1:-1]
    value = value.lstrip("=")
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    return value.rstrip("."), optional


def parse_flag_spec(spec: str) -> FlagSpec | None:
    """Parse the flag column of an option row; ``None`` when it names no flag.

    Handles ``-a, --all``, ``-o FILE, --output=FILE``, ``--color[=WHEN]``,
    ``--line-length -n N``, ``--debug / --no-debug``, ``--[no-]quiet``,
    ``-S[<keyid>]``, ``-v, --verbose...``, ``--target [py33|py34]`` and
    ``--mode {a,b}``.
    """
    out = FlagSpec()
    bare: list[str] = []  # flags written without a value
    literal: list[str] = []  # flags written with a literal value: ``--check=quiet``
    separate = False
    for token in tokenize_spec(spec):
        if token.startswith("-") and token not in ("-", "--") and FLAG_RE.match(token):
            match = _ATTACHED.match(token)
            if not match:
                out.flags.extend(_expand_no(FLAG_RE.match(token).group(0)))  # type: ignore[union-attr]
                bare.append(token)
                continue
            flag, rest = match.group("flag"), match.group("rest") or ""
            out.flags.extend(_expand_no(flag))
            if not rest or rest == "...":
                bare.append(flag)
            elif re.fullmatch(r"=[a-z][a-z0-9-]*", rest):
                literal.append(flag)
            if rest == "...":
                out.repeatable = True
            elif rest:
                if rest.endswith("..."):
                    out.repeatable = True
                    rest = rest[:-3]
                name, optional = _clean_value_name(rest)
                if name:
                    out.value_name = name
                    out.value_optional = out.value_optional or optional
                    out.choices = out.choices or choices_from_value(name)
            continue
        if not out.flags:
            return None  # a row that does not start with a flag is not an option row
        if token == "..." or token.endswith("..."):
            out.repeatable = True
            token = token[:-3]
            if not token or out.value_name:
                continue
        choices = choices_from_value(token)
        if choices:
            out.choices = choices
            out.value_name = out.value_name or token
            continue
        if out.value_name is None:
            name, optional = _clean_value_name(token)
            if name:
                separate = True
                out.value_name = name
                out.value_optional = optional
    if not out.flags:
        return None
    # ``-c, --check, --check=diagnose-first``, ``-C, --check=quiet, --check=silent``: a
    # long flag written bare as well as with a literal value, or with two literal values,
    # beside a flag written bare, takes the value only optionally
    if bare and not separate and any(literal.count(f) > 1 or f in bare for f in literal):
        out.value_optional = True
    seen: list[str] = []
    for flag in out.flags:
        if flag not in seen:
            seen.append(flag)
    out.flags = seen
    return out


# --- facts inside descriptions ------------------------------------------------
_POSSIBLE = re.compile(r"\[possible values:\s*(?P<v>[^\]]+)\]", re.I)
_CHOICES_BRACKET = re.compile(r"\[choices:\s*(?P<v>[^\]]+)\]", re.I)
_ONE_OF = re.compile(r"(?:must be one of|one of|(?:valid|possible|allowed|supported|accepted)"
                     r" values(?: are)?|values are|choose from)"
                     r"[:\s]+\(?(?P<v>(?:['\"]?[\w.-]+['\"]?(?:,?\s+(?:or|and)\s+|,\s*|\s*\|\s*))+"
                     r"['\"]?[\w.-]+['\"]?)\)?", re.I)
_DEFAULTS = (
    re.compile(r"\[default:\s*(?P<v>[^\]]*)\]", re.I),
    re.compile(r"\(default:\s*(?P<v>[^)]*)\)", re.I),
    re.compile(r"\(default\s+(?P<v>\"[^\"]*\"|[^)\s]+)\)", re.I),
    re.compile(r"[;\[]\s*default:\s*(?P<v>[^\];]*)[\];]", re.I),
    re.compile(r"\bdefaults? to:?\s+(?P<v>'[^']*'|\"[^\"]*\"|\d[\w.:]*)", re.I),
)
_REQUIRED = re.compile(r"\[(?:[^\]]*;\s*)?required(?:;[^\]]*)?\]|\(required\)", re.I)


def _split_list(text: str) -> list[str]:
    """``a, b, or c`` / ``a|b`` -> the items; the ``or``/``and`` of prose is never one of them."""
    parts = re.split(r",?\s+(?:or|and)\s+|,\s*|\s*\|\s*", text.strip())
    return [p.strip().strip("'\"`") for p in parts if p.strip().strip("'\"`")]


def extract_choices(description: str) -> list[str] | None:
    """Choices a description lists: ``[possible values: a, b]``, ``[choices: ...]``."""
    for pattern in (_POSSIBLE, _CHOICES_BRACKET):
        match = pattern.search(description)
        if match:
            return _split_list(match.group("v"))
    # clap's long help: "Possible values: - auto: ... - never: ..."
    long_list = re.search(r"possible values:\s*(?P<rest>- .*)$", description, re.I)
    if long_list:
        items = re.findall(r"(?:^|\s)- ([\w.+-]+):?", long_list.group("rest"))
        if items:
            return items
    # GNU: "TYPE is 'binary', 'text', or 'without-match'"; cobra: 'Must be "a", or "b"'
    quoted = _QUOTED_OR.search(description)
    if quoted:
        return re.findall(r"['\"]([\w.-]+)['\"]", quoted.group(1))
    # "one of: strict (or true), warn": the aliases in parentheses are not the names
    match = _ONE_OF.search(re.sub(r"\s*\(or [^)]*\)", "", description))
    if match:
        items = [item.rstrip(".") for item in _split_list(match.group("v"))]
        if len(items) >= 2:
            return items
    for pattern in _LISTS:
        match = pattern.search(description)
        if match and not _is_units(match):
            return [item.rstrip(".") for item in re.findall(_ITEM[pattern.pattern],
                                                            match.group("v"))]
    # "access time (-u): atime, access, use; change time (-c): ctime, status"
    groups = [re.findall(rf"(?:^|,\s+)({_WORD})", m.group("v"))
              for m in _AFTER_COLON.finditer(description)]
    if sum(len(g) for g in groups) >= 3:
        return [item.rstrip(".") for group in groups for item in group]
    return None


_UNITS = {"ns", "us", "ms", "s", "m", "h", "d", "b", "k", "kb", "mb", "g", "gb"}


def _is_units(match: re.Match[str]) -> bool:
    """``(ms|s|m|h)`` names units of a value, ``[(user|uid)]`` a part of a format."""
    items = set(re.split(r"[|,\s\"]+", match.group("v").lower())) - {""}
    before = match.string[:match.start()].rstrip()
    return items <= _UNITS or before.endswith("[")



_QUOTED_OR = re.compile(r"\b(?:is|are|be|either)\s+((?:(['\"])[\w.-]+\2,?\s+)+or\s+(['\"])[\w.-]+\3)")
_WORD = r"[a-z0-9][\w.+-]*"
# Lists a description holds without saying "one of": (host|private), ("always",
# "never"), [on, off], "(s)witch, (i)gnore", and a list after a colon whose items
# may carry a flag or a note: "by WORD: none (-U), size (-S), time (-t)".
_PIPES = re.compile(rf"\((?P<v>{_WORD}(?:\|{_WORD})+)\)")
_QUOTED_TUPLE = re.compile(r'\((?P<v>"[\w.-]+"(?:,\s*"[\w.-]+")+)\)')
_BRACKETED = re.compile(rf"\[(?P<v>{_WORD}(?:,\s*{_WORD})+)\]")
_LETTERED = re.compile(r"(?P<v>\(\w\)\w+(?:,\s*\(\w\)\w+)+)")
_AFTER_COLON = re.compile(
    rf":\s+(?P<v>{_WORD}(?:\s+\([^)]*\))?(?:,\s+{_WORD}(?:\s+\([^)]*\))?)+)"
    r"\s*(?:[.;]|\([^)]*\)\s*$|$)")
_LISTS = (_PIPES, _QUOTED_TUPLE, _BRACKETED, _LETTERED)
_ITEM = {
    _PIPES.pattern: _WORD,
    _QUOTED_TUPLE.pattern: r'"([\w.-]+)"',
    _BRACKETED.pattern: _WORD,
    _LETTERED.pattern: r"\((\w)\)",
}


def extract_default(description: str) -> str | None:
    """The default a description states, unquoted; ``None`` when it states none."""
    for pattern in _DEFAULTS:
        match = pattern.search(description)
        if match:
            value = match.group("v").strip().rstrip(".,")
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            return value
    return None


def says_required(description: str) -> bool:
    return bool(_REQUIRED.search(description))
