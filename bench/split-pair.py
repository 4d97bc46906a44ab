#!/usr/bin/env python3
"""Split a one-sentence-per-line pair with its gold into K shorter pairs.

Usage: split-pair.py [--data DIR] --out DIR K

Cuts textberg-dev (or --data: de.txt, fr.txt, gold.txt) into K consecutive
pieces of about the same number of gold beads, cutting only between beads,
and writes to --out, for k = 1 .. K:
  pK.de, pK.fr     the piece's sentences, one per line
  pK.gold          its gold beads, renumbered from 0
and manifest.txt, one line "pK.de pK.fr pK.beads" per piece, for
`align --batch`. A batch of short articles is what a translation agency or
a web crawl hands over; this makes one with a known gold alignment.

Exit status: 0 ok, 2 usage error or unreadable data.
"""

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from score import BeadError, read_beads  # noqa: E402  (bench/score.py)
from textberg import default_data  # noqa: E402  (bench/textberg.py)


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def bead_text(src, tgt):
    return "[%s]:[%s]\n" % (", ".join(map(str, src)), ", ".join(map(str, tgt)))


def split(de, fr, gold, k):
    """Yield (de lines, fr lines, gold beads) of K pieces."""
    per = max(1, len(gold) // k)
    start_de = start_fr = 0
    piece = []
    for n, (s, t) in enumerate(gold):
        piece.append((s, t))
        last = n == len(gold) - 1
        if len(piece) >= per and not last:
            ends_de = max([x for b in piece for x in b[0]] + [start_de - 1]) + 1
            ends_fr = max([x for b in piece for x in b[1]] + [start_fr - 1]) + 1
            nxt = gold[n + 1]
            # cut only where the next bead starts after everything so far,
            # and where both sides of the piece hold a sentence
            if (all(x >= ends_de for x in nxt[0]) and
                    all(x >= ends_fr for x in nxt[1]) and
                    ends_de > start_de and ends_fr > start_fr):
                yield start_de, ends_de, start_fr, ends_fr, piece
                start_de, start_fr, piece = ends_de, ends_fr, []
    if piece:
        yield start_de, len(de), start_fr, len(fr), piece


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=default_data())
    ap.add_argument("--out", required=True)
    ap.add_argument("k", type=int)
    a = ap.parse_args()
    if a.k < 1:
        ap.error("K must be at least 1")
    try:
        de = read_lines(os.path.join(a.data, "de.txt"))
        fr = read_lines(os.path.join(a.data, "fr.txt"))
        gold = read_beads(os.path.join(a.data, "gold.txt"))
    except (OSError, BeadError) as e:
        print("split-pair.py: %s" % e, file=sys.stderr)
        return 2
    os.makedirs(a.out, exist_ok=True)
    manifest = []
    for n, (d0, d1, f0, f1, beads) in enumerate(split(de, fr, gold, a.k), 1):
        name = "p%d" % n
        with open(os.path.join(a.out, name + ".de"), "w", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in de[d0:d1]))
        with open(os.path.join(a.out, name + ".fr"), "w", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in fr[f0:f1]))
        with open(os.path.join(a.out, name + ".gold"), "w", encoding="utf-8") as f:
            for s, t in beads:
                f.write(bead_text([x - d0 for x in s], [x - f0 for x in t]))
        manifest.append("%s.de %s.fr %s.beads\n" % (name, name, name))
    with open(os.path.join(a.out, "manifest.txt"), "w", encoding="utf-8") as f:
        f.write("".join(manifest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
