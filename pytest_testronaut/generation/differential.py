"""Cases backed by differential evidence, for generation with a sandbox at hand.

For one command: the documented forms of its command line (each usage line's operands,
stdin, one file, two files), then one case per option on the input (and value) where
the option was seen to change the output, then, from the comprehensive scope on, the
other choices and documented value forms that give outputs of their own. An option
no candidate showed a difference for still gets its case, tagged
``no_observed_effect`` and reported to the reviewer.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..analysis.spec import Command, Option, Positional
from ..plans.model import StreamExpectation
from . import samples as S
from .case_text import run_description
from .discounted import (
    ENDS_WITH_NEWLINE,
    ENDS_WITHOUT_NEWLINE,
    describe_pattern,
    discounted_evidence,
    ending_pattern,
)
from .edges import documented_statuses, edge_operands, quoted_operands
from .evidence import (
    INPUT_FILE,
    MISSING_FILE,
    OWN,
    PAIR_TEXTS,
    SECOND_FILE,
    STDIN,
    Found,
    Search,
    inputs_for,
    option_word_lists,
    working_context,
)
from .exit_normal import is_answer, normal_operands, normal_statuses
from .feature_inputs import describe as describe_feature
from .feature_inputs import summary_features
from .folder_state import as_case, find_state, prefetch_state
from .formats import describe as describe_format
from .formats import for_option, inputs_for_command
from .key_operands import key_operand_cases
from .learned_values import learn_codes, with_learned_values
from .modes import mode_cases
from .operand_kinds import give_text_operand
from .operands import operand_forms, working_operands
from .printed_paths import on_printed_path
from .probe import Outcome, Probe
from .refine import both_neighbours, other_value_contexts, referenced_contexts, short_forms
from .related import related_evidence, related_flag_contexts
from .runner import runner_forms
from .source_documents import file_names
from .typed_values import option_words
from .value_operands import describe as describe_document
from .value_operands import document_inputs, value_operand_cases, working_expressions
from .written import on_written_files

if TYPE_CHECKING:
    from .cases import _Generator

NO_EFFECT_TAG = "no_observed_effect"
MIN_SHARE = 24  # runs an option the first pass did not show may take at least


def _file_positionals(command: Command) -> list[Positional]:
    return [p for p in command.positionals if p is S.file_positional(command) or (
        S.file_positional(command) is not None and p.value_type in ("file", "path"))
        or p.name.upper().rstrip("0123456789") in ("FILE", "INPUT")]


def command_search(gen: _Generator, command: Command) -> tuple[Search, list[Positional]]:
    """The search for ``command``: its inputs and working values for its operands
    (with the optional ones too when the required ones alone do not work: ``tr SET1
    SET2``; the required ones alone stay a setting to try options in: ``tr -d SET1``)."""
    assert gen.prober is not None
    files = _file_positionals(command)
    pairs = len([p for p in files if p.required]) >= 2
    slots = 2 if pairs or any(p.variadic for p in files) else (1 if files else 0)
    required = [p for p in command.positionals if p.required and p not in files]
    optional = [p for p in command.positionals if not p.required and p not in files
                and not p.variadic]
    search = Search(gen.prober, gen.prefix(command), [], S.reads_input(gen.spec.tool, command)
                    and not pairs, slots, pairs=pairs)
    search.formats = [n for n in inputs_for_command(gen.spec.tool, command, gen.root)
                      if gen.prober.datasets.get(n)]
    # a query into a document the help names no format of (``jp.py EXPRESSION``)
    search.formats = document_inputs(command, search.formats, search.reads_stdin or bool(files))
    search.primary = next((n for n in search.formats if not n.endswith(
        ("-invalid", "-ragged"))), "numbered")
    search.documented_normal = normal_statuses(command)  # ``grep``: 1, no line selected
    # a charset detector, a text fixer: what its summary says it acts on
    search.features = summary_features(command.summary or (
        gen.root.summary if gen.root else ""))
    operands, works = working_expressions(gen, search, command, required) or \
        working_operands(gen, search, required)
    if required and not works and optional:
        more, works_more = working_operands(gen, search, [*required, *optional])
        if works_more:
            search.other_operands = [operands]
            operands = more
            works = True
    if not required and gen.prober is not None and not _works_bare(gen, search):
        # a command that fails without its optional operand (``infocmp`` where $TERM
        # is not set): the operand's first working value
        first = [p for p in command.positionals if not p.required and p not in files][:1]
        more, works_more = working_operands(gen, search, first) if first else ([], False)
        if works_more:
            search.other_operands = [operands]
            operands = more
    if required and not works:  # the values tried are the reviewer's to judge
        from .operands import candidate_operands
        from .typed_values import tried_note

        tried = candidate_operands(gen, required)
        gen.findings.append(tried_note(gen.prefix(command), tried))
        gen.operand_trials[tuple(gen.prefix(command))] = tried
    search.operands = operands
    give_text_operand(gen, search, command, files)  # ``slugify 'Hello World'``
    search.order_forms()
    normal_operands(gen, search, required)  # settings ending in a normal status
    return search, required


def _works_bare(gen: _Generator, search: Search) -> bool:
    """Whether the command without operands works in its first form of input."""
    assert gen.prober is not None
    got = gen.prober.outcome(search.probe([], "numbered", search.forms()[0]))
    return got is None or got.ok


def own_output(gen: _Generator, search: Search) -> None:
    """Inputs from the tool's own output on numbered lines (from a file when it takes
    one: ``md5sum input.txt``), for check, verify and decode modes: "own-output" with
    the same files beside it, "own-changed" with the first file changed."""
    if gen.prober is None or search.pairs:
        return
    form = "file" if "file" in search.forms() else search.forms()[0]
    got = gen.prober.outcome(search.probe([], "numbered", form))
    if got is None or not got.ok or not got.stdout.strip() or len(got.stdout) > 2000:
        return
    files = gen.prober.datasets["numbered"]
    same = {STDIN: got.stdout, INPUT_FILE: files[INPUT_FILE], SECOND_FILE: files[SECOND_FILE]}
    changed = {**same, INPUT_FILE: files[INPUT_FILE] + "a changed line\n"}
    middle = len(got.stdout) // 2
    garbled = {**same, STDIN: got.stdout[:middle] + "!" + got.stdout[middle:]}
    search.own = gen.prober.add_dataset("own-output", same) and \
        gen.prober.add_dataset("own-changed", changed) and \
        gen.prober.add_dataset("own-garbled", garbled)


def differential_cases(gen: _Generator, command: Command,
                       progress: Callable[[str], None]) -> None:
    """All evidence-backed cases of ``command`` (plain forms, options, values)."""
    search, _ = command_search(gen, command)
    start = len(gen.candidates)
    options = [o for o in command.options if not _is_meta(o)]
    general = [*search.formats[:3], *inputs_for(None, pairs=search.pairs)]
    sample = gen.sampler_for_search
    # one command of many (see cases.option_quota): its share of the budget keeps a
    # plain run and a few options with an effect, so only those are looked for
    quota = gen.quota
    searched = options if quota is None else options[:4 * quota]
    search.contexts = working_context(search, searched,
                                      {o.primary: sample(o) for o in searched if o.takes_value},
                                      general)
    search.find_writes()
    find_state(search, searched, command)  # settings where its work on files shows
    forms(gen, command, search, limit=None if quota is None else 1)
    # a mode-driven command (an archiver, an encoder): each mode on a pipeline, and the
    # options shown inside a mode (see .modes); the others go on to the search below
    covered = mode_cases(gen, command, search, options)
    options = [o for o in options if o.primary not in covered]
    own_output(gen, search)
    operand_forms(gen, command, search)
    runner_forms(gen, command, search)  # ``env pwd``, ``env no-such-command``
    edge_operands(gen, command, search)
    value_operand_cases(gen, command, search)  # ``roman 0``, ``jp.py 'a[1]'``: other values
    key_operand_cases(gen, command, search)  # ``dd count=N``: operands documented as options
    learn_codes(search)  # codes a checker printed: values of --select/--ignore
    # Every option's first candidates in a few large batches: process starts in the
    # sandbox are what costs, not the tool.
    form = search.forms()[0]
    first: list[Probe] = []
    wanted: list[tuple[list[list[str]], list[str]]] = []  # each option's, for the folder
    for option in options if quota is None else options[:2 * quota]:
        words_list, datasets = candidates(option, search, sample)
        for dataset in datasets[:2]:  # see Search.option_evidence: the first two
            first.append(search.probe([], dataset, form))
            first += [search.probe(words, dataset, form) for words in words_list]
        wanted.append((words_list, datasets))
    if gen.prober is not None:
        gen.prober.outcomes(first)
        prefetch_state(search, wanted)  # in the folder of .folder_state, where it is one
    # A first pass tries each option where most show (the first setting); the
    # options it leaves get the whole search after it, so a budget spent on one
    # hard option never leaves later easy ones untested.
    if quota is not None:
        quota_cases(gen, command, search, options, quota)
        documented_statuses(gen, command, search, start)
        return
    later = [o for o in options if gen.prober is None or gen.prober.exhausted
             or not option_case(gen, command, search, o, quick=True)]
    for number, option in enumerate(later, 1):
        if gen.prober is None or gen.prober.exhausted:
            if gen.prober is None or not lenient_case(  # what ran before may show it
                    gen, command, search, option, *candidates(option, search, sample),
                    quoted_operands(command, search, option)):
                _no_evidence(gen, command, search, option, gen.prober.spent()
                             if gen.prober else "the search budget was spent")
            continue
        if number % 10 == 0:
            progress(f"evidence for `{' '.join(gen.prefix(command))}`: option "
                     f"{number}/{len(later)} of those the first pass did not show")
        # each gets an equal share of the runs left (at least MIN_SHARE), so one
        # option with many values cannot spend what the ones after it need
        limit = gen.prober.max_runs
        share = max(MIN_SHARE, (limit - gen.prober.runs) // (len(later) - number + 1))
        gen.prober.max_runs = min(limit, gen.prober.runs + share)
        try:
            option_case(gen, command, search, option)
        finally:
            gen.prober.max_runs = limit
    documented_statuses(gen, command, search, start)


def quota_cases(gen: _Generator, command: Command, search: Search, options: list[Option],
                quota: int) -> None:
    """The cases of the first ``quota`` options that show an effect, in the options'
    order: each option where most show first, then the whole search for the ones that
    did not, until ``quota`` showed (when the command's share of the search is spent
    first, the next options get cases without evidence, as any option the search did
    not reach); the options left are named in one finding for the reviewer (a larger
    scope or budget gives them cases)."""
    shown: list[Option] = []
    for option in options:
        if len(shown) >= quota or gen.prober is None or gen.prober.exhausted:
            break
        if option_case(gen, command, search, option, quick=True):
            shown.append(option)
    for option in options:
        if len(shown) >= quota or gen.prober is None or gen.prober.exhausted:
            break
        if option not in shown and option_case(gen, command, search, option, report=False):
            shown.append(option)
    if gen.prober is not None and gen.prober.exhausted:  # this command's share is spent
        for option in [o for o in options if o not in shown][:quota - len(shown)]:
            _no_evidence(gen, command, search, option, gen.prober.spent())
            shown.append(option)
    left = [o.primary for o in options if o not in shown]
    if left:
        gen.findings.append(
            f"`{' '.join(gen.prefix(command))}`: {len(left)} options not given a case at "
            f"this budget (each command's share: {quota} options with an effect): "
            f"{', '.join(left[:8])}{', ...' if len(left) > 8 else ''}; a larger --scope "
            "or --budget searches them")


def forms(gen: _Generator, command: Command, search: Search, limit: int | None = None
          ) -> None:
    """Plain runs: each way to give input, on inputs whose outputs tell (the first
    ``limit`` of them, the form the command works in first)."""
    name = " ".join(gen.prefix(command))
    wanted: list[tuple[str, str]] = []
    if search.pairs:
        wanted += [(d, "two-files") for d in PAIR_TEXTS][: (3, 4, 4)[gen.level]]
        wanted += [("numbered", "two-files")]
    else:
        if search.reads_stdin:
            # a tool reading a format: its documents first (the first stands for
            # "numbered", see .formats), the text lines after
            wanted += [("numbered", "stdin")] if search.formats else []
            wanted += [(d, "stdin") for d in search.formats[1:(4, 6, 8)[gen.level]]]
            # and one invalid document: the error path
            wanted += [(d, "stdin") for d in search.formats if d.endswith(
                ("-invalid", "-ragged"))][:1]
            # blank lines and runs of spaces: a tool losing empty lines shows there
            wanted += [("numbered", "stdin"), ("empty", "stdin"), ("no-newline", "stdin"),
                       ("spaces", "stdin")]
            if gen.level >= 1:
                wanted += [("duplicates", "stdin"), ("unicode", "stdin")]
        if search.file_slots:
            wanted.append(("numbered", "file"))
            if not search.reads_stdin:  # a format's documents as files (see above)
                wanted += [(d, "file") for d in search.formats[1:(3, 4, 6)[gen.level]]]
                wanted += [(d, "file") for d in search.formats if d.endswith(
                    ("-invalid", "-ragged"))][:1]
            if search.file_slots > 1:
                wanted.append(("numbered", "two-files"))
        if not wanted:
            wanted.append(("numbered", "none"))
        if search.forms()[0] not in {form for _, form in wanted}:
            # the form the command works in (``diff FILES``: two files, not one)
            wanted.append(("numbered", search.forms()[0]))
    if limit is not None:
        wanted = sorted(wanted, key=lambda w: w[1] != search.forms()[0])[:limit]
    # A command that needs an option to work (``cut -f``) reads its inputs with the
    # first option that makes it work: an empty input or a last line without newline
    # then still tells something.
    context = base_context(gen, search)
    seen: list[Outcome] = []
    runs = [(dataset, form, context if dataset != "numbered" else [])
            for dataset, form in wanted]
    if context and gen.prober is not None:
        # where numbered lines fail bare in a form (``truncate FILE...``), they are
        # also read with the option (a second file or a missing one then tells)
        bare = gen.prober.outcomes([search.probe([], "numbered", f) for _, f, _ in runs])
        runs += [("numbered", form, context) for (dataset, form, _), got in zip(
            runs, bare, strict=True) if dataset == "numbered" and got is not None
            and not search.accepts(got) and form != search.forms()[0]]
    ended = False  # whether a case checks how the output ends (see .discounted)
    for dataset, form, words in runs:
        probe = search.probe(words, dataset, form)
        got = gen.prober.outcome(probe) if gen.prober else None
        if got is not None and got.timed_out:
            continue
        if got is not None and form in ("stdin", "none") and dataset != "numbered" and any(
                got.same(o) for o in seen) and not dataset.endswith(("-invalid", "-ragged")):
            continue  # an input that shows nothing new (the invalid document: the error path)
        if got is not None:
            seen.append(got)
        shown = shlex.join(probe.argv) if form == "none" else \
            shlex.join([*gen.prefix(command), *words]) if words else name
        description = run_description(
            shown, _describe(probe.dataset), form, got, search.accepts(got),
            gen.operand_trials.get(tuple(gen.prefix(command)), []))
        # the recorded comparison takes a lost (or added) final newline as no change:
        # the first working run with output, and the one on a last line without
        # newline, say how their output ends
        ending = ending_pattern(got.stdout) if got is not None and search.accepts(got) \
            and (not ended or dataset == "no-newline") and not (
                probe.watch and got.written()) else None
        ended = ended or ending is not None
        if ending is not None:
            description += f" ({describe_pattern(ending)}: checked)"
        _add(gen, command, ["run", probe.dataset, form], probe, description, got,
             stdout=StreamExpectation(regex=[ending]) if ending else None)


def base_context(gen: _Generator, search: Search) -> list[str]:
    """No words when the bare command works on numbered lines, else the first context
    (see :func:`.evidence.working_context`) that makes it work."""
    if gen.prober is None or search.pairs or len(search.contexts) < 2:
        return []
    bare = gen.prober.outcome(search.probe([], "numbered", search.forms()[0]))
    return [] if bare is None or search.accepts(bare) else list(search.contexts[1])


def candidates(option: Option, search: Search, sample: Callable[[Option | Positional], str]
               ) -> tuple[list[list[str]], list[str]]:
    """The option's command-line words to try (one per value) and the inputs."""
    words = with_learned_values(option, search, option_word_lists(option, sample(option)))
    # many values x many inputs is what costs: fewer inputs for an option with values
    both = not search.pairs and search.forms()[0] == "two-files"
    # a tool reading a format: its documents first, then the text inputs
    first = for_option(option.flags, option.description, search.formats)[
        :4 if len(words) <= 2 else 3]
    # after a format's documents, a few text lines (most fail to parse: each costs a
    # run, a process start of a Python tool)
    texts = 3 if first else 7 if len(words) <= 2 else 5
    return words, list(dict.fromkeys([*first, *inputs_for(
        option, pairs=search.pairs, own=search.own, both=both)[:texts],
        *(search.features if not search.pairs else [])]))


