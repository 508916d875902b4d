"""ikuxl recalc against LibreOffice headless recalculating the same workbooks, in one run.

    python benchmarks/recalc_vs_libreoffice.py [--workbook 40] [--indikator 200] [--jobs 2] [--ulang 3] [--uno]

Both get the same number of processes: ikuxl runs `ikuxl recalc --jobs N` on fresh copies
of the files (its start-up and imports included); LibreOffice runs N soffice processes,
each with its own profile, on a share of the same files (each process's start-up
shared by its files, which favours it). The two take turns `--ulang` times and the best
run of each counts (a shared machine's speed drifts; every run is printed). Prints time
per workbook, throughput, peak memory of one process of each, and the ratio of throughputs.

With --uno, a third peer: LibreOffice kept running, one soffice listener per process driven over UNO
(lo_uno.py, under a Python with LibreOffice's `uno` module, --python-uno; Debian: python3-uno), its
start-up and connection not timed: the fairest peer for a server that keeps LibreOffice warm.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from buat_workbook import tulis  # noqa: E402

from ikuxl.libreoffice import buat_profil, hitung_ulang, perintah  # noqa: E402

# Runs commands side by side in a fresh process and reports the wall time and the peak memory
# of the largest of them, so that neither engine's figure includes the other's.
PENGUKUR = """
import json, resource, subprocess, sys, time
perintah = json.loads(sys.argv[1])
mulai = time.perf_counter()
proses = [subprocess.Popen(p, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for p in perintah]
kode = [p.wait() for p in proses]
print(json.dumps({"detik": time.perf_counter() - mulai, "rss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "kode": kode}))
"""


def ukur(perintah: list[list[str]]) -> dict:
    keluar = subprocess.run([sys.executable, "-c", PENGUKUR, json.dumps(perintah)], capture_output=True, text=True, check=True)
    hasil = json.loads(keluar.stdout)
    if any(hasil["kode"]):
        raise RuntimeError(f"perintah gagal: {hasil['kode']}")
    return hasil


def ukur_ikuxl(berkas: list[Path], jobs: int) -> dict:
    return ukur(
        [[sys.executable, "-m", "ikuxl", "recalc", *map(str, berkas), "--in-place", "--tanpa-cadangan", "--jobs", str(jobs)]]
    )


def siapkan_libreoffice(berkas: list[Path], folder: Path, jobs: int) -> list[Path]:
    profil = [buat_profil(folder / f"profil{i}") for i in range(jobs)]
    for i, p in enumerate(profil):  # the first start of a profile writes it; not measured
        hitung_ulang(berkas[:1], folder / f"pemanasan{i}", profil=p)
    return profil


def ukur_libreoffice(berkas: list[Path], folder: Path, profil: list[Path]) -> dict:
    jobs = len(profil)
    return ukur([perintah(berkas[i::jobs], folder / f"lo{i}", profil[i]) for i in range(jobs)])


def ukur_uno(berkas: list[Path], folder: Path, profil: list[Path], python_uno: str) -> dict:
    """One listener per process (started and connected before the clock starts), each on its share of the files."""
    mulai = folder / "mulai"
    pemandu = Path(__file__).with_name("lo_uno.py")
    proses = [
        subprocess.Popen(
            [
                python_uno,
                str(pemandu),
                str(p),
                str(2002 + i),
                str(mulai),
                str(folder / f"uno{i}"),
                *map(str, berkas[i :: len(profil)]),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for i, p in enumerate(profil)
    ]
    for p in proses:
        if p.stdout.readline().strip() != "siap":
            raise RuntimeError("lo_uno.py tidak siap")
    mulai.touch()
    hasil = [json.loads(p.communicate()[0]) for p in proses]
    mulai.unlink()
    if any(p.returncode for p in proses):
        raise RuntimeError("lo_uno.py gagal")
    return {"detik": max(h["akhir"] for h in hasil) - min(h["awal"] for h in hasil), "rss_kib": max(h["rss_kib"] for h in hasil)}


def main() -> None:
    arg = argparse.ArgumentParser(description=__doc__)
    arg.add_argument("--workbook", type=int, default=40)
    arg.add_argument("--indikator", type=int, default=200)
    arg.add_argument("--jobs", type=int, default=2)
    arg.add_argument("--ulang", type=int, default=3, help="turns of each engine; the best counts")
    arg.add_argument("--uno", action="store_true", help="also LibreOffice kept running, driven over UNO")
    arg.add_argument("--python-uno", default="/usr/bin/python3", help="a Python with LibreOffice's uno module")
    a = arg.parse_args()
    n = a.workbook
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        berkas = tulis(folder / "masukan", a.workbook, a.indikator)
        profil = siapkan_libreoffice(berkas, folder, a.jobs)
        hasil: dict[str, list[dict]] = {"ikuxl": [], "LibreOffice": [], **({"LO UNO": []} if a.uno else {})}
        for u in range(a.ulang):
            hasil["LibreOffice"].append(ukur_libreoffice(berkas, folder / f"keluar{u}", profil))
            if a.uno:
                hasil["LO UNO"].append(ukur_uno(berkas, folder / f"keluar{u}", profil, a.python_uno))
            salinan = folder / f"salinan{u}"  # ikuxl recalculates in place: every turn gets the original files
            salinan.mkdir()
            hasil["ikuxl"].append(ukur_ikuxl([Path(shutil.copy(b, salinan)) for b in berkas], a.jobs))
            print(
                f"putaran {u + 1}: " + ", ".join(f"{k} {v[-1]['detik'] / n:.3f} s/workbook" for k, v in hasil.items()), flush=True
            )
    terbaik = {k: min(v, key=lambda h: h["detik"]) for k, v in hasil.items()}
    print(f"{n} workbook × {a.indikator} indikator, {a.jobs} proses masing-masing, terbaik dari {a.ulang} putaran")
    print(f"{'':12}{'s/workbook':>12}{'workbook/s':>12}{'puncak RSS MiB':>16}")
    for nama, h in terbaik.items():
        rss = max(x["rss_kib"] for x in hasil[nama])
        print(f"{nama:12}{h['detik'] / n:12.3f}{n / h['detik']:12.2f}{rss / 1024:16.0f}")
    for peer in (k for k in terbaik if k != "ikuxl"):
        print(f"rasio throughput ikuxl / {peer}: {terbaik[peer]['detik'] / terbaik['ikuxl']['detik']:.2f}×")


if __name__ == "__main__":
    main()
