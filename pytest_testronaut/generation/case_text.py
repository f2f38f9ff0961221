"""What a generated run case says it does, from what it really did when generation ran it.

A description must be true: a run given no input does not "read numbered lines", and
arguments that end in a usage error are not "working arguments". :func:`run_description`
says which input a case gives (only when it gives one), and how the run ended when it
did not succeed, so a reviewer sees at once a case that tests a rejection.
:func:`plain_summary` makes a help's description the plan's one-line description.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .probe import Outcome

MAX_SHOWN = 6  # operand values a description names

WHERE = {"stdin": "on stdin", "file": "from a file", "two-files": "from two files",
         "missing": "naming a missing file"}


def run_description(shown: str, what: str, form: str, outcome: Outcome | None,
                    accepted: bool = False, tried: Sequence[Sequence[str]] = ()) -> str:
    """The description of a plain run of ``shown`` (its command line) giving ``what``
    (an input, described) in ``form`` (see ``evidence.Search.forms``; "none": no input
    at all). ``accepted``: a non-zero status that is a normal outcome of the command
    (``diff`` exits 1 when files differ); ``tried``: the operand values generation
    tried when none worked (named in the description, so the plan file says it)."""
    text = f"runs `{shown}`" if form == "none" else f"runs `{shown}` reading {what} " \
        f"{WHERE.get(form, form)}"
    if outcome is None or outcome.ok or outcome.timed_out:
        return text
    if accepted:
        return f"{text}: exits {outcome.exit_code}"
    if form != "none":
        return f"{text}: exits {outcome.exit_code} (review)"
    values = "; ".join(" ".join(combo) for combo in tried[:MAX_SHOWN])
    more = ", ..." if len(tried) > MAX_SHOWN else ""
    return f"{text}: exits {outcome.exit_code}, no arguments found that work" + \
        (f" (tried: {values}{more}; review)" if values else " (review)")


_ROLE = re.compile(r":[\w:.-]+:`(?:([^`<]*?)\s*<[^`>]*>|([^`]*))`")
_LITERAL = re.compile(r"``([^`]*)``|`([^`]*)`")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'`])")
SUMMARY_LIMIT = 200


def plain_summary(text: str) -> str:
    """A help's description as a plan description: Sphinx roles and literals as
    plain words (``:func:`main <semver.cli.main>``` becomes ``main``), one line, its
    first sentence; a longer one ends at the last word that fits, marked by "..."."""
    text = _ROLE.sub(lambda m: (m.group(1) or _target(m.group(2) or "")).strip(), text)
    text = _LITERAL.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2),
                        text)
    text = " ".join(text.split())
    first = _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""
    if len(first) <= SUMMARY_LIMIT:
        return first
    cut = first[:SUMMARY_LIMIT].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "..."


def _target(text: str) -> str:
    """A Sphinx role's target as shown: ``~a.b.c`` shows ``c``, ``.a`` shows ``a``."""
    return text[1:].rsplit(".", 1)[-1] if text.startswith("~") else text.lstrip(".")
