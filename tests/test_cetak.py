"""On paper: every sheet of the workbooks ikuxl ships prints on A4 with text of at least 7 pt,
the identifying columns repeat on every page across, and a row typed on IKU after ikuxl last ran
prints. Measured on LibreOffice's PDF of the files (pdftotext -bbox gives each word's box)."""

import re
import shutil
import subprocess
import warnings
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from defusedxml.ElementTree import fromstring
from openpyxl.styles import Font

from ikuxl import contoh
from ikuxl.aksi import recalc
from ikuxl.dokumen import Dokumen
from ikuxl.libreoffice import hitung_ulang
from ikuxl.periksa import periksa
from ikuxl.rakit import KOSONG, susun
from ikuxl.skema import BARIS_KEPALA
from ikuxl.workbook.kerangka import tulis_plan

from .bantu import WORKBOOKS

pytestmark = pytest.mark.libreoffice

XHTML = "{http://www.w3.org/1999/xhtml}"
A4 = (595, 842)
TEKS_MIN = 7  # pt
KODE_BARU = "BARU99"  # no hyphen: a wrapped "A-B" reads back joined
CATATAN = "CatatanStafDiLuarArea"
DIRECALC = WORKBOOKS / "iku-kalsel-2020-contoh-realisasi.xlsx"


