"""Differential evidence: inputs and values on which a case's command makes a difference.

A case only tests an option when, on its input, the output with the option differs from
the output without it; a case only tests a value when the output differs from the one
a neighbouring value gives (``-n 2`` against ``-n 1`` and ``-n 3``), or the ones other
choices give. Generation finds such inputs by running the real tool (through a
:class:`~.probe.Prober`, in one sandbox) on short inputs built to discriminate
(:data:`INPUTS`), and keeps the first candidate, in a fixed order, that shows a
difference. No knowledge of the tool is needed; an option for which no candidate shows
one is reported as having "no observed effect".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..analysis.spec import Option, Positional, value_type_of
from . import folder_state
from .exit_normal import is_normal
from .feature_inputs import BY_NAME, MIX, feature_datasets, features_for
from .operand_kinds import text_values
from .probe import Outcome, Probe, Prober
from .runner import runner_values
from .source_documents import file_names
from .typed_values import (
    fractional_values,
    further_values,
    literal_value,
    named_candidates,
    value_kind,
)
from .value_operands import document_datasets

# Each input: what a case puts on stdin and in its files. Short enough to review,
# each line telling: numbered distinct lines (an off-by-one shows), duplicates
# adjacent and apart and differing in case, fields with and without the delimiter,
# numeric / month / version / human-size keys, blank lines, tabs and runs of spaces,
# a last line without newline, an empty input, one line, multi-byte characters.
INPUT_TEXTS: dict[str, str] = {
    "numbered": "one 1\ntwo 2\nthree 3\nfour 4\nfive 5\nsix 6\nseven 7\neight 8\n",
    "duplicates": "apple\napple\nbanana\nApple\napple\ncherry\nbanana\nbanana\n",
    "fields": "a\tb\tc\nd\te\tf\nno tab here\ng\th\ti\n",
    "csv": "id,name,score\n3,alice,88\n1,carol,92\nno comma here\n2,bob,75\n",
    "keys": "10 Mar 1.10 2K\n9 Jan 1.9 512\n-3 Feb 1.2.1 1M\n100 Dec 1.10.1 3G\n"
            "0 Jan 0.9 1K\n",
    "spaces": "  two leading\ntrailing  \n\tleading tab\ninner   run  of   spaces\n\n\n"
              "after two blank lines\nlast\n",
    "no-newline": "beta\nalpha\ngamma",
    "long-line": "The quick brown fox jumps over the lazy dog and then runs far away "
                 "into the green hills beyond the river.\nshort\n",
    "unicode": "héllo wörld\nżółw\n日本語 テキスト\nemoji 🙂\nzebra\n",
    "one-line": "hello world\n",
    "empty": "",
    # each line equal to the one before from one field (and two characters) later
    # on: skipping, comparing or picking N fields or characters gives an output of
    # its own for each N, so N against N-1 and N+1 shows
    "staircase": "a b c d e\nx b c d e\nx y c d e\nx y z d e\nx y z w e\n",
    # columns of decimals only (a tool formats a column as numbers only when every
    # value is one: ``tabulate --float .2f``), digits of several lengths
    "decimals": "1.5 2.25\n10.125 -3.0\n0.001 7.5\n",
}
# The second file of inputs given as two files: related to the first, so tools that
# compare, merge or join two files have common and unique lines and keys.
SECOND_TEXTS: dict[str, str] = {
    "numbered": "one 1\nthree 3\nfive 5\nnine 9\n",
    "duplicates": "apple\nbanana\nbanana\ndate\n",
    "fields": "a\tx\nd\ty\nz\tw\n",
    "csv": "id,city\n1,Oslo\n3,Paris\n4,Rome\n",
    "keys": "10 x\n9 y\n7 z\n",
    "spaces": "  two leading\ntrailing\n\tleading tab\n",
    "no-newline": "alpha\nbeta",
    "long-line": "short\n",
    "unicode": "żółw\nzebra\n",
    "one-line": "hello there\n",
    "empty": "",
    "staircase": "x y z w e\na b c d e\n",
    "decimals": "2.5 1.0\n",
}
# Pairs of files for tools comparing two inputs (sorted, as comm and join want).
PAIR_TEXTS: dict[str, tuple[str, str]] = {
    "sorted-pair": ("apple\nbanana\ncherry\ndate\n", "banana\ncherry\nelder\nfig\n"),
    "keyed-pair": ("1 apple\n2 banana\n3 cherry\n5 elder\n",
                   "1 red\n3 yellow\n4 green\n5 purple\n"),
    "case-pair": ("Apple 1\nbanana 2\ncherry 3\n", "apple red\nBANANA yellow\ndate brown\n"),
    "same-pair": ("apple\nbanana\n", "apple\nbanana\n"),
    # the same lines but for case, in the same order: only ignoring case makes them equal
    "case-only-pair": ("apple 1\nBanana 2\ncherry 3\n", "Apple 1\nbanana 2\ncherry 3\n"),
}
# What a usage or error message says: a run printing it is a failing form whatever
# else it printed.
_USAGE_TEXT = re.compile(r"(?i)\busage:|invalid option|unrecogni[sz]ed option|"
                         r"missing operand|extra operand|no such file|try [`'\"]?\S+ "
                         r"--help|\berror\b")
INPUT_FILE, SECOND_FILE = "input.txt", "input2.txt"
MISSING_FILE = "missing.txt"  # named, never written
STDIN = ".stdin"


def probe_datasets() -> dict[str, dict[str, str]]:
    """Every input as the files of a probe folder (stdin, first and second file)."""
    out = {name: {STDIN: text, INPUT_FILE: text, SECOND_FILE: SECOND_TEXTS[name]}
           for name, text in INPUT_TEXTS.items()}
    for name, (first, second) in PAIR_TEXTS.items():
        out[name] = {STDIN: first, INPUT_FILE: first, SECOND_FILE: second}
    out[folder_state.STATE] = folder_state.dataset()  # see .folder_state
    out.update(feature_datasets())  # entities, CRLF, mojibake, ...: see .feature_inputs
    out.update(document_datasets())  # documents for expression operands: .value_operands
    return out


# Keywords of an option -> the inputs worth trying first.
_HINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # characters another encoding cannot hold (``iconv -c``: omit invalid characters)
    (r"invalid|illegal|omit|unconvert|encod|charset|code ?set", ("unicode",)),
    (r"float|decimal|precision|fraction|floating", ("decimals",)),
    (r"numer|number|digit|human|month|version|general", ("keys", "numbered")),
    (r"uniq|duplicate|repeat|count|distinct|group", ("duplicates",)),
    (r"case|fold|upper|lower|ignore", ("duplicates", "case-only-pair", "case-pair")),
    (r"field|delim|separat|column|key|tab|only", ("fields", "staircase", "csv", "keys")),
    (r"blank|squeeze|empty|space|white|indent|initial|tab", ("spaces",)),
    (r"width|wrap|line|byte|char|split", ("long-line", "numbered", "staircase")),
    (r"null|zero|newline|terminat", ("no-newline",)),
    (r"nonprint|non-print|control|escap|ascii|unicode|utf|notation|multi-?byte",
     ("unicode",)),
    (r"unpaired|pair|join|suppress|common|check|order", ("keyed-pair", "sorted-pair")),
    (r"check|order|sorted|verify", ("numbered", "one-line")),
)
# Inputs made from the tool's own output (see differential.own_output): what a check,
# verify or decode mode reads; "own-changed" has the files the output describes changed.
OWN = ("own-output", "own-changed", "own-garbled")
_OWN_HINT = re.compile(r"check|verif|decod|undo|revers|extract|restore|read .*from",
                       re.IGNORECASE)
GENERAL = ("numbered", "duplicates", "keys", "fields", "spaces", "long-line", "csv",
           "no-newline", "unicode", "one-line", "empty", "staircase")
PAIRS = tuple(PAIR_TEXTS)


def inputs_for(option: Option | None, *, pairs: bool, own: bool = False,
               both: bool = False) -> list[str]:
    """Input names to try for ``option``, hinted ones first; ``both``: the pairs of
    files too, hinted ones among the others (a command whose working form reads two
    files, ``diff FILE1 FILE2``: ``--ignore-case`` shows on files differing in case)."""
    text = (" ".join(option.flags) + " " + option.description) if option else ""
    found: list[str] = []
    for pattern, names in _HINTS:
        if option is not None and re.search(pattern, text, re.IGNORECASE):
            found.extend(names)
    # what the option's help says it acts on (see .feature_inputs): the specific
    # things (entities, mojibake) before the other hints, the general ones after them
    features = features_for(option.flags, option.description) if option is not None else []
    named = [BY_NAME[n] for n in features if n in BY_NAME]
    found = [*(f.name for f in named if f.specific), *found,
             *(f.name for f in named if not f.specific), *(n for n in features if n == MIX)]
    general = (*PAIRS, "numbered", "duplicates") if pairs else \
        (*GENERAL[:2], *PAIRS, *GENERAL[2:]) if both else GENERAL
    chosen = [n for n in dict.fromkeys([*found, *general])
              if (n in PAIR_TEXTS) == pairs or (pairs and n in INPUT_TEXTS) or both]
    if option is not None and _OWN_HINT.search(text) and own:
        chosen = [*OWN, *chosen]
    return chosen


# --- values ------------------------------------------------------------------------
_SEPARATOR = re.compile(r"separat|delim", re.IGNORECASE)
_PICKER = re.compile(r"\b(LIST|FIELDS?|KEYDEF|KEY|COLUMNS?|POS)\b")


def numeric_values(option: Option | Positional) -> list[str]:
    """Edges worth trying for a number: 2, 3, 1, 0, 4 (so 2 and 3 have both
    neighbours: an off-by-one either way shows), the ``+N``/``-N`` forms the help
    documents, and values around the inputs' size."""
    text = f"{getattr(option, 'value_name', '') or ''} {option.description}"
    values = ["2", "3", "1", "0", "4"]
    if re.search(r"\[\+\]|\+N|\+NUM|\+K\b|\+[A-Z]+\b", text):
        values += ["+2", "+3"]
    if re.search(r"\[-\]|-NUM\b|-N\b|negative|all but the last", text, re.IGNORECASE):
        values += ["-2", "-3"]
    values += ["8", "7", *fractional_values(option)]  # 0.5, 0.2s, 1K: what the help says
    if re.search(r"width|column|\bcols?\b|wrap|indent|gap|pad", text, re.IGNORECASE):
        # around the inputs' line lengths, each with both neighbours
        values += ["9", "10", "11", "12", "19", "20", "21", "22"]
    return values


