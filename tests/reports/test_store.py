"""The results store: every run kept with its evidence, bounded, safe to share."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pytest_testronaut.errors import TestronautError
from pytest_testronaut.reports import ResultsStore, store_path

from .helpers import failed, passed, run_info, spec


def test_a_run_is_kept_with_cases_steps_and_evidence(tmp_path: Path) -> None:
    store = ResultsStore(store_path(tmp_path))
    assert store.path == tmp_path / ".testronaut" / "results.sqlite"
    bad = failed("b", stderr="boom\n", diff="-x\n+y\n")
    store.add_run(run_info("r1", cost=0.25), [passed("a"), bad])
    [run] = store.runs()
    assert (run.run_id, run.total, run.passed, run.failed, run.cost) == ("r1", 2, 1, 1, 0.25)
    again = ResultsStore(store.path).cases("r1")  # a new process reads it back
    assert [c.key for c in again] == ["p.yaml::a", "p.yaml::b"]
    assert again[1] == bad
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        steps = db.execute("SELECT key, command, exit_code, duration FROM steps ORDER BY key")
        assert steps.fetchall() == [("p.yaml::a", "tool run", 0, 0.1),
                                    ("p.yaml::b", "tool run", 1, 0.2)]
        tier, build = db.execute("SELECT tier, build FROM cases WHERE key='p.yaml::b'").fetchone()
        assert (tier, build) == ("deterministic", "sha256:aaa")


def test_retention_drops_the_oldest_runs_and_their_cases(tmp_path: Path) -> None:
    store = ResultsStore(tmp_path / "s.sqlite")
    for n in range(5):
        store.add_run(run_info(f"r{n}"), [passed("a"), failed("b")], retention=3)
    assert store.run_ids() == ["r2", "r3", "r4"]
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == 6
        assert db.execute("SELECT COUNT(*) FROM steps").fetchone()[0] == 6


def test_history_of_cases_before_a_run(tmp_path: Path) -> None:
    store = ResultsStore(tmp_path / "s.sqlite")
    store.add_run(run_info("r1"), [passed("a")])
    store.add_run(run_info("r2", image_id="sha256:bbb"), [failed("a"), passed("c")])
    store.add_run(run_info("r3"), [passed("a")])
    history = store.history(["p.yaml::a", "p.yaml::c"], before="r3")
    assert [(p.run_id, p.build, p.verdict) for p in history["p.yaml::a"]] == [
        ("r1", "sha256:aaa", "pass"), ("r2", "sha256:bbb", "fail")]
    assert len(store.history(["p.yaml::a"], runs=1)["p.yaml::a"]) == 1


def test_specs_are_kept_once_per_change(tmp_path: Path) -> None:
    store = ResultsStore(tmp_path / "s.sqlite")
    dumped = spec().model_dump(mode="json")
    store.add_run(run_info("r1"), [], specs={"tool": dumped})
    store.add_run(run_info("r2"), [], specs={"tool": dumped})  # unchanged: not stored again
    assert store.latest_spec("tool") == dumped
    assert store.latest_spec("tool", before="r1") is None  # r1 stored it: nothing older
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT COUNT(*) FROM specs").fetchone()[0] == 1


def test_two_runs_writing_at_once_both_land(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent.parent.parent)!r})
        from tests.reports.helpers import passed, run_info
        from pytest_testronaut.reports import ResultsStore
        store = ResultsStore({str(path)!r})
        for n in range(15):
            store.add_run(run_info(sys.argv[1] + str(n)), [passed(str(i)) for i in range(40)])
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, name]) for name in ("x", "y")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    ids = ResultsStore(path).run_ids()
    assert sorted(ids) == sorted(f"{w}{n}" for w in "xy" for n in range(15))


def test_a_broken_store_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(TestronautError, match=r"cannot open the results store .*delete the file"):
        ResultsStore(path)


def test_an_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(TestronautError, match=r"cannot create the results store .*"
                                              r"--testronaut-retention=0"):
        ResultsStore(store_path(blocker))
