"""The ribbon buttons Validasi, Hitung Capaian and Perbarui Ringkasan on a live Excel book.

Each reads the book's values, runs the same core as `ikuxl recalc` (aksi.rencana) and
applies the write plan through xlwings: values and formulas, number formats, colours,
the Validasi sheet with links, the summary sheet with its charts, and an alert.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from contextlib import suppress

import xlwings as xw

from .. import ketikan
from ..aksi import milik, rencana
from ..nilai import format_angka
from ..temuan import GALAT, INFO, PERINGATAN, Temuan
from ..alamat import huruf_kolom
from ..plan import GAYA, LembarPlan, Plan, Rumusan, cari_lembar
from ..skema import BARIS_KEPALA, IKU, KOMPONEN, PENANDATANGAN, PENGUKURAN, PERJANJIAN, REALISASI, REFERENSI, RINGKASAN, VALIDASI
from ..skema import VERSI_TEMPLATE, WARNA_TANDA
from ..hitung import Hitungan
from ..susun import NAMA_RUMUS
from ..workbook.baca import BacaError, dokumen_dari_nilai
from ..workbook.lembar_xml import EMU_CM, LEBAR_GRAFIK, baris_putus, cetak_kolom, langkah_jumlah, tinggi_grafik
from . import DI_PERAMBAN, script

# the fills of the file shell's styles, so a sheet looks the same written either way
WARNA = {nama: "#" + g.isi for nama, g in GAYA.items() if g.isi}

# One contract for both shells. The file shell (workbook/lembar_xml.py) applies every field of a sheet
# plan. In Excel, xlwings' API applies LEWAT_XLWINGS; the sheet settings xlwings has no API for are
# applied by the IKU ribbon's Office.js callback (static/js/ribbon.js, xlwings Server) from the
# JSON of pengaturan_lembar, and on classic desktop xlwings through Excel's object model (Windows),
# except TIDAK_DI_DESKTOP, which there keep what the sheet had (the template's).
LEWAT_XLWINGS = frozenset({"nama", "sel", "bersama", "lebar", "tinggi", "tersembunyi", "beku", "grafik", "tanda", "isian"})
PENGATURAN_LEMBAR = frozenset(
    {
        "lindungi",
        "warna_tab",
        "baris_cetak",
        "kolom_cetak",
        "tegak",
        "halaman_lebar",
        "kelompok_cetak",
        "putus_baris",
        "saring",
        "validasi",
        "area_cetak",
    }
)
TIDAK_DI_DESKTOP = {
    "validasi": "daftar pilihan dan pesan isian tetap seperti di template",
    "kelompok_cetak": "pemisah halaman tetap seperti di template",
    "putus_baris": "pemisah halaman antartabel tetap seperti di template",
    "saring": "filter tetap seperti di template",
}
# the Office.js callbacks ribbon.js registers (xlwings.registerCallback), run as the script's actions
BUKA_LINDUNGAN, ATUR_LEMBAR = "ikuxlBukaLindungan", "ikuxlAturLembar"


def kelompok_kolom(lp: LembarPlan) -> list[tuple[int, int]]:
    """Each run of hidden (helper) columns, first and last: an outline group, collapsed, as the file shell
    writes it (lembar_xml); xlwings only hides them, and has no API for groups."""
    runtun: list[list[int]] = []
    for c in sorted(lp.tersembunyi):
        if runtun and runtun[-1][1] == c - 1:
            runtun[-1][1] = c
        else:
            runtun.append([c, c])
    return [(a, b) for a, b in runtun]


def pengaturan_lembar(lp: LembarPlan) -> dict:
    """The settings of a sheet plan that xlwings has no API for, as the ribbon's callback applies them:
    the print scale and page breaks worked out as the file shell does (lembar_xml.cetak_kolom), the helper
    columns' outline groups (kelompok_kolom)."""
    skala, putus = cetak_kolom(lp)
    return {
        "nama": lp.nama,
        "lindungi": lp.lindungi,
        "warna_tab": "#" + lp.warna_tab if lp.warna_tab else None,
        "baris_cetak": lp.baris_cetak,
        "kolom_cetak": lp.kolom_cetak,
        "tegak": lp.tegak,
        "skala": skala if lp.kelompok_cetak else None,
        "halaman_lebar": lp.halaman_lebar,
        "putus_kolom": [huruf_kolom(c) for c in putus],
        "putus_baris": baris_putus(lp),
        "kelompok_kolom": [f"{huruf_kolom(a)}:{huruf_kolom(b)}" for a, b in kelompok_kolom(lp)],
        "saring": lp.saring,
        "area_cetak": area_lembar(lp.area_cetak),
        "validasi": [
            {"rentang": v.rentang, "jenis": v.jenis, "sumber": v.sumber, "judul": v.judul[:32], "pesan": v.pesan[:250]}
            for v in lp.validasi
        ],
    }


