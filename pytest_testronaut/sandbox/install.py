"""Install steps: how a base image plus ``pip:``/``apt:``/``script:``/``shell:`` becomes
a cached image.

Each step becomes an :class:`InstallPlan`: host-side preparation (e.g. building a
wheelhouse with the host's pip, so the container needs no network), files to copy
in, and shell commands to run in a build container. A ``cache_key`` part makes the
resulting image reusable until the step's inputs change. Users add strategies with
the ``pytest_testronaut_install_step`` hook.

``pip:`` steps are *host builds*: ``pip wheel`` runs on the host, and building a local
project (or a source distribution) runs its setup code as the host user. Install steps
written in a plan file may do that only when the user allows it
(``allow_host_builds``; :func:`host_build_refusal` says so); install steps the user wrote
in Python or on the command line are the user's own code and may. Either way pip runs
with an environment scrubbed of secrets (:func:`scrubbed_environment`).
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InstallError

# Environment variables a host build never sees: credentials by name, and any value that
# carries a password in a URL. pip's own settings (PIP_*) stay: the user set them for pip.
_SECRET_NAME = re.compile(
    r"TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|APIKEY|ACCESS_?KEY|PRIVATE_?KEY"
    r"|(?:^|_)(?:KEY|KEYS|AUTH|COOKIE|SESSION|PASS|PAT|SIGNATURE)(?:_|$)", re.IGNORECASE)
_URL_WITH_PASSWORD = re.compile(r"://[^/@\s:]+:[^/@\s]+@")
HOST_BUILDS_HOW_TO_ALLOW = (
    "pass --testronaut-allow-host-builds (ini: testronaut_allow_host_builds = true, "
    "environment: TESTRONAUT_ALLOW_HOST_BUILDS=1) once you trust the plan, or install the "
    "tool into an image (image: or a Dockerfile) instead"
)

_SKIP_DIRS = {".git", "__pycache__", ".venv", "venv", ".tox", "build", "dist", ".mypy_cache",
              ".pytest_cache", ".ruff_cache", "node_modules", ".testronaut-cache"}


@dataclass
class InstallPlan:
    """What one install step does. ``files`` maps a host path to a folder in the build
    container; ``commands`` run there, in order, as root."""

    step: str
    cache_key: str
    commands: list[str]
    files: dict[str, str] = field(default_factory=dict)
    network: bool = False
    cleanup: list[Path] = field(default_factory=list)
    # Host-side work done only when the image is really built (not on a cache hit).
    prepare: Callable[[], None] | None = None


def is_host_build(step: str) -> bool:
    """True when the built-in strategy of ``step`` runs the host's pip (``pip:``)."""
    return step.partition(":")[0].strip() == "pip"


def host_build_refusal(steps: Iterable[str]) -> str | None:
    """Why a plan file's install ``steps`` may not run (they ask for a host build while
    host builds are not allowed), or None when none does."""
    builds = [step for step in steps if is_host_build(step)]
    if not builds:
        return None
    return (f"install: {', '.join(repr(b) for b in builds)} would run pip on this machine "
            "(building a wheel runs the project's setup code as you, outside any sandbox); "
            f"install steps from plan files may not do that unless you {HOST_BUILDS_HOW_TO_ALLOW}")


def scrubbed_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """``environ`` (default: this process's) without secrets: variables named like keys,
    tokens, passwords, credentials or sessions, and values holding a URL password."""
    source = os.environ if environ is None else environ
    kept = {}
    for name, value in source.items():
        secret = _SECRET_NAME.search(name) or _URL_WITH_PASSWORD.search(value)
        if name.upper().startswith("PIP_") or not secret:
            kept[name] = value
    return kept


def missing_install_file(step: str, base_dir: Path) -> str | None:
    """What a built-in install step needs from the host and is missing (a ``script:``
    file, a local ``pip:`` path), as a message, or None."""
    kind, _, value = step.partition(":")
    value = value.strip()
    if kind == "script":
        script = (base_dir / value).resolve()
        if not script.is_file():
            return f"install script {value!r} not found (looked at {script})"
    if kind == "pip":
        for requirement in (r.strip() for r in value.split(",") if r.strip()):
            try:
                _local(requirement, base_dir)
            except InstallError as exc:
                return str(exc)
    return None


def hash_tree(path: Path) -> str:
    """A content hash of a file or of a folder's files (names and bytes)."""
    digest = hashlib.sha256()
    if path.is_file():
        digest.update(path.read_bytes())
        return digest.hexdigest()
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.endswith(".egg-info"))
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            full = Path(root, name)
            digest.update(str(full.relative_to(path)).encode() + b"\0")
            digest.update(full.read_bytes())
    return digest.hexdigest()


