#!/usr/bin/env bash
# How align's time and memory grow with input size, beside hunalign's, printed
# as markdown tables. Nothing is asserted.
#
#   bash bench/bench-scale.sh [--quick]
#
# 1. textberg-dev repeated x1, x10, x20, x50 as one document (de.txt N times
#    against fr.txt N times): time and peak RSS of align and of hunalign (empty
#    dictionary, default ladder), their ratios, and F1 of both against the gold
#    repeated the same way.
# 2. align alone on generated pairs of 100,000 and 1,000,000 sentences a side
#    (bench/gen-large.py, seed 1): time, peak RSS, sentences per second, F1, and
#    how much the time grows from the smaller to the ten times larger pair;
#    then the same pairs in the default output (TSV, with all the checks).
# 3. Where align's time goes on each repeated document: bench/stage-times
#    (when built: make bench/stage-times) aligns it three times in one
#    process and prints each stage's wall time, cold (what the command does:
#    dictionaries and spellers loaded, hunspell asked about every word type,
#    in "anchors") and warm (all of that already done, as for a later pair
#    of a batch with the same words).
# --quick: x1 and x10, and generated pairs of 10,000 and 100,000 sentences.
#
# hunalign is skipped (with the reason printed) where it would take more than
# HUNALIGN_MAX_SECS (120) seconds or HUNALIGN_MAX_MIB (2560) MiB, predicted from
# the previous size (its time and memory grow with the product of both sides'
# sentence counts), or past 46,000 sentences a side, where it hangs. align is
# stopped after ALIGN_TIMEOUT (1800) seconds. See bench/common.sh for ALIGN,
# ALIGN_FLAGS, SHARED and BENCH_CACHE.
# Exit status: 0 ok; 2 usage error; 3 a prerequisite (GNU time, textberg-dev)
# is missing.
set -eu
# shellcheck source=bench/common.sh
. "$(dirname "$0")/common.sh"

scales=(1 10 20 50)
sizes=(100000 1000000)
case "${1:-}" in
    "") ;;
    --quick) scales=(1 10); sizes=(10000 100000) ;;
    *) say "usage: bash bench/bench-scale.sh [--quick]"; exit 2 ;;
esac
max_secs=${HUNALIGN_MAX_SECS:-120}
max_kb=$(( ${HUNALIGN_MAX_MIB:-2560} * 1024 ))
hunalign_max_sentences=46000
align_timeout=${ALIGN_TIMEOUT:-1800}

need_gnu_time
data=$(find_textberg)
make_tmp
have_align=0
[ -x "$align_bin" ] && have_align=1
find_hunalign

# f1 GOLD HYP: "strict / lax" F1.
f1() {
    local s
    read -r -a s < <(scores "$1" "$2")
    echo "${s[2]} / ${s[5]}"
}

# run_align DIR: align DIR/de.txt with DIR/fr.txt; set $a_secs, $a_kb, $a_f1,
# or $a_secs to why there is no number.
run_align() {
    local rc=0
    a_secs='' a_kb='' a_f1=''
    if [ "$have_align" = 0 ]; then
        a_secs="not built"
        return
    fi
    say "running align on $(wc -l <"$1/de.txt") x $(wc -l <"$1/fr.txt") sentences"
    measure "$1/align.beads" timeout "$align_timeout" "$align_bin" --presegmented \
        --format=beads "${align_flags[@]}" "$1/de.txt" "$1/fr.txt" || rc=$?
    case $rc in
        0) a_secs=$secs a_kb=$kb a_f1=$(f1 "$1/gold.txt" "$1/align.beads") ;;
        124) a_secs="timed out (> $align_timeout s)" ;;
        *) a_secs="failed (exit $rc)"; tail -n 5 "$1/align.beads.err" >&2 ;;
    esac
}

