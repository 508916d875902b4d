"""Reading ikuxl workbooks back, including ones saved by LibreOffice, and refusing what is not one."""

import io
import re
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest

from ikuxl.libreoffice import hitung_ulang, soffice
from ikuxl.rakit import susun
from ikuxl.workbook import baca
from ikuxl.workbook.baca import BacaError, baca_dokumen, buka_aman

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


# --- the package guard's quick measure: it passes only what it can vouch for ---------------------------------------

_X = b' xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _lembar_panjang(path):
    """IKU with a row whose cell tag is over 64 KiB and cut between two of the guard's 1 MiB reads."""
    isi = _isi_contoh()
    s = isi[IKU_XML]
    ujung = s.index(b"</sheetData>")
    tag = b'<c r="A300" t="n" x="' + b"9" * 2**17 + b'"><v>1</v></c>'
    awal = 2**20 - 2**16 - 100  # the tag's first 64 KiB and 100 bytes in the first read
    isi[IKU_XML] = s[:ujung] + b'<row r="300">' + b" " * (awal - ujung - 13) + tag + b"</row>" + s[ujung:]
    return _paket(path, isi)


@pytest.mark.parametrize(
    "xml, kata",
    [
        # a prefixed cell or row tag in a sheet of unprefixed ones (the guard's quick search starts from its ":")
        (b'<row r="5000"><x:c r="XFD5000"><x:v>1</x:v></x:c></row>', "sel XFD5000: sel XFD5000 jauh di luar tabel"),
        (b'<x:row r="1048577" ht="20" customHeight="1"/>', "nomor baris '1048577' tidak sah"),
        # a cell tag whose address is not its first attribute, not after one space, not in double quotes, or missing
        (b'<row r="5000"><c t="n" r="XFD5000"><v>1</v></c></row>', "sel XFD5000: sel XFD5000 jauh di luar tabel"),
        (b'<row r="5000"><c\nr="XFD5000"><v>1</v></c></row>', "sel XFD5000: sel XFD5000 jauh di luar tabel"),
        (b"<row r=\"5000\"><c r='XFD5000'><v>1</v></c></row>", "sel XFD5000: sel XFD5000 jauh di luar tabel"),
        (b'<row r="999999"><c\n><v>1</v></c></row>', "sel A999999: sel A999999 membuat lembar ini 999.999 baris"),
        (b'<row r="999999"><c><v>1</v></c></row>', "sel A999999: sel A999999 membuat lembar ini 999.999 baris"),
        # a row tag beyond Excel's grid, with no cell, addressed first or not
        (b'<row r="1048577" ht="20" customHeight="1"/>', "nomor baris '1048577' tidak sah"),
        (b'<row ht="20" customHeight="1" r="1048577"/>', "nomor baris '1048577' tidak sah"),
        # just outside the quick measure's box ZZ9999, in rows or columns, and beyond BATAS_SEL
        (b'<row r="20000"><c r="ZZ20000"><v>1</v></c></row>', "sel ZZ20000: sel ZZ20000 jauh di luar tabel"),
        (b'<row r="9999"><c r="ALM9999"><v>1</v></c></row>', "sel ALM9999: sel ALM9999 jauh di luar tabel"),
    ],
)
def test_bentuk_yang_tidak_biasa_diukur_sel_demi_sel_dan_selnya_disebut(tmp_path, xml, kata):
    path = _dengan_sel(tmp_path / "aneh.xlsx", IKU_XML, xml)
    path = _paket(path, {**_isi_contoh(), IKU_XML: _isi_zip(path, IKU_XML).replace(b"<worksheet", b"<worksheet" + _X, 1)})
    with pytest.raises(BacaError) as e:
        buka_aman(path)  # the guard alone: a reader is never given a sheet it would allocate for
    assert str(e.value).startswith("aneh.xlsx, lembar IKU") and kata in str(e.value), str(e.value)


def test_tag_sel_lebih_dari_64_kib_ditolak(tmp_path):
    with pytest.raises(BacaError, match="aneh.xlsx, lembar IKU: tag sel tidak wajar"):
        buka_aman(_lembar_panjang(tmp_path / "aneh.xlsx"))


