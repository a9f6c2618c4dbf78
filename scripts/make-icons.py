#!/usr/bin/env python3
"""Draws the app icons (a POS terminal on red) as PNG with the standard library only.

Writes public/icons/icon-192.png, icon-512.png and icon-maskable-512.png (content inside the
80 % safe zone). Re-run after changing the drawing; the PNGs are committed.
"""
import struct
import zlib
from pathlib import Path

RED = (180, 35, 24)
WHITE = (255, 255, 255)
DARK = (40, 44, 52)
SCREEN = (214, 240, 228)


def rounded_rect(x, y, x0, y0, x1, y1, r):
    if x < x0 or x > x1 or y < y0 or y > y1:
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def shade(u, v, maskable):
    """Colour at unit coordinates (u, v) in [0, 1)."""
    if maskable:
        bg = RED  # full bleed; the terminal is scaled into the safe zone
        s, o = 0.62, 0.19
    else:
        if not rounded_rect(u, v, 0.0, 0.0, 1.0, 1.0, 0.18):
            return None
        bg = RED
        s, o = 0.78, 0.11
    x, y = (u - o) / s, (v - o) / s  # terminal space
    if rounded_rect(x, y, 0.2, 0.05, 0.8, 0.95, 0.08):
        if rounded_rect(x, y, 0.28, 0.13, 0.72, 0.42, 0.03):
            return SCREEN
        for row in range(3):
            for col in range(3):
                kx, ky = 0.31 + col * 0.14, 0.52 + row * 0.12
                if rounded_rect(x, y, kx, ky, kx + 0.1, ky + 0.08, 0.02):
                    return DARK
        return WHITE
    return bg


def render(size, maskable=False, ss=4):
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(ss):
                for sx in range(ss):
                    c = shade((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size, maskable)
                    if c is not None:
                        acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255
            n = ss * ss
            a = acc[3] // n
            if a:
                row += bytes([acc[0] * 255 // acc[3], acc[1] * 255 // acc[3], acc[2] * 255 // acc[3], a])
            else:
                row += bytes([0, 0, 0, 0])
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    out = Path(__file__).resolve().parent.parent / "public" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    (out / "icon-192.png").write_bytes(render(192))
    (out / "icon-512.png").write_bytes(render(512, ss=2))
    (out / "icon-maskable-512.png").write_bytes(render(512, maskable=True, ss=2))
    print("icons written to", out)


if __name__ == "__main__":
    main()
