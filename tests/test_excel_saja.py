"""Excel alone: the edits staff make in Excel with no Python on the PC, recalculated by LibreOffice
only, must give every capaian and kategori that ikuxl.capaian gives for the same inputs; then
`ikuxl recalc` of the same file agrees with LibreOffice and keeps every typed cell.

The edits touch input cells only (as openpyxl writes them): indicators typed on IKU with their
quarterly targets and realisasi, polaritas, sifat, metode and targets changed, the kategori scale,
the cap and the period changed on Referensi, a row inserted in the middle of IKU, IKU sorted.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from ikuxl.aksi import recalc, validasi
from ikuxl.capaian import agregasi_tahunan, hitung_capaian, lantai_capaian
from ikuxl.dokumen import skala_terurut
from ikuxl.libreoffice import hitung_ulang
from ikuxl.nilai import parse_nilai
from ikuxl.skema import BARIS_DATA, BARIS_KEPALA, IKU, REALISASI, REFERENSI, RINGKASAN, Tata, kolom_iku, kolom_realisasi
from ikuxl.skema import BARIS_PENGATURAN, BARIS_SKALA

from .bantu import WORKBOOKS
from .oracle import bandingkan

pytestmark = pytest.mark.libreoffice

TR = Tata(kolom_realisasi())
BARU = [  # indicators as staff type them: (kode, polaritas, sifat, metode, target tahun, target TW, realisasi TW)
    ("B-01", "positif", "kumulatif", None, 100, [20, 30, 25, 25], [18, 33, None, None]),
    ("B-02", "negatif", "akhir periode", None, 8, [10, 9, 9, 8], [11, 8.5, 7.9, None]),
    ("B-03", "negatif", "rata-rata", "kebalikan", 5, [5, 5, 5, 5], [4, 6, 5.5, 4.5]),
    ("B-04", "positif", "akhir periode", None, 75, [60, 65, 70, 75], [58, None, None, None]),
    ("B-05", "positif", "rata-rata", None, 90, [90, 90, 90, 90], [None, None, None, None]),
    ("B-06", "Negatif", "Kumulatif", "standar", 40, [10, 10, 10, 10], [9, 12, 30, 10]),
    ("B-07", "positif", "akhir periode", None, 2, [2, 2, 2, 2], [-1.41, None, None, None]),  # growth −1,41 %
    ("B-09", "stabil", "akhir periode", None, 50, [50, 50, 50, 50], [55, 45, 50, None]),  # away either way is worse
    ("B-10", "Rentang", "kumulatif", "kebalikan", 40, [10, 10, 10, 10], [12, 8, 10, 0]),
    ("B-15", "Minimize", "kumulatif", None, 40, [10, 10, 10, 10], [9, 12, None, None]),  # a published table's word
    # range targets typed as agencies write them (PermenPANRB SMK: inside 100, outside by polaritas)
    ("B-11", "positif", "akhir periode", None, "80 - 90", ["70 - 80", "75 - 85", "80 - 90", "80 - 90"], [65, 90, 85, None]),
    ("B-12", "negatif", "kumulatif", "standar", "20 s.d. 24", ["5 - 6"] * 4, [4, 7, 5.5, None]),
    ("B-13", "negatif", "rata-rata", "kebalikan", "2,5 – 3,5", ["2,5 – 3,5", "2,5 – 3,5", "2,5 – 3,5", 3], [2, 4, 3.25, 3.5]),
    ("B-14", "stabil", "akhir periode", None, "80-90", ["80-90", "80-90", "80,5 - 90,25", 85], [95, 70, 81, None]),
]


def _pengaturan(ws, kunci: str):
    from ikuxl.skema import PENGATURAN

    return ws.cell(BARIS_PENGATURAN + [k for k, _, _ in PENGATURAN].index(kunci), 2)


def _tata_iku(wb) -> Tata:
    return Tata(kolom_iku(int(_pengaturan(wb[REFERENSI], "periode_awal").value)))


def _ketik(ws, tata: Tata, baris: int, kode, polaritas, sifat, metode, target, target_tw, realisasi_tw, tahun: int):
    isi = {
        "kode": kode,
        "indikator": f"Indikator {kode}",
        "satuan": "%",
        "jabatan": "Kepala Dinas",
        "polaritas": polaritas,
        "sifat": sifat,
        "metode": metode,
        f"target_{tahun}": target,
        **{f"target_tw{q}": t for q, t in enumerate(target_tw, 1)},
        **{f"realisasi_tw{q}": r for q, r in enumerate(realisasi_tw, 1)},
    }
    for k, v in isi.items():
        ws.cell(baris, tata.posisi[k]).value = v


def _iku(path: Path) -> dict[str, dict]:
    """The IKU rows as typed, by kode (what a user put there)."""
    wb = openpyxl.load_workbook(path, data_only=True)
    tata = _tata_iku(wb)
    ws = wb[IKU]
    hasil = {}
    for r in range(BARIS_DATA, ws.max_row + 1):
        b = {k: ws.cell(r, c).value for k, c in tata.posisi.items()}
        if b["kode"] is not None:
            hasil[b["kode"]] = b
    return hasil


def _harapan(b: dict, tahun: int, skala, batas, lantai) -> dict[str, object]:
    """What ikuxl.capaian gives for an IKU row's inputs: capaian per quarter and for the year, kategori."""
    pol, met = b["polaritas"], b["metode"]
    tw_t = [b[f"target_tw{q}"] for q in range(1, 5)]
    tw_r = [b[f"realisasi_tw{q}"] for q in range(1, 5)]
    hasil = {}
    for q in range(1, 5):
        c = "" if tw_r[q - 1] is None else hitung_capaian(tw_t[q - 1], tw_r[q - 1], pol, met, lantai=lantai).nilai
        hasil[f"capaian_tw{q}"], hasil[f"kategori_tw{q}"] = c, "" if c == "" else skala.kategori(c)
    # a range target: its two bounds aggregated over the quarters each
    bawah, atas = (
        agregasi_tahunan(b["sifat"], tw_r, [_batas(x)[i] for x in tw_t], _batas(b[f"target_{tahun}"])[i]) for i in (0, 1)
    )
    t = bawah
    if t.triwulan:
        target = (bawah.target, atas.target) if bawah.target is not None and bawah.target < atas.target else t.target
        c = hitung_capaian(target, t.realisasi, pol, met, batas=batas, lantai=lantai)
        hasil.update(capaian_mentah=c.mentah, capaian=c.nilai, kategori=skala.kategori(c.nilai))
    else:  # nothing reported yet: the year says why there is no capaian
        hasil.update(capaian="tidak dapat dihitung: realisasi belum diisi", kategori=skala.kategori(None))
    return hasil


