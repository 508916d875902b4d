"""Apply a write plan to an openpyxl workbook and save it atomically, with the
computed values stored as the formula cells' cached values (openpyxl alone
writes none, and then pandas or calamine read nothing for those cells) and the
charts added by the same writer that grafts them (cangkok, lembar_xml)."""

from __future__ import annotations

import io
import os
import posixpath
import re
import tempfile
import zipfile
from copy import copy
from datetime import datetime
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

from defusedxml.ElementTree import fromstring
from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.protection import SheetProtection

from ..plan import LembarPlan, Plan, Rumusan
from ..skema import WARNA_TANDA
from ..susun import NAMA_TANDA

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

_GARIS = Side(style="thin", color="A6A6A6")
_BINGKAI = Border(left=_GARIS, right=_GARIS, top=_GARIS, bottom=_GARIS)
_ISIAN = PatternFill("solid", fgColor="FFF9E5")
_RUMUS = PatternFill("solid", fgColor="EDEDED")
_KEPALA = PatternFill("solid", fgColor="1F4E79")
_BUNGKUS = Alignment(wrap_text=True, vertical="top")

GAYA = {
    "judul": dict(font=Font(bold=True, size=14, color="1F4E79")),
    "subjudul": dict(font=Font(italic=True, size=11, color="404040")),
    "keterangan": dict(font=Font(bold=True, italic=True, color="C00000")),
    "label": dict(font=Font(bold=True)),
    "kepala": dict(font=Font(bold=True, color="FFFFFF"), fill=_KEPALA, border=_BINGKAI,
                   alignment=Alignment(wrap_text=True, vertical="center", horizontal="center")),
    "input": dict(fill=_ISIAN, border=_BINGKAI, protection=Protection(locked=False), alignment=Alignment(vertical="top")),
    "teks": dict(fill=_ISIAN, border=_BINGKAI, protection=Protection(locked=False), alignment=_BUNGKUS),
    "rumus": dict(fill=_RUMUS, border=_BINGKAI, alignment=_BUNGKUS),
    "isi": dict(alignment=Alignment(wrap_text=True, vertical="top")),
    "galat": dict(font=Font(bold=True, color="C00000"), border=_BINGKAI, alignment=_BUNGKUS),
    "peringatan": dict(font=Font(color="9C5700"), border=_BINGKAI, alignment=_BUNGKUS),
    "biasa": dict(border=_BINGKAI, alignment=_BUNGKUS),
    "tautan": dict(font=Font(color="0563C1", underline="single"), border=_BINGKAI, alignment=_BUNGKUS),
    "reviu_tetap": dict(border=_BINGKAI, alignment=_BUNGKUS),
    "reviu_diubah": dict(fill=PatternFill("solid", fgColor="FFF2CC"), border=_BINGKAI, alignment=_BUNGKUS),
    "reviu_baru": dict(fill=PatternFill("solid", fgColor="E2EFDA"), border=_BINGKAI, alignment=_BUNGKUS),
    "reviu_dihapus": dict(fill=PatternFill("solid", fgColor="FCE4D6"), border=_BINGKAI, alignment=_BUNGKUS),
}


