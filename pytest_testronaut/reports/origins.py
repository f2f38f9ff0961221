"""The spec each generated plan came from, for help drift against the plan itself.

A generated plan records the digest of the analyzed help it came from
(``generated_from``); the spec is saved beside it (``NAME.testronaut.spec.json``) and
kept in the results store. :func:`origin_specs` finds it in either place.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..analysis.spec import CliSpec, spec_matches_digest
from ..plans.model import spec_file_for
from .coverage import load_spec
from .store import ResultsStore


def origin_specs(plans: Mapping[str, Mapping[str, Any]], specs: Mapping[str, Any],
                 store: ResultsStore | None) -> tuple[dict[str, CliSpec], list[str]]:
    """The spec each generated plan came from, by plan name (``plans``: name to
    ``{"tool", "path", "digest"}``): the file saved beside the plan, else the results
    store's copy with the same digest; and notes on the plans whose spec is not to be
    had. Only for tools whose help this run knows (``specs``): without today's help
    there is nothing to measure drift against."""
    found: dict[str, CliSpec] = {}
    notes: list[str] = []
    for name, ref in sorted(plans.items()):
        if ref["tool"] not in specs:
            continue
        spec: CliSpec | None = None
        path = spec_file_for(ref["path"])
        saved: Any = None
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
            spec = load_spec(saved)
        except OSError:
            pass  # not saved (or not readable): the store may have it
        except ValueError as exc:
            notes.append(f"{path.name} beside {name} is not a CLI spec: {exc}")
        # a spec saved by an older version matches the digest of its JSON as saved
        raw = saved.get("spec", saved) if isinstance(saved, dict) else saved
        if spec is not None and not spec_matches_digest(spec, ref["digest"], raw):
            notes.append(f"{path.name} does not match the digest {ref['digest']} {name} "
                         "records (generated_from): not used for help drift")
            spec = None
        if spec is None and store is not None:
            data = store.spec_by_digest(ref["digest"])
            spec = load_spec(data) if data is not None else None
        if spec is None:
            notes.append(f"help drift of {name}: the spec it was generated from (digest "
                         f"{ref['digest']}) is neither in {path.name} beside it nor in the "
                         "results store; regenerate the plan to save it")
            continue
        found[name] = spec
    return found, notes
