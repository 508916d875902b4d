"""Write ikuxl's sheets into an existing workbook without touching anything else.

An openpyxl load and save loses what it does not model (shapes, x14 conditional
formats, sparklines, the customUI ribbon, xlwings Lite code, pivot caches …). So
ikuxl never saves the user's package through openpyxl: it writes its own sheets as
XML (lembar_xml) and grafts them into the original package part by part:

- the sheets ikuxl owns (Realisasi, Komponen, Ringkasan, Validasi) are replaced,
  their texts stored inline; their styles (plan.GAYA, translated by gaya.py) are
  appended to styles.xml;
- their drawings and charts are replaced by the new ones;
- ikuxl's defined names are updated, and so are the print areas and titles of every sheet
  of the plan (a sheet's own names), calcChain.xml is dropped and Excel is told to
  recalculate on open;
- the marks on cells with findings are one conditional format per sheet, recognised
  by its condition IKUXL_TANDA and replaced on every run.

Every other part of the package is copied byte for byte, as stored. Edits to shared XML parts
are made on the text, so namespace declarations and unknown extensions stay.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain
from typing import Callable, Iterator

from ..plan import LembarPlan, Plan, Rumusan, cari_lembar
from ..skema import BARIS_DATA, BARIS_KEPALA, KOMPONEN, PENGUKURAN, PERJANJIAN, REALISASI, RINGKASAN, VALIDASI, WARNA_TANDA
from ..skema import NAMA_DATA, NAMA_TANDA, PENANDATANGAN
from ..susun import NAMA_RUMUS
from ..alamat import KOLOM_MAKS, huruf_kolom, kutip_lembar, nomor_kolom, pisah_sel
from .gaya import styles_xml
from .lembar_xml import Pengguna, atribut_ox, gambar_xml, grafik_xml, lembar_xml, sel_xml, xml_ox
from .paket import NS_R, SEL_XML, CangkokError, Paket, rels_dari, rels_xml, teks_bersama, teks_sel_xml, ujung_nama

MILIK = (REALISASI, KOMPONEN, RINGKASAN, PERJANJIAN, PENGUKURAN, VALIDASI)
# the names ikuxl writes into an existing file: its tables' areas, the marks' condition, and the settings the
# formulas read that workbooks made before them lack (their cells are where ikuxl puts them)
NAMA_MILIK = {
    "Realisasi_Data",
    "Komponen_Data",
    NAMA_TANDA,
    "Batas_Bawah_Capaian",
    *NAMA_RUMUS,
    *(nama for _, _, nama in PENANDATANGAN),
}
CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
REL_SHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
REL_CALCCHAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain"
REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"
REL_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
# elements that come after conditionalFormatting in a worksheet (ECMA-376 order)
SESUDAH_CF = (
    "dataValidations",
    "hyperlinks",
    "printOptions",
    "pageMargins",
    "pageSetup",
    "headerFooter",
    "rowBreaks",
    "colBreaks",
    "customProperties",
    "cellWatches",
    "ignoredErrors",
    "smartTags",
    "drawing",
    "legacyDrawing",
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
)


# --- styles ---------------------------------------------------------------------------------------

_KOLEKSI = ("numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs")


def _elemen(teks: str, koleksi: str) -> list[str]:
    """The child elements of a collection in styles.xml, as text."""
    cocok = re.search(rf"<(\w+:)?{koleksi}\b[^>]*?(/>|>(.*?)</(\w+:)?{koleksi}>)", teks, re.S)
    if not cocok or cocok[2] == "/>":
        return []
    anak = koleksi[:-1] if koleksi != "cellXfs" else "xf"
    return re.findall(rf"<(?:\w+:)?{anak}\b(?:[^>]*/>|.*?</(?:\w+:)?{anak}>)", cocok[3], re.S)


def _tambah_ke(teks: str, koleksi: str, baru: list[str], sebelum: tuple[str, ...]) -> str:
    """Append elements to a collection of styles.xml (creating it where it is missing)."""
    if not baru:
        return teks
    cocok = re.search(rf"<((?:\w+:)?){koleksi}\b([^>]*?)(/>|>(.*?)</(?:\w+:)?{koleksi}>)", teks, re.S)
    if cocok:
        awalan, atribut, isi = cocok[1], re.sub(r'\s*count="\d+"', "", cocok[2]), cocok[4] or ""
        jumlah = len(_elemen(teks, koleksi)) + len(baru)
        ganti = f'<{awalan}{koleksi} count="{jumlah}"{atribut}>{isi}{"".join(baru)}</{awalan}{koleksi}>'
        return teks[: cocok.start()] + ganti + teks[cocok.end() :]
    blok = f'<{koleksi} count="{len(baru)}">{"".join(baru)}</{koleksi}>'
    for s in sebelum:
        m = re.search(rf"<(\w+:)?{s}\b", teks)
        if m:
            return teks[: m.start()] + blok + teks[m.start() :]
    return re.sub(r"</(\w+:)?styleSheet>", lambda m: blok + m[0], teks)


class _Gaya:
    """Copies the styles ikuxl's sheets use from the scratch workbook into the original."""

    URUTAN = (
        "numFmts",
        "fonts",
        "fills",
        "borders",
        "cellStyleXfs",
        "cellXfs",
        "cellStyles",
        "dxfs",
        "tableStyles",
        "colors",
        "extLst",
    )

    def __init__(self, asli: str, sumber: str):
        self.asli, self.sumber = asli, sumber
        self.el_sumber = {k: _elemen(sumber, k) for k in _KOLEKSI}
        self.el_asli = {k: _elemen(asli, k) for k in _KOLEKSI}
        self.baru: dict[str, list[str]] = {k: [] for k in _KOLEKSI}
        self.peta: dict[tuple[str, int], int] = {}
        self.fmt_asli = {m[1]: m[0] for m in re.findall(r'numFmtId="(\d+)" formatCode="([^"]*)"', asli)}
        self.fmt_sumber = {m[0]: m[1] for m in re.findall(r'numFmtId="(\d+)" formatCode="([^"]*)"', sumber)}
        ids = [int(i) for i in self.fmt_asli.values()]
        self.fmt_berikut = max([163, *ids]) + 1

    def _salin(self, koleksi: str, i: int, isi: str | None = None) -> int:
        kunci = (koleksi, i)
        if kunci in self.peta:
            return self.peta[kunci]
        isi = isi if isi is not None else self.el_sumber[koleksi][i]
        semua = self.el_asli[koleksi] + self.baru[koleksi]
        if isi in semua:
            hasil = semua.index(isi)
        else:
            self.baru[koleksi].append(isi)
            hasil = len(semua)
        self.peta[kunci] = hasil
        return hasil

    def xf(self, i: int) -> int:
        if ("cellXfs", i) in self.peta:
            return self.peta[("cellXfs", i)]
        isi = self.el_sumber["cellXfs"][i]
        for atribut, koleksi in (("fontId", "fonts"), ("fillId", "fills"), ("borderId", "borders")):
            isi = re.sub(rf'{atribut}="(\d+)"', lambda m: f'{atribut}="{self._salin(koleksi, int(m[1]))}"', isi)
        isi = re.sub(r'numFmtId="(\d+)"', lambda m: f'numFmtId="{self.numfmt(m[1])}"', isi)
        isi = re.sub(r'xfId="\d+"', 'xfId="0"', isi)
        return self._salin("cellXfs", i, isi)

    def numfmt(self, i: str) -> str:
        if int(i) < 164:
            return i
        kode = self.fmt_sumber[i]
        if kode not in self.fmt_asli:
            self.fmt_asli[kode] = str(self.fmt_berikut)
            self.baru["numFmts"].append(f'<numFmt numFmtId="{self.fmt_berikut}" formatCode="{kode}"/>')
            self.fmt_berikut += 1
        return self.fmt_asli[kode]

    def dxf(self, isi: str) -> int:
        semua = self.el_asli["dxfs"] + self.baru["dxfs"]
        if isi not in semua:
            self.baru["dxfs"].append(isi)
            semua.append(isi)
        return semua.index(isi)

    def hasil(self) -> str:
        teks = self.asli
        for k in _KOLEKSI:
            teks = _tambah_ke(teks, k, self.baru[k], self.URUTAN[self.URUTAN.index(k) + 1 :])
        return teks


