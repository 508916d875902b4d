"""What staff add beside ikuxl's tables survives recalc: comments, a column of their own beside the table, notes
beside its prepared rows and below it (merged), their conditional formats, and what they put on IKU where they type
the realisasi. On Komponen, whose rows ikuxl lays out per indicator, all of it follows its indicator's row (by Kode and
Komponen) when rows move; Realisasi's row r shows IKU's row r, so what is beside it stays with that row."""

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from ikuxl.aksi import recalc
from ikuxl.libreoffice import hitung_ulang
from ikuxl.skema import PENGATURAN, Tata, kolom_iku, kolom_komponen, kolom_realisasi
from ikuxl.skema import BARIS_PENGATURAN

from .bantu import WORKBOOKS

CONTOH = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
MERAH = "FFFF0000"
TR, TK = Tata(kolom_realisasi()), Tata(kolom_komponen())
SAMPING_R, SAMPING_K = get_column_letter(len(TR.kolom) + 1), get_column_letter(len(TK.kolom) + 1)  # beside the tables
CAPAIAN = TR.huruf("capaian")
TINDAK_LANJUT = {20: "tindak lanjut: rapat evaluasi 12 April", 21: "tindak lanjut: kunjungan lapangan"}


def _realisasi_tw1(wb) -> str:
    """IKU's column of Realisasi TW I (after the target-year columns of the workbook's period)."""
    awal = wb["Referensi"].cell(BARIS_PENGATURAN + [k for k, _, _ in PENGATURAN].index("periode_awal"), 2).value
    return Tata(kolom_iku(int(awal))).huruf("realisasi_tw1")


def _akhir_tabel(wb, nama: str) -> int:
    """The last row of ikuxl's table on a sheet, as its defined name (Realisasi_Data, Komponen_Data) says."""
    return int(wb.defined_names[f"{nama}_Data"].attr_text.rsplit("$", 1)[1])


def _anotasi(path) -> None:
    """On TJB-02's row: a comment and a fill on its realisasi typed on IKU, a comment on its capaian on Realisasi,
    a column 'Kendala / Permasalahan' beside Realisasi's table with a conditional format, notes beside two
    prepared rows and one below the table; on Komponen a comment on its component, a note beside it with a
    conditional format and a note below the table; as staff add them, saved by openpyxl."""
    wb = openpyxl.load_workbook(path)
    iku, ws, wk = wb["IKU"], wb["Realisasi"], wb["Komponen"]
    assert iku["A6"].value == "TJB-02" and wk["A6"].value == "TJB-02"
    assert openpyxl.load_workbook(path, data_only=True)["Realisasi"]["A6"].value == "TJB-02"
    sel = iku[f"{_realisasi_tw1(wb)}6"]
    sel.comment = Comment("angka sementara, menunggu BPS", "Kabid")
    sel.fill = PatternFill("solid", fgColor=MERAH)
    ws[f"{CAPAIAN}6"].comment = Comment("capaian rendah: anggaran terlambat cair", "Kabid")
    ws[f"{SAMPING_R}4"] = "Kendala / Permasalahan"
    ws[f"{SAMPING_R}6"] = "anggaran terlambat cair"
    for r, teks in TINDAK_LANJUT.items():  # beside rows prepared for new indicators, which show no Kode
        ws[f"{SAMPING_R}{r}"] = teks
    bawah = _akhir_tabel(wb, "Realisasi") + 2
    ws[f"A{bawah}"] = "Catatan: data TW I diverifikasi 12 April"
    ws.merge_cells(f"A{bawah}:F{bawah}")
    ws.conditional_formatting.add(
        f"{SAMPING_R}6", FormulaRule(formula=[f"LEN({SAMPING_R}6)>0"], fill=PatternFill("solid", bgColor="FFFFC000"))
    )
    wk["D6"].comment = Comment("sumber: SK Bupati", "Kabid")
    wk[f"{SAMPING_K}6"] = "data dari Bidang Perumahan"
    wk.conditional_formatting.add(
        f"{SAMPING_K}6", FormulaRule(formula=[f"LEN({SAMPING_K}6)>0"], fill=PatternFill("solid", bgColor="FFFFC000"))
    )
    bawah = _akhir_tabel(wb, "Komponen") + 2
    wk[f"A{bawah}"] = "Catatan: komponen TW I dari SK Bupati"
    wk.merge_cells(f"A{bawah}:C{bawah}")
    wb.save(path)


