"""Write plans as stable, readable YAML.

Block style throughout, literal ``|`` blocks for multi-line text, short lists of
words inline (``tags: [fuzz, security]``), an expected empty stream as
``stderr: ''``, keys in model order with ``id`` first,
and defaults left out so a reviewer sees only what matters. The same plan always
dumps to the same text, which keeps diffs of regenerated plans small.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .model import Plan

HEADER = (
    "# Testronaut test plan. Review it and commit it; pytest --testronaut runs it.\n"
    "# Cases with origin: generated have no expected output until recorded\n"
    "# (pytest --testronaut --testronaut-record). Set reviewed: true on a case you\n"
    "# checked by hand: recording and regeneration leave it alone.\n"
)
_FLOW_LIMIT = 80
_FIRST_KEYS = ("id",)


class _FlowList(list[Any]):
    """A list written inline."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        # Shared objects (the same dict twice) must be written twice, not as &anchors.
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as people write YAML by hand.
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    if "\n" in text.rstrip("\n") or (text.endswith("\n") and len(text) > 1):
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", text)


def _represent_flow(dumper: yaml.SafeDumper, data: _FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_FlowList, _represent_flow)


def _tidy(value: Any) -> Any:
    """Reorder keys (``id`` first) and mark short word lists for inline output."""
    if isinstance(value, dict):
        ordered = {k: value[k] for k in _FIRST_KEYS if k in value}
        ordered.update((k, v) for k, v in value.items() if k not in ordered)
        return {k: _tidy(v) for k, v in ordered.items()}
    if isinstance(value, list):
        items = [_tidy(v) for v in value]
        simple = all(
            isinstance(v, str) and v and "\n" not in v and v.strip() == v and len(v) < 40
            and v.isprintable()
            for v in items
        )
        if items and simple and sum(len(v) + 2 for v in items) < _FLOW_LIMIT:
            return _FlowList(items)
        return items
    return value


def plan_data(plan: Plan) -> dict[str, Any]:
    """The plan as plain data, defaults left out, in save order."""
    data = plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data = {"version": plan.version, **data}
    # A step's id is filled in as step<N> when missing; write it only when chosen.
    for w_index, workflow in enumerate(plan.workflows):
        for s_index, _step in enumerate(workflow.steps):
            step_data = data["workflows"][w_index]["steps"][s_index]
            if step_data.get("id") == f"step{s_index + 1}":
                del step_data["id"]
    for runnable in [*data.get("cases", ()),
                     *(s for w in data.get("workflows", ()) for s in w.get("steps", ()))]:
        _shorten_empty_streams(runnable)
    tidy: dict[str, Any] = _tidy(data)
    return tidy


def _shorten_empty_streams(runnable: dict[str, Any]) -> None:
    """Write an expectation of exactly no output as ``stderr: ''`` (the loader's
    shorthand for ``equals: ''``), not as a two-line block."""
    for stream in ("stdout", "stderr"):
        if runnable.get(stream) == {"equals": ""}:
            runnable[stream] = ""


def dump_plan(plan: Plan, *, header: bool = True) -> str:
    """The plan as YAML text."""
    text = yaml.dump(
        plan_data(plan), Dumper=_Dumper, sort_keys=False, default_flow_style=False,
        allow_unicode=True, width=4096, indent=2,
    )
    return (HEADER if header else "") + text


def save_plan(plan: Plan, path: str | Path, *, header: bool = True) -> None:
    """Write the plan to ``path`` atomically (a reader never sees half a plan)."""
    path = Path(path)
    text = dump_plan(plan, header=header)
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp makes 0600 files: keep the plan's mode, or what the umask gives a new file.
    if path.exists():
        mode = path.stat().st_mode & 0o777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
