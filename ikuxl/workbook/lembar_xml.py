"""A worksheet's XML written straight from a LembarPlan (every sheet of a new workbook,
ikuxl's own sheets in a workbook it recalculates), and the drawing and chart parts of
its bar charts.

openpyxl builds an object per cell and then serialises it; ikuxl writes the XML text
itself (about ten times faster, a fraction of the memory). Styles come as xf indices
from the caller; everything else a sheet of ikuxl carries (widths, heights, frozen
panes, filter, protection, validation, links, page set-up, the charts' drawing) is
written here in the order the format prescribes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import compress, groupby, repeat
from operator import eq, is_, itemgetter
from typing import Iterator, Mapping
from xml.sax.saxutils import escape, quoteattr

from ..alamat import huruf_kolom, kutip_lembar, nomor_kolom, pisah_sel
from ..plan import A4, BATAS_TEKS, BATAS_TINGGI, GAYA, PT_PER_LEBAR, TEPI, LembarPlan, Rumusan, rumus_pola
from ..skema import BARIS_KEPALA
from .paket import NS, NS_R


def _angka(x: float | int) -> str:
    return repr(float(x)) if isinstance(x, float) else str(x)


# What XML 1.0 cannot hold (control characters but tab and line feed, lone surrogates, U+FFFE/U+FFFF),
# a carriage return (a parser turns it into a line feed) and a typed "_xHHHH_" (which reads as an escape)
_BUKAN_XML = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")


def _escape_x(m: re.Match) -> str:
    return f"_x{ord(m[0]):04X}_"


def teks_ox(teks: str) -> str:
    """Text as an OOXML string (ST_Xstring: cell texts, formulas, names, validation prompts):
    what XML cannot hold written as _xHHHH_, as Excel does, and a typed _xHHHH_ kept as typed
    by escaping its underscore (_x005F_). Not yet escaped for XML markup."""
    return _BUKAN_XML.sub(_escape_x, teks)


def teks_xml(teks: str) -> str:
    """Text for an element of plain XML string type (chart titles, chart references): what XML
    cannot hold is dropped, since there _xHHHH_ would show as typed."""
    return escape(_BUKAN_XML.sub(lambda m: m[0] if m[0] == "_" else "", teks))


def xml_ox(teks: str) -> str:
    """An OOXML string escaped for element content (saxutils.escape without its per-call overhead)."""
    if not teks.isascii() or not teks.isprintable() or "_x" in teks:
        teks = teks_ox(teks)
    return teks.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def atribut_ox(teks: str) -> str:
    """An OOXML string as a quoted attribute value."""
    return quoteattr(teks_ox(teks))


def sel_xml(ref: str, s: int, nilai: object, f: str | None = None) -> str:
    """A cell: a value, or a formula (`f`, the <f> element, by default its own) with its computed value cached."""
    rumus = isinstance(nilai, Rumusan)
    x = nilai.nilai if rumus else nilai
    if f is None:
        f = f"<f>{xml_ox(nilai.excel)}</f>" if rumus else ""
    if isinstance(x, bool):
        return f'<c r="{ref}" s="{s}" t="b">{f}<v>{int(x)}</v></c>'
    if isinstance(x, (int, float)):
        return f'<c r="{ref}" s="{s}">{f}<v>{_angka(x)}</v></c>'
    if rumus:
        if x is None or x == "":  # nothing shown: no cached value to store (most of Realisasi's prepared rows)
            return f'<c r="{ref}" s="{s}">{f}</c>'
        return f'<c r="{ref}" s="{s}" t="str">{f}<v>{xml_ox(str(x)[:BATAS_TEKS])}</v></c>'
    if x is None:
        return f'<c r="{ref}" s="{s}"/>'
    # a longer text is cut to what Excel holds (periksa reports it)
    return f'<c r="{ref}" s="{s}" t="inlineStr"><is><t xml:space="preserve">{xml_ox(str(x)[:BATAS_TEKS])}</t></is></c>'


def _sel_ikut(ref: str, xf: int, x: object, ikut: str) -> str:
    """A cell of a shared formula but its first (`ikut` its <f>), caching `x`: most of a computed sheet."""
    if x is None or x == "":
        return f'<c r="{ref}" s="{xf}">{ikut}</c>'
    jenis = type(x)
    if jenis is int or jenis is float:
        return f'<c r="{ref}" s="{xf}">{ikut}<v>{_angka(x)}</v></c>'
    return sel_xml(ref, xf, Rumusan(None, x), ikut)


class _BarisBlok:
    """The XML of a block's rows (plan.SelBlok), as _sel_ikut and sel_xml write them, from its rows of values: of a
    block of shared formulas the rows below their first, of a block of values (Komponen) every row. A row is written
    by a %-template made once for its styles and the kinds of its values (the rows of a computed sheet share a few),
    its row number put in at the end (\x00 in the template: XML holds no NUL): a number's cell takes no Python step."""

    def __init__(self, blok, bersama: dict, gaya: Mapping, huruf: dict[int, str], ikut: dict[int, str]):
        self.blok, self._gaya, self._huruf, self._ikut = blok, gaya, huruf, ikut
        # (the row styles' id, its values' types) → (its texts' columns, their getter, {which texts are empty → (template,
        # columns written whole)})
        self._jenis: dict[tuple, tuple] = {}
        self._potong: dict[tuple, tuple[str, int | None]] = {}  # (column, style, format, type, empty) → piece
        self._teks: dict[str, str] = {}  # a text as written (cut, escaped): many repeat down a column
        if blok.bersama:
            self.dari = max(bersama[c][1] for c in range(1, blok.lebar + 1)) + 1
            self.sampai = min(bersama[c][2] for c in range(1, blok.lebar + 1))
        else:
            self.dari, self.sampai = blok.awal, blok.akhir
        # the rows None (a form's rows may all be styled otherwise: then the block's own styles are not in `gaya`)
        self.kosong = self._xml(blok.kosong, blok.baku) if None in blok.isi else ""

    def memuat(self, r: int) -> bool:
        return self.dari <= r <= self.sampai

    def baris(self, r: int) -> str:
        blok = self.blok
        b = blok.isi[r - blok.awal]
        if b is None and r not in blok.ragam:
            return self.kosong.replace("\x00", str(r))
        return self._xml(b or blok.kosong, blok.tata(r)).replace("\x00", str(r))

    def _xml(self, b: tuple, tata: tuple) -> str:
        """A row's cells, its row number \x00."""
        kunci = (id(tata), tuple(map(type, b)))
        jenis = self._jenis.get(kunci)
        if jenis is None:
            kolom_teks = [i for i, j in enumerate(kunci[1]) if j is str]
            jenis = self._jenis[kunci] = (kolom_teks, itemgetter(*kolom_teks) if kolom_teks else None, {})
        kolom_teks, ambil, ragam = jenis
        semua = ()
        kosong = None  # which texts are empty: only a shared formula's cell shows an empty text otherwise
        if ambil is not None:
            semua = ambil(b)
            if len(kolom_teks) == 1:
                semua = (semua,)
            if self.blok.bersama and "" in semua:
                kosong = tuple(map(eq, semua, repeat("")))
        pola = ragam.get(kosong)
        if pola is None:
            pola = ragam[kosong] = self._buat_pola(tata, kunci[1], kolom_teks, kosong)
        teks, lain = pola
        if not lain:
            if not semua:
                return teks % b
            # the row's texts at once: most need no escaping (ASCII, printable, no markup) and go in as they are
            gabung = "".join(semua)
            if (
                gabung.isascii()
                and gabung.isprintable()
                and "_x" not in gabung
                and "&" not in gabung
                and "<" not in gabung
                and ">" not in gabung
                and max(map(len, semua)) <= BATAS_TEKS
            ):
                return teks % b
        b = list(b)
        ditulis = self._teks
        for i in kolom_teks:
            x = b[i]
            t = ditulis.get(x)
            b[i] = ditulis[x] = xml_ox(x[:BATAS_TEKS]) if t is None else t
        bersama, ikut = self.blok.bersama, self._ikut
        for c, xf in lain:  # another type: its whole cell from sel_xml
            x = b[c - 1]
            b[c - 1] = sel_xml(f"{self._huruf[c]}\x00", xf, Rumusan(None, x) if bersama else x, ikut[c] if bersama else None)
        return teks % tuple(b)

    def _buat_pola(
        self, tata: tuple, jenis: tuple, kolom_teks: list[int], kosong: tuple | None
    ) -> tuple[str, list[tuple[int, int]]]:
        """The template of a row styled `tata` whose values are of types `jenis` (`kosong`: which of its texts, at
        `kolom_teks`, are empty), as sel_xml writes each cell, and the columns (with their xf) whose cell sel_xml
        writes whole. Made of each column's piece, made once per column and kind of value (a computed sheet's rows
        differ in a few columns)."""
        kosong_kolom = [False] * len(jenis)
        for i, k in zip(kolom_teks, kosong or ()):
            kosong_kolom[i] = k
        kolom = list(zip(range(1, len(jenis) + 1), *tata, jenis, kosong_kolom))
        potong = list(map(self._potong.get, kolom))
        if None in potong:
            for i, k in enumerate(kolom):
                if potong[i] is None:
                    potong[i] = self._potong[k] = self._potongan(*k)
        lain = [(i + 1, xf) for i, (_, xf) in enumerate(potong) if xf is not None]
        return "".join(t for t, _ in potong), lain

    def _potongan(self, c: int, g: str | None, f: str | None, j: type, k: bool) -> tuple[str, int | None]:
        """Column c's piece of a row's template, and the xf of a cell sel_xml writes whole (None: a value goes in)."""
        if g is None:  # no cell: the value (None) left out
            return "%.0s", None
        xf = self._gaya[(g, f)]
        awal = f'<c r="{self._huruf[c]}\x00" s="{xf}"'
        rumus = self._ikut[c].replace("%", "%%") if self.blok.bersama else ""
        if j is float or j is int:
            return f"{awal}>{rumus}<v>{'%r' if j is float else '%d'}</v></c>", None
        if j is bool:
            return f'{awal} t="b">{rumus}<v>%d</v></c>', None
        if j is type(None) or (k and rumus):  # nothing shown
            return (f"{awal}>{rumus}</c>%.0s" if rumus else f"{awal}/>%.0s"), None
        if j is str and rumus:
            return f'{awal} t="str">{rumus}<v>%s</v></c>', None
        if j is str:
            return f'{awal} t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>', None
        return "%s", xf