def _catatan_bawah(ws, akhir: int, kolom: str) -> None:
    """The merged note below the table is there, below it."""
    [r] = [c.row for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("Catatan:")]
    assert r > akhir and f"A{r}:{kolom}{r}" in {str(m) for m in ws.merged_cells.ranges}


def _cek(path, baris: int, realisasi: int | None = None) -> None:
    """TJB-02 on `baris` of IKU, Realisasi and Komponen, with its annotations there, but for those beside
    Realisasi, on row `realisasi` (by default `baris`)."""
    realisasi = baris if realisasi is None else realisasi
    wb = openpyxl.load_workbook(path, data_only=True)
    iku, ws, wk = wb["IKU"], wb["Realisasi"], wb["Komponen"]
    assert iku[f"A{baris}"].value == ws[f"A{baris}"].value == wk[f"A{baris}"].value == "TJB-02"
    sel = iku[f"{_realisasi_tw1(wb)}{baris}"]
    assert sel.comment is not None and "menunggu BPS" in sel.comment.text and sel.fill.fgColor.rgb == MERAH
    assert "anggaran terlambat cair" in ws[f"{CAPAIAN}{realisasi}"].comment.text
    assert ws[f"{SAMPING_R}4"].value == "Kendala / Permasalahan"
    assert ws[f"{SAMPING_R}{realisasi}"].value == "anggaran terlambat cair"
    assert any(str(cf.sqref) == f"{SAMPING_R}{realisasi}" for cf in ws.conditional_formatting)
    assert {r: ws[f"{SAMPING_R}{r}"].value for r in TINDAK_LANJUT} == TINDAK_LANJUT
    _catatan_bawah(ws, _akhir_tabel(wb, "Realisasi"), "F")
    assert "SK Bupati" in wk[f"D{baris}"].comment.text  # TJB-02 has one component
    assert wk[f"{SAMPING_K}{baris}"].value == "data dari Bidang Perumahan"
    assert any(str(cf.sqref) == f"{SAMPING_K}{baris}" for cf in wk.conditional_formatting)
    _catatan_bawah(wk, _akhir_tabel(wb, "Komponen"), "C")
    catatan = [(l.title, c.coordinate) for l in (ws, wk) for row in l.iter_rows() for c in row if c.comment]
    assert catatan == [("Realisasi", f"{CAPAIAN}{realisasi}"), ("Komponen", f"D{baris}")]  # none left behind


def test_anotasi_bertahan_dua_kali_recalc(tmp_path, potongan):
    path = tmp_path / "dinas.xlsx"
    path.write_bytes(CONTOH.read_bytes())
    _anotasi(path)
    for _ in range(2):
        recalc(path)
        _cek(path, 6)


def test_anotasi_mengikuti_baris_indikatornya(tmp_path, potongan):
    """The first indicator is removed from IKU: TJB-02 moves up a row on every sheet. What is on its IKU row
    moves with the row, and on Komponen, which ikuxl lays out again, the comment, the note beside it and its
    conditional format follow it. Realisasi's row r shows IKU's row r: the row was deleted by a program that
    computes no formula (openpyxl), so no Realisasi row showed a Kode to know it by, and what is beside
    Realisasi stays on its row (where Excel shows it too), none of it lost."""
    path = tmp_path / "dinas.xlsx"
    path.write_bytes(CONTOH.read_bytes())
    _anotasi(path)
    recalc(path)
    wb = openpyxl.load_workbook(path)
    assert wb["IKU"]["A5"].value == "TJB-01"
    wb["IKU"].delete_rows(5)
    wb.save(path)
    recalc(path)
    _cek(path, 5, realisasi=6)
    recalc(path)
    _cek(path, 5, realisasi=6)


