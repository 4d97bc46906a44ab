#!/usr/bin/env python3
"""make-corpus.py - writes the fuzz targets' seed corpora (fuzz/corpus/TARGET/)
from the test data and examples, in the input layout of fuzz/fuzz.h: one
option byte, then the text (pair targets: source, 0x1E, target).

Deterministic: the same data gives the same files. Run from the source tree:
    python3 fuzz/make-corpus.py
Seeds stay under MAX_LEN bytes (run.sh passes -max_len) so libFuzzer keeps
them whole.
"""
import hashlib
import os
import re
import shutil
import sys

MAX_LEN = 8192
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus")

LANG = {None: 0, "de": 1, "fr": 2, "en": 3}


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


# Option bits 4-5 select max_bead from this list (fuzz/fuzz.c).
MAX_BEAD = [1, 2, 4, 5]


def pair_opt(src, tgt, max_bead=4, preseg=False, checks_off=False):
    return bytes([LANG[src] | LANG[tgt] << 2 | MAX_BEAD.index(max_bead) << 4 |
                  preseg << 6 | checks_off << 7])


def head(data, n):
    """The first paragraphs or lines of DATA within N bytes."""
    if len(data) <= n:
        return data
    cut = data.rfind(b"\n", 0, n)
    return data[:cut + 1] if cut > 0 else data[:n]


def cases(path):
    """Input texts ('< ' lines) of a segmentation .cases file."""
    texts, cur = [], None
    for line in read(path).split(b"\n"):
        if line.startswith(b"<"):
            cur = (cur + b"\n" if cur is not None else b"") + line[2:]
        elif cur is not None:
            texts.append(cur)
            cur = None
    if cur is not None:
        texts.append(cur)
    return texts


