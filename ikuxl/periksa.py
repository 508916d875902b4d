"""Validasi: the checks of an IKU workbook, as findings that name sheet, cell and what to fix.

Every finding has a stable code (for machines and filters), a severity (galat:
the numbers cannot be trusted; peringatan: probably wrong; info: worth a look)
and a message in Indonesian (temuan.KODE lists them). The positions are those of
the workbook ikuxl writes for this Dokumen (see hitung.letak).

Each check is a small function: the checks of one indicator row take the shared _Konteks and the row
(_Baris), those of the whole workbook the _Konteks alone. A new check is a function called from
`_periksa_baris` (a row's) or `periksa` (the workbook's), with its code, threshold and meaning in temuan.KODE.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from typing import Callable, Sequence

from . import ejaan, ketikan
from .capaian import (
    KATEGORI_SKALA_RUSAK,
    TRIWULAN,
    hitung_capaian,
    lantai_capaian,
    normalkan_metode,
    normalkan_polaritas,
    normalkan_sifat,
)
from .dokumen import Dokumen, masalah_skala
from .hitung import galat_batas_excel, hitung, letak, masukan_komponen
from .kolom import batas_efektif, cap_rumus, punya_komponen, teks_sel
from .nilai import CARA_RENTANG, SATUAN_RASIO, adalah_angka, baca_rentang, format_angka, isi_sel, parse_nilai, teks_rapi
from .plan import BATAS_TEKS
from .rumus import Rumus, RumusError, kunci_komponen
from .skema import (
    BARIS_DATA,
    BARIS_KEPALA,
    BARIS_PENGATURAN,
    BARIS_SKALA,
    IKU,
    KOMPONEN,
    PENGATURAN,
    REALISASI,
    REFERENSI,
    VERSI_TEMPLATE,
    Kolom,
    Tata,
    kolom_komponen,
)
from .temuan import KODE, URUTAN_TINGKAT, Temuan
from .tutup import peringatan_triwulan

KOSONG_SENDIRI = {"polaritas"}  # required columns whose blank cell has a finding of its own (POLARITAS_KOSONG)
KOLOM_LABEL = {
    "tujuan": "Tujuan",
    "sasaran": "Sasaran",
    "jabatan": "Jabatan",
    "atasan": "Atasan",
    "satuan": "Satuan",
    "bidang": "Penanggung Jawab",
    "kinerja_utama": "Kinerja Utama",
}
KOLOM_KATA = ("tujuan", "sasaran", "kinerja_utama", "indikator", "rumus", "cara_perhitungan", "program")


def _kosong(x) -> bool:
    return isi_sel(x) is None


class _Konteks:
    """What every check shares: the Dokumen, where its cells sit in the workbook, and the findings so far."""

    def __init__(self, dok: Dokumen, dihitung: bool):
        self.dok = dok
        self.dihitung = dihitung
        self.temuan: list[Temuan] = []
        self._rapi: dict[str, list[str]] = {}
        self._hitungan: dict[str, list] = {}
        self.tata = Tata(dok.kolom_iku)
        self.tk = Tata(kolom_komponen())
        self.letak = letak(dok)
        self.komponen_masuk = masukan_komponen(dok)
        periode = dok.tahun_periode
        self.tahun_periode, self.tahun = tuple(periode), dok.tahun
        self.ke_tahun = self.tahun_periode.index(self.tahun) if self.tahun in periode else None  # reporting year's

    def tambah(self, lembar, sel, kode, pesan, indikator=""):
        self.temuan.append(Temuan(lembar, sel, KODE[kode].tingkat, kode, pesan, indikator))

    def sel_iku(self, i: int, kunci: str) -> str:
        return self.tata.sel(kunci, self.letak.baris_iku[i])

    def rapi(self, kunci: str) -> list[str]:
        """A column of the matrix as teks_rapi reads it, a text per row: worked out once for all the checks."""
        if kunci not in self._rapi:
            sama: dict[str, str] = {}  # a column repeats its texts (Tujuan, Satuan…): each folded once
            self._rapi[kunci] = [
                (sama[x] if x in sama else sama.setdefault(x, teks_rapi(x))) if type(x) is str else teks_rapi(x)
                for x in self.dok.kolom(kunci)
            ]
        return self._rapi[kunci]

    def hitungan(self, kunci: str) -> list:
        """A column of hitung's Realisasi rows, a value per IKU matrix row (Realisasi's row r mirrors IKU's
        row r): read once, not a row's dict of every column each (Hitungan.dari_iku)."""
        if kunci not in self._hitungan:
            kolom = hitung(self.dok).kolom(kunci)
            self._hitungan[kunci] = [kolom[r - BARIS_DATA] for r in self.letak.baris_iku]
        return self._hitungan[kunci]

    @cached_property
    def wajib(self) -> list[Kolom]:
        """The required columns of the matrix (skema's Kolom.wajib) that WAJIB_KOSONG names."""
        return [c for c in self.tata.kolom if c.wajib and c.kunci not in KOSONG_SENDIRI]

    @cached_property
    def kode_ada(self) -> Counter:
        return Counter(k for k in self.rapi("kode") if k)

    @cached_property
    def kode_berkomponen(self) -> set[str]:
        """The kodes with rows on the Komponen sheet."""
        return {kode for kode, _ in self.komponen_masuk}

    @cached_property
    def kode_komponen_terisi(self) -> set[str]:
        """The kodes with a quarter's value typed on the Komponen sheet."""
        return {kode for (kode, _), nilai in self.komponen_masuk.items() if any(x is not None for x in nilai)}

    @cached_property
    def satuan_dikenal(self) -> set[str]:
        return {s.lower() for s in self.dok.daftar.get("Satuan", [])}

    @cached_property
    def jabatan_ada(self) -> set[str]:
        dok = self.dok
        return {j for j in self.rapi("jabatan") if j} | {teks_rapi(j) for j in dok.daftar.get("Jabatan", [])}


@dataclass(frozen=True)
class _Baris:
    """One indicator row as its checks read it: Polaritas, Sifat and Metode in the core's one spelling, as the
    workbook's formulas read them ("rerata" is rata-rata, "+" positif: capaian.SINONIM_*), worked out once."""

    i: int  # its position in the matrix
    isi: dict  # the row as typed
    kode: str
    satuan: str
    polaritas: str | None  # None: blank or not known
    sifat: str | None
    metode: str | None  # None: blank (standar) or not known
    tidak_dikenal: dict[str, str]  # column → why its value is not one the rules know

    @classmethod
    def dari(cls, k: _Konteks, i: int, isi: dict) -> "_Baris":
        baku, salah = {}, {}
        for kunci, fungsi in (("polaritas", normalkan_polaritas), ("sifat", normalkan_sifat), ("metode", normalkan_metode)):
            nilai = isi.get(kunci)
            try:
                baku[kunci] = None if _kosong(nilai) else fungsi(str(nilai))
            except ValueError as e:
                baku[kunci], salah[kunci] = None, str(e)
        return cls(i, isi, k.rapi("kode")[i], k.rapi("satuan")[i], **baku, tidak_dikenal=salah)

    def sel(self, k: _Konteks, kunci: str) -> str:
        """The IKU cell of this row's column `kunci`."""
        return k.sel_iku(self.i, kunci)