def _batas(target) -> tuple:
    """A target's (lower, upper) bounds as the core reads its text; a number is both."""
    n = parse_nilai(target)
    return n.rentang or (target, target)


def _realisasi(path: Path) -> dict[str, dict]:
    """Realisasi's rows of indicators in force, by kode, as the spreadsheet computed them."""
    ws = openpyxl.load_workbook(path, data_only=True)[REALISASI]
    hasil = {}
    for r in range(BARIS_DATA, ws.max_row + 1):
        b = {k: ws.cell(r, c).value for k, c in TR.posisi.items()}
        if b["hidup"] is True:
            hasil[b["kode"]] = {**b, "baris": r}
    return hasil


def _skala(ws):
    return skala_terurut(
        [
            tuple(ws.cell(r, c).value for c in (1, 2, 3))
            for r in range(BARIS_SKALA + 1, BARIS_SKALA + 11)
            if ws.cell(r, 3).value is not None
        ]
    )


def _periksa(asli: Path, lo: Path, kode: list[str]) -> None:
    """Every capaian and kategori LibreOffice computed for `kode` equals ikuxl.capaian's."""
    wb = openpyxl.load_workbook(lo, data_only=True)
    ref = wb[REFERENSI]
    tahun, batas = int(_pengaturan(ref, "tahun").value), _pengaturan(ref, "batas_capaian").value
    lantai = lantai_capaian(_pengaturan(ref, "batas_bawah_capaian").value)
    skala, iku, real = _skala(ref), _iku(asli), _realisasi(lo)
    for k in kode:
        assert k in real, f"{lo.name}: {k} tidak muncul di Realisasi"
        harapan = _harapan(iku[k], tahun, skala, batas, lantai)
        for kunci, nilai in harapan.items():
            dapat = real[k][kunci]
            if isinstance(nilai, float):
                assert dapat == pytest.approx(nilai, rel=1e-9), f"{lo.name} {k} {kunci}"
            else:
                assert (dapat if dapat is not None else "") == nilai, f"{lo.name} {k} {kunci}"
        for kunci in ("target_tw1", "target_tw4", "polaritas", "sifat"):
            assert real[k][kunci] in (iku[k][kunci], ""), f"{k} {kunci} tidak mengikuti IKU"
    ringkasan = openpyxl.load_workbook(lo, data_only=True)[RINGKASAN]  # live from the blank template on
    assert ringkasan.cell(BARIS_KEPALA + 2, 1).value == "Jumlah indikator"
    assert ringkasan.cell(BARIS_KEPALA + 2, 2).value == len(real)


