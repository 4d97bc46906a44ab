#!/bin/sh
# Installs every build and test dependency of align on Debian 12.
# Non-interactive and idempotent: packages already present are skipped.
set -eu
pkgs="build-essential autoconf automake libtool autoconf-archive pkg-config
gettext libhunspell-dev hunspell-de-de hunspell-fr hunspell-en-us
libutf8proc-dev libxml2-utils python3 clang libclang-rt-14-dev valgrind
time parallel chromium"
missing=""
for p in $pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
if [ -z "$missing" ]; then
    echo "install-deps: all packages present"
    exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
