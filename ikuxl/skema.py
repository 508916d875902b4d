"""The shape of an ikuxl workbook: sheets, their columns, rows and lists.

Every module that reads or writes a workbook takes its names and positions from
here, so a column is defined once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from . import kolom as K
from .alamat import huruf_kolom
from .capaian import METODE_NEGATIF, POLARITAS, SIFAT
from .nilai import CARA_RENTANG, kanan, kiri, teks_rentang

VERSI_TEMPLATE = 3  # 2: quarterly inputs on IKU, Realisasi a live mirror of it, six target-year columns;
# 3: a realisasi column per target year (after the targets) and Standar Nasional
TAHUN_KOLOM = 6  # target-year columns on IKU: the longest planning period (RPJMD transitions run 3 to 6 years)

PETUNJUK, IKU, REALISASI, KOMPONEN, REFERENSI, RINGKASAN, PERJANJIAN, PENGUKURAN, VALIDASI = (
    "Petunjuk",
    "IKU",
    "Realisasi",
    "Komponen",
    "Referensi",
    "Ringkasan",
    "Perjanjian Kinerja",
    "Pengukuran Kinerja",
    "Validasi",
)
LEMBAR = (PETUNJUK, IKU, REALISASI, KOMPONEN, REFERENSI, RINGKASAN, PERJANJIAN, PENGUKURAN, VALIDASI)
ARSIP = "Arsip Triwulan"  # the quarters of each closed year (tutup.py), added after the sheets above at the first close

BARIS_JUDUL, BARIS_SUBJUDUL, BARIS_KEPALA = 1, 2, 4
BARIS_DATA = BARIS_KEPALA + 1

# Where things sit on the sheets (the reader, the writers and the grafter share them)
# IKU rows prepared with dropdowns and validation, mirrored on Realisasi: at least BARIS_CADANGAN empty rows below
# the last indicator and BARIS_TABEL rows in all (the blank template's room for a whole IKU typed in Excel alone);
# each prepared row is about 6 KB of formulas that every run writes and every spreadsheet recalculates
BARIS_CADANGAN, BARIS_TABEL = 30, 100
LUAR_PERIODE = "(di luar periode)"  # the header of a target-year column beyond Referensi's period
BARIS_PENGATURAN = 4  # Referensi: the first setting
BARIS_SKALA = 17  # Referensi: the header of the scale block
KOLOM_DAFTAR = 5  # Referensi: the lists start in column E
NAMA_DATA = {"Realisasi": "Realisasi_Data", "Komponen": "Komponen_Data"}  # a computed table's area when last written
AWALAN_NAMA_CETAK = "Cetak_"  # the names of how each sheet prints (rakit.atur_area_cetak)
NAMA_TANDA = "IKUXL_TANDA"  # the condition of ikuxl's marks on cells with findings; always TRUE

FORMAT_ANGKA = "#,##0.##;-#,##0.##;0"
FORMAT_PERSEN = "#,##0.00;-#,##0.00;0.00"
TRIWULAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Kolom:
    """A column of a sheet. On a computed sheet it is one row of that sheet's column table (kolom_realisasi
    says how to read and add one): its number format, what it holds with nothing to compute, and its rule
    twice, side by side."""

    kunci: str
    judul: str
    lebar: float = 14
    angka: bool = False  # numeric input, validated as a number
    daftar: str | None = None  # dropdown from a Referensi list
    rumus: bool = False  # computed by ikuxl: locked, formula
    wajib: bool = False
    petunjuk: str = ""
    bantu: bool = False  # a helper of the formulas, grouped (outline, collapsed) right of the table
    rentang: bool = False  # a number, or a range target such as "80 - 90" (kolom.batas_bawah, kolom.batas_atas)
    format: str | None = None  # its cells' number format
    # a computed cell with nothing to compute: on Realisasi a prepared row with no indicator in force, on
    # Komponen a Rumus that cannot be used ("": the cell says why)
    kosong: object = ""
    cermin: bool = False  # Realisasi: shows IKU's cell of the same key as typed (a value typed over it belongs there)
    python: Callable | None = field(default=None, repr=False, compare=False)  # the rule over the row's values
    excel: Callable | None = field(default=None, repr=False, compare=False)  # the same rule as an Excel formula


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


def judul_tw(judul: str, tahun: object) -> str:
    """A quarterly header with the year its quarters belong to ("Realisasi TW I" → "Realisasi TW I 2024")."""
    for t in TRIWULAN[::-1]:
        if f"TW {t}" in judul:
            return judul.replace(f"TW {t}", f"TW {t} {tahun}", 1)
    return judul


def kolom_arsip() -> list[Kolom]:
    """Arsip Triwulan: a row per indicator (or Komponen component) per closed year, every quarterly input as
    it was typed, and what closing did with it."""
    tw = list(enumerate(TRIWULAN, 1))
    return [
        Kolom("tahun", "Tahun", 8),
        Kolom("kode", "Kode", 9),
        Kolom("indikator", "Indikator Kinerja Utama", 38),
        Kolom("komponen", "Komponen (lembar Komponen)", 24),
        Kolom("sifat", "Sifat", 12),
        *[Kolom(f"target_tw{q}", f"Target TW {t}", 10, format=FORMAT_ANGKA) for q, t in tw],
        *[Kolom(f"realisasi_tw{q}", f"Realisasi / Nilai TW {t}", 11, format=FORMAT_ANGKA) for q, t in tw],
        Kolom("realisasi_tahun", "Realisasi Tahun dari Triwulan", 12, format=FORMAT_ANGKA),
        Kolom("keterangan", "Keterangan", 48),
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
    """Realisasi's column table: a live mirror of IKU, row r showing IKU's row r, every cell a formula.

    One row per column, in sheet order: key, header, width, helper flag, format, and the rule twice. A twin
    is a function of the row: `python(v)` reads the row's values (hitung.BarisNilai: v["aturan"] another
    column, v.iku("metode") IKU's cell, v.komp("rasio") the compiled Komponen cell, v.h the row in force),
    `excel(s)` the same things as references (susun.BarisRumus: s["aturan"] is that column's cell on the row).
    The Python side is computed on demand, so a twin may read any column, left or right of it. Adding a
    column is one row here (and its pair in kolom.py if the rule is new), e.g.:

        _rumus("target_naik", "Target Naik", 10, FORMAT_ANGKA,
               python=lambda v: K.naik(v["target_tw1"], v["target_tw4"]),
               excel=lambda s: K.naik_excel(s["target_tw1"], s["target_tw4"]))

    A new computed sheet is a table like this one, read by the same two loops: hitung.nilai_cermin (values)
    and susun.lembar_realisasi (one shared formula per column)."""
    tw = list(enumerate(TRIWULAN, 1))
    return [
        _cermin("kode", "Kode", 9),
        _cermin("indikator", "Indikator Kinerja Utama", 38),
        _cermin("satuan", "Satuan", 10),
        _cermin("polaritas", "Polaritas", 10),
        _cermin("sifat", "Sifat", 12),
        _rumus(
            "target_tahunan",
            "Target Tahunan",
            11,
            FORMAT_ANGKA,
            python=lambda v: K.target_tahunan(v.h, v.iku_tahun()),
            excel=lambda s: K.target_tahunan_excel(s.h, s.iku_tahun()),
        ),
        *[_cermin(f"target_tw{q}", f"Target TW {t}", 10, FORMAT_ANGKA) for q, t in tw],
        *[_realisasi_tw(q, t) for q, t in tw],
        *[_capaian_tw(q, t) for q, t in tw],
        *[_kategori(f"kategori_tw{q}", f"Kategori TW {t}", 12, f"capaian_tw{q}") for q, t in tw],
        _rumus(
            "realisasi_tahunan",
            "Realisasi s.d. TW Terakhir",
            12,
            FORMAT_ANGKA,
            python=lambda v: _tahun_sd(v, "bawah")[0],
            excel=lambda s: K.realisasi_tahunan_excel(
                s["tahun_diketik"],
                s["realisasi_diketik"],
                s["tahun_galat"],
                s["jumlah_tw"],
                s["sifat_baku"],
                s.rentang("realisasi"),
                s.komp("rasio"),
                s["tw_akhir"],
            ),
        ),
        _rumus(
            "target_sd",
            "Target s.d. TW Terakhir",
            12,
            FORMAT_ANGKA,
            python=lambda v: K.target_tampil(v["bawah_sd"], v["atas_sd"]),
            excel=lambda s: K.target_tampil_excel(s["bawah_sd"], s["atas_sd"]),
        ),
        _rumus(
            "capaian_mentah",
            "Capaian Tanpa Batas (%)",
            12,
            FORMAT_PERSEN,
            python=lambda v: K.capaian_sel(
                v["aturan"], v["bawah_sd"], v["realisasi_tahunan"], berlantai=False, atas=v["atas_sd"]
            ),
            excel=lambda s: K.capaian_mentah_excel(
                s["alasan_sd"], s["aturan"], s["realisasi_tahunan"], s["bawah_sd"], s["atas_sd"], s["target_efektif_sd"]
            ),
        ),
        _rumus(
            "capaian",
            "Capaian (%)",
            12,
            FORMAT_PERSEN,
            python=lambda v: K.capaian_dibatasi(v["capaian_mentah"], v.batas, v.lantai),
            excel=lambda s: K.capaian_dibatasi_excel(s["capaian_mentah"]),
        ),
        _kategori("kategori", "Kategori", 16, "capaian"),
        *kolom_tahunan(),
        _cermin("sasaran", "Sasaran", 24),
        _cermin("jabatan", "Jabatan", 20),
        _cermin("bidang", "Penanggung Jawab (Bidang)", 18),
        *kolom_bantu_realisasi(),
        *kolom_bantu_tahunan(),
    ]


def _rumus(kunci: str, judul: str, lebar: float, format: str | None = None, **lain) -> Kolom:
    return Kolom(kunci, judul, lebar, rumus=True, format=format, **lain)


def _cermin(kunci: str, judul: str, lebar: float, format: str | None = None) -> Kolom:
    """A column showing IKU's cell of the same key as typed ("" for a blank cell or a row not in force)."""
    return _rumus(
        kunci,
        judul,
        lebar,
        format,
        cermin=True,
        python=lambda v: K.cermin(v.h, v.iku(kunci)),
        excel=lambda s: K.cermin_excel(s.h, s.iku(kunci)),
    )


def _realisasi_tw(q: int, t: str) -> Kolom:
    R = f"realisasi_tw{q}"
    return _rumus(
        R,
        f"Realisasi TW {t}",
        10,
        FORMAT_ANGKA,
        python=lambda v: K.realisasi_baris(v.h, v["status_rumus"], v["baris_komponen"], v.komp(R), v.iku(R)),
        excel=lambda s: K.realisasi_baris_excel(
            s.h, s["status_rumus"], s["baris_komponen"], s.komp(f"realisasi_tw{q}"), s.iku(f"realisasi_tw{q}")
        ),
    )


def _capaian_tw(q: int, t: str) -> Kolom:
    R, B, U, T = f"realisasi_tw{q}", f"bawah_tw{q}", f"atas_tw{q}", f"target_efektif_tw{q}"
    return _rumus(
        f"capaian_tw{q}",
        f"Capaian TW {t} (%)",
        11,
        FORMAT_PERSEN,
        python=lambda v: K.capaian_sel(v["aturan"], v[B], v[R], True, v.lantai, atas=v[U]),
        excel=lambda s: K.capaian_tw_excel(s[f"alasan_tw{q}"], s["aturan"], s[R], s[B], s[U], s[T]),
    )


def _kategori(kunci: str, judul: str, lebar: float, capaian: str) -> Kolom:
    return _rumus(
        kunci,
        judul,
        lebar,
        python=lambda v: K.kategori_sel(v[capaian], v.skala),
        excel=lambda s: K.kategori_excel(s[capaian], s.skala),
    )


def _tahun_sd(v, bagian: str) -> tuple[object, object]:
    """(realisasi, this bound of the target) of the year so far: one aggregation serves both columns."""
    return v.sekali(
        ("tahunan", bagian),
        lambda: K.tahunan(
            v.h,
            v["sifat_baku"],
            v["status_rumus"],
            v.tw("realisasi"),
            v.tw(bagian),
            v[f"{bagian}_tahunan"],
            v.blok.per_tw if v.blok else (),
            v.blok.rumus if v.blok and v["sifat_baku"] == "rasio" else None,
            v["realisasi_diketik"] if v["tahun_diketik"] else None,
        ),
    )


SASARAN_TARGET = ("tahunan", *[f"tw{q}" for q in range(1, 5)])  # the target cells a range may be typed in


def _bantu(kunci: str, judul: str, arti: str, python: Callable, excel: Callable, kosong: object = "") -> Kolom:
    return Kolom(kunci, judul, 9, rumus=True, bantu=True, petunjuk=arti, kosong=kosong, python=python, excel=excel)


def kolom_bantu_realisasi() -> list[Kolom]:
    """Realisasi's helper columns: each a short step of the rule, grouped (outline) right of the table;
    `petunjuk` says what it holds (Petunjuk lists them)."""
    tw = list(enumerate(TRIWULAN, 1))
    sasaran = [("tahunan", "Target Tahunan"), *[(f"tw{i}", f"Target TW {t}") for i, t in tw]]
    efektif = [*[(f"tw{q}", f"TW {t}", f"realisasi_tw{q}") for q, t in tw], ("sd", "Tahunan", "realisasi_tahunan")]
    return [
        _bantu(
            "hidup",
            "Berlaku",
            "BENAR (TRUE) bila baris IKU yang sama memuat indikator yang berlaku (Kode atau Indikator terisi, Status Reviu bukan Dihapus)",
            python=lambda v: K.hidup(v.iku("kode"), v.iku("indikator"), v.iku("status")),
            excel=lambda s: K.hidup_excel(s.iku("kode"), s.iku("indikator"), s.iku("status")),
            kosong=False,
        ),
        _bantu(
            "polaritas_baku",
            "Polaritas Baku",
            "polaritas dalam ejaan bakunya (positif, negatif, stabil), atau sebab tidak dapat dihitung",
            python=lambda v: K.polaritas_baku(v.h, v["polaritas"]),
            excel=lambda s: K.polaritas_baku_excel(s.h, s["polaritas"]),
        ),
        _bantu(
            "metode_baku",
            "Metode Baku",
            "metode capaian indikator negatif/stabil: standar (juga bila kosong) atau kebalikan, atau sebabnya",
            python=lambda v: K.metode_baku(v.h, v.iku("metode")),
            excel=lambda s: K.metode_baku_excel(s.h, s.iku("metode")),
        ),
        _bantu(
            "aturan",
            "Aturan Capaian",
            "aturan yang dipakai: positif, standar, kebalikan, stabil standar, stabil kebalikan",
            python=lambda v: K.aturan(v.h, v["polaritas_baku"], v["metode_baku"]),
            excel=lambda s: K.aturan_excel(s.h, s["polaritas_baku"], s["metode_baku"]),
        ),
        _bantu(
            "baris_komponen",
            "Baris Komponen",
            "baris lembar Komponen tempat Rumus indikator ini dihitung (kosong: realisasi diketik di IKU)",
            python=lambda v: K.cari_komponen(v["kode"], v.iku("rumus"), v.baris_rumus),
            excel=lambda s: K.cari_komponen_excel(s.h, s["kode"], s.iku("rumus"), s.komp_kolom("kode")),
        ),
        _bantu(
            "sifat_baku",
            "Sifat Baku",
            "sifat dalam ejaan bakunya (kumulatif, akhir periode, rata-rata, rasio), atau sebabnya",
            python=lambda v: K.sifat_baku(v.h, v["sifat"], v["baris_komponen"] != ""),
            excel=lambda s: K.sifat_baku_excel(s.h, s["sifat"], s["baris_komponen"]),
        ),
        _bantu(
            "status_rumus",
            "Status Rumus",
            "kosong bila Rumus berkomponen dapat dipakai; bila tidak, sebabnya",
            python=lambda v: K.status_rumus(v.h, v.iku("rumus"), v["baris_komponen"], v.komp("rumus"), v.komp("galat", "")),
            excel=lambda s: K.status_rumus_excel(
                s.h, s.iku("rumus"), s["baris_komponen"], s.komp("rumus"), s.komp("galat") + '&""'
            ),
        ),
        *[_lapor(q, t) for q, t in tw],
        _bantu(
            "jumlah_tw",
            "Jumlah TW Dilaporkan",
            "banyaknya triwulan yang sudah dilaporkan",
            python=lambda v: K.jumlah_lapor(v.tw("lapor")),
            excel=lambda s: K.jumlah_lapor_excel(s.tw("lapor")),
            kosong=0,
        ),
        _bantu(
            "tw_akhir",
            "TW Terakhir Dilaporkan",
            "nomor triwulan terakhir yang dilaporkan (0: belum ada)",
            python=lambda v: K.tw_akhir(v.tw("lapor")),
            excel=lambda s: K.tw_akhir_excel(s.tw("lapor")),
            kosong=0,
        ),
        _bantu(
            "tahun_galat",
            "Sebab Tahunan",
            "sebab realisasi dan target s.d. TW terakhir tidak dapat dihitung (sifat atau Rumus), kosong bila dapat",
            python=lambda v: K.tahun_galat(v.h, v["sifat_baku"], v["status_rumus"]),
            excel=lambda s: K.tahun_galat_excel(s.h, s["sifat_baku"], s["status_rumus"]),
        ),
        # each target's text read as a range ("80 - 90"): its two pieces, then its two bounds (a number is both)
        *[k for kunci, label in sasaran for k in _teks_rentang(kunci, label)],
        *[_batas_bawah(kunci, label) for kunci, label in sasaran],
        *[_batas_atas(kunci, label) for kunci, label in sasaran],
        *[_tanpa_target(b) for b in ("bawah", "atas")],
        *[_batas_sd(b) for b in ("bawah", "atas")],
        *[_target_efektif(k, label, R) for k, label, R in efektif],
        *[_alasan(k, label, R) for k, label, R in efektif],
        _bantu(
            "perhatian",
            "Perlu Perhatian",
            "BENAR (TRUE) bila indikator berlaku tanpa capaian, atau berkategori salah satu dari dua pita terendah (Ringkasan mendaftarnya)",
            python=lambda v: K.perhatian(v.h, v["capaian"], v["kategori"], v.rendah),
            excel=lambda s: K.perhatian_excel(s.h, s["capaian"], s["kategori"]),
            kosong=False,
        ),
    ]


def _lapor(q: int, t: str) -> Kolom:
    R, L = f"realisasi_tw{q}", f"lapor_tw{q}"
    return _bantu(
        L,
        f"Dilaporkan TW {t}",
        f"BENAR (TRUE) bila realisasi TW {t} sudah dilaporkan",
        python=lambda v: K.lapor(v["sifat_baku"], v[R], v.komp(L)),
        excel=lambda s: K.lapor_excel(s["sifat_baku"], s[f"realisasi_tw{q}"], s.komp(f"lapor_tw{q}")),
        kosong=False,
    )


def _teks_rentang(kunci: str, label: str) -> list[Kolom]:
    x, teks = f"target_{kunci}", f"rentang_{kunci}"
    return [
        _bantu(
            teks,
            f"Teks {label}",
            f"teks {label} dalam huruf kecil, pemisah rentang menjadi -, koma desimal menjadi titik",
            python=lambda v: teks_rentang(v[x]),
            excel=lambda s: K.teks_rentang_excel(s[x]),
        ),
        _bantu(
            f"kiri_{kunci}",
            f"Teks Kiri {label}",
            f"teks sebelum tanda - (calon batas bawah {label})",
            python=lambda v: kiri(v[teks]),
            excel=lambda s: K.kiri_excel(s[teks]),
        ),
        _bantu(
            f"kanan_{kunci}",
            f"Teks Kanan {label}",
            f"teks sesudah tanda - (calon batas atas {label})",
            python=lambda v: kanan(v[teks]),
            excel=lambda s: K.kanan_excel(s[teks]),
        ),
    ]


def _batas_bawah(kunci: str, label: str) -> Kolom:
    x, kiri_, atas = f"target_{kunci}", f"kiri_{kunci}", f"atas_{kunci}"
    return _bantu(
        f"bawah_{kunci}",
        f"Batas Bawah {label}",
        f"batas bawah {label} (angka biasa: angka itu sendiri)",
        python=lambda v: K.batas_bawah(v[x], v[kiri_], v[atas]),
        excel=lambda s: K.batas_bawah_excel(s[x], s[kiri_], s[atas]),
    )


def _batas_atas(kunci: str, label: str) -> Kolom:
    x, kanan_ = f"target_{kunci}", f"kanan_{kunci}"
    return _bantu(
        f"atas_{kunci}",
        f"Batas Atas {label}",
        f"batas atas {label} (angka biasa: angka itu sendiri)",
        python=lambda v: K.batas_atas(v[x], v[kanan_]),
        excel=lambda s: K.batas_atas_excel(s[x], s[kanan_]),
    )


def _tanpa_target(b: str) -> Kolom:
    return _bantu(
        f"tanpa_target_{b}",
        f"TW Tanpa Target ({b})",
        f"triwulan pertama yang dilaporkan tanpa batas {b} target (0: tidak ada)",
        python=lambda v: K.tw_tanpa_target(v.tw("lapor"), v.tw(b)),
        excel=lambda s: K.tw_tanpa_target_excel(s.tw("lapor"), s.tw(b)),
        kosong=0,
    )


def _batas_sd(b: str) -> Kolom:
    pasangan = [(f"bawah_{t}", f"atas_{t}") for t in SASARAN_TARGET]

    def python(v):
        if b == "atas" and all(v[bawah] == v[atas] for bawah, atas in pasangan):
            return v["bawah_sd"]  # no range anywhere: the upper bound is the lower one, not worth computing again
        return _tahun_sd(v, b)[1]

    return _bantu(
        f"{b}_sd",
        f"Batas {b.capitalize()} Target s.d. TW Terakhir",
        f"batas {b} target triwulan yang dilaporkan, menurut sifat",
        python=python,
        excel=lambda s: K.target_sd_excel(
            s["tahun_diketik"],
            s["tahun_galat"],
            s["jumlah_tw"],
            s["sifat_baku"],
            s.rentang(b),
            s.rentang("lapor"),
            s[f"{b}_tahunan"],
            s[f"tanpa_target_{b}"],
            s["tw_akhir"],
        ),
    )


def _target_efektif(k: str, label: str, R: str) -> Kolom:
    B, U = f"bawah_{k}", f"atas_{k}"
    return _bantu(
        f"target_efektif_{k}",
        f"Target Efektif {label}",
        f"target yang dibandingkan untuk {label}: batas rentang terdekat, atau angkanya",
        python=lambda v: K.target_efektif(v[R], v[B], v[U]),
        excel=lambda s: K.target_efektif_excel(s[R], s[B], s[U]),
    )


def _alasan(k: str, label: str, R: str) -> Kolom:
    B, U, T = f"bawah_{k}", f"atas_{k}", f"target_efektif_{k}"
    tahunan = k == "sd"
    capaian = "capaian_mentah" if tahunan else f"capaian_{k}"

    def excel(s) -> str:
        if tahunan:
            return K.alasan_excel(s["aturan"], s[R], s[B], s[U], s[T], True)
        return K.alasan_excel(s["aturan"], s[R], s[B], s[U], s[T], False, s["status_rumus"], s["baris_komponen"])

    return _bantu(
        f"alasan_{k}",
        f"Sebab Capaian {label}",
        f"sebab capaian {label} tidak dapat dihitung; kosong bila dapat",
        python=lambda v: K.alasan(v[capaian]),
        excel=excel,
    )


# --- every year of the period (Realisasi's yearly block) -------------------------------------------------
# The period's years are columns by their place in it (t1 = Periode awal … t6), as IKU's target and realisasi
# blocks are, so changing the period in Excel relabels them and moves nothing: susun writes their headers live.


def tahun_ke(kunci: str) -> int | None:
    """The place in the period (1–TAHUN_KOLOM) of a yearly column's key (capaian_t3 → 3), None for any other."""
    awal, _, ke = kunci.rpartition("_t")
    return int(ke) if awal and ke.isdigit() and 1 <= int(ke) <= TAHUN_KOLOM else None


KE = range(1, TAHUN_KOLOM + 1)


def kolom_tahunan() -> list[Kolom]:
    """Realisasi's yearly block: each year's realisasi (typed on IKU, or for the reporting year from its quarters)
    and capaian against that year's target, the reporting year's change from the year before, whether its typed
    realisasi agrees with its quarters, and the latest realisasi against the end-of-period target."""
    return [
        *[
            _rumus(
                f"realisasi_t{k}",
                f"Realisasi Tahun ke-{k}",
                11,
                FORMAT_ANGKA,
                python=lambda v, k=k: K.realisasi_tahun(
                    v.h and v.dalam(k), v.iku_ke("realisasi", k), v.tahun_ke(k), v["jumlah_tw"], v["realisasi_tahunan"]
                ),
                excel=lambda s, k=k: K.realisasi_tahun_excel(
                    f"AND({s.h},{s.dalam(k)})", s.iku_ke("realisasi", k), s.tahun_ke(k), s["jumlah_tw"], s["realisasi_tahunan"]
                ),
            )
            for k in KE
        ],
        *[
            _rumus(
                f"capaian_t{k}",
                f"Capaian Tahun ke-{k} (%)",
                11,
                FORMAT_PERSEN,
                python=lambda v, M=f"mentah_t{k}": K.capaian_dibatasi(v[M], v.batas, v.lantai),
                excel=lambda s, k=k: K.capaian_dibatasi_excel(s[f"mentah_t{k}"]),
            )
            for k in KE
        ],
        _rumus(
            "perubahan",
            "Perubahan dari Tahun Sebelumnya",
            14,
            python=lambda v: K.perubahan(v["polaritas_baku"], v["realisasi_ini"], v["realisasi_lalu"]),
            excel=lambda s: K.perubahan_excel(s["polaritas_baku"], s["realisasi_ini"], s["realisasi_lalu"]),
        ),
        _rumus(
            "beda_tahun",
            "Realisasi Tahun Diketik vs Triwulan",
            16,
            python=lambda v: K.beda_tahun(v.h, v["jumlah_tw"], v["realisasi_diketik"], v["realisasi_tahunan"]),
            excel=lambda s: K.beda_tahun_excel(s.h, s["jumlah_tw"], s["realisasi_diketik"], s["realisasi_tahunan"]),
        ),
        _rumus(
            "target_akhir",
            "Target Akhir Periode",
            11,
            FORMAT_ANGKA,
            python=lambda v: K.target_tampil(v["bawah_akhir"], v["atas_akhir"]),
            excel=lambda s: K.target_tampil_excel(s["bawah_akhir"], s["atas_akhir"]),
        ),
        _rumus(
            "tahun_terakhir",
            "Tahun Realisasi Terakhir",
            9,
            python=lambda v: K.tahun_terakhir(v.ke("realisasi"), v.awal),
            excel=lambda s: K.tahun_terakhir_excel(s.ke("realisasi")),
        ),
        _rumus(
            "realisasi_terakhir",
            "Realisasi Terakhir",
            11,
            FORMAT_ANGKA,
            python=lambda v: K.terakhir(v.ke("realisasi")),
            excel=lambda s: K.terakhir_excel(s.ke("realisasi")),
        ),
        _rumus(
            "capaian_akhir",
            "Capaian thd Target Akhir Periode (%)",
            13,
            FORMAT_PERSEN,
            python=lambda v: K.capaian_dibatasi(v["mentah_akhir"], v.batas, v.lantai),
            excel=lambda s: K.capaian_dibatasi_excel(s["mentah_akhir"]),
        ),
    ]


_KE_TAHUN = {f"t{k}": k for k in KE}  # a yearly block's key (t3) → its place in the period; "akhir" has none


def _dari_tw(v, kunci: str) -> bool:
    """Whether the year's (`kunci`: t1…t6) realisasi is the reporting year's from its quarters (none typed): its capaian is
    then Realisasi's Capaian Tanpa Batas, against the target of the quarters reported (the year's once all four
    are), as today; a typed yearly realisasi is compared with the year's target."""
    k = _KE_TAHUN.get(kunci)
    if k is None:
        return False
    return K.dari_tw(v.h and v.dalam(k) and v.tahun_ke(k), v.iku_ke("realisasi", k), v["jumlah_tw"])


def _dari_tw_excel(s, kunci: str) -> str:
    k = _KE_TAHUN.get(kunci)
    if k is None:
        return "FALSE"
    return K.dari_tw_excel(f"AND({s.h},{s.dalam(k)},{s.tahun_ke(k)})", s.iku_ke("realisasi", k), s["jumlah_tw"])


def _capaian_tahun(v, k: str, R: str, B: str, U: str) -> object:
    """The year's (`k`: t1…t6, akhir) capaian before floor and cap against its own target: its Sebab Capaian reads it,
    and its Capaian Tanpa Batas unless that is from the quarters (_dari_tw); worked out once per row."""
    return v.sekali(k, K.capaian_tahun, v["aturan"], v[B], v[R], v[U])


def kolom_bantu_tahunan() -> list[Kolom]:
    """The yearly block's helpers: each year's target read as a range with the same helper twins as the
    quarters' (each kind a block of adjacent columns, so the end-of-period target is read from them by place),
    then the capaian steps per year and for the end of the period."""
    tahun = [(f"t{k}", f"Tahun ke-{k}") for k in KE]
    capai = [*[(f"t{k}", f"Tahun ke-{k}", f"realisasi_t{k}") for k in KE], ("akhir", "Akhir Periode", "realisasi_terakhir")]
    return [
        *[
            _bantu(
                f"target_t{k}",
                f"Target Tahun ke-{k}",
                f"target tahun ke-{k} periode di IKU, seperti diketik (kosong di luar periode)",
                python=lambda v, k=k: K.target_tahunan(v.h and v.dalam(k), v.iku_ke("target", k)),
                excel=lambda s, k=k: K.target_tahunan_excel(f"AND({s.h},{s.dalam(k)})", s.iku_ke("target", k)),
            )
            for k in KE
        ],
        *[k for kunci, label in tahun for k in _teks_rentang(kunci, label)],
        *[_batas_bawah(kunci, label) for kunci, label in tahun],
        *[_batas_atas(kunci, label) for kunci, label in tahun],
        *[
            _bantu(
                f"{b}_akhir",
                f"Batas {b.capitalize()} Target Akhir Periode",
                f"batas {b} target tahun terakhir periode",
                python=lambda v, b=b: K.akhir_periode(v.ke(b), v.n_periode),
                excel=lambda s, b=b: K.akhir_periode_excel(s.ke(b)),
            )
            for b in ("bawah", "atas")
        ],
        *[_target_efektif(k, label, R) for k, label, R in capai],
        *[
            _bantu(
                f"alasan_{k}",
                f"Sebab Capaian {label}",
                f"sebab capaian {label} tidak dapat dihitung; kosong bila dapat atau belum ada realisasi",
                python=lambda v, k=k, R=R, B=f"bawah_{k}", U=f"atas_{k}": K.alasan(_capaian_tahun(v, k, R, B, U)),
                excel=lambda s, k=k, R=R: K.alasan_excel(
                    s["aturan"], s[R], s[f"bawah_{k}"], s[f"atas_{k}"], s[f"target_efektif_{k}"], True, tahun=True
                ),
            )
            for k, label, R in capai
        ],
        *[
            _bantu(
                f"mentah_{k}",
                f"Capaian Tanpa Batas {label}",
                f"capaian {label} sebelum batas bawah dan atas",
                python=lambda v, k=k, R=R, B=f"bawah_{k}", U=f"atas_{k}": (
                    v["capaian_mentah"] if _dari_tw(v, k) else _capaian_tahun(v, k, R, B, U)
                ),
                excel=lambda s, k=k, R=R: K.pilih_excel(
                    _dari_tw_excel(s, k),
                    s["capaian_mentah"],
                    K.capaian_mentah_excel(
                        s[f"alasan_{k}"], s["aturan"], s[R], s[f"bawah_{k}"], s[f"atas_{k}"], s[f"target_efektif_{k}"]
                    ),
                ),
            )
            for k, label, R in capai
        ],
        _bantu(
            "realisasi_diketik",
            "Realisasi Tahun Pelaporan Diketik",
            "realisasi setahun tahun pelaporan seperti diketik di IKU (kosong bila tidak)",
            python=lambda v: K.target_tahunan(v.h, v.iku_tahun("realisasi")),
            excel=lambda s: K.target_tahunan_excel(s.h, s.iku_tahun("realisasi")),
        ),
        _bantu(
            "realisasi_ini",
            "Realisasi Tahun Pelaporan",
            "realisasi tahun pelaporan di blok tahunan",
            python=lambda v: K.tahun_ini(v.ke("realisasi"), v.ke_tahun),
            excel=lambda s: K.tahun_ini_excel(s.ke("realisasi")),
        ),
        _bantu(
            "realisasi_lalu",
            "Realisasi Tahun Sebelumnya",
            "realisasi tahun sebelum tahun pelaporan (tahun pertama periode: Kondisi Awal)",
            python=lambda v: K.tahun_lalu(v.ke("realisasi"), v.ke_tahun, K.cermin(v.h, v.iku("kondisi_awal"))),
            excel=lambda s: K.tahun_lalu_excel(s.ke("realisasi"), K.cermin_excel(s.h, s.iku("kondisi_awal"))),
        ),
        # last, so that adding it moved no other column
        _bantu(
            "tahun_diketik",
            "Realisasi Tahun Pelaporan dari Ketikan",
            "BENAR (TRUE) bila belum ada triwulan dilaporkan dan realisasi setahun tahun pelaporan diketik di IKU (angka): "
            "Capaian tahun pelaporan dihitung darinya terhadap target tahunan",
            python=lambda v: K.tahun_diketik(v["jumlah_tw"], v["realisasi_diketik"]),
            excel=lambda s: K.tahun_diketik_excel(s["jumlah_tw"], s["realisasi_diketik"]),
            kosong=False,
        ),
    ]


def kolom_tampak_realisasi(versi: int) -> dict[int, int]:
    """Realisasi's columns people read (not the helpers) in a book of that template version, each with its
    place in this layout: version 2 had no yearly block, its Sasaran, Jabatan and Bidang followed Kategori."""
    posisi = {k.kunci: c for c, k in enumerate(kolom_realisasi(), start=1)}
    tampak = [k.kunci for k in kolom_realisasi() if not k.bantu]
    if versi < 3:
        tampak = [*tampak[: tampak.index("kategori") + 1], "sasaran", "jabatan", "bidang"]
    return {c: posisi[k] for c, k in enumerate(tampak, start=1)}


def kolom_komponen() -> list[Kolom]:
    """Komponen's column table: the values of each Rumus component per quarter, and on an indicator's first
    row what Python compiled from its Rumus (the realisasi per quarter and for the year), with the Rumus it was
    compiled from: Realisasi finds them by Kode and compares that Rumus with IKU's. The computed columns' twins
    read the block (hitung.BlokKomponen on the Python side, hitung.RumusKomponen on Excel's): `rumus` the
    Rumus, `per_tw[q - 1]` the components' values (or absolute cells) of quarter q."""
    tw = list(enumerate(TRIWULAN, 1))
    return [
        Kolom("kode", "Kode", 9, rumus=True),
        Kolom("indikator", "Indikator Kinerja Utama", 38, rumus=True),
        Kolom("komponen", "Komponen", 38, rumus=True),
        *[Kolom(f"tw{q}", f"TW {t}", 11, angka=True, format=FORMAT_ANGKA) for q, t in tw],
        *[_realisasi_komponen(q, t) for q, t in tw],
        Kolom("rumus", "Rumus yang Dihitung", 38, rumus=True),
        _rumus(
            "rasio",
            "Realisasi Rasio s.d. TW Terakhir",
            12,
            FORMAT_ANGKA,
            bantu=True,
            python=lambda b: K.rasio_tahunan(b.rumus, b.per_tw),
            excel=lambda s: K.rasio_tahunan_excel(s.rumus, s.per_tw, s.lapor),
        ),
        Kolom("galat", "Rumus Tidak Dapat Dipakai", 12, rumus=True, bantu=True),
        *[_lengkap_komponen(q, t) for q, t in tw],
    ]


def _realisasi_komponen(q: int, t: str) -> Kolom:
    return _rumus(
        f"realisasi_tw{q}",
        f"Realisasi TW {t} (hasil Rumus)",
        12,
        FORMAT_ANGKA,
        python=lambda b: K.realisasi_tw(b.rumus, b.per_tw[q - 1]),
        excel=lambda s: K.realisasi_tw_excel(s.rumus, s.per_tw[q - 1]),
    )


def _lengkap_komponen(q: int, t: str) -> Kolom:
    return _rumus(
        f"lapor_tw{q}",
        f"Komponen Lengkap TW {t}",
        8,
        bantu=True,
        kosong=False,
        python=lambda b: K.komponen_lengkap(b.per_tw[q - 1]),
        excel=lambda s: K.komponen_lengkap_excel(s.rentang(q), len(s.rumus.komponen)),
    )


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


@lru_cache(maxsize=1)
def tata_realisasi() -> Tata:
    """Where Realisasi's columns sit, for the sheets that read them (the forms, Ringkasan): worked out once, where
    kolom_realisasi builds its table anew."""
    return Tata(kolom_realisasi())


# the IKU cells Realisasi shows as they are typed
DICERMINKAN = tuple(k.kunci for k in kolom_realisasi() if k.cermin)

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
    # the year the quarterly inputs belong to, written by ikuxl (the reporting year when the quarters are
    # first filled); when Tahun pelaporan moves on, the workbook warns until ikuxl closes this year (tutup.py)
    ("tahun_triwulan", "Tahun triwulan yang diisi (diisi ikuxl)", "Pengaturan_Tahun_Triwulan"),
)
NAMA_SKALA = "Skala_Kategori"
# The mark on a cell with a finding, per severity: (fill, font colour), RGB hex.
WARNA_TANDA = {"galat": ("FFC7CE", "9C0006"), "peringatan": ("FFE699", "7F6000")}
BARIS_SKALA_MAKS = 10