def option_values(option: Option, sampled: str) -> list[str]:
    """Values to try for ``option``, the documented and edge ones first."""
    if option.choices:
        return list(option.choices)
    name = (option.value_name or "").upper()
    kind = value_type_of(option)
    # what the value's name says: KEY=VALUE, a URL, ...; a variable or folder that exists
    named = named_candidates(option) or runner_values(option)
    if named:
        values = named
    elif re.search(r"\bencoding|charset|character set|code ?set", option.description,
                   re.IGNORECASE):
        values = ["ASCII", "UTF-8", "LATIN1", "UTF-16"]
    elif kind in ("int", "float") or re.search(
            r"\bN(UM)?\b|COUNT|WIDTH|NUMBER|COLS|LENGTH|LIMIT|DEPTH|LEVEL", name):
        values = numeric_values(option)
    elif _SEPARATOR.search(" ".join(option.flags) + " " + option.description[:60]) or \
            re.search(r"SEP|DELIM|CHAR", name):
        values = [",", ":", " ", "\t", "-"]
    elif _PICKER.search(name):
        values = ["2", "1", "3", "1,3", "2-", "-2", "1.2", "2,2"]
    elif re.search(r"SIZE|BYTES", name):
        values = ["2", "1K", "3", "1"]
    elif re.search(r"PATTERN|REGEX|REGEXP|EXPR", name):
        values = ["a", "an", "^a", "e$", "[0-9]"]
    elif re.search(r"STRING|TEXT|STR\b|PREFIX|SUFFIX", name):
        values = ["a", "x", "--", " "]
    elif re.search(r"FORMAT|FMT", name):
        # printf's and Python's format specs (``tabulate --float .2f``)
        values = ["%.2f", ".2f", "%03g", ".3f", "%5.1f", "%x"]
    elif kind in ("file", "path"):
        values = [INPUT_FILE, SECOND_FILE]
    else:  # a version, a URL, ... (see .typed_values); else a number, a word, a
        # separator, a real file
        from .typed_values import extra_candidates

        values = extra_candidates(option) or ["2", "a", ",", INPUT_FILE]
    if re.search(r"DIR|FOLDER", name):  # the folders of .folder_state's setting (after
        # the named ones: ``env -C /``), each kind of folder an option ignored shows on
        values[len(named):len(named)] = folder_state.DIRECTORY_VALUES
    if literal_value(option):
        values.insert(0, option.value_name or "")  # `--check=diagnose-first`: a literal value
    return list(dict.fromkeys([*values, sampled]))


