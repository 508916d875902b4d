"""Cell and sheet addresses as Excel writes them (A1 style), without loading a workbook library."""

from __future__ import annotations

import re
from functools import lru_cache

KOLOM_MAKS = 16_384  # XFD
_SEL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


@lru_cache(maxsize=None)
def huruf_kolom(nomor: int) -> str:
    """1 → A, 28 → AB."""
    if not 1 <= nomor <= KOLOM_MAKS:
        raise ValueError(f"kolom {nomor} di luar A–XFD")
    huruf = ""
    while nomor:
        nomor, sisa = divmod(nomor - 1, 26)
        huruf = chr(65 + sisa) + huruf
    return huruf


@lru_cache(maxsize=None)
def nomor_kolom(huruf: str) -> int:
    """A → 1, ab → 28."""
    if not 1 <= len(huruf) <= 3 or not huruf.isascii() or not huruf.isalpha():
        raise ValueError(f'"{huruf}" bukan huruf kolom')
    nomor = 0
    for h in huruf.upper():
        nomor = nomor * 26 + ord(h) - 64
    return nomor


def pisah_sel(sel: str) -> tuple[str, int]:
    """ "$B$12" → ("B", 12)."""
    cocok = _SEL.match(sel)
    if not cocok or not int(cocok[2]):
        raise ValueError(f'"{sel}" bukan alamat sel')
    return cocok[1], int(cocok[2])


def kutip_lembar(nama: str) -> str:
    """A sheet name as a formula names it: always quoted, a quote doubled."""
    return "'" + nama.replace("'", "''") + "'"
