"""What one edited input costs LibreOffice to recalculate in an ikuxl workbook, as a user typing in it meets it.

    python3 benchmarks/sunting_libreoffice.py [--indikator 1000] [--ulang 20] [--python-uno /usr/bin/python3]

Needs LibreOffice (soffice) and a Python with its `uno` module (Debian: apt-get install python3-uno), given by
--python-uno; this script itself runs under ikuxl's Python (PYTHONPATH=$PWD from a worktree), which writes the
workbook (buat_workbook.py) and the profile (ikuxl.libreoffice.buat_profil), then lo_uno_sunting.py drives one
LibreOffice over UNO: load hidden (full recalculation on load, not timed here), then `--ulang` edits of each kind
on different rows in the middle of the IKU table (IKU's Realisasi TW I, and the reporting year's Target), each
timed as setValue + the document's calculate() (dirty cells only), and checked by reading a cell of that row on
the Realisasi sheet that depends on it, which must change (suntingan() says which). Prints the median and max
ms per edit against the goal, and calculateAll() once, the full recalculation, as the peer figure.
--tanpa-lembar Ringkasan,Validasi removes sheets after loading, to see their share of an edit.
Goal (issue 23): at most 20 ms per edit with 1,000 indicators.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))
from buat_workbook import dokumen, tulis  # noqa: E402

from ikuxl.libreoffice import buat_profil  # noqa: E402
from ikuxl.skema import IKU, REALISASI, Tata, kolom_realisasi  # noqa: E402

SASARAN_MS = 20


def suntingan(indikator: int, ulang: int) -> dict[str, list[list]]:
    """The edits, each on its own row, the rows nearest the middle of the table. Realisasi TW I on rows whose
    realisasi is typed (no Rumus), checked by the row's Capaian TW I. The reporting year's Target on other rows,
    checked by the row's Target Tahunan on Realisasi, the mirror its yearly capaian cells read: that year's capaian
    is against the quarters' targets until all four quarters are in, which few generated rows have."""
    dok = dokumen(indikator, benih=0)  # the workbook tulis() writes first
    ti, tr = Tata(dok.kolom_iku), Tata(kolom_realisasi())
    tengah = sorted((i for i, b in enumerate(dok.iku) if b["kode"] != "KD"), key=lambda i: abs(i - indikator // 2))
    tw = [i for i in tengah if not dok.iku[i]["rumus"]][:ulang]
    tahun = [i for i in tengah if i not in tw][:ulang]
    if len(tw) < ulang or len(tahun) < ulang:
        raise SystemExit(f"baris tidak cukup untuk {ulang} suntingan tiap jenis")
    hasil = {"Realisasi TW I": [], f"Target {dok.tahun}": []}
    for i in sorted(tw):  # capaian TW I becomes 100 %, or 50 % where it already was
        b, r = dok.iku[i], dok.baris_sheet(i)
        baru = b["target_tw1"] if b["realisasi_tw1"] != b["target_tw1"] else b["target_tw1"] / 2
        hasil["Realisasi TW I"].append([IKU, ti.sel("realisasi_tw1", r), baru, REALISASI, tr.sel("capaian_tw1", r)])
    for k, i in enumerate(sorted(tahun)):
        r = dok.baris_sheet(i)
        hasil[f"Target {dok.tahun}"].append(
            [IKU, ti.sel(f"target_{dok.tahun}", r), 500 + k, REALISASI, tr.sel("target_tahunan", r)]
        )
    return hasil


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    arg = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    arg.add_argument("--indikator", type=int, default=1000)
    arg.add_argument("--ulang", type=int, default=20, help="edits of each kind, each on its own row")
    arg.add_argument("--tanpa-lembar", default="", help="sheets removed after loading (comma-separated), to see their share")
    arg.add_argument("--python-uno", default="/usr/bin/python3", help="a Python with LibreOffice's uno module")
    a = arg.parse_args()
    rencana = suntingan(a.indikator, a.ulang)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        berkas = tulis(folder / "masukan", 1, a.indikator)[0]
        profil = buat_profil(folder / "profil")
        pemandu = Path(__file__).with_name("lo_uno_sunting.py")
        jalan = subprocess.run(
            [a.python_uno, str(pemandu), str(profil), str(port_bebas()), str(berkas)],
            input=json.dumps({"tanpa": [n for n in a.tanpa_lembar.split(",") if n], "suntingan": rencana}),
            capture_output=True,
            text=True,
        )
    if jalan.returncode:
        raise SystemExit(f"lo_uno_sunting.py gagal:\n{jalan.stderr}")
    hasil = json.loads(jalan.stdout)
    print(f"{a.indikator} indikator, LibreOffice lewat UNO; muat + hitung penuh saat dibuka {hasil['muat']:.0f} ms")
    print(f"  calculate() tanpa suntingan: median {median(hasil['kosong']):.2f} ms")
    for jenis in rencana:
        total = [s["total"] for s in hasil[jenis]]
        setel = [s["setel"] for s in hasil[jenis]]
        print(
            f"  {jenis:16} {len(total)} suntingan: median {median(total):6.1f} ms, maks {max(total):6.1f} ms"
            f" (setValue {median(setel):.1f}), {median(total) / SASARAN_MS:.2f}× sasaran {SASARAN_MS} ms"
        )
        print(f"  {'':16} {rencana[jenis][0][4]} sebelum → sesudah: {' → '.join(hasil[jenis][0]['cek'])}")
    print(f"  calculateAll() sekali: {hasil['penuh']:.0f} ms")


if __name__ == "__main__":
    main()
