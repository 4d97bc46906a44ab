# tests/tap.sh - TAP output for the shell tests (automake's TAP driver reads
# it), the shell's counterpart of tests/tap.h. Sourced by each test, which
# sets tmp, its scratch folder, first; the test ends with done_testing.

n=0 failed=0

# result NAME STATUS [DETAIL]: test NAME passed when STATUS is 0; on
# failure DETAIL is shown as comment lines.
result() {
    n=$((n + 1))
    if [ "$2" -eq 0 ]; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1"
        [ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/#   /'
        failed=$((failed + 1))
    fi
}

# ok_if NAME COMMAND...: ok when COMMAND succeeds; its output (the first 20
# lines) is shown when it fails.
ok_if() {
    name=$1
    shift
    "$@" >"$tmp/check.out" 2>&1
    result "$name" $? "$(head -20 "$tmp/check.out")"
}

# check NAME EXPECTED_STATUS EXPECTED_STDERR -- COMMAND...: COMMAND exits
# with that status and writes exactly that on stderr; its output is left
# in $tmp/out, its stderr in $tmp/err.
check() {
    name=$1 want_status=$2 want_err=$3
    shift 4
    "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
    err=$(cat "$tmp/err")
    [ "$status" = "$want_status" ] && [ "$err" = "$want_err" ]
    result "$name" $? "status $status (expected $want_status)
stderr: $err
expected: $want_err"
}

# skip NAME REASON
skip() {
    n=$((n + 1))
    echo "ok $n - $1 # SKIP $2"
}

# The plan; the status of the test script: failure when a test failed.
done_testing() {
    echo "1..$n"
    [ "$failed" -eq 0 ]
}
