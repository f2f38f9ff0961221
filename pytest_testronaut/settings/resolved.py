"""The resolved settings of one session: a frozen :class:`Settings`, one field per
entry of :data:`.table.SPECS` (checked when this module loads), plus ``enabled`` and
``from_cli``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from .table import DEFAULT_IMAGE, LLM_TASKS, SPECS


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
