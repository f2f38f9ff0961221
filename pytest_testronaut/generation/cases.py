"""Deterministic plan generation from a :class:`CliSpec`: no LLM, no randomness
beyond the seed, so the same spec, scope, budget and seed give the same plan.

Cases come in priority tiers (smoke, then per option and subcommand, errors, choices
and boundaries, more inputs, fuzz and security); when the budget is smaller than
what the scope asks for, the lower tiers are cut first. Generated cases carry
``origin: generated`` and, except error cases, no expectations until recorded.

An agent's :class:`~pytest_testronaut.analysis.spec.Enrichment` is read as fields:
its purposes fill empty command summaries and its option examples are the values
cases use (the extra ones get cases of their own from the comprehensive scope on).
"""

from __future__ import annotations

import random
import re
import shlex
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

from ..analysis.spec import CliSpec, Command, Enrichment, Option, Positional, spec_digest
from ..plans.model import Case, GeneratedFrom, Plan, StreamExpectation
from . import samples as S
from .case_text import plain_summary
from .probe import Prober
from .typed_values import option_words, value_kind

Scope = Literal["basic", "comprehensive", "exhaustive"]
SCOPES: tuple[Scope, ...] = ("basic", "comprehensive", "exhaustive")
DEFAULT_BUDGETS: dict[str, int] = {"basic": 60, "comprehensive": 300, "exhaustive": 1000}

SMOKE, OPTION, ERROR, VALUES, INPUTS, HOSTILE = range(6)
SUBCOMMAND_HELPS = (3, 5, 8)  # subcommands whose help is a smoke case, per scope
# Bounds of the evidence search per scope: candidate runs and seconds. The run count
# is the bound that keeps plans deterministic; the time is a safety net for slow tools.
SEARCH_BOUNDS: dict[str, tuple[int, float]] = {
    "basic": (1500, 50.0), "comprehensive": (3000, 120.0), "exhaustive": (6000, 240.0),
}
# The least share of the search one command of many gets (runs, seconds)
MIN_COMMAND_RUNS, MIN_COMMAND_SECONDS = 40, 2.0
# A tool with subcommands: each one past the first adds this many cases to the default
# budget, up to three times the budget of a tool without (see ``case_budget``).
CASES_PER_COMMAND = (2, 5, 10)


def case_budget(scope: Scope, commands: int) -> int:
    """The default number of cases for a tool with ``commands`` commands (its root
    and each subcommand): the scope's budget, more for each subcommand, at most three
    times the scope's budget."""
    base = DEFAULT_BUDGETS[scope]
    extra = CASES_PER_COMMAND[SCOPES.index(scope)] * max(commands - 1, 0)
    return min(base + extra, 3 * base)