# the kinds of an optional value tried attached (see :func:`option_word_lists`)
_ATTACHED = ("directory", "file", "number", "size", "duration")


def option_word_lists(option: Option, sampled: str) -> list[list[str]]:
    """The command-line words of each candidate: ``[flag, value]`` per value (attached
    with ``=`` for a literal long value), and the flag alone when nothing typed the
    value (``--check`` of ``--check[=diagnose-first]``); an optional value also
    attached (``--tmpdir=.`` of ``--tmpdir[=DIR]``: the bare flag alone takes none)."""
    if not option.takes_value:
        return [[option.primary]]
    if option.value_optional:  # a long one naming a place or a number: never a word
        attach = option.primary.startswith("--") and value_kind(option) in _ATTACHED
        return [[option.primary], *([f"{option.primary}={v}"] for v in (
            option_values(option, sampled)[:2] if attach else []))]
    values = option_values(option, sampled)
    literal = literal_value(option)
    out = [[f"{option.primary}={v}"] if v == literal and option.primary.startswith("--")
           else [option.primary, v, *further_values(option, v)] for v in values]
    if len(values) <= 2 and not option.choices:
        out.append([option.primary])
    return out


def operand_values(positional: Positional, sampled: str, index: int) -> list[str]:
    """Values to try for an operand: its choices, numbers, short text, a real file."""
    if positional.choices:
        return list(positional.choices)
    if text := text_values(positional):  # ``input_string``: text, not a file
        return list(dict.fromkeys([*([positional.example] if positional.example else []),
                                   *text, sampled]))
    name = positional.name.upper()
    kind = value_type_of(positional)
    numbers = [["3", "2", "1"], ["2", "3", "1"], ["11", "10", "12"]][min(index, 2)]
    if kind in ("int", "float") or re.search(
            r"NUM|COUNT|FIRST|LAST|INCREMENT|STEP|START|END|\bN\b", name):
        values = [*numbers, *fractional_values(positional)]
    elif kind in ("file", "path") or re.search(r"FILE|INPUT|PATH", name):
        values = [INPUT_FILE if index == 0 else SECOND_FILE]
    else:  # what the help says it is first (a version, a URL: see .typed_values)
        from .typed_values import extra_candidates

        values = [*extra_candidates(positional), "a", "x", "an", "3", "[:lower:]",
                  INPUT_FILE]
    # the help's own example first (``jq .``: a filter named ``a`` is no jq program)
    first = [positional.example] if positional.example else []
    return list(dict.fromkeys([*first, *values, sampled]))


