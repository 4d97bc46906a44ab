#!/usr/bin/env python3
# Measure how well German-French lexicons anchor gold sentence pairs.
#
# Copyright (C) the align authors.  GPL-3.0-or-later, part of align.
#
# Usage: python3 dicts/measure-lex.py [--data DIR] LEXICON...
#   DIR holds de.txt, fr.txt and gold.txt (vecalign beads), by default
#   ../shared/data/textberg-dev.  Each LEXICON is a de<TAB>fr file; "a+b"
#   measures the union of a and b.
#
# For every gold bead with both sides, and for the same German side against
# the French side of the bead 7 places on (a wrong pair), prints the share
# of German content words (not in stop-de.txt) with a translation among the
# French words, and the share of beads with at least one such word.  Words
# are looked up under every hunspell stem (libhunspell through ctypes) and
# lowercased.  A good lexicon gives high "gold" and low "wrong" numbers.

import argparse
import ctypes
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WORD = re.compile(r"^[^\W\d_][\w'’-]*$")
ELISION = re.compile(r"^(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]", re.I)


class Stemmer:
    def __init__(self, hunspell_dir, name):
        lib = ctypes.CDLL("libhunspell-1.7.so.0")
        lib.Hunspell_create.restype = ctypes.c_void_p
        lib.Hunspell_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        lib.Hunspell_stem.argtypes = [ctypes.c_void_p,
                                      ctypes.POINTER(ctypes.POINTER(ctypes.c_char_p)),
                                      ctypes.c_char_p]
        lib.Hunspell_free_list.argtypes = [ctypes.c_void_p,
                                           ctypes.POINTER(ctypes.POINTER(ctypes.c_char_p)),
                                           ctypes.c_int]
        base = os.path.join(hunspell_dir, name)
        self.lib = lib
        self.h = lib.Hunspell_create((base + ".aff").encode(), (base + ".dic").encode())
        self.cache = {}

    def stems(self, w):
        r = self.cache.get(w)
        if r is not None:
            return r
        r = {w.lower()}
        for cand in {w, w.lower(), w[:1].upper() + w[1:].lower()}:
            lst = ctypes.POINTER(ctypes.c_char_p)()
            n = self.lib.Hunspell_stem(self.h, ctypes.byref(lst), cand.encode())
            for i in range(n):
                r.add(lst[i].decode().lower())
            if n:
                self.lib.Hunspell_free_list(self.h, ctypes.byref(lst), n)
        self.cache[w] = r
        return r


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.split() for l in f]


def read_beads(path):
    beads = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            a, b = line.strip().split(":")
            a = [int(x) for x in a.strip("[]").split(",") if x.strip()]
            b = [int(x) for x in b.strip("[]").split(",") if x.strip()]
            if a and b:
                beads.append((a, b))
    return beads


def load_lex(spec):
    lex = {}
    for path in spec.split("+"):
        with open(path, encoding="utf-8") as f:
            for line in f:
                x, y = line.rstrip("\n").split("\t")
                lex.setdefault(x, set()).add(y)
    return lex


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", "shared", "data",
                                                    "textberg-dev"))
    ap.add_argument("--hunspell", default="/usr/share/hunspell")
    ap.add_argument("lexicon", nargs="+")
    args = ap.parse_args()

    stop = {}
    for lang in ("de", "fr"):
        with open(os.path.join(HERE, "stop-%s.txt" % lang), encoding="utf-8") as f:
            stop[lang] = set(f.read().split())
    stem = {"de": Stemmer(args.hunspell, "de_DE"), "fr": Stemmer(args.hunspell, "fr")}
    side = {"de": read_lines(os.path.join(args.data, "de.txt")),
            "fr": read_lines(os.path.join(args.data, "fr.txt"))}
    beads = read_beads(os.path.join(args.data, "gold.txt"))
    wrong = [(a, beads[(i + 7) % len(beads)][1]) for i, (a, _) in enumerate(beads)]

    def words(idx, lang):
        ws = [w for i in idx for w in side[lang][i]
              if WORD.match(w) and w.lower() not in stop[lang]]
        return [stem[lang].stems(ELISION.sub("", w)) for w in ws]

    def score(lex, pairs):
        hit = total = beads_hit = 0
        for a, b in pairs:
            fr = set().union(*words(b, "fr"))
            h = sum(1 for st in words(a, "de")
                    if any(lex.get(s, ()) and lex[s] & fr for s in st))
            hit += h
            total += len(words(a, "de"))
            beads_hit += h > 0
        return hit / max(total, 1), beads_hit / max(len(pairs), 1)

    print("%d beads; content words anchored / beads with an anchor" % len(beads))
    print("%-40s %-15s %-15s" % ("lexicon", "gold", "wrong"))
    for spec in args.lexicon:
        lex = load_lex(spec)
        g, s = score(lex, beads), score(lex, wrong)
        print("%-40s %.3f / %.3f   %.3f / %.3f" % (spec, g[0], g[1], s[0], s[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
