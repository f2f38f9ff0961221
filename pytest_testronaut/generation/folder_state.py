"""The state of the folder a command leaves behind, for tools whose work is files.

``cp -p``, ``cp -n``, ``ln -s``, ``mv -b``, ``touch -a`` print nothing: what they do is
only in the files they leave. For such a tool the option search also runs in a folder
built to make those effects show (:data:`STATE`, written once in the probe sandbox and
put back after every run that changed it):

- ``input.txt``, mode 640, last changed on :data:`SOURCE_TIME` (a mode a plain copy
  keeps and an old time only preserving keeps);
- ``input2.txt``, an existing file, mode 644, changed on :data:`DEST_TIME`, later
  than ``input.txt`` (what no-clobber, update, backup and remove-first change);
- ``link.txt``, a symlink to ``input.txt`` (dereferencing or not), and ``linkdir``, a
  symlink to ``dir`` (a target folder named by a symlink, or that symlink replaced);
- ``dir/``, a folder holding ``inner.txt`` and a symlink ``inner-link`` to it
  (recursion, a target folder, parents), ``empty/``, an empty folder, and
  ``nest/deeper/``, a folder holding only an empty folder (``rmdir -p``, ``rm -d``,
  ``chmod -R`` on nested folders).

An option whose value is a folder (``-t DIR``, ``--backup-dir``, ``-p DIR``) is tried
with each of them, a symlink to one and a folder that is not there
(:data:`DIRECTORY_VALUES`): an option ignored shows on at least one.

A command is taken as one that writes files when a plain run on some of these
operands (:data:`SHAPES`: source and existing destination, symlink or folder source,
into a folder, one name, ...) succeeds and changes the folder; those operand lists,
the ones of the same length that fail (a folder without ``-r``) and, with the first
flag that makes such a one work (``-r``), the ones holding a symlink or a folder are
the settings the option search tries (:func:`find_state`). A run there reports the
folder's state (:data:`LISTING`: each entry's type and mode, link count, size, last
change as "now" or the fixed date it was set to, symlink target, and a checksum of
each file; never a raw time, an inode or an owner), and an option shows when that
state, its output or its exit status differ from the run without it.

A case from such a run builds the same folder (its ``files``, one of them the
:data:`SETUP_SCRIPT` doing what :data:`PRELUDE` does in the probe sandbox),
runs the command there, prints the listing, removes the folder and exits with the
command's status (:func:`case_command`): recording writes the listing into the
case's stdout, so a build that ignores the option fails it.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..analysis.spec import Command, Option
    from ..plans.model import Case
    from .evidence import Search
    from .probe import Outcome, Probe

STATE = "state"  # the probe folder, and the folder a case builds
SOURCE, DEST, LINK, FOLDER, EMPTY = "input.txt", "input2.txt", "link.txt", "dir", "empty"
FOLDER_LINK = "linkdir"  # a symlink to the folder
NEW = "missing.txt"  # a name that is not there (``evidence.MISSING_FILE``)
INNER = "dir/inner.txt"
NEST, NESTED = "nest", "nest/deeper"  # a folder holding only an empty folder
NEW_FOLDER = "missing-dir"  # a folder name that is not there
# The values an option naming a folder is tried with, in order: a folder with files,
# an empty one, a symlink to a folder, nested folders, one that is not there.
DIRECTORY_VALUES = (FOLDER, EMPTY, FOLDER_LINK, NEST, NEW_FOLDER)
SOURCE_TIME = "2001-02-03 12:00"
DEST_TIME = "2011-02-03 12:00"
NOW_SINCE = "2020-01-01"  # a change after this is printed as "now"
SOURCE_TEXT = "one 1\ntwo 2\nthree 3\nfour 4\nfive 5\nsix 6\nseven 7\neight 8\n"
DEST_TEXT = "one 1\nthree 3\nfive 5\nnine 9\n"

# What builds the folder from its two files (in the probe sandbox once, in each case).
_SETUP = (
    "mkdir -p dir empty nest/deeper", "printf 'inner\\n' > dir/inner.txt",
    "ln -sf inner.txt dir/inner-link", "ln -sf input.txt link.txt", "ln -sfn dir linkdir",
    "chmod 640 input.txt", "chmod 644 input2.txt dir/inner.txt",
    "chmod 755 dir empty nest nest/deeper", f"touch -d '{DEST_TIME}' input2.txt",
    f"touch -h -d '{SOURCE_TIME}' input.txt link.txt linkdir dir/inner.txt dir/inner-link "
    "dir empty nest/deeper nest",
)
PRELUDE = " && ".join(_SETUP)
# A case's copy of it, a file of the case run first (its commands are not the case's
# command line: ``ln -sf`` there is no use of ``ln`` by the case), which removes itself.
SETUP_FILE = ".setup"
SETUP_SCRIPT = "set -e\n" + "\n".join(_SETUP) + f"\nrm -f {SETUP_FILE}\n"


def _entries(start: str, name: str) -> str:
    """``find`` tests and actions printing one line per entry under the start: mode,
    links, size, "now" or the date of its last change, name, symlink target (a
    folder's links and size are left out: they depend on the file system)."""
    return (f"-mindepth 1 \\( -type d -printf '{start}%M - -' -o -printf '{start}%M %n %s' \\) "
            f"\\( -newermt {NOW_SINCE} -printf ' now' -o -printf ' %TF' \\) "
            f"\\( -type l -printf ' {name} -> %l\\n' -o -printf ' {name}\\n' \\)")


# The state of the current folder, as a case prints it: a line per entry, then a
# checksum line per file.
LISTING = (f"find . {_entries('', '%p')} | LC_ALL=C sort -k5; "
           "find . -type f -exec cksum {} + | LC_ALL=C sort -k3")
# What the prober lists after a batch, for the folders (each a copy) its runs left,
# in one process: the same entries, each line after the folder it is in (the prober
# sorts them), without the checksums (the files of the folder differ in size: a
# copy of one or the other shows in its size).
PROBE_ENTRIES = _entries("%H ", "./%P")


# Operand lists tried in the folder, in order: source and existing destination,
# symlink source, folder source, into a folder through a symlink to it (or onto that
# symlink), an empty folder alone (``rmdir``, ``rm -d``), parents of a name into a
# folder, source and new name, several sources into a folder, one name of each kind
# (a new one, a folder, a file, a symlink, nested folders).
SHAPES: tuple[tuple[str, ...], ...] = (
    (SOURCE, DEST), (LINK, NEW), (FOLDER, NEW), (SOURCE, FOLDER_LINK), (EMPTY,),
    (INNER, EMPTY), (SOURCE, NEW), (SOURCE, DEST, FOLDER), (NEW,), (FOLDER,), (SOURCE,),
    (LINK,), (NESTED,),
)
FIRST_SHAPES = 5  # tried first: when none changes the folder, the rest are not
MAX_SETTINGS = 6  # settings the option search tries in the folder (and 2 with a flag)
MAX_FAILING = 2  # of them, operand lists on which the plain command fails


def dataset() -> dict[str, str]:
    """The files of the folder (:data:`PRELUDE` makes the rest)."""
    return {SOURCE: SOURCE_TEXT, DEST: DEST_TEXT}


def _probe(search: Search, words: Sequence[str], operands: Sequence[str]) -> Probe:
    from .probe import Probe

    return Probe((*search.prefix, *words, *operands), STATE, state=True)


def usage_leads(command: Command | None, path: Sequence[str]) -> list[list[str]]:
    """The operands a usage line puts before its files, each given its first typed
    value (``chmod OCTAL-MODE FILE...``: ``644``), at most two lists; none where a
    lead has no typed value (the option search's own operands cover the rest)."""
    from ..analysis._usage import positionals_from_usage, usage_patterns
    from .typed_values import typed_candidates

    out: list[list[str]] = []
    for pattern in usage_patterns(command.usage.splitlines()) if command else []:
        found = positionals_from_usage([pattern], list(path), False)
        leads = [p for p in found if p.required and p.name.upper().rstrip("0123456789")
                 not in ("FILE", "INPUT")]
        if not leads or len(leads) == len(found):
            continue
        values = [typed_candidates(p) for p in leads]
        if all(values) and [v[0] for v in values] not in out:
            out.append([v[0] for v in values])
    return out[:2]


def find_state(search: Search, options: Sequence[Option], command: Command | None = None
               ) -> None:
    """Set ``search.state``: the settings in the folder where the command changes
    files (see the module); none when no plain run there changes the folder."""
    from .evidence import Setting
    from .probe import Probe

    prober = search.prober
    if prober.exhausted or STATE not in prober.datasets:
        return
    # the operand lists alone (``cp SOURCE DEST``), or after the command's other
    # operands where those alone never work (``chmod MODE FILE``: the search's own, or
    # a usage line's typed ones); the first ones of each and the folder untouched in
    # one exec (most commands change nothing there)
    modes = [[], list(search.operands)] if search.operands else [[]]
    modes += [lead for lead in usage_leads(command, search.prefix[1:]) if lead not in modes]
    firsts = [[[*before, *shape] for shape in SHAPES[:FIRST_SHAPES]] for before in modes]
    pristine, *found = prober.outcomes([Probe(("true",), STATE, state=True), *[
        _probe(search, [], o) for tried in firsts for o in tried]])
    if pristine is None or not pristine.state:
        return

    def changes(outcome: Outcome | None) -> bool:
        return outcome is not None and outcome.state != pristine.state

    lists: list[list[str]] = []
    working: list[list[str]] = []
    got: list[Outcome | None] = []
    for number, before in enumerate(modes):
        first = found[number * FIRST_SHAPES:(number + 1) * FIRST_SHAPES]
        if not any(changes(out) for out in first):
            continue  # none of the first changes the folder: nor would the others
        rest = [[*before, *shape] for shape in SHAPES[FIRST_SHAPES:]]
        lists = [*firsts[number], *rest]
        got = [*first, *prober.outcomes([_probe(search, [], o) for o in rest])]
        working = [o for o, out in zip(lists, got, strict=True)
                   if changes(out) and search.accepts(out)]
        if working:
            break
    if not working:
        return
    lengths = {len(o) for o in working}
    # the first failing list of each length the working ones have (``rm empty`` fails
    # where ``rm input.txt`` works: ``rm -d`` shows there), then the next ones
    failed = [o for o, out in zip(lists, got, strict=True)
              if out is not None and not search.accepts(out) and len(o) in lengths]
    one_per_length = [next(o for o in failed if len(o) == n) for n in
                      dict.fromkeys(len(o) for o in failed)]
    failing = [*one_per_length, *[o for o in failed if o not in one_per_length]][:MAX_FAILING]
    settings = [Setting(tuple(o), "none", (), STATE)
                for o in [*working[:MAX_SETTINGS - len(failing)], *failing]]
    # the first flag that makes a failing list work (``cp -r`` on a folder), also on
    # the lists holding a symlink or a folder: how they are followed changes with it
    flags = [o for o in options if not o.takes_value and not
             {"-h", "--help", "--version"} & set(o.flags)]
    if failing and flags:
        runs = prober.outcomes([_probe(search, [f.primary], failing[0]) for f in flags])
        flag = next((f for f, out in zip(flags, runs, strict=True)
                     if search.accepts(out) and changes(out)), None)
        if flag is not None:
            for o in [failing[0], *[o for o in working if LINK in o or FOLDER in o
                                    or FOLDER_LINK in o]][:2]:
                settings.append(Setting(tuple(o), "none", (flag.primary,), STATE))
    search.state = settings


def prefetch_state(search: Search,
                   wanted: Sequence[tuple[Sequence[Sequence[str]], Sequence[str]]]) -> None:
    """Run the candidates the option search will ask for in the folder, setting by
    setting for every option at once (one exec a setting, not one an option and
    setting): ``wanted`` holds each option's words and first inputs. Options the
    first setting already shows (their runs are in the cache) and those a setting
    showed are left out of the next ones."""
    form = search.forms()[0]
    remaining: list[Sequence[Sequence[str]]] = []
    for words_list, datasets in wanted if search.state else []:
        shown = False
        for dataset in datasets[:2]:
            base = search.prober.cache.get(search.probe([], dataset, form))
            got = [search.prober.cache.get(search.probe(w, dataset, form)) for w in words_list]
            shown = shown or any(o is not None and not o.timed_out and search.accepts(o)
                                 and not o.same(base) for o in got)
        if not shown:
            remaining.append(words_list)
    for setting in search.state:
        if not remaining or search.prober.exhausted:
            return
        runs = [[search.at(setting, w, "") for w in [[], *words[:4]]] for words in remaining]
        search.prober.outcomes([p for probes in runs for p in probes])
        left: list[Sequence[Sequence[str]]] = []
        for words, probes in zip(remaining, runs, strict=True):
            base, *mine = [search.prober.cache.get(p) for p in probes]
            if not any(o is not None and not o.timed_out and search.accepts(o)
                       and not o.same(base) for o in mine):
                left.append(words)
        remaining = left


def differs(outcome: Outcome, base: Outcome | None) -> str:
    """What an outcome in the folder shows against the run without the option."""
    if base is not None and outcome.exit_code == base.exit_code and \
            outcome.stdout == base.stdout:
        return "the files it leaves differ from the run without it"
    return "differs from the run without it"


def case_command(argv: Sequence[str]) -> str:
    """The shell line of a case run in the folder: build it, run ``argv`` (stdin
    empty), list the folder, remove it, exit with the command's status."""
    return (f"cd {STATE} || exit 3; sh {SETUP_FILE} && {shlex.join(argv)} </dev/null; s=$?; "
            f"{LISTING}; cd .. && rm -rf {STATE}; exit $s")


def case_files() -> dict[str, str]:
    """The files a case in the folder starts from."""
    return {**{f"{STATE}/{name}": text for name, text in dataset().items()},
            f"{STATE}/{SETUP_FILE}": SETUP_SCRIPT}


def as_case(case: Case, argv: Sequence[str]) -> Case:
    """``case`` (of a run of ``argv`` in the folder) as a run that builds the folder,
    runs ``argv`` there and lists what the folder holds afterwards (its stdout is the
    command's, then the listing: recording writes both)."""
    return case.model_copy(update={
        "command": case_command(argv), "files": case_files(), "stdin": None,
        "stdout": None, "description": f"{case.description} ({DESCRIBED})"})


DESCRIBED = (f"in a folder holding {SOURCE} (mode 640, an old time), {DEST} (an existing "
             f"file), {LINK} and {FOLDER_LINK} (symlinks), {FOLDER}/, {EMPTY}/ and "
             f"{NESTED}/; the case "
             "lists what the folder holds afterwards")