def area_lembar(area: str | None) -> str | None:
    """A print area as PageSetup.PrintArea takes it: its ranges without the sheet's name ("$A$1:$D$9,$A$20:$D$40")."""
    return ",".join(r.rsplit("!", 1)[-1] for r in area.split(",")) if area else area


def _jarak_jauh(book: xw.Book) -> bool:
    """Whether the book is one Excel sent to xlwings Server (its actions go back as JSON)."""
    return isinstance(book.impl.api, dict)


def buka_lindungan(book: xw.Book, nama: list[str]) -> None:
    """Protection off on the sheets about to be rewritten (Excel refuses writes to a protected sheet);
    pasang_pengaturan puts it back. Not on classic xlwings under macOS, which has no object model for it:
    there staff unprotect the sheets themselves (README), or use xlwings Server."""
    if DI_PERAMBAN:  # xlwings Lite has no ribbon.js: the Lite edition's sheets are not protected
        return
    ada = [n for n in (cari_lembar([s.name for s in book.sheets], x) for x in nama) if n]
    if not ada:
        return
    if _jarak_jauh(book):
        book.app.macro(BUKA_LINDUNGAN)(json.dumps(ada))
    elif sys.platform == "win32":
        for n in ada:
            book.sheets[n].api.Unprotect()


def pasang_pengaturan(book: xw.Book, lembar: list[LembarPlan]) -> None:
    """The sheet settings of the plans written (see PENGATURAN_LEMBAR)."""
    if DI_PERAMBAN:  # xlwings Lite: no callback to run them; the template's settings stay, none of them applied
        return
    if _jarak_jauh(book):
        book.app.macro(ATUR_LEMBAR)(json.dumps([pengaturan_lembar(lp) for lp in lembar]))
        return
    if sys.platform != "win32":
        return  # classic xlwings on macOS has no object model for these: the template's settings stay
    for lp in lembar:  # Excel's object model (COM) on Windows
        api = book.sheets[cari_lembar([s.name for s in book.sheets], lp.nama)].api
        if lp.warna_tab:
            api.Tab.Color = int(lp.warna_tab[4:6] + lp.warna_tab[2:4] + lp.warna_tab[0:2], 16)  # BGR
        halaman = api.PageSetup
        halaman.Orientation = 1 if lp.tegak else 2  # xlPortrait, xlLandscape
        halaman.PrintTitleRows = f"${lp.baris_cetak.replace(':', ':$')}" if lp.baris_cetak else ""
        halaman.PrintTitleColumns = f"${lp.kolom_cetak.replace(':', ':$')}" if lp.kolom_cetak else ""
        if lp.area_cetak:  # the rows in use at this run, as the file shell sets them
            halaman.PrintArea = area_lembar(lp.area_cetak)
        if lp.kelompok_cetak:  # the scale the file shell prints at (its page breaks stay the template's)
            halaman.Zoom = cetak_kolom(lp)[0]
        else:
            halaman.Zoom, halaman.FitToPagesWide, halaman.FitToPagesTall = False, lp.halaman_lebar, False
        if lp.tersembunyi:  # the helpers grouped, collapsed, the + left of them (the file shell's outline)
            with suppress(Exception):  # a group left by an earlier run: once, not nested deeper
                api.Columns(f"A:{huruf_kolom(max(lp.tersembunyi))}").Ungroup()
            for a, b in kelompok_kolom(lp):
                api.Columns(f"{huruf_kolom(a)}:{huruf_kolom(b)}").Group()
            api.Outline.SummaryColumn = -4131  # xlSummaryOnLeft
            api.Outline.ShowLevels(0, 1)  # columns: level 1 only, the groups collapsed
            api.EnableOutlining = True  # + and - usable on the protected sheet (this session: Excel keeps it no longer)
        if lp.lindungi:  # as the file shell: no password; formatting, sorting and filtering allowed
            api.Protect(
                DrawingObjects=False,
                Contents=True,
                AllowFormattingCells=True,
                AllowFormattingColumns=True,
                AllowFormattingRows=True,
                AllowSorting=True,
                AllowFiltering=True,
            )