# --- sheets ---------------------------------------------------------------------------------------


def _buang_milik_lama(p: Paket, bagian: str, rujukan: dict[str, int], dilihat: set[str]) -> None:
    """Drop what hangs off an owned sheet (drawings, charts and their styles): it was ikuxl's.
    A part something else also refers to (a picture stored once for two sheets, a part a crafted
    relationship names) stays, and so does what `dilihat` holds at first (the users' comments)."""
    for r in p.rels(bagian):
        t = r["Target"]
        if not r["External"] and t and t not in dilihat and p.ada(t) and rujukan.get(t, 0) <= 1:
            dilihat.add(t)
            _buang_milik_lama(p, t, rujukan, dilihat)
            p.hapus(t)
    p.buang(rels_dari(bagian))


# --- what users add on ikuxl's sheets -------------------------------------------------------------

KUNCI_BARIS = {REALISASI: (1,), KOMPONEN: (1, 3)}  # the columns that name a row: Kode; Kode and Komponen
REL_CATATAN = ("/comments", "/vmlDrawing", "/threadedComment")


def _catatan(r: dict) -> bool:
    return not r["External"] and bool(r["Target"]) and r["Type"].endswith(REL_CATATAN)


def _pengguna(p: Paket, bagian: str, lp: LembarPlan, xf: dict) -> tuple[Pengguna, list[dict]]:
    """What users added on an owned sheet, placed on the sheet about to be written, and the
    relationships kept for it: comments and drawings; on Realisasi and Komponen also the cells right
    of and below ikuxl's table, their column widths, merged cells and conditional formats, and the
    styles they gave input cells. A row of the table is known by the Kode (and Komponen) it shows: what users
    put beside it follows it when rows move; beside a row whose indicator is gone, it goes below the table."""
    # a drawing is the users' (pictures, shapes, their charts) on a sheet where ikuxl draws no charts
    dijaga = [
        r
        for r in p.rels(bagian)
        if (_catatan(r) or not lp.grafik and r["Type"] == REL_DRAWING and not r["External"] and r["Target"])
        and p.ada(r["Target"])
    ]
    hasil = Pengguna()
    akhir = lp.baris_akhir()
    pindah = dict[int, int]()
    kanan = _kolom_tetap
    if lp.nama in KUNCI_BARIS:
        area, lebar_tabel = ujung_nama(p, NAMA_DATA[lp.nama]), max(lp.kolom_ada(), default=0)
        kolom_akhir, baris_akhir = (nomor_kolom(area[0]), area[1]) if area else (lebar_tabel, akhir)
        kanan = _ke_kanan(kolom_akhir, lebar_tabel)
        bersama = lru_cache(None)(lambda: teks_bersama(p))
        kunci = KUNCI_BARIS[lp.nama]
        # of the old cells, only those that matter here: the ones that name a row, users' cells beyond the
        # table, and cells of the columns with input cells (ikuxl's own cells are written anew)
        perlu = frozenset({*kunci, *lp.kolom_ada("input")})
        pilihan = _sel_pilihan(perlu, kolom_akhir, baris_akhir)
        # sel_lama: the cells read whole (those that name a row, users' cells beyond the table), gaya_lama: the style
        # of the rest (input cells), from their start tag; nomor: a column's letters (bytes) → its number
        sel_lama, gaya_lama, ekor, nomor = {}, {}, None, {}
        # the cells are found in the bytes, piece by piece: a large sheet (20,000 indicators: 170 MB) is never held
        # whole; what lies outside sheetData (users' merged cells, formats, columns) is kept to read as text
        for n, data in enumerate(p.potongan(bagian)):
            if n == 0:
                awal = data.find(b"<sheetData")
                kepala = data[:awal]
            ujung = data.rfind(b"</sheetData>")
            if ujung >= 0 and (n or ujung > awal):
                ekor = data[ujung:]
            for m in pilihan.finditer(data):
                h = m[1]
                c = nomor.get(h) or nomor.setdefault(h, nomor_kolom(h.decode()))
                r = int(m[2])
                if c > kolom_akhir or r > baris_akhir or c in kunci:
                    sel = SEL_XML.match(data, m.start())
                    if sel is None:  # not a whole cell (as paket.sel_beralamat passes it over)
                        continue
                    sel_lama[(r, c)] = sel[0].decode("utf-8")
                    if c > kolom_akhir or r > baris_akhir:
                        continue
                elif c not in perlu:
                    continue
                s = _GAYA_SEL.search(data, m.start(), m.end())
                gaya_lama[(r, c)] = int(s[1]) if s else 0
        xml = (kepala + ekor if awal >= 0 and ekor is not None else p.baca(bagian, simpan=False)).decode("utf-8")
        tampak = _tampak(lp, kunci, akhir)
        baru = {tampak[r]: r for r in range(BARIS_DATA, akhir + 1)}
        yatim, dipakai = akhir, set()
        for r in range(BARIS_DATA, baris_akhir + 1):
            nama = []
            for k in kunci:
                v = teks_sel_xml(sel_lama.get((r, k)), bersama)
                if v is not None:
                    nama.append(v)
            nama = tuple(nama)
            # a row that shows no Kode (a prepared row of Realisasi, or formulas a program without a calculation
            # engine saved uncomputed) is the mirror of IKU's row of the same number: it stays, as does one that
            # shows what its row shows again (two rows of one Kode among them)
            tetap = r <= akhir and (not any(nama) or tampak[r] == nama)
            tujuan = r if tetap else baru.get(nama) if any(nama) else None
            if tujuan is None or tujuan in dipakai:  # never two rows onto one: the later goes below the table
                yatim += 1
                tujuan = yatim
            pindah[r] = tujuan
            dipakai.add(tujuan)
        geser = yatim - baris_akhir
        for (r, c), sel in sel_lama.items():
            if c > kolom_akhir or r > baris_akhir:
                r_baru, c_baru = r if r < BARIS_DATA else pindah.get(r, r + geser), kanan(c)
                if c_baru > KOLOM_MAKS:
                    raise CangkokError(
                        f"lembar {lp.nama}: isian pengguna di sel {huruf_kolom(c)}{r} harus bergeser ke kanan karena "
                        "tabel ikuxl bertambah kolom, tetapi sudah di tepi kanan lembar; pindahkan isian itu lalu "
                        "ulangi. Berkas tidak diubah"
                    )
                if (r_baru, c_baru) in lp.sel:
                    raise CangkokError(
                        f"lembar {lp.nama}: isian pengguna di sel {huruf_kolom(c)}{r} bertumpuk "
                        "dengan tabel ikuxl; pindahkan isian itu lalu ulangi. Berkas tidak diubah"
                    )
                hasil.sel[(r_baru, c_baru)] = re.sub(r'\br="[A-Z]+\d+"', f'r="{huruf_kolom(c_baru)}{r_baru}"', sel, count=1)
        masukan = lp.format_gaya("input")  # ikuxl's input cells, with their number format
        xf_masukan = {f: xf[("input", f)] for f in set(masukan.values())}
        for (r, c), s in gaya_lama.items():
            k = (r, c) if r < BARIS_DATA else (pindah.get(r, r + geser), c)
            f = masukan.get(k, masukan)  # masukan itself: no input cell there
            if f is not masukan and s != xf_masukan[f]:
                hasil.gaya[k] = s  # a fill or format the user gave an input cell
        for r in range(baris_akhir + 1, max((r for r, _ in sel_lama), default=0) + 1):
            pindah[r] = r + geser
        hasil.gabung, hasil.tata = _tata_pengguna(lp, xml, pindah, kanan)
        hasil.kolom = _lebar_pengguna(xml, max(lp.lebar, default=0), kanan)
    for r in dijaga:
        if r["Type"].endswith("/vmlDrawing"):
            hasil.catatan = r["Id"]
        if r["Type"] == REL_DRAWING:
            hasil.gambar = r["Id"]
            continue  # anchored by cell too, but a picture beside the table stays where it was put
        if pindah and any(a != b for a, b in pindah.items()) or kanan is not _kolom_tetap:
            _pindah_catatan(p, r["Target"], pindah, kanan)
    return hasil, dijaga


