"""A typer program with tuple options and an optional argument (the values corpus)."""
from typing import Optional, Tuple

import typer

app = typer.Typer()


@app.command()
def main(pair: Tuple[str, int] = typer.Option((None, None), help="name and count"),
         size: Tuple[int, int] = typer.Option((1, 1), help="w and h"),
         src: Optional[str] = typer.Argument(None, help="the source")):
    """Pairs."""


if __name__ == "__main__":
    app()
