"""Capaian, quarters to the year and kategori: the rules of the README's "Capaian dan kategori" and worked examples."""

import pytest
from hypothesis import given, strategies as st

from ikuxl import SKALA_MALUKU_TENGAH, SKALA_PREDIKAT_SAKIP, Skala, agregasi_tahunan, capaian, hitung_capaian, kategori
from ikuxl.nilai import parse_nilai


@pytest.mark.parametrize(
    "target, realisasi, polaritas, metode, harapan",
    [
        (150, 120, "positif", None, 80.0),
        ("20 Unit", "20 Unit", "positif", None, 100.0),
        (7, 6.5, "negatif", None, 107.14285714285714),  # the README's worked example
        (8, 9, "negatif", None, 87.5),  # (2 × 8 − 9) / 8 × 100
        (10, 12, "negatif", None, 80.0),
        (10, 12, "negatif", "kebalikan", 83.33333333333334),
        ("10%", "9,85 %", "negatif", None, 101.5),
        ("80 - 90", 70, "positif", None, 87.5),  # below the range: 70 / 80
        ("80 - 90", 85, "positif", None, 100.0),
        ("80-90", 90, "negatif", None, 100.0),
        ("80-90", 99, "stabil", None, (2 * 90 - 99) / 90 * 100),  # stabil above: lower is better vs 90
        ((80, 90), 99, "rentang", "kebalikan", 90 / 99 * 100),
        ("80-90", 99, "positif", None, 99 / 90 * 100),  # positif above the range: more than 100
        (0, 0, "negatif", None, 100.0),  # nothing wanted, nothing happened
        (10, 35, "negatif", None, 0.0),  # floored at 0
        (5, -1, "positif", None, 0.0),
        ("BB", "A", "positif", None, 6 / 5 * 100),  # predikat by ordinal value
        ("Positif", None, "positif", None, None),
    ],
)
def test_aturan_capaian(target, realisasi, polaritas, metode, harapan):
    """Each rule with a worked value."""
    hasil = capaian(target, realisasi, polaritas, metode)
    assert hasil == (pytest.approx(harapan) if harapan is not None else None)


@pytest.mark.parametrize(
    "target, realisasi, polaritas, metode, kata",
    [
        (0, 5, "positif", None, "target 0"),
        (0, 0, "positif", None, "target 0"),
        (0, 3, "negatif", None, "target 0"),
        (10, 0, "negatif", "kebalikan", "realisasi 0"),
        (None, 5, "positif", None, "target belum diisi"),
        ("-", 5, "positif", None, "target belum diisi"),
        (10, None, "positif", None, "realisasi belum diisi"),
        (10, "N/A", "positif", None, "realisasi belum diisi"),
        ("1.500", 5, "positif", None, "ambigu"),
        (10, "Jumlah rumah", "positif", None, "bukan angka"),
        (10, 5, None, None, "polaritas belum diisi"),
        (10, 5, "naik", None, "polaritas"),
        (10, 5, "negatif", "entah", "metode"),
        (-10, 5, "positif", None, "target negatif"),
        (10, "80 - 90", "positif", None, "rentang"),
    ],
)
def test_tidak_dapat_dihitung_dengan_alasan(target, realisasi, polaritas, metode, kata):
    hasil = hitung_capaian(target, realisasi, polaritas, metode)
    assert hasil.nilai is None and hasil.mentah is None
    assert kata in hasil.alasan


@pytest.mark.parametrize("batas, nilai", [(None, 150.0), (120, 120.0), (100, 100.0)])
def test_batas_atas_menyimpan_nilai_mentah(batas, nilai):
    hasil = hitung_capaian(10, 15, batas=batas)
    assert (hasil.nilai, hasil.mentah) == (nilai, 150.0)


@given(
    st.floats(0, 1e6),
    st.floats(-1e6, 1e6),
    st.sampled_from(["positif", "negatif"]),
    st.sampled_from(["standar", "kebalikan"]),
    st.sampled_from([None, 100, 120]),
)
def test_capaian_selalu_angka_terbatas_atau_none_beralasan(t, r, polaritas, metode, batas):
    hasil = hitung_capaian(t, r, polaritas, metode, batas)
    if hasil.nilai is None:
        assert hasil.alasan
    else:
        assert 0 <= hasil.nilai < float("inf") and abs(hasil.mentah) < float("inf")
        assert hasil.nilai == min(max(0, hasil.mentah), batas if batas is not None else float("inf"))


