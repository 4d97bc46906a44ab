# shellcheck shell=bash disable=SC2034  # globals are used by the scripts sourcing this
# Helpers shared by bench/bench-*.sh; sourced, not run.
#
# Environment understood by the benchmarks:
#   ALIGN         the align binary (default: ./align at the top of the repository)
#   ALIGN_FLAGS   extra options for align, word-split (default: none)
#   SHARED        the shared material (default: ../shared beside the repository)
#   BENCH_CACHE   where peer.sh builds hunalign (default: ~/.cache/align-bench)

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$bench_dir/.." && pwd)
# Absolute paths throughout: the benchmarks run inside their scratch directory.
shared=$(realpath -m "${SHARED:-$top/../shared}")
export SHARED=$shared
if [ -n "${BENCH_CACHE:-}" ]; then
    BENCH_CACHE=$(realpath -m "$BENCH_CACHE")
    export BENCH_CACHE
fi
align_bin=${ALIGN:-$top/align}
case $align_bin in
    */*) align_bin=$(realpath -ms "$align_bin") ;;
    *) align_bin=$(command -v "$align_bin" || echo "$align_bin") ;;
esac
read -r -a align_flags <<<"${ALIGN_FLAGS:-}"

say() { printf '%s\n' "$*" >&2; }

# GNU time is what reports peak RSS; the shell's `time` keyword cannot.
need_gnu_time() {
    if ! /usr/bin/time -f '%M' true >/dev/null 2>&1; then
        say "$(basename "$0"): GNU time is missing: install time (apt-get install time)"
        exit 3
    fi
}

# Print the textberg-dev directory: the repository's copy when it has one,
# else the shared one. Exit 3 when neither exists.
find_textberg() {
    local d
    for d in "$top/tests/data/textberg-dev" "$shared/data/textberg-dev"; do
        if [ -f "$d/de.txt" ] && [ -f "$d/fr.txt" ] && [ -f "$d/gold.txt" ]; then
            echo "$d"
            return
        fi
    done
    say "$(basename "$0"): textberg-dev not found in $top/tests/data or $shared/data"
    exit 3
}

# Make a scratch directory removed on exit, put its path in the global $tmp and
# go there: hunalign writes a translate.txt into its working directory.
make_tmp() {
    tmp=$(realpath "$(mktemp -d "${TMPDIR:-/tmp}/align-bench.XXXXXX")")
    trap 'rm -rf "$tmp"' EXIT
    trap 'exit 130' INT TERM
    cd "$tmp" || exit 1
}

# Set the global $hunalign (binary) and $null_dic, or leave $hunalign empty
# and put the reason in $hunalign_why.
find_hunalign() {
    hunalign=
    if hunalign=$(bash "$bench_dir/peer.sh" 2>"$tmp/peer.err"); then
        null_dic=$(dirname "$hunalign")/../../data/null.dic
    else
        hunalign=
        hunalign_why=$(tail -n 1 "$tmp/peer.err")
    fi
}

# measure OUT CMD...: run CMD with stdout to OUT and stderr to OUT.err, and set
# the globals $secs (wall seconds) and $kb (peak RSS, KiB). Returns CMD's status.
measure() {
    local out=$1 rc=0
    shift
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$out" 2>"$out.err" || rc=$?
    read -r secs kb < <(tail -n 1 "$tmp/time")
    return "$rc"
}

# scores GOLD HYP: print "strictP strictR strictF1 laxP laxR laxF1" with 3 decimals.
scores() {
    python3 "$bench_dir/score.py" --json "$1" "$2" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print(" ".join("%.3f" % r[k] for k in ("precision_strict", "recall_strict", "f1_strict",
                                        "precision_lax", "recall_lax", "f1_lax")))'
}

# mib KB: KiB as MiB with one decimal.
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# ratio A B: A/B with two decimals, or n/a when B is zero or either is missing.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'
}
