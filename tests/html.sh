#!/bin/sh
# The HTML report in a real browser (headless Chromium): every flagged pair
# of examples/ is rendered highlighted with its reasons, the filters in the
# address hide what they should, keys j/k move between flagged pairs, the
# page is one column on a phone without sideways scrolling, screenshots are
# not blank, and markup or scripts in the input stay text. Skipped when
# Chromium is not installed. TAP output for automake's driver.
set -u
: "${ALIGN:=./align}" "${top_srcdir:=.}" "${PYTHON3:=python3}"
case $ALIGN in /*) ;; *) ALIGN=$PWD/$ALIGN ;; esac
helper=$(cd "$top_srcdir/tests" && pwd)/html_check.py

chromium=""
for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then chromium=$c; break; fi
done
if [ -z "$chromium" ]; then
    echo "1..0 # SKIP chromium not installed (scripts/install-deps.sh installs it)"
    exit 0
fi
if ! command -v "$PYTHON3" >/dev/null 2>&1 || [ "$PYTHON3" = false ]; then
    echo "1..0 # SKIP python3 not found"
    exit 0
fi

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/tap.sh"
cd "$tmp" || exit 99
HOME=$tmp; export HOME     # Chromium writes its caches under HOME

browse() {  # browse ARGS...: headless Chromium, its noise on stderr dropped
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
        --user-data-dir="$tmp/profile" --hide-scrollbars "$@" 2>/dev/null
}

cp "$top_srcdir/examples/article.fr.txt" "$top_srcdir/examples/article.de.txt" .
"$ALIGN" -s fr -t de -f html -o ex.html article.fr.txt article.de.txt || exit 99
"$ALIGN" -s fr -t de -f jsonl -o ex.jsonl article.fr.txt article.de.txt || exit 99
url="file://$tmp/ex.html"

# Expected pairs from the JSON lines: "pN<TAB>severity<TAB>code: message..."
"$PYTHON3" - > expected <<'EOF' || exit 99
import json
sev = ["info", "warning", "error"]
for o in map(json.loads, open("ex.jsonl", encoding="utf-8")):
    if o["flags"]:
        worst = max(sev.index(f["severity"]) for f in o["flags"])
        print("p%d" % o["bead"], sev[worst],
              *["%s %s: %s" % (f["severity"], f["code"], f["message"]) for f in o["flags"]],
              sep="\t")
EOF

ok_if "examples/ has flagged pairs to show" test -s expected

browse --dump-dom "$url" > dom.html
ok_if "the page's script ran" grep -q '<html lang="en" data-ready="yes">' dom.html
"$PYTHON3" "$helper" pairs dom.html > pairs
ok_if "every pair is rendered" sh -c '
    test "$(wc -l < pairs)" -eq "$(wc -l < ex.jsonl)"'
ok_if "every flagged pair is highlighted, shown, with its reasons" sh -c '
    awk -F "\t" "\$2 ~ /flagged/" pairs |
    awk -F "\t" -v OFS="\t" "{ sub(/^pair,flagged,sev-/, \"\", \$2); \$3 = \"\"; print }" |
    sed "s/\t\t/\t/" > got && diff expected got'
ok_if "no pair is highlighted without a flag" sh -c '
    test "$(grep -c flagged pairs)" -eq "$(wc -l < expected)"'

# Filters from the address: only number flags, flagged pairs only.
browse --dump-dom "$url#codes=number&flagged" > dom-number.html
"$PYTHON3" "$helper" pairs dom-number.html > pairs-number
ok_if "#codes=number&flagged shows exactly the pairs with a number flag" sh -c '
    awk -F "\t" "\$3 == \"shown\" { print \$1 }" pairs-number > shown &&
    grep "	[a-z]* number:" expected | cut -f1 > want &&
    test -s want && diff want shown'
browse --dump-dom "$url#sev=info" > dom-info.html
"$PYTHON3" "$helper" pairs dom-info.html > pairs-info
ok_if "#sev=info hides the flagged pairs that have no info flag" sh -c '
    awk -F "\t" "\$2 ~ /flagged/ && \$3 == \"shown\" { print \$1 }" pairs-info > shown &&
    grep "	info [a-z-]*:" expected | cut -f1 > want; diff want shown'

# Keyboard: j/n forward, k/p back, wrapping around.
first=$(head -1 expected | cut -f1)
last=$(tail -1 expected | cut -f1)
second=$(sed -n 2p expected | cut -f1)
: "${second:=$first}"
"$PYTHON3" "$helper" cdp "$chromium" "$url" 1280 900 key:j key:n key:k key:p > keys 2> keys.err
ok_if "keys j n k p move to flagged pairs $first $second $first $last" sh -c '
    cat keys.err; test "$(tr "\n" " " < keys)" = "$1 $2 $1 $3 "' sh "$first" "$second" "$last"

# Phone width: one column, nothing wider than the screen.
"$PYTHON3" "$helper" cdp "$chromium" "$url" 390 844 \
    'eval:getComputedStyle(document.querySelector("main .pair[data-flags]")).gridTemplateColumns.split(" ").length' \
    'eval:document.documentElement.scrollWidth <= window.innerWidth' > phone 2> phone.err
ok_if "390 px wide: one column, no sideways scrolling" sh -c '
    cat phone.err; test "$(tr "\n" " " < phone)" = "1 true "'
"$PYTHON3" "$helper" cdp "$chromium" "$url" 1280 900 \
    'eval:getComputedStyle(document.querySelector("main .pair[data-flags]")).gridTemplateColumns.split(" ").length' > laptop 2>&1
ok_if "1280 px wide: source and target side by side" test "$(cat laptop)" = 3

# Screenshots: not blank, and the error highlight (#fdecea) is on screen.
browse --screenshot="$tmp/laptop.png" --window-size=1280,1800 "$url" >/dev/null
ok_if "laptop screenshot has many colours and the error highlight" sh -c '
    "$1" "$2" png laptop.png 253,236,234 > png.out || exit 1
    read size colours hits < png.out; echo "$size $colours colours, $hits highlight pixels"
    test "$colours" -gt 50 && test "$hits" -gt 1000' sh "$PYTHON3" "$helper"
browse --screenshot="$tmp/phone.png" --window-size=390,844 "$url#flagged" >/dev/null
ok_if "phone screenshot is not blank" sh -c '
    "$1" "$2" png phone.png 253,236,234 > png.out || exit 1
    read size colours hits < png.out; echo "$size $colours colours"
    test "$colours" -gt 50' sh "$PYTHON3" "$helper"

# Markup and scripts in the input stay text.
printf '%s\n' '<script>document.title="pwned"</script> <b>Gras</b> & "cité".' \
    'Une autre phrase.' > bad.fr
printf '%s\n' '<img src=x onerror="document.title=1"> <b>Fett</b> & „zitiert“.' \
    'Ein anderer Satz.' > bad.de
"$ALIGN" -p -s fr -t de -f html -o bad.html bad.fr bad.de || exit 99
browse --dump-dom "file://$tmp/bad.html" > bad-dom.html
ok_if "markup from the input is text in the rendered page" sh -c '
    grep -q "<title>align: bad.fr ↔ bad.de</title>" bad-dom.html &&
    ! grep "class=\"\(src\|tgt\)\"" bad-dom.html | grep -q "<b>\|<img" &&
    test "$(grep -c "class=\"\(src\|tgt\)\"" bad-dom.html)" -eq 4 &&
    test "$(grep -c "<script" bad-dom.html)" -eq 1 &&
    grep -qF "$1" bad-dom.html' sh \
    '>&lt;script&gt;document.title="pwned"&lt;/script&gt; &lt;b&gt;Gras&lt;/b&gt; &amp; "cité".</div>'

done_testing