def _baris_blok(blok, bersama: dict, gaya: Mapping, huruf: dict[int, str], ikut: dict[int, str]) -> _BarisBlok | None:
    """The fast writer of a block's rows: a block of values, or of shared formulas in every cell of every column
    (else the cells are written one by one)."""
    if blok.bersama and (not all(c in bersama for c in range(1, blok.lebar + 1)) or any(None in g for g, _ in blok.tata_ada())):
        return None
    return _BarisBlok(blok, bersama, gaya, huruf, ikut)


_BERBUNGKUS = {
    "teks",
    "rumus",
    "isi",
    "biasa",
    "biasa_tengah",
    "ttd",
    "galat",
    "peringatan",
    "tautan",
    "reviu_tetap",
    "reviu_diubah",
    "reviu_baru",
    "reviu_dihapus",
    "subjudul",
    "keterangan",
}
_JUDUL = ("subjudul", "keterangan")
_TEBAL = {g for g, d in GAYA.items() if d.tebal}  # styles in bold: wider text


def _lebar(lp: LembarPlan, dari: int, sampai: int) -> float:
    """Width of columns dari..sampai in character units; hidden columns take none."""
    return sum(lp.lebar.get(c, LEBAR_BAKU) for c in range(dari, sampai + 1) if c not in lp.tersembunyi)


