"""Hitung Capaian's results as data: what every computed cell of a Dokumen's workbook holds.

The values come from the Python twins of the column tables (skema.kolom_realisasi, skema.kolom_komponen),
with no layout: susun.py lays the sheets out from them, and Validasi (periksa.py), Ringkasan, rekap and the
check of typed-over cells (ketikan.py) read them from here. Also where each indicator's rows sit (letak).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from statistics import fmean
from typing import Callable

from . import kolom as K
from .capaian import Skala, lantai_capaian
from .dokumen import Dokumen, skala_terurut
from .nilai import adalah_angka, isi_sel
from .rumus import Rumus, kunci_komponen, masalah_batas_excel
from .skema import BARIS_CADANGAN, BARIS_DATA, BARIS_TABEL, KE, Tata, kolom_komponen, kolom_realisasi

# --- where each indicator's rows sit --------------------------------------------------------------


@dataclass
class Letak:
    """Where each indicator's rows sit in the workbook ikuxl writes for a Dokumen."""

    baris_iku: list[int]  # by position in dok.iku; Realisasi shows each on the same row
    baris_komponen: dict[tuple[str, str], int]  # by (kode, kunci_komponen)
    baris_rumus: dict[str, int]  # per kode (casefolded): the first Komponen row of its compiled Rumus
    asal_rumus: dict[str, int]  # per kode (casefolded): the matrix row (position in dok.iku) it is compiled from


def letak(dok: Dokumen) -> Letak:
    return dok.sekali("letak", lambda: _letak(dok))


def _letak(dok: Dokumen) -> Letak:
    baris_komponen, baris_rumus, asal_rumus = {}, {}, {}
    rk = BARIS_DATA
    for i, b in enumerate(dok.iku):
        kode = K.teks_sel(isi_sel(b.get("kode")))
        if (
            not K.hidup(b.get("kode"), b.get("indikator"), b.get("status"))
            or not kode
            or kode.casefold() in baris_rumus
            or not K.punya_komponen(b.get("rumus"))
        ):
            continue
        baris_rumus[kode.casefold()], asal_rumus[kode.casefold()] = rk, i
        rumus = K.rumus_komponen(K.cap_rumus(b.get("rumus")))
        for k in rumus.kunci if rumus else [None]:  # an unreadable Rumus: one row that says so
            if k is not None:
                baris_komponen[(kode, k)] = rk
            rk += 1
    return Letak([dok.baris_sheet(i) for i in range(len(dok.iku))], baris_komponen, baris_rumus, asal_rumus)


def akhir_cermin(dok: Dokumen) -> int:
    """The last row Realisasi prepares: IKU's last row in use and room for new indicators below it."""
    akhir = max((dok.baris_sheet(i) for i in range(len(dok.iku))), default=BARIS_DATA - 1)
    return max(akhir + BARIS_CADANGAN, BARIS_DATA - 1 + BARIS_TABEL)


# --- Komponen: each indicator's block of component rows and its compiled cells -----------------------


_KOLOM_TW = ("tw1", "tw2", "tw3", "tw4")  # Komponen's input columns


def masukan_komponen(dok: Dokumen) -> dict[tuple[str, str], list[object]]:
    """The values typed on the Komponen sheet, by (kode, component), TW I–IV."""
    return dok.sekali(
        "masukan_komponen",
        lambda: {
            (str(b["kode"]).strip(), kunci_komponen(str(b["komponen"]))): [isi_sel(b.get(k)) for k in _KOLOM_TW]
            for b in dok.komponen
        },
    )


MAKS_BARIS = 1_048_576  # a sheet's last row: the longest reference a formula can hold
TEKS_MELAMPAUI_EXCEL = K.tdd("Rumus terlalu besar untuk Excel; sederhanakan Rumus (lihat Validasi)")


class RumusKomponen:
    """The Excel side of Komponen's twins: a block's cells as its formulas name them (rows `baris`). Here,
    not in susun, because whether the formulas fit Excel decides the values (galat_batas_excel)."""

    def __init__(self, rumus: Rumus, baris: list[int], tk: Tata):
        self.rumus, self._baris, self._tk = rumus, baris, tk
        self.per_tw = [{n: tk.sel(f"tw{q}", b, mutlak=True) for n, b in zip(rumus.komponen, baris)} for q in range(1, 5)]
        self.lapor = [tk.sel(f"lapor_tw{q}", baris[0]) for q in range(1, 5)]

    def rentang(self, q: int) -> str:
        """The quarter's values of the block's components, first row to last."""
        return f"{self._tk.sel(f'tw{q}', self._baris[0], mutlak=True)}:{self._tk.sel(f'tw{q}', self._baris[-1], mutlak=True)}"


