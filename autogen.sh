#!/bin/sh
# Regenerates the build system. AM_ICONV needs gettext's config.rpath.
set -e
cd "$(dirname "$0")"
mkdir -p build-aux m4
for f in /usr/share/gettext/config.rpath /usr/share/gettext-*/config.rpath; do
    if [ -f "$f" ]; then cp "$f" build-aux/config.rpath; break; fi
done
[ -f build-aux/config.rpath ] || { echo "autogen.sh: config.rpath not found (install gettext)" >&2; exit 1; }
autoreconf -fi
