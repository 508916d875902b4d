"""Nothing lost: workbooks written by other tools, with what users put in them, keep every part
ikuxl does not own byte for byte through recalc; what ikuxl owns is right (LibreOffice agrees)."""

import base64
import zipfile

import openpyxl
import pytest
import xlsxwriter

from ikuxl.aksi import recalc
from ikuxl.contoh import semua
from ikuxl.libreoffice import hitung_ulang
from ikuxl.plan import Rumusan
from ikuxl.susun import susun
from ikuxl.workbook.cangkok import Paket

from .oracle import bandingkan

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DwnwEJMKHwGBgYGAA3lgQEPh6ouwAAAABJRU5ErkJggg==")
MILIK = ("Realisasi", "Komponen", "Ringkasan", "Validasi")
DIBAGI = {"xl/styles.xml", "xl/workbook.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels"}


def _xlsxwriter(path, dok) -> None:
    """An ikuxl workbook as XlsxWriter writes one, with what an agency adds: a chart, an image, a text
    box, a comment, a 2010 data bar, sparklines, a defined name, a protected sheet, and VBA."""
    plan = susun(dok)
    wb = xlsxwriter.Workbook(path)
    lembar = {}
    for lp in plan.lembar:
        ws = wb.add_worksheet(lp.nama)
        lembar[lp.nama] = ws
        for (r, c), s in lp.sel.items():
            if isinstance(s.nilai, Rumusan):
                nilai = s.nilai.nilai if s.nilai.nilai is not None else ""
                ws.write_formula(r - 1, c - 1, "=" + s.nilai.excel, None, nilai)
            elif isinstance(s.nilai, str):
                ws.write_string(r - 1, c - 1, s.nilai)
            elif s.nilai is not None:
                ws.write(r - 1, c - 1, s.nilai)
    for nama, ref in plan.nama.items():
        wb.define_name(nama, "=" + ref)
    catatan = wb.add_worksheet("Catatan Dinas")
    catatan.write_column("A1", [12, 18, 25, 31])
    grafik = wb.add_chart({"type": "line"})
    grafik.add_series({"values": "='Catatan Dinas'!$A$1:$A$4"})
    catatan.insert_chart("C2", grafik)
    catatan.insert_image("C20", "logo.png", {"image_data": __import__("io").BytesIO(PNG)})
    catatan.insert_textbox("H2", "Catatan rapat: target TW III direvisi", {"width": 240, "height": 60})
    catatan.write_comment("A1", "dari Kabid Perumahan")
    catatan.conditional_format("A1:A4", {"type": "data_bar", "data_bar_2010": True})
    catatan.add_sparkline("B1", {"range": "'Catatan Dinas'!A1:A4"})
    catatan.protect()
    wb.define_name("Data_Rapat", "='Catatan Dinas'!$A$1:$A$4")
    lembar["IKU"].write_comment("G5", "indikator prioritas")
    lembar["IKU"].conditional_format("R5:R9", {"type": "data_bar", "data_bar_2010": True})
    wb.add_vba_project(__import__("io").BytesIO(b"\xd0\xcf\x11\xe0" + bytes(508)), is_stream=True)
    wb.close()


def _isi(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _milik(path) -> set[str]:
    """The parts that are ikuxl's: its sheets and what hangs off them."""
    p = Paket(path.read_bytes())
    hasil = set()

    def ikut(bagian):
        hasil.add(bagian)
        for r in p.rels(bagian):
            if not r["External"] and r["Target"] in p.isi:
                ikut(r["Target"])
        rels = bagian.rsplit("/", 1)
        hasil.add(f"{rels[0]}/_rels/{rels[1]}.rels")

    for nama, bagian in p.lembar().items():
        if nama in MILIK:
            ikut(bagian)
    return hasil


@pytest.mark.libreoffice
def test_workbook_xlsxwriter_dengan_isi_pengguna(tmp_path, libreoffice):
    path = tmp_path / "dinas.xlsm"
    _xlsxwriter(path, semua()["iku-tanjabbar-2022-contoh-realisasi.xlsx"])
    sebelum, milik_sebelum = _isi(path), _milik(path)
    lembar_iku = Paket(path.read_bytes()).lembar()["IKU"]
    hasil = recalc(path)
    assert hasil.indikator == 5
    sesudah = _isi(path)
    dijaga = set(sebelum) - milik_sebelum - DIBAGI - {lembar_iku}
    assert {"xl/vbaProject.bin", "xl/charts/chart1.xml", "xl/media/image1.png", "xl/drawings/drawing1.xml"} <= dijaga
    berubah = sorted(n for n in dijaga if sesudah.get(n) != sebelum[n])
    assert berubah == []
    wb = openpyxl.load_workbook(path)
    assert "Data_Rapat" in wb.defined_names and wb["Catatan Dinas"].protection.sheet
    assert "x14:dataBar" in sesudah[lembar_iku].decode() and "x14:sparkline" in sesudah[
        Paket(path.read_bytes()).lembar()["Catatan Dinas"]].decode()
    salinan = tmp_path / "dinas.xlsx"  # LibreOffice names its output by extension
    salinan.write_bytes(path.read_bytes())
    assert bandingkan([salinan], tmp_path / "lo", libreoffice) == []


@pytest.mark.libreoffice
def test_workbook_yang_disimpan_libreoffice(tmp_path, libreoffice):
    """LibreOffice writes its own package (shared strings, its styles and prefixes); the graft fits in."""
    from .bantu import WORKBOOKS

    [lo] = hitung_ulang([WORKBOOKS / "iku-kalsel-2020-contoh-realisasi.xlsx"], tmp_path / "lo1", profil=libreoffice)
    sebelum, milik = _isi(lo), _milik(lo)
    iku = Paket(lo.read_bytes()).lembar()["IKU"]
    recalc(lo)
    sesudah = _isi(lo)
    assert [n for n in set(sebelum) - milik - DIBAGI - {iku} if sesudah.get(n) != sebelum[n]] == []
    assert bandingkan([lo], tmp_path / "lo2", libreoffice) == []


def test_workbook_50_mb_dengan_lampiran_besar(tmp_path):
    """A 50 MB workbook (a scanned attachment of the agency's) recalculates, the attachment untouched."""
    import os

    from .bantu import WORKBOOKS

    p = Paket((WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx").read_bytes())
    lampiran = os.urandom(50 * 2**20)  # incompressible, like a scan
    p.tulis("xl/media/pindaian-sk.bin", lampiran)
    path = tmp_path / "besar.xlsx"
    path.write_bytes(p.simpan())
    assert path.stat().st_size > 50 * 2**20
    hasil = recalc(path)
    assert hasil.indikator == 5 and _isi(path)["xl/media/pindaian-sk.bin"] == lampiran
