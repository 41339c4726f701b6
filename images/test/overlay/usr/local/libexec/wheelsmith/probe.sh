#!/bin/sh
# What the build tool checks in the test image, one key=value per line.
set -eu
echo "machine=$(uname -m)"
for python in /opt/python/*/bin/python; do
    if [ -x "$python" ]; then
        echo "cpython=$(basename "$(dirname "$(dirname "$python")")")"
    fi
done