# the sheets whose values the buttons read; with Validasi's (the marks of the last run) and Ringkasan's (its
# charts, which are replaced) all that the ribbon sends of a workbook (static/js/ribbon.js, DIBACA)
LEMBAR_DIBACA = (IKU, REALISASI, KOMPONEN, REFERENSI)
LEMBAR_DIKIRIM = (*LEMBAR_DIBACA, VALIDASI, RINGKASAN)


def baca_buku(book: xw.Book):
    """The Dokumen of the book; an expected problem becomes a message Excel shows."""
    ada = [s.name for s in book.sheets]
    lembar = {}
    for nama in LEMBAR_DIBACA:
        asli = cari_lembar(ada, nama)  # as Excel matches sheet names: regardless of case
        if asli:
            lembar[nama] = book.sheets[asli].used_range.options(ndim=2).value  # ikuxl sheets start at A1 (their title)
    try:
        dok = dokumen_dari_nilai(book.name, lembar)
    except BacaError as e:
        raise xw.XlwingsError(str(e)) from None
    if dok.versi >= 2:  # Realisasi as version 2 laid it out (as the file shell reads it: workbook/baca.py)
        dok.diketik, dok.kode_tampil = ketikan.dari_nilai(lembar.get(REALISASI), dok.versi)
    return dok


def _isi_excel(lp: LembarPlan, r: int, c: int) -> object:
    """A plan value as written through Excel's formula setter, which parses whatever text it is given
    ("+A1", "-2+3", "@SUM(…)", " =1", "1/2", "TRUE"): the apostrophe keeps every text the text it is."""
    x = lp.sel[(r, c)].nilai
    return "=" + lp.rumus(r, c) if isinstance(x, Rumusan) else _apa_adanya(x)


def _apa_adanya(x: object) -> object:
    """A value for Excel's formula setter that Excel keeps as it is: a text behind the apostrophe."""
    if isinstance(x, str) and x:
        return "'" + x
    if isinstance(x, Rumusan):  # a live title or header put into IKU (susun.judul_triwulan_iku)
        return "=" + x.excel
    return "" if x is None else x


def _runtun(lp: LembarPlan, kunci) -> list[tuple[int, int, int, object]]:
    """(column, first row, last row, key) of each vertical run of cells with the same key,
    so that a format is applied once per run rather than once per cell."""
    per_kolom: dict[int, list[tuple[int, object]]] = defaultdict(list)
    for (r, c), s in lp.sel.items():
        per_kolom[c].append((r, kunci(s)))
    hasil = []
    for c, sel in per_kolom.items():
        sel.sort(key=lambda x: x[0])
        awal, lalu, k = sel[0][0], sel[0][0], sel[0][1]
        for r, kk in sel[1:]:
            if r == lalu + 1 and kk == k:
                lalu = r
                continue
            hasil.append((c, awal, lalu, k))
            awal, lalu, k = r, r, kk
        hasil.append((c, awal, lalu, k))
    return hasil


def tulis_lembar(book: xw.Book, lp: LembarPlan) -> xw.Sheet:
    """Replace a sheet ikuxl owns with the plan's: contents, formats, links and charts."""
    nama = [s.name for s in book.sheets]
    asli = cari_lembar(nama, lp.nama)  # Excel matches sheet names regardless of case
    if asli:
        sheet = book.sheets[asli]
        sheet.clear()
        for chart in reversed(list(sheet.charts)):  # the last first: deleting renumbers those after it
            chart.delete()
    else:
        sheet = book.sheets.add(lp.nama, after=book.sheets[len(nama) - 1])
    if not lp.sel:
        return sheet
    baris = max(r for r, _ in lp.sel)
    kolom = max(c for _, c in lp.sel)
    matriks = [["" for _ in range(kolom)] for _ in range(baris)]
    for (r, c), s in lp.sel.items():
        matriks[r - 1][c - 1] = _isi_excel(lp, r, c)
    sheet.range((1, 1), (baris, kolom)).formula = matriks
    for c, awal, akhir, format in _runtun(lp, lambda s: s.format):
        if format:
            sheet.range((awal, c), (akhir, c)).number_format = format
    for c, awal, akhir, gaya in _runtun(lp, lambda s: s.gaya):
        if gaya in WARNA:
            sheet.range((awal, c), (akhir, c)).color = WARNA[gaya]
        if gaya in ("kepala", "judul", "label"):
            sheet.range((awal, c), (akhir, c)).font.bold = True
        if gaya == "kepala":
            sheet.range((awal, c), (akhir, c)).font.color = "#FFFFFF"
    for c, lebar in lp.lebar.items():
        sheet.range((1, c)).column_width = lebar
    for (r, c), s in lp.sel.items():
        if s.tautan:
            sheet.range((r, c)).add_hyperlink(s.tautan, text_to_display=str(s.nilai))
    for c in lp.tersembunyi:
        sheet.range((1, c)).columns.hidden = True
    for r, tinggi in lp.tinggi.items():
        sheet.range((r, 1)).row_height = tinggi
    if lp.beku:
        sheet.freeze_panes.freeze_at(lp.beku)
    for g in lp.grafik:
        tambah_grafik(sheet, g)
    return sheet


