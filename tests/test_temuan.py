"""Validasi's codes: one registry (ikuxl/temuan.py) that the README and the Petunjuk sheet are made from,
every code produced by a real check, and the findings of this file's hostile rows naming the cell."""

from __future__ import annotations

import re

import pytest

from ikuxl.periksa import periksa
from ikuxl.temuan import KODE, tabel_readme

from .conftest import AKAR
from .test_periksa import _dok


def test_tabel_kode_di_readme_dan_petunjuk_dibuat_dari_daftar():
    readme = (AKAR / "README.md").read_text(encoding="utf-8")
    blok = re.search(r"<!-- kode-validasi:awal -->\n(.*?)\n<!-- kode-validasi:akhir -->", readme, re.S)
    assert blok and blok.group(1) == tabel_readme(), (
        "jalankan: python -c 'from ikuxl.temuan import tabel_readme; print(tabel_readme())'"
    )
    import openpyxl

    petunjuk = [
        str(c.value)
        for r in openpyxl.load_workbook(AKAR / "workbooks" / "template-iku.xlsx")["Petunjuk"].iter_rows()
        for c in r
        if c.value
    ]
    for kode, d in KODE.items():
        assert f"{kode} ({d.tingkat}): {d.arti}; {d.perbaikan}." in petunjuk


def test_setiap_kode_dihasilkan_pemeriksaan_dan_diuji():
    """Every registered code is produced somewhere in ikuxl and asserted somewhere in the tests."""
    sumber = " ".join(p.read_text(encoding="utf-8") for p in (AKAR / "ikuxl").rglob("*.py") if p.name != "temuan.py")
    tes = " ".join(p.read_text(encoding="utf-8") for p in (AKAR / "tests").glob("test_*.py") if p.name != "test_temuan.py")
    assert [k for k in KODE if f'"{k}"' not in sumber] == []
    assert [k for k in KODE if f'"{k}"' not in tes and k not in HASIL] == []


# code → (an IKU row as typed, the document's changes, the column of the cell the finding names)
HASIL = {
    "POLARITAS_TIDAK_DIKENAL": ({"polaritas": "naik-turun"}, None, "polaritas"),
    "METODE_TIDAK_DIKENAL": ({"polaritas": "negatif", "metode": "terbalik"}, None, "metode"),
    "SIFAT_TIDAK_DIKENAL": ({"sifat": "bulanan"}, None, "sifat"),
    "TEKS_TERLALU_PANJANG": ({"catatan": "x" * 40_000}, None, "catatan"),
    "REALISASI_DIABAIKAN": ({"rumus": "[Layak] / [Total] × 100", "realisasi_tw1": 5}, None, "realisasi_tw1"),
    "REALISASI_JAUH_DARI_TAHUN_LALU": (
        {"sifat": "akhir periode", "kondisi_awal": 10, "realisasi_tw1": 12, "realisasi_tw2": 50},
        None,
        "realisasi_tw2",
    ),
    "RUMUS_KOSONG": ({"sifat": "rasio"}, None, "rumus"),
    "TEMPLATE_VERSI_LAMA": ({}, lambda dok: setattr(dok, "versi", 1), None),
    "SKALA_OPERATOR_TIDAK_DIKENAL": ({}, lambda dok: dok.skala.__setitem__(0, ("=", 91, "Sangat Tinggi")), None),
}


@pytest.mark.parametrize("kode", list(HASIL))
def test_kode_yang_jarang_muncul_di_sel_yang_benar(kode):
    baris, ubah, kolom = HASIL[kode]
    dok = _dok([baris])
    if ubah:
        dok.skala = list(dok.skala)
        ubah(dok)
    temuan = [t for t in periksa(dok, dihitung=False) if t.kode == kode]
    assert len(temuan) == 1 and temuan[0].tingkat == KODE[kode].tingkat, temuan
    if kolom:
        from ikuxl.skema import Tata

        assert (temuan[0].lembar, temuan[0].sel) == ("IKU", Tata(dok.kolom_iku).sel(kolom, 5))


def test_ambang_pemeriksaan_dibaca_dari_daftar_kode(monkeypatch):
    """A check's threshold lives in its code's registry entry: changed there, the check, its message and the
    code's meaning in the README table follow."""
    import dataclasses

    dok = _dok([{"target_tw1": 10, "realisasi_tw1": 25}])

    def jauh():
        return [t.pesan for t in periksa(dok) if t.kode == "REALISASI_JAUH_DARI_TARGET"]

    assert [p for p in jauh() if "lebih dari 2 × target (10)" in p] and "lebih dari 2 × targetnya" in tabel_readme()
    monkeypatch.setitem(KODE, "REALISASI_JAUH_DARI_TARGET", dataclasses.replace(KODE["REALISASI_JAUH_DARI_TARGET"], ambang=3))
    assert jauh() == []
    assert all(isinstance(d.ambang, (int, float, type(None))) or d.ambang is KODE["KATA_MIRIP"].ambang for d in KODE.values())


def test_kolom_wajib_dari_skema_disebut_arti_kodenya():
    """The required columns are listed once (skema's Kolom.wajib): Validasi checks those, and WAJIB_KOSONG's
    meaning names each (a blank Polaritas has its own code: POLARITAS_KOSONG)."""
    from ikuxl.periksa import KOSONG_SENDIRI
    from ikuxl.skema import kolom_iku

    # with a quarter's realisasi: its Sifat is required (quarters are combined into the year)
    dok = _dok([{c.kunci: None for c in kolom_iku(2024) if c.wajib}], {"": {}})
    dok.iku[0]["realisasi_tw1"] = 5
    temuan = periksa(dok)
    wajib = [c for c in kolom_iku(2024) if c.wajib and c.kunci not in KOSONG_SENDIRI]
    assert [t.pesan for t in temuan if t.kode == "WAJIB_KOSONG"] == [f"{c.judul} belum diisi" for c in wajib]
    assert all(c.judul.split()[0] in KODE["WAJIB_KOSONG"].arti for c in wajib)
    assert [t.kode for t in temuan if t.kode == "POLARITAS_KOSONG"] == ["POLARITAS_KOSONG"]
