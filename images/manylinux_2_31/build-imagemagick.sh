#!/bin/sh
# Builds a static, position-independent ImageMagick 7 (MagickWand/MagickCore) with
# its font stack (expat, freetype, fontconfig) from the Debian orig tarballs, for
# linking into Python extension modules (Lets-Plot's configuration). Debian's own
# .a files are not -fPIC, which is why the dependencies are built here too.
#
#   build-imagemagick.sh MACHINE PREFIX
#
#   MACHINE  x86_64 (native) or aarch64 (cross, aarch64-linux-gnu-gcc)
#   PREFIX   e.g. /opt/imagemagick/x86_64; installed under $DESTDIR$PREFIX
#
# Environment: DESTDIR (required), WHEELSMITH_SOURCES (default /wheelsmith/sources).
# The result keeps only include/, lib/*.a and lib/pkgconfig; plain
# `pkg-config --libs MagickWand` gives a complete static link line.
set -eu

if [ $# -ne 2 ]; then
    echo "usage: $0 MACHINE PREFIX" >&2
    exit 2
fi
machine=$1
prefix=$2
: "${DESTDIR:?DESTDIR must be set: the build is installed under it and packed by the caller}"
sources=${WHEELSMITH_SOURCES:-/wheelsmith/sources}
root=$DESTDIR$prefix

case $machine in
    x86_64)
        cc=gcc
        host_args=
        cmake_args=
        ;;
    aarch64)
        cc=aarch64-linux-gnu-gcc
        export CC=aarch64-linux-gnu-gcc CXX=aarch64-linux-gnu-g++
        host_args="--host=aarch64-linux-gnu --build=x86_64-linux-gnu"
        cmake_args="-DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR=aarch64"
        ;;
    *) echo "unsupported MACHINE: $machine (x86_64 or aarch64)" >&2; exit 2 ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wheelsmith-imagemagick.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM

# step NAME CMD...: run quietly with the log in the temp dir, print the wall and
# CPU (user+sys) time, and the end of the log if it fails (the temp dir is removed
# on exit). CPU time shows what a step costs when the machine is shared.
cpu_since() {  # user+sys seconds of finished children between two `times` dumps
    awk 'FNR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/)
                    t = u[1] * 60 + u[2] + s[1] * 60 + s[2]
                    d += (FILENAME ~ /1$/) ? t : -t }
         END { printf "%d", d + 0.5 }' "$1.times0" "$1.times1"
}
step() {
    name=$1; shift
    start=$(date +%s)
    times >"$tmp/$name.times0"   # a builtin: no subshell, so it sees our children
    if ! "$@" >"$tmp/$name.log" 2>&1; then
        echo "FAILED: $name" >&2
        tail -n 60 "$tmp/$name.log" >&2
        exit 1
    fi
    times >"$tmp/$name.times1"
    echo "TIME $(( $(date +%s) - start )) s (cpu $(cpu_since "$tmp/$name") s): imagemagick $machine $name"
}

# Everything static and PIC: the archives end up inside a Python extension (.so).
export CFLAGS="-O2 -fPIC" CXXFLAGS="-O2 -fPIC"
# Only our own .pc files, seen through $DESTDIR (the prefix is not installed yet).
# Plain pkg-config: it is told exactly where to look, also when cross compiling.
export PKG_CONFIG=pkg-config PKG_CONFIG_LIBDIR="$root/lib/pkgconfig" PKG_CONFIG_PATH=
export PKG_CONFIG_SYSROOT_DIR="$DESTDIR"
# shellcheck disable=SC2086
set -- --prefix="$prefix" --enable-static --disable-shared --disable-dependency-tracking $host_args

cd "$tmp"
step extract-deps sh -c 'for f; do tar -xf "$f"; done' x \
    "$sources/expat_2.8.3.orig.tar.gz" "$sources/freetype_2.14.3+dfsg.orig.tar.xz" \
    "$sources/fontconfig_2.15.0.orig.tar.xz"

# configure scripts use one core: run expat (cmake) and the ImageMagick unpack
# next to freetype's configure, which does not depend on them.
(
    mkdir expat-build && cd expat-build
    # shellcheck disable=SC2086
    step expat-cmake cmake ../libexpat-R_2_8_3/expat -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib $cmake_args \
        -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DEXPAT_SHARED_LIBS=OFF \
        -DEXPAT_BUILD_TOOLS=OFF -DEXPAT_BUILD_EXAMPLES=OFF -DEXPAT_BUILD_TESTS=OFF \
        -DEXPAT_BUILD_DOCS=OFF
    step expat-make make -j"$(nproc)"
    step expat-install make install DESTDIR="$DESTDIR"
    cd "$tmp"
    step extract-imagemagick tar -xf "$sources/imagemagick_7.1.1.43+dfsg1.orig.tar.xz"
) &
side=$!
cd freetype-2.14.3
step freetype-configure ./configure "$@" \
    --with-zlib=no --with-png=no --with-bzip2=no --with-harfbuzz=no --with-brotli=no
