"""Where settings come from, in order: the command line, the ini file, the environment,
the default. :func:`add_options` registers the option group and ini keys,
:func:`resolve` reads them once per session; :func:`from_environ` reads the
environment alone, for the console script. A value that does not parse is a
:class:`pytest.UsageError` (a :class:`TestronautError` without pytest) naming where it
came from and what is accepted.

Settings that hold several values (``many``) are repeatable on the command line, one
per line in the ini file, and in the environment one per line or a JSON list.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from ..errors import TestronautError
from .parsers import boolean
from .resolved import Settings
from .table import SPECS


def add_options(parser: pytest.Parser) -> None:
    """Register the option group and the ini keys."""
    group = parser.getgroup("testronaut", "end-to-end CLI testing in Docker (testronaut)")
    group.addoption("--testronaut", action="store_true", default=None,
                    help="collect plan files, print the testronaut summary and reports "
                         "(ini testronaut = true, env TESTRONAUT=1)")
    parser.addini("testronaut", "turn testronaut on as --testronaut does", default=None)
    for spec in SPECS:
        if spec.flag:
            group.addoption(spec.option, action="store_true", default=None, help=spec.help)
            parser.addini(spec.ini, spec.help, default=None)
            continue
        shown = spec.help
        if spec.choices:
            shown += f": {', '.join(spec.choices)}"
        if spec.default not in (None, "", ()):
            default = (",".join(spec.default) if isinstance(spec.default, tuple)
                       else spec.default)
            shown += f" (default: {default})"
        shown = shown.replace("%", "%%")  # argparse formats help with %
        if spec.const is not None:
            group.addoption(spec.option, action="store", nargs="?", const=spec.const,
                            default=None, metavar=spec.metavar, help=shown)
            parser.addini(spec.ini, spec.help, default=None)
        elif spec.many:
            group.addoption(spec.option, action="append", default=None,
                            metavar=spec.metavar, help=shown)
            parser.addini(spec.ini, spec.help + " (one a line)", type="linelist", default=[])
        else:
            group.addoption(spec.option, action="store", default=None, metavar=spec.metavar,
                            help=shown)
            parser.addini(spec.ini, spec.help, default=None)


def _raw(config: pytest.Config, option: str, ini: str, env: str) -> tuple[Any, str] | None:
    cli = config.getoption(option.lstrip("-").replace("-", "_"), default=None)
    if cli is not None:
        return cli, option
    ini_value = config.getini(ini)
    if ini_value not in (None, "", []):
        return ini_value, f"ini {ini}"
    if env in os.environ:
        return os.environ[env], f"env {env}"
    return None


def resolve(config: pytest.Config) -> Settings:
    """Read every setting (CLI > ini > env > default); reject bad values clearly."""
    values: dict[str, Any] = {}
    enabled = _raw(config, "--testronaut", "testronaut", "TESTRONAUT")
    values["enabled"] = _parse(boolean, enabled, "--testronaut") if enabled else False
    from_cli = set()
    for spec in SPECS:
        raw = _raw(config, spec.option, spec.ini, spec.env)
        if raw is None:
            values[spec.name] = spec.default
            continue
        if raw[1] == spec.option:
            from_cli.add(spec.name)
        if spec.many:
            values[spec.name] = tuple(_parse(spec.parse, (item, raw[1]), spec.option)
                                      for item in _items(raw[0]))
        else:
            values[spec.name] = _parse(spec.parse, raw, spec.option)
    return Settings(**values, from_cli=frozenset(from_cli))


def _items(value: Any) -> list[str]:
    """The values of a repeatable setting: a list from the command line or the ini file,
    or one text from the environment (a JSON list, else one value a line)."""
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value).strip()
    if text.startswith("["):
        try:
            loaded = json.loads(text)
        except ValueError:
            loaded = None
        if isinstance(loaded, list):
            return [str(v).strip() for v in loaded if str(v).strip()]
    return [line.strip() for line in text.splitlines() if line.strip()]


def _parse(parse: Callable[[str], Any], raw: tuple[Any, str], option: str) -> Any:
    value, source = raw
    if isinstance(value, bool):  # store_true options arrive parsed
        value = str(value)
    try:
        return parse(str(value))
    except ValueError as exc:
        raise pytest.UsageError(
            f"testronaut: {source}={value!r} is not valid: {exc}. "
            f"Fix it on the command line ({option}), in the ini file "
            f"({option.replace('--', '').replace('-', '_')}) or in the environment."
        ) from None


def from_environ(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from ``TESTRONAUT_*`` environment variables alone (the console script
    has no ini file and no pytest options); a bad value is a :class:`TestronautError`."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for spec in SPECS:
        if spec.env in env:
            try:
                values[spec.name] = (tuple(spec.parse(v) for v in _items(env[spec.env]))
                                     if spec.many else spec.parse(env[spec.env]))
            except ValueError as exc:
                raise TestronautError(
                    f"{spec.env}={env[spec.env]!r} is not valid: {exc}") from None
    return Settings(**values)