def _edit(sumber: Path, tujuan: Path, ubah) -> Path:
    shutil.copyfile(sumber, tujuan)
    wb = openpyxl.load_workbook(tujuan)
    ubah(wb)
    wb.save(tujuan)
    return tujuan


def _baris_kosong(ws, tata: Tata) -> int:
    r = BARIS_DATA
    while ws.cell(r, tata.posisi["kode"]).value is not None or ws.cell(r, tata.posisi["indikator"]).value is not None:
        r += 1
    return r


def _ketik_baru(wb, indikator=BARU) -> None:
    tata, ws = _tata_iku(wb), wb[IKU]
    tahun = int(_pengaturan(wb[REFERENSI], "tahun").value)
    r = _baris_kosong(ws, tata)
    for i, x in enumerate(indikator):
        _ketik(ws, tata, r + i, *x, tahun=tahun)


def _ubah_contoh(wb) -> None:
    """On a recalculated example: change definitions and inputs of indicators already there."""
    tata, ws = _tata_iku(wb), wb[IKU]
    tahun = int(_pengaturan(wb[REFERENSI], "tahun").value)
    baris = {ws.cell(r, 1).value: r for r in range(BARIS_DATA, ws.max_row + 1) if ws.cell(r, 1).value}
    aktif = [r for r in baris.values() if str(ws.cell(r, tata.posisi["status"]).value or "").lower() != "dihapus"]
    berumus = [r for r in aktif if "[" in str(ws.cell(r, tata.posisi["rumus"]).value or "")]
    r = berumus[-1]  # a Rumus changed in Excel: its row must say so until Python compiles it again
    ws.cell(r, tata.posisi["rumus"], ws.cell(r, tata.posisi["rumus"]).value + " × 1")
    for i, r in enumerate(aktif[:6]):  # each a different edit, with inputs on the row
        ws.cell(r, tata.posisi["rumus"]).value = None  # its Rumus cleared: realisasi typed on IKU
        isi = {
            **{f"target_tw{q}": t for q, t in enumerate([20, 40, 60, 80], 1)},
            **{f"realisasi_tw{q}": x for q, x in enumerate([22, 41, 55, None], 1)},
            f"target_{tahun}": 80,
            "polaritas": ("negatif", "positif", "negatif", "positif", "negatif", "positif")[i],
            "sifat": ("kumulatif", "akhir periode", "rata-rata", "kumulatif", "akhir periode", "rata-rata")[i],
            "metode": ("kebalikan", None, "standar", None, None, None)[i],
        }
        for k, v in isi.items():
            ws.cell(r, tata.posisi[k]).value = v
    _ketik_baru(wb, BARU[:2])


def _ubah_referensi(wb) -> None:
    """The scale's top bound, the cap, the floor (none: negative capaian shown) and the period (a 6-year
    period, a later reporting year)."""
    ref = wb[REFERENSI]
    _pengaturan(ref, "batas_bawah_capaian").value = "tanpa"
    ref.cell(BARIS_SKALA + 1, 2, 95)
    _pengaturan(ref, "batas_capaian").value = 100
    awal = int(_pengaturan(ref, "periode_awal").value)
    _pengaturan(ref, "periode_akhir").value = awal + 5
    _pengaturan(ref, "tahun").value = awal + 1
    _ketik_baru(wb)


SKALA_DIKETIK = [  # typed on Referensi in Excel: the rows in any order, a sixth band, a band renamed
    ("≥", 66, "Sedang"),
    (None, None, "Sangat Kurang"),
    ("≥", 91, "Sangat Tinggi"),
    (">", 30, "Kurang"),
    ("≥", 76, "Tinggi"),
    ("≥", 51, "Rendah"),
]


def _ubah_skala(wb) -> None:
    ref = wb[REFERENSI]
    for i in range(10):
        for c, x in enumerate(SKALA_DIKETIK[i] if i < len(SKALA_DIKETIK) else (None,) * 3, start=1):
            ref.cell(BARIS_SKALA + 1 + i, c).value = x
    _ketik_baru(wb)


