"""The table of every setting: :data:`SPECS`, one :class:`Spec` each, giving its
option ``--testronaut-NAME``, ini key ``testronaut_NAME``, environment variable
``TESTRONAUT_NAME``, parser, default and help.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import numbers
from .parsers import (
    baseline_name,
    boolean,
    choice,
    compare_fail,
    docker_hosts,
    in_range,
    measures,
    memory_size,
    min_difference,
    non_negative_int,
    optional_text,
    plain_text,
    positive_int,
    record_runs,
    rule_line,
    size,
)

ISOLATIONS = ("session", "module", "test")
# The same as pytest_testronaut.llm.TASKS (a test checks it): not imported from there,
# because the plugin's start-up must load no layer.
LLM_TASKS = ("analyze", "generate", "verify", "report")
INCONCLUSIVE_POLICIES = ("fail", "skip", "pass")
# The sandbox's default: $TESTRONAUT_BASE_IMAGE, else this tag (read again by the sandbox
# layer and by `testronaut base-image`; repeated here so settings load nothing heavy).
DEFAULT_IMAGE = os.environ.get("TESTRONAUT_BASE_IMAGE") or "testronaut-base:bookworm"


@dataclass(frozen=True)
class Spec:
    """One setting: its name, the parser of its text, default, help and option kind."""

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
    Spec("image", plain_text, DEFAULT_IMAGE, "image for sandboxes that name none", "IMAGE"),
    Spec("install", plain_text, (),
         "install step on top of the image, repeatable: 'pip:REQ[,REQ]', 'pip:PATH', "
         "'apt:PKG', 'script:FILE' or 'shell:COMMAND'", "SPEC", many=True),
    Spec("isolation", choice(*ISOLATIONS), "module", "how tests share a sandbox", "SCOPE"),
    Spec("timeout", in_range(numbers.TIMEOUT), 60.0, "seconds one command may run", "SECONDS"),
    Spec("network", boolean, False, "give sandboxes a network", "BOOL"),
    Spec("memory", memory_size, "512m", "memory limit of a sandbox", "SIZE"),
    Spec("disk", size, "1g",
         "disk limit of a sandbox: each file, and the workdir, $HOME, /tmp and /var/tmp "
         "together", "SIZE"),
    Spec("cpus", in_range(numbers.CPUS), 1.0, "CPU limit of a sandbox", "N"),
    Spec("pids", in_range(numbers.PIDS), 256, "process limit of a sandbox", "N"),
    Spec("user", optional_text, None, "run sandbox commands as this user", "USER"),
    Spec("keep", boolean, False, "keep containers after the run, for debugging", flag=True),
    Spec("allow_host_builds", boolean, False,
         "let install steps from plan files build on this machine ('pip:' runs the host's "
         "pip, and building a project runs its setup code as you); steps from markers and "
         "the command line always may", flag=True),
    Spec("pull", boolean, False,
         "pull a named image from its registry when the Docker engine lacks it (off: a "
         "missing image is refused at once, saying how to build or load it)", flag=True),
    Spec("output_limit", in_range(numbers.OUTPUT_LIMIT), 10 * 1024 * 1024,
         "bytes of stdout/stderr kept per command", "BYTES"),
    Spec("runner", choice("auto", "exec"), "auto",
         "how sandboxes run commands: auto (one long-lived runner per sandbox when the "
         "image has python3, else one docker exec per command) or exec (always one "
         "docker exec per command)", "MODE"),
    Spec("pool_size", non_negative_int, 2,
         "containers kept started ahead of need for isolation=test, per pytest process "
         "(0: each test starts its own)", "N"),
    Spec("docker_hosts", docker_hosts, (),
         "Docker engines to spread xdist workers over, comma-separated, as DOCKER_HOST "
         "takes them (unix://, tcp://, ssh://); worker N uses engine N modulo the list "
         "(default: DOCKER_HOST)", "URL,URL"),
    # --- plans -------------------------------------------------------------------
    Spec("plans", plain_text, "*.testronaut.yaml", "glob of plan files to collect", "GLOB"),
    Spec("tool", optional_text, None, "analyze this tool and generate a plan for it", "NAME"),
    Spec("scope", choice("basic", "comprehensive", "exhaustive"), "basic",
         "how many cases generation writes", "SCOPE"),
    Spec("record", boolean, False, "store what each plan case prints as its expectation",
         flag=True),
    Spec("record_runs", record_runs, 2,
         "in record mode run each case N times, each in a fresh state; only what differed "
         "between one case's runs becomes holes ([int], [uuid:4], ...) in its "
         "expectation (1: record one run as it is)", "N"),
    Spec("record_twice", boolean, False,
         "deprecated: the same as --testronaut-record-runs 2, the default", flag=True),
    Spec("seed", in_range(numbers.SEED), 0, "seed of deterministic generation", "N"),
    # --- results and reports -----------------------------------------------------
    Spec("report", optional_text, None,
         "write report.html, report.md and report.json of the run into DIR", "DIR"),
    Spec("retention", non_negative_int, 100,
         "runs the results store (.testronaut/results.sqlite) keeps (0: no store)", "N"),
    Spec("report_spec", optional_text, None,
         "CLI spec (testronaut analyze --json) the report measures coverage and help "
         "drift against", "FILE"),
    Spec("report_summary", boolean, True,
         "with a model configured (the report task's), the report carries its written "
         "summary of the failures; false: the deterministic analysis alone", "BOOL"),
    # --- verification and LLM ----------------------------------------------------
    Spec("model", optional_text, None,
         "chat model as PROVIDER:MODEL (default: the embedded offline agent)", "MODEL"),
    Spec("offline", boolean, False, "replay the LLM response cache, never call a model",
         flag=True),
    Spec("max_cost", in_range(numbers.COST), 0.0, "budget in USD for LLM calls (0: none)", "USD"),
    Spec("cache", plain_text, ".testronaut-cache", "folder of the LLM response cache", "DIR"),
    Spec("inconclusive", choice(*INCONCLUSIVE_POLICIES), "fail",
         "what an inconclusive judgement does to a test", "POLICY"),
    Spec("rules", rule_line, (),
         "normalization rule NAME=REGEX=>PLACEHOLDER applied by every comparison "
         "(repeatable)", "RULE", many=True),
    *(Spec(f"model_{task}", optional_text, None,
           f"chat model of the {task} task (default: --testronaut-model)", "MODEL")
      for task in LLM_TASKS),
    Spec("model_fallback", plain_text, (),
         "models tried, in order, when the main one stays down (repeatable, or "
         "comma-separated)", "MODEL", many=True),
    Spec("llm_timeout", in_range(numbers.TIMEOUT), 60.0, "seconds one model request may take",
         "SECONDS"),
    Spec("llm_retries", in_range(numbers.RETRIES), 3,
         "retries of a model request on rate limits, server errors and timeouts", "N"),
    Spec("llm_backoff", in_range(numbers.BACKOFF), 1.0,
         "seconds before the first retry, doubled each time", "SECONDS"),
    Spec("llm_rps", in_range(numbers.RATE), 0.0, "model requests per second (0: no limit)",
         "N"),
    Spec("prices", optional_text, None,
         "JSON file of model prices in USD per 1M tokens, over the built-in table", "FILE"),
    Spec("llm_breaker", in_range(numbers.RETRIES), 3,
         "model questions in a row the provider may fail (unreachable, server errors "
         "after the retries) before the rest of the run is inconclusive without asking "
         "it (0: never stop)", "N"),
    # --- baselines ---------------------------------------------------------------
    Spec("baseline_save", baseline_name, None,
         "store the measures of every test, plan case and workflow step as a baseline "
         "named NAME (bare: named after the commit and the time)", "NAME", const="auto"),
    Spec("baseline_compare", baseline_name, None,
         "compare the measures with the baseline NAME or number (bare: the latest)", "NAME",
         const="latest"),
    Spec("baseline_fail", compare_fail, (),
         "fail the run when a measure regressed: FIELD:PERCENT% or FIELD:DIFFERENCE as "
         "pytest-benchmark's --benchmark-compare-fail (e.g. median:20%; repeatable)", "EXPR",
         many=True),
    Spec("baseline_rounds", positive_int, 3,
         "times each test and plan case runs when saving or comparing a baseline (the "
         "median counts; workflow steps run once)", "N"),
    Spec("baseline_measures", measures, ("cpu", "memory"),
         "measures compared against a baseline: cpu, memory, wall (comma-separated)",
         "LIST"),
    Spec("baseline_min_diff", min_difference, (),
         "smallest change that counts as a regression, per measure (repeatable; "
         "defaults cpu=0.02, memory=2m, wall=0.1)", "MEASURE=VALUE", many=True),
    Spec("baseline_storage", plain_text, ".testronaut-baselines",
         "folder of baselines (a folder per machine id, as pytest-benchmark's storage)",
         "DIR"),
)
