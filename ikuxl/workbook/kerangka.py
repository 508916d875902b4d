"""A new workbook file from a write plan: openpyxl makes the frame (the sheets, the defined names, the
theme), then every sheet is written as a recalculation writes ikuxl's own (cangkok), so there is one writer
of sheets, styles, charts, print areas and titles, and cached formula values. Only commands
that create a workbook (template, import, reviu, rekap) load openpyxl."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName

from ..plan import LembarPlan, Plan
from .cangkok import cangkok
from .lite import edisi_lite
from .paket import Paket
from .tulis import dengan_waktu, simpan_atomik


def _kerangka(plan: Plan) -> Workbook:
    """An empty openpyxl workbook with the plan's sheets and names."""
    wb = Workbook()
    wb.remove(wb.active)
    for lp in plan.lembar:
        wb.create_sheet(lp.nama)
    for nama, rujukan in plan.nama.items():
        wb.defined_names[nama] = DefinedName(nama, attr_text=rujukan)
    wb.properties.creator = "ikuxl"
    wb.calculation.fullCalcOnLoad = True  # Excel recalculates on open; the cached values serve other readers
    return wb


def tulis_plan(plan: Plan, tujuan: Path, waktu: datetime | None = None, lite: dict[str, str] | None = None) -> None:
    """A new workbook file from the plan, formulas with their computed values as cached values.
    With `waktu`, fixed time stamps (the same content gives the same bytes); with `lite`, the xlwings Lite
    edition holding those files (workbook/lite.py)."""
    kerangka = Plan([LembarPlan(l.nama) for l in plan.lembar], plan.nama)
    buf = io.BytesIO()
    _kerangka(kerangka).save(buf)
    p = Paket(buf.getvalue())
    edisi_lite(p, plan, lite)
    data = cangkok(p, plan, [l.nama for l in plan.lembar])
    simpan_atomik(dengan_waktu(data, waktu) if waktu else data, tujuan)
