"""The shape of an ikuxl workbook: sheets, their columns, rows and lists.

Every module that reads or writes a workbook takes its names and positions from
here, so a column is defined once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .alamat import huruf_kolom

from .capaian import METODE_NEGATIF, POLARITAS, SIFAT
from .nilai import CARA_RENTANG

VERSI_TEMPLATE = 3  # 2: quarterly inputs on IKU, Realisasi a live mirror of it, six target-year columns;
# 3: a realisasi column per target year (after the targets) and Standar Nasional
TAHUN_KOLOM = 6  # target-year columns on IKU: the longest planning period (RPJMD transitions run 3 to 6 years)

PETUNJUK, IKU, REALISASI, KOMPONEN, REFERENSI, RINGKASAN, VALIDASI = (
    "Petunjuk",
    "IKU",
    "Realisasi",
    "Komponen",
    "Referensi",
    "Ringkasan",
    "Validasi",
)
LEMBAR = (PETUNJUK, IKU, REALISASI, KOMPONEN, REFERENSI, RINGKASAN, VALIDASI)

BARIS_JUDUL, BARIS_SUBJUDUL, BARIS_KEPALA = 1, 2, 4
BARIS_DATA = BARIS_KEPALA + 1

# Where things sit on the sheets (the reader, the writers and the grafter share them)
BARIS_CADANGAN = 100  # empty IKU rows prepared with dropdowns and validation, mirrored on Realisasi
LUAR_PERIODE = "(di luar periode)"  # the header of a target-year column beyond Referensi's period
BARIS_PENGATURAN = 4  # Referensi: the first setting
BARIS_SKALA = 17  # Referensi: the header of the scale block
KOLOM_DAFTAR = 5  # Referensi: the lists start in column E
NAMA_DATA = {"Realisasi": "Realisasi_Data", "Komponen": "Komponen_Data"}  # a computed table's area when last written
NAMA_TANDA = "IKUXL_TANDA"  # the condition of ikuxl's marks on cells with findings; always TRUE

FORMAT_ANGKA = "#,##0.##;-#,##0.##;0"
FORMAT_PERSEN = "#,##0.00;-#,##0.00;0.00"
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
    bantu: bool = False  # a hidden helper of the formulas
    rentang: bool = False  # a number, or a range target such as "80 - 90" (kolom.batas_bawah, kolom.batas_atas)


JENIS_TAHUNAN = ("target", "realisasi")  # IKU's per-year column blocks: target_{year}, realisasi_{year}


def tahun_kolom(kunci: str, jenis: str = "target") -> int | None:
    """The year of a per-year column's key (target_2024 → 2024), None for any other column."""
    awal, _, tahun = kunci.partition("_")
    return int(tahun) if awal == jenis and len(tahun) == 4 and tahun.isdigit() else None


PETUNJUK_RENTANG = f"Angka saja (satuan di kolom Satuan), atau target rentang {CARA_RENTANG}."


def kolom_iku(awal: int) -> list[Kolom]:
    """The matrix: the definition, a target per year of the period (TAHUN_KOLOM columns from `awal`,
    labelled by formulas from Referensi's period), then a realisasi per year in the same order (a block, so a
    Renstra's row of targets is pasted in one piece and a year's realisasi is typed in the block beside it),
    the national standard the annual report compares with, and the reporting year's quarterly inputs on the indicator's own row, so they move with it when rows are
    inserted, deleted or sorted."""
    return [
        *_kolom_definisi(),
        *_kolom_target_tahun(awal),
        *[
            Kolom(
                f"realisasi_{awal + k}",
                f"Realisasi {awal + k}",
                11,
                angka=True,
                petunjuk="Realisasi tahun pada judul kolom (angka setahun, mis. dari LKjIP atau PK); angka saja. "
                "Dengan realisasi tahunan, Sifat tidak diperlukan.",
            )
            for k in range(TAHUN_KOLOM)
        ],
        Kolom(
            "standar_nasional",
            "Standar Nasional",
            11,
            angka=True,
            petunjuk="Standar nasional indikator ini bila ada (SPM, target nasional), pembanding LKjIP bab III; angka saja.",
        ),
        *_kolom_triwulan(),
    ]


def kolom_iku_v2(awal: int) -> list[Kolom]:
    """The matrix of template version 2 (targets per year and the quarters, no yearly realisasi nor Standar
    Nasional): read to upgrade such a workbook."""
    return [*_kolom_definisi(), *_kolom_target_tahun(awal), *_kolom_triwulan()]