def _kolom_tetap(c: int) -> int:
    """A column of the users' where it was: the file's table is as wide as today's (_ke_kanan)."""
    return c


def _ke_kanan(kolom_akhir: int, lebar_tabel: int) -> Callable[[int], int]:
    """Where a column of the users' goes: the file's table ends at `kolom_akhir`, today's at `lebar_tabel`. Columns a
    later release added to the table (last, so none of its own moved) take the place of what users put right of the
    old one; all that moves right as many, so it stays right of the table, in its order."""
    tambah = lebar_tabel - kolom_akhir
    if tambah <= 0:
        return _kolom_tetap
    return lambda c: c + tambah if c > kolom_akhir else c


def _lebar_pengguna(xml: str, lebar: int, kanan: Callable[[int], int]) -> str:
    """The users' column widths (`<col>` right of ikuxl's, which end at `lebar`), moved as their cells are; cut at
    the sheet's right edge."""
    hasil = []
    for m in re.finditer(r"<col\b[^>]*/>", xml):
        a, b = (int(x[1]) if x else 0 for x in (re.search(rf'\b{k}="(\d+)"', m[0]) for k in ("min", "max")))
        baru = {"min": kanan(a), "max": min(kanan(b), KOLOM_MAKS)}
        if lebar < baru["min"] <= KOLOM_MAKS:
            geser = baru != {"min": a, "max": b}
            hasil.append(re.sub(r'\b(min|max)="\d+"', lambda x: f'{x[1]}="{baru[x[1]]}"', m[0]) if geser else m[0])
    return "".join(hasil)


