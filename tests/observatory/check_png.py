"""Checks that a PNG screenshot is a real picture of a GIL timeline, not a blank page:
    python3 check_png.py FILE.png
Decodes the PNG with zlib (8-bit RGB/RGBA, no interlace, as Chromium writes them) and requires
pixels of gilview's three state colours (holding, waiting, blocked) and of dark text."""
import struct
import sys
import zlib

COLOURS = {"holding": (0x2e, 0x9e, 0x44), "waiting": (0xd9, 0x41, 0x2b), "blocked": (0x9f, 0xb4, 0xcc)}


def pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit("check_png: FAIL: not a PNG")
    pos = 8
    idat = b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise SystemExit("check_png: FAIL: unsupported PNG (depth %d, colour type %d)" % (depth, ctype))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    out = []
    i = 0
    for _ in range(h):
        f = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        out.append(line)
        prev = line
    return w, h, bpp, out


def main():
    w, h, bpp, rows = pixels(sys.argv[1])
    counts = {k: 0 for k in COLOURS}
    dark = 0
    for line in rows:
        for x in range(0, w * bpp, bpp):
            px = (line[x], line[x + 1], line[x + 2])
            for k, c in COLOURS.items():
                if all(abs(p - q) <= 6 for p, q in zip(px, c)):
                    counts[k] += 1
            if sum(px) < 150:
                dark += 1
    print("check_png: %dx%d, state pixels %s, dark pixels %d" % (w, h, counts, dark))
    missing = [k for k, n in counts.items() if n < 50]
    if missing or dark < 200:
        print("check_png: FAIL: the picture lacks %s" % (", ".join(missing) or "text"))
        sys.exit(1)
    print("ok")


main()
