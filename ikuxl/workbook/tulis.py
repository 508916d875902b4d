"""New workbook files from a write plan, written atomically.

openpyxl makes the frame (the sheets, the defined names with print titles and
areas, the theme) and the cell styles (GAYA); the sheets themselves are written as
XML by the writer a recalculation uses for ikuxl's own sheets (cangkok, lembar_xml),
so there is one writer of sheets, charts and cached formula values."""

from __future__ import annotations

import glob
import io
import os
import posixpath
import re
import tempfile
import time
import zipfile
from copy import copy
from datetime import datetime
from pathlib import Path
from typing import Callable

from defusedxml.ElementTree import fromstring
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.defined_name import DefinedName

from ..plan import LembarPlan, Plan

try:
    import fcntl
except ImportError:  # Windows (the desktop add-in): no advisory locks; stale temporary files stay
    fcntl = None

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
    "subjudul": dict(font=Font(italic=True, size=11, color="404040"), alignment=_BUNGKUS),
    "keterangan": dict(font=Font(bold=True, italic=True, color="C00000"), alignment=_BUNGKUS),
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
    """A sheet with the plan's cells styled, and its print titles and area (they live in the
    workbook's names). The rest of a sheet ikuxl writes as XML (lembar_xml)."""
    ws = wb.create_sheet(lp.nama)
    contoh: dict[tuple[str, str | None], object] = {}  # one styled cell per style; the others copy its style
    for (r, c), s in lp.sel.items():
        sel = ws.cell(r, c)
        kunci = (s.gaya, s.format)
        if kunci in contoh:
            sel._style = copy(contoh[kunci])
        else:
            for atribut, nilai in GAYA.get(s.gaya, {}).items():
                setattr(sel, atribut, nilai)
            if s.format:
                sel.number_format = s.format
            contoh[kunci] = copy(sel._style)
    if lp.baris_cetak:
        ws.print_title_rows = lp.baris_cetak
    if lp.kolom_cetak:
        ws.print_title_cols = lp.kolom_cetak
    if lp.area_cetak:  # a name of the sheet's own, so a formula (a print area that follows the data) can be one
        ws.defined_names["_xlnm.Print_Area"] = DefinedName("_xlnm.Print_Area", attr_text=lp.area_cetak)
    return ws


def terapkan(plan: Plan) -> Workbook:
    """A new openpyxl workbook with the plan's sheets, styles and names."""
    wb = Workbook()
    wb.remove(wb.active)
    for lp in plan.lembar:
        _lembar(wb, lp)
    for nama, rujukan in plan.nama.items():
        wb.defined_names[nama] = DefinedName(nama, attr_text=rujukan)
    wb.properties.creator = "ikuxl"
    wb.calculation.fullCalcOnLoad = True  # Excel recalculates on open; the cached values serve other readers
    return wb


class BerubahError(OSError):
    """The target changed on disk after it was read: another program saved it meanwhile."""


BASI = 60  # seconds: an unlocked temporary file this old was left by a killed process


def simpan_atomik(data: bytes, tujuan: Path, *, timpa: bool = True, harus_sama: bytes | None = None) -> None:
    """Write to a temporary file beside the target, then replace it: a reader never sees half a file.
    timpa=False never replaces a file that exists (FileExistsError); with `harus_sama` the target is replaced
    only if it still holds those bytes (BerubahError), so another program's save in between is not lost."""
    tujuan = Path(tujuan)
    _hapus_sementara_basi(tujuan)
    fd, sementara = tempfile.mkstemp(prefix=f".{tujuan.name}.", suffix=".tmp", dir=tujuan.parent)
    diklaim = False
    try:
        if fcntl:
            fcntl.flock(fd, fcntl.LOCK_EX)  # held while this process lives: the file is not stale
        # keep the permissions the file had, or give the ones a new file gets
        mode = tujuan.stat().st_mode & 0o7777 if tujuan.exists() else 0o666 & ~_umask()
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
            if harus_sama is not None and _isi(tujuan) != harus_sama:
                raise BerubahError(f"{tujuan.name} berubah sejak dibaca")
            if not timpa:  # claim the name first: an existing file is never replaced
                os.close(os.open(tujuan, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
                diklaim = True
            os.replace(sementara, tujuan)
    except BaseException:
        Path(sementara).unlink(missing_ok=True)
        if diklaim:
            tujuan.unlink(missing_ok=True)
        raise


def _isi(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _hapus_sementara_basi(tujuan: Path) -> None:
    """Remove the temporary files of this target that a killed process left (kill -9, power cut). A live
    writer holds a lock on its own, so only unlocked ones, and only old ones (a new one may not be locked yet)."""
    if not fcntl:
        return
    for p in tujuan.parent.glob(f".{glob.escape(tujuan.name)}.*.tmp"):
        try:
            with open(p, "rb") as f:
                if time.time() - os.fstat(f.fileno()).st_mtime < BASI:
                    continue
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                p.unlink()
        except OSError:  # locked by a live writer, or gone already
            continue


def _umask() -> int:
    lama = os.umask(0)
    os.umask(lama)
    return lama


def peta_lembar(baca: Callable[[str], bytes]) -> dict[str, str]:
    """Sheet name → its part name in a package whose parts `baca` reads (ZipFile.read, dict access);
    None for a sheet whose part lies outside the package; KeyError for a sheet with no relationship."""
    wb = fromstring(baca("xl/workbook.xml"))
    rels = fromstring(baca("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.iter(f"{{{NS_REL}}}Relationship")}
    return {s.get("name"): bagian_target("xl/workbook.xml", target[s.get(f"{{{NS_R}}}id")] or "")
            for s in wb.iter(f"{{{NS}}}sheet")}


def bagian_target(asal: str, target: str) -> str | None:
    """The part a relationship of part `asal` names, or None when the target leaves the package
    (nothing outside it may be read or written)."""
    hasil = posixpath.normpath(target[1:] if target.startswith("/") else posixpath.join(posixpath.dirname(asal), target))
    return None if hasil.startswith("../") or hasil in (".", "..") or hasil.startswith("/") else hasil


def dengan_waktu(data: bytes, waktu: datetime) -> bytes:
    """The package with every time stamp in it set to `waktu`, so the same content gives the same bytes."""
    keluar = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            isi = zin.read(info.filename)
            info.date_time = waktu.timetuple()[:6]
            if info.filename == "docProps/core.xml":
                cap = waktu.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                isi = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + cap, isi)
            zout.writestr(info, isi)
    return keluar.getvalue()


def tulis_plan(plan: Plan, tujuan: Path, waktu: datetime | None = None) -> None:
    """A new workbook file from the plan: openpyxl writes the frame (sheets, names, theme),
    then every sheet is written as a recalculation writes ikuxl's own (cangkok), formulas
    with their computed values as cached values. With `waktu`, fixed time stamps."""
    from .cangkok import cangkok  # cangkok builds on this module

    kerangka = Plan([LembarPlan(l.nama, baris_cetak=l.baris_cetak, kolom_cetak=l.kolom_cetak, area_cetak=l.area_cetak)
                     for l in plan.lembar], plan.nama)
    buf = io.BytesIO()
    terapkan(kerangka).save(buf)
    data = cangkok(buf.getvalue(), plan, [l.nama for l in plan.lembar])
    simpan_atomik(dengan_waktu(data, waktu) if waktu else data, tujuan)

