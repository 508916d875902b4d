"""The Perjanjian Kinerja form: each indicator in force in IKU's order with the reporting year's target, then the
two signature blocks from Referensi, live in Excel alone (LibreOffice recalculates a template filled with
openpyxl), written into workbooks made before it (file and Excel shells), printed on one A4 portrait page."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import openpyxl
import pytest

from ikuxl.aksi import recalc
from ikuxl.formulir import TITIK
from ikuxl.libreoffice import hitung_ulang
from ikuxl.plan import Rumusan
from ikuxl.rakit import susun
from ikuxl.skema import (
    BARIS_DATA,
    BARIS_KEPALA,
    BARIS_PENGATURAN,
    BARIS_TTD,
    IKU,
    JUDUL_TTD,
    PENANDATANGAN,
    PENGATURAN,
    PENGUKURAN,
    PERJANJIAN,
    REFERENSI,
    Tata,
    kolom_iku,
)
from ikuxl.workbook.baca import baca_dokumen

from .bantu import WORKBOOKS
from .muatan import Excel, isi_lembar, jalankan
from .oracle import bandingkan

TAHUN = 2024
INDIKATOR = [  # (kode, sasaran, indikator, satuan, target 2024, status)
    ("PK-01", "Sasaran A", "Persentase rumah layak huni", "%", 82.5, None),
    ("PK-02", "Sasaran A", "Luas kawasan kumuh yang ditangani", "Ha", "10 - 12", None),
    ("PK-03", "Sasaran A", "Indikator yang dihapus dalam reviu", "Dokumen", 3, "Dihapus"),
    ("PK-04", "Sasaran B", "Jumlah dokumen perencanaan", "Dokumen", 4, "Baru"),
]
TTD = {
    "ttd_tempat": "Kualatungkal",
    "ttd_tanggal": "2 Januari 2024",
    "ttd_pertama_jabatan": "Kepala Dinas",
    "ttd_pertama_nama": "Ir. Budi Santoso",
    "ttd_pertama_nip": "197001011995031001",
    "ttd_kedua_jabatan": "Bupati",
    "ttd_kedua_nama": "Drs. Ahmad Yani",
}


def _isi_template(tujuan: Path, ttd: dict | None = TTD) -> Path:
    """The template as staff fill it in Excel (input cells only, openpyxl): period, year, indicators, signers."""
    shutil.copyfile(WORKBOOKS / "template-iku.xlsx", tujuan)
    wb = openpyxl.load_workbook(tujuan)
    ref = wb[REFERENSI]
    kunci = [k for k, _, _ in PENGATURAN]
    for k, v in (("instansi", "Dinas Contoh"), ("periode_awal", 2022), ("periode_akhir", 2026), ("tahun", TAHUN)):
        ref.cell(BARIS_PENGATURAN + kunci.index(k), 2).value = v
    tata, ws = Tata(kolom_iku(2022)), wb[IKU]
    for r, (kode, sasaran, indikator, satuan, target, status) in enumerate(INDIKATOR, start=BARIS_DATA):
        isi = dict(kode=kode, sasaran=sasaran, indikator=indikator, satuan=satuan, status=status)
        isi.update(polaritas="positif", sifat="kumulatif", jabatan="Kepala Dinas", target_2023=1, target_2024=target)
        for k, v in isi.items():
            ws.cell(r, tata.posisi[k]).value = v
    for i, (k, _, _) in enumerate(PENANDATANGAN, start=BARIS_TTD + 1):
        if ttd is not None:
            ref.cell(i, 2).value = ttd.get(k)
    wb.save(tujuan)
    return tujuan


def _formulir(path: Path) -> list[list[object]]:
    """The form's visible cells (No … Target) from the header row down, as last computed."""
    ws = openpyxl.load_workbook(path, data_only=True)[PERJANJIAN]
    return [[ws.cell(r, c).value for c in range(1, 6)] for r in range(1, ws.max_row + 1)]


