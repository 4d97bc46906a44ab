#!/usr/bin/env python3
# Build the data files in dicts/ from Debian packages.
#
# Copyright (C) the align authors.  This script is part of align and is
# licensed under the GNU General Public License, version 3 or later.
# The files it writes keep the licences of their sources; see dicts/README.
#
# Usage: python3 dicts/build.py [--dictd DIR] [--hunspell DIR] [--autocorr DIR]
#                               [--out DIR]
#
# Output is deterministic: every file is plain UTF-8, LF line ends, NFC,
# sorted by Unicode code point (the order of `LC_ALL=C sort`), no duplicates.

import argparse
import collections
import gzip
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- dictd --

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64num(s):
    n = 0
    for c in s:
        n = n * 64 + B64.index(c)
    return n


def dictd_entries(dictd, name):
    """Yield the text of every entry of freedict-NAME, in index order."""
    data = gzip.open(os.path.join(dictd, "freedict-%s.dict.dz" % name)).read()
    seen = set()
    with open(os.path.join(dictd, "freedict-%s.index" % name), encoding="utf-8") as f:
        for line in f:
            hw, off, ln = line.rstrip("\n").split("\t")[:3]
            if hw.startswith("00database") or hw.startswith("00-database"):
                continue
            key = (off, ln)
            if key in seen:
                continue
            seen.add(key)
            o, n = b64num(off), b64num(ln)
            yield data[o:o + n].decode("utf-8")


HEAD_RE = re.compile(r"^(.*?)((?:\s+/[^/]*/)*)(?:\s+<[^>]*>)?\s*$")


def headword(line):
    """The headword of an entry's first line, without /IPA/ and <tags>."""
    m = HEAD_RE.match(line)
    return m.group(1).strip() if m else line.strip()


SENSE_RE = re.compile(r"^(\d+)\.(?: (.*))?$")


def wikdict_translations(lines):
    """WikDict layout: a translation line, then an optional gloss line in the
    source language; numbered senses start "N. " at column 0.  Lines " N."
    (leading space) are sub-sense glosses and carry no translation."""
    if len(lines) < 2:
        return []
    if not lines[1].startswith("1."):
        return [lines[1]]
    out, n = [], 1
    for x in lines[1:]:
        m = SENSE_RE.match(x)
        if m and int(m.group(1)) == n:
            out.append(m.group(2) or "")
            n += 1
    return out


def ding_translations(lines):
    """Ding layout: exactly one translation line after the headword; then
    Synonym:, see:, Note: and example lines, all indented by 3+ spaces or
    starting " see:"."""
    if len(lines) < 2:
        return []
    x = lines[1]
    if x.startswith(" see:") or x.startswith("   "):
        return []
    return [x]


def ergane_translations(lines):
    """Ergane layout: every following line is a translation line,
    optionally numbered "N. "."""
    out = []
    for x in lines[1:]:
        m = SENSE_RE.match(x)
        out.append(m.group(2) or "" if m else x)
    return [x for x in out if x.strip()]


LAYOUT = {"wikdict": wikdict_translations, "ding": ding_translations,
          "ergane": ergane_translations}

# -------------------------------------------------------------- cleaning --

APOSTROPHES = dict.fromkeys(map(ord, "\u2019\u2018\u00b4\u2032\u02bc\u0060"), "'")
HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011"), "-")
SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2009\u2007"), " ")


def normalize(s):
    s = unicodedata.normalize("NFC", s)
    s = s.translate(APOSTROPHES).translate(HYPHENS).translate(SPACES)
    # format characters: soft hyphen, LRM, word joiner, ...
    return "".join(c for c in s if unicodedata.category(c) != "Cf")


BRACKETS = [re.compile(r"\([^()]*\)"), re.compile(r"\[[^\[\]]*\]"),
            re.compile(r"\{[^{}]*\}"), re.compile(r"<[^<>]*>")]


def strip_brackets(s):
    while True:
        t = s
        for r in BRACKETS:
            t = r.sub(" ", t)
        if t == s:
            return t
        s = t