@dataclass(frozen=True)
class _Angka:
    """The numbers of a row's number cells (None: blank or not a number, reported by _angka)."""

    target_tahun: list  # per year of the period
    awal: object  # Kondisi Awal
    target_tw: list
    realisasi_tw: list  # empty for an indicator computed from its components
    realisasi_tahun: list  # per year of the period, as target_tahun


def periksa(dok: Dokumen, dihitung: bool = True, lain: Sequence[Temuan] = (), dipindah=()) -> list[Temuan]:
    """All findings for a workbook's content, most severe first, then in sheet order. `dihitung`: the
    caller recompiles the Komponen rows (recalc, Hitung Capaian); else compiled rows that no longer
    match their Rumus are reported. `lain`: findings of the file beyond its sheets (workbook/lite.temuan_lite),
    sorted in with the rest. `dipindah`: the values typed over formulas the caller moved (ketikan.py)."""
    k = _Konteks(dok, dihitung)
    k.temuan.extend(lain)
    _template_lama(k)
    _tahun_triwulan(k)
    for i, isi in dok.baris_aktif():
        _periksa_baris(k, _Baris.dari(k, i, isi))
    _siklus(k)
    _label_mirip(k)
    _kata(k)
    _skala(k)
    _teks_panjang(k)
    _ketikan(k, dipindah)
    urut_lembar = {IKU: 0, REALISASI: 1, KOMPONEN: 2, REFERENSI: 3}
    return sorted(k.temuan, key=lambda t: (URUTAN_TINGKAT[t.tingkat], urut_lembar.get(t.lembar, 9), _urut_sel(t.sel)))


def _periksa_baris(k: _Konteks, b: _Baris) -> None:
    for cek in (_wajib, _kode_ganda, _satuan_dikenal, _pilihan, _atasan, _rumus_terhitung, _rumus):
        cek(k, b)
    n = _isian_angka(k, b)
    for cek_angka in (_jauh_dari_target, _target_tw_menjumlah, _tahunan_di_satu_triwulan, _persen_campur, _jauh_dari_tahun_lalu):
        cek_angka(k, b, n)
    _publikasi(k, b)
    _realisasi_tahun_beda(k, b)


def _realisasi_tahun_beda(k: _Konteks, b: _Baris) -> None:
    """The reporting year's realisasi typed on IKU against what its four quarters give by sifat: the workbook
    shows the disagreement on Realisasi (kolom.beda_tahun), Validasi names the typed cell."""
    if not k.hitungan("beda_tahun")[b.i]:
        return
    v = hitung(k.dok).dari_iku(k.dok, b.i)
    tahun = k.dok.tahun
    k.tambah(
        IKU,
        b.sel(k, f"realisasi_{tahun}"),
        "REALISASI_TAHUN_BEDA",
        f"Realisasi {tahun} diketik {format_angka(v['realisasi_diketik'])}, tetapi TW I–IV menurut sifat {b.sifat} "
        f"memberi {format_angka(v['realisasi_tahunan'])}; capaian {tahun} di blok tahunan dan Pengukuran Kinerja "
        "memakai yang diketik, Capaian dan Ringkasan memakai TW I–IV — samakan salah satunya",
        b.kode,
    )


# --- one number cell -----------------------------------------------------------------------


def _angka(k: _Konteks, lembar: str, sel: Callable[[], str], nilai, satuan: str, label: str, kode: str, rentang=False):
    """Check a cell that must hold a number (rentang: or a range target); returns the number or None.
    `sel` gives the cell's address: worked out only for a finding (most number cells have none)."""
    if adalah_angka(nilai):  # (a number is never blank: the common case first)
        if nilai < 0:
            k.tambah(lembar, sel(), "NILAI_NEGATIF", f"{label} bernilai negatif ({format_angka(nilai)}); periksa kembali", kode)
        return nilai
    if _kosong(nilai):
        return None
    masalah = _masalah_teks_angka(nilai, satuan, label, rentang)
    if masalah:
        k.tambah(lembar, sel(), *masalah, kode)
    return None


def _angka_iku(k: _Konteks, b: _Baris, kunci: str, label: str, rentang: bool = False, satuan: str | None = None):
    """_angka for the row's IKU cell `kunci` (satuan: the indicator's unless given)."""
    return _angka(
        k, IKU, lambda: b.sel(k, kunci), b.isi.get(kunci), b.satuan if satuan is None else satuan, label, b.kode, rentang
    )


def _masalah_teks_angka(nilai, satuan: str, label: str, rentang: bool) -> tuple[str, str] | None:
    """What is wrong with a text in a number cell: (code, message); None for a range target the workbook's
    formulas compute with (rentang)."""
    n = parse_nilai(nilai, satuan or None)
    teks = str(nilai).strip()
    if n.kosong:
        return "TANDA_KOSONG", f'{label} berisi "{teks}": dianggap belum diisi; kosongkan selnya'
    if n.ambigu:
        return "ANGKA_AMBIGU", f"{label}: {n.masalah}"
    if n.rasio:
        # Text is not computed by the workbook's formulas: the number N goes in the cell, "1:N" in Satuan.
        sebab = f"{label}: {n.masalah}" if n.masalah else f'{label} berisi rasio "{teks}" sebagai teks sehingga tidak dihitung'
        angka = "N dari rasio 1:N" if n.angka is None else format_angka(n.angka)
        lalu = "" if (satuan or "").lower() == SATUAN_RASIO.lower() else f" dan tulis {SATUAN_RASIO} di kolom Satuan"
        return "RASIO_DI_SEL_ANGKA", f"{sebab}; isi angka {angka} saja{lalu}"
    if n.rentang and rentang:
        return None  # the workbook's formulas compute with both bounds
    if n.rentang or n.bentuk_rentang:
        saran = f"tulis {CARA_RENTANG}" if n.bentuk_rentang else "sel ini memerlukan satu angka"
        return "RENTANG_TEKS", f'{label} berisi rentang "{teks}" yang tidak terbaca rumus; {saran}'
    if n.masalah and "tanggal" in n.masalah:
        return "TANGGAL_DI_SEL_ANGKA", f"{label} {n.masalah}; ketik ulang sebagai angka"
    if n.masalah:
        return "BUKAN_ANGKA", f'{label} berisi "{teks}", bukan angka'
    if n.satuan and satuan and n.satuan.lower() != satuan.lower():
        return (
            "SATUAN_BERBEDA",
            f'{label} "{teks}" bersatuan {n.satuan}, sedangkan Satuan indikator {satuan}; samakan satuannya lalu isi angkanya saja',
        )
    if n.satuan:
        return (
            "SATUAN_DI_SEL_ANGKA",
            f'{label} berisi "{teks}": isi angka {format_angka(n.angka)} saja; satuan {n.satuan} sudah di kolom Satuan',
        )
    tanda = f' (tanda catatan kaki "{n.tanda_kaki}" tulis di Catatan)' if n.tanda_kaki else ""
    return (
        "ANGKA_TERSIMPAN_TEKS",
        f'{label} "{teks}" tersimpan sebagai teks sehingga tidak dihitung; ketik ulang sebagai angka {format_angka(n.angka)}'
        + tanda,
    )


