#!/bin/sh
# Properties through the command line, on random pairs written by
# tests/property --write (seeded: ALIGN_PROPERTY_SEED): every format is
# byte-identical across runs; --batch gives what single runs give, whatever
# --jobs is. TAP output for automake's driver.
set -u
: "${ALIGN:=./align}" "${top_srcdir:=.}" "${top_builddir:=.}"
case $ALIGN in /*) ;; *) ALIGN=$PWD/$ALIGN ;; esac
prop=$top_builddir/tests/property
case $prop in /*) ;; *) prop=$PWD/$prop ;; esac
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/tap.sh"
pairs=${ALIGN_PROPERTY_CLI_PAIRS:-12}
cd "$tmp" || exit 99
"$prop" --write . "$pairs" || { echo "Bail out! tests/property --write failed"; exit 1; }

# Every format, twice, for every pair: byte-identical.
same=0 total=0
for f in tsv jsonl tmx xliff beads ladder text html report; do
    for src in ./*.src.txt; do
        tgt=${src%.src.txt}.tgt.txt
        total=$((total + 1))
        "$ALIGN" -f "$f" "$src" "$tgt" > a.out 2> a.err
        s1=$?
        "$ALIGN" -f "$f" "$src" "$tgt" > b.out 2> b.err
        s2=$?
        if [ "$s1" = "$s2" ] && cmp -s a.out b.out && cmp -s a.err b.err; then
            same=$((same + 1))
        else
            echo "# $f $src: runs differ (status $s1, $s2)"
        fi
    done
done
ok_if "every format byte-identical across runs ($same of $total)" test "$same" -eq "$total"

# --batch in manifest order equals single runs, whatever --jobs is.
for src in ./*.src.txt; do
    "$ALIGN" "$src" "${src%.src.txt}.tgt.txt"
done > single.out 2> single.err
for j in 1 2 3 8; do
    "$ALIGN" --batch manifest -j "$j" > "batch$j.out" 2> "batch$j.err"
    ok_if "--batch -j $j gives the single runs' output" cmp -s "batch$j.out" single.out
done
done_testing
