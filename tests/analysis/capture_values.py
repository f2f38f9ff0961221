"""Re-capture the values corpus in ``help_values/`` (a maintainer's script, not a test).

    python tests/analysis/capture_values.py --venv /tmp/capvenv [NAME ...]

The corpus ``benchmarks/parser_accuracy.py`` reads for what the first corpus
(``capture_corpus.py``) does not check: options taking several values at once, which
operands are optional, and operands with choices. Each entry writes
``help_values/<name>.<style>.txt`` (the help with ``COLUMNS=80 TERM=dumb``) and
``help_values/<name>.<style>.json`` with what the program's *own* parser object defines:
each option's flags and arity (values per use: 0, 1, or ``nargs`` when it is a number),
each positional's name as the help shows it, whether it is required, its choices, and
the subcommands. The programs are ``apps/values_*.py`` and PyPI tools in a scratch
venv: ``python -m venv /tmp/capvenv && /tmp/capvenv/bin/pip install click typer csvkit
httpie isort``. Run with ``--dump MODE TARGET`` inside that venv's interpreter, it prints
the JSON of one parser (the capture does that itself).
"""

from __future__ import annotations

import argparse
import json
import os
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
OUT = HERE / "help_values"
APPS = HERE / "apps"

# name, style, argv (VENV/ is the scratch venv's bin, APPS/ the programs here), dump
CORPUS: list[tuple[str, str, list[str], list[str]]] = [
    ("geom", "argparse", ["VENV/python", "APPS/values_geom.py"], ["script", "values_geom.py"]),
    ("viewer", "argparse", ["VENV/python", "APPS/values_viewer.py"],
     ["script", "values_viewer.py"]),
    ("builder", "argparse", ["VENV/python", "APPS/values_builder.py"],
     ["script", "values_builder.py"]),
    ("clickvals", "click", ["VENV/python", "APPS/values_click.py"],
     ["click", "values_click:main"]),
    ("typervals", "typer", ["VENV/python", "APPS/values_typer.py"],
     ["click", "values_typer:app"]),
    ("csvsql", "argparse", ["VENV/csvsql"],
     ["call", "csvkit.utilities.csvsql:launch_new_instance"]),
    ("csvcut", "argparse", ["VENV/csvcut"], ["call", "csvkit.utilities.csvcut:launch_new_instance"]),
    ("csvjoin", "argparse", ["VENV/csvjoin"],
     ["call", "csvkit.utilities.csvjoin:launch_new_instance"]),
    ("in2csv", "argparse", ["VENV/in2csv"], ["call", "csvkit.utilities.in2csv:launch_new_instance"]),
    ("httpie", "argparse", ["VENV/http"], ["call", "httpie.__main__:main"]),
    ("isort", "argparse", ["VENV/isort"], ["call", "isort.main:main"]),
]


# --- inside the tool's interpreter ------------------------------------------------
def _emit(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data, indent=1))
    sys.stdout.flush()
    os._exit(0)


def _argparse(parser: Any) -> None:
    options, positionals, subs = [], [], []
    formatter = parser._get_formatter()
    for action in parser._actions:
        if action.help == argparse.SUPPRESS:
            continue
        if isinstance(action, argparse._SubParsersAction):
            subs = [a.dest for a in action._choices_actions] or list(action.choices)
            continue
        nargs = action.nargs
        if action.option_strings:
            arity = nargs if isinstance(nargs, int) else (0 if nargs == 0 else 1)
            options.append({"flags": list(action.option_strings), "arity": arity})
            continue
        name = formatter._metavar_formatter(action, action.dest)(1)[0]
        positionals.append({
            "name": name, "required": nargs not in ("?", "*"),
            "choices": [str(c) for c in action.choices] if action.choices else None})
    _emit({"options": options, "positionals": positionals, "subcommands": subs})


def _catch_argparse() -> None:
    def grab(self: Any, *args: Any, **kwargs: Any) -> Any:
        _argparse(self)

    argparse.ArgumentParser.parse_known_args = grab  # type: ignore[method-assign]
    argparse.ArgumentParser.parse_args = grab  # type: ignore[method-assign]


def _click(cmd: Any) -> None:
    ctx = cmd.context_class(cmd, info_name=cmd.name, **(cmd.context_settings or {}))
    options, positionals = [], []
    for param in cmd.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        if getattr(param, "param_type_name", "") == "option":
            arity = 0 if (getattr(param, "is_flag", False) or getattr(param, "count", False)) \
                else getattr(param, "nargs", 1)
            options.append({"flags": list(param.opts) + list(param.secondary_opts),
                            "arity": arity})
        else:
            choices = getattr(getattr(param, "type", None), "choices", None)
            positionals.append({"name": param.name, "required": bool(param.required),
                                "choices": [str(c) for c in choices] if choices else None})
    _emit({"options": options, "positionals": positionals, "subcommands": []})


def dump(mode: str, target: str) -> None:
    sys.argv = [target, "--help"]
    if mode == "script":
        _catch_argparse()
        runpy.run_path(str(APPS / target), run_name="__main__")
    elif mode == "call":
        _catch_argparse()
        module, func = target.split(":")
        getattr(__import__(module, fromlist=[func]), func)()
    elif mode == "click":
        module, attr = target.split(":")
        sys.path.insert(0, str(APPS))
        obj = getattr(__import__(module, fromlist=[attr]), attr)
        if type(obj).__name__ == "Typer":
            import typer.main  # type: ignore[import-not-found]

            obj = typer.main.get_command(obj)
        _click(obj)


# --- the capture ----------------------------------------------------------------------
def capture(venv: Path, names: list[str]) -> None:
    OUT.mkdir(exist_ok=True)
    env = {**os.environ, "COLUMNS": "80", "TERM": "dumb", "NO_COLOR": "1"}
    for name, style, argv, how in CORPUS:
        if names and name not in names:
            continue
        words = [w.replace("VENV/", f"{venv}/bin/").replace("APPS/", f"{APPS}/") for w in argv]
        text = subprocess.run([*words, "--help"], capture_output=True, text=True, env=env,
                              check=False).stdout
        data = json.loads(subprocess.run(
            [f"{venv}/bin/python", __file__, "--dump", *how], capture_output=True, text=True,
            env=env, check=True).stdout)
        (OUT / f"{name}.{style}.txt").write_text(text)
        (OUT / f"{name}.{style}.json").write_text(
            json.dumps({"tool": name, "style": style, **data}, indent=1) + "\n")
        print(f"{name}: {len(data['options'])} options, {len(data['positionals'])} positionals")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--dump"]:
        dump(sys.argv[2], sys.argv[3])
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--venv", type=Path, required=True)
    cli.add_argument("names", nargs="*")
    options = cli.parse_args()
    capture(options.venv, options.names)
