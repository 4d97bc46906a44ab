#!/usr/bin/env python3
"""Strict and lax precision, recall and F1 of vecalign-style bead files.

Usage: score.py [--json] GOLD HYP [GOLD HYP ...]

A bead file has one bead per line: "[src indices]:[tgt indices]", indices
0-based and separated by commas ("[0]:[0]", "[8, 9]:[10]", "[]:[16]"); an
optional third ":cost" field is ignored, blank lines are skipped.

The metric is the one of Sennrich & Volk 2011 as vecalign scores it:
  precision  over the set of distinct hypothesis beads ([]:[] dropped); null
             beads count and are correct only if the same null bead is in gold;
  recall     over gold beads with both sides non-empty, matched against the
             hypothesis beads with both sides non-empty;
  strict     a bead is correct if the other side has the identical bead;
  lax        a bead is correct if some bead on the other side shares at least
             one source and at least one target sentence with it.
Counts are summed over all GOLD/HYP pairs (micro average); 0/0 is 0.0.

Importable: read_beads(path) and score(pairs) return plain values, so tests
can assert exact counts without running a subprocess; read_beads(path,
with_cost=True) also returns each bead's third field (calibration.py).

Exit status: 0 ok, 2 usage error, unreadable file or malformed line.
"""

import json
import re
import sys

_BEAD = re.compile(r"^\s*\[([^\]]*)\]\s*:\s*\[([^\]]*)\]\s*(?::([^:]*))?$")
_INDEX = re.compile(r"^\s*\d+\s*$")


class BeadError(Exception):
    """A bead file that cannot be read; the message names file and line."""


def _indices(text):
    if not text.strip():
        return ()
    parts = text.split(",")
    if not all(_INDEX.match(p) for p in parts):
        raise ValueError(text)
    return tuple(int(p) for p in parts)


def read_beads(path, with_cost=False):
    """Return the beads of PATH as a list of (src tuple, tgt tuple), in file order.

    With WITH_COST, each item is ((src tuple, tgt tuple), cost): the third
    field as a float, None where the line has none."""
    beads = []
    try:
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                if not line.strip():
                    continue
                m = _BEAD.match(line.rstrip("\n"))
                try:
                    if not m:
                        raise ValueError(line)
                    bead = (_indices(m.group(1)), _indices(m.group(2)))
                    if with_cost:
                        cost = m.group(3)
                        bead = (bead, float(cost) if cost is not None else None)
                    beads.append(bead)
                except ValueError:
                    raise BeadError("%s:%d: malformed bead %r (expected e.g. "
                                    "\"[0]:[0]\", \"[3,4]:[5]\", \"[]:[7]\")"
                                    % (path, lineno, line.strip())) from None
    except (OSError, UnicodeDecodeError) as e:
        raise BeadError("%s: %s" % (path, e)) from None
    return beads


def _count(reference, candidates):
    """Judge each distinct candidate bead against REFERENCE.

    Returns (strict hits, strict misses, lax hits, lax misses)."""
    ref = {b for b in reference if b[0] or b[1]}
    # For each source sentence, the target sentences some reference bead pairs it with.
    partners = {}
    for src, tgt in ref:
        for s in src:
            partners.setdefault(s, set()).update(tgt)
    tp_strict = fp_strict = tp_lax = fp_lax = 0
    for src, tgt in {b for b in candidates if b[0] or b[1]}:
        if (src, tgt) in ref:
            tp_strict += 1
            tp_lax += 1
            continue
        fp_strict += 1
        linked = set()
        for s in src:
            linked |= partners.get(s, set())
        if linked.intersection(tgt):
            tp_lax += 1
        else:
            fp_lax += 1
    return tp_strict, fp_strict, tp_lax, fp_lax


def _ratio(num, den):
    return num / den if den else 0.0


def _f1(p, r):
    return _ratio(2 * p * r, p + r)


def score(pairs):
    """Score a list of (gold beads, hyp beads) pairs; return a dict of results.

    Keys: precision_/recall_/f1_ + strict/lax (floats), counts (raw integers),
    pairs, gold_beads, hyp_beads (number of beads read, duplicates included)."""
    pc = [0, 0, 0, 0]
    rc = [0, 0, 0, 0]
    n_gold = n_hyp = 0
    for gold, hyp in pairs:
        n_gold += len(gold)
        n_hyp += len(hyp)
        pc = [a + b for a, b in zip(pc, _count(gold, hyp))]
        full_gold = [b for b in gold if b[0] and b[1]]
        full_hyp = [b for b in hyp if b[0] and b[1]]
        rc = [a + b for a, b in zip(rc, _count(full_hyp, full_gold))]
    p_strict, p_lax = _ratio(pc[0], pc[0] + pc[1]), _ratio(pc[2], pc[2] + pc[3])
    r_strict, r_lax = _ratio(rc[0], rc[0] + rc[1]), _ratio(rc[2], rc[2] + rc[3])
    return {
        "counts": {
            "precision": {"tp_strict": pc[0], "fp_strict": pc[1],
                          "tp_lax": pc[2], "fp_lax": pc[3]},
            "recall": {"tp_strict": rc[0], "fn_strict": rc[1],
                       "tp_lax": rc[2], "fn_lax": rc[3]},
        },
        "precision_strict": p_strict, "recall_strict": r_strict,
        "f1_strict": _f1(p_strict, r_strict),
        "precision_lax": p_lax, "recall_lax": r_lax,
        "f1_lax": _f1(p_lax, r_lax),
        "pairs": len(pairs), "gold_beads": n_gold, "hyp_beads": n_hyp,
    }


def format_table(res):
    """The human-readable report printed without --json."""
    return ("pairs: %d   gold beads: %d   hyp beads: %d\n"
            "              Strict     Lax\n"
            "Precision      %.3f   %.3f\n"
            "Recall         %.3f   %.3f\n"
            "F1             %.3f   %.3f\n"
            % (res["pairs"], res["gold_beads"], res["hyp_beads"],
               res["precision_strict"], res["precision_lax"],
               res["recall_strict"], res["recall_lax"],
               res["f1_strict"], res["f1_lax"]))


def main(argv):
    args = argv[1:]
    if args and args[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    as_json = bool(args) and args[0] == "--json"
    if as_json:
        args = args[1:]
    if not args or len(args) % 2 or any(a.startswith("-") for a in args):
        sys.stderr.write("usage: score.py [--json] GOLD HYP [GOLD HYP ...]\n")
        return 2
    try:
        beads = [read_beads(p) for p in args]
    except BeadError as e:
        sys.stderr.write("score.py: %s\n" % e)
        return 2
    for path, b in zip(args, beads):
        if not b:
            sys.stderr.write("score.py: warning: %s has no beads\n" % path)
    res = score(list(zip(beads[0::2], beads[1::2])))
    if as_json:
        print(json.dumps(res, indent=1, sort_keys=True))
    else:
        sys.stdout.write(format_table(res))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
