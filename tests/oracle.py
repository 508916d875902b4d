"""The oracle: LibreOffice recalculates a workbook ikuxl wrote, and every formula cell's
value must equal the cached value ikuxl stored (1e-9 for numbers, equal text otherwise)."""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl

from ikuxl.libreoffice import hitung_ulang
from ikuxl.workbook.cangkok import MILIK

GALAT_EXCEL = ("#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "Err:")


def sama(a, b) -> bool:
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def sel_rumus(path: Path) -> dict[tuple[str, str], str]:
    wb = openpyxl.load_workbook(path)
    return {
        (ws.title, c.coordinate): c.value
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=")
    }


def nilai(path: Path, sel: dict) -> dict:
    wb = openpyxl.load_workbook(path, data_only=True)
    return {k: wb[k[0]][k[1]].value for k in sel}


def bandingkan(berkas: list[Path], folder: Path, profil: Path) -> list[str]:
    """Differences between ikuxl's cached values and LibreOffice's, as readable lines."""
    hasil_lo = hitung_ulang(berkas, folder, profil=profil)
    beda = []
    for asli, lo in zip(berkas, hasil_lo):
        rumus = sel_rumus(asli)
        assert rumus, f"{asli.name}: tidak ada sel rumus"
        ikuxl, libre = nilai(asli, rumus), nilai(lo, rumus)
        for k, f in rumus.items():
            if ikuxl[k] is None and k[0] not in MILIK:
                continue  # a staff sheet's formula (IKU's year labels) that a program saved without its value
            if isinstance(libre[k], str) and libre[k].startswith(GALAT_EXCEL):
                beda.append(f"{asli.name} {k}: LibreOffice memberi galat {libre[k]} untuk {f}")
            elif not sama(ikuxl[k], libre[k]):
                beda.append(f"{asli.name} {k}: ikuxl {ikuxl[k]!r}, LibreOffice {libre[k]!r} ({f[:160]})")
    return beda