# --- an indicator row: what must be there ---------------------------------------------------------


def _wajib(k: _Konteks, b: _Baris) -> None:
    for kolom in k.wajib:
        if not _kosong(b.isi.get(kolom.kunci)):
            continue
        if kolom.kunci == "sifat" and not _triwulan_digabung(k, b):
            continue  # Sifat says how quarters make the year: a yearly realisasi needs none
        k.tambah(IKU, b.sel(k, kolom.kunci), "WAJIB_KOSONG", f"{kolom.judul} belum diisi", b.kode)


def _triwulan_digabung(k: _Konteks, b: _Baris) -> bool:
    """Whether the row has quarterly realisasi to combine into the year: typed on IKU, or its components'."""
    if any(not _kosong(b.isi.get(f"realisasi_tw{q}")) for q in range(1, 5)):
        return True
    return punya_komponen(b.isi.get("rumus")) and b.kode in k.kode_komponen_terisi


def _kode_ganda(k: _Konteks, b: _Baris) -> None:
    n = k.kode_ada[b.kode]
    if b.kode and n > 1:
        k.tambah(
            IKU, b.sel(k, "kode"), "KODE_GANDA", f"kode {b.kode} dipakai {n} kali; setiap indikator perlu kode sendiri", b.kode
        )


def _satuan_dikenal(k: _Konteks, b: _Baris) -> None:
    if b.satuan and b.satuan.lower() not in k.satuan_dikenal:
        k.tambah(
            IKU,
            b.sel(k, "satuan"),
            "SATUAN_TIDAK_DIKENAL",
            f'satuan "{b.satuan}" tidak ada di daftar Satuan (lembar Referensi); tambahkan atau pilih dari daftar',
            b.kode,
        )


_TIDAK_DIKENAL = {"polaritas": "POLARITAS_TIDAK_DIKENAL", "sifat": "SIFAT_TIDAK_DIKENAL", "metode": "METODE_TIDAK_DIKENAL"}


def _pilihan(k: _Konteks, b: _Baris) -> None:
    """Polaritas, Sifat and Metode: a value the rules know; without a Polaritas capaian cannot be computed."""
    if b.polaritas is None and "polaritas" not in b.tidak_dikenal:
        k.tambah(
            IKU,
            b.sel(k, "polaritas"),
            "POLARITAS_KOSONG",
            "Polaritas belum diisi: capaian tidak dapat dihitung; pilih positif, negatif atau stabil",
            b.kode,
        )
    for kunci, sebab in b.tidak_dikenal.items():
        k.tambah(IKU, b.sel(k, kunci), _TIDAK_DIKENAL[kunci], sebab, b.kode)


def _atasan(k: _Konteks, b: _Baris) -> None:
    atasan = k.rapi("atasan")[b.i]
    if atasan and atasan not in k.jabatan_ada:
        k.tambah(
            IKU,
            b.sel(k, "atasan"),
            "ATASAN_TIDAK_ADA",
            f'atasan "{atasan}" bukan jabatan mana pun di lembar IKU atau daftar Jabatan',
            b.kode,
        )


# --- an indicator row: Rumus and Komponen -------------------------------------------------------


def _rumus_terhitung(k: _Konteks, b: _Baris) -> None:
    """A Rumus with components whose Komponen rows are missing or were compiled from another Rumus:
    the workbook shows it in the row; only a recalculation brings them up to date."""
    if k.dihitung or k.dok.versi < 2 or not punya_komponen(b.isi.get("rumus")):
        return
    lama = k.dok.terhitung.get(teks_sel(isi_sel(b.isi.get("kode"))).casefold())
    if lama is None:
        sebab = "Rumus berkomponen belum dihitung: baris komponennya belum ada di lembar Komponen"
    elif lama.casefold() != cap_rumus(b.isi.get("rumus")).casefold():
        sebab = f'Rumus berubah sejak terakhir dihitung (lembar Komponen masih memakai "{lama}")'
    else:
        return
    k.tambah(
        IKU,
        b.sel(k, "rumus"),
        "RUMUS_BELUM_DIHITUNG",
        f"{sebab}; capaiannya tidak dapat dihitung sampai Anda klik Hitung Capaian (atau ikuxl recalc)",
        b.kode,
    )


def _rumus(k: _Konteks, b: _Baris) -> None:
    teks = b.isi.get("rumus")
    if _kosong(teks):
        if b.sifat == "rasio":
            k.tambah(IKU, b.sel(k, "rumus"), "RUMUS_KOSONG", "sifat rasio memerlukan Rumus dengan komponen", b.kode)
        return
    r, galat, melampaui = _baca_rumus(str(teks))
    if r is None:
        k.tambah(IKU, b.sel(k, "rumus"), "RUMUS_TIDAK_TERBACA", f"Rumus: {galat}", b.kode)
        return
    if melampaui:
        k.tambah(
            IKU,
            b.sel(k, "rumus"),
            "RUMUS_MELAMPAUI_BATAS_EXCEL",
            f"rumus Excel yang disusun dari Rumus ini {melampaui}, sehingga kolom hitungannya berisi "
            '"tidak dapat dihitung"; sederhanakan Rumus: lebih sedikit komponen, nama komponen lebih pendek',
            b.kode,
        )
    _komponen(k, b, r)


@lru_cache(maxsize=4096)  # indicators share a few formulas; a Rumus is never changed once made
def _baca_rumus(teks: str) -> tuple[Rumus | None, str, str | None]:
    """A Rumus text read once however many rows hold it: (the Rumus or None, why it cannot be read, which of
    Excel's limits its compiled cells break: hitung.galat_batas_excel)."""
    try:
        r = Rumus(teks)
    except RumusError as e:
        return None, str(e), None
    return r, "", galat_batas_excel(r) if r.komponen else None


