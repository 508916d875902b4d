"""Ringkasan and Validasi: the summary sheet and the sheet of findings.

The summary cells are formulas over the Realisasi sheet's prepared rows, so they stay
live in Excel (averages, counts, and the list of indicators that need attention), each
with the value ikuxl computed. The groups (sasaran, jabatan, bidang) are those of the
last Perbarui Ringkasan. Charts stand below the tables, one per printed page; a manual
page break stands before a table that would start at a page's foot (putus_tabel).
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass
from statistics import fmean

from .alamat import huruf_kolom, kutip_lembar, nomor_kolom, pisah_sel

from .capaian import Skala
from .dokumen import Dokumen
from .hitung import Hitungan
from .kolom import KATEGORI_TDD, PESAN, kategori_excel, kategori_sel, teks_sel
from .nilai import adalah_angka
from .temuan import GALAT, INFO, PERINGATAN, Temuan
from .plan import A4, BARIS_POLA, BARIS_POLA_ATAS, LembarPlan, Rumusan, judul_lembar, rumus_pola
from .rumus import teks_excel
from .workbook.lembar_xml import (
    LEBAR_LABEL,
    TEPI_ATAS,
    TINGGI_BAKU,
    baris_grafik,
    cetak_kolom,
    gabung_judul,
    garis_label,
    tinggi_baris,
)
from .skema import (
    BARIS_DATA,
    BARIS_KEPALA,
    BARIS_SUBJUDUL,
    FORMAT_PERSEN,
    REALISASI,
    RINGKASAN,
    TRIWULAN,
    VALIDASI,
    Tata,
    tata_realisasi,
)

BELUM_ADA = "belum ada capaian"
BELUM_ADA_DATA = " — belum ada data"


@dataclass(frozen=True)
class Grafik:
    """A bar chart of one column of a table on the same sheet, in its own block of rows: a page
    break above it, its title in the block's first cell (column A), the chart just below."""

    judul: str  # as its title cell shows it now
    kategori: tuple[int, int, int]  # column, first row, last row (its labels)
    nilai: tuple[int, int, int]  # column, header row, last row
    blok: int  # the block's first row
    sumbu: str = "Capaian (%)"
    jumlah: int = 0  # a chart of counts: the largest count there can be (whole-number ticks); 0 for capaian
    garis: int = 1  # lines of the longest label

    @property
    def sel(self) -> str:
        """The chart's top-left anchor."""
        return f"A{self.blok + 1}"


CADANGAN_BARIS = 2  # rows of a page left spare below a table's start: a rendering a little taller than estimated
TAMBAHAN_DAFTAR = 20  # rows of the perlu-perhatian list beyond the indicators at the last run
KOLOM_NOMOR, KOLOM_LABEL, KOLOM_POSISI = 8, 9, 10  # hidden helpers: perlu-perhatian numbers, chart labels, rows


def _label_grafik(teks: object, garis: int) -> str:
    """A label wrapped to lines that fit beside the bars, at most `garis` (the rest cut with …):
    the table above the chart holds the whole name."""
    baris = textwrap.wrap(str(teks), LEBAR_LABEL) or [""]
    if len(baris) > garis:
        baris = baris[:garis]
        baris[-1] = baris[-1][: LEBAR_LABEL - 1] + "…"
    return "\n".join(baris)


def putus_tabel(tabel: list[tuple[int, int, int]], tinggi: dict[int, float], ruang: float) -> list[int]:
    """The rows that start a printed page so that no table starts at a page's foot with its rows on the next:
    a break before a table when its start and first two rows do not fit in what remains of the page with
    CADANGAN_BARIS rows to spare (a rendering a little taller cannot strand its header), or when the whole table
    would fit on a page but not in what remains; and where the page would break by itself just above a table
    (within those spare rows), the break made there for good (a rendering a little shorter cannot pull the
    table's start back to the page before). A table longer than a page continues on the next without its header.
    `tabel`: each table's first row (title or header), first row of data and last row printed, top down;
    `tinggi`: the rows' heights (points) where not TINGGI_BAKU; `ruang`: a page's height for rows (points, the
    sheet's scale taken out)."""

    def h(r: int) -> float:
        return tinggi.get(r, TINGGI_BAKU)

    cadangan = CADANGAN_BARIS * TINGGI_BAKU
    putus: list[int] = []
    halaman, y, baris = 1, 0.0, 1  # the row that starts the page; the height of its rows above `baris`
    for awal, data, akhir in tabel:
        for r in range(baris, awal):  # the rows above the table, the page breaking where it is full
            if y + h(r) > ruang:
                halaman, y = r, 0.0
            y += h(r)
        baris = awal
        kepala = sum(map(h, range(awal, min(data + 1, akhir) + 1)))  # its start and first two rows
        seluruh = sum(map(h, range(awal, akhir + 1)))
        if y and (y + kepala + cadangan > ruang or y + seluruh > ruang >= seluruh):
            putus.append(awal)
            halaman, y = awal, 0.0
        elif halaman > 1 and y <= cadangan and halaman not in putus:
            putus.append(halaman)
    return putus


