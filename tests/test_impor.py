"""Import of IKU tables written by other tools, with messy headers."""

import re
import shutil
import subprocess
import sys
import zipfile

import pytest
import xlsxwriter

from ikuxl.impor import ImporError, cocokkan_kolom, impor
from ikuxl.libreoffice import soffice

from .bantu import WORKBOOKS, per_kode
from .conftest import AKAR


@pytest.mark.parametrize(
    "judul, kunci",
    [("Indikator Kinerja", "indikator"), ("IKU", "indikator"), ("Indikator Kinerja Utama (5)", "indikator"),
     ("Nama Jabatan (1)", "jabatan"), ("Cara Perhitungan <sup>(6)</sup>", "cara_perhitungan"),
     ("Formulasi", "cara_perhitungan"), ("Kondisi Awal 2022", "kondisi_awal"), ("2024", "target_2024"),
     ("Target Tahun 2025", "target_2025"), ("Sebelum Indikator Kinerja Utama (3)", "indikator_sebelum"),
     ("Sesudah Desk Kinerja Utama (4)", "kinerja_utama"), ("Program/Kegiatan (7)", "program"),
     ("Sumber Data", "sumber_data"), ("Warna Favorit", None)],
)
def test_alias_judul_kolom(judul, kunci):
    assert cocokkan_kolom(judul) == kunci


def _xlsx_berantakan(path):
    """An agency table as XlsxWriter writes it: title rows, a two-row merged header, merged
    Tujuan cells, multi-line text, units in numbers, an unknown column and a stray note row."""
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("Tabel IKU 2023")
    tebal = wb.add_format({"bold": True, "text_wrap": True})
    ws.write(0, 0, "INDIKATOR KINERJA UTAMA DINAS CONTOH")
    ws.merge_range(2, 0, 3, 0, "No", tebal)
    ws.merge_range(2, 1, 3, 1, "Tujuan", tebal)
    ws.merge_range(2, 2, 3, 2, "Indikator Kinerja", tebal)
    ws.merge_range(2, 3, 3, 3, "Satuan", tebal)
    ws.merge_range(2, 4, 3, 4, "Kondisi Awal", tebal)
    ws.merge_range(2, 5, 2, 7, "Target", tebal)
    for i, t in enumerate((2023, 2024, 2025)):
        ws.write(3, 5 + i, t, tebal)
    ws.merge_range(2, 8, 3, 8, "Formulasi", tebal)
    ws.merge_range(2, 9, 3, 9, "Warna Favorit", tebal)
    baris = [
        [1, "Meningkatkan\nkualitas hunian", "Persentase rumah layak huni", "%", "61,5", 65, 70, 75, "[Layak] / [Total] × 100", "biru"],
        [2, None, "Jumlah RTLH yang diperbaiki", "Unit", "1.500 Unit", "150 Unit", "1.500", "-", "[RTLH diperbaiki]", None],
        [3, "Mengurangi kumuh", "Luas kawasan kumuh", "Ha", "9,85 Ha", "10%", 8, 7, "[Luas kumuh]", None],
    ]
    for r, isi in enumerate(baris, start=4):
        for c, v in enumerate(isi):
            if v is not None:
                ws.write(r, c, v)
    ws.write(7, 1, "Catatan: data sementara")
    wb.close()


def test_impor_xlsx_dari_xlsxwriter(tmp_path):
    sumber = tmp_path / "iku-dinas.xlsx"
    _xlsx_berantakan(sumber)
    dok, temuan = impor([sumber], instansi="Dinas Contoh")
    iku = dok.iku.set_index("kode")
    assert list(iku.index) == ["IKU-01", "IKU-02", "IKU-03"]
    assert dok.tahun_periode == range(2023, 2026)
    assert iku.loc["IKU-02", "tujuan"] == "Meningkatkan\nkualitas hunian"  # merged cell filled down, lines kept
    assert iku.loc["IKU-01", "kondisi_awal"] == 61.5
    assert iku.loc["IKU-02", "kondisi_awal"] == 1500 and iku.loc["IKU-02", "target_2023"] == 150
    assert iku.loc["IKU-02", "target_2024"] == 1500  # "1.500" in a Unit indicator can only be 1500
    assert iku.loc["IKU-02", "target_2025"] is None and "Target 2025 di sumber: -" in iku.loc["IKU-02", "catatan"]
    assert iku.loc["IKU-03", "target_2023"] == 10 and "satuan % berbeda dengan Ha" in iku.loc["IKU-03", "catatan"]
    assert iku.loc["IKU-01", "rumus"] is None and iku.loc["IKU-01", "cara_perhitungan"] == "[Layak] / [Total] × 100"
    assert "Warna Favorit: biru" in iku.loc["IKU-01", "catatan"]
    pesan = [str(t) for t in temuan]
    assert any("Tabel IKU 2023, J5" in p and "Warna Favorit" in p for p in pesan)
    assert any("baris 8" in p and "tanpa indikator" in p for p in pesan)
    assert "Catatan: data sementara" in iku.loc["IKU-03", "catatan"]  # kept, not dropped


