#!/bin/sh
# Adds ImageMagick and libpng development files to the base, then checks the image has what
# wheel builds need. A local (Debian) base already has them: its builds run without network.
# PKG_CONFIG is the pkg-config of the machine the wheels are for (the cross image's is aarch64's).
set -eu
pkg_config="${PKG_CONFIG:-pkg-config}"

if command -v yum >/dev/null 2>&1; then
    yum install -y ImageMagick-devel libpng-devel
    yum clean all
    rm -rf /var/cache/yum
fi

"$pkg_config" --exists MagickWand
"$pkg_config" --exists libpng
ls /opt/python/*/bin/python >/dev/null

# Every CPython's imports compiled here, once: Debian compiles its shared dist-packages for its default
# Python only, so each cell of another CPython compiled setuptools again in a container thrown away after
# (ten times the work under QEMU).
for python in /opt/python/*/bin/python; do
    "$python" -m compileall -q $("$python" -c 'import os, sys; print(*(p for p in sys.path[1:] if os.path.isdir(p)))') >/dev/null
done
rm -rf /tmp/* /tmp/.[!.]* 2>/dev/null || true
