"""Every testronaut setting, resolved in one place: CLI, then ini, then env, then default.

Each setting has a command-line option ``--testronaut-NAME``, an ini key
``testronaut_NAME`` and an environment variable ``TESTRONAUT_NAME``. :func:`resolve`
reads all of them once per session into a frozen :class:`Settings`; a value that does
not parse is a :class:`pytest.UsageError` naming where it came from and what is
accepted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any

import pytest

from .errors import TestronautError

ISOLATIONS = ("session", "module", "test")
LLM_TASKS = ("analyze", "generate", "verify", "report")
INCONCLUSIVE_POLICIES = ("fail", "skip", "pass")
DEFAULT_IMAGE = "testronaut-base:bookworm"


def _bool(text: str) -> bool:
    low = text.strip().lower()
    if low in ("1", "true", "yes", "on"):
        return True
    if low in ("0", "false", "no", "off", ""):
        return False
    raise ValueError("expected true/false (or 1/0, yes/no, on/off)")


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise ValueError("expected a number greater than 0")
    return value


def _non_negative_float(text: str) -> float:
    value = float(text)
    if value < 0:
        raise ValueError("expected a number of 0 or more")
    return value


def _size(text: str) -> str:
    value = text.strip().lower()
    digits = value.rstrip("bkmg")
    if not digits.isdigit() or len(value) - len(digits) > 1:
        raise ValueError("expected a size like 512m or 2g")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError("expected a whole number greater than 0") from None
    if value <= 0:
        raise ValueError("expected a whole number greater than 0")
    return value


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError("expected a whole number of 0 or more") from None
    if value < 0:
        raise ValueError("expected a whole number of 0 or more")
    return value


def _choice(*allowed: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in allowed:
            raise ValueError(f"expected one of {', '.join(allowed)}")
        return text

    return parse


def _text(text: str) -> str:
    return text


def _optional_text(text: str) -> str | None:
    return text or None


@dataclass(frozen=True)
class Spec:
    name: str  # attribute name; option is --testronaut-<name with dashes>
    parse: Callable[[str], Any]
    default: Any
    help: str
    metavar: str | None = None
    flag: bool = False  # a store_true option

    @property
    def option(self) -> str:
        return "--testronaut-" + self.name.replace("_", "-")

    @property
    def ini(self) -> str:
        return "testronaut_" + self.name

    @property
    def env(self) -> str:
        return "TESTRONAUT_" + self.name.upper()


SPECS: tuple[Spec, ...] = (
    # --- sandbox -----------------------------------------------------------------
    Spec("image", _text, DEFAULT_IMAGE, "image for sandboxes that name none", "IMAGE"),
    Spec("install", _optional_text, None,
         "install step on top of the image: 'pip:REQ[,REQ]', 'pip:PATH', 'apt:PKG', "
         "'script:FILE' or 'shell:COMMAND'", "SPEC"),
    Spec("isolation", _choice(*ISOLATIONS), "module",
         "how tests share a sandbox: session, module or test", "SCOPE"),
    Spec("timeout", _positive_float, 60.0, "seconds one command may run", "SECONDS"),
    Spec("network", _bool, False, "give sandboxes a network", "BOOL"),
    Spec("memory", _size, "512m", "memory limit of a sandbox", "SIZE"),
    Spec("cpus", _positive_float, 1.0, "CPU limit of a sandbox", "N"),
    Spec("pids", _positive_int, 256, "process limit of a sandbox", "N"),
    Spec("user", _optional_text, None, "run sandbox commands as this user", "USER"),
    Spec("keep", _bool, False, "keep containers after the run, for debugging", flag=True),
    Spec("output_limit", _positive_int, 10 * 1024 * 1024,
         "bytes of stdout/stderr kept per command", "BYTES"),
    # --- plans -------------------------------------------------------------------
    Spec("plans", _text, "*.testronaut.yaml", "glob of plan files to collect", "GLOB"),
    Spec("tool", _optional_text, None, "analyze this tool and generate a plan for it", "NAME"),
    Spec("scope", _choice("basic", "comprehensive", "exhaustive"), "basic",
         "how many cases generation writes", "SCOPE"),
    Spec("record", _bool, False, "store what each plan case prints as its expectation",
         flag=True),
    Spec("record_twice", _bool, False,
         "in record mode run each case twice; what differs becomes proposed placeholder "
         "rules in the plan, for review", flag=True),
    Spec("seed", lambda t: int(t), 0, "seed of deterministic generation", "N"),
    # --- verification and LLM ----------------------------------------------------
    Spec("model", _optional_text, None,
         "chat model as PROVIDER:MODEL (default: the embedded offline agent)", "MODEL"),
    Spec("offline", _bool, False, "replay the LLM response cache, never call a model",
         flag=True),
    Spec("max_cost", _non_negative_float, 0.0, "budget in USD for LLM calls (0: none)", "USD"),
    Spec("cache", _text, ".testronaut-cache", "folder of the LLM response cache", "DIR"),
    Spec("inconclusive", _choice(*INCONCLUSIVE_POLICIES), "fail",
         "what an inconclusive judgement does to a test", "POLICY"),
    *(Spec(f"model_{task}", _optional_text, None,
           f"chat model of the {task} task (default: --testronaut-model)", "MODEL")
      for task in LLM_TASKS),
    Spec("model_fallback", _text, "",
         "comma-separated models tried, in order, when the main one stays down", "MODELS"),
    Spec("llm_timeout", _positive_float, 60.0, "seconds one model request may take",
         "SECONDS"),
    Spec("llm_retries", _non_negative_int, 3,
         "retries of a model request on rate limits, server errors and timeouts", "N"),
    Spec("llm_backoff", _non_negative_float, 1.0,
         "seconds before the first retry, doubled each time", "SECONDS"),
    Spec("llm_rps", _non_negative_float, 0.0, "model requests per second (0: no limit)",
         "N"),
    Spec("prices", _optional_text, None,
         "JSON file of model prices in USD per 1M tokens, over the built-in table", "FILE"),
)


@dataclass(frozen=True)
class Settings:
    """Resolved settings of one session. ``enabled`` is ``--testronaut``."""

    enabled: bool = False
    image: str = DEFAULT_IMAGE
    install: str | None = None
    isolation: str = "module"
    timeout: float = 60.0
    network: bool = False
    memory: str = "512m"
    cpus: float = 1.0
    pids: int = 256
    user: str | None = None
    keep: bool = False
    output_limit: int = 10 * 1024 * 1024
    plans: str = "*.testronaut.yaml"
    tool: str | None = None
    scope: str = "basic"
    record: bool = False
    record_twice: bool = False
    seed: int = 0
    model: str | None = None
    offline: bool = False
    max_cost: float = 0.0
    cache: str = ".testronaut-cache"
    inconclusive: str = "fail"
    model_analyze: str | None = None
    model_generate: str | None = None
    model_verify: str | None = None
    model_report: str | None = None
    model_fallback: str = ""
    llm_timeout: float = 60.0
    llm_retries: int = 3
    llm_backoff: float = 1.0
    llm_rps: float = 0.0
    prices: str | None = None

    @property
    def task_models(self) -> dict[str, str]:
        """The per-task models that are set, by task."""
        chosen = {task: getattr(self, f"model_{task}") for task in LLM_TASKS}
        return {task: model for task, model in chosen.items() if model}

    @property
    def fallbacks(self) -> list[str]:
        return [m.strip() for m in self.model_fallback.split(",") if m.strip()]


assert {f.name for f in fields(Settings)} == {"enabled"} | {s.name for s in SPECS}


def add_options(parser: pytest.Parser) -> None:
    """Register the option group and the ini keys."""
    group = parser.getgroup("testronaut", "end-to-end CLI testing in Docker (testronaut)")
    group.addoption("--testronaut", action="store_true", default=None,
                    help="collect plan files, print the testronaut summary and reports "
                         "(ini testronaut = true, env TESTRONAUT=1)")
    parser.addini("testronaut", "turn testronaut on as --testronaut does", default=None)
    parser.addini("testronaut_rules", "normalization rules, one NAME=REGEX=>PLACEHOLDER a line",
                  type="linelist", default=[])
    for spec in SPECS:
        if spec.flag:
            group.addoption(spec.option, action="store_true", default=None, help=spec.help)
        else:
            shown = "" if spec.default in (None, "") else f" (default: {spec.default})"
            group.addoption(spec.option, action="store", default=None, metavar=spec.metavar,
                            help=spec.help + shown)
        parser.addini(spec.ini, spec.help, default=None)


def _raw(config: pytest.Config, option: str, ini: str, env: str) -> tuple[Any, str] | None:
    cli = config.getoption(option.lstrip("-").replace("-", "_"), default=None)
    if cli is not None:
        return cli, option
    ini_value = config.getini(ini)
    if ini_value not in (None, "", []):
        return ini_value, f"ini {ini}"
    if env in os.environ:
        return os.environ[env], f"env {env}"
    return None


def resolve(config: pytest.Config) -> Settings:
    """Read every setting (CLI > ini > env > default); reject bad values clearly."""
    values: dict[str, Any] = {}
    enabled = _raw(config, "--testronaut", "testronaut", "TESTRONAUT")
    values["enabled"] = _parse(_bool, enabled, "--testronaut") if enabled else False
    for spec in SPECS:
        raw = _raw(config, spec.option, spec.ini, spec.env)
        if raw is None:
            values[spec.name] = spec.default
        else:
            values[spec.name] = _parse(spec.parse, raw, spec.option)
    return Settings(**values)


def _parse(parse: Callable[[str], Any], raw: tuple[Any, str], option: str) -> Any:
    value, source = raw
    if isinstance(value, bool):  # store_true options arrive parsed
        value = str(value)
    try:
        return parse(str(value))
    except ValueError as exc:
        raise pytest.UsageError(
            f"testronaut: {source}={value!r} is not valid: {exc}. "
            f"Fix it on the command line ({option}), in the ini file "
            f"({option.replace('--', '').replace('-', '_')}) or in the environment."
        ) from None


def from_environ(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from ``TESTRONAUT_*`` environment variables alone (the console script
    has no ini file and no pytest options); a bad value is a :class:`TestronautError`."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for spec in SPECS:
        if spec.env in env:
            try:
                values[spec.name] = spec.parse(env[spec.env])
            except ValueError as exc:
                raise TestronautError(
                    f"{spec.env}={env[spec.env]!r} is not valid: {exc}") from None
    return Settings(**values)


SETTINGS_KEY = pytest.StashKey[Settings]()


def get_settings(config: pytest.Config) -> Settings:
    """The session's resolved settings (resolved on first use)."""
    settings = config.stash.get(SETTINGS_KEY, None)
    if settings is None:
        settings = resolve(config)
        config.stash[SETTINGS_KEY] = settings
    return settings
