#!/bin/sh
# Accuracy regression test: align's strict and lax F1 on textberg-dev
# (tests/data/textberg-dev, German source, French target, presegmented) for
# each anchor set of the ablation in README "How the aligner works", and on
# the same text repeated 50 times as one document, scored by bench/score.py.
# The values are exact: a change of the model that moves them must update
# them here and in README, on purpose. TAP output.
set -u
: "${ALIGN:=./align}" "${top_srcdir:=.}" "${PYTHON3:=python3}"
case $top_srcdir in /*) ;; *) top_srcdir=$PWD/$top_srcdir ;; esac
data="$top_srcdir/tests/data/textberg-dev"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/tap.sh"

# f1 NAME STRICT LAX SRC TGT GOLD [OPTION...]: align SRC and TGT with
# OPTION... and compare the F1s against GOLD with the expected ones.
f1() {
    name=$1 want="$2 $3" src=$4 tgt=$5 gold=$6
    shift 6
    if "$ALIGN" --presegmented --format=beads "$@" "$src" "$tgt" \
            >"$tmp/beads" 2>"$tmp/err"; then
        got=$("$PYTHON3" "$top_srcdir/bench/score.py" --json "$gold" \
                "$tmp/beads" |
              "$PYTHON3" -c 'import json, sys; d = json.load(sys.stdin); print("%.3f %.3f" % (d["f1_strict"], d["f1_lax"]))')
    else
        got="exit $? $(cat "$tmp/err")"
    fi
    [ "$got" = "$want" ]
    result "$name: strict/lax F1 $want" $? "got $got"
}

# dev NAME STRICT LAX [OPTION...]: f1 on textberg-dev.
dev() {
    name=$1 s=$2 l=$3
    shift 3
    f1 "$name" "$s" "$l" "$data/de.txt" "$data/fr.txt" "$data/gold.txt" "$@"
}

dev "length only" 0.790 0.915 --anchors=none
dev "length only, no second pass (settled search)" 0.789 0.915 \
    --anchors=none --no-second-pass
dev "length and punctuation" 0.834 0.930 --anchors=punct
dev "numbers" 0.898 0.984 --anchors=numbers,punct
dev "numbers, words, cognates" 0.864 0.952 --anchors=numbers,words,cognates,punct
dev "+ dictionary, no stems" 0.920 0.988 --anchors=-stems
dev "all anchors, no second pass" 0.917 0.988 --no-second-pass
dev "all but punctuation" 0.910 0.987 --anchors=-punct
dev "default" 0.927 0.989
dev "max bead 4" 0.919 0.986 --max-bead 4
dev "max bead 2" 0.819 0.952 --max-bead 2

# A batch of short articles: textberg-dev cut into 20 pieces between gold
# beads (bench/split-pair.py), aligned with --batch, scored over all pieces.
# Without a dictionary, a lexicon learned over the whole batch finds what
# each piece is too short to teach.
"$PYTHON3" "$top_srcdir/bench/split-pair.py" --data "$data" \
    --out "$tmp/pieces" 20 || exit 99
# pieces NAME STRICT LAX [OPTION...]: the batch of pieces with OPTION...
pieces() {
    name=$1 want="$2 $3"
    shift 3
    rm -f "$tmp"/pieces/*.beads
    if "$ALIGN" --presegmented --format=beads "$@" \
            --batch "$tmp/pieces/manifest.txt" 2>"$tmp/err"; then
        set -- "$tmp"/pieces/p*.gold
        args=
        for g in "$@"; do args="$args $g ${g%.gold}.beads"; done
        # shellcheck disable=SC2086 # the paths hold no spaces (mktemp)
        got=$("$PYTHON3" "$top_srcdir/bench/score.py" --json $args |
              "$PYTHON3" -c 'import json, sys; d = json.load(sys.stdin); print("%.3f %.3f" % (d["f1_strict"], d["f1_lax"]))')
    else
        got="exit $? $(cat "$tmp/err")"
    fi
    [ "$got" = "$want" ]
    result "$name: strict/lax F1 $want" $? "got $got"
}
nodict=--anchors=numbers,words,cognates,punct
pieces "20 pieces, no dictionary, lexicon learned per piece" 0.814 0.918 $nodict
pieces "20 pieces, no dictionary, --batch-lexicon" 0.829 0.932 \
    $nodict --batch-lexicon
pieces "20 pieces, default" 0.915 0.988
pieces "20 pieces, --batch-lexicon" 0.917 0.987 --batch-lexicon

# The search on a long document: textberg-dev 50 times as one document
# (23,400 x 27,700 sentences: five coarse levels guide the band search). A
# coarse level that kept too few anchors per unit once aligned these copies
# shifted (strict F1 0.137).
"$PYTHON3" - "$data" "$tmp/x50" 50 <<'PY'
import sys
data, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
src = open(data + "/de.txt", encoding="utf-8").read()
tgt = open(data + "/fr.txt", encoding="utf-8").read()
open(out + ".de", "w", encoding="utf-8").write(src * n)
open(out + ".fr", "w", encoding="utf-8").write(tgt * n)
ns, nt = src.count("\n"), tgt.count("\n")
ids = lambda s, off: "[" + ", ".join(
    str(int(x) + off) for x in s.strip("[]").split(",") if x.strip()) + "]"
with open(out + ".gold", "w") as g:
    for k in range(n):
        for line in open(data + "/gold.txt"):
            a, b = line.strip().split(":")[:2]
            g.write(ids(a, k * ns) + ":" + ids(b, k * nt) + "\n")
PY
f1 "textberg-dev x50 as one document" 0.925 0.993 \
    "$tmp/x50.de" "$tmp/x50.fr" "$tmp/x50.gold"

done_testing