def _kolom_target_tahun(awal: int) -> list[Kolom]:
    return [
        Kolom(
            f"target_{awal + k}",
            f"Target {awal + k}",
            11,
            angka=True,
            rentang=True,
            petunjuk=f"Target tahun pada judul kolom. {PETUNJUK_RENTANG}",
        )
        for k in range(TAHUN_KOLOM)
    ]


def _kolom_triwulan() -> list[Kolom]:
    """The reporting year's quarters, then the closing columns."""
    return [
        *[
            Kolom(
                f"target_tw{i}",
                f"Target TW {t}",
                10,
                angka=True,
                rentang=True,
                petunjuk=f"Target triwulan tahun pelaporan (lembar Referensi). {PETUNJUK_RENTANG}",
            )
            for i, t in enumerate(TRIWULAN, 1)
        ],
        *[
            Kolom(
                f"realisasi_tw{i}",
                f"Realisasi TW {t}",
                10,
                angka=True,
                petunjuk="Realisasi triwulan tahun pelaporan; angka saja. Indikator dengan Rumus berkomponen: "
                "isi komponennya di lembar Komponen.",
            )
            for i, t in enumerate(TRIWULAN, 1)
        ],
        *_kolom_penutup(),
        Kolom(
            "capaian_publikasi",
            "Capaian Dipublikasikan (%)",
            15,
            angka=True,
            petunjuk="Capaian tahun pelaporan yang dihitung/dipublikasikan instansi (LKjIP); Validasi "
            "membandingkannya dengan hitungan dari target dan realisasi yang sama.",
        ),
    ]


def kolom_iku_v1(tahun: range) -> list[Kolom]:
    """The matrix of template version 1 (a target column per year of the period, quarters on Realisasi):
    read to upgrade such a workbook."""
    return [*_kolom_definisi(), *[Kolom(f"target_{t}", f"Target {t}", 11, angka=True) for t in tahun], *_kolom_penutup()]


def _kolom_definisi() -> list[Kolom]:
    return [
        Kolom("kode", "Kode", 9, wajib=True, petunjuk="Kode unik indikator, mis. IKU-01."),
        Kolom("tujuan", "Tujuan", 28),
        Kolom("sasaran", "Sasaran", 28),
        Kolom("jabatan", "Jabatan", 24, daftar="Jabatan", wajib=True),
        Kolom("atasan", "Atasan (Jabatan)", 24, daftar="Jabatan", petunjuk="Jabatan di atasnya dalam pohon kinerja (cascading)."),
        Kolom("kinerja_utama", "Kinerja Utama", 32),
        Kolom("indikator", "Indikator Kinerja Utama", 38, wajib=True),
        Kolom("satuan", "Satuan", 11, daftar="Satuan", wajib=True),
        Kolom(
            "polaritas",
            "Polaritas",
            10,
            daftar="Polaritas",
            wajib=True,
            petunjuk="positif: makin tinggi makin baik; negatif: makin rendah makin baik; stabil: menjauh dari "
            "target ke arah mana pun makin buruk.",
        ),
        Kolom(
            "sifat",
            "Sifat",
            13,
            daftar="Sifat",
            wajib=True,
            petunjuk="Cara triwulan menjadi tahunan: kumulatif, akhir periode, rata-rata, rasio. Perlu bila realisasi "
            "triwulan diisi; realisasi tahunan (kolom Realisasi tahun) dihitung tanpa Sifat.",
        ),
        Kolom(
            "metode",
            "Metode Capaian",
            11,
            daftar="Metode",
            petunjuk=f"Untuk polaritas negatif: standar {METODE_NEGATIF['standar']} atau kebalikan "
            f"{METODE_NEGATIF['kebalikan']}. Kosong = standar.",
        ),
        Kolom("rumus", "Rumus", 38, petunjuk="Cara Perhitungan dengan nama komponen dalam [kurung siku], mis. [A] / [B] × 100."),
        Kolom("cara_perhitungan", "Cara Perhitungan (teks asli)", 44),
        Kolom("sumber_data", "Sumber Data", 18),
        Kolom("bidang", "Penanggung Jawab (Bidang)", 22),
        Kolom("program", "Program/Kegiatan", 32),
        Kolom("kondisi_awal", "Kondisi Awal", 11, angka=True),
    ]


def _kolom_penutup() -> list[Kolom]:
    return [
        Kolom("status", "Status Reviu", 12, daftar="Status"),
        Kolom("kinerja_utama_sebelum", "Kinerja Utama (Sebelum Reviu)", 30),
        Kolom("indikator_sebelum", "Indikator (Sebelum Reviu)", 32),
        Kolom("catatan", "Catatan Sumber", 48, petunjuk="Teks asli yang berbeda dari nilai yang diisikan, dan catatan lain."),
    ]