def _local(value: str, base_dir: Path) -> Path | None:
    candidate = (base_dir / value).resolve()
    looks_like_path = value.startswith((".", "/", "~")) or os.sep in value
    if candidate.exists() and (looks_like_path or candidate.is_dir()):
        return candidate
    if looks_like_path:
        raise InstallError(f"install path {value!r} does not exist (looked at {candidate})")
    return None


def plan_step(step: str, base_dir: Path) -> InstallPlan:
    """The built-in strategies; the hook lets users add others before this runs."""
    kind, _, value = step.partition(":")
    value = value.strip()
    if kind == "pip":
        return _pip(step, value, base_dir)
    if kind == "apt":
        packages = value.replace(",", " ").split()
        return InstallPlan(
            step, f"apt:{' '.join(sorted(packages))}",
            ["apt-get update -qq", "DEBIAN_FRONTEND=noninteractive apt-get install -y "
             "--no-install-recommends -qq " + " ".join(map(shlex.quote, packages)),
             "rm -rf /var/lib/apt/lists/*"],
            network=True,  # apt needs a package mirror; the sandbox itself stays offline
        )
    if kind == "script":
        script = (base_dir / value).resolve()
        if not script.is_file():
            raise InstallError(f"install script {value!r} not found (looked at {script})")
        return InstallPlan(step, f"script:{hash_tree(script)}",
                           [f"sh /tmp/testronaut-install/{shlex.quote(script.name)}"],
                           files={str(script): "/tmp/testronaut-install"})
    if kind == "shell":
        return InstallPlan(step, f"shell:{value}", [value])
    raise InstallError(f"unknown install step {step!r}")


def _pip(step: str, value: str, base_dir: Path) -> InstallPlan:
    requirements = [r.strip() for r in value.split(",") if r.strip()]
    key_parts: list[str] = []
    args: list[str] = []
    for requirement in requirements:
        if requirement.startswith("-"):
            raise InstallError(f"install step {step!r}: {requirement!r} is a pip option, not a "
                               "requirement; pip steps name projects or paths only")
        path = _local(requirement, base_dir)
        if path is not None:
            key_parts.append(f"{path.name}:{hash_tree(path)}")
            args.append(str(path))
        else:
            key_parts.append(requirement)
            args.append(requirement)
    wheelhouse = Path(tempfile.gettempdir()) / f"testronaut-wheels-{uuid.uuid4().hex[:12]}"
    inside = f"/tmp/testronaut-wheels/{wheelhouse.name}"
    # The wheelhouse holds exactly the requested projects and their dependencies.
    return InstallPlan(
        step, "pip:" + ",".join(key_parts),
        [f"PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install --no-index --no-cache-dir "
         f"--disable-pip-version-check --find-links {inside} {inside}/*.whl"],
        files={str(wheelhouse): "/tmp/testronaut-wheels"},
        cleanup=[wheelhouse],
        prepare=lambda: _build_wheelhouse(wheelhouse, args),
    )


def _build_wheelhouse(wheelhouse: Path, args: list[str]) -> None:
    """``pip wheel`` on the host: the container installs offline from these wheels.

    Local projects are built from a clean copy, so no ``build/`` or ``*.egg-info``
    lands in the user's tree. Build isolation fetches build dependencies (setuptools)
    from the package index; without one, a second try uses the host's own.
    """
    wheelhouse.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="testronaut-src-") as scratch:
        sources = [_clean_copy(Path(a), Path(scratch)) if Path(a).is_dir() else a
                   for a in args]
        base = [sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
                "--wheel-dir", str(wheelhouse)]
        # The build's code sees no API keys, tokens or passwords of this process.
        env = scrubbed_environment()
        first = subprocess.run([*base, *sources], capture_output=True, text=True, check=False,
                               env=env)
        if first.returncode == 0:
            return
        second = subprocess.run([*base, "--no-build-isolation", *sources],
                                capture_output=True, text=True, check=False, env=env)
        if second.returncode == 0:
            return
    raise InstallError(
        f"building wheels for {' '.join(args)} on the host failed (pip exit "
        f"{first.returncode}). pip runs on the host and needs the package index (or "
        "PIP_INDEX_URL / PIP_FIND_LINKS) for requirements and build dependencies; a retry "
        "without build isolation (which needs the project's build backend, e.g. setuptools "
        "and wheel, installed next to pytest) failed too:\n"
        f"{_tail(first.stdout + first.stderr)}\n--- without build isolation ---\n"
        f"{_tail(second.stdout + second.stderr, 15)}"
    )


def _clean_copy(project: Path, scratch: Path) -> str:
    # .git stays: setuptools-scm and friends read versions from it.
    target = scratch / project.name
    shutil.copytree(project, target, ignore=lambda folder, names: [
        n for n in names if (n in _SKIP_DIRS and n != ".git") or n.endswith(".egg-info")])
    return str(target)


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])
