"""The desk-review table: from one workbook with Sebelum columns, and from two versions."""

from collections import Counter

import openpyxl
import pandas as pd
import pytest

from ikuxl.reviu import reviu
from ikuxl.workbook.baca import baca_dokumen

from .bantu import WORKBOOKS, ikuxl


def test_reviu_kalsel_dari_kolom_sebelum_sesudah():
    pasangan = reviu(baca_dokumen(WORKBOOKS / "iku-kalsel-2020.xlsx"))
    hitung = Counter(p.status for p in pasangan)
    assert hitung == {"Diubah": 23, "Baru": 4, "Tetap": 4, "Dihapus": 2}
    sekretaris = [p for p in pasangan if p.jabatan == "Sekretaris"]
    assert sekretaris[0].status == "Diubah" and sekretaris[0].perubahan == "Indikator"  # "Persentase Nilai SAKIP" → "Nilai SAKIP"
    assert [p.status for p in sekretaris[1:]] == ["Tetap"] * 4  # only capitals differ
    dihapus = {p.lama["indikator"] for p in pasangan if p.status == "Dihapus"}
    assert "Jumlah rekomendasi atas usulan dari Kab./Kota ke Pemerintah Pusat" in dihapus
    # the jabatan keep the document's order
    assert list(dict.fromkeys(p.jabatan for p in pasangan))[:3] == ["Kepala Dinas", "Sekretaris", "Kepala Bidang Perumahan"]


def test_reviu_dua_versi_lewat_cli(tmp_path):
    """NEW: one indicator reworded, one removed, one added, one unit changed."""
    lama = WORKBOOKS / "iku-tanjabbar-2022.xlsx"
    baru = tmp_path / "baru.xlsx"
    wb = openpyxl.load_workbook(lama)
    ws = wb["IKU"]
    kolom = {c.value: c.column for c in ws[4]}
    baris = {ws.cell(r, 1).value: r for r in range(5, 10)}
    ws.cell(baris["TJB-02"], kolom["Indikator Kinerja Utama"]).value = "Perbaikan Rumah Tidak Layak Huni bagi MBR"
    ws.cell(baris["TJB-03"], kolom["Satuan"]).value = "Unit"
    ws.delete_rows(baris["TJB-05"])
    ws.cell(baris["TJB-05"], 1).value = "TJB-06"
    ws.cell(baris["TJB-05"], kolom["Jabatan"]).value = "Kepala Dinas"
    ws.cell(baris["TJB-05"], kolom["Indikator Kinerja Utama"]).value = "Persentase jalan lingkungan mantap"
    wb.save(baru)
    keluar = tmp_path / "reviu.xlsx"
    hasil = ikuxl("reviu", str(lama), str(baru), "-o", str(keluar))
    assert hasil.returncode == 0, hasil.stderr
    assert "Baru 1, Dihapus 1, Diubah 2, Tetap 2" in hasil.stdout
    tabel = pd.read_excel(keluar, header=3, engine="calamine")
    status = dict(
        zip(tabel["Sesudah: Indikator Kinerja Utama"].fillna(tabel["Sebelum: Indikator Kinerja Utama"]), tabel["Status"])
    )
    assert status["Perbaikan Rumah Tidak Layak Huni bagi MBR"] == "Diubah"
    assert status["Persentase jalan lingkungan mantap"] == "Baru"
    assert status["Jumlah registrasi dan Sertifikasi yang diterbitkan sesuai Peraturan/Ketentuan"] == "Dihapus"
    ubah = tabel.set_index("Sesudah: Indikator Kinerja Utama")["Yang berubah"]
    assert ubah["Jumlah Perumahan yang terfasilitasi PSU"] == "Satuan"


@pytest.mark.libreoffice
def test_reviu_versi_lama_yang_disimpan_libreoffice(tmp_path, libreoffice):
    """OLD comes from LibreOffice (its own package layout), NEW from ikuxl: still paired per jabatan."""
    from ikuxl.libreoffice import hitung_ulang

    [lama] = hitung_ulang([WORKBOOKS / "iku-tanjabbar-2022.xlsx"], tmp_path / "lo", profil=libreoffice)
    baru = tmp_path / "baru.xlsx"
    wb = openpyxl.load_workbook(WORKBOOKS / "iku-tanjabbar-2022.xlsx")
    wb["IKU"]["G6"] = "Perbaikan Rumah Tidak Layak Huni bagi MBR"
    wb.save(baru)
    pasangan = reviu(baca_dokumen(lama), baca_dokumen(baru))
    assert Counter(p.status for p in pasangan) == {"Tetap": 4, "Diubah": 1}
    [ubah] = [p for p in pasangan if p.status == "Diubah"]
    assert ubah.lama["indikator"] == "Perbaiki Rumah Tidak Layak Huni Bagi MBR" and ubah.perubahan == "Indikator"
