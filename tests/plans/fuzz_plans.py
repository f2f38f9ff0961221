"""Deterministic mutated plan files for the loader's fuzz test (``test_loader_fuzz``).

The seeds are the example plans and a plan using every field; each mutator turns a seed
into hostile or broken bytes the way a careless edit or a malicious pull request could:
flipped bytes, truncation, duplicated lines, deep nesting, recursive and exponential
aliases, huge and special numbers, control characters, wrong types, odd YAML tags.
The same seed always yields the same files, so a failure names a reproducible mutant.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

RICH = """\
version: 1
tool: sort
description: every field a plan can have
image: testronaut-base:bookworm
install: apt:coreutils
env: {LC_ALL: C, DEBUG: 1}
settings:
  timeout: 5
  isolation: test
  normalize:
    - {name: stamp, pattern: '\\d{4}-\\d\\d-\\d\\d', placeholder: DATE}
cases:
  - id: reverse
    description: sorts backwards
    command: sort -r
    stdin: "a\\nb\\n"
    tags: [basic]
    timeout: 3
    exit: 0
    stdout: "b\\na\\n"
    reviewed: true
    origin: recorded
  - id: argv
    command: [sort, -n]
    files: {in.txt: "2\\n1\\n"}
    env: {A: b}
    exit: failure
    expect: it complains
    stderr:
      regex: usage
      contains: [sort]
      not_contains: Traceback
    stdout:
      json: {a: 1, b: [1, 2.5, null, true]}
      json_match: equal
      unordered: true
workflows:
  - id: flow
    description: capture and reuse
    tags: [slow_flow]
    steps:
      - command: echo id=7
        capture: {n: 'id=(\\d+)'}
      - id: use
        command: echo ${n} $${HOME}
        exit: success