def _komponen(k: _Konteks, b: _Baris, r: Rumus) -> None:
    """The Rumus's components on the Komponen sheet: a row for each, numbers, no zero divisor."""
    masuk, komponen = k.komponen_masuk, r.komponen
    kunci = [(b.kode, kunci_komponen(nama)) for nama in komponen]
    for nama, kn in zip(komponen, kunci):
        if kn not in masuk and b.kode in k.kode_berkomponen:
            k.tambah(
                IKU,
                b.sel(k, "rumus"),
                "KOMPONEN_BELUM_ADA",
                f"komponen [{nama}] belum ada di lembar Komponen; klik Hitung Capaian untuk menambahkan barisnya",
                b.kode,
            )
    for nama, kn in zip(komponen, kunci):
        baris = k.letak.baris_komponen.get(kn)
        if baris is None:
            continue
        nilai = masuk.get(kn, [None] * 4)
        for q in range(4):
            sel = lambda: k.tk.sel(f"tw{q + 1}", baris)  # noqa: E731 (the address only for a finding)
            x = _angka(k, KOMPONEN, sel, nilai[q], "", f"Komponen [{nama}] TW {TRIWULAN[q]}", b.kode)
            if x == 0 and nama in r.pembagi:
                k.tambah(
                    KOMPONEN,
                    sel(),
                    "PEMBAGI_NOL",
                    f"[{nama}] TW {TRIWULAN[q]} bernilai 0 padahal menjadi pembagi: realisasi triwulan itu tidak dapat dihitung",
                    b.kode,
                )


# --- an indicator row: targets and realisasi ---------------------------------------------------


@lru_cache(maxsize=16)
def _sel_angka(tahun_periode: tuple[int, ...]) -> tuple[list, list]:
    """The keys and labels of a row's target and realisasi cells, per year and per quarter: made once, read by
    every row. (target key, its label, realisasi key, its label)."""
    per_tahun = [(f"target_{t}", f"Target {t}", f"realisasi_{t}", f"Realisasi {t}") for t in tahun_periode]
    per_tw = [(f"target_tw{q}", f"Target TW {tw}", f"realisasi_tw{q}", f"Realisasi TW {tw}") for q, tw in enumerate(TRIWULAN, 1)]
    return per_tahun, per_tw


def _isian_angka(k: _Konteks, b: _Baris) -> _Angka:
    """The row's number cells, each checked (_angka); a realisasi typed on an indicator computed from its
    components is reported."""
    isi = b.isi
    per_tahun, per_tw = _sel_angka(k.tahun_periode)
    target_tahun, realisasi_tahun = [], []
    for target, label_target, realisasi, label_realisasi in per_tahun:
        target_tahun.append(_angka_iku(k, b, target, label_target, True))
        realisasi_tahun.append(_angka_iku(k, b, realisasi, label_realisasi))
    kosong = [t for t, x, (kunci, *_) in zip(k.tahun_periode, target_tahun, per_tahun) if x is None and _kosong(isi.get(kunci))]
    if kosong:  # one finding per indicator, at its first empty year
        tahun = ", ".join(map(str, kosong))
        k.tambah(IKU, b.sel(k, f"target_{kosong[0]}"), "TARGET_TAHUN_KOSONG", f"target tahun {tahun} belum diisi", b.kode)
    awal = _angka_iku(k, b, "kondisi_awal", "Kondisi Awal")
    _angka_iku(k, b, "standar_nasional", "Standar Nasional")
    target_tw, realisasi_tw = [], []
    berumus = punya_komponen(isi.get("rumus"))
    for tw, (target, label_target, kunci, label_realisasi) in zip(TRIWULAN, per_tw):
        target_tw.append(_angka_iku(k, b, target, label_target, True))
        if not berumus:
            realisasi_tw.append(_angka_iku(k, b, kunci, label_realisasi))
        elif not _kosong(isi.get(kunci)):
            k.tambah(
                IKU,
                b.sel(k, kunci),
                "REALISASI_DIABAIKAN",
                f"realisasi TW {tw} diisi, padahal indikator ini memakai Rumus berkomponen: "
                "realisasinya dihitung dari lembar Komponen; kosongkan sel ini dan isi komponennya",
                b.kode,
            )
    return _Angka(target_tahun, awal, target_tw, realisasi_tw, realisasi_tahun)


def _jauh_dari_target(k: _Konteks, b: _Baris, n: _Angka) -> None:
    """A quarter's or a year's realisasi far above its target."""
    kali = KODE["REALISASI_JAUH_DARI_TARGET"].ambang
    pasangan = [*zip(TRIWULAN, n.target_tw, n.realisasi_tw), *zip(k.tahun_periode, n.target_tahun, n.realisasi_tahun)]
    for j, t, r in pasangan:  # j: a quarter (I–IV) or a year
        if adalah_angka(t) and adalah_angka(r) and t > 0 and r > kali * t:
            tw = isinstance(j, str)
            kunci, label = (f"realisasi_tw{TRIWULAN.index(j) + 1}", f"TW {j}") if tw else (f"realisasi_{j}", f"tahun {j}")
            k.tambah(
                IKU,
                b.sel(k, kunci),
                "REALISASI_JAUH_DARI_TARGET",
                f"realisasi {label} ({format_angka(r)}) lebih dari {format_angka(kali)} × target "
                f"({format_angka(t)}); periksa kembali",
                b.kode,
            )


def _target_tahun_ini(k: _Konteks, n: _Angka, mundur: int = 0):
    """The target of the reporting year (mundur=1: of the year before), None outside the period."""
    return n.target_tahun[k.ke_tahun - mundur] if k.ke_tahun is not None else None


def _target_tw_menjumlah(k: _Konteks, b: _Baris, n: _Angka) -> None:
    """A kumulatif indicator's quarterly targets add up to the year's."""
    if b.sifat != "kumulatif":
        return
    tahun_ini = _target_tahun_ini(k, n)
    if all(adalah_angka(t) for t in n.target_tw) and adalah_angka(tahun_ini):
        jumlah = sum(n.target_tw)
        if abs(jumlah - tahun_ini) > KODE["TARGET_TW_TIDAK_SAMA"].ambang * max(1, abs(tahun_ini)):
            k.tambah(
                IKU,
                b.sel(k, "target_tw4"),
                "TARGET_TW_TIDAK_SAMA",
                f"jumlah target TW I–IV ({format_angka(jumlah)}) tidak sama dengan target tahun {k.dok.tahun} "
                f"({format_angka(tahun_ini)}) untuk indikator kumulatif",
                b.kode,
            )


