"""Rekap across agencies: rows per agency and indicator, averages, and the agencies that need follow-up."""

import subprocess
import sys

import openpyxl
import pytest

from ikuxl.aksi import recalc

from .bantu import WORKBOOKS, per_kode


def test_rekap_instansi_indikator_sasaran_dan_tindak_lanjut(tmp_path):
    kalsel = WORKBOOKS / "iku-kalsel-2020-contoh-realisasi.xlsx"
    tanjab = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
    rusak = tmp_path / "dinas-rusak.xlsx"
    rusak.write_bytes(b"PK\x03\x04 putus")
    keluar = tmp_path / "rekap.xlsx"
    r = subprocess.run([sys.executable, "-m", "ikuxl", "rekap", str(kalsel), str(tanjab), str(rusak), "-o", str(keluar),
                        "--jobs", "2"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "Rekap 2 instansi" in r.stdout and "dinas-rusak.xlsx: bukan berkas Excel" in r.stderr
    assert tanjab.read_bytes() == (WORKBOOKS / tanjab.name).read_bytes()  # sources untouched

    acuan = tmp_path / "acuan.xlsx"
    acuan.write_bytes(tanjab.read_bytes())
    hasil = recalc(acuan)
    real = per_kode(acuan, "Realisasi")
    wb = openpyxl.load_workbook(keluar)
    instansi = {b[0]: b for b in wb["Rekap Instansi"].iter_rows(min_row=5, values_only=True)}
    baris = instansi["Dinas Perumahan dan Kawasan Permukiman Kabupaten Tanjung Jabung Barat"]
    assert baris[2:5] == (5, 5, pytest.approx(hasil.capaian_rata)) and baris[8] == "lengkap"
    assert instansi["Dinas Perumahan Rakyat dan Kawasan Permukiman Provinsi Kalimantan Selatan"][8] == "ada galat"
    rinci = [b for b in wb["Rekap Indikator"].iter_rows(min_row=5, values_only=True) if "Tanjung" in b[0]]
    # value cells written by openpyxl keep 15-16 significant digits
    assert {b[1]: b[7] for b in rinci} == pytest.approx({k: v["Capaian (%)"] for k, v in real.items()}, rel=1e-12)
    tindak = [b for b in wb["Perlu Tindak Lanjut"].iter_rows(min_row=5, values_only=True)]
    assert {b[1] for b in tindak} == {"dinas-rusak.xlsx", kalsel.name}
    sasaran = {b[0]: b for b in wb["Rekap Sasaran"].iter_rows(min_row=5, values_only=True)}
    layak = [v["Capaian (%)"] for v in real.values() if v["Sasaran"] == "Penyediaan Perumahan Layak Huni"]
    assert sasaran["Penyediaan Perumahan Layak Huni"][3] == pytest.approx(sum(layak) / len(layak))
