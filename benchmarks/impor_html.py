"""Time and peak memory of `ikuxl import` on floods of HTML (web pages saved as .xls), one process each.

    python benchmarks/impor_html.py [--mib 38] [--batas-waktu 300]

The floods of the outside probe (tens of MiB of <td> or <tr>), the largest flood of <td> under the tag limit
(BATAS_TAG_HTML), comments left open (html.parser's own close() rescanned the rest of the page for each), text in
many small pieces between cells, and, for scale, an e-SAKIP-like table of the supported size (5,000 indicators).
Prints, per page: its size, the exit code, the wall time, the peak resident memory, and the start of the message.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from ikuxl.impor import BATAS_INDIKATOR, BATAS_TAG_HTML


def halaman(mib: float) -> dict[str, str]:
    n = int(mib * 2**20)
    kepala = ["No", "Kode", "Tujuan", "Sasaran", "Indikator Kinerja", "Satuan", "Polarisasi", "Kondisi Awal"]
    kepala += [f"Target {t}" for t in range(2025, 2030)] + [
        f"{j} TW {q}" for j in ("Target", "Realisasi") for q in "I II III IV".split()
    ]
    kepala += ["Formulasi", "Sumber Data", "Penanggung Jawab", "Program"]  # 25 columns, each recognised
    baris = "".join(
        f"<tr><td>{i}<td>K-{i}<td>Tujuan {i // 50}<td>Sasaran {i // 10}<td>Persentase capaian ke-{i}<td>%<td>Maximize"
        + "".join(f"<td>{(i + q) % 90},5" for q in range(14))
        + f"<td>[A{i}] / [B{i}] × 100<td>BPS<td>Bidang {i % 7}<td>Program {i % 30}\n"
        for i in range(BATAS_INDIKATOR)
    )
    return {
        f"{mib:g} MiB <td>": "<html><table>" + "<td>" * (n // 4),
        f"{mib:g} MiB <tr>": "<html><table>" + "<tr>" * (n // 4),
        "<td> tepat di bawah batas tag": "<html><table>" + "<td>" * (BATAS_TAG_HTML - 3),
        "1 MiB <!-- terbuka": "<html><table><tr><th>Indikator<th>Satuan</table>" + "<!--" * (2**20 // 4),
        "1 MiB teks 'x<b>' di antara sel": "<html><table>" + "x<b>" * (2**20 // 4),
        f"tabel {BATAS_INDIKATOR} indikator × 25 kolom": "<html><table><tr>"
        + "".join(f"<th>{k}" for k in kepala)
        + "\n"
        + baris
        + "</table></html>",
    }


def ukur(perintah: list[str], batas_waktu: float, galat: Path) -> tuple[int | None, float, float]:
    """(exit code or None when stopped at batas_waktu, seconds, peak RSS in MiB) of one process."""
    with open(galat, "wb") as f:
        mulai = time.perf_counter()
        p = subprocess.Popen(perintah, stdout=subprocess.DEVNULL, stderr=f)
        penghenti = threading.Timer(batas_waktu, p.kill)
        penghenti.start()
        _, status, pakai = os.wait4(p.pid, 0)
        penghenti.cancel()
        detik = time.perf_counter() - mulai
    kode = os.waitstatus_to_exitcode(status)
    return (None if kode < 0 else kode), detik, pakai.ru_maxrss / 1024


def main() -> None:
    arg = argparse.ArgumentParser(description=__doc__)
    arg.add_argument("--mib", type=float, default=38)
    arg.add_argument("--batas-waktu", type=float, default=300)
    a = arg.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for nama, isi in halaman(a.mib).items():
            sumber, galat = Path(tmp) / "halaman.xls", Path(tmp) / "galat.txt"
            sumber.write_text(isi, encoding="utf-8")
            perintah = [sys.executable, "-m", "ikuxl", "import", str(sumber), "-o", str(Path(tmp) / "iku.xlsx")]
            kode, detik, rss = ukur(perintah, a.batas_waktu, galat)
            pesan = " ".join(galat.read_text(encoding="utf-8", errors="replace").split())[:110]
            hasil = f"kode {kode}" if kode is not None else f"dihentikan setelah {a.batas_waktu:g} s"
            print(f"{nama:34} {sumber.stat().st_size / 2**20:6.1f} MiB  {hasil:10} {detik:7.1f} s  {rss:7.0f} MiB  {pesan}")
            (Path(tmp) / "iku.xlsx").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
