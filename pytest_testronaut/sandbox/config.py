"""What a sandbox is made of: a frozen, hashable value built from settings and markers."""

from __future__ import annotations

import os
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

INSTALL_KINDS = ("pip", "apt", "script", "shell")


def base_image_tag() -> str:
    """The base image testronaut builds from Debian packages when the engine lacks it:
    ``$TESTRONAUT_BASE_IMAGE``, else ``testronaut-base:bookworm`` (``testronaut
    base-image`` reads the same variable)."""
    return os.environ.get("TESTRONAUT_BASE_IMAGE") or "testronaut-base:bookworm"


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
    timeout: float = Field(default=60.0, gt=0)
    user: str | None = None
    memory: str = "512m"
    cpus: float = Field(default=1.0, gt=0)
    pids: int = Field(default=256, gt=0)
    read_only: bool = False
    # Loosening the defaults, for tools that need it (e.g. cap_add=("NET_ADMIN",)).
    cap_add: tuple[str, ...] = ()
    no_new_privileges: bool = True
    env: tuple[tuple[str, str], ...] = ()
    workdir: str = "/work"
    isolation: Literal["session", "module", "test"] = "module"
    output_limit: int = Field(default=10 * 1024 * 1024, gt=0)

    @field_validator("install", mode="before")
    @classmethod
    def _install_steps(cls, value: Any) -> Any:
        if value is None:
            return ()
        if isinstance(value, str):
            value = (value,)
        steps = tuple(value)
        for step in steps:
            kind, sep, rest = str(step).partition(":")
            if not sep or kind not in INSTALL_KINDS or not rest.strip():
                raise ValueError(
                    f"install step {step!r} is not KIND:VALUE with KIND one of "
                    f"{', '.join(INSTALL_KINDS)} (e.g. 'pip:./mytool', 'apt:jq', "
                    f"'script:install.sh', 'shell:make install')"
                )
        return steps

    @field_validator("cap_add", mode="before")
    @classmethod
    def _caps(cls, value: Any) -> Any:
        if value is None:
            return ()
        if isinstance(value, str):
            value = (value,)
        return tuple(str(c).upper().removeprefix("CAP_") for c in value)

    @field_validator("env", mode="before")
    @classmethod
    def _env_pairs(cls, value: Any) -> Any:
        if value is None:
            return ()
        if isinstance(value, dict):
            return tuple(sorted((str(k), str(v)) for k, v in value.items()))
        return tuple(tuple(pair) for pair in value)

    @field_validator("memory")
    @classmethod
    def _memory(cls, value: str) -> str:
        text = value.strip().lower()
        digits = text.rstrip("bkmg")
        if not digits.isdigit() or text[len(digits):] not in ("", "b", "k", "m", "g"):
            raise ValueError(f"memory {value!r} is not a size like 512m or 2g")
        return text

    @property
    def env_dict(self) -> dict[str, str]:
        return dict(self.env)
