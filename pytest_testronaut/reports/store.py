"""The results store: every run's cases, verdicts and evidence in one SQLite file.

``<rootdir>/.testronaut/results.sqlite`` through the standard library's ``sqlite3``.
A table row per run, per case (verdict, deciding tier, category, exit code, duration,
LLM tokens and cost, and the whole record with its evidence, compressed) and per
command a case ran (exit code, timings, CPU and memory).

Only the xdist controller (or a run without xdist) writes, once, at the end of the
run, in one transaction. Two runs at once are safe: the database is in WAL mode, every
connection waits up to :data:`BUSY_TIMEOUT` seconds for the other's lock, and writes
take the lock up front (``BEGIN IMMEDIATE``). ``retention`` keeps the newest runs and
drops older ones with everything that belongs to them.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import TestronautError
from .records import CaseRecord, RunInfo

STORE_DIR = ".testronaut"
STORE_FILE = "results.sqlite"
SCHEMA_VERSION = 1
BUSY_TIMEOUT = 30.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id TEXT NOT NULL UNIQUE,
    started REAL NOT NULL,
    finished REAL NOT NULL,
    testronaut_version TEXT NOT NULL,
    info TEXT NOT NULL,
    total INTEGER NOT NULL,
    passed INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    skipped INTEGER NOT NULL,
    duration REAL NOT NULL,
    cost REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS cases (
    run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    nodeid TEXT NOT NULL,
    plan TEXT NOT NULL,
    tool TEXT NOT NULL,
    build TEXT NOT NULL,
    command TEXT NOT NULL,
    verdict TEXT NOT NULL,
    tier TEXT,
    category TEXT,
    duration REAL NOT NULL,
    exit_code INTEGER,
    cost REAL NOT NULL,
    tokens INTEGER NOT NULL,
    record BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_by_key ON cases (key, run);
CREATE INDEX IF NOT EXISTS cases_by_run ON cases (run);
CREATE TABLE IF NOT EXISTS steps (
    run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    position INTEGER NOT NULL,
    command TEXT NOT NULL,
    exit_code INTEGER,
    duration REAL NOT NULL,
    timed_out INTEGER NOT NULL,
    cpu_time REAL,
    peak_memory INTEGER
);
CREATE INDEX IF NOT EXISTS steps_by_run ON steps (run);
CREATE TABLE IF NOT EXISTS specs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tool TEXT NOT NULL,
    run INTEGER REFERENCES runs(id) ON DELETE SET NULL,
    captured REAL NOT NULL,
    digest TEXT NOT NULL,
    spec TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS specs_by_tool ON specs (tool, id);
"""


@dataclass(frozen=True)
class StoredRun:
    """A run as the trends see it."""

    run_id: str
    started: float
    total: int
    passed: int
    failed: int
    skipped: int
    duration: float
    cost: float


class Past(NamedTuple):
    """One earlier verdict of a case (a tuple: a report reads tens of thousands)."""

    run_id: str
    started: float
    build: str
    verdict: str
    duration: float


def store_path(rootpath: Path | str) -> Path:
    return Path(rootpath) / STORE_DIR / STORE_FILE


def recent_durations(rootpath: Path | str, runs: int) -> dict[str, float]:
    """Each case's duration (node id to seconds) in the newest of the last ``runs``
    runs of the store under ``rootpath`` that ran it; read-only, and empty without a
    store or when it cannot be read (callers use it only to order work)."""
    path = store_path(rootpath)
    if not path.is_file():
        return {}
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1)) as db:
            rows = db.execute(
                "SELECT nodeid, duration FROM cases WHERE run > "
                "(SELECT COALESCE(MAX(id), 0) - ? FROM runs) ORDER BY run", (runs,)).fetchall()
    except sqlite3.Error:
        return {}
    return {nodeid: float(duration) for nodeid, duration in rows
            if isinstance(duration, (int, float)) and duration >= 0}


