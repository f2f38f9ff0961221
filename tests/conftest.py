"""Helpers of the test suite itself (the shared set-up, pytester and the Docker rule,
is in the top-level conftest.py)."""

from __future__ import annotations

from typing import Any

# Imported once for the whole session, before any in-process pytester run: such a run
# removes the modules it imported when it ends, and a later `import yaml` would make new
# node classes that libyaml's C extension (initialised once per process) does not use,
# so a plan read after that would fail its isinstance checks.
import yaml  # noqa: F401


def labelled_containers(client: Any, **labels: str) -> list[Any]:
    """Containers carrying testronaut's management label and the given ``labels``
    (reached by tests/plugin through its ``labelled`` fixture: conftests are not
    importable)."""
    wanted = ["testronaut.managed"] + [f"testronaut.{k}={v}" for k, v in labels.items()]
    # ignore_removed: a container another run removes mid-listing is not an error
    return list(client.containers.list(all=True, filters={"label": wanted}, ignore_removed=True))