def option_case(gen: _Generator, command: Command, search: Search, option: Option,
                quick: bool = False, report: bool = True) -> bool:
    """The option's cases; ``quick``: only where the first setting shows it working
    (else nothing is added); ``report``: an option that showed nothing gets a case
    tagged ``no_observed_effect`` (else nothing is added). Whether cases were added."""
    option_words, datasets = candidates(option, search, gen.sampler_for_search)
    sample = gen.sampler_for_search
    quoted = quoted_operands(command, search, option)
    found = search.option_evidence(option_words, option, datasets,
                                   referenced_contexts(command, option, sample), quoted,
                                   first_only=quick)
    if quick and (found is None or not (search.accepts(found.outcome) or is_answer(
            found.outcome))):  # a check mode's status is evidence too (.exit_normal)
        # bytes that differ only where `equals` is lenient are an effect too: no
        # further search looks for another kind (``--sort-keys`` on JSON)
        return found is None and lenient_case(gen, command, search, option, option_words,
                                              datasets, quoted)
    if found is None and gen.prober is not None and not gen.prober.exhausted:
        # an option that shows only beside another's value (``iconv -c`` with ``-t
        # ASCII``, ``cksum --untagged`` with ``-a md5``)
        found = search.option_evidence(option_words, option, datasets,
                                       other_value_contexts(command, option, sample), quoted)
    if found is None and gen.prober is not None and not gen.prober.exhausted:
        # beside a flag its help shares words with (``--indent_width``, ``--reindent``)
        found = related_evidence(search, option_words, datasets,
                                 related_flag_contexts(command, option))
    if (found is None or not search.accepts(found.outcome)) and lenient_case(
            gen, command, search, option, option_words, datasets, quoted):
        return True  # it shows only where `equals` is lenient (``--sort-keys``)
    if (found is None or not search.accepts(found.outcome)) and on_written_files(
            gen, command, search, option, option_words) and found is None:
        return True  # it shows on the files the command writes (``gzip -l FILE.gz``)
    if found is None and on_printed_path(gen, command, search, option, option_words):
        return True  # it shows in what is at the path printed (``mktemp -d``: a folder)
    if found is None:
        if report:
            _no_evidence(gen, command, search, option, "no candidate input or value showed "
                         "a difference")
        return report
    value = found.values[1:2] or [w.partition("=")[2] for w in found.values if "=" in w]
    # a command without input is described by its operands (``pathchk -p é``)
    on = _describe(found.probe.dataset) if found.setting.form != "none" else \
        f"the operands `{shlex.join(found.setting.operands)}`"
    _add(gen, command, [option.primary, *value, found.probe.dataset], found.probe,
         f"option {_what(option)} on {on}: {found.shown}", found.outcome)
    if len(option_words) > 1:
        more_values(gen, command, search, option, found, option_words, datasets)
        both_neighbours(gen, command, search, option, found, option_words)
    other_status(gen, command, search, option, found, datasets)
    short_forms(gen, command, search, option, found)
    return True


