#!/bin/sh
# Adds ImageMagick and libpng development files to the base, then checks the image has what
# wheel builds need. A local (Debian) base already has them: its builds run without network.
set -eu

if command -v yum >/dev/null 2>&1; then
    yum install -y ImageMagick-devel libpng-devel
    yum clean all
    rm -rf /var/cache/yum
elif command -v apt-get >/dev/null 2>&1; then
    dpkg-query --show libmagickwand-dev libpng-dev >/dev/null
fi

pkg-config --exists MagickWand
pkg-config --exists libpng
ls /opt/python/*/bin/python >/dev/null
rm -rf /tmp/* /tmp/.[!.]* 2>/dev/null || true