def _tahunan_di_satu_triwulan(k: _Konteks, b: _Baris, n: _Angka) -> None:
    """A kumulatif indicator whose only realisasi is one quarter's, nearer the year's target than that quarter's:
    the year's figure typed as one quarter (it would show a capaian of several hundred percent)."""
    if b.sifat != "kumulatif":
        return
    tahun_ini, diisi = _target_tahun_ini(k, n), [q for q, r in enumerate(n.realisasi_tw) if adalah_angka(r)]
    if len(diisi) != 1 or not adalah_angka(tahun_ini):
        return
    q = diisi[0]
    r, t = n.realisasi_tw[q], n.target_tw[q]
    if adalah_angka(t) and t < tahun_ini and abs(r - tahun_ini) < abs(r - t):
        tw = TRIWULAN[q]
        k.tambah(
            IKU,
            b.sel(k, f"realisasi_tw{q + 1}"),
            "REALISASI_TAHUNAN_DI_TRIWULAN",
            f"realisasi TW {tw} ({format_angka(r)}) mendekati target tahun {k.dok.tahun} ({format_angka(tahun_ini)}), "
            f"bukan target TW {tw} ({format_angka(t)}): angka setahun diketik di satu triwulan? Isi realisasi setiap "
            f"triwulan, atau ketik angka setahun di kolom Realisasi {k.dok.tahun}",
            b.kode,
        )


def _persen_campur(k: _Konteks, b: _Baris, n: _Angka) -> None:
    """Satuan %: a fraction (0,1) beside percents (10) is probably 10% typed as a fraction."""
    if b.satuan != "%":
        return
    batas = KODE["PERSEN_CAMPUR"].ambang
    semua = [*n.target_tw, *n.realisasi_tw, *n.target_tahun, *n.realisasi_tahun, n.awal]
    nilai = [x for x in semua if adalah_angka(x) and x != 0]
    if any(abs(x) <= batas for x in nilai) and any(abs(x) > batas for x in nilai):
        kecil = min(nilai, key=abs)
        k.tambah(
            IKU,
            b.sel(k, "target_tw1"),
            "PERSEN_CAMPUR",
            f"satuan %, tetapi ada nilai {format_angka(kecil)} di samping nilai di atas {format_angka(batas)}: "
            "mungkin 10% tersimpan sebagai 0,1; tulis semua sebagai angka persen (10)",
            b.kode,
        )


def _jauh_dari_tahun_lalu(k: _Konteks, b: _Baris, n: _Angka) -> None:
    """The reporting year's realisasi against the previous year's: its yearly realisasi where typed, else the
    baseline in the first year and the previous target later. The reporting year's realisasi is its yearly one
    (any sifat: a whole year against a whole year), else the last quarter of an akhir periode or rata-rata
    indicator (a kumulatif quarter is part of a year)."""
    i = k.ke_tahun
    lalu = n.realisasi_tahun[i - 1] if i else None
    if adalah_angka(lalu):
        sebelumnya = lalu
    else:
        sebelumnya = n.awal if k.tahun == k.tahun_periode[0] else _target_tahun_ini(k, n, mundur=1)
    kali = KODE["REALISASI_JAUH_DARI_TAHUN_LALU"].ambang
    if i is not None and adalah_angka(n.realisasi_tahun[i]):
        kunci, terakhir = f"realisasi_{k.tahun}", n.realisasi_tahun[i]
    else:
        q, terakhir = next(((q, r) for q, r in reversed(list(enumerate(n.realisasi_tw, 1))) if adalah_angka(r)), (None, None))
        kunci = f"realisasi_tw{q}" if b.sifat in ("akhir periode", "rata-rata") else None
    if (
        adalah_angka(sebelumnya)
        and sebelumnya > 0
        and adalah_angka(terakhir)
        and kunci
        and (terakhir > kali * sebelumnya or terakhir < sebelumnya / kali)
    ):
        # named where the value was typed: the reporting year's realisasi on the indicator's IKU row
        k.tambah(
            IKU,
            b.sel(k, kunci),
            "REALISASI_JAUH_DARI_TAHUN_LALU",
            f"realisasi {format_angka(terakhir)} jauh dari tahun sebelumnya ({format_angka(sebelumnya)}); periksa kembali",
            b.kode,
        )


def _publikasi(k: _Konteks, b: _Baris) -> None:
    """A capaian the agency published (or typed) against ikuxl's from the same target and realisasi;
    a difference beyond the published rounding is reported, with the rule that gives it if one does."""
    sel = b.sel(k, "capaian_publikasi")
    terbit = _angka_iku(k, b, "capaian_publikasi", "Capaian Dipublikasikan", satuan="%")
    if terbit is None:
        return
    v = hitung(k.dok).dari_iku(k.dok, b.i)
    if not adalah_angka(v.get("capaian")):  # no quarters: the reporting year's realisasi typed as one figure
        v = _capaian_tahun(k, b) or v
    dihitung = v.get("capaian")
    if not adalah_angka(dihitung):
        k.tambah(
            IKU,
            sel,
            "CAPAIAN_PUBLIKASI_TIDAK_DIUJI",
            f"capaian dipublikasikan {format_angka(terbit, 2)} tidak dapat diuji: {dihitung or 'realisasi belum diisi'}",
            b.kode,
        )
        return
    if _cocok_terbit(terbit, dihitung):  # rounded or truncated to the published decimals (102,55 for 102,5556)
        return
    cocok = next((nama for nama, c in _aturan_lain(v, b) if c is not None and _cocok_terbit(terbit, c)), None)
    k.tambah(
        IKU,
        sel,
        "CAPAIAN_PUBLIKASI_BERBEDA",
        f"capaian dipublikasikan {format_angka(terbit, 2)} berbeda dengan {format_angka(dihitung, 2)} yang dihitung "
        f"dari target {_tampil(v['target_sd'])} dan realisasi {format_angka(v['realisasi_tahunan'], 2)} "
        f"yang sama; " + (f"cocok dengan {cocok}" if cocok else "tidak cocok dengan aturan lain yang diuji"),
        b.kode,
    )


def _capaian_tahun(k: _Konteks, b: _Baris) -> dict | None:
    """The reporting year's capaian from its yearly realisasi and target, by the workbook's rules (floor, cap,
    range), with what _publikasi and _aturan_lain read; None when no yearly realisasi was typed."""
    dok, isi = k.dok, b.isi
    r, t = isi.get(f"realisasi_{dok.tahun}"), isi.get(f"target_{dok.tahun}")
    if not adalah_angka(r):
        return None
    rentang = None if adalah_angka(t) else baca_rentang(t)
    bawah, atas = (t, t) if adalah_angka(t) else rentang or (None, None)
    h = hitung_capaian(
        (bawah, atas) if rentang else t,
        r,
        b.polaritas,
        b.metode,
        batas_efektif(dok.pengaturan.get("batas_capaian")),
        lantai_capaian(dok.pengaturan.get("batas_bawah_capaian")),
    )
    target_sd = f"{format_angka(bawah)} - {format_angka(atas)}" if rentang else t
    return {"capaian": h.nilai if h.nilai is not None else h.alasan, "target_sd": target_sd, "realisasi_tahunan": r} | {
        "bawah_sd": bawah,
        "atas_sd": atas,
    }


