"""Generate IKU workbooks of a given size for the benchmarks (deterministic for a seed)."""

from __future__ import annotations

import random
from pathlib import Path


from ikuxl.dokumen import KOLOM_TW_KOMPONEN, KOLOM_TW_REALISASI, Dokumen
from ikuxl.rumus import Rumus
from ikuxl.rakit import susun
from ikuxl.workbook.kerangka import tulis_plan

RUMUS = [
    None,
    "(%) = [Rumah layak] / [Jumlah rumah] × 100",
    "[Unit dibangun]",
    "([Luas awal] - [Luas akhir]) / [Luas awal] * 100",
    "MIN([Nilai A]; [Nilai B])",
]
SIFAT = ["kumulatif", "akhir periode", "rata-rata", "rasio"]


def dokumen(indikator: int, benih: int = 1) -> Dokumen:
    acak = random.Random(benih)
    dok = Dokumen.kosong("Dinas Uji Beban", "kabupaten", "Kabupaten Uji", 2025, 2029, 2026)
    baris, realisasi, komponen = [], {}, []
    for i in range(indikator):
        kode = f"IKU-{i + 1:04d}"
        rumus = acak.choice(RUMUS)
        sifat = "rasio" if rumus and "%" in rumus and acak.random() < 0.3 else acak.choice(SIFAT[:3])
        r = {k.kunci: None for k in dok.kolom_iku}
        r.update(
            kode=kode,
            tujuan=f"Tujuan {i % 7 + 1}",
            sasaran=f"Sasaran {i % 15 + 1}",
            jabatan=f"Kepala Bidang {i % 9 + 1}",
            atasan="Kepala Dinas" if i % 9 else None,
            indikator=f"Indikator kinerja nomor {i + 1}",
            satuan="%" if rumus and "%" in rumus else "Unit",
            polaritas=acak.choice(["positif", "positif", "negatif"]),
            sifat=sifat,
            rumus=rumus,
            kondisi_awal=acak.randint(10, 90),
            **{f"target_{t}": acak.randint(20, 100) for t in range(2025, 2030)},
        )
        baris.append(r)
        realisasi[kode] = dict(
            zip(
                KOLOM_TW_REALISASI,
                [acak.randint(5, 30) for _ in range(4)] + [acak.choice([None, acak.randint(0, 40)]) for _ in range(4)],
            )
        )
        if rumus and "[" in rumus:  # its realisasi comes from the components
            realisasi[kode].update({f"realisasi_tw{q}": None for q in range(1, 5)})
        for nama in Rumus(rumus).komponen if rumus else []:
            komponen.append(
                {"kode": kode, "komponen": nama, **dict(zip(KOLOM_TW_KOMPONEN, [acak.randint(1, 200) for _ in range(4)]))}
            )
    baris.append(
        {
            **{k.kunci: None for k in dok.kolom_iku},
            "kode": "KD",
            "jabatan": "Kepala Dinas",
            "indikator": "Indeks kepuasan",
            "satuan": "Indeks",
            "polaritas": "positif",
            "sifat": "rata-rata",
        }
    )
    dok.iku = baris
    dok.isi_triwulan(realisasi)
    dok.komponen = komponen
    return dok


def tulis(folder: Path, jumlah: int, indikator: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    hasil = []
    for n in range(jumlah):
        path = folder / f"dinas-{n + 1:03d}.xlsx"
        tulis_plan(susun(dokumen(indikator, benih=n)), path)
        hasil.append(path)
    return hasil