def _harapan(ttd: dict) -> list[list[object]]:
    def isi(k: str) -> str:
        return ttd.get(k) or TITIK

    return [
        [1, "Sasaran A", "Persentase rumah layak huni", "%", 82.5],
        [None, None, "Luas kawasan kumuh yang ditangani", "Ha", "10 - 12"],
        [2, "Sasaran B", "Jumlah dokumen perencanaan", "Dokumen", 4],
        [None] * 5,
        [None, None, f"{isi('ttd_tempat')}, {isi('ttd_tanggal')}", None, None],
        [None, "PIHAK KEDUA,", "PIHAK PERTAMA,", None, None],
        [None, isi("ttd_kedua_jabatan"), isi("ttd_pertama_jabatan"), None, None],
        *[[None] * 5] * 3,
        [None, isi("ttd_kedua_nama"), isi("ttd_pertama_nama"), None, None],
        [None, f"NIP. {isi('ttd_kedua_nip')}", f"NIP. {isi('ttd_pertama_nip')}", None, None],
    ]


def _kosong(x):
    return None if x == "" else x


def _baris(form: list[list[object]]) -> list[list[object]]:
    """Title, header, then the rows down to the last non-empty one."""
    isi = [[_kosong(x) for x in b] for b in form[4:]]
    while isi and not any(isi[-1]):
        isi.pop()
    return isi


def test_formulir_ditulis_recalc_mengikuti_iku_dan_penandatangan(tmp_path):
    keluar = tmp_path / "pk.xlsx"
    recalc(_isi_template(tmp_path / "a.xlsx"), keluar)
    form = _formulir(keluar)
    assert form[0][0] == f"PERJANJIAN KINERJA TAHUN {TAHUN}" and form[1][0] == "Dinas Contoh"
    assert form[3] == ["No", "Sasaran", "Indikator Kinerja", "Satuan", f"Target {TAHUN}"]
    assert _baris(form) == _harapan(TTD)
    wb = openpyxl.load_workbook(keluar)
    ws = wb[PERJANJIAN]
    # on paper: the rows in use, the header repeated, A4 portrait fitted to the width
    assert ws.print_area == f"'{PERJANJIAN}'!$A$1:$E${4 + 3 + 9}" or ws.print_area == [f"'{PERJANJIAN}'!$A$1:$E${4 + 3 + 9}"]
    assert ws.print_title_rows == "$4:$4"
    assert ws.page_setup.orientation == "portrait" and ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth == 1
    assert ws.protection.sheet
    # Referensi's block, below the scale, each setting a named text cell
    ref = wb[REFERENSI]
    assert ref.cell(BARIS_TTD, 1).value == JUDUL_TTD
    for i, (k, _, nama) in enumerate(PENANDATANGAN, start=BARIS_TTD + 1):
        assert wb.defined_names[nama].attr_text == f"'{REFERENSI}'!$B${i}"
        assert ref.cell(i, 2).value == TTD.get(k) and ref.cell(i, 2).number_format == "@"
    assert baca_dokumen(keluar).penandatangan == {k: TTD.get(k) for k, _, _ in PENANDATANGAN}


@pytest.mark.parametrize("nama", [PERJANJIAN, PENGUKURAN])
def test_kolom_formulir_satu_rumus_bersama(tmp_path, nama):
    """Each column of a form is one shared formula down its rows, not a formula text per cell (issue 23): the
    formula a spreadsheet reads on every row (openpyxl expanding the shared formula as Excel does) is the one the
    Excel shell writes there, this row's cells and the row above's; only the signature lines differ per row."""
    keluar = tmp_path / "pk.xlsx"
    recalc(_isi_template(tmp_path / "a.xlsx"), keluar)
    l = susun(baca_dokumen(keluar))[nama]
    ws = openpyxl.load_workbook(keluar)[nama]
    kepala = {c: ws.cell(BARIS_KEPALA, c).value for c in range(1, ws.max_column + 1)}
    ttd = {c for c, j in kepala.items() if j in ("Tanda Tangan Kiri", "Tanda Tangan Kanan")}
    assert len(ttd) == 2 and set(l.bersama) == set(kepala) - ttd
    for c, (awal, akhir, _) in l.bersama.items():
        assert (awal, akhir) == (BARIS_DATA, ws.max_row)
        for r in range(awal, akhir + 1):
            assert l.sel[(r, c)].nilai.excel is None
            assert ws.cell(r, c).value == "=" + l.rumus(r, c), (r, c)
    assert all(
        type(l.sel[(r, c)].nilai) is Rumusan and l.sel[(r, c)].nilai.excel for c in ttd for r in range(BARIS_DATA, BARIS_DATA + 9)
    )


