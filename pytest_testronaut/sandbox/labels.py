"""Labels on everything testronaut creates, and the sweeper that removes what dead
runs left behind (after ``kill -9``, a lost CI machine, ...)."""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from typing import Any

PREFIX = "testronaut."
MANAGED = PREFIX + "managed"
RUN = PREFIX + "run"
OWNER = PREFIX + "owner"
KIND = PREFIX + "kind"
CACHE_KEY = PREFIX + "cache-key"
KEPT = PREFIX + "kept"  # a container a run kept on purpose (``--testronaut-keep``)


def new_run_id() -> str:
    return uuid.uuid4().hex[:12]


def _process_start(pid: int) -> str:
    """The start time of ``pid`` in clock ticks since boot ("" where /proc is absent);
    with the pid it names a process even after the pid is reused."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


@dataclass(frozen=True)
class Owner:
    host: str
    pid: int
    start: str

    @classmethod
    def current(cls) -> Owner:
        pid = os.getpid()
        return cls(socket.gethostname(), pid, _process_start(pid))

    def __str__(self) -> str:
        return f"{self.host}:{self.pid}:{self.start}"

    @classmethod
    def parse(cls, text: str) -> Owner | None:
        parts = text.rsplit(":", 2)
        if len(parts) != 3 or not parts[1].isdigit():
            return None
        return cls(parts[0], int(parts[1]), parts[2])

    def is_alive(self) -> bool:
        """Whether the owning process still runs. Owners on other hosts count as alive:
        only their own machine can tell."""
        if self.host != socket.gethostname():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return _process_start(self.pid) == self.start


def labels(run_id: str, kind: str, **extra: str) -> dict[str, str]:
    out = {MANAGED: "1", RUN: run_id, OWNER: str(Owner.current()), KIND: kind}
    out.update({PREFIX + k.replace("_", "-"): v for k, v in extra.items()})
    return out


def sweep(client: Any, *, kept: bool = False) -> dict[str, int]:
    """Remove containers and volumes whose owning process is dead. Containers a run
    kept on purpose (``--testronaut-keep``, labelled :data:`KEPT`) stay for the person
    debugging them unless ``kept`` (``testronaut sweep --kept``). Cached images are
    kept on purpose (they are reused across runs); half-built ones are not cached."""
    import docker.errors

    removed = {"containers": 0, "volumes": 0}
    # The engine's list carries the labels: no inspection per container (every xdist
    # worker sweeps when it starts, and a shared engine may hold many).
    for entry in client.api.containers(all=True, filters={"label": MANAGED}):
        entry_labels = entry.get("Labels") or {}
        owner = Owner.parse(entry_labels.get(OWNER, ""))
        if owner is None or owner.is_alive() or (entry_labels.get(KEPT) and not kept):
            continue
        try:
            client.api.remove_container(entry["Id"], force=True, v=True)
            removed["containers"] += 1
        except docker.errors.NotFound:
            pass
        except docker.errors.APIError as exc:
            if "already in progress" not in str(exc):
                raise
    for volume in client.volumes.list(filters={"label": MANAGED}):
        owner = Owner.parse(volume.attrs.get("Labels", {}).get(OWNER, ""))
        if owner is None or owner.is_alive():
            continue
        try:
            volume.remove(force=True)
            removed["volumes"] += 1
        except docker.errors.APIError:
            pass  # still in use by a container another sweep is removing
    return removed