def rumus_komponen_excel(rumus: Rumus, baris: list[int], tk: Tata) -> dict[str, str]:
    """The compiled cells of a Rumus whose components sit on rows `baris` of Komponen (its first row)."""
    s = RumusKomponen(rumus, baris, tk)
    return {k.kunci: k.excel(s) for k in tk.kolom if k.excel}


@lru_cache(maxsize=1024)
def galat_batas_excel(rumus: Rumus) -> str | None:
    """Which of Excel's limits the cells compiled from this Rumus break, on any row of a sheet (checked
    with the longest references); None when they fit. Such an indicator's compiled cells hold
    TEKS_MELAMPAUI_EXCEL instead, and Validasi reports its Rumus."""
    f = rumus_komponen_excel(rumus, [MAKS_BARIS] * len(rumus.komponen), Tata(kolom_komponen()))
    return next((m for m in map(masalah_batas_excel, f.values()) if m), None)


@dataclass
class BlokKomponen:
    """One indicator's block on Komponen: its rows, what was typed in them, and its compiled cells' values."""

    kode: str
    indikator: object
    baris: int  # the block's first row, where the compiled cells sit
    teks: str  # the Rumus as compiled (kolom.cap_rumus)
    rumus: Rumus | None  # None: the Rumus cannot be read
    nama: list[str | None]  # its components, one row each ([None]: one row that says the Rumus cannot be read)
    per_tw: list[dict[str, object]]  # per quarter, each component's value
    nilai: dict[str, object]  # the values of the first row's computed columns, "rumus" and "galat" included

    @property
    def galat(self) -> str:
        """Why the Rumus cannot be used ("" when it can): then its compiled cells hold this text, not formulas."""
        return self.nilai["galat"]


KOSONG_TW = (None,) * 4  # a component with nothing typed


def blok_komponen(dok: Dokumen) -> dict[str, BlokKomponen]:
    """Per kode (casefolded), its block on Komponen, in sheet order (worked out once)."""
    return dok.sekali("blok_komponen", lambda: _blok_komponen(dok))


@lru_cache(maxsize=1)
def _tabel_komponen() -> tuple[tuple[str, Callable, object], ...]:
    """Komponen's computed columns: key, Python twin, what a cell holds when the Rumus cannot be used."""
    return tuple((k.kunci, k.python, k.kosong) for k in kolom_komponen() if k.python)


def _blok_komponen(dok: Dokumen) -> dict[str, BlokKomponen]:
    masuk, tempat = masukan_komponen(dok), letak(dok)
    dihitung = _tabel_komponen()
    hasil = {}
    for kunci, i in tempat.asal_rumus.items():  # the row letak() placed, not another row of the same Kode
        b = dok.iku[i]
        kode = K.teks_sel(isi_sel(b.get("kode")))
        teks = K.cap_rumus(b.get("rumus"))
        rumus = K.rumus_komponen(teks)
        nama = rumus.komponen if rumus else [None]
        nilai = [masuk.get((kode, k), KOSONG_TW) for k in rumus.kunci] if rumus else [KOSONG_TW]
        per_tw = [dict(zip(nama, tw)) for tw in zip(*nilai)]  # per quarter, each component's value
        blok = BlokKomponen(kode, isi_sel(b.get("indikator")), tempat.baris_rumus[kunci], teks, rumus, nama, per_tw, {})
        galat = K.RUMUS_TIDAK_TERBACA if rumus is None else TEKS_MELAMPAUI_EXCEL if galat_batas_excel(rumus) else ""
        for k, python, kosong in dihitung:  # a Rumus that cannot be used: every cell says why, a flag is False
            blok.nilai[k] = python(blok) if not galat else galat if kosong == "" else kosong
        blok.nilai.update(rumus=teks, galat=galat)
        hasil[kunci] = blok
    return hasil


# --- Realisasi: one row per IKU row -----------------------------------------------------------------