def _sisip(wb) -> None:
    """A row inserted in the middle of the typed indicators, and one typed into it."""
    _ketik_baru(wb)
    ws = wb[IKU]
    ws.insert_rows(BARIS_DATA + 2)
    _ketik(
        ws,
        _tata_iku(wb),
        BARIS_DATA + 2,
        "B-08",
        "positif",
        "kumulatif",
        None,
        50,
        [10, 10, 15, 15],
        [12, 9, None, None],
        tahun=int(_pengaturan(wb[REFERENSI], "tahun").value),
    )


def _urut(wb) -> None:
    """IKU sorted: the typed rows in reverse order (values only, as a sort moves them)."""
    _ketik_baru(wb)
    ws, tata = wb[IKU], _tata_iku(wb)
    akhir = _baris_kosong(ws, tata)
    nilai = [[ws.cell(r, c).value for c in range(1, len(tata.kolom) + 1)] for r in range(BARIS_DATA, akhir)]
    for r, b in zip(range(BARIS_DATA, akhir), reversed(nilai)):
        for c, v in enumerate(b, 1):
            ws.cell(r, c, v)


# Range texts typed in a target cell: read by the workbook (as the core reads them), or left as text
# for Validasi to explain, never misread ("1.500" is a thousands point in Indonesian, not 1,5)
RENTANG_TERBACA = [
    "80 - 90",
    "80-90",
    "2,5 – 3,5",
    "2.5 - 3.75",
    "80 s.d. 90",
    "80 S/D 90",
    "  0 -  5 ",
    "7 — 7",
    "80 - 90 %",  # one grammar with the library: a "%" after the numbers, and these separators, read everywhere
    "80 sampai 90",
    "80 sd 90",
    "80 hingga 90",
]
RENTANG_TIDAK_TERBACA = [
    "1.500 - 2.000",
    "80 - 90 Ha",
    "90 - 80",
    "10 - 15 - 20",
    "1e2 - 300",
    "2,125 - 3",
    "- 5",
    "80 -",
    "Rp 5 - 6",
]


def _ketik_rentang(wb) -> None:
    tata, ws = _tata_iku(wb), wb[IKU]
    tahun = int(_pengaturan(wb[REFERENSI], "tahun").value)
    for i, teks in enumerate(RENTANG_TERBACA + RENTANG_TIDAK_TERBACA):
        _ketik(
            ws,
            tata,
            BARIS_DATA + i,
            f"R-{i:02d}",
            "positif",
            "akhir periode",
            None,
            teks,
            [teks] * 4,
            [85, None, None, None],
            tahun=tahun,
        )


# indicators with a realisasi per year typed on IKU: (kode, polaritas, sifat, metode, targets and realisasi of the
# period's years, target TW and realisasi TW of the reporting year)
TAHUNAN = [
    ("Y-01", "positif", None, None, [60, 65, 70, 75, 80], [58, 66], [], []),  # no quarters, no Sifat
    ("Y-02", "negatif", "kumulatif", None, ["20 - 24", 22, 20, 18, 16], [25], [5, 5, 5, 5], [6, 5, 4]),  # year from TW
    ("Y-03", "positif", "kumulatif", None, [100] * 5, [90, 95], [25] * 4, [20, 30, 25, 26]),  # typed ≠ quarters
    ("Y-04", "stabil", None, None, [50] * 5, [55, 48, 50], [], []),
    ("Y-05", "negatif", None, "kebalikan", [10, 8, 6, 4, 2], [12, 9, 7, None, 3], [], []),
    ("Y-06", "positif", None, None, [10, 10, 10, 10, "sepuluh"], [5, "n/a", 12], [], []),
]


# the reporting year's realisasi typed only as its yearly figure (the template's reporting year is the period's
# second): its capaian is the yearly block's, in Realisasi's Capaian and all that reads it; T-04 has quarters too
TANPA_TW = [
    ("T-01", "positif", None, None, [90, 100], [80, 120], [], []),  # no Sifat needed
    ("T-02", "negatif", "kumulatif", None, [9, 8], [None, 9], [], []),
    ("T-03", "positif", "akhir periode", None, [None, "80 - 90"], [None, 40], [], []),  # a range: Sangat Rendah
    ("T-04", "positif", "kumulatif", None, [None, 100], [None, 90], [25] * 4, [20, 30]),  # the quarters decide
    ("T-05", "positif", None, None, [None, None], [None, 50], [], []),  # no target: not computed
]


