"""The planning period on Referensi: a few years in a sane range, or the workbook is refused
with a message naming the cell (a huge "Periode akhir" once allocated without bound)."""

import asyncio
import hashlib
import shutil

import openpyxl
import pytest
import xlwings as xw
from xlwings.server import custom_scripts_call

from ikuxl.excel import skrip
from ikuxl.skema import REFERENSI

from .bantu import WORKBOOKS, ikuxl as _ikuxl
from .muatan import muatan

CONTOH = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"  # periode 2022–2026, tahun 2022


def _sunting(tmp_path, sel, nilai):
    path = tmp_path / "contoh.xlsx"
    shutil.copy(CONTOH, path)
    wb = openpyxl.load_workbook(path)
    wb[REFERENSI][sel] = nilai
    wb.save(path)
    return path


@pytest.mark.parametrize(
    "sel, nilai, kata",
    [
        ("B8", 1_000_000_000, "bukan tahun yang wajar"),
        ("B8", 2100, "lebih dari 6 tahun"),
        ("B8", 2021, "sebelum periode awal"),
        ("B7", -5, "bukan tahun yang wajar"),
        ("B9", 2030, "di luar periode"),
        ("B7", "dua ribu", "harus tahun"),
        ("B8", 2026.5, "harus tahun"),
    ],
)
def test_periode_tidak_wajar_ditolak_dengan_nama_sel(tmp_path, sel, nilai, kata):
    path = _sunting(tmp_path, sel, nilai)
    sebelum = hashlib.sha256(path.read_bytes()).hexdigest()
    for perintah in (["validate", path], ["recalc", "--in-place", path]):
        hasil = _ikuxl(*perintah)
        pesan = " ".join((hasil.stdout + hasil.stderr).split())
        assert hasil.returncode in (1, 2) and "Traceback" not in pesan, pesan
        assert f"lembar Referensi, sel {sel}" in pesan and kata in pesan, pesan
    assert hashlib.sha256(path.read_bytes()).hexdigest() == sebelum  # nothing written
    assert not path.with_name(path.name + ".bak").exists()


@pytest.mark.parametrize(
    "argumen, kata",
    [
        (["--periode", "2025-9999"], "bukan tahun yang wajar"),
        (["--periode", "2025-2040"], "lebih dari 6 tahun"),
        (["--periode", "1025-1029"], "bukan tahun yang wajar"),
        (["--tahun", "1000000000"], "bukan tahun yang wajar"),
    ],
)
def test_template_periode_tidak_wajar_ditolak(tmp_path, argumen, kata):
    hasil = _ikuxl("template", tmp_path / "t.xlsx", *argumen)
    pesan = " ".join((hasil.stdout + hasil.stderr).split())
    assert hasil.returncode == 2 and kata in pesan and "Traceback" not in pesan, pesan
    assert not (tmp_path / "t.xlsx").exists()


@pytest.mark.parametrize("nilai, kata", [(1_000_000_000, "bukan tahun yang wajar"), (2100, "lebih dari 6 tahun")])
def test_periode_tidak_wajar_ditolak_di_excel(tmp_path, nilai, kata):
    """The ribbon's Hitung Capaian reads the open book through the same rules."""
    book = xw.Book(json=muatan(_sunting(tmp_path, "B8", nilai)))
    try:
        with pytest.raises(xw.XlwingsError, match=f"lembar Referensi, sel B8: .*{kata}"):
            asyncio.run(custom_scripts_call(skrip, "hitung_capaian", typehint_to_value={xw.Book: book}))
    finally:
        book.close()
