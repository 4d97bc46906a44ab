#!/bin/sh
# Batch mode from the command line: a failing pair reports its error and the
# others are complete, output is the same whatever --jobs is, output files
# are written atomically, exit statuses, progress only on a terminal, and the
# README's recipe for several machines (GNU parallel with its ':' local
# login). TAP output for automake's driver.
set -u
: "${ALIGN:=./align}" "${top_srcdir:=.}"
case $ALIGN in /*) ;; *) ALIGN=$PWD/$ALIGN ;; esac
case $top_srcdir in /*) ;; *) top_srcdir=$PWD/$top_srcdir ;; esac
ex="$top_srcdir/examples"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/tap.sh"

cd "$tmp" || exit 99
mkdir data
cp "$ex/article.fr.txt" "$ex/article.de.txt" data/
printf 'Une phrase.\n' > data/fr.txt
printf 'Ein Satz.\n' > data/de.txt
printf 'Le prix est de 12 euros.\n' > data/price.fr.txt
printf 'Der Preis betr\303\244gt 15 Euro.\n' > data/price.de.txt
printf 'old content\n' > data/failed.tsv
cat > data/pairs.txt <<'EOF'
# source          target            output
article.fr.txt    article.de.txt
fr.txt	de.txt	one.tsv
nosuch.txt        de.txt            failed.tsv
price.fr.txt      price.de.txt
"fr.txt"          "de.txt"          nodir/x.tsv
article.fr.txt    article.de.txt    article.tsv
EOF
missing="align: data/pairs.txt:4: data/nosuch.txt: cannot open: No such file or directory
align: data/pairs.txt:6: data/nodir/x.tsv: cannot create: No such file or directory"

# What each pair gives on its own.
"$ALIGN" data/article.fr.txt data/article.de.txt > ref.article
"$ALIGN" data/price.fr.txt data/price.de.txt > ref.price
"$ALIGN" data/fr.txt data/de.txt > ref.one
cat ref.article ref.price > ref.stream

check "a failing pair: its error, exit 2" 2 "$missing" -- \
    "$ALIGN" --batch data/pairs.txt --jobs 1
cp out stream.1
cp data/article.tsv article.1
ok_if "stream: the other pairs in manifest order, as align writes them" \
    cmp -s stream.1 ref.stream
ok_if "output file of a pair" cmp -s data/one.tsv ref.one
ok_if "output file of the last pair" cmp -s data/article.tsv ref.article
ok_if "a failed pair leaves an existing output file untouched" \
    test "$(cat data/failed.tsv)" = "old content"
ok_if "no temporary file left" sh -c '! ls data/*.tmp* data/nodir >/dev/null 2>&1'

rm data/one.tsv data/article.tsv
check "--jobs 4: the same messages and status" 2 "$missing" -- \
    "$ALIGN" --batch data/pairs.txt --jobs 4
ok_if "--jobs 4: the same stream, byte for byte" cmp -s out stream.1
ok_if "--jobs 4: the same output files" sh -c \
    'cmp -s data/one.tsv ref.one && cmp -s data/article.tsv article.1'
check "default jobs: the same messages" 2 "$missing" -- \
    "$ALIGN" --batch data/pairs.txt
ok_if "default jobs: the same stream" cmp -s out stream.1

# Many pairs, the long one last, so that threads finish out of order.
i=0
while [ $i -lt 12 ]; do
    echo "fr.txt de.txt"
    echo "price.fr.txt price.de.txt"
    i=$((i + 1))
done > data/many.txt
echo "article.fr.txt article.de.txt" >> data/many.txt
check "24 small pairs and a large one, --jobs 1" 0 "" -- \
    "$ALIGN" --batch data/many.txt -j 1 -f beads
cp out many.1
check "the same with --jobs 3" 0 "" -- "$ALIGN" --batch data/many.txt -j 3 -f beads
ok_if "--jobs 3: the same bytes as --jobs 1" cmp -s out many.1

# --batch-lexicon: the second pass's lexicon learned over every pair. A
# batch of one pair learns what the pair alone does; threads do not change
# the bytes; a pair that fails in the learning pass is reported once.
printf 'article.fr.txt article.de.txt\n' > data/solo.txt
check "--batch-lexicon, one pair" 0 "" -- \
    "$ALIGN" --batch data/solo.txt --batch-lexicon
ok_if "--batch-lexicon, one pair: what the pair alone gives" \
    cmp -s out ref.article
check "--batch-lexicon, many pairs, --jobs 1" 0 "" -- \
    "$ALIGN" --batch data/many.txt -j 1 -f beads --batch-lexicon
cp out many.lex
check "--batch-lexicon, --jobs 3" 0 "" -- \
    "$ALIGN" --batch data/many.txt -j 3 -f beads --batch-lexicon
ok_if "--batch-lexicon, --jobs 3: the same bytes as --jobs 1" \
    cmp -s out many.lex
rm -f data/one.tsv data/article.tsv
check "--batch-lexicon, a failing pair: its error once, exit 2" 2 \
    "$missing" -- "$ALIGN" --batch data/pairs.txt --batch-lexicon -j 2
ok_if "--batch-lexicon: the other pairs written" \
    sh -c 'test -s data/one.tsv && test -s data/article.tsv && test -s out'
if command -v mkfifo >/dev/null 2>&1; then
    mkfifo data/pipe.fr
    printf 'fr.txt de.txt\npipe.fr de.txt\n' > data/pipe.txt
    check "--batch-lexicon refuses a pipe, aligns the rest" 2 \
        "align: data/pipe.txt:2: data/pipe.fr: not a regular file, and learning over the batch reads every pair twice" -- \
        "$ALIGN" --batch data/pipe.txt --batch-lexicon
    ok_if "--batch-lexicon: the regular pair is written" cmp -s out ref.one
    rm -f data/pipe.fr
else
    skip "--batch-lexicon refuses a pipe, aligns the rest" "mkfifo missing"
    skip "--batch-lexicon: the regular pair is written" "mkfifo missing"
fi

# Exit statuses over all pairs.
printf 'fr.txt de.txt\nfr.txt de.txt\n' > data/clean.txt
check "clean pairs: exit 0" 0 "" -- "$ALIGN" --batch data/clean.txt --fail-on error
printf 'fr.txt de.txt\nprice.fr.txt price.de.txt\n' > data/flagged.txt
check "a flag at --fail-on in one pair: exit 1" 1 "" -- \
    "$ALIGN" --batch data/flagged.txt --fail-on error
check "a failed pair outweighs flags: exit 2" 2 "$missing" -- \
    "$ALIGN" --batch data/pairs.txt --fail-on error

# Paths: relative to the manifest's folder; stdin: the current folder.
(cd data && "$ALIGN" --batch clean.txt > ../clean.here)
"$ALIGN" --batch data/clean.txt > clean.there
ok_if "relative paths follow the manifest, not the current folder" \
    cmp -s clean.here clean.there
check "--batch - reads the manifest from stdin, paths from here" 2 \
    "align: (stdin):1: nosuch.txt: cannot open: No such file or directory" -- \
    sh -c "printf 'nosuch.txt data/de.txt\ndata/fr.txt data/de.txt\n' | \"$ALIGN\" --batch -"
ok_if "stdin manifest: the good pair is written" cmp -s out ref.one

# -o: the stream goes to a file, kept when some pairs failed.
check "-o with a failing pair" 2 "$missing" -- \
    "$ALIGN" --batch data/pairs.txt -o stream.tsv
ok_if "-o file holds the other pairs" cmp -s stream.tsv stream.1
if [ -w /dev/full ]; then
    check "write error on standard output" 2 \
        "align: standard output: write error: No space left on device" -- \
        sh -c "\"$ALIGN\" --batch data/clean.txt > /dev/full"
fi

# Manifest and usage errors stop before any pair runs.
printf 'fr.txt de.txt\n"fr.txt de.txt\n' > data/bad.txt
check "manifest syntax error" 2 \
    "align: data/bad.txt:2: a quoted name has no closing quote" -- \
    "$ALIGN" --batch data/bad.txt
ok_if "nothing written on a syntax error" test ! -s out
printf 'fr.txt de.txt same.tsv\nprice.fr.txt price.de.txt same.tsv\n' > data/dup.txt
check "two pairs, one output file" 2 \
    "align: data/dup.txt:2: output file data/same.tsv is also the output of data/dup.txt:1" -- \
    "$ALIGN" --batch data/dup.txt
ok_if "nothing run" test ! -e data/same.tsv
check "missing manifest" 2 "align: nosuch.txt: cannot open: No such file or directory" -- \
    "$ALIGN" --batch nosuch.txt
check "--batch with files" 2 "align: --batch takes no SOURCE or TARGET
Try 'align --help' for more information." -- \
    "$ALIGN" --batch data/clean.txt data/fr.txt data/de.txt
check "--jobs without --batch" 2 "align: --jobs goes with --batch
Try 'align --help' for more information." -- \
    "$ALIGN" -j 2 data/fr.txt data/de.txt
check "--batch-lexicon without --batch" 2 "align: --batch-lexicon goes with --batch
Try 'align --help' for more information." -- \
    "$ALIGN" --batch-lexicon data/fr.txt data/de.txt
check "--batch-lexicon with --no-second-pass" 2 "align: --batch-lexicon is the second pass's: it cannot go with --no-second-pass
Try 'align --help' for more information." -- \
    "$ALIGN" --batch data/clean.txt --batch-lexicon --no-second-pass
check "--jobs 0" 2 "align: --jobs takes a number from 1 to 1024, not '0'
Try 'align --help' for more information." -- \
    "$ALIGN" --batch data/clean.txt --jobs 0

# Progress: only on a terminal, only after the first second, not with -q.
# The second pair's source is a FIFO fed after 1.5 s, so the run is slow
# whatever the machine.
if command -v script >/dev/null 2>&1 && command -v mkfifo >/dev/null 2>&1; then
    mkfifo data/slow.fr
    printf 'fr.txt de.txt\nslow.fr de.txt\nfr.txt de.txt\nfr.txt de.txt\n' > data/slow.txt
    (sleep 1.5; cat data/fr.txt > data/slow.fr) &
    script -qec "\"$ALIGN\" --batch data/slow.txt -j 1 > /dev/null" /dev/null > tty.out 2>&1
    wait
    ok_if "progress on a terminal: pairs, sentences/s, ETA" \
        grep -q 'align: 2/4 pairs, [0-9]* sentences/s, ETA [0-9]*:[0-9][0-9]' tty.out
    printf '\r\033[K' > erase
    ok_if "progress line erased at the end" \
        sh -c 'tail -c 4 tty.out | cmp -s - erase'
    (sleep 1.5; cat data/fr.txt > data/slow.fr) &
    script -qec "\"$ALIGN\" --batch data/slow.txt -j 1 -q > /dev/null" /dev/null > tty.out 2>&1
    wait
    ok_if "-q: no progress on a terminal" test ! -s tty.out
    (sleep 1.5; cat data/fr.txt > data/slow.fr) &
    check "no progress when stderr is a file" 0 "" -- \
        "$ALIGN" --batch data/slow.txt -j 1
    wait
else
    for t in "progress on a terminal" "progress line erased at the end" \
        "-q: no progress on a terminal" "no progress when stderr is a file"; do
        skip "$t" "script or mkfifo missing"
    done
fi

# The README's recipe for several machines, with ':' (this machine) as the
# only host: chunks of the manifest, one align --batch per chunk.
if command -v parallel >/dev/null 2>&1 && command -v split >/dev/null 2>&1; then
    cat data/pairs.txt data/flagged.txt data/many.txt | sed 's/^#.*//' > data/big.txt
    rm -f data/one.tsv data/article.tsv
    (cd data && "$ALIGN" --batch big.txt -j 1 > ../big.single 2> ../big.err)
    cp data/one.tsv one.single
    rm -f data/one.tsv data/article.tsv
    echo ':' > hosts.txt
    (
        cd data || exit 1
        split -n l/4 -d big.txt chunk.
        parallel --sshloginfile ../hosts.txt -j1 --workdir "$PWD" \
            --joblog ../jobs.log "$ALIGN" --batch {} -o {}.tsv ::: chunk.?? \
            > ../parallel.out 2> ../parallel.err
        cat chunk.??.tsv > ../big.merged
    )
    ok_if "parallel: chunks merged with cat equal one machine's output" \
        cmp -s big.merged big.single
    ok_if "parallel: output files of pairs written" cmp -s data/one.tsv one.single
    awk -F '\t' 'NR > 1 && $7 > s { s = $7 } END { exit s }' jobs.log
    status=$?
    ok_if "parallel: merged exit status 2 (a pair failed)" test "$status" = 2
    ok_if "parallel: the failing pair's error names its chunk" \
        grep -q '^align: chunk\.0[0-9]:[0-9]*: nosuch\.txt: cannot open' parallel.err
else
    for t in "chunks merged with cat equal one machine's output" \
        "output files of pairs written" "merged exit status 2" \
        "the failing pair's error names its chunk"; do
        skip "parallel: $t" "GNU parallel missing (scripts/install-deps.sh installs it)"
    done
fi

done_testing