def _ketik_tahunan(wb, tahun: int | None = None, daftar: list = TAHUNAN) -> None:
    """TAHUNAN (or `daftar`) typed on the template's IKU (and the reporting year moved on Referensi, where given)."""
    tata, ws = _tata_iku(wb), wb[IKU]
    if tahun:
        _pengaturan(wb[REFERENSI], "tahun").value = tahun
    awal = int(_pengaturan(wb[REFERENSI], "periode_awal").value)
    r = _baris_kosong(ws, tata)
    for i, (kode, pol, sifat, met, target, realisasi, target_tw, realisasi_tw) in enumerate(daftar):
        isi = {
            "kode": kode,
            "indikator": f"Indikator {kode}",
            "satuan": "%",
            "jabatan": "Kepala Dinas",
            "polaritas": pol,
            "sifat": sifat,
            "metode": met,
            "kondisi_awal": 50,
            **{f"target_{awal + k}": t for k, t in enumerate(target)},
            **{f"realisasi_{awal + k}": x for k, x in enumerate(realisasi)},
            **{f"target_tw{q}": t for q, t in enumerate(target_tw, 1)},
            **{f"realisasi_tw{q}": x for q, x in enumerate(realisasi_tw, 1)},
        }
        for k, v in isi.items():
            ws.cell(r + i, tata.posisi[k]).value = v


SKENARIO = {  # name → (starting workbook, edit, kodes to check)
    "template-diisi": ("template-iku.xlsx", _ketik_baru, [b[0] for b in BARU]),
    "contoh-diubah": ("iku-kalsel-2020-contoh-realisasi.xlsx", _ubah_contoh, None),
    "referensi-diubah": ("template-iku.xlsx", _ubah_referensi, [b[0] for b in BARU]),
    "baris-disisipkan": ("iku-tanjabbar-2022-contoh-realisasi.xlsx", _sisip, [b[0] for b in BARU] + ["B-08"]),
    "iku-diurutkan": ("template-iku.xlsx", _urut, [b[0] for b in BARU]),
    "rentang-teks": ("template-iku.xlsx", _ketik_rentang, [f"R-{i:02d}" for i in range(len(RENTANG_TERBACA))]),
    "skala-diubah": ("template-iku.xlsx", _ubah_skala, [b[0] for b in BARU]),
    # several years of realisasi typed on IKU (the reporting year the period's second, then its fourth: a yearly
    # realisasi with no quarters); checked year by year below
    "tahunan-diketik": ("template-iku.xlsx", _ketik_tahunan, []),
    "tahunan-tahun-keempat": ("template-iku.xlsx", lambda wb: _ketik_tahunan(wb, 2028), []),
    "tahunan-tanpa-triwulan": ("template-iku.xlsx", lambda wb: _ketik_tahunan(wb, daftar=TANPA_TW), []),
}


def test_skala_diketik_di_excel_langsung_berlaku_di_ringkasan(diedit):
    """The scale's bands typed in Excel (reordered, one renamed, a sixth): Ringkasan's rows per kategori show the
    bands by rank as Referensi has them now, with the counts of the kategori LibreOffice computed on Realisasi
    (its rows are as many as the bands at the last run: the sixth gets its row at Perbarui Ringkasan)."""
    wb = openpyxl.load_workbook(diedit[1]["skala-diubah"], data_only=True)
    ws, real = wb[RINGKASAN], _realisasi(diedit[1]["skala-diubah"])
    baris = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Jumlah indikator per kategori"]
    assert baris, "tabel kategori tidak ditemukan"
    label = [ws.cell(r, 1).value for r in range(baris[0] + 1, baris[0] + 7)]
    assert label == ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Kurang", "Tidak dapat dihitung"]
    for r, nama in enumerate(label, start=baris[0] + 1):
        assert ws.cell(r, 2).value == sum(b["kategori"] == nama for b in real.values()), nama


@pytest.fixture(scope="module")
def diedit(tmp_path_factory, libreoffice):
    folder = tmp_path_factory.mktemp("excel-saja")
    berkas = {n: _edit(WORKBOOKS / asal, folder / f"{n}.xlsx", ubah) for n, (asal, ubah, _) in SKENARIO.items()}
    lo = dict(zip(berkas, hitung_ulang(list(berkas.values()), folder / "lo", profil=libreoffice)))
    return berkas, lo


@pytest.mark.parametrize("nama", list(SKENARIO))
def test_excel_saja_menghitung_seperti_ikuxl(diedit, nama):
    berkas, lo = diedit
    kode = SKENARIO[nama][2]
    if kode is None:  # every computable indicator without a Rumus of the example
        kode = [
            k
            for k, b in _iku(berkas[nama]).items()
            if "[" not in str(b["rumus"] or "")
            and str(b["status"] or "").lower() != "dihapus"
            and b["polaritas"]
            and b["sifat"]
            and any(b[f"realisasi_tw{q}"] is not None for q in range(1, 5))
        ]
        assert len(kode) >= 8
    _periksa(berkas[nama], lo[nama], kode)