def gabung_judul(lp: LembarPlan, putus: list[int]) -> dict[tuple[int, int], int]:
    """The subtitle and note above a table, merged across the columns of the first printed page and
    wrapped there (by first cell: last column): a long line would otherwise run past the page, be cut
    at its edge or spill onto a page of its own."""
    kolom = lp.kolom_ada() - lp.tersembunyi
    akhir = min([*putus, max(kolom, default=1) + 1]) - 1
    return {
        (r, 1): akhir
        for r in range(2, BARIS_KEPALA)
        if akhir > 1
        and (r, 1) in lp.sel
        and lp.sel[(r, 1)].gaya in _JUDUL
        and not any((r, c) in lp.sel for c in range(2, akhir + 1))
    }


def tinggi_baris(lp: LembarPlan, gabung: Mapping[tuple[int, int], int] | None = None) -> dict[int, float]:
    """Row heights that show wrapped text whole: no spreadsheet fits them when printing a
    file it did not lay out itself. `gabung`: a merged cell's last column, by its first cell."""
    baris: dict[int, int] = {}
    per_baris: dict[tuple[int, int], int] = {}  # characters per line of the columns a cell spans
    garis: dict[tuple[str, int], int] = {}  # lines of a text at a width: texts repeat down a column
    gabung = gabung or {}
    for c, gaya, teks_baris in _teks_berbungkus(lp):
        tebal = gaya in _TEBAL
        for r, teks in teks_baris:
            rentang = (c, gabung.get((r, c), c), tebal)
            lebar = per_baris.get(rentang)
            if lebar is None:  # roughly: regular text is narrower than "0", bold text about as wide
                lebar = per_baris[rentang] = int(max(_lebar(lp, *rentang[:2]) - 1, 4) * (1.0 if tebal else 1.1))
            if len(teks) <= lebar and "\n" not in teks:
                continue  # one line
            n = garis.get((teks, lebar))
            if n is None:
                n = garis[(teks, lebar)] = jumlah_garis(teks, lebar)
            if n > baris.get(r, 1):
                baris[r] = n
    return {r: min(15.0 * n + 2, BATAS_TINGGI) for r, n in baris.items()}


def _teks_berbungkus(lp: LembarPlan) -> Iterator[tuple[int, str, list[tuple[int, str]]]]:
    """The visible cells that show a text in a wrapping style: (column, style, [(row, text), …]), a block's column by
    column, its texts picked out in C (most of a computed sheet's cells are numbers)."""
    for (r, c), s in lp.sel_lepas().items():
        if s.gaya in _BERBUNGKUS and c not in lp.tersembunyi:
            teks = s.nilai.nilai if isinstance(s.nilai, Rumusan) else s.nilai
            if isinstance(teks, str) and teks:
                yield c, s.gaya, [(r, teks)]
    blok = lp.blok
    if blok:
        kelompok: dict[int, tuple[tuple, list[int], list[tuple]]] = {}  # by a row's styles (shared tuples, by identity)
        for r, b in enumerate(blok.isi, start=blok.awal):
            gaya = blok.tata(r)[0]
            k = kelompok.get(id(gaya))
            if k is None:
                k = kelompok[id(gaya)] = (gaya, [], [])
            k[1].append(r)
            k[2].append(b or blok.kosong)
        for gaya, baris, isi in kelompok.values():
            for c, g in enumerate(gaya, start=1):
                if g not in _BERBUNGKUS or c in lp.tersembunyi:
                    continue
                kolom = list(map(itemgetter(c - 1), isi))
                if not blok.bersama:  # a formula of its own (a block of values): what it shows
                    kolom = [x.nilai if type(x) is Rumusan else x for x in kolom]
                teks = [
                    (r, x)
                    for r, x in compress(zip(baris, kolom), map(is_, map(type, kolom), repeat(str)))
                    if x and (r, c) not in blok.lain
                ]
                if teks:
                    yield c, g, teks


