"""A small typer app whose rich help is part of the parser corpus (see capture_corpus.py)."""
# ruff: noqa: B008  (typer declares parameters with calls in defaults)

from __future__ import annotations

import enum
from pathlib import Path

import typer

app = typer.Typer(help="Keep a list of things to do.", rich_markup_mode="rich")
users = typer.Typer(help="Manage the people tasks are assigned to.")
app.add_typer(users, name="users")


class Priority(str, enum.Enum):
    low = "low"
    normal = "normal"
    high = "high"


@app.callback()
def main(
    db: Path = typer.Option(Path("todo.db"), "--db", "-d", help="Database file."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Say more."),
) -> None:
    """Keep a list of things to do."""


@app.command()
def add(
    title: str = typer.Argument(..., help="What to do."),
    tags: list[str] | None = typer.Argument(None, help="Tags for the task."),
    priority: Priority = typer.Option(Priority.normal, "--priority", "-p", help="How urgent."),
    due: str | None = typer.Option(None, help="Due date, YYYY-MM-DD."),
    owner: str = typer.Option(..., "--owner", help="Who does it."),
    repeat: int = typer.Option(0, min=0, max=52, help="Repeat every N weeks."),
    done: bool = typer.Option(False, "--done/--not-done", help="Create it already done."),
) -> None:
    """Add a task."""


@app.command("list")
def list_(
    all_: bool = typer.Option(False, "--all", "-a", help="Include finished tasks."),
    limit: int = typer.Option(20, help="Show at most this many."),
    format_: str = typer.Option("table", "--format", help="table, json or csv."),
) -> None:
    """List tasks."""


@app.command()
def remove(task_id: int = typer.Argument(..., help="The task to remove."),
           force: bool = typer.Option(False, "--force", "-f", help="Do not ask.")) -> None:
    """Remove a task."""


@users.command("add")
def users_add(name: str, email: str = typer.Option("", help="Contact address.")) -> None:
    """Add a person."""


@users.command("rm")
def users_rm(name: str) -> None:
    """Remove a person."""


if __name__ == "__main__":
    app()