def lenient_case(gen: _Generator, command: Command, search: Search, option: Option,
                 option_words: list[list[str]], datasets: Sequence[str],
                 quoted: Sequence[Sequence[str]]) -> bool:
    """A case for an option whose runs differed from the run without it only where
    the recorded comparison is lenient (JSON key order or indentation, a final
    newline: see :mod:`.discounted`), with a regex on the exact bytes that differed.
    Whether one was added."""
    found = discounted_evidence(search, option_words, datasets, referenced_contexts(
        command, option, gen.sampler_for_search), quoted)
    if found is None:
        return False
    value = list(found.values[1:2])
    _add(gen, command, [option.primary, *value, found.probe.dataset], found.probe,
         f"option {_what(option)} on {_describe(found.probe.dataset)}: differs from the run "
         f"without it only where the recorded comparison is lenient, so "
         f"{describe_pattern(found.pattern)} is checked", found.outcome,
         stdout=StreamExpectation(regex=[found.pattern]))
    return True


def other_status(gen: _Generator, command: Command, search: Search, option: Option,
                 found: Found, datasets: Sequence[str]) -> None:
    """A check mode's other answer: where the option exits 0 on one input and not on
    another (``sort --check`` on sorted and unsorted input), both get a case."""
    probes = [search.at(found.setting, found.values, d) for d in datasets]
    bases = [search.at(found.setting, [], d) for d in datasets]
    got = search.prober.outcomes([*probes, *bases])
    for probe, outcome, base in zip(probes, got, got[len(probes):], strict=False):
        if outcome is None or base is None or not search.accepts(base) or outcome.timed_out:
            continue
        if outcome.ok != found.outcome.ok and outcome.exit_code in (0, 1):
            status = "succeeds" if outcome.ok else f"exits {outcome.exit_code}"
            _add(gen, command, [option.primary, "status", probe.dataset], probe,
                 f"option {' '.join(found.values)} {status} on {_describe(probe.dataset)} "
                 f"(it {'succeeds' if found.outcome.ok else f'exits {found.outcome.exit_code}'} on "
                 f"{_describe(found.probe.dataset)})", outcome)
            return


