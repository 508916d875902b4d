"""Nothing typed is lost: a value typed over a formula ikuxl computes (the xlwings Lite edition is not
protected; some programs ignore protection) is reported by validate and, before any rewrite, moved to its
input cell when that is certain; otherwise the run refuses, naming the cell, and the file is unchanged.

The typed cells are written into the sheet's XML as Excel saves a value typed over a formula: the formula
gone, the value (a number, or a shared string) in its place, the cell's style kept."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest
import xlwings as xw

from ikuxl.aksi import recalc, validasi
from ikuxl.skema import IKU, KOMPONEN, REALISASI, Tata, kolom_iku, kolom_komponen, kolom_realisasi
from ikuxl.workbook.baca import BacaError
from ikuxl.workbook.paket import peta_lembar

from .bantu import WORKBOOKS, ikuxl
from .muatan import Excel, jalankan, muatan

TR, TK = Tata(kolom_realisasi()), Tata(kolom_komponen())
TI = Tata(kolom_iku(2022))  # the Tanjung Jabung Barat example's period starts in 2022


def _ketik(path, lembar: str, isian: dict[str, object]) -> None:
    """Values typed over cells of a sheet, saved as Excel saves them (texts as shared strings
    where the file has them)."""
    with zipfile.ZipFile(path) as z:
        bagian = {n: z.read(n) for n in z.namelist()}
    nama = peta_lembar(bagian.__getitem__)[lembar]
    xml = bagian[nama].decode()
    for sel, nilai in isian.items():
        lama = re.search(rf'<c r="{sel}"([^>]*?)(?:/>|>(.*?)</c>)', xml, re.S)
        assert 'ref="' not in (lama[2] or ""), "a shared formula's first cell: Excel would move it"
        gaya = re.search(r'\ss="\d+"', lama[1])
        gaya = gaya[0] if gaya else ""
        if isinstance(nilai, str) and "xl/sharedStrings.xml" not in bagian:
            baru = f'<c r="{sel}"{gaya} t="inlineStr"><is><t>{nilai}</t></is></c>'
        elif isinstance(nilai, str):
            teks = bagian["xl/sharedStrings.xml"].decode()
            n = int(re.search(r'uniqueCount="(\d+)"', teks)[1]) if "uniqueCount" in teks else teks.count("<si>")
            teks = re.sub(r'uniqueCount="\d+"', f'uniqueCount="{n + 1}"', teks).replace(
                "</sst>", f"<si><t>{nilai}</t></si></sst>"
            )
            bagian["xl/sharedStrings.xml"] = teks.encode()
            baru = f'<c r="{sel}"{gaya} t="s"><v>{n}</v></c>'
        else:
            baru = f'<c r="{sel}"{gaya}><v>{nilai}</v></c>'
        xml = xml[: lama.start()] + baru + xml[lama.end() :]
    bagian[nama] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, isi in bagian.items():
            z.writestr(n, isi)


@pytest.fixture
def contoh(tmp_path):
    """The Tanjung Jabung Barat example with its second indicator's Rumus cleared on IKU (realisasi typed
    there) and recalculated, as staff would have it before typing on Realisasi."""
    path = tmp_path / "iku.xlsx"
    path.write_bytes((WORKBOOKS / "iku-tanjabbar-2022.xlsx").read_bytes())
    wb = openpyxl.load_workbook(path)
    ws = wb[IKU]
    ws.cell(6, TI.posisi["rumus"]).value = None
    ws.cell(6, TI.posisi["target_tw1"]).value = 40
    ws.cell(7, TI.posisi["rumus"]).value = None
    ws.cell(7, TI.posisi["realisasi_tw1"]).value = 1
    wb.save(path)
    recalc(path, cadangan=False)
    return path


def _iku(path, sel: str):
    return openpyxl.load_workbook(path, data_only=True)[IKU][sel].value


def test_realisasi_diketik_di_realisasi_pindah_ke_iku(contoh, tmp_path, potongan):
    """The old template's habit: realisasi typed on Realisasi. It goes to the indicator's input on IKU."""
    k6, t6 = f"{TR.huruf('realisasi_tw1')}6", f"{TR.huruf('target_tw2')}6"
    _ketik(contoh, REALISASI, {k6: 35, t6: 45})
    asli = contoh.read_bytes()

    dilapor = {(t.lembar, t.sel): t for t in validasi(contoh).temuan if t.kode.startswith("KETIKAN")}
    assert set(dilapor) == {(REALISASI, k6), (REALISASI, t6)}
    assert f"IKU!{TI.huruf('realisasi_tw1')}6" in dilapor[(REALISASI, k6)].pesan
    assert contoh.read_bytes() == asli  # validate changes nothing

    hasil = recalc(contoh, cadangan=False)  # in place, without a backup: the value must survive in the file
    assert _iku(contoh, f"{TI.huruf('realisasi_tw1')}6") == 35
    assert _iku(contoh, f"{TI.huruf('target_tw2')}6") == 45
    real = openpyxl.load_workbook(contoh, data_only=True)[REALISASI]
    assert real[k6].value == 35 and real[f"{TR.huruf('capaian_tw1')}6"].value == pytest.approx(35 / 40 * 100)
    assert openpyxl.load_workbook(contoh)[REALISASI][k6].value.startswith("=")  # its formula is back
    pindah = [t for t in hasil.temuan if t.kode == "KETIKAN_DIPINDAH"]
    assert {t.sel for t in pindah} == {k6, t6} and all(t.indikator == "TJB-02" for t in pindah)
    assert not [t for t in validasi(contoh).temuan if t.kode.startswith("KETIKAN")]  # nothing left to move


def test_pindahan_ke_iku_dengan_baris_tak_berurutan(contoh, potongan):
    """IKU's rows stored out of order (no program writes them so, a hand-made file may): the moved value still
    goes into its own row, once; IKU is then edited whole rather than piece by piece."""
    _ketik(contoh, REALISASI, {f"{TR.huruf('realisasi_tw1')}6": 35})
    with zipfile.ZipFile(contoh) as z:
        bagian = {n: z.read(n) for n in z.namelist()}
    nama = peta_lembar(bagian.__getitem__)[IKU]
    xml = bagian[nama].decode()
    enam = re.search(r'<row r="6".*?</row>', xml, re.S)[0]  # row 6 stored last
    bagian[nama] = xml.replace(enam, "").replace("</sheetData>", enam + "</sheetData>").encode()
    with zipfile.ZipFile(contoh, "w", zipfile.ZIP_DEFLATED) as z:
        for n, isi in bagian.items():
            z.writestr(n, isi)
    recalc(contoh, cadangan=False)
    assert _iku(contoh, f"{TI.huruf('realisasi_tw1')}6") == 35
    with zipfile.ZipFile(contoh) as z:
        nomor = re.findall(r'<row r="(\d+)"', z.read(nama).decode())
    assert len(nomor) == len(set(nomor)) and "6" in nomor


@pytest.mark.parametrize(
    "lembar, kolom, baris, nilai, sebab",
    [
        (REALISASI, TR.huruf("capaian"), 6, 95, "kolom hitungan"),  # a computed column has no input
        (REALISASI, TR.huruf("realisasi_tw1"), 7, 3, "sudah berisi 1"),  # IKU's input holds another value
        (REALISASI, TR.huruf("realisasi_tw1"), 8, 3, "dari komponennya"),  # computed from Komponen
        (REALISASI, TR.huruf("satuan"), 60, "Unit", "tidak memuat indikator"),  # a prepared row
        (KOMPONEN, TK.huruf("realisasi_tw2"), 7, 4, "isi komponennya"),
    ],
)
def test_ketikan_tanpa_tempat_pasti_menolak(contoh, lembar, kolom, baris, nilai, sebab):
    sel = f"{kolom}{baris}"
    _ketik(contoh, lembar, {sel: nilai})
    asli = contoh.read_bytes()
    [t] = [t for t in validasi(contoh).temuan if t.kode.startswith("KETIKAN")]
    assert (t.lembar, t.sel, t.kode, t.tingkat) == (lembar, sel, "KETIKAN_DI_RUMUS", "galat") and sebab in t.pesan
    with pytest.raises(BacaError) as e:
        recalc(contoh, cadangan=False)
    assert (e.value.lembar, e.value.sel) == (lembar, sel) and "Tidak ada yang diubah" in str(e.value)
    r = ikuxl("recalc", contoh, "--in-place", "--tanpa-cadangan")
    assert r.returncode != 0 and f"lembar {lembar}, sel {sel}" in r.stdout + r.stderr
    assert contoh.read_bytes() == asli


def test_nilai_sama_dengan_rumus_tidak_dilaporkan(contoh):
    """A value pasted over a formula that equals what it gives loses nothing (e.g. a sheet pasted as values)."""
    real = openpyxl.load_workbook(contoh, data_only=True)[REALISASI]
    sel = [f"{TR.huruf(k)}6" for k in ("kode", "target_tw1", "capaian_mentah", "kategori_tw1")]
    _ketik(contoh, REALISASI, {s: real[s].value for s in sel if real[s].value not in (None, "")})
    assert not [t for t in validasi(contoh).temuan if t.kode.startswith("KETIKAN")]
    recalc(contoh, cadangan=False)


def test_tombol_hitung_capaian_memindahkan_atau_menolak(contoh, tmp_path):
    """In Excel (the remote engine, as xlwings Server and Lite run the buttons) the same rule: the typed
    realisasi is written to IKU before Realisasi is rewritten; a value with no certain place stops the button."""
    k6 = f"{TR.huruf('realisasi_tw1')}6"
    _ketik(contoh, REALISASI, {k6: 35})
    excel = Excel(contoh)
    excel.terapkan(jalankan(contoh, "hitung_capaian"))
    assert excel.wb[IKU][f"{TI.huruf('realisasi_tw1')}6"].value == 35
    assert str(excel.wb[REALISASI][k6].value).startswith("=")

    _ketik(contoh, REALISASI, {f"{TR.huruf('capaian')}6": 95})
    with pytest.raises(xw.XlwingsError, match=rf"lembar Realisasi, sel {TR.huruf('capaian')}6: 95 diketik di atas rumus"):
        jalankan(contoh, "hitung_capaian")
    aksi = jalankan(contoh, "validasi")  # Validasi alone reports it and writes only its own sheet
    assert any("95 diketik di atas rumus kolom Capaian" in str(a) for a in aksi)


@pytest.mark.parametrize("nama", ["iku-tanjabbar-2022-contoh-realisasi.xlsx", "iku-kalsel-2020-contoh-realisasi.xlsx"])
def test_contoh_tanpa_ketikan(nama):
    """The example workbooks, read from the file and as Excel sends them, have nothing typed over formulas."""
    assert not [t for t in validasi(WORKBOOKS / nama).temuan if t.kode.startswith("KETIKAN")]
    assert not any("KETIKAN" in str(a) for a in jalankan(WORKBOOKS / nama, "validasi"))


def test_kolom_bantu_buku_versi_lain_bukan_ketikan(tmp_path):
    """A book written by another ikuxl version has other helper columns where this one has its own (grouped, out
    of sight): what Excel shows there is not taken for typed values, and Hitung Capaian runs."""
    path = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
    m = muatan(path)
    [real] = [s for s in m["sheets"] if s["name"] == REALISASI]
    bantu = [c - 1 for c, k in enumerate(TR.kolom, start=1) if k.bantu]
    for baris in real["values"][4:]:  # an earlier layout's helpers: other values in those columns
        for c in bantu:
            if c < len(baris):
                baris[c] = "nilai lain"
    aksi = jalankan(m, "hitung_capaian")
    assert any(a["func"] == "setFormula" for a in aksi) and not any("diketik di atas rumus" in str(a) for a in aksi)
