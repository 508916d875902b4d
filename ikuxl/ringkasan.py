"""Ringkasan and Validasi: the summary sheet and the sheet of findings.

The summary cells are formulas over the Realisasi sheet where that keeps them live
in Excel (averages and counts), each with the value ikuxl computed; the list of
indicators that need attention is a snapshot refreshed by Perbarui Ringkasan.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import fmean

from openpyxl.utils import quote_sheetname

from .capaian import Skala
from .dokumen import Dokumen
from .kolom import KATEGORI_TDD, kategori_excel, kategori_sel
from .nilai import adalah_angka
from .periksa import GALAT, INFO, PERINGATAN, Temuan
from .plan import LembarPlan, Rumusan
from .rumus import TIDAK_DAPAT_DIHITUNG, teks_excel
from .susun import judul_lembar
from .skema import BARIS_DATA, BARIS_KEPALA, BARIS_SUBJUDUL, FORMAT_PERSEN, REALISASI, RINGKASAN, TRIWULAN, \
    VALIDASI, Tata, kolom_realisasi

BELUM_ADA = "belum ada capaian"
BANYAK_PERHATIAN = 10


@dataclass(frozen=True)
class Grafik:
    """A bar chart of one column of a table on the same sheet."""

    judul: str
    kategori: tuple[int, int, int]  # column, first row, last row
    nilai: tuple[int, int, int]  # column, header row, last row
    sel: str  # top-left anchor
    sumbu: str = "Capaian (%)"


def _rentang(tr: Tata, kunci: str, akhir: int) -> str:
    return f"{quote_sheetname(REALISASI)}!{tr.sel(kunci, BARIS_DATA, True)}:{tr.sel(kunci, akhir, True)}"


def _kriteria(teks: str) -> str:
    """An exact-match criterion for AVERAGEIFS/COUNTIFS: no wildcards, no operators."""
    return "=" + teks.replace("~", "~~").replace("*", "~*").replace("?", "~?")


def _nilai_kolom(realisasi: LembarPlan, tr: Tata, kunci: str, akhir: int) -> list[object]:
    hasil = []
    for r in range(BARIS_DATA, akhir + 1):
        s = realisasi.sel.get((r, tr.posisi[kunci]))
        v = s.nilai.nilai if s is not None and isinstance(s.nilai, Rumusan) else (s.nilai if s else None)
        hasil.append(v)
    return hasil


def _rata(nilai: list[object]) -> object:
    angka = [v for v in nilai if adalah_angka(v)]
    return fmean(angka) if angka else BELUM_ADA


def _rata_excel(rentang: str) -> str:
    return f"IFERROR(AVERAGE({rentang}),{teks_excel(BELUM_ADA)})"


def lembar_ringkasan(dok: Dokumen, realisasi: LembarPlan, skala: Skala, ref_pita) -> LembarPlan:
    l = LembarPlan(RINGKASAN, lindungi=True, warna_tab="C55A11")
    judul_lembar(l, f"RINGKASAN CAPAIAN KINERJA TAHUN {dok.tahun}", dok)
    tr = Tata(kolom_realisasi())
    akhir = max(BARIS_DATA + sum(1 for k in realisasi.sel if k[1] == 1 and k[0] >= BARIS_DATA) - 1, BARIS_DATA)
    kol = {k: _nilai_kolom(realisasi, tr, k, akhir) for k in
           ("kode", "indikator", "capaian", "kategori", "sasaran", "jabatan", "bidang",
            *[f"capaian_tw{q}" for q in range(1, 5)])}
    ada = [i for i, k in enumerate(kol["kode"]) if k is not None]
    capaian = _rentang(tr, "capaian", akhir)
    l.lebar.update({1: 48, 2: 14, 3: 16, 4: 18, 5: 3})
    r = BARIS_KEPALA

    def kepala(*judul):
        nonlocal r
        for c, j in enumerate(judul, start=1):
            l.tulis(r, c, j, "kepala")
        r += 1

    def baris_kategori(c: int, sel_nilai: str, nilai: object) -> None:
        l.tulis(r, c, Rumusan(kategori_excel(sel_nilai, skala, ref_pita), kategori_sel(nilai, skala)), "rumus")

    kepala("Capaian instansi", "Nilai", "Kategori")
    rata = _rata([kol["capaian"][i] for i in ada])
    l.tulis(r, 1, "Rata-rata capaian seluruh indikator (%)", "label")
    l.tulis(r, 2, Rumusan(_rata_excel(capaian), rata), "rumus", FORMAT_PERSEN)
    baris_kategori(3, f"B{r}", rata)
    r += 1
    l.tulis(r, 1, "Jumlah indikator", "label")
    l.tulis(r, 2, Rumusan(f"COUNTA({_rentang(tr, 'kode', akhir)})", len(ada)), "rumus")
    r += 1
    l.tulis(r, 1, "Indikator dengan capaian terhitung", "label")
    l.tulis(r, 2, Rumusan(f"COUNT({capaian})", sum(adalah_angka(kol["capaian"][i]) for i in ada)), "rumus")
    r += 2

    kepala("Capaian per triwulan", "Rata-rata (%)", "Kategori")
    for q in range(1, 5):
        nilai = _rata([kol[f"capaian_tw{q}"][i] for i in ada])
        l.tulis(r, 1, f"Triwulan {TRIWULAN[q - 1]}", "biasa")
        l.tulis(r, 2, Rumusan(_rata_excel(_rentang(tr, f"capaian_tw{q}", akhir)), nilai), "rumus", FORMAT_PERSEN)
        baris_kategori(3, f"B{r}", nilai)
        r += 1
    r += 1

    for kunci, judul in (("sasaran", "Sasaran"), ("jabatan", "Jabatan"), ("bidang", "Penanggung Jawab (Bidang)")):
        # one group per label regardless of case, as AVERAGEIFS and COUNTIFS match; shown as first written
        kelompok: dict[str, tuple[str, list[int]]] = {}
        for i in ada:
            if kol[kunci][i] is not None:
                nama = str(kol[kunci][i])
                kelompok.setdefault(nama.casefold(), (nama, []))[1].append(i)
        if not kelompok:
            continue
        kepala(f"Capaian per {judul}", "Rata-rata (%)", "Kategori", "Jumlah indikator")
        awal = r
        rentang_k = _rentang(tr, kunci, akhir)
        for nama, anggota in kelompok.values():
            nilai = _rata([kol["capaian"][i] for i in anggota])
            l.tulis(r, 1, nama, "biasa")
            kriteria = teks_excel(_kriteria(nama))
            if len(nama) <= 250:
                l.tulis(r, 2, Rumusan(f"IFERROR(AVERAGEIFS({capaian},{rentang_k},{kriteria}),{teks_excel(BELUM_ADA)})", nilai),
                        "rumus", FORMAT_PERSEN)
                l.tulis(r, 4, Rumusan(f"COUNTIFS({rentang_k},{kriteria})", len(anggota)), "rumus")
            else:  # longer than a criterion may be: a snapshot
                l.tulis(r, 2, nilai, "rumus", FORMAT_PERSEN)
                l.tulis(r, 4, len(anggota), "rumus")
            baris_kategori(3, f"B{r}", nilai)
            r += 1
        l.grafik.append(Grafik(f"Rata-rata capaian per {judul}", (1, awal, r - 1), (2, awal - 1, r - 1), ""))
        r += 1

    kepala("Jumlah indikator per kategori", "Jumlah")
    awal = r
    label = [p.label for p in skala.pita] + [KATEGORI_TDD]
    kategori = _rentang(tr, "kategori", akhir)
    jumlah = Counter(str(kol["kategori"][i]).casefold() for i in ada)
    for nama in label:
        l.tulis(r, 1, nama, "biasa")
        l.tulis(r, 2, Rumusan(f"COUNTIFS({kategori},{teks_excel(_kriteria(nama))})", jumlah[nama.casefold()]), "rumus")
        r += 1
    l.grafik.append(Grafik("Jumlah indikator per kategori", (1, awal, r - 1), (2, awal - 1, r - 1), "", "Jumlah indikator"))
    r += 1

    kepala("Perlu perhatian (diperbarui oleh Perbarui Ringkasan)", "Capaian (%)", "Kategori", "Kode")
    terendah = sorted((i for i in ada if adalah_angka(kol["capaian"][i])), key=lambda i: kol["capaian"][i])[:BANYAK_PERHATIAN]
    tidak = [i for i in ada if not adalah_angka(kol["capaian"][i])]
    for i in terendah + tidak:
        l.tulis(r, 1, kol["indikator"][i], "biasa")
        nilai = kol["capaian"][i]
        l.tulis(r, 2, nilai if adalah_angka(nilai) else str(nilai).removeprefix(f"{TIDAK_DAPAT_DIHITUNG}: "),
                "biasa", FORMAT_PERSEN)
        l.tulis(r, 3, kol["kategori"][i], "biasa")
        l.tulis(r, 4, kol["kode"][i], "biasa", tautan=_tautan(REALISASI, tr.sel("capaian", BARIS_DATA + i)))
        r += 1
    # the charts stand to the right of the tables
    for n, g in enumerate(l.grafik):
        l.grafik[n] = Grafik(g.judul, g.kategori, g.nilai, f"G{BARIS_KEPALA + 18 * n}", g.sumbu)
    return l


def _tautan(lembar: str, sel: str) -> str:
    return f"#{quote_sheetname(lembar)}!{sel}"


def lembar_validasi(dok: Dokumen, temuan: list[Temuan]) -> LembarPlan:
    l = LembarPlan(VALIDASI, lindungi=True, warna_tab="C00000", beku="A5", baris_cetak=f"{BARIS_KEPALA}:{BARIS_KEPALA}")
    judul_lembar(l, "HASIL VALIDASI", dok)
    jumlah = {t: sum(x.tingkat == t for x in temuan) for t in (GALAT, PERINGATAN, INFO)}
    l.tulis(BARIS_SUBJUDUL, 1, f"{jumlah[GALAT]} galat, {jumlah[PERINGATAN]} peringatan, {jumlah[INFO]} info. "
                               "Klik alamat sel untuk menuju selnya; sel bertanda merah (galat) atau jingga (peringatan).",
            "subjudul")
    for c, (judul, lebar) in enumerate((("No", 5), ("Tingkat", 11), ("Kode Temuan", 26), ("Lembar", 11), ("Sel", 8),
                                         ("Indikator", 10), ("Pesan", 90)), start=1):
        l.tulis(BARIS_KEPALA, c, judul, "kepala")
        l.lebar[c] = lebar
    for n, t in enumerate(temuan, start=1):
        r = BARIS_KEPALA + n
        gaya = GALAT if t.tingkat == GALAT else PERINGATAN if t.tingkat == PERINGATAN else "biasa"
        for c, v in enumerate((n, t.tingkat, t.kode, t.lembar), start=1):
            l.tulis(r, c, v, gaya)
        l.tulis(r, 5, t.sel, "tautan", tautan=_tautan(t.lembar, t.sel))
        l.tulis(r, 6, t.indikator or None, "biasa")
        l.tulis(r, 7, t.pesan, "biasa")
    if not temuan:
        l.tulis(BARIS_KEPALA + 1, 1, "Tidak ada temuan.", "isi")
    l.saring = f"A{BARIS_KEPALA}:G{BARIS_KEPALA + max(len(temuan), 1)}"
    return l