def jumlah_garis(teks: str, lebar: int) -> int:
    """Lines a text takes in a cell `lebar` characters wide, wrapped as spreadsheets wrap: at spaces,
    a word longer than the line broken across lines (dividing the characters counts too few)."""
    garis = 0
    for bagian in teks.split("\n"):
        garis += 1
        isi = 0  # characters on the current line
        for kata in bagian.split():
            if isi and isi + 1 + len(kata) <= lebar:
                isi += 1 + len(kata)
                continue
            if isi:
                garis += 1
            garis += (len(kata) - 1) // lebar  # a word wider than the line
            isi = (len(kata) - 1) % lebar + 1
    return garis


def _dimensi(lp: LembarPlan, pengguna: Pengguna) -> str:
    """The used area of a sheet's cells (ikuxl's and its users'), as a reference."""
    baris = [r for r, _ in lp.sel_lepas()] + [r for r, _ in pengguna.sel]
    kolom = [*lp.kolom_ada(), *(c for _, c in pengguna.sel)]
    if lp.blok:
        baris += [lp.blok.awal, lp.blok.akhir]
    if not baris:
        return "A1"
    awal, akhir = f"{huruf_kolom(min(kolom))}{min(baris)}", f"{huruf_kolom(max(kolom))}{max(baris)}"
    return awal if awal == akhir else f"{awal}:{akhir}"


def _beku(sel: str) -> str:
    huruf, baris = pisah_sel(sel)
    x, y = nomor_kolom(huruf) - 1, baris - 1
    bagian = "bottomRight" if x and y else "bottomLeft" if y else "topRight"
    atribut = (f' xSplit="{x}"' if x else "") + (f' ySplit="{y}"' if y else "")
    return (
        f'<sheetViews><sheetView workbookViewId="0"><pane{atribut} topLeftCell="{sel}" activePane="{bagian}" '
        f'state="frozen"/><selection pane="{bagian}" activeCell="{sel}" sqref="{sel}"/></sheetView></sheetViews>'
    )


# --- page set-up ----------------------------------------------------------------------------------

SKALA_MIN = 70  # percent: 11 pt text prints at 7.7 pt, a chart's 10 pt at 7 pt
SKALA_MIN_GRAFIK = 78  # percent, on a sheet with charts: their 9 pt axis labels (UKURAN_HURUF) print at 7 pt
LEBAR_BAKU = 8.43  # width of a column the sheet does not size
TEPI_ATAS = 0.75  # top and bottom margins, inches (the header and footer print within them)
TINGGI_BAKU = 15.0  # points: a row the sheet gives no height (the defaultRowHeight of its sheetFormatPr)


def cetak_kolom(lp: LembarPlan) -> tuple[int, list[int]]:
    """The print scale (percent) and the columns that start a new page across, for a sheet with
    column groups (kelompok_cetak): groups fill a page in order at no less than SKALA_MIN, the
    repeated columns (kolom_cetak) beside each one, and the scale is then the largest at which
    the widest page fits A4. Without groups: (100, []), the sheet is fitted to its pages."""
    if not lp.kelompok_cetak:
        return 100, []
    # the last column that prints: hidden helper columns (and the empty ones before them) take no paper
    akhir = max([*(lp.kolom_ada() - lp.tersembunyi), *(nomor_kolom(pisah_sel(g.sel)[0]) for g in lp.grafik)] or [1])

    def lebar(dari: int, sampai: int) -> float:
        return _lebar(lp, dari, sampai) * PT_PER_LEBAR

    ruang = (A4[0] if lp.tegak else A4[1]) - 2 * TEPI * 72
    ulang = 0.0
    if lp.kolom_cetak:
        a, b = (nomor_kolom(x.strip("$")) for x in lp.kolom_cetak.split(":"))
        ulang = lebar(a, b)
    batas = [c for c in sorted(lp.kelompok_cetak) if c <= akhir] + [akhir + 1]
    grafik = [(nomor_kolom(pisah_sel(g.sel)[0]), LEBAR_GRAFIK / 12700) for g in lp.grafik]
    putus, halaman, terlebar = [], 0.0, 0.0
    for awal, berikut in zip(batas, batas[1:]):
        # a chart anchored in the group widens it to the chart's right edge: a break never cuts it
        w = max([lebar(awal, berikut - 1)] + [lebar(awal, c - 1) + pt for c, pt in grafik if awal <= c < berikut])
        if halaman and (halaman + w) * (SKALA_MIN_GRAFIK if lp.grafik else SKALA_MIN) / 100 > ruang:
            putus.append(awal)
            halaman = ulang
        halaman += w
        terlebar = max(terlebar, halaman)
    return min(100, int(100 * ruang / terlebar)) if terlebar else 100, putus


