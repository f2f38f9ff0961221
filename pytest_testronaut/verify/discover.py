"""Run-twice discovery: what still differs between two runs of the same command, after
the default rules, is dynamic content the defaults do not know. Each such difference
becomes a proposed :class:`Rule` for a person to review (never applied silently)."""

from __future__ import annotations

import difflib
import re

from .normalize import normalize
from .rules import Rule

__all__ = ["propose_rules"]

_TOKEN = re.compile(r"[^\s,;=()\[\]{}\"'<>]+|<[A-Z_#0-9]+>")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,29}")


def propose_rules(first: str, second: str) -> list[Rule]:
    """Propose placeholder rules for what differs between two runs of one command.

    Both outputs are normalized with the default rules first; lines that still differ
    are compared token by token, and each differing token becomes a rule anchored on
    the word before it (``build 8812`` vs ``build 8813`` proposes
    ``build\\W{1,3}(?P<value>\\d+)`` -> ``<BUILD>``). Lines present in only one run
    are not turned into rules: a line that comes and goes is not a value.
    """
    left = normalize(first).text.split("\n")
    right = normalize(second).text.split("\n")
    proposals: dict[str, Rule] = {}
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or i2 - i1 != j2 - j1:
            continue
        for line_a, line_b in zip(left[i1:i2], right[j1:j2], strict=True):
            for pattern, placeholder in _line_proposals(line_a, line_b):
                if pattern not in proposals:
                    name = f"run-diff-{len(proposals) + 1}"
                    proposals[pattern] = Rule(name, pattern, placeholder)
    return list(proposals.values())


def _line_proposals(line_a: str, line_b: str) -> list[tuple[str, str]]:
    tokens_a = [(m.start(), m.group(0)) for m in _TOKEN.finditer(line_a)]
    tokens_b = [(m.start(), m.group(0)) for m in _TOKEN.finditer(line_b)]
    matcher = difflib.SequenceMatcher(
        a=[t for _, t in tokens_a], b=[t for _, t in tokens_b], autojunk=False
    )
    found: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or i2 - i1 != j2 - j1:
            continue
        for offset in range(i2 - i1):
            index = i1 + offset
            token_a, token_b = tokens_a[index][1], tokens_b[j1 + offset][1]
            context = _context(line_a, tokens_a, index)
            proposal = _proposal(token_a, token_b, context)
            if proposal is not None:
                found.append(proposal)
    return found


def _context(line: str, tokens: list[tuple[int, str]], index: int) -> str | None:
    if index == 0:
        return None
    start, previous = tokens[index - 1]
    gap = line[start + len(previous) : tokens[index][0]]
    word = previous.rstrip(":")  # "session: X" -> anchored on "session"
    if len(gap) + len(previous) - len(word) > 3 or not _WORD.fullmatch(word):
        return None
    return word


def _proposal(a: str, b: str, context: str | None) -> tuple[str, str] | None:
    if a.startswith("<") or b.startswith("<"):
        return None  # already a placeholder on one side: the outputs differ in shape
    prefix = _common_prefix(a, b)
    suffix = _common_prefix(a[len(prefix) :][::-1], b[len(prefix) :][::-1])[::-1]
    middle_a = a[len(prefix) : len(a) - len(suffix)]
    middle_b = b[len(prefix) : len(b) - len(suffix)]
    middle = _shape(middle_a + middle_b)
    if middle is None:
        return None
    value = f"{re.escape(prefix)}(?P<value>{middle}){re.escape(suffix)}"
    if context is not None:
        pattern = rf"\b{re.escape(context)}[^\w\n]{{1,3}}{value}(?![\w-])"
        placeholder = re.sub(r"\W", "_", context).upper()
    else:
        pattern = rf"(?<![\w-]){value}(?![\w-])"
        placeholder = "DYNAMIC"
    return pattern, f"<{placeholder}>"


def _common_prefix(a: str, b: str) -> str:
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    # cut back to a separator so a shared leading digit ("12" in 1234/1299) stays
    # part of the value
    while size and a[size - 1].isalnum():
        size -= 1
    return a[:size]


def _shape(sample: str) -> str | None:
    if not sample:
        return None
    if sample.isdigit():
        return r"\d+"
    if re.fullmatch(r"[0-9a-f]+", sample):
        return "[0-9a-f]+"
    if re.fullmatch(r"[0-9A-F]+", sample):
        return "[0-9A-F]+"
    if re.fullmatch(r"[A-Za-z0-9]+", sample):
        return "[A-Za-z0-9]+"
    if re.fullmatch(r"[\w.-]+", sample):
        return r"[\w.-]+"
    return r"[^\s,;]+"
