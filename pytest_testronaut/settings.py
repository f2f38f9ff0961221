"""Every testronaut setting, resolved in one place.

Each setting has a command-line option ``--testronaut-NAME``, an ini key
``testronaut_NAME`` and an environment variable ``TESTRONAUT_NAME``. :func:`resolve`
reads all of them once per session into a frozen :class:`Settings`: the command line,
then the ini file, then the environment, then the default. A marker or a plan sits
between the command line and the ini file for the sandbox settings it names (the
session applies that, see ``Settings.from_cli``). A value that does not parse is a
:class:`pytest.UsageError` naming where it came from and what is accepted.

Settings that hold several values (``install``, ``rules``, ``model_fallback``) are
repeatable on the command line, one per line in the ini file, and in the environment
one per line or a JSON list.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from . import numbers
from .errors import TestronautError

if TYPE_CHECKING:
    from .llm import Agent, LLMConfig

ISOLATIONS = ("session", "module", "test")
# The same as pytest_testronaut.llm.TASKS (a test checks it): not imported from there,
# because the plugin's start-up must load no layer.
LLM_TASKS = ("analyze", "generate", "verify", "report")
INCONCLUSIVE_POLICIES = ("fail", "skip", "pass")
# The sandbox's default: $TESTRONAUT_BASE_IMAGE, else this tag (read again by the sandbox
# layer and by `testronaut base-image`; repeated here so settings load nothing heavy).
DEFAULT_IMAGE = os.environ.get("TESTRONAUT_BASE_IMAGE") or "testronaut-base:bookworm"


def _bool(text: str) -> bool:
    low = text.strip().lower()
    if low in ("1", "true", "yes", "on"):
        return True
    if low in ("0", "false", "no", "off", ""):
        return False
    raise ValueError("expected true/false (or 1/0, yes/no, on/off)")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("expected a finite number")
    return value


def _in(limits: numbers.Range) -> Callable[[str], Any]:
    """The parser of a number in ``limits`` (numbers.py: finite, in range, no booleans)."""
    def parse(text: str) -> Any:
        return limits.parse(text)

    return parse


def _memory_size(text: str) -> str:
    return numbers.size_text(text, numbers.MEMORY)


def _positive_float(text: str) -> float:
    value = _finite(text)
    if value <= 0:
        raise ValueError("expected a number greater than 0")
    return value


def _non_negative_float(text: str) -> float:
    value = _finite(text)
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


MAX_RECORD_RUNS = 20


def _record_runs(text: str) -> int:
    value = _positive_int(text)
    if value > MAX_RECORD_RUNS:
        raise ValueError(f"expected at most {MAX_RECORD_RUNS} runs")
    return value


def _choice(*allowed: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in allowed:
            raise ValueError(f"expected one of {', '.join(allowed)}")
        return text

    parse.choices = allowed  # type: ignore[attr-defined]  # shown by --help
    return parse


def _text(text: str) -> str:
    return text


def _optional_text(text: str) -> str | None:
    return text or None


def _rule_line(text: str) -> str:
    """A normalization rule line; checked here so a bad one stops the run at start-up."""
    name, sep, rest = text.partition("=")
    pattern, arrow, placeholder = rest.rpartition("=>")
    if not sep or not arrow or not name.strip() or not pattern or not placeholder.strip():
        raise ValueError("expected NAME=REGEX=>PLACEHOLDER")
    import re
    import string

    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"the pattern {pattern!r} is not a regular expression ({exc})") from None
    if any(m.start() == m.end() for text in ("", string.printable)
           for m in compiled.finditer(text)):
        raise ValueError(f"the pattern {pattern!r} matches the empty text, so it would put its "
                         "placeholder between every character; make it match at least one")
    return text


# --- baselines -------------------------------------------------------------------
BASELINE_MEASURES = ("cpu", "memory", "wall")
# pytest-benchmark's --benchmark-compare-fail grammar (pytest_benchmark.utils), repeated
# here so that a bad expression stops the run at start-up without importing it.
_COMPARE_FAIL = r"^(min|max|mean|median|stddev|iqr):([0-9]+%|[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?)$"


def _compare_fail(text: str) -> str:
    import re

    if not re.match(_COMPARE_FAIL, text.strip()):
        raise ValueError("expected FIELD:PERCENT% or FIELD:DIFFERENCE, FIELD one of min, max, "
                         "mean, median, stddev, iqr (e.g. median:20% or min:0.05)")
    return text.strip()


def _measures(text: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))
    wrong = [m for m in chosen if m not in BASELINE_MEASURES]
    if wrong or not chosen:
        raise ValueError(f"expected a comma-separated list of {', '.join(BASELINE_MEASURES)}")
    return chosen


def _docker_hosts(text: str) -> tuple[str, ...]:
    hosts = tuple(dict.fromkeys(h.strip() for h in text.split(",") if h.strip()))
    if not hosts:
        return ()
    from .sandbox.engine import check_host  # only when the setting is given

    try:
        return tuple(check_host(host) for host in hosts)
    except TestronautError as exc:
        raise ValueError(str(exc)) from None


def _min_difference(text: str) -> str:
    measure, sep, value = text.partition("=")
    measure, value = measure.strip(), value.strip().lower()
    if not sep or measure not in BASELINE_MEASURES:
        raise ValueError(f"expected MEASURE=VALUE, MEASURE one of {', '.join(BASELINE_MEASURES)}"
                         " (e.g. cpu=0.02, wall=0.1, memory=2m)")
    try:
        if measure == "memory":
            _size(value)
        else:
            _non_negative_float(value.removesuffix("s"))
    except ValueError:
        unit = "a size like 2m" if measure == "memory" else "seconds like 0.05"
        raise ValueError(f"{text!r}: expected {unit}") from None
    return f"{measure}={value}"


def _baseline_name(text: str) -> str | None:
    import re

    name = text.strip()
    if not name:
        return None
    if not re.match(r"^[A-Za-z0-9_.-]+$", name) or name.endswith((".py", ".yaml", ".yml")):
        raise ValueError("expected a baseline name (letters, digits, '.', '_', '-'); a bare "
                         "option followed by a test path takes the path as the name: write "
                         "--testronaut-baseline-save=NAME, or put the bare option last")
    return name


@dataclass(frozen=True)
class Spec:
    name: str  # attribute name; option is --testronaut-<name with dashes>
    parse: Callable[[str], Any]
    default: Any
    help: str
    metavar: str | None = None
    flag: bool = False  # a store_true option
    many: bool = False  # repeatable: a tuple of values
    const: str | None = None  # the value of the bare option (``--opt`` without ``=VALUE``)

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(getattr(self.parse, "choices", ()))

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
    Spec("install", _text, (),
         "install step on top of the image, repeatable: 'pip:REQ[,REQ]', 'pip:PATH', "
         "'apt:PKG', 'script:FILE' or 'shell:COMMAND'", "SPEC", many=True),
    Spec("isolation", _choice(*ISOLATIONS), "module", "how tests share a sandbox", "SCOPE"),
    Spec("timeout", _in(numbers.TIMEOUT), 60.0, "seconds one command may run", "SECONDS"),
    Spec("network", _bool, False, "give sandboxes a network", "BOOL"),
    Spec("memory", _memory_size, "512m", "memory limit of a sandbox", "SIZE"),
    Spec("disk", _size, "1g",
         "disk limit of a sandbox: each file, and the workdir, $HOME, /tmp and /var/tmp "
         "together", "SIZE"),
    Spec("cpus", _in(numbers.CPUS), 1.0, "CPU limit of a sandbox", "N"),
    Spec("pids", _in(numbers.PIDS), 256, "process limit of a sandbox", "N"),
    Spec("user", _optional_text, None, "run sandbox commands as this user", "USER"),
    Spec("keep", _bool, False, "keep containers after the run, for debugging", flag=True),
    Spec("allow_host_builds", _bool, False,
         "let install steps from plan files build on this machine ('pip:' runs the host's "
         "pip, and building a project runs its setup code as you); steps from markers and "
         "the command line always may", flag=True),
    Spec("pull", _bool, False,
         "pull a named image from its registry when the Docker engine lacks it (off: a "
         "missing image is refused at once, saying how to build or load it)", flag=True),
    Spec("output_limit", _in(numbers.OUTPUT_LIMIT), 10 * 1024 * 1024,
         "bytes of stdout/stderr kept per command", "BYTES"),
    Spec("runner", _choice("auto", "exec"), "auto",
         "how sandboxes run commands: auto (one long-lived runner per sandbox when the "
         "image has python3, else one docker exec per command) or exec (always one "
         "docker exec per command)", "MODE"),
    Spec("pool_size", _non_negative_int, 2,
         "containers kept started ahead of need for isolation=test, per pytest process "
         "(0: each test starts its own)", "N"),
    Spec("docker_hosts", _docker_hosts, (),
         "Docker engines to spread xdist workers over, comma-separated, as DOCKER_HOST "
         "takes them (unix://, tcp://, ssh://); worker N uses engine N modulo the list "
         "(default: DOCKER_HOST)", "URL,URL"),
    # --- plans -------------------------------------------------------------------
    Spec("plans", _text, "*.testronaut.yaml", "glob of plan files to collect", "GLOB"),
    Spec("tool", _optional_text, None, "analyze this tool and generate a plan for it", "NAME"),
    Spec("scope", _choice("basic", "comprehensive", "exhaustive"), "basic",
         "how many cases generation writes", "SCOPE"),
    Spec("record", _bool, False, "store what each plan case prints as its expectation",
         flag=True),
    Spec("record_runs", _record_runs, 2,
         "in record mode run each case N times, each in a fresh state; only what differed "
         "between one case's runs becomes holes ([int], [uuid:4], ...) in its "
         "expectation (1: record one run as it is)", "N"),
    Spec("record_twice", _bool, False,
         "deprecated: the same as --testronaut-record-runs 2, the default", flag=True),
    Spec("seed", _in(numbers.SEED), 0, "seed of deterministic generation", "N"),
    # --- results and reports -----------------------------------------------------
    Spec("report", _optional_text, None,
         "write report.html, report.md and report.json of the run into DIR", "DIR"),
    Spec("retention", _non_negative_int, 100,
         "runs the results store (.testronaut/results.sqlite) keeps (0: no store)", "N"),
    Spec("report_spec", _optional_text, None,
         "CLI spec (testronaut analyze --json) the report measures coverage and help "
         "drift against", "FILE"),
    Spec("report_summary", _bool, True,
         "with a model configured (the report task's), the report carries its written "
         "summary of the failures; false: the deterministic analysis alone", "BOOL"),
    # --- verification and LLM ----------------------------------------------------
    Spec("model", _optional_text, None,
         "chat model as PROVIDER:MODEL (default: the embedded offline agent)", "MODEL"),
    Spec("offline", _bool, False, "replay the LLM response cache, never call a model",
         flag=True),
    Spec("max_cost", _in(numbers.COST), 0.0, "budget in USD for LLM calls (0: none)", "USD"),
    Spec("cache", _text, ".testronaut-cache", "folder of the LLM response cache", "DIR"),
    Spec("inconclusive", _choice(*INCONCLUSIVE_POLICIES), "fail",
         "what an inconclusive judgement does to a test", "POLICY"),
    Spec("rules", _rule_line, (),
         "normalization rule NAME=REGEX=>PLACEHOLDER applied by every comparison "
         "(repeatable)", "RULE", many=True),
    *(Spec(f"model_{task}", _optional_text, None,
           f"chat model of the {task} task (default: --testronaut-model)", "MODEL")
      for task in LLM_TASKS),
    Spec("model_fallback", _text, (),
         "models tried, in order, when the main one stays down (repeatable, or "
         "comma-separated)", "MODEL", many=True),
    Spec("llm_timeout", _in(numbers.TIMEOUT), 60.0, "seconds one model request may take",
         "SECONDS"),
    Spec("llm_retries", _in(numbers.RETRIES), 3,
         "retries of a model request on rate limits, server errors and timeouts", "N"),
    Spec("llm_backoff", _in(numbers.BACKOFF), 1.0,
         "seconds before the first retry, doubled each time", "SECONDS"),
    Spec("llm_rps", _in(numbers.RATE), 0.0, "model requests per second (0: no limit)",
         "N"),
    Spec("prices", _optional_text, None,
         "JSON file of model prices in USD per 1M tokens, over the built-in table", "FILE"),
    Spec("llm_breaker", _in(numbers.RETRIES), 3,
         "model questions in a row the provider may fail (unreachable, server errors "
         "after the retries) before the rest of the run is inconclusive without asking "
         "it (0: never stop)", "N"),
    # --- baselines ---------------------------------------------------------------
    Spec("baseline_save", _baseline_name, None,
         "store the measures of every test, plan case and workflow step as a baseline "
         "named NAME (bare: named after the commit and the time)", "NAME", const="auto"),
    Spec("baseline_compare", _baseline_name, None,
         "compare the measures with the baseline NAME or number (bare: the latest)", "NAME",
         const="latest"),
    Spec("baseline_fail", _compare_fail, (),
         "fail the run when a measure regressed: FIELD:PERCENT% or FIELD:DIFFERENCE as "
         "pytest-benchmark's --benchmark-compare-fail (e.g. median:20%; repeatable)", "EXPR",
         many=True),
    Spec("baseline_rounds", _positive_int, 3,
         "times each test and plan case runs when saving or comparing a baseline (the "
         "median counts; workflow steps run once)", "N"),
    Spec("baseline_measures", _measures, ("cpu", "memory"),
         "measures compared against a baseline: cpu, memory, wall (comma-separated)",
         "LIST"),
    Spec("baseline_min_diff", _min_difference, (),
         "smallest change that counts as a regression, per measure (repeatable; "
         "defaults cpu=0.02, memory=2m, wall=0.1)", "MEASURE=VALUE", many=True),
    Spec("baseline_storage", _text, ".testronaut-baselines",
         "folder of baselines (a folder per machine id, as pytest-benchmark's storage)",
         "DIR"),
)


@dataclass(frozen=True)
class Settings:
    """Resolved settings of one session. ``enabled`` is ``--testronaut``."""

    enabled: bool = False
    image: str = DEFAULT_IMAGE
    install: tuple[str, ...] = ()
    isolation: str = "module"
    timeout: float = 60.0
    network: bool = False
    memory: str = "512m"
    disk: str = "1g"
    cpus: float = 1.0
    pids: int = 256
    user: str | None = None
    keep: bool = False
    allow_host_builds: bool = False
    pull: bool = False
    output_limit: int = 10 * 1024 * 1024
    runner: str = "auto"
    pool_size: int = 2
    docker_hosts: tuple[str, ...] = ()
    plans: str = "*.testronaut.yaml"
    tool: str | None = None
    scope: str = "basic"
    record: bool = False
    record_runs: int = 2
    record_twice: bool = False  # deprecated: record_runs 2 (the default)
    seed: int = 0
    report: str | None = None
    retention: int = 100
    report_spec: str | None = None
    report_summary: bool = True
    model: str | None = None
    offline: bool = False
    max_cost: float = 0.0
    cache: str = ".testronaut-cache"
    inconclusive: str = "fail"
    rules: tuple[str, ...] = ()
    model_analyze: str | None = None
    model_generate: str | None = None
    model_verify: str | None = None
    model_report: str | None = None
    model_fallback: tuple[str, ...] = ()
    llm_timeout: float = 60.0
    llm_retries: int = 3
    llm_backoff: float = 1.0
    llm_rps: float = 0.0
    prices: str | None = None
    llm_breaker: int = 3
    baseline_save: str | None = None
    baseline_compare: str | None = None
    baseline_fail: tuple[str, ...] = ()
    baseline_rounds: int = 3
    baseline_measures: tuple[str, ...] = ("cpu", "memory")
    baseline_min_diff: tuple[str, ...] = ()
    baseline_storage: str = ".testronaut-baselines"
    # Names of the settings given on the command line: they beat markers and plans.
    from_cli: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def task_models(self) -> dict[str, str]:
        """The per-task models that are set, by task."""
        chosen = {task: getattr(self, f"model_{task}") for task in LLM_TASKS}
        return {task: model for task, model in chosen.items() if model}

    @property
    def fallbacks(self) -> list[str]:
        return [m.strip() for item in self.model_fallback for m in item.split(",") if m.strip()]

    @property
    def recording_runs(self) -> int:
        """How many times record mode runs each case (the deprecated ``record_twice``
        asks for at least 2)."""
        return max(self.record_runs, 2 if self.record_twice else 1)


assert {f.name for f in fields(Settings)} == {"enabled", "from_cli"} | {s.name for s in SPECS}


def add_options(parser: pytest.Parser) -> None:
    """Register the option group and the ini keys."""
    group = parser.getgroup("testronaut", "end-to-end CLI testing in Docker (testronaut)")
    group.addoption("--testronaut", action="store_true", default=None,
                    help="collect plan files, print the testronaut summary and reports "
                         "(ini testronaut = true, env TESTRONAUT=1)")
    parser.addini("testronaut", "turn testronaut on as --testronaut does", default=None)
    for spec in SPECS:
        if spec.flag:
            group.addoption(spec.option, action="store_true", default=None, help=spec.help)
            parser.addini(spec.ini, spec.help, default=None)
            continue
        shown = spec.help
        if spec.choices:
            shown += f": {', '.join(spec.choices)}"
        if spec.default not in (None, "", ()):
            default = (",".join(spec.default) if isinstance(spec.default, tuple)
                       else spec.default)
            shown += f" (default: {default})"
        shown = shown.replace("%", "%%")  # argparse formats help with %
        if spec.const is not None:
            group.addoption(spec.option, action="store", nargs="?", const=spec.const,
                            default=None, metavar=spec.metavar, help=shown)
            parser.addini(spec.ini, spec.help, default=None)
        elif spec.many:
            group.addoption(spec.option, action="append", default=None,
                            metavar=spec.metavar, help=shown)
            parser.addini(spec.ini, spec.help + " (one a line)", type="linelist", default=[])
        else:
            group.addoption(spec.option, action="store", default=None, metavar=spec.metavar,
                            help=shown)
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
    from_cli = set()
    for spec in SPECS:
        raw = _raw(config, spec.option, spec.ini, spec.env)
        if raw is None:
            values[spec.name] = spec.default
            continue
        if raw[1] == spec.option:
            from_cli.add(spec.name)
        if spec.many:
            values[spec.name] = tuple(_parse(spec.parse, (item, raw[1]), spec.option)
                                      for item in _items(raw[0]))
        else:
            values[spec.name] = _parse(spec.parse, raw, spec.option)
    return Settings(**values, from_cli=frozenset(from_cli))


def _items(value: Any) -> list[str]:
    """The values of a repeatable setting: a list from the command line or the ini file,
    or one text from the environment (a JSON list, else one value a line)."""
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value).strip()
    if text.startswith("["):
        try:
            loaded = json.loads(text)
        except ValueError:
            loaded = None
        if isinstance(loaded, list):
            return [str(v).strip() for v in loaded if str(v).strip()]
    return [line.strip() for line in text.splitlines() if line.strip()]


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
                values[spec.name] = (tuple(spec.parse(v) for v in _items(env[spec.env]))
                                     if spec.many else spec.parse(env[spec.env]))
            except ValueError as exc:
                raise TestronautError(
                    f"{spec.env}={env[spec.env]!r} is not valid: {exc}") from None
    return Settings(**values)


def llm_config(settings: Settings, root: Path | None = None, *,
               models: Mapping[str, str] | None = None,
               prices: Mapping[str, Any] | None = None) -> LLMConfig:
    """The LLM layer's configuration from ``settings``.

    A relative cache folder is taken relative to ``root`` (the project root, so the cache
    a team commits is found wherever pytest runs). ``models`` (task -> model) and
    ``prices`` add to what the settings say. A bad value is a :class:`TestronautError`.
    """
    from .llm.config import LLMConfig

    cache_dir: Path | None = None
    if settings.cache:
        cache = Path(settings.cache)
        if root is not None and not cache.is_absolute():
            cache = root / cache
        cache_dir = cache / "llm"
    return LLMConfig.build(
        model=settings.model, task_models={**settings.task_models, **(models or {})},
        fallbacks=settings.fallbacks, offline=settings.offline, max_cost=settings.max_cost,
        cache_dir=cache_dir, timeout=settings.llm_timeout, retries=settings.llm_retries,
        backoff=settings.llm_backoff, rps=settings.llm_rps, prices_file=settings.prices,
        prices=prices, breaker=settings.llm_breaker)


def agent_from_settings(settings: Settings, root: Path | None = None, *,
                        chat_model: Any = None,
                        models: Mapping[str, str] | None = None,
                        prices: Mapping[str, Any] | None = None) -> Agent:
    """The agent for ``settings`` (see :func:`llm_config`): offline unless a model is
    configured. ``chat_model`` replaces the main model (tests inject a LangChain fake)."""
    from .llm import build_agent

    return build_agent(llm_config(settings, root, models=models, prices=prices),
                       chat_model=chat_model)