# --- the whole workbook ------------------------------------------------------------------------


def _template_lama(k: _Konteks) -> None:
    if k.dok.versi < VERSI_TEMPLATE and not k.dihitung:
        k.tambah(
            REFERENSI,
            f"B{BARIS_PENGATURAN + [kunci for kunci, _, _ in PENGATURAN].index('versi_template')}",
            "TEMPLATE_VERSI_LAMA",
            f"workbook dibuat dengan template versi {k.dok.versi}: "
            + (
                "realisasi triwulan masih di lembar Realisasi; ikuxl recalc memperbaruinya (isian pindah ke baris "
                "indikatornya di lembar IKU)"
                if k.dok.versi < 2
                else "belum ada kolom Realisasi per tahun dan Standar Nasional; ikuxl recalc memperbaruinya (semua isian tetap)"
            ),
        )


def _tahun_triwulan(k: _Konteks) -> None:
    """Quarters of another year than the reporting year (the workbook shows the same warning live)."""
    pesan = peringatan_triwulan(k.dok)
    if pesan:
        k.tambah(
            REFERENSI,
            f"B{BARIS_PENGATURAN + [p[0] for p in PENGATURAN].index('tahun')}",
            "TRIWULAN_TAHUN_LAIN",
            pesan[0].lower() + pesan[1:],
        )


def _skala(k: _Konteks) -> None:
    for i, kolom, kode, pesan in masalah_skala(k.dok.skala):
        k.tambah(
            REFERENSI,
            f"{'ABC'[kolom - 1]}{BARIS_SKALA + 1 + i}",
            kode,
            f'skala kategori: {pesan}; sampai diperbaiki, kolom Kategori berisi "{KATEGORI_SKALA_RUSAK}"',
        )


def _siklus(k: _Konteks) -> None:
    """The cascade (Atasan) must not come back to where it started."""
    atas: dict[str, set[str]] = defaultdict(set)
    tempat: dict[str, int] = {}
    jabatan, atasan = k.rapi("jabatan"), k.rapi("atasan")
    for i, _ in k.dok.baris_aktif():
        j, a = jabatan[i], atasan[i]
        if j and a:
            atas[j].add(a)
            tempat.setdefault(j, i)
    dilaporkan = set()
    for awal in list(atas):
        jalur, sekarang = [awal], awal
        while True:
            berikut = sorted(atas.get(sekarang, ()))
            if not berikut:
                break
            sekarang = berikut[0]
            if sekarang in jalur:
                lingkar = jalur[jalur.index(sekarang) :] + [sekarang]
                kunci = frozenset(lingkar)
                if kunci not in dilaporkan:
                    dilaporkan.add(kunci)
                    k.tambah(
                        IKU,
                        k.sel_iku(tempat[lingkar[0]], "atasan"),
                        "CASCADE_MELINGKAR",
                        "pohon kinerja melingkar: " + " → ".join(lingkar),
                    )
                break
            jalur.append(sekarang)


def _label_mirip(k: _Konteks) -> None:
    for kunci, label in KOLOM_LABEL.items():
        nilai: dict[str, int] = {}
        dilihat: set[str] = set()
        for i, t in enumerate(k.rapi(kunci)):
            if t and t not in nilai and t.casefold() not in dilihat:
                nilai[t] = i
                dilihat.add(t.casefold())
        daftar = list(nilai)
        for a_i, a in enumerate(daftar):
            for b in daftar[a_i + 1 :]:
                if _salah_ketik(a.casefold(), b.casefold()):
                    i = nilai[b]
                    k.tambah(
                        IKU,
                        k.sel_iku(i, kunci),
                        "LABEL_MIRIP",
                        f'{label} "{b}" hampir sama dengan "{a}": salah ketik? Samakan bila maksudnya sama',
                        k.rapi("kode")[i],
                    )


def _kata(k: _Konteks) -> None:
    """The words of the IKU texts: the dictionary's unknown words, then the typos of the workbook's own words
    (a pair with a word the dictionary flagged is reported there)."""
    mirip = _kata_mirip(k)
    dieja = _ejaan(k, mirip)
    for kata, (lain, i, kunci) in mirip.items():
        if kata not in dieja and lain not in dieja:
            k.tambah(IKU, k.sel_iku(i, kunci), "KATA_MIRIP", f'kata "{kata}" mirip "{lain}": salah ketik?', k.rapi("kode")[i])


_KATA_MIRIP = re.compile(r"[A-Za-z]{4,}")


def _kata_mirip(k: _Konteks) -> dict[str, tuple[str, int, str]]:
    """Words found in one row only that are a typo of a word used elsewhere ("yangghg", "Meyediakan"):
    {word: (the other word, row, column)}, lower case."""
    baris_kata: dict[str, set[int]] = defaultdict(set)
    tempat: dict[str, tuple[int, str]] = {}
    for kunci in KOLOM_KATA:
        baris_teks: dict[str, list[int]] = defaultdict(list)  # a text's rows: its words found once however many
        for i, x in enumerate(k.rapi(kunci)):  # rows repeat it
            baris_teks[x].append(i)
        for x, baris in baris_teks.items():
            for w in map(str.lower, _KATA_MIRIP.findall(x)):
                baris_kata[w].update(baris)
                tempat.setdefault(w, (baris[0], kunci))  # its first row: texts come in the order of theirs
    semua = sorted(baris_kata)
    calon = _calon_mirip(semua)
    dilaporkan: set[frozenset] = set()
    mirip: dict[str, tuple[str, int, str]] = {}
    for w in semua:
        if len(baris_kata[w]) > 1 or len(w) < 5:
            continue
        for lain in calon(w):  # the words the test below may accept, in the order of `semua`
            if lain == w or frozenset((w, lain)) in dilaporkan or _berimbuhan(w, lain) or _berimbuhan(lain, w):
                continue
            tambahan = w[len(lain) :] if w.startswith(lain) else None
            if _salah_ketik(w, lain) or (tambahan and len(tambahan) <= BEDA_MAKS):
                dilaporkan.add(frozenset((w, lain)))
                mirip[w] = (lain, *tempat[w])
                break
    return mirip