_GAYA_SEL = re.compile(rb'\bs="(\d+)"')  # a cell's style, in its start tag


def _tampak(lp: LembarPlan, kunci: tuple[int, ...], akhir: int) -> list[tuple[str, ...]]:
    """What the cells of columns `kunci` show on each row 0..akhir of the sheet about to be written (str of each
    cell's value, a row's cells without one left out): a block's rows read from its rows of values."""
    blok = lp.blok
    if blok is None:
        return [tuple(str(x[2]) for x in (lp.gaya_nilai(r, k) for k in kunci) if x is not None) for r in range(akhir + 1)]
    hasil = []
    lain, awal, isi, kosong = blok.lain, blok.awal, blok.isi, blok.kosong
    for r in range(akhir + 1):
        if r < awal or r > blok.akhir or any((r, k) in lain for k in kunci):
            hasil.append(tuple(str(x[2]) for x in (lp.gaya_nilai(r, k) for k in kunci) if x is not None))
            continue
        b, gaya = isi[r - awal] or kosong, blok.tata(r)[0]
        nilai = []
        for k in kunci:
            if k <= blok.lebar and gaya[k - 1] is not None:
                x = b[k - 1]
                nilai.append(str(x.nilai if type(x) is Rumusan else x))
        hasil.append(tuple(nilai))
    return hasil


def _lebih_dari(teks: str, abjad: str) -> str:
    """A regular expression for the strings over `abjad` (in order) that come after `teks`, a longer string
    counting as greater (as column letters and row numbers do); a leading zero reads as greater: a superset."""
    semua = f"[{abjad[0]}-{abjad[-1]}]"
    pilihan = [f"{semua}{{{len(teks) + 1},}}"]
    for i, h in enumerate(teks):
        sesudah = abjad[abjad.index(h) + 1 :]
        if sesudah:
            sisa = f"{semua}{{{len(teks) - i - 1}}}" if i < len(teks) - 1 else ""
            pilihan.append(f"{re.escape(teks[:i])}[{sesudah[0]}-{sesudah[-1]}]{sisa}")
    return "|".join(pilihan)


@lru_cache(maxsize=64)
def _sel_pilihan(kolom: frozenset[int], kolom_akhir: int, baris_akhir: int) -> re.Pattern:
    """The address (paket.sel_beralamat) of a cell of the columns `kolom`, right of `kolom_akhir` or below
    `baris_akhir`, or a few more (the caller checks each): the table's other cells are passed over in C."""
    huruf = "|".join(sorted((huruf_kolom(c) for c in kolom), key=len, reverse=True)) or "(?!)"
    kanan = _lebih_dari(huruf_kolom(kolom_akhir), "ABCDEFGHIJKLMNOPQRSTUVWXYZ") if kolom_akhir else "[A-Z]+"
    bawah = _lebih_dari(str(baris_akhir), "0123456789")
    # the start tag to its first r (paket.SEL_XML's: the cell's own address), once: most tags fail at their address
    return re.compile(
        rf'<c[ \t\r\n](?>[^>]*?\br=")((?:{huruf})(?=\d)|(?:{kanan})(?=\d)|[A-Z]++(?=(?:{bawah})"))(\d+)"[^>]*+>'.encode()
    )


def _bertumpuk(lp: LembarPlan, r1: int, c1: int, r2: int, c2: int) -> bool:
    """Whether ikuxl's table has a cell in rows r1..r2, columns c1..c2 (a block: by its bounds, not cell by cell)."""
    blok = lp.blok
    if blok and r1 <= blok.akhir and blok.awal <= r2 and c1 <= blok.lebar:
        return True
    return any(r1 <= r <= r2 and c1 <= c <= c2 for r, c in lp.sel_lepas())