def tulis_isian(book: xw.Book, plan: Plan) -> None:
    """The cells the plan puts into sheets it does not rewrite (LembarPlan.isian), as Excel keeps typed text."""
    ada = [s.name for s in book.sheets]
    for lp in plan.lembar:
        if lp.isian:
            sheet = book.sheets[cari_lembar(ada, lp.nama)]
            for (r, c), x in lp.isian.items():
                sheet.range((r, c)).formula = _apa_adanya(x)


NAMA_TTD = frozenset(nama for _, _, nama in PENANDATANGAN)


def tulis_nama(book: xw.Book, plan: Plan, lembar: tuple[str, ...]) -> None:
    """The plan's defined names into the sheets written (Komponen_Data grows with Komponen's rows)."""
    ada = {n.name: n for n in book.names}
    for nama, rujukan in plan.nama.items():
        dibaca = (nama in NAMA_RUMUS and (REALISASI in lembar or RINGKASAN in lembar)) or (  # their formulas read these
            nama in NAMA_TTD and (PERJANJIAN in lembar or PENGUKURAN in lembar)
        )
        dibaca = dibaca or nama.startswith("Cetak_")  # the print areas' rows, set for every sheet at every run
        if rujukan.split("!")[0].strip("'") not in lembar and not dibaca:
            continue
        if nama in ada:
            ada[nama].refers_to = "=" + rujukan
        else:
            book.names.add(nama, "=" + rujukan)


def tambah_grafik(sheet: xw.Sheet, g) -> None:
    """A chart of the plan through xlwings' chart API, as close as it allows to the file's
    (lembar_xml.grafik_xml): the same place, size, axis from 0 and whole-number ticks for counts.
    What the API cannot set stays Excel's default: the title is the value of the title cell
    now (not a link to it), no manual page break above the chart, no label-interval setting;
    the labels are the table's names in column A, since a chart made through the API leaves
    out the data of hidden columns."""
    kol, kepala, akhir = g.nilai
    cm = 72 / 2.54  # points
    chart = sheet.charts.add(
        left=0,
        top=0,
        width=LEBAR_GRAFIK / EMU_CM * cm,
        height=tinggi_grafik(g) / EMU_CM * cm,
        chart_type="bar_clustered",
        anchor=sheet.range(g.sel),
    )
    chart.set_source_data(sheet.range((kepala, kol), (akhir, kol)))
    chart.set_x_axis_values(sheet.range((kepala + 1, 1), (akhir, 1)))
    chart.title = g.judul
    chart.value_axis.minimum_scale = 0
    if g.jumlah:
        chart.value_axis.major_unit = langkah_jumlah(g.jumlah)
        chart.value_axis.number_format = "0"


def _tanda_lama(book: xw.Book) -> list[tuple[str, str]]:
    """The cells the previous Validasi run marked (read from its sheet before it is rewritten)."""
    asli = cari_lembar([s.name for s in book.sheets], VALIDASI)
    if not asli:
        return []
    nilai = book.sheets[asli].used_range.options(ndim=2).value
    hasil = []
    for b in nilai[BARIS_KEPALA:]:
        if len(b) >= 5 and b[1] in (GALAT, PERINGATAN) and b[3] and b[4]:
            hasil.append((str(b[3]), str(b[4])))
    return hasil


def tandai(book: xw.Book, plan: Plan, lama: list[tuple[str, str]]) -> None:
    """Remove the previous run's marks on the staff's sheets, then mark the current findings."""
    ada = [s.name for s in book.sheets]
    for lembar, sel in lama:
        asli = cari_lembar(ada, lembar)
        if asli and not cari_lembar((REALISASI, KOMPONEN), lembar):  # those two were rewritten whole
            book.sheets[asli].range(sel).color = None
    for lp in plan.lembar:
        asli = cari_lembar(ada, lp.nama)
        if asli:
            for sel, tingkat in lp.tanda.items():
                book.sheets[asli].range(sel).color = "#" + WARNA_TANDA[tingkat][0]