def _putus_ringkasan(l: LembarPlan, tabel: list[tuple[int, int, int]]) -> list[int]:
    """putus_tabel for Ringkasan as printed: the scale, margins and row heights lembar_xml writes."""
    skala, putus_kolom = cetak_kolom(l)
    tinggi = {**tinggi_baris(l, gabung_judul(l, putus_kolom)), **l.tinggi}
    ruang = ((A4[1] if l.tegak else A4[0]) - 2 * TEPI_ATAS * 72) * 100 / skala
    return putus_tabel(tabel, tinggi, ruang)


def letakkan_grafik(l: LembarPlan, grafik: list[tuple], baris: int, kolom_label: int = KOLOM_LABEL) -> int:
    """Each chart below the tables in its own block of rows, from `baris` on: a title cell that says
    "belum ada data" (live) while its column has none, then the chart. `grafik` holds (judul, value
    column, header row, labels, values, axis title, largest count or 0): the table's rows from just
    below its header, and what its cells hold. Returns the row below."""
    l.tersembunyi.add(kolom_label)
    for judul, kol, kepala, label_tabel, nilai, sumbu, jumlah in grafik:
        akhir = kepala + len(label_tabel)
        label = [_label_grafik("" if x is None else x, garis_label(akhir - kepala)) for x in label_tabel]
        for r, teks in enumerate(label, start=kepala + 1):
            l.tulis(r, kolom_label, teks, "biasa")
        rentang = f"{huruf_kolom(kol)}{kepala + 1}:{huruf_kolom(kol)}{akhir}"
        if jumlah:  # counts are numbers even when there is nothing to count
            kosong, kosong_excel = not any(adalah_angka(v) and v for v in nilai), f"SUM({rentang})=0"
        else:
            kosong, kosong_excel = not any(adalah_angka(v) for v in nilai), f"COUNT({rentang})=0"
        judul_kini = judul + (BELUM_ADA_DATA if kosong else "")
        l.tulis(baris, 1, Rumusan(f'{teks_excel(judul)}&IF({kosong_excel},{teks_excel(BELUM_ADA_DATA)},"")', judul_kini), "label")
        g = Grafik(
            judul_kini,
            (kolom_label, kepala + 1, akhir),
            (kol, kepala, akhir),
            baris,
            sumbu,
            jumlah,
            max(t.count("\n") + 1 for t in label),
        )
        l.grafik.append(g)
        baris += baris_grafik(g) + 1
    return baris


def _rentang(tr: Tata, kunci: str, akhir: int) -> str:
    return f"{kutip_lembar(REALISASI)}!{tr.sel(kunci, BARIS_DATA, True)}:{tr.sel(kunci, akhir, True)}"


def _kriteria(teks: str) -> str:
    """An exact-match criterion for AVERAGEIFS/COUNTIFS: no wildcards, no operators."""
    return "=" + teks.replace("~", "~~").replace("*", "~*").replace("?", "~?")


def _rata(nilai: list[object]) -> object:
    angka = [v for v in nilai if adalah_angka(v)]
    return fmean(angka) if angka else BELUM_ADA


def _rata_excel(rentang: str) -> str:
    return f"IFERROR(AVERAGE({rentang}),{teks_excel(BELUM_ADA)})"