def more_values(gen: _Generator, command: Command, search: Search, option: Option,
                found: Found, option_words: list[list[str]], datasets: Sequence[str]) -> None:
    """Further values with outputs of their own: each documented form of value the
    first is not (``+N``, ``-N``, ``N-``, ``N,M``) and the edges 0 and 1 (basic), then
    other choices (comprehensive on); each on the first input (the one that showed the
    first value, then the others) where it differs from the run without the option,
    from the first value's and from the values kept before."""
    order = list(dict.fromkeys([found.probe.dataset, *datasets]))
    words_of = [*option_words, found.values, []]
    probes = [search.at(found.setting, w, d) for d in order for w in words_of]
    got = dict(zip(probes, search.prober.outcomes(probes), strict=True))
    forms = {value_form(found.values[-1])}
    kept: dict[str, list[Outcome | None]] = {
        d: [got.get(search.at(found.setting, [], d)),
            got.get(search.at(found.setting, found.values, d))] for d in order}
    limit = (4, 6, 8)[gen.level]
    for words in option_words:
        form = value_form(words[-1])
        if form is None and option.choices and gen.level >= 1:
            form = words[-1]
        if limit <= 0 or form is None or form in forms:
            continue
        for dataset in order:
            probe = search.at(found.setting, words, dataset)
            outcome = got.get(probe)
            if outcome is None or not search.accepts(outcome) or probe == found.probe or any(
                    outcome.same(o) for o in kept[dataset]):
                continue
            forms.add(form)
            kept[dataset].append(outcome)
            limit -= 1
            sign = {"-": "minus-", "+": "plus-"}.get(words[-1][:1], "")  # an id keeps it
            _add(gen, command, [option.primary, sign + words[-1], dataset], probe,
                 f"option {option.primary} {' '.join(words[1:]) or words[-1]!r} on "
                 f"{_describe(dataset)}: differs "
                 "from the run without it and from the other values", outcome)
            break


