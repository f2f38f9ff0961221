"""What a generated run case says it does, from what it really did when generation ran it.

A description must be true: a run given no input does not "read numbered lines", and
arguments that end in a usage error are not "working arguments". :func:`run_description`
says which input a case gives (only when it gives one), and how the run ended when it
did not succeed, so a reviewer sees at once a case that tests a rejection.
"""

from __future__ import annotations

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
