"""End-to-end tests of notekeeper, written by hand with testronaut's fixtures.

This is the suite a user of pytest-testronaut writes for their own command-line tool:
the module marker installs the tool (``examples/notekeeper``, built into a wheel on the
host, so the sandbox needs no network) into a hardened container that every test of
this module shares. Tests stay independent by giving each one its own note store
(the ``db`` fixture), never by relying on the order they run in.

Run it with ``pytest --testronaut examples`` from the project root, or
``pytest --testronaut`` inside ``examples/``.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from pytest_testronaut.sandbox import RunResult, Sandbox

# Paths in install steps are relative to this file's folder. NOTEKEEPER_SRC points the
# suite at another build, e.g. a mutant from `python benchmarks/mutants.py apply`.
SOURCE = os.environ.get("NOTEKEEPER_SRC", "./notekeeper")
pytestmark = pytest.mark.testronaut(install=f"pip:{SOURCE}", timeout=30)

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
ISO_8601 = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)"


@pytest.fixture
def db(request: pytest.FixtureRequest) -> str:
    """A note store path of this test's own, inside the shared sandbox's workdir."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name) + ".json"


def nk(env: Sandbox, db: str, *args: str, **kwargs: object) -> RunResult:
    """Run ``notekeeper --db DB ARGS...`` as an argv list (no shell quoting to get wrong)."""
    return env.run(["notekeeper", "--db", db, *args], **kwargs)  # type: ignore[arg-type]


def add(env: Sandbox, db: str, *args: str) -> str:
    """Add a note and return the id notekeeper printed for it."""
    result = nk(env, db, "add", *args).assert_exit(0)
    result.assert_matches(rf"^created: {ISO_8601}$")
    return result.assert_matches(rf"^id: ({UUID})$").group(1)


# --- smoke ---------------------------------------------------------------------------
def test_version(testronaut_env: Sandbox) -> None:
    result = testronaut_env.run("notekeeper --version").assert_exit(0)
    result.assert_matches(r"^notekeeper \d+\.\d+\.\d+$")


def test_help_lists_every_subcommand(testronaut_env: Sandbox) -> None:
    result = testronaut_env.run("notekeeper --help").assert_exit(0)
    result.assert_contains("add", "list", "show", "done", "delete", "stats", "export", "import")


# --- a multi-step scenario -------------------------------------------------------------
def test_add_list_show_done_stats(testronaut_env: Sandbox, db: str) -> None:
    milk = add(testronaut_env, db, "buy milk", "--tag", "home", "--priority", "high")
    report = add(testronaut_env, db, "write the report", "--tag", "work")

    listing = nk(testronaut_env, db, "list").assert_exit(0)
    listing.assert_contains(milk, report, "buy milk", "#home", "write the report")
    assert len(listing.stdout.splitlines()) == 2

    # A unique prefix of an id is enough to name a note.
    nk(testronaut_env, db, "show", milk[:8]).assert_exit(0).assert_contains(
        f"id:       {milk}", "priority: high", "done:     no")
    nk(testronaut_env, db, "done", milk).assert_exit(0).assert_contains(f"done {milk}")
    shown = nk(testronaut_env, db, "show", milk, "--json").assert_exit(0)
    note = shown.assert_json(id=milk, text="buy milk", tags=["home"], priority="high", done=True)
    assert re.fullmatch(ISO_8601, note["done_at"]), note

    stats = nk(testronaut_env, db, "stats", "--json").assert_exit(0)
    counts = stats.assert_json(total=2, open=1, done=1, by_tag={"home": 1, "work": 1})
    assert counts["by_priority"] == {"low": 0, "normal": 1, "high": 1}
    assert re.fullmatch(ISO_8601, counts["generated_at"])
    assert re.fullmatch(r"\d+\.\d{3}s", counts["took"])

    nk(testronaut_env, db, "delete", report).assert_exit(0)
    nk(testronaut_env, db, "stats").assert_exit(0).assert_matches(
        r"^notes: 1 \(open 0, done 1\)\npriority: low 0, normal 0, high 1\ntags: home 1\n"
        rf"generated at {ISO_8601}\ntook \d+\.\d{{3}}s$")


# --- list options ----------------------------------------------------------------------
def test_list_json_csv_filter_sort_limit(testronaut_env: Sandbox, db: str) -> None:
    low = add(testronaut_env, db, "water plants", "--priority", "low", "--tag", "home")
    normal = add(testronaut_env, db, "file taxes", "--tag", "admin")
    high = add(testronaut_env, db, "fix the roof", "--priority", "high", "--tag", "home")

    notes = nk(testronaut_env, db, "list", "--format", "json").assert_exit(0).json()
    assert [n["id"] for n in notes] == [low, normal, high]  # oldest first by default

    by_priority = nk(testronaut_env, db, "list", "--sort", "priority", "--format", "json").json()
    assert [n["id"] for n in by_priority] == [high, normal, low]

    home = nk(testronaut_env, db, "list", "--tag", "home", "--format", "json").json()
    assert {n["id"] for n in home} == {low, high}

    limited = nk(testronaut_env, db, "list", "--limit", "2", "--sort", "priority")
    assert [line.split()[0] for line in limited.stdout.splitlines()] == [high, normal]

    csv = nk(testronaut_env, db, "list", "--format", "csv").assert_exit(0)
    lines = csv.stdout.splitlines()
    assert lines[0] == "id,created,priority,done,tags,text"
    assert len(lines) == 4
    csv.assert_matches(rf"^{normal},{ISO_8601},normal,no,admin,file taxes$")


