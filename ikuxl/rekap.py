"""Rekap: many agencies' workbooks consolidated into one (the planning office's quarterly view).

A row per agency and indicator with capaian and kategori; averages per agency, per
urusan (the government affair an agency carries out, set on its Referensi sheet) and
per sasaran; the agencies whose workbook could not be read, has errors or reports no
realisasi; and charts. Each workbook is read and computed by the same core as recalc,
without being changed. Workbooks of one agency for different years (and the yearly
realisasi a workbook holds) give a series per indicator; the averages across agencies
take each agency's latest year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean

from .batch import di_pekerja
from .capaian import SKALA_PERMENDAGRI_86
from .dokumen import Dokumen
from .nilai import adalah_angka, format_angka, teks_rapi
from .periksa import periksa
from .temuan import GALAT
from .alamat import huruf_kolom
from .plan import PT_PER_LEBAR, LembarPlan, Plan
from .ringkasan import letakkan_grafik
from .skema import FORMAT_ANGKA, FORMAT_PERSEN
from .hitung import hitung
from .rakit import atur_area_cetak
from .workbook.baca import BacaError, baca_dokumen
from .workbook.lembar_xml import LEBAR_GRAFIK, jumlah_garis

EMU_PT = 12700  # EMU per point


@dataclass
class Instansi:
    berkas: str
    nama: str = ""
    urusan: str = ""
    galat: int = 0
    peringatan: int = 0
    publikasi_berbeda: int = 0  # published capaian that do not follow from the agency's own target and realisasi
    masalah: str = ""  # why it could not be read
    baris: list[dict] = field(default_factory=list)  # one per indicator
    tahun: int | None = None  # the reporting year of its workbook

    @property
    def capaian(self) -> list[float]:
        return [b["capaian"] for b in self.baris if adalah_angka(b["capaian"])]

    @property
    def kunci(self) -> str:
        """The agency, whatever the file: its workbooks of several years share it."""
        return " ".join(self.nama.split()).casefold()


KOLOM_BARIS = ("kode", "indikator", "satuan", "sasaran", "jabatan", "target_sd", "realisasi_tahunan", "capaian", "kategori")


def seri_tahunan(dok: Dokumen, i: int, v: dict) -> dict[int, tuple[object, object]]:
    """(realisasi, capaian) per year of the period for IKU row i, `v` its computed Realisasi row: the yearly
    block's (skema.kolom_tahunan: typed on IKU, or the reporting year's from its quarters), each capaian against
    that year's target by the row's own rules, as the workbook computes it; a year with no realisasi is left out."""
    seri = {}
    for ke, t in enumerate(dok.tahun_periode, 1):
        r, c = v.get(f"realisasi_t{ke}"), v.get(f"capaian_t{ke}")
        if adalah_angka(r):
            seri[t] = (r, c)
    return seri


def baca_instansi(path: Path) -> Instansi:
    path = Path(path)
    try:
        dok = baca_dokumen(path)
    except BacaError as e:
        return Instansi(path.name, path.stem, masalah=str(e))
    temuan, hasil = periksa(dok), hitung(dok)  # the findings and the computed rows; no sheets are laid out
    p = dok.pengaturan
    nama = " ".join(str(x) for x in (p.get("instansi"), p.get("wilayah")) if x) or path.stem
    return instansi_dari(dok, path.name, nama, temuan, hasil)


def instansi_dari(dok: Dokumen, berkas: str, nama: str, temuan: list, hasil) -> Instansi:
    """An agency's rekap rows from its Dokumen, its findings and its computed rows (sheet order)."""
    p = dok.pengaturan
    baris = []
    for i, _ in sorted(dok.baris_aktif(), key=lambda x: dok.baris_sheet(x[0])):
        v = hasil.dari_iku(dok, i)
        if v:
            baris.append({**{k: v[k] for k in KOLOM_BARIS}, "seri": seri_tahunan(dok, i, v)})
    return Instansi(
        berkas,
        nama,
        str(p.get("urusan") or "").strip(),
        sum(t.tingkat == GALAT for t in temuan),
        sum(t.tingkat == "peringatan" for t in temuan),
        sum(t.kode == "CAPAIAN_PUBLIKASI_BERBEDA" for t in temuan),
        baris=baris,
        tahun=dok.tahun,
    )


def kumpulkan(berkas: list[Path], jobs: int | None = None) -> list[Instansi]:
    """Every file read in child processes; one that crashes the reader is reported, the rest go on."""
    hasil = dict(di_pekerja(baca_instansi, [(Path(p),) for p in berkas], jobs, _instansi_mati))
    return [hasil[i] for i in range(len(berkas))]