def split_items(line, cut_at_tag):
    """Split a translation line into its comma-separated items.  Round,
    square and curly brackets go first (commas inside them do not separate
    items); in Ding lines everything from a <tag> to the next comma goes
    (it holds grammar tags, labels and abbreviations: "section <n>s.")."""
    line = normalize(line)
    if not cut_at_tag:
        line = strip_brackets(line)
    else:
        while True:
            t = line
            for r in BRACKETS[:3]:
                t = r.sub(" ", t)
            if t == line:
                break
            line = t
    items = []
    for item in re.split(r"[,;]", line):
        if cut_at_tag:
            item = item.split("<", 1)[0]
        item = re.sub(r"(\s+\d+\.)+\s*$", "", item)  # WikDict "sommet 2."
        if "#" in item:                               # WikDict "lemma#form"
            item = item.rsplit("#", 1)[1]
        item = item.replace("(", " ").replace(")", " ").strip()
        if item:
            items.append(item)
    return items


PLACEHOLDERS = {
    "jd.", "jdm.", "jdn.", "jds.", "jmd.", "jmdm.", "jmdn.", "jmds.", "etw.",
    "sb.", "sth.", "sb.'s", "sth.'s", "o.s.", "s.o.", "s.th.",
    "qn", "qc", "qn.", "qc.", "qqn", "qqch", "qch", "qch.", "qqch.",
}

SEPARATORS = re.compile(r"[/…!?¿¡:\"«»„“”‚‹›–—=+*&|~·•]|\.\.\.")
FEM_SLASH = re.compile(r"(\w)/(e|es|in|innen|ne|nne|se|euse|rice|trice)\b")
FR_ELISION = re.compile(r"^(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'(.+)$")
LATIN = {}


def is_latin_letter(c):
    """A letter of the Latin script, not of the phonetic alphabet (IPA of
    pronunciations, U+0250..U+02FF, would otherwise pass as Latin)."""
    r = LATIN.get(c)
    if r is None:
        r = (c.isalpha() and not 0x250 <= ord(c) <= 0x2FF
             and unicodedata.name(c, "").startswith("LATIN"))
        LATIN[c] = r
    return r


WORD_SHAPE = re.compile(r"^[^\W\d_]+(?:['-][^\W\d_]+)*$")
MAX_WORD = 48


def word(tok, lang):
    """A cleaned, lowercased word, or None when TOK is not a plain word."""
    tok = tok.strip(",;:'-").lower()
    if lang == "fr":
        m = FR_ELISION.match(tok)
        if m:
            tok = m.group(2)
    elif lang == "de" and tok[:2] in ("d'", "l'"):
        tok = tok[2:]                # French loans: d'accord, l'art pour l'art
    elif lang == "en" and tok.endswith("'s"):
        tok = tok[:-2]
    if len(tok) < 2 or len(tok) > MAX_WORD or not WORD_SHAPE.match(tok):
        return None
    if not all(is_latin_letter(c) for c in tok if c not in "'-"):
        return None
    return tok


def tokens(item, lang):
    """(number of tokens in ITEM, list of plain words among them)."""
    item = FEM_SLASH.sub(r"\1", item)
    raw = [t for t in SEPARATORS.sub(" ", item).split() if t.lower() not in PLACEHOLDERS]
    if len(raw) >= 3 and raw[-1].endswith(".") and not raw[-1].endswith(".."):
        raw[-1] = raw[-1][:-1]     # a sentence's full stop; "usw." stays
    words = []
    for t in raw:
        w = word(t, lang)
        if w is not None:
            words.append(w)
    return len(raw), words


def load_list(path):
    with open(path, encoding="utf-8") as f:
        return {l.strip() for l in f if l.strip() and not l.startswith("#")}


# -------------------------------------------------------------- lexicons --

MAX_SINGLE_TO_PHRASE = 4   # content words of a phrase mapped to a single word
MAX_PHRASE_TO_PHRASE = 3   # content words on each side for phrase x phrase


# endings tried when matching a word of a phrase against one-word pairs
# (rote -> rot, rouges -> rouge); only for matching, never written out
EMPTY = frozenset()
ENDINGS = {"de": ("en", "em", "er", "es", "e", "n", "s"),
           "fr": ("es", "s", "e", "x"),
           "en": ("es", "s")}


def forms(w, lang):
    out = [w]
    for e in ENDINGS[lang]:
        if w.endswith(e) and len(w) - len(e) >= 3:
            out.append(w[:-len(e)])
    return out


