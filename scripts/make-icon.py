#!/usr/bin/env python3
"""Draws brook's app icon: three blue stream bands on a pale rounded square.

Not part of the build: assets/brook-slider-chart.png is committed. Rerun this
only to change the icon:  python3 scripts/make-icon.py assets/brook-slider-chart.png
Standard library only (zlib + struct write the PNG); 4x4 supersampling
anti-aliases the edges.
"""

import math
import struct
import sys
import zlib

SIZE = 256
SS = 4  # samples per pixel along each axis
RADIUS = 52  # corner radius of the rounded square
MARGIN = 8  # transparent border around the square

BACKGROUND = (244, 248, 253)
# (base line, amplitude, phase, colour), back to front: each band fills the
# area below its wave, so later (lower) bands sit on top.
BANDS = [
    (118, 20, 0.0, (150, 196, 240)),
    (152, 18, 1.1, (66, 139, 222)),
    (188, 16, 2.2, (27, 84, 160)),
]


def inside_rounded_square(x, y):
    lo, hi = MARGIN, SIZE - MARGIN
    if not (lo <= x <= hi and lo <= y <= hi):
        return False
    # Distance to the nearest corner centre, only in the corner regions.
    cx = min(max(x, lo + RADIUS), hi - RADIUS)
    cy = min(max(y, lo + RADIUS), hi - RADIUS)
    return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS**2


def colour_at(x, y):
    if not inside_rounded_square(x, y):
        return None
    colour = BACKGROUND
    for base, amp, phase, band in BANDS:
        wave = base + amp * math.sin(2 * math.pi * 1.25 * x / SIZE + phase)
        if y >= wave:
            colour = band
    return colour


def render():
    rows = []
    for py in range(SIZE):
        row = bytearray([0])  # PNG filter type 0 (None)
        for px in range(SIZE):
            r = g = b = covered = 0
            for sy in range(SS):
                for sx in range(SS):
                    c = colour_at(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS)
                    if c is not None:
                        r, g, b, covered = r + c[0], g + c[1], b + c[2], covered + 1
            if covered:
                row += bytes((r // covered, g // covered, b // covered, 255 * covered // SS**2))
            else:
                row += bytes(4)
        rows.append(bytes(row))
    return b"".join(rows)


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "assets/brook-slider-chart.png"
    ihdr = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
    png += chunk(b"IDAT", zlib.compress(render(), 9)) + chunk(b"IEND", b"")
    with open(out, "wb") as f:
        f.write(png)
    print(f"wrote {out} ({SIZE}x{SIZE}, {len(png)} bytes)")


if __name__ == "__main__":
    main()
