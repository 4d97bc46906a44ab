#!/bin/sh
# Accuracy regression test: align's strict and lax F1 on textberg-dev
# (tests/data/textberg-dev, German source, French target, presegmented) for
# each anchor set of the ablation in README "How the aligner works", scored by
# bench/score.py. The values are exact: a change of the model that moves them
# must update them here and in README, on purpose. TAP output.
set -u
: "${ALIGN:=./align}" "${top_srcdir:=.}" "${PYTHON3:=python3}"
data="$top_srcdir/tests/data/textberg-dev"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

# f1 NAME STRICT LAX OPTION...: align with OPTION... and compare the F1s.
f1() {
    name=$1 want="$2 $3"
    shift 3
    n=$((n + 1))
    if "$ALIGN" --presegmented --format=beads "$@" "$data/de.txt" \
            "$data/fr.txt" >"$tmp/beads" 2>"$tmp/err"; then
        got=$("$PYTHON3" "$top_srcdir/bench/score.py" --json \
                "$data/gold.txt" "$tmp/beads" |
              "$PYTHON3" -c 'import json,sys; d=json.load(sys.stdin); print("%.3f %.3f" % (d["f1_strict"], d["f1_lax"]))')
    else
        got="exit $? $(cat "$tmp/err")"
    fi
    if [ "$got" = "$want" ]; then
        echo "ok $n - $name: strict/lax F1 $got"
    else
        echo "not ok $n - $name: strict/lax F1 $got, expected $want"
        failed=$((failed + 1))
    fi
}

f1 "length only" 0.721 0.853 --anchors=none
f1 "length only, no second pass (settled search)" 0.721 0.853 \
    --anchors=none --no-second-pass
f1 "length and punctuation" 0.775 0.906 --anchors=punct
f1 "numbers" 0.847 0.971 --anchors=numbers,punct
f1 "numbers, words, cognates" 0.811 0.939 --anchors=numbers,words,cognates,punct
f1 "+ dictionary, no stems" 0.875 0.986 --anchors=-stems
f1 "all anchors, no second pass" 0.890 0.988 --no-second-pass
f1 "all but punctuation" 0.885 0.986 --anchors=-punct
f1 "default" 0.890 0.988
f1 "max bead 2" 0.805 0.952 --max-bead 2

echo "1..$n"
[ "$failed" -eq 0 ]