class Lexicon:
    """Word pairs with, for each, whether a one-word-to-one-word entry gave
    it ("direct") and how many entries gave it ("support").

    Entries are read first (add), then pairs are derived (derive): one-word
    entries give their pair; multiword entries are matched against the
    one-word pairs so that only the words they leave unexplained are paired
    (Persischer Golf / golfe Persique: golf-golfe is known, so only
    persischer-persique is new)."""

    def __init__(self, l1, l2, stop1, stop2):
        self.l1, self.l2, self.stop1, self.stop2 = l1, l2, stop1, stop2
        self.support = collections.Counter()
        self.direct = set()
        self.phrases = collections.Counter()

    def add(self, a, b, swap):
        """Record one entry: phrase A (in l1, or l2 if SWAP) translated by
        phrase B."""
        if swap:
            a, b = b, a
        na, wa = tokens(a, self.l1)
        nb, wb = tokens(b, self.l2)
        if not wa or not wb:
            return
        if na == 1 and nb == 1:
            p = (wa[0], wb[0])
            self.support[p] += 1
            self.direct.add(p)
            return
        ca = tuple(w for w in wa if w not in self.stop1)
        cb = tuple(w for w in wb if w not in self.stop2)
        if ca and cb:
            self.phrases[(na == 1, ca, nb == 1, cb)] += 1

    def derive(self):
        """Pairs from the multiword entries recorded by add()."""
        known = collections.defaultdict(set)
        for x, y in self.direct:
            known[x].add(y)

        def linked(x, y):
            fy = forms(y, self.l2)
            if set(forms(x, self.l1)) & set(fy):
                return True          # the same word: a name, a loan word
            return any(known.get(f, EMPTY) & set(fy) for f in forms(x, self.l1))

        for (single_a, ca, single_b, cb), n in sorted(self.phrases.items()):
            pairs = set()
            if single_a or single_b:
                one, many = (ca[0], cb) if single_a else (cb[0], ca)
                if len(many) > MAX_SINGLE_TO_PHRASE:
                    continue
                if any(linked(one, w) if single_a else linked(w, one) for w in many):
                    continue         # the entry only adds context words
                pairs.update((one, w) if single_a else (w, one) for w in many)
            else:
                if len(ca) > MAX_PHRASE_TO_PHRASE + 1 or len(cb) > MAX_PHRASE_TO_PHRASE + 1:
                    continue
                ra, rb = list(ca), list(cb)
                for x in ca:
                    for y in rb:
                        if linked(x, y):
                            pairs.add((x, y))
                            ra.remove(x)
                            rb.remove(y)
                            break
                if len(ra) == 1 and len(rb) == 1:
                    pairs.add((ra[0], rb[0]))
                elif (ra and rb and len(ca) <= MAX_PHRASE_TO_PHRASE
                      and len(cb) <= MAX_PHRASE_TO_PHRASE):
                    pairs.update((x, y) for x in ra for y in rb)
            for p in pairs:
                self.support[p] += n

    def read(self, dictd, name, layout, swap):
        get = LAYOUT[layout]
        for entry in dictd_entries(dictd, name):
            lines = entry.split("\n")
            hw = normalize(headword(lines[0]))
            hw = strip_brackets(hw).strip()
            for tl in get(lines):
                for item in split_items(tl, cut_at_tag=(layout == "ding")):
                    self.add(hw, item, swap)

    def lines(self, max_bytes=None):
        pairs = sorted(self.support)
        out = ["%s\t%s\n" % p for p in pairs]
        size = sum(len(x.encode()) for x in out)
        dropped = 0
        if max_bytes is not None and size > max_bytes:
            # drop phrase-derived pairs, rarest first, then longest first
            cand = sorted((p for p in pairs if p not in self.direct),
                          key=lambda p: (self.support[p], -len(p[0]) - len(p[1]), p))
            drop = set()
            for p in cand:
                if size <= max_bytes:
                    break
                drop.add(p)
                size -= len(("%s\t%s\n" % p).encode())
            dropped = len(drop)
            out = ["%s\t%s\n" % p for p in pairs if p not in drop]
        return out, dropped


def build_lexicon(args, l1, l2, sources, stops, max_bytes=None):
    lex = Lexicon(l1, l2, stops[l1], stops[l2])
    for name, layout, swap in sources:
        lex.read(args.dictd, name, layout, swap)
    lex.derive()
    return lex, lex.lines(max_bytes)


