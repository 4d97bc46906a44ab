#!/bin/sh
# Command-line tests of the checker: every planted fault of examples/ is
# flagged with the right code on its bead and nothing else is; --fail-on
# gates the exit status; --checks selects codes. TAP output.
set -u
: "${ALIGN:=./align}" "${top_srcdir:=.}"
ex="$top_srcdir/examples"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/tap.sh"

# flags_of FILE SIDE TEXT: the flags column of the bead whose SIDE (5 =
# source, 6 = target) contains TEXT.
flags_of() {
    awk -F '\t' -v col="$2" -v text="$3" \
        'NR > 1 && index($col, text) { print $4; exit }' "$1"
}

# has NAME FILE SIDE TEXT FLAG
has() {
    got=$(flags_of "$2" "$3" "$4")
    case ",$got," in
        *",$5,"*) result "$1" 0 ;;
        *) result "$1" 1 "flags '$got', expected $5" ;;
    esac
}

pair="$ex/article.fr.txt $ex/article.de.txt"
# shellcheck disable=SC2086
"$ALIGN" -s fr -t de $pair > "$tmp/all.tsv"
result "align examples/" $?

# The four planted faults of examples/README, each on its bead.
has "omission: fr 10 has no translation" "$tmp/all.tsv" 5 \
    "Les quais des six gares" "omission:error"
has "number: 1 500 became 1.800" "$tmp/all.tsv" 6 "1.800 Fahrgäste" \
    "number:error"
has "untranslated: fr 13 left in French" "$tmp/all.tsv" 6 \
    "Selon lui, de nombreux habitants" "untranslated:error"
has "garbled: doubled word and word salad" "$tmp/all.tsv" 6 \
    "Die Fahrräder Fahrräder" "garbled:warning"
# And nothing else: four beads flagged, with one flag each.
flagged=$(awk -F '\t' 'NR > 1 && $4 != ""' "$tmp/all.tsv" | wc -l)
result "nothing else flagged in examples/" $([ "$flagged" -eq 4 ]; echo $?) \
    "$flagged beads flagged, expected 4"

# --fail-on: exit 1 at or above the severity, 0 below it.
# shellcheck disable=SC2086
check "--fail-on error with errors: 1" 1 "" -- "$ALIGN" -s fr -t de --fail-on error $pair
# shellcheck disable=SC2086
check "--fail-on warning with errors: 1" 1 "" -- "$ALIGN" -s fr -t de --fail-on warning $pair
# shellcheck disable=SC2086
check "--fail-on error, only a warning: 0" 0 "" -- \
    "$ALIGN" -s fr -t de --checks garbled --fail-on error $pair
# shellcheck disable=SC2086
check "--fail-on warning, a warning: 1" 1 "" -- \
    "$ALIGN" -s fr -t de --checks garbled --fail-on warning $pair
# shellcheck disable=SC2086
check "no --fail-on: 0 whatever is flagged" 0 "" -- "$ALIGN" -s fr -t de $pair
# shellcheck disable=SC2086
check "--fail-on with nothing checked: 0" 0 "" -- \
    "$ALIGN" -s fr -t de --checks none --fail-on info $pair
check "--fail-on with an unknown severity: 2" 2 \
"align: --fail-on takes info, warning or error, not 'fatal'
Try 'align --help' for more information." -- \
    "$ALIGN" -s fr -t de --fail-on fatal $pair
printf 'Une phrase simple.\n' > "$tmp/fr.txt"
printf 'Ein einfacher Satz.\n' > "$tmp/de.txt"
check "--fail-on info on a clean pair: 0" 0 "" -- \
    "$ALIGN" -s fr -t de --fail-on info "$tmp/fr.txt" "$tmp/de.txt"
# The report still goes out when the gate fails.
# shellcheck disable=SC2086
"$ALIGN" -s fr -t de --fail-on error -o "$tmp/gate.tsv" $pair
result "-o written when --fail-on fails" \
    $(cmp -s "$tmp/gate.tsv" "$tmp/all.tsv"; echo $?)

# --checks: a plain list selects, -code removes, +code adds.
codes() {   # the distinct codes flagged in FILE
    awk -F '\t' 'NR > 1 && $4 != "" { print $4 }' "$1" | tr ',' '\n' |
        sed 's/:.*//' | sort -u | tr '\n' ' '
}
# shellcheck disable=SC2086
"$ALIGN" -s fr -t de --checks number $pair > "$tmp/c1.tsv"
got=$(codes "$tmp/c1.tsv")
result "--checks number: only number" $([ "$got" = "number " ]; echo $?) "got '$got'"
# shellcheck disable=SC2086
"$ALIGN" -s fr -t de --checks number,omission $pair > "$tmp/c2.tsv"
got=$(codes "$tmp/c2.tsv")
result "--checks number,omission: these two" \
    $([ "$got" = "number omission " ]; echo $?) "got '$got'"
# shellcheck disable=SC2086
"$ALIGN" -s fr -t de --checks -number $pair > "$tmp/c3.tsv"
got=$(codes "$tmp/c3.tsv")
result "--checks -number: all but number" \
    $([ "$got" = "garbled omission untranslated " ]; echo $?) "got '$got'"
# shellcheck disable=SC2086
"$ALIGN" -s fr -t de --checks none,+untranslated $pair > "$tmp/c4.tsv"
got=$(codes "$tmp/c4.tsv")
result "--checks none,+untranslated" \
    $([ "$got" = "untranslated " ]; echo $?) "got '$got'"
# shellcheck disable=SC2086
"$ALIGN" -s fr -t de --checks all,-garbled,-untranslated $pair > "$tmp/c5.tsv"
got=$(codes "$tmp/c5.tsv")
result "--checks all,-garbled,-untranslated" \
    $([ "$got" = "number omission " ]; echo $?) "got '$got'"
check "--checks with an unknown code: 2" 2 \
"align: --checks: unknown flag code 'numbers'
Try 'align --help' for more information." -- \
    "$ALIGN" -s fr -t de --checks number,numbers $pair

done_testing