def _ejaan(k: _Konteks, mirip: dict[str, tuple[str, int, str]]) -> set[str]:
    """Words of the IKU texts that the Indonesian dictionary does not know (see ejaan.py): one finding
    per word, at its first cell, with Hunspell's suggestions and the workbook's similar word (_kata_mirip).
    Returns the words reported, lower case."""
    dok = k.dok
    kolom = [(kunci, k.rapi(kunci)) for kunci in KOLOM_KATA]
    teks = [(i, kunci, rapi[i]) for i, _ in dok.baris_aktif() for kunci, rapi in kolom if rapi[i]]
    jalur = ejaan.jalur()
    sebab = ejaan.sebab_tidak_ada(jalur)
    if sebab:
        if teks:
            k.tambah(
                IKU,
                k.tata.sel("indikator", BARIS_KEPALA),
                "EJAAN_TIDAK_DIPERIKSA",
                f"ejaan teks IKU tidak diperiksa dengan kamus: {sebab}",
            )
        return set()
    milik = [
        *(v for daftar in dok.daftar.values() for v in daftar),
        *(dok.pengaturan.get(kunci) for kunci in ("instansi", "wilayah", "urusan")),
    ]
    boleh = {w.lower().rstrip(".") for x in milik for w in ejaan.kata_teks(teks_rapi(x))}
    tempat: dict[str, list[tuple[int, str]]] = defaultdict(list)
    tulisan: dict[str, str] = {}
    asing: dict[str, list[str]] = {}  # a text's unknown words, looked up once however many rows repeat it
    for i, kunci, t in teks:
        if t not in asing:
            asing[t] = ejaan.tidak_dikenal(t, boleh, jalur)
        for kata in asing[t]:
            tulisan.setdefault(kata.lower(), kata)
            tempat[kata.lower()].append((i, kunci))
    dekat = KODE["EJAAN_TIDAK_DIKENAL"].ambang
    serupa = {lain: w for w, (lain, _, _) in mirip.items()} | {w: lain for w, (lain, _, _) in mirip.items()}
    for n, (w, sel) in enumerate(tempat.items()):
        kata = tulisan[w]
        saran = [_huruf_seperti(serupa[w], kata)] if w in serupa else []
        if n < ejaan.MAKS_KATA_BERSARAN:  # Hunspell's far guesses ("Komedian" for "Meyediakan") are left out
            saran += [s for s in ejaan.saran(jalur, kata) if SequenceMatcher(None, w, s.lower()).ratio() >= dekat]
        sel = list(dict.fromkeys(k.sel_iku(i, kunci) for i, kunci in sel))
        k.tambah(IKU, sel[0], "EJAAN_TIDAK_DIKENAL", _pesan_ejaan(kata, saran, sel[1:]), k.rapi("kode")[tempat[w][0][0]])
    return set(tempat)


def _teks_panjang(k: _Konteks) -> None:
    """IKU texts longer than an Excel cell holds: the sheets ikuxl writes carry them cut."""
    for i, b in enumerate(k.dok.iku):
        for kunci, x in b.items():
            if isinstance(x, str) and len(x) > BATAS_TEKS:
                k.tambah(
                    IKU,
                    k.sel_iku(i, kunci),
                    "TEKS_TERLALU_PANJANG",
                    f"teks {len(x):,} karakter melebihi batas Excel {BATAS_TEKS:,} karakter per sel; "
                    "lembar yang ditulis ikuxl memuatnya terpotong: ringkas teksnya",
                    teks_rapi(b.get("kode")),
                )


def _ketikan(k: _Konteks, dipindah) -> None:
    """Values typed over ikuxl's formulas: those this run moved to their input cell, and what the next
    Hitung Capaian does with the others (moves them, or stops)."""
    for x, sudah in [*((x, True) for x in dipindah), *((x, False) for x in ketikan.cari(k.dok))]:
        if x.tujuan:
            tujuan, nanti = ketikan.sel_iku(k.dok, x.tujuan), "" if sudah else " saat Hitung Capaian (ikuxl recalc)"
            indikator = teks_rapi(k.dok.iku[x.tujuan[0]].get("kode"))
            k.tambah(x.lembar, x.sel, "KETIKAN_DIPINDAH", f"{x.uraian}: dipindah ke {tujuan}{nanti}", indikator)
        else:
            k.tambah(
                x.lembar,
                x.sel,
                "KETIKAN_DI_RUMUS",
                f"{x.uraian}: tidak ada tempat yang pasti ({x.sebab}); Hitung Capaian dan ikuxl recalc menolak berkas ini",
            )


# --- helpers -----------------------------------------------------------------------------------


def _pesan_ejaan(kata: str, saran: list[str], sel_lain: list[str]) -> str:
    juga = f" (juga di sel {', '.join(sel_lain[:5])}{f' dan {len(sel_lain) - 5} sel lain' if len(sel_lain) > 5 else ''})"
    pesan = f'kata "{kata}"{juga if sel_lain else ""} tidak ada di kamus bahasa Indonesia: '
    kutip = [f'"{s}"' for s in dict.fromkeys(saran) if s.lower() != kata.lower()][:3]
    if not kutip:
        return pesan + "salah ketik? Abaikan bila ejaannya benar (nama atau istilah)"
    return pesan + f"maksudnya {', '.join(kutip[:-1]) + ' atau ' if len(kutip) > 1 else ''}{kutip[-1]}?"


def _huruf_seperti(kata: str, contoh: str) -> str:
    """`kata` written in the capitals of `contoh`: all capitals, a capital first letter, or as it is."""
    if contoh.isupper():
        return kata.upper()
    return kata[:1].upper() + kata[1:] if contoh[:1].isupper() else kata


def _tampil(target) -> str:
    """A computed target in a message: a number as Indonesians write it, a range as Realisasi shows it."""
    return format_angka(target, 2) if adalah_angka(target) else str(target)


def _setengah_digit(x: float) -> float:
    """Half a unit of the last decimal a number was written with (98.52 → 0.005): its rounding."""
    teks = repr(float(x))
    desimal = len(teks.split(".")[1].rstrip("0")) if "." in teks and "e" not in teks else 0
    return 0.5 * 10**-desimal + 1e-9


def _cocok_terbit(terbit: float, c: float) -> bool:
    """A published capaian is c rounded, or cut (truncated), to the decimals it was published with: tables
    publish either, and neither is a difference."""
    if abs(terbit - c) <= _setengah_digit(terbit):
        return True
    desimal = Decimal(repr(float(terbit))).normalize().as_tuple().exponent
    langkah = Decimal(1).scaleb(min(int(desimal), 0))
    return Decimal(repr(float(c))).quantize(langkah, ROUND_DOWN) == Decimal(repr(float(terbit))).quantize(langkah)


