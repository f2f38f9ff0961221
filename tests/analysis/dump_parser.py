"""Print the option set a tool's *own* parser object defines, as JSON.

Run by ``capture_corpus.py`` inside the interpreter that has the tool installed, so
expectations for argparse, click, typer, optparse and docopt tools come from the real
parser, not from reading the help text. Modes:

    argparse-module MODULE      run MODULE as __main__, catch its ArgumentParser
    argparse-call MOD:FUNC      call FUNC(), catch its ArgumentParser
    optparse-module MODULE      run MODULE as __main__, catch its OptionParser
    pip [SUBCOMMAND]            pip's own parsers
    click MOD:ATTR [SUB...]     a click command or typer app, optionally a subcommand
    docopt HELPFILE             docopt's own reading of a help text
"""

from __future__ import annotations

import json
import os
import runpy
import sys
from enum import Enum
from pathlib import Path
from typing import Any


def emit(options: list[dict[str, Any]], subcommands: list[str]) -> None:
    sys.stdout.write(json.dumps({"options": options, "subcommands": subcommands}))
    sys.stdout.flush()
    os._exit(0)


def _argparse(parser: Any) -> None:
    import argparse

    options, subs = [], []
    for action in parser._actions:
        if action.help == argparse.SUPPRESS:
            continue
        if isinstance(action, argparse._SubParsersAction):
            subs = [a.dest for a in action._choices_actions] or list(action.choices)
            continue
        if not action.option_strings:
            continue
        options.append({
            "flags": list(action.option_strings),
            "takes_value": action.nargs != 0,
            "choices": [str(getattr(c, "value", c)) for c in action.choices]
            if action.choices else None,
        })
    emit(options, subs)


def _catch_argparse() -> None:
    import argparse

    def grab(self: Any, *args: Any, **kwargs: Any) -> Any:
        _argparse(self)

    argparse.ArgumentParser.parse_known_args = grab  # type: ignore[method-assign]
    argparse.ArgumentParser.parse_args = grab  # type: ignore[method-assign,assignment]


def _optparse(parser: Any) -> None:
    import optparse

    options = []
    for opt in parser._get_all_options():
        if opt.help == optparse.SUPPRESS_HELP:
            continue
        options.append({
            "flags": opt._short_opts + opt._long_opts,
            "takes_value": bool(opt.takes_value()),
            "choices": list(opt.choices) if opt.choices else None,
        })
    return options  # type: ignore[return-value]


def _click(cmd: Any) -> None:
    # duck-typed: recent typer vendors its own copy of click (typer._click)
    ctx = cmd.context_class(cmd, info_name=cmd.name, **(cmd.context_settings or {}))
    options = []
    for param in cmd.get_params(ctx):
        if getattr(param, "param_type_name", "") != "option" or param.hidden:
            continue
        choices = getattr(getattr(param, "type", None), "choices", None)
        annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
        if choices is None and isinstance(annotation, type) and issubclass(annotation, Enum):
            choices = [m.value for m in annotation]
        options.append({
            "flags": list(param.opts) + list(param.secondary_opts),
            "takes_value": not (param.is_flag or param.count),
            "choices": [str(getattr(c, "value", c)) for c in choices] if choices else None,
        })
    subs: list[str] = []
    if hasattr(cmd, "list_commands"):
        subs = [n for n in cmd.list_commands(ctx)
                if not getattr(cmd.get_command(ctx, n), "hidden", False)]
    emit(options, subs)


def main(argv: list[str]) -> None:
    mode, target = argv[0], argv[1] if len(argv) > 1 else ""
    if mode == "argparse-module":
        _catch_argparse()
        sys.argv = [target, "--help"]
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    elif mode == "argparse-call":
        _catch_argparse()
        module, func = target.split(":")
        sys.argv = [module, "--help"]
        getattr(__import__(module, fromlist=[func]), func)()
    elif mode == "optparse-module":
        import optparse

        def grab(self: Any, *args: Any, **kwargs: Any) -> Any:
            emit(_optparse(self), [])  # type: ignore[arg-type]

        optparse.OptionParser.parse_args = grab  # type: ignore[method-assign,assignment]
        sys.argv = [target, "--help"]
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    elif mode == "pip":
        from pip._internal.cli.main_parser import create_main_parser
        from pip._internal.commands import commands_dict, create_command

        if target:
            emit(_optparse(create_command(target).parser), [])  # type: ignore[arg-type]
        emit(_optparse(create_main_parser()), list(commands_dict))  # type: ignore[arg-type]
    elif mode == "click":
        module, attr = target.split(":")
        sys.path.insert(0, os.getcwd())
        obj = getattr(__import__(module, fromlist=[attr]), attr)
        if type(obj).__name__ == "Typer":
            import typer.main

            obj = typer.main.get_command(obj)
        for sub in argv[2:]:
            obj = obj.get_command(obj.context_class(obj), sub)
        _click(obj)
    elif mode == "docopt":
        import docopt

        # docopt.sh hides one of its two "Usage" words with U+200B; keep it hidden
        doc = Path(target).read_text(encoding="utf-8")
        options = [{"flags": [f for f in (o.short, o.long) if f],
                    "takes_value": o.argcount > 0, "choices": None}
                   for o in docopt.parse_defaults(doc)]
        usage = docopt.printable_usage(doc)
        pattern = docopt.parse_pattern(docopt.formal_usage(usage), docopt.parse_defaults(doc))
        subs = [c.name for c in pattern.flat(docopt.Command) if c.name != "-"]  # "-" is stdin
        emit(options, list(dict.fromkeys(subs)))
    raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
