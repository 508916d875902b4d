"""The annual cycle: the quarters belong to a named year (Referensi's Tahun triwulan); moving Tahun pelaporan
on with quarters filled warns, and `ikuxl recalc` closes the year: the yearly realisasi into its column,
every quarterly input into Arsip Triwulan, nothing typed lost, a second run changing nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from ikuxl.aksi import recalc, validasi
from ikuxl.skema import ARSIP, BARIS_DATA, BARIS_KEPALA, IKU, KOMPONEN, PENGATURAN, REFERENSI, Tata, kolom_arsip, kolom_iku
from ikuxl.skema import BARIS_PENGATURAN, kolom_komponen
from ikuxl.tutup import tahun_triwulan
from ikuxl.workbook.baca import baca_dokumen

from .bantu import WORKBOOKS

CONTOH = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
TI, TK, TA = Tata(kolom_iku(2022)), Tata(kolom_komponen()), Tata(kolom_arsip())
TW = [f"{j}_tw{q}" for j in ("target", "realisasi") for q in range(1, 5)]


def _baris_setelan(kunci: str) -> int:
    return BARIS_PENGATURAN + [k for k, _, _ in PENGATURAN].index(kunci)


def _gulir(tujuan: Path, tahun: int = 2023, ubah=None) -> Path:
    """The example with its reporting year moved on in Excel (quarters of 2022 still filled)."""
    shutil.copy(CONTOH, tujuan)
    wb = openpyxl.load_workbook(tujuan)
    wb[REFERENSI].cell(_baris_setelan("tahun"), 2).value = tahun
    if ubah:
        ubah(wb[IKU])
    wb.save(tujuan)
    return tujuan


def _isian(path: Path) -> dict[tuple[str, int, int], object]:
    """Every input cell typed on IKU and Komponen's quarterly values: (sheet, row, column) → value."""
    wb = openpyxl.load_workbook(path, data_only=True)
    isi = {}
    for r in range(BARIS_DATA, wb[IKU].max_row + 1):
        for c in range(1, len(TI.kolom) + 1):
            x = wb[IKU].cell(r, c).value
            if x is not None and x != "":
                isi[(IKU, r, c)] = x
    for r in range(BARIS_DATA, wb[KOMPONEN].max_row + 1):
        for k in ("tw1", "tw2", "tw3", "tw4"):
            x = wb[KOMPONEN].cell(r, TK.posisi[k]).value
            if x is not None:
                isi[(KOMPONEN, r, TK.posisi[k])] = x
    return isi


def _arsip(path: Path) -> list[dict]:
    wb = openpyxl.load_workbook(path, data_only=True)
    if ARSIP not in wb.sheetnames:
        return []
    ws = wb[ARSIP]
    assert [ws.cell(BARIS_KEPALA, c).value for c in range(1, len(TA.kolom) + 1)] == [k.judul for k in TA.kolom]
    return [
        {k.kunci: ws.cell(r, c).value for c, k in enumerate(TA.kolom, 1)}
        for r in range(BARIS_DATA, ws.max_row + 1)
        if ws.cell(r, 1).value is not None
    ]


def tidak_ada_yang_hilang(sebelum: Path, sesudah: Path) -> None:
    """Every input before is after in its place, or, a quarterly one, in the archive row of its year and kode."""
    lama, baru, arsip = _isian(sebelum), _isian(sesudah), _arsip(sesudah)
    wb = openpyxl.load_workbook(sebelum, data_only=True)
    hilang = []
    for (lembar, r, c), x in lama.items():
        if baru.get((lembar, r, c)) == x:
            continue
        kode = wb[lembar].cell(r, 1).value
        if lembar == IKU and TI.kolom[c - 1].kunci in TW:
            kunci = TI.kolom[c - 1].kunci
            ada = any(a["kode"] == kode and a["komponen"] is None and a[kunci] == x for a in arsip)
        elif lembar == KOMPONEN:
            nama = wb[KOMPONEN].cell(r, TK.posisi["komponen"]).value
            kunci = f"realisasi_{TK.kolom[c - 1].kunci}"
            ada = any(a["kode"] == kode and a["komponen"] == nama and a[kunci] == x for a in arsip)
        else:
            ada = False
        if not ada:
            hilang.append((lembar, r, c, x))
    assert hilang == []