def test_rumus_yang_diubah_di_excel_ditandai_di_barisnya_dan_oleh_validasi(diedit):
    berkas, lo = diedit
    iku = _iku(berkas["contoh-diubah"])
    kode = next(k for k, b in iku.items() if str(b["rumus"] or "").endswith(" × 1"))
    baris = _realisasi(lo["contoh-diubah"])[kode]
    assert "Rumus berubah" in baris["capaian"] and "jalankan Hitung Capaian" in baris["realisasi_tw1"]
    temuan = validasi(lo["contoh-diubah"]).temuan
    assert [t.kode for t in temuan if t.indikator == kode and t.kode == "RUMUS_BELUM_DIHITUNG"] == ["RUMUS_BELUM_DIHITUNG"]


def test_periode_diubah_mengganti_judul_kolom_target(diedit):
    _, lo = diedit
    wb = openpyxl.load_workbook(lo["referensi-diubah"], data_only=True)
    tata = _tata_iku(wb)
    awal = int(_pengaturan(wb[REFERENSI], "periode_awal").value)
    judul = [wb[IKU].cell(BARIS_KEPALA, tata.posisi[f"target_{awal + k}"]).value for k in range(6)]
    assert judul == [f"Target {awal + k}" for k in range(6)]


@pytest.mark.parametrize("nama", list(SKENARIO))
def test_recalc_setelah_excel_sama_dengan_libreoffice_dan_isian_tetap(diedit, nama, tmp_path, libreoffice):
    berkas, lo = diedit
    keluar = tmp_path / f"{nama}.xlsx"
    recalc(lo[nama], keluar)
    assert bandingkan([keluar], tmp_path / "lo", libreoffice) == []
    assert _iku(keluar) == _iku(lo[nama])  # nothing the user typed changed
    real = _realisasi(keluar)
    assert set(real) == set(_realisasi(lo[nama]))
    for k, b in _realisasi(lo[nama]).items():  # the computed rows are those LibreOffice gave, but for a
        if b["status_rumus"]:  # Rumus changed in Excel, which the recalculation compiled
            assert real[k]["status_rumus"] in ("", None) and "Rumus" not in str(real[k]["capaian"]), k
            continue
        for x, y in b.items():
            if x not in ("baris_komponen", "baris"):
                angka = isinstance(y, (int, float)) and not isinstance(y, bool)
                assert real[k][x] == (pytest.approx(y, rel=1e-9) if angka else y), (k, x)


def test_rentang_teks_dibaca_atau_dibiarkan_tidak_pernah_salah_baca(diedit):
    real = _realisasi(diedit[1]["rentang-teks"])
    for i, teks in enumerate(RENTANG_TERBACA + RENTANG_TIDAK_TERBACA):
        b = real[f"R-{i:02d}"]
        if teks in RENTANG_TERBACA:
            assert (b["bawah_tw1"], b["atas_tw1"]) == pytest.approx(parse_nilai(teks).rentang), teks
            assert (b["bawah_tahunan"], b["atas_tahunan"]) == (b["bawah_tw1"], b["atas_tw1"]), teks
        else:
            assert b["bawah_tw1"] == b["target_tw1"] == teks, teks
            assert b["capaian_tw1"] == "tidak dapat dihitung: target belum diisi", teks