def _instansi_mati(path: Path, sebab: str) -> Instansi:
    return Instansi(path.name, path.stem, masalah=f"{path.name}: {sebab}")


def _rata(nilai: list[float]) -> object:
    return fmean(nilai) if nilai else "belum ada capaian"


def _kategori(skala, rata: object, terhitung: int, jumlah: int) -> str:
    """An average's kategori; one over only some of the indicators says so: never a partial average alone."""
    kategori = skala.kategori(rata)
    if not adalah_angka(rata) or terhitung >= jumlah:
        return kategori
    return f"{kategori} (sebagian: rata-rata {terhitung} dari {jumlah} indikator)"


def terkini(instansi: list[Instansi]) -> list[Instansi]:
    """Each agency's latest year (its first file of that year): what the averages across agencies take."""
    pilih: dict[str, Instansi] = {}
    for i in instansi:
        if not i.masalah and (i.kunci not in pilih or (i.tahun or 0) > (pilih[i.kunci].tahun or 0)):
            pilih[i.kunci] = i
    return list(pilih.values())


def _tabel(
    l: LembarPlan, judul: list[tuple[str, float]], baris: list[list], format: dict[int, str] | None = None, ulang: int = 1
) -> None:
    for c, (j, lebar) in enumerate(judul, start=1):
        l.tulis(4, c, j, "kepala")
        l.lebar[c] = lebar
    garis = max(jumlah_garis(j, int(max(lebar - 1, 4))) for j, lebar in judul)  # headers wrap whole (bold: ~1 char/unit)
    if garis > 1:
        l.tinggi[4] = 15.0 * garis + 2
    for r, isi in enumerate(baris, start=5):
        for c, v in enumerate(isi, start=1):
            l.tulis(r, c, v, "biasa", (format or {}).get(c))
    l.beku, l.baris_cetak = "A5", "4:4"
    l.saring = f"A4:{huruf_kolom(len(judul))}{max(4 + len(baris), 5)}"
    # A4 at no less than lembar_xml.SKALA_MIN (11 pt → 7.7 pt; with a chart SKALA_MIN_GRAFIK): every column may start a page across, so a
    # table that fits the width at that scale is fitted, a wider one breaks between columns, its first `ulang`
    # (what names a row) repeated on each page
    l.kelompok_cetak, l.kolom_cetak = list(range(1, len(judul) + 1)), f"A:{huruf_kolom(ulang)}"


def _per_kelompok(l: LembarPlan, judul: str, kelompok: dict[str, list[tuple[str, object]]], skala) -> None:
    """A table of groups of indicators (by urusan, by sasaran): (agency, capaian) pairs per group."""
    baris = []
    for nama, isi in kelompok.items():
        angka = [c for _, c in isi if adalah_angka(c)]
        rata = _rata(angka)
        baris.append([nama, len({n for n, _ in isi}), len(isi), len(angka), rata, _kategori(skala, rata, len(angka), len(isi))])
    _tabel(
        l,
        [(judul, 50), ("Instansi", 10), ("Indikator", 10), ("Terhitung", 10), ("Rata-rata capaian (%)", 12), ("Kategori", 22)],
        baris,
        {5: FORMAT_PERSEN},
    )


