"""An OOXML package (a .xlsx file) as parts in memory: read, edited and saved part by part, and the
namespaces and relationship rules every reader and writer of ikuxl shares."""

from __future__ import annotations

import functools
import io
import posixpath
import re
import struct
import zipfile
import zlib
from typing import IO, Callable, Iterable, Iterator
from xml.sax.saxutils import unescape

from defusedxml.ElementTree import fromstring

try:  # ISA-L's deflate (the optional extra `cepat`): about 4 times zlib's speed at level 1, and smaller output;
    # its inflate about twice zlib's
    from isal.isal_zlib import compressobj as pemadat, crc32, decompress as buka_padat, decompressobj as pembuka
    from isal.isal_zlib import error as GalatPadat
except ImportError:  # Pyodide, or a platform without its wheel: zlib, the same parts
    from zlib import compressobj as pemadat, crc32, decompress as buka_padat, decompressobj as pembuka
    from zlib import error as GalatPadat

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def peta_lembar(baca: Callable[[str], bytes]) -> dict[str, str]:
    """Sheet name → its part name in a package whose parts `baca` reads (ZipFile.read, dict access);
    None for a sheet whose part lies outside the package; KeyError for a sheet with no relationship."""
    wb = fromstring(baca("xl/workbook.xml"))
    rels = fromstring(baca("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.iter(f"{{{NS_REL}}}Relationship")}
    return {
        s.get("name"): bagian_target("xl/workbook.xml", target[s.get(f"{{{NS_R}}}id")] or "") for s in wb.iter(f"{{{NS}}}sheet")
    }


def bagian_target(asal: str, target: str) -> str | None:
    """The part a relationship of part `asal` names, or None when the target leaves the package
    (nothing outside it may be read or written)."""
    hasil = posixpath.normpath(target[1:] if target.startswith("/") else posixpath.join(posixpath.dirname(asal), target))
    return None if hasil.startswith("../") or hasil in (".", "..") or hasil.startswith("/") else hasil


# a stored cell, its column letters and row number first
SEL_XML = re.compile(rb'<c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*?(?:/>|>.*?</c>)', re.S)
# the start tag of a stored cell with content whose first child is no formula (<f> comes first in CT_Cell): what
# was typed in a computed table; possessive, so the expression passes over formula cells quickly, in C
# (its first lookahead only answers the usual shape, <c …><f>, sooner: the second alone says the same)
_AWAL_TANPA_RUMUS = re.compile(rb"<c\b[^>]*+(?<!/)>(?!<f[\s>/])(?!\s*<(?:\w+:)?f[\s>/])")
_ATRIBUT_R = re.compile(rb'\br="')


@functools.lru_cache(None)
def _awal_tanpa_rumus(huruf: frozenset[str] | None) -> re.Pattern:
    """_AWAL_TANPA_RUMUS for the cells of these columns (letters) only: a cell of another column is passed over in C."""
    if huruf is None:
        return _AWAL_TANPA_RUMUS
    kolom = "|".join(sorted(huruf))
    return re.compile(rb'<c\b(?=[^>]*?\br="(?:' + kolom.encode() + rb')\d+")' + _AWAL_TANPA_RUMUS.pattern[4:])


def sel_tanpa_rumus(data: bytes, huruf: frozenset[str] | None = None) -> Iterator[re.Match]:
    """The stored cells (SEL_XML's matches) with content and no formula, in order; of the columns whose letters are
    given only (a few more may come, the caller checks each), all when None."""
    for m in _awal_tanpa_rumus(huruf).finditer(data):
        sel = SEL_XML.match(data, m.start())
        if sel:
            yield sel


def sel_beralamat(data: bytes, alamat: re.Pattern) -> Iterator[re.Match]:
    """The stored cells (SEL_XML's matches) whose address `alamat` matches (an expression for the text after r=",
    column letters and row number as its groups; a few more may come, the caller checks each), in order: the
    expression looks for the address, not the cell, which is quick, each found is then read as SEL_XML reads it."""
    dilihat = -1
    for m in alamat.finditer(data):
        awal = data.rfind(b"<", 0, m.start())
        if awal <= dilihat:
            continue
        sel = SEL_XML.match(data, awal)
        if sel and sel.start(1) == m.start(1):  # the cell's own address, the first r of its tag
            dilihat = awal
            yield sel


_JENIS_SEL = re.compile(r'\st="(\w+)"')


def teks_bersama(p: "Paket") -> list[str]:
    """The workbook's shared strings, in order."""
    r = next((r["Target"] for r in p.rels("xl/workbook.xml") if r["Type"].endswith("/sharedStrings")), None)
    if not r or not p.ada(r):
        return []
    return ["".join(t.text or "" for t in si.iter(f"{{{NS}}}t")) for si in fromstring(p.baca(r))]


def teks_sel_xml(sel: str | None, bersama: Callable[[], list[str]]) -> str | None:
    """The value a stored cell shows, as its text in the XML (enough to recognise a row's Kode)."""
    if sel is None:
        return None
    if 't="inlineStr"' in sel:
        return "".join(re.findall(r"<(?:\w+:)?t\b[^>]*>([^<]*)</(?:\w+:)?t>", sel)) or None
    v = re.search(r"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>", sel)
    if v is None:
        return None
    return bersama()[int(v[1])] if 't="s"' in sel else v[1]


def nilai_sel_xml(sel: str, bersama: Callable[[], list[str]]) -> object:
    """The value a stored cell shows, as a reader gives it: a number, a bool, a text, or None."""
    teks = teks_sel_xml(sel, bersama)
    if teks is None:
        return None
    jenis = _JENIS_SEL.search(sel.split(">", 1)[0])
    jenis = jenis[1] if jenis else "n"
    if jenis == "n":
        try:
            return float(teks)
        except ValueError:
            return teks
    if jenis == "b":
        return teks.strip() == "1"
    return teks if jenis == "s" else unescape(teks, {"&quot;": '"', "&apos;": "'"})


def nama_berawalan(p: "Paket", awalan: str) -> dict[str, str]:
    """The workbook's defined names that start with `awalan`, with what they stand for (as stored)."""
    pola = rf'<(?:\w+:)?definedName\b[^>]*?\sname="({re.escape(awalan)}[^"]*)"[^>]*>([^<]*)</'
    return {m[1]: unescape(m[2]) for m in re.finditer(pola, p.teks("xl/workbook.xml"))}


def ujung_nama(p: "Paket", nama: str) -> tuple[str, int] | None:
    """The bottom-right cell (column letters, row) of a defined name's area, as the workbook stores it."""
    m = re.search(rf'definedName\b[^>]*?\sname="{re.escape(nama)}"[^>]*>[^<]*?\$([A-Z]+)\$(\d+)</', p.teks("xl/workbook.xml"))
    return (m[1], int(m[2])) if m else None


def _padatkan(potongan: Iterable[bytes]) -> tuple[bytes, int, int]:
    """A part deflated, quickly (ikuxl's parts are rewritten on every run): (deflated, CRC, size)."""
    kompres, keluar, crc, panjang = pemadat(1, zlib.DEFLATED, -15), [], 0, 0
    for b in potongan:
        keluar.append(kompres.compress(b))
        crc, panjang = crc32(b, crc), panjang + len(b)
    keluar.append(kompres.flush())
    return b"".join(keluar), crc, panjang


UKURAN_POTONGAN = 2**20  # bytes of a sheet part read at a time (Paket.potongan)


def _inflasi(mentah: memoryview, ukuran: int, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """Deflated bytes inflated in pieces of at most `ukuran` bytes, until the stream ends or its bytes run out."""
    d, sisa = pembuka(-15), mentah
    try:
        while not d.eof:
            potong = d.decompress(sisa, ukuran)
            sisa = d.unconsumed_tail
            if not potong and not sisa:  # cut short: the size check says so
                return
            yield potong
    except GalatPadat:
        raise zipfile.BadZipFile(f"Bad compressed data in {info.orig_filename!r}") from None


class _Potongan(io.RawIOBase):
    """Pieces of bytes read as a file (Paket.open of a part too large to keep)."""

    def __init__(self, potongan: Iterator[bytes]):
        self._potongan, self._sisa = potongan, b""

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while not self._sisa:
            self._sisa = next(self._potongan, None)
            if self._sisa is None:
                self._sisa = b""
                return 0
        n = min(len(b), len(self._sisa))
        b[:n], self._sisa = self._sisa[:n], self._sisa[n:]
        return n


# an original part read by several steps (the guard, the reader, the graft) is unpacked once and kept while it is
# within these bounds; a larger one (20,000 indicators: Realisasi 170 MB of XML) is streamed at every read
BATAS_SIMPAN_BAGIAN = 16 * 2**20
BATAS_SIMPAN = 48 * 2**20
_PETA = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")  # the parts peta_lembar reads


class CangkokError(ValueError):
    pass


class Paket:
    """The parts of an OOXML package, edited in memory. A part is unpacked when it is read;
    one never written is saved as it was stored."""

    def __init__(self, data: bytes, nama: str = ""):
        self.data, self.nama = data, nama  # the file's bytes as read, and its name for messages
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.info = {i.filename: i for i in self.zip.infolist()}  # the original parts still in the package
        self._isi: dict[str, bytes] = {}  # parts read or written
        self._padat: dict[str, tuple[bytes, int, int]] = {}  # parts written compressed: (deflated, CRC, size)
        self._asli: dict[str, bytes] = {}  # original parts unpacked and kept within BATAS_SIMPAN (Paket.open)
        self._ditulis: set[str] = set()
        self._urutan = list(self.info)
        self._peta: dict[str, str | None] | None = None
        # where each entry's bytes must end: at the next entry's header, or the central directory (_tersimpan)
        awal = sorted({i.header_offset for i in self.info.values()}) + [getattr(self.zip, "start_dir", len(data))]
        self._ujung = dict(zip(awal, awal[1:]))

    def ada(self, nama: str) -> bool:
        return nama in self._isi or nama in self._padat or nama in self.info

    def daftar(self) -> list[str]:
        """The names of the parts, those written included."""
        return list(self._urutan)

    def baca(self, nama: str, simpan: bool = True) -> bytes:
        """A part's bytes; kept for the next read unless `simpan` is False (a large sheet read once or twice:
        unpacking it again costs less than holding it while the plan is built; one the guard keeps, Paket.asli,
        is held anyway)."""
        if nama in self._padat:
            return buka_padat(self._padat[nama][0], -15)
        if nama in self._isi:
            return self._isi[nama]
        if nama in self._asli:
            return self._asli[nama]
        if not simpan:
            return self._urai(self.info[nama])
        self._isi[nama] = self._urai(self.info[nama])
        return self._isi[nama]

    def asli(self, nama: str) -> bytes | None:
        """An original part unpacked once and kept for every later reader (baca, potongan, open) while it is within
        BATAS_SIMPAN_BAGIAN and BATAS_SIMPAN; None for a larger one, which is streamed, and for a part written or
        removed since (its bytes are baca's)."""
        if nama in self._ditulis or nama not in self.info:
            return None
        isi = self._asli.get(nama)
        if isi is None:
            info = self.info[nama]
            if info.file_size > BATAS_SIMPAN_BAGIAN or sum(map(len, self._asli.values())) + info.file_size > BATAS_SIMPAN:
                return None
            isi = self._asli[nama] = self._urai(info)
        return isi

    def open(self, nama: str) -> IO[bytes]:
        """A part to read as a file: one kept in memory (Paket.asli) or written as a BytesIO, a large original one
        unpacked as it is read (checked as _urai_bertahap checks it)."""
        if nama in self._ditulis:
            return io.BytesIO(self.baca(nama))
        isi = self.asli(nama)
        return io.BufferedReader(_Potongan(self._urai_bertahap(self.info[nama]))) if isi is None else io.BytesIO(isi)

    def awal(self, info: zipfile.ZipInfo, n: int) -> bytes:
        """The first n bytes of an original part (a zip entry: a name twice in the zip is read at each entry),
        the rest not unpacked; its size and CRC checked only when that is the whole part, as ZipFile.open's read(n)."""
        if info.file_size <= n:
            return self._urai(info)
        awal = b""
        for potong in self._urai_bertahap(info, UKURAN_POTONGAN if n > UKURAN_POTONGAN else n):
            awal += potong
            if len(awal) >= n:
                break
        return awal[:n]

    def _urai(self, info: zipfile.ZipInfo) -> bytes:
        """An original part unpacked whole (_urai_bertahap's pieces joined)."""
        return b"".join(self._urai_bertahap(info, max(info.file_size, 1)))

    def _urai_bertahap(self, info: zipfile.ZipInfo, ukuran: int = 0) -> Iterator[bytes]:
        """An original part unpacked in pieces of `ukuran` bytes (UKURAN_POTONGAN), by ISA-L where installed, and
        checked as a strict zip reader checks it: its local header and place (_tersimpan), never more than the size
        the directory gives (which the guard bounds), then that size and its CRC; BadZipFile otherwise, before the
        caller has the last piece. Every reader of an original part comes here (the guard, the reader, the graft, and
        simpan for the parts nobody read), so one verdict holds whatever the part's size. A part neither stored nor
        deflated (no program writes one), encrypted or patched: read by zipfile, which says why it cannot be."""
        ukuran = ukuran or UKURAN_POTONGAN
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 0x61:
            with self.zip.open(info) as f:
                while potong := f.read(ukuran):
                    yield potong
            return
        mentah, crc, panjang = self._tersimpan(info), 0, 0
        if info.compress_type == zipfile.ZIP_STORED:
            potongan = (bytes(mentah[i : i + ukuran]) for i in range(0, len(mentah), ukuran))
        else:
            potongan = _inflasi(mentah, ukuran, info)
        for potong in potongan:
            crc, panjang = crc32(potong, crc), panjang + len(potong)
            if panjang >= info.file_size:  # the last piece given only once the part is whole and sound
                panjang += len(next(potongan, b""))  # anything more is more than the directory says
                break
            yield potong
        else:
            potong = b""
        if panjang != info.file_size:
            raise zipfile.BadZipFile(f"Bad size for file {info.orig_filename!r}: more or less than {info.file_size} bytes")
        if crc != info.CRC:
            raise zipfile.BadZipFile(f"Bad CRC-32 for file {info.orig_filename!r}")
        if potong:
            yield potong

    def potongan(self, nama: str) -> Iterator[bytes]:
        """A sheet part in pieces of about UKURAN_POTONGAN bytes, each cut after a row's end tag, so that no cell is
        cut in two (a piece grows until a row ends): a large sheet read without holding it whole. A part the package
        holds already (read, written, or kept by the guard: Paket.asli) comes whole, in one piece."""
        if nama in self._padat or nama in self._isi or nama not in self.info:
            yield self.baca(nama, simpan=False)
            return
        if nama in self._asli:  # held already (the guard read it): whole, as a part read or written is
            yield self._asli[nama]
            return
        akhir_baris = b"</row>"
        # what was read since the last row's end, in reads (a row of 300 MB is joined once, not at every read), and
        # the last bytes read (a row's end tag cut between two reads)
        sisa: list[bytes] = []
        ekor = b""
        for potong in self._urai_bertahap(self.info[nama]):
            i = (ekor + potong).rfind(akhir_baris)
            sisa.append(potong)
            if i >= 0:
                data = b"".join(sisa)
                akhir = len(data) - len(potong) - len(ekor) + i + len(akhir_baris)
                yield data[:akhir]
                sisa = [data[akhir:]]
            ekor = (ekor + potong)[-len(akhir_baris) + 1 :]
        yield b"".join(sisa)

    def simpan(self) -> bytes:
        """The package as a zip. Parts left alone keep their stored (compressed) bytes; only
        the parts ikuxl wrote are compressed, quickly (they are rewritten on every run)."""
        keluar, letak = [], 0  # the zip's pieces, joined once at the end (a large one is not copied as it grows)
        pusat = []
        for nama in self._urutan:
            lama = self.info.get(nama)
            if nama not in self._ditulis:
                # unpacking checks the CRC: a damaged part must not pass unseen (a part read was checked then); in
                # pieces (IKU of 20,000 indicators: 45 MB unpacked)
                if nama not in self._isi and nama not in self._asli:
                    for _ in self._urai_bertahap(lama):
                        pass
                mentah, metode, crc = self._tersimpan(lama), lama.compress_type, lama.CRC
                waktu, atribut, versi = lama.date_time, lama.external_attr, max(20, lama.extract_version)
                panjang = lama.file_size
            else:
                if nama not in self._padat:
                    self._padat[nama] = _padatkan([self._isi[nama]])
                mentah, crc, panjang = self._padat[nama]
                metode = zipfile.ZIP_DEFLATED
                waktu, atribut = (lama.date_time if lama else (2026, 1, 1, 0, 0, 0)), (lama.external_attr if lama else 0)
                versi = 20
            if panjang >= 0xFFFFFFFF or letak >= 0xFFFFFFFF:
                raise CangkokError("paket terlalu besar untuk ditulis ulang")
            kode_nama = nama.encode("utf-8")
            bendera = 0x800 if not nama.isascii() else 0
            tanggal = (waktu[0] - 1980) << 9 | waktu[1] << 5 | waktu[2]
            jam = waktu[3] << 11 | waktu[4] << 5 | waktu[5] // 2
            kepala = struct.pack(
                "<HHHHHLLLHH", versi, bendera, metode, jam, tanggal, crc, len(mentah), panjang, len(kode_nama), 0
            )
            dibuat = (lama.create_system if lama else 0) << 8 | 20
            pusat.append((dibuat, kepala, kode_nama, atribut, letak))
            keluar += [b"PK\x03\x04" + kepala + kode_nama, mentah]
            letak += len(keluar[-2]) + len(mentah)
        direktori = b"".join(
            b"PK\x01\x02" + struct.pack("<H", dibuat) + kepala + struct.pack("<HHHLL", 0, 0, 0, atribut, awal) + kode_nama
            for dibuat, kepala, kode_nama, atribut, awal in pusat
        )
        akhir = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(pusat), len(pusat), len(direktori), letak, 0)
        return b"".join([*keluar, direktori, akhir])

    def _tersimpan(self, info: zipfile.ZipInfo) -> memoryview:
        """The stored bytes of an original part, after its local header, checked as a strict zip reader checks them
        (Python 3.13's zipfile): the header's signature, its name as the directory's (decoded strictly), and the
        bytes within the entry, not running into the next one or the directory (overlapping entries: a zip bomb);
        BadZipFile otherwise. A view: a large part is not copied."""
        awal = info.header_offset
        kepala = self.data[awal : awal + 30]
        if len(kepala) < 30 or kepala[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"Bad magic number for file header of {info.orig_filename!r}")
        (bendera,), (panjang_nama, panjang_ekstra) = struct.unpack("<H", kepala[6:8]), struct.unpack("<HH", kepala[26:30])
        try:
            nama = self.data[awal + 30 : awal + 30 + panjang_nama].decode("utf-8" if bendera & 0x800 else "cp437")
        except UnicodeDecodeError:
            nama = None
        if nama != info.orig_filename:
            raise zipfile.BadZipFile(f"File name in directory {info.orig_filename!r} and header differ")
        mulai = awal + 30 + panjang_nama + panjang_ekstra
        if mulai + info.compress_size > self._ujung.get(awal, len(self.data)):
            raise zipfile.BadZipFile(f"Overlapped entries: {info.orig_filename!r} (possible zip bomb)")
        return memoryview(self.data)[mulai : mulai + info.compress_size]

    def peta(self) -> dict[str, str | None]:
        """peta_lembar of this package, read once until xl/workbook.xml or its relationships are rewritten."""
        if self._peta is None:
            self._peta = peta_lembar(self.baca)
        return dict(self._peta)

    def teks(self, nama: str) -> str:
        return self.baca(nama).decode("utf-8")

    def tulis(self, nama: str, teks: str | bytes | Iterable[str | bytes]) -> None:
        """Write a part: its text or bytes, or its text in pieces (texts or UTF-8 bytes), which are compressed as
        they come so that the whole never sits in memory (a large sheet); the pieces may be read from the part's
        own content (Paket.potongan): it is replaced once they are all compressed."""
        if isinstance(teks, (str, bytes)):
            self._asli.pop(nama, None)
            self._padat.pop(nama, None)
            self._isi[nama] = teks.encode("utf-8") if isinstance(teks, str) else teks
        else:
            padat = _padatkan(t if isinstance(t, bytes) else t.encode("utf-8") for t in teks)
            self._asli.pop(nama, None)
            self._isi.pop(nama, None)
            self._padat[nama] = padat
        if nama in _PETA:
            self._peta = None
        self._ditulis.add(nama)
        if nama not in self._urutan:
            self._urutan.append(nama)

    def buang(self, nama: str) -> None:
        """Remove one part."""
        if nama in _PETA:
            self._peta = None
        self._asli.pop(nama, None)
        self._isi.pop(nama, None)
        self._padat.pop(nama, None)
        self.info.pop(nama, None)
        self._ditulis.discard(nama)
        if nama in self._urutan:
            self._urutan.remove(nama)

    def hapus(self, nama: str) -> None:
        """Remove a part, its relationships and its content type."""
        self.buang(nama)
        self.hapus_jenis(nama)
        self.buang(rels_dari(nama))

    def rels(self, nama: str) -> list[dict]:
        """Relationships of a part: Id, Type, Target (resolved to a part name unless external;
        None for a target outside the package, which nothing may read or write)."""
        r = rels_dari(nama)
        if not self.ada(r):
            return []
        hasil = []
        for e in fromstring(self.baca(r)).iter(f"{{{NS_REL}}}Relationship"):
            target, luar = e.get("Target") or "", e.get("TargetMode") == "External"
            if not luar:
                target = bagian_target(nama, target)
            hasil.append({"Id": e.get("Id"), "Type": e.get("Type"), "Target": target, "External": luar})
        return hasil

    def rujukan(self) -> dict[str, int]:
        """Part name → how many relationships of the package point at it."""
        jumlah: dict[str, int] = {}
        for r in [n for n in self._urutan if n.endswith(".rels")]:
            asal = posixpath.join(posixpath.dirname(posixpath.dirname(r)), posixpath.basename(r)[:-5])
            for x in self.rels(asal):
                if not x["External"] and x["Target"]:
                    jumlah[x["Target"]] = jumlah.get(x["Target"], 0) + 1
        return jumlah

    def tambah_relasi(self, dari: str, rid: str, jenis: str, ke: str) -> None:
        """Give part `dari` ("" for the package itself) a relationship to part `ke` (its .rels made when it has none)."""
        rels = self.teks(rels_dari(dari)) if self.ada(rels_dari(dari)) else rels_xml("")
        self.tulis(
            rels_dari(dari),
            rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{jenis}" Target="/{ke}"/></Relationships>'),
        )

    def nama_baru(self, pola: str) -> str:
        n = 1
        while self.ada(pola.format(n)):
            n += 1
        return pola.format(n)

    def jenis(self, nama: str, jenis: str) -> None:
        ct = self.teks("[Content_Types].xml")
        ct = re.sub(rf'<Override PartName="/{re.escape(nama)}"[^>]*/>', "", ct)
        self.tulis("[Content_Types].xml", ct.replace("</Types>", f'<Override PartName="/{nama}" ContentType="{jenis}"/></Types>'))

    def jenis_bagian(self, nama: str) -> str | None:
        """The content type the package declares for a part."""
        jenis = fromstring(self.baca("[Content_Types].xml"))
        for e in jenis:
            if e.get("PartName", "").lstrip("/") == nama:
                return e.get("ContentType")
        ekstensi = posixpath.splitext(nama)[1][1:].lower()
        return next((e.get("ContentType") for e in jenis if (e.get("Extension") or "").lower() == ekstensi), None)

    def hapus_jenis(self, nama: str) -> None:
        if self.ada("[Content_Types].xml"):
            self.tulis(
                "[Content_Types].xml",
                re.sub(rf'<Override PartName="/{re.escape(nama)}"[^>]*/>', "", self.teks("[Content_Types].xml")),
            )

    def lembar(self) -> dict[str, str]:
        """Sheet name → its part name; a sheet whose part lies outside the package is refused."""
        target = {r["Id"]: r for r in self.rels("xl/workbook.xml")}
        hasil = {}
        for s in fromstring(self.baca("xl/workbook.xml")).iter(f"{{{NS}}}sheet"):
            r = target.get(s.get(f"{{{NS_R}}}id"))
            if r is None or r["External"] or not r["Target"] or not self.ada(r["Target"]):
                raise CangkokError(
                    f"lembar {s.get('name')} merujuk ke bagian yang tidak ada di dalam paket "
                    f"({r['Target'] if r else 'tanpa relasi'}); berkas tidak diubah"
                )
            if r["Target"] in hasil.values():
                raise CangkokError(f"lembar {s.get('name')} berbagi bagian {r['Target']} dengan lembar lain; berkas tidak diubah")
            hasil[s.get("name")] = r["Target"]
        return hasil


def rels_xml(isi: str) -> str:
    """A relationships part holding `isi` (its <Relationship> elements)."""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{NS_REL}">{isi}</Relationships>'


def rels_dari(nama: str) -> str:
    return posixpath.join(posixpath.dirname(nama), "_rels", posixpath.basename(nama) + ".rels")