def _tata_pengguna(lp: LembarPlan, xml: str, pindah: dict[int, int], kanan: Callable[[int], int]) -> tuple[list[str], str]:
    """The users' merged cells and conditional formats on an owned sheet (ikuxl writes neither, but
    its marks and the merged title block above the table), moved with their rows and columns (`kanan`:
    _ke_kanan); one that cannot follow its rows whole is refused."""

    def geser(ref: str) -> str:
        hasil = []
        for bagian in ref.split():
            sel = [pisah_sel(x) for x in bagian.replace("$", "").split(":")]
            baru = [(_huruf_kanan(h, kanan), pindah.get(r, r)) for h, r in sel]
            if baru[-1][1] - baru[0][1] != sel[-1][1] - sel[0][1]:
                raise CangkokError(
                    f"lembar {lp.nama}: format atau gabungan sel {bagian} buatan pengguna melintasi baris "
                    "indikator yang berpindah; pisahkan per baris lalu ulangi. Berkas tidak diubah"
                )
            hasil.append(":".join(f"{h}{r}" for h, r in baru))
        return " ".join(hasil)

    gabung = [
        geser(m[1])
        for m in re.finditer(r'<mergeCell\b[^>]*\bref="([^"]+)"', xml)
        if pisah_sel(m[1].split(":")[-1])[1] >= BARIS_KEPALA
    ]  # above: ikuxl's title block
    for ref in gabung:
        (c1, r1), (c2, r2) = [(nomor_kolom(h), r) for h, r in map(pisah_sel, (ref.split(":") * 2)[:2])]
        if _bertumpuk(lp, r1, c1, r2, c2):
            raise CangkokError(
                f"lembar {lp.nama}: gabungan sel {ref} buatan pengguna bertumpuk dengan tabel ikuxl; "
                "batalkan gabungan itu lalu ulangi. Berkas tidak diubah"
            )
    blok = "".join(
        re.sub(r'\bsqref="([^"]+)"', lambda m: f'sqref="{geser(m[1])}"', m[0], count=1)
        for m in re.finditer(r"<conditionalFormatting\b.*?</conditionalFormatting>", xml, re.S)
        if NAMA_TANDA not in m[0]
    )
    return gabung, blok


def _huruf_kanan(huruf: str, kanan: Callable[[int], int]) -> str:
    return huruf if kanan is _kolom_tetap else huruf_kolom(min(kanan(nomor_kolom(huruf)), KOLOM_MAKS))


def _pindah_catatan(p: Paket, bagian: str, pindah: dict[int, int], kanan: Callable[[int], int]) -> None:
    """Move comments with the cells they are on (`pindah`: old row → new row; `kanan`: _ke_kanan)."""
    teks = p.teks(bagian)
    baru = re.sub(
        r'(\bref=")([A-Z]+)(\d+)"', lambda m: f'{m[1]}{_huruf_kanan(m[2], kanan)}{pindah.get(int(m[3]), int(m[3]))}"', teks
    )
    # the VML anchor, 0-based, its prefix as the writer chose (Excel: x:, openpyxl: ns2:)
    baru = re.sub(r"(<(?:\w+:)?Row>)(\d+)(</)", lambda m: f"{m[1]}{pindah.get(int(m[2]) + 1, int(m[2]) + 1) - 1}{m[3]}", baru)
    baru = re.sub(r"(<(?:\w+:)?Column>)(\d+)(</)", lambda m: f"{m[1]}{kanan(int(m[2]) + 1) - 1}{m[3]}", baru)
    if baru != teks:
        p.tulis(bagian, baru)


def _tambah_lembar(p: Paket, nama: str) -> str:
    """Add an empty sheet to the workbook (an owned sheet the file lacks); returns its part name."""
    bagian = p.nama_baru("xl/worksheets/sheet{}.xml")
    rid = max([int(i) for i in re.findall(r'Id="rId(\d+)"', p.teks("xl/_rels/workbook.xml.rels"))] + [0]) + 1
    p.tambah_relasi("xl/workbook.xml", f"rId{rid}", REL_SHEET, bagian)
    wb = p.teks("xl/workbook.xml")
    sheet_id = max([int(i) for i in re.findall(r'sheetId="(\d+)"', wb)] + [0]) + 1
    awalan = re.search(r"<(\w+:)?sheets\b", wb)[1] or ""
    wb = re.sub(
        rf"</{re.escape(awalan)}sheets>",
        f'<{awalan}sheet name={atribut_ox(nama)} sheetId="{sheet_id}" r:id="rId{rid}" xmlns:r="{NS_R}"/></{awalan}sheets>',
        wb,
        count=1,
    )
    p.tulis("xl/workbook.xml", wb)
    p.jenis(bagian, CT_SHEET)
    return bagian


# --- workbook.xml ---------------------------------------------------------------------------------


