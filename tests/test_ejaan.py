"""Validasi's spelling check against the Indonesian dictionary (hunspell-id read by spylls)."""

import pytest

from ikuxl import ejaan
from ikuxl.periksa import periksa

from .bantu import WORKBOOKS
from .test_periksa import _dok

# The typos of the two seed documents, each in a text of the kind it was found in.
SALAH_KETIK = [
    {"tujuan": "MENINGKATNYA KINERJJA PELAYANAN PERUMAHAN"},
    {"tujuan": "Terperuhnya Kebutuhan Infrastruktur Dasar di kawasan perumahan dan permukiman"},
    {
        "rumus": "(%) = ([Luas kawasan kumuh tahun n-1] − [Luas kawasan kumuh tahun n]) / [Luas kawasan kumuh yangghg ditangani] × 100"
    },
    {"kinerja_utama": "Meyediakan data kepegawaian, evaluasi dan pelaporan"},
    {"sasaran": "Peningkatan Pelayanan, Serifikasi, Kalifikasi, Klasifikasi dan Registrasi Jasa Konstruksi"},
]
# Correct texts as agencies write them: acronyms, abbreviations, place names, Title Case, -nya and ter- forms.
BENAR = [
    {
        "indikator": "Persentase Rumah Tidak Layak Huni (RTLH) yang Terfasilitasi PSU di Kab. Tanjung Jabung Barat",
        "rumus": "(%) = [Jumlah rumah layak] / [Jumlah RTLH di Prov. Kalsel] × 100",
    },
    {
        "kinerja_utama": "Meningkatnya akuntabilitas kinerja Dinas di Provinsi Kalimantan Selatan",
        "indikator": "Nilai SAKIP dan LKjIP Dinas (e-SAKIP)",
        "program": "Sosialisasi Peraturan Perundang-Undangan",
    },
    {
        "sasaran": "Menurunnya luasan kawasan permukiman kumuh",
        "indikator": "Jumlah Kab./Kota yang memahami NSPK",
        "cara_perhitungan": "Jumlah rumah yang ditingkatkan kualitasnya dan terealisasi pada tahun berjalan, dalam Km2",
    },
]


def _ejaan(dok) -> dict[str, object]:
    """The spelling findings by the word they name."""
    return {t.pesan.split('"')[1]: t for t in periksa(dok) if t.kode == "EJAAN_TIDAK_DIKENAL"}


def test_salah_ketik_dokumen_sumber_ditandai_dengan_saran_kata_benar_tidak():
    temuan = _ejaan(_dok(SALAH_KETIK + BENAR))
    assert {k: (t.sel, t.indikator, t.tingkat) for k, t in temuan.items()} == {
        "KINERJJA": ("B5", "A-1", "info"),
        "Terperuhnya": ("B6", "A-2", "info"),
        "yangghg": ("L7", "A-3", "info"),
        "Meyediakan": ("F8", "A-4", "info"),
        "Serifikasi": ("C9", "A-5", "info"),
        "Kalifikasi": ("C9", "A-5", "info"),
    }
    assert 'maksudnya "KINERJA"' in temuan["KINERJJA"].pesan
    assert 'maksudnya "Terpenuhnya"' in temuan["Terperuhnya"].pesan
    assert temuan["Meyediakan"].pesan == 'kata "Meyediakan" tidak ada di kamus bahasa Indonesia: maksudnya "Menyediakan"?'
    assert '"Sertifikasi"' in temuan["Serifikasi"].pesan
    assert '"Kualifikasi"' in temuan["Kalifikasi"].pesan
    # Hunspell has nothing close for "yangghg"; "yang" is a word the workbook uses elsewhere
    assert temuan["yangghg"].pesan.endswith('maksudnya "yang"?')


def test_satu_temuan_per_kata_dan_tidak_dobel_dengan_kata_mirip():
    dok = _dok(
        [
            {"tujuan": "Terperuhnya Kebutuhan Dasar"},
            {"tujuan": "Terperuhnya Kebutuhan Dasar"},
            {"kinerja_utama": "Meyediakan data"},
            {"kinerja_utama": "Menyediakan data"},
        ]
    )
    temuan = [t for t in periksa(dok) if t.kode in ("EJAAN_TIDAK_DIKENAL", "KATA_MIRIP")]
    assert [(t.kode, t.sel) for t in temuan] == [("EJAAN_TIDAK_DIKENAL", "B5"), ("EJAAN_TIDAK_DIKENAL", "F7")]
    assert "(juga di sel B6)" in temuan[0].pesan


