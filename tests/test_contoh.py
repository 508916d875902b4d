"""The template and the two seed example workbooks: content cell by cell, and in sync with their source."""

import openpyxl
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from ikuxl import kategori
from ikuxl.contoh import buat_contoh
from ikuxl.skema import IKU, KOMPONEN, LEMBAR, REALISASI, REFERENSI
from ikuxl.skema import BARIS_CADANGAN, BARIS_DATA, BARIS_TABEL

from .bantu import WORKBOOKS, per_kode, tabel

TANJABBAR = WORKBOOKS / "iku-tanjabbar-2022.xlsx"
KALSEL = WORKBOOKS / "iku-kalsel-2020.xlsx"
CONTOH = sorted(WORKBOOKS.glob("*.xlsx"))


def test_berkas_di_repo_sama_dengan_hasil_perintah_contoh(tmp_path):
    dibuat = buat_contoh(tmp_path)
    assert sorted(p.name for p in dibuat) == [p.name for p in CONTOH]
    for p in dibuat:
        assert p.read_bytes() == (WORKBOOKS / p.name).read_bytes(), f"{p.name} berbeda: jalankan `ikuxl contoh workbooks --timpa`"


@pytest.mark.parametrize("path", CONTOH, ids=lambda p: p.name)
def test_setiap_workbook_punya_semua_lembar(path):
    assert openpyxl.load_workbook(path, read_only=True).sheetnames == list(LEMBAR)


def test_tanjabbar_nilai_seed_sel_demi_sel():
    iku = per_kode(TANJABBAR, IKU)
    assert len(iku) == 5
    i2 = iku["TJB-02"]
    assert (i2["Kondisi Awal"], i2["Satuan"]) == (49, "Unit")
    assert [i2[f"Target {t}"] for t in range(2022, 2027)] == [150] * 5
    i4 = iku["TJB-04"]
    assert (i4["Kondisi Awal"], i4["Satuan"]) == (9.85, "%")
    assert [i4[f"Target {t}"] for t in range(2022, 2027)] == [10] * 5
    assert "9,85 Ha" in i4["Catatan Sumber"] and "berbeda" in i4["Catatan Sumber"]
    i1 = iku["TJB-01"]
    assert i1["Kondisi Awal"] is None and "Kondisi Awal di sumber: -" in i1["Catatan Sumber"]
    assert i1["Target 2022"] == 20 and all(i1[f"Target {t}"] is None for t in range(2023, 2027))
    assert iku["TJB-03"]["Kondisi Awal"] == 2 and iku["TJB-03"]["Satuan"] == "Perumahan"
    assert iku["TJB-05"]["Kondisi Awal"] == 2 and iku["TJB-05"]["Satuan"] == "Dokumen"
    assert iku["TJB-03"]["Tujuan"].startswith("Terperuhnya")  # the source's own spelling, kept
    assert iku["TJB-04"]["Penanggung Jawab (Bidang)"] == "Bidang Perumahan dan Permukiman"
    assert "X 100%" in iku["TJB-02"]["Cara Perhitungan (teks asli)"]
    # numbers are numbers: a reader that does no parsing sees them
    df = pd.read_excel(TANJABBAR, sheet_name=IKU, header=3, engine="calamine")
    assert df.loc[df["Kode"] == "TJB-02", "Target 2024"].item() == 150


def test_kalsel_setiap_jabatan_sebelum_dan_sesudah_desk():
    iku = per_kode(KALSEL, IKU)
    assert len(iku) == 33
    jabatan = {r["Jabatan"] for r in iku.values()}
    assert len(jabatan) == 13
    # the cascade: every atasan is a jabatan of the same document
    assert all(r["Atasan (Jabatan)"] in jabatan for r in iku.values() if r["Atasan (Jabatan)"])
    assert {r["Atasan (Jabatan)"] for r in iku.values() if r["Jabatan"].startswith("Kepala Seksi Penyediaan Rumah")} == {
        "Kepala Bidang Perumahan"
    }
    kd = iku["KD-01"]
    assert kd["Indikator (Sebelum Reviu)"] == "Persentase Luasan Kawasan Permukiman dan Perumahan dalam Kondisi Baik"
    assert kd["Indikator Kinerja Utama"] == "Persentase Luasan Kawasan Permukiman dalam Kondisi Baik"
    assert kd["Rumus"].startswith("(%) = [Luas kawasan permukiman dalam kondisi baik]")
    assert "yangghg" in iku["BK-01"]["Cara Perhitungan (teks asli)"]
    status = [r["Status Reviu"] for r in iku.values()]
    assert status.count("Dihapus") == 2 and status.count("Baru") == 4


def test_realisasi_dan_komponen_mengikuti_indikator_aktif():
    real = per_kode(KALSEL, REALISASI)
    assert len(real) == 31 and "PTP-03" not in real  # removed in the desk review
    # each Realisasi row shows the IKU row of the same number: blank for one removed, and on the rows
    # prepared below the matrix for indicators typed later
    iku, cermin = (openpyxl.load_workbook(KALSEL, data_only=True)[n] for n in (IKU, REALISASI))
    status = [c.value for c in iku[4]].index("Status Reviu") + 1
    akhir = max(r for r in range(5, iku.max_row + 1) if iku.cell(r, 1).value)
    assert cermin.max_row >= max(akhir + BARIS_CADANGAN, BARIS_DATA - 1 + BARIS_TABEL)
    assert [cermin.cell(r, 1).value or None for r in range(5, cermin.max_row + 1)] == [
        None if iku.cell(r, status).value == "Dihapus" else iku.cell(r, 1).value for r in range(5, cermin.max_row + 1)
    ]
    komponen = tabel(KALSEL, KOMPONEN)
    assert {(r["Kode"], r["Komponen"]) for r in komponen if r["Kode"] == "BP-04"} == {
        ("BP-04", "Keluarga"),
        ("BP-04", "Rumah"),
        ("BP-04", "Jumlah keluarga"),
    }


