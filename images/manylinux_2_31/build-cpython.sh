#!/bin/sh
# Builds one CPython from a source tarball inside a Debian 11 (glibc 2.31) root,
# the way pypa/manylinux does: static libpython (no --enable-shared), no ensurepip,
# no PGO/LTO. Installs into $DESTDIR$PREFIX; the caller packs $DESTDIR.
#
#   build-cpython.sh TARBALL PREFIX MACHINE [BUILD_PYTHON] [freethreaded]
#
#   MACHINE       x86_64 (native) or aarch64 (cross, aarch64-linux-gnu-gcc)
#   BUILD_PYTHON  aarch64 only: an x86_64 python of the same X.Y (--with-build-python)
#   freethreaded  3.13+ only: --disable-gil (prefix e.g. /opt/python/cp313-cp313t)
#
# Environment: DESTDIR (required), WHEELSMITH_SOURCES (tarball folder, used when
# TARBALL is a bare file name; default /wheelsmith/sources).
set -eu

if [ $# -lt 3 ] || [ $# -gt 5 ]; then
    echo "usage: $0 TARBALL PREFIX MACHINE [BUILD_PYTHON] [freethreaded]" >&2
    exit 2
fi
tarball=$1
prefix=$2
machine=$3
build_python=${4:-}
variant=${5:-}
: "${DESTDIR:?DESTDIR must be set: the build is installed under it and packed by the caller}"
sources=${WHEELSMITH_SOURCES:-/wheelsmith/sources}
case $tarball in
    */*) ;;
    *) tarball=$sources/$tarball ;;
esac
[ -f "$tarball" ] || { echo "no such tarball: $tarball" >&2; exit 1; }

case $machine in
    x86_64) host_args= ;;
    aarch64)
        # Cross build: configure cannot run target programs, it needs the x86_64
        # interpreter of the same version to build the stdlib.
        [ -n "$build_python" ] || { echo "aarch64 needs BUILD_PYTHON" >&2; exit 2; }
        [ -x "$build_python" ] || { echo "BUILD_PYTHON not executable: $build_python" >&2; exit 1; }
        host_args="--host=aarch64-linux-gnu --build=x86_64-linux-gnu"
        ;;
    *) echo "unsupported MACHINE: $machine (x86_64 or aarch64)" >&2; exit 2 ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wheelsmith-cpython.XXXXXX")
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
    echo "TIME $(( $(date +%s) - start )) s (cpu $(cpu_since "$tmp/$name") s): cpython $machine $name"
}

# A native configure runs sem_open(): without a writable /dev/shm it concludes that
# POSIX semaphores are disabled and multiprocessing.synchronize is lost for good.
# compileall -j0 (below, also for cross builds) needs it too (multiprocessing locks).
if ! [ -d /dev/shm ] || ! [ -w /dev/shm ]; then
    echo "/dev/shm must be a writable directory (mount a tmpfs there)" >&2
    exit 1
fi

step extract tar -xf "$tarball" -C "$tmp"
src=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d -name 'Python-*')
[ -n "$src" ] || { echo "no Python-* directory in $tarball" >&2; exit 1; }
ver=$(sed -n "s/^PACKAGE_VERSION='\([0-9]*\.[0-9]*\)'$/\1/p" "$src/configure")
minor=${ver#3.}

set -- --prefix="$prefix" --disable-shared --with-ensurepip=no
# The installed test suite is a third of the stdlib and of the byte-compile time;
# 3.10+ can skip building and installing it (3.9: removed after install, below).
[ "$minor" -ge 10 ] && set -- "$@" --disable-test-modules
# 3.13 prefers a system libmpdec; keep the bundled one so _decimal needs no extra .so.
[ "$minor" -ge 13 ] && set -- "$@" --without-system-libmpdec
if [ "$variant" = freethreaded ]; then
    [ "$minor" -ge 13 ] || { echo "freethreaded needs 3.13+" >&2; exit 2; }
    set -- "$@" --disable-gil
elif [ -n "$variant" ]; then
    echo "unknown variant: $variant" >&2; exit 2
fi
if [ "$machine" = aarch64 ]; then
    # Answers for the run-time checks configure cannot do when cross compiling (the
    # values a native aarch64 build finds). The defaults would turn off IPv6 (buggy
    # getaddrinfo), mark sem_getvalue broken, say tzset does not work, pick the FNV
    # hash (aligned access "required"), a signed wchar_t (unsigned on aarch64),
    # drop computed gotos and -pthread (CC would differ from x86_64's "gcc -pthread").
    cat >"$tmp/config.site" <<'EOF'
ac_cv_file__dev_ptmx=yes
ac_cv_file__dev_ptc=no
ac_cv_buggy_getaddrinfo=no
ac_cv_posix_semaphores_enabled=yes
ac_cv_broken_sem_getvalue=no
ac_cv_working_tzset=yes
ac_cv_aligned_required=no
ac_cv_wchar_t_signed=no
ac_cv_computed_gotos=yes
ac_cv_pthread=yes
ac_cv_pthread_system_supported=yes
EOF
    export CONFIG_SITE="$tmp/config.site"
    # 3.11+ take the interpreter as an option; 3.9/3.10 look for pythonX.Y on PATH.
    PATH=$(dirname "$build_python"):$PATH
    export PATH
    [ "$minor" -ge 11 ] && set -- "$@" --with-build-python="$build_python"
    # shellcheck disable=SC2086
    set -- "$@" $host_args
fi

cd "$src"
step configure ./configure "$@"
step make make -j"$(nproc)"
# make install byte-compiles the whole stdlib three times (-O0, -O, -OO), which is
# most of its time; turn those calls into no-ops and compile once at the default
# level below. The lib2to3 grammar pickles are still made by make install.
sed -i 's|\$(DESTDIR)\$(LIBDEST)/compileall\.py|-c pass|' Makefile
step install make install DESTDIR="$DESTDIR"

root=$DESTDIR$prefix
libdest=$(find "$root/lib" -mindepth 1 -maxdepth 1 -type d -name 'python3.*')
pyname=$(basename "$libdest")      # python3.X or python3.13t
[ -x "$root/bin/$pyname" ] || { echo "no $root/bin/$pyname" >&2; exit 1; }
ln -sf "$pyname" "$root/bin/python"   # manylinux layout: /opt/python/<tag>/bin/python

if [ "$minor" -lt 10 ]; then
    # Same set --disable-test-modules leaves out on 3.10+.
    find "$libdest" -mindepth 1 -maxdepth 2 -type d \
        \( -name test -o -name tests -o -name idle_test \) -prune -exec rm -rf {} +
fi

# .pyc at the default optimization level only (pip/build import speed); -O/-OO
# caches are created on demand by whoever runs python -O.
if [ "$machine" = x86_64 ]; then
    compile_python=$root/bin/$pyname
else
    compile_python=$build_python   # same X.Y, so the same magic number
fi
step compileall env PYTHONPATH="$libdest" "$compile_python" -Wi "$libdest/compileall.py" \
    -q -j0 -f -d "$prefix/lib/$pyname" \
    -x 'bad_coding|badsyntax|site-packages|lib2to3/tests/data' "$libdest"

# Strip like manylinux does (debug info of -g is most of the size).
if [ "$machine" = x86_64 ]; then strip=strip; else strip=aarch64-linux-gnu-strip; fi
step strip sh -c '
    s=$1; shift
    for f in "$@"; do
        case $f in *.a) $s --strip-debug "$f" ;; *) $s --strip-unneeded "$f" ;; esac
    done' strip "$strip" "$root/bin/$pyname" "$libdest"/lib-dynload/*.so \
    "$libdest"/config-*/libpython*.a "$root"/lib/libpython*.a

# --- checks -----------------------------------------------------------------
sysconfigdata=$(find "$libdest" -maxdepth 1 -name '_sysconfigdata_*.py')
ext_suffix=$(sed -n "s/^ *'EXT_SUFFIX': '\(.*\)',\$/\1/p" "$sysconfigdata")
[ -n "$ext_suffix" ] || { echo "no EXT_SUFFIX in $sysconfigdata" >&2; exit 1; }
missing=
for m in _ssl _hashlib _sqlite3 _ctypes _lzma _bz2 zlib readline _uuid _decimal \
         _multiprocessing _posixsubprocess select _socket pyexpat _json; do
    [ -f "$libdest/lib-dynload/$m$ext_suffix" ] || missing="$missing $m"
done
[ -z "$missing" ] || { echo "missing extension modules:$missing" >&2; exit 1; }

pyconfig=$(find "$root/include" -name pyconfig.h | head -n 1)
grep -q '^#define ENABLE_IPV6 1' "$pyconfig" || { echo "IPv6 is off" >&2; exit 1; }
grep -q '^#define HAVE_SEM_OPEN 1' "$pyconfig" || { echo "no sem_open" >&2; exit 1; }
if grep -q '^#define POSIX_SEMAPHORES_NOT_ENABLED' "$pyconfig"; then
    echo "POSIX semaphores disabled" >&2; exit 1
fi

if [ "$machine" = x86_64 ]; then
    "$root/bin/python" -c '
import ssl, sqlite3, ctypes, lzma, bz2, zlib, uuid, decimal, readline, socket
import multiprocessing, multiprocessing.synchronize
multiprocessing.Lock()   # a real sem_open in /dev/shm
assert socket.has_ipv6
print("import check OK:", ssl.OPENSSL_VERSION, "sqlite", sqlite3.sqlite_version)
'
else
    readelf -h "$root/bin/$pyname" | grep -q 'Machine:.*AArch64' \
        || { echo "bin/$pyname is not AArch64" >&2; exit 1; }
    case $sysconfigdata in
        *_linux_aarch64-linux-gnu.py) ;;
        *) echo "unexpected sysconfigdata: $sysconfigdata" >&2; exit 1 ;;
    esac
fi
echo "OK: $root ($pyname, $machine)"
