"""ikuxl: Indikator Kinerja Utama (IKU) in Excel: validate, compute capaian, summarise."""

from .capaian import (
    METODE_NEGATIF,
    POLARITAS,
    SIFAT,
    SKALA_MALUKU_TENGAH,
    SKALA_PERMENDAGRI_86,
    SKALA_PREDIKAT_SAKIP,
    HasilCapaian,
    Pita,
    Skala,
    Tahunan,
    agregasi_tahunan,
    capaian,
    hitung_capaian,
    kategori,
)
from .nilai import AngkaAmbigu, Nilai, format_angka, parse_nilai
from .rumus import Hasil, Rumus, RumusError

__version__ = "0.1.0"

__all__ = [
    "AngkaAmbigu",
    "Hasil",
    "HasilCapaian",
    "METODE_NEGATIF",
    "Nilai",
    "POLARITAS",
    "Pita",
    "Rumus",
    "RumusError",
    "SIFAT",
    "SKALA_MALUKU_TENGAH",
    "SKALA_PERMENDAGRI_86",
    "SKALA_PREDIKAT_SAKIP",
    "Skala",
    "Tahunan",
    "agregasi_tahunan",
    "capaian",
    "format_angka",
    "hitung_capaian",
    "kategori",
    "parse_nilai",
]
