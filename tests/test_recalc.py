"""recalc on files: values every reader sees, nothing of the user's lost, marks that come and go."""

import io
import json
import os
import re
import subprocess
import sys
import zipfile
import zlib

import openpyxl
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from ikuxl.aksi import recalc
from ikuxl.skema import kolom_realisasi, tahun_ke
from ikuxl.workbook.baca import BacaError
from ikuxl.workbook import paket
from ikuxl.workbook.paket import Paket

from .bantu import WORKBOOKS, ikuxl, per_kode, tabel

CONTOH = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
CUSTOM_UI = b'<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui"><ribbon><tabs/></ribbon></customUI>'
X14_CF = (
    '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/'
    'spreadsheetml/2009/9/main"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.'
    'microsoft.com/office/excel/2006/main"><x14:cfRule type="dataBar" id="{00000000-0000-0000-0000-000000000001}">'
    '<x14:dataBar minLength="0" maxLength="100"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/></x14:dataBar>'
    "</x14:cfRule><xm:sqref>R5:R9</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>"
)


def _salin(tmp_path, path=CONTOH):
    tujuan = tmp_path / path.name
    tujuan.write_bytes(path.read_bytes())
    return tujuan


def _isi(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _dengan_tambahan(path, tmp_path):
    """The user's own additions: a sheet of notes with a comment, a defined name, a ribbon part,
    xlwings Lite code, a VBA part, and a 2010 data bar on the IKU sheet."""
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("Catatan Dinas")
    ws["A1"] = "Rapat evaluasi triwulan"
    ws["B2"] = "=IKU!R5*2"
    ws["A1"].comment = openpyxl.comments.Comment("dari Kabid", "Budi")
    wb.defined_names["Nama_Dinas_Sendiri"] = openpyxl.workbook.defined_name.DefinedName(
        "Nama_Dinas_Sendiri", attr_text="'Catatan Dinas'!$A$1"
    )
    buf = io.BytesIO()
    wb.save(buf)
    p = Paket(buf.getvalue())
    p.tulis("customUI/customUI14.xml", CUSTOM_UI)
    p.tulis(
        "_rels/.rels",
        p.teks("_rels/.rels").replace(
            "</Relationships>",
            '<Relationship Id="rIdUI" Type="http://schemas'
            '.microsoft.com/office/2007/relationships/ui/extensibility" Target="customUI/customUI14.xml"/></Relationships>',
        ),
    )
    p.tulis(
        "xl/webextensions/webextension1.xml",
        b"<we:webextension xmlns:we='http://schemas.microsoft.com/office/webextensions/webextension/2010/11'/>",
    )
    p.tulis("xl/vbaProject.bin", bytes(range(256)) * 8)
    iku = p.lembar()["IKU"]
    p.tulis(iku, p.teks(iku).replace("</worksheet>", X14_CF + "</worksheet>"))
    tujuan = tmp_path / "dengan-tambahan.xlsx"
    tujuan.write_bytes(p.simpan())
    return tujuan


def test_pembaca_lain_membaca_nilai_yang_dihitung(tmp_path):
    path = _salin(tmp_path)
    hasil = recalc(path)
    assert hasil.indikator == 5 and hasil.galat == 0
    df = pd.read_excel(path, sheet_name="Realisasi", header=3, engine="calamine").set_index("Kode")
    assert df.loc["TJB-02", "Capaian (%)"] == pytest.approx(145 / 150 * 100)
    assert df.loc["TJB-03", "Capaian TW I 2022 (%)"] == "tidak dapat dihitung: target 0"  # the quarters' year
    ringkasan = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Ringkasan").to_python()
    baris = next(r for r in ringkasan if r[0] == "Rata-rata capaian seluruh indikator (%)")
    assert baris[1] == pytest.approx(hasil.capaian_rata)
    validasi = openpyxl.load_workbook(path)["Validasi"]
    assert validasi["E5"].hyperlink.location == "'IKU'!S5" and validasi["E5"].value == "S5"


def test_yang_bukan_milik_ikuxl_tetap_sama_persis(tmp_path):
    path = _dengan_tambahan(_salin(tmp_path), tmp_path)
    sebelum = _isi(path)
    lembar = Paket(path.read_bytes()).lembar()
    recalc(path)
    sesudah = _isi(path)
    milik = {lembar[n] for n in ("Realisasi", "Komponen", "Ringkasan", "Perjanjian Kinerja", "Pengukuran Kinerja", "Validasi")}
    dibagi = {"xl/styles.xml", "xl/workbook.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels", lembar["IKU"]}
    lampiran_milik = {
        n
        for n in {*sebelum, *sesudah}
        if "/charts/" in n or "/drawings/" in n or any(n.endswith(f"_rels/{m.rsplit('/', 1)[1]}.rels") for m in milik)
    }
    for nama, isi in sebelum.items():
        if nama not in milik | dibagi | lampiran_milik:
            assert sesudah.get(nama) == isi, f"{nama} berubah"

    # the IKU sheet differs only by ikuxl's marks; the user's data bar (x14) stays
    def tanpa_tanda(xml: bytes) -> str:
        return re.sub(
            r"<conditionalFormatting[^>]*>(?:(?!</conditionalFormatting>).)*IKUXL_TANDA.*?</conditionalFormatting>",
            "",
            xml.decode(),
            flags=re.S,
        )

    assert tanpa_tanda(sesudah[lembar["IKU"]]) == tanpa_tanda(sebelum[lembar["IKU"]])
    assert "x14:dataBar" in sesudah[lembar["IKU"]].decode()
    wb = openpyxl.load_workbook(path)
    assert "Nama_Dinas_Sendiri" in wb.defined_names and wb["Catatan Dinas"]["A1"].comment.text == "dari Kabid"
    assert b"customUI14.xml" in sesudah["_rels/.rels"]


def test_recalc_dua_kali_memberi_berkas_yang_sama(tmp_path):
    path = _salin(tmp_path)
    recalc(path)
    pertama = path.read_bytes()
    recalc(path)
    assert path.read_bytes() == pertama


def test_tanpa_isal_zlib_menulis_bagian_yang_sama(tmp_path, monkeypatch):
    """Where ISA-L's deflate is not installed (Pyodide, a platform without its wheel) zlib writes the same parts."""
    pytest.importorskip("isal")

    def ditulis(nama: str) -> zipfile.ZipFile:
        (tmp_path / nama).mkdir()
        path = _salin(tmp_path / nama)
        recalc(path)
        z = zipfile.ZipFile(path)
        assert z.testzip() is None  # every part's CRC and size as stored
        return z

    dengan = ditulis("isal")
    monkeypatch.setattr(paket, "pemadat", zlib.compressobj)
    monkeypatch.setattr(paket, "crc32", zlib.crc32)
    tanpa = ditulis("zlib")
    realisasi = "xl/worksheets/sheet3.xml"
    assert dengan.getinfo(realisasi).compress_size != tanpa.getinfo(realisasi).compress_size  # each deflate in use
    assert [(n, dengan.read(n)) for n in dengan.namelist()] == [(n, tanpa.read(n)) for n in tanpa.namelist()]


def test_tanda_muncul_lalu_hilang_setelah_diperbaiki(tmp_path):
    path = _salin(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["IKU"]["S6"] = "150 Unit"  # TJB-02, target 2023
    wb.save(path)
    hasil = recalc(path)
    assert [(t.kode, t.sel) for t in hasil.temuan if t.tingkat == "galat"] == [("SATUAN_DI_SEL_ANGKA", "S6")]
    ws = openpyxl.load_workbook(path)["IKU"]
    ditandai = {str(cf.sqref): [r.formula for r in cf.rules] for cf in ws.conditional_formatting}
    assert any("S6" in sqref and ["IKUXL_TANDA"] in rumus for sqref, rumus in ditandai.items())
    wb = openpyxl.load_workbook(path)
    wb["IKU"]["S6"] = 150
    wb.save(path)
    assert recalc(path).galat == 0
    ws = openpyxl.load_workbook(path)["IKU"]
    assert not any("S6" in str(cf.sqref) for cf in ws.conditional_formatting)


def test_hitung_capaian_setelah_baris_ditambah_dan_diurutkan_ulang(tmp_path):
    """Indicators added on IKU (one at the top) and the matrix then sorted by indicator, as openpyxl edits
    it: after ikuxl recalc each Realisasi row shows its IKU row, and every indicator's capaian comes from
    its own inputs: the quarters typed on its row, the components typed on Komponen for its kode."""
    path = _salin(tmp_path)
    recalc(path)
    sebelum = per_kode(path, "Realisasi")
    kolom = {  # headers are formulas; a quarterly one names its year
        re.sub(r" 2022$", "", str(c.value)) if "TW" in str(c.value) else c.value: c.column
        for c in openpyxl.load_workbook(path, data_only=True)["IKU"][4]
    }
    baru = [
        {
            "Kode": "TJB-00",
            "Jabatan": "Kepala Dinas",
            "Indikator Kinerja Utama": "Persentase jalan lingkungan mantap",
            "Satuan": "%",
            "Polaritas": "positif",
            "Sifat": "akhir periode",
            "Target 2022": 60,
            "Target TW I": 15,
            "Target TW II": 30,
            "Target TW III": 45,
            "Target TW IV": 60,
            "Realisasi TW I": 20,
            "Realisasi TW II": 27,
        },
        {
            "Kode": "TJB-06",
            "Jabatan": "Kepala Dinas",
            "Indikator Kinerja Utama": "Indeks kualitas jalan",
            "Satuan": "%",
            "Polaritas": "positif",
            "Sifat": "akhir periode",
            "Target 2022": 80,
            "Target TW I": 80,
            "Rumus": "(%) = [Jalan mantap] / [Panjang jalan] × 100",
        },
    ]
    wb = openpyxl.load_workbook(path)
    iku = wb["IKU"]
    iku.insert_rows(5)  # at the top: every other indicator moves down a row
    akhir = max(r for r in range(5, iku.max_row + 1) if iku.cell(r, 1).value)
    for r, isi in ((5, baru[0]), (akhir + 1, baru[1])):
        for judul, nilai in isi.items():
            iku.cell(r, kolom[judul], nilai)
    # sorted by indicator (A→Z), whole rows
    baris = [[c.value for c in iku[r]] for r in range(5, akhir + 2)]
    baris.sort(key=lambda b: b[kolom["Indikator Kinerja Utama"] - 1].casefold())
    for r, nilai in enumerate(baris, start=5):
        for c, v in enumerate(nilai, start=1):
            iku.cell(r, c).value = v
    wb.save(path)
    urutan = [b[0] for b in baris]
    assert urutan != sorted(urutan)  # the sort moved indicators onto other rows

    recalc(path)
    real = per_kode(path, "Realisasi")
    assert list(real) == urutan  # Realisasi row r shows IKU row r
    tampak = [k.judul for k in kolom_realisasi() if not k.bantu and not tahun_ke(k.kunci)]  # (Komponen's rows follow
    # IKU's order: hidden helpers); the yearly block by its live headers ("Realisasi 2022")
    tampak += [h for h in next(iter(sebelum.values())) if re.fullmatch(r"(Realisasi|Capaian) \d{4}( \(%\))?", str(h))]
    for kode in sebelum:  # the shipped indicators: their targets moved with their rows, components stay by kode
        assert {k: real[kode][k] for k in tampak} == {k: sebelum[kode][k] for k in tampak}, kode
    tjb00 = real["TJB-00"]  # its typed quarters, on its own row wherever the sort put it
    assert [tjb00[f"Realisasi TW {t}"] for t in ("I", "II", "III", "IV")] == [20, 27, None, None]
    assert (tjb00["Realisasi s.d. TW Terakhir"], tjb00["Target s.d. TW Terakhir"]) == (27, 30)  # akhir periode: TW II
    assert tjb00["Capaian (%)"] == pytest.approx(27 / 30 * 100)
    assert real["TJB-06"]["Capaian (%)"] == "tidak dapat dihitung: realisasi belum diisi"  # no component typed yet
    komponen = [(r["Kode"], r["Komponen"]) for r in tabel(path, "Komponen")]
    assert komponen.count(("TJB-06", "Jalan mantap")) == komponen.count(("TJB-06", "Panjang jalan")) == 1

    # the new indicator's components typed on Komponen make its capaian, and no one else's
    wb = openpyxl.load_workbook(path)
    ws = wb["Komponen"]
    for r in range(5, ws.max_row + 1):
        if ws.cell(r, 1).value == "TJB-06":
            ws.cell(r, 4).value = {"Jalan mantap": 36, "Panjang jalan": 48}[ws.cell(r, 3).value]
    wb.save(path)
    recalc(path)
    sesudah = per_kode(path, "Realisasi")
    assert sesudah["TJB-06"]["Realisasi TW I"] == pytest.approx(36 / 48 * 100)
    assert sesudah["TJB-06"]["Capaian (%)"] == pytest.approx(36 / 48 * 100 / 80 * 100)
    assert {k: [v[j] for j in tampak] for k, v in sesudah.items() if k != "TJB-06"} == {
        k: [v[j] for j in tampak] for k, v in real.items() if k != "TJB-06"
    }


def test_berkas_rusak_tidak_diubah(tmp_path):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"PK\x03\x04 bukan paket utuh")
    with pytest.raises(BacaError):
        recalc(path)
    assert path.read_bytes() == b"PK\x03\x04 bukan paket utuh"
    assert [p.name for p in tmp_path.iterdir()] == ["rusak.xlsx"]  # no temporary file left


def test_cli_validate_dan_recalc(tmp_path):
    path = _salin(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["IKU"]["I5"] = None  # polaritas of TJB-01
    wb.save(path)
    v = subprocess.run([sys.executable, "-m", "ikuxl", "validate", str(path), "--format", "json"], capture_output=True, text=True)
    assert v.returncode == 1
    temuan = json.loads(v.stdout)
    assert {"berkas": path.name, "lembar": "IKU", "sel": "I5", "tingkat": "galat", "kode": "POLARITAS_KOSONG"}.items() <= next(
        t for t in temuan if t["kode"] == "POLARITAS_KOSONG"
    ).items()
    keluar = tmp_path / "hasil"
    r = subprocess.run(
        [sys.executable, "-m", "ikuxl", "recalc", str(path), str(tmp_path / "tidak-ada.xlsx"), "-o", str(keluar)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1  # one file failed; the other is written
    assert "tidak-ada.xlsx: berkas tidak ditemukan" in r.stderr and (keluar / path.name).exists()
    assert per_kode(keluar / path.name, "Realisasi")["TJB-01"]["Capaian (%)"] == "tidak dapat dihitung: polaritas belum diisi"
    assert (
        subprocess.run(
            [sys.executable, "-m", "ikuxl", "validate", str(WORKBOOKS / "iku-tanjabbar-2022.xlsx")], capture_output=True
        ).returncode
        == 0
    )
    assert (
        subprocess.run([sys.executable, "-m", "ikuxl", "validate", str(tmp_path / "x.xlsx")], capture_output=True).returncode == 2
    )


def test_lembar_milik_yang_dihapus_dibuat_lagi(tmp_path):
    """A workbook whose Ringkasan and Validasi sheets were deleted gets them back."""
    path = _salin(tmp_path)
    wb = openpyxl.load_workbook(path)
    del wb["Validasi"], wb["Ringkasan"]
    wb.save(path)
    recalc(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-2:] == ["Ringkasan", "Validasi"]
    assert wb["Ringkasan"]["A1"].value.startswith("RINGKASAN CAPAIAN") and wb["Validasi"]["A1"].value == "HASIL VALIDASI"
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None


_PEMBUKAAN: list[str] | None = None  # paths opened while a test counts them (an audit hook stays for the process)


def _catat_pembukaan(event, args):
    if event == "open" and _PEMBUKAAN is not None and isinstance(args[0], (str, bytes, os.PathLike)):
        _PEMBUKAAN.append(os.fsdecode(args[0]))


def test_recalc_membaca_berkasnya_sekali(tmp_path):
    """Read once: validation, computation and the graft all work on the package read at the start, so
    a file on a slow network share is fetched once (it used to be opened 6 times and parts unpacked
    51 times). Written elsewhere, the input is opened exactly once; in place, once more just before it
    is replaced, to see that no other program saved it meanwhile."""
    global _PEMBUKAAN
    sys.addaudithook(_catat_pembukaan)
    asli = _salin(tmp_path)
    for keluar, harap in ((tmp_path / "keluar" / "hasil.xlsx", 1), (None, 2)):
        _PEMBUKAAN = []
        try:
            recalc(asli, keluar)
        finally:
            dibuka, _PEMBUKAAN = _PEMBUKAAN, None
        assert [p for p in dibuka if os.path.realpath(p) == str(asli.resolve())] == [str(asli.resolve())] * harap, dibuka


def test_tabel_validate_menyebut_kode_temuan():
    """The validate table names the finding's code as the Validasi sheet does ("Kode Temuan"), not "Kode", which
    beside the indicator's own code read as the indicator's."""
    r = ikuxl("validate", WORKBOOKS / "iku-tanjabbar-2022.xlsx")
    kepala = next(b for b in r.stdout.splitlines() if "Tingkat" in b)
    assert "Kode Temuan" in kepala and "Indikator" in kepala