def test_kata_dari_daftar_dan_pengaturan_workbook_diterima():
    dok = _dok([{"indikator": "Jumlah Prasarana Wilker Tabalong", "kinerja_utama": "Capaian Dinas Perkimtan"}])
    assert set(_ejaan(dok)) == {"Wilker", "Tabalong", "Perkimtan"}
    dok.daftar["Jabatan"] = ["Kepala Seksi Prasarana Wilker I"]
    dok.pengaturan.update(instansi="Dinas Perkimtan", wilayah="Kabupaten Tabalong")
    assert _ejaan(dok) == {}


def test_saran_dibatasi(monkeypatch):
    """Suggestions are slow (up to seconds a word): only the first distinct unknown words get them."""
    monkeypatch.setattr(ejaan, "MAKS_KATA_BERSARAN", 1)
    temuan = _ejaan(_dok([{"kinerja_utama": "Meyediakan data"}, {"kinerja_utama": "Meningkatkn mutu"}]))
    assert temuan["Meyediakan"].pesan.endswith('maksudnya "Menyediakan"?')
    assert "salah ketik?" in temuan["Meningkatkn"].pesan and "maksudnya" not in temuan["Meningkatkn"].pesan


@pytest.mark.parametrize(
    "berkas, kata",
    [
        ("iku-kalsel-2020.xlsx", {"yangghg": "L16", "Meyediakan": "F22", "Survey": "P34"}),
        ("iku-tanjabbar-2022.xlsx", {"Terperuhnya": "B7", "Serifikasi": "C9", "Kalifikasi": "C9"}),
    ],
)
def test_contoh_hanya_salah_ketik_yang_ditandai(berkas, kata):
    """The shipped examples carry the seed typos (KINERJJA is in a heading of the seed document, not in the
    matrix) and one English spelling (Survey, KBBI: survei); every other word passes."""
    from ikuxl.workbook.baca import baca_dokumen

    assert {k: t.sel for k, t in _ejaan(baca_dokumen(WORKBOOKS / berkas)).items()} == kata


def test_tanpa_kamus_satu_catatan_bukan_galat(monkeypatch, tmp_path):
    monkeypatch.setenv(ejaan.VARIABEL, str(tmp_path / "id_ID.dic"))
    temuan = periksa(_dok(SALAH_KETIK + BENAR))
    catatan = [t for t in temuan if t.kode.startswith("EJAAN")]
    assert [(t.kode, t.tingkat) for t in catatan] == [("EJAAN_TIDAK_DIPERIKSA", "info")]
    assert "tidak ditemukan" in catatan[0].pesan and "apt-get install hunspell-id" in catatan[0].pesan
    assert ejaan.VARIABEL in catatan[0].pesan
    # the comparison of words within the workbook still runs
    assert 'kata "yangghg" mirip "yang": salah ketik?' in [t.pesan for t in temuan if t.kode == "KATA_MIRIP"]
    assert not [t for t in periksa(_dok([])) if t.kode.startswith("EJAAN")]  # nothing to check: no note


def test_kamus_di_lokasi_lain_dan_tanpa_spylls(monkeypatch, tmp_path):
    """IKUXL_KAMUS points to another copy of the dictionary; without spylls the note says what to install."""
    import shutil
    import sys

    for akhiran in (".dic", ".aff"):
        shutil.copy(ejaan.JALUR_BAWAAN + akhiran, tmp_path / f"id_ID{akhiran}")
    monkeypatch.setenv(ejaan.VARIABEL, str(tmp_path / "id_ID.dic"))
    assert set(_ejaan(_dok([{"kinerja_utama": "Meyediakan data"}]))) == {"Meyediakan"}

    monkeypatch.setenv(ejaan.VARIABEL, str(tmp_path / "id_ID"))  # .dic may be left out
    monkeypatch.setitem(sys.modules, "spylls", None)  # as if not installed
    monkeypatch.setitem(sys.modules, "spylls.hunspell", None)
    ejaan._muat.cache_clear()
    catatan = [t for t in periksa(_dok([{"kinerja_utama": "Meyediakan data"}])) if t.kode.startswith("EJAAN")]
    ejaan._muat.cache_clear()
    assert [t.kode for t in catatan] == ["EJAAN_TIDAK_DIPERIKSA"]
    assert "pustaka spylls belum terpasang" in catatan[0].pesan and "pip install spylls" in catatan[0].pesan
