"""An argparse program with subcommands that have no help lines (the values corpus)."""
import argparse

p = argparse.ArgumentParser(prog="builder")
p.add_argument("-v", action="store_true", help="say more")
sub = p.add_subparsers(dest="cmd", metavar="COMMAND", help="what to do")
sub.add_parser("run", help="run the thing")
sub.add_parser("build", help="build the thing")
p.parse_args()
