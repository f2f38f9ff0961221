"""Mode-driven tools: archivers, compressors, encoders, for generation with a sandbox.

A tool such as ``xz`` (``-z``/``-d``/``-t``/``-l``), ``cpio`` (``-o``/``-i``/``-t``) or an
encoder (``base58``, ``-d`` decodes) does its work in one of several modes, and most
other options only act inside one: tried alone on stdin they show "you must specify
one of ..." or nothing at all. Here:

1. the modes are read from the help (:func:`detect_modes`): the options of a "mode"
   section ("Main operation mode:", "Operation mode:"), a required alternative of the
   usage line (``{-c|-x|-t}``), the flags a "you must specify one of" sentence names,
   flags whose description starts with a mode's verb (``-d, --decode  decode data``),
   and an operand whose choices are modes (``ACTION: compress, decompress``);
2. a working pipeline is found by running the tool (:func:`find_pipeline`): a mode
   that writes an archive (or the bare command, when no mode option writes one) from
   the input files, in the first way that works (stdin to stdout, a list of names on
   stdin, the archive then the files as operands, ``-f ARCHIVE``, ...), then each mode
   that reads one (extract, list, test, decode) in the first way that works, inside a
   folder of its own, whatever it extracted shown after its output;
3. each mode gets a case on that pipeline (an extracting one is the round trip: create
   then extract, the input's content checked), and each other option is searched
   inside each mode (differential evidence: the pipeline with the option against the
   same pipeline without it); the options no mode showed are left to the ordinary
   search.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..analysis.spec import Command, Option
from ..plans.model import StreamExpectation
from .evidence import INPUT_FILE, SECOND_FILE, Search, option_word_lists
from .probe import Outcome, Probe

if TYPE_CHECKING:
    from .cases import _Generator

# The role of a mode, from the words of its flag and description, first match wins
# ("decompress" before "compress", "decode" before "encode").
ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("extract", re.compile(r"(?i)de-?compress|uncompress|extract|decod|unpack|unzip|"
                           r"restore|copy-in|decrypt|inflate")),
    ("list", re.compile(r"(?i)\blist|table of contents|\bcontents\b|\binfo")),
    ("test", re.compile(r"(?i)\btest|integrity|\bverif")),
    ("produce", re.compile(r"(?i)compress|\bcreat|encod|\barchive\b|\bpack\b|copy-out|"
                           r"encrypt|deflate|\bzip\b")),
)
# A heading of a help section listing the modes ("Main operation mode:", "Operation
# modes:", "Actions:"), not of their modifiers ("Operation modifiers:").
_HEADING = re.compile(r"(?i)^\s*(?:main\s+|basic\s+)?(?:operation\s+|operating\s+)?"
                      r"(?:modes?|actions?)(?:\s+of\s+operation)?\s*:?\s*$")
_ROW = re.compile(r"^\s+(-{1,2}[\w?][\w-]*)")
# A required alternative of a usage line: ``{-c|-x|-t}``, ``(-l <zip> | -c <name> ...)``
_ALTERNATIVE = re.compile(r"[{(]([^{}()]*\|[^{}()]*)[})]")
_ONE_OF = re.compile(r"(?i)(?:must specify|specify (?:exactly )?one of|exactly one of|"
                     r"one of the following)[^.\n]*(?:\n[^.\n]*){0,2}")
# A flag whose description starts with a mode's verb: ``-d  decode data``,
# ``-t, --test  test compressed file integrity``, ``-z  force compression``
_VERB_START = re.compile(r"(?i)^(?:\(default\)\s*|force\s+)?(?:de|un)?(?:compress|code|"
                         r"extract|creat|list|test|pack|archive)")

ARCHIVE = "testronaut-archive"  # the name of the archive a pipeline writes
OUT = "testronaut-out"  # the folder a reading mode runs in
COPY = "testronaut-in.txt"  # a copy of the input, for a mode writing beside its input
MAX_VALUES = 3  # values of an option tried in each mode


@dataclass(frozen=True)
class Mode:
    """One mode: the words that select it, what it does, and where they go (a flag
    before the other options, an operand after them)."""

    words: tuple[str, ...]
    role: str  # "produce", "extract", "list" or "test"
    flags: tuple[str, ...] = ()  # every flag that spells it (none for an operand)
    operand: bool = False
    # named as a mode by the help (a section, a usage alternative, an operand's
    # choices), not only by its description's first verb
    explicit: bool = True

    @property
    def name(self) -> str:
        return " ".join(self.words) or "(default)"


def role_of(text: str) -> str | None:
    """The role the first of its mode words gives ``text`` (``force decompression``:
    extract), else None."""
    found = [(m.start(), number, role) for number, (role, pattern) in enumerate(ROLES)
             if (m := pattern.search(text))]
    return min(found)[2] if found else None


def _section_flags(help_text: str) -> list[str]:
    """The flags of the rows under a heading of modes, in order."""
    flags: list[str] = []
    inside = False
    for line in help_text.splitlines():
        if _HEADING.match(line):
            inside = True
            continue
        if not inside:
            continue
        row = _ROW.match(line)
        if row:
            flags.append(row.group(1))
        elif line.strip() and not line.startswith((" " * 6, "\t")) and \
                line.rstrip().endswith(":"):
            inside = False  # the next heading
        elif not line.strip() and flags:
            inside = False  # a blank line ends the section once it has rows
    return flags


def _sentence_flags(help_text: str, command: Command) -> list[str]:
    """Flags named by a "you must specify one of" sentence or a usage alternative
    (a bundle of letters ``-Acdtrux`` read as its letters when those are options)."""
    # the first word of each alternative
    texts = [" ".join(part.split()[:1]) for m in _ALTERNATIVE.finditer(help_text)
             if all(p.strip().startswith("-") for p in m.group(1).split("|"))
             for part in m.group(1).split("|")]
    texts += [m.group(0) for m in _ONE_OF.finditer(help_text)]
    known = {f for o in command.options for f in o.flags}
    out: list[str] = []
    for text in texts:
        for word in re.findall(r"(?<![\w-])-{1,2}[A-Za-z][\w-]*", text):
            if word in known:
                out.append(word)
            elif not word.startswith("--") and all(f"-{c}" in known for c in word[1:]):
                out += [f"-{c}" for c in word[1:]]
    return out


def detect_modes(help_text: str, command: Command) -> list[Mode]:
    """The modes of ``command`` its help shows (see the module), each with a role,
    in the help's order; empty when it shows none (or fewer than two that act:
    a reading mode beside the default one counts as two)."""
    options = [o for o in command.options
               if not {"-h", "--help", "--version", "-V"} & set(o.flags)]
    by_flag = {f: o for o in options for f in o.flags}
    named = [*_section_flags(help_text), *_sentence_flags(help_text, command)]
    chosen: list[Option] = []
    for flag in named:
        option = by_flag.get(flag)
        if option is not None and option not in chosen:
            chosen.append(option)
    explicit = bool(chosen)
    if not chosen:  # no section: flags whose description starts with a mode's verb
        # (not ``-0 ... -9  compression preset``: a digit is a level, not a mode)
        chosen = [o for o in options if not o.takes_value and _VERB_START.search(
            o.description.strip()) and role_of(o.description)
            and not o.primary.lstrip("-")[:1].isdigit()]
    modes = [Mode((o.primary,), role, tuple(o.flags), explicit=explicit) for o in chosen
             if (role := role_of(f"{o.description} {' '.join(o.flags)}")) is not None]
    if not explicit and not any(m.role in ("extract", "produce") for m in modes):
        modes = []  # ``-c  list common capabilities``: listings, not modes
    for positional in command.positionals:
        roles = [(c, role_of(c)) for c in positional.choices or []]
        if sum(1 for _, r in roles if r) >= 2:
            modes += [Mode((c,), r, operand=True) for c, r in roles if r is not None]
            break
    return modes if any(m.role != "produce" for m in modes) else []


# --- the pipeline ----------------------------------------------------------------------
PRODUCE_SHAPES: tuple[str, ...] = (
    f"{{argv}} < {INPUT_FILE} > {ARCHIVE}",
    f"printf '%s\\n' {INPUT_FILE} {SECOND_FILE} | {{argv}} > {ARCHIVE}",
    f"{{argv}} {ARCHIVE} {INPUT_FILE} {SECOND_FILE}",
    f"{{argv}} -f {ARCHIVE} {INPUT_FILE} {SECOND_FILE}",
    f"{{argv}} {INPUT_FILE} {SECOND_FILE} > {ARCHIVE}",
    f"cp {INPUT_FILE} {COPY} && {{argv}} {COPY} && mv {COPY}?* {ARCHIVE}",
)
READ_SHAPES: tuple[str, ...] = (
    f"{{argv}} < ../{ARCHIVE}",
    f"cp ../{ARCHIVE} . && {{argv}} {ARCHIVE}",
    f"{{argv}} -f ../{ARCHIVE}",
    f"cp ../{ARCHIVE} . && {{argv}} {ARCHIVE} .",  # an output folder after it
)
# What a reading mode extracted, after its output: each new file's lines after its name
# (two processes however many files: a pipeline runs many times in the search)
_SHOW = (f"grep -r --exclude={ARCHIVE} -- '' . 2>/dev/null | LC_ALL=C sort -s -t: -k1,1")


def _words(search: Search, mode: Mode | None, extra: Sequence[str],
           context: Sequence[str], skip: Sequence[str] = ()) -> list[str]:
    """The command line of ``mode`` with ``extra`` words: a flag mode's words before
    them, an operand mode's after the other operands (``skip``: the working operands
    that are modes, replaced by this one's)."""
    mode_words = list(mode.words) if mode else []
    flag, after = ([], mode_words) if mode and mode.operand else (mode_words, [])
    operands = [w for w in search.operands if w not in skip]
    # the mode's flag last of the options: one taking its archive (``-c ARCHIVE
    # FILE...``) takes the words the pipeline puts after it
    return [*search.prefix, *context, *extra, *flag, *operands, *after]


