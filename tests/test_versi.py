"""Workbooks of template version 1 (quarters typed on Realisasi) and version 2 (no yearly realisasi nor
Standar Nasional) are upgraded by `ikuxl recalc`: every value and text the user typed is kept, in the new
place, and the result computes in Excel alone."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from ikuxl.skema import (
    BARIS_DATA,
    BARIS_KEPALA,
    IKU,
    KOMPONEN,
    REALISASI,
    REFERENSI,
    VERSI_TEMPLATE,
    Tata,
    kolom_iku,
    kolom_iku_v1,
    kolom_iku_v2,
    kolom_komponen,
    kolom_realisasi,
)
from ikuxl.skema import BARIS_PENGATURAN, BARIS_SKALA, KOLOM_DAFTAR, PENGATURAN
from ikuxl.workbook.baca import BacaError, baca_dokumen

from .bantu import WORKBOOKS
from .oracle import bandingkan

V1 = Path(__file__).parent / "data" / "v1"
# version 2 workbooks as `ikuxl contoh workbooks` wrote them at commit 8d66455 (workbooks/ of that commit)
V2 = Path(__file__).parent / "data" / "v2"
TW = [f"{a}_tw{q}" for a in ("target", "realisasi") for q in range(1, 5)]


def _isian_v1(path: Path) -> dict:
    """Every input cell of a version 1 workbook: IKU by kode and column, the quarters on Realisasi (input
    cells only, not those holding formulas), Komponen by kode and component, Referensi's settings, scale and lists."""
    wb = openpyxl.load_workbook(path)
    ref = wb[REFERENSI]
    awal, akhir = (int(ref.cell(BARIS_PENGATURAN + i, 2).value) for i in (3, 4))
    ti = Tata(kolom_iku_v1(range(awal, akhir + 1)))
    iku = {}
    for r in range(BARIS_DATA, wb[IKU].max_row + 1):
        b = {k: wb[IKU].cell(r, c).value for k, c in ti.posisi.items()}
        if b["kode"] is not None:
            iku[b["kode"]] = b
    tr = Tata(kolom_realisasi())
    for r in range(BARIS_DATA, wb[REALISASI].max_row + 1):
        kode = wb[REALISASI].cell(r, 1).value
        for k in TW:
            v = wb[REALISASI].cell(r, tr.posisi[k]).value
            if kode in iku:
                iku[kode][k] = None if isinstance(v, str) and v.startswith("=") else v
    return {"iku": iku, **_bukan_iku(wb)}


def _bukan_iku(wb) -> dict:
    tk, ref = Tata(kolom_komponen()), wb[REFERENSI]
    komponen = {
        (wb[KOMPONEN].cell(r, 1).value, wb[KOMPONEN].cell(r, 3).value): [
            wb[KOMPONEN].cell(r, tk.posisi[f"tw{q}"]).value for q in range(1, 5)
        ]
        for r in range(BARIS_DATA, wb[KOMPONEN].max_row + 1)
        if wb[KOMPONEN].cell(r, 1).value
    }
    pengaturan = [ref.cell(BARIS_PENGATURAN + i, 2).value for i in range(10) if i != 7]  # 7: the template version
    skala = [[ref.cell(r, c).value for c in (1, 2, 3)] for r in range(BARIS_SKALA + 1, BARIS_SKALA + 11)]
    daftar = {
        ref.cell(BARIS_PENGATURAN - 1, c).value: [ref.cell(r, c).value for r in range(BARIS_PENGATURAN, 64)]
        for c in range(KOLOM_DAFTAR, KOLOM_DAFTAR + 6)
    }
    return {"komponen": komponen, "pengaturan": pengaturan, "skala": skala, "daftar": daftar}


