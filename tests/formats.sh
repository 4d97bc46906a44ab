#!/bin/sh
# Output formats: TMX against the TMX 1.4b DTD and XLIFF against the XLIFF
# 1.2 strict schema (xmllint), JSON lines through python3's json module, the
# ladder against the beads, escaping of markup, quotes and control
# characters in every format, --color, write errors, and --help against the
# man page. TAP output for automake's driver.
set -u
: "${ALIGN:=./align}" "${top_srcdir:=.}" "${PYTHON3:=python3}" "${XMLLINT:=xmllint}"
case $ALIGN in /*) ;; *) ALIGN=$PWD/$ALIGN ;; esac
data=$(cd "$top_srcdir/tests/data/formats" && pwd)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/tap.sh"

have() { command -v "$1" >/dev/null 2>&1 && [ "$1" != false ]; }

cp "$top_srcdir/examples/article.fr.txt" "$top_srcdir/examples/article.de.txt" "$tmp/"
cd "$tmp" || exit 99
al() { "$ALIGN" -s fr -t de "$@"; }

for fmt in tsv jsonl tmx xliff beads ladder text html report; do
    ok_if "$fmt: examples/ written" al -f "$fmt" -o "ex.$fmt" article.fr.txt article.de.txt
done

# Hostile input: markup, quotes, C0/C1 controls, DEL, ESC, non-characters
# U+FFFE/U+FFFF (valid UTF-8, invalid in XML 1.0), a script element.
printf '%s\n' \
    'Le prix est <b>5 €</b> & "plus" l'"'"'an.' \
    "Une phrase avec $(printf '\001') contrôle$(printf '\013') et $(printf '\177') et $(printf '\302\200') fin." \
    "Non-caractère $(printf '\357\277\276') et $(printf '\357\277\277') et $(printf '\033')[31m ici." \
    '<script>document.title="pwned"</script> Fin.' > bad.fr
printf '%s\n' \
    'Der Preis ist <b>5 €</b> & "mehr" im Jahr.' \
    "Ein Satz mit $(printf '\001') Steuerzeichen$(printf '\013') und $(printf '\177') und $(printf '\302\200') Ende." \
    "Nichtzeichen $(printf '\357\277\276') und $(printf '\357\277\277') und $(printf '\033')[31m hier." \
    '<script>document.title="pwned"</script> Ende.' > bad.de
for fmt in jsonl tmx xliff text html report; do
    ok_if "$fmt: hostile input written" al -p -f "$fmt" -o "bad.$fmt" bad.fr bad.de
done

# ---- TMX ----
if have "$XMLLINT"; then
    ok_if "tmx: examples/ valid against the TMX 1.4b DTD" \
        "$XMLLINT" --noout --nonet --dtdvalid "$data/tmx14.dtd" ex.tmx
    ok_if "tmx: hostile input valid against the DTD" \
        "$XMLLINT" --noout --nonet --dtdvalid "$data/tmx14.dtd" bad.tmx
    sed 's/ srclang="fr"//' ex.tmx > broken.tmx
    ok_if "tmx: the DTD check rejects a header without srclang" \
        sh -c '! "$1" --noout --nonet --dtdvalid "$2" broken.tmx' sh "$XMLLINT" "$data/tmx14.dtd"
    ok_if "xliff: examples/ valid against the XLIFF 1.2 strict schema" \
        "$XMLLINT" --noout --nonet --schema "$data/xliff-core-1.2-strict.xsd" ex.xliff
    ok_if "xliff: hostile input valid against the schema" \
        "$XMLLINT" --noout --nonet --schema "$data/xliff-core-1.2-strict.xsd" bad.xliff
    sed 's/state="translated"/state="done"/' ex.xliff > broken.xliff
    ok_if "xliff: the schema check rejects an unknown state" \
        sh -c '! "$1" --noout --nonet --schema "$2" broken.xliff' sh "$XMLLINT" "$data/xliff-core-1.2-strict.xsd"
else
    for t in "tmx: DTD" "tmx: DTD, hostile" "tmx: DTD rejects" "xliff: schema" \
             "xliff: schema, hostile" "xliff: schema rejects"; do
        skip "$t" "xmllint not found (apt-get install libxml2-utils)"
    done
fi

expect_line() {   # expect_line FILE LINE: FILE has exactly that line
    grep -qxF -- "$2" "$1" || { echo "no line: $2"; return 1; }
}
ok_if "tmx: markup and quotes escaped" expect_line bad.tmx \
    '      <tuv xml:lang="fr"><seg>Le prix est &lt;b&gt;5 €&lt;/b&gt; &amp; &quot;plus&quot; l'"'"'an.</seg></tuv>'
ok_if "tmx: C0 controls as U+FFFD, DEL and C1 as references" expect_line bad.tmx \
    '      <tuv xml:lang="de"><seg>Ein Satz mit � Steuerzeichen� und &#x7F; und &#x80; Ende.</seg></tuv>'
ok_if "tmx: U+FFFE, U+FFFF and ESC as U+FFFD" expect_line bad.tmx \
    '      <tuv xml:lang="fr"><seg>Non-caractère � et � et �[31m ici.</seg></tuv>'
ok_if "tmx: header as documented" expect_line ex.tmx \
    '  <header creationtool="align" creationtoolversion="0.1.0" segtype="sentence" o-tmf="align" adminlang="en" srclang="fr" datatype="plaintext"/>'
ok_if "xliff: control characters in a target" expect_line bad.xliff \
    '        <target state="translated">Ein Satz mit � Steuerzeichen� und &#x7F; und &#x80; Ende.</target>'

# Units: every bead in XLIFF, the beads with both sides in TMX; flagged
# XLIFF units need review and carry one note per flag.
ok_if "tmx and xliff: unit counts and states match the TSV" "$PYTHON3" - <<'EOF'
import csv, re, sys
rows = list(csv.reader(open("ex.tsv", encoding="utf-8"), delimiter="\t",
                       quoting=csv.QUOTE_NONE))[1:]
both = sum(1 for r in rows if r[0] and r[1])
flagged = [r for r in rows if r[3]]
nflags = sum(len(r[3].split(",")) for r in flagged)
tmx = open("ex.tmx", encoding="utf-8").read()
xlf = open("ex.xliff", encoding="utf-8").read()
checks = [
    ("tmx tu", tmx.count("<tu "), both),
    ("tmx tuv", tmx.count("<tuv "), 2 * both),
    ("tmx x-align-flag props", tmx.count('<prop type="x-align-flag">'),
     sum(len(r[3].split(",")) for r in flagged if r[0] and r[1])),
    ("xliff units", xlf.count("<trans-unit "), len(rows)),
    ("xliff needs-review", xlf.count('state="needs-review-translation"'), len(flagged)),
    ("xliff notes", xlf.count('<note from="align"'), nflags),
]
bad = [c for c in checks if c[1] != c[2]]
for name, got, want in bad:
    print("%s: %d, expected %d" % (name, got, want))
if not flagged:
    print("examples/ should have flagged beads")
sys.exit(1 if bad or not flagged else 0)
EOF

# ---- JSON lines ----
ok_if "jsonl: every line parses, fields match the TSV and the input" "$PYTHON3" - <<'EOF'
import csv, json, sys
rows = list(csv.reader(open("ex.tsv", encoding="utf-8"), delimiter="\t",
                       quoting=csv.QUOTE_NONE))[1:]
lines = open("ex.jsonl", encoding="utf-8").read().split("\n")
assert lines[-1] == "", "last line ends with a newline"
objs = [json.loads(l) for l in lines[:-1]]
assert len(objs) == len(rows), "%d objects, %d TSV rows" % (len(objs), len(rows))
orig = {"source": open("article.fr.txt", "rb").read(),
        "target": open("article.de.txt", "rb").read()}
keys = ["bead", "src_ids", "tgt_ids", "src_lang", "tgt_lang", "score",
        "source", "target", "flags"]
fkeys = ["code", "severity", "message", "side", "span", "span_text"]
spans = 0
for i, (o, r) in enumerate(zip(objs, rows)):
    assert list(o) == keys, "keys of bead %d: %s" % (i + 1, list(o))
    assert o["bead"] == i + 1
    assert ",".join(map(str, o["src_ids"])) == r[0], (o["src_ids"], r[0])
    assert ",".join(map(str, o["tgt_ids"])) == r[1], (o["tgt_ids"], r[1])
    assert (o["src_lang"], o["tgt_lang"]) == ("fr", "de")
    assert "%.3f" % o["score"] == r[2], (o["score"], r[2])
    assert o["source"] == r[4] and o["target"] == r[5], "texts of bead %d" % (i + 1)
    assert ",".join("%s:%s" % (f["code"], f["severity"]) for f in o["flags"]) == r[3]
    for f in o["flags"]:
        assert list(f) == fkeys, list(f)
        assert f["side"] in ("source", "target") and f["message"]
        if f["span"] is not None:
            b, e = f["span"]
            assert orig[f["side"]][b:e].decode("utf-8") == f["span_text"], f
            spans += 1
assert spans > 0, "examples/ should have flags with spans"
EOF
ok_if "jsonl: hostile input kept exactly" "$PYTHON3" - <<'EOF'
import json
o = [json.loads(l) for l in open("bad.jsonl", encoding="utf-8")]
src = [x["source"] for x in o]
assert src == ['Le prix est <b>5 \u20ac</b> & "plus" l\'an.',
               'Une phrase avec \x01 contr\xf4le\x0b et \x7f et \x80 fin.',
               'Non-caract\xe8re \ufffe et \uffff et \x1b[31m ici.',
               '<script>document.title="pwned"</script> Fin.'], src
raw = open("bad.jsonl", "rb").read()
assert b"\\u0001" in raw and b"\\u007f" in raw and b"\\u001b" in raw, "controls as \\u escapes"
assert all(c >= 0x20 or c == 0x0A for c in raw), "no raw control byte"
EOF

# ---- ladder ----
if have "$PYTHON3"; then
    ok_if "ladder: rungs give the same beads as --format=beads" sh -c '
        "$1" "$2/bench/ladder2beads.py" ex.ladder > ladder.beads &&
        sed "s/:[^:]*\$//" ex.beads | cmp - ladder.beads' sh "$PYTHON3" "$top_srcdir"
fi
ok_if "ladder: first rung 0 0, last rung the sentence counts" sh -c '
    head -1 ex.ladder | grep -q "^0	0	" &&
    test "$(tail -1 ex.ladder)" = "$(printf "%s\t%s\t1.000" \
        "$(tail -1 ex.tsv | cut -f1 | tr , "\n" | tail -1)" \
        "$(tail -1 ex.tsv | cut -f2 | tr , "\n" | tail -1)")"'

# ---- text, report: nothing from the input reaches the terminal raw ----
no_raw_controls() {   # no byte < 0x20 but LF, no DEL, no C1 (U+0080..U+009F)
    LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$1" && { echo "raw control in $1"; return 1; }
    LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1" && { echo "raw C1 in $1"; return 1; }
    return 0
}
ok_if "text: controls as pictures, no escape sequence" no_raw_controls bad.text
ok_if "report: controls as pictures, no escape sequence" no_raw_controls bad.report
ok_if "text: control pictures" expect_line bad.text \
    '  Une phrase avec ␁ contrôle␋ et ␡ et � │ Ein Satz mit ␁ Steuerzeichen␋ und ␡'
ok_if "text: ESC shown as its picture" grep -qF 'et ␛[31m ici.' bad.text
# grep reads all of align's output (no -q): an early exit would kill align
# with SIGPIPE, which valgrind reports in CI.
ok_if "text: --color=always colors the flags" sh -c '
    "$1" -s fr -t de -f text --color=always article.fr.txt article.de.txt |
    grep "$(printf "\033")\[1;31merror" >/dev/null' sh "$ALIGN"
ok_if "text: --color=never and a pipe (auto) have no colors" sh -c '
    "$1" -s fr -t de -f text --color=never article.fr.txt article.de.txt > never.text &&
    "$1" -s fr -t de -f text article.fr.txt article.de.txt > auto.text &&
    cmp never.text ex.text && cmp auto.text ex.text &&
    ! grep -q "$(printf "\033")" ex.text' sh "$ALIGN"
ok_if "text: no line wider than 80 columns" "$PYTHON3" -c '
import sys, unicodedata
for f in ("ex.text", "ex.report"):
    for i, l in enumerate(open(f, encoding="utf-8").read().split("\n")):
        w = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l)
        if w > 80: sys.exit("%s:%d: %d columns" % (f, i + 1, w))'
ok_if "report: one section per flagged pair, counts at the top" sh -c '
    flagged=$(tail -n +2 ex.tsv | awk -F "\t" "\$4 != \"\"" | wc -l) &&
    test "$(grep -c "^Pair [0-9]*: source " ex.report)" -eq "$flagged" &&
    grep -q "^$flagged of $(($(wc -l < ex.tsv) - 1)) pairs flagged" ex.report &&
    grep -q "^flag  *severity pairs flags  meaning\$" ex.report'

# ---- html: escaping (rendering is tests/html.sh) ----
ok_if "html: markup and script from the input escaped" sh -c '
    grep -qF "Le prix est &lt;b&gt;5 €&lt;/b&gt; &amp; &quot;plus&quot; l&#39;an." bad.html &&
    grep -qF "&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt; Fin." bad.html &&
    test "$(grep -c "<script>" bad.html)" -eq 1'
ok_if "html: controls as pictures" grep -qF 'Une phrase avec ␁ contrôle␋ et ␡ et � fin.' bad.html
ok_if "html: no raw control bytes" no_raw_controls bad.html
ok_if "html: self-contained (no link to anything outside the page)" sh -c '
    ! grep -Eiq "(src|href)=\"[^#\"]|@import|url\(|https?://" ex.html'

# ---- errors ----
for fmt in tsv jsonl tmx xliff beads ladder text html report; do
    ok_if "$fmt: write error reported, status 2" sh -c '
        "$1" -s fr -t de -f "$2" article.fr.txt article.de.txt > /dev/full 2> err
        test $? -eq 2 && grep -q "^align: standard output: write error" err' sh "$ALIGN" "$fmt"
done

# ---- --help and the man page list the same options ----
man="$top_srcdir/doc/align.1"
ok_if "--help and align(1) list the same long options" sh -c '
    "$1" --help | grep -o -- "--[a-z][a-z-]*" | sort -u > help.opts &&
    sed "s/\\\\-/-/g" "$2" | grep -o -- "--[a-z][a-z-]*" | sort -u > man.opts &&
    diff help.opts man.opts' sh "$ALIGN" "$man"
ok_if "--help and align(1) list the same formats" sh -c '
    for f in tsv jsonl tmx xliff beads ladder text html report; do
        "$1" --help | grep "\\b$f\\b" >/dev/null && grep -q "^\\.B $f\$" "$2" || { echo "$f"; exit 1; }
    done' sh "$ALIGN" "$man"

done_testing