def test_tahun_triwulan_ditulis_di_referensi_dan_judul_triwulan_menyebut_tahunnya():
    wb = openpyxl.load_workbook(CONTOH)
    assert wb[REFERENSI].cell(_baris_setelan("tahun_triwulan"), 2).value == 2022
    assert "Pengaturan_Tahun_Triwulan" in wb.defined_names
    kepala = wb[IKU].cell(BARIS_KEPALA, TI.posisi["realisasi_tw1"]).value
    assert "Tahun_Triwulan" in kepala  # a formula: the header follows the setting live
    nilai = openpyxl.load_workbook(CONTOH, data_only=True)
    assert nilai[IKU].cell(BARIS_KEPALA, TI.posisi["realisasi_tw1"]).value == "Realisasi TW I 2022"
    assert nilai["Realisasi"].cell(BARIS_KEPALA, 8).value.endswith("2022")


def test_tahun_pelaporan_digulir_dengan_triwulan_terisi_diperingatkan(tmp_path):
    berkas = _gulir(tmp_path / "gulir.xlsx")
    temuan = [t for t in validasi(berkas).temuan if t.kode == "TRIWULAN_TAHUN_LAIN"]
    assert len(temuan) == 1 and temuan[0].lembar == REFERENSI and temuan[0].tingkat == "galat"
    assert "data tahun 2022, bukan 2023" in temuan[0].pesan


def test_recalc_menutup_tahun_tanpa_kehilangan_isian_lalu_tidak_mengubah_apa_pun(tmp_path):
    def ubah(ws):  # a yearly realisasi already typed that differs from the quarters', and a quarter on IKU
        ws.cell(8, TI.posisi["realisasi_2022"]).value = 99
        ws.cell(6, TI.posisi["realisasi_tw2"]).value = 3

    berkas = _gulir(tmp_path / "gulir.xlsx", ubah=ubah)
    keluar = tmp_path / "tutup.xlsx"
    hasil = recalc(berkas, keluar)
    kode = {t.kode: t for t in hasil.temuan}
    assert "TRIWULAN_TAHUN_LAIN" not in kode
    assert "TAHUN_DITUTUP" in kode
    assert kode["TUTUP_REALISASI_BERBEDA"].sel == f"{TI.huruf('realisasi_2022')}8"
    tidak_ada_yang_hilang(berkas, keluar)

    dok = baca_dokumen(keluar)
    # the quarters are empty: the setting is blank, the quarters follow the reporting year (2023)
    assert dok.pengaturan["tahun_triwulan"] is None and tahun_triwulan(dok) == 2023
    assert all(b[k] is None for b in dok.iku for k in TW)
    assert all(b[k] is None for b in dok.komponen for k in ("tw1", "tw2", "tw3", "tw4"))
    sebelum = baca_dokumen(berkas)
    for b, a in zip(sebelum.iku, dok.iku):
        if b["kode"] == "TJB-04":
            assert a["realisasi_2022"] == 99  # kept, reported
        else:  # moved (its value: test_realisasi_tahun_sama_dengan_yang_ditampilkan_realisasi_sebelum_ditutup)
            assert a["realisasi_2022"] is not None
    arsip = _arsip(keluar)
    assert {a["tahun"] for a in arsip} == {2022}
    assert {a["kode"] for a in arsip if a["komponen"] is None} == {b["kode"] for b in sebelum.iku}

    # idempotent: a second run changes no input, and the archive stays as it is
    lagi = tmp_path / "lagi.xlsx"
    kedua = recalc(keluar, lagi)
    assert not {"TAHUN_DITUTUP", "TRIWULAN_TAHUN_LAIN"} & {t.kode for t in kedua.temuan}
    assert _isian(lagi) == _isian(keluar)
    assert _arsip(lagi) == arsip


def test_realisasi_tahun_sama_dengan_yang_ditampilkan_realisasi_sebelum_ditutup(tmp_path):
    """The yearly value moved is Realisasi's "Realisasi s.d. TW Terakhir" of the closed year, as computed."""
    from ikuxl.hitung import hitung

    sebelum = baca_dokumen(CONTOH)
    h = hitung(sebelum)
    harapan = {b["kode"]: h.dari_iku(sebelum, i)["realisasi_tahunan"] for i, b in enumerate(sebelum.iku)}
    keluar = tmp_path / "tutup.xlsx"
    recalc(_gulir(tmp_path / "gulir.xlsx"), keluar)
    sesudah = {b["kode"]: b["realisasi_2022"] for b in baca_dokumen(keluar).iku}
    assert sesudah == pytest.approx(harapan)


