#!/usr/bin/env python3
"""Fails unless a PNG shows something: a screenshot, not a blank window.

Usage: check-png.py FILE [MIN_WIDTH MIN_HEIGHT]
Prints the size, the number of distinct colours and the spread of luminance,
and exits 1 when the image is (nearly) one colour or smaller than asked.
Standard library only: decodes 8-bit greyscale, RGB and RGBA PNGs (not
interlaced), which is what egui screenshots and most encoders write.
"""

import statistics
import struct
import sys
import zlib

CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # PNG colour type -> samples per pixel
MIN_COLOURS = 8  # a themed window with text and a chart has hundreds
MIN_STDEV = 4.0  # luminance spread on 0..255


def fail(message):
    print(f"check-png: {message}", file=sys.stderr)
    sys.exit(1)


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path} is not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    if header is None:
        fail(f"{path} has no IHDR chunk")
    width, height, depth, colour_type, _, _, interlace = header
    if depth != 8 or colour_type not in CHANNELS or interlace:
        fail(f"{path}: unsupported PNG (depth {depth}, colour type {colour_type}, interlace {interlace})")
    bpp = CHANNELS[colour_type]
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        filt, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if filt == 1:
                line[i] = (line[i] + a) & 0xFF
            elif filt == 2:
                line[i] = (line[i] + b) & 0xFF
            elif filt == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif filt == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
            elif filt != 0:
                fail(f"{path}: bad filter type {filt} on row {y}")
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def main():
    if len(sys.argv) not in (2, 4):
        fail("usage: check-png.py FILE [MIN_WIDTH MIN_HEIGHT]")
    path = sys.argv[1]
    min_w, min_h = (int(sys.argv[2]), int(sys.argv[3])) if len(sys.argv) == 4 else (1, 1)
    width, height, bpp, rows = read_png(path)
    colours, lum = set(), []
    for row in rows:
        for x in range(0, len(row), bpp):
            px = row[x : x + bpp]
            colours.add(px)
            if bpp >= 3:
                lum.append(0.299 * px[0] + 0.587 * px[1] + 0.114 * px[2])
            else:
                lum.append(px[0])
    stdev = statistics.pstdev(lum)
    print(f"{path}: {width}x{height}, {len(colours)} colours, luminance stdev {stdev:.1f}")
    if width < min_w or height < min_h:
        fail(f"{path} is {width}x{height}, expected at least {min_w}x{min_h}")
    if len(colours) < MIN_COLOURS or stdev < MIN_STDEV:
        fail(f"{path} looks blank ({len(colours)} colours, stdev {stdev:.1f})")


if __name__ == "__main__":
    main()
