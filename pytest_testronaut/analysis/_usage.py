"""Facts read from usage lines: positionals, required options, literal subcommands.

Styles without an arguments section (click, GNU, optparse, cobra) only name their
positionals in the usage line; argparse, clap and docopt mark required options there
by leaving them outside brackets.
"""

from __future__ import annotations

import re

from ._helpers import FLAG_RE, choices_from_value, infer_value_type, split_top
from .spec import Command, Positional

_PLACEHOLDERS = re.compile(
    r"^(options?|option\.\.\.|flags|command[ _-]?options|global[ _-]?options|"
    r"general[ _-]?options|args|arguments|command|commands|subcommand|cmd|--)$", re.I)
_NAME = re.compile(r"^[A-Za-z_+][\w.+:-]*$")


def usage_patterns(usage_lines: list[str]) -> list[str]:
    """Usage lines grouped into patterns: a wrapped pattern's lines are joined."""
    if not usage_lines:
        return []
    first = usage_lines[0].split()
    program = first[0] if first else ""
    patterns: list[str] = []
    for line in usage_lines:
        words = line.split()
        if not words:
            continue
        if not patterns or words[0] == program or words[0] == "$":
            patterns.append(line.strip())
        else:
            patterns[-1] += " " + line.strip()
    return patterns


def _after_program(tokens: list[str], path: list[str]) -> list[str]:
    """Drop the program name and the subcommand path from a usage pattern's tokens."""
    rest = tokens[1:]
    for word in path:
        if rest and rest[0] == word:
            rest = rest[1:]
    return rest


def positionals_from_usage(usage_lines: list[str], path: list[str],
                           has_subcommands: bool) -> list[Positional]:
    """Positionals of the first usage pattern: ``[FILE]...``, ``SRC ...``, ``<path>``."""
    patterns = usage_patterns(usage_lines)
    if not patterns:
        return []
    out: list[Positional] = []
    tokens = _after_program(split_top(patterns[0]), path)
    for number, token in enumerate(tokens):
        if token in ("...", "…"):
            if out:
                out[-1].variadic = True
            continue
        listed = choices_from_value(token.strip("[]").rstrip(".…").strip())
        if listed and token.startswith(("{", "[{")):
            if tokens[number + 1:number + 2] == ["..."]:
                break  # argparse's subparsers ``{run,build} ...``: the rest is theirs
            # argparse's positional with choices: ``{fast,slow}``, ``[{a,b} ...]``
            out.append(Positional(name=token.strip("[]").replace("...", "").strip(),
                                  required=not token.startswith("["), variadic="..." in token,
                                  choices=listed, value_type="choice"))
            continue
        if number and FLAG_RE.match(tokens[number - 1]) and "=" not in tokens[number - 1] \
                and not token.startswith("["):
            continue  # ``-x X``: the value of a required option, not an operand
        optional = token.startswith("[") and token.endswith(("]", "]...", "]…"))
        variadic = "..." in token or "…" in token
        inner = token.rstrip(".…").strip()
        if optional:
            inner = inner[1:].rstrip("]").strip()
        if re.fullmatch(r"<[A-Za-z][\w-]*( [A-Za-z][\w-]*)+>", inner):
            inner = "<" + "-".join(inner[1:-1].split()) + ">"  # jq's <jq filter>: one value
        inner = inner.split()[0] if inner.split() else ""
        if inner.startswith("-") or "|" in token or inner.startswith("("):
            continue  # options and alternatives are not positionals
        inner = inner.rstrip(".…")
        # <path> and {script-only-if-no-other-script} name values, not literals
        angle = (inner.startswith("<") and inner.endswith(">")) or (
            inner.startswith("{") and inner.endswith("}"))
        name = inner.strip("<>{}")
        if not name or not _NAME.match(name) or _PLACEHOLDERS.match(name):
            continue
        if has_subcommands and name.upper() in ("COMMAND", "SUBCOMMAND", "ARGS", "ARG"):
            continue
        if not angle and not optional and name.islower() and "_" not in name:
            continue  # a bare lowercase word is a literal (docopt command), not a value
        value_type = infer_value_type(name)
        if variadic and value_type == "int" and name.lower().endswith("s"):
            value_type = "string"  # ``COLUMNS...`` names several columns; it counts none
        out.append(Positional(name=name, required=not optional, variadic=variadic,
                              value_type=value_type))
    return out


def required_flags_from_usage(usage_lines: list[str]) -> set[str]:
    """Flags that appear outside brackets in the only usage pattern."""
    patterns = usage_patterns(usage_lines)
    if len(patterns) != 1:
        return set()
    out: set[str] = set()
    for token in split_top(patterns[0])[1:]:
        match = FLAG_RE.match(token)
        if match and token not in ("-", "--"):
            out.add(match.group(0).split("=")[0])
    return out


def literal_subcommands(usage_lines: list[str]) -> list[str]:
    """``git stash list`` / ``git stash drop``: bare words after the shared prefix.

    Needs two patterns or more: the words all patterns share name the program, the
    first word after them, when it is a bare lower-case word, names a subcommand.
    """
    patterns = [split_top(p) for p in usage_patterns(usage_lines)]
    if len(patterns) < 2:
        return []
    prefix = 0
    while all(len(p) > prefix and p[prefix] == patterns[0][prefix] for p in patterns):
        prefix += 1
    names: list[str] = []
    for tokens in patterns:
        word = tokens[prefix] if len(tokens) > prefix else ""
        if re.match(r"^[a-z][a-z0-9-]*$", word) and word not in names:
            names.append(word)
    return names


def mark_required(cmd: Command, usage_lines: list[str]) -> None:
    """Set ``required`` on options the usage line lists outside brackets."""
    required = required_flags_from_usage(usage_lines)
    for opt in cmd.options:
        if any(f in required for f in opt.flags):
            opt.required = True


def fill_positionals(cmd: Command, usage: list[str], path: list[str]) -> None:
    """Positionals from the usage line, for help texts that list none of their own."""
    if not cmd.positionals:
        cmd.positionals = positionals_from_usage(usage, path, bool(cmd.subcommands))


def mark_optional_positionals(cmd: Command, usage: list[str], path: list[str]) -> None:
    """Positionals an arguments section lists by name alone (argparse's ``file``) are
    optional or variadic as the usage line writes them: ``[file]``, ``[FILE ...]``,
    ``FILE [FILE ...]``. Only ever makes a positional optional, never required."""
    written = {p.name: p for p in positionals_from_usage(usage, path, bool(cmd.subcommands))}
    for positional in cmd.positionals:
        seen = written.get(positional.name)
        if seen is None:
            continue
        positional.required = positional.required and seen.required
        positional.variadic = positional.variadic or seen.variadic
