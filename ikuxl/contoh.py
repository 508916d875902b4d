"""The template and the example workbooks in workbooks/, built from the seed tables.

`ikuxl contoh workbooks/` regenerates them; a test checks that the committed files
equal what this produces. The tables in ikuxl/sumber_contoh/ (in the package, so that `ikuxl contoh` works
from an installed wheel) are the two seed
documents typed as tables; the quarterly figures of the "-contoh-realisasi"
copies are illustrative and say so on every sheet.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from .dokumen import KOLOM_TW_KOMPONEN, KOLOM_TW_REALISASI, Dokumen
from .impor import impor
from .periksa import periksa
from .rakit import susun
from .workbook.kerangka import tulis_plan

SUMBER = Path(__file__).resolve().parent / "sumber_contoh"

KALSEL = dict(
    instansi="Dinas Perumahan Rakyat dan Kawasan Permukiman",
    tingkat="provinsi",
    wilayah="Provinsi Kalimantan Selatan",
    urusan="Perumahan Rakyat dan Kawasan Permukiman",
)
TANJABBAR = dict(
    instansi="Dinas Perumahan dan Kawasan Permukiman",
    tingkat="kabupaten",
    wilayah="Kabupaten Tanjung Jabung Barat",
    urusan="Perumahan Rakyat dan Kawasan Permukiman",
)
ILUSTRASI = "CONTOH: target triwulan dan realisasi di workbook ini ILUSTRATIF, bukan data instansi; {}"

# Illustrative quarters: kode → (target TW I–IV, {komponen: TW I–IV}), and yearly targets to add.
TANJABBAR_ILUSTRASI = {
    "TJB-01": (
        [5, 5, 5, 5],
        {"Jumlah Rumah Layak Huni untuk Korban Bencana dan Relokasi Program Pemerintah Daerah": [3, 6, 4, 5]},
    ),
    "TJB-02": ([30, 40, 40, 40], {"Perbaiki Rumah Tidak Layak huni bagi MBR": [28, 41, 37, 39]}),
    "TJB-03": ([0, 1, 0, 1], {"Perumahan yang Terfasilitasi PSU": [0, 1, 0, 0]}),
    "TJB-04": (
        [2.5, 5, 7.5, 10],
        {
            "Pengurangan Kawasan Permukiman Kumuh di Bawah 10 Ha": [0.2, 0.5, 0.8, 1.1],
            "Jumlah Total seluruh Kawasan Permukiman Kumuh di Bawah 10 ha": [9.85, 9.85, 9.85, 9.85],
        },
    ),
    "TJB-05": ([1, 1, 1, 1], {"Jumlah Registrasi yang diterbitkan": [1, 0, 1, 1]}),
}
KALSEL_ILUSTRASI = {
    "KD-02": (
        [80, 82, 84, 85],
        {"Jumlah rumah layak": [81200, 82100, 83050, 84300], "Jumlah RTLH di Prov. Kalsel": [100000, 100000, 100000, 100000]},
    ),
    "SEK-01": (
        [None, None, None, 70],
        {
            "Total nilai seluruh komponen akuntabilitas kinerja Dinas Perumahan Rakyat dan "
            "Kawasan Permukiman yang dievaluasi oleh Inspektorat": [None, None, None, 68.5]
        },
    ),
    "BP-01": (
        [90, 90, 90, 90],
        {"Jumlah bantuan pembangunan rumah umum": [12, 20, 0, 15], "Jumlah korban bencana": [15, 20, 0, 18]},
    ),
    "BP-04": (
        [13, 12.5, 12.2, 12],
        {
            "Keluarga": [1200000, 1201000, 1202500, 1204000],
            "Rumah": [1040000, 1044000, 1050000, 1056000],
            "Jumlah keluarga": [1200000, 1201000, 1202500, 1204000],
        },
    ),
    "SPK-01": ([1, 1, 1, 1], {"Jumlah dokumen kinerja yang telah selesai pada tahun berjalan": [1, 1, 2, None]}),
}
KALSEL_TARGET_ILUSTRASI = {"KD-02": 85, "SEK-01": 70, "BP-01": 90, "BP-04": 12, "SPK-01": 4}


def template(**pengaturan) -> Dokumen:
    """An empty workbook ready for an agency."""
    return Dokumen.kosong(**pengaturan)


def kalsel() -> Dokumen:
    dok, _ = impor([SUMBER / "kalsel-2020.csv"], periode=(2020, 2020), tahun=2020, **KALSEL)
    dok.keterangan = (
        "Sumber: Tabel Daftar Kinerja Utama dan Indikator Kinerja Utama, Dinas Perumahan Rakyat dan "
        "Kawasan Permukiman Provinsi Kalimantan Selatan, Tahun 2020 (Sebelum dan Sesudah Desk)."
    )
    return dok


def tanjabbar() -> Dokumen:
    dok, _ = impor([SUMBER / "tanjabbar-2022.csv"], periode=(2022, 2026), tahun=2022, **TANJABBAR)
    dok.keterangan = (
        "Sumber: Indikator Kinerja Utama 2022, Dinas Perumahan dan Kawasan Permukiman "
        "Kabupaten Tanjung Jabung Barat (Tujuan, Sasaran, Indikator, Kondisi Awal, Target 2022–2026)."
    )
    return dok


def dengan_ilustrasi(dok: Dokumen, data: dict, target_tahunan: dict | None = None) -> Dokumen:
    """A copy of `dok` with illustrative quarters, labelled as such."""
    realisasi, komponen = {}, []
    for kode, (target_tw, nilai) in data.items():
        realisasi[kode] = dict(zip(KOLOM_TW_REALISASI, [*target_tw, None, None, None, None]))
        for nama, tw in nilai.items():
            komponen.append({"kode": kode, "komponen": nama, **dict(zip(KOLOM_TW_KOMPONEN, tw))})
    iku = [dict(b) for b in dok.iku]
    catatan_target = ""
    if target_tahunan:
        for b in iku:
            if b["kode"] in target_tahunan:
                b[f"target_{dok.tahun}"] = target_tahunan[b["kode"]]
        catatan_target = f"target tahun {dok.tahun} indikator {', '.join(target_tahunan)} juga ilustratif "
        catatan_target += "(dokumen sumber tidak memuat target)."
    hasil = Dokumen(
        dok.pengaturan,
        iku,
        komponen,
        dok.daftar,
        dok.skala,
        ILUSTRASI.format(catatan_target or "angka tahunan sesuai dokumen sumber."),
    )
    hasil.isi_triwulan(realisasi)
    return hasil


def semua() -> dict[str, Dokumen]:
    """File name → Dokumen of every workbook that ships in workbooks/."""
    k, t = kalsel(), tanjabbar()
    return {
        "template-iku.xlsx": template(periode_awal=2025, periode_akhir=2029, tahun=2026),
        "iku-kalsel-2020.xlsx": k,
        "iku-kalsel-2020-contoh-realisasi.xlsx": dengan_ilustrasi(k, KALSEL_ILUSTRASI, KALSEL_TARGET_ILUSTRASI),
        "iku-tanjabbar-2022.xlsx": t,
        "iku-tanjabbar-2022-contoh-realisasi.xlsx": dengan_ilustrasi(t, TANJABBAR_ILUSTRASI),
    }


# One fixed time stamp, so that regenerating unchanged examples gives identical files.
WAKTU_CONTOH = datetime(2026, 1, 1)


def buat_contoh(folder: Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ditulis = []
    for nama, dok in semua().items():
        # the examples come validated and summarised; the template is empty, so there is nothing to
        temuan = periksa(dok) if dok.iku else None
        tulis_plan(susun(dok, temuan), folder / nama, WAKTU_CONTOH)
        ditulis.append(folder / nama)
    return ditulis
