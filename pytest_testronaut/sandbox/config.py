"""What a sandbox is made of: a frozen, hashable value built from settings and markers."""

from __future__ import annotations

import os
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .. import numbers

INSTALL_KINDS = ("pip", "apt", "script", "shell")
# Linux capabilities (capability.h) that cap_add may name; ALL is Docker's shorthand.
CAPABILITIES = frozenset({
    "ALL", "AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE", "BLOCK_SUSPEND", "BPF",
    "CHECKPOINT_RESTORE", "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID",
    "IPC_LOCK", "IPC_OWNER", "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE",
    "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_RAW", "PERFMON",
    "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYSLOG", "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT",
    "SYS_MODULE", "SYS_NICE", "SYS_PACCT", "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE",
    "SYS_TIME", "SYS_TTY_CONFIG", "WAKE_ALARM",
})

# Docker's reference grammar (distribution/reference): [domain[:port]/]path[:tag][@digest]
_PATH_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = (rf"(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[[0-9A-Fa-f:]+\])"
           r"(?::[0-9]+)?")
_NAME = rf"(?:{_DOMAIN}/)?{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*"
_TAG = r"[\w][\w.-]{0,127}"
_DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}"
IMAGE_REFERENCE = re.compile(rf"(?P<name>{_NAME})(?::{_TAG})?(?:@{_DIGEST})?")


def image_reference_problem(reference: Any) -> str | None:
    """What is wrong with an image reference (``name[:tag][@digest]``, as Docker's
    grammar has it), or None when Docker would accept it."""
    if not isinstance(reference, str):
        return f"image {reference!r} is not text; write a reference like debian:bookworm"
    if not reference.strip():
        return "image is empty; name one like debian:bookworm, or leave the key out"
    match = IMAGE_REFERENCE.fullmatch(reference)
    if match is None:
        hint = ""
        if reference != reference.strip() or any(c.isspace() for c in reference):
            hint = " (it contains spaces)"
        elif any(c.isupper() for c in reference.split(":")[0].split("@")[0].split("/")[-1]):
            hint = " (repository names are lower case)"
        return (f"image {reference!r} is not a valid image reference{hint}; write "
                "[REGISTRY/]NAME[:TAG][@DIGEST] with a lower-case NAME, e.g. "
                "debian:bookworm or ghcr.io/org/tool:1.2")
    if len(match.group("name")) > 255:
        return f"image name {match.group('name')[:40]!r}... is longer than 255 characters"
    return None


def install_step_problem(step: Any) -> str | None:
    """What is wrong with the syntax of an install step (``KIND:VALUE``), or None."""
    text = step if isinstance(step, str) else None
    kind, sep, rest = (text or "").partition(":")
    if text is None or not sep or kind not in INSTALL_KINDS or not rest.strip():
        return (f"install step {step!r} is not KIND:VALUE with KIND one of "
                f"{', '.join(INSTALL_KINDS)} (e.g. 'pip:./mytool', 'apt:jq', "
                f"'script:install.sh', 'shell:make install')")
    if kind == "pip":
        for requirement in rest.split(","):
            if requirement.strip().startswith("-"):
                return (f"install step {step!r}: {requirement.strip()!r} is a pip option, "
                        "not a requirement; pip steps name projects or paths only")
    return None


def base_image_tag() -> str:
    """The base image testronaut builds from Debian packages when the engine lacks it:
    ``$TESTRONAUT_BASE_IMAGE``, else ``testronaut-base:bookworm`` (``testronaut
    base-image`` reads the same variable)."""
    return os.environ.get("TESTRONAUT_BASE_IMAGE") or "testronaut-base:bookworm"


_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}


def size_bytes(text: str) -> int | None:
    """``512m`` -> bytes (units b, k, m, g, t: powers of 1024); None when not a size."""
    text = text.strip().lower()
    digits = text.rstrip("bkmgt")
    unit = text[len(digits):]
    if not digits.isdigit() or len(digits) > 15 or unit not in _UNITS:
        return None
    return int(digits) * _UNITS[unit]


