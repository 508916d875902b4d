"""Time of Validasi's spelling check against the number of distinct words in the IKU texts.

    PYTHONPATH=$PWD python3 benchmarks/ejaan_skala.py [1000 5000 20000]

(PYTHONPATH=<another checkout> times that checkout's code with the same words.)

Generates a workbook whose IKU texts hold n distinct made-up words, each used once (the words kata_mirip
compares), about one in twenty a typo of another, and prints the seconds of the two steps of the check:
kata_mirip (the typos of the workbook's own words) and ejaan (the dictionary; skipped without hunspell-id).
"""

from __future__ import annotations

import random
import sys
import time

from ikuxl import ejaan
from ikuxl.dokumen import Dokumen
from ikuxl.periksa import _ejaan, _kata_mirip, _Konteks

SUKU = [k + v for k in "bcdfghjklmnprstwy" for v in "aiueo"] + ["ng", "an", "kan", "nya", "per", "ber", "pem", "men"]


def kata_acak(n: int, acak: random.Random) -> list[str]:
    """n distinct made-up words of 4 to 16 letters, one in twenty a slip of the keyboard on an earlier one."""
    kata: dict[str, None] = {}
    while len(kata) < n:
        if kata and acak.random() < 0.05:
            w = list(acak.choice(list(kata)[-50:]))
            w[acak.randrange(1, len(w))] = acak.choice("aeiounrst")
            w = "".join(w)
        else:
            w = "".join(acak.choice(SUKU) for _ in range(acak.randint(2, 6)))
        if 4 <= len(w) <= 16:
            kata[w] = None
    return list(kata)


def dokumen(kata: list[str], per_teks: int = 10) -> Dokumen:
    dok = Dokumen.kosong("Dinas Uji", "kabupaten", "Kab. Uji", 2024, 2025, 2024)
    dok.iku = [
        {k.kunci: None for k in dok.kolom_iku}
        | {"kode": f"A-{i}", "jabatan": "Kepala Dinas", "indikator": " ".join(kata[j : j + per_teks]), "satuan": "Unit"}
        for i, j in enumerate(range(0, len(kata), per_teks), start=1)
    ]
    return dok


def main(ukuran: list[int]) -> None:
    kamus = ejaan.sebab_tidak_ada(ejaan.jalur()) or "hunspell-id"
    print(f"kamus: {kamus}")
    print(f"{'kata':>7} {'kata_mirip (s)':>15} {'ejaan (s)':>10} {'temuan mirip':>13}")
    for n in ukuran:
        k = _Konteks(dokumen(kata_acak(n, random.Random(n))), True)
        t0 = time.perf_counter()
        mirip = _kata_mirip(k)
        t1 = time.perf_counter()
        _ejaan(k, mirip)
        t2 = time.perf_counter()
        print(f"{n:>7} {t1 - t0:>15.2f} {t2 - t1:>10.2f} {len(mirip):>13}", flush=True)


if __name__ == "__main__":
    main([int(x) for x in sys.argv[1:]] or [1000, 5000, 20000])
