"""Rekap across agencies: rows per agency and indicator, averages, and the agencies that need follow-up."""

import openpyxl
import pytest

from ikuxl.aksi import recalc
from ikuxl.contoh import semua
from ikuxl.rakit import susun
from ikuxl.workbook.kerangka import tulis_plan

from .bantu import WORKBOOKS, per_kode, ikuxl


PUPR = "Pekerjaan Umum dan Penataan Ruang"
PERKIM = "Perumahan Rakyat dan Kawasan Permukiman"


def test_rekap_instansi_indikator_urusan_sasaran_dan_tindak_lanjut(tmp_path):
    kalsel = WORKBOOKS / "iku-kalsel-2020-contoh-realisasi.xlsx"
    tanjab = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
    pupr = tmp_path / "dinas-pupr.xlsx"  # another agency, another urusan
    dok = semua()[tanjab.name]
    dok.pengaturan.update(instansi="Dinas PUPR", urusan=PUPR)
    tulis_plan(susun(dok), pupr)
    rusak = tmp_path / "dinas-rusak.xlsx"
    rusak.write_bytes(b"PK\x03\x04 putus")
    keluar = tmp_path / "rekap.xlsx"
    r = ikuxl("rekap", str(kalsel), str(tanjab), str(pupr), str(rusak), "-o", str(keluar), "--jobs", "2")
    assert r.returncode == 0, r.stderr
    assert "Rekap 3 instansi" in r.stdout and "dinas-rusak.xlsx: bukan berkas Excel" in r.stderr
    assert tanjab.read_bytes() == (WORKBOOKS / tanjab.name).read_bytes()  # sources untouched

    acuan = tmp_path / "acuan.xlsx"
    acuan.write_bytes(tanjab.read_bytes())
    hasil = recalc(acuan)
    real = per_kode(acuan, "Realisasi")
    wb = openpyxl.load_workbook(keluar)
    instansi = {b[0]: b for b in wb["Rekap Instansi"].iter_rows(min_row=5, values_only=True)}
    baris = instansi["Dinas Perumahan dan Kawasan Permukiman Kabupaten Tanjung Jabung Barat"]
    assert baris[1] == PERKIM and baris[3:6] == (5, 5, pytest.approx(hasil.capaian_rata)) and baris[10] == "lengkap"
    assert instansi["Dinas Perumahan Rakyat dan Kawasan Permukiman Provinsi Kalimantan Selatan"][10] == "ada galat"
    assert instansi["Dinas PUPR Kabupaten Tanjung Jabung Barat"][1] == PUPR
    rinci = [b for b in wb["Rekap Indikator"].iter_rows(min_row=5, values_only=True) if "Tanjung" in b[0]]
    # value cells written by openpyxl keep 15-16 significant digits
    assert {b[1]: b[7] for b in rinci} == pytest.approx({k: v["Capaian (%)"] for k, v in real.items()}, rel=1e-12)
    tindak = [b for b in wb["Perlu Tindak Lanjut"].iter_rows(min_row=5, values_only=True)]
    assert {b[1] for b in tindak} == {"dinas-rusak.xlsx", kalsel.name}
    sasaran = {b[0]: b for b in wb["Rekap Sasaran"].iter_rows(min_row=5, values_only=True)}
    layak = [v["Capaian (%)"] for v in real.values() if v["Sasaran"] == "Penyediaan Perumahan Layak Huni"]
    assert sasaran["Penyediaan Perumahan Layak Huni"][1:3] == (2, 2 * len(layak))  # Tanjab Barat and its PUPR copy
    assert sasaran["Penyediaan Perumahan Layak Huni"][4] == pytest.approx(sum(layak) / len(layak))

    # per urusan: every indicator of the agencies carrying it out, from their own recalculated sheets
    kalsel_real = tmp_path / "kalsel.xlsx"
    kalsel_real.write_bytes(kalsel.read_bytes())
    recalc(kalsel_real)
    perkim = [v["Capaian (%)"] for f in (kalsel_real, acuan) for v in per_kode(f, "Realisasi").values()]
    angka = [c for c in perkim if isinstance(c, (int, float))]
    urusan = {b[0]: b for b in wb["Rekap Urusan"].iter_rows(min_row=5, values_only=True)}
    assert set(urusan) == {PERKIM, PUPR}
    assert urusan[PERKIM][1:4] == (2, len(perkim), len(angka))
    assert urusan[PERKIM][4] == pytest.approx(sum(angka) / len(angka))
    assert urusan[PUPR][4] == pytest.approx(hasil.capaian_rata)


def test_rekap_memperingatkan_tahun_campur_dan_instansi_ganda_lalu_gagal_bila_tak_ada_yang_terbaca(tmp_path):
    """A rekap of workbooks of different years, or of one agency twice, says so (and shows the year per agency);
    with nothing readable it writes nothing and exits non-zero."""
    kalsel = WORKBOOKS / "iku-kalsel-2020-contoh-realisasi.xlsx"
    tanjab = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
    salinan = tmp_path / "tanjab-salinan.xlsx"
    salinan.write_bytes(tanjab.read_bytes())
    keluar = tmp_path / "rekap.xlsx"
    r = ikuxl("rekap", kalsel, tanjab, salinan, "-o", keluar)
    assert r.returncode == 0, r.stderr
    assert "tahun pelaporan berbeda: 2020: iku-kalsel-2020-contoh-realisasi.xlsx; 2022:" in r.stderr
    assert "ada di 2 berkas (iku-tanjabbar-2022-contoh-realisasi.xlsx, tanjab-salinan.xlsx)" in r.stderr
    ws = openpyxl.load_workbook(keluar)["Rekap Instansi"]
    kepala = [c.value for c in ws[4]]
    assert {b[0]: b[kepala.index("Tahun")] for b in ws.iter_rows(min_row=5, max_row=7, values_only=True)} == {
        "Dinas Perumahan Rakyat dan Kawasan Permukiman Provinsi Kalimantan Selatan": 2020,
        "Dinas Perumahan dan Kawasan Permukiman Kabupaten Tanjung Jabung Barat": 2022,
    }
    rusak = tmp_path / "rusak.xlsx"
    rusak.write_bytes(b"PK\x03\x04 putus")
    r = ikuxl("rekap", rusak, "-o", tmp_path / "kosong.xlsx")
    assert r.returncode != 0 and "tidak ada berkas yang terbaca" in r.stdout + r.stderr
    assert not (tmp_path / "kosong.xlsx").exists()
