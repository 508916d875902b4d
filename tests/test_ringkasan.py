"""Ringkasan: a live "Perlu perhatian" list and headline, and charts that do not mislead
(axis from 0, every category labelled, whole-number ticks for counts, never split across
printed pages, "belum ada data" instead of an empty chart), in the file, in rekap and in
the ribbon's charts."""

import json
import re
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from defusedxml import ElementTree

from ikuxl.aksi import recalc, rencana
from ikuxl.libreoffice import hitung_ulang
from ikuxl.skema import BARIS_DATA, Tata, kolom_realisasi
from ikuxl.hitung import skala_kategori
from ikuxl.workbook.baca import baca_dokumen

from .bantu import WORKBOOKS, ikuxl
from .oracle import bandingkan

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
TR = Tata(kolom_realisasi())
KALSEL = "iku-kalsel-2020-contoh-realisasi.xlsx"
TANJAB = "iku-tanjabbar-2022-contoh-realisasi.xlsx"
TDD = "tidak dapat dihitung: "


def _salin(tmp_path: Path, nama: str, sebagai: str | None = None) -> Path:
    path = tmp_path / (sebagai or nama)
    path.write_bytes((WORKBOOKS / nama).read_bytes())
    return path


def _ubah(path: Path, faktor: dict[str, float], kosong: tuple[str, ...] = (), ketik: dict[str, tuple] | None = None) -> None:
    """Edits staff make in Excel: an indicator's target of the year on IKU multiplied by a factor
    (its capaian divided by it), the component values of others cleared (no realisasi), and the Rumus
    of others removed, their realisasi per quarter typed on their IKU row instead."""
    nilai = openpyxl.load_workbook(path, data_only=True)  # target headers and titles are formulas
    kepala = [c.value for c in nilai["IKU"][4]]
    tahun = nilai["Realisasi"]["A1"].value[-4:]  # "… TAHUN 2022"
    wb = openpyxl.load_workbook(path)
    iku = wb["IKU"]
    kolom = kepala.index(f"Target {tahun}") + 1
    for r in range(BARIS_DATA, iku.max_row + 1):
        kode = iku.cell(r, 1).value
        if kode in faktor:
            iku.cell(r, kolom).value *= faktor[kode]
        if kode in (ketik or {}):
            iku.cell(r, kepala.index("Rumus") + 1).value = None
            for t, nilai in zip(("I", "II", "III", "IV"), ketik[kode]):
                iku.cell(r, kepala.index(f"Realisasi TW {t} {tahun}") + 1).value = nilai
    komponen = wb["Komponen"]
    for r in range(BARIS_DATA, komponen.max_row + 1):
        if komponen.cell(r, 1).value in kosong:
            for c in range(4, 8):
                komponen.cell(r, c).value = None
    wb.save(path)


def _ringkasan(ws) -> tuple[list[tuple], str]:
    """The rows of the "Perlu perhatian" list (indikator, capaian or reason, kategori, kode) and the headline."""
    judul = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value or "").startswith("Perlu perhatian"))
    daftar = []
    for r in range(judul + 2, ws.max_row + 1):
        b = tuple(ws.cell(r, c).value for c in range(1, 5))
        if not any(v not in (None, "") for v in b):
            break
        daftar.append(b)
    return daftar, ws["D5"].value


def _harapan(path: Path) -> tuple[list[tuple], str]:
    """What the list and the headline must say, from the Realisasi values and the scale of the same
    file: every indicator with no capaian or in the scale's two lowest bands, in Realisasi's order."""
    ws = openpyxl.load_workbook(path, data_only=True)["Realisasi"]
    rendah = {p.label.casefold() for p in skala_kategori(baca_dokumen(path)).pita[-2:]}
    daftar, n, terhitung = [], 0, 0
    for r in range(BARIS_DATA, ws.max_row + 1):
        kode = ws.cell(r, 1).value
        if not kode:
            continue
        n += 1
        capaian, kategori = ws.cell(r, TR.posisi["capaian"]).value, ws.cell(r, TR.posisi["kategori"]).value
        angka = isinstance(capaian, (int, float))
        terhitung += angka
        if not angka or str(kategori).casefold() in rendah:
            alasan = capaian if angka else str(capaian).removeprefix(TDD)
            daftar.append((ws.cell(r, 2).value, alasan, kategori, kode))
    if not daftar:
        daftar = [("Tidak ada indikator yang perlu perhatian.", None, None, None)]
    return daftar, f"{terhitung} dari {n} indikator terhitung"


