"""Import of IKU tables written by other tools, with messy headers."""

import re
import shutil
import subprocess
import zipfile

import pytest
import xlsxwriter

from ikuxl.impor import ImporError, cocokkan_kolom, impor
from ikuxl.libreoffice import soffice
from ikuxl.nilai import format_angka

from .bantu import WORKBOOKS, per_kode, ikuxl
from .conftest import AKAR


@pytest.mark.parametrize(
    "judul, kunci",
    [
        ("Indikator Kinerja", "indikator"),
        ("IKU", "indikator"),
        ("Indikator Kinerja Utama (5)", "indikator"),
        ("Nama Jabatan (1)", "jabatan"),
        ("Cara Perhitungan <sup>(6)</sup>", "cara_perhitungan"),
        ("Formulasi", "cara_perhitungan"),
        ("Kondisi Awal 2022", "kondisi_awal"),
        ("2024", "target_2024"),
        ("Target Tahun 2025", "target_2025"),
        ("Sebelum Indikator Kinerja Utama (3)", "indikator_sebelum"),
        ("Sesudah Desk Kinerja Utama (4)", "kinerja_utama"),
        ("Program/Kegiatan (7)", "program"),
        ("Sumber Data", "sumber_data"),
        ("Warna Favorit", None),
        ("Indikator Sasaran", "indikator"),
        ("Indikator Sasaran Strategis (3)", "indikator"),
        ("Indikator Tujuan", "indikator"),
        ("Indikator Program", "indikator"),
        ("Jenis Indikator", "jenis_indikator"),
        ("Polarisasi", "polaritas"),
        ("Cara Pengukuran", "cara_perhitungan"),
        ("Target TW I", "target_tw1"),
        ("Target Tw IV", "target_tw4"),
        ("Realisasi Triwulan 2", "realisasi_tw2"),
        ("Target TW 1-4 3", "target_tw3"),
        ("Capaian TW II (%)", "capaian_tw2"),
        ("Target Capaian per Tahun 2026", "target_2026"),
        ("Capaian 2024", "capaian_publikasi"),
        ("Target (%)", "target"),
        ("Target Renstra 2026", "target_2026"),
        ("Realisasi 2023", "realisasi_2023"),
        ("Realisasi Kinerja Tahun 2023", "realisasi_2023"),
        ("Realisasi", "realisasi"),  # one year: the table's
        ("Target Akhir (Renstra/periode)", "target_akhir"),
        ("Kondisi Kinerja pada Akhir Periode", "target_akhir"),
        ("Kondisi Akhir", "target_akhir"),
    ],
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
        [
            1,
            "Meningkatkan\nkualitas hunian",
            "Persentase rumah layak huni",
            "%",
            "61,5",
            65,
            70,
            75,
            "[Layak] / [Total] × 100",
            "biru",
        ],
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
    iku = {b["kode"]: b for b in dok.iku}
    assert list(iku) == ["IKU-01", "IKU-02", "IKU-03"]
    assert dok.tahun_periode == range(2023, 2026)
    assert iku["IKU-02"]["tujuan"] == "Meningkatkan\nkualitas hunian"  # merged cell filled down, lines kept
    assert iku["IKU-01"]["kondisi_awal"] == 61.5
    assert iku["IKU-02"]["kondisi_awal"] == 1500 and iku["IKU-02"]["target_2023"] == 150
    assert iku["IKU-02"]["target_2024"] == 1500  # "1.500" in a Unit indicator can only be 1500
    assert iku["IKU-02"]["target_2025"] is None and "Target 2025 di sumber: -" in iku["IKU-02"]["catatan"]
    assert iku["IKU-03"]["target_2023"] == 10 and "satuan % berbeda dengan Ha" in iku["IKU-03"]["catatan"]
    assert iku["IKU-01"]["rumus"] is None and iku["IKU-01"]["cara_perhitungan"] == "[Layak] / [Total] × 100"
    assert "Warna Favorit: biru" in iku["IKU-01"]["catatan"]
    pesan = [str(t) for t in temuan]
    assert any("Tabel IKU 2023, J5" in p and "Warna Favorit" in p for p in pesan)
    assert any("baris 8" in p and "tanpa indikator" in p for p in pesan)
    assert "Catatan: data sementara" in iku["IKU-03"]["catatan"]  # kept, not dropped


@pytest.mark.parametrize("pemisah, bom", [(";", True), (",", False), ("\t", False)])
def test_impor_csv_pemisah_dan_bom(tmp_path, pemisah, bom):
    teks = pemisah.join(["Kode", "IKU", "Satuan", "Polaritas", "Target 2024", "Target 2025"]) + "\n"
    teks += pemisah.join(["A-1", '"Persentase rumah\nlayak"', "%", "positif", '"12,5"', "13"]) + "\n"
    sumber = tmp_path / "iku.csv"
    sumber.write_bytes((b"\xef\xbb\xbf" if bom else b"") + teks.encode("utf-8"))
    dok, temuan = impor([sumber])
    r = dok.iku[0]
    assert (r["kode"], r["indikator"], r["target_2024"], r["target_2025"]) == ("A-1", "Persentase rumah\nlayak", 12.5, 13)
    assert temuan == []


def test_impor_rasio_dan_satuan_ukur(tmp_path):
    """Rasio guru : murid come in as N with Satuan 1:N; "2:3" and "1.500 km" are reported, never guessed."""
    sumber = tmp_path / "iku.csv"
    sumber.write_text(
        "Kode;IKU;Satuan;Polaritas;Target 2024;Target 2025\n"
        "A-1;Rasio guru terhadap murid;;negatif;1:32;1:17,9\n"
        "A-2;Rasio dokter terhadap penduduk;1:N;negatif;1 : 1.000;2:3\n"
        "A-3;Panjang jalan mantap;Km;positif;25,478 km;1.500 km\n",
        encoding="utf-8",
    )
    dok, temuan = impor([sumber])
    iku = {b["kode"]: b for b in dok.iku}
    assert (iku["A-1"]["satuan"], iku["A-1"]["target_2024"], iku["A-1"]["target_2025"]) == ("1:N", 32, 17.9)
    assert (iku["A-2"]["target_2024"], iku["A-2"]["target_2025"]) == (1000, None)
    assert "Target 2025 di sumber: 2:3" in iku["A-2"]["catatan"]
    assert (iku["A-3"]["target_2024"], iku["A-3"]["target_2025"]) == (25.478, None)
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
    csv = AKAR / "ikuxl" / "sumber_contoh" / "tanjabbar-2022.csv"
    salinan = tmp_path / "tanjabbar.csv"
    shutil.copy(csv, salinan)
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={libreoffice.resolve().as_uri()}",
            "--headless",
            "--infilter=CSV:59,34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "lo"),
            str(salinan),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    keluar = tmp_path / "hasil.xlsx"
    hasil = ikuxl(
        "import", str(tmp_path / "lo" / "tanjabbar.xlsx"), "-o", str(keluar), "--periode", "2022-2026", "--tahun", "2022"
    )
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
    r = dok.iku[0]
    assert (r["kode"], r["indikator"], r["target_2024"], r["target_2025"]) == ("A-1", "Persentase rumah layak", 12.5, 13)
    assert temuan == []


def _tabel_besar(path, n: int):
    judul = "Kode;Indikator Kinerja;Satuan;Polaritas;Target 2024;Target 2025\n"
    path.write_text(judul + "".join(f"K-{i};Persentase ke-{i};%;positif;{i % 90};{i % 95}\n" for i in range(n)), encoding="utf-8")
    return path


def test_ukuran_yang_didukung_diimpor_lalu_terbaca_dan_yang_lebih_ditolak(tmp_path):
    """What ikuxl writes at the supported size it reads back; one more indicator is refused before any work."""
    from ikuxl.impor import BATAS_INDIKATOR

    keluar = tmp_path / "besar.xlsx"
    r = ikuxl("import", str(_tabel_besar(tmp_path / "besar.csv", BATAS_INDIKATOR)), "-o", str(keluar))
    assert r.returncode == 0 and f"{BATAS_INDIKATOR} indikator diimpor" in r.stdout, r.stderr
    r = ikuxl("recalc", str(keluar), "--in-place")
    assert r.returncode == 0, r.stderr
    from ikuxl.workbook.baca import baca_dokumen

    assert len(baca_dokumen(keluar).iku) == BATAS_INDIKATOR

    lebih = _tabel_besar(tmp_path / "lebih.csv", BATAS_INDIKATOR + 1)
    r = ikuxl("import", str(lebih), "-o", str(tmp_path / "lebih.xlsx"))
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

    jauh = dengan(
        lembar.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'), "jauh.xlsx"
    )
    with pytest.raises(ImporError, match="jauh.xlsx, lembar Tabel IKU 2023, sel XFD1048576"):
        impor([jauh])
    palsu = dengan(re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', lembar), "palsu.xlsx")
    assert b"XFD1048576" in palsu.read_bytes()
    assert impor([palsu])[0].iku == impor([sumber])[0].iku


# --- Tables as agencies publish them: Perjanjian Kinerja, Renstra, e-SAKIP exports ---------------------------------


def _pk_csv(path):
    """A Perjanjian Kinerja table as an agency types it: the year only in the title, indicators under
    "Indikator Sasaran Strategis", quarterly targets and realisasi, a yearly realisasi and the published capaian."""
    baris = [
        "PERJANJIAN KINERJA TAHUN 2024;;;;;;;;;;;;;;;;;;",
        "DINAS PERUMAHAN DAN KAWASAN PERMUKIMAN;;;;;;;;;;;;;;;;;;",
        ";;;;;;;;;;;;;;;;;;",
        "No;Sasaran Strategis;Indikator Sasaran Strategis;Jenis Indikator;Definisi Operasional;Formulasi;Satuan;"
        "Polarisasi;Target;Target TW I;Target TW II;Target TW III;Target TW IV;Realisasi TW I;Realisasi TW II;"
        "Realisasi TW III;Realisasi TW IV;Realisasi;Capaian",
        "1;Meningkatnya hunian layak;Persentase rumah layak huni;Outcome;Rumah yang memenuhi syarat;"
        "[Rumah layak] / [Total rumah] × 100;%;Indikator Positif;65;20;35;50;65;21;36;49;66;66;101,54%",
        "2;;Luas kawasan kumuh;Outcome;Kawasan kumuh yang belum ditangani;[Luas kumuh];Ha;Semakin rendah semakin baik;"
        "9,5;;;;;;;;;9,2;103,16%",
        "3;Tertibnya bangunan;Jumlah PBG yang terbit;Output;;[PBG];Dokumen;Maximize;120;30;60;90;120;;;;;;",
    ]
    path.write_text("\n".join(baris) + "\n", encoding="utf-8")
    return path


def test_impor_perjanjian_kinerja_csv(tmp_path):
    dok, temuan = impor([_pk_csv(tmp_path / "pk-2024.csv")])
    iku = {b["kode"]: b for b in dok.iku}
    assert dok.kolom("indikator") == ["Persentase rumah layak huni", "Luas kawasan kumuh", "Jumlah PBG yang terbit"]
    assert dok.kolom("sasaran") == ["Meningkatnya hunian layak"] * 2 + ["Tertibnya bangunan"]
    assert dok.tahun_periode == range(2024, 2025) and dok.tahun == 2024  # "Target" is the year of the title
    assert dok.kolom("target_2024") == [65, 9.5, 120]
    assert dok.kolom("polaritas") == ["positif", "negatif", "positif"]
    assert iku["IKU-01"]["cara_perhitungan"] == "[Rumah layak] / [Total rumah] × 100"
    r = iku["IKU-01"]
    assert [r[f"target_tw{q}"] for q in range(1, 5)] == [20, 35, 50, 65]
    assert [r[f"realisasi_tw{q}"] for q in range(1, 5)] == [21, 36, 49, 66]
    assert r["catatan"].split("; ") == [
        "tingkat: Indikator Sasaran Strategis",  # the level of the indicator is kept
        "Jenis Indikator: Outcome",
        "Definisi Operasional: Rumah yang memenuhi syarat",
    ]
    assert dok.kolom("realisasi_2024") == [66, 9.2, None]  # the yearly Realisasi: the title's year
    assert r["capaian_publikasi"] == 101.54  # the published capaian, checked by Validasi against ikuxl's
    pesan = [str(t) for t in temuan]
    assert not any("Capaian" in p for p in pesan), pesan  # the published capaian is placed, in percent
    assert not any("Realisasi" in p for p in pesan), pesan
    assert not any("tidak dikenali" in p for p in pesan), pesan


def test_angka_xlsx_di_catatan_berkoma_desimal(tmp_path):
    """A number cell of an .xlsx column kept in Catatan is written as Indonesians write it (9,2), not as Python
    prints a float (9.2), and without a thousands dot that would make it ambiguous."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Indikator", "Satuan", "Polaritas", "Target 2024", "Realisasi"])
    wb.active.append(["Luas kawasan kumuh", "Ha", "Min", 9.5, 9.2])
    wb.active.append(["Panjang jalan mantap", "m", "Max", 1500000, 1234567.5])
    wb.active.append(["Jumlah PBG yang terbit", "Dokumen", "Max", 120, 118])
    wb.save(tmp_path / "pk.xlsx")
    dok, _ = impor([tmp_path / "pk.xlsx"])
    assert dok.kolom("catatan") == ["Realisasi: 9,2", "Realisasi: 1234567,5", "Realisasi: 118"]


def test_impor_target_tanpa_tahun_memakai_tahun_impor(tmp_path):
    sumber = tmp_path / "pk.csv"
    sumber.write_text(
        "Sasaran;Indikator Sasaran;Satuan;Polarisasi;Target\nS;Persentase A;%;Max;80\nS;Jumlah B;kasus;Min;4\n", encoding="utf-8"
    )
    dok, _ = impor([sumber], tahun=2025, periode=(2025, 2029))
    assert dok.kolom("target_2025") == [80, 4] and dok.kolom("polaritas") == ["positif", "negatif"]
    with pytest.raises(ImporError, match="pk.csv.*Target.*tahun.*--tahun"):
        impor([sumber])


def _renstra_xlsx(path):
    """A Renstra table written with openpyxl: a merged "Target Capaian per Tahun" over the years."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Renstra revisi 2026"
    ws.append(["Tujuan, Indikator Tujuan dan Target Kinerja Tujuan"])
    ws.append([])
    ws.append(
        [
            "No",
            "Tujuan",
            "Indikator Tujuan",
            "Kondisi Awal",
            "Target Capaian per Tahun",
            None,
            None,
            "Kondisi Akhir",
            "Cara Pengukuran",
            "Polaritas",
        ]
    )
    ws.append([None, None, None, None, 2025, 2026, 2027])
    for c in ("A", "B", "C", "D", "H", "I", "J"):
        ws.merge_cells(f"{c}3:{c}4")
    ws.merge_cells("E3:G3")
    ws.append([1, "Meningkatkan kualitas permukiman", "Indeks kepuasan layanan", 70, 72, 74, 76, 76, "Survei IKM", "Naik"])
    ws.append([2, None, "Persentase kawasan kumuh", "12%", "10%", "8%", "6%", "6%", "[Kumuh]/[Total]×100", "(−)"])
    ws.append([3, None, "Angka backlog rumah", 5000, 4800, 4600, 4400, 4400, "[Backlog]", "Minimize"])
    wb.save(path)
    return path


def test_impor_renstra_xlsx_target_per_tahun_bergabung(tmp_path):
    dok, temuan = impor([_renstra_xlsx(tmp_path / "renstra.xlsx")])
    assert dok.kolom("indikator") == ["Indeks kepuasan layanan", "Persentase kawasan kumuh", "Angka backlog rumah"]
    assert dok.tahun_periode == range(2025, 2028) and dok.tahun == 2025  # the year in the sheet name is no reporting year
    assert dok.kolom("target_2026") == [74, 8, 4600] and dok.kolom("kondisi_awal") == [70, 12, 5000]
    assert dok.kolom("polaritas") == ["positif", "negatif", "negatif"]
    assert dok.kolom("tujuan") == ["Meningkatkan kualitas permukiman"] * 3
    assert dok.kolom("cara_perhitungan") == ["Survei IKM", "[Kumuh]/[Total]×100", "[Backlog]"]
    assert dok.kolom("catatan") == ["tingkat: Indikator Tujuan"] * 3
    assert temuan == []  # Kondisi Akhir: the last year's target, which is the same


@pytest.mark.parametrize(
    "teks, baku",
    [
        ("Indikator Positif", "positif"),
        ("indikator negatif", "negatif"),
        ("Maximize", "positif"),
        ("Minimize", "negatif"),
        ("Max", "positif"),
        ("MIN", "negatif"),
        ("(+)", "positif"),
        ("(−)", "negatif"),
        ("( - )", "negatif"),
        ("Naik", "positif"),
        ("Turun", "negatif"),
        ("Semakin tinggi semakin baik", "positif"),
        ("semakin rendah semakin baik", "negatif"),
        ("positif", "positif"),
        ("Stabil", "Stabil"),
    ],
)
def test_polarisasi_sumber_dibakukan(tmp_path, teks, baku):
    sumber = tmp_path / "p.csv"
    sumber.write_text(f"Indikator Sasaran;Polarisasi;Target 2025\nA;{teks};1\n", encoding="utf-8")
    assert impor([sumber])[0].iku[0]["polaritas"] == baku  # an unknown word stays for Validasi to name


def test_triwulan_tahun_lain_tidak_diisikan_sebagai_tahun_pelaporan(tmp_path):
    """A PK 2024 imported into a workbook reporting 2025: 2024's quarters are kept in Catatan, not typed in as 2025's."""
    dok, temuan = impor([_pk_csv(tmp_path / "pk-2024.csv")], periode=(2024, 2028), tahun=2025)
    r = dok.iku[0]
    assert r["target_2024"] == 65 and all(r[f"target_tw{q}"] is None and r[f"realisasi_tw{q}"] is None for q in range(1, 5))
    assert "Target TW I 2024: 20" in r["catatan"] and "Realisasi TW IV 2024: 66" in r["catatan"]
    assert any(str(t).startswith("pk-2024.csv, J5:Q5: target/realisasi triwulan tahun 2024") for t in temuan)


# An e-SAKIP export: an HTML page saved as .xls, a layout table first, th/td left unclosed as hand-written pages do,
# a two-row header of rowspan/colspan, a merged Sasaran, line breaks and &nbsp; in cells, a signature table after.
HTML_ESAKIP = """<html xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<style>td {{ mso-number-format:"\\@"; }} /* 2019 */</style></head>
<body>
<table><tr><td>[logo]</td><td>PEMERINTAH KABUPATEN CONTOH</td></tr></table>
<h3>PERJANJIAN KINERJA TAHUN 2025 {judul}</h3>
<table border="1">
<tr><th rowspan="2">No<th rowspan="2">Sasaran Strategis<th rowspan="2">Indikator Sasaran<th rowspan="2">Satuan
    <th rowspan="2">Polarisasi<th rowspan="2">Target<th colspan="4">Target Triwulan<th colspan="4">Realisasi
    <th rowspan="2">Capaian<th rowspan="2">Paraf
<tr><th>I<th>II<th>III<th>IV<th>TW I<th>TW II<th>TW III<th>TW IV
<tr><td>1</td><td rowspan="2">Meningkatnya kualitas<br>permukiman</td><td>Persentase&nbsp;rumah layak huni</td><td>%</td>
    <td>Maximize</td><td>65,5</td><td>20</td><td>35</td><td>50</td><td>65,5</td><td>21</td><td>36</td><td></td><td></td>
    <td>104%</td><td>ok</td></tr>
<tr><td>2<td>Luas kawasan kumuh {kata}<td>Ha<td>(&minus;)<td>9,5<td>12<td>11<td>10<td>9,5<td>11,8<td><td><td><td><td>
</table>
<table><tr><td>Kepala Dinas</td><td>Bupati</td></tr></table>
</body></html>
"""


def _html_xls(path, judul="", kata="", encoding="utf-8"):
    path.write_bytes(HTML_ESAKIP.format(judul=judul, kata=kata).encode(encoding))
    return path


def test_impor_ekspor_esakip_html_bernama_xls(tmp_path):
    dok, temuan = impor([_html_xls(tmp_path / "pk-esakip.xls", kata="– perkotaan", encoding="cp1252")])
    iku = dok.iku
    assert dok.kolom("indikator") == ["Persentase rumah layak huni", "Luas kawasan kumuh – perkotaan"]
    assert dok.kolom("sasaran") == ["Meningkatnya kualitas\npermukiman"] * 2  # rowspan filled down, the <br> kept
    assert dok.tahun_periode == range(2025, 2026) and dok.kolom("target_2025") == [65.5, 9.5]
    assert dok.kolom("polaritas") == ["positif", "negatif"]
    assert [iku[1][f"target_tw{q}"] for q in range(1, 5)] == [12, 11, 10, 9.5]
    assert [iku[0][f"realisasi_tw{q}"] for q in range(1, 5)] == [21, 36, None, None]
    assert iku[1]["realisasi_tw1"] == 11.8
    assert iku[0]["capaian_publikasi"] == 104 and "Paraf: ok" in iku[0]["catatan"]
    pesan = [str(t) for t in temuan]
    assert 'pk-esakip.xls, tabel 2, P3: kolom "Paraf" tidak dikenali; isinya disimpan di Catatan' in pesan, pesan
    assert not any("Capaian" in p for p in pesan), pesan  # the published capaian is placed


def test_impor_ekspor_html_lewat_perintah(tmp_path):
    """ikuxl import on the export writes a workbook whose IKU sheet carries the quarterly inputs."""
    keluar = tmp_path / "iku.xlsx"
    r = ikuxl("import", str(_html_xls(tmp_path / "pk.xls")), "-o", str(keluar))
    assert r.returncode == 0 and "2 indikator diimpor" in r.stdout, r.stderr
    iku = per_kode(keluar, "IKU")
    assert iku["IKU-01"]["Target TW I"] == 20 and iku["IKU-01"]["Realisasi TW II"] == 36
    assert iku["IKU-02"]["Polaritas"] == "negatif" and iku["IKU-02"]["Target 2025"] == 9.5


@pytest.mark.parametrize(
    "isi, pesan",
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Excel 97–2003"),
        (
            b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
            "XML Spreadsheet 2003",
        ),
    ],
    ids=["excel-97", "xml-2003"],
)
def test_xls_yang_bukan_html_ditolak_dengan_saran(tmp_path, isi, pesan):
    sumber = tmp_path / "lama.xls"
    sumber.write_bytes(isi)
    with pytest.raises(ImporError, match=f"lama.xls: .*{pesan}.*simpan sebagai Excel Workbook"):
        impor([sumber])


# --- Hostile sources: each is refused with a message naming the file and line, or read as it is meant --------------


def _pesan(r) -> str:
    """What the command printed, its line wrapping undone."""
    return " ".join((r.stdout + r.stderr).split())


@pytest.mark.parametrize("charset", ["utf-16", "cp500", "punycode", "tidak-ada"])
def test_charset_yang_dinyatakan_tetapi_tidak_cocok_diabaikan(tmp_path, charset):
    halaman = HTML_ESAKIP.format(judul="", kata="").replace("windows-1252", charset).encode("utf-8")
    sumber = tmp_path / "pk.xls"
    sumber.write_bytes(halaman + b" " * (len(halaman) % 2))  # of even length, UTF-16 reads it as other letters
    r = ikuxl("import", sumber, "-o", tmp_path / "iku.xlsx")
    assert r.returncode == 0 and "2 indikator diimpor" in r.stdout, _pesan(r)
    assert f'pk.xls: charset "{charset}" yang dinyatakan halaman tidak sesuai isinya; diabaikan' in _pesan(r), _pesan(r)


def test_csv_dengan_sel_melampaui_batas_modul_csv(tmp_path):
    sumber = tmp_path / "panjang.csv"
    sumber.write_text("Kode;Indikator Kinerja;Target 2024\nA-1;" + "x" * 140_000 + ";1\nA-2;B;2\n", encoding="utf-8")
    r = ikuxl("import", sumber, "-o", tmp_path / "iku.xlsx")
    assert r.returncode == 2, _pesan(r)
    assert "panjang.csv, baris 2: sel lebih dari 131.072 karakter" in _pesan(r), _pesan(r)


def test_csv_tanda_petik_tanpa_pasangan_yang_menelan_baris_ditolak(tmp_path):
    sumber = tmp_path / "petik.csv"
    sumber.write_text(
        "Kode;Indikator Kinerja;Satuan;Target 2024\n"
        'A-1;"Persentase rumah layak;%;10\n' + "".join(f"A-{i};Indikator {i};%;{i}0\n" for i in range(2, 7)),
        encoding="utf-8",
    )
    r = ikuxl("import", sumber, "-o", tmp_path / "iku.xlsx")
    assert r.returncode == 2, _pesan(r)
    assert 'petik.csv, baris 2, kolom B: sel yang diawali tanda petik (") menelan baris 3–7' in _pesan(r), _pesan(r)
    assert not (tmp_path / "iku.xlsx").exists()


def test_tsv_dengan_tab_di_dalam_sel_berpetik(tmp_path):
    """Excel's "Unicode Text" quotes a cell holding a tab; csv.Sniffer loses the separator on it (CRLF lines)."""
    teks = (
        "Kode\tIndikator Kinerja\tSatuan\tTarget 2024\tCara Perhitungan\r\n"
        'A-1\tPersentase rumah layak\t%\t12,5\t"[Layak]\t/ [Total] × 100"\r\n'
        "A-2\tJumlah RTLH\tUnit\t150\t[RTLH]\r\n"
    )
    sumber = tmp_path / "iku.txt"
    sumber.write_bytes(teks.encode("utf-16"))
    keluar = tmp_path / "iku.xlsx"
    r = ikuxl("import", sumber, "-o", keluar)
    assert r.returncode == 0 and "2 indikator diimpor" in r.stdout, _pesan(r)
    iku = per_kode(keluar, "IKU")
    assert iku["A-1"]["Target 2024"] == 12.5 and iku["A-2"]["Target 2024"] == 150


@pytest.mark.parametrize(
    "baris, alasan",
    [
        # 1,000 cells of colspan 1,000, one of them spanning 9,000 rows down: 9 × 10^9 cells in 54 KB
        ("<tr>" + "<td colspan=1000>" * 999 + "<td rowspan=9000>x" + "<tr>" * 8999, r"\(baris 1: 999\.001 kolom\)"),
        # as wide as Excel allows, with a cell at its far right spanning 700 rows: every row below is padded
        (
            "<tr><th>Indikator Kinerja<th>Satuan" + "<td colspan=1000>" * 16 + "<td rowspan=700>x" + "<tr>" * 700,
            r"\(lebih dari 10\.000\.000 sel sampai baris 625",
        ),
    ],
    ids=["sangat-lebar", "rowspan-di-kanan"],
)
def test_tabel_html_yang_rentangnya_meledak_ditolak_sebelum_dibangun(tmp_path, baris, alasan):
    sumber = tmp_path / "bentang.xls"
    sumber.write_text(f"<html><body><table>{baris}</table></body></html>", encoding="utf-8")
    r = ikuxl("import", sumber, "-o", tmp_path / "iku.xlsx")
    assert r.returncode == 2, _pesan(r)
    assert re.search(rf"bentang.xls, tabel 1: tabel HTML terlalu besar {alasan}", _pesan(r)), _pesan(r)
    assert not (tmp_path / "iku.xlsx").exists()


def test_rentang_html_dengan_ribuan_angka_dibaca_sebagai_batasnya(tmp_path):
    """colspan="999…9" (5,000 digits) once gave Python's English int() error; it is the largest span HTML allows."""
    halaman = HTML_ESAKIP.format(judul="", kata="").replace(
        '<th rowspan="2">Paraf', f'<th rowspan="2" colspan="{"9" * 5000}">Paraf'
    )
    sumber = tmp_path / "pk.xls"
    sumber.write_text(halaman, encoding="utf-8")
    r = ikuxl("import", sumber, "-o", tmp_path / "iku.xlsx")
    assert r.returncode == 0 and "2 indikator diimpor" in r.stdout, _pesan(r)


def test_banjir_tag_html_ditolak_sebelum_dibaca(tmp_path):
    """Tens of MiB of <td> or <tr> once ran for minutes and gigabytes; a page of more tags than a table of the
    supported size needs is refused before it is parsed (benchmarks/impor_html.py measures the rest)."""
    from ikuxl.impor import BATAS_TAG_HTML

    sumber = tmp_path / "banjir.xls"
    sumber.write_text("<html><table>" + "<td>" * BATAS_TAG_HTML, encoding="utf-8")
    r = ikuxl("import", sumber, "-o", tmp_path / "iku.xlsx")
    assert r.returncode == 2 and "banjir.xls: halaman web terlalu besar untuk diimpor" in _pesan(r), _pesan(r)
    assert format_angka(BATAS_TAG_HTML) in _pesan(r)


def test_banjir_baris_dan_komentar_html_terbuka_dijawab(tmp_path):
    """Within the tag limit: a flood of <tr> is refused by the row limit, and comments left open after the table
    (which html.parser's close() rescanned once each) are read as HTML5 reads them, to the end of the page."""
    from ikuxl.workbook.baca import BATAS_BARIS

    baris = tmp_path / "baris.xls"
    baris.write_text("<html><table><tr><th>Indikator<th>Satuan" + "<tr>" * BATAS_BARIS, encoding="utf-8")
    r = ikuxl("import", baris, "-o", tmp_path / "iku.xlsx")
    assert r.returncode == 2 and f"baris.xls, tabel 1: tabel HTML terlalu besar ({format_angka(BATAS_BARIS + 1)} baris" in _pesan(
        r
    )

    komentar = _html_xls(tmp_path / "komentar.xls")
    komentar.write_bytes(komentar.read_bytes() + b"<!--" * 20_000)
    r = ikuxl("import", komentar, "-o", tmp_path / "iku.xlsx")
    assert r.returncode == 0 and "2 indikator diimpor" in r.stdout, _pesan(r)


def test_halaman_dengan_ribuan_tabel_tanpa_iku_diringkas(tmp_path):
    sumber = tmp_path / "tabel.xls"
    sumber.write_text("<html><body>" + "<table><tr><td>a</td></tr></table>" * 20_000 + "</body></html>", encoding="utf-8")
    r = ikuxl("import", sumber, "-o", tmp_path / "iku.xlsx")
    assert r.returncode == 2, _pesan(r)
    assert len(r.stderr) < 1000 and "tabel 3: tidak ditemukan" in _pesan(r) and "dan 19.997 lainnya" in _pesan(r), _pesan(r)


def test_impor_tanda_catatan_kaki_dan_pengali(tmp_path):
    """A published table's "104,84*" and "Rp1,846 juta": numbers in their cells, what was written kept in Catatan."""
    sumber = tmp_path / "pk-2024.csv"
    sumber.write_text(
        "PERJANJIAN KINERJA TAHUN 2024\n"
        "Kode;Indikator Kinerja;Satuan;Polaritas;Target;Realisasi TW IV;Capaian\n"
        "A-1;Persentase rumah layak huni;%;positif;65*;66;101,54**\n"
        "A-2;Pendapatan retribusi;Rp;positif;Rp 2 miliar;Rp1,846 juta;0,09 a)\n"
        "A-3;Anggaran terserap;Juta Rupiah;positif;2,5 miliar;1.846,5;\n",
        encoding="utf-8",
    )
    dok, temuan = impor([sumber])
    iku = {b["kode"]: b for b in dok.iku}
    assert (iku["A-1"]["target_2024"], iku["A-1"]["capaian_publikasi"]) == (65, 101.54)
    assert 'Target 2024 di sumber: 65* (tanda catatan kaki "*")' in iku["A-1"]["catatan"]
    assert 'Capaian publikasi di sumber: 101,54** (tanda catatan kaki "**")' in iku["A-1"]["catatan"]
    assert (iku["A-2"]["target_2024"], iku["A-2"]["realisasi_tw4"], iku["A-2"]["capaian_publikasi"]) == (
        2_000_000_000,
        1_846_000,
        0.09,
    )
    assert 'Realisasi TW IV di sumber: Rp1,846 juta ("juta" dikalikan, dibaca 1.846.000)' in iku["A-2"]["catatan"]
    assert iku["A-3"]["target_2024"] == 2500  # in the indicator's own unit, Juta Rupiah
    assert [str(t) for t in temuan if "tidak diisikan" in str(t) or "berbeda" in str(t)] == []


def test_impor_angka_ambigu_diputuskan_oleh_angka_lain_di_barisnya(tmp_path):
    """Target "43.000" Ton beside a realisasi of 43773 Ton: 43 would be 1000 times off, so 43000, said in a note
    naming both cells; where the row's figures decide nothing, the number stays out and is reported."""
    sumber = tmp_path / "pk-2024.csv"
    sumber.write_text(
        "PERJANJIAN KINERJA TAHUN 2024\n"
        "Kode;Indikator Kinerja;Satuan;Polaritas;Target;Realisasi TW IV\n"
        "A-1;Produksi padi;Ton;positif;43.000;43773\n"
        "A-2;Panjang jalan mantap;Km;positif;1.500;1,6\n"
        "A-3;Luas kawasan kumuh;Ha;negatif;1.500;\n"
        "A-4;Produksi jagung;Ton;positif;1.500;40\n",  # 1500 is 37×, 1,5 is 27× off: neither absurd
        encoding="utf-8",
    )
    dok, temuan = impor([sumber])
    iku = {b["kode"]: b for b in dok.iku}
    assert [iku[k]["target_2024"] for k in ("A-1", "A-2", "A-3", "A-4")] == [43000, 1.5, None, None]
    pesan = {t.sel: t.pesan for t in temuan}
    assert pesan["E3"].startswith('Target 2024 "43.000" ambigu (43000 atau 43); dibaca 43000 karena Realisasi TW IV 43773 di F3')
    assert pesan["E3"].endswith("dalam satuan yang sama (43 akan berbeda 1.018 kali lipat)")
    assert "Target 2024 di sumber: 43.000 (ambigu (43000 atau 43); dibaca 43000" in iku["A-1"]["catatan"]
    assert "dibaca 1,5 karena Realisasi TW IV 1,6 di F4" in pesan["E4"]
    assert "tidak diisikan sebagai angka" in pesan["E5"] and "tidak diisikan sebagai angka" in pesan["E6"]


# --- Annual and multi-year tables: a PK's yearly Target/Realisasi/Capaian, a Renstra's realisasi per year ----------

# A PK table of one year: Target, Realisasi and the published Capaian, Polarisasi, no Sifat, the year in the title.
PK_TAHUNAN = [
    ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Polarisasi", "Target", "Realisasi", "Capaian (%)"],
    [1, "Meningkatnya hunian layak", "Persentase rumah layak huni", "%", "Maximize", 65, 68.25, 105],
    [2, None, "Luas kawasan kumuh", "Ha", "Minimize", 9.5, 9.2, 103.16],
    [3, "Tertibnya bangunan", "Jumlah PBG yang terbit", "Dokumen", "Maximize", 120, 96, 90],  # computed: 80
]
# A multi-year table: two header rows, Target and Realisasi over their years, the end-of-period target.
RENSTRA_JUDUL = ["No", "Indikator Sasaran", "Satuan", "Polaritas", "Target", None, None, None, None, "Realisasi", None]
RENSTRA_TAHUN = [None, None, None, None, 2022, 2023, 2024, 2025, 2026, 2022, 2023, "Target Akhir Renstra"]
RENSTRA_BARIS = [
    [1, "Indeks kepuasan masyarakat", "Indeks", "Positif", 80, 81, 82, 83, None, 79.5, 81.2, 85],  # 2026 from the end target
    [2, "Persentase jalan mantap", "%", "Positif", 60, 62, 64, 66, 68, 61, 63.4, 70],  # differs: kept in Catatan
]


def _pk_tahunan_xlsx(path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PK"
    ws.append(["PERJANJIAN KINERJA PERANGKAT DAERAH TAHUN 2024"])
    ws.append([])
    for b in PK_TAHUNAN:
        ws.append(b)
    wb.save(path)
    return path


def _renstra_tahunan_xlsx(path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Evaluasi Renstra"
    ws.append(["EVALUASI RENSTRA 2022-2026"])
    ws.append([])
    ws.append(RENSTRA_JUDUL + ["Target Akhir Renstra"])
    ws.append(RENSTRA_TAHUN)
    for c in ("A", "B", "C", "D", "L"):
        ws.merge_cells(f"{c}3:{c}4")
    ws.merge_cells("E3:I3")
    ws.merge_cells("J3:K3")
    for b in RENSTRA_BARIS:
        ws.append(b)
    wb.save(path)
    return path


def _html(baris: list[list[object]], judul: str, tinggi_kepala: int = 1) -> str:
    """A table as an e-SAKIP page saves it (decimal commas, th cells, a title above the table)."""

    def sel(v, tag):
        teks = "" if v is None else (format_angka(v, 2) if isinstance(v, float) else str(v))
        return f"<{tag}>{teks}</{tag}>"

    isi = "".join("<tr>" + "".join(sel(v, "th" if r < tinggi_kepala else "td") for v in b) + "</tr>" for r, b in enumerate(baris))
    return f'<html><head><meta charset="utf-8"></head><body><h3>{judul}</h3><table border="1">{isi}</table></body></html>'


def _pk_tahunan_html(path):
    path.write_text(_html(PK_TAHUNAN, "PERJANJIAN KINERJA PERANGKAT DAERAH TAHUN 2024"), encoding="utf-8")
    return path


def _renstra_tahunan_html(path):
    # the two header rows written out (no colspan), as some exports do: "Target" over each year
    atas = ["No", "Indikator Sasaran", "Satuan", "Polaritas", *["Target"] * 5, *["Realisasi"] * 2, "Target Akhir Renstra"]
    bawah = [None] * 4 + [2022, 2023, 2024, 2025, 2026, 2022, 2023, None]
    path.write_text(_html([atas, bawah, *RENSTRA_BARIS], "EVALUASI RENSTRA 2022-2026", 2), encoding="utf-8")
    return path


@pytest.mark.parametrize("buat", [_pk_tahunan_xlsx, _pk_tahunan_html], ids=["xlsx", "html-xls"])
def test_tabel_pk_tahunan_realisasi_ke_tahunnya_lalu_capaian_publikasi_diuji(tmp_path, buat):
    """A PK table: its Realisasi goes into that year's realisasi (not Catatan), the year in the title becomes the
    reporting year; Validasi then asks no Sifat and checks every published capaian against the yearly realisasi."""
    from ikuxl.periksa import periksa

    dok, temuan = impor([buat(tmp_path / ("pk-2024.xlsx" if buat is _pk_tahunan_xlsx else "pk-2024.xls"))])
    assert dok.tahun == 2024 and 2024 in dok.tahun_periode
    assert dok.kolom("target_2024") == [65, 9.5, 120] and dok.kolom("realisasi_2024") == [68.25, 9.2, 96]
    assert dok.kolom("polaritas") == ["positif", "negatif", "positif"]
    assert dok.kolom("capaian_publikasi") == [105, 103.16, 90]
    assert not any("Realisasi" in (c or "") for c in dok.kolom("catatan")) and temuan == []
    hasil = periksa(dok)
    assert not [t for t in hasil if t.kode == "WAJIB_KOSONG" and "Sifat" in t.pesan]
    assert not [t for t in hasil if t.kode == "CAPAIAN_PUBLIKASI_TIDAK_DIUJI"]
    [beda] = [t for t in hasil if t.kode == "CAPAIAN_PUBLIKASI_BERBEDA"]
    assert beda.indikator == "IKU-03" and "80,00" in beda.pesan

    # into a given period: the title's year is still the reporting year
    dok, _ = impor([buat(tmp_path / ("pk.xlsx" if buat is _pk_tahunan_xlsx else "pk.xls"))], periode=(2022, 2026))
    assert dok.tahun_periode == range(2022, 2027) and dok.tahun == 2024
    assert dok.kolom("realisasi_2024") == [68.25, 9.2, 96] and dok.kolom("realisasi_2023") == [None] * 3


@pytest.mark.parametrize("buat", [_renstra_tahunan_xlsx, _renstra_tahunan_html], ids=["xlsx", "html-xls"])
def test_tabel_multi_tahun_realisasi_per_tahun_dan_target_akhir(tmp_path, buat):
    """Realisasi 2022, 2023 go to their years; the end-of-period target fills the last year's target where that is
    empty, and where it differs it is kept in Catatan and reported at its cell."""
    from ikuxl.periksa import periksa

    nama = "renstra.xlsx" if buat is _renstra_tahunan_xlsx else "renstra.xls"
    dok, temuan = impor([buat(tmp_path / nama)])
    assert dok.tahun_periode == range(2022, 2027) and dok.tahun == 2022
    assert dok.kolom("realisasi_2022") == [79.5, 61] and dok.kolom("realisasi_2023") == [81.2, 63.4]
    assert dok.kolom("target_2026") == [85, 68] and dok.kolom("target_2025") == [83, 66]
    assert "Target akhir periode: 70" in dok.kolom("catatan")[1] and "akhir" not in dok.kolom("catatan")[0]
    [t] = temuan
    assert t.sel == ("L6" if buat is _renstra_tahunan_xlsx else "L4")  # the html table holds no title row
    assert "target akhir periode 70 berbeda dengan Target 2026 68" in t.pesan
    assert not [t for t in periksa(dok) if t.kode == "WAJIB_KOSONG" and "Sifat" in t.pesan]


def test_tabel_pk_tahunan_lewat_perintah_ke_kolom_realisasi_tahunnya(tmp_path):
    """ikuxl import writes the PK's realisasi under "Realisasi 2024" on IKU, the reporting year 2024 on Referensi."""
    keluar = tmp_path / "iku.xlsx"
    r = ikuxl("import", str(_pk_tahunan_xlsx(tmp_path / "pk.xlsx")), "--periode", "2022-2026", "-o", str(keluar))
    assert r.returncode == 0 and "3 indikator diimpor" in r.stdout, r.stderr
    iku = per_kode(keluar, "IKU")
    assert [iku[k]["Realisasi 2024"] for k in ("IKU-01", "IKU-02", "IKU-03")] == [68.25, 9.2, 96]
    from ikuxl.workbook.baca import baca_dokumen

    assert baca_dokumen(keluar).tahun == 2024
