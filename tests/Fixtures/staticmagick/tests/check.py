"""python {project}/tests/check.py: the static ImageMagick works from the installed wheel."""
import platform
import sys

import staticmagick

if "site-packages" not in staticmagick.__file__:
    sys.exit(f"staticmagick was imported from {staticmagick.__file__}, not from an installed wheel")
size = staticmagick.canvas(64, 48, "#3b82f6")
assert size == (64, 48, 0x3B, 0x82, 0xF6), size
print(f"staticmagick on Python {sys.version.split()[0]} ({platform.machine()}): {staticmagick.version()}, canvas {size}")
