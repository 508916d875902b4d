"""The kategori scale on Referensi, as staff edit it: Python and the workbook's formulas read it
the same way, and a scale that cannot be used is a Validasi galat naming its cell."""

import shutil

import openpyxl
import pytest

from ikuxl.aksi import recalc, validasi
from ikuxl.capaian import KATEGORI_SKALA_RUSAK, Pita, Skala
from ikuxl.skema import REFERENSI

from .bantu import WORKBOOKS, tabel
from .oracle import bandingkan

CONTOH = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
BAWAAN = [
    ("≥", 91, "Sangat Tinggi"),
    ("≥", 76, "Tinggi"),
    ("≥", 66, "Sedang"),
    ("≥", 51, "Rendah"),
    (None, None, "Sangat Rendah"),
]

# edit name: (the scale rows from Referensi row 18, code and cell of the galat, or None for a sound scale)
SUNTINGAN = {
    "baris-kosong": ([*BAWAAN[:2], (None, None, None), *BAWAAN[2:]], None),
    "batas-tanpa-label": ([*BAWAAN[:2], ("≥", 70, None), *BAWAAN[2:]], ("SKALA_LABEL_KOSONG", "C20")),
    "kosong": ([], ("SKALA_KOSONG", "C18")),
    "batas-teks": ([*BAWAAN[:3], ("≥", "1.000", "Rendah"), BAWAAN[4]], ("SKALA_BATAS_BUKAN_ANGKA", "B21")),
    "batas-kata": ([("≥", "sembilan puluh", "Sangat Tinggi"), *BAWAAN[1:]], ("SKALA_BATAS_BUKAN_ANGKA", "B18")),
    # the bands in any order of rows, and a sixth one: the whole block is read, live
    "urutan-acak": ([BAWAAN[2], BAWAAN[4], BAWAAN[0], BAWAAN[3], BAWAAN[1]], None),
    "enam-pita": ([*BAWAAN[:4], ("≥", 31, "Kurang"), BAWAAN[4]], None),
    "batas-ganda": ([BAWAAN[0], ("≥", 91, "Tinggi"), *BAWAAN[2:]], ("SKALA_BATAS_GANDA", "B19")),
    "label-ganda": ([BAWAAN[0], ("≥", 76, "Sangat Tinggi"), *BAWAAN[2:]], ("SKALA_LABEL_GANDA", "C19")),
    "label-angka": ([*BAWAAN[:4], (None, None, 5)], ("SKALA_LABEL_BUKAN_TEKS", "C22")),
    "dua-tanpa-batas": ([*BAWAAN, (None, None, "Buruk")], ("SKALA_BATAS_GANDA", "B23")),
}


def _sunting(path, baris):
    wb = openpyxl.load_workbook(path)
    ws = wb[REFERENSI]
    for r in range(18, 28):
        for c, x in enumerate(baris[r - 18] if r - 18 < len(baris) else (None,) * 3, start=1):
            ws.cell(r, c).value = x
    wb.save(path)


@pytest.mark.libreoffice
def test_skala_yang_disunting_dihitung_sama_dan_yang_rusak_dilaporkan(tmp_path, libreoffice):
    berkas = []
    for nama, (baris, galat) in SUNTINGAN.items():
        path = tmp_path / f"{nama}.xlsx"
        shutil.copy(CONTOH, path)
        _sunting(path, baris)
        recalc(path)
        berkas.append(path)
        temuan = [(t.kode, t.sel) for t in validasi(path).temuan if t.lembar == REFERENSI and t.tingkat == "galat"]
        assert temuan == ([galat] if galat else []), nama
        kategori = {r["Kategori"] for r in tabel(path, "Realisasi")} - {None, ""}
        if galat:  # every kategori says the scale is broken, none is guessed
            assert kategori == {KATEGORI_SKALA_RUSAK}, nama
        else:  # the blank row is skipped: the bands are those of the rows that are filled
            skala = Skala([Pita(l, b) for _, b, l in baris if l])
            assert kategori and all(
                r["Kategori"] == skala.kategori(r["Capaian (%)"]) for r in tabel(path, "Realisasi") if r["Kategori"]
            ), nama
        ws = openpyxl.load_workbook(path)[REFERENSI]  # what staff typed stays as typed
        assert [tuple(c.value for c in r) for r in ws["A18:C27"]][: len(baris)] == [tuple(b) for b in baris]
    beda = bandingkan(berkas, tmp_path / "lo", libreoffice)
    assert beda == [], "\n".join(beda[:10])