def plan_rekap(instansi: list[Instansi]) -> Plan:
    skala = SKALA_PERMENDAGRI_86
    ringkas = LembarPlan("Rekap Instansi", warna_tab="1F4E79")
    ringkas.tulis(1, 1, "REKAP CAPAIAN IKU ANTARINSTANSI", "judul")
    terbaca = [i for i in instansi if not i.masalah]
    kini = terkini(instansi)
    bertahun = len(kini) < len(terbaca)  # an agency with several years: the averages take its latest
    semua = [c for i in kini for c in i.capaian]
    jumlah = sum(len(i.baris) for i in kini)
    rata_semua = f"{format_angka(fmean(semua), 2)}% ({len(semua)} dari {jumlah} indikator)" if semua else "belum ada capaian"
    ringkas.tulis(
        2,
        1,
        f"{len(instansi)} berkas, {len(terbaca)} terbaca; rata-rata capaian seluruh indikator"
        + (" (tahun terakhir setiap instansi)" if bertahun else "")
        + f": {rata_semua}",
        "subjudul",
    )
    baris = []
    for i in instansi:
        rata = _rata(i.capaian)
        status = i.masalah or ("ada galat" if i.galat else "belum ada realisasi" if not i.capaian else "lengkap")
        baris.append(
            [
                i.nama,
                i.urusan or None,
                i.berkas,
                len(i.baris),
                len(i.capaian),
                rata,
                _kategori(skala, rata, len(i.capaian), len(i.baris)),
                i.galat,
                i.peringatan,
                i.publikasi_berbeda,
                status,
                i.tahun,
            ]
        )
    _tabel(
        ringkas,
        [
            ("Instansi", 32),
            ("Urusan", 24),
            ("Berkas", 24),
            ("Indikator", 10),
            ("Terhitung", 10),
            ("Rata-rata capaian (%)", 11),
            ("Kategori", 20),
            ("Galat", 7),
            ("Peringatan", 11),
            ("Capaian publikasi berbeda", 11),
            ("Status", 30),
            ("Tahun", 7),
        ],
        baris,
        {6: FORMAT_PERSEN},
    )
    if baris:  # below the table, in a block of its own; "belum ada data" while no agency has a capaian
        kunci = [i.kunci for i in terbaca]
        ganda = {k for k in kunci if kunci.count(k) > 1}  # agencies with several files: their year tells them apart
        label = []
        for i in instansi:  # what tells the bars apart first: a label too long for its lines is cut at its end
            bagian = [str(i.tahun)] if i.kunci in ganda and i.tahun else []
            bagian += [f"{len(i.capaian)}/{len(i.baris)} indikator"] if i.capaian and len(i.capaian) < len(i.baris) else []
            label.append(f"{', '.join(bagian)}: {i.nama}" if bagian else i.nama)
        letakkan_grafik(
            ringkas,
            [("Rata-rata capaian per instansi", 6, 4, label, [b[5] for b in baris], "Capaian (%)", 0)],
            6 + len(baris),
            kolom_label=13,
        )
        # the chart below spans the first columns: no page break across it
        kiri = [sum(ringkas.lebar[c] for c in range(1, k)) * PT_PER_LEBAR for k in ringkas.kelompok_cetak]
        ringkas.kelompok_cetak = [k for k, x in zip(ringkas.kelompok_cetak, kiri) if k == 1 or x >= LEBAR_GRAFIK / EMU_PT]

    rinci = LembarPlan("Rekap Indikator", warna_tab="375623")
    rinci.tulis(1, 1, "CAPAIAN PER INSTANSI DAN INDIKATOR", "judul")
    baris = [
        [
            i.nama,
            i.tahun,
            i.berkas,
            b["kode"],
            b["indikator"],
            b["sasaran"],
            b["satuan"],
            b["target_sd"],
            b["realisasi_tahunan"],
            b["capaian"],
            b["kategori"],
        ]
        for i in terbaca
        for b in i.baris
    ]
    _tabel(
        rinci,
        [
            ("Instansi", 24),
            ("Tahun", 7),
            ("Berkas", 15),
            ("Kode", 9),
            ("Indikator", 33),
            ("Sasaran", 21),
            ("Satuan", 10),
            ("Target s.d. TW", 10),
            ("Realisasi s.d. TW", 10),
            ("Capaian (%)", 9),
            ("Kategori", 12),
        ],
        baris,
        {8: FORMAT_ANGKA, 9: FORMAT_ANGKA, 10: FORMAT_PERSEN},
    )

    lembar = [ringkas, rinci]
    seri = plan_seri(terbaca)
    if seri:
        lembar.append(seri)

    urusan = LembarPlan("Rekap Urusan", warna_tab="2F5597")
    urusan.tulis(1, 1, "RATA-RATA CAPAIAN PER URUSAN PEMERINTAHAN", "judul")
    urusan.tulis(
        2,
        1,
        "Rata-rata seluruh indikator instansi yang menjalankan urusan itu (urusan diisi di lembar Referensi)"
        + ("; tahun terakhir setiap instansi." if bertahun else "."),
        "subjudul",
    )
    kelompok: dict[str, list] = {}
    for i in kini:
        kelompok.setdefault(i.urusan or "(urusan belum diisi)", []).extend((i.nama, b["capaian"]) for b in i.baris)
    _per_kelompok(urusan, "Urusan", kelompok, skala)

    sasaran = LembarPlan("Rekap Sasaran", warna_tab="7F6000")
    sasaran.tulis(1, 1, "RATA-RATA CAPAIAN PER SASARAN (SEMUA INSTANSI)", "judul")
    if bertahun:
        sasaran.tulis(2, 1, "Tahun terakhir setiap instansi.", "subjudul")
    kelompok = {}
    for i in kini:
        for b in i.baris:
            kelompok.setdefault(str(b["sasaran"] or "(tanpa sasaran)"), []).append((i.nama, b["capaian"]))
    _per_kelompok(sasaran, "Sasaran", kelompok, skala)

    perhatian = LembarPlan("Perlu Tindak Lanjut", warna_tab="C00000")
    perhatian.tulis(1, 1, "INSTANSI YANG TIDAK LAPOR, BERKASNYA RUSAK, ATAU ADA GALAT", "judul")
    baris = [
        [i.nama, i.berkas, i.masalah or (f"{i.galat} galat validasi" if i.galat else "belum ada realisasi")]
        for i in instansi
        if i.masalah or i.galat or not i.capaian
    ]
    _tabel(perhatian, [("Instansi", 36), ("Berkas", 28), ("Masalah", 80)], baris)
    hasil = Plan([*lembar, urusan, sasaran, perhatian])
    for l in hasil.lembar:  # the rows in use; a title prints whole on the first page across only
        if l.baris_cetak:
            atur_area_cetak(l)
    return hasil


