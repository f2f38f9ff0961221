"""Analysis: help texts in, a typed :class:`CliSpec` of the tool out."""

from __future__ import annotations

from .detect import detect_style
from .discover import discover, looks_like_help
from .parse import parse_help
from .spec import CliSpec, Command, Option, Positional

__all__ = [
    "CliSpec", "Command", "Option", "Positional", "detect_style", "discover",
    "looks_like_help", "parse_help",
]
