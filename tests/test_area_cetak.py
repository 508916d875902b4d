"""Print areas and print titles (the sheets' own names _xlnm.Print_Area and _xlnm.Print_Titles) come back at every
recalc: an openpyxl load and save drops every print area ikuxl writes (the formulas that follow the data, and
whole-column ones), and staff then print the whole grid."""

import re
import warnings
import zipfile

import openpyxl
import pytest

from ikuxl.skema import LEMBAR

from .bantu import WORKBOOKS, ikuxl

CONTOH = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
CETAK = {n.casefold(): n for n in ("_xlnm.Print_Area", "_xlnm.Print_Titles")}  # Excel reads names in any case
NAMA_XML = re.compile(r"<(?:\w+:)?definedName\b([^>]*)>(.*?)</(?:\w+:)?definedName>", re.S)


def _workbook_xml(path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/workbook.xml").decode("utf-8")


def _lembar(path) -> list[str]:
    """The sheets in the workbook's order, the positions localSheetId counts."""
    return re.findall(r'<(?:\w+:)?sheet\b[^>]*?\sname="([^"]*)"', _workbook_xml(path))


def _cetak(path) -> dict[tuple[str, str], str]:
    """(sheet, name) → the reference, of every print area and print titles, the sheet found by localSheetId
    as Excel finds it (its position among the sheets); no name twice in one scope."""
    lembar, hasil = _lembar(path), {}
    for atribut, isi in NAMA_XML.findall(_workbook_xml(path)):
        nama = CETAK.get(re.search(r'\sname="([^"]*)"', atribut)[1].casefold())
        if nama:
            kunci = (lembar[int(re.search(r'\slocalSheetId="(\d+)"', atribut)[1])], nama)
            assert kunci not in hasil, f"{path.name}: {kunci} dua kali"
            hasil[kunci] = isi
    return hasil


def _simpan_openpyxl(sumber, tujuan, ubah=None):
    """The workbook loaded and saved by openpyxl (as a script of the staff's would), `ubah` applied in between."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Print area cannot be set to Defined name": what this file is about
        wb = openpyxl.load_workbook(sumber)
    if ubah:
        ubah(wb)
    wb.save(tujuan)
    return tujuan


def _recalc(path, folder):
    r = ikuxl("recalc", path, "-o", folder)
    assert r.returncode == 0, r.stdout + r.stderr
    return folder / path.name


@pytest.fixture(scope="module")
def disimpan(tmp_path_factory):
    """The example as openpyxl saved it."""
    return _simpan_openpyxl(CONTOH, tmp_path_factory.mktemp("openpyxl") / CONTOH.name)


def test_recalc_mengembalikan_area_dan_judul_cetak_yang_dibuang_openpyxl(tmp_path, disimpan):
    segar = _cetak(CONTOH)
    assert {l for l, n in segar if n == "_xlnm.Print_Area"} == set(LEMBAR)  # every sheet ikuxl lays out
    assert {l for l, n in segar if n == "_xlnm.Print_Titles"} == {
        "IKU",
        "Realisasi",
        "Komponen",
        "Perjanjian Kinerja",
        "Pengukuran Kinerja",
        "Validasi",
    }
    assert _cetak(_recalc(disimpan, tmp_path / "hasil")) == segar


def test_lembar_pengguna_disisipkan_dan_diurutkan_area_cetaknya_tetap(tmp_path):
    """A sheet of the user's before IKU and Validasi moved to the front: each ikuxl sheet's names point at its
    own position; the user's print area and titles on their sheet stay byte for byte."""

    def ubah(wb):
        ws = wb.create_sheet("Catatan Rapat", 1)
        ws["A1"] = "Catatan rapat evaluasi"
        ws.print_area = "A1:C20"
        ws.print_title_rows = "1:2"
        wb.move_sheet("Validasi", -(len(wb.sheetnames) - 1))

    disimpan = _simpan_openpyxl(CONTOH, tmp_path / CONTOH.name, ubah)
    milik_pengguna = [m[0] for m in NAMA_XML.finditer(_workbook_xml(disimpan)) if "Catatan Rapat" in m[0]]
    assert len(milik_pengguna) == 2
    hasil = _recalc(disimpan, tmp_path / "hasil")
    assert _lembar(hasil)[:3] == ["Validasi", "Petunjuk", "Catatan Rapat"]
    segar = _cetak(CONTOH)
    assert _cetak(hasil) == {
        **segar,
        ("Catatan Rapat", "_xlnm.Print_Area"): "'Catatan Rapat'!$A$1:$C$20",
        ("Catatan Rapat", "_xlnm.Print_Titles"): "'Catatan Rapat'!$1:$2",
    }
    wb = _workbook_xml(hasil)
    assert all(e in wb for e in milik_pengguna)


def test_nama_cetak_yang_ada_diganti_di_tempat_atributnya_tetap(tmp_path, disimpan):
    """A print area LibreOffice wrote (its attributes in another order) and a print titles name in another case are
    replaced where they are, keeping their attributes, never doubled; in a workbook.xml with the x: prefix too."""
    komponen = _lembar(disimpan).index("Komponen")
    with zipfile.ZipFile(disimpan) as z:
        isi = {n: z.read(n) for n in z.namelist()}
    wb = isi["xl/workbook.xml"].decode("utf-8")
    # openpyxl kept Komponen's static area: LibreOffice's replaces it
    wb = re.sub(rf'<definedName name="_xlnm.Print_Area" localSheetId="{komponen}">[^<]*</definedName>', "", wb)
    wb = wb.replace(
        "</definedNames>",
        f'<definedName function="false" hidden="false" localSheetId="{komponen}" name="_xlnm.Print_Area" '
        f"vbProcedure=\"false\">'Komponen'!$A$1:$Z$999</definedName></definedNames>",
    )
    wb = wb.replace('name="_xlnm.Print_Titles" localSheetId="2"', 'name="_XLNM.PRINT_TITLES" localSheetId="2" comment="x"')
    # every element of workbook.xml with the x: prefix, its namespace declared for it
    wb = re.sub(r"<(/?)(?!\?)(\w+)([\s>/])", lambda m: f"<{m[1]}x:{m[2]}{m[3]}", wb)
    wb = wb.replace(
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
    )
    berkas = tmp_path / "dengan-awalan.xlsx"
    with zipfile.ZipFile(berkas, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in isi.items():
            z.writestr(n, wb.encode("utf-8") if n == "xl/workbook.xml" else data)
    hasil = _recalc(berkas, tmp_path / "hasil")
    wb = _workbook_xml(hasil)
    assert _cetak(hasil) == _cetak(CONTOH)
    assert wb.count("<x:definedName ") == len(NAMA_XML.findall(wb)) and "<definedName" not in wb
    assert (
        f'<x:definedName function="false" hidden="false" localSheetId="{komponen}" name="_xlnm.Print_Area" '
        f"vbProcedure=\"false\">'Komponen'!$A$1:$C$10,'Komponen'!$D$4:$L$10</x:definedName>" in wb
    )
    assert '<x:definedName name="_XLNM.PRINT_TITLES" localSheetId="2" comment="x">' in wb


def test_template_kosong_setelah_recalc_dicetak_dengan_judul_utuh(tmp_path):
    """The blank template recalculated prints IKU's title across its first page, as the template does (not cut to
    column A's width), and Validasi's "no findings" on one line (column A, No, is narrow: wrapped, it read
    "Tidak / ada / temu / an.")."""
    template = WORKBOOKS / "template-iku.xlsx"
    hasil = _recalc(template, tmp_path / "hasil")
    assert _cetak(hasil)[("IKU", "_xlnm.Print_Area")] == _cetak(template)[("IKU", "_xlnm.Print_Area")] != "'IKU'!$A$1:$A$4"
    sel = openpyxl.load_workbook(hasil)["Validasi"]["A5"]
    assert sel.value == "Tidak ada temuan." and not sel.alignment.wrap_text
    assert _cetak(hasil)[("Validasi", "_xlnm.Print_Area")] == "'Validasi'!$A$1:$G$5"


def test_validasi_template_dicetak_selebar_tabel_temuannya(tmp_path):
    """The blank template's Validasi holds one line of text (print area column A); after recalc it holds the findings'
    table, and prints all of its columns with its header row on every page."""
    template = WORKBOOKS / "template-iku.xlsx"
    assert _cetak(template)[("Validasi", "_xlnm.Print_Area")] == "'Validasi'!$A$1:$A$4"
    hasil = _cetak(_recalc(template, tmp_path / "hasil"))
    segar = _cetak(CONTOH)
    assert hasil[("Validasi", "_xlnm.Print_Titles")] == segar[("Validasi", "_xlnm.Print_Titles")]
    # its columns as the example's, its rows those of its own findings
    assert hasil[("Validasi", "_xlnm.Print_Area")].rsplit("$", 1)[0] == segar[("Validasi", "_xlnm.Print_Area")].rsplit("$", 1)[0]
