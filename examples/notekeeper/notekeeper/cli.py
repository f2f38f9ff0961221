"""The ``notekeeper`` command line: argparse subcommands over a JSON note store."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from typing import Any

from . import __version__

PRIORITIES = ("low", "normal", "high")
PRIORITY_RANK = {"high": 0, "normal": 1, "low": 2}
CSV_FIELDS = ["id", "created", "priority", "done", "tags", "text"]
EXIT_OK = 0
EXIT_NOT_FOUND = 1

Note = dict[str, Any]


class NotekeeperError(Exception):
    """A failure reported on stderr as ``notekeeper: error: ...`` with exit status 1."""


def now() -> str:
    return datetime.now(timezone.utc).isoformat()


# --- the store -----------------------------------------------------------------------
def default_db() -> str:
    return os.environ.get("NOTEKEEPER_DB") or "notes.json"


def load(path: str) -> list[Note]:
    if not os.path.exists(path):
        return []
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as exc:
        raise NotekeeperError(f"cannot read note store {path}: {exc}") from None
    notes = data.get("notes") if isinstance(data, dict) else data
    if not isinstance(notes, list):
        raise NotekeeperError(f"{path} is not a notekeeper store (no list of notes)")
    return notes


def save(path: str, notes: list[Note]) -> None:
    # Write then rename, so an interrupted run never leaves half a store behind.
    temporary = f"{path}.tmp"
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump({"version": 1, "notes": notes}, handle, indent=2)
            handle.write("\n")
        os.replace(temporary, path)
    except OSError as exc:
        raise NotekeeperError(f"cannot write note store {path}: {exc.strerror}") from None


def find(notes: list[Note], ident: str) -> Note:
    """The note whose id is ``ident`` or starts with it (a unique prefix)."""
    matches = [n for n in notes if n["id"] == ident] or [
        n for n in notes if n["id"].startswith(ident)
    ]
    if not matches or not ident:
        raise NotekeeperError(f"note {ident!r} not found")
    if len(matches) > 1:
        raise NotekeeperError(f"note id prefix {ident!r} is ambiguous ({len(matches)} notes)")
    return matches[0]


# --- commands ------------------------------------------------------------------------
def cmd_add(args: argparse.Namespace, notes: list[Note]) -> bool:
    tags = sorted(set(args.tag or []))
    note = {"id": str(uuid.uuid4()), "text": args.text, "tags": tags,
            "priority": args.priority, "created": now(), "done": False, "done_at": None}
    notes.append(note)
    print(f"id: {note['id']}")
    print(f"created: {note['created']}")
    return True


def format_line(note: Note) -> str:
    mark = "x" if note["done"] else " "
    tags = "".join(f" #{tag}" for tag in note["tags"])
    return f"{note['id']} [{mark}] {note['priority']:<6} {note['text']}{tags}"


def cmd_list(args: argparse.Namespace, notes: list[Note]) -> bool:
    if args.tag:
        notes = [n for n in notes if args.tag in n["tags"]]
    notes = sorted(notes, key=lambda n: n["created"])
    if args.sort == "priority":
        notes = sorted(notes, key=lambda n: PRIORITY_RANK[n["priority"]])
    if args.limit is not None:
        notes = notes[: args.limit]
    if args.format == "json":
        print(json.dumps(notes, indent=2))
    elif args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CSV_FIELDS)
        for note in notes:
            writer.writerow([note["id"], note["created"], note["priority"],
                             "yes" if note["done"] else "no", ";".join(note["tags"]),
                             note["text"]])
    elif not notes:
        print("no notes")
    else:
        lines = [format_line(note) for note in notes]
        print("\n".join(lines))
    return False


def cmd_show(args: argparse.Namespace, notes: list[Note]) -> bool:
    note = find(notes, args.id)
    if args.json:
        print(json.dumps(note, indent=2))
        return False
    print(f"id:       {note['id']}")
    print(f"text:     {note['text']}")
    print(f"priority: {note['priority']}")
    print(f"tags:     {', '.join(note['tags']) or '-'}")
    print(f"created:  {note['created']}")
    print(f"done:     {note['done_at'] if note['done'] else 'no'}")
    return False


def cmd_done(args: argparse.Namespace, notes: list[Note]) -> bool:
    note = find(notes, args.id)
    if not note["done"]:
        note["done"] = True
        note["done_at"] = now()
    print(f"done {note['id']}")
    return True


def cmd_delete(args: argparse.Namespace, notes: list[Note]) -> bool:
    note = find(notes, args.id)
    notes.remove(note)
    print(f"deleted {note['id']}")
    return True


def count_stats(notes: list[Note]) -> dict[str, Any]:
    by_priority = {name: 0 for name in PRIORITIES}
    by_tag: dict[str, int] = {}
    for note in notes:
        by_priority[note["priority"]] += 1
        for tag in note["tags"]:
            by_tag[tag] = by_tag.get(tag, 0) + 1
    done = sum(1 for note in notes if note["done"])
    return {"total": len(notes), "open": len(notes) - done, "done": done,
            "by_priority": by_priority, "by_tag": dict(sorted(by_tag.items()))}


def cmd_stats(args: argparse.Namespace, notes: list[Note]) -> bool:
    started = time.perf_counter()
    stats = count_stats(notes)
    stats["generated_at"] = now()
    took = f"{time.perf_counter() - started:.3f}s"
    if args.json:
        stats["took"] = took
        print(json.dumps(stats, indent=2))
        return False
    print(f"notes: {stats['total']} (open {stats['open']}, done {stats['done']})")
    print("priority: " + ", ".join(f"{k} {v}" for k, v in stats["by_priority"].items()))
    tags = ", ".join(f"{k} {v}" for k, v in stats["by_tag"].items())
    print(f"tags: {tags or '-'}")
    print(f"generated at {stats['generated_at']}")
    print(f"took {took}")
    return False


def cmd_export(args: argparse.Namespace, notes: list[Note]) -> bool:
    try:
        with open(args.file, "w", encoding="utf-8") as handle:
            json.dump(notes, handle, indent=2)
            handle.write("\n")
    except OSError as exc:
        raise NotekeeperError(f"cannot write {args.file}: {exc.strerror}") from None
    print(f"exported {len(notes)} notes to {args.file}")
    return False


def cmd_import(args: argparse.Namespace, notes: list[Note]) -> bool:
    if not os.path.exists(args.file):
        raise NotekeeperError(f"file {args.file!r} not found")
    known = {note["id"] for note in notes}
    incoming = load(args.file)
    added = [n for n in incoming if isinstance(n, dict) and n.get("id") not in known]
    notes.extend(added)
    print(f"imported {len(added)} notes ({len(incoming) - len(added)} skipped)")
    return True


# --- the parser ----------------------------------------------------------------------
def non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid count {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"count must be 0 or more, not {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="notekeeper", description="Keep short notes in a JSON file.")
    parser.add_argument("--version", action="version", version=f"notekeeper {__version__}")
    parser.add_argument("--db", metavar="PATH", default=None,
                        help="note store (default: $NOTEKEEPER_DB or ./notes.json)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    add = sub.add_parser("add", help="add a note and print its id")
    add.add_argument("text", metavar="TEXT", help="the note")
    add.add_argument("--tag", action="append", metavar="TAG", help="tag it (repeatable)")
    add.add_argument("--priority", choices=PRIORITIES, default="normal",
                     help="how urgent it is (default: normal)")
    add.set_defaults(func=cmd_add)

    lst = sub.add_parser("list", help="list notes")
    lst.add_argument("--tag", metavar="TAG", help="only notes with this tag")
    lst.add_argument("--format", choices=("text", "json", "csv"), default="text",
                     help="output format (default: text)")
    lst.add_argument("--limit", type=non_negative, metavar="N", help="at most N notes")
    lst.add_argument("--sort", choices=("created", "priority"), default="created",
                     help="order (default: created)")
    lst.set_defaults(func=cmd_list)

    show = sub.add_parser("show", help="show one note")
    show.add_argument("id", metavar="ID", help="note id or a unique prefix of it")
    show.add_argument("--json", action="store_true", help="print the note as JSON")
    show.set_defaults(func=cmd_show)

    for name, func, text in (("done", cmd_done, "mark a note done"),
                             ("delete", cmd_delete, "delete a note")):
        command = sub.add_parser(name, help=text)
        command.add_argument("id", metavar="ID", help="note id or a unique prefix of it")
        command.set_defaults(func=func)

    stats = sub.add_parser("stats", help="count notes by tag and priority")
    stats.add_argument("--json", action="store_true", help="print the counts as JSON")
    stats.set_defaults(func=cmd_stats)

    export = sub.add_parser("export", help="write all notes to a JSON file")
    export.add_argument("file", metavar="FILE")
    export.set_defaults(func=cmd_export)
    imp = sub.add_parser("import", help="add the notes of an exported file")
    imp.add_argument("file", metavar="FILE")
    imp.set_defaults(func=cmd_import)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status (argparse exits 2 on usage errors)."""
    args = build_parser().parse_args(argv)
    db = args.db or default_db()
    func: Callable[[argparse.Namespace, list[Note]], bool] = args.func
    try:
        notes = load(db)
        if func(args, notes):
            save(db, notes)
    except NotekeeperError as exc:
        print(f"notekeeper: error: {exc}", file=sys.stderr)
        return EXIT_NOT_FOUND
    return EXIT_OK
