"""The IKU matrix and everything staff enter: what a workbook holds, free of any file format.

The core (validation, computation, summaries) works on a Dokumen; the workbook
shells read one from a file or an Excel book and write the plan made from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .skema import BARIS_SKALA_MAKS, DAFTAR_BAWAAN, VERSI_TEMPLATE, kolom_iku

SKALA_BAWAAN = [("≥", 91, "Sangat Tinggi"), ("≥", 76, "Tinggi"), ("≥", 66, "Sedang"), ("≥", 51, "Rendah"),
                (None, None, "Sangat Rendah")]

KOLOM_TW_REALISASI = [f"target_tw{i}" for i in range(1, 5)] + [f"realisasi_tw{i}" for i in range(1, 5)]
KOLOM_TW_KOMPONEN = [f"tw{i}" for i in range(1, 5)]


@dataclass
class Dokumen:
    """pengaturan: instansi, tingkat, wilayah, periode_awal, periode_akhir, tahun, batas_capaian, urusan.
    iku: one row per indicator, columns as skema.kolom_iku.
    realisasi: inputs of the Realisasi sheet, index kode, columns KOLOM_TW_REALISASI.
    komponen: inputs of the Komponen sheet, columns kode, komponen and KOLOM_TW_KOMPONEN.
    skala: the kategori scale as (operator "≥"/">" or None for the bottom band, batas, label).
    keterangan: a note shown on every sheet title, e.g. that the realisasi is illustrative.
    """

    pengaturan: dict[str, object]
    iku: pd.DataFrame
    realisasi: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=KOLOM_TW_REALISASI))
    komponen: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["kode", "komponen", *KOLOM_TW_KOMPONEN]))
    daftar: dict[str, list[str]] = field(default_factory=lambda: {k: list(v) for k, v in DAFTAR_BAWAAN.items()})
    skala: list[tuple[str | None, float | None, str]] = field(default_factory=lambda: list(SKALA_BAWAAN))
    keterangan: str | None = None
    _tembolok: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def sekali(self, kunci: str, buat):
        """`buat()`, worked out once for these frames: one recalculation reads the matrix in
        Validasi, Hitung Capaian and Ringkasan. The frames are never edited in place (every
        reader builds new ones); assigning a new frame starts afresh."""
        bingkai = (self.iku, self.realisasi, self.komponen)
        if "" not in self._tembolok or any(a is not b for a, b in zip(self._tembolok[""], bingkai)):
            self._tembolok = {"": bingkai}
        if kunci not in self._tembolok:
            self._tembolok[kunci] = buat()
        return self._tembolok[kunci]

    @property
    def tahun_periode(self) -> range:
        return range(int(self.pengaturan["periode_awal"]), int(self.pengaturan["periode_akhir"]) + 1)

    @property
    def tahun(self) -> int:
        return int(self.pengaturan["tahun"])

    @property
    def kolom_iku(self):
        return kolom_iku(self.tahun_periode)

    @classmethod
    def kosong(cls, instansi: str = "", tingkat: str = "kabupaten", wilayah: str = "", periode_awal: int = 2025,
               periode_akhir: int = 2029, tahun: int | None = None, batas_capaian: float | None = None,
               urusan: str = "") -> "Dokumen":
        if periode_akhir < periode_awal:
            raise ValueError(f"periode akhir {periode_akhir} sebelum periode awal {periode_awal}")
        tahun = periode_awal if tahun is None else tahun
        if not periode_awal <= tahun <= periode_akhir:
            raise ValueError(f"tahun pelaporan {tahun} di luar periode {periode_awal}–{periode_akhir}")
        pengaturan = dict(instansi=instansi, tingkat=tingkat, wilayah=wilayah, periode_awal=periode_awal,
                          periode_akhir=periode_akhir, tahun=tahun, batas_capaian=batas_capaian, urusan=urusan,
                          versi_template=VERSI_TEMPLATE)
        kolom = [k.kunci for k in kolom_iku(range(periode_awal, periode_akhir + 1))]
        return cls(pengaturan, pd.DataFrame(columns=kolom, dtype=object))

    def aktif(self) -> pd.DataFrame:
        """The indicators in force: every row but those removed in the desk review."""
        status = self.iku["status"].fillna("").astype(str).str.strip().str.lower()
        return self.iku[status != "dihapus"]

    def rekaman_iku(self) -> list[dict]:
        """The matrix as plain dicts, quick to read (a reader that built the frame from them passes them on)."""
        return self.sekali("rekaman_iku", lambda: self.iku.to_dict("records"))

    def baris_aktif(self) -> list[tuple[int, dict]]:
        """(position in the matrix, row) of each indicator in force."""
        return self.sekali("baris_aktif", lambda: [(i, r) for i, r in enumerate(self.rekaman_iku())
                                                   if str(r.get("status") or "").strip().lower() != "dihapus"])

    def masukan_realisasi(self) -> dict[str, dict]:
        """The Realisasi inputs by kode."""
        return self.sekali("masukan_realisasi", lambda: self.realisasi.to_dict("index"))

    def jabatan(self) -> list[str]:
        """Jabatan named in the matrix, in order of first appearance, then the list on Referensi."""
        nama = [*self.iku["jabatan"].dropna(), *self.iku["atasan"].dropna(), *self.daftar.get("Jabatan", [])]
        return list(dict.fromkeys(str(n).strip() for n in nama if str(n).strip()))


def skala_terurut(skala: list[tuple[str | None, float | None, str]]):
    """The scale rows as Pita, each with its row index on Referensi, highest band first."""
    from .capaian import Pita, Skala

    pita = [Pita(label, None if batas is None or op is None else float(batas), inklusif=(op != ">"), asal=i)
            for i, (op, batas, label) in enumerate(skala[:BARIS_SKALA_MAKS]) if label]
    return Skala(pita)
