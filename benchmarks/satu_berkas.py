"""The command line's own cost, and one file recalculated by ikuxl against LibreOffice, with the dictionary on.

    PYTHONPATH=$PWD python3 benchmarks/satu_berkas.py [--ulang 7] [--indikator 200]

(PYTHONPATH=<another checkout> times that checkout's code the same way: every command runs in an empty
folder, so that the current folder never puts another ikuxl first on the path.)

Prints, each as the median of `--ulang` whole-process runs (wall seconds, and CPU seconds of the process
and all it started):
1. `ikuxl --help` (the console script beside this Python, else `python -m ikuxl`) and `python -c "import ikuxl"`,
   beside a bare `python -c pass` (the interpreter's own start, which no change in ikuxl can remove);
2. `ikuxl recalc FILE -o DIR` against LibreOffice headless converting the same file (its profile made and
   warmed first, not timed), in turns, on both examples in workbooks/ and on a generated workbook of
   `--indikator` indicators (0: none); ikuxl with Debian's hunspell-id (the Indonesian dictionary) and without
   it, and the ratio ikuxl / LibreOffice (below 1: ikuxl is faster).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from ikuxl import ejaan  # noqa: E402
from ikuxl.libreoffice import buat_profil, hitung_ulang, perintah  # noqa: E402

CONTOH = [AKAR / "workbooks" / "iku-kalsel-2020.xlsx", AKAR / "workbooks" / "iku-tanjabbar-2022.xlsx"]
KOSONG = tempfile.TemporaryDirectory()  # where the commands run
TANPA_KAMUS = {ejaan.VARIABEL: "/tidak/ada/id_ID.dic"}


def ukur(perintah: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `perintah` and of the processes it waited for."""
    mulai = time.perf_counter()
    p = subprocess.Popen(
        perintah, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}, cwd=KOSONG.name
    )
    _, status, pakai = os.wait4(p.pid, 0)
    detik = time.perf_counter() - mulai
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode:
        raise RuntimeError(f"{' '.join(perintah)} gagal ({p.returncode}): {p.stderr.read().decode()[-2000:]}")
    p.stderr.close()
    return detik, pakai.ru_utime + pakai.ru_stime


def median_dari(ulang: int, jalankan) -> tuple[float, float]:
    hasil = [jalankan() for _ in range(ulang)]
    return median(h[0] for h in hasil), median(h[1] for h in hasil)


def ikuxl() -> list[str]:
    skrip = Path(sys.executable).with_name("ikuxl")
    return [str(skrip)] if skrip.exists() else [sys.executable, "-m", "ikuxl"]


def biaya_perintah(ulang: int) -> None:
    print(f"biaya baris perintah (median dari {ulang} proses utuh)")
    print(f"{'':28}{'dinding s':>10}{'CPU s':>8}")
    for nama, p in [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("python -c 'import ikuxl'", [sys.executable, "-c", "import ikuxl"]),
        ("ikuxl --help", [*ikuxl(), "--help"]),
    ]:
        dinding, cpu = median_dari(ulang, lambda p=p: ukur(p))
        print(f"{nama:28}{dinding:10.3f}{cpu:8.3f}")


def lawan_libreoffice(berkas: list[Path], ulang: int, folder: Path) -> None:
    profil = buat_profil(folder / "profil")
    hitung_ulang(berkas[:1], folder / "pemanasan", profil=profil)  # the first start writes the profile: not timed
    print(f"\nsatu berkas: ikuxl recalc lawan LibreOffice headless (median dari {ulang} putaran bergantian)")
    print(f"{'berkas':34}{'mesin':22}{'dinding s':>10}{'CPU s':>8}{'rasio dinding':>15}{'rasio CPU':>11}")
    for b in berkas:
        waktu: dict[str, list[tuple[float, float]]] = {"LibreOffice": [], "ikuxl, dengan kamus": [], "ikuxl, tanpa kamus": []}
        for u in range(ulang):
            waktu["LibreOffice"].append(ukur(perintah([b], folder / f"lo{u}", profil)))
            waktu["ikuxl, dengan kamus"].append(ukur([*ikuxl(), "recalc", str(b), "-o", str(folder / f"k{u}")]))
            waktu["ikuxl, tanpa kamus"].append(ukur([*ikuxl(), "recalc", str(b), "-o", str(folder / f"t{u}")], TANPA_KAMUS))
        lo = median(w for w, _ in waktu["LibreOffice"]), median(c for _, c in waktu["LibreOffice"])
        for mesin, w in waktu.items():
            dinding, cpu = median(x for x, _ in w), median(c for _, c in w)
            rasio = f"{dinding / lo[0]:15.2f}{cpu / lo[1]:11.2f}" if mesin != "LibreOffice" else ""
            print(f"{b.name:34}{mesin:22}{dinding:10.3f}{cpu:8.3f}{rasio}")


def main() -> None:
    arg = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    arg.add_argument("--ulang", type=int, default=7)
    arg.add_argument("--indikator", type=int, default=200, help="a generated workbook of this many indicators (0: none)")
    a = arg.parse_args()
    sebab = ejaan.sebab_tidak_ada(ejaan.jalur())
    print(f"ikuxl dari {Path(ejaan.__file__).parents[1]}; kamus: {sebab or ejaan.jalur() + '.dic'}")
    if hasattr(ejaan, "mesin"):
        print(f"mesin ejaan: {ejaan.mesin(ejaan.jalur())}")
    biaya_perintah(a.ulang)
    with tempfile.TemporaryDirectory() as tmp:
        berkas = list(CONTOH)
        if a.indikator:
            from buat_workbook import tulis

            berkas += tulis(Path(tmp) / "buatan", 1, a.indikator)
        lawan_libreoffice(berkas, a.ulang, Path(tmp))


if __name__ == "__main__":
    main()