def _nama(p: Paket, nama: dict[str, str], lokal: dict[tuple[str, int], str]) -> None:
    """The workbook's names (`nama`) and the sheets' own (`lokal`: (name, the sheet's position) → reference)
    written into workbook.xml, each replacing the one of that name and scope."""
    wb = p.teks("xl/workbook.xml")
    awalan = re.search(r"<(\w+:)?workbook\b", wb)[1] or ""
    wb = _tulis_nama(wb, awalan, [*(((n, None), r) for n, r in nama.items()), *lokal.items()])
    # the formulas changed: Excel must recalculate on open and rebuild its calculation chain
    if re.search(rf"<{re.escape(awalan)}calcPr\b", wb):
        wb = re.sub(
            rf"<{re.escape(awalan)}calcPr\b([^>]*?)(/?)>",
            lambda m: f'<{awalan}calcPr{re.sub(r" fullCalcOnLoad=.[^ /]*", "", m[1])} fullCalcOnLoad="1"{m[2]}>',
            wb,
            count=1,
        )
    else:
        wb = re.sub(
            rf"(</{re.escape(awalan)}definedNames>|</{re.escape(awalan)}sheets>)(?!.*</{re.escape(awalan)}definedNames>)",
            lambda m: m[0] + f'<{awalan}calcPr fullCalcOnLoad="1"/>',
            wb,
            count=1,
            flags=re.S,
        )
    p.tulis("xl/workbook.xml", wb)
    for r in p.rels("xl/workbook.xml"):
        if r["Type"] == REL_CALCCHAIN:
            p.hapus(r["Target"])
            rels = re.sub(rf'<Relationship [^>]*Id="{r["Id"]}"[^>]*/>', "", p.teks("xl/_rels/workbook.xml.rels"))
            p.tulis("xl/_rels/workbook.xml.rels", rels)


def _tulis_nama(wb: str, awalan: str, nama: list[tuple[tuple[str, int | None], str]]) -> str:
    """workbook.xml with each name ((name, None): the workbook's scope; (name, i): the sheet's at position i) holding
    its reference. An existing one (Excel compares names regardless of case) keeps its attributes (hidden, a
    comment, LibreOffice's function=); new ones go at the end of definedNames, whose order means nothing."""
    a = re.escape(awalan)
    baru = {}  # (name casefolded, scope attribute) → (name, scope attribute, reference), in the order given
    for (n, i), ref in nama:
        lingkup = "" if i is None else f' localSheetId="{i}"'
        baru[(n.casefold(), lingkup)] = (n, lingkup, ref)

    def ganti(m: re.Match) -> str:
        # any attribute order: LibreOffice writes function= and hidden= before name=
        n, i = (re.search(rf"""\s{x}=(["'])(.*?)\1""", m[1]) for x in ("name", "localSheetId"))
        kunci = (n[2].casefold(), f' localSheetId="{i[2]}"' if i else "") if n else None
        if kunci not in baru:
            return m[0]
        return f"<{awalan}definedName{m[1]}>{xml_ox(baru.pop(kunci)[2])}</{awalan}definedName>"

    wb = re.sub(rf"<{a}definedName\b([^>]*?)(?:/>|>.*?</{a}definedName>)", ganti, wb, flags=re.S)
    if not baru:
        return wb
    elemen = "".join(f'<{awalan}definedName name="{n}"{l}>{xml_ox(ref)}</{awalan}definedName>' for n, l, ref in baru.values())
    wb = re.sub(rf"<{a}definedNames\s*/>", f"<{awalan}definedNames></{awalan}definedNames>", wb, count=1)
    if re.search(rf"</{a}definedNames>", wb):
        return wb.replace(f"</{awalan}definedNames>", elemen + f"</{awalan}definedNames>", 1)
    return re.sub(rf"</{a}sheets>", lambda m: m[0] + f"<{awalan}definedNames>{elemen}</{awalan}definedNames>", wb, count=1)


def _nama_cetak(lp: LembarPlan) -> dict[str, str]:
    """A sheet's print area and the rows and columns repeated on every printed page, as its own names hold
    them; the titles rows first, as openpyxl writes them: 'IKU'!$4:$4,'IKU'!$A:$A."""
    judul = ",".join(
        f"{kutip_lembar(lp.nama)}!${a}:${b}" for a, b in (x.split(":") for x in (lp.baris_cetak, lp.kolom_cetak) if x)
    )
    return {k: v for k, v in (("_xlnm.Print_Area", lp.area_cetak), ("_xlnm.Print_Titles", judul)) if v}


# --- cells put into a sheet that is not rewritten -------------------------------------------------


def tulis_isian(xml: str, isian: dict[tuple[int, int], object], awalan: str | None = None) -> str:
    """A sheet's XML with these cells holding these values, each keeping its style; every other byte as it was.
    `awalan`: the sheet's namespace prefix, where `xml` is a piece of it holding the rows of these cells (or the
    rows below them, or the end of the rows: _lembar_staf)."""
    awalan = _awalan(xml) if awalan is None else awalan
    a = re.escape(awalan)
    if re.search(rf"<{a}sheetData\s*/>", xml):
        xml = re.sub(rf"<{a}sheetData\s*/>", f"<{awalan}sheetData></{awalan}sheetData>", xml, count=1)
    for (r, c), nilai in sorted(isian.items()):
        ref = f"{huruf_kolom(c)}{r}"
        baris = re.search(rf'<{a}row\b[^>]*?\sr="{r}"[^>]*?(/>|>.*?</{a}row>)', xml, re.S)
        if baris is None:  # a new row, before the first one below it
            lanjut = next((m for m in re.finditer(rf'<{a}row\b[^>]*?\sr="(\d+)"', xml) if int(m[1]) > r), None)
            tempat = lanjut.start() if lanjut else xml.index(f"</{awalan}sheetData>")
            xml = xml[:tempat] + f'<{awalan}row r="{r}">{_sel_baru(ref, nilai, None, awalan)}</{awalan}row>' + xml[tempat:]
            continue
        teks = baris[0]
        buka = re.sub(r'\sspans="[^"]*"', "", teks[: teks.index(">") + 1])  # the cells it spans change
        isi = "" if baris[1] == "/>" else teks[teks.index(">") + 1 : -len(f"</{awalan}row>")]
        if buka.endswith("/>"):
            buka = buka[:-2] + ">"
        lama = re.search(rf'<{a}c\b[^>]*?\sr="{ref}"[^>]*?(?:/>|>.*?</{a}c>)', isi, re.S)
        if lama:
            s = re.search(r'\ss="(\d+)"', lama[0].split(">", 1)[0])
            isi = isi[: lama.start()] + _sel_baru(ref, nilai, s[1] if s else None, awalan) + isi[lama.end() :]
        else:
            sesudah = next(
                (m.start() for m in re.finditer(rf'<{a}c\b[^>]*?\sr="([A-Z]+)\d+"', isi) if nomor_kolom(m[1]) > c), len(isi)
            )
            isi = isi[:sesudah] + _sel_baru(ref, nilai, None, awalan) + isi[sesudah:]
        xml = xml[: baris.start()] + buka + isi + f"</{awalan}row>" + xml[baris.end() :]
    return xml


