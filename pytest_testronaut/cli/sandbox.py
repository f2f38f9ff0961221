"""``testronaut sweep`` (remove what dead runs left on the engine) and
``testronaut base-image`` (build the Debian base image without a registry)."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    """Add ``sweep`` and ``base-image`` to the console script's parser."""
    parser = subparsers.add_parser(
        "sweep", help="remove containers and volumes left by dead testronaut runs",
        description="Remove containers and volumes labelled testronaut.* whose owning "
                    "process is gone (e.g. after kill -9); containers a run kept "
                    "(--testronaut-keep) only with --kept.")
    parser.add_argument("--images", action="store_true",
                        help="also remove cached images (testronaut-build:*, testronaut-install:*)")
    parser.add_argument("--kept", action="store_true",
                        help="also remove containers a run kept (--testronaut-keep)")
    parser.set_defaults(func=_sweep)

    base = subparsers.add_parser(
        "base-image", help="build the Debian base image from Debian packages (no registry)",
        description="Debootstrap a minimal Debian (python3, pip, venv, coreutils, procps) from "
                    "this machine's apt mirror and docker-import it; nothing to do when the "
                    "tag exists. Needs root (or sudo) for debootstrap.")
    base.add_argument("--force", action="store_true", help="rebuild even if the tag exists")
    base.add_argument("--tag", help="image tag (default: $TESTRONAUT_BASE_IMAGE or "
                                    "testronaut-base:bookworm)")
    base.set_defaults(func=_base_image)


def _base_image(args: argparse.Namespace) -> int:
    import subprocess
    from importlib.resources import as_file, files

    argv = ["--force"] if args.force else []
    if args.tag:
        argv += ["--tag", args.tag]
    with as_file(files("pytest_testronaut.sandbox") / "build-base-image.sh") as script:
        return subprocess.run(["bash", str(script), *argv], check=False).returncode


def _sweep(args: argparse.Namespace) -> int:
    from ..sandbox import labels
    from ..sandbox.engine import connect

    client = connect()
    removed = labels.sweep(client, kept=args.kept)
    if args.images:
        count = 0
        for image in client.images.list(filters={"label": labels.MANAGED}):
            if image.labels.get(labels.KIND) in ("install-cache", "dockerfile-cache"):
                client.images.remove(image.id, force=True)
                count += 1
        removed["images"] = count
    print(", ".join(f"{n} {what}" for what, n in removed.items()) + " removed")
    return 0