def kolom_realisasi() -> list[Kolom]:
    """A live mirror of IKU: row r shows IKU's row r (its inputs included), every cell a formula."""
    tw = TRIWULAN
    return [
        Kolom("kode", "Kode", 9, rumus=True),
        Kolom("indikator", "Indikator Kinerja Utama", 38, rumus=True),
        Kolom("satuan", "Satuan", 10, rumus=True),
        Kolom("polaritas", "Polaritas", 10, rumus=True),
        Kolom("sifat", "Sifat", 12, rumus=True),
        Kolom("target_tahunan", "Target Tahunan", 11, rumus=True),
        *[Kolom(f"target_tw{i}", f"Target TW {t}", 10, rumus=True) for i, t in enumerate(tw, 1)],
        *[Kolom(f"realisasi_tw{i}", f"Realisasi TW {t}", 10, rumus=True) for i, t in enumerate(tw, 1)],
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
        *kolom_bantu_realisasi(),
    ]


def _bantu(kunci: str, judul: str, arti: str) -> Kolom:
    return Kolom(kunci, judul, 9, rumus=True, bantu=True, petunjuk=arti)


def kolom_bantu_realisasi() -> list[Kolom]:
    """Realisasi's helper columns: each a short step of the rule, grouped (outline) right of the table;
    `petunjuk` says what it holds (Petunjuk lists them)."""
    tw = list(enumerate(TRIWULAN, 1))
    sasaran = [("tahunan", "Target Tahunan"), *[(f"tw{i}", f"Target TW {t}") for i, t in tw]]
    return [
        _bantu(
            "hidup",
            "Berlaku",
            "TRUE bila baris IKU yang sama memuat indikator yang berlaku (Kode atau Indikator terisi, Status Reviu bukan Dihapus)",
        ),
        _bantu(
            "polaritas_baku",
            "Polaritas Baku",
            "polaritas dalam ejaan bakunya (positif, negatif, stabil), atau sebab tidak dapat dihitung",
        ),
        _bantu(
            "metode_baku",
            "Metode Baku",
            "metode capaian indikator negatif/stabil: standar (juga bila kosong) atau kebalikan, atau sebabnya",
        ),
        _bantu("aturan", "Aturan Capaian", "aturan yang dipakai: positif, standar, kebalikan, stabil standar, stabil kebalikan"),
        _bantu(
            "baris_komponen",
            "Baris Komponen",
            "baris lembar Komponen tempat Rumus indikator ini dihitung (kosong: realisasi diketik di IKU)",
        ),
        _bantu(
            "sifat_baku", "Sifat Baku", "sifat dalam ejaan bakunya (kumulatif, akhir periode, rata-rata, rasio), atau sebabnya"
        ),
        _bantu("status_rumus", "Status Rumus", "kosong bila Rumus berkomponen dapat dipakai; bila tidak, sebabnya"),
        *[_bantu(f"lapor_tw{i}", f"Dilaporkan TW {t}", f"TRUE bila realisasi TW {t} sudah dilaporkan") for i, t in tw],
        _bantu("jumlah_tw", "Jumlah TW Dilaporkan", "banyaknya triwulan yang sudah dilaporkan"),
        _bantu("tw_akhir", "TW Terakhir Dilaporkan", "nomor triwulan terakhir yang dilaporkan (0: belum ada)"),
        _bantu(
            "tahun_galat",
            "Sebab Tahunan",
            "sebab realisasi dan target s.d. TW terakhir tidak dapat dihitung (sifat atau Rumus), kosong bila dapat",
        ),
        # each target's text read as a range ("80 - 90"): its two pieces, then its two bounds (a number is both)
        *[
            _bantu(f"{bagian}_{kunci}", f"{judul} {label}", arti.format(label))
            for kunci, label in sasaran
            for bagian, judul, arti in (
                ("rentang", "Teks", "teks {} dalam huruf kecil, pemisah rentang menjadi -, koma desimal menjadi titik"),
                ("kiri", "Teks Kiri", "teks sebelum tanda - (calon batas bawah {})"),
                ("kanan", "Teks Kanan", "teks sesudah tanda - (calon batas atas {})"),
            )
        ],
        *[
            _bantu(f"{bagian}_{kunci}", f"{judul} {label}", f"{arti} {label} (angka biasa: angka itu sendiri)")
            for bagian, judul, arti in (("bawah", "Batas Bawah", "batas bawah"), ("atas", "Batas Atas", "batas atas"))
            for kunci, label in sasaran
        ],
        *[
            _bantu(
                f"tanpa_target_{b}",
                f"TW Tanpa Target ({b})",
                f"triwulan pertama yang dilaporkan tanpa batas {b} target (0: tidak ada)",
            )
            for b in ("bawah", "atas")
        ],
        _bantu("bawah_sd", "Batas Bawah Target s.d. TW Terakhir", "batas bawah target triwulan yang dilaporkan, menurut sifat"),
        _bantu("atas_sd", "Batas Atas Target s.d. TW Terakhir", "batas atas target triwulan yang dilaporkan, menurut sifat"),
        *[
            _bantu(
                f"target_efektif_{k}",
                f"Target Efektif {label}",
                f"target yang dibandingkan untuk {label}: batas rentang terdekat, atau angkanya",
            )
            for k, label in ([(f"tw{i}", f"TW {t}") for i, t in tw] + [("sd", "Tahunan")])
        ],
        *[
            _bantu(f"alasan_{k}", f"Sebab Capaian {label}", f"sebab capaian {label} tidak dapat dihitung; kosong bila dapat")
            for k, label in ([(f"tw{i}", f"TW {t}") for i, t in tw] + [("sd", "Tahunan")])
        ],
        _bantu(
            "perhatian",
            "Perlu Perhatian",
            "TRUE bila indikator berlaku tanpa capaian, atau berkategori salah satu dari dua pita terendah (Ringkasan mendaftarnya)",
        ),
    ]


