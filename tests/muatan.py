"""Excel without Excel: the book payload Office.js would send, built from a workbook on disk, and the
returned actions applied back to a copy of that file (what Excel would do with them)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import xlwings as xw
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook


def _json(x):
    if x is None:
        return ""
    if isinstance(x, (dt.date, dt.datetime)):
        return x.isoformat()
    return x


def muatan(path) -> dict:
    wb = CalamineWorkbook.from_path(str(path))
    lembar = []
    for nama in wb.sheet_names:
        nilai = wb.get_sheet_by_name(nama).to_python()
        lembar.append(
            {
                "name": nama,
                "values": [[_json(x) for x in b] for b in nilai] or [[""]],
                "pictures": [],
                "tables": [],
                "charts": [],
                "shapes": [],
                "notes": [],
                "comments": [],
            }
        )
    return {
        "client": "Office.js",
        "version": xw.__version__,
        "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"},
        "names": [],
        "sheets": lembar,
    }


def jalankan(sumber, nama: str) -> list[dict]:
    """The actions a ribbon script asks Excel for, on a book sent as Office.js sends it (a workbook's path, or its
    payload), through xlwings' remote engine."""
    import asyncio

    from ikuxl.excel import skrip  # first: it sets the licence xlwings.server reads when imported
    from xlwings.server import custom_scripts_call

    book = xw.Book(json=sumber if isinstance(sumber, dict) else muatan(sumber))
    try:
        return asyncio.run(custom_scripts_call(skrip, nama, typehint_to_value={xw.Book: book})).json()["actions"]
    finally:
        book.close()


class Excel:
    """Applies xlwings actions to an openpyxl workbook, as Excel applies them to a book."""

    def __init__(self, path):
        self.wb = openpyxl.load_workbook(path)
        self.pesan: list[str] = []
        self.grafik: dict[str, int] = {}
        self.warna: dict[tuple[str, str], object] = {}

    def lembar(self, posisi):
        return self.wb.worksheets[posisi]

    def terapkan(self, aksi: list[dict]) -> None:
        for a in aksi:
            getattr(self, a["func"], self.abaikan)(a)

    def abaikan(self, a):  # formats Excel would show; not what the comparison is about
        pass

    def _sel(self, a):
        ws = self.lembar(a["sheet_position"])
        for i in range(a["row_count"]):
            for j in range(a["column_count"]):
                yield ws.cell(a["start_row"] + 1 + i, a["start_column"] + 1 + j), i, j

    def setValues(self, a):
        for sel, i, j in self._sel(a):
            sel.value = a["values"][i][j] if a["values"][i][j] != "" else None

    def setFormula(self, a):
        for sel, i, j in self._sel(a):
            v = a["values"][i][j]
            if isinstance(v, str) and v.startswith("'"):
                sel.value, sel.data_type = v[1:], "s"
            else:
                sel.value = None if v == "" else v

    def sheetClear(self, a):
        ws = self.lembar(a["sheet_position"])
        for gabung in list(ws.merged_cells.ranges):  # Sheet.clear() clears formats too, merges included
            ws.unmerge_cells(str(gabung))
        for b in ws.iter_rows():
            for sel in b:
                sel.value = None

    def addSheet(self, a):
        self.wb.create_sheet(a["args"][1], a["args"][0])

    def addChart(self, a):
        nama = self.lembar(a["sheet_position"]).title
        self.grafik[nama] = self.grafik.get(nama, 0) + 1

    def setRangeColor(self, a):
        ws = self.lembar(a["sheet_position"])
        for sel, _, _ in self._sel(a):
            self.warna[(ws.title, sel.coordinate)] = a["args"][0]

    def alert(self, a):
        self.pesan.append(a["args"][0])


def isi_lembar(ws) -> dict[str, object]:
    """Every non-empty cell of a sheet: its formula or value."""
    return {f"{get_column_letter(c.column)}{c.row}": c.value for b in ws.iter_rows() for c in b if c.value not in (None, "")}
