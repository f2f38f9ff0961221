"""Options that take several values at once: ``--arg NAME VALUE``, ``--size W H``.

Help texts write them as a flag followed by one value name per value:

- argparse ``nargs=2``: ``--size W H``, ``--pair PAIR PAIR``, ``-D NAME VALUE``;
- jq: ``--arg name value``, ``--argjson a v`` (lower case);
- clap: ``--pair <KEY> <VALUE>``;
- click tuples: ``--kv <TEXT INTEGER>...``; typer: ``--pair <str,int>...``;
- click ``nargs=2`` of one type: ``--opt TEXT...`` (click writes ``...`` after the
  metavar of an option exactly when it takes more than one value; the count is not
  shown, two is assumed). Only the click and typer parsers read ``...`` so.

A run of names is read from the flag column of a row; a name after the first counts
when it is a name a help writes for a value (``<KEY>``, ``NAME``), and, when it is a
lower-case word or the row's prose follows on the same line (jq 1.7's ``--slurpfile
name file set $name to ...``), when the description mentions it (``$name``, ``<v>``,
``value``).
"""

from __future__ import annotations

import re

from ._helpers import FLAG_RE, tokenize_spec

MAX_ARITY = 4
_UPPER = re.compile(r"[A-Z][A-Z0-9_-]*")
_LOWER = re.compile(r"[a-z][a-z0-9_-]*")
_ANGLE = re.compile(r"<(?P<inner>[\w.-]+(?:[\s,]+[\w.-]+)*)>")


def _names_of(token: str) -> list[str] | None:
    """The value names one token writes: ``W``, ``name``, ``<KEY>``, ``<TEXT INTEGER>``
    (two), ``<str,int>`` (two); ``None`` for anything else."""
    if _UPPER.fullmatch(token) or _LOWER.fullmatch(token):
        return [token]
    angle = _ANGLE.fullmatch(token)
    if angle:  # typer's ``<int range>`` names one value
        return [f"<{n}>" for n in re.split(r"[\s,]+", angle.group("inner"))
                if n.lower() != "range"]
    return None


def value_run(head: str) -> tuple[list[str], list[str]]:
    """The longest run of value names after one flag of ``head`` (an option row's flag
    column), as written (``<KEY>``, ``W``), and the words after the run (prose that
    shares the line). A run of one name is a plain one-value option."""
    best: list[str] = []
    run: list[str] | None = None
    trailing: list[str] = []
    for token in tokenize_spec(head):
        if trailing:
            trailing.append(token)
            continue
        if token.startswith("-") and token not in ("-", "--") and FLAG_RE.match(token):
            attached = token[FLAG_RE.match(token).end():]  # type: ignore[union-attr]
            names = _names_of(attached.lstrip("=").removesuffix("...")) if attached else []
            run = list(names or [])
            best = run if len(run) > len(best) else best
            if attached.endswith("..."):
                run = None  # ``--opt=X...``: a variadic value ends the run
            continue
        if run is None:
            if best:
                trailing.append(token)
            continue
        names = _names_of(token.removesuffix("..."))
        if run and token == "RANGE":
            names = None  # click's ``INTEGER RANGE`` names one value
        if run and names and _UPPER.fullmatch(run[0]) and _LOWER.fullmatch(names[0]):
            names = None  # ``-o FILE A file to write``: lower case after upper is prose
        if names is None:
            run = None
            if len(best) > 1:
                trailing.append(token)
            continue
        run.extend(names)
        if len(run) > len(best):
            best = run
        if token.endswith("...") or len(names) > 1:
            run = None  # ``X [X ...]``-like and ``<A B>...`` runs end here
    return list(best), trailing


def clean(name: str) -> str:
    return name.strip("<>")


def several_values(head: str, description: str) -> list[str]:
    """The value names of an option taking more than one value (see the module), clean
    (``["NAME", "VALUE"]``); empty for an option taking one value or none."""
    names, trailing = value_run(head)
    if len(names) < 2:
        return []
    prose = " ".join([*trailing, description])
    kept = [clean(names[0])]
    for name in names[1:MAX_ARITY]:
        written = name.startswith("<")
        needs_mention = not written and (bool(trailing) or _LOWER.fullmatch(name) is not None)
        if needs_mention and not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", prose):
            break
        kept.append(clean(name))
    return kept if len(kept) > 1 else []