def produce_line(shape: str, argv: Sequence[str]) -> str:
    # `` ;`` apart: a case takes along the input files its line names as words
    return "{ " + shape.format(argv=shlex.join(argv)) + " ; } 2>&1"


def pipeline_line(produce: str, read: str, producer: Sequence[str],
                  reader: Sequence[str] | None, *, size: bool = False,
                  garbled: bool = False) -> str:
    """One shell line: write the archive with ``producer`` (its messages shown), its
    size when ``size``, a stray line after it when ``garbled``, then read it with
    ``reader`` in a folder of its own and show what it extracted; it cleans up and
    exits with the last step's status."""
    steps = [produce_line(produce, producer)]
    if garbled:  # what ``--ignore-garbage`` or a lenient reader shows on
        steps.append(f"printf '!*\\n' >> {ARCHIVE}")
    if size:
        steps.append(f"echo \"archive: $(wc -c < {ARCHIVE}) bytes\"")
    if reader is not None:
        steps.append(f"mkdir {OUT} && cd {OUT} && "
                     + "{ " + read.format(argv=shlex.join(reader)) + " ; } 2>&1; "
                     f"s=$?; {_SHOW}; cd ..")
    else:
        steps.append("s=$?")
    return "; ".join(steps[:-1]) + "; " + steps[-1] + \
        f"; rm -rf {OUT} {ARCHIVE} {COPY}; exit $s"


