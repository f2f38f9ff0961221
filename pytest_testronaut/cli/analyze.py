"""``testronaut analyze``: parse one help text offline, or explore a tool in a sandbox.

    testronaut analyze --help-file FILE [--json] [--name NAME] [--style STYLE]
    testronaut analyze TOOL [--image IMAGE] [--install SPEC] [--max-depth N] [--quiet]
                       [--json] [-o FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..analysis.spec import CliSpec, Command, HelpStyle
from ..errors import TestronautError
from .common import progress_printer, require_help
from .inputs import add_limit_option, limit_bytes, read_input

_STYLES: tuple[HelpStyle, ...] = ("argparse", "click", "typer", "optparse", "gnu", "git",
                                  "cobra", "clap", "docopt")


def register(subparsers: Any) -> None:
    """Add ``analyze`` to the ``testronaut`` console script."""
    parser = subparsers.add_parser(
        "analyze", help="describe a tool's command-line interface",
        description="Parse a help text offline (--help-file), or explore TOOL inside a "
                    "sandbox built from --image (and --install) and print what it offers.")
    parser.add_argument("tool", nargs="?", metavar="TOOL", help="the command to explore")
    parser.add_argument("--help-file", metavar="FILE",
                        help="parse this saved help text instead of running anything "
                             "('-' reads standard input)")
    parser.add_argument("--name", help="command name for --help-file (default: from usage)")
    parser.add_argument("--style", choices=_STYLES,
                        help="help style of --help-file (default: detected)")
    parser.add_argument("--image", help="Docker image to run TOOL in "
                                        "(default: the sandbox's base image)")
    parser.add_argument("--install", metavar="SPEC", action="append", default=[],
                        help="install step run in the image first; repeatable")
    parser.add_argument("--max-depth", type=int, default=3, metavar="N",
                        help="subcommand levels to explore (default: 3)")
    parser.add_argument("--max-commands", type=int, default=200, metavar="N",
                        help="commands to explore at most (default: 200)")
    parser.add_argument("--time-budget", type=float, default=120.0, metavar="SECONDS",
                        help="stop exploring after this long (default: 120)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a summary")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the result to FILE")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress lines on stderr")
    add_limit_option(parser)
    parser.set_defaults(func=run_analyze)


def command_json(cmd: Command) -> dict[str, Any]:
    """One command as JSON: full options and positionals, subcommands as names."""
    return {
        "name": cmd.name,
        "path": cmd.path,
        "style": cmd.help_style,
        "summary": cmd.summary,
        "usage": cmd.usage,
        "options": [o.model_dump() for o in cmd.options],
        "positionals": [p.model_dump() for p in cmd.positionals],
        "subcommands": [s.name for s in cmd.subcommands],
        "aliases": cmd.aliases,
        "examples": cmd.examples,
    }


def spec_json(spec: CliSpec) -> dict[str, Any]:
    """A whole exploration: the root flattened, then every deeper command."""
    return {"tool": spec.tool, "version": spec.version, "notes": spec.notes,
            **command_json(spec.root),
            "commands": [command_json(c) for c in spec.root.walk()[1:]],
            # the whole typed spec, so `testronaut generate --spec` can read this file
            "spec": spec.model_dump(mode="json")}


def summary_text(cmd: Command, indent: str = "") -> str:
    """A readable outline of a command and its subcommands."""
    lines = [f"{indent}{' '.join(cmd.path) or cmd.name}  [{cmd.help_style}]"
             + (f"  {cmd.summary}" if cmd.summary else "")]
    if cmd.usage:
        lines.append(f"{indent}  usage: {cmd.usage.splitlines()[0]}")
    for opt in cmd.options:
        names = opt.value_names or [opt.value_name or "VALUE"]
        value = "".join(f" <{n}>" for n in names) if opt.takes_value else ""
        extra = []
        if opt.choices:
            extra.append("choices: " + ", ".join(opt.choices))
        if opt.default is not None:
            extra.append(f"default: {opt.default}")
        if opt.required:
            extra.append("required")
        tail = f"  ({'; '.join(extra)})" if extra else ""
        lines.append(f"{indent}  {', '.join(opt.flags)}{value}{tail}")
    for pos in cmd.positionals:
        mark = ("" if pos.required else "optional ") + ("repeatable " if pos.variadic else "")
        lines.append(f"{indent}  argument {pos.name} {mark}".rstrip())
    for sub in cmd.subcommands:
        if sub.options or sub.subcommands or sub.usage:
            lines.append(summary_text(sub, indent + "  "))
        else:
            lines.append(f"{indent}  command {sub.name}" + (f"  {sub.summary}" if sub.summary
                                                             else ""))
    return "\n".join(lines)


def _emit(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")


def run_analyze(args: argparse.Namespace) -> int:
    """Entry point of ``testronaut analyze``."""
    if args.help_file and args.tool:
        raise TestronautError("give either TOOL (explored in a sandbox) or --help-file FILE "
                              "(parsed offline), not both")
    if args.help_file:
        return _offline(args)
    if not args.tool:
        raise TestronautError("nothing to analyze: name a TOOL to explore with --image IMAGE, "
                              "or parse a saved help text with --help-file FILE")
    if args.max_depth < 0 or args.max_commands < 1:
        raise TestronautError("--max-depth must be 0 or more and --max-commands 1 or more")
    return _sandboxed(args)


def _offline(args: argparse.Namespace) -> int:
    from ..analysis.parse import parse_help

    path = Path(args.help_file)
    if args.help_file != "-" and not path.exists() and not path.is_symlink():
        raise TestronautError(f"--help-file {args.help_file}: no such file; save the help "
                              "first, e.g. `mytool --help > help.txt 2>&1`")
    text = read_input(args.help_file, "--help-file", limit=limit_bytes(args.max_input_mb),
                      binary_ok=False)
    if not text.strip():
        raise TestronautError(f"--help-file {args.help_file} is empty")
    cmd = parse_help(text, name=args.name or "", style=args.style)
    out = json.dumps(command_json(cmd), indent=2) if args.json else summary_text(cmd)
    _emit(out, args.output)
    return 0


def _sandboxed(args: argparse.Namespace) -> int:
    # the sandbox pulls in docker: import it only when a sandbox is asked for
    from ..analysis.discover import discover
    from ..sandbox import SandboxConfig, standalone_sandbox

    progress = progress_printer(args.quiet)
    settings: dict[str, Any] = {"install": tuple(args.install)}
    if args.image:
        settings["image"] = args.image
    config = SandboxConfig(**settings)
    with standalone_sandbox(config, progress=progress) as sandbox:
        spec = discover(sandbox.run, args.tool, max_depth=args.max_depth,
                        max_commands=args.max_commands, time_budget=args.time_budget,
                        progress=progress)
    require_help(spec, config.image)
    if args.json:
        out = json.dumps(spec_json(spec), indent=2)
    else:
        head = f"{spec.tool} {spec.version or '(version unknown)'}"
        notes = "".join(f"\nnote: {n}" for n in spec.notes)
        out = f"{head}\n{summary_text(spec.root)}{notes}"
    _emit(out, args.output)
    return 0
