"""Hooks through which users and other plugins extend testronaut.

Implement them in a ``conftest.py`` or a plugin. Providers are ``firstresult``: the
first non-``None`` answer wins, and testronaut's own defaults run last.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .sandbox import Sandbox, SandboxConfig
    from .sandbox.install import InstallPlan

hookspec = pytest.hookspec


@hookspec(firstresult=True)
def pytest_testronaut_sandbox_config(
    config: pytest.Config, item: pytest.Item | None, sandbox_config: SandboxConfig
) -> SandboxConfig | None:
    """Adjust the sandbox a test, plan case or workflow step gets, after settings,
    markers and the plan are applied. Called once per item and configuration asked
    for (the pool's warm-up may ask before the item runs; the item reuses the answer).

    :param item: the test, plan case or workflow step; ``None`` for the analysis
        sandbox of ``--testronaut-tool``.
    :param sandbox_config: what settings, the ``testronaut`` marker or the plan chose.
    :return: a replacement, or ``None`` to keep it.

    Example (conftest.py)::

        def pytest_testronaut_sandbox_config(config, item, sandbox_config):
            if item is not None and "needs_net" in item.keywords:
                return sandbox_config.model_copy(update={"network": True})
    """


@hookspec(firstresult=True)
def pytest_testronaut_install_step(
    step: str, base_dir: Path, config: pytest.Config
) -> InstallPlan | None:
    """Plan an install step of a kind of your own (``"npm:left-pad"``, ...).

    :param step: the step as written (``KIND:VALUE``).
    :param base_dir: the folder relative paths are resolved against.
    :return: an :class:`~pytest_testronaut.sandbox.install.InstallPlan`, or ``None`` to
        let the built-in ``pip``/``apt``/``script``/``shell`` strategies handle it.

    Example::

        from pytest_testronaut.sandbox.install import InstallPlan

        def pytest_testronaut_install_step(step, base_dir, config):
            if step.startswith("shell:") and "make" in step:
                return InstallPlan(step, cache_key=step, commands=["make -C /src install"])
    """


@hookspec
def pytest_testronaut_sandbox_ready(sandbox: Sandbox, item: pytest.Item | None) -> None:
    """Called once for every new sandbox (fixtures, plan cases, workflow steps, tool
    analysis), before the first test uses it: seed files, create users, start a service.

    :param item: the test, plan case or workflow step that asked first; ``None`` for
        the analysis sandbox of ``--testronaut-tool``.

    Example::

        def pytest_testronaut_sandbox_ready(sandbox, item):
            sandbox.put_file("config.toml", "[core]\\nverbose = false\\n")
    """


@hookspec
def pytest_testronaut_normalizer_rules(config: pytest.Config) -> list[Any] | None:
    """Extra normalization rules (``pytest_testronaut.verify.Rule``) applied by every
    output comparison in the session; results of all implementations are combined.

    Example::

        from pytest_testronaut.verify import Rule

        def pytest_testronaut_normalizer_rules(config):
            return [Rule("build-id", r"build-[0-9a-f]{8}", "<BUILD>")]
    """


@hookspec(firstresult=True)
def pytest_testronaut_baseline_entry(config: pytest.Config, entry: dict[str, Any]
                                     ) -> dict[str, Any] | bool | None:
    """Change what a baseline stores for one step and measure, before it is saved or
    compared (``--testronaut-baseline-save`` / ``--testronaut-baseline-compare``).

    :param entry: ``fullname`` (the node id), ``name``, ``measure`` (``cpu``,
        ``memory`` or ``wall``), ``data`` (one value per round, seconds or bytes) and
        ``extra_info`` (a dict stored as pytest-benchmark's ``extra_info``).
    :return: a replacement entry, ``False`` to leave this one out, or ``None`` to keep it.

    Example (conftest.py)::

        def pytest_testronaut_baseline_entry(config, entry):
            if entry["measure"] == "wall" and "slow_network" in entry["fullname"]:
                return False  # never store its wall time
            entry["extra_info"]["image"] = "mytool:1.4"
            return entry
    """


@hookspec(firstresult=True)
def pytest_testronaut_baseline_compare(config: pytest.Config, comparison: Any) -> bool | None:
    """Decide whether one measure of one step regressed against its baseline.

    :param comparison: a :class:`pytest_testronaut.baselines.Comparison`: ``fullname``,
        ``measure``, ``check`` (``text``, ``field``, ``threshold``), ``before`` and
        ``now`` (the checked field), ``percent``, ``baseline`` and ``current`` (the
        full statistics), and the default decision in ``regressed`` and ``reason``.
    :return: ``True`` (a regression), ``False`` (not one) or ``None`` to keep the default.

    Example (conftest.py)::

        def pytest_testronaut_baseline_compare(config, comparison):
            if comparison.measure == "memory" and "import" in comparison.fullname:
                return comparison.percent > 50  # imports may grow their caches
    """
