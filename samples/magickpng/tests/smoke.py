"""Checks the installed wheel: python {project}/tests/smoke.py"""
import platform
import struct
import sys
import zlib

import magickpng

if "site-packages" not in magickpng.__file__:
    sys.exit(f"magickpng was imported from {magickpng.__file__}, not from an installed wheel")


def rgb_rows(png):
    """Decodes an 8-bit RGB PNG written with filter type 0, with the standard library only."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, idat, header = 8, b"", None
    while offset < len(png):
        length, kind = struct.unpack(">I4s", png[offset:offset + 8])
        body = png[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    width, height, depth, colour_type = header[:4]
    assert (depth, colour_type) == (8, 2), header
    raw = zlib.decompress(idat)
    stride = 1 + width * 3
    rows = [raw[y * stride:(y + 1) * stride] for y in range(height)]
    assert all(row[0] == 0 for row in rows), "unexpected PNG row filter"
    return width, height, [row[1:] for row in rows]


png = magickpng.render(120, 80, "#3b82f6")
width, height, rows = rgb_rows(png)
assert (width, height) == (120, 80), (width, height)
centre = tuple(rows[40][60 * 3:60 * 3 + 3])
corner = tuple(rows[0][0:3])
assert centre == (0x3B, 0x82, 0xF6), f"centre pixel {centre}"
assert corner == (255, 255, 255), f"corner pixel {corner}"
try:
    magickpng.render(10, 10, "no-such-colour")
except ValueError:
    pass
else:
    sys.exit("a bad colour was accepted")

print(f"magickpng {magickpng.__version__} on Python {sys.version.split()[0]} ({platform.machine()}), {magickpng.imagemagick_version()}: "
      f"{len(png)} bytes of PNG, {width}x{height}, centre {centre}")
