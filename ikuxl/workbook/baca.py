"""Read an ikuxl workbook file back into a Dokumen: the matrix and everything staff entered.

Formula cells are not read: ikuxl computes them again. A file that is not an ikuxl
workbook, or whose sheets lost their shape, gives BacaError naming file, sheet and cell.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator
from zlib import error as zlib_error

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError  # defusedxml 0.7.0 has its own ParseError class

from ..dokumen import KOLOM_TW_KOMPONEN, KOLOM_TW_REALISASI, Dokumen, masalah_periode
from ..skema import (
    ARSIP,
    BARIS_DATA,
    BARIS_KEPALA,
    BARIS_SKALA_MAKS,
    DAFTAR_BAWAAN,
    IKU,
    JENIS_TAHUNAN,
    KOMPONEN,
    NAMA_DATA,
    PENGATURAN,
    REALISASI,
    REFERENSI,
    Tata,
    judul_tw,
    kolom_arsip,
    kolom_iku,
    kolom_iku_v1,
    kolom_iku_v2,
    kolom_komponen,
    kolom_realisasi,
    tahun_kolom,
)
from ..kolom import punya_komponen, teks_sel
from ..skema import (
    AWALAN_NAMA_CETAK,
    BARIS_PENGATURAN,
    BARIS_SKALA,
    BARIS_TTD,
    JUDUL_TTD,
    KOLOM_DAFTAR,
    LUAR_PERIODE,
    PENANDATANGAN,
)
from ..plan import cari_lembar
from ..alamat import nomor_kolom
from ..ketikan import kolom_dipantau
from .paket import Paket, nama_berawalan, nilai_sel_xml, sel_beralamat, sel_tanpa_rumus, teks_bersama, ujung_nama


class BacaError(ValueError):
    """A workbook that cannot be read, with a message in Indonesian that names the place."""

    def __init__(self, berkas: str, pesan: str, lembar: str | None = None, sel: str | None = None):
        self.berkas, self.lembar, self.sel = berkas, lembar, sel
        tempat = berkas + (f", lembar {lembar}" if lembar else "") + (f", sel {sel}" if sel else "")
        super().__init__(f"{tempat}: {pesan}")


# Limits that keep a hostile or absurd file from taking the server's time and memory.
BATAS_BERKAS = 200 * 2**20  # bytes on disk
BATAS_ISI = 1024 * 2**20  # all parts unpacked
BATAS_BAGIAN = 300 * 2**20  # one part unpacked
BATAS_RASIO = 200  # unpacked / packed for a part over 1 MiB: a zip bomb (ikuxl's own large sheets pack 8–15 times)
BATAS_BARIS = 200_000  # rows of one sheet (an IKU workbook has hundreds, at most tens of thousands)
BATAS_SEL = 10_000_000  # rows × columns of one sheet as a reader holds it (200.000 rows of 50 columns)
AKHIRAN = (".xlsx", ".xlsm")
LEMBAR_DIBACA = (IKU, REALISASI, KOMPONEN, REFERENSI, ARSIP)  # the archive only once a year was closed
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SIMPAN_XLSX = "buka di Excel atau LibreOffice lalu simpan sebagai Excel Workbook (.xlsx)"


def adalah_html(awal: bytes) -> bool:
    """Whether a file's first bytes are a web page (an HTML table, often saved as .xls by web applications)."""
    kepala = awal[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return kepala.startswith((b"<!doctype html", b"<html", b"<table")) or b"<html" in kepala or b"<table" in kepala


def _bukan_zip(nama: str, awal: bytes) -> BacaError:
    """Why a file that is no zip package cannot be read, from its first bytes."""
    if awal.startswith(OLE):
        if "EncryptionInfo".encode("utf-16-le") in awal:
            return BacaError(
                nama,
                "dilindungi kata sandi (terenkripsi); buka di Excel, hapus kata sandinya "
                "(File › Info › Protect Workbook), simpan, lalu ulangi",
            )
        return BacaError(nama, f"format Excel 97–2003 (.xls); {SIMPAN_XLSX}")
    kepala = awal[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if adalah_html(awal):
        return BacaError(
            nama,
            f"isinya halaman web (tabel HTML), bukan berkas Excel walau namanya {Path(nama).suffix}; "
            f"tabel IKU di dalamnya (mis. ekspor aplikasi e-SAKIP) dimasukkan dengan "
            f"`ikuxl import {nama} -o iku.xlsx`, atau {SIMPAN_XLSX}",
        )
    if b"urn:schemas-microsoft-com:office:spreadsheet" in kepala:
        return BacaError(nama, f"format XML Spreadsheet 2003, bukan .xlsx; {SIMPAN_XLSX}")
    if awal.startswith(b"%PDF"):
        return BacaError(
            nama,
            "isinya dokumen PDF, bukan workbook Excel; tabel IKU dari PDF disalin dulu ke Excel "
            "lalu dimasukkan dengan `ikuxl import`",
        )
    if awal.startswith(b"PK\x03\x04"):
        return BacaError(
            nama,
            "bukan berkas Excel .xlsx yang utuh: paket zipnya terpotong atau rusak (daftar isi zip "
            "tidak ditemukan); ambil lagi salinan aslinya",
        )
    if awal.startswith((b"\xff\xfe", b"\xfe\xff")) or (awal and b"\x00" not in awal):
        return BacaError(
            nama,
            "bukan berkas Excel .xlsx yang utuh, melainkan teks (CSV/TSV); tabel IKU dalam berkas "
            f"teks dimasukkan dengan `ikuxl import {nama} -o iku.xlsx`, atau {SIMPAN_XLSX}",
        )
    return BacaError(nama, "bukan berkas Excel .xlsx yang utuh (bukan paket zip, atau terpotong/rusak)")


def _awal(z: Paket, bagian: str | zipfile.ZipInfo, n: int) -> bytes:
    """The first n bytes of a part, without unpacking the rest."""
    return z.awal(bagian if isinstance(bagian, zipfile.ZipInfo) else z.zip.getinfo(bagian), n)


def _bukan_xlsx(nama: str, z: Paket, isi: set[str]) -> BacaError | None:
    """Why a zip package is not an .xlsx workbook ikuxl reads, from its parts; None when it is one."""
    if any(i.flag_bits & 1 for i in z.zip.infolist()):
        return BacaError(
            nama,
            "sebagian isi paket zipnya terenkripsi (zip bersandi); Excel tidak pernah menyimpan "
            f"seperti itu (dan Python tidak dapat membacanya): {SIMPAN_XLSX}",
        )
    if "mimetype" in isi:
        jenis = _awal(z, "mimetype", 100)
        if jenis.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
            return BacaError(
                nama,
                "isinya spreadsheet OpenDocument (.ods, LibreOffice Calc), bukan .xlsx; buka di "
                "LibreOffice lalu simpan sebagai (Save As) Excel 2007-365 (.xlsx)",
            )
        return BacaError(nama, "isinya dokumen OpenDocument, bukan workbook Excel")
    if "xl/workbook.bin" in isi:
        return BacaError(
            nama,
            "format Excel Binary Workbook (.xlsb), bukan .xlsx; buka di Excel lalu simpan sebagai "
            "(File › Save As) Excel Workbook (.xlsx)",
        )
    if "xl/workbook.xml" not in isi:
        for bagian, jenis in (("word/document.xml", "dokumen Word"), ("ppt/presentation.xml", "presentasi PowerPoint")):
            if bagian in isi:
                return BacaError(nama, f"isinya {jenis}, bukan workbook Excel")
        return BacaError(nama, "paket zip ini bukan workbook Excel (tidak ada xl/workbook.xml)")
    if b"purl.oclc.org/ooxml/spreadsheetml" in _awal(z, "xl/workbook.xml", 4096):
        return BacaError(
            nama,
            "disimpan sebagai Strict Open XML Spreadsheet, yang tidak dibaca ikuxl; buka di Excel "
            'lalu File › Save As › "Excel Workbook (*.xlsx)" (bukan "Strict Open XML Spreadsheet")',
        )
    jenis = _awal(z, "[Content_Types].xml", 2**16) if "[Content_Types].xml" in isi else b""
    if b"template.main+xml" in jenis or b"template.macroEnabled.main+xml" in jenis:
        return BacaError(
            nama,
            "templat Excel (.xltx/.xltm), bukan workbook; buka di Excel lalu simpan sebagai "
            "(File › Save As) Excel Workbook (.xlsx)",
        )
    makro = sorted(n for n in isi if n.startswith(("xl/macrosheets/", "xl/dialogsheets/")))
    if makro:
        return BacaError(
            nama,
            f"memuat lembar makro Excel 4.0 atau lembar dialog ({makro[0]}), yang tidak dibaca ikuxl "
            "dan sering dipakai untuk menyebar virus; hapus lembar itu di Excel, simpan, lalu ulangi",
        )
    return None


def cek_kunci(path: Path) -> None:
    """Refuse a workbook another program has open: Excel's owner file (~$NAME) or LibreOffice's lock file
    (.~lock.NAME#) beside it, naming who holds it where the file says. That program's save would otherwise
    replace ikuxl's result, or ikuxl's its own."""
    nama = path.name
    for kunci, program in ((path.with_name("~$" + nama), "Excel"), (path.with_name(f".~lock.{nama}#"), "LibreOffice")):
        if kunci.is_file():
            siapa = _pemegang_kunci(kunci, program)
            raise BacaError(
                nama,
                f"sedang dibuka di {program}{f' oleh {siapa}' if siapa else ''} (ada berkas kunci {kunci.name}); "
                "tutup dulu di sana, lalu ulangi",
            )


def _pemegang_kunci(kunci: Path, program: str) -> str:
    """Who a lock file says has the workbook open ("" when it does not say): LibreOffice writes
    "name,host,user,date,profile;", Excel a length byte and the user name, then at byte 54 the same in UTF-16."""
    try:
        data = kunci.read_bytes()[:4096]
    except OSError:
        return ""
    if program == "LibreOffice":
        bagian = data.decode("utf-8", "replace").split(",")
        nama, mesin = (bagian + ["", "", ""])[0].strip(), (bagian + ["", ""])[1].strip()
        nama = nama or (bagian + ["", "", ""])[2].strip()
        siapa = f"{nama} (komputer {mesin})" if nama and mesin else nama
    elif len(data) > 56 and data[54]:
        siapa = data[56 : 56 + 2 * data[54]].decode("utf-16-le", "replace")
    else:
        siapa = data[1 : 1 + data[0]].decode("cp1252", "replace") if data else ""
    return "".join(c for c in siapa if c.isprintable())[:100].strip()


def cek_berkas(path: Path) -> None:
    """What can be said of a file before any byte of it is read: it exists, no program has it open,
    and its size is within bounds."""
    nama = path.name
    if not path.is_file():
        raise BacaError(nama, "berkas tidak ditemukan")
    cek_kunci(path)
    ukuran = path.stat().st_size
    if ukuran > BATAS_BERKAS:
        raise BacaError(nama, f"terlalu besar ({ukuran / 2**20:.0f} MiB; batas {BATAS_BERKAS // 2**20} MiB)")


def buka_aman(path: Path, lembar: tuple[str, ...] | None = LEMBAR_DIBACA) -> Paket:
    """The file read once, as a package every later step uses (see periksa_paket)."""
    path = Path(path)
    cek_berkas(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise BacaError(path.name, f"tidak dapat dibaca ({e.strerror or e})") from None
    return periksa_paket(path.name, data, lembar)


def periksa_paket(nama: str, data: bytes, lembar: tuple[str, ...] | None = LEMBAR_DIBACA) -> Paket:
    """The package of a file's bytes, refused, with a message that says why and what to do, when it is not a
    sound .xlsx: an encrypted, legacy, OpenDocument, binary, Strict, template, text, truncated, oversized or
    hostile file. The sheets named (all when None) are measured from their XML before any reader
    allocates for them."""
    if len(data) > BATAS_BERKAS:
        raise BacaError(nama, f"terlalu besar ({len(data) / 2**20:.0f} MiB; batas {BATAS_BERKAS // 2**20} MiB)")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _bukan_zip(nama, data[: 4 * 2**20])
    try:
        p = Paket(data, nama)
        z = p.zip
        daftar = z.infolist()
        alasan = _bukan_xlsx(nama, p, {i.filename for i in daftar})
        if alasan:
            raise alasan
        akhiran = Path(nama).suffix
        if akhiran.lower() not in AKHIRAN:
            raise BacaError(
                nama,
                f"isinya workbook Excel .xlsx tetapi namanya berakhiran {akhiran or '(kosong)'}; "
                "ubah namanya menjadi .xlsx lalu ulangi",
            )
        total = sum(i.file_size for i in daftar)
        if total > BATAS_ISI:
            raise BacaError(nama, f"isinya {total / 2**20:.0f} MiB setelah dibuka (batas {BATAS_ISI // 2**20} MiB)")
        for i in daftar:
            if i.file_size > BATAS_BAGIAN:
                raise BacaError(
                    nama,
                    f"bagian {i.filename} berisi {i.file_size / 2**20:.0f} MiB setelah dibuka "
                    f"(batas {BATAS_BAGIAN // 2**20} MiB); lembar terlalu besar",
                )
            if i.file_size > 2**20 and i.file_size > BATAS_RASIO * max(i.compress_size, 1):
                raise BacaError(
                    nama,
                    f"bagian {i.filename} memuai {i.file_size / 2**20:.0f} MiB dari "
                    f"{i.compress_size / 2**10:.0f} KiB: bom zip; berkas ditolak",
                )
            if i.filename.endswith((".xml", ".rels")):
                kepala = _awal(p, i, 4096)
                if b"<!DOCTYPE" in kepala or b"<!ENTITY" in kepala:
                    raise BacaError(
                        nama,
                        f"bagian {i.filename} memuat deklarasi DOCTYPE/ENTITY, yang tidak pernah "
                        "ada di berkas Excel asli (bom XML?); berkas ditolak",
                    )
        try:
            peta = p.peta()
        except (KeyError, ParseError, DefusedXmlException):
            raise BacaError(
                nama, "berkas Excel rusak: daftar lembarnya (xl/workbook.xml) tidak terbaca; " + SIMPAN_XLSX
            ) from None
        for nama_lembar, bagian in peta.items():
            if (lembar is None or cari_lembar(lembar, nama_lembar)) and bagian in z.NameToInfo:
                _ukur(nama, nama_lembar, p, bagian)  # read through the package: unpacked once for every later reader
    except (zipfile.BadZipFile, OSError, EOFError, zlib_error, NotImplementedError, RuntimeError, UnicodeDecodeError):
        raise BacaError(
            nama, "paket zip rusak (isi zip tidak dapat dibaca); ambil lagi salinan aslinya, atau " + SIMPAN_XLSX
        ) from None
    return p


# a row or cell start tag and its attributes; the `r` attribute is its address
_TAG = re.compile(rb"<(?:\w+:)?(row|c)(?=[\s>/])([^>]*)>")
_ATR_R = re.compile(rb"""(?:^|\s)r\s*=\s*["']([^"']*)["']""")
_ALAMAT = re.compile(rb"([A-Za-z]{1,3})([0-9]{1,7})")
MAKS_BARIS, MAKS_KOLOM = 1_048_576, 16_384  # Excel's grid, A1:XFD1048576


def _ukur(nama: str, lembar: str, z: zipfile.ZipFile | Paket, bagian: str) -> None:
    """Refuse a sheet with a cell address outside Excel's grid, or whose cells span more than a reader
    should hold. The cells are found in the XML itself, streamed (a <dimension> may lie or be missing);
    an empty cell <c …/> only carries a style and readers skip it. A sheet in the shape Excel and ikuxl write
    whose every cell, empty ones too, lies within the bounds passes a quick measure: _lazim for one within
    ZZ9999, _dalam_batas (which counts) for a larger one; any other is measured cell by cell (_ukur_tepat),
    which names the cell that is too far."""
    if not (_lazim(z, bagian) or _dalam_batas(z, bagian)):
        _ukur_tepat(nama, lembar, z, bagian)


# _lazim's box: any cell tag other than <c r="A1"…> to <c r="ZZ9999"…>, any row tag other than <row r="1"…> to
# <row r="999999"…>, each tag unprefixed and addressed first thing. The box's corner ZZ9999 (702 × 9.999 cells)
# is within BATAS_SEL and BATAS_BARIS, and row 999.999 within Excel's grid (tests/test_baca.py checks both).
_LUAR_KOTAK = re.compile(
    rb'<c(?=[\s>/])(?! r="[A-Z]{1,2}[1-9][0-9]{0,3}")'  # the lookahead is _TAG_SEMUA's: every unprefixed cell tag
    rb'|<row(?=[\s>/])(?! r="[1-9][0-9]{0,5}")'
)
# a prefixed row or cell tag (<x:c …>), found from its ":": any _TAG_SEMUA match with a prefix holds one; a text
# like it elsewhere (a formula's "A:c ") only sends the sheet to _dalam_batas, which decides as before
_BERAWALAN = re.compile(rb":(?:row|c)[\s>/]")
_DIMENSI = re.compile(rb'<dimension ref="(?:[A-Z]+[0-9]+:)?([A-Z]+[0-9]+)"')
_SUDUT_KOTAK = re.compile(rb"[A-Z]{1,2}[1-9][0-9]{0,3}")

# the shape Excel and ikuxl write: every row and cell tag unprefixed, addressed first thing
_HURUF_SEL = re.compile(rb'<c r="([A-Z]{1,3})[1-9]')
_NOMOR_SEL = re.compile(rb'<c r="[A-Z]{1,3}([1-9][0-9]{0,6})"')
_NOMOR_BARIS = re.compile(rb'<row r="([1-9][0-9]{0,6})"')
_TAG_SEMUA = re.compile(rb"<(?:\w+:)?(?:row|c)(?=[\s>/])")


def _potongan(z: zipfile.ZipFile | Paket, bagian: str, terlalu_panjang=lambda tag: True) -> Iterator[bytes | None]:
    """A sheet part in pieces of about 1 MiB, each ending after a whole tag. A tag longer than 64 KiB goes to
    `terlalu_panjang`: True ends the pieces with None, False drops it and reading goes on."""
    for x in _irisan(z, bagian, terlalu_panjang):
        yield None if x is None else x[0] if x[1] == 0 and x[2] == len(x[0]) else x[0][x[1] : x[2]]


def _irisan(z: zipfile.ZipFile | Paket, bagian: str, terlalu_panjang) -> Iterator[tuple[bytes, int, int] | None]:
    """_potongan's pieces as (bytes, start, end): a part the package holds in memory (Paket.asli) is not copied
    piece by piece (a search is given the bounds); one streamed, each piece as read."""
    isi = z.asli(bagian) if isinstance(z, Paket) else None
    if isi is None:
        sisa = b""
        with z.open(bagian) as f:
            while True:
                potong = f.read(2**20)
                data, sisa = sisa + potong, b""
                awal = data.rfind(b"<")
                if potong and awal >= 0 and data.find(b">", awal) < 0:  # a tag cut in two waits for its end
                    data, sisa = data[:awal], data[awal:]
                    if len(sisa) > 2**16:
                        if terlalu_panjang(sisa):
                            yield None
                            return
                        sisa = b""
                yield data, 0, len(data)
                if not potong:
                    return
    mulai = ujung = 0  # the same cuts: the piece to come starts at `mulai`; what was "read" ends at `ujung`
    while True:
        ada, ujung = ujung < len(isi), min(ujung + 2**20, len(isi))
        akhir = lanjut = ujung
        awal = isi.rfind(b"<", mulai, ujung)
        if ada and awal >= 0 and isi.find(b">", awal, ujung) < 0:  # a tag cut in two waits for its end
            akhir = lanjut = awal
            if ujung - awal > 2**16:
                if terlalu_panjang(isi[awal:ujung]):
                    yield None
                    return
                lanjut = ujung
        yield isi, mulai, akhir
        mulai = lanjut
        if not ada:
            return


def _lazim(z: zipfile.ZipFile | Paket, bagian: str) -> bool:
    """Whether every row and cell tag of a sheet is in the usual shape and within _LUAR_KOTAK's box, empty cells
    counted too: two searches in C per piece that find nothing in such a sheet, no object per cell. Such a sheet
    is within the bounds without counting; True only then (any tag outside the box, or of another shape, gives
    False, as does a tag over 64 KiB), so it never passes a sheet _dalam_batas would not."""
    for i, x in enumerate(_irisan(z, bagian, lambda tag: True)):
        if x is None or _LUAR_KOTAK.search(*x) or _BERAWALAN.search(*x):  # no lookbehind: bounds as a slice
            return False
        # a sheet whose <dimension> (when it has one, near its start) reaches beyond the box goes to the count at
        # once rather than after most of its pieces; only a hint, for speed: whatever it says, the tags decide
        dimensi = _DIMENSI.search(*x) if i == 0 else None
        if dimensi and not _SUDUT_KOTAK.fullmatch(dimensi[1]):
            return False
    return True


def _dalam_batas(z: zipfile.ZipFile | Paket, bagian: str) -> bool:
    """Whether every row and cell of a sheet in the usual shape lies within Excel's grid and the bounds, empty cells
    counted too (so more than the exact measure counts): four passes in C, no object per cell but its row
    number. False for any other shape, or when the exact measure must decide. For a sheet beyond _lazim's box."""
    baris = kolom = 0
    for data in _potongan(z, bagian):
        if data is None:
            return False
        huruf, nomor, nomor_baris = _HURUF_SEL.findall(data), _NOMOR_SEL.findall(data), _NOMOR_BARIS.findall(data)
        if len(huruf) != len(nomor) or len(huruf) + len(nomor_baris) != len(_TAG_SEMUA.findall(data)):
            return False
        if nomor_baris and max(map(int, nomor_baris)) > MAKS_BARIS:
            return False
        if nomor:
            baris = max(baris, max(map(int, nomor)))
            kolom = max(kolom, max(map(_nomor_kolom, set(huruf))))
    return baris <= min(BATAS_BARIS, MAKS_BARIS) and kolom <= MAKS_KOLOM and baris * kolom <= BATAS_SEL


def _ukur_tepat(nama: str, lembar: str, z: zipfile.ZipFile | Paket, bagian: str) -> None:
    """_ukur cell by cell."""
    baris = kolom = 0
    terbawah = terkanan = (0, 0, "")  # (row, column, address) of the lowest and the rightmost cell with content

    def terlalu_panjang(tag: bytes) -> bool:  # no row or cell tag is that long; any other tag has no address
        if _TAG.match(tag + b">"):
            raise BacaError(nama, "tag sel tidak wajar (lebih dari 64 KiB); berkas rusak", lembar)
        return False

    for data in _potongan(z, bagian, terlalu_panjang):
        biasa = _biasa(data)
        if biasa is not None:
            sel, nomor = biasa
            if sel:
                b, k, alamat = max(sel)
                terbawah = max(terbawah, (b, k, alamat))
                terkanan = max(terkanan, max(sel, key=lambda x: x[1]), key=lambda x: x[1])
            baris, kolom = (nomor[-1], 0) if nomor else (baris, kolom)
            continue
        for m in _TAG.finditer(data):  # any other shape: cell by cell, so that a bad address is named
            r = _ATR_R.search(m[2])
            if m[1] == b"row":
                baris, kolom = (_nomor_baris(nama, lembar, r[1]) if r else baris + 1), 0
                continue
            if r:
                kolom, baris = _alamat(nama, lembar, r[1])
            else:
                kolom += 1
            if m[2].rstrip().endswith(b"/"):
                continue
            if baris > terbawah[0]:
                terbawah = (baris, kolom, r[1].decode() if r else f"{_huruf(kolom)}{baris}")
            if kolom > terkanan[1]:
                terkanan = (baris, kolom, r[1].decode() if r else f"{_huruf(kolom)}{baris}")
    if terbawah[0] > BATAS_BARIS:
        raise BacaError(
            nama,
            f"sel {terbawah[2]} membuat lembar ini {terbawah[0]:,} baris (batas {BATAS_BARIS:,}); "
            "bukan workbook IKU yang wajar: hapus isi sel itu lalu ulangi".replace(",", "."),
            lembar,
            terbawah[2],
        )
    if terbawah[0] * terkanan[1] > BATAS_SEL:
        jauh = terkanan if terkanan[1] > 702 else terbawah  # beyond ZZ: the column is what is far
        raise BacaError(
            nama,
            f"sel {jauh[2]} jauh di luar tabel: lembar ini terbaca {terbawah[0]:,} baris × "
            f"{terkanan[1]:,} kolom (batas {BATAS_SEL:,} sel); hapus isi sel itu lalu ulangi".replace(",", "."),
            lembar,
            jauh[2],
        )


_SEL_BIASA = re.compile(rb'<(?:\w+:)?c r="([A-Z]{1,3})([1-9][0-9]{0,6})"[^>]*?(/?)>')
_BARIS_BIASA = re.compile(rb'<(?:\w+:)?row r="([1-9][0-9]{0,6})"')


def _biasa(data: bytes) -> tuple[list[tuple[int, int, str]], list[int]] | None:
    """The cells with content (row, column, address) and the row numbers of a piece of sheet XML in the
    shape Excel and ikuxl write, every row and cell addressed first thing in its tag; found in bulk,
    which is many times faster than tag by tag. None for any other shape, or an address off the grid."""
    sel = _SEL_BIASA.findall(data)
    nomor = [int(n) for n in _BARIS_BIASA.findall(data)]
    if len(sel) + len(nomor) != len(_TAG.findall(data)):
        return None
    kolom = {h: _nomor_kolom(h) for h in {h for h, _, _ in sel}}
    isi = [(int(b), kolom[h], (h + b).decode()) for h, b, kosong in sel if not kosong]
    if (
        max(kolom.values(), default=0) > MAKS_KOLOM
        or max(nomor, default=0) > MAKS_BARIS
        or any(b > MAKS_BARIS for b, _, _ in isi)
    ):
        return None
    return isi, nomor


def _nomor_kolom(huruf: bytes) -> int:
    kolom = 0
    for h in huruf.upper():
        kolom = kolom * 26 + h - 64
    return kolom


def _huruf(kolom: int) -> str:
    huruf = ""
    while kolom:
        kolom, sisa = divmod(kolom - 1, 26)
        huruf = chr(65 + sisa) + huruf
    return huruf


def _nomor_baris(nama: str, lembar: str, teks: bytes) -> int:
    if teks.isdigit() and len(teks) <= 7 and 1 <= int(teks) <= MAKS_BARIS:
        return int(teks)
    raise BacaError(
        nama,
        f"nomor baris {teks[:30].decode(errors='replace')!r} tidak sah (Excel punya baris 1–"
        f"1.048.576); berkas rusak atau dibuat program yang keliru",
        lembar,
    )


def _alamat(nama: str, lembar: str, teks: bytes) -> tuple[int, int]:
    """(column, row) of a cell address, which must lie in Excel's grid."""
    m = _ALAMAT.fullmatch(teks)
    if m:
        kolom = _nomor_kolom(m[1])
        if kolom <= MAKS_KOLOM and 1 <= int(m[2]) <= MAKS_BARIS:
            return kolom, int(m[2])
    alamat = teks[:30].decode(errors="replace")
    raise BacaError(
        nama,
        f"alamat sel {alamat!r} tidak sah (di luar kisi Excel A1:XFD1048576); berkas rusak atau dibuat program yang keliru",
        lembar,
    )


def _baris(nilai: list[list[object]], kolom: int) -> list[list[object]]:
    """A sheet's values from A1, as many columns as asked: each cell's value as it is (Realisasi's formulas show it
    so), None for a blank cell or text (a test per cell in the comprehension: a call per cell cost more than it)."""
    kosong = [None] * kolom
    return [[None if isinstance(c, str) and not c.strip() else c for c in r[:kolom]] + kosong[len(r) :] for r in nilai or []]


# <f> is a cell's first child when it has one (CT_Cell: f, v, is, extLst)
_SEL_RUMUS = re.compile(rb'<(?:\w+:)?c r="([A-Z]+[0-9]+)"[^>]*(?<!/)>\s*<(?:\w+:)?f[ >/]')


def _sel_berumus(p: Paket, lembar: str) -> set[str]:
    """Cells of a sheet that hold a formula (ikuxl's own, not inputs)."""
    return {m.decode() for m in _SEL_RUMUS.findall(p.baca(p.peta()[lembar] or ""))}  # "": KeyError


_JUDUL_TAHUN = {
    j: re.compile(rf"{j} \d{{4}}|{re.escape(LUAR_PERIODE)}|") for j in JENIS_TAHUNAN
}  # a per-year column's header: labelled from the period, or blank


def _cek_kepala(berkas: str, lembar: str, baris: list[list[object]], tata: Tata, kunci: list[str] | None = None) -> None:
    """The headers of the columns that are read must be where ikuxl put them."""
    kepala = baris[BARIS_KEPALA - 1] if len(baris) >= BARIS_KEPALA else []
    for k in tata.kolom:
        if kunci is not None and k.kunci not in kunci:
            continue
        i = tata.posisi[k.kunci] - 1
        ada = kepala[i] if i < len(kepala) else None
        teks = str(ada or "").strip().lower()
        jenis = next((j for j in JENIS_TAHUNAN if tahun_kolom(k.kunci, j)), None)
        if jenis and _JUDUL_TAHUN[jenis].fullmatch(teks):
            continue  # labelled by a formula from the period (blank where no program stored its value)
        if not _judul_sama(teks, k.judul):
            raise BacaError(
                berkas,
                f'judul kolom "{k.judul}" diharapkan, ditemukan "{ada or ""}" — '
                "bukan workbook IKU ikuxl, atau kolomnya telah dipindah",
                lembar,
                f"{tata.huruf(k.kunci)}{BARIS_KEPALA}",
            )


def _judul_sama(teks: str, judul: str) -> bool:
    """A header as ikuxl wrote it; a quarterly one may name its year (skema.judul_tw), from a formula (blank
    where no program stored its value)."""
    if teks == judul.lower():
        return True
    tw = judul_tw(judul, "\0")
    if tw == judul:
        return False
    a, b = tw.lower().split("\0")
    return teks == "" or re.fullmatch(re.escape(a.rstrip()) + r" \d{4}" + re.escape(b), teks) is not None


def baca_dokumen(path: Path) -> Dokumen:
    """The Dokumen of a workbook file."""
    return dokumen_paket(buka_aman(path))


def dokumen_paket(p: Paket) -> Dokumen:
    """The Dokumen of a package buka_aman (or periksa_paket) has read and checked."""
    from python_calamine import CalamineWorkbook  # here: the Excel shell (xlwings Lite, Pyodide) reads no file

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(p.data))
    except Exception:  # the reader raises its own kinds, in English, for a damaged package
        raise BacaError(p.nama, f"berkas Excel rusak atau isinya tidak dikenali; {SIMPAN_XLSX}") from None
    try:
        # sheet names match regardless of case, as in Excel ("realisasi" is the Realisasi sheet)
        ada = {n: cari_lembar(wb.sheet_names, n) for n in LEMBAR_DIBACA}
        # Realisasi is ikuxl's own sheet, rewritten whole: its values are read only from a version 1
        # workbook, whose quarters were typed there (the largest sheet, so this saves the most)
        lembar = {n: wb.get_sheet_by_name(asli).to_python() for n, asli in ada.items() if asli and n != REALISASI}
    except Exception:  # the reader's own kinds of error, in English, for a damaged sheet
        wb.close()
        raise BacaError(p.nama, f"isi lembarnya rusak atau tidak dikenali; {SIMPAN_XLSX}") from None

    def realisasi() -> list[list[object]]:
        try:
            return wb.get_sheet_by_name(ada[REALISASI]).to_python()
        except Exception:  # as above
            raise BacaError(p.nama, f"isi lembarnya rusak atau tidak dikenali; {SIMPAN_XLSX}") from None

    def berumus() -> set[str]:
        try:
            return _sel_berumus(p, ada[REALISASI])
        except (zipfile.BadZipFile, KeyError, OSError, zlib_error):
            raise BacaError(p.nama, f"paket zip rusak (lembar {REALISASI} tidak terbaca); {SIMPAN_XLSX}") from None

    if ada[REALISASI]:
        lembar[REALISASI] = realisasi
    try:
        dok = dokumen_dari_nilai(p.nama, lembar, berumus)
    finally:
        wb.close()
    dok.cetak_lama = nama_berawalan(p, AWALAN_NAMA_CETAK)
    if dok.versi >= 2:
        try:
            dok.diketik, dok.kode_tampil = _di_luar_rumus(p, ada)
        except (zipfile.BadZipFile, KeyError, OSError, zlib_error):
            raise BacaError(p.nama, f"paket zip rusak (lembar {REALISASI} tidak terbaca); {SIMPAN_XLSX}") from None
    return dok


_KOLOM_A = re.compile(rb'r="(A)(\d+)"')  # the address of a cell of column A


@lru_cache(None)
def _dipantau() -> list[tuple[str, set[int], frozenset[str] | None]]:
    """ketikan.kolom_dipantau's sheets and columns, with the letters of the columns the scan looks at alone
    (Komponen's formula columns: its other cells, names and typed quarters, passed over in C); None for
    Realisasi, every column of which is watched."""
    return [(n, k, None if n == REALISASI else frozenset(map(_huruf, k))) for n, k in kolom_dipantau().items()]


def _di_luar_rumus(p: Paket, ada: dict[str, str | None]) -> tuple[dict, dict]:
    """What the cells of ikuxl's computed tables hold without a formula (values typed over its formulas:
    ketikan.py), and the Kode each Realisasi row shows. Found in the sheets' XML, which is scanned once."""
    peta, bersama = p.peta(), lru_cache(None)(lambda: teks_bersama(p))
    diketik, kode = {}, {}
    for nama, kolom, huruf in _dipantau():
        bagian = peta.get(ada[nama]) if ada.get(nama) else None
        if not bagian:
            continue
        # the file's own table: a column a later release added right of it holds what users put there, no formula
        ujung = ujung_nama(p, NAMA_DATA[nama])
        akhir, isi = ujung[1] if ujung else MAKS_BARIS, {}
        kolom = {c for c in kolom if c <= nomor_kolom(ujung[0])} if ujung else kolom
        # piece by piece (20,000 indicators: 170 MB of XML), two passes that skip the formula cells in C (nearly
        # every cell): Realisasi's Kode, and the cells without a formula; a damaged byte: that cell is read as far
        # as it goes
        for data in p.potongan(bagian):
            if nama == REALISASI:
                for m in sel_beralamat(data, _KOLOM_A):
                    r = int(m[2])
                    if BARIS_DATA <= r <= akhir and 1 in kolom:
                        kode[r] = nilai_sel_xml(m[0].decode("utf-8", "replace"), bersama)
            for m in sel_tanpa_rumus(data, huruf):
                r, c = int(m[2]), nomor_kolom(m[1].decode())
                if BARIS_DATA <= r <= akhir and c in kolom:
                    nilai = nilai_sel_xml(m[0].decode("utf-8", "replace"), bersama)
                    if nilai is not None:
                        isi[(r, c)] = nilai
        diketik[nama] = isi
    return diketik, kode


def _versi_iku(iku: list[list[object]], awal: int, versi: object) -> int:
    """The template version of the matrix: 3 or 2 where the eight quarterly headers stand where that
    version put them (version 3 has the yearly realisasi and Standar Nasional before them; version 1 kept the
    quarters on Realisasi), else Referensi's version setting. So one header retitled or a setting cleared is
    named by the header check, instead of reading the book as an older version. Version 3's quarterly headers
    are formulas (blank where no program stored their value): its Standar Nasional header counts too."""
    kepala = iku[BARIS_KEPALA - 1] if len(iku) >= BARIS_KEPALA else []
    for v, kolom in ((3, kolom_iku(awal)), (2, kolom_iku_v2(awal))):
        tata = Tata(kolom)
        for k in (*KOLOM_TW_REALISASI, "standar_nasional")[: 9 if v == 3 else 8]:
            i = tata.posisi[k] - 1
            teks = str(kepala[i] or "").strip().lower() if i < len(kepala) else ""
            if teks and _judul_sama(teks, kolom[i].judul):
                return v
    if isinstance(versi, (int, float)) and not isinstance(versi, bool) and versi >= 2:
        return 3 if versi >= 3 else 2
    return 1


def _triwulan_v1(nama: str, nilai: list[list[object]], berumus: set[str]) -> dict[str, dict]:
    """The quarterly inputs of a version 1 workbook, typed on its Realisasi sheet, by kode."""
    tr = Tata(kolom_realisasi())
    real = _baris(nilai, max(tr.posisi[k] for k in KOLOM_TW_REALISASI))
    _cek_kepala(nama, REALISASI, real, tr, ["kode", *KOLOM_TW_REALISASI])
    masuk = {}
    for r, b in enumerate(real[BARIS_DATA - 1 :], start=BARIS_DATA):
        kode = b[tr.posisi["kode"] - 1] if b else None
        if kode is not None:
            masuk.setdefault(str(kode), {k: None if tr.sel(k, r) in berumus else b[tr.posisi[k] - 1] for k in KOLOM_TW_REALISASI})
    return masuk


def _penandatangan(ref: list[list[object]]) -> dict[str, object] | None:
    """Referensi's signature settings; None where the workbook has no such block (written before it) and its
    cells are empty, for its labels to be written there; {} where something else is there (kept as it is)."""
    kepala = ref[BARIS_TTD - 1] if len(ref) >= BARIS_TTD else []
    if not kepala or str(kepala[0] or "").strip() != JUDUL_TTD:
        blok = [x for b in ref[BARIS_TTD - 1 : BARIS_TTD + len(PENANDATANGAN)] for x in b[:2]]
        return {} if any(x is not None and str(x).strip() for x in blok) else None
    return {
        kunci: (ref[r][1] if r < len(ref) and len(ref[r]) > 1 else None)
        for kunci, r in ((k, BARIS_TTD + i) for i, (k, _, _) in enumerate(PENANDATANGAN))
    }


def dokumen_dari_nilai(
    nama: str, lembar: dict[str, list[list[object]] | Callable[[], list[list[object]]]], berumus: Callable[[], set[str]] = set
) -> Dokumen:
    """The Dokumen from the values of an ikuxl workbook's sheets (2-D from A1), as a file reader
    or Excel gives them (Realisasi's may be a function that reads them, asked only when needed). `berumus()`: cells of the Realisasi sheet holding formulas, which are not
    inputs; asked only of a version 1 workbook, whose quarters were typed there (where unknown, the
    indicators' Rumus says which cells ikuxl computes)."""
    for l in (IKU, REALISASI, KOMPONEN, REFERENSI):
        if l not in lembar:
            raise BacaError(nama, f"lembar {l} tidak ada; bukan workbook IKU ikuxl (buat dengan `ikuxl template`)")
    ref = _baris(lembar[REFERENSI], KOLOM_DAFTAR + len(DAFTAR_BAWAAN) + 1)
    pengaturan = {}
    for i, (kunci, label, _) in enumerate(PENGATURAN):
        r = BARIS_PENGATURAN + i - 1
        pengaturan[kunci] = ref[r][1] if r < len(ref) else None

    def sel(kunci):
        return f"B{BARIS_PENGATURAN + [p[0] for p in PENGATURAN].index(kunci)}"

    for kunci in ("periode_awal", "periode_akhir", "tahun"):
        x = pengaturan[kunci]
        try:
            pengaturan[kunci] = int(x)
            bulat = not isinstance(x, bool) and pengaturan[kunci] == float(x)
        except (TypeError, ValueError, OverflowError):
            bulat = False
        if not bulat:
            raise BacaError(nama, f"{kunci.replace('_', ' ')} harus tahun (angka bulat), ditemukan {x!r}", REFERENSI, sel(kunci))
    masalah = masalah_periode(pengaturan["periode_awal"], pengaturan["periode_akhir"], pengaturan["tahun"])
    if masalah:
        raise BacaError(nama, f"{masalah[1]}; perbaiki di lembar Referensi", REFERENSI, sel(masalah[0]))
    dok = Dokumen.kosong(
        **{
            k: pengaturan[k]
            for k in (
                "instansi",
                "tingkat",
                "wilayah",
                "periode_awal",
                "periode_akhir",
                "tahun",
                "batas_capaian",
                "urusan",
                "batas_bawah_capaian",
            )
        }
    )
    dok.pengaturan["versi_template"] = pengaturan.get("versi_template")
    dok.pengaturan["tahun_triwulan"] = pengaturan.get("tahun_triwulan")
    if ARSIP in lembar:  # the quarters of the years closed (tutup.py), read to be written back with the next
        dok.arsip = [b for b in _baris(lembar[ARSIP], len(kolom_arsip()))[BARIS_DATA - 1 :] if any(x is not None for x in b)]
    dok.keterangan = pengaturan.get("keterangan")
    # the rows as they stand, blank ones in place: the formulas refer to these cells by row
    skala = [
        tuple(((ref[r] if r < len(ref) else []) + [None] * 3)[:3]) for r in range(BARIS_SKALA, BARIS_SKALA + BARIS_SKALA_MAKS)
    ]
    while skala and not any(x is not None for x in skala[-1]):
        skala.pop()
    dok.skala = skala
    dok.penandatangan = _penandatangan(ref)
    daftar = {}
    kepala_ref = ref[BARIS_PENGATURAN - 2] if len(ref) >= BARIS_PENGATURAN - 1 else []
    for c in range(KOLOM_DAFTAR - 1, len(kepala_ref)):
        if kepala_ref[c]:
            daftar[str(kepala_ref[c])] = [str(b[c]) for b in ref[BARIS_PENGATURAN - 1 :] if c < len(b) and b[c] is not None]
    dok.daftar = {**{k: list(v) for k, v in DAFTAR_BAWAAN.items()}, **daftar}

    awal = dok.tahun_periode.start
    iku = _baris(lembar[IKU], len(kolom_iku(awal)))
    # an older template's workbook is read in its own layout, to be upgraded (every input kept)
    dok.versi = _versi_iku(iku, awal, pengaturan.get("versi_template"))
    tata = Tata({3: kolom_iku(awal), 2: kolom_iku_v2(awal), 1: kolom_iku_v1(dok.tahun_periode)}[dok.versi])
    iku = [b[: len(tata.kolom)] for b in iku]
    _cek_kepala(nama, IKU, iku, tata)
    kunci = [k.kunci for k in tata.kolom]
    semua = [k.kunci for k in kolom_iku(awal)]  # every key of today's matrix, None where the old one had no column
    rekaman, baris = [], []
    for r, b in enumerate(iku[BARIS_DATA - 1 :], start=BARIS_DATA):
        if any(x is not None for x in b):
            rekaman.append({**dict.fromkeys(semua), **dict(zip(kunci, b + [None] * (len(kunci) - len(b))))})
            baris.append(r)
    dok.iku = rekaman
    dok.baris = baris if dok.versi >= 2 else None  # version 1 is rewritten whole, without its blank rows
    if dok.versi < 2:
        real = lembar[REALISASI]
        dok.isi_triwulan(_triwulan_v1(nama, real() if callable(real) else real, berumus()))
        for b in dok.iku:  # version 1 computed these from Komponen (formulas Excel gives as values)
            if punya_komponen(b.get("rumus")):
                b.update({f"realisasi_tw{q}": None for q in range(1, 5)})

    tk = Tata(kolom_komponen())
    komp = _baris(lembar[KOMPONEN], len(tk.kolom))
    _cek_kepala(nama, KOMPONEN, komp, tk, ["kode", "komponen", *KOLOM_TW_KOMPONEN])
    dok.komponen = [
        {"kode": str(b[0]), "komponen": str(b[2]), **{k: b[tk.posisi[k] - 1] for k in KOLOM_TW_KOMPONEN}}
        for b in komp[BARIS_DATA - 1 :]
        if b and b[0] is not None and b[2] is not None
    ]
    kolom_rumus = tk.posisi["rumus"] - 1
    if dok.versi >= 2:  # the Rumus each indicator's Komponen rows were compiled from
        for b in komp[BARIS_DATA - 1 :]:
            if b and b[0] is not None and b[kolom_rumus] is not None:
                dok.terhitung.setdefault(teks_sel(b[0]).casefold(), teks_sel(b[kolom_rumus]))
    return dok