@pytest.mark.parametrize("pemisah, bom", [(";", True), (",", False), ("\t", False)])
def test_impor_csv_pemisah_dan_bom(tmp_path, pemisah, bom):
    teks = pemisah.join(["Kode", "IKU", "Satuan", "Polaritas", "Target 2024", "Target 2025"]) + "\n"
    teks += pemisah.join(["A-1", '"Persentase rumah\nlayak"', "%", "positif", '"12,5"', "13"]) + "\n"
    sumber = tmp_path / "iku.csv"
    sumber.write_bytes((b"\xef\xbb\xbf" if bom else b"") + teks.encode("utf-8"))
    dok, temuan = impor([sumber])
    r = dok.iku.iloc[0]
    assert (r["kode"], r["indikator"], r["target_2024"], r["target_2025"]) == ("A-1", "Persentase rumah\nlayak", 12.5, 13)
    assert temuan == []


def test_impor_rasio_dan_satuan_ukur(tmp_path):
    """Rasio guru : murid come in as N with Satuan 1:N; "2:3" and "1.500 km" are reported, never guessed."""
    sumber = tmp_path / "iku.csv"
    sumber.write_text("Kode;IKU;Satuan;Polaritas;Target 2024;Target 2025\n"
                      "A-1;Rasio guru terhadap murid;;negatif;1:32;1:17,9\n"
                      "A-2;Rasio dokter terhadap penduduk;1:N;negatif;1 : 1.000;2:3\n"
                      "A-3;Panjang jalan mantap;Km;positif;25,478 km;1.500 km\n", encoding="utf-8")
    dok, temuan = impor([sumber])
    iku = dok.iku.set_index("kode")
    assert (iku.loc["A-1", "satuan"], iku.loc["A-1", "target_2024"], iku.loc["A-1", "target_2025"]) == ("1:N", 32, 17.9)
    assert (iku.loc["A-2", "target_2024"], iku.loc["A-2", "target_2025"]) == (1000, None)
    assert "Target 2025 di sumber: 2:3" in iku.loc["A-2", "catatan"]
    assert (iku.loc["A-3", "target_2024"], iku.loc["A-3", "target_2025"]) == (25.478, None)
    pesan = [str(t) for t in temuan]
    assert any("F3" in p and "suku pertama harus 1" in p for p in pesan)
    assert any("F4" in p and "ambigu" in p for p in pesan)
    assert len(pesan) == 2


def test_impor_menolak_tabel_tanpa_indikator(tmp_path):
    sumber = tmp_path / "bukan.csv"
    sumber.write_text("Nama;Alamat\nBudi;Jambi\n", encoding="utf-8")
    with pytest.raises(ImporError, match="bukan.csv.*Indikator"):
        impor([sumber], periode=(2024, 2025))
    with pytest.raises(ImporError, match="tidak didukung"):
        impor([tmp_path / "x.pdf"])


