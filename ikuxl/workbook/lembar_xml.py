"""A worksheet's XML written straight from a LembarPlan, for the large sheets ikuxl owns.

openpyxl builds an object per cell and then serialises it; for Realisasi, Komponen and
Validasi ikuxl writes the XML text itself (about ten times faster, a fraction of the
memory). Styles come as xf indices from the caller; everything else a sheet of ikuxl
carries (widths, heights, frozen panes, filter, protection, validation, links, page
set-up) is written here in the order the format prescribes.
"""

from __future__ import annotations

from itertools import groupby
from operator import itemgetter
from typing import Callable
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

from ..plan import LembarPlan, Rumusan
from .tulis import NS, NS_R, tinggi_baris


def _angka(x: float | int) -> str:
    return repr(float(x)) if isinstance(x, float) else str(x)


def _sel(ref: str, s: int, nilai: object) -> str:
    if isinstance(nilai, Rumusan):
        x = nilai.nilai
        f = f"<f>{escape(nilai.excel)}</f>"
        if isinstance(x, bool):
            return f'<c r="{ref}" s="{s}" t="b">{f}<v>{int(x)}</v></c>'
        if isinstance(x, (int, float)):
            return f'<c r="{ref}" s="{s}">{f}<v>{_angka(x)}</v></c>'
        return f'<c r="{ref}" s="{s}" t="str">{f}<v>{escape("" if x is None else str(x))}</v></c>'
    if nilai is None:
        return f'<c r="{ref}" s="{s}"/>'
    if isinstance(nilai, bool):
        return f'<c r="{ref}" s="{s}" t="b"><v>{int(nilai)}</v></c>'
    if isinstance(nilai, (int, float)):
        return f'<c r="{ref}" s="{s}"><v>{_angka(nilai)}</v></c>'
    return f'<c r="{ref}" s="{s}" t="inlineStr"><is><t xml:space="preserve">{escape(str(nilai))}</t></is></c>'


def _beku(sel: str) -> str:
    huruf, baris = coordinate_from_string(sel)
    x, y = column_index_from_string(huruf) - 1, baris - 1
    bagian = "bottomRight" if x and y else "bottomLeft" if y else "topRight"
    atribut = (f' xSplit="{x}"' if x else "") + (f' ySplit="{y}"' if y else "")
    return (f'<sheetViews><sheetView workbookViewId="0"><pane{atribut} topLeftCell="{sel}" activePane="{bagian}" '
            f'state="frozen"/><selection pane="{bagian}" activeCell="{sel}" sqref="{sel}"/></sheetView></sheetViews>')


def lembar_xml(lp: LembarPlan, gaya: Callable[[str, str | None], int]) -> str:
    """The worksheet part for the plan; `gaya(gaya, format)` gives the xf index of a cell style."""
    bagian = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{NS}" xmlns:r="{NS_R}">']
    warna = f'<tabColor rgb="FF{lp.warna_tab}"/>' if lp.warna_tab else ""
    bagian.append(f'<sheetPr>{warna}<pageSetUpPr fitToPage="1"/></sheetPr>')
    bagian.append(_beku(lp.beku) if lp.beku else '<sheetViews><sheetView workbookViewId="0"/></sheetViews>')
    bagian.append('<sheetFormatPr defaultRowHeight="15"/>')
    if lp.lebar:
        bagian.append("<cols>" + "".join(f'<col min="{c}" max="{c}" width="{w}" customWidth="1"/>'
                                         for c, w in sorted(lp.lebar.items())) + "</cols>")
    tinggi = {**tinggi_baris(lp), **lp.tinggi}
    huruf = {c: get_column_letter(c) for c in {c for _, c in lp.sel}}
    bagian.append("<sheetData>")
    for r, kunci in groupby(sorted(lp.sel), key=itemgetter(0)):
        t = f' ht="{tinggi[r]}" customHeight="1"' if r in tinggi else ""
        bagian.append(f'<row r="{r}"{t}>')
        for k in kunci:
            s = lp.sel[k]
            bagian.append(_sel(f"{huruf[k[1]]}{r}", gaya(s.gaya, s.format), s.nilai))
        bagian.append("</row>")
    bagian.append("</sheetData>")
    if lp.lindungi:  # no password: formatting, filtering and sorting stay allowed
        bagian.append('<sheetProtection sheet="1" formatCells="0" formatColumns="0" formatRows="0" sort="0" '
                      'autoFilter="0" selectLockedCells="0" selectUnlockedCells="0"/>')
    if lp.saring:
        bagian.append(f'<autoFilter ref="{lp.saring}"/>')
    if lp.validasi:
        bagian.append(f'<dataValidations count="{len(lp.validasi)}">')
        for v in lp.validasi:
            rumus = (f"<formula1>{escape(v.sumber.lstrip('='))}</formula1>" if v.jenis == "list"
                     else "<formula1>-1E+15</formula1><formula2>1E+15</formula2>")
            operator = ' operator="between"' if v.jenis == "decimal" else ""
            bagian.append(f'<dataValidation type="{v.jenis}"{operator} allowBlank="1" showInputMessage="1" '
                          f'showErrorMessage="1" errorTitle="Isian tidak sesuai" error={quoteattr(v.pesan[:250])} '
                          f'promptTitle={quoteattr(v.judul[:32])} prompt={quoteattr(v.pesan[:250])} sqref="{v.rentang}">'
                          f"{rumus}</dataValidation>")
        bagian.append("</dataValidations>")
    tautan = [(k, s) for k, s in sorted(lp.sel.items()) if s.tautan and s.tautan.startswith("#")]
    if tautan:
        bagian.append("<hyperlinks>" + "".join(
            f'<hyperlink ref="{get_column_letter(c)}{r}" location={quoteattr(s.tautan[1:])} display={quoteattr(str(s.nilai))}/>'
            for (r, c), s in tautan) + "</hyperlinks>")
    bagian.append('<pageMargins left="0.4" right="0.4" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>')
    bagian.append(f'<pageSetup paperSize="9" orientation="landscape" fitToWidth="{lp.halaman_lebar}" fitToHeight="0"/>')
    bagian.append("<headerFooter><oddFooter>&amp;C&amp;A — halaman &amp;P dari &amp;N</oddFooter></headerFooter>")
    bagian.append("</worksheet>")
    return "".join(bagian)