@pytest.mark.parametrize("lantai, nilai", [(0, 0.0), (None, -70.5), (-50, -50.0)])
def test_capaian_negatif_dilaporkan_mentah_dan_lantainya_pengaturan(lantai, nilai):
    """Economic growth: target 2 %, realisasi −1,41 % → −70,50 % as agencies publish it; the floor is a setting."""
    hasil = hitung_capaian(2, -1.41, "positif", lantai=lantai)
    assert hasil.mentah == pytest.approx(-70.5) and hasil.nilai == pytest.approx(nilai)


# --- quarters to the year ---


def test_kumulatif_menjumlah_triwulan_terisi_dan_target_triwulan_yang_sama():
    t = agregasi_tahunan("kumulatif", [5, 10, None, None], [10, 10, 10, 10], 40)
    assert (t.realisasi, t.target, t.triwulan) == (15, 20, (1, 2))
    penuh = agregasi_tahunan("kumulatif", [5, 10, 12, 13], [10, 10, 10, 10], 45)
    assert (penuh.realisasi, penuh.target) == (40, 45)  # a full year compares with the yearly target


def test_akhir_periode_memakai_triwulan_terakhir_yang_terisi():
    t = agregasi_tahunan("akhir periode", [12.0, None, 10.5, None], [12, 11, 10, 9], 9)
    assert (t.realisasi, t.target, t.triwulan) == (10.5, 10, (1, 3))


def test_rata_rata_dari_triwulan_terisi():
    t = agregasi_tahunan("Rata-rata", [80, 90, None, None], [85, 85, 85, 85])
    assert (t.realisasi, t.target) == (85, 85)


def test_rasio_dihitung_ulang_dari_komponen_yang_dijumlah():
    komponen = [{"Layak": 10, "RTLH": 100}, {"layak": 30, "rtlh": 100}, {"Layak": 5}, {}]
    t = agregasi_tahunan("rasio", target_tw=[None, 15, None, None], komponen_tw=komponen, rumus="[Layak] / [RTLH] * 100")
    assert (t.realisasi, t.target, t.triwulan) == (20.0, 15.0, (1, 2))


def test_sel_teks_dan_nol_yang_diisi():
    t = agregasi_tahunan("kumulatif", ["20 Unit", 0, None, 4], [5, 5, 5, 5])
    assert (t.realisasi, t.triwulan, t.target) == (4, (2, 4), 10)


@pytest.mark.parametrize(
    "argumen, kata",
    [
        (dict(sifat="kumulatif", realisasi_tw=[None] * 4), "realisasi belum diisi"),
        (dict(sifat="kumulatif", realisasi_tw=[1, 2, 3], target_tw=[5]), "target triwulan II belum"),
        (dict(sifat="", realisasi_tw=[1]), "sifat belum diisi"),
        (dict(sifat="rasio", komponen_tw=[{"a": 1}]), "rumus"),
        (dict(sifat="rasio", komponen_tw=[{"a": 1, "b": 0}], rumus="[a]/[b]", target_tw=[1]), "nol"),
    ],
)
def test_agregasi_tidak_lengkap_memberi_alasan(argumen, kata):
    t = agregasi_tahunan(**argumen)
    assert kata in (t.alasan if t.realisasi is None else t.alasan_target)


def test_sifat_tidak_dikenal_ditolak():
    with pytest.raises(ValueError, match="sifat"):
        agregasi_tahunan("bulanan", [1])


# --- kategori ---


@pytest.mark.parametrize(
    "nilai, label",
    [
        (150, "Sangat Tinggi"),
        (91, "Sangat Tinggi"),
        (90.5, "Tinggi"),
        (76, "Tinggi"),
        (75.5, "Sedang"),
        (66, "Sedang"),
        (65.99, "Rendah"),
        (51, "Rendah"),
        (50.99, "Sangat Rendah"),
        (0, "Sangat Rendah"),
        (None, "Tidak dapat dihitung"),
        (float("nan"), "Tidak dapat dihitung"),
    ],
)
def test_skala_permendagri_86(nilai, label):
    assert kategori(nilai) == label


@pytest.mark.parametrize(
    "nilai, label",
    [(85.01, "Memuaskan"), (85, "Sangat Baik"), (75, "Baik"), (50.5, "Cukup Baik"), (30.01, "Agak Kurang"), (30, "Kurang")],
)
def test_skala_maluku_tengah_batas_eksklusif(nilai, label):
    assert kategori(nilai, SKALA_MALUKU_TENGAH) == label


