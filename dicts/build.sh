#!/bin/sh
# Rebuild the data files in dicts/ (see dicts/README).
# Needs python3, the FreeDict and hunspell packages named in dicts/README and
# libreoffice-common: when LibreOffice is not installed its .deb is fetched
# with `apt-get download` and unpacked into a temporary directory.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
autocorr=/usr/lib/libreoffice/share/autocorr
tmp=
cleanup() { if [ -n "$tmp" ]; then rm -rf "$tmp"; fi; }
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
if [ ! -f "$autocorr/acor_de.dat" ]; then
	tmp=$(mktemp -d)
	if ! (cd "$tmp" && apt-get download libreoffice-common) >"$tmp/apt.log" 2>&1; then
		cat "$tmp/apt.log" >&2
		exit 1
	fi
	deb=$(ls "$tmp"/libreoffice-common_*.deb)
	echo "using $(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)"
	dpkg-deb -x "$deb" "$tmp/x"
	autocorr=$tmp/x/usr/lib/libreoffice/share/autocorr
fi
for p in dict-freedict-deu-fra dict-freedict-fra-deu dict-freedict-deu-eng \
	dict-freedict-eng-deu dict-freedict-fra-eng dict-freedict-eng-fra \
	hunspell-de-de hunspell-fr-classical hunspell-en-us; do
	dpkg-query -W -f='using ${Package} ${Version}\n' "$p"
done
python3 "$here/build.py" --autocorr "$autocorr" "$@"
