"""``testronaut sweep``: remove what dead runs left on the engine."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sweep", help="remove containers and volumes left by dead testronaut runs",
        description="Remove containers and volumes labelled testronaut.* whose owning "
                    "process is gone (e.g. after kill -9).")
    parser.add_argument("--images", action="store_true",
                        help="also remove cached images (testronaut-build:*, testronaut-install:*)")
    parser.set_defaults(func=_sweep)


def _sweep(args: argparse.Namespace) -> int:
    from . import labels
    from .engine import connect

    client = connect()
    removed = labels.sweep(client)
    if args.images:
        count = 0
        for image in client.images.list(filters={"label": labels.MANAGED}):
            if image.labels.get(labels.KIND) in ("install-cache", "dockerfile-cache"):
                client.images.remove(image.id, force=True)
                count += 1
        removed["images"] = count
    print(", ".join(f"{n} {what}" for what, n in removed.items()) + " removed")
    return 0
