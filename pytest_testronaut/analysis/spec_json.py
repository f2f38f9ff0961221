"""Reading a CLI spec back from JSON, whichever of its three shapes a file holds.

- ``testronaut analyze TOOL --json`` (explored in a sandbox): the root command
  flattened, with the whole typed spec under ``"spec"``;
- ``testronaut analyze --help-file FILE --json`` (one help text, offline): one command
  (``name``, ``path``, ``style``, options, positionals, subcommands by name);
- a plain :class:`CliSpec` dump (``tool``, ``root``), as saved beside a generated plan
  (``NAME.testronaut.spec.json``) and kept in the results store.

``testronaut generate --spec`` and ``--testronaut-report-spec`` both read specs here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .spec import CliSpec, Command

M = TypeVar("M", bound=BaseModel)
SHAPES = ("the JSON of `testronaut analyze TOOL --json` or `testronaut analyze "
          "--help-file FILE --json`, or a CLI spec saved beside a generated plan "
          "(NAME.testronaut.spec.json)")
# What the offline form (one command of ``cli.analyze.command_json``) always has.
_COMMAND_KEYS = frozenset({"name", "path", "style", "options", "positionals", "subcommands"})


def spec_from_json(data: Any) -> CliSpec:
    """The :class:`CliSpec` in ``data`` (parsed JSON of any of the three shapes).

    Raises :class:`ValueError` saying what was expected when ``data`` is none of them,
    or what is wrong inside one that looks like one.
    """
    if not isinstance(data, Mapping):
        raise ValueError(f"a JSON {_kind(data)} is not a CLI spec; expected {SHAPES}")
    if isinstance(data.get("spec"), Mapping):
        return _validated(CliSpec, data["spec"], "the \"spec\" of `analyze --json`")
    if "root" in data:
        return _validated(CliSpec, data, "a CLI spec")
    if data.keys() >= _COMMAND_KEYS:
        return _from_command(data)
    keys = ", ".join(sorted(map(str, data))[:8]) or "no keys"
    raise ValueError(f"not a CLI spec (it has {keys}); expected {SHAPES}")


def _from_command(data: Mapping[str, Any]) -> CliSpec:
    """The offline form: one command whose subcommands are names only."""
    path = [str(p) for p in data.get("path") or []] or [str(data["name"])]
    values = {key: data[key] for key in ("name", "path", "summary", "usage", "options",
                                         "positionals", "examples", "aliases") if key in data}
    values["path"] = path  # `--help-file` leaves it empty: the command's own name
    values["help_style"] = data.get("style") or "unknown"
    subcommands = data.get("subcommands") or []
    if not isinstance(subcommands, list):
        raise ValueError("not a CLI spec: \"subcommands\" of `analyze --help-file --json` "
                         "is a list of names")
    values["subcommands"] = [s if isinstance(s, Mapping) else
                             {"name": str(s), "path": [*path, str(s)]} for s in subcommands]
    root = _validated(Command, values, "the command of `analyze --help-file --json`")
    return CliSpec(tool=path[0], root=root)


def _validated(model: type[M], data: Any, what: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top)"
        raise ValueError(f"{what} is not valid: {where}: {first['msg']} "
                         f"({exc.error_count()} problem(s))") from None


def _kind(data: Any) -> str:
    return {list: "list", str: "text", int: "number", float: "number", bool: "boolean",
            type(None): "null"}.get(type(data), type(data).__name__)