def _lembar(wb: Workbook, lp: LembarPlan):
    ws = wb.create_sheet(lp.nama)
    contoh: dict[tuple[str, str | None], object] = {}  # one styled cell per style; the others copy its style
    for (r, c), s in lp.sel.items():
        sel = ws.cell(r, c)
        sel.value = f"={s.nilai.excel}" if isinstance(s.nilai, Rumusan) else s.nilai
        if isinstance(s.nilai, str) and s.nilai.startswith("="):
            sel.data_type = "s"  # text typed by staff stays text, never becomes a formula
        kunci = (s.gaya, s.format)
        if kunci in contoh:
            sel._style = copy(contoh[kunci])
        else:
            for atribut, nilai in GAYA.get(s.gaya, {}).items():
                setattr(sel, atribut, nilai)
            if s.format:
                sel.number_format = s.format
            contoh[kunci] = copy(sel._style)
        if s.tautan:  # "#Sheet!A1": a place in this workbook, which needs no relationship
            sel.hyperlink = Hyperlink(ref=sel.coordinate, location=s.tautan[1:]) if s.tautan.startswith("#") else s.tautan
    for c, lebar in lp.lebar.items():
        ws.column_dimensions[get_column_letter(c)].width = lebar
    for r, tinggi in {**tinggi_baris(lp), **lp.tinggi}.items():
        ws.row_dimensions[r].height = tinggi
    for rentang in lp.gabung:
        ws.merge_cells(rentang)
    for v in lp.validasi:
        dv = DataValidation(type=v.jenis, formula1=v.sumber, allow_blank=True, showInputMessage=True,
                            showErrorMessage=True, promptTitle=v.judul[:32], prompt=v.pesan[:250],
                            errorTitle="Isian tidak sesuai"[:32], error=v.pesan[:250])
        if v.jenis == "decimal":
            dv.operator, dv.formula1, dv.formula2 = "between", "-1E+15", "1E+15"
        dv.add(v.rentang)
        ws.add_data_validation(dv)
    for tingkat, (isian, huruf) in WARNA_TANDA.items():
        sel = sorted(k for k, t in lp.tanda.items() if t == tingkat)
        if sel:
            ws.conditional_formatting.add(" ".join(sel), FormulaRule(
                formula=[NAMA_TANDA], fill=PatternFill("solid", fgColor=isian, bgColor=isian), font=Font(color=huruf)))
    if lp.beku:
        ws.freeze_panes = lp.beku
    if lp.baris_cetak:
        ws.print_title_rows = lp.baris_cetak
    if lp.saring:
        ws.auto_filter.ref = lp.saring
    if lp.warna_tab:
        ws.sheet_properties.tabColor = lp.warna_tab
    if lp.lindungi:
        # No password, on purpose: staff may unprotect; formatting, filtering and sorting stay allowed.
        ws.protection = SheetProtection(sheet=True, formatCells=False, formatColumns=False, formatRows=False,
                                        autoFilter=False, sort=False, selectLockedCells=False,
                                        selectUnlockedCells=False)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = lp.halaman_lebar, 0
    if lp.area_cetak:
        ws.print_area = lp.area_cetak
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "&A — halaman &P dari &N"
    return ws


_BERBUNGKUS = {"teks", "rumus", "isi", "biasa", "galat", "peringatan", "tautan", "reviu_tetap", "reviu_diubah",
               "reviu_baru", "reviu_dihapus"}