def _sama_daftar(a: list[tuple], b: list[tuple]) -> bool:
    return len(a) == len(b) and all(
        x == pytest.approx(y, rel=1e-9) if isinstance(x, float) else (x or None) == (y or None)
        for p, q in zip(a, b)
        for x, y in zip(p, q)
    )


# TJB-03's components make 1 of its target 2 (50 %: on the list); typed on IKU without its Rumus, 2 of 2
EDIT = dict(faktor={"TJB-01": 10, "TJB-02": 1.6}, kosong=("TJB-05",), ketik={"TJB-03": (0, 1, 0, 1)})


def test_perlu_perhatian_hanya_yang_perlu_dan_sesuai_capaian(tmp_path):
    """After ikuxl recalc: the list holds only the indicators that need attention, each with the
    capaian and kategori Realisasi shows, and the headline says how many are computed."""
    path = _salin(tmp_path, TANJAB)
    _ubah(path, **EDIT)
    recalc(path)
    daftar = _daftar_setelah_edit(path, "Rendah", "Sangat Rendah")
    assert daftar[2][1] == "realisasi belum diisi" and isinstance(daftar[0][1], float)


def _daftar_setelah_edit(path: Path, rendah: str, sangat_rendah: str) -> list:
    """The Perlu perhatian list of a file with EDIT applied and computed: what Realisasi says needs attention,
    and the headline's count. TJB-01 fell to the lowest band, TJB-02 to the next, TJB-05 has no realisasi;
    TJB-03 rose off the list (its realisasi typed on IKU, no longer from its components)."""
    daftar, judul = _ringkasan(openpyxl.load_workbook(path, data_only=True)["Ringkasan"])
    harapan, judul_harapan = _harapan(path)
    assert _sama_daftar(daftar, harapan), (daftar, harapan)
    assert judul == judul_harapan == "4 dari 5 indikator terhitung"
    assert [(b[3], b[2]) for b in daftar] == [("TJB-01", sangat_rendah), ("TJB-02", rendah), ("TJB-05", "Tidak dapat dihitung")]
    return daftar


@pytest.mark.libreoffice
def test_perlu_perhatian_hidup_tanpa_python(tmp_path, libreoffice):
    """Edits made in Excel (targets, component values, the scale's labels renamed) change the list
    and the headline on the next recalculation by a spreadsheet, with no ikuxl run; ikuxl's cached
    values equal LibreOffice's before and after."""
    awal = _salin(tmp_path, TANJAB)
    recalc(awal)
    assert bandingkan([awal], tmp_path / "lo0", libreoffice) == []
    assert [b[3] for b in _ringkasan(openpyxl.load_workbook(awal, data_only=True)["Ringkasan"])[0]] == ["TJB-03"]

    ubah = tmp_path / "ubah.xlsx"
    ubah.write_bytes(awal.read_bytes())
    _ubah(ubah, **EDIT)
    wb = openpyxl.load_workbook(ubah)
    ref = wb["Referensi"]
    for r in range(1, ref.max_row + 1):  # the two lowest bands get other names
        nama = {"Rendah": "Kurang", "Sangat Rendah": "Sangat Kurang"}.get(ref.cell(r, 3).value)
        if nama:
            ref.cell(r, 3).value = nama
    wb.save(ubah)
    [lo] = hitung_ulang([ubah], tmp_path / "lo1", profil=libreoffice)
    _daftar_setelah_edit(lo, "Kurang", "Sangat Kurang")
    recalc(ubah)  # and ikuxl agrees with the spreadsheet on the edited file
    assert bandingkan([ubah], tmp_path / "lo2", libreoffice) == []