class SandboxConfig(BaseModel):
    """Everything that decides how a sandbox container is built and confined.

    Relative paths in ``dockerfile``, ``context`` and install steps are resolved
    against ``base_dir`` (the folder of the test module or plan file that named them).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    image: str = Field(default_factory=lambda: base_image_tag())
    dockerfile: str | None = None
    context: str | None = None
    install: tuple[str, ...] = ()
    base_dir: str | None = None
    network: bool = False
    timeout: float = Field(default=60.0, gt=numbers.TIMEOUT.low, le=numbers.TIMEOUT.high)
    user: str | None = None
    memory: str = "512m"
    # Files: each file, and the workdir, $HOME, /tmp and /var/tmp together (see
    # supervisor.py); /tmp is a tmpfs of this size, charged to the memory limit.
    disk: str = "1g"
    cpus: float = Field(default=1.0, ge=numbers.CPUS.low, le=numbers.CPUS.high)
    pids: int = Field(default=256, ge=numbers.PIDS.low, le=numbers.PIDS.high)
    read_only: bool = False
    # Loosening the defaults, for tools that need it (e.g. cap_add=("NET_ADMIN",)).
    cap_add: tuple[str, ...] = ()
    no_new_privileges: bool = True
    env: tuple[tuple[str, str], ...] = ()
    workdir: str = "/work"
    isolation: Literal["session", "module", "test"] = "module"
    output_limit: int = Field(default=10 * 1024 * 1024, ge=numbers.OUTPUT_LIMIT.low,
                              le=numbers.OUTPUT_LIMIT.high)

    @field_validator("timeout", "cpus", "pids", "output_limit", mode="before")
    @classmethod
    def _numbers(cls, value: Any, info: Any) -> Any:
        # Finite, in range, never a boolean: the one check of numbers (numbers.py).
        ranges = {"timeout": numbers.TIMEOUT, "cpus": numbers.CPUS, "pids": numbers.PIDS,
                  "output_limit": numbers.OUTPUT_LIMIT}
        limits = ranges[info.field_name]
        if isinstance(value, str):
            return limits.parse(value)
        return limits.check(value)

    @field_validator("image", mode="before")
    @classmethod
    def _image(cls, value: Any) -> Any:
        problem = image_reference_problem(value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("install", mode="before")
    @classmethod
    def _install_steps(cls, value: Any) -> Any:
        if value is None:
            return ()
        if isinstance(value, str):
            value = (value,)
        steps = tuple(value)
        for step in steps:
            problem = install_step_problem(step)
            if problem:
                raise ValueError(problem)
        return steps

    @field_validator("cap_add", mode="before")
    @classmethod
    def _caps(cls, value: Any) -> Any:
        if value is None:
            return ()
        if isinstance(value, str):
            value = (value,)
        if not isinstance(value, list | tuple | set | frozenset):
            raise ValueError(f"cap_add {value!r} is not a capability name or a list of them, "
                             "e.g. cap_add=['NET_ADMIN']")
        caps = []
        for cap in value:
            name = cap.upper().removeprefix("CAP_") if isinstance(cap, str) else None
            if name not in CAPABILITIES:
                raise ValueError(f"cap_add {cap!r} is not a Linux capability name; use names "
                                 "like 'NET_ADMIN' or 'SYS_PTRACE' (see capabilities(7))")
            caps.append(name)
        return tuple(caps)

    @field_validator("env", mode="before")
    @classmethod
    def _env_pairs(cls, value: Any) -> Any:
        if value is None:
            return ()
        if isinstance(value, dict):
            return tuple(sorted((str(k), str(v)) for k, v in value.items()))
        return tuple(tuple(pair) for pair in value)

    @field_validator("memory", mode="before")
    @classmethod
    def _memory(cls, value: Any) -> str:
        try:
            return numbers.size_text(value, numbers.MEMORY)
        except numbers.NumberError as exc:
            raise ValueError(f"memory {exc}") from None

    @field_validator("disk", mode="before")
    @classmethod
    def _disk(cls, value: Any) -> str:
        text = str(value).strip().lower() if isinstance(value, str) else None
        if text is None or size_bytes(text) is None:
            raise ValueError(f"disk {value!r} is not a size like 1g or 200m")
        if size_bytes(text) < 1024 * 1024:  # type: ignore[operator]
            raise ValueError(f"disk {value!r} is below 1m: too small for any tool")
        return text

    @property
    def disk_bytes(self) -> int:
        return size_bytes(self.disk) or 0

    @property
    def env_dict(self) -> dict[str, str]:
        return dict(self.env)
