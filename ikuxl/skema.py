"""The shape of an ikuxl workbook: sheets, their columns, rows and lists.

Every module that reads or writes a workbook takes its names and positions from
here, so a column is defined once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from .capaian import METODE_NEGATIF

VERSI_TEMPLATE = 1

PETUNJUK, IKU, REALISASI, KOMPONEN, REFERENSI, RINGKASAN, VALIDASI = (
    "Petunjuk", "IKU", "Realisasi", "Komponen", "Referensi", "Ringkasan", "Validasi",
)
LEMBAR = (PETUNJUK, IKU, REALISASI, KOMPONEN, REFERENSI, RINGKASAN, VALIDASI)

BARIS_JUDUL, BARIS_SUBJUDUL, BARIS_KEPALA = 1, 2, 4
BARIS_DATA = BARIS_KEPALA + 1

FORMAT_ANGKA = "#,##0.##;-#,##0.##;0"
FORMAT_PERSEN = '#,##0.00;-#,##0.00;0.00'
TRIWULAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Kolom:
    kunci: str
    judul: str
    lebar: float = 14
    angka: bool = False  # numeric input, validated as a number
    daftar: str | None = None  # dropdown from a Referensi list
    rumus: bool = False  # computed by ikuxl: locked, formula
    wajib: bool = False
    petunjuk: str = ""


def kolom_iku(tahun: range) -> list[Kolom]:
    return [
        Kolom("kode", "Kode", 9, wajib=True, petunjuk="Kode unik indikator, mis. IKU-01."),
        Kolom("tujuan", "Tujuan", 28),
        Kolom("sasaran", "Sasaran", 28),
        Kolom("jabatan", "Jabatan", 24, daftar="Jabatan", wajib=True),
        Kolom("atasan", "Atasan (Jabatan)", 24, daftar="Jabatan",
              petunjuk="Jabatan di atasnya dalam pohon kinerja (cascading)."),
        Kolom("kinerja_utama", "Kinerja Utama", 32),
        Kolom("indikator", "Indikator Kinerja Utama", 38, wajib=True),
        Kolom("satuan", "Satuan", 11, daftar="Satuan", wajib=True),
        Kolom("polaritas", "Polaritas", 10, daftar="Polaritas", wajib=True,
              petunjuk="positif: makin tinggi makin baik; negatif: makin rendah makin baik."),
        Kolom("sifat", "Sifat", 13, daftar="Sifat", wajib=True,
              petunjuk="Cara triwulan menjadi tahunan: kumulatif, akhir periode, rata-rata, rasio."),
        Kolom("metode", "Metode Capaian", 11, daftar="Metode",
              petunjuk=f"Untuk polaritas negatif: standar {METODE_NEGATIF['standar']} atau kebalikan "
                       f"{METODE_NEGATIF['kebalikan']}. Kosong = standar."),
        Kolom("rumus", "Rumus", 38,
              petunjuk="Cara Perhitungan dengan nama komponen dalam [kurung siku], mis. [A] / [B] × 100."),
        Kolom("cara_perhitungan", "Cara Perhitungan (teks asli)", 44),
        Kolom("sumber_data", "Sumber Data", 18),
        Kolom("bidang", "Penanggung Jawab (Bidang)", 22),
        Kolom("program", "Program/Kegiatan", 32),
        Kolom("kondisi_awal", "Kondisi Awal", 11, angka=True),
        *[Kolom(f"target_{t}", f"Target {t}", 11, angka=True) for t in tahun],
        Kolom("status", "Status Reviu", 12, daftar="Status"),
        Kolom("kinerja_utama_sebelum", "Kinerja Utama (Sebelum Reviu)", 30),
        Kolom("indikator_sebelum", "Indikator (Sebelum Reviu)", 32),
        Kolom("catatan", "Catatan Sumber", 48,
              petunjuk="Teks asli yang berbeda dari nilai yang diisikan, dan catatan lain."),
    ]


def kolom_realisasi() -> list[Kolom]:
    tw = TRIWULAN
    return [
        Kolom("kode", "Kode", 9, rumus=True),
        Kolom("indikator", "Indikator Kinerja Utama", 38, rumus=True),
        Kolom("satuan", "Satuan", 10, rumus=True),
        Kolom("polaritas", "Polaritas", 10, rumus=True),
        Kolom("sifat", "Sifat", 12, rumus=True),
        Kolom("target_tahunan", "Target Tahunan", 11, rumus=True),
        *[Kolom(f"target_tw{i}", f"Target TW {t}", 10, angka=True) for i, t in enumerate(tw, 1)],
        *[Kolom(f"realisasi_tw{i}", f"Realisasi TW {t}", 10, angka=True) for i, t in enumerate(tw, 1)],
        *[Kolom(f"capaian_tw{i}", f"Capaian TW {t} (%)", 11, rumus=True) for i, t in enumerate(tw, 1)],
        *[Kolom(f"kategori_tw{i}", f"Kategori TW {t}", 12, rumus=True) for i, t in enumerate(tw, 1)],
        Kolom("realisasi_tahunan", "Realisasi s.d. TW Terakhir", 12, rumus=True),
        Kolom("target_sd", "Target s.d. TW Terakhir", 12, rumus=True),
        Kolom("capaian_mentah", "Capaian Tanpa Batas (%)", 12, rumus=True),
        Kolom("capaian", "Capaian (%)", 12, rumus=True),
        Kolom("kategori", "Kategori", 16, rumus=True),
        Kolom("sasaran", "Sasaran", 24, rumus=True),
        Kolom("jabatan", "Jabatan", 20, rumus=True),
        Kolom("bidang", "Penanggung Jawab (Bidang)", 18, rumus=True),
    ]


def kolom_komponen() -> list[Kolom]:
    return [
        Kolom("kode", "Kode", 9, rumus=True),
        Kolom("indikator", "Indikator Kinerja Utama", 38, rumus=True),
        Kolom("komponen", "Komponen", 38, rumus=True),
        *[Kolom(f"tw{i}", f"TW {t}", 11, angka=True) for i, t in enumerate(TRIWULAN, 1)],
    ]


@dataclass
class Tata:
    """Where each column sits on a sheet (1-based), built from a column list."""

    kolom: list[Kolom]
    posisi: dict[str, int] = field(init=False)

    def __post_init__(self):
        self.posisi = {k.kunci: i for i, k in enumerate(self.kolom, start=1)}

    def huruf(self, kunci: str) -> str:
        return get_column_letter(self.posisi[kunci])

    def sel(self, kunci: str, baris: int, mutlak: bool = False) -> str:
        if mutlak:
            return f"${self.huruf(kunci)}${baris}"
        return f"{self.huruf(kunci)}{baris}"


# Referensi: the lists behind the dropdowns, the kategori scale and the settings.
DAFTAR_BAWAAN = {
    "Satuan": ["%", "Unit", "Ha", "Km", "Dokumen", "Orang", "Nilai", "Indeks", "Perumahan", "Kab/Kota",
               "Predikat", "Laporan", "Kegiatan", "Paket", "Lokasi", "Kawasan", "Rp"],
    "Polaritas": ["positif", "negatif"],
    "Sifat": ["kumulatif", "akhir periode", "rata-rata", "rasio"],
    "Metode": ["standar", "kebalikan"],
    "Status": ["Tetap", "Diubah", "Baru", "Dihapus"],
}
BARIS_DAFTAR_MAKS = 60  # rows reserved per list on Referensi, so staff can add entries

PENGATURAN = (  # (kunci, label, named range)
    ("instansi", "Nama instansi", "Pengaturan_Instansi"),
    ("tingkat", "Tingkat (provinsi / kabupaten / kota)", "Pengaturan_Tingkat"),
    ("wilayah", "Wilayah", "Pengaturan_Wilayah"),
    ("periode_awal", "Periode awal", "Pengaturan_Periode_Awal"),
    ("periode_akhir", "Periode akhir", "Pengaturan_Periode_Akhir"),
    ("tahun", "Tahun pelaporan", "Pengaturan_Tahun"),
    ("batas_capaian", "Batas atas capaian (%) — kosong, 100 atau 120", "Batas_Capaian"),
    ("versi_template", "Versi template ikuxl", "Pengaturan_Versi"),
    ("keterangan", "Keterangan (tampil di judul setiap lembar)", "Pengaturan_Keterangan"),
    # last, so that older workbooks (without it) still have every other setting on its row
    ("urusan", "Urusan pemerintahan (mis. Perumahan Rakyat dan Kawasan Permukiman)", "Pengaturan_Urusan"),
)
NAMA_SKALA = "Skala_Kategori"
# The mark on a cell with a finding, per severity: (fill, font colour), RGB hex.
WARNA_TANDA = {"galat": ("FFC7CE", "9C0006"), "peringatan": ("FFE699", "7F6000")}
BARIS_SKALA_MAKS = 10
