"""The structural tier: JSON/YAML documents, declared-unordered line sets and
whitespace-aligned tables, compared after normalization of their scalar values.

Every structure is rendered to a canonical text (sorted keys, one value per line,
numbers kept as written) so that equality is text equality and a failure has a
readable diff. Types survive: ``3``, ``"3"``, ``3.0`` and ``true`` all differ, and a
YAML ``1.10`` is not the float ``1.1``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .dynamic import check as check_change
from .json_logs import measured_key
from .normalize import Normalized, clean_terminal, normalize
from .rules import Replacement, Rule

Format = Literal["auto", "text", "json", "yaml", "table"]

__all__ = ["Format", "StructuralResult", "compare_structure"]


@dataclass(frozen=True)
class StructuralResult:
    """What the structural tier found; ``None`` from :func:`compare_structure` means
    no structure applied and the normalized text comparison stands."""

    kind: str
    equal: bool
    explanation: str
    expected_view: str
    actual_view: str
    replacements: tuple[Replacement, ...] = ()


class _NotStructured(Exception):
    pass


class _Pairs(list[tuple[str, Any]]):
    """A mapping whose normalized keys collide: every entry is kept, sorted."""


@dataclass(frozen=True)
class _Raw:
    """A scalar written without quotes (a JSON number/literal, a YAML plain scalar)."""

    text: str


class _Normalizer:
    def __init__(self, rules: Sequence[Rule], use_default_rules: bool) -> None:
        self.rules = rules
        self.use_default_rules = use_default_rules
        self.found: list[Replacement] = []

    def text(self, value: str) -> str:
        result: Normalized = normalize(value, self.rules, use_default_rules=self.use_default_rules)
        self.found.extend(result.replacements)
        return result.text

    def scalar(self, key: str | None, value: str) -> str:
        """Normalize ``value``, letting its key serve as context (``"created": 17...``)."""
        plain = self.text(value)
        if key is None or plain != value:
            return plain
        prefix = f'"{key}": '
        contextual = normalize(prefix + value, self.rules, use_default_rules=self.use_default_rules)
        if contextual.text.startswith(prefix) and contextual.text[len(prefix) :] != value:
            self.found.extend(contextual.replacements)
            return contextual.text[len(prefix) :]
        return plain


# --- parsing -------------------------------------------------------------------------
def _parse_json(text: str) -> Any:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in items]
        if len(set(keys)) != len(keys):
            raise _NotStructured("duplicate keys")
        return dict(items)

    def loads(doc: str) -> Any:
        return json.loads(
            doc,
            object_pairs_hook=pairs,
            parse_int=_Raw,
            parse_float=_Raw,
            parse_constant=_Raw,
        )

    stripped = text.strip()
    if not stripped or stripped[0] not in "{[":
        raise _NotStructured("not JSON")
    try:
        return loads(stripped)
    except json.JSONDecodeError as exc:
        lines = [line for line in stripped.split("\n") if line.strip()]
        if len(lines) > 1 and all(line.lstrip()[:1] in "{[" for line in lines):
            try:  # JSON lines: one document per line
                return [loads(line) for line in lines]
            except json.JSONDecodeError:
                pass
        raise _NotStructured(f"not valid JSON: {exc}") from exc


def _parse_yaml(text: str) -> Any:
    import yaml

    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.BaseLoader))
    except yaml.YAMLError as exc:
        raise _NotStructured(f"not valid YAML: {exc}".replace("\n", " ")) from exc
    nodes = [node for node in nodes if node is not None]
    if not nodes or not all(isinstance(n, yaml.MappingNode | yaml.SequenceNode) for n in nodes):
        raise _NotStructured("not a YAML mapping or sequence")
    docs = [_from_yaml_node(node) for node in nodes]
    return docs[0] if len(docs) == 1 else docs


def _from_yaml_node(node: Any) -> Any:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        # BaseLoader resolves no types; a plain scalar keeps its spelling, a quoted one
        # is a string, so `3` and `"3"` stay different.
        return _Raw(node.value) if node.style is None else node.value
    if isinstance(node, yaml.SequenceNode):
        return [_from_yaml_node(item) for item in node.value]
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
        if key in mapping:
            raise _NotStructured("duplicate keys")
        mapping[key] = _from_yaml_node(value_node)
    return mapping


# --- canonical rendering -------------------------------------------------------------
# Keys whose names say their values change from run to run: *_at, *_id (and camelCase
# createdAt, requestId), pid (ppid, cpid, lpid...), duration*, latency*, elapsed*, uptime*,
# atime, ctime, mtime.
# Also the time a request or a run took (responseTime, response_time_ms, took).
_VOLATILE_KEY = re.compile(
    r"(?:^|_|-)(?:at|id)$|[a-z](?:At|Id|ID)$|^[a-z]?pid$"
    r"|^(?:duration|latency|elapsed|uptime)(?:$|[_A-Z-])"
    r"|^(?:response|request|run|exec(?:ution)?|wall|cpu|query|render|processing)[_-]?[Tt]ime"
    r"(?:[_-]?(?:ms|us|ns|s|secs?|seconds))?$|^took(?:[_-]?ms)?$"
    r"|^[acm]time$"  # an object's access, change, modification time (lsipc, stat -J)
)
# Keys whose numbers (only) are a process's own: Python logging's process, thread and
# relativeCreated, a thread id.
_VOLATILE_NUMBER_KEY = re.compile(r"^(?:process|thread|thread[_-]?[iI]d|tid|relativeCreated|msecs)$")
_NUMBER = re.compile(r"-?\d")
def _canonical(value: Any, norm: _Normalizer, unordered: bool, key: str | None = None,
               parent: str | None = None) -> Any:
    if isinstance(value, dict):
        items = [(norm.text(k), _canonical(v, norm, unordered, k, key))
                 for k, v in sorted(value.items())]
        keys = [k for k, _ in items]
        if len(set(keys)) != len(keys):
            # normalized keys collide (two UUID keys): keep every entry, as a sorted list
            return _Pairs(sorted(items, key=_render))
        return dict(items)
    if isinstance(value, list):
        items = [_canonical(v, norm, unordered, key, parent) for v in value]
        return sorted(items, key=_render) if unordered else items
    number = isinstance(value, _Raw) and _NUMBER.match(value.text) is not None
    if key is not None and (((_VOLATILE_KEY.search(key) or measured_key(key, parent))
                             and (isinstance(value, str) or number))
                            or (number and _VOLATILE_NUMBER_KEY.match(key))):
        # a key whose name says its value changes run to run: only the type is kept
        return _Raw("<VOLATILE>") if isinstance(value, _Raw) else "<VOLATILE>"
    if isinstance(value, _Raw):
        return _Raw(norm.scalar(key, value.text))
    if value is None or isinstance(value, bool):
        return _Raw(json.dumps(value))
    return norm.scalar(key, str(value))


def _render(value: Any, indent: int = 0) -> str:
    pad = "  " * (indent + 1)
    if isinstance(value, _Pairs):
        body = [f"{pad}{json.dumps(k)}: {_render(v, indent + 1)}" for k, v in value]
        return "{\n" + ",\n".join(body) + "\n" + "  " * indent + "}" if body else "{}"
    if isinstance(value, tuple):  # a (key, value) pair being sorted
        return f"{json.dumps(value[0])}: {_render(value[1], indent)}"
    if isinstance(value, dict):
        body = [f"{pad}{json.dumps(k)}: {_render(value[k], indent + 1)}" for k in sorted(value)]
        return "{\n" + ",\n".join(body) + "\n" + "  " * indent + "}" if body else "{}"
    if isinstance(value, list):
        body = [pad + _render(v, indent + 1) for v in value]
        return "[\n" + ",\n".join(body) + "\n" + "  " * indent + "]" if body else "[]"
    if isinstance(value, _Raw):
        return value.text
    return json.dumps(value, ensure_ascii=False)


# --- the tier ------------------------------------------------------------------------
_RIGHT_ALIGNED = re.compile(r"^(?:<[A-Z_#0-9]+>|[\d.,:%]+)$")
# Auto-detection wants a YAML *document* (a `---`, a list, or a nested mapping): flat
# "Key: value" report lines stay text, where a reordering is still a difference.
_YAML_HINT = re.compile(r"(?m)^---|^\s*-\s|^[^\s#][^:\n]*:[ \t]*\n[ \t]+\S")


def compare_structure(
    expected: str,
    actual: str,
    *,
    fmt: Format,
    unordered: bool,
    rules: Sequence[Rule],
    use_default_rules: bool,
) -> StructuralResult | None:
    """Compare as a structure chosen by ``fmt`` (``auto`` detects JSON, then YAML,
    then aligned columns), or return ``None`` when no structure applies."""
    exp, act = clean_terminal(expected), clean_terminal(actual)
    norm = _Normalizer(rules, use_default_rules)
    if fmt in ("json", "auto"):
        result = _documents("JSON", _parse_json, exp, act, norm, unordered, required=fmt == "json")
        if result is not None or fmt == "json":
            return result
    if fmt in ("yaml", "auto") and (fmt == "yaml" or (_YAML_HINT.search(exp) and
                                                      _YAML_HINT.search(act))):
        result = _documents("YAML", _parse_yaml, exp, act, norm, unordered, required=fmt == "yaml")
        if result is not None or fmt == "yaml":
            return result
    if unordered:
        return _line_sets(exp, act, norm)
    if fmt == "table":
        # Only when the case says the output is a table are cells compared whatever
        # their alignment; otherwise spacing is part of the output (the normalized
        # tier lets it change only where a dynamic value changed width).
        # The raw texts: normalizing cleans them once (a second cleaning would drop a
        # second final newline, and with it an extra empty line).
        return _columns(expected, actual, norm, required=True)
    return None


def _documents(
    kind: str,
    parse: Any,
    exp: str,
    act: str,
    norm: _Normalizer,
    unordered: bool,
    *,
    required: bool,
) -> StructuralResult | None:
    parsed = []
    for label, text in (("expected", exp), ("actual", act)):
        try:
            parsed.append(parse(text))
        except _NotStructured as exc:
            if not required:
                return None
            return StructuralResult(kind, False, f"The {label} output is {exc}.", exp, act)
    other = _Normalizer(norm.rules, norm.use_default_rules)
    left = _render(_canonical(parsed[0], norm, unordered))
    right = _render(_canonical(parsed[1], other, unordered))
    order = " (key order and array order ignored)" if unordered else " (key order ignored)"
    if left != right:
        why = f"The {kind} documents differ after normalizing their values{order}."
        return StructuralResult(kind, False, why, left, right, tuple(norm.found))
    problem = _changed_values(norm.found, other.found)
    if problem is not None:
        why = f"The {kind} documents are equal after normalizing their values{order}, but {problem}."
        return StructuralResult(kind, False, why, left, right, tuple(norm.found))
    why = f"The {kind} documents are equal after normalizing their values{order}."
    return StructuralResult(kind, True, why, left, right, tuple(norm.found))


def _changed_values(expected: list[Replacement], actual: list[Replacement]) -> str | None:
    """Why a value replaced in both documents did not change the way a re-run changes
    it (see :mod:`.dynamic`), or ``None``. The documents are walked in the same
    (sorted) order, so the n-th replacement of one stands for the n-th of the other."""
    if [r.rule for r in expected] != [r.rule for r in actual]:
        return "their dynamic values do not correspond one to one"
    for mine, theirs in zip(expected, actual, strict=True):
        why = check_change(mine.rule, mine.original, theirs.original)
        if why is not None:
            return f"{mine.original!r} became {theirs.original!r}, which {why}"
    return None


def _line_sets(exp: str, act: str, norm: _Normalizer) -> StructuralResult:
    left = Counter(norm.text(line) for line in exp.split("\n") if line.strip())
    right = Counter(norm.text(line) for line in act.split("\n") if line.strip())
    missing, extra = left - right, right - left
    if not missing and not extra:
        why = "The same lines appear, in a different order (order declared irrelevant)."
    else:
        parts = []
        if missing:
            parts.append(f"{sum(missing.values())} expected line(s) missing, e.g. "
                         f"{next(iter(missing))!r}")
        if extra:
            parts.append(f"{sum(extra.values())} unexpected line(s), e.g. {next(iter(extra))!r}")
        why = "The unordered line sets differ: " + "; ".join(parts) + "."
    return StructuralResult(
        "unordered lines",
        not missing and not extra,
        why,
        "\n".join(sorted(left.elements())),
        "\n".join(sorted(right.elements())),
        tuple(norm.found),
    )


def _columns(exp: str, act: str, norm: _Normalizer, *, required: bool) -> StructuralResult | None:
    def cells(text: str) -> list[str]:
        normalized = norm.text(text)
        rows = []
        for line in normalized.split("\n"):
            tokens = line.split()
            # Indentation is kept (it is structure in trees and YAML) unless the row
            # starts with a right-aligned number, whose width moves the margin.
            indent = "" if tokens and _RIGHT_ALIGNED.match(tokens[0]) else (
                line[: len(line) - len(line.lstrip())]
            )
            rows.append(indent + " | ".join(tokens))
        return rows

    left, right = cells(exp), cells(act)
    if left == right or required:
        why = (
            "The outputs hold the same cells; only column alignment differs."
            if left == right
            else "The tables differ cell by cell after normalization."
        )
        return StructuralResult(
            "table", left == right, why, "\n".join(left), "\n".join(right), tuple(norm.found)
        )
    return None  # not a question of alignment: the normalized tier's diff stands