def test_contoh_realisasi_menghitung_capaian_yang_dibaca_pembaca_lain():
    path = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
    real = per_kode(path, REALISASI)
    assert real["TJB-02"]["Realisasi s.d. TW Terakhir"] == 145
    assert real["TJB-02"]["Capaian (%)"] == pytest.approx(145 / 150 * 100)
    assert real["TJB-02"]["Kategori"] == "Sangat Tinggi"
    assert real["TJB-03"]["Capaian TW I (%)"] == "tidak dapat dihitung: target 0"
    assert real["TJB-03"]["Kategori TW I"] == "Tidak dapat dihitung"
    assert real["TJB-02"]["Kategori TW II"] == kategori(real["TJB-02"]["Capaian TW II (%)"])
    assert real["TJB-05"]["Target s.d. TW Terakhir"] == 4  # no yearly target: the quarters' sum
    # the quarterly targets are typed on each indicator's IKU row, and Realisasi shows them
    iku = per_kode(path, IKU)
    assert list(real) == list(iku)
    tw = [f"Target TW {t}" for t in ("I", "II", "III", "IV")]
    assert all([real[k][j] for j in tw] == [iku[k][j] for j in tw] for k in iku)
    assert [iku["TJB-05"][j] for j in tw] == [1, 1, 1, 1]
    # calamine and pandas read the cached values ikuxl stored
    cal = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(REALISASI).to_python()
    kepala = cal[3]
    baris = next(r for r in cal if r[0] == "TJB-02")
    assert baris[kepala.index("Capaian (%)")] == pytest.approx(96.6666666667)
    assert "ILUSTRATIF" in openpyxl.load_workbook(path)[REALISASI]["A3"].value


def test_template_pengaturan_validasi_perlindungan_nama():
    wb = openpyxl.load_workbook(WORKBOOKS / "template-iku.xlsx")
    assert wb.defined_names["Pengaturan_Periode_Awal"].attr_text == "'Referensi'!$B$7"
    assert wb[REFERENSI]["B7"].value == 2025 and wb[REFERENSI]["B9"].value == 2026
    for nama in (
        "IKU_Data",
        "Realisasi_Data",
        "Komponen_Data",
        "Daftar_Satuan",
        "Daftar_Polaritas",
        "Skala_Kategori",
        "Batas_Capaian",
    ):
        assert nama in wb.defined_names
    iku = wb[IKU]
    daftar = {dv.formula1 for dv in iku.data_validations.dataValidation}  # stored without "=", as Excel stores it
    assert {"Daftar_Satuan", "Daftar_Polaritas", "Daftar_Sifat", "Daftar_Jabatan"} <= daftar
    angka = [dv for dv in iku.data_validations.dataValidation if dv.type == "decimal"]
    assert angka and all(dv.prompt for dv in angka)
    assert iku.freeze_panes == "C5" and iku.print_title_rows == "$4:$4"
    assert iku.page_setup.orientation == "landscape" and int(iku.page_setup.paperSize) == 9  # A4
    assert not iku.protection.sheet  # staff add rows here
    real = wb[REALISASI]
    assert real.protection.sheet and not real.protection.password
    assert [c.value for c in wb[IKU][4]][:3] == ["Kode", "Tujuan", "Sasaran"]
    # six target-year columns labelled by formulas from the period on Referensi (2025–2029)
    kepala = [c.value for c in openpyxl.load_workbook(WORKBOOKS / "template-iku.xlsx", data_only=True)[IKU][4]]
    awal = kepala.index("Target 2025")
    assert kepala[awal : awal + 14] == [  # then as many realisasi columns, the national standard and the quarters
        *[f"Target {t}" for t in range(2025, 2030)],
        "(di luar periode)",
        *[f"Realisasi {t}" for t in range(2025, 2030)],
        "(di luar periode)",
        "Standar Nasional",
        "Target TW I 2026",  # the quarters' year (Referensi), the template's reporting year
    ]
    assert all(str(c.value).startswith("=") and "Pengaturan_Periode_Awal" in c.value for c in iku[4][awal : awal + 6])
    # Realisasi: formulas on every row IKU prepares, for indicators typed later
    assert all(str(real.cell(r, 1).value).startswith("=") for r in range(5, iku.max_row + 1))


def test_referensi_label_sejajar_baris_pertama_nilainya():
    """On Referensi a label stands level with its value's first line: a long value wraps its row taller, and a label
    at the bottom of that row reads as the label of the row below (seen on the printed page)."""
    ws = openpyxl.load_workbook(WORKBOOKS / "template-iku.xlsx")[REFERENSI]
    baris = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).font.b and ws.cell(r, 2).alignment.wrap_text]
    assert len(baris) > 10
    assert [ws.cell(r, 1).alignment.vertical for r in baris] == [ws.cell(r, 2).alignment.vertical for r in baris]


def test_petunjuk_menyebut_nilai_logika_seperti_excel_berbahasa_indonesia():
    """Indonesian Excel shows a helper column's TRUE as BENAR: Petunjuk names it so, the English beside."""
    ws = openpyxl.load_workbook(WORKBOOKS / "template-iku.xlsx")["Petunjuk"]
    teks = [c.value for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
    logika = [t for t in teks if "TRUE" in t]
    assert len(logika) >= 5
    assert all(t.count("TRUE") == t.count("BENAR (TRUE)") for t in logika)
