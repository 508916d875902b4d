"""ikuxl recalc against LibreOffice headless recalculating the same workbooks, in one run.

    python benchmarks/recalc_vs_libreoffice.py [--workbook 10] [--indikator 200]

Both get one process: ikuxl recalculates the files one after the other in a child
process; LibreOffice opens, recalculates and saves them in one soffice run (its
start-up shared, which favours it). Prints time per workbook, throughput, peak
memory of each, and their ratio.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from buat_workbook import tulis  # noqa: E402

from ikuxl.libreoffice import buat_profil, hitung_ulang  # noqa: E402

ANAK = """
import json, resource, sys, time
from pathlib import Path
from ikuxl.aksi import recalc
berkas = [Path(p) for p in sys.argv[1:]]
mulai = time.perf_counter()
for p in berkas:
    recalc(p)
print(json.dumps({"detik": time.perf_counter() - mulai, "rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def ukur_ikuxl(berkas: list[Path]) -> dict:
    keluar = subprocess.run([sys.executable, "-c", ANAK, *map(str, berkas)], capture_output=True, text=True, check=True)
    return json.loads(keluar.stdout.strip().splitlines()[-1])


def ukur_libreoffice(berkas: list[Path], folder: Path) -> dict:
    profil = buat_profil(folder / "profil")
    hitung_ulang(berkas[:1], folder / "pemanasan", profil=profil)  # first start writes the profile
    sebelum = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    mulai = time.perf_counter()
    hitung_ulang(berkas, folder / "lo", profil=profil)
    detik = time.perf_counter() - mulai
    return {"detik": detik, "rss_kib": max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, sebelum)}


def main() -> None:
    arg = argparse.ArgumentParser(description=__doc__)
    arg.add_argument("--workbook", type=int, default=10)
    arg.add_argument("--indikator", type=int, default=200)
    a = arg.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        berkas = tulis(folder / "masukan", a.workbook, a.indikator)
        lo = ukur_libreoffice(berkas, folder)
        ik = ukur_ikuxl(berkas)
    n = len(berkas)
    print(f"{n} workbook × {a.indikator} indikator, 1 proses masing-masing")
    print(f"{'':12}{'s/workbook':>12}{'workbook/s':>12}{'puncak RSS MiB':>16}")
    for nama, h in (("ikuxl", ik), ("LibreOffice", lo)):
        print(f"{nama:12}{h['detik'] / n:12.3f}{n / h['detik']:12.2f}{h['rss_kib'] / 1024:16.0f}")
    print(f"rasio throughput ikuxl / LibreOffice: {lo['detik'] / ik['detik']:.2f}×")


if __name__ == "__main__":
    main()