def _bagian(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _grafik_lembar(path: Path, lembar: str) -> list[tuple]:
    """Each chart part on the sheet, with its anchor (row, height in EMU), from the package."""
    wb = openpyxl.load_workbook(path)
    posisi = wb.sheetnames.index(lembar)
    isi = _bagian(path)
    lembar_xml = f"xl/worksheets/sheet{posisi + 1}.xml"
    rels = ElementTree.fromstring(isi[f"xl/worksheets/_rels/sheet{posisi + 1}.xml.rels"])
    [gambar] = [r.get("Target") for r in rels if r.get("Type").endswith("/drawing")]
    gambar = gambar.lstrip("/") if gambar.startswith("/") else "xl/" + gambar.removeprefix("../")
    grels = ElementTree.fromstring(isi[gambar.replace("drawings/", "drawings/_rels/") + ".rels"])
    target = {r.get("Id"): r.get("Target") for r in grels}
    hasil = []
    for j in ElementTree.fromstring(isi[gambar]).findall("xdr:oneCellAnchor", NS):
        rid = j.find(".//c:chart", NS).get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        bagian = target[rid].lstrip("/") if target[rid].startswith("/") else "xl/" + target[rid].removeprefix("../")
        hasil.append(
            (
                ElementTree.fromstring(isi[bagian]),
                (int(j.find("xdr:from/xdr:row", NS).text) + 1, int(j.find("xdr:ext", NS).get("cy"))),
            )
        )
    assert lembar_xml in isi
    return hasil


def _putus(path: Path, lembar: str) -> set[int]:
    wb = openpyxl.load_workbook(path)
    return {b.id for b in wb[lembar].row_breaks.brk}


def _periksa_grafik(path: Path, lembar: str) -> list:
    """The chart rules, as the file holds them."""
    grafik = _grafik_lembar(path, lembar)
    assert grafik, f"{path.name}: tidak ada grafik di {lembar}"
    putus = _putus(path, lembar)
    nilai = openpyxl.load_workbook(path, data_only=True)[lembar]
    for g, (baris, tinggi) in grafik:
        assert g.find(".//c:valAx/c:scaling/c:min", NS).get("val") == "0"
        assert g.find(".//c:catAx/c:tickLblSkip", NS).get("val") == "1"
        # the title is the cell above the chart, which starts a printed page
        ref = g.find(".//c:title/c:tx/c:strRef/c:f", NS).text
        assert ref.endswith(f"!$A${baris - 1}") and baris - 2 in putus
        assert tinggi <= 16 * 360000  # fits a landscape A4 page between its margins
        # labels: every category, no more lines than the height allows
        cat = g.find(".//c:cat/c:strRef/c:f", NS).text
        kol, r1, r2 = re.search(r"\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)", cat).groups()
        label = [nilai[f"{kol}{r}"].value for r in range(int(r1), int(r2) + 1)]
        assert all(label) and tinggi >= len(label) * (0.4 * max(str(x).count("\n") + 1 for x in label)) * 360000
        angka = g.find(".//c:val/c:numRef/c:f", NS).text
        kol, r1, r2 = re.search(r"\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)", angka).groups()
        isi = [nilai[f"{kol}{r}"].value for r in range(int(r1), int(r2) + 1)]
        jumlah = g.find(".//c:valAx/c:majorUnit", NS)
        if nilai[f"{kol}{int(r1) - 1}"].value == "Jumlah":  # a chart of counts
            assert float(jumlah.get("val")).is_integer() and float(jumlah.get("val")) >= 1
            assert g.find(".//c:valAx/c:numFmt", NS).get("formatCode") == "0"
            kosong = not any(isinstance(v, (int, float)) and v for v in isi)
        else:
            kosong = not any(isinstance(v, (int, float)) for v in isi)
        assert nilai[f"A{baris - 1}"].value.endswith("— belum ada data") == kosong
    return [g for g, _ in grafik]


@pytest.mark.parametrize("nama", [KALSEL, TANJAB, "iku-kalsel-2020.xlsx"])
def test_grafik_ringkasan_tidak_menyesatkan(tmp_path, nama):
    path = _salin(tmp_path, nama)
    recalc(path)
    grafik = _periksa_grafik(path, "Ringkasan")
    assert any(g.find(".//c:valAx/c:majorUnit", NS) is not None for g in grafik)  # the count chart
    if nama == KALSEL:  # 13 jabatan: every one a label of its own
        jabatan = [g for g in grafik if "Jabatan" in g.find(".//c:title//c:v", NS).text]
        cat = jabatan[0].find(".//c:cat/c:strRef/c:f", NS).text
        r1, r2 = map(int, re.findall(r"\$(\d+)", cat))
        assert r2 - r1 + 1 == 13


def test_template_tanpa_data_bilang_belum_ada_data(tmp_path):
    path = _salin(tmp_path, "template-iku.xlsx")
    recalc(path)
    [g] = _periksa_grafik(path, "Ringkasan")
    assert g.find(".//c:title//c:v", NS).text == "Jumlah indikator per kategori — belum ada data"


def test_grafik_rekap(tmp_path):
    keluar = tmp_path / "rekap.xlsx"
    tanpa = _salin(tmp_path, "iku-kalsel-2020.xlsx")
    r = ikuxl("rekap", str(WORKBOOKS / TANJAB), str(tanpa), "-o", str(keluar))
    assert r.returncode == 0, r.stderr
    [g] = _periksa_grafik(keluar, "Rekap Instansi")
    # below the table, not beside it
    ws = openpyxl.load_workbook(keluar)["Rekap Instansi"]
    [(_, (baris, _))] = _grafik_lembar(keluar, "Rekap Instansi")
    assert baris > max(r for r in range(5, ws.max_row + 1) if ws.cell(r, 3).value)


@pytest.mark.libreoffice
@pytest.mark.parametrize("nama", [KALSEL, TANJAB])
def test_grafik_utuh_di_satu_halaman(tmp_path, libreoffice, nama):
    """LibreOffice's PDF: each chart's title, every category label's first line and its axis title
    are on the one page that the chart's title cell starts."""
    path = _salin(tmp_path, nama)
    recalc(path)
    [pdf] = hitung_ulang([path], tmp_path / "pdf", format="pdf", profil=libreoffice)
    halaman = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split(
        "\f"
    )
    halaman = [" ".join(h.split()) for h in halaman]
    grafik = _grafik_lembar(path, "Ringkasan")
    ws = openpyxl.load_workbook(path, data_only=True)["Ringkasan"]
    for g, (baris, _) in grafik:
        judul = ws[f"A{baris - 1}"].value
        [h] = [h for h in halaman if h.count(judul) >= 2]  # the title cell and the chart's title, one page
        cat = g.find(".//c:cat/c:strRef/c:f", NS).text
        kol, r1, r2 = re.search(r"\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)", cat).groups()
        for r in range(int(r1), int(r2) + 1):
            pertama = ws[f"{kol}{r}"].value.split("\n")[0]
            assert " ".join(pertama.split()) in h, (judul, pertama)
        sumbu = "".join(t.text for t in g.findall(".//c:valAx/c:title//a:t", NS))
        assert h.rfind(sumbu) > h.rfind(judul) + len(judul)  # the axis title below the chart's title


def test_tombol_ringkasan_grafik_sama_aturannya(tmp_path):
    """The ribbon's Perbarui Ringkasan: charts at their blocks, axis from 0, whole-number ticks for
    counts, helper columns hidden (what xlwings' chart API can set); the page breaks before tables the file
    has (the ribbon's callback)."""
    from ikuxl.excel import skrip

    from .test_excel import jalankan

    path = _salin(tmp_path, KALSEL)
    aksi = jalankan(path, "perbarui_ringkasan")
    grafik = rencana(baca_dokumen(path))[0]["Ringkasan"].grafik
    tambah = [a for a in aksi if a["func"] == "addChart"]
    assert [a["args"][9] for a in tambah] == [f"$A${g.blok + 1}" for g in grafik]
    sumbu = [a["args"] for a in aksi if a["func"] == "setChartAxis"]
    assert sorted(i for i, _, v in sumbu if v == {"minimum_scale": 0.0}) == list(range(len(grafik)))
    [hitung] = [i for i, g in enumerate(grafik) if g.jumlah]
    assert [hitung, "value", {"major_unit": 4.0}] in sumbu  # 31 indicators: 0, 4, 8, …
    assert [hitung, "value", {"number_format": "0"}] in sumbu
    assert {a["start_column"] for a in aksi if a["func"] == "setColumnHidden"} == {7, 8, 9}  # H, I, J: the helpers
    # the page breaks the ribbon's callback sets: those of the file `ikuxl recalc` writes, before tables as well
    [diatur] = [
        l
        for a in aksi
        if a["func"] == "runMacro" and a["args"][0] == skrip.ATUR_LEMBAR
        for l in json.loads(a["args"][1])
        if l["nama"] == "Ringkasan"
    ]
    berkas = _salin(tmp_path, KALSEL, "berkas.xlsx")
    recalc(berkas)
    assert diatur["putus_baris"] == sorted(b + 1 for b in _putus(berkas, "Ringkasan"))
    assert len(diatur["putus_baris"]) > len(grafik)


def _halaman_tabel(path: Path) -> tuple[list[tuple[int, int, int]], dict[int, tuple[int, float, float]], float, set[int]]:
    """Ringkasan's printed tables as the file lays them out, worked out here from the file alone: each table's
    first row (its title, else its header), its header and its last row; each row's page, the height used on
    that page down to its foot and its own height, paginated as a spreadsheet does (a row that does not fit starts
    a page, and so does a manual break) from the rows' heights, the margins and the scale written; a page's height
    for rows; the manual breaks (the rows they start)."""
    wb = openpyxl.load_workbook(path)
    ws, nilai = wb["Ringkasan"], openpyxl.load_workbook(path, data_only=True)["Ringkasan"]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    ruang = (595 - (ws.page_margins.top + ws.page_margins.bottom) * 72) * 100 / ws.page_setup.scale
    akhir = int(re.findall(r"\$(\d+)", ws.print_area.split(",")[0])[-1])  # the tables' range
    putus = {b.id + 1 for b in ws.row_breaks.brk}
    letak, halaman, y = {}, 1, 0.0
    for r in range(1, akhir + 1):
        h = ws.row_dimensions[r].height or ws.sheet_format.defaultRowHeight
        if r > 1 and (r in putus or y + h > ruang):
            halaman, y = halaman + 1, 0.0
        y += h
        letak[r] = (halaman, y, h)
    kepala = [r for r in range(1, akhir + 1) if str(ws.cell(r, 1).fill.fgColor.rgb).endswith("1F4E79")]
    tabel = []
    for k in kepala:
        judul = k - 1 if str(nilai.cell(k - 1, 1).value or "").startswith("Perlu perhatian") else k
        ujung = next((r - 1 for r in range(k + 1, akhir + 1) if nilai.cell(r, 1).value in (None, "")), akhir)
        tabel.append((judul, k, ujung))
    return tabel, letak, ruang, putus


@pytest.mark.parametrize("nama", ["template-iku.xlsx", KALSEL, TANJAB, "iku-kalsel-2020.xlsx", "iku-tanjabbar-2022.xlsx"])
def test_tabel_ringkasan_tidak_mulai_di_kaki_halaman(tmp_path, nama):
    """No table of Ringkasan starts at the foot of a printed page with its rows on the next: its title, header
    and first two rows print on one page, with two rows to spare for a rendering a little taller, and the whole
    table where it fits on one page; each manual break stands before a table (or where the page breaks anyway), and
    no page of the tables is left without a row."""
    path = _salin(tmp_path, nama)
    recalc(path)
    tabel, letak, ruang, putus = _halaman_tabel(path)
    assert len(tabel) >= 4, tabel
    cadangan = 2 * 15
    for awal, kepala, ujung in tabel:
        dua = min(kepala + 2, ujung)  # its first two rows
        perlu = ujung if sum(letak[r][2] for r in range(awal, ujung + 1)) <= ruang else dua
        assert letak[awal][0] == letak[perlu][0], (nama, awal, perlu, letak[awal], letak[perlu])
        if letak[awal - 1][0] == letak[awal][0]:  # below other rows on its page
            assert ruang - letak[dua][1] >= cadangan, (nama, awal)
    # a manual break stands before a table, or where the page breaks anyway
    mulai = {awal for awal, _, _ in tabel}
    for r in putus & set(letak):
        assert r in mulai or letak[r - 1][1] + letak[r][2] > ruang, (nama, r)
    # every page of the tables holds a row that shows something
    wb = openpyxl.load_workbook(path, data_only=True)["Ringkasan"]
    isi = {letak[r][0] for r in letak if any(wb.cell(r, c).value not in (None, "") for c in range(1, 5))}
    assert isi == {h for h, _, _ in letak.values()}
