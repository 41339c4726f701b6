#!/bin/sh
# What the build tool checks in an image it made, one key=value per line: the machine, the CPythons
# under /opt/python and, in a build image (PKG_CONFIG names the pkg-config of the machine the wheels
# are for), MagickWand's version. The tool's own, run as `sh -c` in each image it makes.
set -eu
echo "machine=$(uname -m)"
for python in /opt/python/*/bin/python; do
    if [ -x "$python" ]; then
        echo "cpython=$(basename "$(dirname "$(dirname "$python")")")"
    fi
done
if [ -n "${PKG_CONFIG:-}" ]; then
    echo "magickwand=$("$PKG_CONFIG" --modversion MagickWand)"
fi