def _probe(line: str) -> Probe:
    # watched: an option removing or changing an input file is seen (and undone)
    return Probe(("sh", "-c", line), "numbered", watch=True)


@dataclass
class Modes:
    """The modes of a command with a working pipeline: who writes the archive and how
    (a shape of :data:`PRODUCE_SHAPES`), who reads it and how (of :data:`READ_SHAPES`)."""

    produce: str
    producer: Mode | None  # None: the command without a mode option writes
    reads: dict[Mode, str]
    context: list[str]
    skip: tuple[str, ...] = ()  # the words of operand modes

    @property
    def readers(self) -> list[Mode]:
        return list(self.reads)

    def line(self, search: Search, reader: Mode, *, produce_extra: Sequence[str] = (),
             read_extra: Sequence[str] = (), size: bool = False, garbled: bool = False
             ) -> str:
        """The pipeline through ``reader``, with extra words for either step."""
        return pipeline_line(self.produce, self.reads[reader],
                             self.producer_words(search, produce_extra),
                             self.reader_words(search, reader, read_extra), size=size,
                             garbled=garbled)

    def producer_words(self, search: Search, extra: Sequence[str] = ()) -> list[str]:
        return _words(search, self.producer, extra, self.context, self.skip)

    def reader_words(self, search: Search, reader: Mode, extra: Sequence[str] = ()
                     ) -> list[str]:
        return _words(search, reader, extra, self.context, self.skip)