def _isian_v2(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    ti = Tata(kolom_iku(int(wb[REFERENSI].cell(BARIS_PENGATURAN + 3, 2).value)))
    iku = {}
    for r in range(BARIS_DATA, wb[IKU].max_row + 1):
        b = {k: wb[IKU].cell(r, c).value for k, c in ti.posisi.items()}
        if b["kode"] is not None:
            iku[b["kode"]] = b
    return {"iku": iku, **_bukan_iku(wb)}


@pytest.mark.parametrize("nama", sorted(p.name for p in V1.glob("*.xlsx")))
def test_workbook_versi_1_ditingkatkan_tanpa_kehilangan_isian(tmp_path, nama):
    asli = tmp_path / nama
    shutil.copyfile(V1 / nama, asli)
    sebelum = _isian_v1(asli)
    assert baca_dokumen(asli).versi == 1
    hasil = subprocess.run([sys.executable, "-m", "ikuxl", "recalc", str(asli), "--in-place"], capture_output=True, text=True)
    assert hasil.returncode in (0, 1), hasil.stderr  # 1: Validasi reports errors in the example's data
    sesudah = _isian_v2(asli)
    assert sesudah["komponen"] == sebelum["komponen"]
    assert (sesudah["pengaturan"], sesudah["skala"], sesudah["daftar"]) == (
        sebelum["pengaturan"],
        sebelum["skala"],
        sebelum["daftar"],
    )
    assert set(sesudah["iku"]) == set(sebelum["iku"])
    for kode, b in sebelum["iku"].items():  # every typed cell, the quarters now on the indicator's row
        assert {k: v for k, v in sesudah["iku"][kode].items() if k in b} == b, kode
    dok = baca_dokumen(asli)
    assert dok.versi == VERSI_TEMPLATE and (asli.parent / (nama + ".bak")).exists()
    wb = openpyxl.load_workbook(asli, data_only=True)
    assert wb[IKU].cell(BARIS_KEPALA, Tata(dok.kolom_iku).posisi["realisasi_tw1"]).value == f"Realisasi TW I {dok.tahun}"


def _isian_iku(path: Path, kolom) -> dict:
    """IKU's cells by kode and column key, in the layout `kolom(awal)`, with the header row."""
    wb = openpyxl.load_workbook(path)
    ti = Tata(kolom(int(wb[REFERENSI].cell(BARIS_PENGATURAN + 3, 2).value)))
    iku = {}
    for r in range(BARIS_DATA, wb[IKU].max_row + 1):
        b = {k: wb[IKU].cell(r, c).value for k, c in ti.posisi.items()}
        if any(v is not None for v in b.values()):
            iku[(r, b["kode"])] = b
    return {"iku": iku, **_bukan_iku(wb)}


@pytest.mark.parametrize("nama", sorted(p.name for p in V2.glob("*.xlsx")))
def test_workbook_versi_2_ditingkatkan_tanpa_kehilangan_isian(tmp_path, nama):
    """Every IKU cell of a version 2 workbook stays on its row under its column's new place, with the yearly
    realisasi and Standar Nasional columns added empty; Komponen, settings, scale and lists unchanged."""
    asli = tmp_path / nama
    shutil.copyfile(V2 / nama, asli)
    sebelum = _isian_iku(asli, kolom_iku_v2)
    assert baca_dokumen(asli).versi == 2
    hasil = subprocess.run([sys.executable, "-m", "ikuxl", "recalc", str(asli), "--in-place"], capture_output=True, text=True)
    assert hasil.returncode in (0, 1), hasil.stderr  # 1: Validasi reports errors in the example's data
    sesudah = _isian_iku(asli, kolom_iku)
    for bagian in ("komponen", "pengaturan", "skala", "daftar"):
        assert sesudah[bagian] == sebelum[bagian], bagian
    assert set(sesudah["iku"]) == set(sebelum["iku"])
    baru = {k.kunci for k in kolom_iku(2000)} ^ {k.kunci for k in kolom_iku_v2(2000)}
    for kunci, b in sebelum["iku"].items():
        setelah = sesudah["iku"][kunci]
        assert {k: v for k, v in setelah.items() if k in b} == b, kunci
        assert all(setelah[k] is None for k in setelah if k not in b), kunci
    assert len(baru) == 7
    dok = baca_dokumen(asli)
    assert dok.versi == VERSI_TEMPLATE == 3 and (asli.parent / (nama + ".bak")).exists()
    wb = openpyxl.load_workbook(asli, data_only=True)
    kepala = {k: wb[IKU].cell(BARIS_KEPALA, c).value for k, c in Tata(dok.kolom_iku).posisi.items()}
    awal, akhir = dok.tahun_periode[0], dok.tahun_periode[-1]
    assert (kepala[f"realisasi_{awal}"], kepala[f"realisasi_{akhir}"], kepala[f"realisasi_{akhir + 1}"]) == (
        f"Realisasi {awal}",
        f"Realisasi {akhir}",
        "(di luar periode)",
    )
    assert kepala["standar_nasional"] == "Standar Nasional" and kepala["realisasi_tw1"].startswith("Realisasi TW I 2")


@pytest.mark.libreoffice
def test_workbook_versi_1_yang_ditingkatkan_dihitung_sama_oleh_libreoffice(tmp_path, libreoffice):
    berkas = []
    for p in sorted(V1.glob("*contoh-realisasi.xlsx")):
        berkas.append(tmp_path / p.name)
        shutil.copyfile(p, berkas[-1])
        subprocess.run([sys.executable, "-m", "ikuxl", "recalc", str(berkas[-1]), "--in-place"], capture_output=True)
    assert bandingkan(berkas, tmp_path / "lo", libreoffice) == []


def test_tombol_hitung_capaian_meningkatkan_buku_versi_1_seperti_recalc(tmp_path):
    """In Excel (xlwings' remote engine, the book's values as Excel sends them): Hitung Capaian on a version 1
    book writes IKU with the quarters on each indicator's row, as `ikuxl recalc` does."""
    from .muatan import Excel
    from .test_excel import jalankan

    asli = tmp_path / "v1.xlsx"
    shutil.copyfile(V1 / "iku-tanjabbar-2022-contoh-realisasi.xlsx", asli)
    sebelum = _isian_v1(asli)
    excel = Excel(asli)
    excel.terapkan(jalankan(asli, "hitung_capaian"))
    excel.wb.save(tmp_path / "excel.xlsx")
    iku = _isian_v2(tmp_path / "excel.xlsx")["iku"]
    for kode, b in sebelum["iku"].items():
        assert {k: v for k, v in iku[kode].items() if k in b} == b, kode


def test_tombol_hitung_capaian_meningkatkan_buku_versi_2_seperti_recalc(tmp_path):
    """The Excel shell's button upgrades a version 2 book as `ikuxl recalc` does: every IKU cell kept."""
    from .muatan import Excel
    from .test_excel import jalankan

    asli = tmp_path / "v2.xlsx"
    shutil.copyfile(V2 / "iku-tanjabbar-2022-contoh-realisasi.xlsx", asli)
    sebelum = _isian_iku(asli, kolom_iku_v2)
    excel = Excel(asli)
    excel.terapkan(jalankan(asli, "hitung_capaian"))
    excel.wb.save(tmp_path / "excel.xlsx")
    sesudah = _isian_iku(tmp_path / "excel.xlsx", kolom_iku)
    assert sesudah["komponen"] == sebelum["komponen"] and set(sesudah["iku"]) == set(sebelum["iku"])
    for kunci, b in sebelum["iku"].items():
        assert {k: v for k, v in sesudah["iku"][kunci].items() if k in b} == b, kunci
    assert baca_dokumen(tmp_path / "excel.xlsx").versi == VERSI_TEMPLATE


@pytest.mark.parametrize("kosongkan_versi", [False, True])
def test_judul_triwulan_diganti_bukan_versi_1(tmp_path, kosongkan_versi):
    """A version 2 workbook whose Target TW I header was retitled (and even its version setting cleared) is
    still read as version 2: the message names that header's cell, not a column of version 1."""
    path = tmp_path / "iku.xlsx"
    path.write_bytes((WORKBOOKS / "iku-tanjabbar-2022.xlsx").read_bytes())
    sel = f"{Tata(kolom_iku(2022)).huruf('target_tw1')}{BARIS_KEPALA}"
    wb = openpyxl.load_workbook(path)
    wb[IKU][sel] = "Target Triwulan 1"
    if kosongkan_versi:
        wb[REFERENSI].cell(BARIS_PENGATURAN + [k for k, _, _ in PENGATURAN].index("versi_template"), 2).value = None
    wb.save(path)
    with pytest.raises(BacaError) as e:
        baca_dokumen(path)
    assert (e.value.lembar, e.value.sel) == (IKU, sel) and '"Target TW I" diharapkan' in str(e.value)