# --- the search --------------------------------------------------------------------
@dataclass(frozen=True)
class Setting:
    """Where an option is tried: the operands, the way input comes, the options
    before it."""

    operands: tuple[str, ...]
    form: str
    context: tuple[str, ...] = ()
    # the one input folder it runs in, reporting its state (see .folder_state)
    dataset: str = ""


@dataclass
class Found:
    """A candidate that showed a difference, and what it showed."""

    probe: Probe
    outcome: Outcome
    shown: str  # "differs from the run without --reverse", ...
    values: list[str] = field(default_factory=list)  # the option's words
    setting: Setting = field(default_factory=lambda: Setting((), "stdin"))


@dataclass
class Search:
    """The evidence search for one command: its base argv, its inputs, its context."""

    prober: Prober
    prefix: list[str]
    operands: list[str]  # required operands other than input files
    reads_stdin: bool
    file_slots: int  # how many input files the command takes (0, 1 or 2)
    pairs: bool = False  # the command compares two files
    contexts: list[list[str]] = field(default_factory=lambda: [[]])
    # other working operands (only the required ones, when ``operands`` has optional ones)
    other_operands: list[list[str]] = field(default_factory=list)
    form_order: list[str] = field(default_factory=list)
    own: bool = False  # inputs from the tool's own output exist
    watch: bool = False  # the command writes files: probes report them (see .probe)
    # non-zero exit statuses seen as normal outcomes of a form (see ``order_forms``)
    normal_codes: set[int] = field(default_factory=set)
    # non-zero statuses the help documents as answers (see .exit_normal: ``grep`` 1)
    documented_normal: set[int] = field(default_factory=set)
    # operands at their edges (an empty name, a leading '-'; see .edges), tried last
    edge_operands: list[list[str]] = field(default_factory=list)
    # a tool reading a structured format (see .formats): its inputs, tried first, and
    # the one that stands for "numbered" lines (on which the command works)
    formats: list[str] = field(default_factory=list)
    primary: str = "numbered"
    # settings in the folder of .folder_state, for a command that changes files there
    state: list[Setting] = field(default_factory=list)
    # codes the command printed on its inputs (see .learned_values)
    learned: list[str] = field(default_factory=list)
    # what the command's own summary says it acts on (see .feature_inputs): inputs
    # every option is tried on after its own hinted ones
    features: list[str] = field(default_factory=list)

    def input_argv(self, dataset: str, form: str) -> tuple[list[str], bool]:
        """(operands, stdin?) for reading ``dataset`` as ``form`` (a source file under
        its suffix: ``input.py``, see .source_documents)."""
        first, second = file_names(dataset)
        if form == "stdin":
            return [], True
        if form == "two-files":
            return [first, second], False
        if form == "none":
            return [], False
        if form == "missing":
            return [MISSING_FILE], False
        return [first], False

    def forms(self) -> list[str]:
        """The ways input can come, the one that worked first (see ``order_forms``)."""
        if self.form_order:
            return list(self.form_order)
        if self.pairs:
            return ["two-files"]
        out = ["stdin"] if self.reads_stdin else []
        if self.file_slots:
            out.append("file")
            out.append("two-files")  # "FILES", "FILE..." or a tool that wants two
            out.append("missing")  # a file that is not there: ``-e``, ``--ignore-missing``
        return out or ["none"]

    def order_forms(self) -> None:
        """Put first a form on which the bare command works (``cat FILE``), then one
        whose non-zero exit is a normal outcome (``diff FILE1 FILE2`` exits 1 when the
        files differ, see :func:`.exit_normal.is_normal`): the option search runs there, and
        that status counts as working in every search of the command; then the rest
        (``diff FILE``: a missing operand)."""
        forms = self.forms()
        dataset = "keyed-pair" if self.pairs else "numbered"
        probes = [self.probe([], dataset, f) for f in forms]
        got = self.prober.outcomes(probes)
        working = [f for f, o in zip(forms, got, strict=True) if o is not None and o.ok]
        normal = [(f, o) for f, o in zip(forms, got, strict=True)
                  if f not in working and is_normal(o, self.documented_normal)]
        self.normal_codes = {o.exit_code for _, o in normal if o is not None}
        chosen = [*working, *[f for f, _ in normal]]
        self.form_order = [*chosen, *[f for f in forms if f not in chosen]]

    def accepts(self, outcome: Outcome | None) -> bool:
        """Whether ``outcome`` is the command working: exit 0, or a status seen as a
        normal outcome of a form (``normal_codes``) with output on stdout (the same
        status with nothing printed may be an error: its message went to stderr), or
        a status the help documents as an answer (``documented_normal``: ``grep`` 1)."""
        return outcome is not None and (outcome.ok or (
            outcome.exit_code in self.normal_codes and bool(outcome.stdout.strip())
            and not _USAGE_TEXT.search(outcome.stdout)) or (
            outcome.exit_code in self.documented_normal
            and is_normal(outcome, self.documented_normal)))

    def probe(self, words: Sequence[str], dataset: str, form: str,
              context: Sequence[str] = (), operands: Sequence[str] | None = None) -> Probe:
        dataset = self.primary if dataset == "numbered" else dataset
        files, stdin = self.input_argv(dataset, form)
        chosen = self.operands if operands is None else operands
        argv = (*self.prefix, *context, *words, *chosen, *files)
        return Probe(argv, dataset, stdin, watch=self.watch)

    def find_writes(self) -> None:
        """Watch every probe of a command that writes files in its folder when run
        in any form, bare or in a context (``tee FILE``, ``mkdir DIR``, ``truncate -s 2
        FILE``). Each run has a copy of its folder of its own (see .probe): what one
        wrote no other sees."""
        dataset = "keyed-pair" if self.pairs else "numbered"
        probes = [Probe(p.argv, p.dataset, p.stdin, watch=True)
                  for p in (self.probe([], dataset, form, context)
                            for form in self.forms() for context in self.contexts[:3])]
        got = [o for o in self.prober.outcomes(probes) if o is not None and o.files]
        self.watch = bool(got)
        self.prober.written.update(name for o in got for name in o.written())

    def at(self, setting: Setting, words: Sequence[str], dataset: str) -> Probe:
        if setting.dataset:  # in the folder of .folder_state, whatever ``dataset``
            return Probe((*self.prefix, *setting.context, *words, *setting.operands),
                         setting.dataset, state=True)
        return self.probe(words, dataset, setting.form, setting.context, setting.operands)

    def settings(self, referenced: Sequence[Sequence[str]] = (),
                 quoted: Sequence[Sequence[str]] = ()) -> list[Setting]:
        """Where to try an option, in order: the first form and operands alone, with
        the options its help refers to (``referenced``), with each context, then the
        other operands, then the other forms of input, then ``quoted`` (operands
        with the words its help quotes) and the operands at their edges."""
        forms = self.forms()
        operand_sets = [self.operands, *self.other_operands]
        contexts = [list(c) for c in self.contexts]
        for words in referenced:
            if list(words) not in contexts:
                contexts.insert(1, list(words))
        out = [Setting(tuple(self.operands), forms[0], tuple(c)) for c in contexts]
        # a command that changes files: right after the first, in the folder built for
        # it (see .folder_state), the first of them with the referenced options too
        out[1:1] = [*self.state, *[Setting(self.state[0].operands, "none", tuple(words),
                                           self.state[0].dataset) for words in referenced
                                   if self.state and tuple(words) != self.state[0].context]]
        out += [Setting(tuple(o), forms[0]) for o in operand_sets[1:]]
        out += [Setting(tuple(self.operands), f) for f in forms[1:]]
        if len(self.contexts) > 1:  # a command that needs an option, on other inputs
            out += [Setting(tuple(self.operands), f, tuple(self.contexts[1]))
                    for f in forms[1:]]
        out += [Setting(tuple(o), forms[0]) for o in [*quoted, *self.edge_operands]
                if list(o) != list(self.operands)]
        return out

    def next_probes(self, settings: Sequence[Setting], number: int,
                    chunks: Sequence[Sequence[str]], chunk: Sequence[str],
                    option_words: Sequence[Sequence[str]], datasets: Sequence[str]
                    ) -> list[Probe]:
        """The probes :meth:`option_evidence` asks for after ``chunk`` of setting
        ``number`` when that shows nothing: the next two steps (its other inputs, the
        next settings). They run in the same exec when one is needed, and count as
        runs only when asked for (see ``Prober.outcomes``): an exec costs more than a
        few candidates."""
        words = option_words if number == 0 else option_words[:4]
        steps = [[self.at(settings[number], w, d) for d in later for w in [[], *words]]
                 for later in chunks[list(chunks).index(chunk) + 1:] if later]
        for setting in settings[number + 1:number + 3]:
            firsts = [setting.dataset] if setting.dataset else \
                datasets[:1 if setting.form == "none" else 3]
            steps.append([self.at(setting, w, d) for d in firsts
                          for w in [[], *option_words[:4]]])
        return [probe for step in steps[:2] for probe in step]

    def option_evidence(self, option_words: Sequence[Sequence[str]], option: Option,
                        datasets: Sequence[str], referenced: Sequence[Sequence[str]] = (),
                        quoted: Sequence[Sequence[str]] = (), first_only: bool = False
                        ) -> Found | None:
        """The first candidate (value x input x setting) whose output differs from the
        run without the option; for values, preferably also from the neighbours'.
        A candidate where the command succeeds wins over one where it fails.
        ``referenced``: options the help of this one refers to, tried as contexts;
        ``quoted``: operands to try it with besides the command's own;
        ``first_only``: the first setting only (a quick first pass)."""
        fallback: Found | None = None
        all_words, all_datasets = option_words, datasets
        settings = self.settings(referenced, quoted)
        # the quick pass: the first setting and those in the folder of .folder_state
        first = 1 + sum(1 for s in settings[1:] if s.dataset)
        for number, setting in enumerate(settings[:first] if first_only else settings):
            # the first setting gets every candidate; the others (contexts, other
            # operands and forms of input) only the first values on the first inputs
            option_words = all_words if number == 0 else all_words[:4]
            datasets = all_datasets if number == 0 else \
                all_datasets[:1 if setting.form == "none" else 3]  # "none": no input
            if setting.form == "none" and not {INPUT_FILE, SECOND_FILE} & {
                    *setting.operands, *setting.context}:
                datasets = datasets[:1]  # no input read: every input runs the same
            if setting.dataset:
                datasets = [setting.dataset]
            elif first_only and self.state:  # its other inputs wait for the full search:
                datasets = all_datasets[:2]  # the folder's settings tell more, and are run
            # the first two inputs run first: most options show there, and then the
            # others are never run (the same answer, fewer runs)
            chunks = [datasets[:2], datasets[2:]] if number == 0 else [datasets]
            starts = {chunk[0]: chunk for chunk in chunks if chunk}
            outcomes: dict[Probe, Outcome | None] = {}
            best: Found | None = None
            best_score = -1
            for dataset in datasets:
                if dataset in starts:
                    probes = [self.at(setting, words, d) for d in starts[dataset]
                              for words in [[], *option_words]]
                    if self.prober.exhausted and not all(p in self.prober.cache
                                                         for p in probes):
                        return best if best is not None and self.accepts(
                            best.outcome) else fallback or best
                    ahead = self.next_probes(settings[:first] if first_only else settings,
                                             number, chunks, starts[dataset], all_words,
                                             all_datasets)
                    outcomes.update(zip(probes, self.prober.outcomes(probes, ahead),
                                        strict=True))
                base = outcomes.get(self.at(setting, [], dataset))
                results = [outcomes.get(self.at(setting, words, dataset))
                           for words in option_words]
                for index, (words, got) in enumerate(zip(option_words, results, strict=True)):
                    if got is None or got.timed_out or got.same(base):
                        continue
                    near = [r for r in (results[i] for i in _neighbours(option_words, index))
                            if r is not None]
                    distinct = all(not got.same(r) for r in near)
                    # a value whose both neighbours were tried and differ is best: a
                    # count off by one either way changes its output
                    score = (4 if self.accepts(got) else 0) + (2 if distinct else 0) + \
                        (1 if got.stdout.strip() else 0) + \
                        (min(len(near), 2) if distinct else 0)
                    if score > best_score:
                        shown = folder_state.differs(got, base) if setting.dataset else \
                            "differs from the run without it"
                        if near and distinct:
                            shown += " and from the neighbouring values"
                        best = Found(self.at(setting, words, dataset), got, shown,
                                     list(words), setting)
                        best_score = score
                if best_score >= 9 or (best_score >= 4 and len(option_words) == 1):
                    return best
            if best is not None and self.accepts(best.outcome):
                return best
            fallback = fallback or best
        return fallback