def value_form(value: str) -> str | None:
    """The form of a numeric value, as a case per form wants it: ``0`` and ``1``
    (edges), else the value with its numbers as N (``+N``, ``-N``, ``N-``, ``N,N``,
    ``N-N``); None for a value that is not numeric."""
    if value in ("0", "1"):
        return value
    if not re.fullmatch(r"[+-]?\d+(?:[-,.:]\d*)*-?", value):
        return None
    return re.sub(r"\d+", "N", value)


def _no_evidence(gen: _Generator, command: Command, search: Search, option: Option,
                 why: str) -> None:
    sample = gen.sampler_for_search
    words = option_words(option, sample(option)) if option.takes_value and \
        not option.value_optional else [option.primary]
    probe = search.at(search.state[0], words, "") if search.state else \
        search.probe(words, "numbered", search.forms()[0])
    got = gen.prober.outcome(probe) if gen.prober and not gen.prober.exhausted else None
    line = shlex.join(probe.argv)
    gen.findings.append(f"no observed effect: `{line}` ({why}); review this case")
    _add(gen, command, [option.primary], probe,
         f"no observed effect: option {_what(option)} ({why})", got, tags=[NO_EFFECT_TAG])


def _add(gen: _Generator, command: Command, id_parts: Sequence[str], probe: Probe,
         description: str, outcome: Outcome | None, tags: Sequence[str] = (),
         stdout: StreamExpectation | None = None) -> None:
    argv = list(probe.argv)
    fields: dict[str, Any] = {"stdout": stdout} if stdout is not None else {}
    inputs = gen.prober.datasets[probe.dataset] if gen.prober else {}
    # an input made from the tool's output names its files: they come along
    words = shlex.split(argv[2]) if argv[:2] == ["sh", "-c"] else argv  # a chained line
    names = dict.fromkeys((INPUT_FILE, SECOND_FILE, *file_names(probe.dataset)))
    files = {name: inputs[name] for name in names
             if name in inputs and (name in words or probe.dataset in OWN)}
    if not files and not probe.stdin and file_names(probe.dataset) != file_names(""):
        # a checker run without operands reads its folder (``pydocstyle``): the source
        # files it found there come along
        files = {name: inputs[name] for name in file_names(probe.dataset) if name in inputs}
    if files:
        fields["files"] = files
    if probe.stdin:
        fields["stdin"] = inputs[STDIN]
    if tags:
        fields["tags"] = list(tags)
    if outcome is not None and outcome.timed_out:
        description += " (timed out while generating: review)"
    tier = 1
    gen.add(tier, command, list(id_parts), argv, description, **fields)
    gen.probes[len(gen.candidates) - 1] = probe
    if probe.state:  # a run in the folder of .folder_state: built, then listed
        gen.candidates[-1].case = as_case(gen.candidates[-1].case, argv)
        return
    # a command that writes files shows them, and the input files it names (an
    # option may be what keeps one as it was: ``--append`` with nothing to append)
    written = gen.prober.written if gen.prober else set()
    shown = [*outcome.written(), *[f for f in (INPUT_FILE, SECOND_FILE, MISSING_FILE)
                                   if f in argv and f"./{f}" in written]] \
        if probe.watch and outcome is not None else []
    if shown:
        candidate = gen.candidates[-1]
        # the listing of the files follows the output: it ends as the listing does
        kept = [p for p in stdout.regex if p not in (ENDS_WITH_NEWLINE, ENDS_WITHOUT_NEWLINE)
                ] if stdout is not None else []
        candidate.case = candidate.case.model_copy(update={
            "command": showing_files(argv, list(dict.fromkeys(
                n[2:] if n.startswith("./") else n for n in shown)), set(files)),
            "description": f"{description} (and the files it writes)",
            "stdout": StreamExpectation(regex=kept) if kept else None})


