"""Reading ikuxl workbooks back, including ones saved by LibreOffice, and refusing what is not one."""

import re
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ikuxl.libreoffice import hitung_ulang, soffice
from ikuxl.rakit import susun
from ikuxl.workbook.baca import BacaError, baca_dokumen

from .bantu import WORKBOOKS, ikuxl


def _isi(plan):
    return {l.nama: {k: (s.nilai, s.gaya) for k, s in l.sel.items()} for l in plan.lembar}


@pytest.mark.parametrize("path", sorted(WORKBOOKS.glob("*.xlsx")), ids=lambda p: p.name)
def test_baca_lalu_susun_memberi_workbook_yang_sama(path):
    from ikuxl.contoh import semua

    assert _isi(susun(baca_dokumen(path))) == _isi(susun(semua()[path.name]))


@pytest.mark.libreoffice
def test_workbook_yang_disimpan_libreoffice_tetap_terbaca(tmp_path, libreoffice):
    asli = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
    [lo] = hitung_ulang([asli], tmp_path, profil=libreoffice)
    a, b = baca_dokumen(asli), baca_dokumen(lo)
    assert a.iku == b.iku and a.pengaturan == b.pengaturan
    assert a.komponen == b.komponen


def test_berkas_bukan_workbook_ikuxl(tmp_path):
    bukan_zip = tmp_path / "laporan.xlsx"
    bukan_zip.write_text("Nama;Nilai\n", encoding="utf-8")
    with pytest.raises(BacaError, match="laporan.xlsx: bukan berkas Excel"):
        baca_dokumen(bukan_zip)
    lain = tmp_path / "lain.xlsx"
    openpyxl.Workbook().save(lain)
    with pytest.raises(BacaError, match="lain.xlsx: lembar IKU tidak ada"):
        baca_dokumen(lain)
    rusak = tmp_path / "rusak.xlsx"
    with zipfile.ZipFile(rusak, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook")
    with pytest.raises(BacaError, match="rusak.xlsx: berkas Excel rusak"):
        baca_dokumen(rusak)


def test_kolom_yang_dipindah_disebut_selnya(tmp_path):
    path = tmp_path / "geser.xlsx"
    wb = openpyxl.load_workbook(WORKBOOKS / "iku-tanjabbar-2022.xlsx")
    wb["IKU"]["H4"] = "Unit Ukur"
    wb.save(path)
    with pytest.raises(BacaError) as e:
        baca_dokumen(path)
    assert str(e.value).startswith('geser.xlsx, lembar IKU, sel H4: judul kolom "Satuan" diharapkan')


# --- what is not an .xlsx: each gets the advice that fits its real format ------------------------------------------

CONTOH = WORKBOOKS / "iku-tanjabbar-2022.xlsx"
_BAHASA_PUSTAKA = re.compile(r"[A-Z]\w*(Error|Exception)|magic|Unrecognized|encrypted|password|central directory")


def _isi_contoh() -> dict[str, bytes]:
    with zipfile.ZipFile(CONTOH) as z:
        return {n: z.read(n) for n in z.namelist()}


def _paket(path, isi: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, v in isi.items():
            z.writestr(n, v)
    return path


def _soffice(asal, ke: str, folder, profil):
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profil.resolve().as_uri()}",
            "--headless",
            "--convert-to",
            ke,
            "--outdir",
            str(folder),
            str(asal),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / (Path(asal).stem + "." + ke)


def _tolak(path) -> str:
    with pytest.raises(BacaError) as e:
        baca_dokumen(path)
    pesan = str(e.value)
    assert pesan.startswith(path.name + ":") and not _BAHASA_PUSTAKA.search(pesan), pesan
    return pesan


@pytest.mark.libreoffice
@pytest.mark.parametrize("ke, saran", [("ods", "OpenDocument (.ods"), ("xls", "Excel 97–2003 (.xls)")])
def test_ods_dan_xls_diberi_saran_yang_benar_dan_saran_itu_berhasil(tmp_path, libreoffice, ke, saran):
    lain = _soffice(WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx", ke, tmp_path, libreoffice)
    for path in (lain, tmp_path / "dinamai-ulang.xlsx"):  # renamed .xlsx: no "rename it" advice
        if not path.exists():
            lain.rename(path)
        pesan = _tolak(path)
        assert saran in pesan and "simpan sebagai" in pesan and "ubah namanya" not in pesan
    # following the advice (save it as .xlsx) gives a workbook ikuxl reads
    ulang = _soffice(tmp_path / "dinamai-ulang.xlsx", "xlsx", tmp_path / "xlsx", libreoffice)
    assert baca_dokumen(ulang).iku == baca_dokumen(WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx").iku


def _strict(isi):
    """The package as Excel's "Strict Open XML Spreadsheet" writes it: the Strict namespaces."""
    ganti = [
        (b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
        (
            b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        ),
    ]
    for n, v in isi.items():
        for a, b in ganti:
            v = v.replace(a, b)
        isi[n] = v
    return isi


def _makro(isi):
    isi["xl/macrosheets/sheet1.xml"] = (
        b'<xm:macrosheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData/>'
        b"</xm:macrosheet>"
    )
    isi["xl/_rels/workbook.xml.rels"] = isi["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" '
        b'Target="/xl/macrosheets/sheet1.xml" Id="rIdM1" /></Relationships>',
    )
    isi["xl/workbook.xml"] = isi["xl/workbook.xml"].replace(
        b"</sheets>", b'<sheet name="Auto_Open" sheetId="99" state="hidden" r:id="rIdM1" /></sheets>'
    )
    isi["[Content_Types].xml"] = isi["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/macrosheets/sheet1.xml" ContentType="application/vnd.ms-excel.macrosheet+xml"/></Types>',
    )
    return isi


def _templat(isi):
    isi["[Content_Types].xml"] = isi["[Content_Types].xml"].replace(
        b"spreadsheetml.sheet.main+xml", b"spreadsheetml.template.main+xml"
    )
    return isi


def _direktori_rusak(path):
    data = bytearray(_paket(path, _isi_contoh()).read_bytes())
    i = data.rfind(b"PK\x01\x02")  # the last entry of the central directory
    data[i : i + 4] = b"PK\x09\x09"
    path.write_bytes(bytes(data))


def _zip_bersandi(path):
    """Every entry flagged encrypted, as a zip tool with a password writes it."""
    data = bytearray(_paket(path, _isi_contoh()).read_bytes())
    for tanda, posisi in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = data.find(tanda)
        while i >= 0:
            data[i + posisi] |= 1
            i = data.find(tanda, i + 4)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "nama, buat, saran",
    [
        (
            "iku.xlsb",
            lambda p: _paket(p, {"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x83\x01\x00"}),
            "Excel Binary Workbook (.xlsb)",
        ),
        (
            "iku.xlsx",
            lambda p: _paket(p, _strict(_isi_contoh())),
            'Strict Open XML Spreadsheet, yang tidak dibaca ikuxl; buka di Excel lalu File › Save As › "Excel Workbook (*.xlsx)"',
        ),
        ("iku.xltx", lambda p: _paket(p, _templat(_isi_contoh())), "templat Excel (.xltx/.xltm)"),
        ("iku.xlsx", lambda p: _paket(p, _templat(_isi_contoh())), "templat Excel (.xltx/.xltm)"),
        ("iku.xlsm", lambda p: _paket(p, _makro(_isi_contoh())), "lembar makro Excel 4.0"),
        ("iku.xlsx", _direktori_rusak, "paket zip rusak"),
        ("iku.xlsx", _zip_bersandi, "terenkripsi (zip bersandi)"),
        ("iku.csv", lambda p: p.write_text("Kode;Indikator\nA-1;Persentase\n", encoding="utf-8"), "`ikuxl import iku.csv"),
        ("iku.xlsx", lambda p: p.write_text("Kode\tIndikator\nA-1\tPersentase\n", encoding="utf-8"), "`ikuxl import iku.xlsx"),
        ("iku.txt", lambda p: p.write_bytes("Kode\tIndikator\r\n".encode("utf-16")), "`ikuxl import iku.txt"),
        ("iku.xls", lambda p: p.write_text("<html><body><table><tr><td>Kode</td></tr></table></body></html>"), "tabel HTML"),
        ("iku.docx", lambda p: _paket(p, {"word/document.xml": b"<w:document/>"}), "dokumen Word"),
        ("iku.xlsx", lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00"), "dokumen PDF"),
    ],
)
def test_format_lain_diberi_saran_yang_benar_dalam_bahasa_indonesia(tmp_path, nama, buat, saran):
    path = tmp_path / nama
    buat(path)
    sebelum = path.read_bytes()
    pesan = _tolak(path)
    assert saran in pesan and "ubah namanya" not in pesan, pesan
    assert path.read_bytes() == sebelum


def test_xlsx_bernama_lain_disarankan_ubah_nama_dan_saran_itu_berhasil(tmp_path):
    path = tmp_path / "iku.csv"
    path.write_bytes(CONTOH.read_bytes())
    assert "ubah namanya menjadi .xlsx" in _tolak(path)
    assert baca_dokumen(path.rename(tmp_path / "iku.xlsx")).iku == baca_dokumen(CONTOH).iku


# --- cells far away: measured from the sheet XML, refused by name, never a crash ---------------------------------


def _dengan_sel(path, lembar_part: str, xml: bytes, dimensi: bytes | None = None):
    isi = _isi_contoh()
    s = isi[lembar_part].replace(b"</sheetData>", xml + b"</sheetData>")
    if dimensi:
        s = s.replace(b"<sheetPr>", b'<dimension ref="' + dimensi + b'"/><sheetPr>', 1)
    isi[lembar_part] = s
    return _paket(path, isi)


IKU_XML, REFERENSI_XML = "xl/worksheets/sheet2.xml", "xl/worksheets/sheet5.xml"


@pytest.mark.parametrize(
    "bagian, xml, lembar, kata",
    [
        (
            IKU_XML,
            b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
            "IKU",
            "sel XFD1048576: sel XFD1048576 membuat lembar ini 1.048.576 baris",
        ),
        (
            REFERENSI_XML,
            b'<row r="5000"><c r="XFD5000"><v>1</v></c></row>',
            "Referensi",
            "sel XFD5000: sel XFD5000 jauh di luar tabel: lembar ini terbaca 5.000 baris × 16.384 kolom",
        ),
        (IKU_XML, b'<row r="1048576"><c><v>1</v></c></row>', "IKU", "sel A1048576: sel A1048576 membuat lembar ini"),
        (IKU_XML, b'<row r="300"><c r="XFD1048577"><v>1</v></c></row>', "IKU", "alamat sel 'XFD1048577' tidak sah"),
        (IKU_XML, b'<row r="300"><c r="ZZZZZ300"><v>1</v></c></row>', "IKU", "alamat sel 'ZZZZZ300' tidak sah"),
        (
            REFERENSI_XML,
            b'<row r="300"><c r="A12345678901234567890"><v>1</v></c></row>',
            "Referensi",
            "alamat sel 'A12345678901234567890' tidak sah",
        ),
        (IKU_XML, b'<row r="12345678901234567890"><c><v>1</v></c></row>', "IKU", "nomor baris '12345678901234567890' tidak sah"),
    ],
)
def test_sel_jauh_atau_tidak_sah_ditolak_dengan_nama_lembar_dan_sel(tmp_path, bagian, xml, lembar, kata):
    path = _dengan_sel(tmp_path / "jauh.xlsx", bagian, xml)
    sebelum = path.read_bytes()
    r = ikuxl("validate", str(path))
    pesan = " ".join(r.stderr.split())
    assert r.returncode == 2 and f"jauh.xlsx, lembar {lembar}" in pesan and kata in pesan, r.stderr
    assert "Traceback" not in r.stderr and path.read_bytes() == sebelum


@pytest.mark.parametrize(
    "xml, dimensi",
    [
        (b"", b"A1:XFD1048576"),  # a declared size that lies: the cells are what count
        (b'<row r="1048576"><c r="XFD1048576" s="1"/></row>', None),  # a styled empty cell: readers skip it
        (b'<row r="40"><c r="XFD40"><v>7</v></c></row>', None),  # a note far right in a short sheet: cheap, read
    ],
)
def test_ukuran_lembar_diukur_dari_isinya_bukan_dari_deklarasinya(tmp_path, xml, dimensi):
    path = _dengan_sel(tmp_path / "wajar.xlsx", IKU_XML, xml, dimensi)
    assert baca_dokumen(path).iku == baca_dokumen(CONTOH).iku