def _tanpa_formulir(sumber: Path, tujuan: Path) -> Path:
    """A workbook as ikuxl wrote it before the form: no Perjanjian Kinerja sheet, no signature block."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(sumber)
    del wb[PERJANJIAN]
    for nama in [n for _, _, n in PENANDATANGAN]:
        del wb.defined_names[nama]
    for r in range(BARIS_TTD, BARIS_TTD + len(PENANDATANGAN) + 1):
        for c in (1, 2):
            wb[REFERENSI].cell(r, c).value = None
    wb.save(tujuan)
    return tujuan


def test_workbook_lama_mendapat_formulir_dan_blok_penandatangan(tmp_path):
    """A workbook without the block reads (no signers), and its recalculation adds the form, the block's
    labels into the empty cells and the names; the form prints dotted lines to sign on."""
    recalc(_isi_template(tmp_path / "a.xlsx", ttd=None), tmp_path / "b.xlsx")
    lama = _tanpa_formulir(tmp_path / "b.xlsx", tmp_path / "c.xlsx")
    assert baca_dokumen(lama).penandatangan is None
    recalc(lama)
    assert _baris(_formulir(lama)) == _harapan({})
    wb = openpyxl.load_workbook(lama)
    assert [wb[REFERENSI].cell(r, 1).value for r in range(BARIS_TTD, BARIS_TTD + len(PENANDATANGAN) + 1)] == [
        JUDUL_TTD,
        *[label for _, label, _ in PENANDATANGAN],
    ]
    assert all(n in wb.defined_names for _, _, n in PENANDATANGAN)
    assert baca_dokumen(lama).penandatangan == {k: None for k, _, _ in PENANDATANGAN}


def test_hitung_capaian_di_excel_menambah_lembar_formulir(tmp_path):
    """Through xlwings (the remote engine, as Office.js calls it): Hitung Capaian on a workbook without the form
    adds its sheet, with what `ikuxl recalc` writes there."""
    asli = _tanpa_formulir(WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx", tmp_path / "a.xlsx")
    aksi = jalankan(asli, "hitung_capaian")
    assert [a for a in aksi if a["func"] == "addSheet"]  # the sheet is new
    excel = Excel(asli)
    excel.terapkan(aksi)
    recalc(asli, tmp_path / "b.xlsx")
    acuan = openpyxl.load_workbook(tmp_path / "b.xlsx")[PERJANJIAN]
    assert isi_lembar(excel.wb[PERJANJIAN]) == isi_lembar(acuan)


@pytest.mark.libreoffice
def test_formulir_hidup_di_excel_saja(tmp_path, libreoffice):
    """The template filled in Excel (no ikuxl run) and recalculated by LibreOffice alone shows the form as
    ikuxl computes it; then the reporting year changed and a row inserted above the indicators in Excel still
    gives the year's targets in IKU's order; `ikuxl recalc` of those agrees with LibreOffice."""
    isi = _isi_template(tmp_path / "isi.xlsx")
    geser = _isi_template(tmp_path / "geser.xlsx")
    wb = openpyxl.load_workbook(geser)
    wb[REFERENSI].cell(BARIS_PENGATURAN + [k for k, _, _ in PENGATURAN].index("tahun"), 2).value = 2023
    wb[IKU].insert_rows(BARIS_DATA)  # as Excel's Insert Row: the inputs move down, the formulas elsewhere follow
    wb.save(geser)
    lo = hitung_ulang([isi, geser], tmp_path / "lo", profil=libreoffice)
    form = _formulir(lo[0])
    assert form[0][0] == f"PERJANJIAN KINERJA TAHUN {TAHUN}" and form[3][4] == f"Target {TAHUN}"
    assert _baris(form) == _harapan(TTD)
    form = _formulir(lo[1])
    assert form[0][0] == "PERJANJIAN KINERJA TAHUN 2023" and form[3][4] == "Target 2023"
    assert [b[4] for b in _baris(form)[:3]] == [1, 1, 1]
    for berkas, nama in zip(lo, ("isi", "geser")):
        keluar = tmp_path / f"{nama}-recalc.xlsx"
        recalc(berkas, keluar)
        assert bandingkan([keluar], tmp_path / f"lo-{nama}", libreoffice) == []


@pytest.mark.libreoffice
def test_pengukuran_kinerja_hidup_di_excel_saja(tmp_path, libreoffice):
    """The Pengukuran Kinerja form of the template filled in Excel with yearly realisasi (no ikuxl run), computed by
    LibreOffice alone: per indicator the year's target, realisasi, capaian (ikuxl.capaian's) and kategori, the
    earlier years' realisasi and capaian, the end-of-period target and capaian, the national standard; then
    `ikuxl recalc` agrees with LibreOffice."""
    from ikuxl.capaian import hitung_capaian

    from ikuxl.skema import PENGUKURAN

    isi = _isi_template(tmp_path / "isi.xlsx")
    wb = openpyxl.load_workbook(isi)
    tata, ws = Tata(kolom_iku(2022)), wb[IKU]
    tahunan = {"realisasi_2022": 70, "realisasi_2023": 75, "realisasi_2024": 80, "target_2022": 70, "target_2026": 90}
    for k, v in {**tahunan, "standar_nasional": 85, "target_2023": 80}.items():
        ws.cell(BARIS_DATA, tata.posisi[k]).value = v
    wb.save(isi)
    [lo] = hitung_ulang([isi], tmp_path / "lo", profil=libreoffice)
    ws = openpyxl.load_workbook(lo, data_only=True)[PENGUKURAN]
    assert ws["A1"].value == f"PENGUKURAN KINERJA TAHUN {TAHUN}"
    kepala = [ws.cell(4, c).value for c in range(1, 40)]
    baris = dict(zip(kepala, [ws.cell(5, c).value for c in range(1, 40)]))
    assert baris["Indikator Kinerja"] == "Persentase rumah layak huni" and baris[f"Target {TAHUN}"] == 82.5
    assert baris[f"Realisasi {TAHUN}"] == 80
    assert baris[f"Capaian {TAHUN} (%)"] == pytest.approx(hitung_capaian(82.5, 80, "positif").nilai)
    assert baris["Kategori"]
    assert (baris["Realisasi 2022"], baris["Realisasi 2023"]) == (70, 75)
    assert baris["Capaian 2022 (%)"] == pytest.approx(100) and baris["Capaian 2023 (%)"] == pytest.approx(75 / 80 * 100)
    assert baris["Target Akhir Periode"] == 90 and baris["Standar Nasional"] == 85
    assert baris["Capaian thd Target Akhir Periode (%)"] == pytest.approx(80 / 90 * 100)
    assert kepala.count(f"Realisasi {TAHUN}") == 1  # the reporting year's own, not among the earlier years
    keluar = tmp_path / "recalc.xlsx"
    recalc(lo, keluar)
    assert bandingkan([keluar], tmp_path / "lo-recalc", libreoffice) == []


@pytest.mark.parametrize("berkas", ["iku-tanjabbar-2022-contoh-realisasi.xlsx", "template-iku.xlsx"])
@pytest.mark.parametrize("nama", [PERJANJIAN, PENGUKURAN])
def test_formulir_ditulis_dari_bloknya_seperti_sel_satu_per_satu(berkas, nama):
    """A form's rows, the signature lines below the table included, are kept as rows of values (plan.SelBlok): the
    sheet written from them is byte for byte the one written from the same cells one by one, and its print set-up
    reads the same cells, with indicators and without (every row then a signature line or blank)."""
    from itertools import count

    from ikuxl.plan import LembarPlan
    from ikuxl.workbook.lembar_xml import lembar_xml

    l = susun(baca_dokumen(WORKBOOKS / berkas))[nama]
    satu_per_satu = LembarPlan(**{**vars(l), "sel": dict(l.sel.items()), "_sama": {}})
    assert len(l.sel) == len(satu_per_satu.sel) == len(set(l.sel))
    for cara in ("kolom_ada", "gaya_ada", "baris_akhir", "isi_kolom", "terpakai"):
        assert getattr(l, cara)() == getattr(satu_per_satu, cara)(), cara
    assert l.isi_kolom(BARIS_DATA + 1, BARIS_DATA + 3, {1}) == satu_per_satu.isi_kolom(BARIS_DATA + 1, BARIS_DATA + 3, {1})
    nomor = count()
    gaya = {g: next(nomor) for g in sorted(l.gaya_ada(), key=str)}
    assert "".join(lembar_xml(l, gaya)) == "".join(lembar_xml(satu_per_satu, gaya))