wait "$side" || exit 1
step freetype-make make -j"$(nproc)"
step freetype-install make install DESTDIR="$DESTDIR"
# libtool .la files name the final (not yet existing) prefix; without them libtool
# links the plain .a files from $DESTDIR.
rm -f "$root"/lib/*.la
cd ..

cd fontconfig-2.15.0
# fontconfig's configure needs a python3 interpreter (any; build time only).
step fontconfig-configure ./configure "$@" \
    --disable-docs --disable-cache-build --enable-libxml2=no
# Only the library, its headers and fontconfig.pc: the fc-* tools, fonts.conf and
# translations are not part of the result.
step fontconfig-make make -C src -j"$(nproc)"
step fontconfig-install sh -c 'make -C src install && make -C fontconfig install &&
    make install-pkgconfigDATA'
rm -f "$root"/lib/*.la
cd ..

cd ImageMagick-7.1.1-43
# Lets-Plot's configuration. LIBS: the static font stack's own dependencies, so that
# configure's link tests against freetype/fontconfig succeed.
step imagemagick-configure env ac_cv_func_getentropy=no \
    LIBS="$(pkg-config --libs --static freetype2 fontconfig)" \
    ./configure "$@" --disable-docs \
    --enable-zero-configuration --with-quantum-depth=16 --enable-hdri \
    --with-fontconfig --with-freetype --without-modules --disable-openmp \
    --without-threads --disable-opencl --disable-assert --disable-installed \
    --without-magick-plus-plus --without-perl --without-x --without-jpeg \
    --without-png --without-tiff --without-webp --without-xml --without-zlib \
    --without-lzma --without-bzlib --without-lcms --without-heic --without-jxl \
    --without-zstd --without-zip --without-raw --without-openjp2 --without-djvu \
    --without-fftw --without-flif --without-fpx --without-gslib --without-gvc \
    --without-jbig --without-lqr --without-ltdl --without-openexr --without-pango \
    --without-raqm --without-rsvg --without-wmf --without-dps --without-uhdr
# Only the two libraries, headers and .pc files: `make install` would also build
# the magick utility and install docs, config XML and man pages.
step imagemagick-make make -j"$(nproc)" install-libLTLIBRARIES \
    install-MagickCoreincHEADERS install-MagickCoreincarchHEADERS \
    install-MagickWandincHEADERS install-pkgconfigDATA DESTDIR="$DESTDIR"
cd ..

# Keep what a wheel build links against.
rm -rf "$root/bin" "$root/share" "$root/etc" "$root/var" "$root/lib/cmake" \
    "$root/lib/ImageMagick-7.1.1"
rm -f "$root"/lib/*.la

# Plain `pkg-config --libs MagickWand` must give a complete static link line:
# merge Libs.private into Libs and Requires.private into Requires (first
# occurrence of a flag wins, which keeps -lfontconfig before -lexpat/-lfreetype),
# with the build-time -L paths written as ${libdir}. MagickWand gets the font
# stack through "Requires: MagickCore", after -lMagickCore where a static link
# needs it, so its own copy of those flags is dropped.
for pc in "$root"/lib/pkgconfig/MagickCore*.pc "$root"/lib/pkgconfig/MagickWand*.pc \
          "$root"/lib/pkgconfig/ImageMagick*.pc; do
    [ -f "$pc" ] || continue
    case $pc in *MagickWand*) wand=1 ;; *) wand=0 ;; esac
    awk -v p1="$root/lib" -v p2="$prefix/lib" -v wand="$wand" '
        function merge(a, b,    n, i, t, seen, out) {
            n = split(a " " b, t, /[ \t]+/)
            out = ""
            for (i = 1; i <= n; i++) {
                if (t[i] == "-L" p1 || t[i] == "-L" p2) t[i] = "-L${libdir}"
                if (t[i] == "" || (t[i] in seen)) continue
                seen[t[i]] = 1
                out = out (out == "" ? "" : " ") t[i]
            }
            return out
        }
        /^Libs:/              { libs = substr($0, 6); next }
        /^Libs\.private:/     { if (!wand) libsp = substr($0, 14); next }
        /^Requires:/          { req = substr($0, 10); next }
        /^Requires\.private:/ { reqp = substr($0, 18); next }
        { lines[++nl] = $0 }
        END {
            for (i = 1; i <= nl; i++) print lines[i]
            r = req; if (reqp != "") r = (r == "" ? reqp : r ", " reqp)
            gsub(/^[ \t]+|[ \t]+$/, "", r)
            if (r != "") print "Requires: " r
            print "Libs: " merge(libs, libsp)
        }' "$pc" >"$tmp/pc" && cat "$tmp/pc" >"$pc"
done
grep -q '^prefix=/' "$root/lib/pkgconfig/MagickWand.pc" \
    || { echo "MagickWand.pc has no absolute prefix=" >&2; exit 1; }

# --- checks -----------------------------------------------------------------
# Every archive must link into a shared object, i.e. be PIC.
echo 'int wheelsmith_probe(void) { return 0; }' >"$tmp/probe.c"
libs=$(PKG_CONFIG_SYSROOT_DIR="$DESTDIR" pkg-config --libs MagickWand)
step pic-check "$cc" -shared -fPIC -o "$tmp/probe.so" "$tmp/probe.c" \
    -Wl,--whole-archive "$root"/lib/*.a -Wl,--no-whole-archive $libs
if [ "$machine" = x86_64 ]; then
    cat >"$tmp/wand.c" <<'EOF'
#include <MagickWand/MagickWand.h>
#include <stdio.h>
int main(void)
{
    MagickWandGenesis();
    MagickWand *wand = NewMagickWand();
    if (wand == NULL) return 1;
    wand = DestroyMagickWand(wand);
    MagickWandTerminus();
    printf("MagickWand OK: %s\n", GetMagickVersion(NULL));
    return 0;
}
EOF
    # Plain pkg-config (no --static), as a wheel build would call it.
    # shellcheck disable=SC2046
    step wand-check sh -c 'gcc -o "$1/wand" "$1/wand.c" $2 && "$1/wand"' x "$tmp" \
        "$(pkg-config --cflags --libs MagickWand)"
    cat "$tmp/wand-check.log"
fi
echo "OK: $root ($machine)"
