"""An argparse program with a required and a variadic optional positional, and
subcommand-free choices taken several times (the values corpus)."""
import argparse

p = argparse.ArgumentParser(prog="viewer")
p.add_argument("-n", type=int, default=3, help="how many lines")
p.add_argument("--kinds", nargs="*", choices=["a", "b"], help="the kinds to show")
p.add_argument("pattern", help="what to look for")
p.add_argument("files", nargs="*", metavar="FILE", help="files to read")
p.parse_args()