def _isi_zip(path, bagian: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(bagian)


def _zip_lembar(xml: bytes) -> zipfile.ZipFile:
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr("s.xml", b"<worksheet><sheetData>" + xml + b"</sheetData></worksheet>")
    return zipfile.ZipFile(b)


def test_sudut_kotak_ukuran_cepat_dalam_batas():
    """_lazim passes the sheets within ZZ9999 with no count: its corner is within the bounds, by the exact measure."""
    dalam = _zip_lembar(b'<row r="9999"><c r="ZZ9999"><v>1</v></c></row><row r="999999" ht="20" customHeight="1"/>')
    assert baca._lazim(dalam, "s.xml") and baca._dalam_batas(dalam, "s.xml")
    baca._ukur_tepat("t.xlsx", "IKU", dalam, "s.xml")  # raises when beyond a bound
    for luar in (b'<c r="AAA1"/>', b'<c r="A10000"/>', b'<row r="1000000"/>', b'<c r="A1"/><x:c/>'):
        assert not baca._lazim(_zip_lembar(luar), "s.xml"), luar
    besar = _zip_lembar(b'<dimension ref="A1:FH12000"/><row r="1"><c r="A1"/></row>')  # a hint: counted at once
    assert not baca._lazim(besar, "s.xml") and baca._dalam_batas(besar, "s.xml")


_BENTUK = [  # tags of every shape the guard meets, usual or not
    *(b'<row r="%s">' % n for n in (b"1", b"9999", b"999999", b"1000000", b"1048577", b"0")),
    *(b'<c r="%s"/>' % a for a in (b"A1", b"ZZ9999", b"AAA1", b"A10000", b"XFD5000", b"a1", b"A01", b"ZZ14246")),
    *(b"<row>", b'<row\tr="2">', b'<row  r="3">', b"<c>", b"<c/>", b'<c\nr="B2">', b'<c t="n" r="B2">'),
    *(b'<x:c r="A1">', b'<x:row r="2">', b"<c:c/>", b"<col/>", b"<c-x/>", b"</c>", b"</row>", b"<v>1</v>"),
]


def test_yang_lolos_ukuran_cepat_lolos_hitungan_juga():
    """Every pair of shapes _lazim passes, _dalam_batas (the count it stands for) passes too."""
    for a in _BENTUK:
        for b in _BENTUK:
            z = _zip_lembar(a + b)
            assert not baca._lazim(z, "s.xml") or baca._dalam_batas(z, "s.xml"), a + b


# --- each measured sheet unpacked once: the guard reads it into the package, the later readers use it -------------


def test_potongan_penjaga_sama_dari_memori_dan_dari_zip():
    """The guard's pieces of a sheet the package holds in memory are the pieces it reads from the zip, whatever
    the sheet: tags cut between reads, tags over 64 KiB (dropped or refused), an unfinished tag at the end."""
    import random

    from ikuxl.workbook.paket import Paket

    acak = random.Random(7)
    bentuk = [b'<row r="1">', b'<c r="A1"><v>1</v></c>', b"</row>", b"<c r=", b"x" * 5000, b">", b"<", b'<c t="' + b"9" * 70_000]
    for _ in range(60):
        xml = b"".join(acak.choice(bentuk) for _ in range(acak.randint(0, 600)))
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("s.xml", xml)
        p = Paket(b.getvalue())
        assert p.asli("s.xml") == xml
        for panjang in (lambda tag: True, lambda tag: False):
            assert list(baca._potongan(p, "s.xml", panjang)) == list(baca._potongan(p.zip, "s.xml", panjang))
        assert baca._lazim(p, "s.xml") == baca._lazim(p.zip, "s.xml")


def test_bagian_yang_ditulis_ulang_tidak_dibaca_dari_simpanan():
    """A sheet the guard kept is read from memory until it is written or removed: never its old bytes after."""
    p = baca.periksa_paket(CONTOH.name, CONTOH.read_bytes())
    peta = p.peta()
    iku, komponen = peta["IKU"], peta["Komponen"]
    lama = _isi_contoh()[iku]
    assert p.asli(iku) == lama and b"".join(p.potongan(iku)) == lama and p.baca(iku, simpan=False) == lama
    p.tulis(iku, b"<baru/>")
    assert p.baca(iku) == b"<baru/>" and list(p.potongan(iku)) == [b"<baru/>"]
    assert p.asli(iku) is None and p.open(iku).read() == b"<baru/>" and b"".join(baca._potongan(p, iku)) == b"<baru/>"
    p.tulis(komponen, (x.replace(b"<sheetData", b"<sheetData x=''") for x in p.potongan(komponen)))  # from itself
    assert b"".join(p.potongan(komponen)) == _isi_contoh()[komponen].replace(b"<sheetData", b"<sheetData x=''")
    p.buang(iku)
    assert not p.ada(iku) and iku not in zipfile.ZipFile(io.BytesIO(p.simpan())).namelist()
    p.tulis("xl/workbook.xml", p.baca("xl/workbook.xml").replace(b'name="IKU"', b'name="IKU2"'))
    assert "IKU2" in p.peta() and "IKU" not in p.peta()


def test_bagian_besar_dibaca_bertahap_dengan_hasil_sama(tmp_path, monkeypatch):
    """A sheet beyond the bounds of what is kept is streamed at every read, with the same file written."""
    from ikuxl.aksi import recalc

    asal = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
    assert baca.periksa_paket(asal.name, asal.read_bytes())._asli
    recalc(asal, tmp_path / "disimpan.xlsx")
    monkeypatch.setattr("ikuxl.workbook.paket.BATAS_SIMPAN_BAGIAN", 0)
    assert not baca.periksa_paket(asal.name, asal.read_bytes())._asli
    recalc(asal, tmp_path / "dialirkan.xlsx")
    assert (tmp_path / "disimpan.xlsx").read_bytes() == (tmp_path / "dialirkan.xlsx").read_bytes()


@pytest.mark.parametrize("batas", [16 * 2**20, 0], ids=["disimpan", "dialirkan"])
@pytest.mark.parametrize("rusak", ["crc", "ukuran", "lebih", "isi"])
def test_lembar_rusak_di_dalam_zip_ditolak_penjaga(tmp_path, rusak, batas, monkeypatch):
    """A measured sheet whose stored bytes do not unpack to what the zip's directory says is refused by the guard,
    whether it is kept in memory or streamed (one verdict whatever the sheet's size)."""
    monkeypatch.setattr("ikuxl.workbook.paket.BATAS_SIMPAN_BAGIAN", batas)
    path = _paket(tmp_path / "iku.xlsx", _isi_contoh())
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(IKU_XML)
    i = data.find(IKU_XML.encode(), data.find(b"PK\x01\x02")) - 46  # the sheet's central directory entry
    assert data[i : i + 4] == b"PK\x01\x02"
    if rusak == "crc":
        data[i + 16] ^= 1
    elif rusak in ("ukuran", "lebih"):  # the directory says it unpacks smaller, or larger, than it does
        data[i + 24 : i + 28] = (info.file_size + (10 if rusak == "lebih" else -1)).to_bytes(4, "little")
    else:
        awal = info.header_offset + 30 + len(IKU_XML)
        data[awal + 10 : awal + 20] = bytes(10)
    path.write_bytes(bytes(data))
    assert "paket zip rusak" in _tolak(path)


def _zip_mentah(entri: list[tuple[bytes, bytes, bytes, int, int, int]]) -> bytes:
    """A zip written byte by byte: (local name, central name, stored bytes, size, CRC, stored size in the directory)
    per entry, deflated, UTF-8 names; what no zip library writes."""
    lokal, pusat = b"", b""
    for nama_lokal, nama_pusat, mentah, ukuran, crc, ukuran_pusat in entri:
        pusat += (
            b"PK\x01\x02"
            + struct.pack(
                "<HHHHHHLLLHHHHHLL",
                20,
                20,
                0x800,
                8,
                0,
                0x21,
                crc,
                ukuran_pusat,
                ukuran,
                len(nama_pusat),
                0,
                0,
                0,
                0,
                0,
                len(lokal),
            )
            + nama_pusat
        )
        lokal += b"PK\x03\x04" + struct.pack("<HHHHHLLLHH", 20, 0x800, 8, 0, 0x21, crc, len(mentah), ukuran, len(nama_lokal), 0)
        lokal += nama_lokal + mentah
    n = len(entri)
    return lokal + pusat + b"PK\x05\x06" + struct.pack("<HHHHLLH", 0, 0, n, n, len(pusat), len(lokal), 0)


def _padat(isi: bytes) -> bytes:
    k = zlib.compressobj(6, zlib.DEFLATED, -15)
    return k.compress(isi) + k.flush()


def test_zip_bersandiwara_ditolak_seperti_pembaca_zip_yang_ketat():
    """Parts a strict zip reader (Python 3.13's zipfile) refuses are refused by ikuxl's own unpacking, which reads
    every original part: an entry whose stored bytes run into the next entry (overlapping entries, the shape of a
    zip bomb), and a local name that is no UTF-8 standing for a directory name with U+FFFD."""
    from ikuxl.workbook.paket import Paket

    isi = b"<a/>" * 100
    mentah, crc = _padat(isi), zlib.crc32(isi)
    kedua = _padat(b"<b/>")
    panjang_lokal = 30 + len(b"a.xml") + len(mentah)
    bertumpuk = _zip_mentah(
        [
            (b"a.xml", b"a.xml", mentah, len(isi), crc, panjang_lokal),
            (b"b.xml", b"b.xml", kedua, 4, zlib.crc32(b"<b/>"), len(kedua)),
        ]
    )
    p = Paket(bertumpuk)
    with pytest.raises(zipfile.BadZipFile, match="Overlapped"):
        p.baca("a.xml")
    assert Paket(_zip_mentah([(b"a.xml", b"a.xml", mentah, len(isi), crc, len(mentah))])).baca("a.xml") == isi
    nama = _zip_mentah([(b"a\xff.xml", "a\ufffd.xml".encode(), mentah, len(isi), crc, len(mentah))])
    with pytest.raises(zipfile.BadZipFile, match="header differ"):
        Paket(nama).baca("a\ufffd.xml")
