#!/bin/sh
# Golden test of the segmenter on a real damaged web article:
# `align --segment-only --lang de` on tests/data/seed/article.de.txt must give
# tests/data/seed/article.de.sent (hand-reviewed, see tests/data/seed/README.md)
# byte for byte. Also checks that the reference covers the whole input: with
# white space removed, both are the same characters.
set -u
: "${ALIGN:=./align}" "${top_srcdir:=.}"
seed="$top_srcdir/tests/data/seed"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/tap.sh"

"$ALIGN" --segment-only --lang de "$seed/article.de.txt" > "$tmp/out"
result "align --segment-only runs on the seed article" $?
cmp -s "$tmp/out" "$seed/article.de.sent"
st=$?
result "segmentation of article.de.txt equals article.de.sent" $st
[ $st -eq 0 ] || diff "$seed/article.de.sent" "$tmp/out" | sed 's/^/#   /' | head -40

# Language detection gives the same result as --lang de.
"$ALIGN" --segment-only "$seed/article.de.txt" > "$tmp/auto"
cmp -s "$tmp/auto" "$seed/article.de.sent"
result "with the language detected, the segmentation is the same" $?

tr -d ' \n' < "$seed/article.de.sent" > "$tmp/ref.chars"
tr -d ' \n' < "$seed/article.de.txt" > "$tmp/in.chars"
cmp -s "$tmp/ref.chars" "$tmp/in.chars"
result "reference sentences cover the input, in order, nothing added" $?

sents=$(grep -c . "$seed/article.de.sent")
paras=$(grep -c '^$' "$seed/article.de.sent")
[ "$sents" -eq 89 ] && [ "$paras" -eq 42 ]
result "reference has 89 sentences in 43 paragraphs (got $sents, $((paras + 1)))" $?

done_testing