def option_quota(commands: list[Command], budget: int) -> int | None:
    """How many options of each command the evidence search looks at until they
    show: all of them (None) for a tool whose cases fit the budget, else each
    command's fair share of the budget, less its plain run (at least 2): searching
    options whose cases the budget would cut anyway is time spent for nothing."""
    options = sum(len(c.options) for c in commands)
    if len(commands) <= 1 or options + 2 * len(commands) <= budget:
        return None
    return max(2, budget // len(commands) - 1)


@dataclass
class _Candidate:
    tier: int
    order: int
    case: Case
    group: int = 0  # the command's number (the budget keeps cases of every command)


@dataclass
class _Generator:
    spec: CliSpec
    scope: Scope
    rng: random.Random
    enrichment: Enrichment = field(default_factory=Enrichment)
    candidates: list[_Candidate] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    root: Command = field(init=False)
    # With a sandbox at hand: runs candidates for differential evidence (see .evidence)
    prober: Prober | None = None
    findings: list[str] = field(default_factory=list)  # for the reviewer
    # command words -> the operand values tried when none made the command work
    operand_trials: dict[tuple[str, ...], list[list[str]]] = field(default_factory=dict)
    probes: dict[int, Any] = field(default_factory=dict)  # candidate index -> its probe
    say: Callable[[str], None] = field(default=lambda _: None)
    groups: dict[int, int] = field(default_factory=dict)  # id(command) -> its number
    # options per command the evidence search looks at (see ``option_quota``)
    quota: int | None = None
    sampler_for_search: Callable[[Option | Positional], str] = field(
        default=lambda item: S.sample_value(item))

    @property
    def level(self) -> int:
        return SCOPES.index(self.scope)

    # --- helpers -------------------------------------------------------------------
    def prefix(self, command: Command) -> list[str]:
        path = list(command.path)
        if path[:1] == [self.spec.tool]:
            return path
        return [self.spec.tool, *path]

    def examples(self, command: Command, item: Option | Positional) -> list[str]:
        """The agent's usable example values for ``item`` of ``command``."""
        names = item.flags if isinstance(item, Option) else [item.name]
        given = self.enrichment.examples_for(self.spec.command_words(command), names)
        return S.valid_examples(item, given)

    def sampler(self, command: Command) -> Callable[[Option | Positional], str]:
        """:func:`samples.sample_value` with the agent's examples for ``command``."""
        return lambda item: S.sample_value(item, self.examples(command, item))

    def case_id(self, command: Command, *parts: str) -> str:
        words = [*self.prefix(command)[1:], *parts]
        base = "-".join(_slug(w) for w in words if _slug(w)) or "run"
        candidate, number = base, 2
        while candidate in self.ids:
            candidate, number = f"{base}-{number}", number + 1
        self.ids.add(candidate)
        return candidate

    def add(self, tier: int, command: Command, id_parts: Sequence[str], argv: list[str],
            description: str, **fields: Any) -> None:
        case = Case(
            id=self.case_id(command, *id_parts), description=description,
            command=shlex.join(argv), origin="generated", **fields,
        )
        self.candidates.append(_Candidate(tier, len(self.candidates), case,
                                          self.groups.get(id(command), 0)))

    def required_args(self, command: Command, *, skip_files: bool) -> list[str]:
        args: list[str] = []
        kinds: list[str | None] = []
        for positional in command.positionals:
            if not positional.required:
                continue
            if skip_files and positional is S.file_positional(command):
                continue
            kind = value_kind(positional)
            given = self.examples(command, positional)
            args.append(S.sample_value(positional, given, kinds.count(kind) if kind else 0))
            kinds.append(kind)
        return args

    def input_fields(self, command: Command, dataset: str, *, as_file: bool,
                     argv: list[str]) -> dict[str, Any]:
        content = S.DATASETS[dataset]
        if as_file:
            argv.append(S.INPUT_FILE)
            return {"files": {S.INPUT_FILE: content}}
        return {"stdin": content}

    def files_for(self, argv: list[str]) -> dict[str, str]:
        # An option or positional naming the input file needs that file to exist.
        return {S.INPUT_FILE: S.DATASETS["words"]} if S.INPUT_FILE in argv else {}

    # --- tiers --------------------------------------------------------------------------
    def smoke(self, root: Command, commands: list[Command]) -> None:
        self.add(SMOKE, root, ["help"], self.help_argv(root), f"{self.spec.tool} prints its help")
        if root.find_option("--version") or self.spec.version:
            self.add(SMOKE, root, ["version"], [*self.prefix(root), "--version"],
                     f"{self.spec.tool} prints its version")
        # a few subcommands' help (the budget is for cases of the tool's work); the
        # others' from the exhaustive scope on, cut first
        for number, command in enumerate(commands[1:]):
            tier = SMOKE if number < SUBCOMMAND_HELPS[self.level] else HOSTILE
            if tier == SMOKE or self.level >= 2:
                self.add(tier, command, ["help"], self.help_argv(command),
                         f"help of `{' '.join(self.prefix(command))}`")

    def help_argv(self, command: Command) -> list[str]:
        """The probe that found the help during analysis, else ``--help``."""
        prefix = self.prefix(command)
        if command.help_source == "help":
            return [prefix[0], "help", *prefix[1:]]
        if command.help_source == "bare":
            return prefix
        return [*prefix, _help_flag(command)]

    def plain_runs(self, command: Command) -> None:
        filters = S.reads_input(self.spec.tool, command)
        args = self.required_args(command, skip_files=filters)
        name = " ".join(self.prefix(command))
        if not filters:
            if command is not self.root or args:
                tier = OPTION if command.positionals or command.path else INPUTS
                argv = [*self.prefix(command), *args]
                self.add(tier, command, ["run"], argv, f"runs `{shlex.join(argv)}`",
                         files=self.files_for(argv))
            return
        count = (1, 3, len(S.DEFAULT_DATASETS))[self.level]
        for number, dataset in enumerate(S.DEFAULT_DATASETS[:count]):
            argv = [*self.prefix(command), *args]
            fields = self.input_fields(command, dataset, as_file=False, argv=argv)
            self.add(OPTION if number == 0 else INPUTS, command, ["stdin", dataset], argv,
                     f"runs `{name}` reading {dataset} text on stdin", **fields)
        if S.file_positional(command) is not None:
            argv = [*self.prefix(command), *args]
            fields = self.input_fields(command, "words", as_file=True, argv=argv)
            self.add(OPTION, command, ["file"], argv, f"runs `{name}` reading a file", **fields)

    def options(self, command: Command) -> None:
        filters = S.reads_input(self.spec.tool, command)
        has_file_arg = S.file_positional(command) is not None
        args = self.required_args(command, skip_files=filters)
        sample = self.sampler(command)
        for option in command.options:
            if _is_meta(option):
                continue
            flag = option.primary
            value_args = _with_value(option, sample(option)) if option.takes_value \
                else [flag]
            companion = S.field_companion(option, command)
            if companion is not None:
                value_args += _with_value(companion, sample(companion))
            what = f"{flag} ({option.description.strip()})" if option.description else flag
            base_argv = [*self.prefix(command), *value_args, *args]
            if not filters:
                self.add(OPTION, command, [flag], base_argv, f"option {what}",
                         files=self.files_for(base_argv))
                continue
            # Shuffled output is still the same lines: record it as an unordered set.
            order = {"stdout": StreamExpectation(unordered=True)} \
                if re.search(r"random|shuffl", what, re.IGNORECASE) else {}
            for number, dataset in enumerate(self._datasets(command, option)):
                argv = list(base_argv)
                # Alternate stdin and file input so both paths get exercised.
                as_file = has_file_arg and number % 2 == 1
                fields = self.input_fields(command, dataset, as_file=as_file, argv=argv)
                if "files" not in fields and self.files_for(argv):
                    fields["files"] = self.files_for(argv)
                source = "a file" if as_file else "stdin"
                self.add(OPTION if number == 0 else INPUTS, command, [flag, dataset], argv,
                         f"option {what} on {dataset} text from {source}", **fields, **order)

    def _datasets(self, command: Command, option: Option) -> list[str]:
        hinted = list(S.datasets_for(option))
        if option.takes_value and self.sampler(command)(option) == "," and "csv" in hinted:
            hinted.remove("csv")
            hinted.insert(0, "csv")  # a comma separator needs comma-separated input
        general = [d for d in S.DATASETS if d not in hinted and d != "empty"]
        extra = self.rng.choice(general)
        wanted = (1, 2, len(hinted) + 1)[self.level]
        chosen = [*hinted, extra][:wanted] if hinted else [extra, "words"][:wanted]
        return list(dict.fromkeys(chosen))

    def values(self, command: Command) -> None:
        """Each choice, the agent's further examples, the boundaries of numbers."""
        filters = S.reads_input(self.spec.tool, command)
        args = self.required_args(command, skip_files=filters)
        stdin = {"stdin": S.DATASETS["words"]} if filters else {}
        sample = self.sampler(command)
        for option in command.options:
            if not option.takes_value or _is_meta(option):
                continue
            flag = option.primary
            if option.choices:
                # the sampled choice already has its case among the option cases
                for choice in [c for c in option.choices if c != sample(option)]:
                    argv = [*self.prefix(command), *_with_value(option, choice), *args]
                    self.add(VALUES, command, [flag, choice], argv,
                             f"{flag} with choice {choice!r}", **stdin)
                continue
            for example in self.examples(command, option)[1:]:
                argv = [*self.prefix(command), *_with_value(option, example), *args]
                self.add(VALUES, command, [flag, "example"], argv,
                         f"{flag} with the example value {example!r}", **stdin)
            if S.is_numeric(option):
                for name, value in S.boundary_values(option).items():
                    argv = [*self.prefix(command), *_with_value(option, value), *args]
                    self.add(VALUES, command, [flag, name], argv,
                             f"{flag} at boundary value {value}", **stdin)
        for positional in command.positionals:
            for choice in [c for c in positional.choices or [] if c != sample(positional)]:
                argv = [*self.prefix(command), *_args_with(command, positional, choice, sample)]
                self.add(VALUES, command, [positional.name, choice], argv,
                         f"{positional.name} = {choice!r}", **stdin)

    def errors(self, command: Command) -> None:
        filters = S.reads_input(self.spec.tool, command)
        args = self.required_args(command, skip_files=filters)
        stdin = {"stdin": S.DATASETS["words"]} if filters else {}
        prefix = self.prefix(command)
        is_root = command is self.root
        if is_root or self.level >= 1:
            self.add(ERROR, command, ["error", "unknown-option"],
                     [*prefix, S.UNKNOWN_OPTION, *args], "an unknown option is rejected",
                     **_failure("unknown-option", S.UNKNOWN_OPTION), **stdin)
        if command.subcommands:
            self.add(ERROR, command, ["error", "unknown-command"], [*prefix, S.UNKNOWN_COMMAND],
                     "an unknown subcommand is rejected",
                     **_failure("unknown-command", S.UNKNOWN_COMMAND))
        required = [p for p in command.positionals if p.required]
        if required and not command.subcommands and not (filters and required == [
                S.file_positional(command)]):
            self.add(ERROR, command, ["error", "missing-argument"], list(prefix),
                     f"missing {required[0].name} is rejected",
                     **_failure("missing-argument"))
        if self.level < 1:
            return
        for option in command.options:
            if _is_meta(option) or not option.takes_value:
                continue
            flag = option.primary
            if not option.value_optional:
                self.add(ERROR, command, ["error", flag, "no-value"], [*prefix, *args, flag],
                         f"{flag} without its value is rejected",
                         **_failure("no-value", flag), **stdin)
            if option.arity > 1:  # ``--size W H`` given W alone
                self.add(ERROR, command, ["error", flag, "one-value"],
                         [*prefix, *args, flag, self.sampler(command)(option)],
                         f"{flag} with only the first of its {option.arity} values is "
                         "rejected", **_failure("no-value", flag), **stdin)
            if option.choices:
                self.add(ERROR, command, ["error", flag, "bad-choice"],
                         [*prefix, *_with_value(option, S.BAD_CHOICE), *args],
                         f"{flag} with a value not among its choices is rejected",
                         **_failure("bad-choice", S.BAD_CHOICE), **stdin)
            elif S.is_numeric(option):
                self.add(ERROR, command, ["error", flag, "not-a-number"],
                         [*prefix, *_with_value(option, S.NOT_A_NUMBER), *args],
                         f"{flag} with a non-number is rejected",
                         **_failure("not-a-number", S.NOT_A_NUMBER), **stdin)
        for positional in command.positionals:
            if positional.choices:
                argv = [*prefix, *_args_with(command, positional, S.BAD_CHOICE,
                                             self.sampler(command))]
                self.add(ERROR, command, ["error", positional.name, "bad-choice"], argv,
                         f"{positional.name} outside its choices is rejected",
                         **_failure("bad-choice", S.BAD_CHOICE))

    def hostile(self, command: Command) -> None:
        """Fuzz and security cases (tagged, so ``-m 'not fuzz'`` leaves them out)."""
        filters = S.reads_input(self.spec.tool, command)
        prefix = self.prefix(command)
        target = _hostile_target(command)
        sample = self.sampler(command)
        for name, value in S.FUZZ_ARGS.items():
            argv = [*prefix, *_place(command, target, value, sample)]
            self.add(HOSTILE, command, ["fuzz", name], argv, f"fuzz: {name} argument",
                     tags=["fuzz"], **({"stdin": S.DATASETS["words"]} if filters else {}))
        if filters:
            for name, text in S.FUZZ_STDIN.items():
                self.add(HOSTILE, command, ["fuzz", name], list(prefix),
                         f"fuzz: {name} on stdin", tags=["fuzz"], stdin=text)
        safe = StreamExpectation(not_contains=[S.INJECTED])
        for name, value in S.SECURITY_ARGS.items():
            argv = [*prefix, *_place(command, target, value, sample)]
            fields: dict[str, Any] = {"tags": ["security"]}
            if name != "path-traversal":
                # The payload prints "injected" only if something runs it as shell code.
                fields.update(stdout=safe, stderr=safe)
            self.add(HOSTILE, command, ["security", name], argv,
                     f"security: {name} in an argument is not executed", **fields)

    def run(self) -> list[Case]:
        self.root = self.spec.root
        commands = self.root.walk()
        self.groups = {id(c): number for number, c in enumerate(commands)}
        self.smoke(self.root, commands)
        if self.prober is not None:
            count = sum(len(c.options) for c in commands)
            self.say(f"looking for inputs on which each of {count} options shows "
                     f"(at most {self.prober.max_runs} runs"
                     + (f", {self.quota} options with an effect per command"
                        if self.quota is not None else "") + ")")
        for number, command in enumerate(commands):
            if self.prober is not None and not self.prober.exhausted:
                from .differential import differential_cases

                self.sampler_for_search = self.sampler(command)
                with command_share(self.prober, len(commands) - number):
                    differential_cases(self, command, self.say)
            else:
                self.plain_runs(command)
                self.options(command)
                if self.level >= 1:
                    self.values(command)
            self.errors(command)  # settled once the budget kept them (.settle)
            if self.level >= 2:
                self.hostile(command)
        return [c.case for c in self.candidates]


def generate_cases(spec: CliSpec, *, scope: Scope = "basic", budget: int | None = None,
                   seed: int = 0, enrichment: Enrichment | None = None,
                   run: Callable[..., Any] | None = None, say: Callable[[str], None] | None = None,
                   findings: list[str] | None = None) -> list[Case]:
    """The generated cases for ``spec``, at most ``budget`` (default: by scope), using
    ``enrichment``'s purposes and option examples when given.

    With ``run`` (a ``Sandbox.run`` of a sandbox where the tool is installed), each
    option's case is given an input and value on which it was seen to change the
    output (:mod:`.evidence`); what it could not find is appended to ``findings``.
    """
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    enrichment = enrichment or Enrichment()
    generator = _Generator(with_purposes(spec, enrichment), scope,
                           random.Random(f"testronaut:{seed}:{spec.tool}"), enrichment)
    commands = spec.root.walk()
    limit = case_budget(scope, len(commands)) if budget is None else max(budget, 0)
    generator.quota = option_quota(commands, limit)
    if say is not None:
        generator.say = say
    if run is not None:
        from .evidence import probe_datasets
        from .formats import datasets as format_datasets

        runs, seconds = SEARCH_BOUNDS[scope]
        inputs = {**probe_datasets(), **format_datasets(spec.tool, spec.root.walk())}
        generator.prober = Prober(run, inputs, progress=generator.say,
                                  max_runs=runs, time_budget=seconds)
    generator.run()
    kept = within_budget(generator.candidates, limit)
    from .settle import settle_kept

    settle_kept(generator, kept)
    if generator.prober is not None:
        prober = generator.prober
        generator.say(f"evidence search: {prober.runs} runs"
                      + (f"; {prober.broken}" if prober.broken else "")
                      + (f"; {prober.spent()}: later options untested" if prober.exhausted
                         and not prober.broken else ""))
    if findings is not None:
        findings.extend(generator.findings)
    return [c.case for c in kept]


def within_budget(candidates: Sequence[_Candidate], limit: int) -> list[_Candidate]:
    """The first ``limit`` candidates by tier, each command's in turn within a tier (its
    first case, then every command's second, ...: a tool with many subcommands keeps
    cases of each, not all of the first ones'), in the order they were made."""
    ranks: dict[tuple[int, int], int] = {}
    keys: dict[int, tuple[int, int, int]] = {}
    for candidate in without_duplicates(candidates):
        at = (candidate.tier, candidate.group)
        ranks[at] = ranks.get(at, -1) + 1
        keys[id(candidate)] = (candidate.tier, ranks[at], candidate.order)
    kept = sorted((c for c in candidates if id(c) in keys), key=lambda c: keys[id(c)])
    return sorted(kept[:limit], key=lambda c: c.order)


def generate_plan(spec: CliSpec, *, scope: Scope = "basic", budget: int | None = None,
                  seed: int = 0, image: str | None = None, install: Sequence[str] = (),
                  env: dict[str, str] | None = None,
                  enrichment: Enrichment | None = None, run: Callable[..., Any] | None = None,
                  say: Callable[[str], None] | None = None,
                  findings: list[str] | None = None) -> Plan:
    """A whole plan for ``spec``: the environment plus :func:`generate_cases` (and, from
    the comprehensive scope on, lifecycle workflows)."""
    enrichment = enrichment or Enrichment()
    cases = generate_cases(spec, scope=scope, budget=budget, seed=seed, enrichment=enrichment,
                           run=run, say=say, findings=findings)
    origin = GeneratedFrom(digest=spec_digest(spec), version=spec.version)
    spec = with_purposes(spec, enrichment)
    summary = plain_summary(spec.root.summary)
    description = f"Generated for {spec.tool}" + (f" {spec.version}" if spec.version else "") \
        + f" (scope {scope}, seed {seed})" + (f": {summary}" if summary else "")
    from .workflows import generate_workflows

    workflows = generate_workflows(spec, enrichment) if scope != "basic" else []
    return Plan(tool=spec.tool, description=description, image=image, install=list(install),
                env=dict(env or {}), cases=cases, workflows=workflows, generated_from=origin)


@contextmanager
def command_share(prober: Prober, commands_left: int) -> Iterator[None]:
    """While one command is searched: its fair share of the runs and of the time left
    (what a command leaves unused goes to the ones after it), so the first commands
    of a tool with many cannot spend the whole search."""
    limit, deadline = prober.max_runs, prober.deadline
    runs_left = max(limit - prober.runs, 0)
    prober.max_runs = min(limit, prober.runs + max(MIN_COMMAND_RUNS, runs_left // commands_left))
    now = time.monotonic()
    prober.deadline = min(deadline, now + max(MIN_COMMAND_SECONDS,
                                              (deadline - now) / commands_left))
    try:
        yield
    finally:
        prober.max_runs, prober.deadline = limit, deadline


def with_purposes(spec: CliSpec, enrichment: Enrichment) -> CliSpec:
    """``spec`` with the enrichment's purposes as the summaries of commands that have
    none (a summary saying "standard input" makes a command a filter, for one)."""
    if not enrichment.purposes:
        return spec
    out = spec.model_copy(deep=True)
    for command in out.root.walk():
        purpose = enrichment.purposes.get(Enrichment.key(out.command_words(command)), "")
        if purpose and not command.summary.strip():
            command.summary = purpose
    return out


def without_duplicates(candidates: Sequence[_Candidate]) -> list[_Candidate]:
    """``candidates`` with one case per run: two cases running the same command on the
    same stdin and files test the same thing (a usage form with no operands and the
    missing-argument error case). The one with expectations stays, else the first."""
    chosen: dict[tuple[str, ...], _Candidate] = {}
    for candidate in candidates:
        case = candidate.case
        key = (str(case.command), "" if case.stdin is None else f"<{case.stdin}",
               repr(sorted(case.files.items())), repr(sorted(case.env.items())))
        if key not in chosen or (chosen[key].case.exit is None and case.exit is not None):
            chosen[key] = candidate
    kept = {id(c) for c in chosen.values()}
    return [c for c in candidates if id(c) in kept]


# --- small pure helpers -------------------------------------------------------------------
def _slug(text: str) -> str:
    text = text.lstrip("-").lower()
    text = re.sub(r"[^a-z0-9_.]+", "-", text).strip("-.")
    return text[:40]


def _help_flag(command: Command) -> str:
    if command.help_source in ("-h", "--help", "-help"):
        return command.help_source
    return "-h" if command.find_option("-h") and not command.find_option("--help") else "--help"


def _is_meta(option: Option) -> bool:
    """Help and version options get their own smoke cases."""
    return bool({"-h", "--help", "--version", "-help"} & set(option.flags))


def _with_value(option: Option, value: str) -> list[str]:
    return option_words(option, value)  # with the further values of ``--size W H``


def _failure(kind: str, *named: str) -> dict[str, Any]:
    """A failing exit and a message naming the error (see :func:`samples.error_pattern`)."""
    return {"exit": "failure",
            "stderr": StreamExpectation(regex=[S.error_pattern(kind, *named)])}


Sampler = Callable[[Option | Positional], str]


def _args_with(command: Command, target: Positional, value: str,
               sample: Sampler) -> list[str]:
    """Sample values for the required positionals, with ``value`` for ``target``."""
    out: list[str] = []
    for positional in command.positionals:
        if positional is target:
            out.append(value)
        elif positional.required:
            out.append(sample(positional))
    return out


def _hostile_target(command: Command) -> Positional | Option | None:
    """Where a hostile value goes: the first positional, else an option taking text."""
    if command.positionals:
        return command.positionals[0]
    return next((o for o in command.options if o.takes_value and not o.choices
                 and not S.is_numeric(o) and not _is_meta(o)), None)


def _place(command: Command, target: Positional | Option | None, value: str,
           sample: Sampler) -> list[str]:
    if isinstance(target, Positional):
        return _args_with(command, target, value, sample)
    if isinstance(target, Option):
        return _with_value(target, value)
    return [value]