def test_warna_isian_komponen_mengikuti_barisnya(tmp_path, potongan):
    """A fill staff give an input cell on Komponen (a value to check) stays through recalc, and follows its
    indicator's row when the rows move."""
    path = tmp_path / "dinas.xlsx"
    path.write_bytes(CONTOH.read_bytes())
    wb = openpyxl.load_workbook(path)
    sel = wb["Komponen"][f"{TK.huruf('tw1')}6"]
    assert wb["Komponen"]["A6"].value == "TJB-02" and sel.protection.locked is False  # an input cell
    sel.fill = PatternFill("solid", fgColor=MERAH)
    wb.save(path)
    recalc(path)
    assert openpyxl.load_workbook(path)["Komponen"][f"{TK.huruf('tw1')}6"].fill.fgColor.rgb == MERAH
    wb = openpyxl.load_workbook(path)
    wb["IKU"].delete_rows(5)
    wb.save(path)
    recalc(path)
    wk = openpyxl.load_workbook(path)["Komponen"]
    assert wk["A5"].value == "TJB-02" and wk[f"{TK.huruf('tw1')}5"].fill.fgColor.rgb == MERAH
    assert [c.coordinate for row in wk.iter_rows(min_row=5) for c in row if c.fill.fgColor.rgb == MERAH] == [
        f"{TK.huruf('tw1')}5"
    ]


@pytest.mark.libreoffice
def test_anotasi_dari_libreoffice_bertahan(tmp_path, libreoffice):
    """The same annotations in a file LibreOffice saved (its own comments, VML and shared strings, and the
    Kode each Realisasi row shows, a blank one on prepared rows): they survive two recalcs, and LibreOffice
    opens the result with them."""
    path = tmp_path / "dinas.xlsx"
    path.write_bytes(CONTOH.read_bytes())
    _anotasi(path)
    [lo] = hitung_ulang([path], tmp_path / "lo", profil=libreoffice)
    for _ in range(2):
        recalc(lo)
        _cek(lo, 6)
    [lagi] = hitung_ulang([lo], tmp_path / "lo2", profil=libreoffice)
    _cek(lagi, 6)


@pytest.mark.libreoffice
def test_catatan_di_samping_dua_baris_satu_kode_tetap(tmp_path, libreoffice):
    """Two IKU rows given one Kode (a slip Validasi reports), saved by LibreOffice so both Realisasi rows show
    it: the note beside each stays on its row through two recalcs; neither is written over the other."""
    path = tmp_path / "dinas.xlsx"
    path.write_bytes(CONTOH.read_bytes())
    wb = openpyxl.load_workbook(path)
    wb["IKU"]["A7"] = "TJB-02"
    for r in (6, 7):
        wb["Realisasi"][f"{SAMPING_R}{r}"] = f"catatan baris {r}"
    wb.save(path)
    [lo] = hitung_ulang([path], tmp_path / "lo", profil=libreoffice)
    for _ in range(2):
        recalc(lo)
        ws = openpyxl.load_workbook(lo, data_only=True)["Realisasi"]
        assert [ws[f"A{r}"].value for r in (6, 7)] == ["TJB-02", "TJB-02"]
        assert [(c.coordinate, c.value) for c in ws[SAMPING_R] if c.value] == [
            (f"{SAMPING_R}6", "catatan baris 6"),
            (f"{SAMPING_R}7", "catatan baris 7"),
        ]


def test_gabungan_yang_tidak_dapat_ikut_ditolak(tmp_path):
    """A merged cell beside two indicators' rows on Komponen, one of which is removed, cannot follow both rows:
    recalc refuses with a message naming it, rather than dropping it silently, and changes nothing."""
    from ikuxl.workbook.baca import BacaError

    path = tmp_path / "dinas.xlsx"
    path.write_bytes(CONTOH.read_bytes())
    wb = openpyxl.load_workbook(path)
    assert [wb["Komponen"][f"A{r}"].value for r in (5, 6)] == ["TJB-01", "TJB-02"]
    wb["Komponen"][f"{SAMPING_K}5"] = "kendala bersama TJB-01 dan TJB-02"
    wb["Komponen"].merge_cells(f"{SAMPING_K}5:{SAMPING_K}6")
    wb["IKU"].delete_rows(5)
    wb.save(path)
    sebelum = path.read_bytes()
    with pytest.raises(BacaError, match=f"{SAMPING_K}5:{SAMPING_K}6"):
        recalc(path)
    assert path.read_bytes() == sebelum
