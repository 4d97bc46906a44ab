#!/bin/sh
# fuzz/run.sh TARGET SECONDS - runs libFuzzer program fuzz/fuzz-TARGET of the
# build in the current directory (./configure --enable-fuzzing
# --disable-shared CC=clang) for SECONDS, from the seed corpus and the saved
# regressions. New inputs go to $FUZZ_WORK/TARGET (default fuzz-work/), a
# crashing input to $FUZZ_WORK/crashes/TARGET-*, the log to
# $FUZZ_WORK/TARGET.log. Prints one summary line; exit 1 on a finding.
set -u
if [ $# -ne 2 ]; then
    echo "usage: fuzz/run.sh TARGET SECONDS" >&2
    exit 2
fi
t=$1 secs=$2
src=$(cd "$(dirname "$0")/.." && pwd)
work=${FUZZ_WORK:-fuzz-work}
prog=./fuzz/fuzz-$t
if [ ! -x "$prog" ]; then
    echo "fuzz/run.sh: $prog: not built (configure --enable-fuzzing CC=clang)" >&2
    exit 2
fi
mkdir -p "$work/$t" "$work/crashes" || exit 2
: "${ALIGN_DICTDIR:=$src/dicts}"
export ALIGN_DICTDIR
dirs="$work/$t $src/fuzz/corpus/$t"
[ -d "$src/tests/fuzz-regress/$t" ] && dirs="$dirs $src/tests/fuzz-regress/$t"
start=$(date +%s)
# shellcheck disable=SC2086
"$prog" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2560 -max_len=8192 \
    -use_value_profile=1 -dict="$src/fuzz/text.dict" \
    -artifact_prefix="$work/crashes/$t-" -print_final_stats=1 \
    $dirs > "$work/$t.log" 2>&1
rc=$?
end=$(date +%s)
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log" | tail -1)
cov=$(grep -o 'cov: [0-9]*' "$work/$t.log" | tail -1)
echo "fuzz-$t: $((end - start)) s, ${runs:-?} runs, ${cov:-cov: ?}, exit $rc"
if [ "$rc" -ne 0 ]; then
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*invariant broken|.*runtime error)' "$work/$t.log" | head -5
    ls "$work/crashes/$t-"* 2>/dev/null | head -3
    exit 1
fi
exit 0
