"""Command line: kefu extract | clean | report | evaluate | ner."""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kefu")
    parser.add_argument("command")
    parser.parse_args(argv)
    print("not ready yet", file=sys.stderr)
    return 2
