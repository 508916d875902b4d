"""CPU per workbook inside one process, phase by phase (start-up excluded: what a batch child pays per file).

    python benchmarks/cpu_per_workbook.py [--indikator 200] [--ulang 30]

Runs the steps of `ikuxl recalc` (aksi._recalc, its aksi.rencana step by step) on one generated workbook
`--ulang` times with the garbage collector paused as recalc pauses it, and prints the median CPU
milliseconds of each step and of the whole, and the best whole run (a shared machine drifts).
Goal (issue 23): at most 120 ms for 200 indicators; the floor is about 50 (calamine plus the zip).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))
from buat_workbook import tulis  # noqa: E402

from ikuxl import ketikan  # noqa: E402
from ikuxl.aksi import milik, tanpa_gc  # noqa: E402
from ikuxl.periksa import periksa  # noqa: E402
from ikuxl.rakit import susun  # noqa: E402
from ikuxl.hitung import hitung  # noqa: E402
from ikuxl.workbook.baca import dokumen_paket, periksa_paket  # noqa: E402
from ikuxl.workbook.cangkok import cangkok  # noqa: E402


def sekali(data: bytes, nama: str) -> dict[str, float]:
    waktu, t = {}, time.process_time()

    def catat(langkah: str) -> None:
        nonlocal t
        sekarang = time.process_time()
        waktu[langkah] = (sekarang - t) * 1000
        t = sekarang

    with tanpa_gc():
        paket = periksa_paket(nama, data)
        catat("periksa paket")
        dok = dokumen_paket(paket)
        catat("baca (calamine)")
        diketik = ketikan.cari(dok)
        isian = ketikan.pindahkan(dok, diketik)
        catat("ketikan")
        hitung(dok)
        catat("hitung capaian")
        temuan = periksa(dok, True, (), dipindah=diketik)
        catat("validasi")
        plan = susun(dok, temuan, False)
        plan["IKU"].isian.update(isian)
        catat("rencana")
        cangkok(paket, plan, milik(dok))
        catat("cangkok + zip")
    return waktu


def main() -> None:
    arg = argparse.ArgumentParser(description=__doc__)
    arg.add_argument("--indikator", type=int, default=200)
    arg.add_argument("--ulang", type=int, default=30)
    a = arg.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = tulis(Path(tmp), 1, a.indikator)[0]
        data = path.read_bytes()
    sekali(data, path.name)  # warm: imports and caches of the first run are start-up, not per file
    putaran = [sekali(data, path.name) for _ in range(a.ulang)]
    print(f"{a.indikator} indikator, median dari {a.ulang} putaran (ms CPU)")
    for langkah in putaran[0]:
        print(f"  {langkah:18}{median(p[langkah] for p in putaran):8.1f}")
    print(f"  {'jumlah':18}{median(sum(p.values()) for p in putaran):8.1f}   (sasaran ≤ 120)")
    print(f"  {'terbaik':18}{min(sum(p.values()) for p in putaran):8.1f}")


if __name__ == "__main__":
    main()