def find_pipeline(gen: _Generator, search: Search, modes: Sequence[Mode]) -> Modes | None:
    """The first way of writing an archive that works, with each reading mode that
    then works on it (see the module); None when none does."""
    assert gen.prober is not None
    # the bare command first where no mode was named as one (``bzip2``: compresses)
    named = [m for m in modes if m.role == "produce"]
    producers: list[Mode | None] = [*named] if any(m.explicit for m in named) else \
        [None, *named]
    skip = tuple(w for m in modes if m.operand for w in m.words)
    contexts = [list(c) for c in search.contexts[:3]]
    made = f"; s=$?; [ -s {ARCHIVE} ] && ! cmp -s {ARCHIVE} {INPUT_FILE} && echo " \
        f"testronaut-made; rm -rf {ARCHIVE} {COPY}; exit $s"
    tries = [(producer, context, shape) for producer in producers for context in contexts
             for shape in PRODUCE_SHAPES]
    probes = [_probe(produce_line(shape, _words(search, producer, [], context, skip)) + made)
              for producer, context, shape in tries]
    got = gen.prober.outcomes(probes)
    found = next(((p, c, s) for (p, c, s), o in zip(tries, got, strict=True)
                  if o is not None and o.ok and "testronaut-made" in o.stdout), None)
    if found is None:
        return None
    producer, context, produce = found
    readers = [m for m in modes if m.role != "produce"]
    reads: dict[Mode, str] = {}
    trials = [(reader, shape) for reader in readers for shape in READ_SHAPES]
    lines = [pipeline_line(produce, shape, _words(search, producer, [], context, skip),
                           _words(search, reader, [], context, skip))
             for reader, shape in trials]
    outcomes = gen.prober.outcomes([_probe(line) for line in lines])
    for (reader, shape), outcome in zip(trials, outcomes, strict=True):
        # a test mode may say nothing: its status is its answer
        if outcome is not None and outcome.ok and reader not in reads and (
                outcome.stdout.strip() or reader.role == "test"):
            reads[reader] = shape
    if not reads:
        return None
    return Modes(produce, producer, reads, context, skip)


def mode_cases(gen: _Generator, command: Command, search: Search,
               options: Sequence[Option]) -> set[str]:
    """Cases of a mode-driven ``command`` (see the module); the primaries of the
    options they cover (the modes' and those shown in a mode)."""
    if gen.prober is None or gen.prober.exhausted:
        return set()
    help_text = _help_text(gen, search, command)
    modes = detect_modes(help_text, command)
    if not modes:
        return set()
    found = find_pipeline(gen, search, modes)
    if found is None:
        gen.findings.append(f"`{' '.join(gen.prefix(command))}`: modes "
                            f"{', '.join(m.name for m in modes)} found in the help, but no "
                            "way of writing an archive and reading it back worked")
        return set()
    covered: set[str] = set()
    covered.update(_mode_cases(gen, command, search, found))
    mode_flags = {f for m in modes for f in m.flags}
    for option in options:
        if set(option.flags) & mode_flags or option.primary in covered or any(
                "help" in f for f in option.flags):
            continue
        if gen.prober.exhausted:
            break
        if _option_in_modes(gen, command, search, found, option):
            covered.add(option.primary)
    return covered


def _help_text(gen: _Generator, search: Search, command: Command) -> str:
    """The command's help, both streams (a help printed on stderr, or with a non-zero
    exit, is help all the same)."""
    assert gen.prober is not None
    argv = gen.help_argv(command)
    got = gen.prober.outcome(Probe(("sh", "-c", shlex.join(argv) + " 2>&1"), "numbered"))
    return got.stdout if got is not None else ""


