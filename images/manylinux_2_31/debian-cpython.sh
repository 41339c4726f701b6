#!/bin/sh
# Lays out a CPython that Debian unstable built (interpreter, standard library,
# headers) at its manylinux place, with the C library it was built for beside it:
# the interpreter's program header names that library's loader and its RPATH that
# folder, so it runs on Debian 11, whose glibc is older than the one it needs.
# Extensions are still compiled by Debian 11's gcc against glibc 2.31.
#
#   debian-cpython.sh STAGE OUT MINOR TRIPLET PREFIX PATCHELF
#
# STAGE: an mmdebstrap extract of python3.MINOR-minimal, libpython3.MINOR-stdlib
# and libpython3.MINOR-dev for one architecture; OUT: the tree to write (PREFIX
# inside it); PATCHELF: a patchelf that runs on this machine. Runs on the host:
# nothing is executed from STAGE, so an aarch64 stage needs no emulator.
set -eu

if [ $# -ne 6 ]; then
    echo "usage: $0 STAGE OUT MINOR TRIPLET PREFIX PATCHELF" >&2
    exit 2
fi
stage=$1 out=$2 minor=$3 triplet=$4 prefix=$5 patchelf=$6
version=3.$minor
dest=$out$prefix
runtime=$prefix/lib/runtime

mkdir -p "$dest/bin" "$dest/include" "$out$runtime"
cp -a "$stage/usr/bin/python$version" "$dest/bin/"
cp -a "$stage/usr/lib/python$version" "$dest/lib/"
# Debian's site.py reads dist-packages; the tools' .pth and a venv's packages go in site-packages, as in the compiled CPythons.
mkdir -p "$dest/lib/python$version/site-packages"
ln -s site-packages "$dest/lib/python$version/dist-packages"
cp -a "$stage/usr/include/python$version" "$dest/include/"
# Debian's pyconfig.h picks a multiarch header from the system's include path; this prefix has its own, like a compiled CPython.
cp "$stage/usr/include/$triplet/python$version/pyconfig.h" "$dest/include/python$version/pyconfig.h"

# The C library, its loader and every library the standard library's modules load, from the same suite.
for library in "$stage/usr/lib/$triplet"/*.so.*; do
    case ${library##*/} in libpython*) continue ;; esac
    cp -a "$library" "$out$runtime/"
done
loader=$(cd "$out$runtime" && ls ld-linux-*.so.*)

# Two calls, RPATH first: patchelf 0.18 given both at once writes an interpreter that crashes at start.
# DT_RPATH, not RUNPATH: it also serves the libraries the standard library's modules load.
"$patchelf" --force-rpath --set-rpath "$runtime" "$dest/bin/python$version"
"$patchelf" --set-interpreter "$runtime/$loader" "$dest/bin/python$version"
ln -s "python$version" "$dest/bin/python3"
ln -s "python$version" "$dest/bin/python"