def _sel_baru(ref: str, nilai: object, s: str | None, awalan: str) -> str:
    sel = sel_xml(ref, 0, nilai)
    sel = sel.replace(' s="0"', f' s="{s}"' if s else "", 1)
    return re.sub(r"<(/?)(c|v|is|t)\b", lambda m: f"<{m[1]}{awalan}{m[2]}", sel) if awalan else sel


# --- marks ----------------------------------------------------------------------------------------

_CF_LAMA = re.compile(
    rf"<(\w+:)?conditionalFormatting\b[^>]*>(?:(?!</(?:\w+:)?conditionalFormatting>).)*?{NAMA_TANDA}"
    rf".*?</(?:\w+:)?conditionalFormatting>",
    re.S,
)


def tandai(xml: str, tanda: dict[str, str], gaya: _Gaya, awalan: str | None = None) -> str:
    """Replace ikuxl's marks in a sheet's XML: its earlier ones go, the current ones come. `awalan`: the sheet's
    namespace prefix, where `xml` is the last piece of it (from its rows' end on: _lembar_staf)."""
    if NAMA_TANDA in xml:
        xml = _CF_LAMA.sub("", xml)
    if awalan is None:
        awalan = _awalan(xml)
    blok = blok_tanda(tanda, gaya, awalan)
    if not blok:
        return xml
    for e in SESUDAH_CF:
        m = re.search(rf"<{re.escape(awalan)}{e}\b", xml)
        if m:
            return xml[: m.start()] + blok + xml[m.start() :]
    return xml.replace(f"</{awalan}worksheet>", blok + f"</{awalan}worksheet>")


def _awalan(xml: str) -> str:
    """A worksheet's namespace prefix ("" or "x:"), from the start of its XML."""
    return re.search(r"<(\w+:)?worksheet\b", xml)[1] or ""


class _BarisTakUrut(Exception):
    """A sheet whose rows are not numbered in ascending order (no program writes one): edited whole."""


def _lembar_staf(
    p: Paket, bagian: str, isian: dict[tuple[int, int], object], tanda: dict[str, str], gaya: _Gaya
) -> Iterator[str | bytes]:
    """A staff sheet with these cells put in and ikuxl's marks replaced, piece by piece as Paket.potongan cuts it
    (IKU of 20,000 indicators: 45 MB of XML, never held whole): a cell goes into the piece that holds its row or
    the rows around it; the marks, like every conditional format, come after the rows, in the last piece."""
    sisa, lalu = sorted(isian.items()), 0
    potongan = p.potongan(bagian)
    data = next(potongan)
    awalan = _awalan(data.decode("utf-8"))
    nomor_baris = re.compile(rf'<{re.escape(awalan)}row\b[^>]*?\sr="(\d+)"'.encode())
    for berikut in chain(potongan, [None]):  # None: `data` is the last piece
        nomor = [int(r) for r in nomor_baris.findall(data)]
        if any(b <= a for a, b in zip([lalu, *nomor], nomor)) or (berikut is not None and not nomor):
            raise _BarisTakUrut
        lalu = nomor[-1] if nomor else lalu
        n = len(sisa) if berikut is None else sum(1 for (r, _), _ in sisa if r <= lalu)
        di_sini, sisa = dict(sisa[:n]), sisa[n:]
        if di_sini or berikut is None:
            xml = tulis_isian(data.decode("utf-8"), di_sini, awalan) if di_sini else data.decode("utf-8")
            yield xml if berikut is not None else tandai(xml, tanda, gaya, awalan)
        else:
            yield data
        data = berikut


def blok_tanda(tanda: dict[str, str], gaya: _Gaya, awalan: str = "") -> str:
    """ikuxl's marks as conditional formats: one per severity, always true (NAMA_TANDA), over the cells."""
    blok = ""
    for prioritas, (tingkat, (isian, huruf)) in enumerate(WARNA_TANDA.items(), start=9001):
        sel = sorted(k for k, t in tanda.items() if t == tingkat)
        if not sel:
            continue
        dxf = gaya.dxf(
            f'<dxf><font><color rgb="FF{huruf}"/></font><fill><patternFill patternType="solid">'
            f'<fgColor rgb="FF{isian}"/><bgColor rgb="FF{isian}"/></patternFill></fill></dxf>'
        )
        blok += (
            f'<{awalan}conditionalFormatting sqref="{" ".join(sel)}"><{awalan}cfRule type="expression" dxfId="{dxf}" '
            f'priority="{prioritas}"><{awalan}formula>{NAMA_TANDA}</{awalan}formula></{awalan}cfRule>'
            f"</{awalan}conditionalFormatting>"
        )
    return blok


