"""The exit statuses a help text documents.

GNU tools end their help with a sentence such as "Exit status is 0 if EXPRESSION is
neither null nor 0, 1 if EXPRESSION is null or 0, 2 if EXPRESSION is syntactically
invalid, and 3 if an error occurred." (expr), "Exit status: 0 if OK, 1 if minor
problems, 2 if serious trouble." (ls) or "exit status is 0 if inputs are the same, 1
if different, 2 if trouble." (diff). :func:`exit_statuses` reads each status and its
condition from such a paragraph; generation then looks for a run reaching each one.
"""

from __future__ import annotations

import re

_START = re.compile(r"\bexit (?:status|code)(?:es|s)?\b", re.IGNORECASE)
_STATUS = re.compile(r"(?<![\w.-])(\d{1,3})\s+(?:if|when|means|on|for|(otherwise))\b\s*",
                     re.IGNORECASE)


def exit_statuses(text: str) -> dict[int, str]:
    """Status -> condition, from the first paragraph mentioning the exit status that
    names two statuses or more with a condition each (``{}`` when there is none)."""
    for start in _START.finditer(text):
        paragraph = re.split(r"\n\s*\n", text[start.start():], maxsplit=1)[0]
        flat = " ".join(paragraph.split())
        found = list(_STATUS.finditer(flat))
        if len(found) < 2:
            continue
        out: dict[int, str] = {}
        for number, match in enumerate(found):
            end = found[number + 1].start() if number + 1 < len(found) else len(flat)
            # "0 if any line is selected, 1 otherwise" (grep): the other outcome
            condition = "otherwise" if match.group(2) else flat[match.end():end].strip()
            condition = re.sub(r"(?:,\s*)?(?:\band\b|\bor\b)?\s*$", "", condition)
            condition = condition.rstrip(".,;: ").strip()
            out.setdefault(int(match.group(1)), condition)
        return out
    return {}
