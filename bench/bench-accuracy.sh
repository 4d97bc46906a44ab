#!/usr/bin/env bash
# Accuracy, time and memory of align and of hunalign on textberg-dev (German
# source, French target), printed as a markdown table. Nothing is asserted.
#
#   bash bench/bench-accuracy.sh
#
# Rows: align --presegmented --format=beads; hunalign with the empty dictionary
# (default ladder, then -realign); hunalign with dicts/lex-de-fr.txt when the
# repository has it. hunalign's ladder is turned into beads by ladder2beads.py;
# all rows are scored by score.py against gold.txt. See bench/common.sh for the
# environment variables (ALIGN, ALIGN_FLAGS, SHARED, BENCH_CACHE).
# Exit status: 0 ok; 3 a prerequisite (GNU time, textberg-dev) is missing.
set -eu
# shellcheck source=bench/common.sh
. "$(dirname "$0")/common.sh"

need_gnu_time
data=$(find_textberg)
make_tmp
de=$data/de.txt fr=$data/fr.txt gold=$data/gold.txt

rows=()
# row TOOL BEADS: score BEADS and add a table row with the last $secs and $kb.
row() {
    local s
    read -r -a s < <(scores "$gold" "$2")
    rows+=("| $1 | ${s[0]} | ${s[1]} | ${s[2]} | ${s[3]} | ${s[4]} | ${s[5]} | $secs | $(mib "$kb") |")
}
# row_missing TOOL WHY: a row with no numbers.
row_missing() { rows+=("| $1 | $2 | | | | | | | |"); }

# run_hunalign NAME DICT [OPTION...]: align with hunalign and add its row.
run_hunalign() {
    local name=$1 dic=$2
    shift 2
    say "running $name"
    if measure "$tmp/ladder" "$hunalign" "$@" "$dic" "$de" "$fr"; then
        python3 "$bench_dir/ladder2beads.py" "$tmp/ladder" >"$tmp/hunalign.beads"
        row "$name" "$tmp/hunalign.beads"
    else
        row_missing "$name" "failed (exit $?)"
    fi
}

# run_align NAME [OPTION...]: align with OPTION... and add its row.
run_align() {
    local name=$1 rc
    shift
    say "running $name"
    if measure "$tmp/align.beads" "$align_bin" --presegmented --format=beads \
            "${align_flags[@]}" "$@" "$de" "$fr"; then
        row "$name" "$tmp/align.beads"
    else
        rc=$?
        tail -n 5 "$tmp/align.beads.err" >&2
        row_missing "$name" "failed (exit $rc)"
    fi
}

if [ -x "$align_bin" ]; then
    run_align align
    # The ablation: what each kind of evidence is worth (README "How the
    # aligner works"; tests/accuracy.sh pins the F1s).
    run_align "align: length only" --anchors=none
    run_align "align: + punctuation, numbers, words, cognates" \
        --anchors=punct,numbers,words,cognates
    run_align "align: + dictionary (no stems)" --anchors=-stems
    run_align "align: + stems and compounds (no second pass)" --no-second-pass
else
    row_missing align "not built ($align_bin missing)"
fi

find_hunalign
if [ -n "$hunalign" ]; then
    run_hunalign hunalign "$null_dic"
    run_hunalign "hunalign -realign" "$null_dic" -realign
    lex=$top/dicts/lex-de-fr.txt
    if [ -f "$lex" ]; then
        # hunalign wants "target @ source" per line; ours is "de<TAB>fr".
        awk -F'\t' 'NF >= 2 && $1 !~ /^#/ { print $2 " @ " $1 }' "$lex" >"$tmp/lex.dic"
        run_hunalign "hunalign lex-de-fr" "$tmp/lex.dic"
    fi
else
    row_missing hunalign "unavailable: $hunalign_why"
fi

echo "textberg-dev ($(wc -l <"$de") de, $(wc -l <"$fr") fr sentences, $(wc -l <"$gold") gold beads; $data)"
echo
echo "| tool | strict P | strict R | strict F1 | lax P | lax R | lax F1 | time (s) | peak RSS (MiB) |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