class ResultsStore:
    """The store at ``path`` (created with its folder on first use)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as db, self._write(db):
                pass  # _write makes the schema
        except OSError as exc:
            raise TestronautError(
                f"cannot create the results store {self.path}: {exc}; make its folder "
                "writable, or give --testronaut-retention=0 to run without it") from None
        except sqlite3.Error as exc:
            raise TestronautError(
                f"cannot open the results store {self.path}: {exc}; delete the file to "
                "start a new one, or give --testronaut-retention=0 to run without it") from None

    # --- connections ---------------------------------------------------------------
    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        with closing(db):
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT * 1000)}")
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA synchronous=NORMAL")
            yield db

    @contextmanager
    def _write(self, db: sqlite3.Connection) -> Iterator[None]:
        db.execute("BEGIN IMMEDIATE")  # take the write lock now, waiting for others
        try:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            found = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if found is None:
                db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            elif int(found[0]) > SCHEMA_VERSION:
                raise TestronautError(
                    f"the results store {self.path} was written by a newer testronaut "
                    f"(schema {found[0]}, this one reads {SCHEMA_VERSION}): upgrade, or "
                    "move the file away")
            yield
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    # --- writing -------------------------------------------------------------------
    def add_run(self, run: RunInfo, cases: Sequence[CaseRecord], *,
                specs: dict[str, dict[str, Any]] | None = None, retention: int = 0) -> None:
        """Store ``run`` with its ``cases`` (and the CLI specs it analyzed), then drop
        runs beyond the newest ``retention`` (0: keep all)."""
        counts = _counts(cases)
        cost = float(run.llm.get("cost", 0.0) or 0.0)
        with self._connect() as db, self._write(db):
            cursor = db.execute(
                "INSERT INTO runs (run_id, started, finished, testronaut_version, info, total,"
                " passed, failed, skipped, duration, cost) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (run.run_id, run.started, run.finished, run.testronaut_version,
                 json.dumps(run.as_dict()), len(cases), counts["pass"], counts["failed"],
                 counts["skip"], run.duration, cost))
            row = cursor.lastrowid
            db.executemany(
                "INSERT INTO cases VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                ((row, c.key, c.nodeid, c.plan, c.tool, run.build_of(c.tool), c.command,
                  c.verdict, c.tier, c.category, c.duration,
                  c.last.exit_code if c.last else None, float(c.llm.get("cost", 0.0)),
                  int(c.llm.get("input_tokens", 0)) + int(c.llm.get("output_tokens", 0)),
                  _pack(c)) for c in cases))
            db.executemany(
                "INSERT INTO steps VALUES (?,?,?,?,?,?,?,?,?)",
                ((row, c.key, i, s.command, s.exit_code, s.duration, int(s.timed_out),
                  s.cpu_time, s.peak_memory) for c in cases for i, s in enumerate(c.commands)))
            for tool, spec in (specs or {}).items():
                text = json.dumps(spec, sort_keys=True)
                digest = hashlib.sha256(text.encode()).hexdigest()[:16]
                last = db.execute("SELECT digest FROM specs WHERE tool=? ORDER BY id DESC LIMIT 1",
                                  (tool,)).fetchone()
                if last is None or last[0] != digest:
                    db.execute("INSERT INTO specs (tool, run, captured, digest, spec)"
                               " VALUES (?,?,?,?,?)", (tool, row, run.finished, digest, text))
            if retention > 0:
                self._prune(db, retention)

    def add_llm(self, run_id: str, more: Mapping[str, Any]) -> None:
        """Add ``more`` LLM usage (``calls``, ``cache_hits``, ``input_tokens``,
        ``output_tokens``, ``cost``) to the stored run ``run_id``: what was asked after
        the run was stored (the report's written summary)."""
        with self._connect() as db, self._write(db):
            row = db.execute("SELECT info FROM runs WHERE run_id=?", (run_id,)).fetchone()
            if row is None:
                return  # pruned meanwhile by a concurrent run's retention
            info = json.loads(row[0])
            llm = info.setdefault("llm", {})
            for key in ("calls", "cache_hits", "input_tokens", "output_tokens"):
                llm[key] = int(llm.get(key, 0) or 0) + int(more.get(key, 0) or 0)
            llm["cost"] = float(llm.get("cost", 0.0) or 0.0) + float(more.get("cost", 0.0) or 0.0)
            db.execute("UPDATE runs SET info=?, cost=? WHERE run_id=?",
                       (json.dumps(info), llm["cost"], run_id))

    @staticmethod
    def _prune(db: sqlite3.Connection, retention: int) -> None:
        db.execute("DELETE FROM runs WHERE id NOT IN "
                   "(SELECT id FROM runs ORDER BY id DESC LIMIT ?)", (retention,))
        # Specs: the newest of each tool stays, older ones go with their runs.
        db.execute("DELETE FROM specs WHERE run IS NULL AND id NOT IN "
                   "(SELECT MAX(id) FROM specs GROUP BY tool)")

    # --- reading -------------------------------------------------------------------
    def runs(self, limit: int = 30) -> list[StoredRun]:
        """The newest ``limit`` runs, oldest first."""
        with self._connect() as db:
            rows = db.execute("SELECT run_id, started, total, passed, failed, skipped, duration,"
                              " cost FROM runs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [StoredRun(*row) for row in reversed(rows)]

    def run_ids(self) -> list[str]:
        with self._connect() as db:
            return [r[0] for r in db.execute("SELECT run_id FROM runs ORDER BY id")]

    def cases(self, run_id: str) -> list[CaseRecord]:
        """Every case of one stored run, with its evidence."""
        with self._connect() as db:
            rows = db.execute("SELECT c.record FROM cases c JOIN runs r ON c.run = r.id "
                              "WHERE r.run_id = ? ORDER BY c.rowid", (run_id,)).fetchall()
        return [CaseRecord.from_dict(json.loads(zlib.decompress(r[0]))) for r in rows]

    def history(self, keys: Iterable[str], *, runs: int = 10, before: str | None = None,
                ) -> dict[str, list[Past]]:
        """The verdicts of ``keys`` in the newest ``runs`` runs (before the run
        ``before``, when given), oldest first."""
        wanted = set(keys)
        if not wanted:
            return {}
        with self._connect() as db:
            limit_id = None
            if before is not None:
                found = db.execute("SELECT id FROM runs WHERE run_id=?", (before,)).fetchone()
                limit_id = found[0] if found else None
            recent = {r[0]: (r[1], r[2]) for r in db.execute(
                "SELECT id, run_id, started FROM runs WHERE (? IS NULL OR id < ?) "
                "ORDER BY id DESC LIMIT ?", (limit_id, limit_id, runs))}
            if not recent:
                return {}
            # One pass over the recent runs' rows, oldest run first; the run's id and
            # start come from the dict above rather than a join repeated on every row.
            rows = db.execute(
                "SELECT key, run, build, verdict, duration FROM cases WHERE run >= ? "
                "AND run <= ? ORDER BY run", (min(recent), max(recent))).fetchall()
        out: dict[str, list[Past]] = {}
        for key, run, build, verdict, duration in rows:
            if key in wanted and run in recent:
                run_id, started = recent[run]
                out.setdefault(key, []).append(Past(run_id, started, build, verdict, duration))
        return out

    def spec_by_digest(self, digest: str) -> dict[str, Any] | None:
        """The stored spec whose digest is ``digest`` (``analysis.spec.spec_digest``)."""
        with self._connect() as db:
            row = db.execute("SELECT spec FROM specs WHERE digest = ? ORDER BY id DESC LIMIT 1",
                             (digest,)).fetchone()
        return json.loads(row[0]) if row else None

    def latest_spec(self, tool: str, *, before: str | None = None) -> dict[str, Any] | None:
        """The newest CLI spec stored for ``tool`` (by a run other than ``before``)."""
        with self._connect() as db:
            row = db.execute(
                "SELECT s.spec FROM specs s LEFT JOIN runs r ON s.run = r.id WHERE s.tool = ? "
                "AND (? IS NULL OR r.run_id IS NULL OR r.run_id != ?) ORDER BY s.id DESC LIMIT 1",
                (tool, before, before)).fetchone()
        return json.loads(row[0]) if row else None


def _pack(case: CaseRecord) -> bytes:
    """A case's whole record (checks, outputs, diffs): JSON, compressed."""
    return zlib.compress(json.dumps(case.as_dict(), separators=(",", ":")).encode(), 1)


def _counts(cases: Sequence[CaseRecord]) -> dict[str, int]:
    counts = {"pass": 0, "failed": 0, "skip": 0}
    for case in cases:
        if case.verdict == "pass":
            counts["pass"] += 1
        elif case.verdict == "skip":
            counts["skip"] += 1
        else:
            counts["failed"] += 1
    return counts
