#!/usr/bin/env python3
"""Calibration of align's bead scores against gold beads.

Usage: calibration.py GOLD HYP

HYP is a bead file as `align --format=beads` writes it: the third field is
the bead's cost, 1 - score ("[1]:[2, 3]:0.066" is a bead of score 0.934). A hypothesis bead is right when the identical bead is in GOLD (the
strict criterion of score.py). Prints, per score bin of width 0.1, the number
of beads, the mean score and the share that is right, then the expected
calibration error (ECE: the bead-weighted mean of |share right - mean score|)
and the share right above 0.95 and below --min-score's default 0.4.

Exit status: 0 ok, 2 usage error or unreadable file.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import BeadError, read_beads  # noqa: E402


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    try:
        gold = set(read_beads(argv[1]))
        costed = read_beads(argv[2], with_cost=True)
        if any(cost is None for _, cost in costed):
            raise ValueError("%s: a bead has no cost field" % argv[2])
        hyp = [(bead, 1.0 - cost) for bead, cost in costed]
    except (BeadError, ValueError) as e:
        sys.stderr.write("calibration.py: %s\n" % e)
        return 2
    bins = [[] for _ in range(10)]
    for bead, s in hyp:
        bins[min(int(s * 10), 9)].append((s, bead in gold))
    print("| score | beads | mean score | right |")
    print("|---|---|---|---|")
    ece = 0.0
    for k, b in enumerate(bins):
        if not b:
            continue
        mean = sum(s for s, _ in b) / len(b)
        right = sum(ok for _, ok in b) / len(b)
        ece += len(b) * abs(right - mean)
        print("| %.1f-%.1f | %d | %.3f | %.3f |" % (k / 10, (k + 1) / 10,
                                                 len(b), mean, right))
    n = len(hyp)
    print("ECE %.3f over %d beads" % (ece / n if n else 0.0, n))
    for name, sel in (("score >= 0.95", lambda s: s >= 0.95),
                      ("score < 0.4", lambda s: s < 0.4)):
        part = [bead in gold for bead, s in hyp if sel(s)]
        if part:
            print("%s: %d beads, %.3f right" % (name, len(part),
                                                  sum(part) / len(part)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