def _aturan_lain(v: dict, b: _Baris) -> list[tuple[str, float | None]]:
    """Capaian from the same year's target and realisasi by the rules agencies also use."""
    t, r = v["bawah_sd"], v["realisasi_tahunan"]
    if not (adalah_angka(t) and adalah_angka(r)):
        return []
    if adalah_angka(v["atas_sd"]) and t < v["atas_sd"]:
        t = (t, v["atas_sd"])  # a range target
    pol, met = b.polaritas, b.metode
    lain = [
        ("capaian negatif tidak dijadikan 0", hitung_capaian(t, r, pol, met, lantai=None).nilai),
        ("capaian dibatasi 100", hitung_capaian(t, r, pol, met, 100).nilai),
        ("capaian dibatasi 120", hitung_capaian(t, r, pol, met, 120).nilai),
        ("capaian tanpa batas atas", hitung_capaian(t, r, pol, met).mentah),
        ("polaritas positif (realisasi / target × 100)", hitung_capaian(t, r, "positif").mentah),
        ("polaritas negatif, metode standar", hitung_capaian(t, r, "negatif", "standar").mentah),
        ("polaritas negatif, metode kebalikan (target / realisasi × 100)", hitung_capaian(t, r, "negatif", "kebalikan").mentah),
    ]
    return [(nama, c) for nama, c in lain if c is not None]


AKHIRAN = {"nya", "an", "kan", "i", "lah", "kah", "pun", "s"}  # Indonesian endings, not typos


def _berimbuhan(kata: str, dasar: str) -> bool:
    return kata.startswith(dasar) and kata[len(dasar) :] in AKHIRAN


_NOMOR = re.compile(r"\b(?:\d+|[ivx]+)\b")  # numbering: 1, 2, 10; i, ii, iv (texts come casefolded)


# a slip of the keyboard (KATA_MIRIP; LABEL_MIRIP's entry holds the same rule): at most BEDA_MAKS characters differ,
# SequenceMatcher ratio ≥ RASIO_MIN; _calon_mirip's index is built on them
BEDA_MAKS, RASIO_MIN = KODE["KATA_MIRIP"].ambang.beda, KODE["KATA_MIRIP"].ambang.rasio


def _salah_ketik(a: str, b: str) -> bool:
    """Two texts that differ by a slip of the keyboard: at most BEDA_MAKS characters, same first letter;
    not when they differ only in their numbers (Kepala Bidang 1 and 2, Seksi I and II)."""
    if a == b or a[:1] != b[:1] or abs(len(a) - len(b)) > BEDA_MAKS:  # a longer one differs in more characters
        return False
    if _NOMOR.sub("#", a) == _NOMOR.sub("#", b):
        return False
    m = SequenceMatcher(None, a, b)
    if m.quick_ratio() < RASIO_MIN:  # an upper bound of ratio(), much cheaper
        return False
    beda = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in m.get_opcodes() if op != "equal")
    return beda <= BEDA_MAKS and m.ratio() >= RASIO_MIN


PANJANG_INDEKS = 19  # longer words (rare: pertanggungjawabannya) would have too many deletions: found by pieces


def _cocok_min(la: int, lb: int) -> int:
    """The fewest letters two texts of these lengths share when _salah_ketik accepts them; 0: it cannot.
    SequenceMatcher's M matching letters give ratio 2M / (la + lb), and `beda` counts at least the
    max(la, lb) - M letters of the longer text outside them."""
    cocok = max(la, lb) - BEDA_MAKS
    while 2.0 * cocok / (la + lb) < RASIO_MIN:  # as difflib computes ratio
        cocok += 1
    return cocok if cocok <= min(la, lb) else 0


def _tanpa(kata: str, n: int) -> set[str]:
    """`kata` with n of its letters after the first deleted, every way."""
    hasil = [(kata, 1)]
    for _ in range(n):  # each deletion right of the one before: every choice of letters once
        hasil = [(v[:i] + v[i + 1 :], i) for v, awal in hasil for i in range(awal, len(v))]
    return {v for v, _ in hasil}


def _potongan(n: int) -> list[tuple[int, int]]:
    """(start, end) of the BEDA_MAKS + 1 even pieces of a text of n letters."""
    batas = [j * n // (BEDA_MAKS + 1) for j in range(BEDA_MAKS + 2)]
    return list(zip(batas, batas[1:]))


def _calon_mirip(semua: list[str]):
    """For _kata_mirip: a function giving, for a word, the words of `semua` that _salah_ketik may accept with it
    or that it extends by 1 to BEDA_MAKS (3) letters, sorted, without comparing all pairs (for 5,000 indicators
    that took hours). Two words _salah_ketik accepts share their first letter and c = _cocok_min letters in order,
    so a common subsequence of exactly c letters that keeps the first (some longest one does): each word is that
    subsequence plus (its length - c) deleted letters, at most BEDA_MAKS. The shorter word of each pair is filed
    under its few deletions (0–2 up to PANJANG_INDEKS letters), and the longer one looks its own up. Beyond that:
    the two are at most BEDA_MAKS edits apart (`beda` counts them), so one of the BEDA_MAKS + 1 pieces of one is
    untouched, in the other at most BEDA_MAKS letters from where it was."""
    ada = set(semua)
    pendek = [w for w in semua if len(w) <= PANJANG_INDEKS]
    indeks: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))  # by the word's length
    for w in pendek:
        for c in {_cocok_min(len(w), n) for n in range(len(w), len(w) + BEDA_MAKS + 1)} - {0}:
            for v in _tanpa(w, len(w) - c):
                indeks[len(w)][v].append(w)
    pasangan: dict[str, set[str]] = defaultdict(set)
    for w in pendek:
        varian: dict[int, set[str]] = {}
        for n in range(len(w) - BEDA_MAKS, len(w) + 1):  # the shorter words
            if n in indeks and (c := _cocok_min(len(w), n)):
                if c not in varian:
                    varian[c] = _tanpa(w, len(w) - c)
                for x in {x for v in varian[c] for x in indeks[n].get(v, ())} - {w}:
                    pasangan[w].add(x)
                    pasangan[x].add(w)
    potongan: dict[tuple, list[str]] = defaultdict(list)  # the words beside a longer one
    for w in semua:
        if len(w) > PANJANG_INDEKS - BEDA_MAKS:
            for j, (a, b) in enumerate(_potongan(len(w))):
                potongan[w[0], len(w), j, w[a:b]].append(w)

    def calon(k: str) -> list[str]:
        hasil = pasangan.get(k, set()) | ({k[:-t] for t in range(1, BEDA_MAKS + 1)} & ada)  # k: one of them + ending
        for n in range(len(k) - BEDA_MAKS, len(k) + BEDA_MAKS + 1):
            if max(n, len(k)) > PANJANG_INDEKS:
                for j, (a, b) in enumerate(_potongan(n)):
                    for geser in range(max(-BEDA_MAKS, -a), min(BEDA_MAKS, len(k) - b) + 1):
                        hasil.update(potongan.get((k[0], n, j, k[a + geser : b + geser]), ()))
        return sorted(hasil)

    return calon


def _urut_sel(sel: str) -> tuple[int, str]:
    huruf = re.match(r"[A-Z]+", sel)
    angka = re.search(r"\d+", sel)
    return (int(angka.group()) if angka else 0, huruf.group().rjust(3) if huruf else "")
