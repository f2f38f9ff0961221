"""Re-capture the help corpus in ``help/`` (a maintainer's script, not a test).

    python tests/analysis/capture_corpus.py [--venv /tmp/capvenv] [NAME ...]

Each entry writes ``help/<name>.<style>.txt`` (the help as the tool prints it with
``COLUMNS=80 TERM=dumb``) and, for styles whose parser objects are importable,
``help/<name>.<style>.json`` with the options and subcommands the tool's *own*
parser defines (see ``dump_parser.py``). For GNU, git, cobra and clap tools there is
no parser object to ask; their JSON files were drafted once and then checked by hand
against the help text (and, for cobra, ``__complete``); this script never overwrites
them. Click/typer/docopt tools live in a scratch venv:
``python -m venv /tmp/capvenv && /tmp/capvenv/bin/pip install black flask
cookiecutter typer httpie pipreqs docopt-sh``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
HELP = HERE / "help"
DUMP = HERE / "dump_parser.py"
TYPER_APP = HERE / "apps" / "typer_todo.py"

# name, style, argv (VENV/ is the scratch venv's bin), dump args or None (hand-checked)
CORPUS: list[tuple[str, str, list[str], list[str] | None]] = [
    ("venv", "argparse", ["python3", "-m", "venv", "--help"], ["argparse-module", "venv"]),
    ("http.server", "argparse", ["python3", "-m", "http.server", "--help"],
     ["argparse-module", "http.server"]),
    ("json.tool", "argparse", ["python3", "-m", "json.tool", "--help"],
     ["argparse-module", "json.tool"]),
    ("httpie", "argparse", ["VENV/http", "--help"], ["argparse-call", "httpie.__main__:main"]),
    ("black", "click", ["VENV/black", "--help"], ["click", "black:main"]),
    ("flask", "click", ["VENV/flask", "--help"], ["click", "flask.cli:cli"]),
    ("cookiecutter", "click", ["VENV/cookiecutter", "--help"],
     ["click", "cookiecutter.cli:main"]),
    ("todo", "typer", ["VENV/python", str(TYPER_APP), "--help"], ["click", "typer_todo:app"]),
    ("todo-add", "typer", ["VENV/python", str(TYPER_APP), "add", "--help"],
     ["click", "typer_todo:app", "add"]),
    ("typer", "typer", ["VENV/typer", "--help"], ["click", "typer.cli:app"]),
    ("cProfile", "optparse", ["python3", "-m", "cProfile", "--help"],
     ["optparse-module", "cProfile"]),
    ("pip", "optparse", ["python3", "-m", "pip", "--help"], ["pip"]),
    ("pip-install", "optparse", ["python3", "-m", "pip", "install", "--help"],
     ["pip", "install"]),
    ("ls", "gnu", ["ls", "--help"], None),
    ("sort", "gnu", ["sort", "--help"], None),
    ("cut", "gnu", ["cut", "--help"], None),
    ("wc", "gnu", ["wc", "--help"], None),
    ("grep", "gnu", ["grep", "--help"], None),
    ("git", "git", ["git", "--help"], None),
    ("git-commit", "git", ["git", "commit", "-h"], None),
    ("git-stash", "git", ["git", "stash", "-h"], None),
    ("apt-get", "git", ["apt-get", "--help"], None),
    ("docker", "cobra", ["docker", "--help"], None),
    ("docker-run", "cobra", ["docker", "run", "--help"], None),
    ("docker-image", "cobra", ["docker", "image", "--help"], None),
    ("kubectl", "cobra", ["kubectl", "--help"], None),
    ("kubectl-create", "cobra", ["kubectl", "create", "--help"], None),
    ("cargo", "clap", ["cargo", "--help"], None),
    ("cargo-build", "clap", ["cargo", "build", "--help"], None),
    ("rustup", "clap", ["rustup", "--help"], None),
    ("fd", "clap", ["fdfind", "--help"], None),
    ("rg", "clap", ["rg", "-h"], None),
    ("pipreqs", "docopt", ["VENV/pipreqs", "--help"], ["docopt", "HELPFILE"]),
    ("docopt.sh", "docopt", ["VENV/docopt.sh", "--help"], ["docopt", "HELPFILE"]),
]


def _draft(text: str) -> dict[str, object]:
    sys.path.insert(0, str(HERE.parent.parent))
    from pytest_testronaut.analysis import parse_help

    cmd = parse_help(text)
    return {
        "options": [{"flags": o.flags, "takes_value": o.takes_value, "choices": o.choices}
                    for o in cmd.options],
        "subcommands": [s.name for s in cmd.subcommands],
    }


def capture(name: str, style: str, argv: list[str], dump: list[str] | None,
            venv: Path) -> None:
    env = {**os.environ, "COLUMNS": "80", "TERM": "dumb", "NO_COLOR": "1", "LC_ALL": "C.UTF-8"}
    argv = [str(venv / "bin" / a[5:]) if a.startswith("VENV/") else a for a in argv]
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=HERE / "apps")
    text = proc.stdout if proc.stdout.strip() else proc.stderr
    help_file = HELP / f"{name}.{style}.txt"
    help_file.write_text(text, encoding="utf-8")
    expect_file = HELP / f"{name}.{style}.json"
    if dump is None:
        if not expect_file.exists():
            draft = {"tool": name, "style": style, "source": "hand-checked", **_draft(text)}
            expect_file.write_text(json.dumps(draft, indent=1) + "\n", encoding="utf-8")
        return
    python = "python3" if argv[0] in ("python3",) else str(venv / "bin" / "python")
    args = [str(help_file) if a == "HELPFILE" else a for a in dump]
    out = subprocess.run([python, str(DUMP), *args], capture_output=True, text=True,
                         env=env, cwd=HERE / "apps", check=True)
    data = json.loads(out.stdout)
    expect = {"tool": name, "style": style, "source": f"parser object ({dump[0]})", **data}
    expect_file.write_text(json.dumps(expect, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=Path("/tmp/capvenv"))
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    HELP.mkdir(exist_ok=True)
    for name, style, argv, dump in CORPUS:
        if args.names and name not in args.names:
            continue
        capture(name, style, argv, dump, args.venv)
        print(f"captured {name}.{style}")


if __name__ == "__main__":
    main()
