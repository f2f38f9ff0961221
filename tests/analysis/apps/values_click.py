"""A click program with options taking two values and optional arguments (the values
corpus)."""
import click


@click.command()
@click.option("--opt", nargs=2, help="two texts")
@click.option("--point", nargs=2, type=int, help="x and y")
@click.option("--kv", type=(str, int), help="a name and a count")
@click.option("--tag", multiple=True, help="a tag, given again for more")
@click.option("--count", type=click.IntRange(0, 10), help="count")
@click.argument("src", required=False)
@click.argument("rest", nargs=-1)
def main(opt, point, kv, tag, count, src, rest):
    """Copy SRC."""


if __name__ == "__main__":
    main()
