#!/bin/sh
# Golden-file tests: align's output on examples/ in each format, byte for
# byte. After an intended change, review the diff and regenerate with
#   ALIGN_UPDATE_GOLDEN=1 make check TESTS=tests/golden.sh
# align runs in the source tree with relative file names, so the names that
# some formats show (xliff, text, html, report) do not depend on where the
# tree is.
set -u
: "${ALIGN:=./align}" "${top_srcdir:=.}"
case $ALIGN in /*) ;; *) ALIGN=$PWD/$ALIGN ;; esac
golden="$top_srcdir/tests/golden"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/tap.sh"

for fmt in tsv jsonl tmx xliff beads ladder text html report; do
    n=$((n + 1))
    out="$tmp/examples.$fmt"
    if ! (cd "$top_srcdir" && "$ALIGN" -s fr -t de -f "$fmt" \
            examples/article.fr.txt examples/article.de.txt) > "$out"; then
        echo "not ok $n - $fmt: align failed"
        failed=$((failed + 1))
        continue
    fi
    if [ "${ALIGN_UPDATE_GOLDEN:-}" = 1 ]; then
        cp "$out" "$golden/examples.$fmt"
    fi
    if cmp -s "$out" "$golden/examples.$fmt"; then
        echo "ok $n - $fmt output of examples/ matches tests/golden/examples.$fmt"
    else
        echo "not ok $n - $fmt output of examples/ differs from tests/golden/examples.$fmt"
        diff "$golden/examples.$fmt" "$out" | sed 's/^/#   /' | head -40
        failed=$((failed + 1))
    fi
done
done_testing
