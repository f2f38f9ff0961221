"""Small command-line tools written for these tests, each with a GNU-style help and one
behaviour the generator must make show; plus a ``Sandbox.run`` look-alike running the
prober's scripts on this machine with the tools on PATH, and :func:`patient`, which
gives a real sandbox's runs the same slack on a loaded machine."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pytest_testronaut.analysis.parse import parse_help
from pytest_testronaut.analysis.spec import CliSpec
from pytest_testronaut.plans.model import Case

TRIMNAME = '''\
import sys
HELP = """Usage: trimname NAME [SUFFIX]
  or:  trimname OPTION... NAME...
Print NAME with any leading directory components removed.

  -a, --multiple       support multiple arguments and treat each as a NAME
  -z, --zero           end each output line with NUL, not newline
      --help           display this help and exit
"""
args = sys.argv[1:]
if "--help" in args:
    print(HELP, end="")
    sys.exit(0)
multiple = "-a" in args or "--multiple" in args
end = "\\0" if "-z" in args or "--zero" in args else "\\n"
names = [a for a in args if not a.startswith("-")]
if not names:
    sys.exit("trimname: missing operand")
suffix = ""
if not multiple and len(names) == 2:
    names, suffix = names[:1], names[1]
for name in names:
    base = name.rstrip("/").rsplit("/", 1)[-1]
    if suffix and base.endswith(suffix) and base != suffix:
        base = base[:-len(suffix)]
    sys.stdout.write(base + end)
'''

NUMLINES = '''\
import sys
HELP = """Usage: numlines [OPTION]... [FILE]...
Write each FILE to standard output, changed as the options say.

  -n, --number            number the lines
  -N, --first=NUMBER      start counting with NUMBER (see -n)
  -W, --cut=COLS          print the first COLS characters, rounded down to even
  -u, -U NUM, --upper[=NUM]  upper-case the first NUM (default 3) characters
      --help              display this help and exit
"""
args = sys.argv[1:]
if "--help" in args:
    print(HELP, end="")
    sys.exit(0)
number, first, cut, upper, files = False, 1, None, 0, []
i = 0
while i < len(args):
    a = args[i]
    if a in ("-n", "--number"):
        number = True
    elif a in ("-N", "--first"):
        i += 1
        first = int(args[i])
    elif a in ("-W", "--cut"):
        i += 1
        cut = int(args[i]) // 2 * 2
    elif a == "-u" or a == "--upper":
        upper = 3
    elif a.startswith("--upper="):
        upper = int(a.split("=", 1)[1])
    elif a == "-U":
        i += 1
        upper = int(args[i])
    elif a.startswith("-") and a != "-":
        sys.exit(f"numlines: invalid option {a}")
    else:
        files.append(a)
    i += 1
text = "".join(open(f).read() for f in files) if files else sys.stdin.read()
for count, line in enumerate(text.splitlines(), first):
    if cut is not None:
        line = line[:cut]
    line = line[:upper].upper() + line[upper:]
    print(f"{count:6}  {line}" if number else line)
'''

SAMEFILE = '''\
import sys
HELP = """Usage: samefile [OPTION]... FILE1 FILE2
Say whether two files hold the same lines.

  -i, --ignore-case    ignore case differences
      --help           display this help and exit
"""
args = sys.argv[1:]
if "--help" in args:
    print(HELP, end="")
    sys.exit(0)
fold = "-i" in args or "--ignore-case" in args
files = [a for a in args if not a.startswith("-")]
if len(files) != 2:
    sys.exit("samefile: need two files")
texts = [open(f).read() for f in files]
if fold:
    texts = [t.lower() for t in texts]
print("same" if texts[0] == texts[1] else "differ")
sys.exit(0 if texts[0] == texts[1] else 1)
'''

SAVELINES = '''\
import sys
HELP = """Usage: savelines [OPTION]... FILE
Copy standard input to FILE, printing nothing.

  -a, --append     append to FILE, do not overwrite
      --help       display this help and exit
"""
args = sys.argv[1:]
if "--help" in args:
    print(HELP, end="")
    sys.exit(0)
names = [a for a in args if not a.startswith("-")]
if len(names) != 1:
    sys.exit("savelines: need one FILE")
with open(names[0], "a" if "-a" in args or "--append" in args else "w") as out:
    out.write(sys.stdin.read())
'''

# Exits 1 when the files differ (its normal outcome, as diff's), 2 on a usage error;
# each option shows only where the files differ.
DIFFER = '''\
import sys
HELP = """Usage: differ [OPTION]... FILES
Compare FILES line by line.

  -i, --ignore-case    ignore case differences in file contents
  -n, --numbers        print the line number of each differing line
  -q, --brief          report only whether the files differ
      --help           display this help and exit