def normal_status(outcome: Outcome | None) -> bool:
    """Whether a non-zero exit is a normal outcome, not an error: the run printed
    output on stdout, nothing on stderr and no usage or error message; the status is
    not one of a timeout, a signal or a command not found. ``diff a b`` exiting 1 with
    the differences is one; ``diff a`` (exit 2, "missing operand" on stderr) is not."""
    return outcome is not None and not outcome.ok and 0 < outcome.exit_code < 124 and \
        bool(outcome.stdout.strip()) and outcome.stderr_size == 0 and \
        not _USAGE_TEXT.search(outcome.stdout)


def _neighbours(option_words: Sequence[Sequence[str]], index: int) -> list[int]:
    """Indexes of the values next to ``option_words[index]``'s: numbers one apart
    (``+2`` next to ``+1`` and ``+3``), else every other value (choices)."""
    def number(words: Sequence[str]) -> tuple[str, int] | None:
        match = re.fullmatch(r"([+-]?)(\d+)", words[-1]) if words else None
        return (match.group(1), int(match.group(2))) if match else None

    mine = number(option_words[index])
    if len(option_words) == 1:
        return []
    if mine is None:
        return [i for i in range(len(option_words)) if i != index]
    return [i for i, words in enumerate(option_words)
            if (n := number(words)) is not None and n[0] == mine[0]
            and abs(n[1] - mine[1]) == 1]


