"""An argparse program with options taking several values, a positional with choices
and an optional file (the values corpus, ``capture_values.py``)."""
import argparse

p = argparse.ArgumentParser(prog="geom")
p.add_argument("--size", nargs=2, metavar=("W", "H"), type=int, help="width and height")
p.add_argument("--pair", nargs=2, help="a key and its value")
p.add_argument("-D", nargs=2, metavar=("NAME", "VALUE"), help="define NAME as VALUE")
p.add_argument("--files", nargs="+", help="several files")
p.add_argument("--maybe", nargs="?", help="maybe a value")
p.add_argument("--rgb", nargs=3, type=int, metavar=("R", "G", "B"), help="a colour")
p.add_argument("-o", metavar="FILE", help="write to FILE")
p.add_argument("mode", choices=["fast", "slow", "auto"], help="how fast to go")
p.add_argument("file", nargs="?", help="input file (default: stdin)")
p.parse_args()