def lembar_ringkasan(dok: Dokumen, hasil: Hitungan, ref_pita) -> LembarPlan:
    l = LembarPlan(RINGKASAN, lindungi=True, warna_tab="C55A11")
    judul_lembar(l, f"RINGKASAN CAPAIAN KINERJA TAHUN {dok.tahun}", dok)
    tr, skala = tata_realisasi(), hasil.skala
    akhir = max(hasil.akhir, BARIS_DATA)
    kol = {
        k: hasil.kolom(k)
        for k in (
            "hidup",
            "kode",
            "indikator",
            "capaian",
            "kategori",
            "sasaran",
            "jabatan",
            "bidang",
            "perhatian",
            *[f"capaian_tw{q}" for q in range(1, 5)],
        )
    }
    ada = [i for i, h in enumerate(kol["hidup"]) if h is True]  # the prepared rows of indicators in force
    capaian = _rentang(tr, "capaian", akhir)
    l.lebar.update({1: 48, 2: 14, 3: 16, 4: 30, 5: 3})
    grafik = []  # placed below the tables
    tabel = []  # each table's first row and first row of data (putus_tabel)
    r = BARIS_KEPALA

    def kepala(*judul):
        nonlocal r
        for c, j in enumerate(judul, start=1):
            l.tulis(r, c, j, "kepala")
        r += 1
        tabel.append((r - 1, r))

    def baris_kategori(c: int, sel_nilai: str, nilai: object) -> None:
        l.tulis(r, c, Rumusan(kategori_excel(sel_nilai, skala), kategori_sel(nilai, skala)), "rumus")

    kepala("Capaian instansi", "Nilai", "Kategori", "Cakupan")
    rata = _rata([kol["capaian"][i] for i in ada])
    jumlah, terhitung = len(ada), sum(adalah_angka(kol["capaian"][i]) for i in ada)
    l.tulis(r, 1, "Rata-rata capaian seluruh indikator (%)", "label")
    l.tulis(r, 2, Rumusan(_rata_excel(capaian), rata), "rumus", FORMAT_PERSEN)
    baris_kategori(3, f"B{r}", rata)
    # the average is of the indicators with a capaian only: say how many of how many
    l.tulis(
        r,
        4,
        Rumusan(f'B{r + 2}&" dari "&B{r + 1}&" indikator terhitung"', f"{terhitung} dari {jumlah} indikator terhitung"),
        "rumus",
    )
    r += 1
    l.tulis(r, 1, "Jumlah indikator", "label")
    l.tulis(r, 2, Rumusan(f"COUNTIF({_rentang(tr, 'hidup', akhir)},TRUE)", jumlah), "rumus")
    r += 1
    l.tulis(r, 1, "Indikator dengan capaian terhitung", "label")
    l.tulis(r, 2, Rumusan(f"COUNT({capaian})", terhitung), "rumus")
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
            if kol[kunci][i] not in (None, ""):
                nama = str(kol[kunci][i])
                kelompok.setdefault(nama.casefold(), (nama, []))[1].append(i)
        if not kelompok:
            continue
        kepala(f"Capaian per {judul}", "Rata-rata (%)", "Kategori", "Jumlah indikator")
        awal, rata_kelompok = r, []
        rentang_k = _rentang(tr, kunci, akhir)
        for nama, anggota in kelompok.values():
            nilai = _rata([kol["capaian"][i] for i in anggota])
            rata_kelompok.append(nilai)
            l.tulis(r, 1, nama, "biasa")
            kriteria = teks_excel(_kriteria(nama))
            if len(nama) <= 250:
                l.tulis(
                    r,
                    2,
                    Rumusan(f"IFERROR(AVERAGEIFS({capaian},{rentang_k},{kriteria}),{teks_excel(BELUM_ADA)})", nilai),
                    "rumus",
                    FORMAT_PERSEN,
                )
                l.tulis(r, 4, Rumusan(f"COUNTIFS({rentang_k},{kriteria})", len(anggota)), "rumus")
            else:  # longer than a criterion may be: a snapshot
                l.tulis(r, 2, nilai, "rumus", FORMAT_PERSEN)
                l.tulis(r, 4, len(anggota), "rumus")
            baris_kategori(3, f"B{r}", nilai)
            r += 1
        grafik.append(
            (f"Rata-rata capaian per {judul}", 2, awal - 1, [n for n, _ in kelompok.values()], rata_kelompok, "Capaian (%)", 0)
        )
        r += 1

    kepala("Jumlah indikator per kategori", "Jumlah")
    awal = r
    label = [p.label for p in skala.pita] + [KATEGORI_TDD]
    kategori = _rentang(tr, "kategori", akhir)
    banyak = Counter(str(kol["kategori"][i]).casefold() for i in ada)
    # each band's label as Referensi has it now (renamed there, counted here at once), compared whole
    for nama, rumus in zip(label, [*ref_pita, "Pesan_Kategori_Tidak_Dihitung"]):
        l.tulis(r, 1, Rumusan(rumus, nama), "biasa")
        l.tulis(r, 2, Rumusan(f"SUMPRODUCT(--({kategori}=A{r}))", banyak[nama.casefold()]), "rumus")
        r += 1
    grafik.append(
        (
            "Jumlah indikator per kategori",
            2,
            awal - 1,
            label,
            [banyak[n.casefold()] for n in label],
            "Jumlah indikator",
            max(len(ada), 1),
        )
    )
    r += 1
    tabel.append((r, r + 2))  # the perlu-perhatian list: its title, its header, its rows
    r = _daftar_perhatian(l, r, kol, tr, akhir, skala)
    # each table ends a blank row above the next; the list, at the last row printed (the charts not yet placed)
    akhir_tabel = [a - 2 for a, _ in tabel[1:]] + [l.terpakai()[0]]
    letakkan_grafik(l, grafik, r + 1)
    # On paper: the tables on the first pages, each chart on a page of its own
    l.kelompok_cetak = [1] + sorted({nomor_kolom(pisah_sel(g.sel)[0]) for g in l.grafik})
    l.putus_baris = _putus_ringkasan(l, [(a, d, e) for (a, d), e in zip(tabel, akhir_tabel)])
    return l