def _halaman(pdf: Path) -> list[dict]:
    """Each page: its size, its sheet (from the footer ikuxl writes), its words with their heights, its lines."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    hasil = []
    for p in fromstring(xml).iter(f"{XHTML}page"):
        kata = [(w.text or "", float(w.get("yMax")) - float(w.get("yMin"))) for w in p.iter(f"{XHTML}word")]
        kaki = re.search(r"(\S+) — halaman \d+ dari \d+", " ".join(k for k, _ in kata))
        # a word the page cuts off at its edge still has its whole box, reaching past the paper
        terpotong = [
            w.text for w in p.iter(f"{XHTML}word") if float(w.get("xMin")) < 0 or float(w.get("xMax")) > float(p.get("width"))
        ]
        baris: list[tuple[float, list[str]]] = []  # lines top down: words whose tops are within 3 pt
        for w in sorted(p.iter(f"{XHTML}word"), key=lambda w: float(w.get("yMin"))):
            y = float(w.get("yMin"))
            if baris and y - baris[-1][0] <= 3:
                baris[-1][1].append(w.text or "")
            else:
                baris.append((y, [w.text or ""]))
        hasil.append(
            {
                "ukuran": sorted((float(p.get("width")), float(p.get("height")))),
                "lembar": kaki[1] if kaki else None,
                "kata": kata,
                "terpotong": terpotong,
                "baris": [" ".join(k) for _, k in baris],
            }
        )
    return hasil


@pytest.fixture(scope="module")
def cetakan(tmp_path_factory, libreoffice):
    """The PDFs of the shipped workbooks, of a 10 pt calibration cell at 100 %, of an example with a
    row typed on IKU with openpyxl (input cells only, no ikuxl run), and of an example saved by openpyxl (its
    print areas dropped) with a note beside Komponen's table, then recalculated: one LibreOffice call."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext tidak terpasang; .ci/run memasang poppler-utils")
    folder = tmp_path_factory.mktemp("cetak")
    wb = openpyxl.Workbook()
    wb.active.title = "Kalibrasi"
    wb.active["A1"] = "Kalibrasi"
    wb.active["A1"].font = Font(size=10)
    wb.active.page_setup.scale = 100
    wb.save(folder / "kalibrasi.xlsx")
    wb = openpyxl.load_workbook(WORKBOOKS / "iku-tanjabbar-2022.xlsx")
    ws = wb["IKU"]
    kosong = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value is None)
    kolom = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
    for judul, nilai in (
        ("Kode", KODE_BARU),
        ("Indikator Kinerja Utama", "Indikator yang diketik kemudian"),
        ("Satuan", "%"),
        ("Polaritas", "positif"),
        ("Sifat", "kumulatif"),
    ):
        ws.cell(kosong, kolom[judul], nilai)
    wb.save(folder / "ditambah-mentah.xlsx")
    recalc(folder / "ditambah-mentah.xlsx", folder / "ditambah.xlsx")  # the print area follows at the next run
    k = contoh.dengan_ilustrasi(contoh.kalsel(), contoh.KALSEL_ILUSTRASI, contoh.KALSEL_TARGET_ILUSTRASI)
    pilih = ("KD-02", "BP-01")
    dok = Dokumen(
        k.pengaturan, [b for b in k.iku if b["kode"] in pilih], [x for x in k.komponen if x["kode"] in pilih], k.daftar, k.skala
    )
    tulis_plan(susun(dok, periksa(dok)), folder / "dua-indikator.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Print area cannot be set to Defined name": the areas it drops
        wb = openpyxl.load_workbook(DIRECALC)
    wb["Komponen"]["W10"] = CATATAN
    wb.save(folder / "openpyxl.xlsx")
    recalc(folder / "openpyxl.xlsx", folder / "direcalc.xlsx")
    # the template and the 2-indicator workbook saved by openpyxl (every print area dropped), then recalculated
    for nama in ("template-iku", "dua-indikator"):
        asal = WORKBOOKS / f"{nama}.xlsx" if nama.startswith("template") else folder / f"{nama}.xlsx"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            openpyxl.load_workbook(asal).save(folder / f"{nama}-openpyxl.xlsx")
        recalc(folder / f"{nama}-openpyxl.xlsx", folder / f"{nama}-direcalc.xlsx")
    tambahan = ["kalibrasi", "ditambah", "direcalc", "dua-indikator", "template-iku-direcalc", "dua-indikator-direcalc"]
    berkas = sorted(WORKBOOKS.glob("*.xlsx")) + [folder / f"{n}.xlsx" for n in tambahan]
    pdf = hitung_ulang(berkas, folder / "pdf", format="pdf", profil=libreoffice)
    hasil = {p.stem: _halaman(p) for p in pdf}
    for b in berkas:
        if b.stem != "kalibrasi":
            judul = _judul(b)
            for h in hasil[b.stem]:
                h["bukan_data"], h["judul"] = _bukan_data(b), judul
    return hasil


def _judul(path: Path) -> dict[str, list[list[str]]]:
    """Per sheet with repeated columns, the words of its title and subtitle (rows 1 and 2, column A, as last
    computed)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path, data_only=True)
        rumus = openpyxl.load_workbook(path)
    # the sheets that repeat columns on every page across: where a title would be cut
    return {
        ws.title: [str(ws.cell(r, 1).value).split() for r in (1, 2) if ws.cell(r, 1).value]
        for ws in wb
        if rumus[ws.title].print_title_cols
    }


_TEMBOLOK: dict = {}


def _bukan_data(path: Path, _tembolok=_TEMBOLOK) -> dict[str, set[str]]:
    """Per sheet, the words that are no data: its title rows, header cells and bold labels. The repeated Kode
    column is data: a page across listing the indicators in use with blank cells tells the reader they are blank
    (rows left off it would read as missing); a page across with no value in any row is not printed at all."""
    if path not in _tembolok:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path)
            tersimpan = openpyxl.load_workbook(path, data_only=True)  # what formula headers show ("Target 2021")
        hasil = {}
        for ws in wb:
            kata = set()
            for baris in ws.iter_rows():
                for c in baris:
                    if str(c.value).startswith("=") and c.row <= BARIS_KEPALA:
                        c = tersimpan[ws.title].cell(c.row, c.column)
                    if c.value is None or str(c.value).startswith("="):
                        continue
                    kepala = c.fill.fill_type and str(c.fill.fgColor.rgb).endswith("1F4E79")
                    label = c.font.b and not c.fill.fill_type
                    judul = c.row < BARIS_KEPALA and ws.title != "Petunjuk"
                    if kepala or label or judul:
                        kata.update(str(c.value).split())
            hasil[ws.title] = kata
        _tembolok[path] = hasil
    return _tembolok[path]


def tanpa_data(halaman: list[dict]) -> list[tuple[int, str]]:
    """The pages that hold no data: only the footer, titles, headers or an empty grid. The one
    page of a sheet with no rows, saying so (rakit.KOSONG), is that sheet's content, not an empty page."""
    kosong = []
    for i, h in enumerate(halaman, start=1):
        kata = [k for k, _ in h["kata"]]
        teks = " ".join(kata)
        if any(t in teks for t in KOSONG.values()):
            continue
        # the footer ("IKU — halaman 3 dari 9") ends the page's words: its page numbers are no data
        sisa = [k for k in kata[: -(len((h["lembar"] or "").split()) + 5)] if k not in h["bukan_data"].get(h["lembar"], set())]
        if not sisa:
            kosong.append((i, h["lembar"]))
    return kosong


def test_tidak_ada_halaman_tanpa_data(cetakan):
    """No page without data: no prepared empty rows, header-only pages, empty Referensi grid or Komponen page;
    also after an openpyxl save (print areas dropped) and a recalc."""
    for nama in (
        "template-iku",
        "iku-tanjabbar-2022-contoh-realisasi",
        "dua-indikator",
        "template-iku-direcalc",
        "dua-indikator-direcalc",
        "direcalc",
    ):
        assert tanpa_data(cetakan[nama]) == [], nama
    # every shipped workbook: also the Kalimantan Selatan example, with no target or quarter typed yet
    for b in WORKBOOKS.glob("*.xlsx"):
        assert tanpa_data(cetakan[b.stem]) == [], b.stem
    # an empty sheet prints one page, a 2-indicator workbook one page down per sheet but Petunjuk and Ringkasan
    per_lembar = Counter(h["lembar"] for h in cetakan["template-iku"])
    assert all(per_lembar[n] == 1 for n in ("IKU", "Realisasi", "Komponen", "Validasi")), per_lembar
    assert Counter(h["lembar"] for h in cetakan["dua-indikator"]) == Counter(
        h["lembar"] for h in cetakan["dua-indikator-direcalc"]
    )


def test_setiap_halaman_a4_dan_teks_minimal_7pt(cetakan):
    """A4, text of at least 7 pt, and no text cut off at the paper's edge."""
    kalibrasi = next(h for _, h in cetakan["kalibrasi"][0]["kata"] if _ == "Kalibrasi")  # a word 10 pt high
    batas = kalibrasi * TEKS_MIN / 10
    for nama in (
        "template-iku",
        "iku-kalsel-2020",
        "iku-kalsel-2020-contoh-realisasi",
        "iku-tanjabbar-2022",
        "iku-tanjabbar-2022-contoh-realisasi",
    ):
        halaman = cetakan[nama]
        assert {h["lembar"] for h in halaman} >= {
            "Petunjuk",
            "IKU",
            "Realisasi",
            "Komponen",
            "Referensi",
            "Ringkasan",
            "Validasi",
        }, nama
        for i, h in enumerate(halaman, start=1):
            assert all(abs(a - b) < 1.5 for a, b in zip(h["ukuran"], A4)), (nama, i, h["ukuran"])
            assert h["lembar"], f"{nama} halaman {i}: kosong (tanpa kaki halaman lembar mana pun)"
            kecil = [(k, round(t * 10 / kalibrasi, 1)) for k, t in h["kata"] if t < batas]
            assert not kecil, f"{nama} halaman {i} ({h['lembar']}): teks di bawah {TEKS_MIN} pt: {kecil[:5]}"
            assert not h["terpotong"], f"{nama} halaman {i} ({h['lembar']}): teks terpotong tepi kertas: {h['terpotong'][:5]}"


def test_kolom_pengenal_diulang_di_setiap_halaman(cetakan):
    """Realisasi repeats Kode and Indikator, IKU its Kode, on every page across and down."""
    for nama in ("iku-kalsel-2020-contoh-realisasi", "iku-tanjabbar-2022-contoh-realisasi"):
        halaman = cetakan[nama]
        for lembar, pengenal in (("Realisasi", {"Kode", "Indikator"}), ("IKU", {"Kode"})):
            milik = [{k for k, _ in h["kata"]} for h in halaman if h["lembar"] == lembar]
            assert len(milik) > 1, (nama, lembar)
            for i, kata in enumerate(milik, start=1):
                assert pengenal <= kata, f"{nama} {lembar} halaman {i}: tanpa {pengenal - kata}"


def test_setiap_indikator_di_setiap_halaman_ke_samping(cetakan):
    """Every page across of a table lists every indicator: a page across cut at its last row with a value left
    the later indicators off (TJB-05 missing beside the yearly targets), which reads as missing, not blank."""
    for nama in ("iku-tanjabbar-2022-contoh-realisasi", "iku-kalsel-2020-contoh-realisasi"):
        for lembar in ("IKU", "Realisasi"):
            kata = Counter(k for h in cetakan[nama] if h["lembar"] == lembar for k, _ in h["kata"])
            kode = {k: n for k, n in kata.items() if re.fullmatch(r"[A-Z]{2,4}-\d{2}", k)}
            # once per page across (a code also named in a cell's text, e.g. a Catatan, appears more often)
            biasa = Counter(kode.values()).most_common(1)[0][0]
            assert len(kode) >= 5 and min(kode.values()) == biasa > 1, (nama, lembar, kode)


def test_baris_iku_yang_ditambah_kemudian_ikut_tercetak(cetakan):
    """A row typed on IKU (openpyxl, no ikuxl run) prints from the next run: recalc sets the print area to it."""
    kata = {k for h in cetakan["ditambah"] if h["lembar"] == "IKU" for k, _ in h["kata"]}
    assert KODE_BARU in kata
    # and no page of IKU is only the empty prepared rows: every page has words beside its footer
    assert all(len(h["kata"]) > 6 for h in cetakan["ditambah"] if h["lembar"] == "IKU")


def test_area_cetak_kembali_setelah_disimpan_openpyxl_lalu_recalc(cetakan):
    """The example saved by openpyxl and recalculated prints the pages the fresh example prints, sheet by sheet:
    the note typed beside Komponen's table stays outside its print area."""
    assert Counter(h["lembar"] for h in cetakan["direcalc"]) == Counter(h["lembar"] for h in cetakan[DIRECALC.stem])
    assert CATATAN not in {k for h in cetakan["direcalc"] for k, _ in h["kata"]}


def test_baris_berbungkus_cukup_tinggi_untuk_teksnya():
    """A wrapped cell breaks at spaces: "Kepala Sub Bagian Perencanaan, Keuangan dan Aset" in the 24-wide
    Jabatan column takes three lines, and its row is tall enough for them (two lines cut "Aset" off)."""
    ws = openpyxl.load_workbook(WORKBOOKS / "iku-kalsel-2020.xlsx")["IKU"]
    kolom = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
    [baris] = [
        r
        for r in range(5, ws.max_row + 1)
        if ws.cell(r, kolom["Jabatan"]).value == "Kepala Sub Bagian Perencanaan, Keuangan dan Aset"
        and ws.cell(r, 1).value == "SPK-01"
    ]
    assert ws.row_dimensions[baris].height >= 3 * 15
    # bold text is wider: the example's red note, merged across IKU's first page, takes two lines there
    ws = openpyxl.load_workbook(WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx")["IKU"]
    assert "A3:C3" in {str(g) for g in ws.merged_cells.ranges} and ws.row_dimensions[3].height >= 3 * 15


def test_judul_utuh_atau_tidak_ada(cetakan):
    """A sheet's title and subtitle print whole on its first page and not on its other pages: on a page across
    they were cut at the width of the repeated Kode column ("INDIKA", "Dinas Peru"; the PDF keeps the whole
    text under the cut, so its presence there is the cut)."""
    for nama, halaman in cetakan.items():
        if nama == "kalibrasi":
            continue
        for lembar, baris in halaman[0]["judul"].items():
            milik = [" ".join(k for k, _ in h["kata"]) for h in halaman if h["lembar"] == lembar]
            for teks in (" ".join(b) for b in baris):
                assert teks in milik[0], f"{nama} {lembar}: judul tidak utuh di halaman pertamanya"
                lain = [i for i, t in enumerate(milik[1:], start=2) if teks in t]
                assert not lain, f"{nama} {lembar}: judul tercetak (terpotong) di halaman {lain} lembar itu"


def test_peringatan_baris_di_luar_area_cetak(tmp_path, libreoffice):
    """A row typed on IKU in a spreadsheet alone (openpyxl, no ikuxl run) is named by the warning beside IKU's
    and Realisasi's titles once the workbook recalculates (LibreOffice); after ikuxl recalc the area holds it
    and the warning is blank."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(WORKBOOKS / "template-iku.xlsx")
    ws = wb["IKU"]
    kolom = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
    for r in (5, 6):
        for judul, nilai in (("Kode", f"{KODE_BARU}{r}"), ("Indikator Kinerja Utama", "Indikator baru"), ("Satuan", "%")):
            ws.cell(r, kolom[judul], nilai)
    wb.save(tmp_path / "diketik.xlsx")
    recalc(tmp_path / "diketik.xlsx", tmp_path / "dihitung.xlsx")
    hasil = hitung_ulang([tmp_path / "diketik.xlsx", tmp_path / "dihitung.xlsx"], tmp_path / "lo", profil=libreoffice)

    def peringatan(path: Path, lembar: str) -> str:
        rumus = openpyxl.load_workbook(path)[lembar]
        [sel] = [c.coordinate for c in rumus[1] if isinstance(c.value, str) and "Cetak_Akhir_" in c.value]
        return openpyxl.load_workbook(path, data_only=True)[lembar][sel].value or ""

    for lembar in ("IKU", "Realisasi"):
        teks = peringatan(hasil[0], lembar)
        assert teks.startswith("Baris 5–6 belum masuk area cetak: tekan Hitung Capaian"), (lembar, teks)
        assert peringatan(hasil[1], lembar) == "", lembar


def test_pengukuran_kinerja_dua_indikator_satu_halaman_dengan_tanda_tangan(cetakan):
    """The Pengukuran Kinerja form of a 2-indicator workbook prints on ONE A4 page, its title whole, its header
    and both rows, and the signature block below them (landscape, the width fitted)."""
    halaman = [h for h in cetakan["dua-indikator"] if "PENGUKURAN" in {k for k, _ in h["kata"]}]
    assert len(halaman) == 1
    [h] = halaman
    kata = [k for k, _ in h["kata"]]
    assert all(abs(a - b) < 1.5 for a, b in zip(h["ukuran"], A4))
    assert " ".join(kata[:3]) == "PENGUKURAN KINERJA TAHUN"
    assert {"Indikator", "Target", "Realisasi", "Capaian", "Kategori", "PIHAK", "PERTAMA,", "KEDUA,"} <= set(kata)
    assert kata.count("NIP.") == 2
    assert not h["terpotong"]


def test_tabel_ringkasan_tidak_mulai_di_kaki_halaman(cetakan):
    """Ringkasan as LibreOffice prints it: no table's title or header ends a page, its rows on the next; in the
    Tanjung Jabung Barat example the page that holds "Jumlah indikator per kategori" holds its first row too (it
    ended the page before, alone)."""
    kepala = ("Capaian per", "Jumlah indikator per kategori", "Perlu perhatian:")
    for nama in ("template-iku", "iku-tanjabbar-2022-contoh-realisasi", "iku-kalsel-2020-contoh-realisasi", "direcalc"):
        halaman = [h for h in cetakan[nama] if h["lembar"] == "Ringkasan"]
        assert halaman, nama
        for h in halaman:
            *isi, kaki = h["baris"]
            assert "halaman" in kaki, (nama, kaki)
            assert not isi[-1].startswith(kepala) and "Capaian (%) Kategori Kode" not in isi[-1], (nama, isi[-3:])
    [h] = [h for h in cetakan["iku-tanjabbar-2022-contoh-realisasi"] if "Jumlah indikator per kategori Jumlah" in h["baris"]]
    i = h["baris"].index("Jumlah indikator per kategori Jumlah")
    assert h["baris"][i + 1].startswith("Sangat Tinggi"), h["baris"][i : i + 3]
