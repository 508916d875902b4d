"""A capaian the agency published, checked against ikuxl's from the same target and realisasi: a difference
beyond the published rounding is a finding naming the cell, both values and the rule that gives the published
one; `ikuxl rekap` counts them per agency."""

from __future__ import annotations


import openpyxl
import pytest

from .bantu import ikuxl
from ikuxl.dokumen import Dokumen
from ikuxl.periksa import periksa
from ikuxl.skema import Tata
from ikuxl.rakit import susun
from ikuxl.workbook.kerangka import tulis_plan


def _dok(*baris: tuple) -> Dokumen:
    """Indicators (polaritas, metode, target, realisasi TW I–II, published capaian), target 2024 as the year's."""
    dok = Dokumen.kosong("Dinas Uji", "kabupaten", "Kab. Uji", 2024, 2025, 2024)
    rekaman = []
    for i, (polaritas, metode, target, realisasi, terbit) in enumerate(baris, start=1):
        r = {k.kunci: None for k in dok.kolom_iku}
        r.update(
            kode=f"P-{i}",
            jabatan="Kepala Dinas",
            indikator=f"Indikator nomor {i}",
            satuan="%",
            sifat="akhir periode",
            polaritas=polaritas,
            metode=metode,
            target_2024=target,
            target_2025=target,
            target_tw1=target,
            target_tw2=target,
            realisasi_tw1=realisasi[0],
            realisasi_tw2=realisasi[1],
            capaian_publikasi=terbit,
        )
        rekaman.append(r)
    dok.iku = rekaman
    return dok


def _temuan(dok) -> dict[str, object]:
    return {t.indikator: t for t in periksa(dok) if t.kode.startswith("CAPAIAN_PUBLIKASI")}


def test_capaian_publikasi_dibandingkan_dengan_hitungan_dan_aturan_yang_cocok():
    dok = _dok(
        ("positif", None, 80, (70, 78.8), 98.5),  # 98.5 = 98,50 as published: within its rounding
        ("positif", None, 80, (70, 78.8), 98.4),  # off by 0.1 at one decimal: reported
        ("negatif", None, 10, (11, 12), 83.33),  # published with the kebalikan method: 10 / 12
        ("positif", None, 80, (90, 96), 100),  # published capped at 100 (no cap on Referensi)
        ("positif", None, 2, (-1, -1.41), -70.5),  # a negative capaian published as it is
        ("positif", None, 50, (40, 45), 95),  # arithmetically wrong: no rule gives it
        ("positif", None, 50, (None, None), 90),  # nothing to compute it from
    )
    t = _temuan(dok)
    tata = Tata(dok.kolom_iku)
    assert "P-1" not in t
    assert t["P-2"].kode == "CAPAIAN_PUBLIKASI_BERBEDA" and t["P-2"].sel == tata.sel("capaian_publikasi", 6)
    assert "98,4" in t["P-2"].pesan and "98,5" in t["P-2"].pesan
    assert "cocok dengan polaritas negatif, metode kebalikan" in t["P-3"].pesan
    assert "cocok dengan capaian dibatasi 100" in t["P-4"].pesan and "120" in t["P-4"].pesan
    assert "cocok dengan capaian negatif tidak dijadikan 0" in t["P-5"].pesan
    assert "tidak cocok dengan aturan lain" in t["P-6"].pesan
    assert t["P-7"].kode == "CAPAIAN_PUBLIKASI_TIDAK_DIUJI" and t["P-7"].tingkat == "info"


def test_capaian_publikasi_bukan_angka_dilaporkan_seperti_sel_angka_lain():
    t = [x for x in periksa(_dok(("positif", None, 80, (70, 78.8), "98,5 %"))) if x.indikator == "P-1"]
    assert [x.kode for x in t] == ["SATUAN_DI_SEL_ANGKA"] or [x.kode for x in t] == ["ANGKA_TERSIMPAN_TEKS"]


def test_rekap_menghitung_capaian_publikasi_yang_berbeda_per_instansi(tmp_path):
    berkas = []
    for nama, dok in (
        ("a.xlsx", _dok(("positif", None, 80, (70, 78.8), 98.5))),
        ("b.xlsx", _dok(("positif", None, 80, (70, 78.8), 90), ("negatif", None, 10, (11, 12), 83.33))),
    ):
        tulis_plan(susun(dok), tmp_path / nama)
        berkas.append(tmp_path / nama)
    hasil = ikuxl("rekap", *map(str, berkas), "-o", str(tmp_path / "rekap.xlsx"))
    assert hasil.returncode in (0, 1), hasil.stderr
    ws = openpyxl.load_workbook(tmp_path / "rekap.xlsx")["Rekap Instansi"]
    kepala = [c.value for c in ws[4]]
    kolom = kepala.index("Capaian publikasi berbeda")
    per_berkas = {b[2]: b[kolom] for b in ws.iter_rows(min_row=5, values_only=True) if b[2]}
    assert per_berkas == {"a.xlsx": 0, "b.xlsx": 2}


@pytest.mark.parametrize("terbit, ada", [(98.5, False), (98.52, True), (98.5004, True), (99, False), (97, True)])
def test_toleransi_mengikuti_pembulatan_yang_dipublikasikan(terbit, ada):
    # computed: 78.8 / 80 × 100 = 98.5; a published 99 is 98.5 rounded to a whole number, 98.52 is not 98.5
    assert ("P-1" in _temuan(_dok(("positif", None, 80, (70, 78.8), terbit)))) == ada


@pytest.mark.parametrize(
    "terbit, ada",
    [
        (102.55, False),  # 102,5556 cut at two decimals: "cocok bila dipotong", not a difference
        (102.56, False),  # … or rounded
        (102.5, False),
        (102.54, True),
        (102.57, True),
        (102, False),
        (103, False),
    ],
)
def test_capaian_publikasi_yang_dipotong_bukan_perbedaan(terbit, ada):
    # computed: 92.3 / 90 × 100 = 102.5556; tables publish it rounded or truncated
    assert ("P-1" in _temuan(_dok(("positif", None, 90, (80, 92.3), terbit)))) == ada


def test_aturan_lain_juga_dicocokkan_bila_dipotong():
    # kebalikan: 10 / 12 × 100 = 83.333…, published cut as 83.33 and also at one decimal 83.3
    t = _temuan(_dok(("negatif", None, 10, (11, 12), 83.3), ("negatif", None, 10, (11, 12), 83.39)))
    assert "cocok dengan polaritas negatif, metode kebalikan" in t["P-1"].pesan
    assert "tidak cocok dengan aturan lain" in t["P-2"].pesan