FILES are 'FILE1 FILE2'.
Exit status is 0 if inputs are the same, 1 if different, 2 if trouble.
"""
args = sys.argv[1:]
if "--help" in args:
    print(HELP, end="")
    sys.exit(0)
flags = {a for a in args if a.startswith("-")}
bad = flags - {"-i", "--ignore-case", "-n", "--numbers", "-q", "--brief"}
files = [a for a in args if not a.startswith("-")]
if bad or len(files) != 2:
    what = f"invalid option -- '{sorted(bad)[0]}'" if bad else "missing operand"
    sys.stderr.write(f"differ: {what}\\nTry 'differ --help' for more information.\\n")
    sys.exit(2)
fold = flags & {"-i", "--ignore-case"}
left, right = (open(f).read().splitlines() for f in files)
found = False
for number in range(max(len(left), len(right))):
    a = left[number] if number < len(left) else ""
    b = right[number] if number < len(right) else ""
    if (a.lower() == b.lower()) if fold else a == b:
        continue
    found = True
    if flags & {"-q", "--brief"}:
        print(f"Files {files[0]} and {files[1]} differ")
        break
    where = f"{number + 1}: " if flags & {"-n", "--numbers"} else ""
    print(f"{where}< {a}\\n{where}> {b}")
sys.exit(1 if found else 0)
'''

TOOLS = {"trimname": TRIMNAME, "numlines": NUMLINES, "samefile": SAMEFILE,
         "savelines": SAVELINES, "differ": DIFFER}


def write_python_tool(bin_dir: Path, name: str, source: str) -> Path:
    """Write ``source`` as the executable ``bin_dir/name``, run by this interpreter;
    returns its path."""
    import sys

    bin_dir.mkdir(parents=True, exist_ok=True)
    path = bin_dir / name
    path.write_text(f"#!{sys.executable}\n{source}")
    path.chmod(0o755)
    return path


def install(bin_dir: Path) -> Path:
    """Write the tools into ``bin_dir`` (executable scripts); returns it."""
    for name, source in TOOLS.items():
        write_python_tool(bin_dir, name, source)
    return bin_dir


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


# How many times longer than the prober allows an exec of its batch may run in these
# tests. The prober's budget for one exec (seconds: 8 + 0.2 a candidate) is sized for
# an idle machine; on a loaded one (load 20 on two cores: 14.3 s of a 15 s budget for
# 35 Python candidates) an exec past it ends the search here (LocalRun raises), and in
# a sandbox the batch runs again with each candidate under a 3 s ``timeout``, where one
# killed reads as not working: the plan then depends on the machine's speed. The tests
# check what the search finds, not how it copes with a slow machine.
PATIENCE = 10
R = TypeVar("R")


def patient(run: Callable[..., R]) -> Callable[..., R]:
    """``run`` (a ``Sandbox.run``) with every timeout :data:`PATIENCE` times longer."""
    def stretched(cmd: Sequence[str], *, timeout: float | None = None, **extra: Any) -> R:
        return run(cmd, timeout=None if timeout is None else timeout * PATIENCE, **extra)

    return stretched


class LocalRun:
    """A ``Sandbox.run`` look-alike: runs the prober's scripts with sh on this machine,
    its scratch folder under ``root``, the test tools first on PATH; a run may take
    :data:`PATIENCE` times its timeout (past that it raises ``TimeoutExpired``)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = {**os.environ, "PATH": f"{install(root / 'bin')}:{os.environ['PATH']}"}

    def __call__(self, cmd: Sequence[str], *, timeout: float | None = None,
                 **_: object) -> Result:
        script = cmd[-1].replace("/tmp/testronaut-probe", str(self.root / "probe"))
        # bytes another encoding wrote (``iconv -t LATIN1``) come back replaced
        proc = subprocess.run(["sh", "-c", script], capture_output=True, text=True,
                              errors="replace", check=False, env=self.env,
                              timeout=None if timeout is None else timeout * PATIENCE)
        return Result(proc.returncode, self._as_probe(proc.stdout), self._as_probe(proc.stderr))

    def _as_probe(self, text: str) -> str:
        """``text`` with a run's own copy (``root/00012``, as the sandbox's
        ``/tmp/testronaut-00012``) written as the probe folder ``root/probe``, absolute
        or relative, as the prober's own write-back (``run_path``) does for the
        sandbox's path."""
        return re.sub(rf"(?<![\w.-]){re.escape(self.root.name)}/\d{{5}}(?=/|\b|$)",
                      f"{self.root.name}/probe".replace("\\", "\\\\"), text)

    def add_tool(self, name: str, source: str) -> Path:
        """Put the Python program ``source`` on this run's PATH as the command ``name``
        (in ``root/bin``, next to the test tools); returns its path."""
        return write_python_tool(self.root / "bin", name, source)

    def tool(self, argv: Sequence[str], stdin: str = "", cwd: Path | None = None
             ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(argv), input=stdin, capture_output=True, text=True,
                              errors="replace", check=False, env=self.env, cwd=cwd)

    def case_output(self, case: Case, argv: Sequence[str], folder: Path) -> tuple[int, str]:
        """Exit status and stdout of ``argv`` run with ``case``'s files and stdin in
        ``folder`` (to compare a generated case with the same command changed)."""
        folder.mkdir(exist_ok=True)
        for name, content in case.files.items():
            (folder / name).write_text(content)
        got = self.tool(argv, stdin=case.stdin or "", cwd=folder)
        return got.returncode, got.stdout

    def spec(self, tool: str) -> CliSpec:
        text = self.tool([tool, "--help"]).stdout
        return CliSpec(tool=tool, root=parse_help(text, name=tool, path=[tool]))


def case_argv(case: Case) -> list[str]:
    """A generated case's command line as a list of words."""
    assert isinstance(case.command, str)
    return shlex.split(case.command)


def run_with_scripts(tmp_path: Path, monkeypatch: Any, scripts: dict[str, str]) -> LocalRun:
    """A :class:`LocalRun` whose PATH starts with ``scripts`` (name -> executable text,
    shebang included) and whose basic search is bounded by its run count alone: on a
    loaded machine the time limit, a safety net, would cut a script tool's search short
    first (``monkeypatch`` undoes both after the test)."""
    from pytest_testronaut.generation.cases import SEARCH_BOUNDS

    bin_dir = tmp_path / "mine"
    bin_dir.mkdir()
    for name, text in scripts.items():
        path = bin_dir / name
        path.write_text(text)
        path.chmod(path.stat().st_mode | 0o100)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    monkeypatch.setitem(SEARCH_BOUNDS, "basic", (SEARCH_BOUNDS["basic"][0], 600.0))
    return LocalRun(tmp_path)
