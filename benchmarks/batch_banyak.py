"""A long batch and the default number of processes.

    python benchmarks/batch_banyak.py [--berkas 2000] [--jobs 2] [--titik 2,4,8,16]

1. Memory over a long batch: `--berkas` copies of an example workbook recalculated by ikuxl.batch.jalankan
   (as `ikuxl recalc FOLDER -o OUT` does), printing the parent's and the largest child's resident memory
   as the files go by. Streaming means neither grows with the number of files.
2. Where a second process starts to pay: `ikuxl recalc` as a whole process (start-up included) on 2, 4,
   8, … files with --jobs 1 and --jobs 2, and the ratio; BERKAS_PER_PROSES (ikuxl/batch.py) is set from it.
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AKAR))
from ikuxl.batch import BERKAS_PER_PROSES, jalankan  # noqa: E402

CONTOH = AKAR / "workbooks" / "iku-tanjabbar-2022-contoh-realisasi.xlsx"


def rss_mib(pid: str | int = "self") -> float:
    for baris in Path(f"/proc/{pid}/status").read_text().splitlines():
        if baris.startswith("VmRSS:"):
            return int(baris.split()[1]) / 1024
    return 0.0


def salinan(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True)
    data = CONTOH.read_bytes()
    hasil = []
    for i in range(n):
        p = folder / f"dinas-{i:05d}.xlsx"
        p.write_bytes(data)
        hasil.append(p)
    return hasil


def memori(n: int, jobs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        berkas = salinan(Path(tmp) / "masuk", n)
        titik = {max(1, n * k // 10) for k in range(1, 11)}
        selesai, baris = 0, []
        mulai = time.perf_counter()

        def kemajuan(_):
            nonlocal selesai
            selesai += 1
            if selesai in titik:
                anak = max((rss_mib(p.pid) for p in multiprocessing.active_children()), default=0.0)
                baris.append((selesai, time.perf_counter() - mulai, rss_mib(), anak))

        hasil = jalankan(berkas, Path(tmp) / "keluar", jobs=jobs, kemajuan=kemajuan)
        assert all(h.status == "ok" for h in hasil), [h.pesan for h in hasil if h.status != "ok"][:3]
    print(f"\n{n} berkas, --jobs {jobs}: memori sepanjang batch")
    print(f"{'selesai':>8} {'detik':>8} {'induk MiB':>10} {'anak terbesar MiB':>18}")
    for s, d, induk, anak in baris:
        print(f"{s:>8} {d:>8.1f} {induk:>10.1f} {anak:>18.1f}")
    (_, _, induk_awal, anak_awal), (_, detik, induk_akhir, anak_akhir) = baris[0], baris[-1]
    print(
        f"pertumbuhan dari {baris[0][0]} ke {n} berkas: induk {induk_akhir - induk_awal:+.1f} MiB, "
        f"anak {anak_akhir - anak_awal:+.1f} MiB; {n / detik:.1f} berkas/detik"
    )


def titik_impas(titik: list[int]) -> None:
    print("\nikuxl recalc sebagai proses utuh (start-up termasuk): --jobs 1 lawan --jobs 2")
    print(f"{'berkas':>7} {'jobs 1 (s)':>11} {'jobs 2 (s)':>11} {'rasio 1/2':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        berkas = salinan(Path(tmp) / "masuk", max(titik))
        for n in titik:
            waktu = {}
            for jobs in (1, 2, 1, 2):  # alternated; the best of two counts (a shared machine drifts)
                keluar = Path(tmp) / "keluar"
                shutil.rmtree(keluar, ignore_errors=True)
                mulai = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "ikuxl", "recalc", *map(str, berkas[:n]), "-o", str(keluar), "--jobs", str(jobs)],
                    check=True,
                    capture_output=True,
                    cwd=AKAR,
                )
                waktu[jobs] = min(waktu.get(jobs, float("inf")), time.perf_counter() - mulai)
            print(f"{n:>7} {waktu[1]:>11.2f} {waktu[2]:>11.2f} {waktu[1] / waktu[2]:>10.2f}")
    print(f"bawaan sekarang: satu proses per {BERKAS_PER_PROSES} berkas")


def main() -> None:
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("--berkas", type=int, default=2000)
    a.add_argument("--jobs", type=int, default=2)
    a.add_argument("--titik", default="2,4,8,16")
    arg = a.parse_args()
    memori(arg.berkas, arg.jobs)
    titik_impas([int(x) for x in arg.titik.split(",")])


if __name__ == "__main__":
    main()
