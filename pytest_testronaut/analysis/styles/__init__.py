"""One parser per help style; :mod:`..parse` picks one with :mod:`..detect`."""

from __future__ import annotations

from . import argparse_style, clap, click_style, cobra, docopt, git, gnu, optparse_style, typer_style

__all__ = [
    "argparse_style", "clap", "click_style", "cobra", "docopt", "git", "gnu",
    "optparse_style", "typer_style",
]