def baris_putus(lp: LembarPlan) -> list[int]:
    """The rows that start a printed page (manual breaks): the plan's own (putus_baris), and each chart's block
    of rows, so that no chart is split."""
    return sorted({*lp.putus_baris, *(g.blok for g in lp.grafik)})


def pilih_kelompok(lp: LembarPlan, baris: int) -> list[int]:
    """The column groups that start a page across, chosen among kelompok_cetak so that each page holds a value
    of every data row down to `baris` where the width at SKALA_MIN allows (a page across of columns some
    rows leave empty, optional quarters before the year starts, prints pages down without data), then
    the fewest pages. The repeated columns (kolom_cetak) count as no value: they are on every page."""
    ulang: set[int] = set()
    if lp.kolom_cetak:
        a, b = (nomor_kolom(x.strip("$")) for x in lp.kolom_cetak.split(":"))
        ulang = set(range(a, b + 1))
    akhir = max(lp.kolom_ada() - lp.tersembunyi or [1])
    batas = [c for c in sorted(lp.kelompok_cetak) if c <= akhir] + [akhir + 1]
    isi = lp.isi_kolom(BARIS_KEPALA + 1, baris, ulang)  # the rows each column shows a value in
    semua = set().union(*isi.values()) if isi else set()
    per_kelompok = [set().union(*(isi.get(c, ()) for c in range(a, b))) for a, b in zip(batas, batas[1:])]
    ruang = ((A4[0] if lp.tegak else A4[1]) - 2 * TEPI * 72) * 100 / SKALA_MIN / PT_PER_LEBAR
    lebar_ulang = _lebar(lp, min(ulang), max(ulang)) if ulang else 0.0
    n = len(batas) - 1
    terbaik: list[tuple[int, int, list[int]] | None] = [(0, 0, [])] + [None] * n  # (pages lacking a row, pages, starts)
    for j in range(1, n + 1):
        for i in range(j):
            awal, berikut = batas[i], batas[j]
            w = _lebar(lp, awal, berikut - 1) + (lebar_ulang if i else 0.0)
            if (j - i > 1 and w > ruang) or terbaik[i] is None:
                continue
            baris_ada = set().union(*per_kelompok[i:j])
            kurang, halaman, mulai = terbaik[i]
            calon = (kurang + (baris_ada != semua), halaman + 1, [*mulai, awal])
            if terbaik[j] is None or calon[:2] < terbaik[j][:2]:
                terbaik[j] = calon
    pilihan = terbaik[n][2] if terbaik[n] else []
    return pilihan + [c for c in lp.kelompok_cetak if c > akhir]


@dataclass
class Pengguna:
    """What users added on a sheet ikuxl rewrites, kept in the new one: their cells (as stored, at
    their new place), the styles they gave input cells, their column widths, and the
    relationship ids of their comments' VML drawing and of their drawing."""

    sel: dict[tuple[int, int], str] = field(default_factory=dict)
    gaya: dict[tuple[int, int], int] = field(default_factory=dict)
    kolom: str = ""
    catatan: str | None = None
    gambar: str | None = None  # their drawing (pictures, shapes) on a sheet where ikuxl draws no charts
    gabung: list[str] = field(default_factory=list)  # their merged cells
    tata: str = ""  # their conditional formats, as stored