# --- the whole graft ------------------------------------------------------------------------------


def cangkok(asli: bytes | Paket, plan: Plan, milik: tuple[str, ...] | list[str] = MILIK) -> bytes:
    """The original package (its bytes, or the Paket they were read into) with ikuxl's sheets (`milik`), names and marks from the plan. A
    package too damaged to be edited safely gives CangkokError, and nothing is written."""
    try:
        return _cangkok(asli, plan, milik)
    except CangkokError:
        raise
    except Exception as e:  # noqa: BLE001 - any failure inside a damaged package means: do not write
        raise CangkokError(f"paket rusak, tidak dapat ditulis ulang dengan aman ({type(e).__name__}: {e})") from None


def _cangkok(asli: bytes | Paket, plan: Plan, nama_milik: tuple[str, ...] | list[str]) -> bytes:
    p = asli if isinstance(asli, Paket) else Paket(asli)
    # and every name into a sheet rewritten whole (an upgraded workbook's IKU and Referensi)
    milik = Plan(
        [plan[n] for n in nama_milik],
        {
            k: v
            for k, v in plan.nama.items()
            if k in NAMA_MILIK or k.startswith("Cetak_") or v.split("!")[0].strip("'") in nama_milik
        },  # Cetak_…: every sheet's printed rows, the staff's sheets' too (their print areas are set at every run)
    )
    gaya_path = next(r["Target"] for r in p.rels("xl/workbook.xml") if r["Type"].endswith("/styles"))
    gaya_s, xf_contoh = styles_xml(tuple(sorted(set().union(*(l.gaya_ada() for l in milik.lembar)), key=str)))
    gaya = _Gaya(p.teks(gaya_path), gaya_s)
    xf = {k: gaya.xf(i) for k, i in xf_contoh.items()}
    lembar_p, rujukan = p.lembar(), p.rujukan()
    for lp in milik.lembar:
        nama = cari_lembar(lembar_p, lp.nama)
        if nama and (rujukan.get(lembar_p[nama], 0) != 1 or p.jenis_bagian(lembar_p[nama]) != CT_SHEET):
            raise CangkokError(f"lembar {nama} berbagi bagian {lembar_p[nama]} dengan bagian lain paket; berkas tidak diubah")
        bagian = lembar_p[nama] if nama else _tambah_lembar(p, lp.nama)
        pengguna, dijaga = _pengguna(p, bagian, lp, xf)
        _buang_milik_lama(p, bagian, rujukan, {r["Target"] for r in dijaga})
        for r in dijaga:
            p.tambah_relasi(bagian, r["Id"], r["Type"], r["Target"])
        p.tulis(
            bagian, lembar_xml(lp, xf, _tambah_grafik(p, bagian, lp) if lp.grafik else None, blok_tanda(lp.tanda, gaya), pengguna)
        )
    for lp in plan.lembar:
        nama = cari_lembar(lembar_p, lp.nama)
        if lp.nama in nama_milik or not nama:
            continue
        # a staff sheet (IKU: 45 MB of XML for 20,000 indicators) gets its moved values and marks piece by piece
        bagian = lembar_p[nama]
        if lp.isian or lp.tanda or any(NAMA_TANDA.encode() in x for x in p.potongan(bagian)):
            try:
                p.tulis(bagian, _lembar_staf(p, bagian, lp.isian, lp.tanda, gaya))
            except _BarisTakUrut:
                xml = tulis_isian(p.baca(bagian, simpan=False).decode("utf-8"), lp.isian)
                p.tulis(bagian, (tandai(xml, lp.tanda, gaya),))
    p.tulis(gaya_path, gaya.hasil())
    # every sheet of the plan that the file has gets its print area and titles back (an openpyxl save drops
    # a print area that is a formula); a sheet's own name is known by its position among the sheets
    urutan, cetak = list(p.lembar()), {}
    for lp in plan.lembar:
        nama = cari_lembar(urutan, lp.nama)
        if nama:
            cetak.update({(n, urutan.index(nama)): ref for n, ref in _nama_cetak(lp).items()})
    _nama(p, milik.nama, cetak)
    return p.simpan()


RID_GAMBAR = "rIdIkuxlGambar"  # the sheet's relationship to the drawing of ikuxl's charts


def _tambah_grafik(p: Paket, bagian: str, lp: LembarPlan) -> str:
    """Add the drawing with the sheet's charts and the sheet's relationship to it (RID_GAMBAR)."""
    gambar = p.nama_baru("xl/drawings/drawing_ikuxl{}.xml")
    rels = []
    for n, g in enumerate(lp.grafik, start=1):
        grafik = p.nama_baru("xl/charts/chart_ikuxl{}.xml")
        p.tulis(grafik, grafik_xml(g, lp.nama))
        p.jenis(grafik, CT_CHART)
        rels.append(f'<Relationship Id="rId{n}" Type="{REL_CHART}" Target="/{grafik}"/>')
    p.tulis(gambar, gambar_xml(lp.grafik))
    p.jenis(gambar, CT_DRAWING)
    p.tulis(rels_dari(gambar), rels_xml("".join(rels)))
    p.tambah_relasi(bagian, RID_GAMBAR, REL_DRAWING, gambar)
    return RID_GAMBAR