# Referensi: who signs the forms (formulir.py), a block of its own below the scale block, so nothing
# above it moves; a workbook written before it has none there (baca.py reads it as empty, and ikuxl
# writes its labels into the empty cells at the next run)
BARIS_TTD = BARIS_SKALA + BARIS_SKALA_MAKS + 2  # the block's header row; the settings below it
JUDUL_TTD = "Penandatangan formulir"
PENANDATANGAN = (  # (kunci, label, named range); text cells: a NIP of 18 digits or a date stays as typed
    ("ttd_tempat", "Tempat penandatanganan", "Penandatangan_Tempat"),
    ("ttd_tanggal", "Tanggal penandatanganan (mis. 2 Januari 2024)", "Penandatangan_Tanggal"),
    ("ttd_pertama_jabatan", "Pihak pertama: jabatan", "Penandatangan_Pertama_Jabatan"),
    ("ttd_pertama_nama", "Pihak pertama: nama", "Penandatangan_Pertama_Nama"),
    ("ttd_pertama_nip", "Pihak pertama: NIP", "Penandatangan_Pertama_NIP"),
    ("ttd_kedua_jabatan", "Pihak kedua (atasan): jabatan", "Penandatangan_Kedua_Jabatan"),
    ("ttd_kedua_nama", "Pihak kedua: nama", "Penandatangan_Kedua_Nama"),
    ("ttd_kedua_nip", "Pihak kedua: NIP", "Penandatangan_Kedua_NIP"),
)
FORMAT_TEKS = "@"
