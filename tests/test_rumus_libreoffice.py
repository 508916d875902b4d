"""ke_excel agrees with hitung: LibreOffice computes the compiled formulas in a generated workbook."""

import math

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from ikuxl import Rumus
from ikuxl.libreoffice import hitung_ulang

from .strategi import NAMA, nilai_komponen, pohon

pytestmark = pytest.mark.libreoffice


def sama(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def hitung_dengan_libreoffice(kasus, folder, profil):
    """One workbook, a row per case: component values in Komponen, the compiled formula in Hasil."""
    wb = openpyxl.Workbook()
    hasil = wb.active
    hasil.title = "Hasil"
    komponen = wb.create_sheet("Komponen")
    for baris, (rumus, nilai) in enumerate(kasus, start=1):
        ref = {}
        for kolom, nama in enumerate(NAMA, start=1):
            komponen.cell(baris, kolom, nilai.get(nama))
            ref[nama] = f"Komponen!${openpyxl.utils.get_column_letter(kolom)}${baris}"
        hasil.cell(baris, 1, rumus.ke_excel(ref))
    sumber = folder / "rumus.xlsx"
    wb.save(sumber)
    [keluar] = hitung_ulang([sumber], folder / "lo", profil=profil)
    lembar = openpyxl.load_workbook(keluar, data_only=True)["Hasil"]
    return [lembar.cell(baris, 1).value for baris in range(1, len(kasus) + 1)]


def test_rumus_seed_di_libreoffice(tmp_path, libreoffice):
    rumus = Rumus("(%) = ([Luas kumuh tahun n-1] - [b]) / [a] × 100")
    kasus = [
        (rumus, {"Luas kumuh tahun n-1": 9.85, "b": 8.85, "a": 9.85}),
        (rumus, {"Luas kumuh tahun n-1": 9.85, "b": 8.85, "a": 0}),
        (rumus, {"Luas kumuh tahun n-1": 9.85, "a": 3}),
        (rumus, {"Luas kumuh tahun n-1": "9,85 Ha", "b": 1, "a": 3}),
    ]
    dihitung = hitung_dengan_libreoffice(kasus, tmp_path, libreoffice)
    harapan = [r.hitung(n).teks for r, n in kasus]
    assert dihitung[0] == pytest.approx(10.152284263959391)
    assert dihitung == [pytest.approx(harapan[0])] + harapan[1:]
    assert "pembagian dengan nol" in dihitung[1] and "[b]" in dihitung[2]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.tuples(pohon.map(Rumus.dari_pohon), nilai_komponen), min_size=20, max_size=40))
def test_ke_excel_sama_dengan_hitung(tmp_path_factory, libreoffice, kasus):
    dihitung = hitung_dengan_libreoffice(kasus, tmp_path_factory.mktemp("rumus"), libreoffice)
    for (rumus, nilai), dari_lo in zip(kasus, dihitung):
        dari_python = rumus.hitung(nilai).teks
        assert sama(dari_lo, dari_python), f"{rumus}: LibreOffice {dari_lo!r}, Python {dari_python!r}, nilai {nilai}"
