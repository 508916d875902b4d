"""Many workbooks at once: worker processes, progress, and a report.

One bad file never stops the batch: it is reported with its reason and left as it
was. Every write is atomic, so a batch killed at any moment leaves each file either
as before or fully recalculated.
"""

from __future__ import annotations

import csv
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable

from .aksi import recalc
from .workbook.baca import BacaError
from .workbook.tulis import simpan_atomik


@dataclass
class Laporan:
    """One file's outcome, a row of the report."""

    berkas: str
    status: str  # ok, gagal
    indikator: int | None = None
    galat: int | None = None
    peringatan: int | None = None
    info: int | None = None
    capaian_rata: float | None = None
    keluar: str | None = None
    pesan: str = ""
    detik: float = 0.0


def satu(path: Path, keluar: Path | None, cadangan: bool) -> Laporan:
    """Recalculate one file; every failure becomes a report row, the file untouched."""
    mulai = time.perf_counter()
    try:
        h = recalc(path, keluar, cadangan)
    except BacaError as e:  # recalc reports every expected problem as BacaError
        return Laporan(str(path), "gagal", pesan=str(e), detik=time.perf_counter() - mulai)
    except Exception as e:  # noqa: BLE001 - a batch reports the unexpected too, and goes on
        return Laporan(str(path), "gagal", pesan=f"{path.name}: galat tak terduga ({type(e).__name__}: {e}); berkas tidak diubah",
                       detik=time.perf_counter() - mulai)
    return Laporan(str(path), "ok", h.indikator, h.galat, h.peringatan, h.info, h.capaian_rata, h.keluar,
                   detik=time.perf_counter() - mulai)


def jalankan(berkas: list[Path], folder_keluar: Path | None = None, cadangan: bool = True, jobs: int | None = None,
             kemajuan: Callable[[Laporan], None] | None = None) -> list[Laporan]:
    """Recalculate every file (in place when `folder_keluar` is None), `jobs` at a time.
    Returns the reports in the order of `berkas`."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    tugas = [(Path(p), (folder_keluar / Path(p).name) if folder_keluar else None, cadangan) for p in berkas]
    hasil: dict[int, Laporan] = {}
    if jobs == 1 or len(tugas) == 1:
        for i, t in enumerate(tugas):
            hasil[i] = satu(*t)
            if kemajuan:
                kemajuan(hasil[i])
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            janji = {pool.submit(satu, *t): i for i, t in enumerate(tugas)}
            for j in as_completed(janji):
                hasil[janji[j]] = j.result()
                if kemajuan:
                    kemajuan(hasil[janji[j]])
    return [hasil[i] for i in range(len(tugas))]


KOLOM_LAPORAN = ["berkas", "status", "indikator", "galat", "peringatan", "info", "capaian_rata", "keluar", "pesan", "detik"]


def tulis_laporan(laporan: Iterable[Laporan], tujuan: Path) -> None:
    """The report as JSON, CSV (semicolon, UTF-8 with BOM for Excel) or XLSX, by the file's extension."""
    baris = [asdict(l) for l in laporan]
    akhiran = tujuan.suffix.lower()
    if akhiran == ".json":
        simpan_atomik(json.dumps(baris, ensure_ascii=False, indent=1).encode("utf-8"), tujuan)
    elif akhiran == ".csv":
        import io

        buf = io.StringIO()
        w = csv.DictWriter(buf, KOLOM_LAPORAN, delimiter=";")
        w.writeheader()
        w.writerows(baris)
        simpan_atomik(("\ufeff" + buf.getvalue()).encode("utf-8"), tujuan)
    elif akhiran == ".xlsx":
        from .plan import LembarPlan, Plan
        from .workbook.tulis import tulis_plan

        l = LembarPlan("Laporan", beku="A2")
        for c, k in enumerate(KOLOM_LAPORAN, start=1):
            l.tulis(1, c, k, "kepala")
            l.lebar[c] = 60 if k in ("berkas", "pesan", "keluar") else 12
        for r, b in enumerate(baris, start=2):
            for c, k in enumerate(KOLOM_LAPORAN, start=1):
                l.tulis(r, c, b[k], "galat" if b["status"] == "gagal" else "biasa")
        tulis_plan(Plan([l]), tujuan)
    else:
        raise ValueError(f"laporan {tujuan.name}: pilih akhiran .json, .csv atau .xlsx")
