#!/usr/bin/env python3
"""Generate a large German-French pair with a known gold alignment.

Usage: gen-large.py [--data DIR] [--out DIR] N SEED

Draws N one-to-one beads of the textberg-dev gold alignment with replacement,
in an order fixed by SEED, and writes, in --out (default: current directory):
  de.txt    the N German sentences, one per line
  fr.txt    their N French translations, one per line
  gold.txt  the gold alignment, [k]:[k] for k = 0 .. N-1
The sentences are real and each pair is a true translation, so an aligner's
speed and accuracy can be measured far beyond the size of the dev set.

--data is the textberg-dev directory (de.txt, fr.txt, gold.txt); by default
tests/data/textberg-dev in the repository when present, else
../shared/data/textberg-dev beside the repository.

Exit status: 0 ok, 2 usage error or unreadable data.
"""

import argparse
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from score import BeadError, read_beads  # noqa: E402  (bench/score.py)
from textberg import default_data  # noqa: E402  (bench/textberg.py)


def one_to_one_pairs(data):
    """Return the (German, French) sentence pairs of the 1-1 gold beads, as lines ending in a newline."""
    with open(os.path.join(data, "de.txt"), encoding="utf-8") as f:
        de = [line.rstrip("\n") + "\n" for line in f]
    with open(os.path.join(data, "fr.txt"), encoding="utf-8") as f:
        fr = [line.rstrip("\n") + "\n" for line in f]
    return [(de[s[0]], fr[t[0]])
            for s, t in read_beads(os.path.join(data, "gold.txt"))
            if len(s) == 1 and len(t) == 1]


def main(argv):
    ap = argparse.ArgumentParser(prog="gen-large.py",
                                 description="Generate a large de/fr pair with gold beads.")
    ap.add_argument("--data", default=default_data(), help="textberg-dev directory")
    ap.add_argument("--out", default=".", help="output directory (default: .)")
    ap.add_argument("n", type=int, metavar="N", help="number of sentences per side")
    ap.add_argument("seed", type=int, metavar="SEED", help="random seed")
    args = ap.parse_args(argv[1:])
    if args.n < 0:
        ap.error("N must not be negative")
    try:
        pairs = one_to_one_pairs(args.data)
    except (OSError, UnicodeDecodeError, BeadError, IndexError) as e:
        sys.stderr.write("gen-large.py: %s\n" % e)
        return 2
    if not pairs:
        sys.stderr.write("gen-large.py: %s: no 1-1 beads in gold.txt\n" % args.data)
        return 2
    chosen = random.Random(args.seed).choices(pairs, k=args.n)
    os.makedirs(args.out, exist_ok=True)
    for name, side in (("de.txt", 0), ("fr.txt", 1)):
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            f.writelines(p[side] for p in chosen)
    with open(os.path.join(args.out, "gold.txt"), "w", encoding="utf-8") as f:
        f.writelines("[%d]:[%d]\n" % (k, k) for k in range(args.n))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