def test_list_of_an_empty_store(testronaut_env: Sandbox, db: str) -> None:
    nk(testronaut_env, db, "list").assert_exit(0).assert_contains("no notes")
    assert nk(testronaut_env, db, "list", "--format", "json").assert_json([]) == []


# --- errors ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["show", "0000dead"], 1, "notekeeper: error: note '0000dead' not found"),
        (["done", "0000dead"], 1, "notekeeper: error: note '0000dead' not found"),
        (["add", "x", "--priority", "urgent"], 2, "argument --priority: invalid choice"),
        (["list", "--limit", "-1"], 2, "count must be 0 or more"),
        ([], 2, "the following arguments are required: COMMAND"),
    ],
    ids=["show-unknown-id", "done-unknown-id", "bad-priority", "negative-limit", "no-command"],
)
def test_errors(testronaut_env: Sandbox, db: str, args: list[str], status: int,
                message: str) -> None:
    result = nk(testronaut_env, db, *args).assert_exit(status)
    result.assert_contains(message, stream="stderr")
    if status == 2:  # argparse's usage errors show how to call the command
        result.assert_contains("usage: notekeeper", stream="stderr")
    assert result.stdout == ""


# --- files -------------------------------------------------------------------------------
def test_import_and_export_files(testronaut_env: Sandbox, db: str) -> None:
    backup = [
        {"id": "11111111-1111-4111-8111-111111111111", "text": "from a backup", "tags": ["old"],
         "priority": "low", "created": "2024-01-02T03:04:05+00:00", "done": False,
         "done_at": None},
    ]
    testronaut_env.put_file("incoming/backup.json", json.dumps(backup))

    imported = nk(testronaut_env, db, "import", "incoming/backup.json", track_files=True)
    imported.assert_exit(0).assert_contains("imported 1 notes (0 skipped)")
    assert imported.files_changed is not None
    assert imported.files_changed.added == (f"/work/{db}",), imported.files_changed

    again = nk(testronaut_env, db, "import", "incoming/backup.json", track_files=True)
    again.assert_exit(0).assert_contains("imported 0 notes (1 skipped)")
    assert not again.files_changed  # a re-import with nothing new leaves the store alone

    add(testronaut_env, db, "new note")
    exported = nk(testronaut_env, db, "export", "out/all.json", track_files=True)
    exported.assert_exit(1).assert_contains("cannot write out/all.json", stream="stderr")
    testronaut_env.run("mkdir -p out").assert_exit(0)
    exported = nk(testronaut_env, db, "export", "out/all.json", track_files=True)
    exported.assert_exit(0).assert_contains("exported 2 notes to out/all.json")
    assert exported.files_changed is not None
    assert exported.files_changed.added == ("/work/out/all.json",)

    written = json.loads(testronaut_env.get_file("out/all.json"))
    assert written[0] == backup[0]
    assert [n["text"] for n in written] == ["from a backup", "new note"]


def test_store_from_environment_variable(testronaut_env: Sandbox, db: str) -> None:
    env = {"NOTEKEEPER_DB": f"/tmp/{db}"}
    testronaut_env.run(["notekeeper", "add", "via env"], env=env).assert_exit(0)
    testronaut_env.run("notekeeper list", env=env).assert_contains("via env")
    stored = json.loads(testronaut_env.get_file(f"/tmp/{db}"))
    assert stored["notes"][0]["text"] == "via env"


# --- timeouts, isolation, users -----------------------------------------------------------
def test_timeout_stops_a_blocked_command(testronaut_env: Sandbox, db: str) -> None:
    # Opening a FIFO with no writer blocks forever: the timeout must really stop it.
    testronaut_env.run(["mkfifo", db]).assert_exit(0)
    result = nk(testronaut_env, db, "list", timeout=2)
    assert result.timed_out, result
    assert result.exit_code == 137
    assert result.duration < 15, result.duration


@pytest.mark.testronaut(install=[], isolation="test")
def test_standard_tools_of_the_base_image(testronaut_env: Sandbox) -> None:
    # Its own fresh sandbox of the plain base image: notekeeper is not installed there.
    testronaut_env.run("command -v notekeeper").assert_exit("failure")
    testronaut_env.put_file("words.txt", "pear\napple\nfig\napple\n")
    testronaut_env.run("sort -u words.txt").assert_exit(0).assert_matches(r"\Aapple\nfig\npear\n\Z")
    result = testronaut_env.run("wc -l", stdin="one\ntwo\nthree\n").assert_exit(0)
    assert result.stdout.strip() == "3"


@pytest.mark.testronaut(user="tester")
def test_as_an_unprivileged_user(testronaut_env: Sandbox, db: str) -> None:
    testronaut_env.run("id -un").assert_exit(0).assert_contains("tester")
    add(testronaut_env, db, "written by tester")
    nk(testronaut_env, "/etc/notes.json", "add", "nope").assert_exit(1).assert_contains(
        "cannot write note store /etc/notes.json: Permission denied", stream="stderr")