def build_pivot(de_en, en_fr, de_fr, max_fanout):
    """de-fr pairs through English, from direct (one word to one word)
    pairs only; English words with more than MAX_FANOUT translations on
    either side are not used as pivots."""
    e2d = collections.defaultdict(set)
    e2f = collections.defaultdict(set)
    for d, e in de_en.direct:
        e2d[e].add(d)
    for e, f in en_fr.direct:
        e2f[e].add(f)
    have = set(de_fr.support)
    out = set()
    for e in e2d.keys() & e2f.keys():
        if len(e2d[e]) > max_fanout or len(e2f[e]) > max_fanout:
            continue
        for d in e2d[e]:
            for f in e2f[e]:
                if (d, f) not in have:
                    out.add((d, f))
    return ["%s\t%s\n" % p for p in sorted(out)]


# --------------------------------------------------------- abbreviations --

def autocorr_list(path):
    """Abbreviations of SentenceExceptList.xml inside a LibreOffice .dat."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("SentenceExceptList.xml"))
    ns = "{http://openoffice.org/2001/block-list}"
    out = []
    for b in root.iter(ns + "block"):
        a = unicodedata.normalize("NFC", b.get(ns + "abbreviated-name", ""))
        # "~str." marks a word ending; not a word of its own
        if a.endswith(".") and not a.startswith("~") and " " not in a:
            out.append(a)
    return out


def hunspell_abbrevs(path):
    """The stems of a hunspell .dic file that end with a period."""
    abbrevs = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            if line[:1] in "\t#" or not line.strip():
                continue
            w = unicodedata.normalize("NFC", line.split()[0].split("/")[0])
            if w.endswith(".") and len(w) > 1:
                abbrevs.append(w)
    return abbrevs


ABBREV_SHAPE = re.compile(r"^(?:[^\W\d_][\w&-]*\.)(?:[ -]?[^\W\d_][\w&-]*\.)*$")
CLASSES = {"", "prefix", "numeric", "drop"}


def read_extra(path):
    """abbrev-extra-LANG.txt: 'ABBR[<TAB>CLASS]' lines, # comments."""
    out = collections.OrderedDict()
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            a, _, cls = line.partition("\t")
            a = unicodedata.normalize("NFC", a.strip())
            cls = cls.strip()
            if cls not in CLASSES or not ABBREV_SHAPE.match(a):
                sys.exit("%s:%d: bad line: %r" % (path, n, line))
            out[a] = cls
    return out


def capitalized(a):
    return a[0].upper() + a[1:]


def build_abbrev(auto, extra, words):
    """Merge automatic and hand-written entries.  An automatic entry whose
    bare form (without the final period, lowercased) is in WORDS becomes
    `numeric`; the hand-written class always wins."""
    table = {}
    for a in auto:
        # single letters are initials or list numbering, left to the
        # segmenter's own rule for initials unless listed by hand
        if not ABBREV_SHAPE.match(a) or len(a) == 2:
            continue
        bare = a[:-1]
        cls = "numeric" if (" " not in bare and "." not in bare and
                            bare.lower() in words) else ""
        table.setdefault(a, cls)
        if a[0].islower():
            table.setdefault(capitalized(a), cls)
    for a, cls in extra.items():
        table[a] = cls
        if a[0].islower() and capitalized(a) not in extra:
            table[capitalized(a)] = cls
    # every first part of a spaced form must be known on its own; unless
    # the hand-written list says otherwise it never ends a sentence
    for a, cls in list(table.items()):
        if " " in a and cls != "drop":
            for part in a.split(" ")[:-1]:
                # "I." of "I. e." would stop "World War I." from ending a
                # sentence: capital initials are left to the segmenter
                if len(part) == 2 and part[0].isupper():
                    continue
                if part not in extra:
                    table[part] = "prefix"
    return ["%s\t%s\n" % (a, c) if c else a + "\n"
            for a, c in sorted(table.items()) if c != "drop"]


# ------------------------------------------------------------------ main --