def working_context(search: Search, options: Sequence[Option], sample: dict[str, str],
                    datasets: Sequence[str]) -> list[list[str]]:
    """Contexts for options that need another (``cut -d`` needs ``-f``, ``sort -t``
    needs ``-k``): the option alone first, then value options that make the command
    work when it does not work bare, or change its output when it does (at most 3)."""
    form = search.forms()[0]
    tried = list(datasets[:3])
    bare = search.prober.outcomes([search.probe([], d, form) for d in tried])
    works = any(search.accepts(o) for o in bare)
    contexts: list[list[str]] = [[]]
    # value options first (``-k 2``, ``-f 1,3``), then flags (``paste --serial``)
    ordered = [o for o in options if o.takes_value and not o.value_optional] + \
        [o for o in options if not o.takes_value]
    def words_of(option: Option) -> list[str]:
        words = [option.primary]
        if option.takes_value:
            value = sample.get(option.primary, "1")
            if _PICKER.search((option.value_name or "").upper()):
                value = "1,3" if not works else "2"
            words += [value, *further_values(option, value)]
        return words

    for number, option in enumerate(ordered):
        if len(contexts) >= 4:
            break
        words = words_of(option)
        # the next options' runs go in the same exec where that is cheap (see
        # ``Prober.outcomes``): one exec an option costs more than the tool's runs
        ahead = [search.probe(words_of(o), d, form) for o in ordered[number + 1:number + 8]
                 for d in tried]
        got = search.prober.outcomes([search.probe(words, d, form) for d in tried], ahead)
        # where the bare command fails, one that works counts even silent (it may
        # write files: ``truncate -s 2 FILE``)
        useful = [o is not None and search.accepts(o) and (bool(o.stdout) or not works)
                  and (not works or not o.same(b)) for o, b in zip(got, bare, strict=True)]
        if any(useful):
            contexts.append(words)
    return contexts
