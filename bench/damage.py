#!/usr/bin/env python3
"""Damage an aligned pair the way real translations are damaged, keeping the gold.

Usage: damage.py KIND IN OUT [SEED]

IN is a directory with de.txt, fr.txt and gold.txt (one sentence per line,
gold beads as score.py reads them, in order); OUT gets the damaged de.txt,
fr.txt and gold.txt. KIND is one of:
  omit-fr-block   300 French sentences in a row dropped, from a third in
  omit-de-block   500 German sentences in a row dropped, from half-way
  insert-fr-block 400 untranslated German sentences (from elsewhere in the
                  text) inserted into the French at two fifths
  drops           5 % of the sentences of each side dropped at random (SEED)
Dropped sentences leave their beads (a bead that loses a whole side becomes
a null bead); inserted ones are 0-1 beads.

Exit status: 0 ok, 2 usage error or unreadable input.
"""

import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from score import BeadError, read_beads  # noqa: E402  (bench/score.py)

KINDS = ("omit-fr-block", "omit-de-block", "insert-fr-block", "drops")


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f]


def damage(kind, de, fr, gold, seed):
    """Return (de, fr, gold) damaged by KIND."""
    drop_de, drop_fr, insert_at, inserted = set(), set(), None, []
    if kind == "omit-fr-block":
        start = len(fr) // 3
        drop_fr = set(range(start, min(start + 300, len(fr))))
    elif kind == "omit-de-block":
        start = len(de) // 2
        drop_de = set(range(start, min(start + 500, len(de))))
    elif kind == "insert-fr-block":
        insert_at = len(fr) * 2 // 5
        inserted = [de[(k * 37) % len(de)] for k in range(400)] if de else []
    else:
        rng = random.Random(seed)
        drop_de = {i for i in range(len(de)) if rng.random() < 0.05}
        drop_fr = {j for j in range(len(fr)) if rng.random() < 0.05}

    def renumber(n, dropped, at=None, extra=0):
        new, k = {}, 0
        for i in range(n):
            if i == at:
                k += extra
            if i not in dropped:
                new[i] = k
                k += 1
        return new

    dmap = renumber(len(de), drop_de)
    fmap = renumber(len(fr), drop_fr, insert_at, len(inserted))
    out_de = [s for i, s in enumerate(de) if i not in drop_de]
    out_fr = []
    for j, s in enumerate(fr):
        if j == insert_at:
            out_fr.extend(inserted)
        if j not in drop_fr:
            out_fr.append(s)
    out_gold, placed = [], insert_at is None
    for src, tgt in gold:
        if not placed and tgt and tgt[0] >= insert_at:
            out_gold.extend(([], [insert_at + k]) for k in range(len(inserted)))
            placed = True
        s = [dmap[i] for i in src if i in dmap]
        t = [fmap[j] for j in tgt if j in fmap]
        if s or t:
            out_gold.append((s, t))
    return out_de, out_fr, out_gold


def main(argv):
    if len(argv) not in (4, 5) or argv[1] not in KINDS:
        sys.stderr.write("usage: damage.py {%s} IN OUT [SEED]\n" % ",".join(KINDS))
        return 2
    kind, src, dst = argv[1], argv[2], argv[3]
    try:
        seed = int(argv[4]) if len(argv) == 5 else 1
        de = read_lines(os.path.join(src, "de.txt"))
        fr = read_lines(os.path.join(src, "fr.txt"))
        gold = read_beads(os.path.join(src, "gold.txt"))
    except (OSError, ValueError, BeadError) as e:
        sys.stderr.write("damage.py: %s\n" % e)
        return 2
    de, fr, gold = damage(kind, de, fr, gold, seed)
    os.makedirs(dst, exist_ok=True)
    with open(os.path.join(dst, "de.txt"), "w", encoding="utf-8") as f:
        f.writelines(s + "\n" for s in de)
    with open(os.path.join(dst, "fr.txt"), "w", encoding="utf-8") as f:
        f.writelines(s + "\n" for s in fr)
    with open(os.path.join(dst, "gold.txt"), "w", encoding="utf-8") as f:
        f.writelines("[%s]:[%s]\n" % (",".join(map(str, s)), ",".join(map(str, t)))
                     for s, t in gold)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
