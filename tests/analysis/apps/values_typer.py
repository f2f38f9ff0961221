"""A typer program with tuple options and an optional argument (the values corpus)."""
import typer

app = typer.Typer()


@app.command()
def main(pair: tuple[str, int] = typer.Option((None, None), help="name and count"),
         size: tuple[int, int] = typer.Option((1, 1), help="w and h"),
         src: str | None = typer.Argument(None, help="the source")):
    """Pairs."""


if __name__ == "__main__":
    app()