"""

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def seeds() -> dict[str, str]:
    """The plans the mutants start from, by name."""
    found = {path.name: path.read_text(encoding="utf-8")
             for path in sorted(EXAMPLES.glob("*.yaml"))}
    found["rich.testronaut.yaml"] = RICH
    return found


Mutator = Callable[[random.Random, str], bytes]


def _flip_bytes(rng: random.Random, text: str) -> bytes:
    data = bytearray(text.encode())
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def _truncate(rng: random.Random, text: str) -> bytes:
    data = text.encode()
    return data[:rng.randrange(len(data))]


def _duplicate_line(rng: random.Random, text: str) -> bytes:
    lines = text.splitlines(keepends=True)
    at = rng.randrange(len(lines))
    lines.insert(at, lines[at])
    return "".join(lines).encode()


def _drop_and_swap(rng: random.Random, text: str) -> bytes:
    lines = text.splitlines(keepends=True)
    del lines[rng.randrange(len(lines))]
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return "".join(lines).encode()


def _deep_flow(rng: random.Random, text: str) -> bytes:
    depth = rng.choice([100, 1_000, 5_000, 50_000])
    return (text + f"extra: {'[' * depth}1{']' * depth}\n").encode()


def _deep_block(rng: random.Random, text: str) -> bytes:
    depth = rng.choice([100, 500, 2_000])
    nested = "".join(f"{' ' * (i + 1)}k{i}:\n" for i in range(depth))
    return (text + "deep:\n" + nested + " " * (depth + 1) + "v\n").encode()


def _recursive_alias(rng: random.Random, text: str) -> bytes:
    shape = rng.choice([
        "loop: &a [*a]\n",
        "loop: &a {self: *a}\n",
        "loop: &a [1, [2, *a]]\n",
        "env: &e {A: *e}\n",
        "cases: &c [{id: x, command: ls, files: *c}]\n",
    ])
    return (text + shape).encode()


def _alias_bomb(rng: random.Random, text: str) -> bytes:
    if rng.random() < 0.5:
        return BILLION_LAUGHS.encode()
    levels = rng.randint(3, 9)
    out = "tool: x\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in range(1, levels):
        refs = ", ".join([f"*l{level - 1}"] * 10)
        out += f"l{level}: &l{level} [{refs}]\n"
    return (out + f"cases: [{{id: a, command: ls, tags: *l{levels - 1}}}]\n").encode()


def _huge_int(rng: random.Random, text: str) -> bytes:
    digits = "9" * rng.choice([20, 400, 4_299, 4_301, 5_000])
    field = rng.choice(["timeout", "exit", "version", "id", "DEBUG", "command"])
    return _set_field(rng, text, field, digits)


def _special_number(rng: random.Random, text: str) -> bytes:
    value = rng.choice([".inf", "-.inf", ".nan", "1e12", "1e400", "-5", "0", "true", "false",
                        "0x7fffffffffffffff", "1_000_000", "0o777", "~", "-0.0"])
    field = rng.choice(["timeout", "exit", "version"])
    return _set_field(rng, text, field, value)


def _set_field(rng: random.Random, text: str, field: str, value: str) -> bytes:
    lines = text.splitlines(keepends=True)
    hits = [i for i, line in enumerate(lines) if line.lstrip(" -").startswith(f"{field}:")]
    if not hits:
        return (text + f"settings: {{timeout: {value}}}\n").encode()
    at = rng.choice(hits)
    head = lines[at].split(f"{field}:", 1)[0]
    lines[at] = f"{head}{field}: {value}\n"
    return "".join(lines).encode()


def _control_chars(rng: random.Random, text: str) -> bytes:
    chars = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127, 0x80, 0x9f)]
    chars += ["\ufffe", "\ud800", "\u2028", "\ufeff"]
    out = list(text)
    for _ in range(rng.randint(1, 3)):
        out.insert(rng.randrange(len(out)), rng.choice(chars))
    return "".join(out).encode("utf-8", errors="surrogatepass")


def _wrong_type(rng: random.Random, text: str) -> bytes:
    field = rng.choice(["tool", "image", "install", "env", "settings", "cases", "workflows",
                        "command", "stdin", "tags", "stdout", "files", "steps", "normalize",
                        "capture", "id", "reviewed", "origin", "isolation", "json"])
    value = rng.choice(["[1, 2]", "{a: {b: c}}", "true", "null", "3.5", "''", "[]", "{}",
                        "!!binary aGVsbG8=", "2001-13-45", "!!set {a, b}", "[[[]]]",
                        "{? [a, b] : c}", "!!python/object:os.system ls", "!!str", "-"])
    return _set_field(rng, text, field, value)


def _odd_yaml(rng: random.Random, text: str) -> bytes:
    extra = rng.choice([
        "<<: {tool: y}\n", "&x tool: a\n", "tool: *undefined\n", "--- \ntool: b\n",
        "a: &x 1\nb: &x 2\n", "%YAML 1.1\n---\n", "? [complex, key]\n: v\n", "@reserved\n",
        "tool: !!float nope\n", "tool: !custom x\n", "\t tab: indent\n", "'unterminated\n",
        "x: {a: 1, a: 2}\n", "\"\\uZZZZ\"\n", "tool: \"\\x00\"\n", "...\n...\n",
    ])
    if rng.random() < 0.5:
        return (extra + text).encode()
    return (text + extra).encode()


def _empty_and_odd_files(rng: random.Random, text: str) -> bytes:
    return rng.choice([b"", b"\n", b"# only a comment\n", b"[]", b"- a\n- b\n", b"42",
                       b"\xef\xbb\xbf", b"\xff\xfe" + "tool: x".encode("utf-16-le"),
                       b"\x00" * 64, b"tool: x\n" * 3, b"null\n", b"~"])


def _run_time_traps(rng: random.Random, text: str) -> bytes:
    trap = rng.choice([
        "install: 'foo:bar'", "install: ['pip:']", "install: ':x'", "image: ''",
        "image: Upper/Case", "image: 'has space:1'", "image: 'a:b:c'", "image: '-x'",
        "settings: {normalize: [{name: n, pattern: ''}]}",
        "settings: {normalize: [{name: n, pattern: 'a*'}]}",
        "settings: {timeout: .inf}", "settings: {timeout: 1e12}", "settings: {timeout: true}",
        "version: true",
    ])
    lines = [line for line in text.splitlines(keepends=True)
             if not line.startswith(trap.split(":")[0] + ":")]
    return ("".join(lines) + trap + "\n").encode()


MUTATORS: dict[str, Mutator] = {
    "flip": _flip_bytes, "truncate": _truncate, "dupline": _duplicate_line,
    "dropswap": _drop_and_swap, "deepflow": _deep_flow, "deepblock": _deep_block,
    "recursive": _recursive_alias, "bomb": _alias_bomb, "hugeint": _huge_int,
    "number": _special_number, "control": _control_chars, "type": _wrong_type,
    "yaml": _odd_yaml, "oddfile": _empty_and_odd_files, "trap": _run_time_traps,
}
PER_MUTATOR_AND_SEED = 7


def mutants(seed: int = 13) -> Iterator[tuple[str, bytes]]:
    """``(name, bytes)`` of every mutant: mutators x seed plans x PER_MUTATOR_AND_SEED."""
    rng = random.Random(seed)
    for seed_name, text in seeds().items():
        stem = seed_name.split(".")[0]
        for mutator_name, mutate in MUTATORS.items():
            for number in range(PER_MUTATOR_AND_SEED):
                yield (f"{stem}-{mutator_name}-{number}.testronaut.yaml", mutate(rng, text))


def write_mutants(folder: Path, seed: int = 13) -> list[Path]:
    """Write every mutant into ``folder``; returns the paths in generation order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in mutants(seed):
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths
