"""The write plan: what goes where in a workbook, as small data.

Built by the core from a Dokumen (susun.py, rakit.py) and applied by a shell: the
file shell writes it as worksheet XML (workbook/lembar_xml.py, cangkok.py), the
Excel shell through xlwings or Office.js (excel/skrip.py). A formula cell carries
both its Excel formula and the value ikuxl computed for it, which the file shell
stores as the cell's cached value.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING

from .skema import BARIS_JUDUL, BARIS_KEPALA, BARIS_SUBJUDUL

if TYPE_CHECKING:
    from .dokumen import Dokumen

# Excel's limits for what a sheet holds: characters in a cell, a row's height in points
BATAS_TEKS = 32_767
BATAS_TINGGI = 409
BATAS_BARIS = 1_048_576

# The paper: A4 in points (portrait), left and right margins in inches, and a column's printed width per
# unit of width where it is widest: LibreOffice without Calibri's metrics (DejaVu Sans, 7 pt); Excel with
# Calibri prints it about 5.6 pt wide, so a page sized for the widest fits everywhere
A4 = (595, 842)
TEPI = 0.4
PT_PER_LEBAR = 7.0
LEBAR_TEGAK = int((A4[0] - 2 * TEPI * 72) / PT_PER_LEBAR)  # the widest column a portrait page prints whole


BARIS_POLA = "\x01"  # the row number in a column's formula pattern (LembarPlan.bersama)
BARIS_POLA_ATAS = "\x02"  # the row above's number in it (a form's running count reads the row above)


def rumus_pola(pola: str, baris: int) -> str:
    """A column's formula pattern (LembarPlan.bersama) as written on row `baris`."""
    return pola.replace(BARIS_POLA, str(baris)).replace(BARIS_POLA_ATAS, str(baris - 1))


@dataclass(frozen=True)
class Gaya:
    """A cell style as plain data; each shell translates it (styles.xml for files, xlwings for Excel).
    Colours as RRGGBB; `isi` the fill; `bingkai` a thin grey border; `terkunci` False for an input
    cell on a protected sheet."""

    tebal: bool = False
    miring: bool = False
    ukuran: float | None = None
    warna: str | None = None
    garis_bawah: bool = False
    isi: str | None = None
    bingkai: bool = False
    datar: str | None = None  # horizontal alignment: center
    tegak: str | None = None  # vertical alignment: top, center
    bungkus: bool = False
    terkunci: bool = True


WARNA_BINGKAI = "A6A6A6"
_TEKS = dict(bungkus=True, tegak="top")
GAYA = {  # the style names SelPlan.gaya takes
    "judul": Gaya(tebal=True, ukuran=14, warna="1F4E79"),
    "subjudul": Gaya(miring=True, ukuran=11, warna="404040", **_TEKS),
    "keterangan": Gaya(tebal=True, miring=True, warna="C00000", **_TEKS),
    "peringatan_cetak": Gaya(tebal=True, warna="C00000"),  # one line, running right of the title
    "label": Gaya(tebal=True, tegak="top"),  # beside a wrapped value (Referensi): level with its first line
    "kepala": Gaya(tebal=True, warna="FFFFFF", isi="1F4E79", bingkai=True, datar="center", tegak="center", bungkus=True),
    "input": Gaya(isi="FFF9E5", bingkai=True, terkunci=False, tegak="top"),
    "teks": Gaya(isi="FFF9E5", bingkai=True, terkunci=False, **_TEKS),
    "rumus": Gaya(isi="EDEDED", bingkai=True, **_TEKS),
    "isi": Gaya(**_TEKS),
    "galat": Gaya(tebal=True, warna="C00000", bingkai=True, **_TEKS),
    "peringatan": Gaya(warna="9C5700", bingkai=True, **_TEKS),
    "biasa": Gaya(bingkai=True, **_TEKS),
    "biasa_tengah": Gaya(bingkai=True, datar="center", **_TEKS),  # a form's short values: No, Satuan, Target
    "ttd": Gaya(datar="center", **_TEKS),  # a signature line below a form's table
    "tautan": Gaya(warna="0563C1", garis_bawah=True, bingkai=True, **_TEKS),
    "reviu_tetap": Gaya(bingkai=True, **_TEKS),
    "reviu_diubah": Gaya(isi="FFF2CC", bingkai=True, **_TEKS),
    "reviu_baru": Gaya(isi="E2EFDA", bingkai=True, **_TEKS),
    "reviu_dihapus": Gaya(isi="FCE4D6", bingkai=True, **_TEKS),
}


@dataclass(frozen=True, slots=True)  # one per formula cell: 2.3 million on Realisasi of 20,000 indicators
class Rumusan:
    """A formula cell: `excel` without the leading '=' (None: the column's pattern in
    LembarPlan.bersama), `nilai` what it evaluates to."""

    excel: str | None
    nilai: object


@dataclass(slots=True)  # one per cell written
class SelPlan:
    nilai: object  # a value, or a Rumusan
    gaya: str = "isi"  # judul, subjudul, keterangan, kepala, input, teks, rumus, label
    format: str | None = None
    tautan: str | None = None  # internal hyperlink such as "#'IKU'!G7"


@dataclass(frozen=True)
class ValidasiData:
    rentang: str
    jenis: str  # list, decimal, custom
    sumber: str | None = None  # for lists: "=Daftar_Satuan"; for custom: the formula, of the range's first cell
    judul: str = ""
    pesan: str = ""


_JENIS_SAMA = (str, bool, int, type(None))


def tampak(x: object) -> bool:
    """Whether a cell's value (a formula's: its value) shows something."""
    if type(x) is Rumusan:
        x = x.nilai
    return x is not None and x != ""


class SelBlok(MutableMapping):
    """A sheet's cells (LembarPlan.sel) where a block of rows is stored as rows of values, not as a cell object each
    (Realisasi, Komponen, a form's table; 200 indicators: 49,000 cells a run; 20,000: 3.3 million). Cell
    (awal + i, c) of the block is SelPlan(Rumusan(None, isi[i][c - 1]), gaya[c - 1], format[c - 1]): its column's
    shared formula (LembarPlan.bersama); with `bersama` False it is SelPlan(isi[i][c - 1], …), the value as it is
    (a value typed, or a Rumusan with its own formula: Komponen). A row None shows `kosong`; a cell written one by
    one (`lain`) goes before it. `gaya`: one style, or one per column (a form's table). `ragam`: the rows styled
    otherwise (Komponen's first row of an indicator), row → (style per column, format per column), shared tuples,
    rows of the block; a style None: the row has no cell there (its value None)."""

    def __init__(
        self,
        awal: int,
        isi: list[tuple | None],
        kosong: tuple,
        gaya: str | tuple[str | None, ...],
        format: tuple[str | None, ...],
        bersama: bool = True,
        ragam: dict[int, tuple[tuple[str | None, ...], tuple[str | None, ...]]] | None = None,
    ):
        gaya = (gaya,) * len(kosong) if isinstance(gaya, str) else gaya
        self.awal, self.isi, self.kosong, self.gaya, self.format = awal, isi, kosong, gaya, format
        self.akhir, self.lebar = awal + len(isi) - 1, len(kosong)
        self.bersama, self.ragam, self.baku = bersama, ragam or {}, (gaya, format)  # baku: the rows not in ragam
        self.lain: dict[tuple[int, int], SelPlan] = {}
        self._sel: dict = {}  # (style, format, type, value) → its cell: a cell is never edited in place
        self._tampak: dict[int, list[int]] = {}
        self._isi_ada: list[tuple] | None = None  # the rows not None, and their numbers
        self._baris_ada: list[int] = []
        self._tata_ada: list | None = None

    def nilai(self, r: int, c: int) -> object:
        """The value of block cell (r, c)."""
        return (self.isi[r - self.awal] or self.kosong)[c - 1]

    def tata(self, r: int) -> tuple[tuple[str | None, ...], tuple[str | None, ...]]:
        """The styles and formats of block row r, per column."""
        return self.ragam.get(r) or self.baku

    def tata_ada(self) -> list[tuple[tuple[str | None, ...], tuple[str | None, ...]]]:
        """The rows' styles and formats, each once."""
        if self._tata_ada is None:
            ada = {id(t): t for t in self.ragam.values()}  # by identity first: a few shared tuples on many rows
            if len(self.ragam) < len(self.isi):
                ada[id(self.baku)] = self.baku
            self._tata_ada = list(dict.fromkeys(ada.values()))
        return self._tata_ada

    def kolom_baris(self, r: int) -> list[int]:
        """The columns of block row r that hold a cell."""
        return [c for c, g in enumerate(self.tata(r)[0], start=1) if g is not None]

    def tampak(self, c: int) -> list[int]:
        """The rows (ascending) column c of the block shows something in, worked out once per column (the print
        set-up asks of the columns shown, not of the hidden helpers)."""
        rows = self._tampak.get(c)
        if rows is None:
            if self._isi_ada is None:
                self._isi_ada = [b for b in self.isi if b is not None]
                self._baris_ada = [r for r, b in enumerate(self.isi, start=self.awal) if b is not None]
            kolom = zip(self._baris_ada, map(itemgetter(c - 1), self._isi_ada))
            if self.bersama:  # plain values: without a call per cell (most of a computed sheet)
                rows = [r for r, x in kolom if x is not None and x != ""]
            else:
                rows = [r for r, x in kolom if tampak(x)]
            if len(self._isi_ada) < len(self.isi) and tampak(self.kosong[c - 1]):  # the rows None show `kosong`
                rows = sorted({*rows, *(r for r, b in enumerate(self.isi, start=self.awal) if b is None)})
            self._tampak[c] = rows
        return rows

    def memuat(self, r: int, c: int) -> bool:
        """Whether (r, c) lies within the block's bounds."""
        return self.awal <= r <= self.akhir and 1 <= c <= self.lebar

    def _ada(self, r: int, c: int) -> bool:
        """Whether the block holds cell (r, c)."""
        return self.memuat(r, c) and self.tata(r)[0][c - 1] is not None

    def gaya_nilai(self, r: int, c: int) -> tuple[str, str | None, object] | None:
        """LembarPlan.gaya_nilai of a block's sheet."""
        sel = self.lain.get((r, c))
        if sel is not None:
            return sel.gaya, sel.format, sel.nilai.nilai if type(sel.nilai) is Rumusan else sel.nilai
        if not self.memuat(r, c):
            return None
        gaya, format = self.tata(r)
        if gaya[c - 1] is None:
            return None
        x = self.nilai(r, c)
        return gaya[c - 1], format[c - 1], x.nilai if type(x) is Rumusan else x

    def __getitem__(self, k: tuple[int, int]) -> SelPlan:
        sel = self.lain.get(k)
        if sel is not None:
            return sel
        r, c = k
        if not self.memuat(r, c):
            raise KeyError(k)
        gaya, format = self.tata(r)
        g, f = gaya[c - 1], format[c - 1]
        if g is None:
            raise KeyError(k)
        x = self.nilai(r, c)
        jenis = type(x)
        # as tulis: -0.0 equals 0.0 but is written otherwise, NaN equals nothing; a formula of its own is one cell
        if jenis is Rumusan or (jenis is float and (x != x or x == 0)):
            return SelPlan(Rumusan(None, x) if self.bersama else x, g, f)
        kunci = (g, f, jenis, x)
        sel = self._sel.get(kunci)
        if sel is None:
            sel = self._sel[kunci] = SelPlan(Rumusan(None, x) if self.bersama else x, g, f)
        return sel

    def __contains__(self, k: object) -> bool:
        return k in self.lain or (isinstance(k, tuple) and len(k) == 2 and self._ada(*k))

    def __setitem__(self, k: tuple[int, int], sel: SelPlan) -> None:
        self.lain[k] = sel

    def __delitem__(self, k: tuple[int, int]) -> None:
        raise TypeError("a block's cells are written, not deleted")

    def __iter__(self) -> Iterator[tuple[int, int]]:
        yield from self.lain
        lain = self.lain
        for r in range(self.awal, self.akhir + 1):
            for c in self.kolom_baris(r):
                if (r, c) not in lain:
                    yield r, c

    def __len__(self) -> int:
        n: dict[int, int] = {}  # cells per row, by its styles (shared tuples)
        for t in (self.baku, *self.ragam.values()):
            if id(t) not in n:
                n[id(t)] = sum(g is not None for g in t[0])
        blok = (len(self.isi) - len(self.ragam)) * n[id(self.baku)] + sum(n[id(t)] for t in self.ragam.values())
        return blok + sum(not self._ada(*k) for k in self.lain)

    def __bool__(self) -> bool:  # without counting
        return bool(self.isi and self.lebar) or bool(self.lain)


@dataclass
class LembarPlan:
    nama: str
    sel: dict[tuple[int, int], SelPlan] = field(default_factory=dict)
    lebar: dict[int, float] = field(default_factory=dict)
    tersembunyi: set[int] = field(default_factory=set)  # hidden columns (helpers of formulas and charts)
    tinggi: dict[int, float] = field(default_factory=dict)
    beku: str | None = None
    baris_cetak: str | None = None  # rows repeated on every printed page, e.g. "4:4"
    kolom_cetak: str | None = None  # columns repeated on every page across, e.g. "A:B"
    lindungi: bool = False
    validasi: list[ValidasiData] = field(default_factory=list)
    saring: str | None = None  # autofilter range
    warna_tab: str | None = None
    area_cetak: str | None = None  # print area: the rows and columns in use ($A$1:$G$9), set at every write
    halaman_lebar: int = 1  # pages across when printed, fitted (sheets without kelompok_cetak)
    kelompok_cetak: list[int] = field(default_factory=list)  # first columns of groups a page break may fall before
    tegak: bool = False  # portrait rather than landscape
    grafik: list = field(default_factory=list)  # ringkasan.Grafik
    putus_baris: list[int] = field(default_factory=list)  # rows that start a printed page (besides each chart's)
    tanda: dict[str, str] = field(default_factory=dict)  # cell → tingkat of a finding there (a visible mark)
    # column → (first row, last row, formula with BARIS_POLA for the row and BARIS_POLA_ATAS for the row above):
    # one formula down a column, stored once (an OOXML shared formula); its cells hold Rumusan(None, value)
    bersama: dict[int, tuple[int, int, str]] = field(default_factory=dict)
    # cells put into a sheet that is not rewritten, the rest of it as it is (values typed over a computed
    # cell, moved to their input cell: ketikan.py), (row, column) → value
    isian: dict[tuple[int, int], object] = field(default_factory=dict)

    # the cells that hold the same value (or a shared formula's cell that shows it: LembarPlan.bersama) in the
    # same style, stored once: most of Komponen's cells for 20,000 indicators repeat a few thousand (a cell is
    # never edited in place, only written again)
    _sama: dict = field(default_factory=dict, repr=False, compare=False)

    def tulis(
        self, baris: int, kolom: int, nilai: object, gaya: str = "isi", format: str | None = None, tautan: str | None = None
    ) -> None:
        rumus = type(nilai) is Rumusan
        if not rumus or nilai.excel is None:  # a value, or a shared formula's cell: the same cell stored once
            x = nilai.nilai if rumus else nilai
            jenis = type(x)
            # a float's zero and NaN are left out: -0.0 equals 0.0 but is written otherwise, NaN equals nothing
            if jenis in _JENIS_SAMA or (jenis is float and x == x and x != 0):
                kunci = (rumus, jenis, x, gaya, format, tautan)
                sel = self._sama.get(kunci)
                if sel is None:
                    sel = self._sama[kunci] = SelPlan(nilai, gaya, format, tautan)
                self.sel[(baris, kolom)] = sel
                return
        self.sel[(baris, kolom)] = SelPlan(nilai, gaya, format, tautan)

    def cetakan(self) -> LembarPlan:
        """This sheet's plan with only what the workbook's names hold of it: its print area and titles."""
        return LembarPlan(self.nama, baris_cetak=self.baris_cetak, kolom_cetak=self.kolom_cetak, area_cetak=self.area_cetak)

    def terpakai(self, dari: int = 1) -> tuple[int, int]:
        """The last row (from row `dari` on) and the last visible column that show something: a value, or a
        formula's value that is not empty. A prepared row of empty formulas or styled input cells is not in use
        and prints no page. (0, 0) when nothing from `dari` on shows."""
        isi = self.isi_kolom(dari)
        return max((b[-1] for b in isi.values()), default=0), max(isi, default=0)

    def isi_kolom(self, dari: int = 1, sampai: int | None = None, lewati: set[int] = frozenset()) -> dict[int, list[int]]:
        """The rows (ascending) from `dari` to `sampai` each visible column (not in `lewati`) shows something in."""
        sampai = BATAS_BARIS if sampai is None else sampai
        tersembunyi = self.tersembunyi | lewati
        lepas: dict[int, set[int]] = {}
        for (r, c), s in self.sel_lepas().items():
            if dari <= r <= sampai and c not in tersembunyi and tampak(s.nilai):
                lepas.setdefault(c, set()).add(r)
        isi = {c: sorted(rows) for c, rows in lepas.items()}
        blok = self.blok
        if blok and dari <= blok.akhir and blok.awal <= sampai:
            ditimpa: dict[int, set[int]] = {}  # block cells written one by one: counted above
            for r, c in blok.lain:
                if blok.memuat(r, c):
                    ditimpa.setdefault(c, set()).add(r)
            for c in range(1, blok.lebar + 1):
                if c in tersembunyi:
                    continue
                semua = blok.tampak(c)
                rows = semua[bisect_left(semua, dari) : bisect_right(semua, sampai)]
                if c in ditimpa:
                    rows = [r for r in rows if r not in ditimpa[c]]
                if rows:
                    isi[c] = sorted(lepas[c].union(rows)) if c in lepas else rows
        return isi

    @property
    def blok(self) -> SelBlok | None:
        return self.sel if type(self.sel) is SelBlok and self.sel.isi else None

    def sel_lepas(self) -> dict[tuple[int, int], SelPlan]:
        """The cells written one by one (all of them but a block's)."""
        return self.sel.lain if type(self.sel) is SelBlok else self.sel

    def kolom_ada(self, gaya: str | None = None) -> set[int]:
        """The columns that hold a cell (of style `gaya`)."""
        blok = self.blok
        lepas = self.sel_lepas()
        kolom = {c for _, c in lepas} if gaya is None else {c for (_, c), s in lepas.items() if s.gaya == gaya}
        if blok:
            kolom.update(c for g, _ in blok.tata_ada() for c, x in enumerate(g, start=1) if x is not None and gaya in (None, x))
        return kolom

    def baris_akhir(self) -> int:
        """The last row that holds a cell (0: none)."""
        blok = self.blok
        return max(max((r for r, _ in self.sel_lepas()), default=0), blok.akhir if blok else 0)

    def gaya_ada(self) -> set[tuple[str, str | None]]:
        """The (style, number format) pairs of the cells."""
        blok = self.blok
        ada = {(s.gaya, s.format) for s in self.sel_lepas().values()}
        if blok:
            ada.update((g, f) for gaya, format in blok.tata_ada() for g, f in zip(gaya, format) if g is not None)
        return ada

    def gaya_nilai(self, r: int, c: int) -> tuple[str, str | None, object] | None:
        """The style, number format and value shown (a formula's: its value) of cell (r, c), None where the sheet has
        no cell; a block's cell without making its cell object (users' cells are checked against ikuxl's on every
        recalculation)."""
        if type(self.sel) is SelBlok:
            return self.sel.gaya_nilai(r, c)
        sel = self.sel.get((r, c))
        if sel is None:
            return None
        return sel.gaya, sel.format, sel.nilai.nilai if type(sel.nilai) is Rumusan else sel.nilai

    def format_gaya(self, gaya: str) -> dict[tuple[int, int], str | None]:
        """The cells of style `gaya`, with their number format (a block's row by row, without a cell object)."""
        hasil = {k: s.format for k, s in self.sel_lepas().items() if s.gaya == gaya}
        blok = self.blok
        if blok:
            kolom: dict[int, list[tuple[int, str | None]]] = {}  # by a row's styles (shared tuples, by identity)
            for r in range(blok.awal, blok.akhir + 1):
                tata = blok.tata(r)
                ada = kolom.get(id(tata))
                if ada is None:
                    ada = kolom[id(tata)] = [(c, f) for c, (g, f) in enumerate(zip(*tata), start=1) if g == gaya]
                for c, f in ada:
                    if (r, c) not in blok.lain:
                        hasil[(r, c)] = f
        return hasil

    def rumus(self, baris: int, kolom: int) -> str:
        """The formula of a formula cell, as on that row."""
        r = self.sel[(baris, kolom)].nilai
        return r.excel if r.excel is not None else rumus_pola(self.bersama[kolom][2], baris)


@dataclass
class Plan:
    """A workbook's write plan: its sheets and defined names (the sheets a recalculation rewrites whole:
    aksi.milik)."""

    lembar: list[LembarPlan] = field(default_factory=list)
    nama: dict[str, str] = field(default_factory=dict)  # defined name → reference

    def __getitem__(self, nama: str) -> LembarPlan:
        return next(l for l in self.lembar if l.nama == nama)


def cari_lembar(nama_nama, nama: str) -> str | None:
    """The sheet among `nama_nama` that is `nama`, as Excel matches sheet names: regardless of case."""
    kunci = nama.casefold()
    return next((n for n in nama_nama if n.casefold() == kunci), None)


def judul_lembar(l: LembarPlan, judul: str, dok: Dokumen) -> None:
    """A sheet's title, agency and period, and the workbook's note (e.g. illustrative figures) above its table (susun, ringkasan)."""
    p = dok.pengaturan
    l.tulis(BARIS_JUDUL, 1, judul, "judul")
    sub = " ".join(str(x) for x in (p.get("instansi"), p.get("wilayah")) if x)
    sub += f" — Periode {p['periode_awal']}–{p['periode_akhir']}, tahun pelaporan {p['tahun']}"
    l.tulis(BARIS_SUBJUDUL, 1, sub.strip(" —"), "subjudul")
    if dok.keterangan:
        l.tulis(BARIS_KEPALA - 1, 1, dok.keterangan, "keterangan")
    l.tinggi[BARIS_JUDUL] = 24
