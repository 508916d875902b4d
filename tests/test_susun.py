"""The Realisasi row of an indicator follows its own IKU row, even when a removed row shares its kode."""

import pandas as pd

from ikuxl.dokumen import Dokumen
from ikuxl.plan import Rumusan
from ikuxl.skema import BARIS_DATA, Tata, kolom_realisasi
from ikuxl.susun import susun


def test_target_tahunan_merujuk_baris_iku_indikator_itu():
    dok = Dokumen.kosong("Dinas Uji", "kabupaten", "Kab. Uji", 2024, 2025, 2024)
    baris = []
    for status, target in (("Baru", 100), ("Dihapus", 50)):  # the desk review replaced A-1 and kept its kode
        r = {k: None for k in dok.iku.columns}
        r.update(kode="A-1", jabatan="Kepala Dinas", indikator=f"Indikator {status}", satuan="Unit", polaritas="positif",
                 sifat="kumulatif", target_2024=target, status=status)
        baris.append(r)
    dok.iku = pd.DataFrame(baris, columns=dok.iku.columns, dtype=object)
    sel = susun(dok)["Realisasi"].sel
    target = sel[(BARIS_DATA, Tata(kolom_realisasi()).posisi["target_tahunan"])].nilai
    assert isinstance(target, Rumusan) and target.nilai == 100
    assert f"$R${BARIS_DATA}" in target.excel and f"$R${BARIS_DATA + 1}" not in target.excel
