"""A small checker of Python files written for these tests: it reads ``*.py`` files only
(as docstring checkers and many linters do), reports codes, and has options that show
only on a file with violations and with codes it printed (``--ignore L002``)."""

from __future__ import annotations

MINILINT = '''\
import sys
HELP = """usage: minilint [-h] [--select CODES] [--ignore CODES] [--max-line-length N]
                [--count] [files ...]

Check Python source files for style problems.

positional arguments:
  files                 Python files to check (*.py)

options:
  -h, --help            show this help message and exit
  --select CODES        report only the error codes in this comma-separated list
  --ignore CODES        comma-separated list of error codes to ignore
  --max-line-length N   longest line allowed (default 79)
  --count               print the number of problems found last
"""
args, files, opts = sys.argv[1:], [], {"--select": "", "--ignore": "",
                                       "--max-line-length": "79"}
if "-h" in args or "--help" in args:
    print(HELP, end="")
    sys.exit(0)
count = "--count" in args
while args:
    word = args.pop(0)
    name, _, value = word.partition("=")
    if name in opts:
        opts[name] = value if value else (args.pop(0) if args else "")
    elif word.startswith("-") and word != "--count":
        sys.exit(f"minilint: unrecognized option {word}")
    elif word != "--count":
        files.append(word)
select = [c for c in opts["--select"].split(",") if c]
ignore = [c for c in opts["--ignore"].split(",") if c]
width = int(opts["--max-line-length"])
found = []
for path in files:
    if not path.endswith(".py"):
        continue
    for number, line in enumerate(open(path).read().splitlines(), 1):
        checks = [("L001", len(line) > width, "line too long"),
                  ("L002", line != line.rstrip(), "trailing whitespace"),
                  ("L003", line.startswith("\\t"), "indentation contains tabs"),
                  ("L004", "==" in line and "None" in line, "comparison to None")]
        for code, bad, text in checks:
            if bad and (not select or any(code.startswith(s) for s in select)) and \\
                    not any(code.startswith(i) for i in ignore):
                found.append(f"{path}:{number}: {code} {text}")
print("\\n".join(found), end="\\n" if found else "")
if count:
    print(len(found))
sys.exit(1 if found else 0)
'''
