"""Many workbooks at once: worker processes, progress, and a report.

One bad file never stops the batch: it is reported with its reason and left as it
was. Every write is atomic, so a batch killed at any moment leaves each file either
as before or fully recalculated.
"""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import signal
import sys
import time
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import ejaan, rumus
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


def satu(path: Path, keluar: Path | None, cadangan: bool, lite: dict[str, str] | None = None) -> Laporan:
    """Recalculate one file; every failure becomes a report row, the file untouched."""
    mulai = time.perf_counter()
    try:
        h = recalc(path, keluar, cadangan, lite)
    except BacaError as e:  # recalc reports every expected problem as BacaError
        return Laporan(str(path), "gagal", pesan=str(e), detik=time.perf_counter() - mulai)
    except Exception as e:  # noqa: BLE001 - a batch reports the unexpected too, and goes on
        return Laporan(
            str(path),
            "gagal",
            pesan=f"{path.name}: galat tak terduga ({type(e).__name__}: {e}); berkas tidak diubah",
            detik=time.perf_counter() - mulai,
        )
    return Laporan(
        str(path), "ok", h.indikator, h.galat, h.peringatan, h.info, h.capaian_rata, h.keluar, detik=time.perf_counter() - mulai
    )


def jalankan(
    berkas: list[Path],
    folder_keluar: Path | None = None,
    cadangan: bool = True,
    jobs: int | None = None,
    kemajuan: Callable[[Laporan], None] | None = None,
    lite: dict[str, str] | None = None,
) -> list[Laporan]:
    """Recalculate every file (in place when `folder_keluar` is None), `jobs` at a time, each in a child
    process (with `lite`, as the xlwings Lite edition: aksi.recalc). Returns the reports in the order of `berkas`."""
    keluar = nama_keluar(berkas, folder_keluar) if folder_keluar else [None] * len(berkas)
    tugas = [(Path(p), k, cadangan, lite) for p, k in zip(berkas, keluar)]
    hasil: dict[int, Laporan] = {}
    for i, l in di_pekerja(satu, tugas, jobs, _satu_mati):
        hasil[i] = l
        if kemajuan:
            kemajuan(l)
    return [hasil[i] for i in range(len(tugas))]


def nama_keluar(berkas: list[Path], folder: Path) -> list[Path]:
    """Each file's result under `folder`, at its place below the folder all inputs share, so that
    dinas-a/IKU.xlsx and dinas-b/IKU.xlsx never write one result. ValueError when a result would replace
    an input."""
    asal = [Path(p).resolve() for p in berkas]
    if not asal:
        return []
    akar = Path(os.path.commonpath([p.parent for p in asal]))
    keluar = [Path(folder) / p.relative_to(akar) for p in asal]
    sama = {k.resolve() for k in keluar} & set(asal)
    if sama:
        raise ValueError(
            f"-o {folder}: hasilnya akan menimpa berkas asli ({min(sama).name}); pilih folder lain, "
            "atau pakai --in-place (cadangan NAMA.xlsx.bak dibuat)"
        )
    return keluar


def _satu_mati(path: Path, keluar: Path | None, cadangan: bool, lite: dict | None, sebab: str) -> Laporan:
    return Laporan(str(path), "gagal", pesan=f"{Path(path).name}: {sebab}; berkas tidak diubah")


# Workers are forked from this process, which has ikuxl imported: they start at once (on Linux; elsewhere
# the platform's way). The parent closes its copy of each child's pipe end before the next fork, so a
# child that dies is seen as the end of its pipe.
_KONTEKS = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


def _pekerja(conn, fungsi, mati) -> None:
    induk = os.getppid()
    try:
        while True:
            while not conn.poll(1):
                if os.getppid() != induk:  # the parent was killed: nothing more to do
                    return
            if (t := conn.recv()) is None:
                return
            try:
                hasil = fungsi(*t)
            except Exception as e:  # noqa: BLE001 - the file fails, the worker goes on
                hasil = mati(*t, f"galat tak terduga ({type(e).__name__}: {e})")
            conn.send(hasil)
    except EOFError:  # the parent is gone
        pass


def _sebab_mati(kode: int | None) -> str:
    if kode is not None and kode < 0:
        sinyal = signal.Signals(-kode).name
        return f"proses yang mengerjakannya berhenti mendadak ({sinyal}" + (
            "; mungkin kehabisan memori)" if -kode == signal.SIGKILL else ")"
        )
    return f"proses yang mengerjakannya berhenti mendadak (kode keluar {kode})"


# Files per process below which another process costs more than it saves: a child starts in about 0.1 s
# and a workbook takes about 0.1-0.2 s (benchmarks/batch_banyak.py measures both ways)
BERKAS_PER_PROSES = 4


def jobs_bawaan(banyak: int) -> int:
    """How many processes a batch of `banyak` files uses unless told: one per BERKAS_PER_PROSES files,
    at most one per core."""
    return max(1, min(os.cpu_count() or 1, banyak // BERKAS_PER_PROSES))


def di_pekerja(fungsi: Callable, tugas: list[tuple], jobs: int | None, mati: Callable) -> Iterator[tuple[int, object]]:
    """fungsi(*t) for every t in `tugas`, in `jobs` child processes; yields (index, result) as each is done.
    A child that dies (a crash in a native reader, abort, os._exit, killed for memory) costs only the file
    it had: mati(*t, reason) stands for its result, and a new child takes the rest. Even one job runs in a
    child, so that a crash never loses the results and the report of the other files."""
    jobs = max(1, jobs or jobs_bawaan(len(tugas)))
    if _KONTEKS.get_start_method() == "fork":  # the workers (recalc, rekap: Validasi) share what is loaded here
        ejaan.siapkan()
        rumus.siapkan()
    antre = list(enumerate(tugas))[::-1]
    sibuk: dict[Connection, tuple[multiprocessing.Process, int]] = {}
    luang: list[tuple[multiprocessing.Process, Connection]] = []
    try:
        while antre or sibuk:
            while antre and len(sibuk) < jobs:
                if luang:
                    p, c = luang.pop()
                else:
                    c, anak = _KONTEKS.Pipe()
                    p = _KONTEKS.Process(target=_pekerja, args=(anak, fungsi, mati), daemon=True)
                    p.start()
                    anak.close()
                i, t = antre.pop()
                c.send(t)
                sibuk[c] = (p, i)
            for c in wait(list(sibuk)):
                p, i = sibuk.pop(c)
                try:
                    hasil = c.recv()
                    luang.append((p, c))
                except (EOFError, OSError):
                    c.close()
                    p.join()
                    hasil = mati(*tugas[i], _sebab_mati(p.exitcode))
                yield i, hasil
        for p, c in luang:
            c.send(None)
    finally:
        for p, _ in sibuk.values():
            p.kill()  # interrupted (Ctrl+C): writes are atomic, a killed child leaves every file whole
        for p, c in luang + [(p, c) for c, (p, _) in sibuk.items()]:
            c.close()
            p.join()


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
        # numbers with a decimal comma, as a spreadsheet set to Indonesian reads them (the delimiter is ";")
        w.writerows({k: str(v).replace(".", ",") if isinstance(v, float) else v for k, v in b.items()} for b in baris)
        simpan_atomik(("\ufeff" + buf.getvalue()).encode("utf-8"), tujuan)
    elif akhiran == ".xlsx":
        from .plan import LembarPlan, Plan
        from .workbook.kerangka import tulis_plan

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
