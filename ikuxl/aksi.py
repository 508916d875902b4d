"""The three actions staff click (Validasi, Hitung Capaian, Perbarui Ringkasan) and `recalc`,
which runs all three on a workbook file. The xlwings shell calls the same functions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean

from .dokumen import Dokumen
from .nilai import adalah_angka
from .periksa import GALAT, INFO, PERINGATAN, Temuan, periksa
from .plan import Plan, Rumusan
from .skema import REALISASI, Tata, kolom_realisasi
from .susun import susun
from .workbook.baca import BacaError, baca_dokumen
from .workbook.cangkok import CangkokError, cangkok
from .workbook.tulis import simpan_atomik


@dataclass
class Hasil:
    """What one run did to one workbook, for the CLI table and the batch report."""

    berkas: str
    indikator: int = 0
    temuan: list[Temuan] = field(default_factory=list)
    capaian_rata: float | None = None
    keluar: str | None = None

    def jumlah(self, tingkat: str) -> int:
        return sum(t.tingkat == tingkat for t in self.temuan)

    @property
    def galat(self) -> int:
        return self.jumlah(GALAT)

    @property
    def peringatan(self) -> int:
        return self.jumlah(PERINGATAN)

    @property
    def info(self) -> int:
        return self.jumlah(INFO)


def rencana(dok: Dokumen, lengkap: bool = False) -> tuple[Plan, list[Temuan]]:
    """Validasi, Hitung Capaian and Perbarui Ringkasan on a Dokumen: the findings and the write
    plan of ikuxl's sheets and marks (of the whole workbook with lengkap=True)."""
    temuan = periksa(dok)
    return susun(dok, temuan, lengkap), temuan


def capaian_rata(plan: Plan) -> float | None:
    tr = Tata(kolom_realisasi())
    nilai = [s.nilai.nilai for (r, c), s in plan[REALISASI].sel.items()
             if c == tr.posisi["capaian"] and isinstance(s.nilai, Rumusan)]
    angka = [v for v in nilai if adalah_angka(v)]
    return fmean(angka) if angka else None


AKHIRAN_CADANGAN = ".bak"


def recalc(path: Path, keluar: Path | None = None, cadangan: bool = False) -> Hasil:
    """Validate, recompute and summarise a workbook file, and write it atomically to `keluar`
    (default: in place, with a copy of the original as NAME.xlsx.bak when `cadangan`).
    Only ikuxl's own sheets, names and marks change; a file that cannot be read is left alone."""
    path = Path(path)
    dok = baca_dokumen(path)
    try:
        asli = path.read_bytes()
    except OSError as e:
        raise BacaError(path.name, f"tidak dapat dibaca ({e.strerror})") from None
    plan, temuan = rencana(dok)
    tujuan = Path(keluar) if keluar else path
    try:
        baru = cangkok(asli, plan)
    except CangkokError as e:
        raise BacaError(path.name, str(e)) from None
    try:
        if cadangan and keluar is None:
            simpan_atomik(asli, path.with_name(path.name + AKHIRAN_CADANGAN))
        simpan_atomik(baru, tujuan)
    except OSError as e:
        raise BacaError(tujuan.name, f"tidak dapat ditulis ({e.strerror}); berkas tidak diubah") from None
    return Hasil(path.name, len(dok.aktif()), temuan, capaian_rata(plan), str(tujuan))


def validasi(path: Path) -> Hasil:
    """The findings only; the file is not changed."""
    dok = baca_dokumen(path)
    return Hasil(Path(path).name, len(dok.aktif()), periksa(dok))
