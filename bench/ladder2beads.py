#!/usr/bin/env python3
"""Convert a hunalign ladder into vecalign beads.

Usage: ladder2beads.py [LADDER]      (stdin when no file is given)

A ladder line is a rung "i<TAB>j[<TAB>score]": the first i source sentences
correspond to the first j target sentences. Two consecutive rungs (a, b) and
(c, d) therefore delimit the bead [a .. c-1]:[b .. d-1]; a side with no
sentence is empty, giving a null bead ([]:[k] or [k]:[]). Rungs must not go
backwards. Beads are printed one per line, 0-based, source first.

Exit status: 0 ok, 2 unreadable file or malformed ladder.
"""

import sys


def rungs(lines, name):
    """Yield (i, j) for each rung line; raise ValueError naming NAME:LINE."""
    prev = None
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        try:
            rung = (int(fields[0]), int(fields[1]))
            if rung[0] < 0 or rung[1] < 0:
                raise ValueError
        except (ValueError, IndexError):
            raise ValueError("%s:%d: malformed rung %r" % (name, lineno, line.strip())) from None
        if prev is not None and (rung[0] < prev[0] or rung[1] < prev[1]):
            raise ValueError("%s:%d: rung %d,%d goes back from %d,%d"
                             % (name, lineno, rung[0], rung[1], prev[0], prev[1]))
        prev = rung
        yield rung


def beads(ladder):
    """Yield (source range, target range) between consecutive rungs of LADDER."""
    prev = None
    for rung in ladder:
        if prev is not None and rung != prev:
            yield range(prev[0], rung[0]), range(prev[1], rung[1])
        prev = rung


def format_bead(src, tgt):
    return "[%s]:[%s]" % (", ".join(map(str, src)), ", ".join(map(str, tgt)))


def main(argv):
    if len(argv) == 2 and argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    if len(argv) > 2:
        sys.stderr.write("usage: ladder2beads.py [LADDER]\n")
        return 2
    name = argv[1] if len(argv) == 2 else "<stdin>"
    try:
        f = open(argv[1], encoding="utf-8") if len(argv) == 2 else sys.stdin
        with f:
            out = [format_bead(s, t) for s, t in beads(rungs(f, name))]
    except (OSError, ValueError) as e:
        sys.stderr.write("ladder2beads.py: %s\n" % e)
        return 2
    if out:
        sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