def lembar_xml(
    lp: LembarPlan,
    gaya: Mapping[tuple[str, str | None], int],
    gambar: str | None = None,
    tanda: str = "",
    pengguna: Pengguna | None = None,
) -> Iterator[str]:
    """The worksheet part for the plan, in pieces of a row or so, for the package to compress as they come
    (a sheet of 20,000 indicators is 100 MB of XML); `gaya[(gaya, format)]` is the xf index of a cell style,
    `gambar` the relationship id of the sheet's drawing (its charts), `tanda` the conditional
    formats that mark cells with findings, `pengguna` what users added there."""
    pengguna = pengguna or Pengguna()
    bagian = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{NS}" xmlns:r="{NS_R}">']
    warna = f'<tabColor rgb="FF{lp.warna_tab}"/>' if lp.warna_tab else ""
    skala, putus = cetak_kolom(lp)
    muat = "" if lp.kelompok_cetak else '<pageSetUpPr fitToPage="1"/>'  # a fixed scale: Excel ignores manual breaks when fitting
    # hidden columns are helpers, each run an outline group (Data › Group) collapsed into the column left of it
    ringkas = {c - 1 for c in lp.tersembunyi if c - 1 not in lp.tersembunyi and c > 1}
    garis = '<outlinePr summaryRight="0"/>' if ringkas else ""
    bagian.append(f"<sheetPr>{warna}{garis}{muat}</sheetPr>" if warna or garis or muat else "")
    bagian.append(f'<dimension ref="{_dimensi(lp, pengguna)}"/>')  # readers size their tables by it
    bagian.append(_beku(lp.beku) if lp.beku else '<sheetViews><sheetView workbookViewId="0"/></sheetViews>')
    bagian.append(
        '<sheetFormatPr defaultRowHeight="15" outlineLevelCol="1"/>' if ringkas else '<sheetFormatPr defaultRowHeight="15"/>'
    )
    if lp.lebar or lp.tersembunyi or pengguna.kolom:
        sembunyi = {c: ' hidden="1" outlineLevel="1"' for c in lp.tersembunyi} | {c: ' collapsed="1"' for c in ringkas}
        bagian.append(
            "<cols>"
            + "".join(
                f'<col min="{c}" max="{c}" width="{lp.lebar.get(c, 9)}" customWidth="1"{sembunyi.get(c, "")}/>'
                for c in sorted({*lp.lebar, *lp.tersembunyi, *ringkas})
            )
            + pengguna.kolom
            + "</cols>"
        )
    gabung = gabung_judul(lp, putus)
    tinggi = {**tinggi_baris(lp, gabung), **lp.tinggi}
    huruf = {c: huruf_kolom(c) for c in lp.kolom_ada()}
    bagian.append("<sheetData>")
    sel = lp.sel
    bersama = {c: (i, *x) for i, (c, x) in enumerate(sorted(lp.bersama.items()))}  # column → (si, first, last, formula)
    # the cells of a shared formula but its first (most of a computed sheet), written here without sel_xml's
    # general case: the same text, a large share of a recalculation's time
    ikut = {c: f'<f t="shared" si="{si}"/>' for c, (si, *_) in bersama.items()}
    milik_pengguna, gaya_pengguna = pengguna.sel, pengguna.gaya
    per_baris = {r: [c for _, c in k] for r, k in groupby(sorted({*lp.sel_lepas(), *milik_pengguna}), key=itemgetter(0))}
    blok = lp.blok
    baris_blok = range(blok.awal, blok.akhir + 1) if blok else range(0)
    # a block's rows but the shared formulas' first, each cell a row of values: one pass without a cell object
    cepat = _baris_blok(blok, bersama, gaya, huruf, ikut) if blok else None
    baris_bergaya = {r for r, _ in gaya_pengguna}  # rows with a style users gave: written cell by cell
    tambah = bagian.append
    for r in sorted(per_baris.keys() | set(baris_blok)) if blok else per_baris:
        t = f' ht="{tinggi[r]}" customHeight="1"' if r in tinggi else ""
        tambah(f'<row r="{r}"{t}>')
        kolom = per_baris.get(r)
        if cepat and r not in baris_bergaya and cepat.memuat(r) and (kolom is None or kolom[0] > blok.lebar):
            tambah(cepat.baris(r))  # and the cells right of the block (users' cells, a form's signature block)
            kolom = kolom or ()
        elif r in baris_blok:
            kolom = sorted({*(kolom or ()), *blok.kolom_baris(r)})
        for c in kolom:
            k = (r, c)
            if k in milik_pengguna:
                tambah(milik_pengguna[k])
                continue
            s = sel[k]
            nilai = s.nilai
            xf = gaya_pengguna[k] if k in gaya_pengguna else gaya[(s.gaya, s.format)]
            if type(nilai) is Rumusan and nilai.excel is None and c in bersama:
                si, awal, akhir, pola = bersama[c]
                if r != awal:
                    tambah(_sel_ikut(f"{huruf[c]}{r}", xf, nilai.nilai, ikut[c]))
                    continue
                h = huruf[c]
                f = f'<f t="shared" ref="{h}{awal}:{h}{akhir}" si="{si}">{xml_ox(rumus_pola(pola, awal))}</f>'
                tambah(sel_xml(f"{h}{r}", xf, nilai, f))
                continue
            tambah(sel_xml(f"{huruf[c]}{r}", xf, nilai))
        tambah("</row>")
        yield "".join(bagian)
        bagian.clear()
    bagian.append("</sheetData>")
    if lp.lindungi:  # no password: formatting, filtering and sorting stay allowed
        bagian.append(
            '<sheetProtection sheet="1" formatCells="0" formatColumns="0" formatRows="0" sort="0" '
            'autoFilter="0" selectLockedCells="0" selectUnlockedCells="0"/>'
        )
    if lp.saring:
        bagian.append(f'<autoFilter ref="{lp.saring}"/>')
    sel_gabung = [f"{huruf_kolom(c)}{r}:{huruf_kolom(akhir)}{r}" for (r, c), akhir in gabung.items()]
    sel_gabung += pengguna.gabung
    if sel_gabung:
        bagian.append(
            f'<mergeCells count="{len(sel_gabung)}">' + "".join(f'<mergeCell ref="{g}"/>' for g in sel_gabung) + "</mergeCells>"
        )
    bagian.append(pengguna.tata)  # after mergeCells: the order the format prescribes
    bagian.append(tanda)
    if lp.validasi:
        bagian.append(f'<dataValidations count="{len(lp.validasi)}">')
        for v in lp.validasi:
            rumus = (
                f"<formula1>{xml_ox(v.sumber.lstrip('='))}</formula1>"
                if v.sumber
                else "<formula1>-1E+15</formula1><formula2>1E+15</formula2>"
            )
            operator = ' operator="between"' if v.jenis == "decimal" else ""
            bagian.append(
                f'<dataValidation type="{v.jenis}"{operator} allowBlank="1" showInputMessage="1" '
                f'showErrorMessage="1" errorTitle="Isian tidak sesuai" error={atribut_ox(v.pesan[:250])} '
                f'promptTitle={atribut_ox(v.judul[:32])} prompt={atribut_ox(v.pesan[:250])} sqref="{v.rentang}">'
                f"{rumus}</dataValidation>"
            )
        bagian.append("</dataValidations>")
    tautan = sorted((k, s) for k, s in lp.sel_lepas().items() if s.tautan and s.tautan.startswith("#"))
    if tautan:
        bagian.append(
            "<hyperlinks>"
            + "".join(
                f'<hyperlink ref="{huruf_kolom(c)}{r}" location={atribut_ox(s.tautan[1:])} display={atribut_ox(str(s.nilai))}/>'
                for (r, c), s in tautan
            )
            + "</hyperlinks>"
        )
    bagian.append(f'<pageMargins left="{TEPI}" right="{TEPI}" top="{TEPI_ATAS}" bottom="{TEPI_ATAS}" header="0.3" footer="0.3"/>')
    arah = "portrait" if lp.tegak else "landscape"
    # a sheet with column groups prints at its computed scale: fitting it to the page would shrink it
    # to text that overflows its last column (a long title), below 7 pt
    cara = f'scale="{skala}"' if lp.kelompok_cetak else f'fitToWidth="{lp.halaman_lebar}" fitToHeight="0"'
    bagian.append(f'<pageSetup paperSize="9" orientation="{arah}" {cara}/>')  # paper 9: A4
    bagian.append("<headerFooter><oddFooter>&amp;C&amp;A — halaman &amp;P dari &amp;N</oddFooter></headerFooter>")
    putus_baris = baris_putus(lp)
    if putus_baris:
        bagian.append(
            f'<rowBreaks count="{len(putus_baris)}" manualBreakCount="{len(putus_baris)}">'
            + "".join(f'<brk id="{r - 1}" max="16383" man="1"/>' for r in putus_baris)
            + "</rowBreaks>"
        )
    if putus:
        bagian.append(
            f'<colBreaks count="{len(putus)}" manualBreakCount="{len(putus)}">'
            + "".join(f'<brk id="{c - 1}" max="1048575" man="1"/>' for c in putus)
            + "</colBreaks>"
        )
    gambar = gambar or pengguna.gambar
    if gambar:
        bagian.append(f'<drawing r:id="{gambar}"/>')
    if pengguna.catatan:
        bagian.append(f'<legacyDrawing r:id="{pengguna.catatan}"/>')
    bagian.append("</worksheet>")
    yield "".join(bagian)


