#!/usr/bin/python3
"""A faulty build of a real tool: runs the real TOOL with ONE behaviour bent.

The real tool is the first TOOL on PATH once this fault's folder is taken out of it, and
it runs with that PATH: the faulty build differs from the real one only by its fault.

Installed in the benchmark image as /opt/testronaut-faults/FAULT_ID/TOOL, a tiny shell
script ``exec python3 /opt/testronaut-faults/wrapper.py FAULT_ID TOOL "$@"``; a plan run
with that folder first on PATH tests the faulty build. The fault table is
``/opt/testronaut-faults/faults.json`` (written from ``benchmarks/faults/catalog.py``).
Standard library only: it runs with the image's python3.

Each fault has one ``kind``:

- ``drop``: the option (``flags``; ``value``: it takes a value) is accepted but ignored;
- ``bump``: the first number in the option's value is off by ``delta``;
- ``unsign``: the option's ``+N`` value loses its plus sign;
- ``rewrite``: the option's value, where it matches ``pattern`` (a regex), is replaced by
  ``replace`` (``-n 0`` read as ``-n 1``, ``-f 2-`` read as ``-f 2``);
- ``add``: ``args`` are added before the user's arguments;
- ``operand``: ``mode`` ``drop-second`` ignores the second operand, ``first-only`` all
  but the first, ``second-is-first`` reads the first operand twice, ``drop-middle``
  ignores all but the first and the last of three or more (``cp a b DIR``),
  ``drop-key`` ignores the ``KEY=VALUE`` operands of ``key`` (dd's ``conv=``),
  ``bump-key`` puts their first number off by ``delta`` (dd's ``count=``),
  ``bump-nth`` the first number of operand ``index`` (0-based), ``drop-nth`` ignores
  operand ``index``;
- ``input``: ``mode`` ``drop-unterminated`` loses an input's last line without newline
  (``stdin_only``: only standard input's, files untouched; ``"always"`` when the
  operands are outputs, as tee's),
  ``empty-fails`` exits 1 with an error on an empty input (where it printed nothing);
- ``output``: ``mode`` ``drop-last-line``, ``drop-final-newline``, ``strip-padding``,
  ``drop-empty-lines``, ``bump-first-int`` (the first number of each line +1), each
  only when ``when`` (a list of flags) is empty or one of them is given, and for
  ``min_operands`` operands or more;
- ``exit``: exit status ``from`` becomes ``to`` (only when ``when`` flags are given).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def parse(args, tool_info):
    """Split argv into [(kind, text, flag)] items: 'opt' (with its value folded in),
    'operand'. Uses the tool's value-taking short and long options (``optional_shorts``
    take a value only attached: ``-n:3``); with ``options_end_at_operand`` every word
    after the first operand is an operand (``xargs -n 1 CMD -n``)."""
    shorts = tool_info.get("value_shorts", "")
    optional = tool_info.get("optional_shorts", "")
    longs = set(tool_info.get("value_longs", []))
    items = []
    i = 0
    only_operands = False
    while i < len(args):
        a = args[i]
        if only_operands or a == "-" or not a.startswith("-") or len(a) == 1:
            if a.startswith("+") and tool_info.get("plus_options"):
                items.append(["opt", [a], a])
            else:
                items.append(["operand", [a], None])
                only_operands = only_operands or bool(tool_info.get("options_end_at_operand"))
            i += 1
            continue
        if a == "--":
            only_operands = True
            items.append(["sep", [a], None])
            i += 1
            continue
        if a.startswith("--"):
            name = a.split("=", 1)[0]
            if "=" not in a and name in longs and i + 1 < len(args):
                items.append(["opt", [a, args[i + 1]], name])
                i += 2
            else:
                items.append(["opt", [a], name])
                i += 1
            continue
        # a cluster of short options: -abc, -k2, -k 2
        body = a[1:]
        if body[:1].isdigit() and tool_info.get("digit_options"):
            items.append(["opt", [a], "-" + body])
            i += 1
            continue
        j = 0
        while j < len(body):
            c = body[j]
            if c in optional:  # -e[CHAR[WIDTH]]: a value only when attached
                items.append(["opt", ["-" + body[j:]], "-" + c])
                i += 1
                break
            if c in shorts:
                rest = body[j + 1:]
                if rest:
                    items.append(["opt", ["-" + c + rest], "-" + c])
                    i += 1
                elif i + 1 < len(args):
                    items.append(["opt", ["-" + c, args[i + 1]], "-" + c])
                    i += 2
                else:
                    items.append(["opt", ["-" + c], "-" + c])
                    i += 1
                break
            items.append(["opt", ["-" + c], "-" + c])
            j += 1
        else:
            i += 1
    return items


def flatten(items):
    return [w for _, words, _ in items for w in words]


def value_of(words, flag):
    if len(words) == 2:
        return words[1], lambda v: [words[0], v]
    word = words[0]
    if word.startswith("--"):
        name, _, value = word.partition("=")
        return value, lambda v: [name + "=" + v]
    return word[len(flag):], lambda v: [flag + v]


def bump(value, delta):
    m = re.search(r"\d+", value)
    if not m:
        return value
    return value[:m.start()] + str(max(int(m.group()) + delta, 0)) + value[m.end():]


def main():
    fault_id, tool = sys.argv[1], sys.argv[2]
    args = sys.argv[3:]
    with open(os.path.join(HERE, "faults.json")) as fh:
        table = json.load(fh)
    fault = table["faults"][fault_id]
    info = table["tools"].get(tool, {})
    kind = fault["kind"]
    flags = set(fault.get("flags", []))
    items = parse(args, info)
    given = {flag for k, _, flag in items if k == "opt"}
    active = not fault.get("when") or bool(given & set(fault["when"]))
    operands = [it for it in items if it[0] == "operand"]
    temps = []
    stdin_data = None
    empty_input = False
    if kind == "drop":
        items = [it for it in items if not (it[0] == "opt" and it[2] in flags)]
    elif kind == "bump":
        for it in items:
            if it[0] == "opt" and it[2] in flags:
                value, rebuild = value_of(it[1], it[2])
                it[1] = rebuild(bump(value, fault.get("delta", 1)))
    elif kind == "unsign":
        for it in items:
            if it[0] == "opt" and it[2] in flags:
                value, rebuild = value_of(it[1], it[2])
                it[1] = rebuild(value.replace("+", "", 1))
    elif kind == "rewrite":
        for it in items:
            if it[0] == "opt" and it[2] in flags:
                value, rebuild = value_of(it[1], it[2])
                it[1] = rebuild(re.sub(fault["pattern"], fault["replace"], value))
    elif kind == "add":
        items = [["opt", [a], a] for a in fault["args"]] + items
    elif kind == "operand" and active:
        mode = fault["mode"]
        if mode == "drop-second" and len(operands) >= 2:
            items.remove(operands[1])
        elif mode == "first-only" and len(operands) >= 2:
            for it in operands[1:]:
                items.remove(it)
        elif mode == "second-is-first" and len(operands) >= 2:
            operands[1][1] = list(operands[0][1])
        elif mode == "drop-middle" and len(operands) >= 3:
            for it in operands[1:-1]:
                items.remove(it)
        elif mode == "drop-key":  # dd's ``conv=ucase`` operand ignored
            for it in [o for o in operands if o[1][0].startswith(fault["key"] + "=")]:
                items.remove(it)
        elif mode == "bump-key":  # dd's ``count=2`` read as ``count=3``
            for it in operands:
                if it[1][0].startswith(fault["key"] + "="):
                    it[1] = [bump(it[1][0], fault.get("delta", 1))]
        elif mode == "bump-nth" and len(operands) > fault["index"]:
            # a value operand read as another (``roman 4`` as 5, ``a[0]`` as ``a[1]``)
            it = operands[fault["index"]]
            it[1] = [bump(it[1][0], fault.get("delta", 1))]
        elif mode == "drop-nth" and len(operands) > fault["index"]:
            items.remove(operands[fault["index"]])  # ``EXPR FILE1 FILE2``: FILE2
    elif kind == "input" and active and fault["mode"] == "empty-fails":
        files = [it[1][0] for it in operands if it[1][0] != "-" and os.path.isfile(it[1][0])]
        reads_stdin = not operands or any(it[1][0] == "-" for it in operands)
        stdin_data = sys.stdin.buffer.read() if reads_stdin else None
        sizes = [os.path.getsize(f) for f in files] + (
            [len(stdin_data)] if stdin_data is not None else [])
        empty_input = bool(sizes) and not any(sizes)
    elif kind == "input" and active:
        def cut(data):
            if data and not data.endswith(b"\n"):
                return data[:data.rfind(b"\n") + 1]
            return data
        files = [] if fault.get("stdin_only") else [
            it for it in operands if it[1][0] != "-" and os.path.isfile(it[1][0])]
        for it in files:
            with open(it[1][0], "rb") as fh:
                data = cut(fh.read())
            fd, path = tempfile.mkstemp()
            os.write(fd, data)
            os.close(fd)
            temps.append(path)
            it[1] = [path]
        reads_stdin = not operands or any(it[1][0] == "-" for it in operands)
        if fault.get("stdin_only") == "always":  # tee: operands are outputs
            reads_stdin = True
        elif fault.get("stdin_only"):  # sed: a script operand, then input files
            reads_stdin = reads_stdin or not any(os.path.isfile(it[1][0]) for it in operands)
        if reads_stdin:
            stdin_data = cut(sys.stdin.buffer.read())
    argv = flatten(items)
    # The real tool runs with the PATH the plan gave, without this fault's folder (a longer
    # PATH would itself be a difference, e.g. for `xargs --show-limits`), and is found on
    # that PATH (/usr/bin, /bin, or /usr/local/bin for a PyPI tool).
    own = os.path.join(HERE, fault_id)
    path = os.pathsep.join(d for d in os.environ.get("PATH", "").split(os.pathsep)
                           if os.path.abspath(d or ".") != own)
    env = {**os.environ, "PATH": path}
    real = shutil.which(tool, path=path)
    if real is None:
        sys.stderr.write(f"{tool}: not found on PATH {path}\n")
        sys.exit(127)
    proc = subprocess.run([tool, *argv], executable=real, capture_output=True, env=env,
                          input=stdin_data, stdin=None if stdin_data is not None else sys.stdin)
    for path in temps:
        os.unlink(path)
    out, err, code = proc.stdout, proc.stderr, proc.returncode
    if kind == "output" and active and len(operands) >= fault.get("min_operands", 0):
        mode = fault["mode"]
        if mode == "drop-last-line" and out.count(b"\n") > 1:
            out = out[:out.rstrip(b"\n").rfind(b"\n") + 1]
        elif mode == "drop-final-newline" and out.endswith(b"\n"):
            out = out[:-1]
        elif mode == "strip-padding":
            out = b"\n".join(line.lstrip(b" ") for line in out.split(b"\n"))
        elif mode == "drop-empty-lines":
            out = b"".join(line for line in out.splitlines(True) if line.strip(b"\r\n"))
        elif mode == "bump-first-int":
            out = b"".join(re.sub(rb"\d+", lambda m: str(int(m.group()) + 1).encode(), line,
                                  count=1) for line in out.splitlines(True))
    if empty_input and code == 0 and not out:  # where it printed nothing, it fails
        err, code = err + f"{tool}: empty input\n".encode(), 1
    if kind == "exit" and active and code == fault["from"]:
        code = fault["to"]
    sys.stdout.buffer.write(out)
    sys.stderr.buffer.write(err)
    sys.exit(code)


if __name__ == "__main__":
    main()