def pick(items, k):
    """K items spread evenly over ITEMS."""
    if len(items) <= k:
        return items
    return [items[i * len(items) // k] for i in range(k)]


def write(target, seeds):
    d = os.path.join(OUT, target)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for name, data in seeds:
        data = data[:MAX_LEN]
        h = hashlib.sha1(data).hexdigest()[:8]
        with open(os.path.join(d, "%s-%s" % (name, h)), "wb") as f:
            f.write(data)


def main():
    fr, de = read("examples/article.fr.txt"), read("examples/article.de.txt")
    frs, des = read("examples/article.fr.sent"), read("examples/article.de.sent")
    tb_de = read("tests/data/textberg-dev/de.txt")
    tb_fr = read("tests/data/textberg-dev/fr.txt")
    seed_de = read("tests/data/seed/article.de.txt")
    seg = {lang: pick(cases("tests/data/segmentation/%s.cases" % lang) +
                      cases("tests/data/segmentation/own-%s.cases" % lang)
                      if lang != "en" else
                      cases("tests/data/segmentation/en.cases"), 40)
           for lang in ("de", "fr", "en")}

    # decode: option byte 0 = detect the encoding (see fuzz_decode.c).
    dec = [("article-fr", b"\0" + fr), ("article-de", b"\0" + de),
           ("textberg-de", b"\0" + head(tb_de, 4000)),
           ("seed-de", b"\0" + head(seed_de, 4000)),
           ("cp1252", b"\x09" + fr.decode().encode("cp1252", "replace")[:2000]),
           ("latin1-undeclared", b"\0" + de.decode().encode("latin-1", "replace")[:2000]),
           ("utf16le-bom", b"\0" + b"\xff\xfe" + de[:1000].decode("utf-8", "ignore").encode("utf-16-le")),
           ("utf16be-bom", b"\0" + b"\xfe\xff" + fr[:1000].decode("utf-8", "ignore").encode("utf-16-be")),
           ("utf16le-nobom", b"\0" + de[:1000].decode("utf-8", "ignore").encode("utf-16-le")),
           ("utf16-named", b"\x0a" + fr[:800].decode("utf-8", "ignore").encode("utf-16")),
           ("utf32-bom", b"\0" + "Été 2024.\r\n".encode("utf-32")),
           ("utf8-bom-crlf", b"\0\xef\xbb\xbf" + de[:1500].replace(b"\n", b"\r\n")),
           ("marks", b"\0" + "Cafe\u0301 e\u0301te\u0301 \u00a0\u00ad\u200b\ufeff\u2028x\u2029y\u0085z "
                          "\u1e9b\u0323 \ufb2c \u0344 A\u030a\u0327".encode()),
           ("damage", b"\0" + "Gr??e \ufffd Ã© â€™ \x01\x7f\u0085".encode())]
    for lang, texts in seg.items():
        dec += [("case-%s-%d" % (lang, i), b"\0" + t) for i, t in enumerate(texts[:10])]
    write("decode", dec)

    # segment: bits 0-1 language (de, fr, en), bit 2 presegmented.
    sg = [("article-fr", b"\x01" + fr), ("article-de", b"\x00" + de),
          ("article-fr-sent", b"\x05" + frs), ("article-de-sent", b"\x04" + des),
          ("textberg-de", b"\x00" + head(tb_de, 4000)),
          ("textberg-fr", b"\x01" + head(tb_fr, 4000))]
    for li, lang in enumerate(("de", "fr", "en")):
        sg += [("case-%s-%d" % (lang, i), bytes([li]) + t)
               for i, t in enumerate(seg[lang])]
    write("segment", sg)

    # align and write: pairs.
    pairs = [("article-fr-de", pair_opt("fr", "de") + fr + b"\x1e" + de),
             ("article-detect", pair_opt(None, None) + fr + b"\x1e" + de),
             ("article-sent", pair_opt("fr", "de", preseg=True) + frs + b"\x1e" + des),
             ("article-bead1", pair_opt("fr", "de", max_bead=1) + fr + b"\x1e" + de),
             ("article-bead4-nochecks", pair_opt("fr", "de", max_bead=4, checks_off=True) + fr + b"\x1e" + de),
             ("textberg", pair_opt("de", "fr") + head(tb_de, 3500) + b"\x1e" + head(tb_fr, 3500)),
             ("same-file", pair_opt("de", "de") + de),
             ("one-side-short", pair_opt("fr", "de") + b"Une phrase.\x1e" + de),
             ("numbers", pair_opt("de", "en") + "Am 6. Januar kosteten 1.500 Stück 5,5 Mio. Euro.\n"
              "Das sind 12 % mehr als 2023.".encode() + b"\x1e" +
              b"On 6 January 1,500 pieces cost EUR 5.5 million.\nThat is 13% more than in 2023."),
             ("damage", pair_opt("fr", "de") + "Un été chaud.\nLe prix est de 3 €.".encode() + b"\x1e" +
              "Ein Sommer Ã¼ber.\nDer Preis betr??t 3 \ufffd.\x01".encode())]
    # manifest: batch manifests as the README shows them, and the corners.
    man = [("readme", b"# reports of 2024          (a comment)\n"
            b"fr/report-01.txt   de/report-01.txt   out/report-01.tsv\n"
            b"fr/report-02.txt   de/report-02.txt\n"
            b'"fr/rapport annuel.txt"\t"de/Jahresbericht.txt"\tout/annual.tsv\n'),
           ("crlf-bom", b"\xef\xbb\xbfa.txt b.txt\r\n\r\n  # c\r\nc.txt d.txt -\r\n"),
           ("escapes", b'"a \\"q\\" \\\\ b" "c\\d" "/abs/e f"\n'),
           ("stdin", b"- b.txt\n"),
           ("too-many", b"a b c d\n"),
           ("one-name", b"a\n"),
           ("unclosed", b'"a b\n'),
           ("glued-quote", b'"a"b c\n'),
           ("empty-name", b'"" b\n'),
           ("nul", b"a\0 b\n"),
           ("no-final-newline", b"x.txt y.txt out.tsv")]
    write("manifest", man)
    write("align", pairs)
    write("write", pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