def _alasan(capaian: object) -> object:
    """What the list shows in the capaian column: the number, or why there is none (its prefix left out)."""
    return capaian if adalah_angka(capaian) else str(capaian).replace(PESAN["Pesan_Awalan"], "")


def _daftar_perhatian(l: LembarPlan, r: int, kol: dict, tr: Tata, akhir: int, skala: Skala) -> int:
    """The indicators that need attention (Realisasi's Perlu Perhatian), live: a hidden helper column numbers
    them (on the prepared rows' numbers), another finds the k-th one's row, and row k of the list shows it.
    Returns the first row below the list."""
    rendah_ref = ["Pita_Terendah_2", "Pita_Terendah"][-len(skala.pita[-2:]) :] if skala.pita else []  # live, named
    bantu = huruf_kolom(KOLOM_NOMOR)
    l.tersembunyi.update((KOLOM_NOMOR, KOLOM_POSISI))
    l.tulis(BARIS_KEPALA, KOLOM_NOMOR, "Nomor perlu perhatian", "kepala")
    nomor, n = [], 0
    q = kutip_lembar(REALISASI) + "!"
    # one formula down the column (shared): this row's flag, the count of the numbers above
    berikut = f"COUNT(${bantu}${BARIS_KEPALA}:{bantu}{BARIS_POLA_ATAS})+1"
    l.bersama[KOLOM_NOMOR] = (BARIS_DATA, akhir, f'IF({q}{tr.huruf("perhatian")}{BARIS_POLA},{berikut},"")')
    for baris in range(BARIS_DATA, akhir + 1):
        perlu = kol["perhatian"][baris - BARIS_DATA] is True
        n += perlu
        nomor.append(n if perlu else None)
        l.tulis(baris, KOLOM_NOMOR, Rumusan(None, n if perlu else ""), "rumus")
    nomor_rentang = f"${bantu}${BARIS_DATA}:${bantu}${akhir}"
    sebab = f"kategori {' atau '.join(p.label for p in skala.pita[-2:])}, " if rendah_ref else ""
    band_excel = '&" atau "&'.join(rendah_ref)
    sebab_excel = f'"kategori "&{band_excel}&", "&' if rendah_ref else ""
    l.tulis(
        r,
        1,
        Rumusan(
            f'"Perlu perhatian: "&{sebab_excel}"capaian tidak dapat dihitung atau realisasi belum diisi"',
            f"Perlu perhatian: {sebab}capaian tidak dapat dihitung atau realisasi belum diisi",
        ),
        "label",
    )
    r += 1
    for c, j in enumerate(("Indikator", "Capaian (%)", "Kategori", "Kode"), start=1):
        l.tulis(r, c, j, "kepala")
    l.tulis(r, KOLOM_POSISI, "Baris Realisasi ke-", "kepala")
    r += 1
    posisi = {k: i for i, k in enumerate(nomor) if k is not None}
    # each column of the list one formula down its rows (shared), reading the row's place on Realisasi (KOLOM_POSISI)
    p = f"${huruf_kolom(KOLOM_POSISI)}{BARIS_POLA}"
    panjang = min(akhir - BARIS_DATA + 1, sum(h is True for h in kol["hidup"]) + TAMBAHAN_DAFTAR)
    awal, k = r, f"ROW()-{r - 1}"  # k: the list's k-th row

    def dari_realisasi(kunci: str) -> str:
        return f'IF({p}="","",INDEX({_rentang(tr, kunci, akhir)},{p})&"")'

    c = f"INDEX({_rentang(tr, 'capaian', akhir)},{p})"  # the number, or why there is none (without its prefix)
    tautan = f'"#{kutip_lembar(REALISASI)}!{tr.huruf("capaian")}"&({p}+{BARIS_DATA - 1})'
    pola = {
        KOLOM_POSISI: f'IF({k}>COUNT({nomor_rentang}),"",MATCH({k},{nomor_rentang},0))',
        1: dari_realisasi("indikator"),  # from the second row: the first says when the list is empty
        2: f'IF({p}="","",IF(ISNUMBER({c}),{c},SUBSTITUTE({c},Pesan_Awalan,"")))',
        3: dari_realisasi("kategori"),
        4: f'IF({p}="","",HYPERLINK({tautan},INDEX({_rentang(tr, "kode", akhir)},{p})&""))',
    }
    for kolom, rumus in pola.items():
        if awal + (kolom == 1) < awal + panjang:
            l.bersama[kolom] = (awal + (kolom == 1), awal + panjang - 1, rumus)
    # as many rows as indicators in force and room for new ones; a line below says how many more there are
    for k in range(1, panjang + 1):
        i = posisi.get(k)
        ada = i is not None
        l.tulis(r, KOLOM_POSISI, Rumusan(None, i + 1 if ada else ""), "rumus")
        if k == 1:  # the first row says when the list is empty
            teks = "Tidak ada indikator yang perlu perhatian."
            indikator = (
                f'IF({rumus_pola(p, r)}="",{teks_excel(teks)},INDEX({_rentang(tr, "indikator", akhir)},{rumus_pola(p, r)})&"")'
            )
            l.tulis(r, 1, Rumusan(indikator, teks_sel(kol["indikator"][i]) if ada else teks), "biasa")
        else:
            l.tulis(r, 1, Rumusan(None, teks_sel(kol["indikator"][i]) if ada else ""), "biasa")
        l.tulis(r, 2, Rumusan(None, _alasan(kol["capaian"][i]) if ada else ""), "biasa", FORMAT_PERSEN)
        l.tulis(r, 3, Rumusan(None, teks_sel(kol["kategori"][i]) if ada else ""), "biasa")
        l.tulis(r, 4, Rumusan(None, teks_sel(kol["kode"][i]) if ada else ""), "tautan")
        r += 1
    lebih = f"COUNT({nomor_rentang})-{panjang}"
    l.tulis(
        r,
        1,
        Rumusan(
            f'IF({lebih}>0,"… dan "&({lebih})&" indikator lain; lihat lembar Realisasi","")',
            f"… dan {n - panjang} indikator lain; lihat lembar Realisasi" if n > panjang else "",
        ),
        "biasa",
    )
    return r + 1