# run_align_default DIR: align DIR's pair in the default output, TSV with the
# checks; set $d_secs and $d_kb, or $d_secs to why there is no number.
run_align_default() {
    local rc=0
    d_secs='' d_kb=''
    say "running align (TSV, checks) on $(wc -l <"$1/de.txt") x $(wc -l <"$1/fr.txt") sentences"
    measure "$1/align.tsv" timeout "$align_timeout" "$align_bin" --presegmented \
        "${align_flags[@]}" "$1/de.txt" "$1/fr.txt" || rc=$?
    case $rc in
        0) d_secs=$secs d_kb=$kb ;;
        124) d_secs="timed out (> $align_timeout s)" ;;
        *) d_secs="failed (exit $rc)"; tail -n 5 "$1/align.tsv.err" >&2 ;;
    esac
    rm -f "$1/align.tsv"
}

# predict NDE NFR: hunalign's "seconds KiB" on NDE x NFR sentences, scaled by
# the product of sentence counts from the last measured run; nothing before one.
predict() {
    [ -n "${h_prod:-}" ] || return 0
    awk -v p="$(( $1 * $2 ))" -v q="$h_prod" -v s="$h_last_secs" -v k="$h_last_kb" \
        'BEGIN { printf "%.0f %.0f\n", s * p / q, k * p / q }'
}

# hunalign_skip NDE NFR: print why hunalign is not run on NDE x NFR sentences,
# or nothing.
hunalign_skip() {
    local p
    read -r -a p < <(predict "$1" "$2") || true
    if [ -z "$hunalign" ]; then
        echo "unavailable: $hunalign_why"
    elif [ "$1" -gt "$hunalign_max_sentences" ] || [ "$2" -gt "$hunalign_max_sentences" ]; then
        echo "skipped: hangs past ~46k sentences a side (int overflow)${p:+; predicted ~${p[0]} s, ~$(mib "${p[1]}") MiB from $h_last_name}"
    elif [ -n "${p:-}" ] && { [ "${p[0]}" -gt "$max_secs" ] || [ "${p[1]}" -gt "$max_kb" ]; }; then
        echo "skipped: predicted ~${p[0]} s, ~$(mib "${p[1]}") MiB from $h_last_name (limits $max_secs s, $(( max_kb / 1024 )) MiB)"
    fi
}

# run_hunalign DIR NAME: set $h_secs, $h_kb, $h_f1, or $h_secs to why not.
run_hunalign() {
    local nde nfr rc=0
    nde=$(wc -l <"$1/de.txt") nfr=$(wc -l <"$1/fr.txt")
    h_secs=$(hunalign_skip "$nde" "$nfr") h_kb='' h_f1=''
    [ -z "$h_secs" ] || return 0
    say "running hunalign on $nde x $nfr sentences"
    measure "$1/ladder" timeout $(( 2 * max_secs )) "$hunalign" "$null_dic" \
        "$1/de.txt" "$1/fr.txt" || rc=$?
    case $rc in
        0) python3 "$bench_dir/ladder2beads.py" "$1/ladder" >"$1/hunalign.beads"
           h_secs=$secs h_kb=$kb h_f1=$(f1 "$1/gold.txt" "$1/hunalign.beads")
           h_prod=$(( nde * nfr )) h_last_secs=$secs h_last_kb=$kb h_last_name=$2 ;;
        124) h_secs="timed out (> $(( 2 * max_secs )) s)" ;;
        *) h_secs="failed (exit $rc)" ;;
    esac
}

# repeat N DIR: textberg-dev N times over in DIR, with the gold shifted to match.
repeat() {

    mkdir -p "$2"
    for _ in $(seq "$1"); do cat "$data/de.txt"; done >"$2/de.txt"
    for _ in $(seq "$1"); do cat "$data/fr.txt"; done >"$2/fr.txt"
    python3 - "$1" "$data" "$2/gold.txt" <<'EOF'
import os, sys
sys.path.insert(0, os.environ["BENCH_DIR"])
from score import read_beads
n, data, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
count = lambda name: sum(1 for _ in open(os.path.join(data, name), encoding="utf-8"))
nde, nfr = count("de.txt"), count("fr.txt")
gold = read_beads(os.path.join(data, "gold.txt"))
with open(out, "w") as f:
    for k in range(n):
        for src, tgt in gold:
            f.write("[%s]:[%s]\n" % (", ".join(str(i + k * nde) for i in src),
                                     ", ".join(str(j + k * nfr) for j in tgt)))
EOF
}
export BENCH_DIR=$bench_dir

