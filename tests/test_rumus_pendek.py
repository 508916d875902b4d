"""Formulas an auditor can read: on every sheet (Komponen's columns compiled from a Rumus aside) no formula is longer than 500 characters or holds more than 8 IFs, and half of them are at most 100
characters; helpers are grouped, not plainly hidden. Measured on the files as written (a shared formula once)."""

from __future__ import annotations

import re
import statistics
import zipfile
from html import unescape

import pytest

from ikuxl.skema import KOMPONEN, REALISASI, Tata, kolom_komponen
from ikuxl.workbook.paket import peta_lembar

from .bantu import WORKBOOKS

TK = Tata(kolom_komponen())
# Komponen's columns compiled from each indicator's Rumus: as long as the Rumus is
DIKOMPILASI = {TK.huruf(k) for k in ("realisasi_tw1", "realisasi_tw2", "realisasi_tw3", "realisasi_tw4", "rasio")}


def _rumus(path) -> dict[str, list[str]]:
    with zipfile.ZipFile(path) as z:
        peta = peta_lembar(z.read)
        hasil = {}
        for lembar in peta:  # every sheet, so a new computed sheet or form is held to the same limits
            xml = z.read(peta[lembar]).decode()
            hasil[lembar] = [
                unescape(m[2])
                for m in re.finditer(r'<c r="([A-Z]+)\d+"[^>]*><f\b[^>]*>([^<]+)</f>', xml)
                if not (lembar == KOMPONEN and m[1] in DIKOMPILASI)
            ]
    return hasil


@pytest.mark.parametrize(
    "nama", ["template-iku.xlsx", "iku-tanjabbar-2022-contoh-realisasi.xlsx", "iku-kalsel-2020-contoh-realisasi.xlsx"]
)
def test_rumus_pendek_dan_terbaca(nama):
    per_lembar = _rumus(WORKBOOKS / nama)
    semua = [f for daftar in per_lembar.values() for f in daftar]
    assert len(per_lembar[REALISASI]) >= 80  # one per column, each stored once
    panjang = max(semua, key=len)
    assert len(panjang) <= 500, panjang
    assert statistics.median(len(f) for f in semua) <= 100
    banyak_if = max(semua, key=lambda f: f.count("IF("))
    assert banyak_if.count("IF(") <= 8, banyak_if
    # texts the formulas show come from named constants: none repeats a message, none tests a text by its length
    assert not [f for f in semua if '"tidak dapat dihitung:' in f]
    assert not [f for f in semua if re.search(r"LEFT\([^()]*,\s*\d+\)\s*=", f)]


def test_kolom_bantu_dikelompokkan_dan_dijelaskan():
    """Realisasi's helpers are an outline group (not plainly hidden) and each is explained on Petunjuk."""
    path = WORKBOOKS / "template-iku.xlsx"
    with zipfile.ZipFile(path) as z:
        peta = peta_lembar(z.read)
        xml = z.read(peta[REALISASI]).decode()
        petunjuk = z.read(peta["Petunjuk"]).decode()
    tersembunyi = re.findall(r"<col\b[^>]*hidden=\"1\"[^>]*/>", xml)
    assert tersembunyi and all('outlineLevel="1"' in c for c in tersembunyi)
    assert 'outlineLevelCol="1"' in xml and 'collapsed="1"' in xml
    from ikuxl.skema import kolom_realisasi

    for k in kolom_realisasi():
        if k.bantu:
            assert k.petunjuk and unescape(k.judul) in unescape(petunjuk), k.kunci


def test_pesan_isian_utuh():
    """Every input prompt fits what Excel shows (255 characters; the writers cut at 250): none is cut mid-sentence."""
    from ikuxl.dokumen import Dokumen
    from ikuxl.rakit import susun

    pesan = [v.pesan for lp in susun(Dokumen.kosong()).lembar for v in lp.validasi]
    assert pesan and max(map(len, pesan)) <= 250, max(pesan, key=len)