# --- charts ---------------------------------------------------------------------------------------

NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
EMU_CM = 360000
# A chart is as wide as a portrait A4 page holds and at most as tall as a landscape one does
# (17 cm between the margins), so that its block of rows, which starts a page, prints it whole.
LEBAR_GRAFIK, TINGGI_MIN_CM, TINGGI_MAKS_CM = 16 * EMU_CM, 8.5, 16
CM_BARIS = 15 / 72 * 2.54  # a row of the default height
UKURAN_HURUF = 900  # axis labels, 9 pt
CM_GARIS, CM_KATEGORI, CM_BINGKAI = 0.4, 0.15, 3.5  # a line of a label; the gap between bars; title and axis
LEBAR_LABEL = 24  # characters on a label's line: about what LibreOffice leaves beside the bars of a 16 cm chart


def garis_label(kategori: int) -> int:
    """Lines a label may take so that `kategori` labels fit one above the other (1 to 3)."""
    muat = (TINGGI_MAKS_CM - CM_BINGKAI) / kategori - CM_KATEGORI
    return max(1, min(3, int(muat / CM_GARIS)))


def tinggi_grafik(g) -> int:
    """A chart's height in EMU: room for every label (`g.garis` lines each) beside its bar."""
    _, awal, akhir = g.kategori
    cm = CM_BINGKAI + (akhir - awal + 1) * (CM_GARIS * g.garis + CM_KATEGORI)
    return int(min(max(cm, TINGGI_MIN_CM), TINGGI_MAKS_CM) * EMU_CM)


def baris_grafik(g) -> int:
    """Rows a chart's block takes: its title cell and the rows the chart covers."""
    return 2 + int(tinggi_grafik(g) / EMU_CM / CM_BARIS)


