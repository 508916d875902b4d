"""Small helpers the tests share."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from ikuxl.skema import BARIS_DATA, BARIS_KEPALA

from .conftest import AKAR

WORKBOOKS = AKAR / "workbooks"


def tabel(path: Path, lembar: str, data_only: bool = True) -> list[dict]:
    """The rows of an ikuxl sheet as dicts keyed by the header texts."""
    ws = openpyxl.load_workbook(path, data_only=data_only)[lembar]
    kepala = [c.value for c in ws[BARIS_KEPALA]]
    hasil = []
    for r in ws.iter_rows(min_row=BARIS_DATA, values_only=True):
        if r[0] in (None, ""):  # Realisasi's prepared rows show "" until an indicator is typed on IKU
            continue
        hasil.append(dict(zip(kepala, r)))
    return hasil


def per_kode(path: Path, lembar: str, data_only: bool = True) -> dict[str, dict]:
    return {r["Kode"]: r for r in tabel(path, lembar, data_only)}