def write(path, lines):
    """Write LINES to PATH atomically, after checking the promises made in
    dicts/README: sorted, unique, NFC, one LF-terminated line per entry."""
    for i, l in enumerate(lines):
        if (not l.endswith("\n") or "\r" in l or l.count("\n") != 1
                or unicodedata.normalize("NFC", l) != l
                or (i and lines[i - 1] >= l)):
            sys.exit("%s: line %d breaks the file format: %r" % (path, i + 1, l))
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(lines)
    os.replace(tmp, path)
    return len(lines)


def main():
    ap = argparse.ArgumentParser(
        description="Build the lexicons, abbreviation and stop-word lists of dicts/.")
    ap.add_argument("--dictd", default="/usr/share/dictd")
    ap.add_argument("--hunspell", default="/usr/share/hunspell")
    ap.add_argument("--autocorr", default="/usr/lib/libreoffice/share/autocorr")
    ap.add_argument("--out", default=HERE)
    ap.add_argument("--max-de-en-mb", type=float, default=15.0)
    ap.add_argument("--pivot-fanout", type=int, default=3)
    args = ap.parse_args()

    stops = {l: load_list(os.path.join(HERE, "stop-%s.txt" % l)) for l in ("de", "fr", "en")}
    for l, s in stops.items():       # keep the hand-written lists tidy
        write(os.path.join(args.out, "stop-%s.txt" % l), [w + "\n" for w in sorted(s)])

    counts = []
    de_fr, (lines, _) = build_lexicon(args, "de", "fr", [
        ("deu-fra", "wikdict", False), ("fra-deu", "wikdict", True)], stops)
    counts.append(("lex-de-fr.txt", write(os.path.join(args.out, "lex-de-fr.txt"), lines)))
    de_en, (lines, dropped) = build_lexicon(args, "de", "en", [
        ("deu-eng", "ding", False), ("eng-deu", "ding", True)], stops,
        max_bytes=int(args.max_de_en_mb * 1e6))
    counts.append(("lex-de-en.txt", write(os.path.join(args.out, "lex-de-en.txt"), lines)))
    if dropped:
        print("lex-de-en.txt: dropped %d rare phrase-derived pairs for size" % dropped)
    en_fr, (lines, _) = build_lexicon(args, "en", "fr", [
        ("eng-fra", "ergane", False), ("fra-eng", "ergane", True)], stops)
    counts.append(("lex-en-fr.txt", write(os.path.join(args.out, "lex-en-fr.txt"), lines)))
    lines = build_pivot(de_en, en_fr, de_fr, args.pivot_fanout)
    counts.append(("lex-de-fr-pivot.txt",
                   write(os.path.join(args.out, "lex-de-fr-pivot.txt"), lines)))
    for name, lex in (("de-fr", de_fr), ("de-en", de_en), ("en-fr", en_fr)):
        print("lex-%s: %d pairs from one-word entries, %d phrase-derived"
              % (name, len(lex.direct), len(lex.support) - len(lex.direct)))

    # words of the language: an abbreviation whose bare form is one of them
    # (de Art., en no.) is only taken as such before a number
    # (from one-word entries of WikDict and Ergane only: Ding also lists bare abbreviations, "MwSt")
    lexwords = {
        "de": {p[0] for p in de_fr.direct},
        "en": {p[0] for p in en_fr.direct},
        "fr": {p[1] for p in de_fr.direct} | {p[1] for p in en_fr.direct},
    }
    for lang, acor, dic in (("de", "acor_de.dat", "de_DE"), ("fr", "acor_fr.dat", "fr"),
                            ("en", "acor_en-US.dat", "en_US")):
        auto = autocorr_list(os.path.join(args.autocorr, acor))
        hun = hunspell_abbrevs(os.path.join(args.hunspell, dic + ".dic"))
        words = lexwords[lang]
        extra = read_extra(os.path.join(HERE, "abbrev-extra-%s.txt" % lang))
        print("abbrev-%s: %d from LibreOffice, %d from hunspell, %d hand-written"
              % (lang, len(auto), len(hun), len(extra)))
        lines = build_abbrev(auto + hun, extra, words)
        counts.append(("abbrev-%s.txt" % lang,
                       write(os.path.join(args.out, "abbrev-%s.txt" % lang), lines)))

    for name, n in counts + [("stop-%s.txt" % l, len(stops[l])) for l in ("de", "fr", "en")]:
        print("%-22s %8d lines" % (name, n))


if __name__ == "__main__":
    main()
