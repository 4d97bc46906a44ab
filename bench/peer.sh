#!/usr/bin/env bash
# Build the peer aligner hunalign from ../shared/peers/hunalign-src.tar.gz into a
# cache directory and print the path of its binary on stdout.
#
#   bash bench/peer.sh          -> /root/.cache/align-bench/hunalign-<sum>/hunalign/src/hunalign/hunalign
#
# Idempotent: the build is keyed by the tarball's checksum and done once; later
# calls only print the path. The empty dictionary hunalign expects sits next to
# the binary at ../../data/null.dic.
#
# Environment: SHARED (default: ../shared beside the repository),
#              BENCH_CACHE (default: $HOME/.cache/align-bench).
# Exit status: 0 ok; 1 the build failed; 3 a prerequisite (../shared, g++, make)
# is missing.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
shared=$(realpath -m "${SHARED:-$here/../../shared}")
tarball=$shared/peers/hunalign-src.tar.gz
cache=${BENCH_CACHE:-$HOME/.cache/align-bench}

if [ ! -f "$tarball" ]; then
    echo "peer.sh: $tarball not found: the shared material (../shared beside the" \
         "repository, or SHARED=DIR) is needed to build hunalign" >&2
    exit 3
fi
for tool in g++ make; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "peer.sh: $tool not found: install it (apt-get install g++ make)" >&2
        exit 3
    fi
done

sum=$(sha256sum "$tarball" | cut -c1-12)
dest=$cache/hunalign-$sum
bin=$dest/hunalign/src/hunalign/hunalign
if [ -x "$bin" ]; then
    echo "$bin"
    exit 0
fi

# Build in a private directory and move it into place only when complete, so an
# interrupted or concurrent build never leaves a half-built tree at $dest.
mkdir -p "$cache"
work=$(mktemp -d "$cache/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
tar xzf "$tarball" -C "$work"
echo "peer.sh: building hunalign in $dest (once)" >&2
if ! make -C "$work/hunalign/src/hunalign" -j"$(nproc)" >"$work/build.log" 2>&1; then
    tail -n 20 "$work/build.log" >&2
    echo "peer.sh: building hunalign failed" >&2
    exit 1
fi
rm "$work/build.log"
[ -x "$bin" ] || rm -rf "$dest"   # a damaged earlier tree
mv -T "$work" "$dest" 2>/dev/null || [ -x "$bin" ]   # lost a race: the winner's tree is fine
echo "$bin"