class KonteksRealisasi:
    """What every Realisasi row of one run reads besides its IKU row (the period, the floor and cap settings,
    the scale, the compiled Komponen blocks) and the column table: worked out once per run, not per row."""

    def __init__(self, dok: Dokumen, komponen: dict[str, BlokKomponen], skala: Skala):
        self.kunci, self.twin, _ = _tabel_realisasi()
        self.komponen, self.skala, self.tahun = komponen, skala, dok.tahun
        self.awal, self.n_periode = dok.tahun_periode.start, len(dok.tahun_periode)
        self.ke_tahun = self.tahun - self.awal + 1  # the reporting year's place in the period
        # the cap and floor as numbers (None: none), once per run as the named formulas Batas_Efektif and
        # Lantai_Efektif give them
        self.batas = K.batas_efektif(dok.pengaturan.get("batas_capaian"))
        self.lantai = lantai_capaian(dok.pengaturan.get("batas_bawah_capaian"))
        self.rendah = [p.label for p in skala.pita[-2:]]  # the scale's two lowest bands' labels (Pita_Terendah…)
        self.baris_rumus = letak(dok).baris_rumus
        # dalam(k), tahun_ke(k): facts of the run asked in many cells of every row, so each a C call, no Python frame
        self.dalam, self.tahun_ke = range(1, self.n_periode + 1).__contains__, self.ke_tahun.__eq__
        # the IKU keys of the period's k-th year and of the reporting year (target_2026…), named once
        self.kunci_ke = {(j, k): f"{j}_{self.awal + k - 1}" for j in ("target", "realisasi") for k in KE}
        self.kunci_tahun = {j: f"{j}_{self.tahun}" for j in ("target", "realisasi")}
        # The order a row's columns are computed in: after the first row, the order its columns were filled
        # in (each after the columns it read), so the next rows seldom compute one inside another.
        self.urutan, self._diurutkan = tuple(self.twin.items()), False
        self._susun = itemgetter(*self.kunci)

    def nilai(self, b: dict) -> tuple | None:
        """The values of the Realisasi row of IKU row `b` in the order of `kunci`, None if not in force."""
        v = BarisNilai(b, self)
        if not v.h:
            return None
        for k, twin in self.urutan:
            if k not in v:
                v[k] = twin(v)
        if not self._diurutkan:
            self.urutan, self._diurutkan = tuple((k, self.twin[k]) for k in v), True
        return self._susun(v)


class BarisNilai(dict):
    """The Python side of Realisasi's twins: one row's values, each column computed from its twin when first
    read (so a twin reads any other column), and what the row reads besides (`h`, `iku`, `komp`…), named
    as susun.BarisRumus names them for the formulas."""

    def __init__(self, b: dict, kt: KonteksRealisasi):
        super().__init__()
        self._b, self._kt, self._twin, self._sekali = b, kt, kt.twin, {}
        self.iku: Callable[[str], object] = b.get  # iku(kunci): the IKU cell of this row
        self.skala, self.awal, self.n_periode, self.ke_tahun = kt.skala, kt.awal, kt.n_periode, kt.ke_tahun
        self.batas, self.lantai, self.rendah, self.baris_rumus = kt.batas, kt.lantai, kt.rendah, kt.baris_rumus
        # dalam(k): whether the period has a k-th year; tahun_ke(k): whether the period's k-th year is the reporting year
        self.dalam: Callable[[int], bool] = kt.dalam
        self.tahun_ke: Callable[[int], bool] = kt.tahun_ke
        self.h: bool = self["hidup"]  # the row in force: every twin reads it
        # the compiled Rumus this row reads (baris_komponen), or None; a row not in force is never computed
        self.blok: BlokKomponen | None = (
            kt.komponen.get(K.teks_sel(self["kode"]).casefold()) if self.h and self["baris_komponen"] != "" else None
        )
        # komp(kunci, kosong=None): the compiled Komponen cell this row reads (a C call: dict.get)
        self.komp: Callable[..., object] = (self.blok.nilai if self.blok else _TANPA_BLOK).get

    def __missing__(self, kunci: str) -> object:
        nilai = self[kunci] = self._twin[kunci](self)
        return nilai

    def iku_tahun(self, jenis: str = "target") -> object:
        """The IKU cell of the reporting year's target (or realisasi)."""
        return self._b.get(self._kt.kunci_tahun[jenis])

    def iku_ke(self, jenis: str, k: int) -> object:
        """The IKU cell of the period's k-th year's target (or realisasi)."""
        return self._b.get(self._kt.kunci_ke[jenis, k])

    def ke(self, awal: str) -> tuple[object, ...]:
        """The yearly block's values of a column group (`awal`_t1…t6)."""
        return _ambil_ke(awal)(self)

    def tw(self, awal: str) -> tuple[object, ...]:
        """The four quarters' values of a column group (`awal`_tw1…4)."""
        return _ambil_tw(awal)(self)

    def sekali(self, kunci, f: Callable[..., object], *arg) -> object:
        """What two columns share, worked out once per row: f(*arg)."""
        hasil = self._sekali.get(kunci, _BELUM)
        if hasil is _BELUM:
            hasil = self._sekali[kunci] = f(*arg)
        return hasil


