"""The section walker every style parser drives.

Help texts of all styles share a shape: a usage line, headed sections, and rows of
``flags  description`` or ``name  summary`` whose descriptions wrap onto deeper
indented lines. The walker finds those rows; a :class:`Rules` value tells it what a
style calls its sections and which row shapes it uses. Style modules set the rules
and fix what is peculiar to their style before or after the walk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from ._helpers import (
    FLAG_RE,
    choices_from_value,
    extract_choices,
    extract_default,
    indent_of,
    infer_value_type,
    normalize_text,
    parse_flag_spec,
    says_required,
    split_columns,
    split_entry,
    split_top,
)
from .arity import several_values
from .spec import Command, HelpStyle, Option, Positional

Kind = Literal["usage", "options", "commands", "arguments", "examples", "other"]

_USAGE = re.compile(r"^\s{0,2}(?:usage|USAGE|Usage)\s*:\s*(?P<rest>.*)$")
_COMMAND_ROW = re.compile(
    r"^(?P<names>[A-Za-z0-9_][\w.:+-]*(?:\s*,\s*[A-Za-z0-9_][\w.:+-]*)*)"
    # argparse shows a subparser's aliases in parentheses: ``run (r)``, ``list (ls, l)``
    r"(?:\s\((?P<aliases>[A-Za-z0-9_][\w.:+-]*(?:,\s*[A-Za-z0-9_][\w.:+-]*)*)\))?"
    r"(?:\s{2,}|\s+-\s+|\s*$)(?P<desc>.*)$"
)
_ARGUMENT_ROW = re.compile(
    r"^(?P<name>[\[<{]?[A-Za-z_][\w.:+-]*[\]>}]?(?:\.\.\.)?(?:\s?\.\.\.)?|\{[^}]+\})"
    r"(?:\s{2,}|\s*$)(?P<desc>.*)$"
)
_TYPE_CELL = re.compile(r"^(?:<[^>]+>(?:\.\.\.)?(?:\s+\[[^\]]*\])?|[A-Z][A-Z0-9_-]*(?:\s+RANGE)?|"
                        r"\[[^\]]*\|[^\]]*\](?:\.\.\.)?)$")


@dataclass
class Rules:
    """What one help style calls things."""

    style: HelpStyle
    command_heading: re.Pattern[str] = re.compile(r"command|subcommand", re.I)
    argument_heading: re.Pattern[str] = re.compile(r"^(positional )?arguments?$|^args$", re.I)
    example_heading: re.Pattern[str] = re.compile(r"example", re.I)
    option_heading: re.Pattern[str] = re.compile(r"option|flag", re.I)
    # git: every heading, colon or not, may head a command list
    bare_headings_are_commands: bool = False
    # typer's rich rows: "--name  -n  TEXT  description" are separate columns
    merge_type_cells: bool = False
    # "  update - Retrieve new lists" (apt-get)
    dash_separated_commands: bool = False


@dataclass
class _Row:
    kind: Literal["option", "command", "argument"]
    indent: int
    head: str
    desc: list[str] = field(default_factory=list)
    desc_col: int | None = None
    required_mark: bool = False
    section: str = ""
    # argparse subparsers: ``{a,b}`` or a metavar the usage shows as ``METAVAR ...``
    subparsers: bool = False


@dataclass
class Walk:
    """What the walker found, before it becomes a :class:`Command`."""

    usage: list[str] = field(default_factory=list)
    rows: list[_Row] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    summary: str = ""


def _heading(line: str, rules: Rules) -> str | None:
    stripped = line.strip()
    if not stripped or stripped.startswith("-") or indent_of(line) > 3:
        return None
    if stripped.endswith(":") and len(stripped) <= 60 and not re.search(r"\s{2,}", stripped):
        return stripped[:-1].strip()
    if rules.bare_headings_are_commands and indent_of(line) == 0 and len(stripped) <= 70:
        return stripped
    return None


def _classify(heading: str, rules: Rules) -> Kind:
    if rules.example_heading.search(heading):
        return "examples"
    if rules.argument_heading.search(heading):
        return "arguments"
    if rules.option_heading.search(heading):
        return "options"
    if rules.command_heading.search(heading) or rules.bare_headings_are_commands:
        return "commands"
    return "other"


def _option_head(stripped: str) -> bool:
    body = stripped[1:].lstrip() if stripped.startswith("*") else stripped
    return bool(FLAG_RE.match(body)) and body not in ("-", "--")


def _prose_row(head: str, desc: str) -> bool:
    """A wrapped sentence that starts with a flag (``  --text a "text" variable.``):
    no description column, and after its flags two words or more, one of them ending a
    sentence or quoting something. A real row without a description lists only flags
    and value names (``--arg a v``, ``-f FILE ...``)."""
    if desc:
        return False
    words = [w for w in head.split() if not FLAG_RE.match(w) and not w.endswith("...")]
    return len(words) >= 2 and any(re.search(r"[.:;]$|[\"'`]", w) for w in words)


def _split_row(stripped: str, rules: Rules) -> tuple[str, str]:
    if not rules.merge_type_cells:
        return split_entry(stripped)
    cells = split_columns(stripped)
    head = [cells[0]]
    rest = cells[1:]
    while rest and (FLAG_RE.match(rest[0]) or _TYPE_CELL.match(rest[0])):
        head.append(rest.pop(0))
    return " ".join(head), "  ".join(rest)


def walk(text: str, rules: Rules) -> Walk:
    """Find usage, option/command/argument rows and examples in a help text."""
    out = Walk()
    kind: Kind = "other"
    section = ""
    current: _Row | None = None
    subparsers: _Row | None = None  # the argparse subparsers row whose commands follow
    in_usage = False
    summary_lines: list[str] = []
    # the indent of a table of prose rows ("  N-M   from N'th to M'th byte"): a row
    # of the same table starting with a dash ("  -M   from first to M'th byte") is
    # prose too, not an option
    prose_table: int | None = None
    for line in normalize_text(text).split("\n"):
        stripped = line.strip()
        indent = indent_of(line)
        if not stripped:
            prose_table = None
            if in_usage or kind == "usage":
                in_usage, kind = False, "other"
            if summary_lines and not out.summary:
                out.summary = " ".join(summary_lines)
            continue
        usage = _USAGE.match(line)
        if usage and not out.usage:
            in_usage, kind, current = True, "usage", None
            if usage.group("rest").strip():
                out.usage.append(usage.group("rest").strip())
            continue
        # a usage wraps onto indented lines (or ``or:`` lines); GNU's next
        # unindented line is already the description
        if in_usage and (indent > 0 or stripped.startswith("or:")):
            out.usage.append(re.sub(r"^or:\s*", "", stripped))
            continue
        if in_usage:
            in_usage, kind = False, "other"
        heading = _heading(line, rules)
        if heading is not None and not (current and indent > current.indent):
            section, kind, current = heading, _classify(heading, rules), None
            subparsers = None
            prose_table = None
            continue
        if kind == "examples":
            out.examples.append(stripped)
            continue
        # a deeper line continues the current row unless it starts a new option row
        # left of the description column (GNU puts `--long` rows at indent 6)
        # GNU grep: "--color[=WHEN]," on one line, "--colour[=WHEN]  desc" on the next
        if (current is not None and current.kind == "option" and not current.desc
                and current.head.endswith(",") and _option_head(stripped)):
            head, desc = _split_row(stripped, rules)
            current.head += " " + head
            if desc:
                current.desc.append(desc)
                current.desc_col = indent + len(stripped) - len(desc)
            continue
        if current is not None and indent > current.indent:
            starts_option = _option_head(stripped) and (
                current.desc_col is None or indent < current.desc_col - 1)
            # a line in the description column is the row's wrapped help ("account."),
            # never a subcommand of the subparsers row above
            in_desc = current.desc_col is not None and indent >= current.desc_col - 1
            sub_command = (subparsers is not None and indent > subparsers.indent
                           and not in_desc and _COMMAND_ROW.match(stripped) is not None)
            if not starts_option and not sub_command:
                current.desc.append(stripped)
                if current.desc_col is None:
                    current.desc_col = indent
                continue
        if _option_head(stripped) and kind not in ("usage",) and indent != prose_table:
            required = stripped.startswith("*")
            body = stripped[1:].lstrip() if required else stripped
            head, desc = _split_row(body, rules)
            if parse_flag_spec(head) is not None and not _prose_row(head, desc):
                # typer's `*` stands left of the name column: the row starts at the name
                indent += len(stripped) - len(body)
                current = _Row("option", indent, head, [desc] if desc else [],
                               required_mark=required, section=section)
                if desc:
                    current.desc_col = indent + len(body) - len(desc)
                out.rows.append(current)
                continue
        if subparsers is not None and indent <= subparsers.indent:
            subparsers = None
        row = _other_row(stripped, indent, kind, rules, subparsers, section)
        if row is not None and row.kind == "argument":
            row.subparsers = _is_subparsers(row.head.split()[0], out.usage)
            if row.subparsers:
                subparsers = row
        if row is not None:
            current = row
            out.rows.append(row)
            continue
        current = None
        prose_table = indent if indent >= 1 and len(split_columns(stripped)) >= 2 and \
            kind in ("other", "usage") else None
        if kind in ("other", "usage") and not out.rows and len(summary_lines) < 3 and not out.summary:
            summary_lines.append(stripped)
    if summary_lines and not out.summary:
        out.summary = " ".join(summary_lines)
    return out


def _is_subparsers(name: str, usage: list[str]) -> bool:
    """Whether an argument row names argparse's subparsers rather than a positional.

    argparse writes subparsers in the usage as ``{run,build} ...`` (or ``METAVAR ...``),
    a positional with choices as ``{fast,slow}`` alone (``[{a,b} ...]`` for several, a
    positional taking one or more values ``X [X ...]``): the usage tells them apart. A
    choice set the usage does not show at all (a section of its own, ``Bump
    commands:``) is read as subparsers, as is one without a usage.
    """
    tokens = split_top(" ".join(usage))
    for number, token in enumerate(tokens):
        if token == name:
            return tokens[number + 1:number + 2] == ["..."]
    return name.startswith("{") and not any(name in token for token in tokens)


def _other_row(stripped: str, indent: int, kind: Kind, rules: Rules, subparsers: _Row | None,
               section: str) -> _Row | None:
    in_subparsers = subparsers is not None and indent > subparsers.indent
    if (kind == "commands" or in_subparsers) and indent >= 1:
        text = stripped
        if rules.dash_separated_commands:
            text = re.sub(r"^(\S+) - ", r"\1  ", text)
        # click-default-group marks the default command: ``query*   Execute SQL ...``
        text = re.sub(r"^([A-Za-z0-9_][\w.:+-]*)\*(?=\s|$)", r"\1 ", text)
        match = _COMMAND_ROW.match(text)
        # prose is never a command: "...", or a word ending a sentence ("account.")
        if match and not match.group("names").startswith("...") and \
                not match.group("names").endswith((".", ",", ";")):
            names = match.group("names")
            if match.group("aliases"):
                names += ", " + match.group("aliases")
            row = _Row("command", indent, names, section=section)
            if match.group("desc"):
                row.desc.append(match.group("desc").strip())
                row.desc_col = indent + len(text) - len(match.group("desc"))
            return row
    # argparse names a subparsers section as it likes ("Bump commands:"): a row that is
    # only a choice set (``{major,minor}``) is the subparsers row in any section
    subparsers_row = indent >= 1 and choices_from_value(stripped) is not None and \
        stripped.startswith("{")
    if (kind == "arguments" or subparsers_row) and indent >= 1:
        required = stripped.startswith("*")
        body = stripped[1:].lstrip() if required else stripped
        head, desc = _split_row(body, rules)
        name = head.split()[0] if head.split() else ""
        # a sentence in the section ("These arguments come after any flags ...")
        prose = not desc and len(head.split()) >= 3 and head.rstrip().endswith((".", ":"))
        if name and _ARGUMENT_ROW.match(name) and not prose:
            indent += len(stripped) - len(body)
            row = _Row("argument", indent, head, [desc] if desc else [],
                       required_mark=required, section=section)
            if desc:
                row.desc_col = indent + len(body) - len(desc)
            return row
    return None


def option_from_row(row: _Row) -> Option:
    """Turn an option row into an :class:`Option` with choices, default, type."""
    spec = parse_flag_spec(row.head)
    assert spec is not None  # rows are only made from parseable specs
    desc = " ".join(row.desc).strip()
    # typer writes a range beside the type (``<float range> [0<=x<=1]``): keep it
    stated = re.search(r"\[[-\d.]*<?=?x[<>]=?[-\d.]*\]", row.head)
    if stated and stated.group(0) not in desc:
        desc = f"{desc} {stated.group(0)}".strip()
    choices = spec.choices or (extract_choices(desc) if spec.takes_value else None)
    takes_value = spec.takes_value
    names = several_values(row.head, desc) if takes_value and not choices else []
    return Option(
        flags=spec.flags,
        takes_value=takes_value,
        value_optional=spec.value_optional,
        value_name=names[0] if names else spec.value_name,
        value_names=names,
        # ``--opt <A B>...`` (click) or ``X...``: the dots mean the values, not repeats
        repeatable=spec.repeatable and not names,
        choices=choices,
        default=extract_default(desc),
        required=row.required_mark or says_required(desc),
        # jq ends each row with ";" ("compact instead of pretty-printed output;")
        description=desc.removesuffix(";").rstrip(),
        value_type=infer_value_type(names[0] if names else spec.value_name, choices,
                                    "" if names else desc, takes_value),
    )


def positional_from_row(row: _Row, *, marker_decides: bool = False) -> Positional:
    """Turn an argument row into a :class:`Positional`.

    ``marker_decides``: the style marks required arguments (typer's ``*``), so an
    unmarked one is optional.
    """
    name = row.head.split()[0]
    variadic = "..." in name or "..." in row.head
    optional = name.startswith("[")
    desc = " ".join(row.desc).strip()
    # argparse's ``{fast,slow}`` row: a positional taking one of these (see _is_subparsers),
    # named as the help writes it (argparse shows no other name)
    listed = choices_from_value(name.replace("...", "").strip("[]"))
    clean = name.replace("...", "").strip("[] ") if listed else \
        name.replace("...", "").strip("[]<>{} ")
    choices = listed or extract_choices(desc)
    return Positional(
        name=clean,
        required=(row.required_mark or says_required(desc)) if marker_decides
        else (row.required_mark or not optional) and "optional" not in desc.lower()[:40],
        variadic=variadic,
        choices=choices,
        description=desc,
        value_type=infer_value_type(clean, choices, desc),
    )


def build_command(found: Walk, style: HelpStyle, name: str, path: list[str], *,
                  marker_decides: bool = False) -> Command:
    """Assemble a :class:`Command` from a walk; duplicate flags keep the first row."""
    cmd = Command(name=name or (path[-1] if path else ""), path=list(path),
                  usage="\n".join(found.usage), help_style=style, summary=found.summary)
    seen_flags: set[str] = set()
    seen_cmds: set[str] = set()
    for row in found.rows:
        if row.kind == "option":
            opt = option_from_row(row)
            # GNU sort lists `--check` on two rows (-c and -C): keep the new flags only
            opt.flags = [f for f in opt.flags if f not in seen_flags]
            if not opt.flags:
                continue
            seen_flags.update(opt.flags)
            cmd.options.append(opt)
        elif row.kind == "command":
            names = [n.strip() for n in row.head.split(",") if n.strip()]
            if names[0] in seen_cmds:
                continue
            seen_cmds.add(names[0])
            cmd.subcommands.append(Command(
                name=names[0], path=[*path, names[0]], aliases=names[1:],
                summary=" ".join(row.desc).strip(), help_style=style))
        elif row.subparsers and (row.head.startswith("{") or any(
                r.kind == "command" for r in found.rows)):
            continue  # argparse's subparsers row (`{a,b}` or a metavar); its rows are commands
        else:
            cmd.positionals.append(positional_from_row(row, marker_decides=marker_decides))
    cmd.examples = [e for e in found.examples if e]
    return cmd