def tinggi_baris(lp: LembarPlan) -> dict[int, float]:
    """Row heights that show wrapped text whole: no spreadsheet fits them when printing a
    file it did not lay out itself."""
    baris: dict[int, int] = {}
    lebar_kolom: dict[int, int] = {}
    for (r, c), s in lp.sel.items():
        teks = s.nilai.nilai if isinstance(s.nilai, Rumusan) else s.nilai
        if s.gaya not in _BERBUNGKUS or not isinstance(teks, str) or not teks:
            continue
        if c not in lebar_kolom:  # characters per line, roughly (text is narrower than "0")
            lebar_kolom[c] = int(max(lp.lebar.get(c, 9) - 1, 4) * 1.1)
        lebar = lebar_kolom[c]
        if len(teks) <= lebar and "\n" not in teks:
            continue  # one line
        garis = sum(max(1, -(-len(bagian) // lebar)) for bagian in teks.split("\n"))
        baris[r] = max(baris.get(r, 1), garis)
    return {r: 15.0 * n + 2 for r, n in baris.items() if n > 1}


def terapkan(plan: Plan) -> Workbook:
    """A new openpyxl workbook holding everything the plan says."""
    wb = Workbook()
    wb.remove(wb.active)
    for lp in plan.lembar:
        _lembar(wb, lp)
    for nama, rujukan in plan.nama.items():
        wb.defined_names[nama] = DefinedName(nama, attr_text=rujukan)
    wb.properties.creator = "ikuxl"
    wb.calculation.fullCalcOnLoad = True  # Excel recalculates on open; the cached values serve other readers
    return wb


def simpan_atomik(data: bytes, tujuan: Path) -> None:
    """Write to a temporary file beside the target, then replace it: a reader never sees half a file."""
    tujuan = Path(tujuan)
    fd, sementara = tempfile.mkstemp(prefix=f".{tujuan.name}.", suffix=".tmp", dir=tujuan.parent)
    try:
        # keep the permissions the file had, or give the ones a new file gets
        mode = tujuan.stat().st_mode & 0o7777 if tujuan.exists() else 0o666 & ~_umask()
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(sementara, tujuan)
    except BaseException:
        Path(sementara).unlink(missing_ok=True)
        raise


def _umask() -> int:
    lama = os.umask(0)
    os.umask(lama)
    return lama


def peta_lembar(baca: Callable[[str], bytes]) -> dict[str, str]:
    """Sheet name → its part name in a package whose parts `baca` reads (ZipFile.read, dict access)."""
    wb = fromstring(baca("xl/workbook.xml"))
    rels = fromstring(baca("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.iter(f"{{{NS_REL}}}Relationship")}
    hasil = {}
    for s in wb.iter(f"{{{NS}}}sheet"):
        t = target[s.get(f"{{{NS_R}}}id")]
        hasil[s.get("name")] = t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join("xl", t))
    return hasil


def nilai_tersimpan(atribut: str, isi: str, nilai: dict[tuple[int, int], object]) -> tuple[str, str]:
    """The attributes and content of a formula cell <c …> with its computed value as the cached <v>."""
    huruf, baris = re.match(r'.*? r="([A-Z]+)(\d+)"', atribut).groups()
    kunci = (int(baris), column_index_from_string(huruf))
    if kunci not in nilai:
        return atribut, isi
    x = nilai[kunci]
    atribut = re.sub(r' t="\w+"', "", atribut)
    rumus = re.search(r"<f>.*?</f>|<f/>", isi, re.S)[0]
    if isinstance(x, bool):
        return atribut + ' t="b"', f"{rumus}<v>{int(x)}</v>"
    if isinstance(x, (int, float)):
        return atribut, f"{rumus}<v>{repr(float(x)) if isinstance(x, float) else x}</v>"
    return atribut + ' t="str"', f"{rumus}<v>{escape('' if x is None else str(x))}</v>"


SEL = re.compile(r"<c( [^>]*?)(?:/>|>(.*?)</c>)", re.S)


def _isi_cache(xml: bytes, nilai: dict[tuple[int, int], object]) -> bytes:
    def sel(m: re.Match) -> str:
        if not m[2] or "<f>" not in m[2]:
            return m[0]
        atribut, isi = nilai_tersimpan(m[1], m[2], nilai)
        return f"<c{atribut}>{isi}</c>"

    return SEL.sub(sel, xml.decode("utf-8")).encode("utf-8")


def dengan_cache(data: bytes, nilai_rumus: dict[str, dict[tuple[int, int], object]],
                 waktu: datetime | None = None) -> bytes:
    """The package with each formula cell's computed value stored as its cached value.
    With `waktu`, every time stamp in it is that time, so the same content gives the same bytes."""
    keluar = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as zout:
        bagian = {v: k for k, v in peta_lembar(zin.read).items()}
        for info in zin.infolist():
            isi = zin.read(info.filename)
            nama = bagian.get(info.filename)
            if nama and nilai_rumus.get(nama):
                isi = _isi_cache(isi, nilai_rumus[nama])
            if waktu is not None:
                info.date_time = waktu.timetuple()[:6]
                if info.filename == "docProps/core.xml":
                    cap = waktu.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                    isi = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + cap, isi)
            zout.writestr(info, isi)
    return keluar.getvalue()


def tulis_plan(plan: Plan, tujuan: Path, waktu: datetime | None = None) -> None:
    """A new workbook file from the plan, formulas with their cached values and the charts."""
    from .cangkok import dengan_grafik  # cangkok builds on this module

    buf = io.BytesIO()
    terapkan(plan).save(buf)
    simpan_atomik(dengan_cache(dengan_grafik(buf.getvalue(), plan), plan.nilai_rumus(), waktu), tujuan)

