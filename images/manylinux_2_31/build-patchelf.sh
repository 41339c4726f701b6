#!/bin/sh
# Builds patchelf (auditwheel repair needs it) for x86_64 from the Debian orig
# tarball, which is the upstream git tree without a generated configure script.
# patchelf is a single C++17 file, so one g++ line replaces autoreconf+configure.
#
#   build-patchelf.sh PREFIX        (e.g. /usr/local; installed in $DESTDIR$PREFIX/bin)
#
# Environment: DESTDIR (required), WHEELSMITH_SOURCES (default /wheelsmith/sources).
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 PREFIX" >&2
    exit 2
fi
prefix=$1
: "${DESTDIR:?DESTDIR must be set: the build is installed under it and packed by the caller}"
sources=${WHEELSMITH_SOURCES:-/wheelsmith/sources}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wheelsmith-patchelf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM

start=$(date +%s)
tar -xzf "$sources/patchelf_0.18.0.orig.tar.gz" -C "$tmp"
src=$tmp/patchelf-0.18.0
version=$(cat "$src/version")
# Same flags as src/Makefile.am (C++17, large files) plus -O2; the page size is
# chosen per ELF machine at run time (64 KiB for aarch64), no --with-page-size.
g++ -O2 -std=c++17 -D_FILE_OFFSET_BITS=64 -DPACKAGE_STRING="\"patchelf $version\"" \
    -Wall -Wextra -Wcast-qual -o "$tmp/patchelf" "$src/src/patchelf.cc"
strip "$tmp/patchelf"
mkdir -p "$DESTDIR$prefix/bin"
cp "$tmp/patchelf" "$DESTDIR$prefix/bin/patchelf"
chmod 755 "$DESTDIR$prefix/bin/patchelf"

# Check: it runs and reports the expected version.
out=$("$DESTDIR$prefix/bin/patchelf" --version)
[ "$out" = "patchelf $version" ] || { echo "unexpected: $out" >&2; exit 1; }
echo "TIME $(( $(date +%s) - start )) s: patchelf build"
echo "OK: $out in $DESTDIR$prefix/bin"