def kolom_komponen() -> list[Kolom]:
    """Values of each Rumus component per quarter, and on an indicator's first row what Python
    compiled from its Rumus (the realisasi per quarter and for the year), with the Rumus it was
    compiled from: Realisasi finds them by Kode and compares that Rumus with IKU's."""
    return [
        Kolom("kode", "Kode", 9, rumus=True),
        Kolom("indikator", "Indikator Kinerja Utama", 38, rumus=True),
        Kolom("komponen", "Komponen", 38, rumus=True),
        *[Kolom(f"tw{i}", f"TW {t}", 11, angka=True) for i, t in enumerate(TRIWULAN, 1)],
        *[Kolom(f"realisasi_tw{i}", f"Realisasi TW {t} (hasil Rumus)", 12, rumus=True) for i, t in enumerate(TRIWULAN, 1)],
        Kolom("rumus", "Rumus yang Dihitung", 38, rumus=True),
        Kolom("rasio", "Realisasi Rasio s.d. TW Terakhir", 12, rumus=True, bantu=True),
        Kolom("galat", "Rumus Tidak Dapat Dipakai", 12, rumus=True, bantu=True),
        *[Kolom(f"lapor_tw{i}", f"Komponen Lengkap TW {t}", 8, rumus=True, bantu=True) for i, t in enumerate(TRIWULAN, 1)],
    ]


@dataclass
class Tata:
    """Where each column sits on a sheet (1-based), built from a column list."""

    kolom: list[Kolom]
    posisi: dict[str, int] = field(init=False)

    def __post_init__(self):
        self.posisi = {k.kunci: i for i, k in enumerate(self.kolom, start=1)}

    def huruf(self, kunci: str) -> str:
        return huruf_kolom(self.posisi[kunci])

    def sel(self, kunci: str, baris: int, mutlak: bool = False) -> str:
        if mutlak:
            return f"${self.huruf(kunci)}${baris}"
        return f"{self.huruf(kunci)}{baris}"


# Referensi: the lists behind the dropdowns, the kategori scale and the settings.
DAFTAR_BAWAAN = {
    "Satuan": [
        "%",
        "Unit",
        "Ha",
        "Km",
        "Dokumen",
        "Orang",
        "Nilai",
        "Indeks",
        "Perumahan",
        "Kab/Kota",
        "Predikat",
        "Laporan",
        "Kegiatan",
        "Paket",
        "Lokasi",
        "Kawasan",
        "Rp",
        "1:N",
    ],
    "Polaritas": list(POLARITAS),  # the core's own spellings: one list for the rules and the dropdowns
    "Sifat": list(SIFAT),
    "Metode": list(METODE_NEGATIF),
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
    ("urusan", "Urusan pemerintahan", "Pengaturan_Urusan"),
    ("batas_bawah_capaian", 'Batas bawah capaian (%) — 0 atau "tanpa"', "Batas_Bawah_Capaian"),
)
NAMA_SKALA = "Skala_Kategori"
# The mark on a cell with a finding, per severity: (fill, font colour), RGB hex.
WARNA_TANDA = {"galat": ("FFC7CE", "9C0006"), "peringatan": ("FFE699", "7F6000")}
BARIS_SKALA_MAKS = 10
