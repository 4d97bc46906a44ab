#!/bin/sh
# Command-line tests: exit codes and exact messages for bad input, atomic
# output, --fail-on. TAP output for automake's driver.
set -u
: "${ALIGN:=./align}" "${top_srcdir:=.}"
ex="$top_srcdir/examples"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

# check NAME EXPECTED_STATUS EXPECTED_STDERR -- COMMAND...
check() {
    name=$1 want_status=$2 want_err=$3
    shift 4
    "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
    n=$((n + 1))
    err=$(cat "$tmp/err")
    if [ "$status" = "$want_status" ] && [ "$err" = "$want_err" ]; then
        echo "ok $n - $name"
    else
        echo "not ok $n - $name"
        echo "#   status $status (expected $want_status)"
        printf '#   stderr: %s\n#   expected: %s\n' "$err" "$want_err"
        failed=$((failed + 1))
    fi
}

# ok_if NAME CONDITION-COMMAND...
ok_if() {
    name=$1
    shift
    n=$((n + 1))
    if "$@"; then echo "ok $n - $name"; else echo "not ok $n - $name"; failed=$((failed + 1)); fi
}

cd "$tmp" || exit 99
printf 'Une phrase.\n' > fr.txt
printf 'Ein Satz.\n' > de.txt
: > empty.txt
printf '  \n\t\n' > blank.txt
printf 'Erste Zeile.\nZweite Zeile mit caf\351.\n' > latin1.txt
printf 'a\000b\n' > nul.txt
mkdir dir.txt

check "missing file" 2 "align: nosuch.txt: cannot open: No such file or directory" -- \
    "$ALIGN" nosuch.txt de.txt
check "empty file" 2 "align: empty.txt: no text (the input is empty or holds only white space)" -- \
    "$ALIGN" empty.txt de.txt
check "white space only" 2 "align: blank.txt: no text (the input is empty or holds only white space)" -- \
    "$ALIGN" fr.txt blank.txt
check "invalid UTF-8" 2 "align: latin1.txt:2:21: invalid UTF-8 byte 0xE9 (byte offset 33; try --encoding=WINDOWS-1252)" -- \
    "$ALIGN" fr.txt latin1.txt
check "Windows-1252 with --target-encoding" 0 "" -- \
    "$ALIGN" --target-encoding=WINDOWS-1252 fr.txt latin1.txt
check "NUL bytes" 2 "align: nul.txt:1:2: NUL byte: binary file, or an encoding that needs --encoding (byte offset 1)" -- \
    "$ALIGN" fr.txt nul.txt
check "directory" 2 "align: dir.txt: is a directory" -- \
    "$ALIGN" dir.txt de.txt
check "unknown option" 2 "align: unrecognized option '--bogus'
Try 'align --help' for more information." -- "$ALIGN" --bogus fr.txt de.txt
check "one file only" 2 "align: expected SOURCE and TARGET files
Try 'align --help' for more information." -- "$ALIGN" fr.txt
check "unknown format" 2 "align: unknown format 'xml' (tsv, jsonl, tmx, xliff, beads, ladder, text, html, report)
Try 'align --help' for more information." -- "$ALIGN" -f xml fr.txt de.txt
check "bad --fail-on" 2 "align: --fail-on takes info, warning or error, not 'fatal'
Try 'align --help' for more information." -- "$ALIGN" --fail-on fatal fr.txt de.txt
check "unknown language" 2 "align: unsupported language 'xx' (use de, fr or en)" -- \
    "$ALIGN" -s xx fr.txt de.txt
check "help" 0 "" -- "$ALIGN" --help
check "version" 0 "" -- "$ALIGN" --version
ok_if "version text" grep -q '^align [0-9]' out

check "-o on error leaves no file" 2 "align: empty.txt: no text (the input is empty or holds only white space)" -- \
    "$ALIGN" -o result.tsv empty.txt de.txt
ok_if "no output file after error" test ! -e result.tsv
ok_if "no temporary file left" sh -c '! ls result.tsv.tmp* >/dev/null 2>&1'
check "-o writes the file" 0 "" -- "$ALIGN" -o result.tsv fr.txt de.txt
ok_if "output file has header and one bead" test "$(wc -l < result.tsv)" -eq 2
check "-o into a missing directory" 2 "align: nodir/out.tsv: cannot create: No such file or directory" -- \
    "$ALIGN" -o nodir/out.tsv fr.txt de.txt
if [ -w /dev/full ]; then
    check "write error on /dev/full" 2 "align: standard output: write error: No space left on device" -- \
        sh -c "\"$ALIGN\" fr.txt de.txt > /dev/full"
fi

check "examples pass without --fail-on" 0 "" -- "$ALIGN" "$ex/article.fr.txt" "$ex/article.de.txt"
check "examples fail with --fail-on error" 1 "" -- \
    "$ALIGN" --fail-on error "$ex/article.fr.txt" "$ex/article.de.txt"
check "checks can be switched off" 0 "" -- \
    "$ALIGN" --checks none --fail-on info "$ex/article.fr.txt" "$ex/article.de.txt"

# UTF-16 with BOM and CRLF gives the same beads as UTF-8.
printf '\377\376' > u16.txt
printf 'Ein Satz.\r\n' | iconv -f UTF-8 -t UTF-16LE >> u16.txt
check "UTF-16LE with BOM and CRLF" 0 "" -- "$ALIGN" fr.txt u16.txt
ok_if "UTF-16 text decoded" grep -q "Une phrase.	Ein Satz." out

# Positions in messages count the BOM: the odd byte is the file's 45th.
bad="$top_srcdir/tests/bad-input"
check "UTF-16 with BOM and an odd byte count" 2 "align: $bad/utf16le-odd.txt:2:2: incomplete UTF-16LE sequence at end of input (byte offset 44)" -- \
    "$ALIGN" fr.txt "$bad/utf16le-odd.txt"

check "segment-only" 0 "" -- "$ALIGN" --segment-only --lang de "$ex/article.de.txt"
ok_if "segment-only glued caption split" grep -qx "Bild: AFP" out

# Pathological inputs: each must finish in linear time (a time limit turns a
# hang into a failure).
# The same file twice, 10,000 sentences: every bead is 1-1 with itself, in
# seconds (the band of the search once filled half the matrix: 200 s).
awk 'BEGIN { for (i = 1; i <= 10000; i++) printf "Das ist der Satz Nummer %d.\n", i }' > many.txt
check "the same 10,000-sentence file twice" 0 "" -- \
    timeout 60 "$ALIGN" --checks none many.txt many.txt
ok_if "... gives 10,000 beads 1-1 with themselves" \
    awk -F '\t' 'NR > 1 && ($1 != NR - 1 || $2 != NR - 1 || $5 != $6) { bad = 1 }
                 END { exit bad || NR != 10001 }' out

echo "1..$n"
[ "$failed" -eq 0 ]
