"""Rekap: many agencies' workbooks consolidated into one (the planning office's quarterly view).

A row per agency and indicator with capaian and kategori; averages per agency, per
urusan (the government affair an agency carries out, set on its Referensi sheet) and
per sasaran; the agencies whose workbook could not be read, has errors or reports no
realisasi; and charts. Each workbook is read and computed by the same core as recalc,
without being changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean

from .batch import di_pekerja
from .capaian import SKALA_PERMENDAGRI_86
from .nilai import adalah_angka, format_angka
from .periksa import periksa
from .temuan import GALAT
from .plan import LembarPlan, Plan
from .ringkasan import letakkan_grafik
from .skema import FORMAT_ANGKA, FORMAT_PERSEN
from .hitung import hitung
from .workbook.baca import BacaError, baca_dokumen


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


def baca_instansi(path: Path) -> Instansi:
    path = Path(path)
    try:
        dok = baca_dokumen(path)
    except BacaError as e:
        return Instansi(path.name, path.stem, masalah=str(e))
    temuan, hasil = periksa(dok), hitung(dok)  # the findings and the computed rows; no sheets are laid out
    p = dok.pengaturan
    nama = " ".join(str(x) for x in (p.get("instansi"), p.get("wilayah")) if x) or path.stem
    baris = [
        {
            k: b[k]
            for k in (
                "kode",
                "indikator",
                "satuan",
                "sasaran",
                "jabatan",
                "target_sd",
                "realisasi_tahunan",
                "capaian",
                "kategori",
            )
        }
        for b in hasil.aktif()
    ]
    return Instansi(
        path.name,
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


def _tabel(l: LembarPlan, judul: list[tuple[str, float]], baris: list[list], format: dict[int, str] | None = None) -> None:
    for c, (j, lebar) in enumerate(judul, start=1):
        l.tulis(4, c, j, "kepala")
        l.lebar[c] = lebar
    for r, isi in enumerate(baris, start=5):
        for c, v in enumerate(isi, start=1):
            l.tulis(r, c, v, "biasa", (format or {}).get(c))
    l.beku, l.baris_cetak = "A5", "4:4"
    l.saring = f"A4:{chr(64 + len(judul))}{max(4 + len(baris), 5)}"


def _per_kelompok(l: LembarPlan, judul: str, kelompok: dict[str, list[tuple[str, object]]], skala) -> None:
    """A table of groups of indicators (by urusan, by sasaran): (agency, capaian) pairs per group."""
    baris = []
    for nama, isi in kelompok.items():
        angka = [c for _, c in isi if adalah_angka(c)]
        rata = _rata(angka)
        baris.append([nama, len({n for n, _ in isi}), len(isi), len(angka), rata, skala.kategori(rata)])
    _tabel(
        l,
        [(judul, 50), ("Instansi", 10), ("Indikator", 10), ("Terhitung", 10), ("Rata-rata capaian (%)", 14), ("Kategori", 16)],
        baris,
        {5: FORMAT_PERSEN},
    )


def plan_rekap(instansi: list[Instansi]) -> Plan:
    skala = SKALA_PERMENDAGRI_86
    ringkas = LembarPlan("Rekap Instansi", warna_tab="1F4E79")
    ringkas.tulis(1, 1, "REKAP CAPAIAN IKU ANTARINSTANSI", "judul")
    terbaca = [i for i in instansi if not i.masalah]
    semua = [c for i in terbaca for c in i.capaian]
    rata_semua = f"{format_angka(fmean(semua), 2)}%" if semua else "belum ada capaian"
    ringkas.tulis(
        2, 1, f"{len(instansi)} berkas, {len(terbaca)} terbaca; rata-rata capaian seluruh indikator: {rata_semua}", "subjudul"
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
                skala.kategori(rata),
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
            ("Instansi", 40),
            ("Urusan", 30),
            ("Berkas", 30),
            ("Indikator", 10),
            ("Terhitung", 10),
            ("Rata-rata capaian (%)", 14),
            ("Kategori", 16),
            ("Galat", 8),
            ("Peringatan", 10),
            ("Capaian publikasi berbeda", 14),
            ("Status", 50),
            ("Tahun", 8),
        ],
        baris,
        {6: FORMAT_PERSEN},
    )
    if baris:  # below the table, in a block of its own; "belum ada data" while no agency has a capaian
        letakkan_grafik(
            ringkas,
            [("Rata-rata capaian per instansi", 6, 4, [b[0] for b in baris], [b[5] for b in baris], "Capaian (%)", 0)],
            6 + len(baris),
            kolom_label=13,
        )

    rinci = LembarPlan("Rekap Indikator", warna_tab="375623")
    rinci.tulis(1, 1, "CAPAIAN PER INSTANSI DAN INDIKATOR", "judul")
    baris = [
        [
            i.nama,
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
            ("Instansi", 36),
            ("Kode", 10),
            ("Indikator", 44),
            ("Sasaran", 30),
            ("Satuan", 10),
            ("Target s.d. TW", 12),
            ("Realisasi s.d. TW", 12),
            ("Capaian (%)", 12),
            ("Kategori", 16),
        ],
        baris,
        {6: FORMAT_ANGKA, 7: FORMAT_ANGKA, 8: FORMAT_PERSEN},
    )

    urusan = LembarPlan("Rekap Urusan", warna_tab="2F5597")
    urusan.tulis(1, 1, "RATA-RATA CAPAIAN PER URUSAN PEMERINTAHAN", "judul")
    urusan.tulis(
        2, 1, "Rata-rata seluruh indikator instansi yang menjalankan urusan itu (urusan diisi di lembar Referensi).", "subjudul"
    )
    kelompok: dict[str, list] = {}
    for i in terbaca:
        kelompok.setdefault(i.urusan or "(urusan belum diisi)", []).extend((i.nama, b["capaian"]) for b in i.baris)
    _per_kelompok(urusan, "Urusan", kelompok, skala)

    sasaran = LembarPlan("Rekap Sasaran", warna_tab="7F6000")
    sasaran.tulis(1, 1, "RATA-RATA CAPAIAN PER SASARAN (SEMUA INSTANSI)", "judul")
    kelompok = {}
    for i in terbaca:
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
    _tabel(perhatian, [("Instansi", 40), ("Berkas", 30), ("Masalah", 90)], baris)
    return Plan([ringkas, rinci, urusan, sasaran, perhatian])


def peringatan(instansi: list[Instansi]) -> list[str]:
    """What makes a rekap mislead: workbooks of different reporting years, or one agency in two files."""
    terbaca = [i for i in instansi if not i.masalah]
    hasil = []
    per_tahun: dict[int | None, list[str]] = {}
    for i in terbaca:
        per_tahun.setdefault(i.tahun, []).append(i.berkas)
    if len(per_tahun) > 1:
        hasil.append(
            "berkas dari tahun pelaporan berbeda: "
            + "; ".join(f"{t}: {', '.join(b)}" for t, b in sorted(per_tahun.items(), key=lambda x: str(x[0])))
            + "; rekap ini mencampur tahun"
        )
    per_nama: dict[str, list[Instansi]] = {}
    for i in terbaca:
        per_nama.setdefault(i.nama.casefold(), []).append(i)
    for sama in per_nama.values():
        if len(sama) > 1:
            hasil.append(
                f"instansi {sama[0].nama} ada di {len(sama)} berkas ({', '.join(i.berkas for i in sama)}): "
                "capaiannya terhitung lebih dari sekali"
            )
    return hasil
