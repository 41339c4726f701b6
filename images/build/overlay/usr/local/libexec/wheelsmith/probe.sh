#!/bin/sh
# What the build tool checks in a finished image, one key=value per line. PKG_CONFIG as in provision.sh.
set -eu
echo "machine=$(uname -m)"
for python in /opt/python/*/bin/python; do
    if [ -x "$python" ]; then
        echo "cpython=$(basename "$(dirname "$(dirname "$python")")")"
    fi
done
echo "magickwand=$("${PKG_CONFIG:-pkg-config}" --modversion MagickWand)"