@pytest.mark.libreoffice
def test_impor_xlsx_dari_libreoffice_dan_cli(tmp_path, libreoffice):
    """LibreOffice turns the seed CSV into an .xlsx; ikuxl import reads it like the CSV."""
    csv = AKAR / "workbooks" / "sumber" / "tanjabbar-2022.csv"
    salinan = tmp_path / "tanjabbar.csv"
    shutil.copy(csv, salinan)
    subprocess.run([soffice(), f"-env:UserInstallation={libreoffice.resolve().as_uri()}", "--headless",
                    "--infilter=CSV:59,34,76,1", "--convert-to", "xlsx", "--outdir", str(tmp_path / "lo"), str(salinan)],
                   check=True, capture_output=True, timeout=120)
    keluar = tmp_path / "hasil.xlsx"
    hasil = subprocess.run([sys.executable, "-m", "ikuxl", "import", str(tmp_path / "lo" / "tanjabbar.xlsx"), "-o", str(keluar),
                            "--periode", "2022-2026", "--tahun", "2022"], capture_output=True, text=True)
    assert hasil.returncode == 0, hasil.stderr
    assert "5 indikator diimpor" in hasil.stdout and "9,85 Ha" in hasil.stdout
    dari_lo = per_kode(keluar, "IKU")
    contoh = per_kode(WORKBOOKS / "iku-tanjabbar-2022.xlsx", "IKU")
    for kode in contoh:
        for kolom in ("Indikator Kinerja Utama", "Kondisi Awal", "Target 2022", "Target 2026", "Satuan", "Rumus"):
            assert dari_lo[kode][kolom] == contoh[kode][kolom], (kode, kolom)


def test_impor_teks_unicode_dari_excel(tmp_path):
    """Excel's "Unicode Text" (Save As › Unicode Text): UTF-16 LE with a BOM, tab-separated."""
    teks = "Kode\tIndikator Kinerja\tSatuan\tTarget 2024\tTarget 2025\r\nA-1\tPersentase rumah layak\t%\t12,5\t13\r\n"
    sumber = tmp_path / "iku.txt"
    sumber.write_bytes(teks.encode("utf-16"))
    dok, temuan = impor([sumber])
    r = dok.iku.iloc[0]
    assert (r["kode"], r["indikator"], r["target_2024"], r["target_2025"]) == ("A-1", "Persentase rumah layak", 12.5, 13)
    assert temuan == []


def _tabel_besar(path, n: int):
    judul = "Kode;Indikator Kinerja;Satuan;Polaritas;Target 2024;Target 2025\n"
    path.write_text(judul + "".join(f"K-{i};Persentase ke-{i};%;positif;{i % 90};{i % 95}\n" for i in range(n)),
                    encoding="utf-8")
    return path


def test_ukuran_yang_didukung_diimpor_lalu_terbaca_dan_yang_lebih_ditolak(tmp_path):
    """What ikuxl writes at the supported size it reads back; one more indicator is refused before any work."""
    from ikuxl.impor import BATAS_INDIKATOR

    keluar = tmp_path / "besar.xlsx"
    r = subprocess.run([sys.executable, "-m", "ikuxl", "import", str(_tabel_besar(tmp_path / "besar.csv", BATAS_INDIKATOR)),
                        "-o", str(keluar)], capture_output=True, text=True)
    assert r.returncode == 0 and f"{BATAS_INDIKATOR} indikator diimpor" in r.stdout, r.stderr
    r = subprocess.run([sys.executable, "-m", "ikuxl", "recalc", str(keluar), "--in-place"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    from ikuxl.workbook.baca import baca_dokumen
    assert len(baca_dokumen(keluar).iku) == BATAS_INDIKATOR

    lebih = _tabel_besar(tmp_path / "lebih.csv", BATAS_INDIKATOR + 1)
    r = subprocess.run([sys.executable, "-m", "ikuxl", "import", str(lebih), "-o", str(tmp_path / "lebih.xlsx")],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "lebih.csv" in r.stderr and "paling banyak" in r.stderr, r.stderr
    assert not (tmp_path / "lebih.xlsx").exists()


def test_tabel_sumber_dengan_sel_jauh_ditolak_dan_ukuran_palsu_diabaikan(tmp_path):
    sumber = tmp_path / "iku-dinas.xlsx"
    _xlsx_berantakan(sumber)
    with zipfile.ZipFile(sumber) as z:
        isi = {n: z.read(n) for n in z.namelist()}
    lembar = isi["xl/worksheets/sheet1.xml"]

    def dengan(xml: bytes, nama: str):
        path = tmp_path / nama
        with zipfile.ZipFile(path, "w") as z:
            for n, v in isi.items():
                z.writestr(n, xml if n == "xl/worksheets/sheet1.xml" else v)
        return path

    jauh = dengan(lembar.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'),
                  "jauh.xlsx")
    with pytest.raises(ImporError, match="jauh.xlsx, lembar Tabel IKU 2023, sel XFD1048576"):
        impor([jauh])
    palsu = dengan(re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', lembar), "palsu.xlsx")
    assert b"XFD1048576" in palsu.read_bytes()
    assert impor([palsu])[0].iku.equals(impor([sumber])[0].iku)
