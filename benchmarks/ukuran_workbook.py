"""File size and opening time of a 200-indicator workbook: this layout against an earlier revision's.

    python benchmarks/ukuran_workbook.py [--indikator 200] [--sebelum 912a9c7] [--ulang 3]

Both workbooks are made the same way by their own code (benchmarks/buat_workbook.py, then
`ikuxl recalc`, as staff have it after Hitung Capaian). Opening is measured as a spreadsheet does
it: LibreOffice headless loads the file, recalculates every formula and saves it (one process per
run, its start-up included, the best of `--ulang` runs); and as ikuxl reads it (python-calamine).
Prints each figure and the ratio this/earlier.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))

BUAT = """
import sys
sys.path.insert(0, sys.argv[1] + "/benchmarks")
from pathlib import Path
from buat_workbook import dokumen
from ikuxl.aksi import recalc
from ikuxl.rakit import susun
from ikuxl.workbook.kerangka import tulis_plan
path = Path(sys.argv[2])
tulis_plan(susun(dokumen(int(sys.argv[3]))), path)
recalc(path)
"""

BACA = """
import sys, time
from python_calamine import CalamineWorkbook
mulai = time.perf_counter()
wb = CalamineWorkbook.from_path(sys.argv[1])
for n in wb.sheet_names:
    wb.get_sheet_by_name(n).to_python()
print(time.perf_counter() - mulai)
"""


def buat(kode: Path, path: Path, indikator: int) -> None:
    subprocess.run(
        [sys.executable, "-c", BUAT, str(kode), str(path), str(indikator)],
        check=True,
        env={"PYTHONPATH": str(kode), "PATH": "/usr/bin:/bin"},
        cwd=kode,  # `python -c` puts the working folder first: that revision's package, not the one run from
    )


def buka_libreoffice(path: Path, folder: Path, ulang: int) -> float:
    from ikuxl.libreoffice import buat_profil, hitung_ulang

    profil = buat_profil(folder / "profil")
    hitung_ulang([path], folder / "pemanasan", profil=profil)  # the profile's first start is not the file's
    waktu = []
    for i in range(ulang):
        mulai = time.perf_counter()
        hitung_ulang([path], folder / f"lo{i}", profil=profil)
        waktu.append(time.perf_counter() - mulai)
    return min(waktu)


def baca(path: Path, ulang: int) -> float:
    return min(
        float(subprocess.run([sys.executable, "-c", BACA, str(path)], capture_output=True, text=True, check=True).stdout)
        for _ in range(ulang)
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--indikator", type=int, default=200)
    p.add_argument("--sebelum", default="912a9c7", help="git revision of the earlier layout (default: template version 1)")
    p.add_argument("--ulang", type=int, default=3)
    a = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="ikuxl-ukuran-") as tmp:
        tmp = Path(tmp)
        lama = tmp / "kode-lama"
        subprocess.run(
            ["git", "-C", str(AKAR), "worktree", "add", "--detach", str(lama), a.sebelum], check=True, capture_output=True
        )
        try:
            hasil = {}
            for nama, kode in (("ini", AKAR), (a.sebelum, lama)):
                path = tmp / f"{nama}.xlsx"
                buat(kode, path, a.indikator)
                hasil[nama] = (path.stat().st_size, buka_libreoffice(path, tmp / f"lo-{nama}", a.ulang), baca(path, a.ulang))
                print(
                    f"{nama:>10}: {hasil[nama][0] / 1024:8.1f} KiB, LibreOffice membuka+menghitung {hasil[nama][1]:.2f} s, "
                    f"dibaca ikuxl {hasil[nama][2] * 1000:.0f} ms"
                )
            ini, dulu = hasil["ini"], hasil[a.sebelum]
            print(
                f"rasio ini/{a.sebelum}: ukuran {ini[0] / dulu[0]:.2f}, buka LibreOffice {ini[1] / dulu[1]:.2f}, "
                f"baca ikuxl {ini[2] / dulu[2]:.2f}"
            )
        finally:
            subprocess.run(["git", "-C", str(AKAR), "worktree", "remove", "--force", str(lama)], check=False)


if __name__ == "__main__":
    main()