def langkah_jumlah(terbesar: int) -> int:
    """A whole-number major unit for an axis of counts up to `terbesar`: at most ten steps."""
    return max(1, -(-terbesar // 10))


def _judul(teks: str, sel: str | None = None) -> str:
    """A title; from a cell (`sel`, with `teks` as its cached value) where it should follow that cell."""
    if sel:
        return (
            f'<c:title><c:tx><c:strRef><c:f>{teks_xml(sel)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0">'
            f'<c:v>{teks_xml(teks)}</c:v></c:pt></c:strCache></c:strRef></c:tx><c:overlay val="0"/>'
            f"{_huruf(1200, tebal=True)}</c:title>"
        )
    return (
        f"<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr/></a:pPr><a:r><a:t>{teks_xml(teks)}</a:t></a:r>"
        f'</a:p></c:rich></c:tx><c:overlay val="0"/></c:title>'
    )


def _rentang(lembar: str, kolom: int, awal: int, akhir: int | None = None) -> str:
    huruf = huruf_kolom(kolom)
    sampai = f":${huruf}${akhir}" if akhir is not None else ""
    return teks_xml(f"{kutip_lembar(lembar)}!${huruf}${awal}{sampai}")


def _huruf(ukuran: int, tebal: bool = False, tegak: bool = False) -> str:
    """Text properties; `tegak` (upright, rot="0") also tells LibreOffice that labels may not be hidden
    to avoid overlapping: it shows every category, as tickLblSkip 1 tells Excel."""
    rot = ' rot="0" vert="horz"' if tegak else ""
    return (
        f'<c:txPr><a:bodyPr{rot}/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{ukuran}" b="{int(tebal)}"/></a:pPr>'
        f'<a:endParaRPr lang="id-ID"/></a:p></c:txPr>'
    )


def grafik_xml(g, lembar: str) -> str:
    """The chart part of a ringkasan.Grafik: horizontal bars of one column of a table on `lembar`,
    labelled by another, no legend; the title is the block's title cell (`g.judul` its value). The
    value axis starts at 0; every category is labelled, top down in the table's order (the value
    axis at the bottom); counts tick at whole numbers."""
    kolom, kepala, akhir = g.nilai
    judul_sumbu = _judul(g.sumbu) if g.sumbu else ""
    if g.jumlah:
        angka = ('<c:numFmt formatCode="0" sourceLinked="0"/>', f'<c:majorUnit val="{langkah_jumlah(g.jumlah)}"/>')
    else:
        angka = ('<c:numFmt formatCode="General" sourceLinked="1"/>', "")
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{NS_C}" xmlns:a="{NS_A}" xmlns:r="{NS_R}"><c:style val="10"/><c:chart>'
        f'{_judul(g.judul, f"{kutip_lembar(lembar)}!$A${g.blok}")}<c:autoTitleDeleted val="0"/>'
        f'<c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/>'
        f'<c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/>'
        f"<c:tx><c:strRef><c:f>{_rentang(lembar, kolom, kepala)}</c:f></c:strRef></c:tx>"
        f"<c:cat><c:strRef><c:f>{_rentang(lembar, *g.kategori)}</c:f></c:strRef></c:cat>"
        f"<c:val><c:numRef><c:f>{_rentang(lembar, kolom, kepala + 1, akhir)}</c:f></c:numRef></c:val></c:ser>"
        f'<c:gapWidth val="80"/><c:axId val="10"/><c:axId val="100"/></c:barChart>'
        f'<c:catAx><c:axId val="10"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="l"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'{_huruf(UKURAN_HURUF, tegak=True)}<c:crossAx val="100"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
        f'<c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:tickMarkSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="100"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/>{judul_sumbu}{angka[0]}'
        f'<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{_huruf(UKURAN_HURUF)}'
        f'<c:crossAx val="10"/><c:crosses val="max"/><c:crossBetween val="between"/>{angka[1]}</c:valAx>'
        f'</c:plotArea><c:plotVisOnly val="0"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
    )


def gambar_xml(grafik: list) -> str:
    """The drawing part that places the charts (relationship ids rId1, rId2, … in order) at their cells."""
    jangkar = []
    for n, g in enumerate(grafik, start=1):
        huruf, baris = pisah_sel(g.sel)
        jangkar.append(
            f"<xdr:oneCellAnchor><xdr:from><xdr:col>{nomor_kolom(huruf) - 1}</xdr:col><xdr:colOff>0</xdr:colOff>"
            f"<xdr:row>{baris - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
            f'<xdr:ext cx="{LEBAR_GRAFIK}" cy="{tinggi_grafik(g)}"/><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>'
            f'<xdr:cNvPr id="{n + 1}" name="Grafik {n}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>'
            f'<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic>'
            f'<a:graphicData uri="{NS_C}"><c:chart xmlns:c="{NS_C}" r:id="rId{n}"/></a:graphicData></a:graphic>'
            f"</xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>"
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<xdr:wsDr xmlns:xdr="{NS_XDR}" xmlns:a="{NS_A}" xmlns:r="{NS_R}">{"".join(jangkar)}</xdr:wsDr>'
    )