def _mode_cases(gen: _Generator, command: Command, search: Search, found: Modes
                ) -> list[str]:
    """A case per mode on the pipeline: the writing one read by the first reading
    mode (with the archive's size), each reading one after the writing one (an
    extracting one checks the input's content: the round trip)."""
    from .differential import _add

    first = found.readers[0]
    lines: list[tuple[Mode | None, str, str]] = [(
        found.producer, found.line(search, first, size=True),
        f"writes an archive of {INPUT_FILE} and {SECOND_FILE}, read back with "
        f"{first.name}")]
    lines += [(reader, found.line(search, reader),
               f"after writing an archive of {INPUT_FILE} and {SECOND_FILE}"
               + (": the round trip, the input's content checked"
                  if reader.role == "extract" else ""))
              for reader in found.readers]
    probes = [_probe(line) for _, line, _ in lines]
    got = gen.prober.outcomes(probes) if gen.prober else [None] * len(probes)
    covered: list[str] = []
    content = gen.prober.datasets["numbered"][INPUT_FILE].splitlines()[0] \
        if gen.prober else ""
    for (mode, _, what), probe, outcome in zip(lines, probes, got, strict=True):
        name = f"mode {mode.name}" if mode else "the default mode"
        round_trip = mode is not None and mode.role == "extract" and outcome is not None \
            and content and content in outcome.stdout
        _add(gen, command, ["mode", *(mode.words if mode else ["default"])], probe,
             f"{name} ({mode.role if mode else 'produce'}): {what}", outcome,
             stdout=StreamExpectation(regex=[re.escape(content)]) if round_trip else None)
        if mode is not None:
            covered.append(mode.words[0])
    return covered


def _option_in_modes(gen: _Generator, command: Command, search: Search, found: Modes,
                     option: Option) -> bool:
    """A case for ``option`` in the first mode (and value) where the pipeline with
    it differs from the pipeline without it; whether one was added."""
    from .differential import _add

    assert gen.prober is not None
    words_list = option_word_lists(option, gen.sampler_for_search(option))[:MAX_VALUES]
    settings: list[tuple[str, Mode | None, Mode]] = []  # (where, mode given it, reader)
    for reader in found.readers:
        settings.append(("produce", found.producer, reader))
    for reader in found.readers:
        settings.append(("read", reader, reader))
    for reader in found.readers:  # last: reading an archive with a stray line after it
        settings.append(("garbled", reader, reader))

    def line(where: str, reader: Mode, extra: Sequence[str]) -> str:
        if where == "produce":
            return found.line(search, reader, produce_extra=extra, size=True)
        return found.line(search, reader, read_extra=extra, garbled=where == "garbled")

    tries = [(where, mode, reader, words) for where, mode, reader in settings
             for words in [[], *words_list]]
    probes = [_probe(line(where, reader, words)) for where, _, reader, words in tries]
    got = dict(zip(probes, gen.prober.outcomes(probes), strict=True))
    best: tuple[int, Probe, Outcome, Mode | None, str, list[str]] | None = None
    for (where, mode, reader, words), probe in zip(tries, probes, strict=True):
        outcome = got.get(probe)
        base = got.get(_probe(line(where, reader, [])))
        if not words or outcome is None or base is None or outcome.timed_out or \
                outcome.same(base):
            continue
        score = (2 if outcome.ok else 0) + (1 if base.ok else 0)
        if best is None or score > best[0]:
            best = (score, probe, outcome, mode, where, list(words))
        if score == 3:
            break
    if best is None:
        return False
    _, probe, outcome, mode, where, words = best
    name = mode.name if mode else "the default mode"
    step = {"produce": "writing the archive", "read": "reading the archive"}.get(
        where, "reading the archive with a stray line after it")
    value = words[1:2]
    _add(gen, command, [option.primary, *value, "mode", *(mode.words if mode else [])],
         probe, f"option {' '.join(words)} in mode {name} ({step}): differs from the "
         "same pipeline without it", outcome)
    return True

