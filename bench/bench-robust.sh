#!/usr/bin/env bash
# How align copes with damaged translations of a long text, printed as a
# markdown table. Nothing is asserted.
#
#   bash bench/bench-robust.sh [N]
#
# A generated pair of N (default 15000) sentences a side (bench/gen-large.py:
# textberg-dev 1-1 beads drawn with replacement, seed 1) is damaged by
# bench/damage.py: 300 French sentences in a row dropped, 500 German ones
# dropped, 400 untranslated sentences inserted into the French, 5 % of each
# side dropped at random. Each is aligned (--presegmented --format=beads) and
# scored against its gold: strict and lax F1, time and peak RSS. hunalign
# runs beside align when bench/peer.sh can build it (empty dictionary).
# See bench/common.sh for ALIGN, ALIGN_FLAGS, SHARED and BENCH_CACHE.
# Exit status: 0 ok; 3 a prerequisite (GNU time, textberg-dev) is missing.
set -eu
# shellcheck source=bench/common.sh
. "$(dirname "$0")/common.sh"

need_gnu_time
data=$(find_textberg)
make_tmp
n=${1:-15000}
find_hunalign

python3 "$bench_dir/gen-large.py" --data "$data" --out "$tmp/intact" "$n" 1
rows=()
for kind in intact omit-fr-block omit-de-block insert-fr-block drops; do
    dir=$tmp/$kind
    [ "$kind" = intact ] || python3 "$bench_dir/damage.py" "$kind" "$tmp/intact" "$dir" 1
    say "aligning $kind ($(wc -l <"$dir/de.txt") x $(wc -l <"$dir/fr.txt"))"
    row="| $kind | $(wc -l <"$dir/de.txt") × $(wc -l <"$dir/fr.txt")"
    if measure "$dir/align.beads" "$align_bin" --presegmented --format=beads \
        "${align_flags[@]}" "$dir/de.txt" "$dir/fr.txt"; then
        read -r -a s < <(scores "$dir/gold.txt" "$dir/align.beads")
        row+=" | ${s[2]} / ${s[5]} | $secs s, $(mib "$kb") MiB"
    else
        row+=" | align failed | "
    fi
    if [ -n "$hunalign" ] &&
        measure "$dir/ladder" "$hunalign" "$null_dic" "$dir/de.txt" "$dir/fr.txt"; then
        python3 "$bench_dir/ladder2beads.py" "$dir/ladder" >"$dir/hunalign.beads"
        read -r -a s < <(scores "$dir/gold.txt" "$dir/hunalign.beads")
        row+=" | ${s[2]} / ${s[5]} | $secs s, $(mib "$kb") MiB |"
    else
        row+=" | ${hunalign_why:-hunalign failed} | |"
    fi
    rows+=("$row")
done

echo "| damage | sentences | align strict / lax F1 | align time, RSS | hunalign strict / lax F1 | hunalign time, RSS |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