_BELUM = object()  # not worked out yet (None is a value)
_TANPA_BLOK: dict[str, object] = {}  # the compiled cells of a row that reads none (never written to)


@lru_cache(maxsize=None)
def _ambil_ke(awal: str) -> itemgetter:
    return itemgetter(*(f"{awal}_t{k}" for k in KE))


@lru_cache(maxsize=None)
def _ambil_tw(awal: str) -> itemgetter:
    return itemgetter(*(f"{awal}_tw{q}" for q in range(1, 5)))


@lru_cache(maxsize=1)
def _tabel_realisasi() -> tuple[tuple[str, ...], dict[str, Callable], dict[str, object]]:
    kolom = kolom_realisasi()
    return tuple(k.kunci for k in kolom), {k.kunci: k.python for k in kolom}, {k.kunci: k.kosong for k in kolom}


def kosong_cermin(kunci: str) -> object:
    """What a Realisasi cell of a prepared row with no indicator in force holds."""
    return _tabel_realisasi()[2][kunci]


def nilai_cermin(b: dict, dok: Dokumen, komponen: dict[str, BlokKomponen], skala: Skala) -> dict[str, object]:
    """The values of one Realisasi row for IKU row `b` ({} if not in force), from the table's Python twins:
    what the formulas susun writes give; `komponen`: blok_komponen(dok)."""
    kt = KonteksRealisasi(dok, komponen, skala)
    isi = kt.nilai(b)
    return dict(zip(kt.kunci, isi)) if isi else {}


def skala_kategori(dok: Dokumen) -> Skala:
    """The workbook's scale, or a broken one (Validasi names the cell, SKALA_*) whose kategori
    cells all say so: Python and the formulas never guess at what a broken scale means."""
    try:
        return skala_terurut(dok.skala)
    except ValueError:
        return Skala([], rusak=True)


@dataclass(frozen=True)
class Hitungan:
    """Hitung Capaian's results as data: the values of every prepared Realisasi row (nilai_cermin, the
    twin of its formulas) from BARIS_DATA down, None for a row with no indicator in force. Realisasi
    lays them out; Ringkasan, Validasi, the alert text and rekap read them from here. A row is a tuple
    in the order of `kunci` (Realisasi's columns): 20,000 rows of dicts would take 100 MB more."""

    kunci: tuple[str, ...]
    isi: list[tuple | None]
    skala: Skala

    @property
    def akhir(self) -> int:
        return BARIS_DATA + len(self.isi) - 1

    def baris(self, i: int) -> dict[str, object]:
        """The i-th prepared row ({} where no indicator is in force)."""
        return dict(zip(self.kunci, self.isi[i])) if self.isi[i] else {}

    def kolom(self, kunci: str) -> list[object]:
        j, kosong = self.kunci.index(kunci), kosong_cermin(kunci)
        return [b[j] if b else kosong for b in self.isi]

    def aktif(self) -> list[dict[str, object]]:
        """The rows of the indicators in force, in sheet order."""
        return [dict(zip(self.kunci, b)) for b in self.isi if b]

    def dari_iku(self, dok: Dokumen, i: int) -> dict[str, object]:
        """The row computed for IKU matrix row i."""
        return self.baris(dok.baris_sheet(i) - BARIS_DATA)

    def capaian_rata(self) -> float | None:
        angka = [c for c in self.kolom("capaian") if adalah_angka(c)]
        return fmean(angka) if angka else None


def hitung(dok: Dokumen) -> Hitungan:
    """Every prepared Realisasi row of this Dokumen computed, once per run (Validasi's checks, the sheets
    and the summary all read it)."""
    return dok.sekali("hitung", lambda: _hitung(dok))


def _hitung(dok: Dokumen) -> Hitungan:
    skala, komponen = skala_kategori(dok), blok_komponen(dok)
    per_baris = {dok.baris_sheet(i): b for i, b in enumerate(dok.iku)}
    kt = KonteksRealisasi(dok, komponen, skala)
    isi = [kt.nilai(per_baris[r]) if r in per_baris else None for r in range(BARIS_DATA, akhir_cermin(dok) + 1)]
    return Hitungan(kt.kunci, isi, skala)
