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
from ikuxl.rakit import susun
from ikuxl.workbook.paket import Paket

from .oracle import bandingkan

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DwnwEJMKHwGBgYGAA3lgQEPh6ouwAAAABJRU5ErkJggg=="
)
MILIK = ("Realisasi", "Komponen", "Ringkasan", "Perjanjian Kinerja", "Pengukuran Kinerja", "Validasi")
DIBAGI = {"xl/styles.xml", "xl/workbook.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels"}


def _xlsxwriter(path, dok) -> None:
    """An ikuxl workbook as XlsxWriter writes one, with what an agency adds: a chart, an image, a text
    box, a comment, a 2010 data bar, sparklines, a defined name, a protected sheet, VBA, and a table of its own."""
    plan = susun(dok)
    wb = xlsxwriter.Workbook(path)
    lembar = {}
    for lp in plan.lembar:
        ws = wb.add_worksheet(lp.nama)
        lembar[lp.nama] = ws
        for (r, c), s in lp.sel.items():
            if isinstance(s.nilai, Rumusan):
                nilai = s.nilai.nilai if s.nilai.nilai is not None else ""
                ws.write_formula(r - 1, c - 1, "=" + lp.rumus(r, c), None, nilai)
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
    analisis = wb.add_worksheet("Analisis Dinas")  # the source of the pivot table _tambah_pivot adds
    analisis.write_column("A1", ["Bidang", "Perumahan", "Permukiman", "Perumahan", "Permukiman"])
    analisis.write_column("B1", ["Anggaran", 10, 20, 30, 40])
    wb.define_name("Data_Rapat", "='Catatan Dinas'!$A$1:$A$4")
    lembar["IKU"].write_comment("G5", "indikator prioritas")
    lembar["IKU"].conditional_format("R5:R9", {"type": "data_bar", "data_bar_2010": True})
    wb.add_vba_project(__import__("io").BytesIO(b"\xd0\xcf\x11\xe0" + bytes(508)), is_stream=True)
    wb.close()