@pytest.mark.parametrize("skor, predikat", [(90, "AA"), (89.9, "A"), (70, "BB"), (60, "B"), (50, "CC"), (30, "C"), (29, "D")])
def test_predikat_sakip(skor, predikat):
    assert kategori(skor, SKALA_PREDIKAT_SAKIP) == predikat


def test_skala_dari_tabel_lembar_referensi():
    tabel = [
        ["≥ 91", "Sangat Tinggi"],
        ["Tinggi", 76],
        [66, "Sedang"],
        ["> 50", "Rendah"],
        ["≤ 50", "Sangat Rendah"],
        [None, None],
    ]
    skala = Skala.dari_tabel(tabel)
    assert [kategori(x, skala) for x in (95, 76, 70, 50.5, 50)] == [
        "Sangat Tinggi",
        "Tinggi",
        "Sedang",
        "Rendah",
        "Sangat Rendah",
    ]
    assert kategori(95, tabel) == "Sangat Tinggi"
    with pytest.raises(ValueError, match="baris 1"):
        Skala.dari_tabel([["sekitar 90", "Baik"]])


def test_batas_pita_dibandingkan_seperti_lembar_kerja():
    """A capaian within 2^-48 of a bound is on it, as a spreadsheet compares: in an inclusive band, not in an
    exclusive one, from either side."""
    sedikit = 2.0**-50
    assert kategori(91 * (1 - sedikit)) == kategori(91 * (1 + sedikit)) == "Sangat Tinggi"
    assert kategori(85 * (1 + sedikit), SKALA_MALUKU_TENGAH) == kategori(85 * (1 - sedikit), SKALA_MALUKU_TENGAH)
    assert kategori(85 * (1 + sedikit), SKALA_MALUKU_TENGAH) == "Sangat Baik"


@given(st.floats(-1e9, 1e9))
def test_setiap_capaian_masuk_tepat_satu_pita(x):
    assert kategori(x) in {"Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"}


BAWAH, ATAS = 80.0, 90.0
RENTANG_SMK = {  # PermenPANRB SMK: (polaritas, metode) → capaian below, inside and above the range 80–90
    ("positif", "standar"): (lambda r: r / BAWAH * 100, lambda r: r / ATAS * 100),
    ("negatif", "standar"): (lambda r: (2 * BAWAH - r) / BAWAH * 100, lambda r: (2 * ATAS - r) / ATAS * 100),
    ("negatif", "kebalikan"): (lambda r: BAWAH / r * 100, lambda r: ATAS / r * 100),
    ("stabil", "standar"): (lambda r: r / BAWAH * 100, lambda r: (2 * ATAS - r) / ATAS * 100),
    ("stabil", "kebalikan"): (lambda r: r / BAWAH * 100, lambda r: ATAS / r * 100),
}


@pytest.mark.parametrize("polaritas, metode", list(RENTANG_SMK))
@pytest.mark.parametrize("realisasi", [60, 79.5, 80, 85, 90, 90.5, 120])
def test_target_rentang_mengikuti_polaritas(polaritas, metode, realisasi):
    bawah, atas = RENTANG_SMK[(polaritas, metode)]
    harapan = 100.0 if BAWAH <= realisasi <= ATAS else bawah(realisasi) if realisasi < BAWAH else atas(realisasi)
    for target in ("80 - 90", "80 – 90", (80, 90)):
        hasil = hitung_capaian(target, realisasi, polaritas, metode, lantai=None)
        assert hasil.mentah == pytest.approx(harapan), (target, polaritas, metode)
    if polaritas != "negatif":  # better than the range is more than 100 only where the polaritas says so
        assert hitung_capaian("80 - 90", 120, polaritas, metode).mentah >= 100 or polaritas == "stabil"


SEL = [80, 80.0, -0.0, 0, 0.0, -5, 1e308, float("inf"), float("nan"), True, "80", "80 - 90", "-", "abc", None, " 12,5 "]


@pytest.mark.parametrize("polaritas", ["positif", "negatif"])
@pytest.mark.parametrize("target", SEL)
def test_angka_sel_dibaca_seperti_nilainya(target, polaritas):
    """A cell's number is read without a Nilai (hitung_capaian runs for every capaian cell): every cell value
    gives what its parse_nilai reading gives, to the sign of a zero and each reason's wording."""
    for realisasi in SEL:
        langsung = hitung_capaian(target, realisasi, polaritas, lantai=None)
        lewat_nilai = hitung_capaian(parse_nilai(target), parse_nilai(realisasi), polaritas, lantai=None)
        assert repr(langsung) == repr(lewat_nilai), (target, realisasi)