def _tautan(lembar: str, sel: str) -> str:
    return f"#{kutip_lembar(lembar)}!{sel}"


def lembar_validasi(dok: Dokumen, temuan: list[Temuan]) -> LembarPlan:
    l = LembarPlan(VALIDASI, lindungi=True, warna_tab="C00000", beku="A5", baris_cetak=f"{BARIS_KEPALA}:{BARIS_KEPALA}")
    judul_lembar(l, "HASIL VALIDASI", dok)
    jumlah = {t: sum(x.tingkat == t for x in temuan) for t in (GALAT, PERINGATAN, INFO)}
    l.tulis(
        BARIS_SUBJUDUL,
        1,
        f"{jumlah[GALAT]} galat, {jumlah[PERINGATAN]} peringatan, {jumlah[INFO]} info. "
        "Klik alamat sel untuk menuju selnya; sel bertanda merah (galat) atau jingga (peringatan).",
        "subjudul",
    )
    for c, (judul, lebar) in enumerate(
        (("No", 5), ("Tingkat", 11), ("Kode Temuan", 26), ("Lembar", 11), ("Sel", 8), ("Indikator", 10), ("Pesan", 90)), start=1
    ):
        l.tulis(BARIS_KEPALA, c, judul, "kepala")
        l.lebar[c] = lebar
    for n, t in enumerate(temuan, start=1):
        r = BARIS_KEPALA + n
        gaya = GALAT if t.tingkat == GALAT else PERINGATAN if t.tingkat == PERINGATAN else "biasa"
        for c, v in enumerate((n, t.tingkat, t.kode, t.lembar or None), start=1):
            l.tulis(r, c, v, gaya)
        if t.lembar:
            l.tulis(r, 5, t.sel, "tautan", tautan=_tautan(t.lembar, t.sel))
        else:  # a finding of the file, not of a cell (the xlwings Lite add-in's): nowhere to link to
            l.tulis(r, 5, None, "biasa")
        l.tulis(r, 6, t.indikator or None, "biasa")
        l.tulis(r, 7, t.pesan, "biasa")
    if not temuan:
        l.tulis(BARIS_KEPALA + 1, 1, "Tidak ada temuan.", "label")  # one line, running right: column A is narrow
    l.saring = f"A{BARIS_KEPALA}:G{BARIS_KEPALA + max(len(temuan), 1)}"
    return l