NS = (
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml."


def _rels(isi: str) -> str:
    return f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{isi}</Relationships>'


PIVOT = {
    "xl/pivotCache/pivotCacheDefinition1.xml": f'<pivotCacheDefinition {NS} r:id="rId1" refreshOnLoad="1" createdVersion="3" refreshedVersion="3" '
    'minRefreshableVersion="3" recordCount="4"><cacheSource type="worksheet"><worksheetSource ref="A1:B5" '
    'sheet="Analisis Dinas"/></cacheSource><cacheFields count="2"><cacheField name="Bidang" numFmtId="0">'
    '<sharedItems count="2"><s v="Perumahan"/><s v="Permukiman"/></sharedItems></cacheField>'
    '<cacheField name="Anggaran" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" '
    'containsNumber="1" containsInteger="1" minValue="10" maxValue="40"/></cacheField></cacheFields>'
    "</pivotCacheDefinition>",
    "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": _rels(
        f'<Relationship Id="rId1" Type="{REL}pivotCacheRecords" Target="pivotCacheRecords1.xml"/>'
    ),
    "xl/pivotCache/pivotCacheRecords1.xml": f'<pivotCacheRecords {NS} count="4"><r><x v="0"/><n v="10"/></r><r><x v="1"/><n v="20"/></r>'
    '<r><x v="0"/><n v="30"/></r><r><x v="1"/><n v="40"/></r></pivotCacheRecords>',
    "xl/pivotTables/pivotTable1.xml": f'<pivotTableDefinition {NS} name="PivotDinas" cacheId="7" dataCaption="Nilai" applyNumberFormats="0" '
    'applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" '
    'applyWidthHeightFormats="1" updatedVersion="3" minRefreshableVersion="3" createdVersion="3" outline="1" '
    'outlineData="1"><location ref="D3:E6" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/>'
    '<pivotFields count="2"><pivotField axis="axisRow" showAll="0"><items count="3"><item x="0"/><item x="1"/>'
    '<item t="default"/></items></pivotField><pivotField dataField="1" showAll="0"/></pivotFields>'
    '<rowFields count="1"><field x="0"/></rowFields><rowItems count="3"><i><x/></i><i><x v="1"/></i>'
    '<i t="grand"><x/></i></rowItems><colItems count="1"><i/></colItems><dataFields count="1">'
    '<dataField name="Jumlah Anggaran" fld="1" baseField="0" baseItem="0"/></dataFields></pivotTableDefinition>',
    "xl/pivotTables/_rels/pivotTable1.xml.rels": _rels(
        f'<Relationship Id="rId1" Type="{REL}pivotCacheDefinition" Target="../pivotCache/pivotCacheDefinition1.xml"/>'
    ),
}


def _tambah_pivot(path) -> None:
    """A pivot table over the agency's own table on 'Analisis Dinas', added at zip level as Excel stores one
    (cache definition and records, the table, the workbook's pivotCaches); no Python writer makes them."""
    isi = _isi(path)
    lembar = Paket(path.read_bytes()).lembar()["Analisis Dinas"]
    rels = lembar.replace("worksheets/", "worksheets/_rels/") + ".rels"
    tambahan = {n: x.encode() for n, x in PIVOT.items()}
    tambahan[rels] = _rels(
        f'<Relationship Id="rIdPivot" Type="{REL}pivotTable" Target="../pivotTables/pivotTable1.xml"/>'
    ).encode()
    tambahan["xl/_rels/workbook.xml.rels"] = isi["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdCache" Type="{REL}pivotCacheDefinition" '
        f'Target="pivotCache/pivotCacheDefinition1.xml"/></Relationships>'.encode(),
    )
    tambahan["xl/workbook.xml"] = isi["xl/workbook.xml"].replace(
        b"</workbook>", b'<pivotCaches><pivotCache cacheId="7" r:id="rIdCache"/></pivotCaches></workbook>'
    )
    jenis = {
        "pivotCache/pivotCacheDefinition1": "pivotCacheDefinition",
        "pivotCache/pivotCacheRecords1": "pivotCacheRecords",
        "pivotTables/pivotTable1": "pivotTable",
    }
    tambahan["[Content_Types].xml"] = isi["[Content_Types].xml"].replace(
        b"</Types>",
        "".join(f'<Override PartName="/xl/{n}.xml" ContentType="{CT}{j}+xml"/>' for n, j in jenis.items()).encode() + b"</Types>",
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, x in {**isi, **tambahan}.items():
            z.writestr(n, x)


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
            if not r["External"] and p.ada(r["Target"]):
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
    assert (
        "x14:dataBar" in sesudah[lembar_iku].decode()
        and "x14:sparkline" in sesudah[Paket(path.read_bytes()).lembar()["Catatan Dinas"]].decode()
    )
    salinan = tmp_path / "dinas.xlsx"  # LibreOffice names its output by extension
    salinan.write_bytes(path.read_bytes())
    assert bandingkan([salinan], tmp_path / "lo", libreoffice) == []


@pytest.mark.libreoffice
def test_pivot_table_tetap_utuh(tmp_path, libreoffice):
    """A pivot table the agency made keeps its cache, records and table byte for byte, and still
    works: LibreOffice reads it back from the recalculated file and computes its totals."""
    path = tmp_path / "pivot.xlsx"
    _xlsxwriter(path, semua()["iku-tanjabbar-2022-contoh-realisasi.xlsx"])
    _tambah_pivot(path)
    sebelum = _isi(path)
    recalc(path)
    sesudah = _isi(path)
    assert all(sesudah[n] == sebelum[n] for n in PIVOT)
    assert b'<pivotCaches><pivotCache cacheId="7" r:id="rIdCache"/></pivotCaches>' in sesudah["xl/workbook.xml"]
    assert b'Id="rIdCache"' in sesudah["xl/_rels/workbook.xml.rels"]
    [lo] = hitung_ulang([path], tmp_path / "lo", profil=libreoffice)
    pivot = [n for n in _isi(lo) if n.startswith("xl/pivotTables/") and n.endswith(".xml")]
    assert len(pivot) == 1 and b'name="PivotDinas"' in _isi(lo)[pivot[0]]
    ws = openpyxl.load_workbook(lo, data_only=True)["Analisis Dinas"]
    jumlah = {ws.cell(r, 4).value: ws.cell(r, 5).value for r in range(3, 8)}
    assert jumlah["Perumahan"] == 40 and jumlah["Permukiman"] == 60


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
