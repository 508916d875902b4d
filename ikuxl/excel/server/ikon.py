"""ikuxl's own add-in icons (not xlwings' logo): a green tile with three rising white bars, drawn here as PNG
(no imaging library needed). `python -m ikuxl.excel.server.ikon` writes them into static/images/; a test
checks that the committed files are what this draws."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

UKURAN = (16, 32, 64, 80)  # the ribbon's 16/32/80 and the add-in's 32/64 (IconUrl, HighResolutionIconUrl)
FOLDER = Path(__file__).resolve().parent / "static" / "images"
HIJAU, PUTIH = (0x37, 0x56, 0x23), (0xFF, 0xFF, 0xFF)  # Realisasi's tab colour


def _piksel(n: int, x: int, y: int) -> tuple[int, int, int, int]:
    """The colour at (x, y) of an n×n icon: a rounded tile, three bars of 40, 65 and 90 % on a baseline."""
    r = max(1, n // 6)  # corner radius
    dx, dy = max(r - x - 0.5, x + 0.5 - (n - r), 0), max(r - y - 0.5, y + 0.5 - (n - r), 0)
    if dx * dx + dy * dy > r * r:
        return (0, 0, 0, 0)  # outside the rounded corner: transparent
    tepi, lebar = n * 0.18, n * 0.64 / 5  # three bars and two gaps across the middle
    for i, tinggi in enumerate((0.40, 0.65, 0.90)):
        kiri = tepi + 2 * i * lebar
        if kiri <= x + 0.5 < kiri + lebar and n - tepi - tinggi * (n - 2 * tepi) <= y + 0.5 < n - tepi:
            return (*PUTIH, 255)
    return (*HIJAU, 255)


def png(n: int) -> bytes:
    def potong(jenis: bytes, isi: bytes) -> bytes:
        return struct.pack(">I", len(isi)) + jenis + isi + struct.pack(">I", zlib.crc32(jenis + isi))

    baris = b"".join(b"\0" + bytes(c for x in range(n) for c in _piksel(n, x, y)) for y in range(n))
    kepala = struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + potong(b"IHDR", kepala) + potong(b"IDAT", zlib.compress(baris, 9)) + potong(b"IEND", b"")


def tulis(folder: Path = FOLDER) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    hasil = []
    for n in UKURAN:
        (folder / f"ikuxl-{n}.png").write_bytes(png(n))
        hasil.append(folder / f"ikuxl-{n}.png")
    return hasil


if __name__ == "__main__":
    print("\n".join(map(str, tulis())))