def test_tahun_pelaporan_digulir_dengan_triwulan_terisi_lalu_recalc_menutup_tahun(tmp_path, libreoffice):
    """Tahun pelaporan 2022 → 2023 typed in Excel with the 2022 quarters filled: LibreOffice alone shows the
    warning on IKU and Realisasi; `ikuxl recalc` then closes 2022, agreeing with LibreOffice, nothing lost."""
    from ikuxl.tutup import pesan_peringatan

    from .test_tutup import tidak_ada_yang_hilang

    def gulir(wb):
        _pengaturan(wb[REFERENSI], "tahun").value = 2023

    berkas = _edit(WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx", tmp_path / "gulir.xlsx", gulir)
    (lo,) = hitung_ulang([berkas], tmp_path / "lo", profil=libreoffice)
    wb = openpyxl.load_workbook(lo, data_only=True)
    peringatan = "PERINGATAN: " + pesan_peringatan(2022, 2023)
    assert wb[IKU].cell(BARIS_KEPALA - 1, 1).value == peringatan
    assert wb[REALISASI].cell(BARIS_KEPALA - 1, 1).value == peringatan
    assert wb[REALISASI].cell(1, 1).value.endswith("TAHUN 2023")
    assert wb[IKU].cell(BARIS_KEPALA, _tata_iku(wb).posisi["realisasi_tw1"]).value == "Realisasi TW I 2022"
    assert "TRIWULAN_TAHUN_LAIN" in {t.kode for t in validasi(lo).temuan}

    keluar = tmp_path / "tutup.xlsx"
    assert "TAHUN_DITUTUP" in {t.kode for t in recalc(lo, keluar).temuan}
    assert bandingkan([keluar], tmp_path / "lo2", libreoffice) == []
    tidak_ada_yang_hilang(lo, keluar)
    (lagi,) = hitung_ulang([keluar], tmp_path / "lo3", profil=libreoffice)
    wb = openpyxl.load_workbook(lagi, data_only=True)
    assert not str(wb[IKU].cell(BARIS_KEPALA - 1, 1).value).startswith("PERINGATAN")  # back to the example's note
    assert wb[IKU].cell(BARIS_KEPALA, _tata_iku(wb).posisi["realisasi_tw1"]).value == "Realisasi TW I 2023"


def _capaian_inti(target, realisasi, pol, met, batas, lantai):
    """ikuxl.capaian's capaian of a year: a range target by its two bounds; None where it cannot be computed."""
    bawah, atas = _batas(target)
    t = (bawah, atas) if isinstance(bawah, (int, float)) and isinstance(atas, (int, float)) and bawah < atas else target
    return hitung_capaian(t, realisasi, pol, met, batas=batas, lantai=lantai).nilai


def test_libreoffice_menghitung_dengan_utas_seperti_bawaannya(libreoffice):
    """The tests' LibreOffice calculates formula groups in threads, as a user's does by default: the yearly test
    below found a capaian computed before its helper columns only in that mode."""
    profil = (libreoffice / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    butir = profil.split('oor:name="UseThreadedCalculationForFormulaGroups"')
    assert len(butir) == 2 and butir[1].split("</value>")[0].endswith("<value>true")


@pytest.mark.parametrize("nama", ["tahunan-diketik", "tahunan-tahun-keempat"])
def test_excel_saja_menghitung_capaian_setiap_tahun_seperti_ikuxl(diedit, nama):
    """Each year's capaian LibreOffice computed from the yearly realisasi typed on IKU (the reporting year's from
    its quarters where none is typed) equals ikuxl.capaian's on the same inputs; so do the capaian against the
    end-of-period target (the latest realisasi against the last year's target) and the change from last year;
    the typed year that disagrees with its quarters shows it."""
    berkas, lo = diedit
    wb = openpyxl.load_workbook(lo[nama], data_only=True)
    ref = wb[REFERENSI]
    tahun, batas = int(_pengaturan(ref, "tahun").value), _pengaturan(ref, "batas_capaian").value
    lantai = lantai_capaian(_pengaturan(ref, "batas_bawah_capaian").value)
    awal, akhir = (int(_pengaturan(ref, k).value) for k in ("periode_awal", "periode_akhir"))
    skala, iku, real = _skala(ref), _iku(berkas[nama]), _realisasi(lo[nama])
    for kode, pol, _, met, *_ in TAHUNAN:
        b, v = iku[kode], real[kode]
        dapat = {}
        for ke, t in enumerate(range(awal, akhir + 1), 1):
            r = b[f"realisasi_{t}"]
            if r is None and t == tahun and b["realisasi_tw1"] is not None:  # the year from its quarters
                r, harapan = v["realisasi_tahunan"], _harapan(b, tahun, skala, batas, lantai)["capaian"]
            elif isinstance(r, str):  # a typed text is shown as why it is no number, in the realisasi and its capaian
                r = harapan = "tidak dapat dihitung: realisasi bukan angka"
            else:
                harapan = "" if r is None else _capaian_inti(b[f"target_{t}"], r, pol, met, batas, lantai)
            assert (v[f"realisasi_t{ke}"] if v[f"realisasi_t{ke}"] is not None else "") == (r if r is not None else "")
            if harapan is None:
                assert str(v[f"capaian_t{ke}"]).startswith("tidak dapat dihitung"), (kode, t)
            elif isinstance(harapan, float):
                assert v[f"capaian_t{ke}"] == pytest.approx(harapan, rel=1e-9), (kode, t)
            else:
                assert (v[f"capaian_t{ke}"] or "") == harapan, (kode, t)
            if isinstance(r, (int, float)):
                dapat[t] = r
        terakhir = dapat[max(dapat)]
        assert (v["tahun_terakhir"], v["realisasi_terakhir"]) == (max(dapat), terakhir), kode
        harapan = _capaian_inti(b[f"target_{akhir}"], terakhir, pol, met, batas, lantai)
        if harapan is None:
            assert str(v["capaian_akhir"]).startswith("tidak dapat dihitung"), kode
        else:
            assert v["capaian_akhir"] == pytest.approx(harapan, rel=1e-9), kode
        ini, lalu = dapat.get(tahun), dapat.get(tahun - 1, 50 if tahun == awal else None)
        if ini is None or lalu is None:
            assert not v["perubahan"], kode
        else:
            arah = "tetap" if ini == lalu else "naik" if ini > lalu else "turun"
            nilai = {("positif", "naik"): " (membaik)", ("positif", "turun"): " (memburuk)"}
            nilai |= {("negatif", "naik"): " (memburuk)", ("negatif", "turun"): " (membaik)"}
            assert v["perubahan"] == arah + nilai.get((pol, arah), ""), kode
    beda = [k for k, v in real.items() if v["beda_tahun"]]
    assert beda == (["Y-03"] if nama == "tahunan-diketik" else [])


def test_excel_saja_capaian_tahun_pelaporan_dari_realisasi_setahun(diedit):
    """The reporting year's realisasi typed only as its yearly figure on IKU, no quarter reported: LibreOffice alone
    computes Realisasi's Capaian (and kategori) as the yearly block's, by ikuxl.capaian from the year's target, and
    Ringkasan counts it, averages it and lists it only when it needs attention; with quarters reported (T-04) the
    quarters give the Capaian, the yearly block the typed figure."""
    wb = openpyxl.load_workbook(diedit[1]["tahunan-tanpa-triwulan"], data_only=True)
    ref = wb[REFERENSI]
    tahun, batas = int(_pengaturan(ref, "tahun").value), _pengaturan(ref, "batas_capaian").value
    lantai = lantai_capaian(_pengaturan(ref, "batas_bawah_capaian").value)
    ke = tahun - int(_pengaturan(ref, "periode_awal").value) + 1
    skala, iku, real = _skala(ref), _iku(diedit[0]["tahunan-tanpa-triwulan"]), _realisasi(diedit[1]["tahunan-tanpa-triwulan"])
    assert set(real) == {b[0] for b in TANPA_TW}
    harapan = {}
    for kode, pol, _, met, *_ in TANPA_TW:
        b, v = iku[kode], real[kode]
        c = _capaian_inti(b[f"target_{tahun}"], b[f"realisasi_{tahun}"], pol, met, batas, lantai)
        assert v[f"realisasi_t{ke}"] == b[f"realisasi_{tahun}"], kode
        if c is None:
            assert v["capaian"] == v[f"capaian_t{ke}"] == "tidak dapat dihitung: target belum diisi", kode
        else:
            assert v[f"capaian_t{ke}"] == pytest.approx(c, rel=1e-9), kode
        if kode == "T-04":  # the quarters reported so far: 50 of the 50 targeted
            c = _harapan(b, tahun, skala, batas, lantai)["capaian"]
            assert v["realisasi_tahunan"] == 50 and c == pytest.approx(100)
        else:
            assert v["realisasi_tahunan"] == b[f"realisasi_{tahun}"], kode
        if c is not None:
            assert v["capaian"] == pytest.approx(c, rel=1e-9), kode
        assert v["kategori"] == skala.kategori(c), kode
        harapan[kode] = c
    assert real["T-01"]["capaian"] == pytest.approx(120) and real["T-03"]["kategori"] == "Sangat Rendah"
    ws = wb[RINGKASAN]
    nilai = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
    angka = [c for c in harapan.values() if c is not None]
    assert nilai["Jumlah indikator"] == 5 and nilai["Indikator dengan capaian terhitung"] == len(angka) == 4
    assert nilai["Rata-rata capaian seluruh indikator (%)"] == pytest.approx(sum(angka) / len(angka), rel=1e-9)
    judul = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value or "").startswith("Perlu perhatian"))
    daftar = []
    for r in range(judul + 2, ws.max_row + 1):
        if not ws.cell(r, 4).value:
            break
        daftar.append(ws.cell(r, 4).value)
    assert daftar == ["T-03", "T-05"]