def seri(instansi: list[Instansi]) -> tuple[list[int], list[tuple[Instansi, dict, dict[int, tuple[object, object]]]]]:
    """The years and, per agency and indicator (by Kode and Indikator), its (realisasi, capaian) per year from all
    its workbooks. A year's value from the workbook reporting that year comes before a yearly realisasi another
    workbook holds for it, and a later workbook before an earlier one."""
    baris: dict[tuple[str, str, str], tuple[Instansi, dict, dict]] = {}
    urutan = sorted(instansi, key=lambda i: i.tahun or 0)
    for i in urutan:
        for b in i.baris:
            kunci = (i.kunci, teks_rapi(b["kode"]).casefold(), teks_rapi(b["indikator"]).casefold())
            if kunci not in baris:
                baris[kunci] = (i, b, {})
            per_tahun = baris[kunci][2]
            for t, nilai in b["seri"].items():
                if t == i.tahun or per_tahun.get(t, (None, None, False))[2] is False:
                    per_tahun[t] = (*nilai, t == i.tahun)
    tahun = sorted({t for _, _, s in baris.values() for t in s})
    return tahun, [(i, b, {t: v[:2] for t, v in s.items()}) for i, b, s in baris.values()]


def plan_seri(instansi: list[Instansi]) -> LembarPlan | None:
    """Rekap Antartahun: one row per agency and indicator, realisasi and capaian per year; only when the files
    hold more than one year."""
    tahun, baris = seri(instansi)
    if len(tahun) < 2:
        return None
    l = LembarPlan("Rekap Antartahun", warna_tab="548235")
    l.tulis(1, 1, "REALISASI DAN CAPAIAN PER TAHUN", "judul")
    l.tulis(
        2,
        1,
        "Per instansi dan indikator (Kode dan Indikator yang sama), dari workbook setiap tahun dan realisasi tahunan di lembar IKU.",
        "subjudul",
    )
    judul = [("Instansi", 26), ("Kode", 9), ("Indikator", 30), ("Satuan", 10)]
    format = {}
    for t in tahun:
        judul += [(f"Realisasi {t}", 10), (f"Capaian {t} (%)", 9)]
        format[len(judul) - 1], format[len(judul)] = FORMAT_ANGKA, FORMAT_PERSEN
    isi = [
        [i.nama, b["kode"], b["indikator"], b["satuan"], *(x for t in tahun for x in s.get(t, (None, None)))] for i, b, s in baris
    ]
    _tabel(l, judul, isi, format, ulang=3)  # a page across names the agency and the indicator
    return l


def peringatan(instansi: list[Instansi]) -> list[str]:
    """What makes a rekap mislead: agencies whose latest workbooks are of different reporting years, or one agency's
    year in two files. Several years of one agency are a series, not a warning."""
    hasil = []
    per_tahun: dict[int | None, list[str]] = {}
    for i in terkini(instansi):
        per_tahun.setdefault(i.tahun, []).append(i.berkas)
    if len(per_tahun) > 1:
        hasil.append(
            "berkas dari tahun pelaporan berbeda: "
            + "; ".join(f"{t}: {', '.join(b)}" for t, b in sorted(per_tahun.items(), key=lambda x: str(x[0])))
            + "; rekap antarinstansi ini mencampur tahun"
        )
    per_tahun_instansi: dict[tuple[str, int | None], list[Instansi]] = {}
    for i in instansi:
        if not i.masalah:
            per_tahun_instansi.setdefault((i.kunci, i.tahun), []).append(i)
    for sama in per_tahun_instansi.values():
        if len(sama) > 1:
            hasil.append(
                f"instansi {sama[0].nama} tahun {sama[0].tahun} ada di {len(sama)} berkas ({', '.join(i.berkas for i in sama)}): "
                f"dua laporan untuk satu tahun; rata-rata antarinstansi memakai {sama[0].berkas}"
            )
    return hasil
