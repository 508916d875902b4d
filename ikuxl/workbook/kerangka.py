"""A new workbook file from a write plan: openpyxl makes the frame (the sheets, the defined names with
print titles and areas, the theme), then every sheet is written as a recalculation writes ikuxl's own
(cangkok), so there is one writer of sheets, styles, charts and cached formula values. Only commands
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
    """An empty openpyxl workbook with the plan's sheets, their print titles and areas (they live in
    the workbook's names) and the plan's names."""
    wb = Workbook()
    wb.remove(wb.active)
    for lp in plan.lembar:
        ws = wb.create_sheet(lp.nama)
        if lp.baris_cetak:
            ws.print_title_rows = lp.baris_cetak
        if lp.kolom_cetak:
            ws.print_title_cols = lp.kolom_cetak
        if lp.area_cetak:  # a name of the sheet's own, so a formula (a print area that follows the data) can be one
            ws.defined_names["_xlnm.Print_Area"] = DefinedName("_xlnm.Print_Area", attr_text=lp.area_cetak)
    for nama, rujukan in plan.nama.items():
        wb.defined_names[nama] = DefinedName(nama, attr_text=rujukan)
    wb.properties.creator = "ikuxl"
    wb.calculation.fullCalcOnLoad = True  # Excel recalculates on open; the cached values serve other readers
    return wb


def tulis_plan(plan: Plan, tujuan: Path, waktu: datetime | None = None, lite: dict[str, str] | None = None) -> None:
    """A new workbook file from the plan, formulas with their computed values as cached values.
    With `waktu`, fixed time stamps (the same content gives the same bytes); with `lite`, the xlwings Lite
    edition holding those files (workbook/lite.py)."""
    kerangka = Plan(
        [LembarPlan(l.nama, baris_cetak=l.baris_cetak, kolom_cetak=l.kolom_cetak, area_cetak=l.area_cetak) for l in plan.lembar],
        plan.nama,
    )
    buf = io.BytesIO()
    _kerangka(kerangka).save(buf)
    p = Paket(buf.getvalue())
    edisi_lite(p, plan, lite)
    data = cangkok(p, plan, [l.nama for l in plan.lembar])
    simpan_atomik(dengan_waktu(data, waktu) if waktu else data, tujuan)