def _ringkas(temuan: list[Temuan]) -> str:
    jumlah = {t: sum(x.tingkat == t for x in temuan) for t in (GALAT, PERINGATAN, INFO)}
    return f"{jumlah[GALAT]} galat, {jumlah[PERINGATAN]} peringatan, {jumlah[INFO]} info"


def _jalankan(book: xw.Book, lembar: tuple[str, ...], validasi: bool) -> tuple[list[Temuan], Hitungan]:
    dok = baca_buku(book)
    lama = _tanda_lama(book) if validasi else []
    try:
        plan, temuan, hasil = rencana(dok, dihitung=KOMPONEN in lembar)
    except ketikan.KetikanError as e:
        raise xw.XlwingsError(f"{book.name}, lembar {e.lembar}, sel {e.sel}: {e}") from None
    if dok.versi < VERSI_TEMPLATE or dok.arsip_baru:  # an older template's book: any button upgrades it whole, as
        # ikuxl recalc does; a year closed: its archive too
        lembar = tuple(dict.fromkeys((*milik(dok), *lembar)))
    tulis_isian(book, plan)
    buka_lindungan(book, list(lembar))
    for nama in lembar:
        tulis_lembar(book, plan[nama])
    tulis_nama(book, plan, lembar)
    pasang_pengaturan(book, [plan[n] for n in lembar])
    pasang_area(book, [l for l in plan.lembar if l.nama not in lembar])

    if validasi:
        tandai(book, plan, lama)
    return temuan, hasil


def pasang_area(book: xw.Book, lembar: list[LembarPlan]) -> None:
    """The print areas of the staff's sheets not rewritten (IKU, Referensi, Petunjuk): the rows in use now.
    Through Excel's object model (Windows); elsewhere they keep the area of the last write of the file."""
    if DI_PERAMBAN or _jarak_jauh(book) or sys.platform != "win32":
        return
    ada = [s.name for s in book.sheets]
    for lp in lembar:
        nama = cari_lembar(ada, lp.nama)
        if nama and lp.area_cetak:
            book.sheets[nama].api.PageSetup.PrintArea = area_lembar(lp.area_cetak)


def jalankan_validasi(book: xw.Book) -> str:
    temuan, _ = _jalankan(book, (VALIDASI,), validasi=True)
    return f"Validasi selesai: {_ringkas(temuan)}. Lihat lembar Validasi."


def jalankan_hitung(book: xw.Book) -> str:
    temuan, hasil = _jalankan(book, (REALISASI, KOMPONEN, PERJANJIAN, PENGUKURAN, VALIDASI), validasi=True)
    rata, n = hasil.capaian_rata(), len(hasil.aktif())
    teks = f", capaian rata-rata {format_angka(rata, 2)}%" if rata is not None else ""
    return f"{n} indikator dihitung{teks}; {_ringkas(temuan)}, lihat lembar Validasi."


def jalankan_ringkasan(book: xw.Book) -> str:
    _, hasil = _jalankan(book, (RINGKASAN,), validasi=False)
    n = len(hasil.aktif())
    return f"Ringkasan diperbarui untuk {n} indikator."


# The ribbon buttons: id (as in manifest.xml and macros/customUI14.xml) → what it runs, and the sheet that shows it.
TOMBOL = {"iku-validasi": jalankan_validasi, "iku-hitung": jalankan_hitung, "iku-ringkasan": jalankan_ringkasan}
HASIL = {"iku-validasi": VALIDASI, "iku-hitung": VALIDASI, "iku-ringkasan": RINGKASAN}


def tekan(book: xw.Book, tombol: str) -> str:
    """A button's action, then its result said where it works in every deployment: the sheet that holds it comes
    to the front and the message is printed (xlwings Lite shows it in its task pane); an alert too, except in
    the browser runtime, which has none (xlwings Lite)."""
    pesan = TOMBOL[tombol](book)
    hasil = cari_lembar([s.name for s in book.sheets], HASIL[tombol])
    if hasil:
        book.sheets[hasil].activate()
    print(pesan)
    if not DI_PERAMBAN:
        book.app.alert(pesan, title="ikuxl")
    return pesan


@script
def validasi(book: xw.Book):
    """Validasi: periksa isian, tulis lembar Validasi dan tandai sel bermasalah."""
    tekan(book, "iku-validasi")


@script
def hitung_capaian(book: xw.Book):
    """Hitung Capaian: susun ulang rumus Realisasi dan Komponen, lalu validasi."""
    tekan(book, "iku-hitung")


@script
def perbarui_ringkasan(book: xw.Book):
    """Perbarui Ringkasan: susun ulang lembar Ringkasan dan grafiknya."""
    tekan(book, "iku-ringkasan")
