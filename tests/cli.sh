#!/bin/sh
# Command-line tests: exit codes and exact messages for bad input (the
# corpus in tests/bad-input/, see its README), atomic output, --fail-on,
# pathological inputs under a time limit. TAP output for automake's driver.
# ALIGN may be a wrapper (.ci/valgrind-align); ALIGN_TIME_SCALE multiplies
# the time limits for slow wrappers.
set -u
: "${ALIGN:=./align}" "${top_srcdir:=.}"
case $top_srcdir in /*) ;; *) top_srcdir=$PWD/$top_srcdir ;; esac
scale=${ALIGN_TIME_SCALE:-1}
ex="$top_srcdir/examples"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/tap.sh"

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
printf 'Zug\ttrain\nkein Tabulator hier\n' > bad.dict
check "missing --dict file" 2 "align: nosuch.dict: cannot open: No such file or directory" -- \
    "$ALIGN" --dict nosuch.dict fr.txt de.txt
check "malformed --dict file" 2 "align: bad.dict:2: expected 'source<TAB>target' or 'target @ source'" -- \
    "$ALIGN" --dict bad.dict fr.txt de.txt
check "unknown anchor kind" 2 "align: --anchors: unknown anchor kind 'names'
Try 'align --help' for more information." -- "$ALIGN" --anchors=numbers,names fr.txt de.txt
check "--anchors=none aligns by length" 0 "" -- "$ALIGN" --anchors=none fr.txt de.txt
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

check "segment-only" 0 "" -- "$ALIGN" --segment-only --lang de "$ex/article.de.txt"
ok_if "segment-only glued caption split" grep -qx "Bild: AFP" out

# ---- the bad-input corpus (tests/bad-input/README) ----
# Every bad input ends with exit status 2, one clear message naming the file,
# nothing on standard output and, with -o, no file left behind.
mkdir bad && cp "$top_srcdir"/tests/bad-input/*.txt bad/ && cd bad || exit 99
mkdir dir.txt

# fails NAME MESSAGE ARGS...: align ARGS exits 2 with MESSAGE and no output;
# with -o it leaves neither the file nor a temporary one. $as_user runs it
# as another user.
as_user=
fails() {
    name=$1 msg=$2
    shift 2
    check "$name" 2 "$msg" -- $as_user "$ALIGN" "$@"
    ok_if "... and prints nothing" test ! -s "$tmp/out"
    rm -rf o && mkdir o && chmod 777 o
    check "... with -o" 2 "$msg" -- $as_user "$ALIGN" -o o/result.tsv "$@"
    ok_if "... and leaves no file in the output folder" test -z "$(ls -A o)"
}

# covers N M: the TSV in $tmp/out has beads over source sentences 1..N and
# target sentences 1..M, each in exactly one bead, in order.
covers() {
    awk -F '\t' -v ns="$1" -v nt="$2" '
        function take(ids, side,   k, a, c) {
            if (ids == "") return
            c = split(ids, a, ",")
            for (k = 1; k <= c; k++)
                if (a[k] != ++next_id[side]) bad = 1
        }
        NR == 1 { next }
        { take($1, 0); take($2, 1) }
        END { exit bad || next_id[0] != ns || next_id[1] != nt }' "$tmp/out"
}

nospace="no text (the input is empty or holds only white space)"
fails "empty source" "align: empty.txt: $nospace" empty.txt one.de.txt
fails "empty target" "align: empty.txt: $nospace" one.fr.txt empty.txt
fails "white space only (spaces, tabs, CRLF)" "align: blank.txt: $nospace" \
    one.fr.txt blank.txt
fails "a BOM and nothing else" "align: bom-only.txt: $nospace" \
    one.fr.txt bom-only.txt
fails "only invisible characters and no-break spaces" \
    "align: invisible-only.txt: $nospace" invisible-only.txt one.de.txt
fails "empty standard input" "align: (stdin): $nospace" - one.de.txt < empty.txt
fails "binary file with NUL bytes" \
    "align: binary.txt:1:3: NUL byte: binary file, or an encoding that needs --encoding (byte offset 3)" \
    one.fr.txt binary.txt
fails "invalid UTF-8 (Latin-1)" \
    "align: latin1.txt:2:21: invalid UTF-8 byte 0xE9 (byte offset 33; try --encoding=WINDOWS-1252)" \
    latin1.txt one.de.txt
fails "UTF-8 cut in the middle of a character" \
    "align: truncated-utf8.txt:1:29: invalid UTF-8 byte 0xC3 (byte offset 28; try --encoding=WINDOWS-1252)" \
    one.fr.txt truncated-utf8.txt
fails "Windows-1252 without --encoding" \
    "align: cp1252.txt:1:14: invalid UTF-8 byte 0x80 (byte offset 13; try --encoding=WINDOWS-1252)" \
    one.fr.txt cp1252.txt
# Positions count the BOM: the odd byte is the file's 45th.
fails "UTF-16 with BOM and an odd byte count" \
    "align: utf16le-odd.txt:2:2: incomplete UTF-16LE sequence at end of input (byte offset 44)" \
    one.fr.txt utf16le-odd.txt
fails "unknown encoding" "align: one.de.txt: unknown encoding 'NO-SUCH'" \
    --target-encoding=NO-SUCH one.fr.txt one.de.txt
fails "missing file" "align: nosuch.txt: cannot open: No such file or directory" \
    one.fr.txt nosuch.txt
fails "a directory as source" "align: dir.txt: is a directory" dir.txt one.de.txt
fails "a directory as target" "align: dir.txt: is a directory" one.fr.txt dir.txt
if [ -r /proc/self/mem ]; then
    # Opens, then fails to read: the read-error path, for root too.
    fails "a file that cannot be read" \
        "align: /proc/self/mem: read error: Input/output error" \
        one.fr.txt /proc/self/mem
fi
# root reads any file whatever its mode: as root, the test runs as user
# nobody (setpriv), or is skipped when setpriv is missing.
cp one.de.txt secret.txt && chmod 000 secret.txt
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
    as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
    chmod 755 "$tmp" .
fi
if [ -r secret.txt ] && [ -z "$as_user" ]; then
    for t in "unreadable file" "... and prints nothing" "... with -o" \
             "... and leaves no file in the output folder"; do
        n=$((n + 1))
        echo "ok $n - $t # SKIP running as root without setpriv"
    done
else
    fails "unreadable file" "align: secret.txt: cannot open: Permission denied" \
        one.fr.txt secret.txt
fi
as_user=
check "both sides on standard input" 2 "align: only one of SOURCE and TARGET can be '-'
Try 'align --help' for more information." -- "$ALIGN" - - < one.fr.txt
check "-o onto a directory" 2 "align: dir.txt: cannot rename: Is a directory" -- \
    "$ALIGN" -o dir.txt one.fr.txt one.de.txt
ok_if "... leaves no temporary file" sh -c '! ls dir.txt.tmp* >/dev/null 2>&1'
check "-o into a missing folder" 2 "align: nodir/out.tsv: cannot create: No such file or directory" -- \
    "$ALIGN" -o nodir/out.tsv one.fr.txt one.de.txt
if [ -w /dev/full ]; then
    check "output to /dev/full" 2 "align: standard output: write error: No space left on device" -- \
        sh -c '"$0" one.fr.txt one.de.txt > /dev/full' "$ALIGN"
    check "large output to /dev/full" 2 "align: standard output: write error: No space left on device" -- \
        sh -c '"$0" "$1/article.fr.txt" "$1/article.de.txt" > /dev/full' "$ALIGN" "$ex"
fi

# Readable encodings give the same output as UTF-8, byte for byte.
printf 'Ein Satz \303\274ber K\303\266ln.\n' > koeln.txt
check "UTF-8 reference" 0 "" -- "$ALIGN" one.fr.txt koeln.txt
cp "$tmp/out" koeln.tsv
for f in utf16le-bom utf16be-bom utf16le utf16be; do
    check "$f.txt (CRLF with BOM) is read" 0 "" -- "$ALIGN" one.fr.txt "$f.txt"
    ok_if "... same output as UTF-8" cmp -s "$tmp/out" koeln.tsv
done
check "Windows-1252 with --target-encoding" 0 "" -- \
    "$ALIGN" --target-encoding=WINDOWS-1252 one.fr.txt cp1252.txt
ok_if "... decoded" grep -q "$(printf 'Der Preis: 5 \342\202\254, \342\200\234billig\342\200\235\342\200\246')" "$tmp/out"
tr -d '\r' < crlf.fr.txt > lf.fr.txt
tr -d '\r' < crlf.txt > lf.de.txt
check "CRLF line ends" 0 "" -- "$ALIGN" crlf.fr.txt crlf.txt
cp "$tmp/out" crlf.tsv
check "LF line ends" 0 "" -- "$ALIGN" lf.fr.txt lf.de.txt
ok_if "... CRLF gives the same output as LF" cmp -s "$tmp/out" crlf.tsv
ok_if "... no CR in the output" sh -c '! grep -q "$(printf "\r")" crlf.tsv'
tr '\n' '\r' < lf.de.txt > cr.de.txt
check "CR line ends (old Mac)" 0 "" -- "$ALIGN" lf.fr.txt cr.de.txt
ok_if "... same output as LF" cmp -s "$tmp/out" crlf.tsv

# One sentence against 10,000, both ways: every sentence in exactly one bead.
awk 'BEGIN { for (i = 1; i <= 10000; i++) printf "Das ist der Satz Nummer %d.\n", i }' > many.txt
check "1 sentence against 10,000" 0 "" -- timeout $((60 * scale)) "$ALIGN" one.fr.txt many.txt
ok_if "... every sentence in exactly one bead, in order" covers 1 10000
check "10,000 sentences against 1" 0 "" -- timeout $((60 * scale)) "$ALIGN" many.txt one.fr.txt
ok_if "... every sentence in exactly one bead, in order" covers 10000 1
check "... additions fail --fail-on warning" 1 "" -- \
    timeout $((60 * scale)) "$ALIGN" --fail-on warning one.fr.txt many.txt

# The same file twice: every bead 1-1 with itself.
check "the same file twice" 0 "" -- "$ALIGN" "$ex/article.de.txt" "$ex/article.de.txt"
ok_if "... every bead 1-1 with itself" \
    awk -F '\t' 'NR > 1 && ($1 != NR - 1 || $2 != NR - 1 || $5 != $6) { bad = 1 }
                 END { exit bad || NR < 10 }' "$tmp/out"

# ---- the size limit: 1 GiB per input, read and once decoded ----
# Needs about 3 GB of memory and a minute: only with ALIGN_BIG_TESTS=1.
if [ "${ALIGN_BIG_TESTS:-}" = 1 ]; then
    head -c 1073741825 /dev/zero | tr '\0' a > huge.txt
    fails "1 GiB and one byte" "align: huge.txt: larger than the limit of 1024 MiB" \
        one.fr.txt huge.txt
    rm -f huge.txt
    head -c 377487360 /dev/zero | tr '\0' '\200' > euros.txt
    fails "360 MiB of Windows-1252 euro signs: 1080 MiB of UTF-8" \
        "align: euros.txt: 1080 MiB once decoded to UTF-8, more than the limit of 1024 MiB" \
        --target-encoding=WINDOWS-1252 one.fr.txt euros.txt
    rm -f euros.txt
else
    for t in "1 GiB and one byte" "360 MiB of Windows-1252: 1080 MiB of UTF-8"; do
        for k in "" " ... and prints nothing" " ... with -o" " ... leaves no file"; do
            skip "$t$k" "needs 3 GB and a minute: ALIGN_BIG_TESTS=1"
        done
    done
fi
cd .. || exit 99

# ---- pathological inputs ----
# Each must finish in linear time (a time limit turns a hang into a failure)
# and keep every character.
# A 10 MB line without a sentence end: one sentence, written out whole.
awk 'BEGIN { s = "Wort "; while (length(s) < 10000000) s = s s;
             printf "%sx", substr(s, 1, 9999999) }' > long.txt
check "a 10 MB line with no sentence end" 0 "" -- \
    timeout $((60 * scale)) "$ALIGN" fr.txt long.txt
ok_if "... is one sentence, written whole" \
    awk -F '\t' 'NR > 1 { t += length($6); if ($6 != "") k++ }
                 END { exit !(t == 10000000 && k == 1) }' "$tmp/out"
check "... --segment-only" 0 "" -- timeout $((60 * scale)) "$ALIGN" --segment-only --lang de long.txt
ok_if "... gives one line of 10 MB" \
    awk '{ t += length($0) } END { exit !(NR == 1 && t == 10000000) }' "$tmp/out"
# One letter with 2 million combining marks: NFC sorts marks in quadratic
# time, so clusters of more than 30 marks are kept as written.
awk 'BEGIN { s = "\314\201\314\226"; while (length(s) < 4000000) s = s s;
             printf "Ein Satz a%s.\n", s }' > marks.txt
check "2 million combining marks on one letter" 0 "" -- \
    timeout $((60 * scale)) "$ALIGN" fr.txt marks.txt
ok_if "... are kept in the output" test "$(wc -c < "$tmp/out")" -gt 4000000
# The same file twice, 10,000 sentences: every bead is 1-1 with itself, in
# seconds (the band of the search once filled half the matrix: 200 s).
check "the same 10,000-sentence file twice" 0 "" -- \
    timeout $((60 * scale)) "$ALIGN" --checks none bad/many.txt bad/many.txt
ok_if "... gives 10,000 beads 1-1 with themselves" \
    awk -F '\t' 'NR > 1 && ($1 != NR - 1 || $2 != NR - 1 || $5 != $6) { bad = 1 }
                 END { exit bad || NR != 10001 }' out

# -v with one pair: the counts, then each stage's time in the order run.
num='[0-9][0-9]*\.[0-9][0-9][0-9] s'
"$ALIGN" -v "$ex/article.fr.txt" "$ex/article.de.txt" > /dev/null 2> verbose.err
ok_if "-v: languages and counts" sh -c "head -1 verbose.err | grep -qx 'align: .*article.fr.txt: 23 sentences (fr); .*article.de.txt: 22 sentences (de); 22 beads'"
ok_if "-v: each stage's time, checks included" sh -c "sed -n 2p verbose.err | grep -qx 'align: reading $num, anchors $num, first pass $num, second pass $num, checks $num, writing $num ($num)'"
ok_if "-v: two lines" test "$(wc -l < verbose.err)" -eq 2
"$ALIGN" -v -f beads --no-second-pass "$ex/article.fr.txt" "$ex/article.de.txt" > /dev/null 2> verbose.err
ok_if "-v, beads, no second pass: the final search, no checks" sh -c "sed -n 2p verbose.err | grep -qx 'align: reading $num, anchors $num, first pass $num, final search $num, writing $num ($num)'"
check "-v with a bad pair: the error alone" 2 "align: nosuch.txt: cannot open: No such file or directory" -- \
    "$ALIGN" -v nosuch.txt de.txt

# One pair on a terminal: a line names the stage that runs once the run
# has lasted a second, and is erased at the end; not with -q, not when
# stderr is a file. The source is a FIFO fed after 1.5 s, so the run is slow
# whatever the machine. (ALIGN may be a wrapper: run through script, the
# line is only looked for, not its timing.)
if command -v script >/dev/null 2>&1 && command -v mkfifo >/dev/null 2>&1; then
    mkfifo slow.fr
    "$ALIGN" "$ex/article.fr.txt" de.txt > want.tsv 2>/dev/null
    (sleep 1.5; cat "$ex/article.fr.txt" > slow.fr) &
    script -qec "\"$ALIGN\" slow.fr de.txt > got.tsv" /dev/null > tty.out 2>&1
    wait
    ok_if "one pair on a terminal: the stage and the time so far" \
        grep -q 'align: reading, [0-9]*:[0-9][0-9]' tty.out
    printf '\r\033[K' > erase
    ok_if "one pair: the stage line erased at the end" \
        sh -c 'tail -c 4 tty.out | cmp -s - erase'
    ok_if "one pair: the output as without a terminal" cmp -s got.tsv want.tsv
    (sleep 1.5; cat "$ex/article.fr.txt" > slow.fr) &
    script -qec "\"$ALIGN\" -q slow.fr de.txt > /dev/null" /dev/null > tty.out 2>&1
    wait
    ok_if "one pair, -q: no stage line" test ! -s tty.out
    (sleep 1.5; cat "$ex/article.fr.txt" > slow.fr) &
    check "one pair, stderr a file: no stage line" 0 "" -- \
        "$ALIGN" -f beads slow.fr de.txt
    wait
    rm -f slow.fr
else
    for t in "one pair on a terminal: the stage and the time so far" \
        "one pair: the stage line erased at the end" \
        "one pair: the output as without a terminal" \
        "one pair, -q: no stage line" "one pair, stderr a file: no stage line"; do
        skip "$t" "script or mkfifo missing"
    done
fi

done_testing
