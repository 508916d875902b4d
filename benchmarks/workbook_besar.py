"""Time and peak memory of `ikuxl recalc` on one large workbook (default 10,000 indicators).

    python benchmarks/workbook_besar.py [--indikator 10000]

Target (issue 23): 20,000 indicators under 600 MiB. Prints the workbook size, the time and the peak resident memory of the
recalc process alone.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from buat_workbook import tulis  # noqa: E402
from recalc_vs_libreoffice import ukur  # noqa: E402


def main() -> None:
    arg = argparse.ArgumentParser(description=__doc__)
    arg.add_argument("--indikator", type=int, default=10_000)
    a = arg.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        [path] = tulis(Path(tmp), 1, a.indikator)
        ukuran = path.stat().st_size
        h = ukur([[sys.executable, "-m", "ikuxl", "recalc", str(path), "--in-place", "--tanpa-cadangan", "--jobs", "1"]])
    print(
        f"{a.indikator} indikator, berkas {ukuran / 2**20:.1f} MiB: recalc {h['detik']:.1f} s, "
        f"puncak RSS {h['rss_kib'] / 1024:.0f} MiB (target 20.000 indikator < 600 MiB)"
    )


if __name__ == "__main__":
    main()