# mib_cell KB: KB in MiB, or nothing when there is no measurement.
mib_cell() { [ -z "$1" ] || mib "$1"; }

stage_times=$top/bench/stage-times
stage_lines=()
scale_rows=()
for n in "${scales[@]}"; do
    dir=$tmp/x$n
    repeat "$n" "$dir"
    run_align "$dir"
    run_hunalign "$dir" "x$n"
    if [ -x "$stage_times" ]; then
        say "stage times on x$n"
        while IFS= read -r line; do
            stage_lines+=("$(printf "%-4s" "x$n") $line")
        done < <("$stage_times" -p "$dir/de.txt" "$dir/fr.txt" | sed 1d)
    fi
    t_ratio=n/a m_ratio=n/a
    if [ -n "$a_kb" ] && [ -n "$h_kb" ]; then
        t_ratio=$(ratio "$h_secs" "$a_secs") m_ratio=$(ratio "$a_kb" "$h_kb")
    fi
    scale_rows+=("| x$n | $(wc -l <"$dir/de.txt") x $(wc -l <"$dir/fr.txt") | $a_secs | $(mib_cell "$a_kb") | $h_secs | $(mib_cell "$h_kb") | $t_ratio | $m_ratio | $a_f1 | $h_f1 |")
    rm -rf "$dir"
done

gen_rows=() gen_secs=()
for n in "${sizes[@]}"; do
    dir=$tmp/gen$n
    if [ "$have_align" = 0 ]; then
        gen_rows+=("| $n x $n | not built | | | | | |")
        continue
    fi
    say "generating $n x $n sentences"
    python3 "$bench_dir/gen-large.py" --data "$data" --out "$dir" "$n" 1
    run_align "$dir"
    run_align_default "$dir"
    if [ -n "$a_kb" ]; then
        gen_rows+=("| $n x $n | $a_secs | $(mib "$a_kb") | $(awk -v n="$n" -v s="$a_secs" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "n/a" }') | $a_f1 | $d_secs | $(mib_cell "$d_kb") |")
        gen_secs+=("$a_secs")
    else
        gen_rows+=("| $n x $n | $a_secs | | | | $d_secs | $(mib_cell "$d_kb") |")
    fi
    rm -rf "$dir"
done

echo "## textberg-dev repeated ($data)"
echo
echo "| input | sentences (de x fr) | align time (s) | align RSS (MiB) | hunalign time (s) | hunalign RSS (MiB) | time hunalign/align | RSS align/hunalign | align F1 strict / lax | hunalign F1 strict / lax |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${scale_rows[@]}"
echo
echo "## where align's time goes (bench/stage-times: seconds per stage, no checks)"
echo
if [ "${#stage_lines[@]}" -gt 0 ]; then
    printf '    %s\n' "${stage_lines[@]}"
else
    echo "not measured: bench/stage-times is not built (make bench/stage-times)"
fi
echo
echo "## generated pairs (align alone; gen-large.py seed 1)"
echo
echo "| sentences (de x fr) | time (s) | peak RSS (MiB) | sentences/s (per side) | F1 strict / lax | TSV with checks: time (s) | TSV with checks: RSS (MiB) |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${gen_rows[@]}"
echo
if [ "${#gen_secs[@]}" = 2 ]; then
    echo "Time growth x10 (${sizes[0]} -> ${sizes[1]}): $(ratio "${gen_secs[1]}" "${gen_secs[0]}") (linear: 10.00)"
else
    echo "Time growth x10 (${sizes[0]} -> ${sizes[1]}): n/a"
fi
for n in "${sizes[@]}"; do
    read -r -a p < <(predict "$n" "$n") || true
    echo "hunalign, not run on $n x $n:${p:+ predicted ~${p[0]} s, ~$(mib "${p[1]}") MiB from $h_last_name;}" \
         "$([ "$n" -gt "$hunalign_max_sentences" ] && echo "hangs past ~46k sentences a side" || echo "no known hang at this size")"
done
