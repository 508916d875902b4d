"""What staff add on the sheets they type on (Realisasi, Komponen) survives recalc: comments, a
column of their own beside ikuxl's table, notes below it (merged), their conditional formats, and fills
on input cells; all follow their indicator's row when rows move."""

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill

from ikuxl.aksi import recalc
from ikuxl.libreoffice import hitung_ulang

from .bantu import WORKBOOKS

CONTOH = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
MERAH = "FFFF0000"


def _anotasi(path) -> None:
    """A realisasi comment and a fill on TJB-02's row, a comment on Komponen, a column 'Kendala /
    Permasalahan' beside the table and a note below it; as staff add them, saved by openpyxl."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Realisasi"]
    assert ws["A6"].value == "TJB-02"
    ws["G6"].comment = Comment("angka sementara, menunggu BPS", "Kabid")
    ws["G6"].fill = PatternFill("solid", fgColor=MERAH)
    ws["AF4"] = "Kendala / Permasalahan"
    ws["AF6"] = "anggaran terlambat cair"
    ws["A15"] = "Catatan: data TW I diverifikasi 12 April"
    ws.merge_cells("A15:F15")
    ws.conditional_formatting.add("AF6", FormulaRule(formula=['LEN(AF6)>0'], fill=PatternFill("solid", bgColor="FFFFC000")))
    assert wb["Komponen"]["A6"].value == "TJB-02"
    wb["Komponen"]["D6"].comment = Comment("sumber: SK Bupati", "Kabid")
    wb.save(path)


def _cek(path, baris: int) -> None:
    """The annotations, TJB-02 being on `baris` of Realisasi."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Realisasi"]
    assert ws[f"A{baris}"].value == "TJB-02"
    assert ws[f"G{baris}"].comment is not None and "menunggu BPS" in ws[f"G{baris}"].comment.text
    assert ws[f"G{baris}"].fill.fgColor.rgb == MERAH
    assert ws["AF4"].value == "Kendala / Permasalahan"
    assert ws[f"AF{baris}"].value == "anggaran terlambat cair"
    [catatan] = [c.row for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("Catatan:")]
    assert f"A{catatan}:F{catatan}" in {str(m) for m in ws.merged_cells.ranges}
    assert any(str(cf.sqref) == f"AF{baris}" for cf in ws.conditional_formatting)
    assert "SK Bupati" in wb["Komponen"][f"D{baris}"].comment.text  # TJB-02 has one component


def test_anotasi_bertahan_dua_kali_recalc(tmp_path):
    path = tmp_path / "dinas.xlsx"
    path.write_bytes(CONTOH.read_bytes())
    _anotasi(path)
    for _ in range(2):
        recalc(path)
        _cek(path, 6)


def test_anotasi_mengikuti_baris_indikatornya(tmp_path):
    """The first indicator is removed from IKU: TJB-02 moves up a row on Realisasi, and its comment,
    fill and 'Kendala' move with it."""
    path = tmp_path / "dinas.xlsx"
    path.write_bytes(CONTOH.read_bytes())
    _anotasi(path)
    recalc(path)
    wb = openpyxl.load_workbook(path)
    assert wb["IKU"]["A5"].value == "TJB-01"
    wb["IKU"].delete_rows(5)
    wb.save(path)
    recalc(path)
    _cek(path, 5)
    recalc(path)
    _cek(path, 5)


@pytest.mark.libreoffice
def test_anotasi_dari_libreoffice_bertahan(tmp_path, libreoffice):
    """The same annotations in a file LibreOffice saved (its own comments, VML and shared strings):
    they survive two recalcs, and LibreOffice opens the result with them."""
    path = tmp_path / "dinas.xlsx"
    path.write_bytes(CONTOH.read_bytes())
    _anotasi(path)
    [lo] = hitung_ulang([path], tmp_path / "lo", profil=libreoffice)
    for _ in range(2):
        recalc(lo)
        _cek(lo, 6)
    [lagi] = hitung_ulang([lo], tmp_path / "lo2", profil=libreoffice)
    _cek(lagi, 6)


def test_gabungan_yang_tidak_dapat_ikut_ditolak(tmp_path):
    """A merged cell beside two indicators, one of which is removed, cannot follow both rows: recalc
    refuses with a message naming it, rather than dropping it silently, and changes nothing."""
    from ikuxl.workbook.baca import BacaError

    path = tmp_path / "dinas.xlsx"
    path.write_bytes(CONTOH.read_bytes())
    wb = openpyxl.load_workbook(path)
    wb["Realisasi"]["AF5"] = "kendala bersama TJB-01 dan TJB-02"
    wb["Realisasi"].merge_cells("AF5:AF6")
    wb["IKU"].delete_rows(5)
    wb.save(path)
    sebelum = path.read_bytes()
    with pytest.raises(BacaError, match="AF5:AF6"):
        recalc(path)
    assert path.read_bytes() == sebelum