def test_triwulan_tanpa_sifat_ditutup_dengan_peringatan_dan_tetap_diarsip(tmp_path):
    def ubah(ws):
        ws.cell(5, TI.posisi["rumus"]).value = None  # realisasi typed on IKU, no sifat: no yearly value
        ws.cell(5, TI.posisi["sifat"]).value = None
        ws.cell(5, TI.posisi["realisasi_tw1"]).value = 4

    berkas = _gulir(tmp_path / "gulir.xlsx", ubah=ubah)
    keluar = tmp_path / "tutup.xlsx"
    hasil = recalc(berkas, keluar)
    assert [t.indikator for t in hasil.temuan if t.kode == "TUTUP_TANPA_REALISASI"] == ["TJB-01"]
    tidak_ada_yang_hilang(berkas, keluar)
    assert baca_dokumen(keluar).iku[0]["realisasi_2022"] is None


def test_triwulan_kosong_tahun_digulir_hanya_mengganti_setelan(tmp_path):
    def ubah(ws):
        for r in range(BARIS_DATA, BARIS_DATA + 5):
            for k in TW:
                ws.cell(r, TI.posisi[k]).value = None

    berkas = tmp_path / "kosong.xlsx"
    shutil.copy(CONTOH, berkas)
    wb = openpyxl.load_workbook(berkas)
    ubah(wb[IKU])
    for r in range(BARIS_DATA, wb[KOMPONEN].max_row + 1):
        for k in ("tw1", "tw2", "tw3", "tw4"):
            wb[KOMPONEN].cell(r, TK.posisi[k]).value = None
    wb[REFERENSI].cell(_baris_setelan("tahun"), 2).value = 2024
    wb.save(berkas)
    assert "TRIWULAN_TAHUN_LAIN" not in {t.kode for t in validasi(berkas).temuan}
    keluar = tmp_path / "keluar.xlsx"
    assert "TAHUN_DITUTUP" not in {t.kode for t in recalc(berkas, keluar).temuan}
    dok = baca_dokumen(keluar)  # no quarter filled: the setting blank, the quarters follow the reporting year
    assert dok.pengaturan["tahun_triwulan"] is None and tahun_triwulan(dok) == 2024
    assert _arsip(keluar) == []


def test_tahun_diubah_sebelum_triwulan_diisi_bukan_tahun_yang_ditutup(tmp_path):
    """The template (no quarter filled) with Tahun pelaporan moved on and then the new year's quarters typed:
    those quarters are the new year's, so nothing warns and recalc closes nothing (they were once taken for the
    template's year and moved into its realisasi)."""
    berkas = tmp_path / "baru.xlsx"
    wb = openpyxl.load_workbook(WORKBOOKS / "template-iku.xlsx")
    tahun = wb[REFERENSI].cell(_baris_setelan("tahun"), 2).value + 2
    wb[REFERENSI].cell(_baris_setelan("tahun"), 2).value = tahun
    ws = wb[IKU]
    for k, v in {"kode": "X-01", "indikator": "Uji", "satuan": "%", "jabatan": "Kepala Dinas", "sifat": "kumulatif"}.items():
        ws.cell(BARIS_DATA, TI.posisi[k]).value = v
    ws.cell(BARIS_DATA, TI.posisi["target_tw1"]).value = 10
    ws.cell(BARIS_DATA, TI.posisi["realisasi_tw1"]).value = 8
    wb.save(berkas)
    assert "TRIWULAN_TAHUN_LAIN" not in {t.kode for t in validasi(berkas).temuan}
    keluar = tmp_path / "keluar.xlsx"
    assert "TAHUN_DITUTUP" not in {t.kode for t in recalc(berkas, keluar).temuan}
    dok = baca_dokumen(keluar)
    assert (dok.iku[0]["realisasi_tw1"], dok.pengaturan["tahun_triwulan"]) == (8, tahun)