def showing_files(argv: Sequence[str], written: Sequence[str], inputs: set[str]) -> str:
    """``argv`` as a shell line that then shows the type, mode and size of each entry
    it wrote (sizes, not contents: a compressed file holds its input's time), removes
    the new ones (the next case of the plan's sandbox starts as this one did), and
    exits with the command's status."""
    paths = list(written)[:12]
    new = sorted({p.split("/")[0] for p in paths if p.split("/")[0] not in inputs})
    remove = f"rm -rf -- {' '.join(shlex.quote(p) for p in new)}; " if new else ""
    return (f"{shlex.join(argv)}; s=$?; stat -c '%F %a %s %n' -- "
            f"{' '.join(shlex.quote(p) for p in paths)}; {remove}exit $s")


def _describe(dataset: str) -> str:
    return describe_format(dataset) or describe_feature(dataset) or \
        describe_document(dataset) or {
        "numbered": "numbered distinct lines", "duplicates": "duplicate lines",
        "fields": "tab-separated fields", "csv": "comma-separated fields",
        "keys": "numeric, month, version and size keys", "spaces": "blank lines and spaces",
        "decimals": "columns of decimals",
        "no-newline": "a last line without newline", "long-line": "a 110-character line",
        "unicode": "multi-byte characters", "one-line": "a single line",
        "empty": "empty input", "staircase": "lines each equal to the one before from "
        "one field later on", "sorted-pair": "two sorted files",
        "keyed-pair": "two files keyed by number", "case-pair": "two files differing in case",
        "same-pair": "two identical files",
        "own-output": "its own output on numbered lines",
        "own-changed": "its own output, with the file it describes changed",
        "own-garbled": "its own output with a stray character",
        "case-only-pair": "two files differing only in case",
    }.get(dataset, dataset)


def _what(option: Option) -> str:
    text = option.description.strip()
    return f"{option.primary} ({text[:70]})" if text else option.primary


def _is_meta(option: Option) -> bool:
    return bool({"-h", "--help", "--version", "-help"} & set(option.flags))
